//! clap's usage errors in Norwegian under `--lang nb` (or the environment's language): its rendered
//! error with the first line worded by the kind of error (keeping what it quotes), and the usage
//! and the tips by what they begin with. The help itself is localised in `help_nb`.

use clap::error::ErrorKind;

/// Prints a usage error in Norwegian and exits as clap would (status 2; help and version 0).
pub fn exit_nb(error: clap::Error) -> ! {
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => error.exit(),
        kind => {
            let rendered = error.render().to_string();
            let text = translate(kind, &rendered);
            crate::commands::complain(text.trim_end());
            std::process::exit(2)
        }
    }
}

/// clap's rendered error, its words in Norwegian: the first line by the kind of error (keeping
/// what it quotes), the usage and the tips by what they begin with.
fn translate(kind: ErrorKind, rendered: &str) -> String {
    let mut out = String::new();
    for (i, line) in rendered.lines().enumerate() {
        let line = if i == 0 {
            first_line(kind, line)
        } else if let Some(usage) = line.strip_prefix("Usage: ") {
            format!("Bruk: {usage}")
        } else if line.starts_with("For more information, try ") {
            "Mer hjelp: --help".to_string()
        } else if let Some(rest) = line.trim_start().strip_prefix("tip: ") {
            format!("  tips: {}", tip(rest))
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// What the first line of clap's error says, in Norwegian.
fn first_line(kind: ErrorKind, line: &str) -> String {
    let quoted: Vec<&str> = line.split('\'').skip(1).step_by(2).collect();
    let q = |i: usize| quoted.get(i).copied().unwrap_or("");
    let what = match kind {
        ErrorKind::InvalidSubcommand => format!("ukjent kommando '{}'", q(0)),
        ErrorKind::UnknownArgument => format!("ukjent argument '{}'", q(0)),
        ErrorKind::InvalidValue => format!("ugyldig verdi '{}' for '{}'", q(0), q(1)),
        ErrorKind::MissingRequiredArgument => "disse argumentene mangler:".to_string(),
        ErrorKind::MissingSubcommand => "en kommando mangler".to_string(),
        ErrorKind::ArgumentConflict => format!("'{}' kan ikke brukes sammen med '{}'", q(0), q(1)),
        ErrorKind::TooManyValues => format!("for mange verdier: '{}'", q(0)),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("feil antall verdier for '{}'", q(0))
        }
        ErrorKind::NoEquals => format!("'{}' må ha en verdi med =", q(0)),
        ErrorKind::ValueValidation => format!("ugyldig verdi '{}' for '{}'", q(0), q(1)),
        ErrorKind::InvalidUtf8 => "et argument er ikke gyldig UTF-8".to_string(),
        _ => line.trim_start_matches("error: ").to_string(),
    };
    format!("feil: {what}")
}

/// A tip of clap's, in Norwegian where we know it.
fn tip(rest: &str) -> String {
    let quoted: Vec<&str> = rest.split('\'').skip(1).step_by(2).collect();
    let q = |i: usize| quoted.get(i).copied().unwrap_or("");
    if rest.starts_with("a similar subcommand exists") {
        format!("en kommando med lignende navn finnes: '{}'", q(0))
    } else if rest.starts_with("some similar subcommands exist") {
        format!("kommandoer med lignende navn finnes: {}", quoted.join(", "))
    } else if rest.starts_with("a similar argument exists") {
        format!("et argument med lignende navn finnes: '{}'", q(0))
    } else if rest.starts_with("a similar value exists") {
        format!("en lignende verdi finnes: '{}'", q(0))
    } else if rest.starts_with("to pass") {
        format!("for å gi '{}' som verdi, bruk '{}'", q(0), q(1))
    } else {
        rest.to_string()
    }
}
