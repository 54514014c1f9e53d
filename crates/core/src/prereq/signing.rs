//! The checklist item "the signatories may sign for the company" (`check = "signing-authority"`):
//! the named signatories (`contacts.signatory`) against the roles the register lists for
//! `company.orgnr` (groups SIGN and PROK, and the owner / partners of a sole proprietorship or
//! partnership).
//!
//! Met when the named people satisfy the rule as far as the register tells (one of them signs
//! alone, or at least two of them sign jointly); not met when a named person holds no signing
//! role, is marked deceased, or holds it no more (deregistered), or when one person alone holds a
//! joint signature; unknown when the register lists no signing group, when the roles could not be
//! looked up, or when the company is not Norwegian. The register does not say which combination a
//! joint signature needs, so "two of them" is as far as it tells; the firmaattest has the rest.

use super::{Facts, State};
use crate::answers::Answers;
use crate::roles::{Roles, Rule, Signer, rule_text};
use crate::t;
use crate::text::Text;
use crate::validate::orgnr;

/// The company's organisation number, whose roles are read.
pub const COMPANY_ORGNR: &str = "company.orgnr";
/// The company's country; anything but Norway has no roles in the Norwegian register.
pub const COMPANY_COUNTRY: &str = "company.country";

/// What the register told about a company's roles, as the checklist reads it (filled by the
/// registry's roles lookup).
#[derive(Clone, Debug, PartialEq)]
pub enum RolesFact {
    /// The roles, with the note on when the register said so (an earlier answer, say).
    Known { roles: Roles, note: Option<Text> },
    /// No roles to judge by, and why (offline, unreachable, 404, 410, …).
    Unknown { reason: Text },
}

/// Whether the company is Norwegian, or its country not given (a questionnaire without one).
pub fn is_norwegian_company(answers: &Answers) -> bool {
    answers
        .text(COMPANY_COUNTRY)
        .map(str::trim)
        .is_none_or(|c| c.is_empty() || c.eq_ignore_ascii_case("NO"))
}

/// The names given for the signatories, in order.
fn named(answers: &Answers) -> Vec<String> {
    crate::signatory::parts(answers)
        .into_iter()
        .filter_map(|record| record.get("name").cloned())
        .filter(|n| !n.trim().is_empty())
        .collect()
}

/// The item's state and reason.
pub fn item(answers: &Answers, facts: &Facts) -> (State, Text) {
    if !is_norwegian_company(answers) {
        return (
            State::Unknown,
            t!(
                nb: "Selskapet er ikke norsk, så Enhetsregisteret har ikke rollene. Firmaattesten fra hjemlandet viser hvem som kan signere.",
                en: "The company is not Norwegian, so the Central Coordinating Register has no roles for it. The company certificate from the home registry shows who may sign.",
            ),
        );
    }
    let Some(number) = answers
        .text(COMPANY_ORGNR)
        .map(orgnr::normalize)
        .filter(|n| orgnr::is_valid(n))
    else {
        return (
            State::Unknown,
            t!(
                nb: "Mangler et gyldig organisasjonsnummer, så hvem som kan signere er ikke slått opp.",
                en: "No valid organisation number yet, so who may sign has not been looked up.",
            ),
        );
    };
    let names = named(answers);
    if names.is_empty() {
        return (
            State::NotMet,
            t!(nb: "Ingen signatar er oppgitt ennå.", en: "No signatory named yet."),
        );
    }
    let Some(fact) = facts.roles.get(&number) else {
        return (
            State::Unknown,
            t!(
                nb: "Rollene til {number} er ikke slått opp i Enhetsregisteret. Firmaattesten viser hvem som kan signere.",
                en: "The roles of {number} have not been looked up in the Central Coordinating Register. The firmaattest shows who may sign.",
            ),
        );
    };
    match fact {
        RolesFact::Known { roles, note } => {
            let (state, reason) = judge(&number, roles, &names);
            let reason = match note {
                Some(note) => Text::new(
                    format!("{} {}", reason.nb, note.nb),
                    format!("{} {}", reason.en, note.en),
                ),
                None => reason,
            };
            (state, reason)
        }
        RolesFact::Unknown { reason } => (State::Unknown, reason.clone()),
    }
}

/// What one named signatory is, as the register tells.
enum Verdict<'a> {
    Signs(&'a Signer),
    NoRole(Vec<String>),
    Deceased,
    Deregistered(String),
}

