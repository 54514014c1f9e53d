//! The line-by-line wizard over one draft: a cursor over the session's visible questions (a field,
//! or one part of an address or contact), one line of input at a time, the draft saved after every
//! change.
//!
//! The answers and everything derived from them are the core session's (`crate::session`); this
//! file keeps only the line protocol: what to print, what a typed line means, where to go next.

mod domain;
mod registry;
mod repeat;
mod same_as;
mod show;

use std::io::{BufRead, Write};
use std::path::PathBuf;

use super::input::{self, LONG_LIST, Pick, SHOWN_MATCHES};
use super::strings::{Strings, strings};
use super::term::{Line, Term};
use super::{Outcome, PlainError};
use crate::answers::Answer;
use crate::draft::{DraftLock, DraftStore, Position};
use crate::form::{Choice, FieldKind, FieldSpec};
use crate::kind::{self, Input};
use crate::order::Order;
use crate::registry::Registry;
use crate::session::{Question, Session};
use crate::text::Lang;
use crate::validate::{Context, Problem, text};

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
    /// Past every part of the current field (a contact copied whole).
    NextField,
    Back,
    /// Save and quit.
    Quit,
}

/// The matches last shown for a long list, so a number typed next picks among them.
struct Search {
    question: Question,
    typed: String,
    found: Vec<usize>,
}

