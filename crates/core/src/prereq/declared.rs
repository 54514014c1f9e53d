//! Checklist items that rest on what the user declares (terms accepted, a delegation given), on a
//! date far enough ahead, and on whom a service for public bodies is for (ID-porten's terms of use
//! cover public bodies and those acting on their behalf).

use super::{Facts, Standing, State};
use crate::t;
use crate::text::Text;
use crate::validate::{Problem, Severity, orgnr};

/// Sector codes of public administration (SSB's institutional sector grouping 2012): 6100 state
/// and social security administration, 6500 local government administration.
pub const PUBLIC_ADMINISTRATION: &[&str] = &["6100", "6500"];
/// Sector codes of private non-financial enterprises (2100 private limited companies, 2300
/// private producer-oriented units, 2500 personal enterprises).
pub const PRIVATE_ENTERPRISE: &[&str] = &["2100", "2300", "2500"];
/// Organisation forms of public bodies in the Central Coordinating Register: the state and its
/// bodies (STAT, ORGL), municipalities and counties (KOMM, FYLK), state enterprises (SF),
/// municipal and county enterprises (KF, FKF) and inter-municipal companies (IKS).
pub const PUBLIC_FORMS: &[&str] = &["STAT", "ORGL", "KOMM", "FYLK", "SF", "KF", "FKF", "IKS"];

/// A yes/no the user answers. Yes is met; no is not met when `no_blocks`, else unknown.
pub fn yes_no(answer: Option<bool>, no_blocks: bool) -> (State, Text) {
    match answer {
        Some(true) => (State::Met, t!(nb: "Besvart ja.", en: "Answered yes.")),
        Some(false) if no_blocks => (State::NotMet, t!(nb: "Besvart nei.", en: "Answered no.")),
        Some(false) => (
            State::Unknown,
            t!(nb: "Besvart nei: se hva som trengs.", en: "Answered no: see what it takes."),
        ),
        None => (
            State::NotMet,
            t!(nb: "Ikke besvart ennå.", en: "Not answered yet."),
        ),
    }
}

/// A date far enough ahead: an error on the field is not met, a warning (too soon) unknown.
pub fn notice(field: &str, answered: bool, problems: &[Problem]) -> (State, Text) {
    let on_field = |severity: Severity| {
        problems
            .iter()
            .find(|p| p.field == field && p.severity == severity)
    };
    match (
        answered,
        on_field(Severity::Error),
        on_field(Severity::Warning),
    ) {
        (false, _, _) => (
            State::NotMet,
            t!(nb: "Ingen dato oppgitt.", en: "No date given."),
        ),
        (true, Some(error), _) => (State::NotMet, error.message.clone()),
        (true, None, Some(warning)) => (State::Unknown, warning.message.clone()),
        (true, None, None) => (
            State::Met,
            t!(nb: "Datoen er langt nok fram i tid.", en: "The date is far enough ahead."),
        ),
    }
}

/// Whether the organisation is one a service for public bodies is for: public administration by
/// its sector code is met; a private company (sector 2100/2300/2500) is unknown, a warning, since
/// it may still act on behalf of a public body; another sector is met, with its code said.
pub fn public_sector(value: Option<&str>, facts: &Facts) -> (State, Text) {
    let Some(number) = value.filter(|v| orgnr::is_valid(v)).map(orgnr::normalize) else {
        return (
            State::NotMet,
            t!(nb: "Mangler et gyldig organisasjonsnummer.", en: "No valid organisation number yet."),
        );
    };
    let name = match facts.registry.get(&number) {
        Some(Standing::Good { name }) => name.clone(),
        Some(Standing::Bad { .. }) | Some(Standing::Unknown { .. }) | None => {
            return (
                State::Unknown,
                t!(
                    nb: "Ikke kjent fra Enhetsregisteret hva slags virksomhet {number} er. Bruksvilkårene gjelder offentlige virksomheter og de som handler på vegne av dem.",
                    en: "Not known from the Central Coordinating Register what kind of organisation {number} is. The terms of use cover public bodies and those acting on their behalf.",
                ),
            );
        }
    };
    if let Some(form) = facts.forms.get(&number)
        && PUBLIC_FORMS.contains(&form.code.as_str())
    {
        let (code, description) = (&form.code, &form.description);
        let reason = t!(
            nb: "{name} ({number}) er registrert som {description} ({code}) i Enhetsregisteret: en offentlig virksomhet.",
            en: "{name} ({number}) is registered as {description} ({code}) in the Central Coordinating Register: a public body.",
        );
        return (State::Met, facts.with_note(&number, reason));
    }
    let Some(sector) = facts.sectors.get(&number) else {
        return (
            State::Unknown,
            facts.with_note(
                &number,
                t!(
                    nb: "Enhetsregisteret oppgir ingen sektorkode for {name} ({number}). Bruksvilkårene gjelder offentlige virksomheter og de som handler på vegne av dem.",
                    en: "The Central Coordinating Register gives no sector code for {name} ({number}). The terms of use cover public bodies and those acting on their behalf.",
                ),
            ),
        );
    };
    let (code, description) = (&sector.code, &sector.description);
    let (state, reason) = if PUBLIC_ADMINISTRATION.contains(&code.as_str()) {
        (
            State::Met,
            t!(
                nb: "{name} ({number}) har sektorkode {code} ({description}): offentlig forvaltning.",
                en: "{name} ({number}) has sector code {code} ({description}): public administration.",
            ),
        )
    } else if PRIVATE_ENTERPRISE.contains(&code.as_str()) {
        (
            State::Unknown,
            private_company(&name, &number, facts, sector),
        )
    } else {
        (
            State::Met,
            t!(
                nb: "{name} ({number}) har sektorkode {code} ({description}), ikke et privat foretak.",
                en: "{name} ({number}) has sector code {code} ({description}), not a private company.",
            ),
        )
    };
    (state, facts.with_note(&number, reason))
}

