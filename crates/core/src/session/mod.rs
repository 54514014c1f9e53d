//! The editing session both wizards drive: the answers of one open draft and everything derived
//! from them.
//!
//! A front end keeps only what is its own (focus, an editor, scrolling, popups, a line protocol)
//! and asks the session for the rest: the visible questions in order ([`rows`]), setting and
//! committing text (normalised on commit), repeated entries, "same as" copies, the choices of a
//! select (banks under their registry names), the report (problems per field, the checklist), the
//! numbers to look up and what a lookup fills in, and the draft to save.
//!
//! The session does no I/O of its own: saving, registry lookups, reading attached files and path
//! completion are the front end's effects, which report back through [`Session::saved`],
//! [`Session::looked_up`] and [`Session::file_checked`]. Validation uses the file checks it was
//! given (`kind::file::Files::Checked`) and never opens a file itself.

mod choices;
mod domain;
mod files;
mod lookups;
mod proposals;
pub mod rows;
mod same_as;
mod signatories;

use std::collections::{BTreeMap, BTreeSet};

pub use crate::kind::select_choice;
pub use choices::{BankFilled, ChoiceOption, OptionOrigin};
pub use files::FileToCheck;
pub use lookups::LookedUp;
pub use proposals::{Basis, Proposal, display_name};
pub use rows::{EntryChange, Question, Row, RowKind, Slot};
pub use same_as::{SameAsSource, entry_id, same_as_target};
pub use signatories::is_signatory_name;

use crate::answers::{Answer, Answers, Progress};
use crate::draft::{Draft, DraftName, Position};
use crate::form::FormSpec;
use crate::kind::file::Files;
use crate::order::Order;
use crate::prereq::{self, Facts, Item};
use crate::registry::{self, BankChoice, Lookup};
use crate::report::Report;
use crate::text::Lang;
use crate::validate::{self, Context, Problem};

/// A whole entry of a repeat field: the parts of a group item, or the text of a scalar one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Record(crate::answers::Record),
    Item(String),
}

pub struct Session {
    name: DraftName,
    spec: FormSpec,
    answers: Answers,
    /// The draft as last saved (status, times, records); its answers table is refreshed on save.
    draft: Draft,
    ctx: Context,
    /// Recomputed when the answers change ([`Session::recheck`]), never while drawing.
    problems: Vec<Problem>,
    checklist: Vec<Item>,
    progress: Progress,
    /// Answers changed since the last save.
    dirty: bool,
    /// What the registry said, by organisation number (feeds the checklist and the prefill).
    lookups: BTreeMap<String, Lookup>,
    /// Where a relative path typed for a file answer is taken from (the wizard's folder).
    base_dir: Option<std::path::PathBuf>,
    /// Numbers handed out to be looked up whose answer has not come back.
    pending: BTreeSet<String>,
    /// The bank list's banks, under the registry's current names where known.
    banks: Vec<BankChoice>,
    /// The production domain's live check: the last result, and the answer handed out to be
    /// checked whose result has not come back ([`domain`]).
    domain: domain::Domain,
    /// Who holds which role, by the company's number (the signatory choices and checklist).
    roles: BTreeMap<String, crate::registry::RolesLookup>,
    /// Roles lookups handed out whose answer has not come back.
    roles_pending: BTreeSet<String>,
}

impl Session {
    /// A session on an opened order, validating as of `today`. Problems and checklist are empty
    /// until the first [`Session::recheck`]: validation loads libphonenumber's metadata, which a
    /// front end may want to do after its first frame.
    pub fn new(order: Order, today: jiff::civil::Date) -> Session {
        let Order {
            name,
            draft,
            spec,
            answers,
        } = order;
        // Progress is cheap (no validation): the first frame can show it.
        let progress = answers.progress(&spec);
        Session {
            name,
            spec,
            answers,
            draft,
            ctx: Context {
                today,
                files: Files::Checked(Default::default()),
            },
            problems: Vec::new(),
            checklist: Vec::new(),
            progress,
            dirty: false,
            base_dir: None,
            lookups: BTreeMap::new(),
            pending: BTreeSet::new(),
            // The shipped names until the front end reads the cache (`set_banks`).
            banks: registry::bank_choices(None),
            domain: domain::Domain::default(),
            roles: BTreeMap::new(),
            roles_pending: BTreeSet::new(),
        }
    }

    // --- What the session holds ------------------------------------------------------------------

    pub fn name(&self) -> &DraftName {
        &self.name
    }

