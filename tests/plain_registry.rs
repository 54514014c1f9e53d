//! The line-by-line wizard at parity with the full-screen one, through the shared session: the real
//! binary reading its lines from a pipe, asking a real HTTP server on 127.0.0.1 that serves the
//! recorded Enhetsregisteret answers.

mod common;

use assert_cmd::Command;
use common::Workspace;
use common::brreg;
use common::parity::{assert_parity_answers, exported as answers, get};

fn cmd(ws: &Workspace, url: &str) -> Command {
    let mut cmd = common::cli(ws);
    cmd.env("EID_ONBOARD_REGISTRY_URL", url)
        .env("EID_ONBOARD_REGISTRY_TIMEOUT", "5");
    cmd
}

fn run(ws: &Workspace, url: &str, args: &[&str], lines: &[&str]) -> String {
    let out = cmd(ws, url)
        .args(args)
        .write_stdin(format!("{}\n", lines.join("\n")))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The first questions of a new Idura draft, up to (not including) the company's name.
const TO_COMPANY_NAME: &[&str] = &[
    "1",
    "We run a portal where tenants sign leases online, so we must know who they are.",
    ".",
];

#[test]
fn the_register_fills_the_company_and_renames_the_bank_same_as_copies_a_contact() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let mut lines = TO_COMPANY_NAME.to_vec();
    lines.extend([
        // company.name: left empty on purpose (Enter twice); the register fills it.
        "",
        "",
        // company.country: keep NO.
        "",
        "991825827",
        // The address the register filled: keep each part.
        "",
        "",
        "",
        "Kari Nordmann",
        "+47 912 34 567",
        "kari@example.no",
        // The signatories: a new entry is the general contact (role 1 of the list shown); then
        // Enter, as there is no other signatory.
        "a",
        "=1",
        "",
        // The bank by its short name; the register knows it as DNB BANK ASA: take that name.
        "dnb",
        "y",
        ":q",
    ]);
    let out = run(
        &ws,
        &server.url(),
        &["new", "idura-no-bankid", "acme"],
        &lines,
    );
    if std::env::var_os("SHOW").is_some() {
        eprintln!("{out}");
    }
    assert_eq!(
        out.matches("This question needs an answer").count(),
        1,
        "an empty required answer is refused once:\n{out}"
    );
    assert!(
        out.contains("991825827: registered as DIGITALISERINGSDIREKTORATET, in good standing."),
        "{out}"
    );
    assert!(
        out.contains(
            "Filled in from the register: Company name, Business address — Street address"
        ),
        "{out}"
    );
    assert!(
        out.contains("Same person as another role? Type = and its number: 1. General contact"),
        "{out}"
    );
    assert!(out.contains("Copied from"), "{out}");
    assert!(
        out.contains("The register has \"DNB BANK ASA\" for Bank name, you typed \"DNB\""),
        "{out}"
    );

    let answers = answers(&ws, "acme");
    assert_parity_answers(&answers);

    // Next time the bank list offers DNB under its registered name (from the lookup cache).
    let again = run(&ws, &server.url(), &["edit", "acme"], &["<", "dnb", ":q"]);
    assert!(again.contains("Picked: DNB BANK ASA"), "{again}");
}

#[test]
fn typed_text_is_kept_when_the_register_differs_and_the_user_says_no() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let mut lines = TO_COMPANY_NAME.to_vec();
    lines.extend(["Digdir", "", "991825827", "n", ":q"]);
    let out = run(
        &ws,
        &server.url(),
        &["new", "idura-no-bankid", "acme"],
        &lines,
    );
    assert!(out.contains("Kept what you typed."), "{out}");
    let answers = answers(&ws, "acme");
    assert_eq!(get(&answers, "company.name"), Some("Digdir"));
    // Empty fields are filled all the same.
    assert!(get(&answers, "company.address.street").is_some());
}

