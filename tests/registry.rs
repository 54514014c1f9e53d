//! The registry lookup against a real HTTP server on 127.0.0.1 serving the recorded Enhetsregisteret
//! answers and variants of them: each outcome, its checklist state and message, the cache, prefill,
//! and that a registry holding its answer never blocks the caller (shown with answers held behind
//! a gate, not with the clock).

mod common;

use std::sync::mpsc::TryRecvError;
use std::time::Duration;

use common::brreg::{self, numbers};
use common::http::{self, Gate, Reply, Server};
use eid_onboard::answers::{Answer, Answers, AnswersFile};
use eid_onboard::form::FormSpec;
use eid_onboard::order;
use eid_onboard::prereq::{self, Facts, Item, Standing, State};
use eid_onboard::registry::{
    self, Cache, Client, Failure, Fallback, Lookup, Outcome, Prefill, Registry, Settings,
};

/// Short, so the never-answering path costs little.
const TIMEOUT: Duration = Duration::from_millis(300);

struct Setup {
    server: Server,
    cache: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        Setup::with(brreg::routes())
    }

    fn with(routes: Vec<(String, Reply)>) -> Setup {
        Setup {
            server: Server::start(routes),
            cache: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn online(&self) -> Registry {
        self.online_with(TIMEOUT)
    }

    fn online_with(&self, timeout: Duration) -> Registry {
        Registry::new(&Settings {
            url: self.server.url(),
            enabled: true,
            timeout,
            cache_dir: Some(self.cache.path().to_path_buf()),
        })
    }

    fn offline(&self) -> Registry {
        Registry::from_parts(None, Some(Cache::new(self.cache.path())))
    }

    /// The same cache, but a registry where nothing listens.
    fn unreachable(&self) -> Registry {
        Registry::from_parts(
            Some(Client::new(&http::closed_url(), TIMEOUT)),
            Some(Cache::new(self.cache.path())),
        )
    }
}

fn spec() -> FormSpec {
    order::form("idura-no-bankid").expect("shipped form")
}

/// The complete fixture answers with the company's and the bank's number replaced.
fn answers(company: &str, bank: &str) -> Answers {
    let file =
        AnswersFile::read(&std::path::Path::new(common::FIXTURES).join("idura-complete.toml"))
            .expect("fixture");
    let spec = spec();
    let mut answers = Answers::from_table(&spec, &file.table);
    answers.set("company.orgnr", Answer::Text(company.into()));
    answers.set("bank.orgnr", Answer::Text(bank.into()));
    answers
}

fn checklist(facts: &Facts, answers: &Answers) -> Vec<Item> {
    let spec = spec();
    prereq::evaluate(&spec, answers, &[], facts)
}

fn item<'a>(items: &'a [Item], id: &str) -> &'a Item {
    items.iter().find(|i| i.id == id).expect("item present")
}

fn reason(standing: &Standing) -> &eid_onboard::text::Text {
    match standing {
        Standing::Bad { reason } | Standing::Unknown { reason } => reason,
        Standing::Good { name } => panic!("good standing as {name}"),
    }
}

#[test]
fn a_unit_in_good_standing_is_found_cached_and_met() {
    let setup = Setup::new();
    let registry = setup.online();
    let lookup = registry.lookup("984 851 006");
    assert_eq!(lookup.orgnr, numbers::FOUND);
    assert_eq!(lookup.outcome.kind(), "found");
    assert_eq!(
        lookup.standing(),
        Standing::Good {
            name: "DNB BANK ASA".into()
        }
    );
    assert_eq!(lookup.sector().unwrap().code, "3200");
    assert!(lookup.fetched.is_some() && lookup.from_cache.is_none());
    assert!(
        Cache::new(setup.cache.path())
            .path_of(numbers::FOUND)
            .is_file()
    );
    assert_eq!(setup.server.requests(), ["/enheter/984851006"]);

    let answers = answers(numbers::SOLGLOTT, numbers::FOUND);
    let (facts, lookups) = registry.facts_for(&spec(), &answers);
    assert_eq!(lookups.len(), 2);
    let items = checklist(&facts, &answers);
    let company = item(&items, "registry");
    assert_eq!(company.state, State::Met);
    assert!(
        company.reason.en.starts_with(
            "928471632 is registered as SOLGLØTT EIENDOMSMEGLING AS and in good standing. \
             (The register's answer of "
        ),
        "the fresh answer is dated: {}",
        company.reason.en
    );
    let bank = item(&items, "bank");
    assert_eq!(bank.state, State::Met);
    assert!(
        bank.reason
            .en
            .contains("DNB BANK ASA (984851006) is registered as a bank"),
        "{}",
        bank.reason.en
    );
}

