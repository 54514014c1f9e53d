//! Command-line arguments (the contract in the README). Parsing only; `main.rs` dispatches.
//!
//! Each command takes the options that mean something to it: `--data-dir` where drafts are read
//! or written, `--offline` where the registry or the production domain is asked, `--plain` for
//! the wizard. Given before the command they are the wizard's options, and every command accepts
//! them there (a script can always put them first); after the command, only where they apply.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use eid_onboard::text::Lang;

/// Examples and the environment, at the end of `eid-onboard --help`.
pub(crate) const AFTER_HELP: &str = "\
Examples:
  eid-onboard                                 the wizard: continue a draft or start an order
  eid-onboard new idura-no-bankid acme        a new order of a questionnaire (see `forms`)
  eid-onboard import acme.toml acme           a draft from an answers file
  eid-onboard check acme && eid-onboard bundle acme --out ~/orders
  eid-onboard send acme --dry-run             the message as it would be sent
  eid-onboard list --json                     the drafts, for scripts

Environment:
  EID_ONBOARD_DATA_DIR          where drafts are kept (as --data-dir)
  EID_ONBOARD_CACHE_DIR         where registry answers are cached
  EID_ONBOARD_REGISTRY_URL      the registry's address
  EID_ONBOARD_REGISTRY_TIMEOUT  the registry's time limit in seconds
  EID_ONBOARD_DOMAIN_CHECK      `off`: no live check of the production domain
  EID_ONBOARD_DOMAIN_TIMEOUT    the domain check's time limit in seconds
  EID_ONBOARD_DOMAIN_RESOLVE    host:port:address, as curl's --resolve
  EID_ONBOARD_DOMAIN_CA_FILE    a PEM file trusted for the domain check
  EID_ONBOARD_FROM              the sender of the order's email
  EID_ONBOARD_SMTP_URL          smtps://host:465 or smtp://host:587
  EID_ONBOARD_SMTP_USER         the SMTP login
  EID_ONBOARD_SMTP_PASSWORD     the SMTP password (else asked for on the terminal)
  EID_ONBOARD_SMTP_CA_FILE      a PEM file trusted besides the built-in roots
  EID_ONBOARD_SMTP_TIMEOUT      the SMTP time limit in seconds
  EID_ONBOARD_SENDMAIL          send with this sendmail command instead
  EID_ONBOARD_MAIL_FOLDER       write the message into this folder instead
  EID_ONBOARD_LANG              nb or en: the language when --lang is not given
  LANGUAGE, LC_ALL, LC_MESSAGES, LANG
                                the language after EID_ONBOARD_LANG, in this order
  NO_COLOR                      no colours in the wizard
  XDG_CONFIG_HOME               where config.toml is looked for (eid-onboard config shows it)

Exit status: 0 success; 1 not ready, a changed bundle or a refused send; 2 usage or runtime error.";

