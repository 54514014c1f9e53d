//! Validation: every problem names its field id, has a severity and says what to do.
//!
//! The leaf rules (pure functions over one value that return [`Finding`]s) live with their field
//! kind in `crate::kind`; `fields.rs` walks a form's visible fields, applies each field's kind and
//! attaches the field id, `cross.rs` holds rules that read several answers, and `oidc.rs` /
//! `idporten.rs` the provider rule sets a questionnaire opts into.

pub mod idporten;
pub mod oidc;

// The leaf rules of each field kind live with the kind (`crate::kind`); these paths stay.
pub use crate::kind::{email, file, orgnr, phone, postal, text, url};

mod problem;
pub use problem::{Finding, Problem, Severity};

mod cross;
mod fields;

pub use crate::kind::country::is_known as is_known_country;
pub use crate::kind::normalize;
pub use fields::{Context, validate};

use crate::answers::Answers;
use crate::form::{FormSpec, RuleSet};

/// The problems the rule sets a questionnaire opts into (`rules = [...]`) find.
fn rule_sets(spec: &FormSpec, answers: &Answers) -> Vec<Problem> {
    spec.rules
        .iter()
        .flat_map(|rules| match rules {
            RuleSet::BankidOidc => oidc::check(spec, answers),
            RuleSet::Idporten => idporten::check(spec, answers),
        })
        .collect()
}

/// (field id, kind) of every field a rule set reads; the loader refuses a questionnaire that opts
/// into the rules without them.
pub fn reads(rules: RuleSet) -> &'static [(&'static str, &'static str)] {
    match rules {
        RuleSet::BankidOidc => oidc::READS,
        RuleSet::Idporten => idporten::READS,
    }
}