#[test]
fn each_bad_answer_blocks_with_the_registrys_reason_in_both_languages() {
    let setup = Setup::new();
    let registry = setup.online();
    let cases = [
        (
            numbers::DELETED,
            "deleted",
            "VESTFOLD OG TELEMARK FYLKESKOMMUNE UNDER SLETTING FRA 01.01.2024 (821227062) was deleted from the Central Coordinating Register on 2024-11-26.",
            "ble slettet fra Enhetsregisteret 2024-11-26",
        ),
        (
            numbers::UNKNOWN,
            "not-found",
            "123456785 is not in the Central Coordinating Register: no unit has this number.",
            "123456785 finnes ikke i Enhetsregisteret",
        ),
        (
            numbers::REMOVED,
            "removed",
            "433695968 has been removed from the Central Coordinating Register for legal reasons (deleted on 2025-05-24).",
            "fjernet fra Enhetsregisteret av juridiske årsaker (slettet 2025-05-24)",
        ),
        (
            numbers::BANKRUPT,
            "found",
            "EKSEMPEL KONKURSBO AS (910000004) is bankrupt (since 2024-03-01) and being wound up (since 2024-03-01)",
            "er EKSEMPEL KONKURSBO AS (910000004) konkurs (fra 2024-03-01) og under avvikling (fra 2024-03-01)",
        ),
    ];
    for (number, kind, en, nb) in cases {
        let lookup = registry.lookup(number);
        assert_eq!(lookup.outcome.kind(), kind, "{number}");
        let standing = lookup.standing();
        assert!(
            matches!(standing, Standing::Bad { .. }),
            "{number}: {standing:?}"
        );
        let text = reason(&standing);
        assert!(text.en.contains(en), "{number}: {}", text.en);
        assert!(text.nb.contains(nb), "{number}: {}", text.nb);

        let answers = answers(number, numbers::FOUND);
        let (facts, _) = registry.facts_for(&spec(), &answers);
        let items = checklist(&facts, &answers);
        let company = item(&items, "registry");
        assert_eq!(company.state, State::NotMet, "{number}");
        assert!(company.reason.en.contains(en), "{}", company.reason.en);
        assert!(!prereq::all_met_or_unknown(&items));
    }
}

#[test]
fn no_usable_answer_is_unknown_with_the_reason_never_a_block() {
    let setup = Setup::new();
    let registry = setup.online();
    let cases: Vec<(Registry, &str, &str, &str)> = vec![
        (
            registry.clone(),
            numbers::MALFORMED,
            "unreadable",
            "could not be read (the answer is not JSON)",
        ),
        (
            registry.clone(),
            numbers::HANGS,
            "unreachable",
            "Could not reach the Central Coordinating Register (no answer within 0.3 s)",
        ),
        (
            registry.clone(),
            numbers::SERVER_ERROR,
            "unreachable",
            "(it answered HTTP 500)",
        ),
        (
            Registry::from_parts(Some(Client::new(&http::closed_url(), TIMEOUT)), None),
            numbers::FOUND,
            "unreachable",
            "(connection refused)",
        ),
        (
            Registry::from_parts(None, None),
            numbers::FOUND,
            "offline",
            "Offline: 984851006 was not looked up",
        ),
    ];
    for (registry, number, kind, message) in cases {
        let lookup = registry.lookup(number);
        assert_eq!(lookup.outcome.kind(), kind, "{number}");
        let standing = lookup.standing();
        assert!(matches!(standing, Standing::Unknown { .. }), "{standing:?}");
        assert!(
            reason(&standing).en.contains(message),
            "{:?}",
            reason(&standing).en
        );

        let answers = answers(number, numbers::FOUND);
        let items = checklist(&registry::facts(&[lookup]), &answers);
        let company = item(&items, "registry");
        assert_eq!(company.state, State::Unknown, "{number}");
        assert!(company.reason.en.contains(message), "{}", company.reason.en);
        assert!(prereq::all_met_or_unknown(&items), "{number} blocks");
    }
    // Nothing about these was cached.
    for number in [numbers::MALFORMED, numbers::HANGS, numbers::SERVER_ERROR] {
        assert!(!Cache::new(setup.cache.path()).path_of(number).exists());
    }
}