fn verdict<'a>(roles: &Roles, signers: &'a [Signer], name: &str) -> Verdict<'a> {
    let matches: Vec<&Signer> = signers.iter().filter(|s| s.holder.is_named(name)).collect();
    if let Some(active) = matches
        .iter()
        .filter(|s| s.is_active())
        .min_by_key(|s| s.rule == Rule::Jointly)
    {
        return Verdict::Signs(active);
    }
    match matches.first() {
        Some(s) if s.deceased => Verdict::Deceased,
        Some(s) => Verdict::Deregistered(s.description.clone()),
        None => Verdict::NoRole(
            roles
                .roles_of(name)
                .into_iter()
                .map(|r| r.description.clone())
                .filter(|d| !d.is_empty())
                .collect(),
        ),
    }
}

fn judge(number: &str, roles: &Roles, names: &[String]) -> (State, Text) {
    if !roles.has_signing_group() {
        let codes = roles.group_codes().join(", ");
        let listed = if codes.is_empty() {
            t!(nb: "ingen roller", en: "no roles")
        } else {
            t!(nb: "bare {codes}", en: "only {codes}")
        };
        let (lnb, len) = (listed.nb, listed.en);
        return (
            State::Unknown,
            t!(
                nb: "Enhetsregisteret oppgir ingen signaturrett eller prokura for {number} ({lnb}); daglig leder eller styreleder alene har ikke signaturrett. Firmaattesten viser hvem som kan signere; ellers trengs en fullmakt.",
                en: "The Central Coordinating Register lists no signing authority or prokura for {number} ({len}); the daily manager or chair alone does not sign. The firmaattest shows who may sign; otherwise a power of attorney is needed.",
            ),
        );
    }
    let signers = roles.signers();
    let mut problems: Vec<Text> = Vec::new();
    let mut signing: Vec<(&str, &Signer)> = Vec::new();
    for name in names {
        let who = crate::validate::text::sanitize(name, false);
        match verdict(roles, &signers, name) {
            Verdict::Signs(signer) => signing.push((name, signer)),
            Verdict::NoRole(other) if other.is_empty() => problems.push(t!(
                nb: "{who} har ingen signaturrett eller prokura i Enhetsregisteret.",
                en: "{who} holds no signing authority or prokura in the Central Coordinating Register.",
            )),
            Verdict::NoRole(other) => {
                let other = other.join(", ");
                problems.push(t!(
                    nb: "{who} står i Enhetsregisteret som {other}, som alene ikke gir signaturrett.",
                    en: "{who} is registered as {other}, which alone is no signing authority.",
                ))
            }
            Verdict::Deceased => problems.push(t!(
                nb: "{who} er registrert som død i Enhetsregisteret.",
                en: "{who} is marked deceased in the Central Coordinating Register.",
            )),
            Verdict::Deregistered(role) => problems.push(t!(
                nb: "{who} har ikke lenger rollen {role}: den er avregistrert.",
                en: "{who} no longer holds the role {role}: it is deregistered.",
            )),
        }
    }
    let rule = rule_text(roles);
    if !problems.is_empty() {
        problems.push(rule);
        return (State::NotMet, crate::roles::joined(&problems));
    }
    let alone: Vec<String> = signing
        .iter()
        .filter(|(_, s)| s.rule == Rule::Alone)
        .map(|(n, s)| {
            format!(
                "{} ({})",
                crate::validate::text::sanitize(n, false),
                s.description
            )
        })
        .collect();
    if !alone.is_empty() {
        let list = alone.join(", ");
        return (
            State::Met,
            t!(
                nb: "Kan signere alene etter Enhetsregisteret: {list}.",
                en: "May sign alone, as the Central Coordinating Register lists: {list}.",
            ),
        );
    }
    let together: Vec<String> = signing
        .iter()
        .map(|(n, _)| crate::validate::text::sanitize(n, false))
        .collect();
    let description = signing
        .first()
        .map(|(_, s)| s.description.clone())
        .unwrap_or_default();
    let list = together.join(", ");
    if together.len() >= 2 {
        (
            State::Met,
            t!(
                nb: "Signerer i fellesskap etter Enhetsregisteret ({description}): {list}. Firmaattesten viser nøyaktig hvem som må signere sammen.",
                en: "Sign jointly, as the Central Coordinating Register lists ({description}): {list}. The firmaattest shows exactly who must sign together.",
            ),
        )
    } else {
        let Text { nb, en } = rule;
        (
            State::NotMet,
            t!(
                nb: "{list} har {description} og kan ikke signere alene: legg til en til som signerer sammen med. {nb}",
                en: "{list} holds {description} and cannot sign alone: add another signatory to sign together. {en}",
            ),
        )
    }
}
