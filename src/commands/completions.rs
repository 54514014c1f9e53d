//! `completions SHELL`: the shell's completion script on standard output (clap_complete), so the
//! commands, options and values complete as they are in this version. The descriptions some
//! shells show (zsh, fish, PowerShell) are in the language of `--lang`, else the locale.

use std::process::ExitCode;

use anyhow::Result;
use clap_complete::Shell;
use eid_onboard::text::Lang;

use super::print;
use crate::cli::Cli;

pub(super) fn run(shell: Shell, lang: Lang) -> Result<ExitCode> {
    // Built in memory first: a closed pipe then ends quietly, as for every other command.
    let mut script = Vec::new();
    clap_complete::generate(
        shell,
        &mut Cli::command_in(lang),
        "eid-onboard",
        &mut script,
    );
    print(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}
