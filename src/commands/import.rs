//! `import FILE [NAME] [--json]`: creates or replaces a draft from an answers file. The draft is
//! kept even when the answers have problems; they are listed.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::draft::DraftStore;
use eid_onboard::order;
use eid_onboard::registry::Lookup;
use eid_onboard::text::Lang;
use eid_onboard::validate::Context;

use super::strings::strings;
use super::{print, print_json, registry};

pub(super) fn run(
    store: &DraftStore,
    file: &Path,
    name: Option<&str>,
    lang: Lang,
    json: bool,
    offline: bool,
) -> Result<ExitCode> {
    let registry = registry(offline)?;
    let order = order::import(store, file, name, jiff::Timestamp::now())?;
    let (facts, lookups) = registry.facts_for(&order.spec, &order.answers);
    let mut report = order.check(&Context::now(), &facts);
    report
        .problems
        .extend(order::attachments_outside(&order, file));
    let name = &order.name;
    if json {
        // What `check --json` says of the new draft, with the registry's answers.
        let mut value = report.to_json(lang, name.as_str(), &order.spec.id);
        if let Some(object) = value.as_object_mut() {
            let lookups: Vec<_> = lookups.iter().map(|l| l.to_json(lang)).collect();
            object.insert("registry".into(), lookups.into());
            object.insert("saved".into(), true.into());
        }
        print_json(value)?;
        return Ok(ExitCode::SUCCESS);
    }
    let (errors, warnings) = (report.errors(), report.warnings());
    let summary = (strings(lang).imported)(name.as_str(), &order.spec.id, errors, warnings);
    print(&summary)?;
    for problem in &report.problems {
        print(&format!(
            "  {}: {}\n",
            problem.field,
            problem.message.get(lang)
        ))?;
    }
    print(&registry_lines(&lookups, lang))?;
    Ok(ExitCode::SUCCESS)
}

/// What the registry said about each number, one line each, under a heading.
fn registry_lines(lookups: &[Lookup], lang: Lang) -> String {
    if lookups.is_empty() {
        return String::new();
    }
    let mut text = strings(lang).registry_heading.to_string();
    for lookup in lookups {
        text.push_str(&format!("  {}\n", lookup.summary().get(lang)));
    }
    text
}
