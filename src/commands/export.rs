//! `export NAME`: the draft's answers file on standard output.

use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::draft::DraftStore;
use eid_onboard::order::Order;
use eid_onboard::text::Lang;

use super::{existing_draft, print};

pub(super) fn run(store: &DraftStore, name: &str, lang: Lang) -> Result<ExitCode> {
    let name = existing_draft(store, name, lang)?;
    let order = Order::open(store, &name)?;
    print(&order.answers.to_file_string(&order.spec))?;
    Ok(ExitCode::SUCCESS)
}
