//! `check NAME [--json]`: every problem and the prerequisite checklist; exit 1 while not ready.

use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::draft::DraftStore;
use eid_onboard::order::Order;
use eid_onboard::text::Lang;
use eid_onboard::validate::Context;

use super::{NOT_READY, existing_draft, facts_for, print_json, print_report};

pub(super) fn run(
    store: &DraftStore,
    name: &str,
    lang: Lang,
    json: bool,
    offline: bool,
) -> Result<ExitCode> {
    let name = existing_draft(store, name, lang)?;
    let order = Order::open(store, &name)?;
    // An unreachable registry only makes the registry item unknown: never an error by itself.
    let (facts, lookups) = facts_for(offline, &order.spec, &order.answers)?;
    let report = order.check(&Context::now(), &facts);
    if json {
        let mut value = report.to_json(lang, name.as_str(), &order.spec.id);
        if let Some(object) = value.as_object_mut() {
            let lookups: Vec<_> = lookups.iter().map(|l| l.to_json(lang)).collect();
            object.insert("registry".into(), lookups.into());
        }
        print_json(value)?;
    } else {
        print_report(name.as_str(), order.spec.title.get(lang), &report, lang)?;
    }
    Ok(if report.ready() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(NOT_READY)
    })
}
