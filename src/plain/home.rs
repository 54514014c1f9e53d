//! The home prompt: the drafts to continue and the questionnaires to start from.

use std::io::{BufRead, Write};

use super::strings::{Strings, strings};
use super::term::{Line, Term};
use super::{Outcome, PlainError, PlainWizard};
use crate::draft::{DraftLock, DraftName, DraftStore};
use crate::form::{FormSpec, catalog};
use crate::order::{self, DraftSummary, Order, OrderError};
use crate::registry::Registry;
use crate::text::Lang;

/// Lists the drafts and questionnaires, then continues a draft or starts a new one in the wizard.
/// `q` or the end of input leaves; a draft that cannot be opened (open elsewhere, unreadable) is
/// reported and the list shown again.
pub fn home<R: BufRead, W: Write>(
    store: &DraftStore,
    lang: Lang,
    input: R,
    output: W,
) -> Result<Outcome, PlainError> {
    home_with_registry(store, lang, None, input, output)
}

/// [`home`], the wizard looking organisation numbers up in `registry`.
pub fn home_with_registry<R: BufRead, W: Write>(
    store: &DraftStore,
    lang: Lang,
    registry: Option<Registry>,
    input: R,
    output: W,
) -> Result<Outcome, PlainError> {
    home_with(store, lang, registry, None, input, output)
}

/// [`home_with_registry`], the wizard also checking the production domain with `domain`.
pub fn home_with<R: BufRead, W: Write>(
    store: &DraftStore,
    lang: Lang,
    registry: Option<Registry>,
    domain: Option<crate::domain_check::Checker>,
    input: R,
    output: W,
) -> Result<Outcome, PlainError> {
    home_on(&mut Term::new(input, output), store, lang, registry, domain)
}

/// [`home_with`] on the process's own terminal: an ending signal (Ctrl-C, `kill`, a closed
/// window) keeps the line half typed in the wizard, and the outcome names the signal.
pub fn home_on_terminal(
    store: &DraftStore,
    lang: Lang,
    registry: Option<Registry>,
    domain: Option<crate::domain_check::Checker>,
) -> Result<Outcome, PlainError> {
    let watch = super::signals::Watch::start()?;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut term = Term::new(stdin.lock(), stdout.lock()).watching(watch.caught());
    let outcome = home_on(&mut term, store, lang, registry, domain)?;
    Ok(watch.signal().map_or(outcome, Outcome::Signal))
}

fn home_on<R: BufRead, W: Write>(
    term: &mut Term<R, W>,
    store: &DraftStore,
    lang: Lang,
    registry: Option<Registry>,
    domain: Option<crate::domain_check::Checker>,
) -> Result<Outcome, PlainError> {
    let s = strings(lang);
    let forms = catalog::shipped()?;
    term.say(s.home_title)?;
    loop {
        let drafts = order::summaries(store)?;
        show_home(term, lang, &drafts, &forms)?;
        let opened = match term.read()? {
            Line::Quit => return Ok(Outcome::Quit),
            Line::Text(typed) => match typed.trim() {
                "q" => return Ok(Outcome::Quit),
                "n" => match new_order(term, store, lang, &forms)? {
                    Some(opened) => opened,
                    None => return Ok(Outcome::Quit),
                },
                number => match pick_draft(store, &drafts, number, s) {
                    Ok(opened) => opened,
                    Err(message) => {
                        term.say(&message)?;
                        continue;
                    }
                },
            },
            _ => {
                term.say(s.home_bad)?;
                continue;
            }
        };
        let (order, lock) = opened;
        let mut wizard = PlainWizard::new(store, order, lock, lang);
        if let Some(registry) = registry {
            wizard = wizard.with_registry(registry);
        }
        if let Some(checker) = domain {
            wizard = wizard.with_domain_check(checker);
        }
        return wizard.run_on(term);
    }
}

