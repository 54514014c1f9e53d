//! `bundle NAME [--out DIR] [--force]`: the signed-ready bundle (folder and zip); refuses while
//! check finds problems. For an access request it also says where to file it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use eid_onboard::bundle::{self, BundleError, Options};
use eid_onboard::draft::{DraftName, DraftStore};
use eid_onboard::form::Delivery;
use eid_onboard::order::Order;
use eid_onboard::report::Report;
use eid_onboard::text::Lang;
use eid_onboard::validate::Context;

use super::strings::strings;
use super::{facts_for, print, refuse_not_ready};

pub(super) fn run(
    store: &DraftStore,
    name: &str,
    out: Option<&Path>,
    force: bool,
    lang: Lang,
    offline: bool,
) -> Result<ExitCode> {
    let name = DraftName::parse(name)?;
    // Held from reading the answers to recording the bundle: no one changes the draft meanwhile.
    let lock = store.lock(&name)?;
    let order = Order::open(store, &name)?;
    let not_ready = |report: &Report| not_ready(&order, report, lang);
    // What the registry says can block (a deleted or bankrupt company), and the bundle's checklist
    // says it, with the date of the register's answer: the same draft and the same answer give
    // the same bytes.
    let (facts, _) = facts_for(offline, &order.spec, &order.answers)?;
    let report = order.check(&Context::now(), &facts);
    if !report.ready() {
        return not_ready(&report);
    }
    let out = out_dir(out)?;
    // The email in the bundle comes from the configured sender, as `send` sends it.
    let mail = eid_onboard::mail::Config::load().context("mail settings")?;
    let options = Options {
        facts,
        force,
        sender: mail.sender().cloned(),
    };
    let outcome = match bundle::create(&order, &out, &options) {
        Ok(outcome) => outcome,
        Err(BundleError::NotReady { report }) => return not_ready(&report),
        Err(e) => return Err(e.into()),
    };
    bundle::record(store, &lock, &outcome, jiff::Timestamp::now())?;
    let (dir, zip) = (outcome.dir.display(), outcome.zip.display());
    let mut written =
        (strings(lang).bundle_written)(&dir.to_string(), &zip.to_string(), &outcome.zip_sha256);
    // An access request takes no email: say where it is filed instead of `send`.
    if let Delivery::AccessRequest { title, place } = order.spec.delivery(&order.answers) {
        written.push_str(&(strings(lang).bundle_access_request)(
            title.get(lang),
            place.get(lang),
            name.as_str(),
        ));
    }
    print(&written)?;
    Ok(ExitCode::SUCCESS)
}

/// `--out`, else the current folder.
fn out_dir(out: Option<&Path>) -> Result<PathBuf> {
    match out {
        Some(dir) => Ok(dir.to_path_buf()),
        None => std::env::current_dir().context("cannot find the current folder"),
    }
}

fn not_ready(order: &Order, report: &Report, lang: Lang) -> Result<ExitCode> {
    refuse_not_ready(order, report, lang, strings(lang).no_bundle)
}
