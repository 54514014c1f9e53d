//! eid-onboard: dispatches the command line to the core and maps outcomes to exit codes
//! (0 success, 1 the order is not ready, 2 usage or runtime error).

mod cli;
mod cli_nb;
mod commands;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli_nb::parse();
    let lang = commands::lang(&cli.global);
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
