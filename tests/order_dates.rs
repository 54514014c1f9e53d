//! A draft's `updated` time dates its documents (the bundle's date), so it moves only when an
//! answer changes; and an order's status never goes back by itself.

mod common;
mod tui_common;

use common::Workspace;
use crossterm::event::KeyCode;
use eid_onboard::bundle;
use eid_onboard::draft::{DraftName, DraftStore, Status};
use eid_onboard::mail;
use eid_onboard::order;
use eid_onboard::text::Lang;
use tui_common::Harness;

fn at(time: &str) -> jiff::Timestamp {
    time.parse().unwrap()
}

fn updated(store: &DraftStore, name: &str) -> jiff::Timestamp {
    store
        .load(&DraftName::parse(name).unwrap())
        .unwrap()
        .updated
}

#[test]
fn importing_an_identical_file_keeps_the_date_a_changed_one_moves_it() {
    let ws = Workspace::new();
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let file = ws.path("idura-complete.toml");
    order::import(&store, &file, Some("acme"), at("2026-11-20T08:00:00Z")).unwrap();
    order::import(&store, &file, Some("acme"), at("2026-11-25T08:00:00Z")).unwrap();
    assert_eq!(updated(&store, "acme"), at("2026-11-20T08:00:00Z"));

    let changed = ws.variant(
        "idura-complete.toml",
        "changed",
        "service.display_name",
        common::s("Solgløtt Eiendomsmegling"),
    );
    order::import(&store, &changed, Some("acme"), at("2026-11-26T08:00:00Z")).unwrap();
    assert_eq!(updated(&store, "acme"), at("2026-11-26T08:00:00Z"));
}

#[test]
fn opening_paging_and_quitting_do_not_move_the_date_typing_does() {
    let ws = Workspace::new();
    let store = DraftStore::open(ws.data_dir()).unwrap();
    order::import(
        &store,
        &ws.path("idura-complete.toml"),
        Some("acme"),
        at("2026-11-20T08:00:00Z"),
    )
    .unwrap();

    let mut h = Harness::new(&ws.data_dir(), 100, 30, Lang::En);
    h.app.start_edit("acme").unwrap();
    h.app.settle();
    for _ in 0..12 {
        h.key(KeyCode::Tab);
    }
    h.key(KeyCode::PageDown).key(KeyCode::PageDown);
    h.ctrl('s');
    h.ctrl('q');
    assert!(h.app.should_quit());
    assert_eq!(
        updated(&store, "acme"),
        at("2026-11-20T08:00:00Z"),
        "nothing was changed"
    );

    let mut h = Harness::new(&ws.data_dir(), 100, 30, Lang::En);
    h.app.start_edit("acme").unwrap();
    h.app.settle();
    h.key(KeyCode::PageDown);
    let before = h.focused_id();
    h.text("x");
    h.ctrl('q');
    assert!(before.is_some());
    assert_eq!(
        updated(&store, "acme"),
        tui_common::fixed_now(),
        "a typed character is a change"
    );
}

#[test]
fn bundling_again_after_a_send_keeps_the_order_sent() {
    let ws = Workspace::new();
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let order = order::import(
        &store,
        &ws.path("criipto-complete.toml"),
        Some("clinic"),
        at("2026-11-20T08:00:00Z"),
    )
    .unwrap();
    let name = DraftName::parse("clinic").unwrap();
    let out = ws.path("out");
    let bundle_once = || {
        let lock = store.lock(&name).unwrap();
        let outcome = bundle::create(
            &order,
            &out,
            &bundle::Options {
                force: true,
                ..Default::default()
            },
        )
        .unwrap();
        bundle::record(&store, &lock, &outcome, at("2026-11-21T08:00:00Z")).unwrap();
    };
    bundle_once();
    assert_eq!(store.load(&name).unwrap().status, Status::Bundled);
    let lock = store.lock(&name).unwrap();
    mail::set_status(&store, &lock, Status::Sent).unwrap();
    drop(lock);
    bundle_once();
    assert_eq!(store.load(&name).unwrap().status, Status::Sent);
    let lock = store.lock(&name).unwrap();
    mail::set_status(&store, &lock, Status::Signed).unwrap();
    drop(lock);
    bundle_once();
    assert_eq!(store.load(&name).unwrap().status, Status::Signed);
    assert_eq!(
        updated(&store, "clinic"),
        at("2026-11-20T08:00:00Z"),
        "bundling and marking do not date the order anew"
    );
}
