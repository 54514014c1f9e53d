//! Command-line arguments (the contract in the README). Parsing only; `main.rs` dispatches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "eid-onboard",
    version,
    about = "Fill in, check and send the order for BankID / ID-porten login, without the back-and-forth.",
    long_about = None,
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Where drafts are kept (default: the platform data folder, e.g. ~/.local/share/eid-onboard).
    #[arg(long, global = true, env = "EID_ONBOARD_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Language of messages (default: from the locale).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
    /// Line-by-line prompts instead of the full-screen wizard.
    #[arg(long, global = true)]
    pub plain: bool,
    /// Never contact the network (registry lookups are skipped).
    #[arg(long, global = true)]
    pub offline: bool,
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
    New {
        /// The questionnaire id (see `forms`).
        form: String,
        /// The draft name (default: the questionnaire id and the first free number).
        name: Option<String>,
    },
    /// Continue a draft in the wizard, where it was left.
    Edit {
        /// The draft name.
        name: String,
    },
    /// The questionnaires: id, title, recipient.
    Forms {
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Drafts: name, questionnaire, progress, status, last change.
    List {
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Every problem (field id: message) and the prerequisite checklist; exit 1 when something blocks.
    Check {
        /// The draft name.
        name: String,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Create or replace a draft from an answers file (problems are listed; the draft is kept).
    Import {
        /// The answers file (TOML, as `export` prints).
        file: PathBuf,
        /// The draft name (default: the file name without .toml).
        name: Option<String>,
    },
    /// Print a draft's answers file on stdout.
    Export {
        /// The draft name.
        name: String,
    },
    /// Write the signed-ready bundle: request.pdf, request.toml/json, message.eml, attachments,
    /// SHA256SUMS, and a zip of it all. Refuses (exit 1) while check finds problems.
    Bundle {
        /// The draft name.
        name: String,
        /// The folder to write `<NAME>-<form>/` and `<NAME>-<form>.zip` in (default: the current folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Replace an existing bundle of the same name even if it was changed since.
        #[arg(long)]
        force: bool,
    },
    /// Re-hash a bundle folder or zip against its SHA256SUMS; exit 1 naming every changed file.
    Verify {
        /// The bundle folder or its zip.
        path: PathBuf,
    },
    /// Send the order by email: shows the message and asks before sending (--yes for scripts).
    /// Exit 1 when refused (problems, already sent, not confirmed), 2 when sending failed.
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
    },
    /// Mark where an order is after it was sent: sent (by other means), signed, credentials-received.
    Status {
        /// The draft name.
        name: String,
        /// The new status.
        #[arg(value_enum)]
        status: StatusArg,
    },
    /// The settings in effect (mail, registry, folders) and where each comes from; never the password.
    Config,
    /// Save a draft in a loop until killed (used by the crash test).
    #[command(hide = true)]
    SaveLoop {
        name: String,
        file_a: PathBuf,
        file_b: PathBuf,
    },
}
