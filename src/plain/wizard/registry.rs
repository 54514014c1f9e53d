//! The registry at the prompt: a new organisation number is looked up as soon as it is answered
//! (within the registry's time limit), what the register says is printed in one line, empty
//! fields are filled, and a registered value that differs from what was typed replaces it only
//! after a yes. A number that is a sub-unit is said to be one, and its parent's number (the legal
//! entity's) is offered: after a yes it replaces the sub-unit's and is looked up in its turn.

use std::io::{BufRead, Write};

use super::{Flow, PlainWizard};
use crate::plain::PlainError;
use crate::plain::input;
use crate::plain::term::{Line, Term};
use crate::registry::{Prefill, UseParent};

impl PlainWizard<'_> {
    /// Looks up the numbers answered since the last time. `Flow::Quit` when the user quit at a
    /// question about the register's values, else `Flow::Next`.
    pub(super) fn look_up_new_numbers<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
    ) -> Result<Flow, PlainError> {
        let Some(registry) = self.registry.clone() else {
            return Ok(Flow::Next);
        };
        // A yes to a sub-unit's parent gives a new number to look up: go on until none is left.
        loop {
            let numbers = self.session.numbers_to_look_up();
            if numbers.is_empty() {
                self.look_up_roles(&registry);
                return Ok(Flow::Next);
            }
            for number in numbers {
                // A line prompt waits for the answer: it is bounded by the registry's time limit,
                // and the next question may be one the answer fills in.
                let lookup = registry.lookup(&number);
                term.say(lookup.summary().get(self.lang))?;
                if self.take_lookup(term, lookup)? == Flow::Quit {
                    return Ok(Flow::Quit);
                }
            }
        }
    }

    /// Who holds which role in the company, once its number is known: the signatory question
    /// then offers the people who may sign. Waits at most the registry's time limit.
    fn look_up_roles(&mut self, registry: &crate::registry::Registry) {
        for number in self.session.roles_to_look_up() {
            let lookup = registry.lookup_roles(&number);
            self.session.roles_looked_up(lookup);
        }
    }

    /// Hands one answer to the session, says what it filled, and asks about the rest.
    fn take_lookup<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        lookup: crate::registry::Lookup,
    ) -> Result<Flow, PlainError> {
        let result = self.session.looked_up(lookup);
        if !result.filled.is_empty() {
            let fields: Vec<String> = result
                .filled
                .iter()
                .map(|p| self.field_label(&p.field))
                .collect();
            term.say(&(self.s().prefilled)(&fields.join(", ")))?;
        }
        for proposal in result.ask {
            if self.ask_to_replace(term, &proposal)? == Flow::Quit {
                return Ok(Flow::Quit);
            }
        }
        for proposal in result.use_parent {
            if self.ask_to_use_parent(term, &proposal)? == Flow::Quit {
                return Ok(Flow::Quit);
            }
        }
        Ok(Flow::Next)
    }

    /// "X is a sub-unit of Y …; use Y's number?": yes puts the parent's number in the field;
    /// anything else keeps the sub-unit's.
    fn ask_to_use_parent<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        proposal: &UseParent,
    ) -> Result<Flow, PlainError> {
        let s = self.s();
        term.say(&(s.use_parent)(proposal.question.get(self.lang)))?;
        match term.read()? {
            Line::Quit => return Ok(Flow::Quit),
            Line::Text(answer) if input::yes_no(&answer) == Some(true) => {
                self.session.use_parent(proposal);
            }
            Line::Text(_) | Line::Keep | Line::Back | Line::Help | Line::Check | Line::Clear => {
                term.say(&(s.kept_number)(&proposal.sub_unit))?;
            }
        }
        Ok(Flow::Next)
    }

    /// "The register has X for the name, you typed Y. Use the register's?": yes takes it;
    /// anything else keeps what was typed.
    fn ask_to_replace<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
        proposal: &Prefill,
    ) -> Result<Flow, PlainError> {
        let s = self.s();
        let typed = proposal.replaces.as_deref().unwrap_or_default();
        term.say(&(s.replace_from_registry)(
            &self.field_label(&proposal.field),
            &proposal.value,
            typed,
        ))?;
        match term.read()? {
            Line::Quit => return Ok(Flow::Quit),
            Line::Text(answer) if input::yes_no(&answer) == Some(true) => {
                self.session.accept(std::slice::from_ref(proposal));
                self.session.recheck();
            }
            Line::Text(_) | Line::Keep | Line::Back | Line::Help | Line::Check | Line::Clear => {
                term.say(s.kept_typed)?;
            }
        }
        Ok(Flow::Next)
    }

    /// The label of the question an answer id belongs to (never the id, where a label exists).
    pub(super) fn field_label(&self, id: &str) -> String {
        self.session.label_of(id, self.lang)
    }
}
