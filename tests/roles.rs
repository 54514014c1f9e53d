//! Who may sign, from the register: the roles lookup (`/enheter/{orgnr}/roller`) against a real
//! HTTP server on 127.0.0.1 serving roles answers written in the register's shape, each outcome
//! of the checklist item "the signatories may sign for the company", the cache and offline rules,
//! the role beside the name in the document, and that no birth date is ever written anywhere.

mod common;

use std::path::Path;
use std::time::Duration;

use common::brreg::{self, numbers};
use common::http::Server;
use common::pdf::Pdf;
use common::{Workspace, s};
use eid_onboard::answers::{Answer, Answers, AnswersFile, Record};
use eid_onboard::document::Document;
use eid_onboard::form::FormSpec;
use eid_onboard::order;
use eid_onboard::prereq::{self, Facts, Item, State};
use eid_onboard::registry::{Cache, Client, Registry, RolesOutcome, Settings};

const TIMEOUT: Duration = Duration::from_secs(5);

fn spec() -> FormSpec {
    order::form("idura-no-bankid").expect("shipped form")
}

fn online(server: &Server, cache: &Path) -> Registry {
    Registry::new(&Settings {
        url: server.url(),
        enabled: true,
        timeout: TIMEOUT,
        cache_dir: Some(cache.to_path_buf()),
    })
}

/// The complete Idura answers with the company's number and the signatories' names replaced.
fn answers(company: &str, signatories: &[&str]) -> Answers {
    let file =
        AnswersFile::read(&Path::new(common::FIXTURES).join("idura-complete.toml")).expect("read");
    let spec = spec();
    let mut answers = Answers::from_table(&spec, &file.table);
    answers.set("company.orgnr", Answer::Text(company.into()));
    let records = signatories
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut record = Record::new();
            record.insert("name".into(), name.to_string());
            record.insert("mobile".into(), format!("+479123456{i}"));
            record.insert("email".into(), format!("signer{i}@solglott-eiendom.no"));
            record
        })
        .collect();
    answers.set("contacts.signatory", Answer::Records(records));
    answers
}

fn item(facts: &Facts, answers: &Answers) -> Item {
    prereq::evaluate(&spec(), answers, &[], facts)
        .into_iter()
        .find(|i| i.id == "signing_authority")
        .expect("the signing item")
}

/// The signing item for `names` signing for `company`, asked of `registry`.
fn judged(registry: &Registry, company: &str, names: &[&str]) -> Item {
    let answers = answers(company, names);
    let (facts, _) = registry.facts_for(&spec(), &answers);
    item(&facts, &answers)
}

