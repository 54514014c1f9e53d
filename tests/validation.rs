//! Whole-order validation through the library: the complete fixtures pass, and one wrong value
//! gives an error that names its field.

mod common;

use common::{Workspace, s};
use eid_onboard::answers::{Answer, Answers, AnswersFile};
use eid_onboard::order;
use eid_onboard::prereq::{Facts, State};
use eid_onboard::report::Report;
use eid_onboard::validate::{Context, Severity};

fn today() -> Context {
    Context::on(jiff::civil::date(2026, 11, 21))
}

/// Reads an answers file the way `import` does (attachments resolved, values normalised).
fn load(file: &std::path::Path) -> (eid_onboard::form::FormSpec, Answers) {
    let parsed = AnswersFile::read(file).expect("answers file");
    let spec = order::form(&parsed.form).expect("known form");
    let mut answers = Answers::from_table(&spec, &parsed.table);
    answers.resolve_files(&spec, file.parent().unwrap());
    answers.normalize(&spec);
    (spec, answers)
}

fn report(file: &std::path::Path) -> Report {
    let (spec, answers) = load(file);
    Report::build(&spec, &answers, &today(), &Facts::default())
}

fn error_fields(report: &Report) -> Vec<&str> {
    report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.field.as_str())
        .collect()
}

#[test]
fn the_complete_fixtures_have_no_problems() {
    let ws = Workspace::new();
    for fixture in [
        "idura-complete.toml",
        "idura-foreign.toml",
        "criipto-complete.toml",
    ] {
        let report = report(&ws.path(fixture));
        assert!(
            report.problems.is_empty(),
            "{fixture}: {:#?}",
            report.problems
        );
        assert!(report.ready(), "{fixture}");
        assert_eq!(
            report.progress.answered, report.progress.required,
            "{fixture}"
        );
    }
}

#[test]
fn one_wrong_value_is_an_error_naming_its_field() {
    let ws = Workspace::new();
    let cases = [
        ("company.orgnr", s("928471633"), "company.orgnr"),
        ("bank.orgnr", s("98485100"), "bank.orgnr"),
        (
            "contacts.general.email",
            s("kjaersti@localhost"),
            "contacts.general.email",
        ),
        (
            "contacts.signatory",
            Some(toml::Value::Array(vec![toml::Value::Table(
                toml::toml! { name = "Åse Bråten" mobile = "12345" email = "ase@solglott-eiendom.no" },
            )])),
            "contacts.signatory[1].mobile",
        ),
        ("contacts.signatory", None, "contacts.signatory"),
        ("service.products", None, "service.products"),
        (
            "service.products",
            Some(toml::Value::Array(vec![toml::Value::String("sms".into())])),
            "service.products",
        ),
        (
            "service.production_domain",
            s("https://192.168.1.10"),
            "service.production_domain",
        ),
        ("nnin.legal_basis", None, "nnin.legal_basis"),
        ("nnin.legal_basis", s("because we must"), "nnin.legal_basis"),
        ("nnin.reason", s("n/a"), "nnin.reason"),
        (
            "company.address.postal_code",
            s("701"),
            "company.address.postal_code",
        ),
        ("service.display_name", s("   "), "service.display_name"),
        ("company.country", s("XX"), "company.country"),
        (
            "prerequisites.signatory_eid",
            s("passport"),
            "prerequisites.signatory_eid",
        ),
    ];
    for (i, (path, value, field)) in cases.into_iter().enumerate() {
        let file = ws.variant("idura-complete.toml", &format!("case{i}"), path, value);
        let report = report(&file);
        assert!(
            error_fields(&report).contains(&field),
            "{path}: expected an error on {field}, got {:#?}",
            report.problems
        );
        assert!(!report.ready(), "{path}");
    }
}

