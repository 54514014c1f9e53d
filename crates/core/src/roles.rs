//! Who holds which role in a unit, in this program's own form (no birth dates), and who of them
//! may sign for it: the signing groups, how each role signs, names compared as people write them,
//! and the signing rule in words.
//!
//! Filled from the register's answer by `registry::roles` (the only place that reads it); the
//! checklist (`prereq::signing`), the session's signatory choices and the document read it here.
//!
//! What is confirmed and what is not: the group codes SIGN (signatur) and PROK (prokura) and that
//! the daily manager and chair alone are not signing authority come from the project's domain notes
//! (aksjeloven §§ 6-30 to 6-32); the answer's shape matches recorded answers in public code. The
//! role codes inside those groups that say *how* they sign (SIFE "Signatur i fellesskap", SIHV
//! "Signatur hver for seg", POFE "Prokura i fellesskap", POHV "Prokura hver for seg") were not found
//! in a source that could be checked: they are read as their names say, and a code not known here is
//! read as its group's plain rule (SIGN, PROK: each alone), which the reason then names by the
//! register's own description, so the user can compare with the firmaattest.

use serde::{Deserialize, Serialize};

use crate::t;
use crate::text::Text;

/// Role groups whose holders may sign for the unit.
const SIGNING_GROUPS: [&str; 2] = ["SIGN", "PROK"];
/// Role groups of owners and partners, who sign a sole proprietorship or partnership (ENK, ANS, DA,
/// KS): the owner (INNH), partners with joint and several or shared liability (DTSO, DTPR) and a
/// limited partnership's general partner (KOMP). Selskapsloven § 2-17 lets each partner act for the
/// company unless the register says otherwise.
const OWNER_GROUPS: [&str; 4] = ["INNH", "DTSO", "DTPR", "KOMP"];
/// Role codes that sign only together with others.
const JOINT_CODES: [&str; 2] = ["SIFE", "POFE"];

/// What the register lists, in its order, cleaned; no birth dates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles {
    pub groups: Vec<Group>,
}

/// One role group (`rollegrupper[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// `type.kode`, e.g. `SIGN`.
    pub code: String,
    /// `type.beskrivelse`, e.g. "Signatur".
    pub description: String,
    pub roles: Vec<Role>,
}

/// One role held (`roller[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub code: String,
    pub description: String,
    pub holder: Holder,
    /// `person.erDoed`.
    pub deceased: bool,
    /// `avregistrert`, or `fratraadt` in older answers.
    pub deregistered: bool,
}

/// Who holds a role: a person (by name only) or a unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Holder {
    Person {
        given: String,
        middle: Option<String>,
        family: String,
    },
    Unit {
        orgnr: Option<String>,
        name: Option<String>,
    },
}

impl Default for Holder {
    fn default() -> Holder {
        Holder::Unit {
            orgnr: None,
            name: None,
        }
    }
}

/// How a signing role signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Each holder signs alone.
    Alone,
    /// Holders sign together (at least two of them).
    Jointly,
}

/// A person who may sign, as the register tells: the name, the role and how it signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signer {
    pub name: String,
    pub holder: Holder,
    pub group: String,
    pub code: String,
    /// The register's description of the role, e.g. "Signatur i fellesskap".
    pub description: String,
    pub rule: Rule,
    pub deceased: bool,
    pub deregistered: bool,
}

impl Signer {
    /// Neither deceased nor deregistered.
    pub fn is_active(&self) -> bool {
        !self.deceased && !self.deregistered
    }
}

impl Holder {
    /// "Fornavn Mellomnavn Etternavn", or the unit's name.
    pub fn name(&self) -> Option<String> {
        match self {
            Holder::Person {
                given,
                middle,
                family,
            } => {
                let parts: Vec<&str> = [Some(given.as_str()), middle.as_deref(), Some(family)]
                    .into_iter()
                    .flatten()
                    .filter(|p| !p.is_empty())
                    .collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            }
            Holder::Unit { name, orgnr } => name.clone().or_else(|| orgnr.clone()),
        }
    }

    pub fn is_person(&self) -> bool {
        matches!(self, Holder::Person { .. })
    }

