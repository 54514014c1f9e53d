//! The registry at the prompt: a new organisation number is looked up as soon as it is answered
//! (within the registry's time limit), what the register says is printed in one line, empty
//! fields are filled, and a registered value that differs from what was typed replaces it only
//! after a yes.

use std::io::{BufRead, Write};

use super::{Flow, PlainWizard};
use crate::plain::PlainError;
use crate::plain::input;
use crate::plain::term::{Line, Term};
use crate::registry::Prefill;

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
        for number in self.session.numbers_to_look_up() {
            // A line prompt waits for the answer: it is bounded by the registry's time limit, and
            // the next question may be one the answer fills in.
            let lookup = registry.lookup(&number);
            term.say(lookup.summary().get(self.lang))?;
            let result = self.session.looked_up(lookup);
            if !result.filled.is_empty() {
                let fields: Vec<&str> = result.filled.iter().map(|p| p.field.as_str()).collect();
                term.say(&(self.s().prefilled)(&fields.join(", ")))?;
            }
            for proposal in result.ask {
                if self.ask_to_replace(term, &proposal)? == Flow::Quit {
                    return Ok(Flow::Quit);
                }
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

    /// The label of the question an answer id belongs to, or the id itself.
    fn field_label(&self, id: &str) -> String {
        let spec = self.session.spec();
        crate::session::rows::questions(spec, self.session.answers())
            .into_iter()
            .find(|q| q.id(spec) == id)
            .map_or_else(|| id.to_string(), |q| self.label(q))
    }
}
