//! The line-by-line wizard over one draft: a cursor over the visible prompts (a field, or one part of
//! an address or contact), one line of input at a time, the draft saved after every change.

mod repeat;
mod show;

use std::io::{BufRead, Write};
use std::path::PathBuf;

use super::input::{self, LONG_LIST, Pick, SHOWN_MATCHES};
use super::strings::{Strings, strings};
use super::term::{Line, Term};
use super::{Outcome, PlainError};
use crate::answers::{Answer, Answers};
use crate::draft::{Draft, DraftLock, DraftName, DraftStore, Position};
use crate::form::{Choice, FieldKind, FieldSpec, FormSpec};
use crate::order::Order;
use crate::text::Lang;
use crate::validate::{self, Context, Problem, text};

/// One prompt: a field, or one part of a group field. Ordered as the wizard walks: by step, then by
/// the field's place in the form, then by part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Slot {
    step: usize,
    field: usize,
    part: Option<usize>,
}

/// A line of input after the conventions every prompt shares have been handled.
enum Reply {
    /// Help, the check, back, keep or quit: where to go.
    Flow(Flow),
    /// The answer was cleared.
    Cleared,
    /// An answer, as typed.
    Text(String),
}

/// Where to go after a line of input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flow {
    /// Ask the same prompt again.
    Stay,
    Next,
    Back,
    /// Save and quit.
    Quit,
}

/// The matches last shown for a long list, so a number typed next picks among them.
struct Search {
    slot: Slot,
    typed: String,
    found: Vec<usize>,
}

pub struct PlainWizard<'a> {
    store: &'a DraftStore,
    /// Held for the whole session, so no other process changes the draft meanwhile.
    lock: DraftLock,
    name: DraftName,
    spec: FormSpec,
    answers: Answers,
    draft: Draft,
    lang: Lang,
    ctx: Context,
    /// Relative file paths are taken from here.
    cwd: PathBuf,
    /// The step whose heading was printed last.
    announced: Option<usize>,
    search: Option<Search>,
    /// Answers changed since the last save.
    dirty: bool,
}

