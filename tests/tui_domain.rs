//! The full-screen wizard and the live check of the production domain: the check is asked for when
//! a draft opens with a domain and when the domain is committed, runs off the UI thread, comes back
//! as an action the checklist shows, and never makes typing wait; a result for a domain changed
//! since is dropped.

mod common;
mod tui_common;

use std::time::{Duration, Instant};

use common::oidc::{self, Play, Server};
use crossterm::event::KeyCode;
use eid_onboard::config::{Setting, Source};
use eid_onboard::domain_check::{Checker, DomainCheck, Mapping, Outcome, Settings};
use eid_onboard::draft::DraftStore;
use eid_onboard::order;
use eid_onboard::prereq::{Item, State};
use eid_onboard::text::Lang;
use eid_onboard::tui::App;
use eid_onboard::tui::action::Action;
use eid_onboard::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_common::Harness;

/// The fixtures' Idura domain.
const DOMAIN: &str = "login.solglott-eiendom.no";
const URL: &str = "https://login.solglott-eiendom.no";

/// A wizard whose domain check reaches `server` for [`DOMAIN`] and trusts its CA.
fn harness(dir: &std::path::Path, server: &Server, timeout: Duration) -> Harness {
    let setting = |value| Setting {
        value,
        source: Source::Default,
    };
    let settings = Settings {
        timeout: setting(timeout),
        resolve: Setting {
            value: vec![Mapping::parse(&server.resolve(DOMAIN)).unwrap()],
            source: Source::Default,
        },
        ca_file: Some(Setting {
            value: server.write_ca(dir),
            source: Source::Default,
        }),
        ..Settings::default()
    };
    let store = DraftStore::open(dir.join("data")).unwrap();
    let terminal = Terminal::new(TestBackend::new(120, 60)).unwrap();
    let app = App::new(
        terminal,
        store,
        Lang::En,
        Theme { color: false },
        jiff::civil::date(2026, 11, 21),
    )
    .with_clock(tui_common::fixed_now)
    .with_domain_check(Checker::new(&settings).unwrap());
    Harness { app }
}

/// The complete Idura order as draft `acme`.
fn import(dir: &std::path::Path) {
    let store = DraftStore::open(dir.join("data")).unwrap();
    let file = std::path::Path::new(common::FIXTURES).join("idura-complete.toml");
    order::import(&store, &file, Some("acme"), tui_common::fixed_now()).unwrap();
}

/// Lets the background work arrive (as the event loop does between keys).
fn settle(h: &mut Harness) {
    let start = Instant::now();
    while h.app.is_waiting() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the check never came back"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.app.tick();
    }
}

fn domain_item(h: &Harness) -> Item {
    h.wizard()
        .session
        .checklist()
        .iter()
        .find(|i| i.id == "domain")
        .cloned()
        .expect("the domain item")
}

#[test]
fn a_draft_opened_with_a_set_up_domain_shows_it_met_on_the_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let server = oidc::https(DOMAIN, 200, &oidc::discovery(URL));
    let mut h = harness(dir.path(), &server, Duration::from_secs(10));
    import(dir.path());
    h.app.start_edit("acme").unwrap();
    assert!(h.wizard().session.is_checking_domain());
    assert_eq!(domain_item(&h).state, State::Unknown);
    settle(&mut h);
    let item = domain_item(&h);
    assert_eq!(item.state, State::Met, "{item:?}");
    assert!(
        h.screen().contains("answers at /.well-known"),
        "{}",
        h.screen()
    );
    assert_eq!(server.requests.lock().unwrap().len(), 1);
}

#[test]
fn typing_goes_on_while_the_check_waits_for_a_silent_domain() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(Play::Silent);
    let mut h = harness(dir.path(), &server, Duration::from_millis(500));
    import(dir.path());
    h.app.start_edit("acme").unwrap();
    assert!(h.app.is_waiting(), "the check is out");
    // Keys are handled and drawn while the check has no answer.
    h.key(KeyCode::Tab);
    h.ctrl('a').text("Typed while checking ");
    assert!(h.app.is_waiting(), "still no answer");
    assert!(h.wizard().session.is_checking_domain());
    assert!(
        h.screen().contains("Typed while checking"),
        "{}",
        h.screen()
    );
    // The check returns within its time limit, as unknown: a warning, not a block.
    settle(&mut h);
    let item = domain_item(&h);
    assert_eq!(item.state, State::Unknown, "{item:?}");
    assert!(
        item.reason.en.contains("did not answer within 0.5 s"),
        "{item:?}"
    );
}

#[test]
fn a_result_for_a_domain_changed_since_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let server = oidc::https(DOMAIN, 404, "{}");
    let mut h = harness(dir.path(), &server, Duration::from_secs(10));
    import(dir.path());
    h.app.start_edit("acme").unwrap();
    settle(&mut h);
    assert_eq!(domain_item(&h).state, State::NotMet);
    // A late answer about another domain (the answer before a change) changes nothing.
    h.app.dispatch(Action::DomainChecked(Box::new(DomainCheck {
        url: "https://old.solglott-eiendom.no".into(),
        domain: "old.solglott-eiendom.no".into(),
        outcome: Outcome::SetUp,
    })));
    let item = domain_item(&h);
    assert_eq!(item.state, State::NotMet, "{item:?}");
    assert!(item.reason.en.contains("HTTP 404"), "{item:?}");
}

#[test]
fn committing_the_domain_checks_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = oidc::https(
        DOMAIN,
        200,
        &oidc::discovery("https://solglott.idura.broker"),
    );
    let mut h = harness(dir.path(), &server, Duration::from_secs(10));
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    assert!(!h.wizard().session.is_checking_domain(), "no domain yet");
    let answers = tui_common::fixture("idura-complete.toml");
    tui_common::fill(&mut h, &answers);
    settle(&mut h);
    let item = domain_item(&h);
    assert_eq!(item.state, State::NotMet, "{item:?}");
    assert!(
        item.reason.en.contains("https://solglott.idura.broker"),
        "{item:?}"
    );
    assert_eq!(server.requests.lock().unwrap().len(), 1);
}
