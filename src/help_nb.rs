//! The help in Norwegian bokmål (`--lang nb`, or a Norwegian locale): clap's help is built from
//! the English doc comments in `cli.rs`, and for bokmål each command's and option's text is
//! replaced from the tables below, with the headings. `tests/cli_ecosystem.rs` checks that every
//! command and option has its Norwegian text.

use clap::Command;

/// The end of `eid-onboard --help`: examples, the environment, the exit status.
const AFTER_HELP: &str = "\
Eksempler:
  eid-onboard                                 veiviseren: fortsett et utkast eller start en bestilling
  eid-onboard new idura-no-bankid acme        en ny bestilling av et skjema (se `forms`)
  eid-onboard import acme.toml acme           et utkast fra en svarfil
  eid-onboard check acme && eid-onboard bundle acme --out ~/orders
  eid-onboard send acme --dry-run             meldingen slik den ville blitt sendt
  eid-onboard list --json                     utkastene, for skript

Miljøvariabler:
  EID_ONBOARD_DATA_DIR          hvor utkastene ligger (som --data-dir)
  EID_ONBOARD_CACHE_DIR         hvor svar fra registeret mellomlagres
  EID_ONBOARD_REGISTRY_URL      registerets adresse
  EID_ONBOARD_REGISTRY_TIMEOUT  tidsgrensen for registeret i sekunder
  EID_ONBOARD_DOMAIN_CHECK      `off`: ingen kontroll av produksjonsdomenet
  EID_ONBOARD_DOMAIN_TIMEOUT    tidsgrensen for domenekontrollen i sekunder
  EID_ONBOARD_DOMAIN_RESOLVE    vert:port:adresse, som curls --resolve
  EID_ONBOARD_DOMAIN_CA_FILE    en PEM-fil som domenekontrollen stoler på
  EID_ONBOARD_FROM              avsenderen av bestillingens e-post
  EID_ONBOARD_SMTP_URL          smtps://vert:465 eller smtp://vert:587
  EID_ONBOARD_SMTP_USER         SMTP-brukeren
  EID_ONBOARD_SMTP_PASSWORD     SMTP-passordet (ellers spurt om i terminalen)
  EID_ONBOARD_SMTP_CA_FILE      en PEM-fil det stoles på i tillegg til de innebygde
  EID_ONBOARD_SMTP_TIMEOUT      SMTP-tidsgrensen i sekunder
  EID_ONBOARD_SENDMAIL          send med denne sendmail-kommandoen i stedet
  EID_ONBOARD_MAIL_FOLDER       skriv meldingen i denne mappen i stedet
  EID_ONBOARD_LANG              nb eller en: språket når --lang ikke er gitt
  LANGUAGE, LC_ALL, LC_MESSAGES, LANG
                                språket etter EID_ONBOARD_LANG, i denne rekkefølgen
  NO_COLOR                      ingen farger i veiviseren
  XDG_CONFIG_HOME               hvor config.toml letes etter (eid-onboard config viser den)

Avslutningsstatus: 0 vellykket; 1 ikke klar, en endret pakke eller en avvist sending; 2 feil i bruk eller under kjøring.";

