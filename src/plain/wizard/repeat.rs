//! A repeated answer (operations contacts, redirect addresses): the entries are listed, and
//! `a` adds one, `d N` removes entry N, `u N` moves it up, Enter goes on.

use std::io::{BufRead, Write};

use super::{Flow, PlainWizard, Reply, Slot};
use crate::answers::{Answer, Record};
use crate::form::{FieldKind, part_label};
use crate::plain::PlainError;
use crate::plain::input;
use crate::plain::term::{Line, Term};
use crate::validate;

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

    /// Removes entry `n` (from 1); false when there is none.
    fn remove(&mut self, n: usize) -> bool {
        if n == 0 || n > self.len() {
            return false;
        }
        match self {
            Entries::Records(records) => drop(records.remove(n - 1)),
            Entries::Items(items) => drop(items.remove(n - 1)),
        }
        true
    }

    /// Swaps entry `n` (from 1) with the one before it; the first stays first.
    fn move_up(&mut self, n: usize) -> bool {
        if n == 0 || n > self.len() {
            return false;
        }
        if n > 1 {
            match self {
                Entries::Records(records) => records.swap(n - 2, n - 1),
                Entries::Items(items) => items.swap(n - 2, n - 1),
            }
        }
        true
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

    /// The answer to store; none for no entries, so an empty repeat reads as unanswered.
    fn into_answer(self) -> Option<Answer> {
        match self {
            Entries::Records(records) if !records.is_empty() => Some(Answer::Records(records)),
            Entries::Items(items) if !items.is_empty() => Some(Answer::List(items)),
            _ => None,
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
        slot: Slot,
        item: &FieldKind,
    ) -> Result<Flow, PlainError> {
        let s = self.s();
        let entries = self.entries(slot, item);
        self.show_entries(term, slot, item, &entries)?;
        Ok(match self.read_reply(term, slot)? {
            Reply::Flow(flow) => flow,
            Reply::Cleared => self.after_entries_change(term, slot)?,
            Reply::Text(typed) => match Command::parse(&typed) {
                Some(Command::Add) => self.add_entry(term, slot, item, entries)?,
                Some(Command::Remove(n)) => {
                    self.edit_entries(term, slot, entries, n, Entries::remove)?
                }
                Some(Command::Up(n)) => {
                    self.edit_entries(term, slot, entries, n, Entries::move_up)?
                }
                None => self.refuse(term, s.repeat_bad)?,
            },
        })
    }

    fn entries(&self, slot: Slot, item: &FieldKind) -> Entries {
        Entries::of(self.answers.get(&self.slot_id(slot)), item.is_group())
    }

    fn show_entries<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        slot: Slot,
        item: &FieldKind,
        entries: &Entries,
    ) -> Result<(), PlainError> {
        let s = self.s();
        term.blank()?;
        let mark = if self.field(slot).required { " *" } else { "" };
        term.say(&format!("{}{mark}", self.label(slot)))?;
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
    fn edit_entries<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
        mut entries: Entries,
        n: usize,
        edit: fn(&mut Entries, usize) -> bool,
    ) -> Result<Flow, PlainError> {
        if !edit(&mut entries, n) {
            return self.refuse(term, &(self.s().no_entry)(n));
        }
        self.store_entries(term, slot, entries)
    }

    /// Asks each part of a new entry (one line for a scalar item) and appends it.
    fn add_entry<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
        item: &FieldKind,
        mut entries: Entries,
    ) -> Result<Flow, PlainError> {
        let label = (self.s().entry_label)(&self.label(slot), entries.len() + 1);
        let (added, quit) = match &mut entries {
            Entries::Records(records) => {
                let mut record = Record::new();
                let mut quit = false;
                for (part, kind) in item.group_parts().unwrap_or_default() {
                    let part_label = format!("{label} — {}", part_label(part).get(self.lang));
                    match self.ask_part(term, slot, &part_label, &kind)? {
                        PartInput::Value(value) => drop(record.insert(part.to_string(), value)),
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
                let added = !record.is_empty();
                if added {
                    records.push(record);
                }
                (added, quit)
            }
            Entries::Items(items) => match self.ask_part(term, slot, &label, item)? {
                PartInput::Value(value) => {
                    items.push(value);
                    (true, false)
                }
                PartInput::Empty | PartInput::Cancel => {
                    return self.refuse(term, self.s().entry_cancelled);
                }
                PartInput::Quit => (false, true),
            },
        };
        let flow = if added {
            self.store_entries(term, slot, entries)?
        } else {
            Flow::Stay
        };
        Ok(if quit { Flow::Quit } else { flow })
    }

    /// One line for one part of a new entry; `?` and `:check` answer and ask again.
    fn ask_part<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
        label: &str,
        kind: &FieldKind,
    ) -> Result<PartInput, PlainError> {
        loop {
            term.say(label)?;
            match term.read()? {
                Line::Keep | Line::Clear => return Ok(PartInput::Empty),
                Line::Back => return Ok(PartInput::Cancel),
                Line::Quit => return Ok(PartInput::Quit),
                Line::Help => self.show_help(term, slot)?,
                Line::Check => term.say(&self.report_text())?,
                Line::Text(raw) => {
                    let clean = self.clean(term, &raw)?;
                    let value = match kind {
                        FieldKind::File(_) => input::file_path(&clean, &self.cwd),
                        _ => validate::normalize(kind, &clean),
                    };
                    return Ok(PartInput::Value(value));
                }
            }
        }
    }

    /// Stores the entries, reports their problems and stays on the list, so more can be added.
    fn store_entries<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
        entries: Entries,
    ) -> Result<Flow, PlainError> {
        let id = self.slot_id(slot);
        match entries.into_answer() {
            Some(answer) => self.answers.set(id, answer),
            None => drop(self.answers.remove(&id)),
        }
        self.dirty = true;
        self.after_entries_change(term, slot)
    }

    fn after_entries_change<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        slot: Slot,
    ) -> Result<Flow, PlainError> {
        let problems = self.problems_of(&self.slot_id(slot));
        self.show_problems(term, &problems)?;
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
    fn entries_are_removed_and_moved_by_their_number_from_one() {
        let mut entries = Entries::Items(vec!["a".into(), "b".into(), "c".into()]);
        assert!(entries.move_up(3));
        assert_eq!(entries.lines(&[]), ["a", "c", "b"]);
        assert!(entries.move_up(1));
        assert!(entries.remove(1));
        assert_eq!(entries.lines(&[]), ["c", "b"]);
        assert!(!entries.remove(3));
        assert!(!entries.move_up(0));
        let record: Record = [
            ("email".to_string(), "x@y.no".to_string()),
            ("name".to_string(), "X".to_string()),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            Entries::Records(vec![record]).lines(&["name", "email"]),
            ["X, x@y.no"]
        );
    }
}
