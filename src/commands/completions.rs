//! `completions SHELL`: the shell's completion script on standard output (clap_complete), so the
//! commands, options and values complete as they are in this version.

use std::process::ExitCode;

use anyhow::Result;
use clap_complete::Shell;

use super::print;
use crate::cli::Cli;

pub(super) fn run(shell: Shell) -> Result<ExitCode> {
    // Built in memory first: a closed pipe then ends quietly, as for every other command.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "eid-onboard", &mut script);
    print(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}
