//! One function per command: call the core, print the result, return the exit code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow};
use eid_onboard::draft::{DraftName, DraftStore};
use eid_onboard::form::catalog;
use eid_onboard::order::{self, Order};
use eid_onboard::plain::{self, PlainWizard};
use eid_onboard::registry::{Lookup, Registry, Settings};
use eid_onboard::text::Lang;
use eid_onboard::tui::{self, Start};
use eid_onboard::validate::Context;

use crate::cli::{Cli, Command, LangArg, StatusArg};

/// Exit status when the order is not ready (check found problems).
const NOT_READY: u8 = 1;

pub fn run(cli: Cli) -> Result<ExitCode> {
    let lang = match cli.global.lang {
        Some(LangArg::Nb) => Lang::Nb,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    let data_dir = cli.global.data_dir.clone();
    let offline = cli.global.offline;
    let store = || open_store(data_dir.clone());
    // The full-screen wizard needs a terminal on both ends; otherwise (pipes, scripts, --plain)
    // the line-by-line wizard runs over the same core.
    let full_screen =
        !cli.global.plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    match cli.command {
        None if full_screen => full_screen_wizard(store()?, lang, Start::Home, offline),
        Some(Command::New { form, name }) if full_screen => {
            full_screen_wizard(store()?, lang, Start::New { form, name }, offline)
        }
        Some(Command::Edit { name }) if full_screen => {
            full_screen_wizard(store()?, lang, Start::Edit(name), offline)
        }
        None => no_command(&store()?, lang, offline),
        Some(Command::New { form, name }) => new(&store()?, &form, name.as_deref(), lang, offline),
        Some(Command::Edit { name }) => edit(&store()?, &name, lang, offline),
        Some(Command::Forms { json }) => forms(lang, json),
        Some(Command::List { json }) => list(&store()?, lang, json),
        Some(Command::Check { name, json }) => check(&store()?, &name, lang, json, offline),
        Some(Command::Import { file, name }) => {
            import(&store()?, &file, name.as_deref(), lang, offline)
        }
        Some(Command::Export { name }) => export(&store()?, &name),
        Some(Command::Bundle { name, out, force }) => {
            bundle(&store()?, &name, out.as_deref(), force, lang, offline)
        }
        Some(Command::Verify { path }) => verify(&path, lang),
        Some(Command::Send {
            name,
            dry_run,
            yes,
            resend,
        }) => send(
            &store()?,
            &name,
            SendFlags {
                dry_run,
                yes,
                resend,
            },
            lang,
            offline,
        ),
        Some(Command::Status { name, status }) => set_status(&store()?, &name, status, lang),
        Some(Command::Config) => config(data_dir.clone(), offline),
        Some(Command::SaveLoop {
            name,
            file_a,
            file_b,
        }) => {
            let store = store()?;
            let name = DraftName::parse(&name)?;
            match eid_onboard::draft::stress::save_loop(&store, &name, &file_a, &file_b)? {}
        }
    }
}

fn open_store(data_dir: Option<PathBuf>) -> Result<DraftStore> {
    let dir = match data_dir {
        Some(dir) => dir,
        None => DraftStore::default_data_dir().ok_or_else(|| {
            anyhow!(
                "no home folder to keep drafts in; give --data-dir DIR or set EID_ONBOARD_DATA_DIR"
            )
        })?,
    };
    Ok(DraftStore::open(dir)?)
}

fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .context("cannot write to standard output")
}

fn full_screen_wizard(
    store: DraftStore,
    lang: Lang,
    start: Start,
    offline: bool,
) -> Result<ExitCode> {
    // A broken mail setting does not stop the wizard: sending says what is wrong when asked.
    let mail = eid_onboard::mail::Config::load().map_err(|e| e.to_string());
    tui::run(store, lang, start, Some(registry(offline)?), mail)?;
    Ok(ExitCode::SUCCESS)
}

/// The line-by-line home: drafts to resume or a new order.
fn no_command(store: &DraftStore, lang: Lang, offline: bool) -> Result<ExitCode> {
    plain::home_with_registry(
        store,
        lang,
        Some(registry(offline)?),
        std::io::stdin().lock(),
        std::io::stdout().lock(),
    )?;
    Ok(ExitCode::SUCCESS)
}

