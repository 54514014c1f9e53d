//! A repeated answer (operations contacts, redirect addresses): the entries are listed, and
//! `a` adds one, `d N` removes entry N, `u N` moves it up, Enter goes on. A new entry of a
//! repeated contact can be "same as" another role: `=N` at its first part copies role N.

use std::io::{BufRead, Write};

use super::{Flow, PlainWizard, Reply};
use crate::answers::{Answer, Record};
use crate::form::{FieldKind, part_label};
use crate::kind::{self, Input};
use crate::plain::PlainError;
use crate::plain::term::{Line, Term};
use crate::session::{Entry, EntryChange, Question, SameAsSource, entry_id};

/// The entries of a repeat: records of a group item, or texts of a scalar item.
#[derive(Clone, Debug, PartialEq)]
enum Entries {
    Records(Vec<Record>),
    Items(Vec<String>),
}

impl Entries {
    /// The stored entries; a value of the wrong type (from a hand-edited file) counts as none, and
    /// stays in the draft until an entry is added.
    fn of(answer: Option<&Answer>, group: bool) -> Entries {
        match answer {
            Some(Answer::Records(records)) => Entries::Records(records.clone()),
            Some(Answer::List(items)) => Entries::Items(items.clone()),
            _ if group => Entries::Records(Vec::new()),
            _ => Entries::Items(Vec::new()),
        }
    }

    fn len(&self) -> usize {
        match self {
            Entries::Records(records) => records.len(),
            Entries::Items(items) => items.len(),
        }
    }

    /// One line per entry, a record's parts in the group's order.
    fn lines(&self, parts: &[&str]) -> Vec<String> {
        match self {
            Entries::Records(records) => records
                .iter()
                .map(|r| {
                    let known = parts.iter().filter_map(|p| r.get(*p));
                    let other = r.iter().filter(|(k, _)| !parts.contains(&k.as_str()));
                    known
                        .chain(other.map(|(_, v)| v))
                        .filter(|v| !v.trim().is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect(),
            Entries::Items(items) => items.clone(),
        }
    }
}

/// A command at a repeat's prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Command {
    Add,
    Remove(usize),
    Up(usize),
}

impl Command {
    /// `a`, `d N` / `dN`, `u N` / `uN`.
    fn parse(typed: &str) -> Option<Command> {
        let typed = typed.trim().to_lowercase();
        if typed == "a" {
            return Some(Command::Add);
        }
        let number = |rest: &str| rest.trim().parse::<usize>().ok();
        if let Some(n) = typed.strip_prefix('d').and_then(number) {
            return Some(Command::Remove(n));
        }
        typed.strip_prefix('u').and_then(number).map(Command::Up)
    }
}

/// What was typed for one part of a new entry.
enum PartInput {
    Value(String),
    /// `=N`: copy role N (what follows the `=`).
    SameAs(String),
    Empty,
    /// `<`: the entry is not added.
    Cancel,
    /// `:q` or the end of input: what was typed is kept, then the wizard quits.
    Quit,
}

impl PlainWizard<'_> {
    pub(super) fn ask_repeat<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
        item: &FieldKind,
    ) -> Result<Flow, PlainError> {
        let s = self.s();
        let entries = self.entries(question, item);
        self.show_entries(term, question, item, &entries)?;
        Ok(match self.read_reply(term, question)? {
            Reply::Flow(flow) => flow,
            Reply::Cleared => self.after_entries_change(term, question)?,
            Reply::Text(typed) => match Command::parse(&typed) {
                Some(Command::Add) => self.add_entry(term, question, item, entries)?,
                Some(Command::Remove(n)) => {
                    self.edit_entry(term, question, &entries, n, EntryChange::Remove)?
                }
                Some(Command::Up(n)) => {
                    self.edit_entry(term, question, &entries, n, EntryChange::MoveUp)?
                }
                None => self.refuse(term, s.repeat_bad)?,
            },
        })
    }

    fn entries(&self, question: Question, item: &FieldKind) -> Entries {
        Entries::of(
            self.session.answers().get(&self.id(question)),
            item.is_group(),
        )
    }

