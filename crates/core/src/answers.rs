//! Typed answers keyed by field id, and the answers file format (TOML, as `export` prints it).
//!
//! A group field (address, contact) stores one answer per part under `<id>.<part>`; a repeat stores a
//! list. A value of the wrong type, or a key the questionnaire does not ask for, is kept as written
//! (`Invalid`, `Unknown`) and reported by validation, so importing never drops what a user typed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::form::{Condition, ConditionTest, FieldKind, FieldSpec, FormSpec};
use crate::kind::{self, Shape};

/// One entry of a repeated group, part key -> text.
pub type Record = BTreeMap<String, String>;

#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Text(String),
    Bool(bool),
    Number(i64),
    List(Vec<String>),
    Records(Vec<Record>),
    /// A value of the wrong type for its field, kept as written.
    Invalid(toml::Value),
    /// A key this questionnaire does not ask for, kept as written.
    Unknown(toml::Value),
}

/// Why an answers file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum AnswersError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not a valid answers file: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: the answers file has no `form = \"…\"` line naming its questionnaire")]
    NoForm { path: String },
}

impl AnswersError {
    /// What went wrong, in `lang` (the `Display` text is the English one). The parser's own
    /// detail (`message`) is the TOML library's, in English.
    pub fn message(&self, lang: crate::text::Lang) -> String {
        use crate::text::Lang;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (AnswersError::Io { path, source }, Lang::Nb) => {
                format!("{path}: {}", crate::text::io_error(source, lang))
            }
            (
                AnswersError::Syntax {
                    path,
                    line,
                    column,
                    message,
                },
                Lang::Nb,
            ) => format!("{path}:{line}:{column}: ikke en gyldig svarfil: {message}"),
            (AnswersError::NoForm { path }, Lang::Nb) => format!(
                "{path}: svarfilen har ingen `form = \"…\"`-linje som sier hvilket skjema den gjelder"
            ),
        }
    }
}

/// An answers file read from disk: the questionnaire it names and its nested answers.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswersFile {
    pub form: String,
    pub table: toml::Table,
}

impl AnswersFile {
    pub fn read(path: &Path) -> Result<AnswersFile, AnswersError> {
        let shown = path.display().to_string();
        let source = crate::bounded_read::read_to_string(path, crate::bounded_read::ANSWERS_CAP)
            .map_err(|source| AnswersError::Io {
                path: shown.clone(),
                source,
            })?;
        AnswersFile::parse(&shown, &source)
    }

