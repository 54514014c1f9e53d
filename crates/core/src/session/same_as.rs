//! "Same as": filling a contact from another role's contact (the signatory is often the general
//! contact too).
//!
//! A contact lives in one of two places, both named by an id: a contact field (`contacts.general`,
//! its parts under `contacts.general.<part>`) or entry N (from 1) of a repeat whose item is a
//! contact (`contacts.signatory[2]`, a record of the repeat's answer). Either can be copied into
//! either.

use super::Session;
use crate::answers::{Answer, Record};
use crate::form::{FieldKind, FieldSpec};
use crate::text::Lang;

/// A contact that can be copied: another visible contact field, or an entry of a repeated one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SameAsSource {
    /// Where the contact is: a field id (`contacts.general`) or an entry (`contacts.signatory[2]`).
    pub field: String,
    /// Its label in the questionnaire (`Signatory 2` for an entry).
    pub label: String,
    /// The name given there.
    pub name: String,
    /// A person of another party (a BankID partner): never the first choice for one of the
    /// company's own contacts.
    pub other_party: bool,
}

/// A visible contact of the questionnaire: a contact field, or an entry of a repeated one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ContactPlace {
    /// `contacts.general`, or `contacts.signatory[2]` for an entry.
    pub id: String,
    /// The field's id.
    pub field: String,
    /// The entry's index (from 0) in a repeat.
    pub entry: Option<usize>,
    pub other_party: bool,
}

impl SameAsSource {
    /// `General contact (Kari Nordmann)`.
    pub fn shown(&self) -> String {
        format!("{} ({})", self.label, self.name)
    }
}

/// Where a contact's parts are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place<'a> {
    /// A contact field, by id.
    Field(&'a str),
    /// Entry `index` (from 0) of the repeat `field`.
    Entry { field: &'a str, index: usize },
}

/// The id of entry `index` (from 0) of a repeat: `contacts.signatory[1]` for the first.
pub fn entry_id(field: &str, index: usize) -> String {
    format!("{field}[{}]", index + 1)
}

/// `contacts.signatory[2]` -> the entry (index 1); anything else is a field id.
fn place(id: &str) -> Place<'_> {
    let entry = id
        .strip_suffix(']')
        .and_then(|rest| rest.rsplit_once('['))
        .and_then(|(field, n)| Some((field, n.parse::<usize>().ok()?.checked_sub(1)?)));
    match entry {
        Some((field, index)) => Place::Entry { field, index },
        None => Place::Field(id),
    }
}

/// A repeat whose item is a contact.
pub(super) fn is_contact_repeat(field: &FieldSpec) -> bool {
    matches!(&field.kind, FieldKind::Repeat { item, .. } if matches!(**item, FieldKind::Contact { .. }))
}

impl Session {
    /// The contacts that `target` (a contact field, or an entry of a repeated contact, which may be
    /// the one about to be added) can be filled from: the other visible contacts and entries that
    /// have a name, the company's own people first and then another party's (a partner's). Empty
    /// when `target` is not a contact.
    pub fn same_as_sources(&self, target: &str, lang: Lang) -> Vec<SameAsSource> {
        if self.contact_parts(place(target)).is_none() {
            return Vec::new();
        }
        let mut sources: Vec<SameAsSource> = self
            .contact_places()
            .into_iter()
            .filter(|p| p.id != target)
            .filter_map(|p| {
                let name = self.read_contact(place(&p.id))?.remove("name")?;
                let label = self.place_label(&p, lang)?;
                Some(SameAsSource {
                    field: p.id,
                    label,
                    name,
                    other_party: p.other_party,
                })
            })
            .collect();
        // Stable: the questionnaire's order within each party.
        sources.sort_by_key(|s| s.other_party);
        sources
    }

    /// The contacts with no name yet, other than `except`, that a copy could fill too: the
    /// company's own when `except` is one of theirs. Each as (id, label).
    pub fn unnamed_contacts(&self, except: &str, lang: Lang) -> Vec<(String, String)> {
        let other = self.is_other_party_contact(except);
        self.contact_places()
            .into_iter()
            .filter(|p| p.id != except && p.other_party == other)
            .filter(|p| {
                self.read_contact(place(&p.id))
                    .is_none_or(|r| !r.contains_key("name"))
            })
            .filter_map(|p| {
                let label = self.place_label(&p, lang)?;
                Some((p.id, label))
            })
            .collect()
    }

    /// Whether the contact at `id` (a field or an entry) is a person of another party.
    pub fn is_other_party_contact(&self, id: &str) -> bool {
        self.contact_places()
            .iter()
            .any(|p| p.id == id && p.other_party)
    }

