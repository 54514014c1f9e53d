//! The plain prompt mode: the real binary fed scripted lines on stdin, and the wizard run in-process
//! over a `Cursor`.

mod common;

use std::io::Cursor;
use std::process::Output;

use assert_cmd::Command;
use common::{Workspace, s};
use eid_onboard::draft::{DraftName, DraftStore, Position};
use eid_onboard::order::{self, Order};
use eid_onboard::plain::{self, Outcome, PlainWizard};
use eid_onboard::text::Lang;
use predicates::prelude::*;

fn cmd(ws: &Workspace) -> Command {
    common::cli(ws)
}

/// Runs the binary with `args`, the `lines` joined as stdin; asserts exit 0 and returns stdout.
fn session(ws: &Workspace, args: &[&str], lines: &[&str]) -> String {
    let mut stdin = lines.join("\n");
    stdin.push('\n');
    let out = cmd(ws).args(args).write_stdin(stdin).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn stderr(out: &Output) -> String {
    text(&out.stderr)
}

fn export(ws: &Workspace, name: &str) -> toml::Table {
    let out = cmd(ws).args(["export", name]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    text(&out.stdout).parse().expect("export is TOML")
}

fn get<'a>(table: &'a toml::Table, path: &str) -> Option<&'a toml::Value> {
    let mut segments = path.split('.');
    let mut value = table.get(segments.next()?)?;
    for segment in segments {
        value = value.as_table()?.get(segment)?;
    }
    Some(value)
}

fn get_str<'a>(table: &'a toml::Table, path: &str) -> Option<&'a str> {
    get(table, path).and_then(toml::Value::as_str)
}

/// The Idura prompts in the order the wizard asks them (steps in order, fields in form order within
/// each step, group parts one by one; a repeat once, its entries added there). `nnin.reason` and `nnin.legal_basis` appear once
/// `nnin.requested` is yes; the certificate stays hidden for a Norwegian company.
const IDURA_PROMPTS: &[&str] = &[
    "prerequisites.signatory_eid",
    "service.description",
    "company.name",
    "company.country",
    "company.orgnr",
    "company.address.street",
    "company.address.postal_code",
    "company.address.city",
    "contacts.general.name",
    "contacts.general.mobile",
    "contacts.general.email",
    "contacts.signatory",
    "bank.name",
    "bank.orgnr",
    "bank.address.street",
    "bank.address.postal_code",
    "bank.address.city",
    "contacts.credentials.name",
    "contacts.credentials.mobile",
    "contacts.credentials.email",
    "contacts.revocation.name",
    "contacts.revocation.mobile",
    "contacts.revocation.email",
    "service.display_name",
    "service.production_domain",
    "nnin.requested",
    "nnin.reason",
    "nnin.legal_basis",
    "service.products",
];

const MULTILINE: &[&str] = &["service.description", "nnin.reason"];

/// The stdin lines answering `prompts` with the fixture's values: one line per prompt, a
/// multi-line answer ended by a `.` line, yes / no as `y` / `n`, several choices joined by commas, and
/// each entry of a repeated contact added with `a` and its parts, then Enter to go on.
fn script_from_fixture(fixture: &str, prompts: &[&str]) -> Vec<String> {
    let source = std::fs::read_to_string(format!("{}/{fixture}", common::FIXTURES)).unwrap();
    let table: toml::Table = source.parse().unwrap();
    let mut lines = Vec::new();
    for id in prompts {
        match get(&table, id) {
            Some(toml::Value::String(value)) if MULTILINE.contains(id) => {
                lines.extend(value.lines().map(String::from));
                lines.push(".".into());
            }
            Some(toml::Value::String(value)) => lines.push(value.clone()),
            Some(toml::Value::Boolean(yes)) => lines.push(if *yes { "y" } else { "n" }.into()),
            Some(toml::Value::Array(items)) if items.iter().all(toml::Value::is_str) => {
                let values: Vec<&str> = items.iter().filter_map(toml::Value::as_str).collect();
                lines.push(values.join(", "));
            }
            Some(toml::Value::Array(entries)) => {
                for entry in entries {
                    lines.push("a".into());
                    for part in ["name", "mobile", "email"] {
                        let value = entry.get(part).and_then(toml::Value::as_str);
                        lines.push(value.unwrap_or_default().into());
                    }
                }
                lines.push(String::new());
            }
            other => panic!("{id}: no scriptable value in the fixture: {other:?}"),
        }
    }
    lines
}