#[test]
fn a_never_answering_registry_gives_up_at_the_timeout() {
    let setup = Setup::new();
    let registry = setup.online();
    let lookup = registry.lookup(numbers::HANGS);
    assert_eq!(
        lookup.outcome,
        Outcome::Unreachable(Failure::Timeout { after: TIMEOUT })
    );
    // The request reached the server, which never answered; the client gave up and closed the
    // connection.
    let path = brreg::path(numbers::HANGS);
    assert_eq!(setup.server.requests(), std::slice::from_ref(&path));
    setup.server.wait_for_hang_up(&path);
}

#[test]
fn company_and_bank_are_looked_up_in_parallel() {
    let gate = Gate::new();
    let (company, bank) = (brreg::path(numbers::SOLGLOTT), brreg::path(numbers::SMN));
    let setup = Setup::with(vec![
        (company.clone(), Reply::held(&gate, 200, brreg::solglott())),
        (
            bank.clone(),
            Reply::held(
                &gate,
                200,
                brreg::renumbered(brreg::SR_BANK, numbers::SMN, "SPAREBANK 1 SMN"),
            ),
        ),
    ]);
    // A time limit far beyond the test's own waits: the answers come when the gate opens.
    let registry = setup.online_with(Duration::from_secs(60));
    let answers = answers(numbers::SOLGLOTT, numbers::SMN);
    let spec = spec();
    let for_thread = answers.clone();
    let checking = std::thread::spawn(move || registry.facts_for(&spec, &for_thread));
    // Both requests are out while neither has an answer: one after the other, the second would
    // wait for the first, which waits for the gate.
    setup.server.wait_for_requests(&[&company, &bank]);
    assert!(
        !checking.is_finished(),
        "facts_for returned without answers"
    );
    gate.open();
    let (facts, lookups) = checking.join().expect("facts_for");
    assert_eq!(lookups.len(), 2);
    assert!(
        lookups.iter().all(|l| l.outcome.kind() == "found"),
        "{lookups:?}"
    );
    let items = checklist(&facts, &answers);
    assert_eq!(item(&items, "registry").state, State::Met);
    assert_eq!(item(&items, "bank").state, State::Met);
    // The two units, and the company's roles (for the signing item; not served here: 404).
    let mut requests = setup.server.requests();
    requests.sort();
    let mut expected = vec![company, brreg::roles_path(numbers::SOLGLOTT), bank];
    expected.sort();
    assert_eq!(requests, expected);
}

#[test]
fn a_bank_the_registry_does_not_call_a_bank_is_a_warning() {
    let setup = Setup::new();
    let registry = setup.online();
    let answers = answers(numbers::SOLGLOTT, numbers::NOT_A_BANK);
    let (facts, _) = registry.facts_for(&spec(), &answers);
    let items = checklist(&facts, &answers);
    let bank = item(&items, "bank");
    assert_eq!(bank.state, State::Unknown);
    assert!(
        bank.reason.en.contains(
            "DIGITALISERINGSDIREKTORATET (991825827) has sector code 6100 (Statsforvaltningen) in the Central Coordinating Register, not 3200 (banks)"
        ),
        "{}",
        bank.reason.en
    );
    assert!(
        bank.reason.nb.contains("har sektorkode 6100"),
        "{}",
        bank.reason.nb
    );
    assert!(prereq::all_met_or_unknown(&items));

    // A deleted bank blocks, with the registry's reason.
    let answers = self::answers(numbers::SOLGLOTT, numbers::DELETED);
    let (facts, _) = registry.facts_for(&spec(), &answers);
    let bank = checklist(&facts, &answers)
        .into_iter()
        .find(|i| i.id == "bank")
        .unwrap();
    assert_eq!(bank.state, State::NotMet);
    assert!(
        bank.reason
            .en
            .contains("deleted from the Central Coordinating Register on 2024-11-26")
    );

    // A bank on the list whose registry answer is unusable: the list decides, as before.
    let offline = Registry::from_parts(None, None);
    let answers = self::answers(numbers::SOLGLOTT, numbers::SMN);
    let (facts, _) = offline.facts_for(&spec(), &answers);
    let bank = checklist(&facts, &answers)
        .into_iter()
        .find(|i| i.id == "bank")
        .unwrap();
    assert_eq!(bank.state, State::Met);
    assert!(bank.reason.en.contains("on the list of Norwegian banks"));
}