    /// A contact's label in the questionnaire; an entry's with its number (`Signatory 2`).
    fn place_label(&self, p: &ContactPlace, lang: Lang) -> Option<String> {
        let label = self.spec.field(&p.field)?.label.get(lang);
        Some(match p.entry {
            Some(i) => format!("{label} {}", i + 1),
            None => label.to_string(),
        })
    }

    /// Copies every part `source` has an answer for into `target` (each a contact field or an
    /// existing entry of a repeated contact); returns how many parts were copied (none when either
    /// is not a contact, or they are the same).
    pub fn copy_contact(&mut self, target: &str, source: &str) -> usize {
        if target == source {
            return 0;
        }
        let (Some(parts), Some(record)) = (
            self.contact_parts(place(target)),
            self.read_contact(place(source)),
        ) else {
            return 0;
        };
        let copied: Record = record
            .into_iter()
            .filter(|(part, _)| parts.contains(&part.as_str()))
            .collect();
        let n = copied.len();
        if n > 0 && self.write_contact(place(target), copied) {
            self.dirty = true;
            return n;
        }
        0
    }

    /// The parts of `source` with an answer, as a new entry of a repeated contact would hold them;
    /// `None` when `source` is not a contact or has nothing to copy.
    pub fn contact_record(&self, source: &str) -> Option<Record> {
        self.read_contact(place(source))
    }

    /// The parts a contact place holds; `None` when it is not a contact.
    fn contact_parts(&self, at: Place) -> Option<Vec<&'static str>> {
        let field = match at {
            Place::Field(id) => self.spec.field(id)?,
            Place::Entry { field, .. } => self.spec.field(field)?,
        };
        let contact = match (at, &field.kind) {
            (Place::Entry { .. }, FieldKind::Repeat { item, .. }) => item.as_ref(),
            (Place::Field(_), kind) | (Place::Entry { .. }, kind) => kind,
        };
        // A contact field, or an entry of a repeat of contacts; a repeat itself is neither.
        let holds_contact = matches!(contact, FieldKind::Contact { .. })
            && matches!(at, Place::Entry { .. }) == matches!(field.kind, FieldKind::Repeat { .. });
        if !holds_contact {
            return None;
        }
        let parts = contact.group_parts()?;
        Some(parts.into_iter().map(|(p, _)| p).collect())
    }

    /// The non-blank parts stored at a contact place; `None` when there are none.
    fn read_contact(&self, at: Place) -> Option<Record> {
        let parts = self.contact_parts(at)?;
        let record: Record = match at {
            Place::Field(id) => parts
                .iter()
                .filter_map(|part| {
                    let value = self.answers.text(&format!("{id}.{part}"))?;
                    Some((part.to_string(), value.to_string()))
                })
                .collect(),
            Place::Entry { field, index } => match self.answers.get(field) {
                Some(Answer::Records(records)) => records
                    .get(index)?
                    .iter()
                    .filter(|(part, value)| {
                        parts.contains(&part.as_str()) && !value.trim().is_empty()
                    })
                    .map(|(part, value)| (part.clone(), value.clone()))
                    .collect(),
                _ => return None,
            },
        };
        (!record.is_empty()).then_some(record)
    }

    /// Stores parts at a contact place; false when the entry does not exist.
    fn write_contact(&mut self, at: Place, parts: Record) -> bool {
        match at {
            Place::Field(id) => {
                for (part, value) in parts {
                    self.answers
                        .set(format!("{id}.{part}"), Answer::Text(value));
                }
                true
            }
            Place::Entry { field, index } => {
                let Some(Answer::Records(mut records)) = self.answers.get(field).cloned() else {
                    return false;
                };
                let Some(record) = records.get_mut(index) else {
                    return false;
                };
                record.extend(parts);
                self.answers.set(field, Answer::Records(records));
                true
            }
        }
    }
}

/// The contact a row belongs to, to fill with "same as": its contact field, or its entry of a
/// repeated contact. `None` for any other row (an add row included).
pub fn same_as_target(spec: &crate::form::FormSpec, row: &super::Row) -> Option<String> {
    let field = row.field(spec);
    match &row.slot {
        super::Slot::Leaf(_) if matches!(field.kind, FieldKind::Contact { .. }) => {
            Some(field.id.clone())
        }
        super::Slot::Entry {
            field: id, index, ..
        } if is_contact_repeat(field) => Some(entry_id(id, *index)),
        super::Slot::Leaf(_) | super::Slot::Entry { .. } | super::Slot::Repeat(_) => None,
    }
}
