//! `export NAME`: the draft's answers file on standard output, with characters a terminal would
//! act on written as TOML escapes (`\u009B`): the same answers, inert.

use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::draft::DraftStore;
use eid_onboard::inert;
use eid_onboard::order::Order;
use eid_onboard::text::Lang;

use super::{existing_draft, print_raw};

pub(super) fn run(store: &DraftStore, name: &str, lang: Lang) -> Result<ExitCode> {
    let name = existing_draft(store, name, lang)?;
    let order = Order::open(store, &name)?;
    // TOML escapes keep every answer as it is while no control character reaches the terminal.
    let file = order.answers.to_file_string(&order.spec);
    print_raw(&inert::toml::escape(&file))?;
    Ok(ExitCode::SUCCESS)
}
