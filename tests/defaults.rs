//! A default is an answer: it fills templates, shows in the review and counts in the progress.

mod common;
mod tui_common;

use common::Workspace;
use crossterm::event::KeyCode;
use eid_onboard::document::Document;
use eid_onboard::draft::DraftStore;
use eid_onboard::order;
use eid_onboard::text::Lang;
use tui_common::Harness;

#[test]
fn the_subject_of_an_order_with_the_default_environment_names_it() {
    let ws = Workspace::new();
    let file = ws.variant(
        "bankid-oidc-complete.toml",
        "default-env",
        "client.environment",
        None,
    );
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let order = order::import(&store, &file, Some("oidc"), now).unwrap();
    assert_eq!(
        order.answers.get("client.environment"),
        None,
        "left to its default"
    );
    let date = jiff::civil::date(2026, 11, 20);
    let doc = Document::build(&order.spec, &order.answers, &[], date, &Default::default());
    assert!(
        doc.subject.ends_with(": CURRENT (test)"),
        "the default environment is named: {}",
        doc.subject
    );
}

#[test]
fn the_review_shows_a_default_yes_no_answer() {
    let dir = tempfile::tempdir().unwrap();
    // Tall enough for the whole review.
    let mut h = Harness::new(dir.path(), 120, 150, Lang::En);
    h.app.start_new("idporten-oidc", Some("client")).unwrap();
    h.app.settle();
    let progress = h.wizard().session.progress();
    assert!(
        progress.answered > 0,
        "defaults count as answers: {progress:?}"
    );
    // Ctrl-End or the last step: PageDown until the review.
    for _ in 0..20 {
        h.key(KeyCode::PageDown);
    }
    let screen = h.screen();
    assert!(screen.contains("Review"), "{screen}");
    let line = screen
        .lines()
        .find(|l| l.contains("Send the issuer and session ID at logout?"))
        .unwrap_or_else(|| panic!("the default yes/no question is reviewed:\n{screen}"));
    assert!(
        line.contains(": Yes"),
        "a default shows as the answer: {line}"
    );
}
