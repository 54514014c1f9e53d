//! The progress count: a required answer counts once, an empty entry just added is no answer,
//! multi-select answers and defaults count.

use eid_onboard::answers::{Answer, Answers, Record};
use eid_onboard::form::catalog;

fn record(pairs: &[(&str, &str)]) -> Record {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn an_empty_entry_does_not_count_and_a_filled_one_does() {
    let spec = catalog::find("criipto-no-bankid").unwrap().unwrap();
    let field = spec.field("contacts.operations").unwrap();
    assert!(field.required, "the operations contacts are required");
    let mut answers = Answers::new();
    let before = answers.progress(&spec);
    assert!(!answers.is_answered(field));

    answers.set("contacts.operations", Answer::Records(vec![record(&[])]));
    assert!(!answers.is_answered(field), "an empty entry is no answer");
    assert_eq!(
        answers.progress(&spec),
        before,
        "adding an empty entry raises nothing"
    );
    answers.set(
        "contacts.operations",
        Answer::Records(vec![record(&[("name", " "), ("email", "")])]),
    );
    assert!(!answers.is_answered(field), "blanks are no answer");

    answers.set(
        "contacts.operations",
        Answer::Records(vec![record(&[("name", "Eli Drift")]), record(&[])]),
    );
    assert!(answers.is_answered(field));
    let after = answers.progress(&spec);
    assert_eq!(after.answered, before.answered + 1, "counted once");
    assert_eq!(after.required, before.required);
}

#[test]
fn multi_select_answers_and_defaults_count() {
    let spec = catalog::find("idura-no-bankid").unwrap().unwrap();
    let products = spec.field("service.products").unwrap();
    let mut answers = Answers::new();
    assert!(!answers.is_answered(products));
    answers.set("service.products", Answer::List(vec!["signatures".into()]));
    assert!(answers.is_answered(products));
    // A required field with a default is answered by it.
    let spec = catalog::find("bankid-oidc").unwrap().unwrap();
    let environment = spec.field("client.environment").unwrap();
    assert!(environment.default.is_some());
    assert!(Answers::new().is_answered(environment));
}

#[test]
fn a_step_answered_by_its_defaults_is_complete_and_counts_multi_select_picks() {
    let spec = catalog::find("idporten-oidc").unwrap().unwrap();
    let mut answers = Answers::new();
    // Lifetimes: three required numbers, each with a default.
    let lifetimes = answers.step_progress(&spec, "lifetimes");
    assert_eq!((lifetimes.answered, lifetimes.required), (3, 3));
    // Scopes: a multi-select and a select, both with defaults.
    let scopes = answers.step_progress(&spec, "scopes");
    assert_eq!(scopes.answered, scopes.required);
    assert!(scopes.required >= 2);
    // Every pick taken away: the multi-select is no longer answered.
    answers.set("client.scopes", Answer::List(Vec::new()));
    let emptied = answers.step_progress(&spec, "scopes");
    assert_eq!(emptied.answered + 1, emptied.required);
    answers.set("client.scopes", Answer::List(vec!["openid".into()]));
    assert_eq!(answers.step_progress(&spec, "scopes"), scopes);
    // A step with required answers and no defaults is not complete when empty.
    let company = answers.step_progress(&spec, "company");
    assert_eq!(company.answered, 0);
    assert!(company.required > 0);
    // The steps add up to the whole count.
    let sum = spec
        .steps
        .iter()
        .map(|s| answers.step_progress(&spec, &s.id))
        .fold((0, 0), |(a, r), p| (a + p.answered, r + p.required));
    let whole = answers.progress(&spec);
    assert_eq!(sum, (whole.answered, whole.required));
}
