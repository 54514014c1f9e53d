//! The wizard and the registry: a lookup runs in the background when an organisation number is
//! entered, fills the registered name and address into empty fields, asks before replacing typed
//! ones, feeds the checklist, and never makes typing wait (shown with an answer held behind a gate).

mod common;
mod tui_common;

use std::time::{Duration, Instant};

use common::brreg::{self, numbers};
use common::http::{Gate, Server};
use crossterm::event::KeyCode;
use eid_onboard::prereq::State as ItemState;
use eid_onboard::registry::{Cache, Client, Registry};
use eid_onboard::text::Lang;
use tui_common::Harness;

fn harness(dir: &std::path::Path, server: &Server) -> Harness {
    // A time limit far beyond the tests' own waits: a held answer comes when its gate opens.
    let registry = Registry::from_parts(
        Some(Client::new(&server.url(), Duration::from_secs(60))),
        Some(Cache::new(dir.join("cache"))),
    );
    Harness::with_registry(&dir.join("data"), 80, 24, Lang::En, Some(registry))
}

/// Lets the background lookups arrive (as the event loop does between keys).
fn settle(h: &mut Harness) {
    let start = Instant::now();
    while h.app.is_waiting() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the lookup never came back"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.app.tick();
    }
}

fn to_company_orgnr(h: &mut Harness) {
    h.key(KeyCode::PageDown)
        .key(KeyCode::PageDown)
        .key(KeyCode::PageDown);
    h.key(KeyCode::Tab).key(KeyCode::Tab);
    assert_eq!(h.focused_id().as_deref(), Some("company.orgnr"));
}

#[test]
fn a_found_company_fills_its_name_and_address_and_meets_the_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(brreg::routes());
    let mut h = harness(dir.path(), &server);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    to_company_orgnr(&mut h);
    h.text(numbers::SOLGLOTT).key(KeyCode::Tab);
    settle(&mut h);
    let answers = h.wizard().session.answers();
    assert!(
        answers.text("company.name").is_some_and(|n| !n.is_empty()),
        "{answers:?}"
    );
    assert!(answers.text("company.address.street").is_some());
    assert!(answers.text("company.address.postal_code").is_some());
    let registry = h
        .wizard()
        .session
        .checklist()
        .iter()
        .find(|i| i.id == "registry")
        .unwrap();
    assert_eq!(registry.state, ItemState::Met, "{registry:?}");
    assert!(h.screen().contains("Filled in from the register"));
}

#[test]
fn typed_text_is_only_replaced_when_the_user_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(brreg::routes());
    let mut h = harness(dir.path(), &server);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    h.key(KeyCode::PageDown)
        .key(KeyCode::PageDown)
        .key(KeyCode::PageDown);
    h.text("My own name AS").key(KeyCode::Tab).key(KeyCode::Tab);
    h.text(numbers::FOUND).key(KeyCode::Tab);
    settle(&mut h);
    assert!(h.screen().contains("The register says something else"));
    assert_eq!(
        h.wizard().session.answers().text("company.name"),
        Some("My own name AS")
    );
    h.key(KeyCode::Char('n'));
    assert_eq!(
        h.wizard().session.answers().text("company.name"),
        Some("My own name AS")
    );
}

#[test]
fn a_deleted_company_blocks_with_the_registry_s_reason() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(brreg::routes());
    let mut h = harness(dir.path(), &server);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    to_company_orgnr(&mut h);
    h.text(numbers::DELETED).key(KeyCode::Tab);
    settle(&mut h);
    let registry = h
        .wizard()
        .session
        .checklist()
        .iter()
        .find(|i| i.id == "registry")
        .unwrap();
    assert_eq!(registry.state, ItemState::NotMet, "{registry:?}");
}

#[test]
fn typing_goes_on_while_a_lookup_is_out() {
    let dir = tempfile::tempdir().unwrap();
    let gate = Gate::new();
    let server = Server::start(brreg::routes_held(&gate));
    let mut h = harness(dir.path(), &server);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    to_company_orgnr(&mut h);
    h.text(numbers::HELD).key(KeyCode::Tab);
    // The registry has the request and holds its answer until the gate opens.
    server.wait_for_requests(&[&brreg::path(numbers::HELD)]);
    h.text("Storgata 1").key(KeyCode::Tab).text("0155");
    h.app.tick();
    assert!(h.app.is_waiting(), "the held answer is still out");
    // Every key was handled meanwhile: the street is in the answers, the postcode on the screen.
    assert_eq!(
        h.wizard().session.answers().text("company.address.street"),
        Some("Storgata 1")
    );
    assert!(h.screen().contains("0155"), "{}", h.screen());
    assert_eq!(h.wizard().session.answers().text("company.name"), None);

    gate.open();
    settle(&mut h);
    assert!(!h.app.is_waiting());
    // The answer arrived: the empty name is filled, the typed street is not replaced unasked.
    assert_eq!(
        h.wizard().session.answers().text("company.name"),
        Some(brreg::HELD_NAME)
    );
    assert!(
        h.screen().contains("The register says something else"),
        "{}",
        h.screen()
    );
    assert_eq!(
        h.wizard().session.answers().text("company.address.street"),
        Some("Storgata 1")
    );
}