impl<'a> PlainWizard<'a> {
    /// A wizard over an order whose lock the caller took (see `order::create`, `Order::open_locked`).
    pub fn new(
        store: &'a DraftStore,
        order: Order,
        lock: DraftLock,
        lang: Lang,
    ) -> PlainWizard<'a> {
        PlainWizard {
            store,
            lock,
            name: order.name,
            spec: order.spec,
            answers: order.answers,
            draft: order.draft,
            lang,
            ctx: Context::now(),
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")),
            announced: None,
            search: None,
            dirty: false,
        }
    }

    /// Validates against this context (today's date) instead of the clock's.
    pub fn with_context(mut self, ctx: Context) -> PlainWizard<'a> {
        self.ctx = ctx;
        self
    }

    /// Resolves relative file paths against `cwd` instead of the process's current folder.
    pub fn with_cwd(mut self, cwd: impl Into<PathBuf>) -> PlainWizard<'a> {
        self.cwd = cwd.into();
        self
    }

    /// Asks every visible question from the starting point to the end, or until `:q` or the end of
    /// input; everything typed is saved either way.
    pub fn run<R: BufRead, W: Write>(
        &mut self,
        input: R,
        output: W,
    ) -> Result<Outcome, PlainError> {
        self.run_on(&mut Term::new(input, output))
    }

    pub(super) fn run_on<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
    ) -> Result<Outcome, PlainError> {
        let s = self.s();
        let title = self.spec.title.get(self.lang);
        term.say(&(s.wizard_title)(self.name.as_str(), title, &self.spec.id))?;
        term.say(s.conventions)?;
        let Some(mut cursor) = self.start() else {
            return self.finish(term);
        };
        if self.answers.iter().next().is_some() {
            term.say(&(s.resume_at)(&self.label(cursor)))?;
        }
        loop {
            let flow = self.ask(term, cursor)?;
            let next = match flow {
                Flow::Stay => cursor,
                Flow::Next => match self.after(cursor) {
                    Some(slot) => slot,
                    None => return self.finish(term),
                },
                Flow::Back => match self.before(cursor) {
                    Some(slot) => slot,
                    None => {
                        term.say(s.first_question)?;
                        cursor
                    }
                },
                Flow::Quit => {
                    self.save(Some(cursor))?;
                    term.say(&(s.saved_quit)(self.name.as_str()))?;
                    return Ok(Outcome::Quit);
                }
            };
            if self.dirty {
                self.save(Some(next))?;
            }
            cursor = next;
        }
    }

    fn s(&self) -> &'static Strings {
        strings(self.lang)
    }

    // --- Navigation ------------------------------------------------------------------------------

    /// Every prompt shown for the current answers, in order. Recomputed at each move, so a field
    /// appears or disappears as soon as the answer it depends on changes.
    fn visible_slots(&self) -> Vec<Slot> {
        let mut slots = Vec::new();
        for (step, spec_step) in self.spec.steps.iter().enumerate() {
            for (field, spec_field) in self.spec.fields.iter().enumerate() {
                if spec_field.step != spec_step.id
                    || !self.answers.is_visible(&self.spec, spec_field)
                {
                    continue;
                }
                match spec_field.kind.group_parts() {
                    Some(parts) => slots.extend((0..parts.len()).map(|part| Slot {
                        step,
                        field,
                        part: Some(part),
                    })),
                    None => slots.push(Slot {
                        step,
                        field,
                        part: None,
                    }),
                }
            }
        }
        slots
    }

    fn after(&self, slot: Slot) -> Option<Slot> {
        self.visible_slots().into_iter().find(|s| *s > slot)
    }

    fn before(&self, slot: Slot) -> Option<Slot> {
        self.visible_slots().into_iter().rev().find(|s| *s < slot)
    }

    /// A new draft starts at the beginning. A resumed one starts where it was left if that prompt is
    /// still shown, else at the first required question without an answer, else at the beginning.
    fn start(&self) -> Option<Slot> {
        let slots = self.visible_slots();
        if self.answers.iter().next().is_none() {
            return slots.first().copied();
        }
        let saved = self.draft.position.as_ref().and_then(|position| {
            let in_step = |s: &&Slot| self.spec.steps[s.step].id == position.step;
            match &position.field {
                Some(id) => slots
                    .iter()
                    .find(|s| &self.slot_id(**s) == id)
                    .or_else(|| slots.iter().find(|s| &self.field(**s).id == id)),
                None => slots.iter().find(in_step),
            }
        });
        saved
            .or_else(|| {
                slots
                    .iter()
                    .find(|s| self.field(**s).required && !self.is_answered(**s))
            })
            .or(slots.first())
            .copied()
    }

    fn field(&self, slot: Slot) -> &FieldSpec {
        &self.spec.fields[slot.field]
    }

    /// The kind of the prompt: a group part's own kind, else the field's.
    fn kind(&self, slot: Slot) -> FieldKind {
        let field = self.field(slot);
        match (slot.part, field.kind.group_parts()) {
            (Some(part), Some(parts)) => parts[part].1.clone(),
            _ => field.kind.clone(),
        }
    }

    /// The answer id: the field's, or `<field>.<part>` for a group part.
    fn slot_id(&self, slot: Slot) -> String {
        let field = self.field(slot);
        match (slot.part, field.kind.group_parts()) {
            (Some(part), Some(parts)) => format!("{}.{}", field.id, parts[part].0),
            _ => field.id.clone(),
        }
    }

    fn is_answered(&self, slot: Slot) -> bool {
        match slot.part {
            Some(_) => self.answers.text(&self.slot_id(slot)).is_some(),
            None => self.answers.is_answered(self.field(slot)),
        }
    }

    // --- Saving ----------------------------------------------------------------------------------

    /// Writes the answers and where the user is (none once the last question is passed).
    fn save(&mut self, at: Option<Slot>) -> Result<(), PlainError> {
        self.draft.answers = self.answers.to_table(&self.spec);
        self.draft.updated = jiff::Timestamp::now();
        self.draft.position = at.map(|slot| Position {
            step: self.spec.steps[slot.step].id.clone(),
            field: Some(self.slot_id(slot)),
        });
        self.store.save(&self.lock, &self.draft)?;
        self.dirty = false;
        Ok(())
    }

    fn finish<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
    ) -> Result<Outcome, PlainError> {
        self.save(None)?;
        term.blank()?;
        term.say(&self.report_text())?;
        term.say(&(self.s().finished)(self.name.as_str()))?;
        Ok(Outcome::Finished)
    }

    // --- One prompt ------------------------------------------------------------------------------

    fn ask<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
    ) -> Result<Flow, PlainError> {
        self.announce(term, slot)?;
        let kind = self.kind(slot);
        if let FieldKind::Repeat { item, .. } = &kind {
            return self.ask_repeat(term, slot, item);
        }
        self.show_prompt(term, slot, &kind)?;
        Ok(match self.read_reply(term, slot)? {
            Reply::Flow(flow) => flow,
            Reply::Cleared => self.after_change(term, slot)?,
            Reply::Text(raw) => self.answer(term, slot, &kind, &raw)?,
        })
    }

    /// Reads a line and does what every prompt does with the conventions (`?`, `<`, `-`, `:check`,
    /// `:q`, Enter); an answer is left to the prompt.
    fn read_reply<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
    ) -> Result<Reply, PlainError> {
        Ok(match term.read()? {
            Line::Keep => Reply::Flow(Flow::Next),
            Line::Back => Reply::Flow(Flow::Back),
            Line::Quit => Reply::Flow(Flow::Quit),
            Line::Help => {
                self.show_help(term, slot)?;
                Reply::Flow(Flow::Stay)
            }
            Line::Check => {
                term.say(&self.report_text())?;
                Reply::Flow(Flow::Stay)
            }
            Line::Clear => {
                self.answers.remove(&self.slot_id(slot));
                self.dirty = true;
                term.say(self.s().cleared)?;
                Reply::Cleared
            }
            Line::Text(raw) => Reply::Text(raw),
        })
    }

    /// Turns a typed line into an answer for the prompt's kind and stores it; a line that is not an
    /// answer of that kind (a word for a yes/no question, say) is explained and asked again.
    fn answer<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
        kind: &FieldKind,
        raw: &str,
    ) -> Result<Flow, PlainError> {
        let s = self.s();
        let answer = match kind {
            FieldKind::Multiline(_) => return self.answer_multiline(term, slot, kind, raw),
            FieldKind::Select(choice) => return self.answer_select(term, slot, choice, raw),
            FieldKind::MultiSelect(choice) => {
                let typed = self.clean(term, raw)?;
                let options = input::options(choice, self.lang);
                match input::pick_many(&options, &typed, choice.allow_other) {
                    Ok(values) => Answer::List(values),
                    Err(item) => return self.refuse(term, &(s.no_match)(&item)),
                }
            }
            FieldKind::YesNo => match input::yes_no(&self.clean(term, raw)?) {
                Some(yes) => Answer::Bool(yes),
                None => return self.refuse(term, s.not_yes_no),
            },
            FieldKind::Number { .. } => {
                let typed = self.clean(term, raw)?;
                match input::whole_number(&typed) {
                    Some(n) => Answer::Number(n),
                    None => return self.refuse(term, &(s.not_number)(&typed)),
                }
            }
            FieldKind::File(_) => {
                Answer::Text(input::file_path(&self.clean(term, raw)?, &self.cwd))
            }
            _ => Answer::Text(validate::normalize(kind, &self.clean(term, raw)?)),
        };
        self.store(term, slot, answer)
    }

    /// Lines up to one holding only `.`. A `:q` line or the end of input keeps what was typed, then
    /// quits.
    fn answer_multiline<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
        kind: &FieldKind,
        first: &str,
    ) -> Result<Flow, PlainError> {
        let mut lines = Vec::new();
        let mut quit = false;
        if first.trim() != "." {
            lines.push(first.to_string());
            loop {
                match term.read_raw()? {
                    Some(line) if line.trim() == "." => break,
                    Some(line) if line.trim() == ":q" => quit = true,
                    Some(line) => {
                        lines.push(line);
                        continue;
                    }
                    None => quit = true,
                }
                break;
            }
        }
        let raw = lines.join("\n");
        let clean = text::sanitize(&raw, true);
        if clean != raw {
            term.say(self.s().cleaned)?;
        }
        let value = validate::normalize(kind, clean.trim());
        let flow = self.store(term, slot, Answer::Text(value))?;
        Ok(if quit { Flow::Quit } else { flow })
    }

    fn answer_select<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
        choice: &Choice,
        raw: &str,
    ) -> Result<Flow, PlainError> {
        let s = self.s();
        let typed = self.clean(term, raw)?;
        let options = input::options(choice, self.lang);
        let long = options.len() > LONG_LIST;
        let search = self.search.take().filter(|search| search.slot == slot);
        let numbered: Vec<usize> = match (&search, long) {
            (_, false) => (0..options.len()).collect(),
            (Some(search), true) => search.found.clone(),
            (None, true) => Vec::new(),
        };
        let again = search
            .as_ref()
            .is_some_and(|search| search.typed.to_lowercase() == typed.to_lowercase());
        match input::pick(&options, &typed, &numbered, choice.allow_other, again) {
            Pick::Listed { value, searched } => {
                if let Some(option) = options.iter().find(|o| o.value == value)
                    && searched
                {
                    term.say(&(s.picked)(&option.shown()))?;
                }
                self.answers
                    .set(self.slot_id(slot), Answer::Text(value.clone()));
                self.fill_bank_orgnr(term, slot, &value)?;
                self.dirty = true;
                self.after_change(term, slot)
            }
            Pick::Other(text) => self.store(term, slot, Answer::Text(text)),
            Pick::Several(found) => {
                self.show_matches(term, &options, &found, long)?;
                let found = if long {
                    found.into_iter().take(SHOWN_MATCHES).collect()
                } else {
                    found
                };
                self.search = Some(Search { slot, typed, found });
                Ok(Flow::Stay)
            }
            Pick::NoMatch => self.refuse(term, &(s.no_match)(&typed)),
            Pick::BadNumber { n, max } => {
                self.search = search;
                self.refuse(term, &(s.no_choice_number)(n, max))
            }
        }
    }

    /// A bank picked from the bank list brings its org number: fills `<parent>.orgnr` beside a
    /// `<parent>.name` field, unless the user has typed one already.
    fn fill_bank_orgnr<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
        value: &str,
    ) -> Result<(), PlainError> {
        let field = self.field(slot).clone();
        let banks = crate::registry::bank_choices(None);
        if let Some((filled, bank)) =
            crate::registry::fill_bank_orgnr(&self.spec, &mut self.answers, &field, value, &banks)
        {
            term.say(&(self.s().bank_filled)(&filled, &bank.orgnr, &bank.name))?;
        }
        Ok(())
    }

    /// Stores an answer (the caller has cleaned and normalised it) and reports on it.
    fn store<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
        answer: Answer,
    ) -> Result<Flow, PlainError> {
        self.answers.set(self.slot_id(slot), answer);
        self.dirty = true;
        self.after_change(term, slot)
    }

    /// Prints the prompt's problems (errors and warnings). An error asks the same question again;
    /// Enter then keeps the value and moves on, so no one is trapped on a question.
    fn after_change<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
    ) -> Result<Flow, PlainError> {
        let problems = self.problems_of(&self.slot_id(slot));
        self.show_problems(term, &problems)?;
        Ok(if problems.iter().any(Problem::is_error) {
            Flow::Stay
        } else {
            Flow::Next
        })
    }

    /// The problems of one answer id, including those of a repeat's entries (`id[2].email`).
    fn problems_of(&self, id: &str) -> Vec<Problem> {
        let entry = format!("{id}[");
        validate::validate(&self.spec, &self.answers, &self.ctx)
            .into_iter()
            .filter(|p| p.field == id || p.field.starts_with(&entry))
            .collect()
    }

    /// Explains why a line was not taken and asks again.
    fn refuse<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        message: &str,
    ) -> Result<Flow, PlainError> {
        term.say(message)?;
        Ok(Flow::Stay)
    }

    /// One typed line without control characters or surrounding space; says so when something was
    /// removed.
    fn clean<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        raw: &str,
    ) -> Result<String, PlainError> {
        let clean = text::sanitize(raw, false);
        if clean != raw.replace('\t', " ") {
            term.say(self.s().cleaned)?;
        }
        Ok(clean.trim().to_string())
    }
}