    pub fn parse(path: &str, source: &str) -> Result<AnswersFile, AnswersError> {
        let mut table: toml::Table = source.parse().map_err(|e: toml::de::Error| {
            let (line, column) = e
                .span()
                .map(|s| line_col(source, s.start))
                .unwrap_or((1, 1));
            AnswersError::Syntax {
                path: path.to_string(),
                line,
                column,
                // The parser's message quotes the file: shown inert.
                message: crate::inert::visible(e.message().trim(), crate::inert::MESSAGE_MAX),
            }
        })?;
        match table.remove("form") {
            Some(toml::Value::String(form)) if !form.trim().is_empty() => Ok(AnswersFile {
                form: form.trim().to_string(),
                table,
            }),
            _ => Err(AnswersError::NoForm {
                path: path.to_string(),
            }),
        }
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers {
    values: BTreeMap<String, Answer>,
}

/// How much of a questionnaire is answered: visible required answers given / needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Progress {
    pub answered: usize,
    pub required: usize,
}

impl Progress {
    pub fn percent(self) -> u8 {
        (self.answered * 100)
            .checked_div(self.required)
            .map_or(100, |p| p.min(100) as u8)
    }
}

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }

    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.values.get(id)
    }

    /// A non-blank text answer.
    pub fn text(&self, id: &str) -> Option<&str> {
        match self.values.get(id) {
            Some(Answer::Text(s)) if !s.trim().is_empty() => Some(s),
            _ => None,
        }
    }

    pub fn bool(&self, id: &str) -> Option<bool> {
        match self.values.get(id) {
            Some(Answer::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    /// Sets an answer; a blank text removes it.
    pub fn set(&mut self, id: impl Into<String>, answer: Answer) {
        let id = id.into();
        match &answer {
            Answer::Text(s) if s.trim().is_empty() => {
                self.values.remove(&id);
            }
            _ => {
                self.values.insert(id, answer);
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Answer> {
        self.values.remove(id)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Answer)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Reads the nested answers of a file or draft, guided by the questionnaire. An empty text
    /// (`country = ""`) is no answer: a required field is reported once, as missing, and the key
    /// is the question's, not an unknown one.
    pub fn from_table(spec: &FormSpec, table: &toml::Table) -> Answers {
        let mut answers = Answers::new();
        let mut blank = BTreeSet::new();
        for field in &spec.fields {
            match field.kind.group_parts() {
                Some(parts) => {
                    for (part, _) in parts {
                        let path = format!("{}.{part}", field.id);
                        if let Some(value) = given(table, &path, &mut blank) {
                            answers.set(path, scalar_text(value));
                        }
                    }
                }
                None => {
                    if let Some(value) = given(table, &field.id, &mut blank) {
                        answers.set(field.id.clone(), parse_value(&field.kind, value));
                    }
                }
            }
        }
        collect_unknown(table, "", &blank, &mut answers);
        answers
    }

    /// The nested answers in the questionnaire's order, unknown keys after them.
    pub fn to_table(&self, spec: &FormSpec) -> toml::Table {
        let mut table = toml::Table::new();
        for field in &spec.fields {
            match field.kind.group_parts() {
                Some(parts) => {
                    for (part, _) in parts {
                        let path = format!("{}.{part}", field.id);
                        if let Some(answer) = self.values.get(&path) {
                            insert_path(&mut table, &path, to_value(answer, &field.kind));
                        }
                    }
                }
                None => {
                    if let Some(answer) = self.values.get(&field.id) {
                        insert_path(&mut table, &field.id, to_value(answer, &field.kind));
                    }
                }
            }
        }
        for (path, answer) in &self.values {
            if let Answer::Unknown(value) = answer {
                insert_path(&mut table, path, value.clone());
            }
        }
        table
    }

    /// The answers file text (`form = "…"` then the nested answers), as `export` prints it.
    pub fn to_file_string(&self, spec: &FormSpec) -> String {
        let mut file = toml::Table::new();
        file.insert("form".into(), toml::Value::String(spec.id.clone()));
        file.extend(self.to_table(spec));
        toml::to_string_pretty(&file).unwrap_or_default()
    }

    /// Puts every answer in its stored form: org numbers without spaces, phones as E.164, codes upper case.
    pub fn normalize(&mut self, spec: &FormSpec) {
        for field in &spec.fields {
            match field.kind.group_parts() {
                Some(parts) => {
                    for (part, kind) in parts {
                        let path = format!("{}.{part}", field.id);
                        if let Some(Answer::Text(s)) = self.values.get_mut(&path) {
                            *s = kind::normalize(&kind, s);
                        }
                    }
                }
                None => match (self.values.get_mut(&field.id), kind::shape(&field.kind)) {
                    (Some(Answer::Text(s)), _) => *s = kind::normalize(&field.kind, s),
                    (Some(Answer::List(items)), Shape::Repeat { item, .. }) => {
                        for s in items.iter_mut() {
                            *s = kind::normalize(item, s);
                        }
                    }
                    (Some(Answer::Records(records)), Shape::Repeat { item, .. }) => {
                        let parts = item.group_parts().unwrap_or_default();
                        for record in records.iter_mut() {
                            for (part, kind) in &parts {
                                if let Some(s) = record.get_mut(*part) {
                                    *s = kind::normalize(kind, s);
                                }
                            }
                        }
                    }
                    _ => {}
                },
            }
        }
    }

    /// Makes relative attachment paths absolute against `base` (the answers file's folder), so the
    /// draft finds them wherever it is opened from.
    pub fn resolve_files(&mut self, spec: &FormSpec, base: &Path) {
        let resolve = |s: &mut String| {
            let path = Path::new(s.as_str());
            if !s.trim().is_empty() && path.is_relative() {
                *s = base.join(path).display().to_string();
            }
        };
        for field in &spec.fields {
            let shape = kind::shape(&field.kind);
            match (self.values.get_mut(&field.id), shape) {
                (Some(Answer::Text(s)), Shape::File) => resolve(s),
                (Some(Answer::List(items)), Shape::Repeat { .. }) if shape.holds_files() => {
                    items.iter_mut().for_each(resolve)
                }
                _ => {}
            }
        }
    }

    /// The answer to a (non-group) field, else its default as an answer: a default is an answer,
    /// for what is shown, counted and filled into templates.
    pub fn answer_or_default(&self, field: &FieldSpec) -> Option<Answer> {
        self.values
            .get(&field.id)
            .cloned()
            .or_else(|| field.default.as_ref().and_then(default_answer))
    }

    /// The value a condition compares: the answer, else the field's default.
    pub fn condition_value(&self, field: &FieldSpec) -> Option<toml::Value> {
        match self.values.get(&field.id) {
            Some(
                answer @ (Answer::Text(_) | Answer::Bool(_) | Answer::Number(_) | Answer::List(_)),
            ) => Some(to_value(answer, &field.kind)),
            _ => field.default.clone(),
        }
    }

    /// Whether a field is shown: its condition holds and the field it depends on is shown too.
    pub fn is_visible(&self, spec: &FormSpec, field: &FieldSpec) -> bool {
        field
            .when
            .as_ref()
            .is_none_or(|when| self.condition_holds(spec, when))
    }

    /// Whether a condition holds: its field is shown and its answer (or default) passes the test.
    pub fn condition_holds(&self, spec: &FormSpec, when: &Condition) -> bool {
        let mut when = when;
        // The loader refuses cycles; the bound only guards a hand-built spec.
        for _ in 0..=spec.fields.len() {
            let Some(target) = spec.field(&when.field) else {
                return false;
            };
            if !condition_holds(&when.test, self.condition_value(target).as_ref()) {
                return false;
            }
            match &target.when {
                Some(next) => when = next,
                None => return true,
            }
        }
        false
    }

    /// Visible required answers given, out of those needed (group parts count one each).
    pub fn progress(&self, spec: &FormSpec) -> Progress {
        self.progress_of(spec, |_| true)
    }

    /// [`Answers::progress`] of the fields of one step (by its id): the step is complete when
    /// every required answer is given, defaults included.
    pub fn step_progress(&self, spec: &FormSpec, step_id: &str) -> Progress {
        self.progress_of(spec, |field| field.step == step_id)
    }

    fn progress_of(&self, spec: &FormSpec, counts: impl Fn(&FieldSpec) -> bool) -> Progress {
        let mut progress = Progress {
            answered: 0,
            required: 0,
        };
        for field in spec.fields.iter().filter(|f| f.required && counts(f)) {
            if !self.is_visible(spec, field) {
                continue;
            }
            match field.kind.group_parts() {
                Some(parts) => {
                    for (part, _) in parts {
                        progress.required += 1;
                        if self.text(&format!("{}.{part}", field.id)).is_some() {
                            progress.answered += 1;
                        }
                    }
                }
                None => {
                    progress.required += 1;
                    if self.is_answered(field) {
                        progress.answered += 1;
                    }
                }
            }
        }
        progress
    }

    /// Whether a non-group field has a usable answer (a default counts). A repeat counts once it
    /// holds as many entries with text as it needs (at least one): an empty entry just added is
    /// no answer yet.
    pub fn is_answered(&self, field: &FieldSpec) -> bool {
        let needed = match &field.kind {
            FieldKind::Repeat { min, .. } => (*min).max(1),
            _ => 1,
        };
        match self.values.get(&field.id) {
            Some(Answer::Text(s)) => !s.trim().is_empty(),
            Some(Answer::Bool(_) | Answer::Number(_)) => true,
            Some(Answer::List(items)) => {
                items.iter().filter(|i| !i.trim().is_empty()).count() >= needed
            }
            Some(Answer::Records(records)) => {
                records
                    .iter()
                    .filter(|r| r.values().any(|v| !v.trim().is_empty()))
                    .count()
                    >= needed
            }
            Some(Answer::Invalid(_) | Answer::Unknown(_)) => false,
            None => field.default.is_some(),
        }
    }
}

/// A form's default value as the answer it stands for.
fn default_answer(value: &toml::Value) -> Option<Answer> {
    match value {
        toml::Value::String(s) => Some(Answer::Text(s.clone())),
        toml::Value::Boolean(b) => Some(Answer::Bool(*b)),
        toml::Value::Integer(n) => Some(Answer::Number(*n)),
        toml::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .map(Answer::List),
        toml::Value::Float(_) | toml::Value::Datetime(_) | toml::Value::Table(_) => None,
    }
}

fn condition_holds(test: &ConditionTest, value: Option<&toml::Value>) -> bool {
    match (test, value) {
        (ConditionTest::Equals(expected), Some(v)) => values_match(expected, v),
        (ConditionTest::Equals(_), None) => false,
        (ConditionTest::NotEquals(expected), Some(v)) => !values_match(expected, v),
        (ConditionTest::NotEquals(_), None) => true,
        (ConditionTest::OneOf(options), Some(v)) => options.iter().any(|o| values_match(o, v)),
        (ConditionTest::OneOf(_), None) => false,
        (ConditionTest::ContainsAny(wanted), Some(toml::Value::Array(items))) => items
            .iter()
            .filter_map(|i| i.as_str())
            .any(|i| wanted.iter().any(|w| w == i)),
        (ConditionTest::ContainsAny(_), _) => false,
    }
}

/// Strings compare without regard to case or surrounding space (`no` = `NO`); others exactly.
fn values_match(a: &toml::Value, b: &toml::Value) -> bool {
    match (a, b) {
        (toml::Value::String(a), toml::Value::String(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
        _ => a == b,
    }
}

fn lookup<'a>(table: &'a toml::Table, path: &str) -> Option<&'a toml::Value> {
    let mut segments = path.split('.');
    let first = segments.next()?;
    let mut value = table.get(first)?;
    for segment in segments {
        value = value.as_table()?.get(segment)?;
    }
    Some(value)
}

fn insert_path(table: &mut toml::Table, path: &str, value: toml::Value) {
    let segments: Vec<&str> = path.split('.').collect();
    let Some((last, parents)) = segments.split_last() else {
        return;
    };
    let mut current = table;
    for segment in parents {
        let entry = current
            .entry(segment.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let toml::Value::Table(next) = entry else {
            return; // a scalar already sits where a table is needed; keep what is there
        };
        current = next;
    }
    current.insert(last.to_string(), value);
}

/// The file's value at `path`; an empty text is no answer, and its path goes into `blank`.
fn given<'t>(
    table: &'t toml::Table,
    path: &str,
    blank: &mut BTreeSet<String>,
) -> Option<&'t toml::Value> {
    let value = lookup(table, path)?;
    if value.as_str().is_some_and(|s| s.trim().is_empty()) {
        blank.insert(path.to_string());
        return None;
    }
    Some(value)
}

/// Leaves under `prefix` that no field claimed (with an answer, or `blank`) become `Unknown`.
fn collect_unknown(
    table: &toml::Table,
    prefix: &str,
    blank: &BTreeSet<String>,
    answers: &mut Answers,
) {
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        if answers.values.contains_key(&path) || blank.contains(&path) {
            continue;
        }
        match value {
            toml::Value::Table(inner) => collect_unknown(inner, &path, blank, answers),
            other => {
                answers.values.insert(path, Answer::Unknown(other.clone()));
            }
        }
    }
}

/// A text answer from a file value; numbers written without quotes (an org number, say) are accepted.
fn scalar_text(value: &toml::Value) -> Answer {
    match value {
        toml::Value::String(s) => Answer::Text(s.clone()),
        toml::Value::Integer(n) => Answer::Text(n.to_string()),
        other => Answer::Invalid(other.clone()),
    }
}

/// An answer of the kind's shape from a file value; a value of another type is kept as `Invalid`.
fn parse_value(kind: &FieldKind, value: &toml::Value) -> Answer {
    match kind::shape(kind) {
        Shape::YesNo => match value {
            toml::Value::Boolean(b) => Answer::Bool(*b),
            toml::Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "yes" | "ja" | "true" | "y" | "j" => Answer::Bool(true),
                "no" | "nei" | "false" | "n" => Answer::Bool(false),
                _ => Answer::Invalid(value.clone()),
            },
            _ => Answer::Invalid(value.clone()),
        },
        Shape::Number { .. } => match value {
            toml::Value::Integer(n) => Answer::Number(*n),
            toml::Value::String(s) => s
                .trim()
                .parse()
                .map(Answer::Number)
                .unwrap_or_else(|_| Answer::Invalid(value.clone())),
            _ => Answer::Invalid(value.clone()),
        },
        Shape::Choices(_) => string_list(value).unwrap_or_else(|| Answer::Invalid(value.clone())),
        Shape::Repeat { item, .. } if item.is_group() => match value {
            toml::Value::Array(items) => items
                .iter()
                .map(|entry| entry.as_table().and_then(record))
                .collect::<Option<Vec<Record>>>()
                .map(Answer::Records)
                .unwrap_or_else(|| Answer::Invalid(value.clone())),
            // One table where a list of them is asked for: the form a field had before it took
            // several entries (`[contacts.signatory]`), read as one entry.
            toml::Value::Table(table) => record(table)
                .map(|r| Answer::Records(vec![r]))
                .unwrap_or_else(|| Answer::Invalid(value.clone())),
            _ => Answer::Invalid(value.clone()),
        },
        Shape::Repeat { .. } => {
            string_list(value).unwrap_or_else(|| Answer::Invalid(value.clone()))
        }
        Shape::Text | Shape::File | Shape::Group => scalar_text(value),
    }
}

/// One entry of a repeated group from its table; `None` when a part is not text.
fn record(table: &toml::Table) -> Option<Record> {
    table
        .iter()
        .map(|(k, v)| match scalar_text(v) {
            Answer::Text(s) => Some((k.clone(), s)),
            _ => None,
        })
        .collect()
}

/// A list of strings; one string is a list of one.
fn string_list(value: &toml::Value) -> Option<Answer> {
    match value {
        toml::Value::String(s) => Some(Answer::List(vec![s.clone()])),
        toml::Value::Array(items) => items
            .iter()
            .map(|i| match scalar_text(i) {
                Answer::Text(s) => Some(s),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(Answer::List),
        _ => None,
    }
}

fn to_value(answer: &Answer, kind: &FieldKind) -> toml::Value {
    match answer {
        Answer::Text(s) => toml::Value::String(s.clone()),
        Answer::Bool(b) => toml::Value::Boolean(*b),
        Answer::Number(n) => toml::Value::Integer(*n),
        Answer::List(items) => {
            toml::Value::Array(items.iter().cloned().map(toml::Value::String).collect())
        }
        Answer::Records(records) => {
            // Parts in the group's own order, then any others the file had.
            let order: Vec<&str> = match kind::shape(kind) {
                Shape::Repeat { item, .. } => item
                    .group_parts()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(p, _)| p)
                    .collect(),
                Shape::Text
                | Shape::File
                | Shape::YesNo
                | Shape::Number { .. }
                | Shape::Choices(_)
                | Shape::Group => Vec::new(),
            };
            toml::Value::Array(
                records
                    .iter()
                    .map(|record| {
                        let mut table = toml::Table::new();
                        for part in &order {
                            if let Some(v) = record.get(*part) {
                                table.insert(part.to_string(), toml::Value::String(v.clone()));
                            }
                        }
                        for (k, v) in record {
                            if !table.contains_key(k) {
                                table.insert(k.clone(), toml::Value::String(v.clone()));
                            }
                        }
                        toml::Value::Table(table)
                    })
                    .collect(),
            )
        }
        Answer::Invalid(v) | Answer::Unknown(v) => v.clone(),
    }
}
