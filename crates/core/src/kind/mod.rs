//! What each field kind means for a typed value, whatever the questionnaire.

use crate::form::FieldKind;
use crate::validate::{country, orgnr, phone};

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
