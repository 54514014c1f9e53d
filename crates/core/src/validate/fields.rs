//! Walks a questionnaire's visible fields, applies the leaf rules to each answer and ties every
//! finding to its field id.

use std::path::Path;

use super::{
    Finding, Problem, Severity, country, cross, email, file, orgnr, phone, postal, text, url,
};
use crate::answers::{Answer, Answers};
use crate::assets;
use crate::form::{Choice, FieldKind, FieldSpec, FormSpec, OptionSource, part_label};
use crate::t;
use crate::text::Text;

/// What validation needs from outside: today's date (certificate age), given so tests can fix it.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    pub today: jiff::civil::Date,
}

impl Context {
    pub fn now() -> Context {
        Context {
            today: jiff::Zoned::now().date(),
        }
    }
}

/// Every problem with the answers, errors first, each in form order.
pub fn validate(spec: &FormSpec, answers: &Answers, ctx: &Context) -> Vec<Problem> {
    let mut problems = Vec::new();
    for field in &spec.fields {
        if answers.is_visible(spec, field) {
            check_field(spec, field, answers, ctx, &mut problems);
        }
    }
    problems.extend(cross::check(spec, answers));
    problems.extend(super::rule_sets(spec, answers));
    let form = &spec.id;
    for (id, answer) in answers.iter() {
        if matches!(answer, Answer::Unknown(_)) {
            problems.push(Problem::new(
                id,
                Finding::warning(t!(
                    nb: "«{id}» er ikke et spørsmål i {form}. Svaret beholdes, men sendes ikke. Sjekk stavemåten.",
                    en: "\"{id}\" is not a question of {form}. The answer is kept but not sent. Check the spelling.",
                )),
            ));
        }
    }
    // Stable: errors before warnings, otherwise the order found (form order).
    problems.sort_by_key(|p| p.severity);
    problems
}

fn required_missing(label: &Text) -> Finding {
    let (nb, en) = (&label.nb, &label.en);
    Finding::error(t!(
        nb: "Må fylles ut: {nb}.",
        en: "Required: fill in {en}.",
    ))
}

fn check_field(
    spec: &FormSpec,
    field: &FieldSpec,
    answers: &Answers,
    ctx: &Context,
    out: &mut Vec<Problem>,
) {
    if let Some(parts) = field.kind.group_parts() {
        for (part, kind) in parts {
            let id = format!("{}.{part}", field.id);
            match answers.get(&id) {
                Some(Answer::Text(value)) => {
                    for finding in check_text(spec, answers, &kind, value, ctx) {
                        out.push(Problem::new(&id, finding));
                    }
                }
                Some(Answer::Invalid(_)) => out.push(Problem::new(&id, expected(&kind))),
                _ if field.required => {
                    let label = part_label(part);
                    let label = Text::new(
                        format!("{} ({})", field.label.nb, label.nb.to_lowercase()),
                        format!("{} ({})", field.label.en, label.en.to_lowercase()),
                    );
                    out.push(Problem::new(&id, required_missing(&label)));
                }
                _ => {}
            }
        }
        return;
    }
    let id = field.id.as_str();
    match (answers.get(id), &field.kind) {
        (None, _) => {
            if field.required && field.default.is_none() {
                out.push(Problem::new(id, required_missing(&field.label)));
            }
        }
        (Some(Answer::Text(value)), kind) => {
            for finding in check_text(spec, answers, kind, value, ctx) {
                out.push(Problem::new(id, finding));
            }
        }
        (Some(Answer::Number(n)), FieldKind::Number { min, max, unit }) => {
            let unit = unit.clone().unwrap_or_default();
            let out_of_range = min.is_some_and(|m| *n < m) || max.is_some_and(|m| *n > m);
            if out_of_range {
                let range = match (min, max) {
                    (Some(a), Some(b)) => format!("{a}–{b}"),
                    (Some(a), None) => format!("≥ {a}"),
                    (None, Some(b)) => format!("≤ {b}"),
                    (None, None) => String::new(),
                };
                let (u_nb, u_en) = (&unit.nb, &unit.en);
                out.push(Problem::new(
                    id,
                    Finding::error(t!(
                        nb: "{n} er utenfor det tillatte området {range} {u_nb}.",
                        en: "{n} is outside the allowed range {range} {u_en}.",
                    )),
                ));
            }
        }
        (Some(Answer::Bool(_)), FieldKind::YesNo) => {}
        (Some(Answer::List(values)), FieldKind::MultiSelect(choice)) => {
            if field.required && values.is_empty() {
                out.push(Problem::new(id, required_missing(&field.label)));
            }
            for value in values {
                if let Some(finding) = check_choice(choice, value) {
                    out.push(Problem::new(id, finding));
                }
            }
        }
        (Some(Answer::List(values)), FieldKind::Repeat { item, min, max }) => {
            check_count(field, values.len(), *min, *max, out);
            for (i, value) in values.iter().enumerate() {
                let entry = format!("{id}[{}]", i + 1);
                for finding in check_text(spec, answers, item, value, ctx) {
                    out.push(Problem::new(&entry, finding));
                }
            }
        }
        (Some(Answer::Records(records)), FieldKind::Repeat { item, min, max }) => {
            check_count(field, records.len(), *min, *max, out);
            let parts = item.group_parts().unwrap_or_default();
            for (i, record) in records.iter().enumerate() {
                for (part, kind) in &parts {
                    let entry = format!("{id}[{}].{part}", i + 1);
                    match record.get(*part).filter(|v| !v.trim().is_empty()) {
                        Some(value) => {
                            for finding in check_text(spec, answers, kind, value, ctx) {
                                out.push(Problem::new(&entry, finding));
                            }
                        }
                        None => out.push(Problem::new(&entry, required_missing(&part_label(part)))),
                    }
                }
                for key in record.keys().filter(|k| !parts.iter().any(|(p, _)| p == k)) {
                    out.push(Problem::new(
                        format!("{id}[{}].{key}", i + 1),
                        Finding::warning(t!(
                            nb: "«{key}» hører ikke til denne oppføringen. Svaret beholdes, men sendes ikke.",
                            en: "\"{key}\" is not part of this entry. It is kept but not sent.",
                        )),
                    ));
                }
            }
        }
        (Some(_), kind) => out.push(Problem::new(id, expected(kind))),
    }
}