fn show_home<R: BufRead, W: Write>(
    term: &mut Term<R, W>,
    lang: Lang,
    drafts: &[DraftSummary],
    forms: &[FormSpec],
) -> Result<(), PlainError> {
    let s = strings(lang);
    term.blank()?;
    term.say(if drafts.is_empty() {
        s.no_drafts
    } else {
        s.drafts
    })?;
    let width = drafts
        .iter()
        .map(|d| d.name.as_str().len())
        .max()
        .unwrap_or(0);
    for (i, listed) in drafts.iter().enumerate() {
        let name = listed.name.as_str();
        let row = match &listed.summary {
            Ok(summary) => {
                let p = summary.progress;
                let status = summary.status.label(lang);
                let form = &summary.form;
                format!(
                    "{name:width$}  {form}  {}/{}  {status}",
                    p.answered, p.required
                )
            }
            Err(e) => format!("{name:width$}  {}: {e}", s.unreadable),
        };
        term.say(&format!("  {}. {row}", i + 1))?;
    }
    term.say(s.forms)?;
    let width = forms.iter().map(|f| f.id.len()).max().unwrap_or(0);
    for form in forms {
        term.say(&format!("  {:width$}  {}", form.id, form.title.get(lang)))?;
    }
    Ok(term.say(s.home_hint)?)
}

/// The draft with this number, opened under its lock; `Err` is the message to show.
fn pick_draft(
    store: &DraftStore,
    drafts: &[DraftSummary],
    typed: &str,
    s: &Strings,
) -> Result<(Order, DraftLock), String> {
    let n: usize = typed.parse().map_err(|_| s.home_bad.to_string())?;
    let listed = n
        .checked_sub(1)
        .and_then(|i| drafts.get(i))
        .ok_or_else(|| (s.no_draft_number)(n))?;
    Order::open_locked(store, &listed.name).map_err(|e| e.to_string())
}

/// Asks for the questionnaire and the draft name, and creates the draft; `None` when the user
/// quits on the way.
fn new_order<R: BufRead, W: Write>(
    term: &mut Term<R, W>,
    store: &DraftStore,
    lang: Lang,
    forms: &[FormSpec],
) -> Result<Option<(Order, DraftLock)>, PlainError> {
    let Some(spec) = pick_form(term, lang, forms)? else {
        return Ok(None);
    };
    let s = strings(lang);
    loop {
        let default = order::free_name(store, &spec.id);
        term.say(&(s.draft_name)(default.as_str()))?;
        let name = match term.read()? {
            Line::Quit => return Ok(None),
            Line::Keep => default,
            Line::Text(typed) => match DraftName::parse(typed.trim()) {
                Ok(name) => name,
                Err(e) => {
                    term.say(&e.message(lang))?;
                    continue;
                }
            },
            _ => continue,
        };
        match order::create(store, spec.clone(), &name, jiff::Timestamp::now()) {
            Ok(created) => return Ok(Some(created)),
            Err(OrderError::Exists { .. }) => term.say(&(s.name_taken)(name.as_str()))?,
            Err(e) => term.say(&e.message(lang))?,
        }
    }
}

/// A questionnaire by its number or id; `None` when the user quits.
fn pick_form<R: BufRead, W: Write>(
    term: &mut Term<R, W>,
    lang: Lang,
    forms: &[FormSpec],
) -> Result<Option<FormSpec>, PlainError> {
    let s = strings(lang);
    loop {
        term.say(s.pick_form)?;
        for (i, form) in forms.iter().enumerate() {
            term.say(&format!(
                "  {}. {}: {}",
                i + 1,
                form.id,
                form.title.get(lang)
            ))?;
            term.say(&format!("     {}", form.about.get(lang)))?;
        }
        let typed = match term.read()? {
            Line::Quit => return Ok(None),
            Line::Text(typed) => typed,
            _ => continue,
        };
        let typed = typed.trim();
        let by_number = typed
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| forms.get(i));
        if let Some(form) = by_number.or_else(|| forms.iter().find(|f| f.id == typed)) {
            return Ok(Some(form.clone()));
        }
    }
}
