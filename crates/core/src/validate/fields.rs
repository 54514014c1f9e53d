//! Walks a questionnaire's visible fields, applies the leaf rules to each answer and ties every
//! finding to its field id.

use super::{Finding, Problem, cross};
use crate::answers::{Answer, Answers, Record};
use crate::form::{Choice, FieldKind, FieldSpec, FormSpec, part_label};
use crate::kind::file::Files;
use crate::kind::{self, Around, Shape, choice, country, number};
use crate::t;
use crate::text::Text;

/// What validation needs from outside: today's date (certificate age), given so tests can fix it,
/// and how attached files are learnt about.
#[derive(Clone, Debug)]
pub struct Context {
    pub today: jiff::civil::Date,
    /// Attached files are read while validating (the command line), or their earlier checks are
    /// used (the wizards, which read files as an effect: see `kind::file::Files`).
    pub files: Files,
}

impl Context {
    /// Validation as of `today`, reading attached files as it goes.
    pub fn on(today: jiff::civil::Date) -> Context {
        Context {
            today,
            files: Files::Read,
        }
    }

    pub fn now() -> Context {
        Context::on(jiff::Zoned::now().date())
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
    let is_norwegian = |country_field: Option<&str>| is_norwegian(spec, answers, country_field);
    let around = Around {
        is_norwegian: &is_norwegian,
        today: ctx.today,
        files: &ctx.files,
    };
    match field.kind.group_parts() {
        Some(parts) => check_group_parts(field, parts, answers, &around, out),
        None => check_answer(field, answers, &around, out),
    }
}

/// A group's parts, each answered under `<id>.<part>`.
fn check_group_parts(
    field: &FieldSpec,
    parts: Vec<(&'static str, FieldKind)>,
    answers: &Answers,
    around: &Around<'_>,
    out: &mut Vec<Problem>,
) {
    for (part, kind) in parts {
        let id = format!("{}.{part}", field.id);
        let family = kind::of(&kind);
        match answers.get(&id) {
            Some(Answer::Text(value)) => {
                for finding in family.check(value, around) {
                    out.push(Problem::new(&id, finding));
                }
            }
            Some(Answer::Invalid(_)) => out.push(Problem::new(&id, family.shape().wrong_type())),
            _ if field.required => {
                let label = group_part_label(field, part);
                out.push(Problem::new(&id, required_missing(&label)));
            }
            _ => {}
        }
    }
}

/// "Address (street)": the field's label with the part's, for a missing part.
fn group_part_label(field: &FieldSpec, part: &str) -> Text {
    let label = part_label(part);
    Text::new(
        format!("{} ({})", field.label.nb, label.nb.to_lowercase()),
        format!("{} ({})", field.label.en, label.en.to_lowercase()),
    )
}

/// The answer of a field that is not a group, by the shape its kind takes.
fn check_answer(field: &FieldSpec, answers: &Answers, around: &Around<'_>, out: &mut Vec<Problem>) {
    let id = field.id.as_str();
    let family = kind::of(&field.kind);
    match (answers.get(id), family.shape()) {
        (None, _) => {
            if field.required && field.default.is_none() {
                out.push(Problem::new(id, required_missing(&field.label)));
            }
        }
        (Some(Answer::Text(value)), _) => {
            for finding in family.check(value, around) {
                out.push(Problem::new(id, finding));
            }
        }
        (Some(Answer::Number(n)), Shape::Number { min, max, unit }) => {
            if let Some(finding) = number::check(*n, min, max, unit) {
                out.push(Problem::new(id, finding));
            }
        }
        (Some(Answer::Bool(_)), Shape::YesNo) => {}
        (Some(Answer::List(values)), Shape::Choices(choice)) => {
            check_choices(field, values, choice, out);
        }
        (Some(Answer::List(values)), Shape::Repeat { item, min, max }) => {
            check_count(field, values.len(), min, max, out);
            check_repeated_texts(id, values, item, around, out);
        }
        (Some(Answer::Records(records)), Shape::Repeat { item, min, max }) => {
            check_count(field, records.len(), min, max, out);
            let parts = item.group_parts().unwrap_or_default();
            for (i, record) in records.iter().enumerate() {
                check_record(&format!("{id}[{}]", i + 1), record, &parts, around, out);
            }
        }
        (Some(_), shape) => out.push(Problem::new(id, shape.wrong_type())),
    }
}

fn check_choices(field: &FieldSpec, values: &[String], choice: &Choice, out: &mut Vec<Problem>) {
    if field.required && values.is_empty() {
        out.push(Problem::new(&field.id, required_missing(&field.label)));
    }
    for value in values {
        if let Some(finding) = choice::check(choice, value) {
            out.push(Problem::new(&field.id, finding));
        }
    }
    if let Some(finding) = choice::duplicates(values) {
        out.push(Problem::new(&field.id, finding));
    }
}

/// The entries of a repeated text kind, each as `<id>[n]` (from 1).
fn check_repeated_texts(
    id: &str,
    values: &[String],
    item: &FieldKind,
    around: &Around<'_>,
    out: &mut Vec<Problem>,
) {
    let item = kind::of(item);
    for (i, value) in values.iter().enumerate() {
        let entry = format!("{id}[{}]", i + 1);
        for finding in item.check(value, around) {
            out.push(Problem::new(&entry, finding));
        }
    }
}

/// One entry of a repeated group, `entry` being `<id>[n]`: every part is needed, and keys that
/// are no part are kept but warned about.
fn check_record(
    entry: &str,
    record: &Record,
    parts: &[(&'static str, FieldKind)],
    around: &Around<'_>,
    out: &mut Vec<Problem>,
) {
    for (part, kind) in parts {
        let part_entry = format!("{entry}.{part}");
        match record.get(*part).filter(|v| !v.trim().is_empty()) {
            Some(value) => {
                for finding in kind::of(kind).check(value, around) {
                    out.push(Problem::new(&part_entry, finding));
                }
            }
            None => out.push(Problem::new(
                &part_entry,
                required_missing(&part_label(part)),
            )),
        }
    }
    for key in record.keys().filter(|k| !parts.iter().any(|(p, _)| p == k)) {
        out.push(Problem::new(
            format!("{entry}.{key}"),
            Finding::warning(t!(
                nb: "«{key}» hører ikke til denne oppføringen. Svaret beholdes, men sendes ikke.",
                en: "\"{key}\" is not part of this entry. It is kept but not sent.",
            )),
        ));
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
        let (nb_entries, en_entries) = if needed == 1 {
            ("oppføring", "entry")
        } else {
            ("oppføringer", "entries")
        };
        out.push(Problem::new(
            &field.id,
            Finding::error(t!(
                nb: "Legg til minst {needed} {nb_entries}; nå er det {count}.",
                en: "Add at least {needed} {en_entries}; there are {count} now.",
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