#[test]
fn offline_the_cache_answers_and_says_from_when() {
    let setup = Setup::new();
    let first = setup.online().lookup(numbers::DELETED);
    assert_eq!(first.outcome.kind(), "deleted");
    let fetched = first.fetched.unwrap();
    let requests = setup.server.requests().len();

    let lookup = setup.offline().lookup(numbers::DELETED);
    assert_eq!(
        setup.server.requests().len(),
        requests,
        "offline asked the server"
    );
    assert_eq!(lookup.outcome, first.outcome);
    assert_eq!(lookup.fetched, Some(fetched));
    assert_eq!(lookup.from_cache, Some(Fallback::Offline));
    let when = eid_onboard::text::local_time_in_words(fetched, eid_onboard::text::Lang::En);
    let note = lookup.note().unwrap();
    assert!(
        note.en
            .starts_with(&format!("(Offline: from the register's answer of {when}.)")),
        "{}",
        note.en
    );
    assert!(note.nb.contains("Frakoblet"), "{}", note.nb);

    let answers = answers(numbers::DELETED, numbers::FOUND);
    let (facts, _) = setup.offline().facts_for(&spec(), &answers);
    let company = item(&checklist(&facts, &answers), "registry").clone();
    assert_eq!(company.state, State::NotMet);
    assert!(
        company.reason.en.contains("was deleted"),
        "{}",
        company.reason.en
    );
    assert!(
        company
            .reason
            .en
            .contains("(Offline: from the register's answer of")
    );
    // DNB was never looked up: unknown, offline.
    let bank_lookup = setup.offline().lookup(numbers::FOUND);
    assert_eq!(bank_lookup.outcome, Outcome::Offline);
}

#[test]
fn an_unreachable_registry_falls_back_to_the_cache() {
    let setup = Setup::new();
    setup.online().lookup(numbers::SOLGLOTT);
    let lookup = setup.unreachable().lookup(numbers::SOLGLOTT);
    assert_eq!(
        lookup.from_cache,
        Some(Fallback::Unreachable(Failure::Refused))
    );
    assert!(matches!(lookup.standing(), Standing::Good { .. }));
    let note = lookup.note().unwrap();
    assert!(
        note.en
            .contains("could not be reached now (connection refused); this is its answer of"),
        "{}",
        note.en
    );
    // An unreadable answer does not replace the cached one either.
    let broken = Setup::with(vec![(
        format!("/enheter/{}", numbers::SOLGLOTT),
        Reply::json(200, "<html>maintenance</html>"),
    )]);
    let registry = Registry::from_parts(
        Some(Client::new(&broken.server.url(), TIMEOUT)),
        Some(Cache::new(setup.cache.path())),
    );
    let lookup = registry.lookup(numbers::SOLGLOTT);
    assert_eq!(
        lookup.from_cache,
        Some(Fallback::Unreadable(Failure::NotJson))
    );
    assert!(matches!(lookup.standing(), Standing::Good { .. }));
    assert!(matches!(
        Cache::new(setup.cache.path())
            .get(numbers::SOLGLOTT)
            .unwrap()
            .outcome,
        Outcome::Found(_)
    ));
}

#[test]
fn invalid_numbers_are_never_sent() {
    let setup = Setup::new();
    let registry = setup.online();
    for number in [
        "984851007",
        "12345",
        "",
        "98485100x",
        "../enheter/984851006",
    ] {
        assert_eq!(
            registry.lookup(number).outcome,
            Outcome::InvalidNumber,
            "{number}"
        );
    }
    assert!(
        setup.server.requests().is_empty(),
        "{:?}",
        setup.server.requests()
    );
}

#[test]
fn a_lookup_off_the_typing_thread_returns_at_once_and_arrives_later() {
    let gate = Gate::new();
    let setup = Setup::with(brreg::routes_held(&gate));
    // A time limit far beyond the test's own waits: the answer comes when the gate opens.
    let registry = setup.online_with(Duration::from_secs(60));
    // spawn_lookup returns while the server holds the answer: were it to wait for the answer, it
    // would wait for the gate, which opens only further down.
    let pending = registry::spawn_lookup(&registry, numbers::HELD);
    setup
        .server
        .wait_for_requests(&[&brreg::path(numbers::HELD)]);
    assert_eq!(pending.try_recv().unwrap_err(), TryRecvError::Empty);

    // Meanwhile the user types on: every keystroke is handled while the answer is out.
    let mut typed = String::new();
    for c in "Solgløtt Eiendomsmegling AS, Kongens gate 14".chars() {
        typed.push(c);
        match pending.try_recv() {
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => panic!("the lookup thread died"),
            Ok(lookup) => panic!("an answer before the gate opened: {lookup:?}"),
        }
    }
    assert_eq!(typed, "Solgløtt Eiendomsmegling AS, Kongens gate 14");

    // The answer goes out and arrives.
    gate.open();
    let lookup = pending
        .recv_timeout(Duration::from_secs(20))
        .expect("the lookup arrived once the answer was let go");
    assert_eq!(
        lookup.standing(),
        Standing::Good {
            name: brreg::HELD_NAME.into()
        }
    );

    // A never-answering registry: the call returns, and the time-out arrives on the receiver.
    let registry = setup.online();
    let pending = registry.spawn_lookup(numbers::HANGS);
    let lookup = pending
        .recv_timeout(Duration::from_secs(20))
        .expect("arrives");
    assert_eq!(
        lookup.outcome,
        Outcome::Unreachable(Failure::Timeout { after: TIMEOUT })
    );
}

