//! Validation: every problem names its field id, has a severity and says what to do.
//!
//! One file per rule family holds the leaf rules (pure functions over one value that return
//! [`Finding`]s); `fields.rs` walks a form's visible fields, calls the leaf rules and attaches the
//! field id, and `cross.rs` holds rules that read several answers.

pub mod email;
pub mod file;
pub mod orgnr;
pub mod phone;
pub mod postal;
pub mod text;
pub mod url;

use serde::Serialize;

use crate::text::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks bundle and send.
    Error,
    /// Shown, does not block.
    Warning,
}

/// What a leaf rule found about one value, before it is tied to a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub message: Text,
}

impl Finding {
    pub fn error(message: Text) -> Finding {
        Finding {
            severity: Severity::Error,
            message,
        }
    }

    pub fn warning(message: Text) -> Finding {
        Finding {
            severity: Severity::Warning,
            message,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A finding tied to the field (dotted id, with `[n]` for the n-th entry of a repeat, from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub severity: Severity,
    pub message: Text,
}

impl Problem {
    pub fn new(field: impl Into<String>, finding: Finding) -> Problem {
        Problem {
            field: field.into(),
            severity: finding.severity,
            message: finding.message,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
