//! What validation reports: a finding about one value, and a problem tying it to a field.

use serde::Serialize;

use crate::inert::{self, FIELD_MAX, visible};
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
    /// The finding about `field`, inert: messages quote answers and unknown keys are named, and
    /// every front end shows both, so neither can hold a control character or run for pages.
    pub fn new(field: impl Into<String>, finding: Finding) -> Problem {
        Problem {
            field: visible(&field.into(), FIELD_MAX),
            severity: finding.severity,
            message: inert::message(&finding.message),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
