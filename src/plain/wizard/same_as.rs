//! "Same as" at the prompt: at a contact's questions, `=N` copies the contact of role N of the
//! list shown (or `=general`, by the role's id), and the wizard goes on after the contact.

use std::io::{BufRead, Write};

use super::{Flow, PlainWizard};
use crate::form::FieldKind;
use crate::plain::PlainError;
use crate::plain::term::{Line, Term};
use crate::session::{Question, SameAsSource};

impl PlainWizard<'_> {
    /// Whether a typed line asks for a copy: `=` at a contact's question.
    pub(super) fn is_same_as(&self, question: Question, typed: &str) -> bool {
        typed.trim_start().starts_with('=')
            && matches!(self.field(question).kind, FieldKind::Contact { .. })
    }

    /// The roles a contact can be copied from, as the prompt lists them.
    pub(super) fn same_as_sources(&self, question: Question) -> Vec<SameAsSource> {
        let target = &self.field(question).id;
        self.session.same_as_sources(target, self.lang)
    }

    /// `1. General contact (Kari Nordmann), 2. …` under a contact's first question.
    pub(super) fn show_same_as_hint<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        question: Question,
    ) -> Result<(), PlainError> {
        if question.part != Some(0) {
            return Ok(());
        }
        self.say_same_as_hint(term, &self.same_as_sources(question))
    }

    /// `Same person as another role? … 1. General contact (Kari Nordmann), 2. …`, unless there is
    /// no role to copy.
    pub(super) fn say_same_as_hint<R: BufRead, W: Write>(
        &self,
        term: &mut Term<R, W>,
        sources: &[SameAsSource],
    ) -> Result<(), PlainError> {
        if sources.is_empty() {
            return Ok(());
        }
        let roles: Vec<String> = sources
            .iter()
            .enumerate()
            .map(|(i, source)| format!("{}. {}", i + 1, source.shown()))
            .collect();
        Ok(term.say(&format!("  {}", (self.s().same_as_hint)(&roles.join(", "))))?)
    }

    /// Copies the role `typed` names (`=2`, `=general`) into the question's contact.
    pub(super) fn copy_contact<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        question: Question,
        typed: &str,
    ) -> Result<Flow, PlainError> {
        let s = self.s();
        let wanted = typed.trim().trim_start_matches('=').trim();
        let sources = self.same_as_sources(question);
        if sources.is_empty() {
            return self.refuse(term, s.same_as_none);
        }
        let Some(source) = pick_source(&sources, wanted) else {
            return self.refuse(term, &(s.same_as_unknown)(wanted));
        };
        let target = self.field(question).id.clone();
        self.session.copy_contact(&target, &source.field);
        term.say(&(s.copied_from)(&source.shown()))?;
        if self.fill_other_roles(term, &target, source)? == Flow::Quit {
            return Ok(Flow::Quit);
        }
        match self.after_change(term, question)? {
            Flow::Next => Ok(Flow::NextField),
            other => Ok(other),
        }
    }
}

impl PlainWizard<'_> {
    /// After a copy: the other roles without a name, numbered; the numbers typed (`1, 3`) get
    /// the same person too, Enter none.
    fn fill_other_roles<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        target: &str,
        source: &SameAsSource,
    ) -> Result<Flow, PlainError> {
        let s = self.s();
        let others = self.session.unnamed_contacts(target, self.lang);
        if others.is_empty() {
            return Ok(Flow::Next);
        }
        let listed: Vec<String> = others
            .iter()
            .enumerate()
            .map(|(i, (_, label))| format!("{}. {label}", i + 1))
            .collect();
        term.say(&format!(
            "  {}",
            (s.same_as_also)(&source.shown(), &listed.join(", "))
        ))?;
        let typed = match term.read()? {
            Line::Quit => return Ok(Flow::Quit),
            Line::Text(typed) => typed,
            Line::Keep | Line::Back | Line::Help | Line::Check | Line::Clear => {
                return Ok(Flow::Next);
            }
        };
        let mut filled = Vec::new();
        for number in typed.split([',', ' ']).filter(|n| !n.trim().is_empty()) {
            let Ok(n) = number.trim().parse::<usize>() else {
                term.say(&(s.no_match)(number.trim()))?;
                continue;
            };
            match n.checked_sub(1).and_then(|i| others.get(i)) {
                Some((id, label)) => {
                    if self.session.copy_contact(id, &source.field) > 0 {
                        filled.push(label.clone());
                    }
                }
                None => term.say(&(s.no_choice_number)(n, others.len()))?,
            }
        }
        if !filled.is_empty() {
            self.session.recheck();
            term.say(&(s.copied_to)(&source.shown(), &filled.join(", ")))?;
        }
        Ok(Flow::Next)
    }
}

/// By number in the list (from 1), or by the role's id or its last part (`contacts.general`,
/// `general`, `signatory[2]`), in any case.
pub(super) fn pick_source<'a>(
    sources: &'a [SameAsSource],
    wanted: &str,
) -> Option<&'a SameAsSource> {
    if let Ok(n) = wanted.parse::<usize>() {
        return n.checked_sub(1).and_then(|i| sources.get(i));
    }
    let wanted = wanted.to_lowercase();
    sources.iter().find(|source| {
        let id = source.field.to_lowercase();
        id == wanted || id.rsplit('.').next() == Some(wanted.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(field: &str) -> SameAsSource {
        SameAsSource {
            field: field.into(),
            label: field.into(),
            name: "Kari Nordmann".into(),
            other_party: false,
        }
    }

    #[test]
    fn a_role_is_picked_by_number_or_by_its_id() {
        let sources = [source("contacts.general"), source("contacts.signatory")];
        assert_eq!(
            pick_source(&sources, "2").unwrap().field,
            "contacts.signatory"
        );
        assert_eq!(
            pick_source(&sources, "General").unwrap().field,
            "contacts.general"
        );
        assert_eq!(
            pick_source(&sources, "contacts.signatory").unwrap().field,
            "contacts.signatory"
        );
        assert!(pick_source(&sources, "3").is_none());
        assert!(pick_source(&sources, "0").is_none());
        assert!(pick_source(&sources, "boss").is_none());
    }
}