#[test]
fn norwegian_mobiles_in_every_usual_shape_are_stored_normalised() {
    let ws = Workspace::new();
    for (i, typed) in ["91234567", "912 34 567", "+47 912 34 567"]
        .into_iter()
        .enumerate()
    {
        let file = ws.variant(
            "idura-complete.toml",
            &format!("m{i}"),
            "contacts.general.mobile",
            s(typed),
        );
        let (spec, answers) = load(&file);
        assert_eq!(
            answers.text("contacts.general.mobile"),
            Some("+4791234567"),
            "{typed}"
        );
        assert!(
            Report::build(&spec, &answers, &today(), &Facts::default())
                .problems
                .is_empty()
        );
    }
}

#[test]
fn an_org_number_with_spaces_is_stored_without_them() {
    let ws = Workspace::new();
    let file = ws.variant(
        "idura-complete.toml",
        "spaced",
        "company.orgnr",
        s("928 471 632"),
    );
    let (_, answers) = load(&file);
    assert_eq!(answers.text("company.orgnr"), Some("928471632"));
}

#[test]
fn the_nnin_block_is_only_checked_when_requested() {
    let ws = Workspace::new();
    let file = ws.variant(
        "idura-complete.toml",
        "no-nnin",
        "nnin.requested",
        Some(toml::Value::Boolean(false)),
    );
    // Remove the reason and the legal basis too: hidden fields are not required.
    let mut table: toml::Table = common::read(&file).parse().unwrap();
    common::set_path(&mut table, "nnin.reason", None);
    common::set_path(&mut table, "nnin.legal_basis", None);
    std::fs::write(&file, toml::to_string(&table).unwrap()).unwrap();
    assert!(report(&file).problems.is_empty());

    let file = ws.variant("idura-complete.toml", "nnin-no-reason", "nnin.reason", None);
    assert!(error_fields(&report(&file)).contains(&"nnin.reason"));
}

#[test]
fn a_foreign_company_must_attach_its_certificate() {
    let ws = Workspace::new();
    let file = ws.variant(
        "idura-foreign.toml",
        "no-cert",
        "attachments.company_certificate",
        None,
    );
    let report = report(&file);
    assert!(error_fields(&report).contains(&"attachments.company_certificate"));
    let certificate = report
        .checklist
        .iter()
        .find(|i| i.id == "certificate")
        .expect("item");
    assert_eq!(certificate.state, State::NotMet);
    // A Norwegian company is not asked, and its registry item appears instead.
    let norwegian = self::report(&ws.path("idura-complete.toml"));
    assert!(norwegian.checklist.iter().all(|i| i.id != "certificate"));
    let registry = norwegian
        .checklist
        .iter()
        .find(|i| i.id == "registry")
        .expect("registry item");
    assert_eq!(registry.state, State::Unknown);
}

#[test]
fn a_missing_or_non_pdf_certificate_is_an_error() {
    let ws = Workspace::new();
    let file = ws.variant(
        "criipto-complete.toml",
        "missing",
        "attachments.company_certificate",
        s("nowhere.pdf"),
    );
    assert!(error_fields(&report(&file)).contains(&"attachments.company_certificate"));
    std::fs::write(ws.path("scan.pdf"), b"\x89PNG\r\n\x1a\nnot a pdf").unwrap();
    let file = ws.variant(
        "criipto-complete.toml",
        "png",
        "attachments.company_certificate",
        s("scan.pdf"),
    );
    assert!(error_fields(&report(&file)).contains(&"attachments.company_certificate"));
}

#[test]
fn an_old_certificate_is_a_warning_not_an_error() {
    let ws = Workspace::new();
    let (spec, answers) = load(&ws.path("criipto-complete.toml"));
    let later = Context::on(jiff::civil::date(2027, 6, 1));
    let report = Report::build(&spec, &answers, &later, &Facts::default());
    let warning = report
        .problems
        .iter()
        .find(|p| p.field == "attachments.company_certificate")
        .expect("an age warning");
    assert_eq!(warning.severity, Severity::Warning);
    assert!(report.ready());
}

