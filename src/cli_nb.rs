//! The command line in Norwegian: `--help` and usage errors under `--lang nb` (or the
//! environment's language). The English texts are the doc comments in `cli.rs`; here they are
//! replaced by id, so an argument without a Norwegian text keeps its English one. clap's own
//! small words inside the help (`[env: …]`, `[possible values: …]`, `[default: …]`) stay English:
//! clap offers no way to change them.

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};
use eid_onboard::text::Lang;

use crate::cli::Cli;

/// Parses the command line in the language it asks for; exits on `--help`, `--version` and
/// usage errors as clap does (status 0 or 2).
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = lang_of_args(&args).unwrap_or_else(Lang::from_env);
    let command = match lang {
        Lang::Nb => localized(Cli::command()),
        Lang::En => Cli::command(),
    };
    let parsed = command
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    match parsed {
        Ok(cli) => cli,
        Err(error) if lang == Lang::Nb => exit_nb(error),
        Err(error) => error.exit(),
    }
}

/// `--lang X` or `--lang=X` anywhere before `--`, before clap has parsed anything.
fn lang_of_args(args: &[OsString]) -> Option<Lang> {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let mut found = None;
    for (i, arg) in args.iter().enumerate() {
        if *arg == "--" {
            break;
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            found = Lang::parse(value).or(found);
        } else if *arg == "--lang" {
            found = args.get(i + 1).and_then(|v| Lang::parse(v)).or(found);
        }
    }
    found
}

const TEMPLATE: &str = "{before-help}{about-with-newline}\nBruk: {usage}\n\n{all-args}{after-help}";

/// The root's about text.
const ABOUT: &str = "Fyll ut, kontroller og send bestillingen av innlogging med BankID / ID-porten, uten fram og tilbake.";

/// Norwegian help by command (`""` is the root) and argument id.
const ARGS: &[(&str, &str, &str)] = &[
    (
        "",
        "data_dir",
        "Hvor utkastene ligger (standard: plattformens datamappe, f.eks. ~/.local/share/eid-onboard).",
    ),
    (
        "",
        "lang",
        "Språket i meldingene (standard: fra EID_ONBOARD_LANG, LANGUAGE eller lokaliteten).",
    ),
    (
        "",
        "plain",
        "Spørsmål linje for linje i stedet for fullskjermsveiviseren.",
    ),
    (
        "",
        "offline",
        "Aldri bruk nettet (oppslag i registre hoppes over).",
    ),
    ("new", "form", "Skjemaets id (se `forms`)."),
    (
        "new",
        "name",
        "Navnet på utkastet (standard: skjemaets id og første ledige nummer).",
    ),
    ("edit", "name", "Navnet på utkastet."),
    ("forms", "json", "Maskinlesbar utdata."),
    ("list", "json", "Maskinlesbar utdata."),
    ("check", "name", "Navnet på utkastet."),
    ("check", "json", "Maskinlesbar utdata."),
    (
        "import",
        "file",
        "Svarfilen (TOML, slik `export` skriver den).",
    ),
    (
        "import",
        "name",
        "Navnet på utkastet (standard: filnavnet uten .toml).",
    ),
    ("export", "name", "Navnet på utkastet."),
    ("bundle", "name", "Navnet på utkastet."),
    (
        "bundle",
        "out",
        "Mappen `<NAVN>-<skjema>/` og `<NAVN>-<skjema>.zip` lages i (standard: gjeldende mappe).",
    ),
    (
        "bundle",
        "force",
        "Erstatt en eksisterende pakke med samme navn selv om den er endret siden.",
    ),
    ("verify", "path", "Pakkemappen eller zip-filen."),
    ("send", "name", "Navnet på utkastet."),
    (
        "send",
        "dry_run",
        "Vis meldingen som ville blitt sendt; send ingenting.",
    ),
    ("send", "yes", "Send uten å spørre."),
    (
        "send",
        "resend",
        "Send på nytt en bestilling som allerede er sendt.",
    ),
    ("status", "name", "Navnet på utkastet."),
    ("status", "status", "Den nye statusen."),
];

