//! The roles of a unit, `GET /enheter/{orgnr}/roller`, read at the edge into [`Roles`].
//!
//! The answer's shape (`application/vnd.brreg.enhetsregisteret.rolle.v1+json`): `rollegrupper[]`,
//! each with `type.kode` (STYR, DAGL, SIGN, PROK, INNH, DTSO, DTPR, KOMP, …) and `roller[]`, each
//! with `type.kode`, `person.navn.{fornavn,mellomnavn,etternavn}`, `person.erDoed`, or `enhet` for a
//! unit holding the role, and `avregistrert` (older answers `fratraadt`).
//!
//! **Birth dates are never read.** `person.fodselsdato` has no field in the structs below, so serde
//! skips it while parsing the answer and it never reaches the cache, the draft, a bundle or a log.
//! The cache keeps [`Roles`] (the program's own form), never the answer as sent.

use serde::Deserialize;

use super::client::Client;
use super::enhet::{clean, lenient};
use super::{Failure, Fallback, Lookup, Outcome};
use crate::prereq::signing::RolesFact;
use crate::roles::{Group, Holder, Role, Roles};
use crate::t;
use crate::text::Text;

// --- The answer as sent (read once, then dropped) ------------------------------------------------

#[derive(Deserialize)]
struct Body {
    #[serde(default, deserialize_with = "lenient")]
    rollegrupper: Vec<GroupBody>,
}

#[derive(Default, Deserialize)]
struct GroupBody {
    #[serde(rename = "type", default, deserialize_with = "lenient")]
    kind: CodeBody,
    #[serde(default, deserialize_with = "lenient")]
    roller: Vec<RoleBody>,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleBody {
    #[serde(rename = "type", default, deserialize_with = "lenient")]
    kind: CodeBody,
    #[serde(default, deserialize_with = "lenient")]
    person: Option<PersonBody>,
    #[serde(default, deserialize_with = "lenient")]
    enhet: Option<UnitBody>,
    #[serde(default, deserialize_with = "lenient")]
    avregistrert: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    fratraadt: Option<bool>,
}

#[derive(Default, Deserialize)]
struct CodeBody {
    #[serde(default, deserialize_with = "lenient")]
    kode: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    beskrivelse: Option<String>,
}

/// A person: the name and whether deceased. `fodselsdato` is deliberately not a field.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PersonBody {
    #[serde(default, deserialize_with = "lenient")]
    navn: NameBody,
    #[serde(default, deserialize_with = "lenient")]
    er_doed: Option<bool>,
}

#[derive(Default, Deserialize)]
struct NameBody {
    #[serde(default, deserialize_with = "lenient")]
    fornavn: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    mellomnavn: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    etternavn: Option<String>,
}

#[derive(Default, Deserialize)]
struct UnitBody {
    #[serde(default, deserialize_with = "lenient")]
    organisasjonsnummer: Option<String>,
    /// A list of name lines in the roles answer (a string in some answers).
    #[serde(default)]
    navn: serde_json::Value,
}

fn cleaned(text: Option<String>) -> Option<String> {
    text.as_deref().map(clean).filter(|t| !t.is_empty())
}

impl UnitBody {
    fn name(&self) -> Option<String> {
        let text = match &self.navn {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(lines) => lines
                .iter()
                .filter_map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            _ => String::new(),
        };
        cleaned(Some(text))
    }
}

/// A 200 body as [`Roles`]: `None` when it is not JSON with a `rollegrupper` list.
pub fn parse(body: &str) -> Option<Roles> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    value.get("rollegrupper")?.as_array()?;
    let body: Body = serde_json::from_value(value).ok()?;
    Some(Roles {
        groups: body.rollegrupper.into_iter().map(group).collect(),
    })
}

fn group(body: GroupBody) -> Group {
    Group {
        code: cleaned(body.kind.kode).unwrap_or_default(),
        description: cleaned(body.kind.beskrivelse).unwrap_or_default(),
        roles: body.roller.into_iter().map(role).collect(),
    }
}

fn role(body: RoleBody) -> Role {
    let deceased = body
        .person
        .as_ref()
        .and_then(|p| p.er_doed)
        .unwrap_or(false);
    let holder = match (body.person, body.enhet) {
        (Some(person), _) => Holder::Person {
            given: cleaned(person.navn.fornavn).unwrap_or_default(),
            middle: cleaned(person.navn.mellomnavn),
            family: cleaned(person.navn.etternavn).unwrap_or_default(),
        },
        (None, Some(unit)) => Holder::Unit {
            name: unit.name(),
            orgnr: cleaned(unit.organisasjonsnummer),
        },
        (None, None) => Holder::default(),
    };
    Role {
        code: cleaned(body.kind.kode).unwrap_or_default(),
        description: cleaned(body.kind.beskrivelse).unwrap_or_default(),
        holder,
        deceased,
        deregistered: body.avregistrert.or(body.fratraadt).unwrap_or(false),
    }
}

