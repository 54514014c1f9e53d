//! The wizard: no command (home), `new FORM [NAME]` and `edit NAME`, full-screen on a terminal,
//! else line by line.

use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::draft::{DraftName, DraftStore};
use eid_onboard::order::{self, Order};
use eid_onboard::plain::{self, PlainWizard};
use eid_onboard::text::Lang;
use eid_onboard::tui::{self, Start};

use super::{domain_checker, registry};

pub(super) fn full_screen(
    store: DraftStore,
    lang: Lang,
    start: Start,
    offline: bool,
) -> Result<ExitCode> {
    // A broken mail setting does not stop the wizard: sending says what is wrong when asked.
    let mail = eid_onboard::mail::Config::load().map_err(|e| e.message(lang));
    let domain = domain_checker(offline)?;
    let ended = tui::run(
        store,
        lang,
        start,
        Some(registry(offline)?),
        Some(domain),
        mail,
    )?;
    match ended {
        tui::Ended::Quit => Ok(ExitCode::SUCCESS),
        // As the shell reports a program the signal ended: 143 for SIGTERM, 129 for SIGHUP.
        tui::Ended::Signal(signal) => Ok(ExitCode::from((128 + signal) as u8)),
    }
}

/// The line-by-line home: drafts to resume or a new order.
pub(super) fn home(store: &DraftStore, lang: Lang, offline: bool) -> Result<ExitCode> {
    let outcome = plain::home_on_terminal(
        store,
        lang,
        Some(registry(offline)?),
        Some(domain_checker(offline)?),
    )?;
    Ok(ExitCode::from(outcome.exit_status()))
}

pub(super) fn new(
    store: &DraftStore,
    form: &str,
    name: Option<&str>,
    lang: Lang,
    offline: bool,
) -> Result<ExitCode> {
    let spec = order::form(form)?;
    let name = match name {
        Some(name) => DraftName::parse(name)?,
        None => order::free_name(store, &spec.id),
    };
    let (order, lock) = order::create(store, spec, &name, jiff::Timestamp::now())?;
    run_plain(plain_wizard(store, order, lock, lang, offline)?)
}

pub(super) fn edit(store: &DraftStore, name: &str, lang: Lang, offline: bool) -> Result<ExitCode> {
    let name = DraftName::parse(name)?;
    let (order, lock) = Order::open_locked(store, &name)?;
    run_plain(plain_wizard(store, order, lock, lang, offline)?)
}

/// The line-by-line wizard over an order, with the registry and the domain check as configured.
fn plain_wizard<'a>(
    store: &'a DraftStore,
    order: Order,
    lock: eid_onboard::draft::DraftLock,
    lang: Lang,
    offline: bool,
) -> Result<PlainWizard<'a>> {
    Ok(PlainWizard::new(store, order, lock, lang)
        .with_registry(registry(offline)?)
        .with_domain_check(domain_checker(offline)?))
}

/// Finished, or saved and quit, is a success: the draft holds everything typed. A signal ends
/// with its status (the draft holds the line half typed too).
fn run_plain(mut wizard: PlainWizard<'_>) -> Result<ExitCode> {
    Ok(ExitCode::from(wizard.run_on_terminal()?.exit_status()))
}
