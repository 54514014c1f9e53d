//! `forms [--json]`: the shipped questionnaires, with their addressees.

use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::form::{FormSpec, catalog};
use eid_onboard::text::Lang;

use super::print;

pub(super) fn run(lang: Lang, json: bool) -> Result<ExitCode> {
    let forms = catalog::shipped()?;
    if json {
        print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&as_json(&forms, lang))?
        ))?;
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
        // An addressee from the answers (the user's BankID partner) is named by its field.
        let to = match &f.recipient_field {
            Some(field) => format!("<{field}.email>"),
            None => format!("<{}>", f.recipient),
        };
        text.push_str(&format!("{:width$}  {}  {to}\n", f.id, f.title.get(lang)));
    }
    text
}
