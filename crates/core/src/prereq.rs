//! The prerequisite checklist: what must be true before the provider can accept the order, each item
//! met, not met or unknown, with the reason and how to meet it. Derived from the questionnaire's
//! `[[prerequisites]]`, the answers, their problems and what is known from the registry.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::answers::Answers;
use crate::assets;
use crate::domain_check::{self, DomainCheck};
use crate::form::{FormSpec, PrereqCheck, PrereqSpec};
use crate::t;
use crate::text::Text;
use crate::validate::{Problem, Severity, orgnr, url};

mod declared;
mod domain;
pub mod signing;
pub use declared::{PRIVATE_ENTERPRISE, PUBLIC_ADMINISTRATION};
pub use signing::{COMPANY_ORGNR, is_norwegian_company};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Met,
    NotMet,
    Unknown,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Met => "met",
            State::NotMet => "not-met",
            State::Unknown => "unknown",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub field: String,
    pub label: Text,
    pub state: State,
    pub reason: Text,
    pub fix: Text,
}

/// What the registry said about an organisation number.
#[derive(Clone, Debug, PartialEq)]
pub enum Standing {
    /// Registered and in good standing, under this name.
    Good { name: String },
    /// Registered but not in good standing (deleted, bankrupt, …), or unknown to the registry.
    Bad { reason: Text },
    /// No usable answer (offline, registry unreachable, unreadable answer): a warning, never a block.
    Unknown { reason: Text },
}

/// The registry's institutional sector code of a unit (`3200` = banks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sector {
    pub code: String,
    pub description: String,
}

/// The registry's organisation form of a unit (`KOMM` = municipality, `AS` = private limited company).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgForm {
    pub code: String,
    pub description: String,
}

/// The sector code of banks.
pub const BANK_SECTOR: &str = "3200";

/// Facts from outside the answers. Registry standings are filled by the registry lookup; without
/// one, registry items stay unknown.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub registry: BTreeMap<String, Standing>,
    /// Sector codes of the numbers the registry found.
    pub sectors: BTreeMap<String, Sector>,
    /// Organisation forms of the numbers the registry found.
    pub forms: BTreeMap<String, OrgForm>,
    /// Said after every registry reason about a number, e.g. that the facts come from an earlier
    /// lookup, and when it was made.
    pub notes: BTreeMap<String, Text>,
    /// What the live check of the production domain found, by domain
    /// ([`crate::domain_check::domain_of`]); without one, the item says the domain is not checked.
    pub domains: BTreeMap<String, DomainCheck>,
    /// Who holds which role, by the company's organisation number (the signing-authority item).
    pub roles: BTreeMap<String, signing::RolesFact>,
}

impl Facts {
    /// `reason`, followed by the note about `number` when there is one.
    fn with_note(&self, number: &str, reason: Text) -> Text {
        match self.notes.get(number) {
            Some(note) => Text::new(
                format!("{} {}", reason.nb, note.nb),
                format!("{} {}", reason.en, note.en),
            ),
            None => reason,
        }
    }
}

/// The checklist for these answers. `problems` are the answers' validation problems.
pub fn evaluate(
    spec: &FormSpec,
    answers: &Answers,
    problems: &[Problem],
    facts: &Facts,
) -> Vec<Item> {
    spec.prerequisites
        .iter()
        .filter(|p| prereq_applies(spec, answers, p))
        .map(|p| {
            let (state, reason) = assess(p, answers, problems, facts);
            // The reason quotes answers and the registry: inert, as every front end shows it.
            let reason = crate::inert::message(&reason);
            Item {
                id: p.id.clone(),
                field: p.field.clone(),
                label: p.label.clone(),
                state,
                reason,
                fix: p.fix.clone(),
            }
        })
        .collect()
}

/// True when nothing blocks: no item is not met.
pub fn all_met_or_unknown(items: &[Item]) -> bool {
    items.iter().all(|i| i.state != State::NotMet)
}

fn prereq_applies(spec: &FormSpec, answers: &Answers, prereq: &PrereqSpec) -> bool {
    prereq
        .when
        .as_ref()
        .is_none_or(|when| answers.condition_holds(spec, when))
}

/// Errors on the field the item reads (or on its parts).
fn field_errors<'a>(problems: &'a [Problem], field: &str) -> Vec<&'a Problem> {
    problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .filter(|p| {
            p.field == field
                || p.field.starts_with(&format!("{field}."))
                || p.field.starts_with(&format!("{field}["))
        })
        .collect()
}

fn fix_field_first(field: &str, first: &Problem) -> Text {
    let (nb, en) = (&first.message.nb, &first.message.en);
    t!(nb: "{field}: {nb}", en: "{field}: {en}")
}