/// The lines that answer the first prompts of a new Idura draft up to (not including) company.orgnr.
const UP_TO_ORGNR: &[&str] = &[
    "1",
    "We run a portal where tenants sign leases online, so we must know who they are.",
    ".",
    "Acme AS",
    "",
];

#[test]
fn a_complete_idura_order_is_filled_from_an_empty_draft() {
    let ws = Workspace::new();
    let script = script_from_fixture("idura-complete.toml", IDURA_PROMPTS);
    let lines: Vec<&str> = script.iter().map(String::as_str).collect();
    let out = session(&ws, &["new", "idura-no-bankid", "acme"], &lines);
    assert!(out.contains("Step 1 of 10: Before you start"), "{out}");
    assert!(
        out.contains("Step 8 of 10: National identity number"),
        "{out}"
    );
    // The report at the end, then what to do next.
    assert!(out.contains("Prerequisites:"), "{out}");
    assert!(out.contains("Ready: nothing blocks"), "{out}");
    assert!(out.contains("eid-onboard check acme"), "{out}");
    assert!(!out.contains("error "), "no problem along the way:\n{out}");

    cmd(&ws)
        .args(["check", "acme"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Ready"));
    // The same answers as importing the fixture.
    cmd(&ws)
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .arg("reference")
        .assert()
        .success();
    assert_eq!(export(&ws, "acme"), export(&ws, "reference"));
    // Finished: the next edit starts at the beginning, not at a stale position.
    let again = session(&ws, &["edit", "acme"], &[":q"]);
    assert!(
        again.contains("Continuing at: The signatories' electronic ID"),
        "{again}"
    );
}

#[test]
fn an_invalid_org_number_is_named_and_asked_again() {
    let ws = Workspace::new();
    let mut lines = UP_TO_ORGNR.to_vec();
    lines.extend(["123456789", "123 456 785", ":q"]);
    let out = session(&ws, &["new", "idura-no-bankid", "acme"], &lines);
    let error = out
        .find("error company.orgnr: ")
        .expect("the error names the field");
    let after = &out[error..];
    assert!(
        after.contains("Organisation number *\n  now: 123456789\n> "),
        "asked again with the wrong value shown:\n{after}"
    );
    assert_eq!(
        get_str(&export(&ws, "acme"), "company.orgnr"),
        Some("123456785")
    );
}

#[test]
fn an_error_never_traps_enter_keeps_the_value_and_moves_on() {
    let ws = Workspace::new();
    let mut lines = UP_TO_ORGNR.to_vec();
    lines.extend(["12345", "", ":q"]);
    let out = session(&ws, &["new", "idura-no-bankid", "acme"], &lines);
    assert!(out.contains("Business address — Street address *"), "{out}");
    assert_eq!(
        get_str(&export(&ws, "acme"), "company.orgnr"),
        Some("12345")
    );
}

#[test]
fn back_help_and_clear() {
    let ws = Workspace::new();
    let lines = [
        "1",
        "We run a portal where tenants sign leases online, so we must know who they are.",
        ".",
        // company.name: back across the step boundary to the description, keep it, come back.
        "<",
        "",
        "Acme AS",
        // company.country: back to the name and change it.
        "<",
        "Beta AS",
        // company.country: help, then keep the default.
        "?",
        "",
        // company.orgnr: answer, go back to it from the street and clear it.
        "123456785",
        "<",
        "-",
        // Cleared a required answer: asked again; Enter moves on.
        "",
        ":q",
    ];
    let out = session(&ws, &["new", "idura-no-bankid", "acme"], &lines);
    assert_eq!(
        out.matches("Step 2 of 10: The service").count(),
        2,
        "going back re-enters the step:\n{out}"
    );
    assert!(
        out.contains("Two-letter country code, e.g. NO for Norway"),
        "help in English:\n{out}"
    );
    assert!(out.contains("Cleared."), "{out}");
    assert!(out.contains("error company.orgnr: Required"), "{out}");
    let answers = export(&ws, "acme");
    assert_eq!(get_str(&answers, "company.name"), Some("Beta AS"));
    assert_eq!(get(&answers, "company.orgnr"), None);
    assert!(get_str(&answers, "service.description").is_some());
}

#[test]
fn quit_then_edit_resumes_at_the_same_field_with_everything_kept() {
    let ws = Workspace::new();
    let mut lines = UP_TO_ORGNR.to_vec();
    lines.extend(["123456785", "Storgata 1", "0155", ":q"]);
    let out = session(&ws, &["new", "idura-no-bankid", "acme"], &lines);
    assert!(out.contains("Saved draft acme"), "{out}");

    let out = session(&ws, &["edit", "acme"], &[":q"]);
    let first_prompt = out
        .split("\n> ")
        .next()
        .and_then(|before| before.rsplit("\n\n").next())
        .unwrap();
    assert_eq!(first_prompt, "Business address — City *", "{out}");
    assert!(
        out.contains("Continuing at: Business address — City"),
        "{out}"
    );

    let answers = export(&ws, "acme");
    for (id, value) in [
        ("prerequisites.signatory_eid", "no-bankid"),
        ("company.name", "Acme AS"),
        ("company.orgnr", "123456785"),
        ("company.address.street", "Storgata 1"),
        ("company.address.postal_code", "0155"),
    ] {
        assert_eq!(get_str(&answers, id), Some(value), "{id}");
    }
}

#[test]
fn end_of_input_keeps_everything_typed_even_mid_text() {
    let ws = Workspace::new();
    let out = cmd(&ws)
        .args(["new", "idura-no-bankid", "acme"])
        .write_stdin("2\nFirst line of the description\nsecond line, never ended")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(text(&out.stdout).contains("Saved draft acme"));
    let answers = export(&ws, "acme");
    assert_eq!(
        get_str(&answers, "prerequisites.signatory_eid"),
        Some("se-bankid")
    );
    assert_eq!(
        get_str(&answers, "service.description"),
        Some("First line of the description\nsecond line, never ended")
    );
}

/// Imports a fixture without some answers; `edit` then starts at the first of them.
fn import_without(ws: &Workspace, fixture: &str, name: &str, missing: &[&str]) {
    let source = std::fs::read_to_string(ws.path(fixture)).unwrap();
    let mut table: toml::Table = source.parse().unwrap();
    for path in missing {
        common::set_path(&mut table, path, None);
    }
    let file = ws.path(&format!("{name}.toml"));
    std::fs::write(&file, toml::to_string_pretty(&table).unwrap()).unwrap();
    cmd(ws)
        .arg("import")
        .arg(&file)
        .arg(name)
        .assert()
        .success();
}

#[test]
fn typing_part_of_a_bank_name_picks_it_and_fills_its_org_number() {
    let ws = Workspace::new();
    import_without(
        &ws,
        "idura-complete.toml",
        "acme",
        &["bank.name", "bank.orgnr"],
    );
    let out = session(&ws, &["edit", "acme"], &["smn", ":q"]);
    assert!(out.contains("Bank name *"), "{out}");
    assert!(
        !out.contains("DNB BANK ASA"),
        "the long list is not printed:\n{out}"
    );
    assert!(out.contains("Picked: SPAREBANK 1 SMN"), "{out}");
    assert!(
        out.contains("Filled in Bank's organisation number: 937901003 (SPAREBANK 1 SMN)"),
        "{out}"
    );
    assert!(
        out.contains("Bank's organisation number *\n  now: 937901003"),
        "{out}"
    );
    let answers = export(&ws, "acme");
    assert_eq!(get_str(&answers, "bank.name"), Some("SPAREBANK 1 SMN"));
    assert_eq!(get_str(&answers, "bank.orgnr"), Some("937901003"));
}

#[test]
fn several_matching_banks_are_listed_and_picked_by_number() {
    let ws = Workspace::new();
    import_without(
        &ws,
        "idura-complete.toml",
        "acme",
        &["bank.name", "bank.orgnr"],
    );
    let out = session(&ws, &["edit", "acme"], &["sparebank 1 s", "1", ":q"]);
    let listed = out.find("choices match:").expect("matches listed");
    let first = out[listed..]
        .lines()
        .nth(1)
        .and_then(|l| l.strip_prefix("  1. "))
        .expect("numbered matches")
        .to_string();
    assert!(first.to_lowercase().contains("sparebank 1 s"), "{first}");
    assert!(out.contains(&format!("Picked: {first}")), "{out}");
    assert_eq!(get_str(&export(&ws, "acme"), "bank.name"), Some(&*first));
}

#[test]
fn a_repeat_adds_and_removes_entries() {
    let ws = Workspace::new();
    import_without(
        &ws,
        "criipto-complete.toml",
        "clinic",
        &["contacts.operations"],
    );
    let lines = [
        "a",
        "Pål Kvåle",
        "pal.kvale@bolgenhelse.no",
        "a",
        "Ingrid Østebø",
        "drift@bolgenhelse.no",
        "d 1",
        "",
        ":q",
    ];
    let out = session(&ws, &["edit", "clinic"], &lines);
    assert!(out.contains("(no entries yet)"), "{out}");
    assert!(
        out.contains(
            "  1. Pål Kvåle, pal.kvale@bolgenhelse.no\n  2. Ingrid Østebø, drift@bolgenhelse.no"
        ),
        "{out}"
    );
    assert!(out.contains("entry 2 — Email"), "{out}");
    let answers = export(&ws, "clinic");
    let entries = get(&answers, "contacts.operations")
        .and_then(toml::Value::as_array)
        .expect("entries");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["name"].as_str(), Some("Ingrid Østebø"));
    assert_eq!(entries[0]["email"].as_str(), Some("drift@bolgenhelse.no"));
    cmd(&ws).args(["check", "clinic"]).assert().code(0);
}

#[test]
fn escape_sequences_are_stored_without_control_characters_and_never_printed() {
    let ws = Workspace::new();
    let lines = [
        "1",
        "We run a portal where tenants sign leases online, so we must know who they are.",
        ".",
        "Acme\x1b[2J AS",
        "<",
        ":q",
    ];
    let out = cmd(&ws)
        .args(["new", "idura-no-bankid", "acme"])
        .write_stdin(lines.join("\n"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b), "ESC printed");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Control characters were removed"),
        "{stdout}"
    );
    assert!(stdout.contains("now: Acme AS"), "{stdout}");
    assert_eq!(
        get_str(&export(&ws, "acme"), "company.name"),
        Some("Acme AS")
    );

    // A hand-made answers file can still carry them; the wizard never prints them.
    let file = ws.variant(
        "idura-complete.toml",
        "evil",
        "company.name",
        s("Evil\u{1b}]0;title\u{7}\u{1b}[2J AS"),
    );
    cmd(&ws)
        .arg("import")
        .arg(&file)
        .arg("evil")
        .assert()
        .success();
    let out = cmd(&ws)
        .args(["edit", "evil"])
        .write_stdin("\n\n:check\n:q\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        text(&out.stdout).contains("now: Evil AS"),
        "{}",
        text(&out.stdout)
    );
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
}