/// About each command: (command, one line, the example after its help).
const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "new",
        "Start en ny bestilling av et skjema i veiviseren.",
        "Eksempel:\n  eid-onboard new idura-no-bankid acme",
    ),
    (
        "edit",
        "Fortsett et utkast i veiviseren, der det slapp.",
        "Eksempel:\n  eid-onboard edit acme --plain",
    ),
    ("forms", "Skjemaene: id, tittel, mottaker.", ""),
    (
        "list",
        "Utkastene: navn, skjema, fremdrift, status, sist endret.",
        "",
    ),
    (
        "check",
        "Alle problemer (felt-id: melding) og sjekklisten for forutsetninger; avslutter med 1 når noe blokkerer.",
        "Eksempel:\n  eid-onboard check acme --json",
    ),
    (
        "import",
        "Lag eller erstatt et utkast fra en svarfil (problemene vises; utkastet beholdes).",
        "Eksempel:\n  eid-onboard import acme.toml acme",
    ),
    (
        "export",
        "Skriv utkastets svarfil på standard ut.",
        "Eksempel:\n  eid-onboard export acme > acme.toml",
    ),
    (
        "bundle",
        "Lag pakken klar til signering: request.pdf, request.toml/json, message.eml, vedlegg, SHA256SUMS og en zip av alt. Avvises (1) så lenge check finner problemer.",
        "Eksempel:\n  eid-onboard bundle acme --out ~/orders",
    ),
    (
        "verify",
        "Kontroller en pakkemappe eller zip mot SHA256SUMS; avslutter med 1 og navngir hver endret fil.",
        "Eksempel:\n  eid-onboard verify ~/orders/acme-idura-no-bankid.zip",
    ),
    (
        "send",
        "Send bestillingen med e-post: viser meldingen og spør før sending (--yes for skript). Avslutter med 1 når den avvises, 2 når sendingen feilet.",
        "Eksempler:\n  eid-onboard send acme --dry-run\n  EID_ONBOARD_SMTP_PASSWORD=… eid-onboard send acme --yes",
    ),
    (
        "status",
        "Merk hvor bestillingen er etter at den ble sendt: sent (på annen måte), signed, credentials-received.",
        "Eksempel:\n  eid-onboard status acme signed",
    ),
    (
        "config",
        "Innstillingene som gjelder (e-post, register, mapper) og hvor hver kommer fra; aldri passordet.",
        "",
    ),
    (
        "completions",
        "Skriv et fullføringsskript for skallet (se README for hvor det skal ligge).",
        "Eksempler:\n  \
         eid-onboard completions bash > ~/.local/share/bash-completion/completions/eid-onboard\n  \
         eid-onboard completions zsh > ~/.zfunc/_eid-onboard\n  \
         eid-onboard completions fish > ~/.config/fish/completions/eid-onboard.fish",
    ),
    (
        "man",
        "Skriv manualsiden (roff): eid-onboard(1), eller en kommandos, eid-onboard-KOMMANDO(1).",
        "Eksempler:\n  \
         eid-onboard man > ~/.local/share/man/man1/eid-onboard.1 && man eid-onboard\n  \
         eid-onboard man bundle > ~/.local/share/man/man1/eid-onboard-bundle.1",
    ),
    (
        "help",
        "Vis hjelpen til eid-onboard eller til en av kommandoene.",
        "Eksempel:\n  eid-onboard help bundle",
    ),
];

/// Each option and argument by its id: the same id means the same in every command, except
/// where a command is named first (`command/id`).
const ARGS: &[(&str, &str)] = &[
    ("lang", "Språket i meldingene (standard: fra locale)."),
    (
        "data_dir",
        "Hvor utkastene ligger (standard: EID_ONBOARD_DATA_DIR, ellers plattformens datamappe, f.eks. ~/.local/share/eid-onboard).",
    ),
    (
        "plain",
        "Spørsmål linje for linje i stedet for fullskjermveiviseren.",
    ),
    (
        "offline",
        "Aldri kontakt nettet (oppslag i registeret og domenekontrollen hoppes over).",
    ),
    (
        "json",
        "Maskinlesbar utdata (et JSON-objekt med \"schema\": 1).",
    ),
    ("help", "Vis hjelp."),
    ("version", "Vis versjonen."),
    ("form", "Skjemaets id (se `forms`)."),
    ("name", "Utkastets navn."),
    (
        "new/name",
        "Utkastets navn (standard: skjemaets id og det første ledige nummeret).",
    ),
    (
        "import/name",
        "Utkastets navn (standard: filnavnet uten .toml).",
    ),
    ("file", "Svarfilen (TOML, slik `export` skriver den)."),
    (
        "out",
        "Mappen `<NAVN>-<skjema>/` og `<NAVN>-<skjema>.zip` skrives i (standard: den gjeldende mappen).",
    ),
    (
        "force",
        "Erstatt en eksisterende pakke med samme navn selv om den er endret siden.",
    ),
    ("path", "Pakkemappen eller zip-filen."),
    (
        "dry_run",
        "Skriv meldingen som ville blitt sendt; send ingenting.",
    ),
    ("yes", "Send uten å spørre."),
    ("resend", "Send igjen en bestilling som allerede er sendt."),
    (
        "send/json",
        "Med --dry-run: meldingene som JSON (et JSON-objekt med \"schema\": 1).",
    ),
    ("status", "Den nye statusen."),
    ("shell", "Skallet."),
    (
        "man/command",
        "Kommandoen hvis side skal skrives (standard: siden til eid-onboard selv).",
    ),
    (
        "help/command",
        "Kommandoen (og underkommandoen) som skal forklares.",
    ),
];

