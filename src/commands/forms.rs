//! `forms [--json]`: the shipped questionnaires, with their addressees.

use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::form::{Condition, ConditionTest, FieldKind, FormSpec, catalog};
use eid_onboard::text::Lang;

use super::strings::strings;
use super::{print, print_json};

pub(super) fn run(lang: Lang, json: bool) -> Result<ExitCode> {
    let forms = catalog::shipped()?;
    if json {
        print_json(serde_json::json!({ "forms": as_json(&forms, lang) }))?;
    } else {
        print(&as_text(&forms, lang))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn as_json(forms: &[FormSpec], lang: Lang) -> Vec<serde_json::Value> {
    forms
        .iter()
        .map(|f| {
            serde_json::json!({
                "id": f.id,
                "title": f.title.get(lang),
                "provider": f.provider,
                "recipient": f.recipient,
                "recipient_field": f.recipient_field,
                "access_request": f.access_request.as_ref().map(|r| serde_json::json!({
                    "title": r.title.get(lang),
                    "where": r.place.get(lang),
                    "when": r.when.as_ref().map(|w| condition_text(f, w, lang)),
                })),
                "legacy": f.legacy,
                "about": f.about.get(lang),
            })
        })
        .collect()
}

/// One line each: id (padded), title, addressee.
fn as_text(forms: &[FormSpec], lang: Lang) -> String {
    let width = forms.iter().map(|f| f.id.len()).max().unwrap_or(0);
    let mut text = String::new();
    for f in forms {
        text.push_str(&format!(
            "{:width$}  {}  {}\n",
            f.id,
            f.title.get(lang),
            addressee(f, lang)
        ));
    }
    text
}

/// Who the order goes to: an addressee from the answers (the user's BankID partner) is named by
/// its field, and an access request (no email) follows with when it applies.
fn addressee(f: &FormSpec, lang: Lang) -> String {
    let mut to = match (&f.recipient_field, &f.recipient) {
        (Some(field), _) => format!("<{field}.email>"),
        (None, Some(recipient)) => format!("<{recipient}>"),
        (None, None) => String::new(),
    };
    if let Some(request) = &f.access_request {
        let when = request.when.as_ref().map(|w| condition_text(f, w, lang));
        to.push_str(&(strings(lang).or_access_request)(when.as_deref()));
    }
    to
}

/// A condition as words: "Environment is CURRENT (test)".
fn condition_text(f: &FormSpec, when: &Condition, lang: Lang) -> String {
    let Some(field) = f.field(&when.field) else {
        return when.field.clone();
    };
    let label = field.label.get(lang);
    let value = |v: &toml::Value| shown_value(&field.kind, v, lang);
    let (is, is_not, one_of, any_of) = match lang {
        Lang::Nb => ("er", "er ikke", "er en av", "har en av"),
        Lang::En => ("is", "is not", "is one of", "has one of"),
    };
    match &when.test {
        ConditionTest::Equals(v) => format!("{label} {is} {}", value(v)),
        ConditionTest::NotEquals(v) => format!("{label} {is_not} {}", value(v)),
        ConditionTest::OneOf(values) => {
            let shown: Vec<String> = values.iter().map(value).collect();
            format!("{label} {one_of} {}", shown.join(", "))
        }
        ConditionTest::ContainsAny(values) => {
            let shown: Vec<String> = values
                .iter()
                .map(|v| value(&toml::Value::String(v.clone())))
                .collect();
            format!("{label} {any_of} {}", shown.join(", "))
        }
    }
}

/// A condition's value as the user picks it: an option's label, yes or no, else the value.
fn shown_value(kind: &FieldKind, value: &toml::Value, lang: Lang) -> String {
    match (kind, value) {
        (FieldKind::Select(choice) | FieldKind::MultiSelect(choice), toml::Value::String(v)) => {
            choice
                .options
                .iter()
                .find(|o| o.value == *v)
                .map_or_else(|| v.clone(), |o| o.label.get(lang).to_string())
        }
        (_, toml::Value::String(v)) => v.clone(),
        (_, toml::Value::Boolean(b)) => match (lang, b) {
            (Lang::Nb, true) => "ja".into(),
            (Lang::Nb, false) => "nei".into(),
            (Lang::En, true) => "yes".into(),
            (Lang::En, false) => "no".into(),
        },
        (_, other) => other.to_string(),
    }
}