#[test]
fn the_closing_checklist_says_what_the_register_said() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let mut lines = TO_COMPANY_NAME.to_vec();
    lines.extend(["", "", "", "991825827", ":check", ":q"]);
    let out = run(
        &ws,
        &server.url(),
        &["new", "idura-no-bankid", "acme"],
        &lines,
    );
    let check = &out[out.find("Prerequisites:").expect("the checklist")..];
    assert!(check.contains("DIGITALISERINGSDIREKTORATET"), "{check}");
    assert!(!check.contains("Not looked up"), "{check}");
}

#[test]
fn a_sub_unit_is_said_and_a_yes_takes_the_parent_s_number() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let mut lines = TO_COMPANY_NAME.to_vec();
    // name, country (kept), the sub-unit's number, yes to the parent's, no to replacing the name.
    lines.extend(["Acme", "", "924203617", "y", "n", ":q"]);
    let out = run(
        &ws,
        &server.url(),
        &["new", "idura-no-bankid", "acme"],
        &lines,
    );
    assert!(
        out.contains(
            "DIGITALISERINGSDIREKTORATET AVD BRØNNØYSUND (924203617) is a sub-unit of \
             DIGITALISERINGSDIREKTORATET (991825827)"
        ),
        "{out}"
    );
    assert!(
        out.contains("Use 991825827 as the organisation number? (y/n)"),
        "{out}"
    );
    assert!(
        out.contains("991825827: registered as DIGITALISERINGSDIREKTORATET"),
        "{out}"
    );
    let answers = answers(&ws, "acme");
    assert_eq!(get(&answers, "company.orgnr"), Some("991825827"));
    assert_eq!(get(&answers, "company.name"), Some("Acme"));
}

#[test]
fn a_sub_unit_is_kept_after_a_no() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let mut lines = TO_COMPANY_NAME.to_vec();
    lines.extend(["Acme", "", "924203617", "n", ":q"]);
    let out = run(
        &ws,
        &server.url(),
        &["new", "idura-no-bankid", "acme"],
        &lines,
    );
    assert!(out.contains("Kept 924203617."), "{out}");
    let answers = answers(&ws, "acme");
    assert_eq!(get(&answers, "company.orgnr"), Some("924203617"));
}

#[test]
fn the_signatory_question_offers_the_people_the_register_lets_sign() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let mut lines = TO_COMPANY_NAME.to_vec();
    lines.extend([
        // company.name: left empty (Enter twice); the register fills it.
        "",
        "",
        "",
        brreg::numbers::SOLGLOTT,
        "",
        "",
        "",
        "Kari Nordmann",
        "+47 912 34 567",
        "kari@example.no",
        // The first signatory by the register's number 2, the second typed by hand.
        "a",
        "2",
        "+47 934 56 789",
        "trygve@example.no",
        "a",
        "ase braten",
        "+47 912 34 568",
        "ase@example.no",
        "",
        ":q",
    ]);
    let out = run(
        &ws,
        &server.url(),
        &["new", "idura-no-bankid", "acme"],
        &lines,
    );
    assert!(
        out.contains(
            "From the register (type a number to use the name, or type a name): 1. Åse Bråten — \
             Signatur i fellesskap, 2. Trygve Johan Ødegård — Signatur i fellesskap, 3. Kari \
             Solvang — Prokura hver for seg"
        ),
        "{out}"
    );
    assert!(
        out.contains("Jointly, at least two of: Åse Bråten (Signatur i fellesskap)"),
        "{out}"
    );
    assert!(out.contains("Picked: Trygve Johan Ødegård"), "{out}");
    let answers = answers(&ws, "acme");
    assert_eq!(
        get(&answers, "contacts.signatory.0.name"),
        Some("Trygve Johan Ødegård")
    );
    // A typed name stays as typed.
    assert_eq!(
        get(&answers, "contacts.signatory.1.name"),
        Some("ase braten")
    );
    // No birth date reached the draft.
    let draft = answers.to_string();
    assert!(!draft.contains("1971-09-30") && !draft.contains("1968-04-12"));
}
