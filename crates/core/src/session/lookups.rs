//! The registry in the session: which numbers to look up, and what an answer fills in.
//!
//! The front end runs the lookups (in the background: typing never waits) and hands each answer
//! back to [`Session::looked_up`]. Empty fields are filled at once; a registered name or address
//! that differs from what the user typed is only proposed, and replaces the typed text after a yes
//! ([`Session::accept`]). A number that turns out to be a sub-unit is shown as such on its field
//! and the checklist, and its parent's number (the legal entity's) is proposed: the front end
//! asks, and a yes goes to [`Session::use_parent`].

use super::Session;
use crate::registry::{self, Lookup, Prefill, UseParent};
use crate::validate::{Finding, Problem};

/// What a lookup did to the answers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LookedUp {
    /// Empty fields filled from the registry (already applied).
    pub filled: Vec<Prefill>,
    /// Registered values that would replace typed text: ask first.
    pub ask: Vec<Prefill>,
    /// Numbers that are sub-units, with their parent's number to use instead: ask first.
    pub use_parent: Vec<UseParent>,
}

/// The parts of a questionnaire whose `<parent>.orgnr` is looked up and whose name and address
/// a lookup can fill.
const PREFILLED: [&str; 2] = ["company", "bank"];

impl Session {
    /// Valid company and bank numbers not yet looked up nor on their way; they count as on their
    /// way from now on, so each is handed out once.
    pub fn numbers_to_look_up(&mut self) -> Vec<String> {
        let new: Vec<String> = registry::numbers_to_check(&self.spec, &self.answers)
            .into_iter()
            .filter(|n| !self.lookups.contains_key(n) && !self.pending.contains(n))
            .collect();
        self.pending.extend(new.iter().cloned());
        new
    }

    /// Whether lookups are on their way.
    pub fn is_looking_up(&self) -> bool {
        !self.pending.is_empty() || !self.roles_pending.is_empty()
    }

    /// A lookup came back: the checklist uses it, a bank found under a newer name is offered under
    /// that name from now on, and the registered name and address fill empty fields. The report
    /// is recomputed.
    pub fn looked_up(&mut self, lookup: Lookup) -> LookedUp {
        self.pending.remove(&lookup.orgnr);
        let mut result = LookedUp::default();
        for parent in PREFILLED {
            for proposal in registry::prefill(&self.spec, parent, &lookup, &self.answers) {
                if proposal.replaces.is_some() {
                    result.ask.push(proposal);
                } else {
                    result.filled.push(proposal);
                }
            }
            result
                .use_parent
                .extend(registry::use_parent(parent, &lookup, &self.answers));
        }
        self.rename_bank(&lookup);
        self.lookups.insert(lookup.orgnr.clone(), lookup);
        self.accept(&result.filled);
        self.recheck();
        result
    }

    /// Takes the registry's values (proposals the user said yes to, or filled ones).
    pub fn accept(&mut self, proposals: &[Prefill]) {
        if proposals.is_empty() {
            return;
        }
        registry::apply(&mut self.answers, proposals);
        self.dirty = true;
    }

    /// The user said yes to using the parent's number: it replaces the sub-unit's, and is looked
    /// up in its turn ([`Session::numbers_to_look_up`]).
    pub fn use_parent(&mut self, proposal: &UseParent) {
        self.accept(&[proposal.prefill()]);
        self.recheck();
    }

    /// What the registry said about the numbers in the answers, as problems of their fields: a
    /// sub-unit is a warning there (the checklist item is what blocks).
    pub(super) fn registry_problems(&self) -> Vec<Problem> {
        PREFILLED
            .iter()
            .filter_map(|parent| {
                let field = format!("{parent}.orgnr");
                let number = self
                    .answers
                    .text(&field)
                    .map(crate::validate::orgnr::normalize)?;
                let lookup = self.lookups.get(&number)?;
                lookup.outcome.sub_unit()?;
                let crate::prereq::Standing::Bad { reason } = lookup.standing() else {
                    return None;
                };
                Some(Problem::new(field, Finding::warning(reason)))
            })
            .collect()
    }

    /// What the registry said, by number.
    pub fn lookups(&self) -> impl Iterator<Item = &Lookup> {
        self.lookups.values()
    }

    fn rename_bank(&mut self, lookup: &Lookup) {
        let registered = lookup
            .outcome
            .enhet()
            .filter(|e| !e.is_deleted())
            .and_then(|e| e.name());
        if let Some(name) = registered
            && let Some(bank) = self.banks.iter_mut().find(|b| b.orgnr == lookup.orgnr)
        {
            bank.name = name;
            bank.from_registry = true;
        }
    }
}
