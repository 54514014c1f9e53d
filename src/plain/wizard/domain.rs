//! The production domain at the prompt: once answered, it is checked live (a short "checking…"
//! line, bounded by the check's time limit) and what the check found is printed in one line.

use std::io::{BufRead, Write};

use super::PlainWizard;
use crate::domain_check::Checker;
use crate::plain::PlainError;
use crate::plain::term::Term;

impl<'a> PlainWizard<'a> {
    /// Checks the production domain live as it is answered (see [`crate::domain_check`]).
    pub fn with_domain_check(mut self, checker: Checker) -> PlainWizard<'a> {
        self.domain = Some(checker);
        self
    }

    /// Checks the production domain when its answer is new; a line prompt waits for the result,
    /// never longer than the time limit.
    pub(super) fn check_domain<R: BufRead, W: Write>(
        &mut self,
        term: &mut Term<R, W>,
    ) -> Result<(), PlainError> {
        let Some(checker) = self.domain.clone().filter(Checker::is_on) else {
            return Ok(());
        };
        let Some(url) = self.session.domain_to_check() else {
            return Ok(());
        };
        let s = self.s();
        let domain = crate::domain_check::domain_of(&url).unwrap_or_default();
        term.say(&(s.checking_domain)(
            &domain,
            checker.timeout().as_secs_f64(),
        ))?;
        let check = checker.check(&url);
        let (state, reason) = check.item();
        self.session.domain_checked(check);
        term.say(&(s.domain_checked)(state, reason.get(self.lang)))?;
        Ok(())
    }
}
