//! The commands: one file each. A command calls the core, prints the result and returns the exit
//! status; `run` picks the command, and what several share lives here.

mod bundle;
mod check;
mod completions;
mod config;
mod export;
mod forms;
mod help;
mod import;
mod list;
mod man;
mod send;
mod status;
mod strings;
mod suggest;
mod verify;
mod wizard;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow};
use eid_onboard::answers::Answers;
use eid_onboard::domain_check;
use eid_onboard::draft::{DraftName, DraftStore};
use eid_onboard::form::FormSpec;
use eid_onboard::inert;
use eid_onboard::order::Order;
use eid_onboard::prereq::Facts;
use eid_onboard::registry::{Lookup, Registry, Settings};
use eid_onboard::report::Report;
use eid_onboard::text::Lang;
use eid_onboard::tui::Start;

use self::strings::strings;
use crate::cli::{Cli, Command, DataDir, LangArg, Offline, Plain};

/// Exit status when the order is not ready (check found problems), a bundle does not match, or a
/// send was refused.
const NOT_READY: u8 = 1;

/// The version of the JSON outputs' shape: raised when a field changes meaning or goes away.
const JSON_SCHEMA: u32 = 1;

/// Exit status when sending failed (the draft is unchanged).
const FAILED: u8 = 2;

/// The language of messages: `--lang`, else the environment (`EID_ONBOARD_LANG`, `LANGUAGE`,
/// the locale).
pub fn lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Nb) => Lang::Nb,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
}

/// An error for standard error in `lang`: the core's errors word themselves in both languages;
/// any other (and every one in English) reads as its chain of causes, joined by ": " as `{:#}`
/// does. A cause already said at the end of the one before it (an OS error an error shows and
/// also gives as its source) is said once.
pub fn describe(error: &anyhow::Error, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let (text, worded) = match (lang, core_message(cause, lang)) {
            (Lang::Nb, Some(message)) => (message, true),
            (Lang::Nb, None) => (context_in(&cause.to_string(), lang), false),
            (Lang::En, _) => (cause.to_string(), false),
        };
        if !parts.last().is_some_and(|said| said.ends_with(&text)) {
            parts.push(text);
        }
        if worded {
            break;
        }
    }
    parts.join(": ")
}

/// The message of the first of these error types that `$cause` is, in `$lang`.
macro_rules! message_of {
    ($cause:expr, $lang:expr, $($ty:ty),+ $(,)?) => {
        $(
            if let Some(e) = $cause.downcast_ref::<$ty>() {
                return Some(e.message($lang));
            }
        )+
    };
}

