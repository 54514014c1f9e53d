//! What the code a questionnaire opts into reads (`rules = [...]`, `outputs = [...]`). The rule
//! sets and renderers declare their fields; the loader asks them here, so the spec itself knows
//! nothing of the code that reads it.

use super::spec::{Output, RuleSet};

/// What `rules` and `outputs` have in common for the loader: every name, and the fields each reads.
pub(super) trait Reads: Copy + PartialEq + 'static {
    fn all() -> &'static [Self];
    fn name(self) -> &'static str;
    fn reads(self) -> &'static [(&'static str, &'static str)];
}

impl Reads for RuleSet {
    fn all() -> &'static [Self] {
        RuleSet::ALL
    }
    fn name(self) -> &'static str {
        RuleSet::name(self)
    }
    fn reads(self) -> &'static [(&'static str, &'static str)] {
        crate::validate::reads(self)
    }
}

impl Reads for Output {
    fn all() -> &'static [Self] {
        Output::ALL
    }
    fn name(self) -> &'static str {
        Output::name(self)
    }
    fn reads(self) -> &'static [(&'static str, &'static str)] {
        crate::render::reads(self)
    }
}