/// The warning for a private company: the terms of use limit who may use ID-porten, and what
/// makes such a company eligible.
fn private_company(name: &str, number: &str, facts: &Facts, sector: &super::Sector) -> Text {
    let (code, description) = (&sector.code, &sector.description);
    let form = facts
        .forms
        .get(number)
        .map(|f| format!(", {} ({})", f.description, f.code))
        .unwrap_or_default();
    t!(
        nb: "{name} ({number}{form}) har sektorkode {code} ({description}) i Enhetsregisteret: et privat foretak, ikke offentlig forvaltning. Bruksvilkårene for ID-porten gjelder offentlige virksomheter og de som handler på vegne av dem. Et privat foretak kan bruke ID-porten når det leverer tjenesten for en offentlig virksomhet: oppgi da den offentlige virksomheten som eier (company.orgnr) og dere selv som leverandør (supplier.orgnr), eller når Digdir har godkjent bruken.",
        en: "{name} ({number}{form}) has sector code {code} ({description}) in the Central Coordinating Register: a private company, not public administration. ID-porten's terms of use cover public bodies and those acting on their behalf. A private company may use ID-porten when it provides the service for a public body: then give the public body as the owner (company.orgnr) and yourselves as the supplier (supplier.orgnr), or when Digdir has approved the use.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prereq::Sector;

    fn facts(number: &str, code: &str, description: &str) -> Facts {
        let mut facts = Facts::default();
        facts.registry.insert(
            number.into(),
            Standing::Good {
                name: "FJORDLYS".into(),
            },
        );
        facts.sectors.insert(
            number.into(),
            Sector {
                code: code.into(),
                description: description.into(),
            },
        );
        facts
    }

    #[test]
    fn a_private_company_is_a_warning_and_a_municipality_is_met() {
        let private = facts("927351846", "2100", "Private aksjeselskaper mv.");
        let (state, reason) = public_sector(Some("927351846"), &private);
        assert_eq!(state, State::Unknown);
        assert!(reason.en.contains("a private company"), "{}", reason.en);
        assert!(reason.en.contains("2100"), "{}", reason.en);
        let municipal = facts("918427368", "6500", "Kommuneforvaltningen");
        assert_eq!(public_sector(Some("918427368"), &municipal).0, State::Met);
        let owned = facts("918427368", "1520", "Kommunalt eide aksjeselskaper mv.");
        assert_eq!(public_sector(Some("918427368"), &owned).0, State::Met);
        assert_eq!(
            public_sector(Some("918427368"), &Facts::default()).0,
            State::Unknown
        );
        assert_eq!(
            public_sector(Some("123"), &Facts::default()).0,
            State::NotMet
        );
    }

    #[test]
    fn a_public_organisation_form_is_met_even_without_a_public_sector_code() {
        use crate::prereq::OrgForm;
        let form = |facts: &mut Facts, code: &str, description: &str| {
            facts.forms.insert(
                "918427368".into(),
                OrgForm {
                    code: code.into(),
                    description: description.into(),
                },
            );
        };
        // A municipal enterprise may carry a market-producer sector code: its form decides.
        let mut enterprise = facts("918427368", "2100", "Private aksjeselskaper mv.");
        form(&mut enterprise, "KF", "Kommunalt foretak");
        let (state, reason) = public_sector(Some("918427368"), &enterprise);
        assert_eq!(state, State::Met, "{}", reason.en);
        assert!(
            reason.en.contains("Kommunalt foretak (KF)"),
            "{}",
            reason.en
        );
        // A private limited company: a warning naming the form and what makes it eligible.
        let mut company = facts("918427368", "2100", "Private aksjeselskaper mv.");
        form(&mut company, "AS", "Aksjeselskap");
        let (state, reason) = public_sector(Some("918427368"), &company);
        assert_eq!(state, State::Unknown);
        assert!(reason.en.contains("Aksjeselskap (AS)"), "{}", reason.en);
        assert!(reason.en.contains("supplier.orgnr"), "{}", reason.en);
    }

    #[test]
    fn a_declaration_of_no_blocks_only_when_it_must() {
        assert_eq!(yes_no(Some(true), true).0, State::Met);
        assert_eq!(yes_no(Some(false), true).0, State::NotMet);
        assert_eq!(yes_no(Some(false), false).0, State::Unknown);
        assert_eq!(yes_no(None, false).0, State::NotMet);
    }
}