#[test]
fn new_refuses_an_existing_name_and_an_unknown_form() {
    let ws = Workspace::new();
    session(&ws, &["new", "idura-no-bankid", "acme"], &[":q"]);
    let out = cmd(&ws)
        .args(["new", "criipto-no-bankid", "acme"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("draft acme exists; use edit acme"), "{err}");
    // The existing draft is untouched.
    let answers = export(&ws, "acme");
    assert_eq!(
        answers.keys().collect::<Vec<_>>(),
        ["form"],
        "nothing was answered in acme"
    );
    assert_eq!(get_str(&answers, "form"), Some("idura-no-bankid"));

    let out = cmd(&ws)
        .args(["new", "unknown-form"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("unknown-form")
            && err.contains("idura-no-bankid")
            && err.contains("criipto-no-bankid"),
        "{err}"
    );
}

#[test]
fn new_without_a_name_takes_the_first_free_number() {
    let ws = Workspace::new();
    session(&ws, &["new", "idura-no-bankid"], &[":q"]);
    session(&ws, &["new", "idura-no-bankid"], &[":q"]);
    let drafts = ws.data_dir().join("drafts");
    assert!(drafts.join("idura-no-bankid-1.toml").is_file());
    assert!(drafts.join("idura-no-bankid-2.toml").is_file());
}

#[test]
fn edit_of_a_draft_open_elsewhere_or_missing_exits_2() {
    let ws = Workspace::new();
    session(&ws, &["new", "idura-no-bankid", "busy"], &[":q"]);
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let lock = store.lock(&DraftName::parse("busy").unwrap()).unwrap();
    let out = cmd(&ws)
        .args(["edit", "busy"])
        .write_stdin(":q\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("open in another eid-onboard process"));
    drop(lock);
    cmd(&ws)
        .args(["edit", "nobody"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no draft named"));
}

#[test]
fn home_starts_a_new_order_and_resumes_a_draft() {
    let ws = Workspace::new();
    // No command: the home prompt. A bad name is refused with the reason, then a good one.
    let out = session(&ws, &[], &["n", "1", "bad name!", "acme", "1", ":q"]);
    assert!(out.contains("No drafts yet."), "{out}");
    assert!(out.contains("idura-no-bankid"), "{out}");
    assert!(out.contains("invalid draft name"), "{out}");
    assert!(
        out.contains("Draft acme: Norwegian BankID through Idura"),
        "{out}"
    );

    // --plain is the same home; the draft is listed with its progress and resumed by number.
    let out = session(&ws, &["--plain"], &["n", "1", "acme", ":q"]);
    // Answered: the signatory's eID, and the two questions with a default (country, fødselsnummer).
    assert!(
        out.contains("  1. acme  idura-no-bankid  3/27  draft"),
        "{out}"
    );
    assert!(out.contains("A draft named acme exists already"), "{out}");
    let out = session(&ws, &["--plain"], &["7", "1", ":q"]);
    assert!(out.contains("There is no draft 7."), "{out}");
    assert!(
        out.contains("Continuing at: What the service does"),
        "{out}"
    );
    // End of input at home is a clean exit.
    session(&ws, &[], &[]);
}

#[test]
fn norwegian_prompts_follow_the_language() {
    let ws = Workspace::new();
    let out = Command::cargo_bin("eid-onboard")
        .unwrap()
        .arg("--data-dir")
        .arg(ws.data_dir())
        .args(["--lang", "nb", "new", "idura-no-bankid", "acme"])
        .write_stdin("?\n:q\n")
        .output()
        .unwrap();
    let out = text(&out.stdout);
    assert!(out.contains("Steg 1 av 10: Før du starter"), "{out}");
    assert!(out.contains("Signatarenes elektroniske ID *"), "{out}");
    assert!(
        out.contains("Avtalen med banken signeres elektronisk"),
        "{out}"
    );
    assert!(out.contains("Utkastet acme er lagret"), "{out}");
}

// --- In-process: the library API over a Cursor --------------------------------------------------

fn wizard_session(store: &DraftStore, name: &str, form: &str, script: &str) -> (Outcome, String) {
    let spec = order::form(form).unwrap();
    let name = DraftName::parse(name).unwrap();
    let (order, lock) = match order::create(store, spec, &name, jiff::Timestamp::now()) {
        Ok(created) => created,
        Err(order::OrderError::Exists { .. }) => Order::open_locked(store, &name).unwrap(),
        Err(e) => panic!("{e}"),
    };
    let mut out = Vec::new();
    let outcome = PlainWizard::new(store, order, lock, Lang::En)
        .with_cwd(common::FIXTURES)
        .run(Cursor::new(script.to_string()), &mut out)
        .unwrap();
    (outcome, String::from_utf8(out).unwrap())
}

/// Moves a draft's saved position, as if the user had quit there.
fn set_position(store: &DraftStore, name: &str, step: &str, field: &str) {
    let name = DraftName::parse(name).unwrap();
    let lock = store.lock(&name).unwrap();
    let mut draft = store.load(&name).unwrap();
    draft.position = Some(Position {
        step: step.into(),
        field: Some(field.into()),
    });
    store.save(&lock, &draft).unwrap();
}

#[test]
fn conditional_questions_follow_the_answers_they_depend_on() {
    let ws = Workspace::new();
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let mut prompts: Vec<&str> = IDURA_PROMPTS.to_vec();
    prompts.retain(|p| !p.starts_with("nnin.") && *p != "service.products");
    let mut script = script_from_fixture("idura-complete.toml", &prompts).join("\n");
    // No fødselsnummer: its reason and legal basis are not asked, and after the products the
    // order is complete.
    script.push_str("\nn\nauthentication\n");
    let (outcome, out) = wizard_session(&store, "plain", "idura-no-bankid", &script);
    assert_eq!(outcome, Outcome::Finished);
    assert!(
        !out.contains("Why the national identity number is needed"),
        "{out}"
    );
    assert!(out.contains("Ready: nothing blocks"), "{out}");

    // A saved position on a question that is now hidden: the wizard starts at the beginning, as
    // nothing required is missing.
    set_position(&store, "plain", "nnin", "nnin.reason");
    let (_, out) = wizard_session(&store, "plain", "idura-no-bankid", ":q\n");
    assert!(
        out.contains("Continuing at: The signatories' electronic ID"),
        "{out}"
    );

    // Yes instead: the reason is asked next.
    set_position(&store, "plain", "nnin", "nnin.requested");
    let (outcome, out) = wizard_session(&store, "plain", "idura-no-bankid", "y\n:q\n");
    assert_eq!(outcome, Outcome::Quit);
    assert!(
        out.contains("Why the national identity number is needed *"),
        "{out}"
    );
}

#[test]
fn a_foreign_company_is_asked_for_its_certificate_path() {
    let ws = Workspace::new();
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let (_, out) = wizard_session(
        &store,
        "abroad",
        "idura-no-bankid",
        "1\nA Swedish payment company whose customers log in to see invoices.\n.\nNordsken AB\nSE\n",
    );
    assert!(out.contains("Organisation number *"), "{out}");
    // The certificate question, hidden for a Norwegian company, is shown; a relative path is
    // taken from the current folder and stored absolute.
    set_position(
        &store,
        "abroad",
        "attachments",
        "attachments.company_certificate",
    );
    let (outcome, out) = wizard_session(
        &store,
        "abroad",
        "idura-no-bankid",
        "firmaattest.pdf\nauthentication, ciba\n",
    );
    assert!(
        out.contains("Company certificate from the home registry *"),
        "{out}"
    );
    // Then the last question, the products.
    assert!(out.contains("Products the service will use *"), "{out}");
    assert_eq!(outcome, Outcome::Finished, "the last question:\n{out}");
    let order = Order::open(&store, &DraftName::parse("abroad").unwrap()).unwrap();
    let expected = format!("{}/firmaattest.pdf", common::FIXTURES);
    assert_eq!(
        order.answers.text("attachments.company_certificate"),
        Some(expected.as_str())
    );
}

#[test]
fn home_runs_in_process_too() {
    let ws = Workspace::new();
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let mut out = Vec::new();
    let outcome = plain::home(&store, Lang::En, Cursor::new("n\n2\n\n:q\n"), &mut out).unwrap();
    assert_eq!(outcome, Outcome::Quit);
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Enter gives criipto-no-bankid-1"), "{out}");
    assert!(store.exists(&DraftName::parse("criipto-no-bankid-1").unwrap()));
}