/// The help headings clap writes.
const TEMPLATE: &str = "{before-help}{about-with-newline}\nBruk: {usage}\n\n{all-args}{after-help}";
const OPTIONS: &str = "Valg";
const ARGUMENTS: &str = "Argumenter";
const SUBCOMMANDS: &str = "Kommandoer";

/// The placeholders clap shows for values and commands, in bokmål.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("NAME", "NAVN"),
    ("DIR", "MAPPE"),
    ("FILE", "FIL"),
    ("FORM", "SKJEMA"),
    ("LANG", "SPRÅK"),
    ("PATH", "STI"),
    ("SHELL", "SKALL"),
    ("STATUS", "STATUS"),
    ("COMMAND", "KOMMANDO"),
];

/// `command` (built, so that the global and generated options are in every command) with its
/// help in bokmål.
pub fn localise(mut command: Command) -> Command {
    command.build();
    let command = with_usage(localise_one(command, ""))
        .about("Fyll ut, kontroller og send bestillingen av innlogging med BankID / ID-porten, uten frem og tilbake.")
        .after_help(AFTER_HELP);
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    names.iter().fold(command, |command, name| {
        command.mut_subcommand(name, |sub| {
            let sub = with_usage(localise_one(sub, name));
            // Clap drops the full stop of a doc comment's one line: so here.
            match about(name) {
                Some((about, "")) => sub.about(about.trim_end_matches('.')),
                Some((about, after)) => sub.about(about.trim_end_matches('.')).after_help(after),
                None => sub,
            }
        })
    })
}

/// The headings and every argument's help of one command (`name` empty for the top).
fn localise_one(command: Command, name: &str) -> Command {
    let ids: Vec<(String, bool)> = command
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading(SUBCOMMANDS)
        .subcommand_value_name("KOMMANDO");
    ids.into_iter().fold(command, |command, (id, positional)| {
        let help = arg_help(name, &id);
        command.mut_arg(id, |arg| {
            let arg = arg.help_heading(if positional { ARGUMENTS } else { OPTIONS });
            let names: Vec<clap::builder::Str> =
                arg.get_value_names().map_or_else(Vec::new, |names| {
                    names
                        .iter()
                        .map(|n| value_name(n.as_str()).map_or_else(|| n.clone(), Into::into))
                        .collect()
                });
            let arg = if names.is_empty() {
                arg
            } else {
                arg.value_names(names)
            };
            let (arg, notes) = bracket_notes(arg);
            match help {
                Some(help) => arg.help(format!("{}{notes}", help.trim_end_matches('.'))),
                None => arg,
            }
        })
    })
}

/// A placeholder in bokmål; `None` for one we have no word for.
fn value_name(name: &str) -> Option<&'static str> {
    VALUE_NAMES
        .iter()
        .find(|(en, _)| *en == name)
        .map(|(_, nb)| *nb)
}

/// What clap adds in brackets after an option's help (its values, its variable), in bokmål:
/// clap's own brackets are in English, so they are hidden and written here instead.
fn bracket_notes(arg: clap::Arg) -> (clap::Arg, String) {
    let mut notes = String::new();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let arg = if values.is_empty() || arg.is_hide_possible_values_set() {
        arg
    } else {
        notes.push_str(&format!(" [mulige verdier: {}]", values.join(", ")));
        arg.hide_possible_values(true)
    };
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    // A flag's `false` is no default worth showing (clap leaves it out too).
    let takes_values = arg.get_action().takes_values();
    let arg = if defaults.is_empty() || !takes_values || arg.is_hide_default_value_set() {
        arg
    } else {
        notes.push_str(&format!(" [standard: {}]", defaults.join(", ")));
        arg.hide_default_value(true)
    };
    let arg = match arg.get_env().map(|v| v.to_string_lossy().into_owned()) {
        Some(var) if !arg.is_hide_env_set() => {
            notes.push_str(&format!(" [miljøvariabel: {var}]"));
            arg.hide_env(true)
        }
        Some(_) | None => arg,
    };
    (arg, notes)
}

