//! Proposals in both wizards: an answer offered for an empty question from what the order holds
//! (a display name from the company's name, an address in a colleague's pattern), shown as a
//! proposal, taken with one key, never written unless taken.

mod common;
mod tui_common;

use common::Workspace;
use crossterm::event::KeyCode;
use eid_onboard::draft::{DraftName, DraftStore, Position};
use eid_onboard::text::Lang;
use tui_common::Harness;

const COMPANY: &str = "SOLGLØTT EIENDOMSMEGLING AS";
const PROPOSED: &str = "Solgløtt Eiendomsmegling";

/// The Idura fixture without a display name, imported as `acme`, its position on that question.
fn draft_without_display_name(ws: &Workspace) {
    let file = ws.variant("idura-complete.toml", "acme", "service.display_name", None);
    common::cli(ws)
        .arg("import")
        .arg(&file)
        .arg("acme")
        .assert()
        .stdout(predicates::str::contains("service.display_name"));
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let name = DraftName::parse("acme").unwrap();
    let lock = store.lock(&name).unwrap();
    let mut draft = store.load(&name).unwrap();
    draft.position = Some(Position {
        step: "login".into(),
        field: Some("service.display_name".into()),
    });
    store.save(&lock, &draft).unwrap();
}

fn focus(h: &mut Harness, id: &str) {
    for _ in 0..80 {
        if h.focused_id().as_deref() == Some(id) {
            return;
        }
        h.key(KeyCode::Tab);
    }
    panic!("never reached {id}");
}

#[test]
fn the_full_screen_wizard_shows_a_proposal_that_tab_leaves_and_enter_or_right_takes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 80, 24, Lang::En);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    focus(&mut h, "company.name");
    h.text(COMPANY);
    focus(&mut h, "service.display_name");
    let screen = h.screen();
    assert!(
        screen.contains(&format!("{PROPOSED}  (proposed)")),
        "{screen}"
    );
    assert!(screen.contains("→ Enter take the proposal"), "{screen}");
    assert!(screen.contains("Proposed from “Company name”"), "{screen}");
    // Tab moves on and writes nothing.
    h.key(KeyCode::Tab);
    assert_eq!(
        h.wizard().session.answers().text("service.display_name"),
        None
    );
    // Back on it, → takes it and stays.
    h.key(KeyCode::BackTab);
    assert_eq!(h.focused_id().as_deref(), Some("service.display_name"));
    h.key(KeyCode::Right);
    assert_eq!(
        h.wizard().session.answers().text("service.display_name"),
        Some(PROPOSED)
    );
    assert_eq!(h.focused_id().as_deref(), Some("service.display_name"));
    let screen = h.screen();
    assert!(!screen.contains("(proposed)"), "{screen}");
    // Emptied again, typing replaces the proposal: it is never mixed in.
    tui_common::clear_editor(&mut h);
    h.text("Meglerportalen");
    assert_eq!(
        h.wizard().session.answers().text("service.display_name"),
        Some("Meglerportalen")
    );
    // Enter on an empty line with a proposal takes it and moves on.
    tui_common::clear_editor(&mut h);
    h.key(KeyCode::Enter);
    assert_eq!(
        h.wizard().session.answers().text("service.display_name"),
        Some(PROPOSED)
    );
    assert_eq!(h.focused_id().as_deref(), Some("service.production_domain"));
}

#[test]
fn the_line_by_line_wizard_offers_the_proposal_enter_takes_it_and_dash_leaves_it() {
    let ws = Workspace::new();
    draft_without_display_name(&ws);
    let out = common::cli(&ws)
        .args(["edit", "acme"])
        .write_stdin("\n:q\n")
        .output()
        .unwrap();
    let stdout = common::stdout(&out);
    assert!(
        stdout.contains(&format!(
            "Proposed: {PROPOSED} (Enter takes it, - leaves it empty)"
        )),
        "{stdout}"
    );
    let export = common::cli(&ws).args(["export", "acme"]).output().unwrap();
    let table: toml::Table = common::stdout(&export).parse().unwrap();
    assert_eq!(
        table["service"]["display_name"].as_str(),
        Some(PROPOSED),
        "{stdout}"
    );

    let ws = Workspace::new();
    draft_without_display_name(&ws);
    common::cli(&ws)
        .args(["edit", "acme"])
        .write_stdin("-\n:q\n")
        .assert()
        .success();
    let export = common::cli(&ws).args(["export", "acme"]).output().unwrap();
    let table: toml::Table = common::stdout(&export).parse().unwrap();
    assert!(table["service"].get("display_name").is_none());
}
