//! A dialog taller than the screen is read whole: its window scrolls with the arrows and pages,
//! and its title says when there is more above or below.

mod common;
mod tui_common;

use crossterm::event::KeyCode;
use eid_onboard::draft::DraftStore;
use eid_onboard::order;
use eid_onboard::text::Lang;
use eid_onboard::tui::Action;
use tui_common::{Harness, fixed_now};

/// The words inside the dialog's borders, line by line.
fn dialog_text(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter(|l| l.contains('│'))
        .map(|l| l.split('│').nth(1).unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn top_border(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains('┌'))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_message_taller_than_the_screen_scrolls_to_its_last_word() {
    let data = tempfile::tempdir().unwrap();
    let store = DraftStore::open(data.path()).unwrap();
    let fixture = std::path::Path::new(common::FIXTURES).join("idura-complete.toml");
    order::import(&store, &fixture, Some("acme"), fixed_now()).unwrap();
    let mut h = Harness::new(data.path(), 50, 12, Lang::En);
    h.app.start_edit("acme").unwrap();
    let dir = "/home/kari/.local/share/eid-onboard/bundles/acme-idura-no-bankid-2026-11-21";
    h.app.dispatch(Action::Bundled {
        dir: dir.to_string(),
        zip: format!("{dir}.zip"),
        sha256: "ab".repeat(32),
        access_request: None,
    });

    let first = h.screen();
    assert!(top_border(&first).contains('↓'), "{first}");
    assert!(!top_border(&first).contains('↑'), "{first}");
    let mut seen = dialog_text(&first);
    let mut last = first.clone();
    for _ in 0..40 {
        h.key(KeyCode::Down);
        let screen = h.screen();
        for line in dialog_text(&screen) {
            if !seen.contains(&line) {
                seen.push(line);
            }
        }
        last = screen;
    }
    assert!(top_border(&last).contains('↑'), "{last}");
    assert!(!top_border(&last).contains('↓'), "{last}");
    let all = seen.join(" ");
    assert!(all.contains(&"ab".repeat(16)), "the hash is shown: {all}");
    assert!(
        all.contains("verify"),
        "the last sentence is reached: {all}"
    );

    // PgUp back to the top; the dialog is still open and closes with Enter.
    h.key(KeyCode::PageUp)
        .key(KeyCode::PageUp)
        .key(KeyCode::PageUp);
    let back = h.screen();
    assert_eq!(dialog_text(&back)[0], dialog_text(&first)[0], "{back}");
    h.key(KeyCode::Enter);
    assert!(!h.screen().contains('┌'), "{}", h.screen());
}