#[test]
fn a_test_looking_domain_and_a_long_display_name_only_warn() {
    let ws = Workspace::new();
    let file = ws.variant(
        "idura-complete.toml",
        "w1",
        "service.production_domain",
        s("https://solglott-test.idura.broker"),
    );
    let r = report(&file);
    assert!(r.ready());
    assert!(
        r.problems
            .iter()
            .any(|p| p.field == "service.production_domain" && p.severity == Severity::Warning)
    );
    let file = ws.variant(
        "idura-complete.toml",
        "w2",
        "service.display_name",
        s("Solgløtt Eiendom BankID-innlogging for kunder og partnere"),
    );
    let r = report(&file);
    assert!(r.ready());
    let warnings: Vec<_> = r
        .problems
        .iter()
        .filter(|p| p.field == "service.display_name")
        .collect();
    assert_eq!(
        warnings.len(),
        2,
        "length and the word BankID: {warnings:#?}"
    );
}

#[test]
fn a_value_of_the_wrong_type_is_kept_and_reported() {
    let ws = Workspace::new();
    let file = ws.variant(
        "idura-complete.toml",
        "typed",
        "nnin.requested",
        s("perhaps"),
    );
    let (spec, answers) = load(&file);
    assert_eq!(
        answers.get("nnin.requested"),
        Some(&Answer::Invalid(toml::Value::String("perhaps".into())))
    );
    let report = Report::build(&spec, &answers, &today(), &Facts::default());
    assert!(error_fields(&report).contains(&"nnin.requested"));
    assert!(
        answers
            .to_file_string(&spec)
            .contains("requested = \"perhaps\"")
    );
}

#[test]
fn an_unknown_key_is_kept_and_warned_about() {
    let ws = Workspace::new();
    let file = ws.variant(
        "idura-complete.toml",
        "typo",
        "service.dispaly_name",
        s("Typo"),
    );
    let (spec, answers) = load(&file);
    let report = Report::build(&spec, &answers, &today(), &Facts::default());
    let problem = report
        .problems
        .iter()
        .find(|p| p.field == "service.dispaly_name")
        .expect("warned");
    assert_eq!(problem.severity, Severity::Warning);
    assert!(
        answers
            .to_file_string(&spec)
            .contains("dispaly_name = \"Typo\"")
    );
}

#[test]
fn the_operations_contacts_are_checked_per_entry() {
    let ws = Workspace::new();
    let source = common::read(&ws.path("criipto-complete.toml"));
    let mut table: toml::Table = source.parse().unwrap();
    let ops = table["contacts"]["operations"].as_array().unwrap().clone();
    let mut broken = ops.clone();
    broken[1]
        .as_table_mut()
        .unwrap()
        .insert("email".into(), toml::Value::String("not-an-address".into()));
    broken.push(ops[0].clone());
    table["contacts"]
        .as_table_mut()
        .unwrap()
        .insert("operations".into(), toml::Value::Array(broken));
    let file = ws.path("ops.toml");
    std::fs::write(&file, toml::to_string(&table).unwrap()).unwrap();
    let report = report(&file);
    assert!(
        error_fields(&report).contains(&"contacts.operations[2].email"),
        "{:#?}",
        report.problems
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.field == "contacts.operations[3]" && p.severity == Severity::Warning)
    );

    common::set_path(
        &mut table,
        "contacts.operations",
        Some(toml::Value::Array(vec![])),
    );
    std::fs::write(&file, toml::to_string(&table).unwrap()).unwrap();
    assert!(error_fields(&self::report(&file)).contains(&"contacts.operations"));
}

#[test]
fn answers_survive_a_round_trip_through_the_answers_file() {
    let ws = Workspace::new();
    for fixture in [
        "idura-complete.toml",
        "idura-foreign.toml",
        "criipto-complete.toml",
    ] {
        let (spec, answers) = load(&ws.path(fixture));
        let text = answers.to_file_string(&spec);
        let again = AnswersFile::parse("export", &text).unwrap();
        assert_eq!(again.form, spec.id);
        assert_eq!(
            Answers::from_table(&spec, &again.table),
            answers,
            "{fixture}"
        );
    }
}