fn assess(p: &PrereqSpec, answers: &Answers, problems: &[Problem], facts: &Facts) -> (State, Text) {
    let field = p.field.as_str();
    let value = answers.text(field).map(str::trim);
    let errors = field_errors(problems, field);
    match p.check {
        PrereqCheck::RegistryStanding => registry_standing_item(value, facts),
        PrereqCheck::NorwegianBank => norwegian_bank_item(value, facts),
        PrereqCheck::SignatoryEid => signatory_eid_item(value, crate::signatory::count(answers)),
        PrereqCheck::SigningAuthority => signing::item(answers, facts),
        PrereqCheck::ProductionDomain => {
            production_domain_item(field, value, errors.first(), facts)
        }
        PrereqCheck::Certificate => certificate_item(field, value, errors.first(), problems),
        PrereqCheck::Confirmed => declared::yes_no(answers.bool(field), true),
        PrereqCheck::Advised => declared::yes_no(answers.bool(field), false),
        PrereqCheck::PublicSector => declared::public_sector(value, facts),
        PrereqCheck::Notice => {
            declared::notice(field, value.is_some_and(|v| !v.is_empty()), problems)
        }
    }
}

/// The organisation's standing in the Central Coordinating Register, as far as it was looked up.
fn registry_standing_item(value: Option<&str>, facts: &Facts) -> (State, Text) {
    let Some(number) = value.filter(|v| orgnr::is_valid(v)) else {
        return (
            State::NotMet,
            t!(nb: "Mangler et gyldig organisasjonsnummer.", en: "No valid organisation number yet."),
        );
    };
    let number = orgnr::normalize(number);
    match facts.registry.get(&number) {
        Some(Standing::Good { name }) => (
            State::Met,
            facts.with_note(
                &number,
                t!(
                    nb: "{number} er registrert som {name} og er i god stand.",
                    en: "{number} is registered as {name} and in good standing.",
                ),
            ),
        ),
        Some(Standing::Bad { reason }) => (State::NotMet, facts.with_note(&number, reason.clone())),
        Some(Standing::Unknown { reason }) => {
            (State::Unknown, facts.with_note(&number, reason.clone()))
        }
        None => (
            State::Unknown,
            t!(
                nb: "Ikke slått opp i Enhetsregisteret. Sjekk {number} på brreg.no: ikke slettet, ikke konkurs, ikke under avvikling.",
                en: "Not looked up in the Central Coordinating Register. Check {number} at brreg.no: not deleted, not bankrupt, not being wound up.",
            ),
        ),
    }
}

/// The bank's organisation number, once valid, judged by [`bank_item`].
fn norwegian_bank_item(value: Option<&str>, facts: &Facts) -> (State, Text) {
    let Some(number) = value.filter(|v| orgnr::is_valid(v)) else {
        return (
            State::NotMet,
            t!(nb: "Mangler bankens gyldige organisasjonsnummer.", en: "No valid organisation number for the bank yet."),
        );
    };
    let number = orgnr::normalize(number);
    bank_item(&number, facts)
}

/// Whether the signatory holds an eID the provider accepts for signing.
fn signatory_eid_item(value: Option<&str>, signatories: usize) -> (State, Text) {
    match (value, signatories) {
        (Some("no-bankid" | "se-bankid" | "dk-mitid"), 0 | 1) => (
            State::Met,
            t!(nb: "Signataren har en godkjent eID.", en: "The signatory holds an accepted eID."),
        ),
        (Some("no-bankid" | "se-bankid" | "dk-mitid"), n) => (
            State::Met,
            t!(nb: "Alle {n} signatarene har en godkjent eID.", en: "All {n} signatories hold an accepted eID."),
        ),
        (Some("none"), 0 | 1) => (
            State::NotMet,
            t!(
                nb: "Signataren har verken norsk BankID, svensk BankID eller dansk MitID, og kan ikke signere avtalen elektronisk.",
                en: "The signatory holds neither Norwegian BankID, Swedish BankID nor Danish MitID and cannot sign the agreement electronically.",
            ),
        ),
        (Some("none"), _) => (
            State::NotMet,
            t!(
                nb: "Minst én av signatarene har verken norsk BankID, svensk BankID eller dansk MitID, og kan ikke signere avtalen elektronisk.",
                en: "At least one of the signatories holds neither Norwegian BankID, Swedish BankID nor Danish MitID and cannot sign the agreement electronically.",
            ),
        ),
        _ => (
            State::NotMet,
            t!(nb: "Ikke besvart ennå.", en: "Not answered yet."),
        ),
    }
}

