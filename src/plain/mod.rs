//! The plain prompt mode: a line-by-line wizard over the same questionnaire as the full-screen one.
//!
//! It is for screen readers, plain terminals and scripts: no alternate screen, no cursor movement, no
//! colours, one question per prompt, input read line by line from any `BufRead` and output written
//! to any `Write`. Every change is saved at once, and the end of input saves and quits, so nothing
//! typed is lost. The domain work (validation, normalising, the checklist, saving) is the core's.

mod home;
mod input;
mod strings;
mod term;
mod wizard;

pub use home::{home, home_with, home_with_registry};
pub use wizard::PlainWizard;

use crate::draft::DraftError;
use crate::form::FormError;
use crate::order::OrderError;

/// How a session ended. Both mean the draft is saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The last question was passed and the report printed.
    Finished,
    /// `:q`, `q` at home, or the end of input.
    Quit,
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
