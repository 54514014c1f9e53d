//! The bundle's bytes are a contract: the same answers give the same zip, across refactors too.
//! The SHA-256 of each fixture's zip was recorded before the core moved into `crates/core`; a
//! change here means a bundle a user already verified would no longer match.

mod common;

use common::Workspace;
use eid_onboard::bundle;
use eid_onboard::draft::DraftStore;
use eid_onboard::order;
use sha2::{Digest, Sha256};

/// (fixture, draft name, SHA-256 of the zip), recorded at commit 6ff3a77; the two Idura fixtures
/// again when Idura's order took question 12 (products) and several signatories.
const RECORDED: &[(&str, &str, &str)] = &[
    (
        "idura-complete.toml",
        "acme",
        "1593fe0ee68ab1df06e0f42fd0405f99e249cf7d3b628229d59250cc54564b70",
    ),
    (
        "criipto-complete.toml",
        "clinic",
        "32ad78e260503c3c6d1ef82f5e14f544a63f0438d592f5e221c23190e2a96a04",
    ),
    (
        "bankid-oidc-complete.toml",
        "oidc",
        "009e212de45dd55b4fa02f83a1ab5075c942067b755768fb34b22f351d2908b5",
    ),
    (
        "idporten-oidc-complete.toml",
        "idporten",
        "8227c39779a88cc8ebaf4edf364a76a223c9429b3df2a52988afe21d08e44b65",
    ),
    (
        "idura-foreign.toml",
        "foreign",
        "1213c2cf30a10676e218b5cb329a321f036e734cf41af89160161264543a3ee0",
    ),
];

#[test]
fn every_fixture_bundles_to_the_recorded_bytes() {
    let ws = Workspace::new();
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let mut wrong = Vec::new();
    for (fixture, name, recorded) in RECORDED {
        let order = order::import(&store, &ws.path(fixture), Some(name), now).unwrap();
        let built =
            bundle::build(&order, &Default::default()).unwrap_or_else(|e| panic!("{fixture}: {e}"));
        let hash = hex::encode(Sha256::digest(&built.zip));
        if hash != *recorded {
            wrong.push(format!("{fixture}: {hash} (recorded {recorded})"));
        }
    }
    assert!(
        wrong.is_empty(),
        "bundle bytes changed:\n{}",
        wrong.join("\n")
    );
}
