//! The plain prompt mode: a line-by-line wizard over the same questionnaire as the full-screen one.
//!
//! It is for screen readers, plain terminals and scripts: no alternate screen, no cursor movement, no
//! colours, one question per prompt, input read line by line from any `BufRead` and output written
//! to any `Write`. Every change is saved at once, and the end of input saves and quits, so nothing
//! typed is lost. The domain work (validation, normalising, the checklist, saving) is the core's.

mod home;
mod input;
mod signals;
mod strings;
mod term;
mod wizard;

pub use home::{home, home_on_terminal, home_with, home_with_registry};
pub use wizard::PlainWizard;

use crate::draft::DraftError;
use crate::form::FormError;
use crate::order::OrderError;

/// How a session ended. Each means the draft is saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The last question was passed and the report printed.
    Finished,
    /// `:q`, `q` at home, or the end of input.
    Quit,
    /// An ending signal (Ctrl-C, `kill`, a closed terminal window), the line half typed kept.
    Signal(i32),
}

impl Outcome {
    /// The exit status: success, or as a shell reports a program a signal ended (128 + the
    /// signal: 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
    pub fn exit_status(self) -> u8 {
        match self {
            Outcome::Finished | Outcome::Quit => 0,
            Outcome::Signal(signal) => u8::try_from(128 + signal).unwrap_or(u8::MAX),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PlainError {
    #[error("cannot read the input or write the output: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Draft(#[from] DraftError),
    #[error(transparent)]
    Order(#[from] OrderError),
    #[error("a shipped questionnaire is broken: {0}")]
    Form(#[from] FormError),
}
