//! Validation: every problem names its field id, has a severity and says what to do.
//!
//! One file per rule family holds the leaf rules (pure functions over one value that return
//! [`Finding`]s); `fields.rs` walks a form's visible fields, calls the leaf rules and attaches the
//! field id, and `cross.rs` holds rules that read several answers.

pub mod email;
pub mod file;
pub mod idporten;
pub mod oidc;
pub mod orgnr;
pub mod phone;
pub mod postal;
pub mod text;
pub mod url;

mod problem;
pub use problem::{Finding, Problem, Severity};

pub(crate) mod country;
mod cross;
mod fields;

pub use crate::kind::normalize;
pub use country::is_known as is_known_country;
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