fn check_count(
    field: &FieldSpec,
    count: usize,
    min: usize,
    max: Option<usize>,
    out: &mut Vec<Problem>,
) {
    let needed = if field.required { min.max(1) } else { min };
    if count < needed {
        out.push(Problem::new(
            &field.id,
            Finding::error(t!(
                nb: "Legg til minst {needed} oppføring(er); nå er det {count}.",
                en: "Add at least {needed} entr(y/ies); there are {count} now.",
            )),
        ));
    }
    if let Some(max) = max.filter(|m| count > *m) {
        out.push(Problem::new(
            &field.id,
            Finding::error(t!(
                nb: "Høyst {max} oppføringer er tillatt; nå er det {count}. Fjern noen.",
                en: "At most {max} entries are allowed; there are {count} now. Remove some.",
            )),
        ));
    }
}

/// The message for a value of the wrong type in the answers file.
fn expected(kind: &FieldKind) -> Finding {
    let (nb, en) = match kind {
        FieldKind::YesNo => (
            "ja eller nei (true eller false)",
            "yes or no (true or false)",
        ),
        FieldKind::Number { .. } => ("et heltall", "a whole number"),
        FieldKind::MultiSelect(_) => (
            "en liste med valg, f.eks. [\"a\", \"b\"]",
            "a list of choices, e.g. [\"a\", \"b\"]",
        ),
        FieldKind::Repeat { item, .. } if item.is_group() => (
            "en liste med oppføringer ([[…]] i TOML)",
            "a list of entries ([[…]] in TOML)",
        ),
        FieldKind::Repeat { .. } => ("en liste med tekster", "a list of texts"),
        _ => ("tekst i anførselstegn", "text in quotes"),
    };
    Finding::error(t!(
        nb: "Svaret har feil type: her skal det stå {nb}.",
        en: "The answer has the wrong type: this takes {en}.",
    ))
}

/// Whether the country a field depends on is Norway (unanswered counts as Norway, the default).
fn is_norwegian(spec: &FormSpec, answers: &Answers, country_field: Option<&str>) -> bool {
    let Some(country_field) = country_field.and_then(|id| spec.field(id)) else {
        return true;
    };
    match answers.condition_value(country_field) {
        Some(toml::Value::String(code)) => {
            country::normalize(&code) == "NO" || code.trim().is_empty()
        }
        _ => true,
    }
}

/// Leaf rules for one text value of a kind.
fn check_text(
    spec: &FormSpec,
    answers: &Answers,
    kind: &FieldKind,
    value: &str,
    ctx: &Context,
) -> Vec<Finding> {
    match kind {
        FieldKind::Text(rules) => text::validate(value, rules, false),
        FieldKind::Multiline(rules) => text::validate(value, rules, true),
        FieldKind::Email => email::validate(value),
        FieldKind::Phone { mobile } => phone::validate(value, *mobile),
        FieldKind::Url(rules) => url::validate(value, rules),
        FieldKind::Orgnr { country_field } => {
            if is_norwegian(spec, answers, country_field.as_deref()) {
                orgnr::validate(value)
            } else {
                orgnr::validate_foreign(value)
            }
        }
        FieldKind::PostalCode { country_field } => {
            if is_norwegian(spec, answers, country_field.as_deref()) {
                postal::validate_norwegian(value)
            } else {
                postal::validate_foreign(value)
            }
        }
        FieldKind::Country => country::validate(value),
        FieldKind::Select(choice) => check_choice(choice, value).into_iter().collect(),
        FieldKind::File(rules) => file::validate(Path::new(value.trim()), rules, ctx.today),
        other => vec![expected(other)],
    }
}

/// The values a choice offers: inline options, then its source's.
pub fn choice_values(choice: &Choice) -> Vec<String> {
    let mut values: Vec<String> = choice.options.iter().map(|o| o.value.clone()).collect();
    match choice.source {
        Some(OptionSource::Banks) => values.extend(assets::banks().iter().map(|b| b.name.clone())),
        Some(OptionSource::LegalBases) => {
            values.extend(assets::legal_bases().iter().map(|b| b.value.clone()))
        }
        None => {}
    }
    values
}

fn check_choice(choice: &Choice, value: &str) -> Option<Finding> {
    let value = value.trim();
    let values = choice_values(choice);
    let listed = values.iter().any(|v| v.eq_ignore_ascii_case(value));
    if listed {
        return None;
    }
    if choice.allow_other {
        return match choice.source {
            Some(OptionSource::LegalBases) => cross::legal_basis_problem(value),
            _ => text::validate(value, &Default::default(), false)
                .into_iter()
                .find(|f| f.severity == Severity::Error),
        };
    }
    let shown: Vec<&str> = values.iter().take(6).map(String::as_str).collect();
    let more = if values.len() > 6 { ", …" } else { "" };
    let list = shown.join(", ");
    Some(Finding::error(t!(
        nb: "«{value}» er ikke et av valgene. Velg ett av: {list}{more}.",
        en: "\"{value}\" is not one of the choices. Pick one of: {list}{more}.",
    )))
}