    /// Whether a typed name names this person: case- and accent-insensitive, middle names
    /// optional ("Ola Nordmann" names "Ola Johan Nordmann"). A unit is never named this way.
    pub fn is_named(&self, typed: &str) -> bool {
        let Holder::Person { .. } = self else {
            return false;
        };
        let registered = words(&self.name().unwrap_or_default());
        let typed = words(typed);
        let (Some(first), Some(last)) = (typed.first(), typed.last()) else {
            return false;
        };
        if registered.first() != Some(first) || registered.last() != Some(last) {
            return false;
        }
        // Every typed word, in order, among the registered ones (the rest are middle names).
        let mut rest = registered.iter();
        typed.iter().all(|word| rest.any(|r| r == word))
    }
}

impl Roles {
    /// Whether the register lists any group that signs (SIGN, PROK or an owner / partner group).
    pub fn has_signing_group(&self) -> bool {
        self.groups.iter().any(|g| signs(&g.code))
    }

    /// The codes of the groups listed, e.g. `DAGL, LEDE`.
    pub fn group_codes(&self) -> Vec<String> {
        self.groups.iter().map(|g| g.code.clone()).collect()
    }

    /// Everyone in a signing group, in the register's order (deceased and deregistered ones
    /// too: the checklist names them).
    pub fn signers(&self) -> Vec<Signer> {
        self.groups
            .iter()
            .filter(|g| signs(&g.code))
            .flat_map(|g| {
                g.roles.iter().filter_map(move |role| {
                    Some(Signer {
                        name: role.holder.name()?,
                        holder: role.holder.clone(),
                        group: g.code.clone(),
                        code: role.code.clone(),
                        description: if role.description.is_empty() {
                            g.description.clone()
                        } else {
                            role.description.clone()
                        },
                        rule: rule_of(&role.code),
                        deceased: role.deceased,
                        deregistered: role.deregistered,
                    })
                })
            })
            .collect()
    }

    /// Every role a typed name holds (any group), for saying what someone without signing
    /// authority is registered as.
    pub fn roles_of(&self, typed: &str) -> Vec<&Role> {
        self.groups
            .iter()
            .flat_map(|g| g.roles.iter())
            .filter(|r| r.holder.is_named(typed))
            .collect()
    }

    /// Every person holding an active role (any group), each once with the first role the
    /// register lists for them, in its order: the people a contact is most likely one of.
    pub fn active_people(&self) -> Vec<(String, String)> {
        let mut seen: Vec<String> = Vec::new();
        let mut people = Vec::new();
        for group in &self.groups {
            for role in &group.roles {
                if role.deceased || role.deregistered || !role.holder.is_person() {
                    continue;
                }
                let Some(name) = role.holder.name() else {
                    continue;
                };
                let key = words(&name).join(" ");
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                let description = if role.description.is_empty() {
                    group.description.clone()
                } else {
                    role.description.clone()
                };
                people.push((name, description));
            }
        }
        people
    }

    /// The people who may sign, active, each once, in the register's order.
    pub fn active_signers(&self) -> Vec<Signer> {
        let mut seen: Vec<String> = Vec::new();
        self.signers()
            .into_iter()
            .filter(|s| s.is_active() && s.holder.is_person())
            .filter(|s| {
                let key = words(&s.name).join(" ");
                let new = !seen.contains(&key);
                seen.push(key);
                new
            })
            .collect()
    }
}

fn signs(group: &str) -> bool {
    SIGNING_GROUPS.contains(&group) || OWNER_GROUPS.contains(&group)
}

fn rule_of(code: &str) -> Rule {
    if JOINT_CODES.contains(&code) {
        Rule::Jointly
    } else {
        Rule::Alone
    }
}

/// A name as words to compare: lower case, accents dropped (canonical decomposition, then the
/// combining marks left out: `é` → `e`, `å` → `a`, `ö` → `o`), the letters that do not decompose
/// spelled out (`æ` → `ae`, `ø` → `o`, `ß` → `ss`), hyphens and dots as spaces.
pub fn words(name: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let mut folded = String::new();
    for c in name.nfd().filter(|c| !is_combining_mark(*c)) {
        for c in c.to_lowercase() {
            match c {
                'æ' => folded.push_str("ae"),
                'œ' => folded.push_str("oe"),
                'ß' => folded.push_str("ss"),
                'ø' => folded.push('o'),
                'đ' => folded.push('d'),
                'ł' => folded.push('l'),
                '-' | '.' | ',' => folded.push(' '),
                other => folded.push(other),
            }
        }
    }
    folded.split_whitespace().map(str::to_string).collect()
}