#[test]
fn each_outcome_of_the_signing_item() {
    let server = brreg::registry();
    let cache = tempfile::tempdir().unwrap();
    let registry = online(&server, cache.path());
    let cases: &[(&str, &[&str], State, &str)] = &[
        // Joint signing: the two of SIFE together.
        (
            numbers::SOLGLOTT,
            &["Åse Bråten", "Trygve Ødegård"],
            State::Met,
            "Sign jointly, as the Central Coordinating Register lists (Signatur i fellesskap): \
             Åse Bråten, Trygve Ødegård.",
        ),
        // Prokura each alone; typed without accents and in lower case.
        (
            numbers::SOLGLOTT,
            &["kari solvang"],
            State::Met,
            "May sign alone, as the Central Coordinating Register lists: kari solvang (Prokura hver \
             for seg).",
        ),
        // One of a joint signature alone.
        (
            numbers::SOLGLOTT,
            &["Ase Braten"],
            State::NotMet,
            "Ase Braten holds Signatur i fellesskap and cannot sign alone",
        ),
        // Someone the register does not list as signing.
        (
            numbers::SOLGLOTT,
            &["Trygve Ødegård", "Per Utenfor"],
            State::NotMet,
            "Per Utenfor holds no signing authority or prokura in the Central Coordinating Register.",
        ),
        // The owner of a sole proprietorship.
        (
            numbers::ENK,
            &["Nils Enkeltmann"],
            State::Met,
            "Nils Enkeltmann (Innehaver)",
        ),
        // Only DAGL and LEDE: the register does not tell who signs.
        (
            numbers::DAGL_LEDE,
            &["Mona Leder"],
            State::Unknown,
            "lists no signing authority or prokura for 910000063 (only DAGL, STYR); the daily \
             manager or chair alone does not sign. The firmaattest shows who may sign; otherwise a \
             power of attorney is needed.",
        ),
        (
            numbers::DECEASED_SIGNER,
            &["Olav Avdød"],
            State::NotMet,
            "Olav Avdød is marked deceased in the Central Coordinating Register.",
        ),
        (
            numbers::DECEASED_SIGNER,
            &["Eva Levende"],
            State::Met,
            "Eva Levende (Prokura)",
        ),
        // `fratraadt` (older answers) and `avregistrert`.
        (
            numbers::DEREGISTERED_SIGNER,
            &["Bjørn Fratrådt"],
            State::NotMet,
            "Bjørn Fratrådt no longer holds the role Signatur hver for seg: it is deregistered.",
        ),
        (
            numbers::DEREGISTERED_SIGNER,
            &["Hege Avmeldt"],
            State::NotMet,
            "Hege Avmeldt no longer holds the role Signatur hver for seg",
        ),
        (
            numbers::DEREGISTERED_SIGNER,
            &["Lise Aktiv"],
            State::Met,
            "Lise Aktiv (Signatur hver for seg)",
        ),
        (
            numbers::UNKNOWN,
            &["Ola Nordmann"],
            State::Unknown,
            "has no roles for 123456785 (HTTP 404)",
        ),
        (
            numbers::ROLES_REMOVED,
            &["Ola Nordmann"],
            State::Unknown,
            "The roles of 910000101 have been removed from the Central Coordinating Register for \
             legal reasons (HTTP 410).",
        ),
    ];
    for (company, names, state, reason) in cases {
        let item = judged(&registry, company, names);
        assert_eq!(item.state, *state, "{company} {names:?}: {:?}", item.reason);
        let squeezed = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            item.reason.en.contains(&squeezed),
            "{company} {names:?}: {}",
            item.reason.en
        );
        assert!(!item.reason.nb.is_empty() && item.reason.nb != item.reason.en);
    }
    // A register that does not answer.
    let unreachable = Registry::from_parts(
        Some(Client::new(&common::http::closed_url(), TIMEOUT)),
        None,
    );
    let item = judged(&unreachable, numbers::SOLGLOTT, &["Kari Solvang"]);
    assert_eq!(item.state, State::Unknown);
    assert!(
        item.reason.en.starts_with(
            "Could not reach the Central Coordinating Register about the roles of 928471632"
        ),
        "{}",
        item.reason.en
    );
    // Every roles request named the roles media type (the server refuses others with 406).
    let asked: Vec<(String, String)> = server
        .accepts()
        .into_iter()
        .filter(|(path, _)| path.ends_with("/roller"))
        .collect();
    assert!(!asked.is_empty());
    for (path, accept) in asked {
        assert_eq!(
            accept, "application/vnd.brreg.enhetsregisteret.rolle.v1+json",
            "{path}"
        );
    }
}

#[test]
fn offline_uses_the_cache_with_its_date_and_without_one_is_unknown() {
    let server = brreg::registry();
    let cache = tempfile::tempdir().unwrap();
    let offline = Registry::from_parts(None, Some(Cache::new(cache.path())));
    let item = judged(&offline, numbers::SOLGLOTT, &["Kari Solvang"]);
    assert_eq!(item.state, State::Unknown);
    assert!(
        item.reason
            .en
            .starts_with("Offline: the roles of 928471632 were not looked up"),
        "{}",
        item.reason.en
    );

    let first = online(&server, cache.path()).lookup_roles(numbers::SOLGLOTT);
    assert!(matches!(first.outcome, RolesOutcome::Found(_)));
    let requests = server.requests().len();
    let item = judged(&offline, numbers::SOLGLOTT, &["Kari Solvang"]);
    assert_eq!(
        server.requests().len(),
        requests,
        "offline asked the server"
    );
    assert_eq!(item.state, State::Met, "{:?}", item.reason);
    assert!(
        item.reason
            .en
            .contains("(Offline: from the register's answer of "),
        "{}",
        item.reason.en
    );
    // Unreachable now: the earlier answer, saying why.
    let unreachable = Registry::from_parts(
        Some(Client::new(&common::http::closed_url(), TIMEOUT)),
        Some(Cache::new(cache.path())),
    );
    let lookup = unreachable.lookup_roles(numbers::SOLGLOTT);
    assert!(matches!(lookup.outcome, RolesOutcome::Found(_)));
    assert!(lookup.from_cache.is_some());
}

