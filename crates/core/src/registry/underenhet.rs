//! A sub-unit (`underenhet`, e.g. a branch or department) as `GET /underenheter/{orgnr}` describes
//! it, and what finding one means for an order: a sub-unit is not a legal entity, so the agreement
//! is made by the unit it belongs to (`overordnetEnhet`), whose number the front ends offer to use.
//!
//! As for main units, the number must be there and be the one asked for, and a `slettedato` of the
//! wrong type makes the answer unreadable; names and the parent's number of an odd shape are left
//! out.

use serde::Deserialize;

use super::enhet::{clean, lenient};
use crate::prereq::Standing;
use crate::t;
use crate::text::Text;
use crate::validate::orgnr;

/// The fields of `GET /underenheter/{orgnr}` the wizard uses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Underenhet {
    pub organisasjonsnummer: String,
    #[serde(default, deserialize_with = "lenient")]
    pub navn: Option<String>,
    /// The number of the main unit (the legal entity) it belongs to.
    #[serde(default, deserialize_with = "lenient")]
    pub overordnet_enhet: Option<String>,
    /// Set when the sub-unit is deleted (deleted sub-units answer 200, without a parent).
    #[serde(default)]
    pub slettedato: Option<String>,
}

/// A sub-unit found after the main-unit register said 404, with its parent's registered name when
/// the parent could be looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubUnit {
    pub unit: Underenhet,
    /// The parent's registered name (cleaned), when the parent was found as a main unit.
    pub parent_name: Option<String>,
}

impl Underenhet {
    pub fn name(&self) -> Option<String> {
        self.navn.as_deref().map(clean).filter(|n| !n.is_empty())
    }

    /// The parent's number, normalised, when the answer gives a valid one.
    pub fn parent(&self) -> Option<String> {
        self.overordnet_enhet
            .as_deref()
            .map(orgnr::normalize)
            .filter(|n| orgnr::is_valid(n))
    }

    pub fn deleted_on(&self) -> Option<String> {
        self.slettedato
            .as_deref()
            .map(clean)
            .filter(|d| !d.is_empty())
    }
}

impl SubUnit {
    pub fn new(unit: Underenhet) -> SubUnit {
        SubUnit {
            unit,
            parent_name: None,
        }
    }

    pub fn name(&self) -> Option<String> {
        self.unit.name()
    }

    pub fn parent(&self) -> Option<String> {
        self.unit.parent()
    }

    pub fn is_deleted(&self) -> bool {
        self.unit.deleted_on().is_some()
    }

    /// "NAME (number)" or the number alone.
    fn who(&self) -> String {
        let number = clean(&self.unit.organisasjonsnummer);
        match self.name() {
            Some(name) => format!("{name} ({number})"),
            None => number,
        }
    }

    /// The parent as "NAME (number)", or its number alone when its name is not known.
    pub fn parent_who(&self) -> Option<String> {
        let number = self.parent()?;
        Some(match &self.parent_name {
            Some(name) => format!("{name} ({number})"),
            None => number,
        })
    }

    /// Always bad for an order: a deleted sub-unit is gone, and a live one is not the legal entity
    /// that makes the agreement.
    pub fn standing(&self) -> Standing {
        let who = self.who();
        let reason = match (self.unit.deleted_on(), self.parent_who(), self.parent()) {
            (Some(date), _, _) => t!(
                nb: "{who} er en underenhet og ble slettet fra Enhetsregisteret {date}.",
                en: "{who} is a sub-unit and was deleted from the Central Coordinating Register on {date}.",
            ),
            (None, Some(parent_who), Some(parent)) => t!(
                nb: "{who} er en underenhet av {parent_who} i Enhetsregisteret. Avtalen inngås av den juridiske enheten: bruk {parent}.",
                en: "{who} is a sub-unit of {parent_who} in the Central Coordinating Register. The agreement is made by the legal entity: use {parent}.",
            ),
            (None, _, _) => t!(
                nb: "{who} er en underenhet i Enhetsregisteret, ikke en juridisk enhet. Avtalen inngås av den juridiske enheten den hører til: bruk dens organisasjonsnummer.",
                en: "{who} is a sub-unit in the Central Coordinating Register, not a legal entity. The agreement is made by the legal entity it belongs to: use its organisation number.",
            ),
        };
        Standing::Bad { reason }
    }

    /// The yes / no question the front ends ask: use the parent's number instead?
    pub fn question(&self) -> Option<Text> {
        let parent = self.parent()?;
        let parent_who = self.parent_who()?;
        let who = self.who();
        Some(t!(
            nb: "{who} er en underenhet av {parent_who}, og avtalen inngås av den juridiske enheten. Bruke {parent} som organisasjonsnummer?",
            en: "{who} is a sub-unit of {parent_who}, and the agreement is made by the legal entity. Use {parent} as the organisation number?",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Underenhet {
        serde_json::from_str(json).expect("parses")
    }

    #[test]
    fn the_parent_is_named_when_known_and_its_number_proposed() {
        let unit = parse(
            r#"{"organisasjonsnummer":"924203617","navn":"AVD\u001b[2J BRØNNØYSUND","overordnetEnhet":"991825827"}"#,
        );
        let mut sub = SubUnit::new(unit);
        let Standing::Bad { reason } = sub.standing() else {
            panic!("a sub-unit is never good standing")
        };
        assert_eq!(
            reason.en,
            "AVD BRØNNØYSUND (924203617) is a sub-unit of 991825827 in the Central Coordinating \
             Register. The agreement is made by the legal entity: use 991825827."
        );
        sub.parent_name = Some("DIGITALISERINGSDIREKTORATET".into());
        let question = sub.question().unwrap();
        assert!(
            question
                .en
                .contains("of DIGITALISERINGSDIREKTORATET (991825827)")
        );
        assert!(question.nb.contains("Bruke 991825827"));
    }

    #[test]
    fn no_valid_parent_means_no_proposal() {
        for json in [
            r#"{"organisasjonsnummer":"924203617"}"#,
            r#"{"organisasjonsnummer":"924203617","overordnetEnhet":"991825828"}"#,
            r#"{"organisasjonsnummer":"924203617","overordnetEnhet":42}"#,
        ] {
            let sub = SubUnit::new(parse(json));
            assert_eq!(sub.question(), None, "{json}");
            assert!(matches!(sub.standing(), Standing::Bad { .. }));
        }
        let deleted = SubUnit::new(parse(
            r#"{"organisasjonsnummer":"974567989","slettedato":"2023-12-30"}"#,
        ));
        let Standing::Bad { reason } = deleted.standing() else {
            panic!()
        };
        assert!(
            reason
                .en
                .contains("deleted from the Central Coordinating Register on 2023-12-30")
        );
        assert!(
            serde_json::from_str::<Underenhet>(
                r#"{"organisasjonsnummer":"974567989","slettedato":1}"#
            )
            .is_err()
        );
    }
}
