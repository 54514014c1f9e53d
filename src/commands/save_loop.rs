//! `save-loop NAME FILE_A FILE_B` (hidden): saves a draft over and over until killed, for the
//! crash test.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::draft::{DraftName, DraftStore, stress};

pub(super) fn run(
    store: &DraftStore,
    name: &str,
    file_a: &Path,
    file_b: &Path,
) -> Result<ExitCode> {
    let name = DraftName::parse(name)?;
    match stress::save_loop(store, &name, file_a, file_b)? {}
}