    pub fn spec(&self) -> &FormSpec {
        &self.spec
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    pub fn today(&self) -> jiff::civil::Date {
        self.ctx.today
    }

    /// Takes relative paths typed for file answers from `dir` (the front end's folder) and keeps
    /// them absolute.
    pub fn set_base_dir(&mut self, dir: impl Into<std::path::PathBuf>) {
        self.base_dir = Some(dir.into());
    }

    /// Validates as of another day from now on (the report is recomputed on the next recheck).
    pub fn set_today(&mut self, today: jiff::civil::Date) {
        self.ctx.today = today;
    }

    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// Answers changed since the last save.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The open order as it stands, for the bundle and the mail.
    pub fn order(&self) -> Order {
        Order {
            name: self.name.clone(),
            draft: self.draft.clone(),
            spec: self.spec.clone(),
            answers: self.answers.clone(),
        }
    }

    // --- The visible questions -------------------------------------------------------------------

    /// Every visible question, in order (the line-by-line wizard's prompts).
    pub fn questions(&self) -> Vec<Question> {
        rows::questions(&self.spec, &self.answers)
    }

    /// The rows of form step `step` (an index into `spec.steps`).
    /// The label a person reads for an answer id ([`rows::label_of`]): status lines and
    /// messages name questions by it, never by the id.
    pub fn label_of(&self, id: &str, lang: Lang) -> String {
        rows::label_of(&self.spec, &self.answers, id, lang)
    }

    pub fn step_rows(&self, step: usize, lang: Lang) -> Vec<Row> {
        match self.spec.steps.get(step) {
            Some(s) => rows::step_rows(&self.spec, &self.answers, &s.id, lang),
            None => Vec::new(),
        }
    }

    /// Whether the question has an answer (for a group part: its text).
    pub fn is_answered(&self, question: Question) -> bool {
        match question.part {
            Some(_) => self.answers.text(&question.id(&self.spec)).is_some(),
            None => self.answers.is_answered(question.field(&self.spec)),
        }
    }

    /// Where a resumed draft starts: where it was left if that question is still shown, else the
    /// first required question without an answer, else the first question. A new draft starts
    /// at the first.
    pub fn resume_question(&self) -> Option<Question> {
        let questions = self.questions();
        if self.answers.iter().next().is_none() {
            return questions.first().copied();
        }
        let saved = self.draft.position.as_ref().and_then(|position| {
            let in_step = |q: &&Question| self.spec.steps[q.step].id == position.step;
            match &position.field {
                Some(id) => questions
                    .iter()
                    .find(|q| &q.id(&self.spec) == id)
                    .or_else(|| questions.iter().find(|q| &q.field(&self.spec).id == id)),
                None => questions.iter().find(in_step),
            }
        });
        saved
            .or_else(|| {
                questions
                    .iter()
                    .find(|q| q.field(&self.spec).required && !self.is_answered(**q))
            })
            .or(questions.first())
            .copied()
    }

    // --- Changing answers ------------------------------------------------------------------------

    /// Sets an answer as given (the caller has parsed it for its kind).
    pub fn set_answer(&mut self, id: impl Into<String>, answer: Answer) {
        self.answers.set(id, answer);
        self.dirty = true;
    }

    /// Removes an answer; true when there was one.
    pub fn clear(&mut self, id: &str) -> bool {
        let had = self.answers.remove(id).is_some();
        self.dirty |= had;
        had
    }

    /// Stores text typed into a row as it stands (live, so conditions follow at once); true when
    /// it changed the answers.
    pub fn set_text(&mut self, row: &Row, text: String) -> bool {
        if rows::row_text(&self.answers, &row.slot) == text {
            return false;
        }
        rows::set_row_text(&mut self.answers, row, text);
        self.dirty = true;
        true
    }

    /// Leaving a row: its text is stored in normal form (an org number without spaces, a phone
    /// number as E.164). True when that changed it.
    pub fn commit(&mut self, row: &Row) -> bool {
        let text = rows::row_text(&self.answers, &row.slot);
        let normal = match (crate::kind::input(&row.value_kind), &self.base_dir) {
            // A file answer is kept absolute, so `check` finds the same file from any folder.
            (crate::kind::Input::Path, Some(base)) => crate::kind::file::typed_path(&text, base),
            _ => validate::normalize(&row.value_kind, &text),
        };
        // A path committed again is read again: the file may have changed meanwhile.
        self.forget_file(&normal);
        self.set_text(row, normal)
    }

    /// Appends an empty entry to a repeat field.
    pub fn add_entry(&mut self, field_id: &str) {
        if let Some(field) = self.spec.field(field_id).cloned() {
            rows::add_entry(&mut self.answers, &field);
            self.dirty = true;
        }
    }

    /// Appends a whole entry to a repeat field (the line-by-line wizard asks an entry's parts
    /// before it adds it). A value of the wrong type there (from a hand-edited file) is replaced.
    pub fn push_entry(&mut self, field_id: &str, entry: Entry) {
        let answer = match (self.answers.get(field_id).cloned(), entry) {
            (Some(Answer::Records(mut records)), Entry::Record(record)) => {
                records.push(record);
                Answer::Records(records)
            }
            (Some(Answer::List(mut items)), Entry::Item(item)) => {
                items.push(item);
                Answer::List(items)
            }
            (_, Entry::Record(record)) => Answer::Records(vec![record]),
            (_, Entry::Item(item)) => Answer::List(vec![item]),
        };
        self.set_answer(field_id, answer);
    }

    /// Removes or moves entry `index` (from 0) of a repeat field. Removing the last entry removes
    /// the answer, so an empty repeat reads as unanswered.
    pub fn edit_entry(&mut self, field_id: &str, index: usize, change: EntryChange) {
        let before = self.answers.get(field_id).cloned();
        rows::edit_entries(&mut self.answers, field_id, index, change);
        if change == EntryChange::Remove && self.entry_count(field_id) == 0 {
            self.answers.remove(field_id);
        }
        self.dirty |= self.answers.get(field_id) != before.as_ref();
    }

    /// How many entries a repeat field has.
    pub fn entry_count(&self, field_id: &str) -> usize {
        rows::entry_count(&self.answers, field_id)
    }

    // --- The report ------------------------------------------------------------------------------

    /// Recomputes problems, checklist and progress: after answers change, never while drawing.
    pub fn recheck(&mut self) {
        self.problems = validate::validate(&self.spec, &self.answers, &self.ctx);
        self.problems.extend(self.registry_problems());
        self.checklist = prereq::evaluate(&self.spec, &self.answers, &self.problems, &self.facts());
        self.progress = self.answers.progress(&self.spec);
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problems of one answer id, including those of a repeat's entries (`id[2].email`).
    pub fn problems_of(&self, id: &str) -> Vec<&Problem> {
        let entry = format!("{id}[");
        self.problems
            .iter()
            .filter(|p| p.field == id || p.field.starts_with(&entry))
            .collect()
    }

    /// The progress of form step `step` (an index into the questionnaire's steps): complete when
    /// every visible required answer is given, a default counting as given.
    pub fn step_progress(&self, step: usize) -> Progress {
        match self.spec.steps.get(step) {
            Some(step) => self.answers.step_progress(&self.spec, &step.id),
            None => Progress {
                answered: 0,
                required: 0,
            },
        }
    }

    pub fn checklist(&self) -> &[Item] {
        &self.checklist
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// What the registry said, as the checklist reads it.
    pub fn facts(&self) -> Facts {
        let lookups: Vec<Lookup> = self.lookups.values().cloned().collect();
        let mut facts = registry::facts(&lookups);
        self.add_domain_fact(&mut facts);
        facts.roles = self
            .roles
            .iter()
            .map(|(number, lookup)| (number.clone(), lookup.fact()))
            .collect();
        facts
    }

    /// Problems, checklist and progress as `check` reports them.
    pub fn report(&self) -> Report {
        Report {
            progress: self.progress,
            problems: self.problems.clone(),
            checklist: self.checklist.clone(),
        }
    }

    /// Errors, and checklist items not met: what keeps the order from going (bundle or send).
    pub fn blockers(&self) -> (usize, usize) {
        let errors = self.problems.iter().filter(|p| p.is_error()).count();
        let not_met = self
            .checklist
            .iter()
            .filter(|i| i.state == prereq::State::NotMet)
            .count();
        (errors, not_met)
    }

    // --- Saving ----------------------------------------------------------------------------------

    /// The draft to write: the answers as they stand, `at` as the place to resume, and `now` as
    /// the time of the change when the answers changed (moving around, opening and quitting do
    /// not move it: it dates the order's documents). The front end writes it and reports back
    /// with [`Session::saved`].
    pub fn draft_to_save(&self, at: Option<Position>, now: jiff::Timestamp) -> Draft {
        let mut draft = self.draft.clone();
        let answers = self.answers.to_table(&self.spec);
        if answers != draft.answers {
            draft.answers = answers;
            draft.updated = now;
        }
        draft.position = at;
        draft
    }

    /// The draft was written: it is the saved state from now on. Answers changed after
    /// `draft_to_save` stay dirty.
    pub fn saved(&mut self, draft: Draft) {
        self.dirty = draft.answers != self.answers.to_table(&self.spec);
        self.draft = draft;
    }

    /// The draft changed on disk by a record of the front end's (a send, a bundle): keep the
    /// copy in memory in step, so the next save keeps the record. The answers stay as they are.
    pub fn recorded(&mut self, draft: Draft) {
        self.draft = draft;
    }
}

#[cfg(test)]
mod tests;
