//! eid-onboard: dispatches the command line to the core and maps outcomes to exit codes
//! (0 success, 1 the order is not ready, 2 usage or runtime error).

mod cli;
mod commands;
mod help_nb;
mod usage_nb;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::Cli::parse_localised() {
        Ok(cli) => cli,
        Err((error, eid_onboard::text::Lang::Nb)) => usage_nb::exit_nb(error),
        Err((error, eid_onboard::text::Lang::En)) => error.exit(),
    };
    let lang = commands::lang(cli.lang);
    match commands::run(cli) {
        Ok(code) => code,
        // The reader of our output went away (`| head`): what it wanted, it has.
        Err(error) if commands::is_closed_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            commands::complain(&format!(
                "eid-onboard: {}",
                commands::describe(&error, lang)
            ));
            ExitCode::from(2)
        }
    }
}
