//! Pins what every step looks like: each step of a complete Idura order at 80×24, the review at
//! 60×20, and the size message on a 20×6 terminal.

mod common;
mod tui_common;

use crossterm::event::KeyCode;
use eid_onboard::draft::DraftStore;
use eid_onboard::order;
use eid_onboard::text::Lang;
use tui_common::Harness;

/// A complete order imported from the fixture, opened in the wizard.
fn complete(dir: &std::path::Path, width: u16, height: u16) -> Harness {
    let store = DraftStore::open(dir).unwrap();
    let file = std::path::Path::new(common::FIXTURES).join("idura-complete.toml");
    order::import(&store, &file, Some("acme"), tui_common::fixed_now()).unwrap();
    let mut h = Harness::new(dir, width, height, Lang::En);
    h.app.start_edit("acme").unwrap();
    h
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    // The save time is drawn in the local time zone.
    settings.add_filter(r"Saved \d\d:\d\d:\d\d", "Saved [time]");
    settings.add_filter(r"\d{4}-\d\d-\d\d \d\d:\d\d", "[local time    ]");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[test]
fn every_step_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = complete(dir.path(), 80, 24);
    let steps = h.wizard().step_count();
    settings().bind(|| {
        for step in 0..steps {
            let screen = h.screen();
            insta::assert_snapshot!(format!("idura_step_{step:02}"), screen);
            h.key(KeyCode::PageDown);
        }
    });
}

#[test]
fn the_review_at_60x20() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = complete(dir.path(), 60, 20);
    for _ in 0..20 {
        h.key(KeyCode::PageDown);
    }
    let screen = h.screen();
    settings().bind(|| insta::assert_snapshot!("idura_review_60x20", screen));
}

#[test]
fn the_review_lists_problems_of_an_incomplete_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 60, 20, Lang::En);
    h.app
        .start_new("criipto-no-bankid", Some("partial"))
        .unwrap();
    for _ in 0..20 {
        h.key(KeyCode::PageDown);
    }
    let screen = h.screen();
    assert!(screen.contains("Not ready"), "{screen}");
    settings().bind(|| insta::assert_snapshot!("criipto_review_empty_60x20", screen));
}

#[test]
fn a_20x6_terminal_shows_the_size_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = complete(dir.path(), 20, 6);
    let screen = h.screen();
    settings().bind(|| insta::assert_snapshot!("too_small_20x6", screen));
}

#[test]
fn the_home_screen_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = complete(dir.path(), 80, 24);
    h.key(KeyCode::Esc);
    let screen = h.screen();
    settings().bind(|| insta::assert_snapshot!("home_80x24", screen,));
}
