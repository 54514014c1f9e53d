//! `bundle NAME [--out DIR] [--force] [--json]`: the signed-ready bundle (folder and zip);
//! refuses while check finds problems. For an access request it also says where to file it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use eid_onboard::bundle::{self, BundleError, BundleOutcome, Options};
use eid_onboard::draft::DraftStore;
use eid_onboard::form::Delivery;
use eid_onboard::order::Order;
use eid_onboard::report::Report;
use eid_onboard::text::Lang;
use eid_onboard::validate::Context;

use super::strings::strings;
use super::{NOT_READY, existing_draft, facts_for, print, print_json, refuse_not_ready};

/// What `bundle` was asked to do.
pub(super) struct Flags {
    pub out: Option<PathBuf>,
    pub force: bool,
    pub json: bool,
}

pub(super) fn run(
    store: &DraftStore,
    name: &str,
    flags: Flags,
    lang: Lang,
    offline: bool,
) -> Result<ExitCode> {
    let name = existing_draft(store, name, lang)?;
    // Held from reading the answers to recording the bundle: no one changes the draft meanwhile.
    let lock = store.lock(&name)?;
    let order = Order::open(store, &name)?;
    let not_ready = |report: &Report| not_ready(&order, report, lang, flags.json);
    // What the registry says can block (a deleted or bankrupt company), and the bundle's checklist
    // says it, with the date of the register's answer: the same draft and the same answer give
    // the same bytes.
    let (facts, _) = facts_for(offline, &order.spec, &order.answers)?;
    let report = order.check(&Context::now(), &facts);
    if !report.ready() {
        return not_ready(&report);
    }
    let out = out_dir(flags.out.as_deref())?;
    // The email in the bundle comes from the configured sender, as `send` sends it.
    let mail = eid_onboard::mail::Config::load().context("mail settings")?;
    let options = Options {
        facts,
        force: flags.force,
        sender: mail.sender().cloned(),
    };
    let outcome = match bundle::create(&order, &out, &options) {
        Ok(outcome) => outcome,
        Err(BundleError::NotReady { report }) => return not_ready(&report),
        Err(e) => return Err(e.into()),
    };
    bundle::record(store, &lock, &outcome, jiff::Timestamp::now())?;
    if flags.json {
        print_json(as_json(&order, &outcome, lang))?;
    } else {
        print(&as_text(&order, &outcome, lang))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the bundle is, and for an access request where to file it instead of `send`.
fn as_text(order: &Order, outcome: &BundleOutcome, lang: Lang) -> String {
    let (dir, zip) = (outcome.dir.display(), outcome.zip.display());
    let mut written =
        (strings(lang).bundle_written)(&dir.to_string(), &zip.to_string(), &outcome.zip_sha256);
    if let Delivery::AccessRequest { title, place } = order.spec.delivery(&order.answers) {
        written.push_str(&(strings(lang).bundle_access_request)(
            title.get(lang),
            place.get(lang),
            order.name.as_str(),
        ));
    }
    written
}

/// The same for scripts: the folder, the zip, its hash and the files.
fn as_json(order: &Order, outcome: &BundleOutcome, lang: Lang) -> serde_json::Value {
    let access_request = match order.spec.delivery(&order.answers) {
        Delivery::AccessRequest { title, place } => serde_json::json!({
            "title": title.get(lang),
            "where": place.get(lang),
        }),
        Delivery::Email { .. } | Delivery::Missing { .. } => serde_json::Value::Null,
    };
    serde_json::json!({
        "draft": order.name.as_str(),
        "form": order.spec.id,
        "bundled": true,
        "dir": outcome.dir.display().to_string(),
        "zip": outcome.zip.display().to_string(),
        "zip_sha256": outcome.zip_sha256,
        "files": outcome.files,
        "access_request": access_request,
    })
}

/// `--out`, else the current folder.
fn out_dir(out: Option<&Path>) -> Result<PathBuf> {
    match out {
        Some(dir) => Ok(dir.to_path_buf()),
        None => std::env::current_dir().context("cannot find the current folder"),
    }
}

/// The problems that keep the bundle from being written: the check's report (as `check --json`
/// for scripts), exit 1.
fn not_ready(order: &Order, report: &Report, lang: Lang, json: bool) -> Result<ExitCode> {
    if !json {
        return refuse_not_ready(order, report, lang, strings(lang).no_bundle);
    }
    let mut value = report.to_json(lang, order.name.as_str(), &order.spec.id);
    if let Some(object) = value.as_object_mut() {
        object.insert("bundled".into(), false.into());
    }
    print_json(value)?;
    Ok(ExitCode::from(NOT_READY))
}