pub struct PlainWizard<'a> {
    store: &'a DraftStore,
    /// Held for the whole session, so no other process changes the draft meanwhile.
    lock: DraftLock,
    session: Session,
    lang: Lang,
    /// Relative file paths are taken from here.
    cwd: PathBuf,
    /// The time a save is stamped with.
    now: fn() -> jiff::Timestamp,
    /// Where organisation numbers are looked up; none: not at all.
    registry: Option<Registry>,
    /// How the production domain is checked; none: not at all.
    domain: Option<crate::domain_check::Checker>,
    /// The step whose heading was printed last.
    announced: Option<usize>,
    search: Option<Search>,
    /// The required question an empty line was refused on once: the next empty line leaves it.
    refused_empty: Option<Question>,
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
            session: Session::new(order, Context::now().today),
            lang,
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")),
            now: jiff::Timestamp::now,
            registry: None,
            domain: None,
            announced: None,
            search: None,
            refused_empty: None,
        }
    }

    /// Validates against this context (today's date) instead of the clock's.
    pub fn with_context(mut self, ctx: Context) -> PlainWizard<'a> {
        self.session.set_today(ctx.today);
        self
    }

    /// Resolves relative file paths against `cwd` instead of the process's current folder.
    pub fn with_cwd(mut self, cwd: impl Into<PathBuf>) -> PlainWizard<'a> {
        self.cwd = cwd.into();
        self
    }

    /// Stamps saves with this clock instead of the system's (tests).
    pub fn with_clock(mut self, now: fn() -> jiff::Timestamp) -> PlainWizard<'a> {
        self.now = now;
        self
    }

    /// Looks organisation numbers up in this registry as they are answered: the checklist uses
    /// what it says, and its name and address fill the company's and the bank's empty fields.
    pub fn with_registry(mut self, registry: Registry) -> PlainWizard<'a> {
        self.session
            .set_banks(crate::registry::bank_choices(registry.cache()));
        self.registry = Some(registry);
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

    /// [`PlainWizard::run`] on the process's own terminal: an ending signal (Ctrl-C, `kill`, a
    /// closed window) keeps the line half typed as the answer to its question, saves, and ends
    /// with [`Outcome::Signal`].
    pub fn run_on_terminal(&mut self) -> Result<Outcome, PlainError> {
        let watch = super::signals::Watch::start()?;
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        let mut term = Term::new(stdin.lock(), stdout.lock()).watching(watch.caught());
        let outcome = self.run_on(&mut term)?;
        Ok(watch.signal().map_or(outcome, Outcome::Signal))
    }

    pub(super) fn run_on<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
    ) -> Result<Outcome, PlainError> {
        let s = self.s();
        let spec = self.session.spec();
        let title = spec.title.get(self.lang);
        term.say(&(s.wizard_title)(
            self.session.name().as_str(),
            title,
            &spec.id,
        ))?;
        term.say(s.conventions)?;
        self.read_files();
        self.session.recheck();
        if self.look_up_new_numbers(term)? == Flow::Quit {
            return self.quit(term, self.session.resume_question());
        }
        let Some(mut cursor) = self.session.resume_question() else {
            return self.finish(term);
        };
        if self.session.answers().iter().next().is_some() {
            term.say(&(s.resume_at)(&self.label(cursor)))?;
        }
        loop {
            let flow = self.ask(term, cursor)?;
            let next = match flow {
                Flow::Stay => cursor,
                Flow::Next | Flow::NextField => match self.after(cursor, flow) {
                    Some(question) => question,
                    None => return self.finish(term),
                },
                Flow::Back => match self.before(cursor) {
                    Some(question) => question,
                    None => {
                        term.say(s.first_question)?;
                        cursor
                    }
                },
                Flow::Quit => return self.quit(term, Some(cursor)),
            };
            if self.session.is_dirty() {
                self.save(Some(next))?;
            }
            cursor = next;
        }
    }

    fn s(&self) -> &'static Strings {
        strings(self.lang)
    }

    // --- Navigation ------------------------------------------------------------------------------

    /// The next question; for `NextField`, the first one of another field. Recomputed at each
    /// move, so a question appears or disappears as soon as the answer it depends on changes.
    fn after(&self, question: Question, flow: Flow) -> Option<Question> {
        self.session
            .questions()
            .into_iter()
            .find(|q| *q > question && (flow != Flow::NextField || q.field != question.field))
    }

    fn before(&self, question: Question) -> Option<Question> {
        self.session
            .questions()
            .into_iter()
            .rev()
            .find(|q| *q < question)
    }

    fn field(&self, question: Question) -> &FieldSpec {
        question.field(self.session.spec())
    }

    fn id(&self, question: Question) -> String {
        question.id(self.session.spec())
    }

    /// `<field>` or `<field> — <part>`.
    pub(super) fn label(&self, question: Question) -> String {
        question.label(self.session.spec(), self.lang)
    }

    // --- Saving ----------------------------------------------------------------------------------

    /// Writes the answers and where the user is (none once the last question is passed).
    fn save(&mut self, at: Option<Question>) -> Result<(), PlainError> {
        let position = at.map(|question| Position {
            step: self.session.spec().steps[question.step].id.clone(),
            field: Some(self.id(question)),
        });
        let draft = self.session.draft_to_save(position, (self.now)());
        self.store.save(&self.lock, &draft)?;
        self.session.saved(draft);
        Ok(())
    }

    fn quit<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        at: Option<Question>,
    ) -> Result<Outcome, PlainError> {
        self.save(at)?;
        term.say(&(self.s().saved_quit)(self.session.name().as_str()))?;
        Ok(term.signal().map_or(Outcome::Quit, Outcome::Signal))
    }

    /// The line a signal cut off at this question's prompt, kept as its answer where it reads
    /// as one, as the full-screen wizard keeps the text of its focused field: text and paths as
    /// typed, a number, yes or no, a pick that picks. Nothing else is done with it: a half-typed
    /// convention (`-`, `<`), a list command (`d 2`) or a copy (`=1`) is never carried out.
    fn keep_unfinished<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
        raw: &str,
    ) -> Result<(), PlainError> {
        if !matches!(Line::parse(raw), Line::Text(_)) || self.is_same_as(question, raw) {
            return Ok(());
        }
        let kind = question.kind(self.session.spec());
        let typed = text::sanitize(raw, false).trim().to_string();
        let answer = match kind::input(&kind) {
            Input::Line | Input::Lines => {
                let signers = self.signer_names(question);
                let typed = self.signer_by_number(term, &signers, typed)?;
                Some(Answer::Text(kind::normalize(&kind, &typed)))
            }
            Input::Path => Some(Answer::Text(kind::file::typed_path(&typed, &self.cwd))),
            Input::Number => input::whole_number(&typed).map(Answer::Number),
            Input::YesNo => input::yes_no(&typed).map(Answer::Bool),
            Input::Pick(choice) => {
                let options = self.session.choices_of(choice, self.lang);
                let numbered: Vec<usize> = if options.len() > LONG_LIST {
                    Vec::new()
                } else {
                    (0..options.len()).collect()
                };
                match input::pick(&options, &typed, &numbered, choice.allow_other, false) {
                    Pick::Listed { value, .. } => {
                        self.session.pick_answer(question, value);
                        None
                    }
                    Pick::Other(text) => Some(Answer::Text(text)),
                    Pick::Several(_) | Pick::NoMatch | Pick::BadNumber { .. } => None,
                }
            }
            Input::PickMany(choice) => {
                let options = self.session.choices_of(choice, self.lang);
                input::pick_many(&options, &typed, choice.allow_other)
                    .ok()
                    .map(Answer::List)
            }
            // A repeat's prompt takes commands, not answers; its entries' parts are kept by
            // the entry's own prompt.
            Input::Parts | Input::Entries => None,
        };
        if let Some(answer) = answer {
            self.session.set_answer(self.id(question), answer);
        }
        Ok(())
    }

    fn finish<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
    ) -> Result<Outcome, PlainError> {
        self.save(None)?;
        term.blank()?;
        term.say(&self.report_text())?;
        term.say(&(self.s().finished)(self.session.name().as_str()))?;
        Ok(Outcome::Finished)
    }

    // --- One prompt ------------------------------------------------------------------------------

    fn ask<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
    ) -> Result<Flow, PlainError> {
        self.announce(term, question)?;
        let kind = question.kind(self.session.spec());
        if let FieldKind::Repeat { item, .. } = &kind {
            return self.ask_repeat(term, question, item);
        }
        // A single signatory's name: the register's signers, numbered.
        let signers = self.signer_names(question);
        self.say_signers_hint(term, &signers)?;
        self.show_prompt(term, question, &kind)?;
        let flow = match self.read_reply(term, question)? {
            Reply::Flow(flow) => flow,
            Reply::Cleared => self.after_change(term, question)?,
            Reply::Text(raw) if self.is_same_as(question, &raw) => {
                self.copy_contact(term, question, &raw)?
            }
            Reply::Text(raw) if !signers.is_empty() => {
                let raw = self.signer_by_number(term, &signers, raw)?;
                self.answer(term, question, &kind, &raw)?
            }
            Reply::Text(raw) => self.answer(term, question, &kind, &raw)?,
        };
        if flow != Flow::Stay {
            self.refused_empty = None;
        }
        Ok(flow)
    }

    /// Reads a line and does what every prompt does with the conventions (`?`, `<`, `-`, `:check`,
    /// `:q`, Enter); an answer is left to the prompt.
    fn read_reply<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
    ) -> Result<Reply, PlainError> {
        Ok(match term.read()? {
            // Enter on an unanswered question with a proposal takes the proposal.
            Line::Keep => match self.session.proposal_for(question) {
                Some(proposal) => Reply::Text(proposal.value),
                None => Reply::Flow(self.keep(term, question)?),
            },
            Line::Back => Reply::Flow(Flow::Back),
            Line::Quit => {
                if let Some(raw) = term.take_unfinished() {
                    self.keep_unfinished(term, question, &raw)?;
                }
                Reply::Flow(Flow::Quit)
            }
            Line::Help => {
                self.show_help(term, question)?;
                Reply::Flow(Flow::Stay)
            }
            Line::Check => {
                term.say(&self.report_text())?;
                Reply::Flow(Flow::Stay)
            }
            // `-` on a question without an answer leaves it empty on purpose.
            Line::Clear if !self.session.is_answered(question) => Reply::Flow(Flow::Next),
            Line::Clear => {
                self.session.clear(&self.id(question));
                self.session.recheck();
                term.say(self.s().cleared)?;
                // The required error the clear brings is the one refusal: Enter then moves on.
                self.refused_empty = Some(question);
                Reply::Cleared
            }
            Line::Text(raw) => Reply::Text(raw),
        })
    }

    /// An empty line keeps the answer and moves on, except on a required question without one:
    /// that is said once, and the next empty line leaves it empty.
    fn keep<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
    ) -> Result<Flow, PlainError> {
        let unanswered = self.field(question).required && !self.session.is_answered(question);
        if unanswered && self.refused_empty != Some(question) {
            self.refused_empty = Some(question);
            term.say(self.s().required_empty)?;
            return Ok(Flow::Stay);
        }
        Ok(Flow::Next)
    }

    /// Turns a typed line into an answer for the prompt's kind and stores it; a line that is not an
    /// answer of that kind (a word for a yes/no question, say) is explained and asked again.
    fn answer<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
        kind: &FieldKind,
        raw: &str,
    ) -> Result<Flow, PlainError> {
        let s = self.s();
        let answer = match kind::input(kind) {
            Input::Lines => return self.answer_multiline(term, question, kind, raw),
            Input::Pick(choice) => return self.answer_select(term, question, choice, raw),
            Input::PickMany(choice) => {
                let typed = self.clean(term, raw)?;
                let options = self.session.choices_of(choice, self.lang);
                match input::pick_many(&options, &typed, choice.allow_other) {
                    Ok(values) => Answer::List(values),
                    Err(item) => return self.refuse(term, &(s.no_match)(&item)),
                }
            }
            Input::YesNo => match input::yes_no(&self.clean(term, raw)?) {
                Some(yes) => Answer::Bool(yes),
                None => return self.refuse(term, s.not_yes_no),
            },
            Input::Number => {
                let typed = self.clean(term, raw)?;
                match input::whole_number(&typed) {
                    Some(n) => Answer::Number(n),
                    None => return self.refuse(term, &(s.not_number)(&typed)),
                }
            }
            Input::Path => Answer::Text(kind::file::typed_path(&self.clean(term, raw)?, &self.cwd)),
            // Groups are asked part by part and repeats entry by entry: neither reaches here.
            Input::Line | Input::Parts | Input::Entries => {
                Answer::Text(kind::normalize(kind, &self.clean(term, raw)?))
            }
        };
        self.store(term, question, answer)
    }

    /// Lines up to one holding only `.`. A `:q` line or the end of input keeps what was typed, then
    /// quits.
    fn answer_multiline<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
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
                    None => {
                        // A signal's cut-off line is part of the text.
                        lines.extend(term.take_unfinished());
                        quit = true;
                    }
                }
                break;
            }
        }
        let raw = lines.join("\n");
        let clean = text::sanitize(&raw, true);
        if clean != raw {
            term.say(self.s().cleaned)?;
        }
        let value = kind::normalize(kind, clean.trim());
        let flow = self.store(term, question, Answer::Text(value))?;
        Ok(if quit { Flow::Quit } else { flow })
    }

    fn answer_select<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
        choice: &Choice,
        raw: &str,
    ) -> Result<Flow, PlainError> {
        let s = self.s();
        let typed = self.clean(term, raw)?;
        let options = self.session.choices_of(choice, self.lang);
        let long = options.len() > LONG_LIST;
        let search = self
            .search
            .take()
            .filter(|search| search.question == question);
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
                if let Some(filled) = self.session.pick_answer(question, value) {
                    let bank = &filled.bank;
                    term.say(&(s.bank_filled)(
                        &self.field_label(&filled.orgnr_field),
                        &bank.orgnr,
                        &bank.name,
                    ))?;
                }
                self.after_change(term, question)
            }
            Pick::Other(text) => self.store(term, question, Answer::Text(text)),
            Pick::Several(found) => {
                self.show_matches(term, &options, &found, long)?;
                let found = if long {
                    found.into_iter().take(SHOWN_MATCHES).collect()
                } else {
                    found
                };
                self.search = Some(Search {
                    question,
                    typed,
                    found,
                });
                Ok(Flow::Stay)
            }
            Pick::NoMatch => self.refuse(term, &(s.no_match)(&typed)),
            Pick::BadNumber { n, max } => {
                self.search = search;
                self.refuse(term, &(s.no_choice_number)(n, max))
            }
        }
    }

    /// Stores an answer (the caller has cleaned and normalised it) and reports on it.
    fn store<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
        answer: Answer,
    ) -> Result<Flow, PlainError> {
        self.session.set_answer(self.id(question), answer);
        self.after_change(term, question)
    }

    /// Prints the prompt's problems (errors and warnings), then looks up any new organisation
    /// number. An error asks the same question again; Enter then keeps the value and moves on,
    /// so no one is trapped on a question.
    fn after_change<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
    ) -> Result<Flow, PlainError> {
        let problems = self.check_question(term, question)?;
        if self.look_up_new_numbers(term)? == Flow::Quit {
            return Ok(Flow::Quit);
        }
        self.check_domain(term)?;
        Ok(if problems.iter().any(Problem::is_error) {
            Flow::Stay
        } else {
            Flow::Next
        })
    }

    /// Rechecks the answers and prints the question's problems (with its entries'); returns them.
    fn check_question<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
    ) -> Result<Vec<Problem>, PlainError> {
        self.read_files();
        self.session.recheck();
        let problems: Vec<Problem> = self
            .session
            .problems_of(&self.id(question))
            .into_iter()
            .cloned()
            .collect();
        self.show_problems(term, &problems)?;
        Ok(problems)
    }

    /// Reads the attached files answered since the last time (a line prompt may wait for that).
    fn read_files(&mut self) {
        let today = self.session.today();
        for file in self.session.files_to_check() {
            let check = crate::kind::file::check_file(&file.path, &file.rules, today);
            self.session.file_checked(file.path, check);
        }
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