// --- Looking roles up ----------------------------------------------------------------------------

/// What the register said about a unit's roles, or why it said nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum RolesOutcome {
    /// 200: the roles as registered.
    Found(Roles),
    /// 404: no main unit with this number (a sub-unit or foreign company has no roles here).
    NotFound,
    /// 410: removed for legal reasons.
    Removed,
    /// Not asked: lookups are off and nothing is cached.
    Offline,
    /// Not asked: not a valid organisation number.
    InvalidNumber,
    /// No answer: refused, timed out, no network, server error.
    Unreachable(Failure),
    /// An answer that cannot be understood.
    Unreadable(Failure),
}

/// One roles lookup: the number, what came of it, and when the answer was fetched.
#[derive(Clone, Debug, PartialEq)]
pub struct RolesLookup {
    pub orgnr: String,
    pub outcome: RolesOutcome,
    /// When the register gave this answer; `None` without one.
    pub fetched: Option<jiff::Timestamp>,
    /// Set when the answer is an earlier one from the cache, with the reason.
    pub from_cache: Option<Fallback>,
}

impl RolesOutcome {
    /// A definite answer, worth keeping: found, unknown number, removed.
    pub fn is_definite(&self) -> bool {
        matches!(
            self,
            RolesOutcome::Found(_) | RolesOutcome::NotFound | RolesOutcome::Removed
        )
    }

    pub fn roles(&self) -> Option<&Roles> {
        match self {
            RolesOutcome::Found(roles) => Some(roles),
            _ => None,
        }
    }

    fn fallback(&self) -> Option<Fallback> {
        match self {
            RolesOutcome::Offline => Some(Fallback::Offline),
            RolesOutcome::Unreachable(f) => Some(Fallback::Unreachable(f.clone())),
            RolesOutcome::Unreadable(f) => Some(Fallback::Unreadable(f.clone())),
            RolesOutcome::Found(_)
            | RolesOutcome::NotFound
            | RolesOutcome::Removed
            | RolesOutcome::InvalidNumber => None,
        }
    }
}

impl RolesLookup {
    pub fn answer(
        orgnr: &str,
        outcome: RolesOutcome,
        fetched: Option<jiff::Timestamp>,
    ) -> RolesLookup {
        RolesLookup {
            orgnr: orgnr.to_string(),
            outcome,
            fetched,
            from_cache: None,
        }
    }

    /// The live outcome, or the cached answer with the reason when the live one is none.
    pub(super) fn or_cached(self, cached: Option<(jiff::Timestamp, RolesOutcome)>) -> RolesLookup {
        match (cached, self.outcome.fallback()) {
            (Some((fetched, outcome)), Some(reason)) => RolesLookup {
                orgnr: self.orgnr,
                outcome,
                fetched: Some(fetched),
                from_cache: Some(reason),
            },
            _ => self,
        }
    }

    /// The dated note said after a reason that comes from this answer (as for units).
    pub fn note(&self) -> Option<Text> {
        Lookup {
            orgnr: self.orgnr.clone(),
            outcome: Outcome::Offline,
            fetched: self.fetched,
            from_cache: self.from_cache.clone(),
        }
        .note()
    }
}

/// What a roles answer means.
pub fn interpret(status: u16, body: &str) -> RolesOutcome {
    match status {
        200 => match parse(body) {
            Some(roles) => RolesOutcome::Found(roles),
            None if serde_json::from_str::<serde_json::Value>(body).is_err() => {
                RolesOutcome::Unreadable(Failure::NotJson)
            }
            None => RolesOutcome::Unreadable(Failure::Shape("no rollegrupper".into())),
        },
        404 => RolesOutcome::NotFound,
        410 => RolesOutcome::Removed,
        500..=599 => RolesOutcome::Unreachable(Failure::Status(status)),
        _ => RolesOutcome::Unreadable(Failure::Status(status)),
    }
}

/// Asks the register about the roles of `number` (valid, normalised): the outcome, with the
/// roles to keep when definite.
pub(super) fn ask(client: &Client, number: &str) -> RolesOutcome {
    match client.get_roles(number) {
        Ok(answer) => interpret(answer.status, &answer.body),
        Err(outcome) => match outcome {
            Outcome::Unreachable(f) => RolesOutcome::Unreachable(f),
            Outcome::Unreadable(f) => RolesOutcome::Unreadable(f),
            Outcome::Found(_)
            | Outcome::SubUnit(_)
            | Outcome::NotFound
            | Outcome::Removed { .. }
            | Outcome::Offline
            | Outcome::InvalidNumber => {
                RolesOutcome::Unreadable(Failure::Other("unexpected answer".into()))
            }
        },
    }
}