    fn show_entries<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        question: Question,
        item: &FieldKind,
        entries: &Entries,
    ) -> Result<(), PlainError> {
        let s = self.s();
        term.blank()?;
        let mark = if self.field(question).required {
            " *"
        } else {
            ""
        };
        term.say(&format!("{}{mark}", self.label(question)))?;
        let parts: Vec<&str> = item
            .group_parts()
            .unwrap_or_default()
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        let lines = entries.lines(&parts);
        if lines.is_empty() {
            term.say(&format!("  {}", s.repeat_empty))?;
        }
        for (i, line) in lines.iter().enumerate() {
            term.say(&format!("  {}. {line}", i + 1))?;
        }
        Ok(term.say(&format!("  {}", s.repeat_hint))?)
    }

    /// `d N` and `u N`: change the entries, or say there is no entry N.
    fn edit_entry<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
        entries: &Entries,
        n: usize,
        change: EntryChange,
    ) -> Result<Flow, PlainError> {
        if n == 0 || n > entries.len() {
            return self.refuse(term, &(self.s().no_entry)(n));
        }
        let id = self.id(question);
        self.session.edit_entry(&id, n - 1, change);
        self.after_entries_change(term, question)
    }

    /// Asks each part of a new entry (one line for a scalar item) and appends it.
    fn add_entry<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
        item: &FieldKind,
        entries: Entries,
    ) -> Result<Flow, PlainError> {
        let label = (self.s().entry_label)(&self.label(question), entries.len() + 1);
        let target = entry_id(&self.id(question), entries.len());
        let sources = self.session.same_as_sources(&target, self.lang);
        let (added, quit) = match entries {
            Entries::Records(_) => {
                let mut record = Record::new();
                let mut quit = false;
                self.say_same_as_hint(term, &sources)?;
                let signers = self.signer_names(question);
                self.say_signers_hint(term, &signers)?;
                for (i, (part, kind)) in item
                    .group_parts()
                    .unwrap_or_default()
                    .into_iter()
                    .enumerate()
                {
                    let part_label = format!("{label} — {}", part_label(part).get(self.lang));
                    let same_as = i == 0 && !sources.is_empty();
                    match self.ask_part(term, question, &part_label, &kind, same_as)? {
                        PartInput::Value(value) => {
                            let value = if part == "name" {
                                self.signer_by_number(term, &signers, value)?
                            } else {
                                value
                            };
                            drop(record.insert(part.to_string(), value))
                        }
                        PartInput::SameAs(wanted) => {
                            match self.copied_record(term, &sources, &wanted)? {
                                Some(copied) => {
                                    record = copied;
                                    break;
                                }
                                None => return Ok(Flow::Stay),
                            }
                        }
                        PartInput::Empty => {}
                        PartInput::Cancel => return self.refuse(term, self.s().entry_cancelled),
                        PartInput::Quit => {
                            quit = true;
                            break;
                        }
                    }
                }
                // Parts typed before a quit are kept: the entry is saved, and validation names
                // what it still lacks.
                if record.is_empty() {
                    (None, quit)
                } else {
                    (Some(Entry::Record(record)), quit)
                }
            }
            Entries::Items(_) => match self.ask_part(term, question, &label, item, false)? {
                PartInput::Value(value) => (Some(Entry::Item(value)), false),
                PartInput::SameAs(_) | PartInput::Empty | PartInput::Cancel => {
                    return self.refuse(term, self.s().entry_cancelled);
                }
                PartInput::Quit => (None, true),
            },
        };
        let flow = match added {
            Some(entry) => {
                let id = self.id(question);
                self.session.push_entry(&id, entry);
                self.after_entries_change(term, question)?
            }
            None => Flow::Stay,
        };
        Ok(if quit { Flow::Quit } else { flow })
    }

    /// The names the register lists for a question: with signing authority for a signatory, in
    /// any role for another of the company's contacts.
    pub(super) fn signer_names(&self, question: Question) -> Vec<crate::session::ChoiceOption> {
        self.session.question_name_choices(question)
    }

    /// "From the register …: 1. Åse Bråten — Signatur i fellesskap, …" and the signing rule.
    pub(super) fn say_signers_hint<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        signers: &[crate::session::ChoiceOption],
    ) -> Result<(), PlainError> {
        if signers.is_empty() {
            return Ok(());
        }
        let listed: Vec<String> = signers
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{}. {} — {}", i + 1, s.value, s.label_or_value()))
            .collect();
        term.say(&format!(
            "  {}",
            (self.s().signers_hint)(&listed.join(", "))
        ))?;
        let signatories = signers
            .iter()
            .any(|s| matches!(s.origin, crate::session::OptionOrigin::Signatory { .. }));
        if signatories && let Some(rule) = self.session.signing_rule() {
            term.say(&format!("  {}", rule.get(self.lang)))?;
        }
        Ok(())
    }

    /// A number typed for a signatory's name is the register's name of that number (said as
    /// picked); anything else is the name as typed.
    pub(super) fn signer_by_number<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        signers: &[crate::session::ChoiceOption],
        typed: String,
    ) -> Result<String, PlainError> {
        let picked = typed
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| signers.get(i));
        match picked {
            Some(option) => {
                term.say(&(self.s().picked)(&option.value))?;
                Ok(option.value.clone())
            }
            None => Ok(typed),
        }
    }

    /// The parts of the role `wanted` names, said as copied; `None` (and why, said) when no role
    /// of `sources` has that number or id.
    fn copied_record<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        sources: &[SameAsSource],
        wanted: &str,
    ) -> Result<Option<Record>, PlainError> {
        let s = self.s();
        let Some(source) = super::same_as::pick_source(sources, wanted) else {
            term.say(&(s.same_as_unknown)(wanted))?;
            term.say(s.entry_cancelled)?;
            return Ok(None);
        };
        let record = self
            .session
            .contact_record(&source.field)
            .unwrap_or_default();
        term.say(&(s.copied_from)(&source.shown()))?;
        Ok(Some(record))
    }

    /// One line for one part of a new entry; `?` and `:check` answer and ask again. With
    /// `same_as`, a line starting with `=` names a role to copy.
    fn ask_part<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
        label: &str,
        kind: &FieldKind,
        same_as: bool,
    ) -> Result<PartInput, PlainError> {
        loop {
            term.say(label)?;
            match term.read()? {
                Line::Keep | Line::Clear => return Ok(PartInput::Empty),
                Line::Back => return Ok(PartInput::Cancel),
                // A part a signal cut off is kept (the entry is saved with it); a copy half
                // typed is not made.
                Line::Quit => {
                    return Ok(match term.take_unfinished() {
                        Some(raw)
                            if matches!(Line::parse(&raw), Line::Text(_))
                                && !raw.trim_start().starts_with('=') =>
                        {
                            PartInput::Value(self.part_value(term, kind, &raw)?)
                        }
                        Some(_) | None => PartInput::Quit,
                    });
                }
                Line::Help => self.show_help(term, question)?,
                Line::Check => term.say(&self.report_text())?,
                Line::Text(raw) if same_as && raw.trim_start().starts_with('=') => {
                    let wanted = raw.trim().trim_start_matches('=').trim();
                    return Ok(PartInput::SameAs(wanted.to_string()));
                }
                Line::Text(raw) => return Ok(PartInput::Value(self.part_value(term, kind, &raw)?)),
            }
        }
    }

    /// A typed line as the value of one part.
    fn part_value<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        kind: &FieldKind,
        raw: &str,
    ) -> Result<String, PlainError> {
        let clean = self.clean(term, raw)?;
        Ok(match kind::input(kind) {
            Input::Path => kind::file::typed_path(&clean, &self.cwd),
            Input::Line
            | Input::Lines
            | Input::Pick(_)
            | Input::PickMany(_)
            | Input::YesNo
            | Input::Number
            | Input::Parts
            | Input::Entries => kind::normalize(kind, &clean),
        })
    }

    /// Reports the entries' problems and stays on the list, so more can be added.
    fn after_entries_change<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
    ) -> Result<Flow, PlainError> {
        self.check_question(term, question)?;
        Ok(Flow::Stay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_take_a_number_with_or_without_a_space() {
        assert_eq!(Command::parse("a"), Some(Command::Add));
        assert_eq!(Command::parse(" d 2 "), Some(Command::Remove(2)));
        assert_eq!(Command::parse("u3"), Some(Command::Up(3)));
        assert_eq!(Command::parse("delete"), None);
        assert_eq!(Command::parse("d"), None);
    }

    #[test]
    fn an_entry_is_one_line_with_its_parts_in_the_group_order() {
        let items = Entries::Items(vec!["a".into(), "b".into()]);
        assert_eq!(items.lines(&[]), ["a", "b"]);
        let record: Record = [
            ("email".to_string(), "x@y.no".to_string()),
            ("name".to_string(), "X".to_string()),
            ("note".to_string(), " ".to_string()),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            Entries::Records(vec![record]).lines(&["name", "email"]),
            ["X, x@y.no"]
        );
    }
}