#[derive(Debug, Parser)]
#[command(
    name = "eid-onboard",
    version,
    about = "Fill in, check and send the order for BankID / ID-porten login, without the back-and-forth.",
    long_about = None,
    after_help = AFTER_HELP,
    // Our own `help` command, so that `help --help` works like any other command's.
    disable_help_subcommand = true,
    // The last of a repeated option wins (an alias may set `--lang` and the user another).
    args_override_self = true,
)]
pub struct Cli {
    /// Language of messages (default: from the locale).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
    #[command(flatten)]
    pub wizard: WizardOptions,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The wizard's options; before a command also the defaults of the command's own.
#[derive(Debug, Args)]
pub struct WizardOptions {
    /// Where drafts are kept (default: the platform data folder, e.g. ~/.local/share/eid-onboard).
    #[arg(long, env = "EID_ONBOARD_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Line-by-line prompts instead of the full-screen wizard.
    #[arg(long)]
    pub plain: bool,
    /// Never contact the network (registry lookups and the domain check are skipped).
    #[arg(long)]
    pub offline: bool,
}

/// `--data-dir` of a command that reads or writes drafts.
#[derive(Debug, Args, Default)]
pub struct DataDir {
    /// Where drafts are kept (default: EID_ONBOARD_DATA_DIR, else the platform data folder).
    #[arg(id = "data_dir", long = "data-dir", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `--offline` of a command that asks the registry or the production domain.
#[derive(Debug, Args, Default)]
pub struct Offline {
    /// Never contact the network (registry lookups and the domain check are skipped).
    #[arg(id = "offline", long = "offline")]
    pub set: bool,
}

/// `--plain` of a wizard command.
#[derive(Debug, Args, Default)]
pub struct Plain {
    /// Line-by-line prompts instead of the full-screen wizard.
    #[arg(id = "plain", long = "plain")]
    pub set: bool,
}

/// `--json` of a command that reports.
#[derive(Debug, Args, Default)]
pub struct Json {
    /// Machine-readable output (a JSON object with "schema": 1).
    #[arg(id = "json", long = "json")]
    pub set: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Nb,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Sent,
    Signed,
    CredentialsReceived,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new order of a questionnaire in the wizard.
    #[command(after_help = "Example:\n  eid-onboard new idura-no-bankid acme")]
    New {
        /// The questionnaire id (see `forms`).
        form: String,
        /// The draft name (default: the questionnaire id and the first free number).
        name: Option<String>,
        #[command(flatten)]
        data_dir: DataDir,
        #[command(flatten)]
        plain: Plain,
        #[command(flatten)]
        offline: Offline,
    },
    /// Continue a draft in the wizard, where it was left.
    #[command(after_help = "Example:\n  eid-onboard edit acme --plain")]
    Edit {
        /// The draft name.
        name: String,
        #[command(flatten)]
        data_dir: DataDir,
        #[command(flatten)]
        plain: Plain,
        #[command(flatten)]
        offline: Offline,
    },
    /// The questionnaires: id, title, recipient.
    Forms {
        #[command(flatten)]
        json: Json,
    },
    /// Drafts: name, questionnaire, progress, status, last change.
    List {
        #[command(flatten)]
        json: Json,
        #[command(flatten)]
        data_dir: DataDir,
    },
    /// Every problem (field id: message) and the prerequisite checklist; exit 1 when something blocks.
    #[command(after_help = "Example:\n  eid-onboard check acme --json")]
    Check {
        /// The draft name.
        name: String,
        #[command(flatten)]
        json: Json,
        #[command(flatten)]
        data_dir: DataDir,
        #[command(flatten)]
        offline: Offline,
    },
    /// Create or replace a draft from an answers file (problems are listed; the draft is kept).
    #[command(after_help = "Example:\n  eid-onboard import acme.toml acme")]
    Import {
        /// The answers file (TOML, as `export` prints).
        file: PathBuf,
        /// The draft name (default: the file name without .toml).
        name: Option<String>,
        #[command(flatten)]
        json: Json,
        #[command(flatten)]
        data_dir: DataDir,
        #[command(flatten)]
        offline: Offline,
    },
    /// Print a draft's answers file on stdout.
    #[command(after_help = "Example:\n  eid-onboard export acme > acme.toml")]
    Export {
        /// The draft name.
        name: String,
        #[command(flatten)]
        data_dir: DataDir,
    },
    /// Write the signed-ready bundle: request.pdf, request.toml/json, message.eml, attachments,
    /// SHA256SUMS, and a zip of it all. Refuses (exit 1) while check finds problems.
    #[command(after_help = "Example:\n  eid-onboard bundle acme --out ~/orders")]
    Bundle {
        /// The draft name.
        name: String,
        /// The folder to write `<NAME>-<form>/` and `<NAME>-<form>.zip` in (default: the current folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Replace an existing bundle of the same name even if it was changed since.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        json: Json,
        #[command(flatten)]
        data_dir: DataDir,
        #[command(flatten)]
        offline: Offline,
    },
    /// Re-hash a bundle folder or zip against its SHA256SUMS; exit 1 naming every changed file.
    #[command(after_help = "Example:\n  eid-onboard verify ~/orders/acme-idura-no-bankid.zip")]
    Verify {
        /// The bundle folder or its zip.
        path: PathBuf,
        #[command(flatten)]
        json: Json,
    },
    /// Send the order by email: shows the message and asks before sending (--yes for scripts).
    /// Exit 1 when refused (problems, already sent, not confirmed), 2 when sending failed.
    #[command(after_help = "Examples:\n  eid-onboard send acme --dry-run\n  \
                            EID_ONBOARD_SMTP_PASSWORD=… eid-onboard send acme --yes")]
    Send {
        /// The draft name.
        name: String,
        /// Print the message that would be sent; send nothing.
        #[arg(long)]
        dry_run: bool,
        /// Send without asking.
        #[arg(long)]
        yes: bool,
        /// Send again an order that was already sent.
        #[arg(long)]
        resend: bool,
        /// With --dry-run: the messages as JSON (a JSON object with "schema": 1).
        #[arg(long, requires = "dry_run")]
        json: bool,
        #[command(flatten)]
        data_dir: DataDir,
        #[command(flatten)]
        offline: Offline,
    },
    /// Mark where an order is after it was sent: sent (by other means), signed, credentials-received.
    #[command(after_help = "Example:\n  eid-onboard status acme signed")]
    Status {
        /// The draft name.
        name: String,
        /// The new status.
        #[arg(value_enum)]
        status: StatusArg,
        #[command(flatten)]
        json: Json,
        #[command(flatten)]
        data_dir: DataDir,
    },
    /// The settings in effect (mail, registry, folders) and where each comes from; never the password.
    Config {
        #[command(flatten)]
        json: Json,
        #[command(flatten)]
        data_dir: DataDir,
        #[command(flatten)]
        offline: Offline,
    },
    /// Print a shell completion script (see the README for where to put it).
    #[command(after_help = "Examples:\n  \
        eid-onboard completions bash > ~/.local/share/bash-completion/completions/eid-onboard\n  \
        eid-onboard completions zsh > ~/.zfunc/_eid-onboard\n  \
        eid-onboard completions fish > ~/.config/fish/completions/eid-onboard.fish")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff): eid-onboard(1), or a command's, eid-onboard-COMMAND(1).
    #[command(after_help = "Examples:\n  \
        eid-onboard man > ~/.local/share/man/man1/eid-onboard.1 && man eid-onboard\n  \
        eid-onboard man bundle > ~/.local/share/man/man1/eid-onboard-bundle.1")]
    Man {
        /// The command whose page to print (default: the page of eid-onboard itself).
        command: Option<String>,
    },
    /// Print the help of eid-onboard or of one of its commands.
    #[command(after_help = "Example:\n  eid-onboard help bundle")]
    Help {
        /// The command (and subcommand) to explain.
        command: Vec<String>,
    },
}

impl Cli {
    /// The clap command, in English.
    pub fn command() -> clap::Command {
        <Self as clap::CommandFactory>::command()
    }

    /// The clap command with its help in `lang`, for --help, `help`, the man page and the
    /// completions' descriptions.
    pub fn command_in(lang: Lang) -> clap::Command {
        match lang {
            Lang::En => Self::command(),
            Lang::Nb => crate::help_nb::localise(Self::command()),
        }
    }

    /// Parses the command line, its help in the language asked for (--lang, else the
    /// environment): the language is known before the rest is parsed. A usage error (or help,
    /// version) comes back with that language, for the caller to word and exit on.
    pub fn parse_localised() -> Result<Cli, (clap::Error, Lang)> {
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let lang = lang_in_args(&args).unwrap_or_else(Lang::from_env);
        let parsed = Self::command_in(lang)
            .try_get_matches_from(&args)
            .and_then(|matches| <Self as clap::FromArgMatches>::from_arg_matches(&matches));
        parsed.map_err(|error| (error, lang))
    }
}

/// The language of `--lang nb` / `--lang=nb` among the arguments (the last one wins, as when
/// parsed); `None` when none is given or its value is not a language.
fn lang_in_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut lang = None;
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value {
            Some("nb") => lang = Some(Lang::Nb),
            Some("en") => lang = Some(Lang::En),
            Some(_) | None => {}
        }
    }
    lang
}
