//! Rules that read more than one answer, or that the questionnaire ties to a specific question.

use super::{Finding, Problem};
use crate::answers::{Answer, Answers};
use crate::form::{FieldKind, FormSpec};
use crate::t;

pub fn check(spec: &FormSpec, answers: &Answers) -> Vec<Problem> {
    let mut problems = Vec::new();
    same_orgnr_for_company_and_bank(answers, &mut problems);
    duplicate_entries(spec, answers, &mut problems);
    problems
}

/// The bank's org number typed into the company's field (or the other way round) is a common slip.
fn same_orgnr_for_company_and_bank(answers: &Answers, out: &mut Vec<Problem>) {
    if let (Some(company), Some(bank)) = (answers.text("company.orgnr"), answers.text("bank.orgnr"))
        && company.trim() == bank.trim()
    {
        out.push(Problem::new(
            "bank.orgnr",
            Finding::warning(t!(
                nb: "Banken har samme organisasjonsnummer som selskapet. Sjekk at du har skrevet bankens nummer.",
                en: "The bank has the same organisation number as the company. Check that this is the bank's number.",
            )),
        ));
    }
}

/// The same redirect URI or the same contact twice in a repeat is almost always a paste slip.
fn duplicate_entries(spec: &FormSpec, answers: &Answers, out: &mut Vec<Problem>) {
    for field in &spec.fields {
        let FieldKind::Repeat { item, .. } = &field.kind else {
            continue;
        };
        let keys: Vec<String> = match answers.get(&field.id) {
            Some(Answer::List(values)) => values.iter().map(|v| v.trim().to_lowercase()).collect(),
            Some(Answer::Records(records)) if item.is_group() => records
                .iter()
                .map(|r| {
                    r.get("email")
                        .or_else(|| r.get("name"))
                        .map(|v| v.trim().to_lowercase())
                        .unwrap_or_default()
                })
                .collect(),
            _ => continue,
        };
        for (i, key) in keys.iter().enumerate() {
            if !key.is_empty() && keys[..i].contains(key) {
                let first = keys.iter().position(|k| k == key).map_or(0, |p| p + 1);
                out.push(Problem::new(
                    format!("{}[{}]", field.id, i + 1),
                    Finding::warning(t!(
                        nb: "Samme oppføring som nr. {first}. Fjern den ene.",
                        en: "Same entry as number {first}. Remove one of them.",
                    )),
                ));
            }
        }
    }
}
