//! `man [COMMAND]`: the manual page (roff, from the same definitions as `--help`, by
//! clap_mangen): eid-onboard(1), whose COMMANDS section names eid-onboard-COMMAND(1), the page
//! `man COMMAND` prints.

use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow};
use eid_onboard::text::Lang;

use super::print;
use super::strings::strings;
use crate::cli::Cli;

pub(super) fn run(command: Option<&str>, lang: Lang) -> Result<ExitCode> {
    let mut cli = Cli::command_in(lang);
    // Built so that a command's page is named `eid-onboard-COMMAND` and its usage has the path.
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => cli
            .find_subcommand(name)
            .cloned()
            .ok_or_else(|| anyhow!((strings(lang).no_such_command)(name)))?,
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page.version(env!("CARGO_PKG_VERSION")))
        .render(&mut roff)
        .context("cannot write the manual page")?;
    print(&String::from_utf8_lossy(&roff))?;
    Ok(ExitCode::SUCCESS)
}
