//! The line-by-line wizard and the live check of the production domain: once the domain is
//! answered, a short "checking…" line, then what the check found, within the time limit.

mod common;

use std::io::Cursor;
use std::time::Duration;

use common::Workspace;
use common::oidc::{self, Play, Server};
use eid_onboard::config::{Setting, Source};
use eid_onboard::domain_check::{Checker, Mapping, Settings};
use eid_onboard::draft::{DraftName, DraftStore};
use eid_onboard::order::{self, Order};
use eid_onboard::plain::PlainWizard;
use eid_onboard::text::Lang;

const DOMAIN: &str = "login.solglott-eiendom.no";

fn checker(ws: &Workspace, server: &Server, timeout: Duration) -> Checker {
    let setting = |value| Setting {
        value,
        source: Source::Default,
    };
    Checker::new(&Settings {
        timeout: setting(timeout),
        resolve: Setting {
            value: vec![Mapping::parse(&server.resolve(DOMAIN)).unwrap()],
            source: Source::Default,
        },
        ca_file: Some(Setting {
            value: server.write_ca(ws.dir.path()),
            source: Source::Default,
        }),
        ..Settings::default()
    })
    .unwrap()
}

/// The complete Idura order without its production domain, answered at the prompt with `checker`;
/// and what it printed.
fn answer_domain(ws: &Workspace, checker: Checker) -> String {
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let file = ws.variant(
        "idura-complete.toml",
        "no-domain",
        "service.production_domain",
        None,
    );
    order::import(&store, &file, Some("acme"), jiff::Timestamp::now()).unwrap();
    let (order, lock) = Order::open_locked(&store, &DraftName::parse("acme").unwrap()).unwrap();
    let mut out = Vec::new();
    let mut wizard = PlainWizard::new(&store, order, lock, Lang::En)
        .with_cwd(common::FIXTURES)
        .with_domain_check(checker);
    wizard
        .run(Cursor::new(format!("https://{DOMAIN}\n:q\n")), &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_set_up_domain_is_said_to_be_set_up_after_the_answer() {
    let ws = Workspace::new();
    let server = oidc::https(DOMAIN, 200, &oidc::discovery(&format!("https://{DOMAIN}")));
    let out = answer_domain(&ws, checker(&ws, &server, Duration::from_secs(10)));
    assert!(
        out.contains(&format!("Checking {DOMAIN}… (at most 10 s)")),
        "{out}"
    );
    assert!(out.contains("Production domain set up: "), "{out}");
    assert_eq!(server.requests.lock().unwrap().len(), 1);
}

#[test]
fn a_silent_domain_is_not_confirmed_within_the_time_limit() {
    let ws = Workspace::new();
    let server = Server::start(Play::Silent);
    let out = answer_domain(&ws, checker(&ws, &server, Duration::from_millis(300)));
    assert!(out.contains("Checking "), "{out}");
    assert!(
        out.contains(&format!(
            "Production domain not confirmed: {DOMAIN} did not answer within 0.3 s."
        )),
        "{out}"
    );
}

#[test]
fn a_domain_with_another_issuer_is_said_not_to_be_set_up() {
    let ws = Workspace::new();
    let server = oidc::https(
        DOMAIN,
        200,
        &oidc::discovery("https://solglott.idura.broker"),
    );
    let out = answer_domain(&ws, checker(&ws, &server, Duration::from_secs(10)));
    assert!(out.contains("Production domain not set up: "), "{out}");
    assert!(out.contains("https://solglott.idura.broker"), "{out}");
}