impl RolesLookup {
    /// What the checklist reads: the roles with the dated note, or why there are none.
    pub fn fact(&self) -> RolesFact {
        let number = &self.orgnr;
        let reason = match &self.outcome {
            RolesOutcome::Found(roles) => {
                return RolesFact::Known {
                    roles: roles.clone(),
                    note: self.note(),
                };
            }
            RolesOutcome::NotFound => t!(
                nb: "Enhetsregisteret har ingen roller for {number} (HTTP 404). Firmaattesten viser hvem som kan signere.",
                en: "The Central Coordinating Register has no roles for {number} (HTTP 404). The firmaattest shows who may sign.",
            ),
            RolesOutcome::Removed => t!(
                nb: "Rollene til {number} er fjernet fra Enhetsregisteret av juridiske årsaker (HTTP 410). Firmaattesten viser hvem som kan signere.",
                en: "The roles of {number} have been removed from the Central Coordinating Register for legal reasons (HTTP 410). The firmaattest shows who may sign.",
            ),
            RolesOutcome::Offline => t!(
                nb: "Frakoblet: rollene til {number} ble ikke slått opp, og ikke noe tidligere svar er lagret. Firmaattesten viser hvem som kan signere.",
                en: "Offline: the roles of {number} were not looked up, and no earlier answer is saved. The firmaattest shows who may sign.",
            ),
            RolesOutcome::InvalidNumber => t!(
                nb: "{number} er ikke et gyldig organisasjonsnummer.",
                en: "{number} is not a valid organisation number.",
            ),
            RolesOutcome::Unreachable(f) => {
                let Text { nb, en } = f.text();
                t!(
                    nb: "Fikk ikke kontakt med Enhetsregisteret om rollene til {number} ({nb}). Firmaattesten viser hvem som kan signere.",
                    en: "Could not reach the Central Coordinating Register about the roles of {number} ({en}). The firmaattest shows who may sign.",
                )
            }
            RolesOutcome::Unreadable(f) => {
                let Text { nb, en } = f.text();
                t!(
                    nb: "Svaret fra Enhetsregisteret om rollene til {number} kunne ikke leses ({nb}). Firmaattesten viser hvem som kan signere.",
                    en: "The Central Coordinating Register's answer about the roles of {number} could not be read ({en}). The firmaattest shows who may sign.",
                )
            }
        };
        RolesFact::Unknown { reason }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Rule;

    const JOINT: &str = include_str!("../../../../tests/fixtures/brreg/roller_928471632_sife.json");

    #[test]
    fn the_answer_is_read_without_birth_dates() {
        assert!(JOINT.contains("fodselsdato"));
        let roles = parse(JOINT).expect("parses");
        let stored = serde_json::to_string(&roles).unwrap();
        assert!(!stored.contains("fodselsdato"), "{stored}");
        for born in ["1968-04-12", "1971-09-30", "1980-02-14"] {
            assert!(JOINT.contains(born));
            assert!(!stored.contains(born), "{born} in {stored}");
        }
        let signers = roles.active_signers();
        let names: Vec<&str> = signers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["Åse Bråten", "Trygve Johan Ødegård", "Kari Solvang"]
        );
        assert_eq!(signers[0].rule, Rule::Jointly);
        assert_eq!(signers[0].description, "Signatur i fellesskap");
        assert_eq!(signers[2].rule, Rule::Alone);
        assert_eq!(signers[2].group, "PROK");
        assert!(roles.has_signing_group());
    }

    #[test]
    fn statuses_map_to_outcomes() {
        assert!(matches!(interpret(200, JOINT), RolesOutcome::Found(_)));
        assert_eq!(interpret(404, ""), RolesOutcome::NotFound);
        assert_eq!(interpret(410, "gone"), RolesOutcome::Removed);
        assert_eq!(
            interpret(503, ""),
            RolesOutcome::Unreachable(Failure::Status(503))
        );
        assert_eq!(
            interpret(200, "<html>"),
            RolesOutcome::Unreadable(Failure::NotJson)
        );
        assert!(matches!(
            interpret(200, "{}"),
            RolesOutcome::Unreadable(Failure::Shape(_))
        ));
    }

    #[test]
    fn odd_shapes_are_left_out_not_fatal() {
        assert_eq!(parse("[]"), None);
        assert_eq!(parse("{}"), None);
        assert_eq!(parse("not json"), None);
        let roles = parse(
            r#"{"rollegrupper":[{"type":"SIGN","roller":[{"type":{"kode":"SIGN"},"person":{"navn":42}},{"enhet":{"organisasjonsnummer":"928471632","navn":["FJORD","HOLDING AS"]},"fratraadt":true}]}]}"#,
        )
        .unwrap();
        assert_eq!(roles.groups[0].code, "");
        assert_eq!(
            roles.groups[0].roles[1].holder.name().as_deref(),
            Some("FJORD HOLDING AS")
        );
        assert!(roles.groups[0].roles[1].deregistered);
    }
}
