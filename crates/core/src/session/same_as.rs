//! "Same as": filling a contact from another role's contact (the signatory is often the general
//! contact too).

use super::Session;
use crate::answers::Answer;
use crate::form::FieldKind;
use crate::text::Lang;

/// A contact that can be copied: another visible contact field of the questionnaire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SameAsSource {
    /// The contact field's id, e.g. `contacts.general`.
    pub field: String,
    /// Its label in the questionnaire.
    pub label: String,
    /// The name given there so far, if any.
    pub name: Option<String>,
}

impl SameAsSource {
    /// `General contact (Kari Nordmann)`, or the label alone.
    pub fn shown(&self) -> String {
        match &self.name {
            Some(name) => format!("{} ({name})", self.label),
            None => self.label.clone(),
        }
    }
}

impl Session {
    /// The contacts that `target` (a contact field id) can be filled from: the other visible
    /// contacts with something to copy. Empty when `target` is not a contact field.
    pub fn same_as_sources(&self, target: &str, lang: Lang) -> Vec<SameAsSource> {
        if !self.is_contact(target) {
            return Vec::new();
        }
        self.spec
            .fields
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::Contact { .. }) && f.id != target)
            .filter(|f| self.answers.is_visible(&self.spec, f) && self.has_any_part(&f.id))
            .map(|f| SameAsSource {
                field: f.id.clone(),
                label: f.label.get(lang).to_string(),
                name: self
                    .answers
                    .text(&format!("{}.name", f.id))
                    .filter(|n| !n.trim().is_empty())
                    .map(str::to_string),
            })
            .collect()
    }

    /// Copies every part `source` has an answer for into `target`; returns how many parts were
    /// copied (none when either is not a contact field).
    pub fn copy_contact(&mut self, target: &str, source: &str) -> usize {
        if !self.is_contact(target) || !self.is_contact(source) || target == source {
            return 0;
        }
        let parts = self
            .spec
            .field(target)
            .and_then(|f| f.kind.group_parts())
            .unwrap_or_default();
        let mut copied = 0;
        for (part, _) in parts {
            let value = self
                .answers
                .text(&format!("{source}.{part}"))
                .map(str::to_string);
            if let Some(value) = value {
                self.answers
                    .set(format!("{target}.{part}"), Answer::Text(value));
                copied += 1;
            }
        }
        self.dirty |= copied > 0;
        copied
    }

    fn has_any_part(&self, field: &str) -> bool {
        let parts = self
            .spec
            .field(field)
            .and_then(|f| f.kind.group_parts())
            .unwrap_or_default();
        parts.iter().any(|(part, _)| {
            self.answers
                .text(&format!("{field}.{part}"))
                .is_some_and(|v| !v.trim().is_empty())
        })
    }

    fn is_contact(&self, field: &str) -> bool {
        self.spec
            .field(field)
            .is_some_and(|f| matches!(f.kind, FieldKind::Contact { .. }))
    }
}