#[test]
fn the_bank_picker_offers_the_registry_s_current_name_once_looked_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut routes = brreg::routes();
    routes.retain(|(path, _)| !path.ends_with(numbers::SMN));
    routes.push((
        format!("/enheter/{}", numbers::SMN),
        common::http::Reply::json(
            200,
            brreg::renumbered(brreg::SR_BANK, numbers::SMN, "SPAREBANK 1 MIDT-NORGE"),
        ),
    ));
    let server = Server::start(routes);
    {
        let mut h = harness(dir.path(), &server);
        h.app.start_new("idura-no-bankid", Some("first")).unwrap();
        for _ in 0..5 {
            h.key(KeyCode::PageDown);
        }
        h.key(KeyCode::Tab);
        assert_eq!(h.focused_id().as_deref(), Some("bank.orgnr"));
        h.text(numbers::SMN).key(KeyCode::Tab);
        settle(&mut h);
        h.ctrl('q');
    }
    // A later order: the picker knows the new name from the cache, without asking the registry.
    let mut h = harness(dir.path(), &server);
    h.app.start_new("idura-no-bankid", Some("second")).unwrap();
    for _ in 0..5 {
        h.key(KeyCode::PageDown);
    }
    h.text("midt-norge");
    assert!(
        h.screen().contains("SPAREBANK 1 MIDT-NORGE (937901003)"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Enter);
    assert_eq!(
        h.wizard().session.answers().text("bank.orgnr"),
        Some(numbers::SMN)
    );
}

#[test]
fn a_sub_unit_offers_its_parent_s_number_and_a_yes_takes_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(brreg::routes());
    let mut h = harness(dir.path(), &server);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    to_company_orgnr(&mut h);
    h.text(numbers::SUB_UNIT).key(KeyCode::Tab);
    settle(&mut h);
    let screen = h.screen();
    assert!(screen.contains("A sub-unit"), "{screen}");
    assert!(screen.contains("DIGITALISERINGSDIREKTORATET"), "{screen}");
    assert!(screen.contains("991825827"), "{screen}");
    h.key(KeyCode::Char('y'));
    settle(&mut h);
    let answers = h.wizard().session.answers();
    assert_eq!(
        answers.text("company.orgnr"),
        Some(numbers::SUB_UNIT_PARENT)
    );
    // The parent is looked up in its turn and fills the empty name.
    assert_eq!(
        answers.text("company.name"),
        Some("DIGITALISERINGSDIREKTORATET")
    );
    let registry = h
        .wizard()
        .session
        .checklist()
        .iter()
        .find(|i| i.id == "registry")
        .unwrap();
    assert_eq!(registry.state, ItemState::Met, "{registry:?}");
}

#[test]
fn a_sub_unit_kept_after_a_no_is_said_on_its_field_and_blocks_the_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(brreg::routes());
    let mut h = harness(dir.path(), &server);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    to_company_orgnr(&mut h);
    h.text(numbers::SUB_UNIT).key(KeyCode::Tab);
    settle(&mut h);
    h.key(KeyCode::Char('n'));
    let session = &h.wizard().session;
    assert_eq!(
        session.answers().text("company.orgnr"),
        Some(numbers::SUB_UNIT)
    );
    let registry = session
        .checklist()
        .iter()
        .find(|i| i.id == "registry")
        .unwrap();
    assert_eq!(registry.state, ItemState::NotMet);
    assert!(
        registry
            .reason
            .en
            .contains("is a sub-unit of DIGITALISERINGSDIREKTORATET (991825827)")
    );
    // The field shows it once left (it was: Tab moved on).
    h.key(KeyCode::BackTab);
    let screen = h.screen();
    assert!(screen.contains("is a sub-unit of"), "{screen}");
}

#[test]
fn a_signatorys_name_offers_the_people_the_register_lets_sign() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(brreg::routes());
    let mut h = harness(dir.path(), &server);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    to_company_orgnr(&mut h);
    h.text(numbers::SOLGLOTT).key(KeyCode::Tab);
    settle(&mut h);
    // On to a signatory's name (a bounded walk: a row missing fails, never hangs).
    let is_name = |id: &Option<String>| {
        id.as_deref()
            .is_some_and(|id| id.starts_with("contacts.signatory[") && id.ends_with("].name"))
    };
    let mut seen = Vec::new();
    for _ in 0..40 {
        let at = h.focused_id();
        if is_name(&at) {
            break;
        }
        seen.push(at.clone());
        if at.as_deref() == Some("contacts.signatory") {
            h.key(KeyCode::Enter);
        } else {
            h.key(KeyCode::Tab);
        }
    }
    let name_id = h.focused_id().unwrap_or_default();
    assert!(is_name(&Some(name_id.clone())), "{seen:?}");
    let screen = h.screen();
    assert!(screen.contains("from the register"), "{screen}");
    h.ctrl('r');
    let screen = h.screen();
    assert!(
        screen.contains("Åse Bråten — Signatur i fellesskap"),
        "{screen}"
    );
    assert!(
        screen.contains("Kari Solvang — Prokura hver for seg"),
        "{screen}"
    );
    // Nothing is written until one is picked.
    let names = |h: &Harness| -> Vec<String> {
        eid_onboard_core::signatory::parts(h.wizard().session.answers())
            .into_iter()
            .filter_map(|r| r.get("name").cloned())
            .collect()
    };
    assert!(names(&h).is_empty(), "{:?}", names(&h));
    h.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Enter);
    assert_eq!(names(&h), ["Kari Solvang"]);
    // The editor shows the picked name, and the help the register's rule.
    let screen = h.screen();
    assert!(screen.contains("Kari Solvang"), "{screen}");
    assert!(screen.contains("As the register tells"), "{screen}");
}
