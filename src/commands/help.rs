//! `help [COMMAND…]`: the help of eid-onboard or of one of its commands, as `--help` prints it.
//! Our own command rather than clap's, so that `help --help` explains `help` itself.

use std::process::ExitCode;

use anyhow::{Result, anyhow};
use eid_onboard::text::Lang;

use super::print;
use super::strings::strings;
use crate::cli::Cli;

pub(super) fn run(path: &[String], lang: Lang) -> Result<ExitCode> {
    let mut command = Cli::command_in(lang);
    // Built so that each command's usage line carries the whole path (`eid-onboard bundle`).
    command.build();
    let mut current = &mut command;
    for name in path {
        current = current
            .find_subcommand_mut(name)
            .ok_or_else(|| anyhow!((strings(lang).no_such_command)(name)))?;
    }
    print(&format!("{}", current.render_long_help()))?;
    Ok(ExitCode::SUCCESS)
}