/// Norwegian about texts by command.
const COMMANDS: &[(&str, &str)] = &[
    ("new", "Start en ny bestilling av et skjema i veiviseren."),
    ("edit", "Fortsett et utkast i veiviseren, der du slapp."),
    ("forms", "Skjemaene: id, tittel, mottaker."),
    (
        "list",
        "Utkastene: navn, skjema, fremdrift, status, sist endret.",
    ),
    (
        "check",
        "Alle problemer (felt-id: melding) og listen over forutsetninger; avslutter med 1 når noe stopper bestillingen.",
    ),
    (
        "import",
        "Lag eller erstatt et utkast fra en svarfil (problemene listes opp; utkastet beholdes).",
    ),
    ("export", "Skriv svarfilen til et utkast på standard ut."),
    (
        "bundle",
        "Lag pakken som er klar til signering: request.pdf, request.toml/json, message.eml, vedlegg, SHA256SUMS og en zip av alt. Nekter (avslutter med 1) så lenge check finner problemer.",
    ),
    (
        "verify",
        "Kontroller en pakkemappe eller zip mot dens SHA256SUMS; avslutter med 1 og nevner hver endret fil.",
    ),
    (
        "send",
        "Send bestillingen med e-post: viser meldingen og spør før den sendes (--yes for skript). Avslutter med 1 når den nektes (problemer, allerede sendt, ikke bekreftet), 2 når sendingen feilet.",
    ),
    (
        "status",
        "Merk hvor en bestilling er etter at den ble sendt: sent (på annen måte), signed, credentials-received.",
    ),
    (
        "config",
        "Innstillingene som gjelder (e-post, registre, mapper) og hvor hver kommer fra; aldri passordet.",
    ),
    ("help", "Vis denne hjelpen eller hjelpen til en kommando."),
];

/// The command with every text we have in Norwegian, built first so clap's own `help` and
/// `version` arguments and `help` command exist to be reworded.
fn localized(command: clap::Command) -> clap::Command {
    let mut command = command.about(ABOUT);
    command.build();
    localize_command(command, "")
}

fn localize_command(command: clap::Command, name: &str) -> clap::Command {
    let ids: Vec<(String, bool)> = command
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let mut command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("Kommandoer")
        .subcommand_value_name("KOMMANDO");
    if let Some((_, about)) = COMMANDS.iter().find(|(c, _)| *c == name) {
        command = command.about(*about).long_about(None);
    }
    for (id, positional) in ids {
        let help = ARGS
            .iter()
            .find(|(c, a, _)| (*c == name || c.is_empty()) && *a == id)
            .map(|(_, _, help)| *help)
            .or(match id.as_str() {
                "help" => Some("Vis hjelp."),
                "version" => Some("Vis versjonen."),
                _ => None,
            });
        command = command.mut_arg(&id, |arg| {
            let arg = arg.help_heading(if positional { "Argumenter" } else { "Valg" });
            match help {
                Some(help) => arg.help(help).long_help(None),
                None => arg,
            }
        });
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subcommands {
        command = command.mut_subcommand(&sub, |s| localize_command(s, &sub));
    }
    command
}

/// Prints a usage error in Norwegian and exits as clap would (status 2; help and version 0).
fn exit_nb(error: clap::Error) -> ! {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_arguments_before_a_double_dash() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_of_args(&args(&["x", "--lang", "nb", "list"])),
            Some(Lang::Nb)
        );
        assert_eq!(
            lang_of_args(&args(&["x", "list", "--lang=en"])),
            Some(Lang::En)
        );
        assert_eq!(lang_of_args(&args(&["x", "--", "--lang", "nb"])), None);
        assert_eq!(lang_of_args(&args(&["x", "list"])), None);
    }

    #[test]
    fn every_norwegian_text_names_a_real_command_and_argument() {
        let command = Cli::command();
        for (name, _) in COMMANDS {
            assert!(
                *name == "help" || command.find_subcommand(name).is_some(),
                "{name}"
            );
        }
        for (name, id, _) in ARGS {
            let owner = if name.is_empty() {
                Some(&command)
            } else {
                command.find_subcommand(name)
            };
            let owner = owner.unwrap_or_else(|| panic!("{name}"));
            assert!(
                owner.get_arguments().any(|a| a.get_id() == *id),
                "{name} {id}"
            );
        }
    }
}
