//! The production domain's live check in the session: which answer to check, and what a check
//! that came back says. The front end runs the check (in the background in the full-screen
//! wizard: typing never waits) and hands the result to [`Session::domain_checked`]; a result for
//! an answer that has changed since is stale and ignored.

use super::Session;
use crate::domain_check::{self, DomainCheck};
use crate::prereq::Facts;

#[derive(Clone, Debug, Default)]
pub(super) struct Domain {
    /// The last check for the current answer's domain (or an older answer's, until recheck).
    checked: Option<DomainCheck>,
    /// The answer handed out to be checked whose result has not come back.
    pending: Option<String>,
}

impl Session {
    /// The production domain's answer when it has neither a result nor a check on its way; it
    /// counts as on its way from now on, so each answer is handed out once.
    pub fn domain_to_check(&mut self) -> Option<String> {
        let url = domain_check::to_check(&self.spec, &self.answers)?;
        let done = self.domain.checked.as_ref().is_some_and(|c| c.url == url);
        if done || self.domain.pending.as_ref() == Some(&url) {
            return None;
        }
        self.domain.pending = Some(url.clone());
        Some(url)
    }

    /// Whether a check of the production domain is on its way.
    pub fn is_checking_domain(&self) -> bool {
        self.domain.pending.is_some()
    }

    /// A check came back. One for an answer that is no longer the production domain's is stale:
    /// it is dropped and `false` returned. Otherwise the checklist uses it (recomputed).
    pub fn domain_checked(&mut self, check: DomainCheck) -> bool {
        if self.domain.pending.as_ref() == Some(&check.url) {
            self.domain.pending = None;
        }
        if domain_check::to_check(&self.spec, &self.answers).as_ref() != Some(&check.url) {
            return false;
        }
        self.domain.checked = Some(check);
        self.recheck();
        true
    }

    /// The last check of the production domain, if it is for the current answer.
    pub fn domain_check(&self) -> Option<&DomainCheck> {
        let url = domain_check::to_check(&self.spec, &self.answers)?;
        self.domain.checked.as_ref().filter(|c| c.url == url)
    }

    pub(super) fn add_domain_fact(&self, facts: &mut Facts) {
        if let Some(check) = self.domain_check() {
            facts.domains.insert(check.domain.clone(), check.clone());
        }
    }
}