#[test]
fn prefill_fills_empty_fields_and_asks_before_replacing_typed_text() {
    let setup = Setup::new();
    let registry = setup.online();
    let spec = spec();
    let lookup = registry.lookup(numbers::SOLGLOTT);

    let mut answers = Answers::new();
    answers.set("company.orgnr", Answer::Text("928 471 632".into()));
    let proposals = registry::prefill(&spec, "company", &lookup, &answers);
    let fill = |field: &str, value: &str| Prefill {
        field: field.into(),
        value: value.into(),
        replaces: None,
    };
    assert_eq!(
        proposals,
        vec![
            fill("company.name", "SOLGLØTT EIENDOMSMEGLING AS"),
            fill("company.address.street", "Kongens gate 14"),
            fill("company.address.postal_code", "7011"),
            fill("company.address.city", "TRONDHEIM"),
        ]
    );
    registry::apply(&mut answers, &proposals);
    assert_eq!(answers.text("company.address.city"), Some("TRONDHEIM"));
    // Applied once, nothing more to propose.
    assert!(registry::prefill(&spec, "company", &lookup, &answers).is_empty());

    // Typed text: the same name in other case stays; a different street is asked about.
    let mut answers = Answers::new();
    answers.set("company.orgnr", Answer::Text("928471632".into()));
    answers.set(
        "company.name",
        Answer::Text("Solgløtt  Eiendomsmegling AS".into()),
    );
    answers.set(
        "company.address.street",
        Answer::Text("Kongens gt. 14".into()),
    );
    let proposals = registry::prefill(&spec, "company", &lookup, &answers);
    assert_eq!(proposals.len(), 3, "{proposals:?}");
    assert_eq!(proposals[0].field, "company.address.street");
    assert_eq!(proposals[0].replaces.as_deref(), Some("Kongens gt. 14"));
    assert!(proposals[1..].iter().all(|p| p.replaces.is_none()));

    // A stale lookup (the number changed meanwhile) proposes nothing.
    answers.set("company.orgnr", Answer::Text("984851006".into()));
    assert!(registry::prefill(&spec, "company", &lookup, &answers).is_empty());

    // The bank, from DNB's business address.
    let lookup = registry.lookup(numbers::FOUND);
    let mut answers = Answers::new();
    answers.set("bank.orgnr", Answer::Text("984851006".into()));
    let proposals = registry::prefill(&spec, "bank", &lookup, &answers);
    let values: Vec<(&str, &str)> = proposals
        .iter()
        .map(|p| (p.field.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        values,
        [
            ("bank.name", "DNB BANK ASA"),
            ("bank.address.street", "Dronning Eufemias gate 30"),
            ("bank.address.postal_code", "0191"),
            ("bank.address.city", "OSLO"),
        ]
    );

    // Deleted or unknown units propose nothing.
    for number in [numbers::DELETED, numbers::UNKNOWN, numbers::MALFORMED] {
        let lookup = registry.lookup(number);
        let mut answers = Answers::new();
        answers.set("company.orgnr", Answer::Text(number.into()));
        assert!(registry::prefill(&spec, "company", &lookup, &answers).is_empty());
    }
}

#[test]
fn prefill_takes_the_postal_address_when_there_is_no_business_address() {
    let body = brreg::variant(
        brreg::DIGDIR,
        &[("forretningsadresse", serde_json::Value::Null)],
    );
    let setup = Setup::with(vec![(
        format!("/enheter/{}", numbers::NOT_A_BANK),
        Reply::json(200, body),
    )]);
    let lookup = setup.online().lookup(numbers::NOT_A_BANK);
    let mut answers = Answers::new();
    answers.set("company.orgnr", Answer::Text(numbers::NOT_A_BANK.into()));
    let proposals = registry::prefill(&spec(), "company", &lookup, &answers);
    assert_eq!(proposals[1].value, "Postboks 1382 Vika");
    assert_eq!(proposals[2].value, "0114");
}

#[test]
fn the_bank_list_shows_current_registry_names_from_the_cache() {
    let setup = Setup::with(vec![(
        format!("/enheter/{}", numbers::FOUND),
        Reply::json(200, brreg::DNB),
    )]);
    let cache = Cache::new(setup.cache.path());
    let before = registry::bank_choices(Some(&cache));
    assert_eq!(before.len(), 122);
    let dnb = before.iter().find(|b| b.orgnr == numbers::FOUND).unwrap();
    assert_eq!((dnb.name.as_str(), dnb.from_registry), ("DNB", false));

    setup.online().lookup(numbers::FOUND);
    let after = registry::bank_choices(Some(&cache));
    let dnb = after.iter().find(|b| b.orgnr == numbers::FOUND).unwrap();
    assert_eq!(dnb.name, "DNB BANK ASA");
    assert_eq!(dnb.listed_name, "DNB");
    assert!(dnb.from_registry);
    assert_eq!(after.iter().filter(|b| b.from_registry).count(), 1);
    assert_eq!(registry::bank_choices(None).len(), 122);
}

#[test]
fn nothing_the_server_sends_makes_a_lookup_panic() {
    let numbers_list = [
        "910000055",
        "910000063",
        "910000071",
        "910000098",
        "910000101",
        "984851006",
        "937895321",
        "991825827",
        "821227062",
        "433695968",
    ];
    let huge = format!(
        r#"{{"organisasjonsnummer":"910000063","navn":"{}"}}"#,
        "A".repeat(300 * 1024)
    );
    let bodies: Vec<(u16, String)> = vec![
        (200, "\u{0}\u{1}\u{2}".into()),
        (200, huge),
        (200, r#"{"organisasjonsnummer":"910000071","konkurs":null,"navn":null,"postadresse":[1,2]}"#.into()),
        (200, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".into()),
        (200, r#"{"organisasjonsnummer":"910000101","slettedato":"","konkurs":false}"#.into()),
        (301, String::new()),
        (418, "teapot".into()),
        (410, "[]".into()),
        (404, "{\"organisasjonsnummer\": 7}".into()),
        (200, r#"{"organisasjonsnummer":"433695968","forretningsadresse":{"adresse":[null, 5, "Gate 1"]}}"#.into()),
    ];
    let routes = numbers_list
        .iter()
        .zip(bodies)
        .map(|(n, (status, body))| (format!("/enheter/{n}"), Reply::json(status, body)))
        .collect();
    let setup = Setup::with(routes);
    let registry = setup.online();
    let lookups = registry.lookup_all(&numbers_list.map(String::from));
    let kinds: Vec<&str> = lookups.iter().map(|l| l.outcome.kind()).collect();
    assert_eq!(
        kinds,
        [
            "unreadable",
            "unreadable",
            "found",
            "unreadable",
            "found",
            "unreadable",
            "unreadable",
            "removed",
            "not-found",
            "found"
        ]
    );
    assert_eq!(lookups[1].outcome, Outcome::Unreadable(Failure::TooLarge));
    // Everything has a message in both languages.
    for lookup in &lookups {
        let summary = lookup.summary();
        assert!(!summary.nb.is_empty() && !summary.en.is_empty());
        let _ = lookup.to_json(eid_onboard::text::Lang::Nb);
    }
    let address = lookups[9].outcome.enhet().unwrap().address().unwrap();
    assert_eq!(address.street().as_deref(), Some("Gate 1"));
}

#[test]
fn a_lookup_answers_to_json_for_scripts() {
    let setup = Setup::new();
    let lookup: Lookup = setup.online().lookup(numbers::FOUND);
    let json = lookup.to_json(eid_onboard::text::Lang::En);
    assert_eq!(json["orgnr"], "984851006");
    assert_eq!(json["result"], "found");
    assert_eq!(json["standing"], "good");
    assert_eq!(json["name"], "DNB BANK ASA");
    assert_eq!(json["sector"], "3200");
    assert_eq!(json["cached"], false);
    assert!(json["fetched"].as_str().unwrap().ends_with('Z'));
}

const ENHET_V2: &str = "application/vnd.brreg.enhetsregisteret.enhet.v2+json";
const UNDERENHET_V2: &str = "application/vnd.brreg.enhetsregisteret.underenhet.v2+json";

#[test]
fn a_main_unit_is_asked_once_with_the_versioned_media_type() {
    let setup = Setup::new();
    let lookup = setup.online().lookup(numbers::FOUND);
    assert_eq!(lookup.outcome.kind(), "found");
    assert_eq!(
        setup.server.accepts(),
        [("/enheter/984851006".to_string(), ENHET_V2.to_string())]
    );
    assert_eq!(
        lookup.to_json(eid_onboard::text::Lang::En)["parent"],
        serde_json::Value::Null
    );
}

#[test]
fn a_sub_unit_is_found_after_a_404_with_its_parent_named_and_the_parent_proposed() {
    let setup = Setup::new();
    let registry = setup.online();
    let lookup = registry.lookup(numbers::SUB_UNIT);
    assert_eq!(lookup.outcome.kind(), "sub-unit");
    assert_eq!(
        setup.server.accepts(),
        [
            ("/enheter/924203617".to_string(), ENHET_V2.to_string()),
            (
                "/underenheter/924203617".to_string(),
                UNDERENHET_V2.to_string()
            ),
            ("/enheter/991825827".to_string(), ENHET_V2.to_string()),
        ]
    );
    let sub = lookup.outcome.sub_unit().expect("a sub-unit");
    assert_eq!(sub.parent().as_deref(), Some(numbers::SUB_UNIT_PARENT));
    assert_eq!(
        sub.parent_name.as_deref(),
        Some("DIGITALISERINGSDIREKTORATET")
    );
    let standing = lookup.standing();
    let text = reason(&standing);
    assert!(matches!(standing, Standing::Bad { .. }));
    assert_eq!(
        text.en,
        "DIGITALISERINGSDIREKTORATET AVD BRØNNØYSUND (924203617) is a sub-unit of \
         DIGITALISERINGSDIREKTORATET (991825827) in the Central Coordinating Register. The agreement \
         is made by the legal entity: use 991825827."
    );
    assert!(
        text.nb
            .contains("er en underenhet av DIGITALISERINGSDIREKTORATET (991825827)")
    );

    // The checklist says it, and the order cannot go with the sub-unit's number.
    let answers = answers(numbers::SUB_UNIT, numbers::FOUND);
    let (facts, _) = registry.facts_for(&spec(), &answers);
    let items = checklist(&facts, &answers);
    let company = item(&items, "registry");
    assert_eq!(company.state, State::NotMet);
    assert!(
        company.reason.en.starts_with(&text.en),
        "{} / {}",
        company.reason.en,
        text.en
    );
    assert!(company.reason.en.contains("(The register's answer of "));

    // Nothing of the sub-unit fills the company's name or address; its parent's number is offered.
    assert!(registry::prefill(&spec(), "company", &lookup, &answers).is_empty());
    let proposal = registry::use_parent("company", &lookup, &answers).expect("a proposal");
    assert_eq!(proposal.field, "company.orgnr");
    assert_eq!(proposal.sub_unit, numbers::SUB_UNIT);
    assert_eq!(proposal.parent, numbers::SUB_UNIT_PARENT);
    assert!(
        proposal
            .question
            .en
            .ends_with("Use 991825827 as the organisation number?")
    );
    assert_eq!(registry::use_parent("bank", &lookup, &answers), None);

    let json = lookup.to_json(eid_onboard::text::Lang::En);
    assert_eq!(json["result"], "sub-unit");
    assert_eq!(json["standing"], "bad");
    assert_eq!(json["name"], "DIGITALISERINGSDIREKTORATET AVD BRØNNØYSUND");
    assert_eq!(json["parent"]["orgnr"], "991825827");
    assert_eq!(json["parent"]["name"], "DIGITALISERINGSDIREKTORATET");
}

#[test]
fn a_sub_unit_and_its_parent_are_cached_and_answer_offline() {
    let setup = Setup::new();
    setup.online().lookup(numbers::SUB_UNIT);
    let cache = Cache::new(setup.cache.path());
    assert!(cache.path_of(numbers::SUB_UNIT).is_file());
    assert!(cache.path_of(numbers::SUB_UNIT_PARENT).is_file());
    for registry in [setup.offline(), setup.unreachable()] {
        let lookup = registry.lookup(numbers::SUB_UNIT);
        assert_eq!(lookup.outcome.kind(), "sub-unit");
        assert!(lookup.from_cache.is_some());
        let sub = lookup.outcome.sub_unit().unwrap();
        assert_eq!(
            sub.parent_name.as_deref(),
            Some("DIGITALISERINGSDIREKTORATET")
        );
        let json = lookup.to_json(eid_onboard::text::Lang::En);
        assert_eq!(json["cached"], true);
        assert_eq!(json["parent"]["orgnr"], "991825827");
    }
}

#[test]
fn a_number_in_neither_register_is_asked_in_both_and_not_found() {
    let setup = Setup::new();
    let lookup = setup.online().lookup(numbers::UNKNOWN);
    assert_eq!(lookup.outcome, Outcome::NotFound);
    assert_eq!(
        setup.server.accepts(),
        [
            ("/enheter/123456785".to_string(), ENHET_V2.to_string()),
            (
                "/underenheter/123456785".to_string(),
                UNDERENHET_V2.to_string()
            ),
        ]
    );
    assert_eq!(
        setup.offline().lookup(numbers::UNKNOWN).outcome,
        Outcome::NotFound
    );
}

#[test]
fn a_removed_unit_is_not_asked_again_as_a_sub_unit() {
    let setup = Setup::new();
    let lookup = setup.online().lookup(numbers::REMOVED);
    assert_eq!(lookup.outcome.kind(), "removed");
    assert_eq!(setup.server.requests(), ["/enheter/433695968"]);
}

#[test]
fn a_sub_unit_register_without_an_answer_is_unknown_not_not_found() {
    let mut routes = brreg::routes();
    routes.push((
        brreg::sub_path(numbers::UNKNOWN),
        Reply::json(503, r#"{"status":503}"#),
    ));
    let setup = Setup::with(routes);
    let lookup = setup.online().lookup(numbers::UNKNOWN);
    assert_eq!(lookup.outcome, Outcome::Unreachable(Failure::Status(503)));
    assert!(matches!(lookup.standing(), Standing::Unknown { .. }));
    // Nothing definite was said, so nothing is cached.
    assert!(
        !Cache::new(setup.cache.path())
            .path_of(numbers::UNKNOWN)
            .exists()
    );
}

#[test]
fn the_session_shows_a_sub_unit_on_its_field_and_takes_the_parent_after_a_yes() {
    use eid_onboard::draft::{Draft, DraftName};
    use eid_onboard::session::Session;
    use eid_onboard::validate::Severity;

    let setup = Setup::new();
    let registry = setup.online();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let mut answers = Answers::new();
    answers.set("company.orgnr", Answer::Text("924 203 617".into()));
    let order = order::Order {
        name: DraftName::parse("sub").unwrap(),
        draft: Draft::new("idura-no-bankid", now),
        spec: spec(),
        answers,
    };
    let mut session = Session::new(order, jiff::civil::date(2026, 11, 20));
    assert_eq!(session.numbers_to_look_up(), [numbers::SUB_UNIT]);
    let result = session.looked_up(registry.lookup(numbers::SUB_UNIT));
    assert!(result.filled.is_empty() && result.ask.is_empty());
    let [proposal] = result.use_parent.as_slice() else {
        panic!("one proposal: {:?}", result.use_parent)
    };
    assert_eq!(proposal.parent, numbers::SUB_UNIT_PARENT);
    // The field says it (a warning there; the checklist item is what blocks).
    let problems = session.problems_of("company.orgnr");
    let sub_unit = problems
        .iter()
        .find(|p| {
            p.message
                .en
                .contains("is a sub-unit of DIGITALISERINGSDIREKTORATET (991825827)")
        })
        .expect("the field says it is a sub-unit");
    assert_eq!(sub_unit.severity, Severity::Warning);
    let registry_item = session
        .checklist()
        .iter()
        .find(|i| i.id == "registry")
        .unwrap();
    assert_eq!(registry_item.state, State::NotMet);

    session.use_parent(proposal);
    assert_eq!(
        session.answers().text("company.orgnr"),
        Some(numbers::SUB_UNIT_PARENT)
    );
    assert!(
        !session
            .problems_of("company.orgnr")
            .iter()
            .any(|p| p.message.en.contains("sub-unit"))
    );
    // The parent's number is looked up in its turn and fills the company's name.
    assert_eq!(session.numbers_to_look_up(), [numbers::SUB_UNIT_PARENT]);
    let result = session.looked_up(registry.lookup(numbers::SUB_UNIT_PARENT));
    assert!(result.use_parent.is_empty());
    assert_eq!(
        session.answers().text("company.name"),
        Some("DIGITALISERINGSDIREKTORATET")
    );
}
