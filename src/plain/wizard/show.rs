//! What the wizard prints: step headings, prompts with the current answer, help, problems, the
//! report. Everything goes through `Term::say`, which strips control characters.

use std::io::{BufRead, Write};

use super::PlainWizard;
use crate::answers::Answer;
use crate::form::{Choice, FieldKind};
use crate::kind::{self, Input, Shape};
use crate::plain::PlainError;
use crate::plain::input::{LONG_LIST, Opt, SHOWN_MATCHES};
use crate::plain::term::Term;
use crate::session::Question;
use crate::text::Lang;
use crate::validate::{Problem, Severity};

impl PlainWizard<'_> {
    /// The step heading and intro, when the cursor enters a step (going back into one, too).
    pub(super) fn announce<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
    ) -> Result<(), PlainError> {
        if self.announced == Some(question.step) {
            return Ok(());
        }
        self.announced = Some(question.step);
        let spec = self.session.spec();
        let step = &spec.steps[question.step];
        let total = spec.steps.len();
        term.blank()?;
        term.say(&(self.s().step)(
            question.step + 1,
            total,
            step.title.get(self.lang),
        ))?;
        if let Some(intro) = &step.intro {
            term.say(intro.get(self.lang))?;
        }
        Ok(())
    }

    /// Label (with `*` when required), what to type for this kind, then the current answer.
    pub(super) fn show_prompt<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        question: Question,
        kind: &FieldKind,
    ) -> Result<(), PlainError> {
        term.blank()?;
        let mark = if self.field(question).required {
            " *"
        } else {
            ""
        };
        term.say(&format!("{}{mark}", self.label(question)))?;
        self.show_kind_hint(term, kind)?;
        self.show_same_as_hint(term, question)?;
        self.show_current(term, question, kind)?;
        self.show_proposal(term, question)
    }

    /// The answer proposed for an unanswered question, which Enter takes.
    fn show_proposal<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        question: Question,
    ) -> Result<(), PlainError> {
        match self.session.proposal_for(question) {
            Some(proposal) => Ok(term.say(&format!("  {}", (self.s().proposed)(&proposal.value)))?),
            None => Ok(()),
        }
    }

    fn show_kind_hint<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        kind: &FieldKind,
    ) -> Result<(), PlainError> {
        let s = self.s();
        match kind::input(kind) {
            Input::Lines => term.say(&format!("  {}", s.multiline_hint))?,
            Input::Pick(choice) => self.show_choices(term, choice, s.select_hint)?,
            Input::PickMany(choice) => self.show_choices(term, choice, s.multi_hint)?,
            Input::YesNo => term.say(&format!("  {}", s.yes_no_hint))?,
            Input::Number => {
                let detail = number_detail(kind, self.lang);
                term.say(&format!("  {}", (s.number_hint)(&detail)))?;
            }
            Input::Path => {
                let cwd = self.cwd.display().to_string();
                term.say(&format!("  {}", (s.file_hint)(&cwd)))?;
            }
            // A line of text says what it wants in its label and help; groups and repeats are
            // asked part by part.
            Input::Line | Input::Parts | Input::Entries => {}
        }
        Ok(())
    }

    /// A short list is printed numbered; a long one is searched.
    fn show_choices<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        choice: &Choice,
        short_hint: &str,
    ) -> Result<(), PlainError> {
        let s = self.s();
        let options = self.session.choices_of(choice, self.lang);
        if options.len() > LONG_LIST {
            term.say(&format!("  {}", (s.select_search_hint)(options.len())))?;
        } else {
            term.say(&format!("  {short_hint}"))?;
            for (i, option) in options.iter().enumerate() {
                term.say(&format!("  {}. {}", i + 1, option.shown()))?;
            }
        }
        if choice.allow_other {
            term.say(&format!("  {}", s.other_allowed))?;
        }
        Ok(())
    }

    /// The current answer, or the default that stands in for it.
    fn show_current<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        question: Question,
        kind: &FieldKind,
    ) -> Result<(), PlainError> {
        let s = self.s();
        let (word, value) = match self.session.answers().get(&self.id(question)) {
            Some(answer) => (s.now, self.shown_answer(answer, kind)),
            None => match (&self.field(question).default, question.part) {
                (Some(default), None) => (s.default, self.shown_default(default)),
                _ => return Ok(()),
            },
        };
        if value.contains('\n') {
            term.say(&format!("  {word}:"))?;
            for line in value.lines() {
                term.say(&format!("    {line}"))?;
            }
            Ok(())
        } else {
            Ok(term.say(&format!("  {word}: {value}"))?)
        }
    }

    pub(super) fn shown_answer(&self, answer: &Answer, kind: &FieldKind) -> String {
        let s = self.s();
        match (answer, kind) {
            (Answer::Text(value), FieldKind::Select(choice)) => self
                .session
                .choices_of(choice, self.lang)
                .into_iter()
                .find(|o| &o.value == value)
                .map_or_else(|| value.clone(), |o| o.shown()),
            (Answer::Text(value), _) => value.clone(),
            (Answer::Bool(true), _) => s.yes.to_string(),
            (Answer::Bool(false), _) => s.no.to_string(),
            (Answer::Number(n), _) => n.to_string(),
            (Answer::List(items), _) => items.join(", "),
            (Answer::Records(records), _) => records
                .iter()
                .map(|r| r.values().cloned().collect::<Vec<_>>().join(", "))
                .collect::<Vec<_>>()
                .join("; "),
            (Answer::Invalid(value) | Answer::Unknown(value), _) => value.to_string(),
        }
    }

    fn shown_default(&self, default: &toml::Value) -> String {
        let s = self.s();
        match default {
            toml::Value::Boolean(true) => s.yes.to_string(),
            toml::Value::Boolean(false) => s.no.to_string(),
            toml::Value::String(text) => text.clone(),
            other => other.to_string(),
        }
    }

    /// The field's help in the chosen language, then the input conventions.
    pub(super) fn show_help<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        question: Question,
    ) -> Result<(), PlainError> {
        term.say(self.field(question).help.get(self.lang))?;
        term.blank()?;
        Ok(term.say(self.s().conventions)?)
    }

    /// `severity field.id: message`, one line each.
    pub(super) fn show_problems<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        problems: &[Problem],
    ) -> Result<(), PlainError> {
        let s = self.s();
        for problem in problems {
            let severity = match problem.severity {
                Severity::Error => s.error,
                Severity::Warning => s.warning,
            };
            let message = problem.message.get(self.lang);
            term.say(&format!("  {severity} {}: {message}", problem.field))?;
        }
        Ok(())
    }

    /// Search results: a long list's first matches numbered from 1; a short list's with their
    /// numbers in the full list (the numbers a user types there).
    pub(super) fn show_matches<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        options: &[Opt],
        found: &[usize],
        long: bool,
    ) -> Result<(), PlainError> {
        let s = self.s();
        term.say(&(s.matches)(found.len()))?;
        let shown = if long { SHOWN_MATCHES } else { found.len() };
        for (i, &index) in found.iter().enumerate().take(shown) {
            let number = if long { i + 1 } else { index + 1 };
            term.say(&format!("  {number}. {}", options[index].shown()))?;
        }
        if found.len() > shown {
            term.say(&(s.more_matches)(found.len() - SHOWN_MATCHES))?;
        }
        Ok(term.say(s.matches_hint)?)
    }

    /// Problems and checklist for the answers so far, as `check` prints them, with what the
    /// register said.
    pub(super) fn report_text(&self) -> String {
        self.session
            .report()
            .to_text(self.lang)
            .trim_end()
            .to_string()
    }
}

/// ` (1–100 days)`: a number's range and unit, or nothing.
fn number_detail(kind: &FieldKind, lang: Lang) -> String {
    let Shape::Number { min, max, unit } = kind::shape(kind) else {
        return String::new();
    };
    let range = match (min, max) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("≥ {a}"),
        (None, Some(b)) => format!("≤ {b}"),
        (None, None) => String::new(),
    };
    let unit = unit.map(|u| u.get(lang)).unwrap_or("");
    match format!("{range} {unit}").trim() {
        "" => String::new(),
        d => format!(" ({d})"),
    }
}