fn new(
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
    run_wizard(PlainWizard::new(store, order, lock, lang).with_registry(registry(offline)?))
}

fn edit(store: &DraftStore, name: &str, lang: Lang, offline: bool) -> Result<ExitCode> {
    let name = DraftName::parse(name)?;
    let (order, lock) = Order::open_locked(store, &name)?;
    run_wizard(PlainWizard::new(store, order, lock, lang).with_registry(registry(offline)?))
}

/// Both outcomes (finished, or saved and quit) are a success: the draft holds everything typed.
fn run_wizard(mut wizard: PlainWizard<'_>) -> Result<ExitCode> {
    wizard.run(std::io::stdin().lock(), std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}

fn forms(lang: Lang, json: bool) -> Result<ExitCode> {
    let forms = catalog::shipped()?;
    if json {
        let list: Vec<_> = forms
            .iter()
            .map(|f| {
                serde_json::json!({
                    "id": f.id,
                    "title": f.title.get(lang),
                    "provider": f.provider,
                    "recipient": f.recipient,
                    "recipient_field": f.recipient_field,
                    "legacy": f.legacy,
                    "about": f.about.get(lang),
                })
            })
            .collect();
        print(&format!("{}\n", serde_json::to_string_pretty(&list)?))?;
    } else {
        let width = forms.iter().map(|f| f.id.len()).max().unwrap_or(0);
        let mut text = String::new();
        for f in &forms {
            // An addressee from the answers (the user's BankID partner) is named by its field.
            let to = match &f.recipient_field {
                Some(field) => format!("<{field}.email>"),
                None => format!("<{}>", f.recipient),
            };
            text.push_str(&format!("{:width$}  {}  {to}\n", f.id, f.title.get(lang)));
        }
        print(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn list(store: &DraftStore, lang: Lang, json: bool) -> Result<ExitCode> {
    let listings = store.list()?;
    let mut rows = Vec::new();
    for listing in listings {
        let name = listing.name.to_string();
        let row = match listing.draft {
            Ok(draft) => {
                let updated = draft.updated;
                let status = draft.status.as_str();
                match Order::from_draft(listing.name, draft) {
                    Ok(order) => {
                        let progress = order.answers.progress(&order.spec);
                        serde_json::json!({
                            "name": name,
                            "form": order.spec.id,
                            "progress": progress,
                            "status": status,
                            "updated": updated.to_string(),
                        })
                    }
                    Err(e) => serde_json::json!({ "name": name, "error": e.to_string() }),
                }
            }
            Err(e) => serde_json::json!({ "name": name, "error": e.to_string() }),
        };
        rows.push(row);
    }
    if json {
        print(&format!("{}\n", serde_json::to_string_pretty(&rows)?))?;
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        print(match lang {
            Lang::Nb => "Ingen utkast ennå. Start med: eid-onboard import FIL [NAVN]\n",
            Lang::En => "No drafts yet. Start with: eid-onboard import FILE [NAME]\n",
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let header = match lang {
        Lang::Nb => ["NAVN", "SKJEMA", "FREMDRIFT", "STATUS", "SIST ENDRET"],
        Lang::En => ["NAME", "FORM", "PROGRESS", "STATUS", "UPDATED"],
    };
    let mut table = vec![header.map(String::from).to_vec()];
    for row in &rows {
        let cell = |key: &str| row[key].as_str().unwrap_or("").to_string();
        if let Some(error) = row["error"].as_str() {
            table.push(vec![cell("name"), format!("error: {error}")]);
            continue;
        }
        let progress = &row["progress"];
        table.push(vec![
            cell("name"),
            cell("form"),
            format!(
                "{}/{}",
                progress["answered"].as_u64().unwrap_or(0),
                progress["required"].as_u64().unwrap_or(0)
            ),
            cell("status"),
            local_time(&cell("updated")),
        ]);
    }
    print(&format_table(&table))?;
    Ok(ExitCode::SUCCESS)
}

/// An RFC 3339 timestamp shown in local time to the minute.
fn local_time(timestamp: &str) -> String {
    timestamp
        .parse::<jiff::Timestamp>()
        .map(|t| {
            t.to_zoned(jiff::tz::TimeZone::system())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| timestamp.to_string())
}

/// Left-aligned columns; the last cell of a row is not padded.
fn format_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter(|r| r.len() > c + 1)
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let last = row.len().saturating_sub(1);
        for (i, cell) in row.iter().enumerate() {
            if i == last {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<w$}  ", w = widths[i]));
            }
        }
        out.push('\n');
    }
    out
}

/// The registry as configured (`--offline`, the environment, the config file).
fn registry(offline: bool) -> Result<Registry> {
    let settings = Settings::load(offline).context("registry settings")?;
    Ok(Registry::new(&settings))
}

fn check(
    store: &DraftStore,
    name: &str,
    lang: Lang,
    json: bool,
    offline: bool,
) -> Result<ExitCode> {
    let name = DraftName::parse(name)?;
    let order = Order::open(store, &name)?;
    // An unreachable registry only makes the registry item unknown: never an error by itself.
    let (facts, lookups) = registry(offline)?.facts_for(&order.spec, &order.answers);
    let report = order.check(&Context::now(), &facts);
    if json {
        let mut value = report.to_json(lang, name.as_str(), &order.spec.id);
        if let Some(object) = value.as_object_mut() {
            let lookups: Vec<_> = lookups.iter().map(|l| l.to_json(lang)).collect();
            object.insert("registry".into(), lookups.into());
        }
        print(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
    } else {
        let title = order.spec.title.get(lang);
        print(&format!("{name} ({title})\n{}", report.to_text(lang)))?;
    }
    Ok(if report.ready() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(NOT_READY)
    })
}

fn import(
    store: &DraftStore,
    file: &std::path::Path,
    name: Option<&str>,
    lang: Lang,
    offline: bool,
) -> Result<ExitCode> {
    let registry = registry(offline)?;
    let order = order::import(store, file, name, jiff::Timestamp::now())?;
    let (facts, lookups) = registry.facts_for(&order.spec, &order.answers);
    let report = order.check(&Context::now(), &facts);
    let (errors, warnings) = (report.errors(), report.warnings());
    let name = &order.name;
    let summary = match lang {
        Lang::Nb => format!(
            "Utkastet {name} er lagret ({}): {errors} feil, {warnings} advarsler. Se alt med: eid-onboard check {name}\n",
            order.spec.id
        ),
        Lang::En => format!(
            "Saved draft {name} ({}): {errors} errors, {warnings} warnings. See everything with: eid-onboard check {name}\n",
            order.spec.id
        ),
    };
    print(&summary)?;
    for problem in &report.problems {
        print(&format!(
            "  {}: {}\n",
            problem.field,
            problem.message.get(lang)
        ))?;
    }
    print(&registry_lines(&lookups, lang))?;
    Ok(ExitCode::SUCCESS)
}

/// What the registry said about each number, one line each, under a heading.
fn registry_lines(lookups: &[Lookup], lang: Lang) -> String {
    if lookups.is_empty() {
        return String::new();
    }
    let mut text = match lang {
        Lang::Nb => "Enhetsregisteret:\n",
        Lang::En => "Central Coordinating Register:\n",
    }
    .to_string();
    for lookup in lookups {
        text.push_str(&format!("  {}\n", lookup.summary().get(lang)));
    }
    text
}

fn export(store: &DraftStore, name: &str) -> Result<ExitCode> {
    let name = DraftName::parse(name)?;
    let order = Order::open(store, &name)?;
    print(&order.answers.to_file_string(&order.spec))?;
    Ok(ExitCode::SUCCESS)
}

fn bundle(
    store: &DraftStore,
    name: &str,
    out: Option<&std::path::Path>,
    force: bool,
    lang: Lang,
    offline: bool,
) -> Result<ExitCode> {
    use eid_onboard::bundle::{self, BundleError, Options};
    let name = DraftName::parse(name)?;
    // Held from reading the answers to recording the bundle: no one changes the draft meanwhile.
    let lock = store.lock(&name)?;
    let order = Order::open(store, &name)?;
    let not_ready = |report: &eid_onboard::report::Report| -> Result<ExitCode> {
        let title = order.spec.title.get(lang);
        print(&format!("{name} ({title})\n{}", report.to_text(lang)))?;
        print(match lang {
            Lang::Nb => "Ingen pakke ble laget. Rett problemene over og prøv igjen.\n",
            Lang::En => "No bundle was written. Fix the problems above and try again.\n",
        })?;
        Ok(ExitCode::from(NOT_READY))
    };
    // What the registry says can block (a deleted or bankrupt company), but it stays out of the
    // bundle itself: the same draft must give the same bytes whether the registry answers or not.
    let (facts, _) = registry(offline)?.facts_for(&order.spec, &order.answers);
    let report = order.check(&Context::now(), &facts);
    if !report.ready() {
        return not_ready(&report);
    }
    let out = match out {
        Some(dir) => dir.to_path_buf(),
        None => std::env::current_dir().context("cannot find the current folder")?,
    };
    // The email in the bundle comes from the configured sender, as `send` sends it.
    let mail = eid_onboard::mail::Config::load().context("mail settings")?;
    let options = Options {
        facts: Default::default(),
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
    print(&match lang {
        Lang::Nb => format!(
            "Pakken er laget.\n  mappe: {dir}\n  zip:   {zip}\n  SHA-256 (zip): {}\nKontroller den senere med: eid-onboard verify {dir}\n",
            outcome.zip_sha256
        ),
        Lang::En => format!(
            "Bundle written.\n  folder: {dir}\n  zip:    {zip}\n  SHA-256 (zip): {}\nCheck it later with: eid-onboard verify {dir}\n",
            outcome.zip_sha256
        ),
    })?;
    Ok(ExitCode::SUCCESS)
}

fn verify(path: &std::path::Path, lang: Lang) -> Result<ExitCode> {
    let verification = eid_onboard::bundle::verify(path)?;
    let shown = path.display();
    if verification.ok() {
        print(&match lang {
            Lang::Nb => format!(
                "OK: alle {} filer i {shown} stemmer med SHA256SUMS.\n",
                verification.listed
            ),
            Lang::En => format!(
                "OK: all {} files in {shown} match SHA256SUMS.\n",
                verification.listed
            ),
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    for issue in &verification.issues {
        let kind = match (issue.kind, lang) {
            (eid_onboard::bundle::IssueKind::Modified, Lang::Nb) => "endret",
            (eid_onboard::bundle::IssueKind::Missing, Lang::Nb) => "mangler",
            (eid_onboard::bundle::IssueKind::Unexpected, Lang::Nb) => "uventet",
            (kind, Lang::En) => kind.as_str(),
        };
        text.push_str(&format!("{kind}: {}\n", issue.path));
    }
    text.push_str(&match lang {
        Lang::Nb => format!(
            "{shown} stemmer ikke med SHA256SUMS: {} avvik.\n",
            verification.issues.len()
        ),
        Lang::En => format!(
            "{shown} does not match its SHA256SUMS: {} problems.\n",
            verification.issues.len()
        ),
    });
    print(&text)?;
    Ok(ExitCode::from(NOT_READY))
}

/// What `send` was asked to do.
struct SendFlags {
    dry_run: bool,
    yes: bool,
    resend: bool,
}

/// Exit status when sending failed (the draft is unchanged).
const FAILED: u8 = 2;

fn send(
    store: &DraftStore,
    name: &str,
    flags: SendFlags,
    lang: Lang,
    offline: bool,
) -> Result<ExitCode> {
    use eid_onboard::mail::{self, MailError};
    let nb = lang == Lang::Nb;
    let name = DraftName::parse(name)?;
    let config = mail::Config::load().context("mail settings")?;
    // Held from reading the answers to recording the send.
    let lock = store.lock(&name)?;
    let order = Order::open(store, &name)?;

    // A draft sent before (every message recorded, or marked by hand) is refused before the
    // registry is asked; one sent in part goes on, with what was not sent yet (see mail::unsent).
    let partly_sent = !order.draft.sent.is_empty();
    if !flags.dry_run
        && !flags.resend
        && !partly_sent
        && let Some(refusal) = mail::already_sent(&order.draft)
    {
        print(&format!(
            "{}\n",
            if nb {
                "Ikke sendt: bestillingen er sendt før. Send den igjen med --resend.".to_string()
            } else {
                format!("Not sent: {refusal}.")
            }
        ))?;
        if nb && let MailError::AlreadySent { record } = &refusal {
            print(&format!(
                "  sendt {} til {} ({}), Message-ID {}\n",
                local_time(&record.time.to_string()),
                record.to,
                record.transport,
                record.message_id
            ))?;
        }
        return Ok(ExitCode::from(NOT_READY));
    }

    let (facts, _) = registry(offline)?.facts_for(&order.spec, &order.answers);
    let prepared = match mail::prepare(&order, &config, &facts, &Context::now()) {
        Ok(prepared) => prepared,
        Err(MailError::NotReady { report }) => {
            let title = order.spec.title.get(lang);
            print(&format!("{name} ({title})\n{}", report.to_text(lang)))?;
            print(if nb {
                "Ingenting ble sendt. Rett problemene over og prøv igjen.\n"
            } else {
                "Nothing was sent. Fix the problems above and try again.\n"
            })?;
            return Ok(ExitCode::from(NOT_READY));
        }
        Err(e) => return Err(e.into()),
    };
    // What this send sends, in order: all with --resend, else what has no record yet.
    let to_send: Vec<String> = if flags.resend || flags.dry_run {
        prepared
            .messages()
            .iter()
            .map(|m| m.file.to_string())
            .collect()
    } else {
        match mail::unsent(&prepared, &order.draft) {
            Ok(left) => left.iter().map(|m| m.file.to_string()).collect(),
            Err(refusal) => {
                print(&format!(
                    "{}\n",
                    if nb {
                        "Ikke sendt: bestillingen er sendt før. Send den igjen med --resend."
                            .to_string()
                    } else {
                        format!("Not sent: {refusal}.")
                    }
                ))?;
                return Ok(ExitCode::from(NOT_READY));
            }
        }
    };

    let transport = config.transport.as_ref();
    let mut text = prepared.preview(lang);
    for extra in &prepared.also {
        text.push('\n');
        text.push_str(&extra.preview(lang));
    }
    let skipped: Vec<String> = prepared
        .messages()
        .iter()
        .filter(|m| !to_send.iter().any(|f| f == m.file))
        .map(|m| m.describe())
        .collect();
    if !skipped.is_empty() {
        text.push_str(&if nb {
            format!(
                "\nSendt før, sendes ikke igjen (--resend sender alt): {}\n",
                skipped.join(", ")
            )
        } else {
            format!(
                "\nSent before, not sent again (--resend sends all): {}\n",
                skipped.join(", ")
            )
        });
    }
    let via = match transport {
        Some(t) => format!("{} ({})", t.value, t.source),
        None if nb => "ingen satt opp".to_string(),
        None => "none configured".to_string(),
    };
    text = format!(
        "{}: {via}\n{text}",
        if nb { "Sendes med" } else { "Transport" }
    );
    if flags.dry_run {
        text.push_str(if nb {
            "\nPrøvekjøring: ingenting ble sendt.\n"
        } else {
            "\nDry run: nothing was sent.\n"
        });
        if let Some(refusal) = mail::already_sent(&order.draft) {
            text.push_str(&format!("{refusal}.\n"));
        }
        print(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(transport) = transport else {
        let e = eid_onboard::mail::error::not_configured();
        eprintln!("eid-onboard: {}", e.message(lang));
        return Ok(ExitCode::from(FAILED));
    };
    let interactive = std::io::stdin().is_terminal();
    let env_password = mail::password_from_env();
    if config.needs_password() && env_password.is_none() && !interactive {
        let user = config.user.as_ref().map(|u| u.value.as_str()).unwrap_or("");
        let e = eid_onboard::mail::error::no_password(user, &transport.value.to_string());
        eprintln!("eid-onboard: {}", e.message(lang));
        return Ok(ExitCode::from(FAILED));
    }

    print(&text)?;
    if !flags.yes {
        if !interactive {
            print(if nb {
                "\nIkke sendt: bekreft i en terminal, eller bruk --yes.\n"
            } else {
                "\nNot sent: confirm on a terminal, or pass --yes.\n"
            })?;
            return Ok(ExitCode::from(NOT_READY));
        }
        let recipients: Vec<String> = prepared
            .messages()
            .iter()
            .filter(|m| to_send.iter().any(|f| f == m.file))
            .map(|m| m.to.email.to_string())
            .collect();
        let recipients = recipients.join(if nb { " og " } else { " and " });
        let question = if nb {
            format!("\nSende til {recipients} med {}? [j/N] ", transport.value)
        } else {
            format!("\nSend to {recipients} via {}? [y/N] ", transport.value)
        };
        print(&question)?;
        let mut answer = String::new();
        std::io::stdin()
            .read_line(&mut answer)
            .context("cannot read the answer")?;
        if !matches!(
            answer.trim().to_lowercase().as_str(),
            "y" | "yes" | "j" | "ja"
        ) {
            print(if nb { "Ikke sendt.\n" } else { "Not sent.\n" })?;
            return Ok(ExitCode::from(NOT_READY));
        }
    }

    let password = match env_password {
        Some(password) => Some(password),
        None if config.needs_password() => {
            let user = config.user.as_ref().map(|u| u.value.as_str()).unwrap_or("");
            let prompt = if nb {
                format!("SMTP-passord for {user} på {}: ", transport.value)
            } else {
                format!("SMTP password for {user} at {}: ", transport.value)
            };
            Some(zeroize::Zeroizing::new(
                rpassword::prompt_password(prompt).context("cannot read the password")?,
            ))
        }
        None => None,
    };
    eprintln!(
        "{}",
        if nb {
            format!("Sender med {} …", transport.value)
        } else {
            format!("Sending via {} …", transport.value)
        }
    );
    let result = mail::deliver(
        store,
        &lock,
        &prepared,
        &config,
        password.as_ref().map(|p| p.as_str()),
        flags.resend,
    );
    drop(password);
    match result {
        Ok((records, _)) => {
            let mut text = String::new();
            for record in &records {
                text.push_str(&sent_line(record, nb));
            }
            text.push_str(&if nb {
                format!(
                    "Utkastet {name} er merket sendt. Merk det signert senere med: eid-onboard status {name} signed\n"
                )
            } else {
                format!(
                    "Draft {name} is marked sent. Mark it signed later with: eid-onboard status {name} signed\n"
                )
            });
            print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(MailError::NotAllSent {
            sent,
            not_sent,
            source,
        }) => {
            let mut text = String::new();
            for record in &sent {
                text.push_str(&sent_line(record, nb));
            }
            print(&text)?;
            let sent_files: Vec<&str> = sent.iter().map(|r| r.message.as_str()).collect();
            eprintln!(
                "eid-onboard: {}\n{}",
                source.message(lang),
                if nb {
                    format!(
                        "Sendt og registrert: {}. Ikke sendt: {}. Send igjen (uten --resend) for å sende bare det som mangler.",
                        if sent.is_empty() {
                            "ingenting".to_string()
                        } else {
                            sent_files.join(", ")
                        },
                        not_sent.join(", ")
                    )
                } else {
                    format!(
                        "Sent and recorded: {}. Not sent: {}. Send again (without --resend) to send only what is missing.",
                        if sent.is_empty() {
                            "nothing".to_string()
                        } else {
                            sent_files.join(", ")
                        },
                        not_sent.join(", ")
                    )
                }
            );
            Ok(ExitCode::from(FAILED))
        }
        Err(MailError::Send(e)) => {
            eprintln!(
                "eid-onboard: {}\n{}",
                e.message(lang),
                if nb {
                    "Utkastet er uendret: ingenting ble registrert som sendt."
                } else {
                    "The draft is unchanged: nothing was recorded as sent."
                }
            );
            Ok(ExitCode::from(FAILED))
        }
        Err(
            e @ (MailError::AlreadySent { .. }
            | MailError::AlreadyMarked { .. }
            | MailError::Changed),
        ) => {
            print(&format!("Not sent: {e}.\n"))?;
            Ok(ExitCode::from(NOT_READY))
        }
        Err(e) => Err(e.into()),
    }
}

/// `Sent to … (Cc …) via ….` with the message's file, its Message-ID and the server's reply.
fn sent_line(record: &eid_onboard::mail::SendRecord, nb: bool) -> String {
    let cc = if record.cc.is_empty() {
        String::new()
    } else {
        format!(" (Cc {})", record.cc.join(", "))
    };
    let reply = record
        .reply
        .as_ref()
        .map(|r| {
            format!(
                "  {}: {r}\n",
                if nb {
                    "Serveren svarte"
                } else {
                    "Server reply"
                }
            )
        })
        .unwrap_or_default();
    if nb {
        format!(
            "Sendt til {}{cc} med {}.\n  Melding: {}\n  Message-ID: {}\n{reply}",
            record.to, record.transport, record.message, record.message_id
        )
    } else {
        format!(
            "Sent to {}{cc} via {}.\n  Message: {}\n  Message-ID: {}\n{reply}",
            record.to, record.transport, record.message, record.message_id
        )
    }
}

fn set_status(store: &DraftStore, name: &str, wanted: StatusArg, lang: Lang) -> Result<ExitCode> {
    use eid_onboard::draft::Status;
    use eid_onboard::mail::{self, StatusError};
    let wanted = match wanted {
        StatusArg::Sent => Status::Sent,
        StatusArg::Signed => Status::Signed,
        StatusArg::CredentialsReceived => Status::CredentialsReceived,
    };
    let name = DraftName::parse(name)?;
    let lock = store.lock(&name)?;
    match mail::set_status(store, &lock, wanted) {
        Ok(draft) => {
            print(&match lang {
                Lang::Nb => format!("{name}: {}\n", draft.status.as_str()),
                Lang::En => format!("{name}: {}\n", draft.status.as_str()),
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Err(StatusError::Draft(e)) => Err(e.into()),
        Err(e) => {
            print(&format!("{name}: {e}\n"))?;
            Ok(ExitCode::from(NOT_READY))
        }
    }
}

/// The settings in effect and where each comes from; never the password.
fn config(data_dir: Option<PathBuf>, offline: bool) -> Result<ExitCode> {
    use eid_onboard::config::{self as cfg, Source};
    use eid_onboard::registry::{TIMEOUT_ENV, URL_ENV};
    let file = cfg::config_file();
    let mut out = String::new();
    let table = match &file {
        Some(path) => {
            let exists = path.exists();
            out.push_str(&format!(
                "config file  {}{}\n",
                path.display(),
                if exists { "" } else { " (not found: defaults)" }
            ));
            cfg::read_table(path)?
        }
        None => {
            out.push_str("config file  none (no home folder)\n");
            toml::Table::new()
        }
    };
    let data_source = if data_dir.is_some() {
        if std::env::var_os("EID_ONBOARD_DATA_DIR").is_some() {
            "--data-dir or environment EID_ONBOARD_DATA_DIR"
        } else {
            "--data-dir"
        }
    } else {
        "default"
    };
    let data = data_dir
        .or_else(DraftStore::default_data_dir)
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| "none".into());
    out.push_str(&format!(
        "data folder  {data}\n             ({data_source})\n"
    ));

    let mail = eid_onboard::mail::Config::load().context("mail settings")?;
    out.push_str("\n[mail]\n");
    out.push_str(&mail.describe());

    let settings = Settings::load(offline).context("registry settings")?;
    let from_file = |key: &str| -> String {
        match &file {
            Some(path) if cfg::has_key(&table, "registry", key) => {
                Source::File(path.clone()).to_string()
            }
            _ => Source::Default.to_string(),
        }
    };
    let source = |env: &'static str, key: &str| -> String {
        if std::env::var(env).is_ok_and(|v| !v.trim().is_empty()) {
            Source::Env(env).to_string()
        } else {
            from_file(key)
        }
    };
    out.push_str("\n[registry]\n");
    let enabled_source = if offline {
        "--offline".to_string()
    } else {
        from_file("enabled")
    };
    let mut line = |key: &str, value: String, source: String| {
        out.push_str(&format!("  {key:<10} {value}\n  {:<10} ({source})\n", ""));
    };
    line(
        "enabled",
        if settings.enabled { "yes" } else { "no" }.into(),
        enabled_source,
    );
    line("url", settings.url.clone(), source(URL_ENV, "url"));
    line(
        "timeout",
        format!("{} s", settings.timeout.as_secs_f64()),
        source(TIMEOUT_ENV, "timeout"),
    );
    line(
        "cache",
        settings
            .cache_dir
            .as_ref()
            .map(|d| d.display().to_string())
            .unwrap_or_else(|| "none".into()),
        if std::env::var("EID_ONBOARD_CACHE_DIR").is_ok_and(|v| !v.is_empty()) {
            Source::Env("EID_ONBOARD_CACHE_DIR").to_string()
        } else {
            Source::Default.to_string()
        },
    );
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}