/// A production domain without errors, judged by its live check ([`crate::domain_check`]);
/// without one, only a doubt: a domain that looks like a test host, or one not checked yet.
fn production_domain_item(
    field: &str,
    value: Option<&str>,
    first_error: Option<&&Problem>,
    facts: &Facts,
) -> (State, Text) {
    match (value, first_error) {
        (None, _) => (
            State::NotMet,
            t!(nb: "Ingen produksjonsdomene oppgitt.", en: "No production domain given."),
        ),
        (Some(_), Some(first)) => (State::NotMet, fix_field_first(field, first)),
        (Some(domain), None) => {
            let checked = domain_check::domain_of(domain)
                .and_then(|d| facts.domains.get(&d))
                .filter(|check| check.url.trim() == domain);
            if let Some(check) = checked {
                return check.item();
            }
            let host = ::url::Url::parse(domain)
                .ok()
                .and_then(|u| u.host_str().map(str::to_string))
                .unwrap_or_default();
            if url::looks_like_test_host(&host) {
                (
                    State::Unknown,
                    t!(
                        nb: "{host} ser ut som et testdomene. Bruk domenet du har satt opp som produksjonsdomene.",
                        en: "{host} looks like a test domain. Use the domain you set up as the production domain.",
                    ),
                )
            } else {
                (
                    State::Unknown,
                    t!(
                        nb: "{host} er oppgitt som produksjonsdomene, men ikke sjekket ennå.",
                        en: "{host} is given as the production domain, but not checked yet.",
                    ),
                )
            }
        }
    }
}

/// A readable company certificate; a warning on it (such as its age) becomes the reason.
fn certificate_item(
    field: &str,
    value: Option<&str>,
    first_error: Option<&&Problem>,
    problems: &[Problem],
) -> (State, Text) {
    match (value, first_error) {
        (None, _) => (
            State::NotMet,
            t!(nb: "Ingen firmaattest lagt ved.", en: "No company certificate attached."),
        ),
        (Some(_), Some(first)) => (State::NotMet, fix_field_first(field, first)),
        (Some(_), None) => {
            let warning = problems
                .iter()
                .find(|p| p.field == field && p.severity == Severity::Warning);
            match warning {
                Some(w) => (State::Met, w.message.clone()),
                None => (
                    State::Met,
                    t!(nb: "Firmaattesten er lagt ved og kan leses.", en: "The company certificate is attached and readable."),
                ),
            }
        }
    }
}

/// The bank item: the registry's answer when there is one (a deleted or bankrupt bank blocks; a unit
/// whose sector code is not 3200 is a warning), else the shipped bank list.
fn bank_item(number: &str, facts: &Facts) -> (State, Text) {
    let listed = assets::bank_by_orgnr(number);
    match (facts.registry.get(number), facts.sectors.get(number)) {
        (Some(Standing::Bad { reason }), _) => {
            (State::NotMet, facts.with_note(number, reason.clone()))
        }
        (Some(Standing::Good { name }), Some(sector)) if sector.code != BANK_SECTOR => {
            let (code, description) = (&sector.code, &sector.description);
            (
                State::Unknown,
                facts.with_note(
                    number,
                    t!(
                        nb: "{name} ({number}) har sektorkode {code} ({description}) i Enhetsregisteret, ikke {BANK_SECTOR} (Banker). Sjekk at dette er banken selskapet er kunde i.",
                        en: "{name} ({number}) has sector code {code} ({description}) in the Central Coordinating Register, not {BANK_SECTOR} (banks). Make sure this is the bank the company is a customer of.",
                    ),
                ),
            )
        }
        (Some(Standing::Good { name }), Some(_)) => (
            State::Met,
            facts.with_note(
                number,
                t!(
                    nb: "{name} ({number}) er registrert som bank i Enhetsregisteret.",
                    en: "{name} ({number}) is registered as a bank in the Central Coordinating Register.",
                ),
            ),
        ),
        (Some(Standing::Good { name }), None) if listed.is_some() => (
            State::Met,
            facts.with_note(
                number,
                t!(
                    nb: "{name} ({number}) står på listen over norske banker.",
                    en: "{name} ({number}) is on the list of Norwegian banks.",
                ),
            ),
        ),
        // Without a registry answer (or without a sector code in it), the shipped list decides.
        _ => match listed {
            Some(bank) => {
                let name = &bank.name;
                (
                    State::Met,
                    t!(
                        nb: "{name} ({number}) står på listen over norske banker.",
                        en: "{name} ({number}) is on the list of Norwegian banks.",
                    ),
                )
            }
            None => (
                State::Unknown,
                t!(
                    nb: "{number} står ikke på listen over 122 norske banker. Sjekk at det er en norsk bank som utsteder BankID.",
                    en: "{number} is not on the list of 122 Norwegian banks. Make sure it is a Norwegian bank that issues BankID.",
                ),
            ),
        },
    }
}