/// Texts said one after the other.
pub(crate) fn joined(texts: &[Text]) -> Text {
    let nb: Vec<&str> = texts.iter().map(|t| t.nb.as_str()).collect();
    let en: Vec<&str> = texts.iter().map(|t| t.en.as_str()).collect();
    Text::new(nb.join(" "), en.join(" "))
}

/// The signing rule as the register tells it, e.g. "Each alone: Kari Solvang (Prokura hver for
/// seg). Jointly, at least two of: Åse Bråten, Trygve Ødegård (Signatur i fellesskap)."
pub fn rule_text(roles: &Roles) -> Text {
    let signers = roles.active_signers();
    if signers.is_empty() {
        return t!(
            nb: "Enhetsregisteret oppgir ingen som kan signere; firmaattesten viser hvem som kan signere, ellers trengs en fullmakt.",
            en: "The Central Coordinating Register lists no one who may sign; the firmaattest shows who may sign, otherwise a power of attorney is needed.",
        );
    }
    let list = |rule: Rule| -> Option<String> {
        let chosen: Vec<String> = signers
            .iter()
            .filter(|s| s.rule == rule)
            .map(|s| format!("{} ({})", s.name, s.description))
            .collect();
        (!chosen.is_empty()).then(|| chosen.join(", "))
    };
    let mut parts: Vec<Text> = Vec::new();
    if let Some(alone) = list(Rule::Alone) {
        parts.push(t!(
            nb: "Hver for seg: {alone}.",
            en: "Each alone: {alone}.",
        ));
    }
    if let Some(joint) = list(Rule::Jointly) {
        parts.push(t!(
            nb: "I fellesskap, minst to av: {joint}.",
            en: "Jointly, at least two of: {joint}.",
        ));
    }
    let Text { nb, en } = joined(&parts);
    t!(nb: "Etter Enhetsregisteret: {nb}", en: "As the register tells: {en}")
}

/// A signatory's registered role for the document: the signing role's description, with the other
/// roles the person holds in brackets, e.g. "Signatur i fellesskap (Styrets leder)". `None` when the
/// register does not know the name.
pub fn registered_role(roles: &Roles, name: &str) -> Option<String> {
    let signers = roles.signers();
    let signing: Vec<String> = signers
        .iter()
        .filter(|s| s.is_active() && s.holder.is_named(name))
        .map(|s| s.description.clone())
        .collect();
    let other: Vec<String> = roles
        .groups
        .iter()
        .filter(|g| !signers.iter().any(|s| s.group == g.code))
        .flat_map(|g| g.roles.iter())
        .filter(|r| !r.deceased && !r.deregistered && r.holder.is_named(name))
        .map(|r| r.description.clone())
        .filter(|d| !d.is_empty())
        .collect();
    match (signing.is_empty(), other.is_empty()) {
        (true, true) => None,
        (true, false) => Some(other.join(", ")),
        (false, true) => Some(signing.join(", ")),
        (false, false) => Some(format!("{} ({})", signing.join(", "), other.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_case_accents_or_middle_names() {
        let ola = Holder::Person {
            given: "Ola".into(),
            middle: Some("Johan".into()),
            family: "Nordmann".into(),
        };
        for typed in ["Ola Nordmann", "ola johan nordmann", "OLA  NORDMANN"] {
            assert!(ola.is_named(typed), "{typed}");
        }
        // An initial is not the middle name.
        assert!(!ola.is_named("Ola J. Nordmann"));
        assert!(ola.is_named("Ola Johan Nordmann"));
        assert!(!ola.is_named("Kari Nordmann"));
        assert!(!ola.is_named("Ola"));
        assert!(!ola.is_named("Nordmann Ola"));
        assert!(!ola.is_named(""));
        let soren = Holder::Person {
            given: "Søren".into(),
            middle: None,
            family: "Bjørnstad-Ærø".into(),
        };
        assert!(soren.is_named("soren bjornstad aero"));
        assert!(soren.is_named("SØREN BJØRNSTAD-ÆRØ"));
        assert!(soren.is_named("Sören Björnstad Aerø"));
        // A letter typed as base plus combining mark is the same letter; other scripts' accents too.
        let rene = Holder::Person {
            given: "René".into(),
            middle: None,
            family: "Dvořák".into(),
        };
        assert!(rene.is_named("Rene\u{301} Dvorak"));
        assert!(rene.is_named("rené dvořák"));
    }
}