/// The command with its usage line in bokmål: clap writes `[OPTIONS]` in English.
fn with_usage(mut command: Command) -> Command {
    // Plain: clap's styled usage starts with its own heading, wrapped in escapes.
    let usage = command.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    let usage = usage.replace("[OPTIONS]", "[VALG]");
    command.override_usage(usage)
}

/// The one line and the example of a command.
pub fn about(name: &str) -> Option<(&'static str, &'static str)> {
    COMMANDS
        .iter()
        .find(|(command, _, _)| *command == name)
        .map(|(_, about, after)| (*about, *after))
}

/// The help of argument `id` of command `name`: its own, else the one shared by that id.
pub fn arg_help(name: &str, id: &str) -> Option<&'static str> {
    let own = format!("{name}/{id}");
    let find = |key: &str| ARGS.iter().find(|(k, _)| *k == key).map(|(_, h)| *h);
    find(&own).or_else(|| find(id))
}

#[cfg(test)]
mod tests {
    use super::{AFTER_HELP, about, arg_help};
    use crate::cli::Cli;

    #[test]
    fn every_command_and_option_has_its_norwegian_help() {
        let mut command = Cli::command();
        command.build();
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            assert!(arg_help("", id).is_some(), "--{id} has no Norwegian help");
        }
        for sub in command.get_subcommands() {
            let name = sub.get_name();
            assert!(about(name).is_some(), "{name} has no Norwegian about");
            let english_example = sub.get_after_help().is_some();
            let norwegian_example = about(name).is_some_and(|(_, after)| !after.is_empty());
            assert_eq!(english_example, norwegian_example, "{name}: the example");
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                assert!(
                    arg_help(name, id).is_some(),
                    "{name} {id} has no Norwegian help"
                );
            }
        }
    }

    #[test]
    fn both_languages_list_the_same_environment() {
        let vars = |text: &str| -> Vec<String> {
            text.split_whitespace()
                .filter(|w| w.starts_with("EID_ONBOARD_") || w.starts_with("LC_"))
                .map(|w| w.trim_end_matches(',').to_string())
                .collect()
        };
        assert_eq!(vars(AFTER_HELP), vars(crate::cli::AFTER_HELP));
    }

    /// What clap writes in English inside the help, and what it is in bokmål instead.
    const CLAPS_ENGLISH: &[&str] = &[
        "[possible values:",
        "[env:",
        "[default:",
        "[aliases:",
        "[OPTIONS]",
        "[COMMAND]",
        "<COMMAND>",
        "<NAME>",
        "<DIR>",
        "<FILE>",
        "Usage:",
    ];

    #[test]
    fn no_command_s_help_keeps_claps_english_brackets() {
        let mut command = super::localise(Cli::command());
        let mut helps = vec![command.render_help().to_string()];
        let names: Vec<String> = command
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        for name in names {
            let sub = command.find_subcommand_mut(&name).unwrap();
            helps.push(sub.render_help().to_string());
        }
        for help in &helps {
            for english in CLAPS_ENGLISH {
                assert!(!help.contains(english), "{english} in {help}");
            }
        }
        let all = helps.join("\n");
        for norwegian in [
            "[mulige verdier: nb, en]",
            "[miljøvariabel: EID_ONBOARD_DATA_DIR]",
            "[VALG]",
            "<NAVN>",
            "<MAPPE>",
        ] {
            assert!(all.contains(norwegian), "{norwegian} is missing");
        }
    }

    #[test]
    fn the_norwegian_help_has_norwegian_headings() {
        let mut command = super::localise(Cli::command());
        let help = command.render_help().to_string();
        assert!(help.contains("Bruk: eid-onboard"), "{help}");
        assert!(help.contains("Kommandoer:"), "{help}");
        assert!(help.contains("Valg:"), "{help}");
        assert!(
            !help.contains("Usage:") && !help.contains("Print help"),
            "{help}"
        );
    }
}
