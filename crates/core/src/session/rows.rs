//! The visible questions, derived from the questionnaire and the answers, at two grains:
//!
//! - a [`Question`] is what the line-by-line wizard asks at one prompt: a field, or one part of a
//!   group field (an address, a contact); a repeat is one question;
//! - a [`Row`] is what the full-screen wizard edits in one place: a question, except that a repeat
//!   becomes one row per entry part plus an "add" row.
//!
//! Rows are built from the questions, so both wizards walk the same questions in the same order.
//! Derived on demand (a step has a few dozen rows at most), so conditional fields appear and
//! disappear as answers change without any bookkeeping.

use crate::answers::{Answer, Answers, Record};
use crate::form::{FieldKind, FieldSpec, FormSpec, part_label};
use crate::kind::Input;
use crate::text::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// Edited as text (also numbers, files, codes); `multiline` lets Enter insert a newline.
    Text {
        multiline: bool,
    },
    Select,
    MultiSelect,
    YesNo,
    /// The "+ add an entry" row of a repeat.
    AddEntry,
}

/// Where a row's value lives in the answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// A field or a group part, by its answer key.
    Leaf(String),
    /// Entry `index` (from 0) of a repeat; `part` for a group item.
    Entry {
        field: String,
        index: usize,
        part: Option<&'static str>,
    },
    /// The repeat itself (its add row).
    Repeat(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The id problems use: `company.orgnr`, `contacts.general.email`, `contacts.operations[2].email`.
    pub id: String,
    /// Index of the field in `spec.fields`.
    pub field: usize,
    pub slot: Slot,
    pub kind: RowKind,
    /// The kind that validates and normalises this row's value.
    pub value_kind: FieldKind,
    pub label: String,
    pub required: bool,
}

impl Row {
    pub fn field<'a>(&self, spec: &'a FormSpec) -> &'a FieldSpec {
        &spec.fields[self.field]
    }
}

fn row_kind(kind: &FieldKind) -> RowKind {
    match crate::kind::input(kind) {
        Input::Lines => RowKind::Text { multiline: true },
        Input::Pick(_) => RowKind::Select,
        Input::PickMany(_) => RowKind::MultiSelect,
        Input::YesNo => RowKind::YesNo,
        Input::Line | Input::Path | Input::Number => RowKind::Text { multiline: false },
        // A group or repeat never reaches a row of its own (its parts and entries do); were one
        // to, it would be shown as text.
        Input::Parts | Input::Entries => RowKind::Text { multiline: false },
    }
}

/// One prompt of the line-by-line wizard: a field, or one part of a group field. Ordered as the
/// questionnaire is walked: by step, then by the field's place in the form, then by part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Question {
    /// Index into `spec.steps`.
    pub step: usize,
    /// Index into `spec.fields`.
    pub field: usize,
    /// Index into the field's group parts.
    pub part: Option<usize>,
}

impl Question {
    pub fn field<'a>(&self, spec: &'a FormSpec) -> &'a FieldSpec {
        &spec.fields[self.field]
    }

    /// The answer id: the field's, or `<field>.<part>` for a group part.
    pub fn id(&self, spec: &FormSpec) -> String {
        let field = self.field(spec);
        match self.part_of(field) {
            Some((part, _)) => format!("{}.{part}", field.id),
            None => field.id.clone(),
        }
    }

    /// The kind of the answer: a group part's own kind, else the field's.
    pub fn kind(&self, spec: &FormSpec) -> FieldKind {
        let field = self.field(spec);
        match self.part_of(field) {
            Some((_, kind)) => kind,
            None => field.kind.clone(),
        }
    }

    /// The label, `<field> — <part>` for a group part.
    pub fn label(&self, spec: &FormSpec, lang: Lang) -> String {
        let field = self.field(spec);
        let label = field.label.get(lang);
        match self.part_of(field) {
            Some((part, _)) => format!("{label} — {}", part_label(part).get(lang)),
            None => label.to_string(),
        }
    }

    fn part_of(&self, field: &FieldSpec) -> Option<(&'static str, FieldKind)> {
        let parts = field.kind.group_parts()?;
        parts.into_iter().nth(self.part?)
    }
}

/// Every visible question of the questionnaire, in order.
pub fn questions(spec: &FormSpec, answers: &Answers) -> Vec<Question> {
    (0..spec.steps.len())
        .flat_map(|step| step_questions(spec, answers, step))
        .collect()
}

/// The visible questions of form step `step` (an index into `spec.steps`), in order.
pub fn step_questions(spec: &FormSpec, answers: &Answers, step: usize) -> Vec<Question> {
    let Some(step_spec) = spec.steps.get(step) else {
        return Vec::new();
    };
    let mut questions = Vec::new();
    for (field, field_spec) in spec.fields.iter().enumerate() {
        if field_spec.step != step_spec.id || !answers.is_visible(spec, field_spec) {
            continue;
        }
        match field_spec.kind.group_parts() {
            Some(parts) => questions.extend((0..parts.len()).map(|part| Question {
                step,
                field,
                part: Some(part),
            })),
            None => questions.push(Question {
                step,
                field,
                part: None,
            }),
        }
    }
    questions
}

