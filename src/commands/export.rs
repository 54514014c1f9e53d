//! `export NAME`: the draft's answers file on standard output.

use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::draft::{DraftName, DraftStore};
use eid_onboard::order::Order;

use super::print;

pub(super) fn run(store: &DraftStore, name: &str) -> Result<ExitCode> {
    let name = DraftName::parse(name)?;
    let order = Order::open(store, &name)?;
    print(&order.answers.to_file_string(&order.spec))?;
    Ok(ExitCode::SUCCESS)
}
