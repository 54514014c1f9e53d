//! What a lookup can fill in: the registered name and address of the company or the bank, and the
//! bank list under the registry's current names.
//!
//! Pure functions over a [`Lookup`] and the answers; the front end decides what to do with them:
//! proposals with `replaces: None` fill empty fields and can be applied at once, the others would
//! replace what the user typed and need a yes first.

use super::{Cache, Lookup};
use crate::answers::{Answer, Answers};
use crate::assets;
use crate::form::{FieldKind, FormSpec};
use crate::validate::orgnr;

/// One proposed answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prefill {
    /// The field id, e.g. `company.name` or `bank.address.postal_code`.
    pub field: String,
    /// The registry's value.
    pub value: String,
    /// What the user typed there, when the proposal would replace it: ask first.
    pub replaces: Option<String>,
}

/// The proposals for `parent` (`company` or `bank`: the fields `<parent>.name` and
/// `<parent>.address.street|postal_code|city`, those the questionnaire has) from a lookup of the
/// number in `<parent>.orgnr`.
///
/// Nothing is proposed when the lookup is about another number than the one now in the answers (the
/// user typed on while it ran), when the unit was not found, or when it is deleted. Fields already
/// holding the same value (ignoring case and spacing) are left out. The address is the business
/// address, or the postal address when there is none.
pub fn prefill(spec: &FormSpec, parent: &str, lookup: &Lookup, answers: &Answers) -> Vec<Prefill> {
    let current_number = answers
        .text(&format!("{parent}.orgnr"))
        .map(orgnr::normalize);
    if current_number.as_deref() != Some(lookup.orgnr.as_str()) {
        return Vec::new();
    }
    let Some(enhet) = lookup.outcome.enhet().filter(|e| !e.is_deleted()) else {
        return Vec::new();
    };
    let mut proposed: Vec<(String, Option<String>)> = Vec::new();
    let name_field = format!("{parent}.name");
    if spec.field(&name_field).is_some() {
        proposed.push((name_field, enhet.name()));
    }
    let address_field = format!("{parent}.address");
    if let Some(field) = spec.field(&address_field)
        && matches!(field.kind, FieldKind::Address { .. })
    {
        let address = enhet.address();
        proposed.push((
            format!("{address_field}.street"),
            address.and_then(|a| a.street()),
        ));
        proposed.push((
            format!("{address_field}.postal_code"),
            address.and_then(|a| a.postal_code()),
        ));
        proposed.push((
            format!("{address_field}.city"),
            address.and_then(|a| a.city()),
        ));
    }
    proposed
        .into_iter()
        .filter_map(|(field, value)| {
            let value = value?;
            let replaces = match answers.get(&field) {
                None => None,
                Some(Answer::Text(typed)) if typed.trim().is_empty() => None,
                Some(Answer::Text(typed)) if same(typed, &value) => return None,
                Some(Answer::Text(typed)) => Some(typed.clone()),
                Some(other) => Some(shown(other)),
            };
            Some(Prefill {
                field,
                value,
                replaces,
            })
        })
        .collect()
}

/// A proposal to replace a sub-unit's number with its parent's, the legal entity that makes the
/// agreement. The front ends ask yes / no with [`UseParent::question`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UseParent {
    /// The number field, e.g. `company.orgnr`.
    pub field: String,
    /// The sub-unit's number, as it stands in the answers (normalised).
    pub sub_unit: String,
    /// The parent's number.
    pub parent: String,
    /// The parent's registered name, when known.
    pub parent_name: Option<String>,
    /// The question, in both languages.
    pub question: crate::text::Text,
}

impl UseParent {
    /// The change a yes makes: the parent's number in place of the sub-unit's.
    pub fn prefill(&self) -> Prefill {
        Prefill {
            field: self.field.clone(),
            value: self.parent.clone(),
            replaces: Some(self.sub_unit.clone()),
        }
    }
}

/// The proposal to use the parent's number in `<parent>.orgnr`, when the lookup of the number now
/// there found a sub-unit with a valid parent number.
pub fn use_parent(parent: &str, lookup: &Lookup, answers: &Answers) -> Option<UseParent> {
    let field = format!("{parent}.orgnr");
    let current = answers.text(&field).map(orgnr::normalize)?;
    if current != lookup.orgnr {
        return None;
    }
    let sub = lookup.outcome.sub_unit()?;
    Some(UseParent {
        field,
        sub_unit: current,
        parent: sub.parent()?,
        parent_name: sub.parent_name.clone(),
        question: sub.question()?,
    })
}

/// Writes the proposals into the answers (the caller passes only those the user accepted).
pub fn apply(answers: &mut Answers, prefills: &[Prefill]) {
    for p in prefills {
        answers.set(p.field.clone(), Answer::Text(p.value.clone()));
    }
}

fn same(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// A non-text answer as the user would recognise it.
fn shown(answer: &Answer) -> String {
    match answer {
        Answer::Text(s) => s.clone(),
        Answer::Bool(b) => b.to_string(),
        Answer::Number(n) => n.to_string(),
        Answer::List(items) => items.join(", "),
        Answer::Records(records) => format!("{} entries", records.len()),
        Answer::Invalid(v) | Answer::Unknown(v) => v.to_string(),
    }
}

/// A bank for the bank picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankChoice {
    pub orgnr: String,
    /// The registry's current name when a lookup found it, else the list's.
    pub name: String,
    /// The name in the shipped list.
    pub listed_name: String,
    /// True when `name` comes from the registry.
    pub from_registry: bool,
}

/// The shipped bank list, each bank under the registry's current name when an earlier lookup (in the
/// cache) found it and it is not deleted. Reads only the cache: no request is made.
pub fn bank_choices(cache: Option<&Cache>) -> Vec<BankChoice> {
    assets::banks()
        .iter()
        .map(|bank| {
            let registered = cache.and_then(|c| c.get(&bank.orgnr)).and_then(|answer| {
                answer
                    .outcome
                    .enhet()
                    .filter(|e| !e.is_deleted())
                    .and_then(|e| e.name())
            });
            BankChoice {
                orgnr: bank.orgnr.clone(),
                from_registry: registered.is_some(),
                name: registered.unwrap_or_else(|| bank.name.clone()),
                listed_name: bank.name.clone(),
            }
        })
        .collect()
}

/// A bank picked from the bank list brings its organisation number: when `field` is a bank-list
/// select named `<parent>.name`, `value` is one of `banks`, and the questionnaire's
/// `<parent>.orgnr` is still empty, it is filled. Returns the field filled and the bank.
pub fn fill_bank_orgnr(
    spec: &FormSpec,
    answers: &mut Answers,
    field: &crate::form::FieldSpec,
    value: &str,
    banks: &[BankChoice],
) -> Option<(String, BankChoice)> {
    let from_banks = matches!(
        &field.kind,
        crate::form::FieldKind::Select(c) if c.source == Some(crate::form::OptionSource::Banks)
    );
    let parent = field.id.strip_suffix(".name").filter(|_| from_banks)?;
    let bank = banks.iter().find(|b| b.name == value)?;
    let orgnr_field = format!("{parent}.orgnr");
    if spec.field(&orgnr_field).is_none() || answers.text(&orgnr_field).is_some() {
        return None;
    }
    answers.set(orgnr_field.clone(), Answer::Text(bank.orgnr.clone()));
    Some((orgnr_field, bank.clone()))
}
