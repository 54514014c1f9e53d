//! "Same as" in the full-screen wizard: only contacts with a name are offered, the company's own
//! people before another party's (a BankID partner, never the default for one of ours), and one
//! copy can fill several unnamed roles at once, in both wizards.

mod common;
mod tui_common;

use crossterm::event::KeyCode;
use eid_onboard::text::Lang;
use tui_common::Harness;

fn focus(h: &mut Harness, id: &str) {
    for _ in 0..120 {
        if h.focused_id().as_deref() == Some(id) {
            return;
        }
        h.key(KeyCode::Tab);
    }
    panic!("never reached {id}");
}

fn type_into(h: &mut Harness, id: &str, text: &str) {
    focus(h, id);
    h.text(text);
}

#[test]
fn one_copy_fills_the_marked_unnamed_roles_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 80, 24, Lang::En);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    type_into(&mut h, "contacts.general.name", "Kari Nordmann");
    type_into(&mut h, "contacts.general.mobile", "91234567");
    type_into(
        &mut h,
        "contacts.general.email",
        "kari.nordmann@fjordlys.no",
    );
    focus(&mut h, "contacts.credentials.name");
    h.ctrl('o');
    let screen = h.screen();
    assert!(
        screen.contains("▸ General contact (Kari Nordmann)"),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    let screen = h.screen();
    assert!(
        screen.contains("These roles without a name too, with General contact (Kari Nordmann)?"),
        "{screen}"
    );
    assert!(screen.contains("[ ] Contact for blocking"), "{screen}");
    assert!(screen.contains("Space mark"), "{screen}");
    let answers = h.wizard().session.answers();
    assert_eq!(
        answers.text("contacts.credentials.name"),
        Some("Kari Nordmann")
    );
    assert_eq!(
        answers.text("contacts.revocation.name"),
        None,
        "only when marked"
    );
    h.key(KeyCode::Char(' '));
    assert!(h.screen().contains("[x] Contact for blocking"));
    h.key(KeyCode::Enter);
    let answers = h.wizard().session.answers();
    assert_eq!(
        answers.text("contacts.revocation.name"),
        Some("Kari Nordmann")
    );
    assert_eq!(
        answers.text("contacts.revocation.email"),
        Some("kari.nordmann@fjordlys.no")
    );
    let screen = h.screen();
    assert!(
        screen.contains("Copied General contact (Kari Nordmann) to Contact for blocking."),
        "{screen}"
    );
}

#[test]
fn esc_on_the_second_question_fills_only_the_first_role() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 80, 24, Lang::En);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    type_into(&mut h, "contacts.general.name", "Kari Nordmann");
    focus(&mut h, "contacts.credentials.name");
    h.ctrl('o')
        .key(KeyCode::Enter)
        .key(KeyCode::Char(' '))
        .key(KeyCode::Esc);
    let answers = h.wizard().session.answers();
    assert_eq!(
        answers.text("contacts.credentials.name"),
        Some("Kari Nordmann")
    );
    assert_eq!(answers.text("contacts.revocation.name"), None);
}

#[test]
fn a_partner_is_offered_last_and_never_chosen_for_one_of_the_company_s_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 80, 24, Lang::En);
    h.app.start_new("bankid-oidc", Some("acme")).unwrap();
    type_into(&mut h, "partner.name", "Per Partner");
    type_into(&mut h, "partner.email", "per@nordsignering.no");
    focus(&mut h, "contacts.technical.name");
    h.ctrl('o');
    let screen = h.screen();
    assert!(screen.contains("(Per Partner)"), "{screen}");
    assert!(
        !screen.contains("▸ The BankID partner"),
        "nothing chosen at first:\n{screen}"
    );
    // Enter with nothing chosen copies nothing and keeps the list open.
    h.key(KeyCode::Enter);
    assert_eq!(
        h.wizard().session.answers().text("contacts.technical.name"),
        None
    );
    assert!(h.screen().contains("(Per Partner)"));
    // Chosen on purpose, it is copied.
    h.key(KeyCode::Down).key(KeyCode::Enter);
    assert_eq!(
        h.wizard().session.answers().text("contacts.technical.name"),
        Some("Per Partner")
    );
}

#[test]
fn the_line_by_line_wizard_asks_which_unnamed_roles_the_copied_person_fills_too() {
    use eid_onboard::draft::{DraftName, DraftStore, Position};
    let ws = common::Workspace::new();
    // The Idura fixture without the credentials and blocking contacts.
    let file = ws.variant("idura-complete.toml", "acme", "contacts.credentials", None);
    let mut table: toml::Table = std::fs::read_to_string(&file).unwrap().parse().unwrap();
    common::set_path(&mut table, "contacts.revocation", None);
    std::fs::write(&file, toml::to_string_pretty(&table).unwrap()).unwrap();
    common::cli(&ws)
        .arg("import")
        .arg(&file)
        .arg("acme")
        .assert()
        .stdout(predicates::str::contains("contacts.revocation"));
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let name = DraftName::parse("acme").unwrap();
    let lock = store.lock(&name).unwrap();
    let mut draft = store.load(&name).unwrap();
    draft.position = Some(Position {
        step: "access".into(),
        field: Some("contacts.credentials".into()),
    });
    store.save(&lock, &draft).unwrap();
    drop(lock);
    let out = common::cli(&ws)
        .args(["edit", "acme"])
        .write_stdin("=1\n1\n:q\n")
        .output()
        .unwrap();
    let stdout = common::stdout(&out);
    assert!(
        stdout.contains("for these roles without a name too? Type their numbers, or Enter for none: 1. Contact for blocking."),
        "{stdout}"
    );
    assert!(stdout.contains("to Contact for blocking."), "{stdout}");
    let export = common::cli(&ws).args(["export", "acme"]).output().unwrap();
    let table: toml::Table = common::stdout(&export).parse().unwrap();
    let general = table["contacts"]["general"]["name"].as_str();
    assert_eq!(table["contacts"]["credentials"]["name"].as_str(), general);
    assert_eq!(table["contacts"]["revocation"]["name"].as_str(), general);
}