/// The message of an error of the core's, in `lang`; `None` for any other error.
fn core_message(cause: &(dyn std::error::Error + 'static), lang: Lang) -> Option<String> {
    use eid_onboard::answers::AnswersError;
    use eid_onboard::bundle::{BundleError, VerifyError};
    use eid_onboard::draft::DraftError;
    use eid_onboard::mail::{MailError, SendError, StatusError};
    use eid_onboard::order::OrderError;
    use eid_onboard::tui::TuiError;
    if let Some(TuiError::Start(e)) = cause.downcast_ref::<TuiError>() {
        return Some(e.message(lang));
    }
    message_of!(
        cause,
        lang,
        OrderError,
        DraftError,
        AnswersError,
        VerifyError,
        BundleError,
        MailError,
        SendError,
        StatusError,
        eid_onboard::mail::ConfigProblem,
        eid_onboard::config::SettingsError,
        eid_onboard::config::ConfigError,
        eid_onboard::config::EnvError,
    );
    cause
        .downcast_ref::<std::io::Error>()
        .map(|e| eid_onboard::text::io_error(e, lang))
}

/// A context the commands put on an error (`mail settings`), in `lang`; any other text as it is.
fn context_in(text: &str, lang: Lang) -> String {
    let (en, theirs) = (strings::strings(Lang::En), strings::strings(lang));
    let pairs = [
        (en.mail_settings, theirs.mail_settings),
        (en.registry_settings, theirs.registry_settings),
        (en.domain_check_settings, theirs.domain_check_settings),
        (en.no_current_folder, theirs.no_current_folder),
        (en.no_stdout, theirs.no_stdout),
        (en.no_answer, theirs.no_answer),
        (en.no_password, theirs.no_password),
    ];
    pairs
        .iter()
        .find(|(english, _)| *english == text)
        .map_or_else(|| text.to_string(), |(_, said)| said.to_string())
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let lang = lang(cli.lang);
    let top = cli.wizard;
    // A command's own option wins; the one given before the command is the default.
    let data_dir = |own: DataDir| own.dir.or_else(|| top.data_dir.clone());
    let store = |own: DataDir| open_store(data_dir(own), lang);
    let offline = |own: Offline| own.set || top.offline;
    // The full-screen wizard needs a terminal on both ends; otherwise (pipes, scripts, --plain)
    // the line-by-line wizard runs over the same core.
    let full_screen = |own: Plain| {
        !(own.set || top.plain) && std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
    };
    let Some(command) = cli.command else {
        let store = store(DataDir::default())?;
        let offline = top.offline;
        return if full_screen(Plain::default()) {
            wizard::full_screen(store, lang, Start::Home, offline)
        } else {
            wizard::home(&store, lang, offline)
        };
    };
    match command {
        Command::New {
            form,
            name,
            data_dir,
            plain,
            offline: own,
        } => {
            let (store, offline) = (store(data_dir)?, offline(own));
            if full_screen(plain) {
                wizard::full_screen(store, lang, Start::New { form, name }, offline)
            } else {
                wizard::new(&store, &form, name.as_deref(), lang, offline)
            }
        }
        Command::Edit {
            name,
            data_dir,
            plain,
            offline: own,
        } => {
            let (store, offline) = (store(data_dir)?, offline(own));
            let name = existing_draft(&store, &name, lang)?;
            if full_screen(plain) {
                wizard::full_screen(store, lang, Start::Edit(name.to_string()), offline)
            } else {
                wizard::edit(&store, name.as_str(), lang, offline)
            }
        }
        Command::Forms { json } => forms::run(lang, json.set),
        Command::List { json, data_dir } => list::run(&store(data_dir)?, lang, json.set),
        Command::Check {
            name,
            json,
            data_dir,
            offline: own,
        } => check::run(&store(data_dir)?, &name, lang, json.set, offline(own)),
        Command::Import {
            file,
            name,
            json,
            data_dir,
            offline: own,
        } => import::run(
            &store(data_dir)?,
            &file,
            name.as_deref(),
            lang,
            json.set,
            offline(own),
        ),
        Command::Export { name, data_dir } => export::run(&store(data_dir)?, &name, lang),
        Command::Bundle {
            name,
            out,
            force,
            json,
            data_dir,
            offline: own,
        } => {
            let options = bundle::Flags {
                out,
                force,
                json: json.set,
            };
            bundle::run(&store(data_dir)?, &name, options, lang, offline(own))
        }
        Command::Verify { path, json } => verify::run(&path, lang, json.set),
        Command::Send {
            name,
            dry_run,
            yes,
            resend,
            json,
            data_dir,
            offline: own,
        } => {
            let flags = send::Flags {
                dry_run,
                yes,
                resend,
                json,
            };
            send::run(&store(data_dir)?, &name, flags, lang, offline(own))
        }
        Command::Status {
            name,
            status,
            json,
            data_dir,
        } => status::run(&store(data_dir)?, &name, status, lang, json.set),
        Command::Config {
            json,
            data_dir: own,
            offline: own_offline,
        } => config::run(data_dir(own), lang, offline(own_offline), json.set),
        Command::Completions { shell } => completions::run(shell, lang),
        Command::Man { command } => man::run(command.as_deref(), lang),
        Command::Help { command } => help::run(&command, lang),
    }
}

fn open_store(data_dir: Option<PathBuf>, lang: Lang) -> Result<DraftStore> {
    let dir = match data_dir {
        Some(dir) => dir,
        None => {
            DraftStore::default_data_dir().ok_or_else(|| anyhow!(strings::strings(lang).no_home))?
        }
    };
    Ok(DraftStore::open(dir)?)
}

/// The name of a draft that exists; for one that does not, the error names the drafts whose
/// names are close to it (`acme1` for `acme-1`).
fn existing_draft(store: &DraftStore, name: &str, lang: Lang) -> Result<DraftName> {
    let name = DraftName::parse(name)?;
    if store.exists(&name) {
        return Ok(name);
    }
    let names: Vec<String> = store
        .entries()
        .map(|entries| entries.into_iter().map(|e| e.name.to_string()).collect())
        .unwrap_or_default();
    let close = suggest::closest(name.as_str(), &names);
    Err(anyhow!((strings(lang).no_such_draft)(
        name.as_str(),
        close.as_deref()
    )))
}

/// Prints `value` (a JSON object) with `"schema": 1`, the version of every JSON output. Characters
/// a terminal would act on are written as JSON escapes: the same data, inert.
fn print_json(mut value: serde_json::Value) -> Result<()> {
    if let Some(object) = value.as_object_mut() {
        object.insert("schema".into(), JSON_SCHEMA.into());
    }
    let text = serde_json::to_string_pretty(&value)?;
    print_raw(&format!("{}\n", inert::json::escape(&text)))
}

/// Writes a line to standard error, inert (text from answers, drafts, the registry or a server
/// can never reach the terminal raw). A closed or full stderr is not worth a panic or another
/// error: the exit status still says what happened.
pub fn complain(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", inert::inert_lines(line, inert::LINE_MAX));
}

/// Whether `error` comes from writing to a pipe whose reader has gone (`eid-onboard list | head
/// -1`): not an error of ours, so the program ends quietly as `head` asked.
pub fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes `text` to standard output at once, inert (line breaks and tabs stay, every other
/// control character and escape sequence goes), and flushes it, so a prompt shows before reading.
fn print(text: &str) -> Result<()> {
    print_raw(&inert::inert_lines(text, inert::LINE_MAX))
}

/// Writes `text` as it is: only for output already inert in its own syntax (JSON, TOML).
fn print_raw(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .context("cannot write to standard output")
}

/// Prints `{name} ({title})` and every problem and checklist item of `report`.
fn print_report(name: &str, title: &str, report: &Report, lang: Lang) -> Result<()> {
    print(&format!("{name} ({title})\n{}", report.to_text(lang)))
}

/// The problems that keep an order from going, then what did not happen (`outcome`): exit 1.
fn refuse_not_ready(order: &Order, report: &Report, lang: Lang, outcome: &str) -> Result<ExitCode> {
    print_report(
        order.name.as_str(),
        order.spec.title.get(lang),
        report,
        lang,
    )?;
    print(outcome)?;
    Ok(ExitCode::from(NOT_READY))
}

/// The checklist's facts from outside the answers: the registry's lookups and the live check of
/// the production domain, run side by side (each bounded by its time limit). Neither an
/// unreachable registry nor a silent domain is an error: their items are unknown.
fn facts_for(offline: bool, spec: &FormSpec, answers: &Answers) -> Result<(Facts, Vec<Lookup>)> {
    let checker = domain_checker(offline)?;
    let domain = domain_check::to_check(spec, answers).map(|url| (checker.spawn(&url), url));
    let (mut facts, lookups) = registry(offline)?.facts_for(spec, answers);
    if let Some((rx, url)) = domain {
        let check = checker.wait(&url, &rx);
        facts.domains.insert(check.domain.clone(), check);
    }
    Ok((facts, lookups))
}

/// The domain check as configured (`--offline`, the environment, the config file).
fn domain_checker(offline: bool) -> Result<domain_check::Checker> {
    let settings = domain_check::Settings::load(offline).context("domain check settings")?;
    Ok(domain_check::Checker::new(&settings)?)
}

/// The registry as configured (`--offline`, the environment, the config file).
fn registry(offline: bool) -> Result<Registry> {
    let settings = Settings::load(offline).context("registry settings")?;
    Ok(Registry::new(&settings))
}