#[test]
fn a_foreign_company_is_unknown_and_not_looked_up() {
    let server = brreg::registry();
    let cache = tempfile::tempdir().unwrap();
    let registry = online(&server, cache.path());
    let mut answers = answers(numbers::SOLGLOTT, &["Kari Solvang"]);
    answers.set("company.country", Answer::Text("SE".into()));
    let (facts, _) = registry.facts_for(&spec(), &answers);
    let item = item(&facts, &answers);
    assert_eq!(item.state, State::Unknown);
    assert!(
        item.reason.en.contains("not Norwegian"),
        "{}",
        item.reason.en
    );
    assert!(
        server.requests().iter().all(|p| !p.ends_with("/roller")),
        "{:?}",
        server.requests()
    );
}

#[test]
fn the_document_gives_each_signatorys_registered_role() {
    let server = brreg::registry();
    let cache = tempfile::tempdir().unwrap();
    let registry = online(&server, cache.path());
    let answers = answers(
        numbers::SOLGLOTT,
        &["Åse Bråten", "Trygve Ødegård", "Per Utenfor"],
    );
    let (facts, _) = registry.facts_for(&spec(), &answers);
    let date = jiff::civil::date(2026, 12, 1);
    let mut doc = Document::build(&spec(), &answers, &[], date, &Default::default());
    assert!(doc.signatories.iter().all(|p| p.role.is_none()));
    doc.add_roles(&facts);
    let shown: Vec<Option<String>> = doc.signatories.iter().map(|p| p.name_with_role()).collect();
    assert_eq!(
        shown,
        [
            Some(
                "Åse Bråten — Signatur i fellesskap (Daglig leder/ adm.direktør, Styremedlem)"
                    .to_string()
            ),
            Some("Trygve Ødegård — Signatur i fellesskap (Styrets leder)".to_string()),
            Some("Per Utenfor".to_string()),
        ]
    );
    // Without the roles (offline), the names stand alone.
    let mut offline = Document::build(&spec(), &answers, &[], date, &Default::default());
    offline.add_roles(&Facts::default());
    assert_eq!(
        offline.signatories[1].name_with_role().as_deref(),
        Some("Trygve Ødegård")
    );
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn no_birth_date_is_written_to_the_data_cache_or_bundle_and_the_pdf_shows_roles() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let file = ws.variant(
        "idura-complete.toml",
        "roles",
        "company.orgnr",
        s(numbers::SOLGLOTT),
    );
    let cmd = |args: &[&str]| {
        let mut cmd = common::cli(&ws);
        cmd.env("EID_ONBOARD_REGISTRY_URL", server.url())
            .env("EID_ONBOARD_REGISTRY_TIMEOUT", "5")
            .args(args);
        cmd
    };
    cmd(&["import"]).arg(&file).assert().success();
    let check = cmd(&["check", "roles"]).output().unwrap();
    let check = String::from_utf8_lossy(&check.stdout).into_owned();
    assert!(
        check.contains("Sign jointly, as the Central Coordinating Register lists"),
        "{check}"
    );
    let out = ws.path("out");
    cmd(&["bundle", "roles", "--out"])
        .arg(&out)
        .assert()
        .success();
    // Every other roles answer is looked up into the same cache too.
    let registry = online(&server, &ws.cache_dir());
    for number in [
        numbers::ENK,
        numbers::DAGL_LEDE,
        numbers::DECEASED_SIGNER,
        numbers::DEREGISTERED_SIGNER,
    ] {
        assert!(matches!(
            registry.lookup_roles(number).outcome,
            RolesOutcome::Found(_)
        ));
    }
    assert!(
        Cache::new(ws.cache_dir())
            .roles_path_of(numbers::SOLGLOTT)
            .is_file()
    );

    let dates = brreg::roles::birth_dates();
    assert_eq!(dates.len(), 11);
    let mut scanned = 0;
    for dir in [ws.data_dir(), ws.cache_dir(), out.clone()] {
        for path in files_under(&dir) {
            scanned += 1;
            let bytes = std::fs::read(&path).unwrap();
            let mut text = String::from_utf8_lossy(&bytes).into_owned();
            // A PDF's text may be in compressed streams: read it out too.
            if path.extension().is_some_and(|e| e == "pdf") {
                text.push_str(&Pdf::open(&path).text());
            }
            for date in &dates {
                assert!(
                    !text.contains(date.as_str()),
                    "{date} in {}",
                    path.display()
                );
                // Also as the PDF or a compact form may write it.
                let compact = date.replace('-', "");
                assert!(!text.contains(&compact), "{compact} in {}", path.display());
            }
        }
    }
    assert!(scanned >= 8, "only {scanned} files scanned");

    let folder = out.join("roles-idura-no-bankid");
    let pdf = Pdf::open(&folder.join("request.pdf")).text();
    let pdf = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        pdf.contains("Trygve Ødegård — Signatur i fellesskap (Styrets leder)"),
        "{pdf}"
    );
}