/// The rows of the form step `step_id`, for the visible fields.
pub fn step_rows(spec: &FormSpec, answers: &Answers, step_id: &str, lang: Lang) -> Vec<Row> {
    let Some(step) = spec.steps.iter().position(|s| s.id == step_id) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for question in step_questions(spec, answers, step) {
        question_rows(spec, question, answers, lang, &mut rows);
    }
    rows
}

/// The rows of one question: itself, or a repeat's entries and its add row.
fn question_rows(
    spec: &FormSpec,
    question: Question,
    answers: &Answers,
    lang: Lang,
    rows: &mut Vec<Row>,
) {
    let field = question.field(spec);
    let index = question.field;
    if question.part.is_some() {
        let kind = question.kind(spec);
        let id = question.id(spec);
        rows.push(Row {
            slot: Slot::Leaf(id.clone()),
            id,
            field: index,
            kind: row_kind(&kind),
            value_kind: kind,
            label: question.label(spec, lang),
            required: field.required,
        });
        return;
    }
    let label = field.label.get(lang).to_string();
    if let FieldKind::Repeat { item, .. } = &field.kind {
        for entry in 0..entry_count(answers, &field.id) {
            entry_rows(field, index, item, entry, &label, lang, rows);
        }
        rows.push(Row {
            id: field.id.clone(),
            field: index,
            slot: Slot::Repeat(field.id.clone()),
            kind: RowKind::AddEntry,
            value_kind: field.kind.clone(),
            label,
            required: field.required,
        });
        return;
    }
    rows.push(Row {
        id: field.id.clone(),
        field: index,
        slot: Slot::Leaf(field.id.clone()),
        kind: row_kind(&field.kind),
        value_kind: field.kind.clone(),
        label,
        required: field.required,
    });
}

/// The rows of entry `entry` (from 0) of a repeat: one per part of a group item, else one.
fn entry_rows(
    field: &FieldSpec,
    index: usize,
    item: &FieldKind,
    entry: usize,
    label: &str,
    lang: Lang,
    rows: &mut Vec<Row>,
) {
    let n = entry + 1;
    let slot = |part| Slot::Entry {
        field: field.id.clone(),
        index: entry,
        part,
    };
    match item.group_parts() {
        Some(parts) => rows.extend(parts.into_iter().map(|(part, kind)| Row {
            id: format!("{}[{n}].{part}", field.id),
            field: index,
            slot: slot(Some(part)),
            kind: row_kind(&kind),
            value_kind: kind,
            label: format!("{label} {n} — {}", part_label(part).get(lang)),
            required: true,
        })),
        None => rows.push(Row {
            id: format!("{}[{n}]", field.id),
            field: index,
            slot: slot(None),
            kind: row_kind(item),
            value_kind: item.clone(),
            label: format!("{label} {n}"),
            required: true,
        }),
    }
}

/// What a person reads for an answer id: the label of the row it names (`company.address.street`
/// is "Business address — Street address", `contacts.signatory[2].name` "Signatory 2 — Name"),
/// the field's label when no row shows it now, else the id itself.
pub fn label_of(spec: &FormSpec, answers: &Answers, id: &str, lang: Lang) -> String {
    let shown = spec
        .steps
        .iter()
        .flat_map(|step| step_rows(spec, answers, &step.id, lang))
        .find(|row| row.id == id);
    match shown {
        Some(row) => row.label,
        None => spec
            .field(id)
            .map_or_else(|| id.to_string(), |f| f.label.get(lang).to_string()),
    }
}

/// How many entries a repeat has.
pub fn entry_count(answers: &Answers, field: &str) -> usize {
    match answers.get(field) {
        Some(Answer::List(items)) => items.len(),
        Some(Answer::Records(records)) => records.len(),
        _ => 0,
    }
}

/// A row's value as text (yes/no as `true`/`false`, a multi-select joined by ", ").
pub fn row_text(answers: &Answers, slot: &Slot) -> String {
    match slot {
        Slot::Leaf(id) => match answers.get(id) {
            Some(Answer::Text(s)) => s.clone(),
            Some(Answer::Bool(b)) => b.to_string(),
            Some(Answer::Number(n)) => n.to_string(),
            Some(Answer::List(items)) => items.join(", "),
            Some(Answer::Invalid(v)) | Some(Answer::Unknown(v)) => match v {
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            },
            Some(Answer::Records(_)) | None => String::new(),
        },
        Slot::Entry { field, index, part } => match (answers.get(field), part) {
            (Some(Answer::List(items)), None) => items.get(*index).cloned().unwrap_or_default(),
            (Some(Answer::Records(records)), Some(part)) => records
                .get(*index)
                .and_then(|r| r.get(*part))
                .cloned()
                .unwrap_or_default(),
            _ => String::new(),
        },
        Slot::Repeat(_) => String::new(),
    }
}

