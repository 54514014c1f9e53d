//! Validation: every problem names its field id, has a severity and says what to do.
//!
//! One file per rule family holds the leaf rules (pure functions over one value that return
//! [`Finding`]s); `fields.rs` walks a form's visible fields, calls the leaf rules and attaches the
//! field id, and `cross.rs` holds rules that read several answers.

pub mod email;
pub mod file;
pub mod idporten;
pub mod oidc;
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

mod country;
mod cross;
mod fields;

pub use country::is_known as is_known_country;
pub use fields::{Context, validate};

use crate::answers::Answers;
use crate::form::{FieldKind, FormSpec, RuleSet};

/// The problems the rule sets a questionnaire opts into (`rules = [...]`) find.
fn rule_sets(spec: &FormSpec, answers: &Answers) -> Vec<Problem> {
    spec.rules
        .iter()
        .flat_map(|rules| match rules {
            RuleSet::BankidOidc => oidc::check(spec, answers),
            RuleSet::Idporten => idporten::check(spec, answers),
        })
        .collect()
}

/// The stored form of a typed value: org numbers without spaces, phones as E.164 when valid,
/// addresses and codes trimmed; other text as typed (validation reports what is wrong with it).
pub fn normalize(kind: &FieldKind, input: &str) -> String {
    match kind {
        FieldKind::Orgnr { .. } => {
            let compact = orgnr::normalize(input);
            // Only a Norwegian-looking number loses its spaces; a foreign id keeps its own shape.
            if compact.chars().all(|c| c.is_ascii_digit()) {
                compact
            } else {
                input.trim().to_string()
            }
        }
        FieldKind::Phone { .. } => {
            phone::normalize(input).unwrap_or_else(|| input.trim().to_string())
        }
        FieldKind::Country => country::normalize(input),
        FieldKind::Email
        | FieldKind::Url(_)
        | FieldKind::PostalCode { .. }
        | FieldKind::File(_) => input.trim().to_string(),
        _ => input.to_string(),
    }
}