/// The text a row shows or starts editing from: its answer, else the field's default
/// (a country that defaults to NO shows NO). Control characters are removed: a draft can hold
/// anything, but the editor and the screen only ever get inert text.
pub fn shown_text(spec: &FormSpec, answers: &Answers, row: &Row) -> String {
    let text = row_text(answers, &row.slot);
    let text = if text.is_empty() && matches!(row.slot, Slot::Leaf(_)) {
        match &row.field(spec).default {
            Some(toml::Value::String(s)) => s.clone(),
            _ => text,
        }
    } else {
        text
    };
    let multiline = matches!(row.kind, RowKind::Text { multiline: true });
    crate::validate::text::sanitize(&text, multiline)
}

/// A row's answer as a reader sees it: a choice by its label (`Norwegian BankID`, not `no-bankid`).
pub fn display_text(spec: &FormSpec, answers: &Answers, row: &Row, lang: Lang) -> String {
    let text = shown_text(spec, answers, row);
    let Some(choice) = crate::kind::select_choice(&row.value_kind) else {
        return text;
    };
    let label = |value: &str| {
        choice
            .options
            .iter()
            .find(|o| o.value == value)
            .map(|o| o.label.get(lang).to_string())
            .unwrap_or_else(|| value.to_string())
    };
    match answers.get(&row.id) {
        Some(Answer::List(items)) => items
            .iter()
            .map(|v| label(v))
            .collect::<Vec<_>>()
            .join(", "),
        _ if text.is_empty() => text,
        _ => label(&text),
    }
}

/// Stores typed text in a row's place. Numbers that do not parse are kept as typed (validation says so).
pub fn set_row_text(answers: &mut Answers, row: &Row, text: String) {
    match &row.slot {
        Slot::Leaf(id) => {
            let number = matches!(crate::kind::input(&row.value_kind), Input::Number);
            let answer = if number && !text.trim().is_empty() {
                text.trim()
                    .parse()
                    .map(Answer::Number)
                    .unwrap_or(Answer::Invalid(toml::Value::String(text)))
            } else {
                Answer::Text(text)
            };
            answers.set(id.clone(), answer);
        }
        Slot::Entry { field, index, part } => {
            let mut answer = answers.get(field).cloned();
            match (&mut answer, part) {
                (Some(Answer::List(items)), None) => {
                    if let Some(item) = items.get_mut(*index) {
                        *item = text;
                    }
                }
                (Some(Answer::Records(records)), Some(part)) => {
                    if let Some(record) = records.get_mut(*index) {
                        record.insert(part.to_string(), text);
                    }
                }
                _ => return,
            }
            if let Some(answer) = answer {
                answers.set(field.clone(), answer);
            }
        }
        Slot::Repeat(_) => {}
    }
}

/// Appends an empty entry to a repeat.
pub fn add_entry(answers: &mut Answers, field: &FieldSpec) {
    let FieldKind::Repeat { item, .. } = &field.kind else {
        return;
    };
    let answer = match (answers.get(&field.id).cloned(), item.is_group()) {
        (Some(Answer::Records(mut records)), true) => {
            records.push(Record::new());
            Answer::Records(records)
        }
        (Some(Answer::List(mut items)), false) => {
            items.push(String::new());
            Answer::List(items)
        }
        (_, true) => Answer::Records(vec![Record::new()]),
        (_, false) => Answer::List(vec![String::new()]),
    };
    answers.set(field.id.clone(), answer);
}

/// Removes entry `index`; moves it up (towards 0) when `delta` is -1 or down when +1.
pub fn edit_entries(answers: &mut Answers, field: &str, index: usize, change: EntryChange) {
    fn apply<T>(items: &mut Vec<T>, index: usize, change: EntryChange) {
        match change {
            EntryChange::Remove if index < items.len() => {
                items.remove(index);
            }
            EntryChange::MoveUp if index > 0 && index < items.len() => items.swap(index, index - 1),
            EntryChange::MoveDown if index + 1 < items.len() => items.swap(index, index + 1),
            _ => {}
        }
    }
    let Some(mut answer) = answers.get(field).cloned() else {
        return;
    };
    match &mut answer {
        Answer::List(items) => apply(items, index, change),
        Answer::Records(records) => apply(records, index, change),
        _ => return,
    }
    answers.set(field.to_string(), answer);
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryChange {
    Remove,
    MoveUp,
    MoveDown,
}
