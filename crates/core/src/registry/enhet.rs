//! A unit (`enhet`) as Enhetsregisteret describes it, with only the fields the wizard needs, and what
//! its flags and dates say about its standing.
//!
//! Parsing is strict where the standing is decided and lenient elsewhere: the number must be there
//! and be the one asked for, and a status flag (`konkurs`, …) or `slettedato` of the wrong type makes
//! the whole answer unreadable, because guessing "false" could call a bankrupt company healthy. A name,
//! address or code of an unexpected shape is just left out.

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};

use crate::prereq::{OrgForm, Sector, Standing};
use crate::t;
use crate::text::Text;
use crate::validate::text::sanitize;

/// Longest text taken from the registry (names are at most 175 characters there); the rest is cut so
/// a hostile or broken answer cannot flood the screen.
const MAX_TEXT: usize = 300;

/// The fields of `GET /enheter/{orgnr}` the wizard uses.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Enhet {
    pub organisasjonsnummer: String,
    #[serde(default, deserialize_with = "lenient")]
    pub navn: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub organisasjonsform: Option<Code>,
    #[serde(default, deserialize_with = "lenient")]
    pub forretningsadresse: Option<Address>,
    #[serde(default, deserialize_with = "lenient")]
    pub postadresse: Option<Address>,
    #[serde(default, deserialize_with = "lenient")]
    pub institusjonell_sektorkode: Option<Code>,
    #[serde(default)]
    pub registrert_i_foretaksregisteret: Option<bool>,
    /// Set when the unit is deleted (deleted units still answer 200).
    #[serde(default)]
    pub slettedato: Option<String>,
    #[serde(default)]
    pub konkurs: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub konkursdato: Option<String>,
    #[serde(default)]
    pub under_avvikling: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub under_avvikling_dato: Option<String>,
    #[serde(default)]
    pub under_tvangsavvikling_eller_tvangsopplosning: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub tvangsavviklet_pga_manglende_sletting_dato: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub tvangsopplost_pga_manglende_daglig_leder_dato: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub tvangsopplost_pga_manglende_revisor_dato: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub tvangsopplost_pga_manglende_regnskap_dato: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub tvangsopplost_pga_mangelfullt_styre_dato: Option<String>,
}

/// A code with its description (`organisasjonsform`, `institusjonellSektorkode`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Code {
    #[serde(default, deserialize_with = "lenient")]
    pub kode: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub beskrivelse: Option<String>,
}

/// `forretningsadresse` or `postadresse`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Address {
    #[serde(default, deserialize_with = "lenient_lines")]
    pub adresse: Vec<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub postnummer: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub poststed: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub land: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub landkode: Option<String>,
}

/// A value of the wrong shape becomes the default instead of failing the whole answer.
pub(crate) fn lenient<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(T::deserialize(value).unwrap_or_default())
}

/// The text lines of a list; anything else in it is skipped.
fn lenient_lines<'de, D>(deserializer: D) -> Result<Vec<String>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(match value {
        serde_json::Value::Array(items) => items
            .into_iter()
            .filter_map(|item| match item {
                serde_json::Value::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        serde_json::Value::String(line) => vec![line],
        _ => Vec::new(),
    })
}

/// Registry text made safe to show: control characters and escape sequences removed, whitespace
/// collapsed, length capped.
pub(crate) fn clean(text: &str) -> String {
    let cleaned = sanitize(text, false);
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(MAX_TEXT) {
        Some((cut, _)) => format!("{}…", &collapsed[..cut]),
        None => collapsed,
    }
}

fn cleaned(text: &Option<String>) -> Option<String> {
    text.as_deref().map(clean).filter(|t| !t.is_empty())
}

impl Address {
    /// The street lines, cleaned and joined with ", ".
    pub fn street(&self) -> Option<String> {
        let lines: Vec<String> = self
            .adresse
            .iter()
            .map(|l| clean(l))
            .filter(|l| !l.is_empty())
            .collect();
        (!lines.is_empty()).then(|| lines.join(", "))
    }

    pub fn postal_code(&self) -> Option<String> {
        cleaned(&self.postnummer)
    }

    pub fn city(&self) -> Option<String> {
        cleaned(&self.poststed)
    }

    /// True when any part of the address is given.
    pub fn is_given(&self) -> bool {
        self.street().is_some() || self.postal_code().is_some() || self.city().is_some()
    }
}

impl Enhet {
    /// The registered name, cleaned.
    pub fn name(&self) -> Option<String> {
        cleaned(&self.navn)
    }

    /// The business address, or the postal address when there is none.
    pub fn address(&self) -> Option<&Address> {
        [&self.forretningsadresse, &self.postadresse]
            .into_iter()
            .flatten()
            .find(|a| a.is_given())
    }

    /// The organisation form, when the registry gives one.
    pub fn org_form(&self) -> Option<OrgForm> {
        let form = self.organisasjonsform.as_ref()?;
        Some(OrgForm {
            code: cleaned(&form.kode)?,
            description: cleaned(&form.beskrivelse).unwrap_or_default(),
        })
    }

    /// The institutional sector code, when the registry gives one.
    pub fn sector(&self) -> Option<Sector> {
        let code = self.institusjonell_sektorkode.as_ref()?;
        Some(Sector {
            code: cleaned(&code.kode)?,
            description: cleaned(&code.beskrivelse).unwrap_or_default(),
        })
    }

    /// The deletion date; an empty one counts as none.
    pub fn deleted_on(&self) -> Option<String> {
        cleaned(&self.slettedato)
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted_on().is_some()
    }

    /// The unit's standing: good, or bad with the registry's reason and dates.
    pub fn standing(&self) -> Standing {
        let number = clean(&self.organisasjonsnummer);
        let who = match self.name() {
            Some(name) => format!("{name} ({number})"),
            None => number.clone(),
        };
        if let Some(date) = self.deleted_on() {
            return Standing::Bad {
                reason: t!(
                    nb: "{who} ble slettet fra Enhetsregisteret {date}.",
                    en: "{who} was deleted from the Central Coordinating Register on {date}.",
                ),
            };
        }
        let mut states: Vec<Text> = Vec::new();
        if self.konkurs == Some(true) {
            states.push(match cleaned(&self.konkursdato) {
                Some(d) => t!(nb: "konkurs (fra {d})", en: "bankrupt (since {d})"),
                None => t!(nb: "konkurs", en: "bankrupt"),
            });
        }
        if self.under_avvikling == Some(true) {
            states.push(match cleaned(&self.under_avvikling_dato) {
                Some(d) => t!(nb: "under avvikling (fra {d})", en: "being wound up (since {d})"),
                None => t!(nb: "under avvikling", en: "being wound up"),
            });
        }
        if self.under_tvangsavvikling_eller_tvangsopplosning == Some(true) {
            states.push(match self.forced_dissolution_date() {
                Some(d) => t!(
                    nb: "under tvangsavvikling eller tvangsoppløsning (fra {d})",
                    en: "under forced liquidation or dissolution (since {d})",
                ),
                None => t!(
                    nb: "under tvangsavvikling eller tvangsoppløsning",
                    en: "under forced liquidation or dissolution",
                ),
            });
        }
        if states.is_empty() {
            return Standing::Good {
                name: self.name().unwrap_or_else(|| number.clone()),
            };
        }
        let nb = join(states.iter().map(|s| s.nb.as_str()), "og");
        let en = join(states.iter().map(|s| s.en.as_str()), "and");
        Standing::Bad {
            reason: t!(
                nb: "Ifølge Enhetsregisteret er {who} {nb}.",
                en: "According to the Central Coordinating Register, {who} is {en}.",
            ),
        }
    }

    /// The earliest of the dates a forced dissolution can carry.
    fn forced_dissolution_date(&self) -> Option<String> {
        [
            &self.tvangsavviklet_pga_manglende_sletting_dato,
            &self.tvangsopplost_pga_manglende_daglig_leder_dato,
            &self.tvangsopplost_pga_manglende_revisor_dato,
            &self.tvangsopplost_pga_manglende_regnskap_dato,
            &self.tvangsopplost_pga_mangelfullt_styre_dato,
        ]
        .into_iter()
        .filter_map(cleaned)
        .min()
    }
}

/// "a", "a and b", "a, b and c".
fn join<'a>(parts: impl Iterator<Item = &'a str>, and: &str) -> String {
    let parts: Vec<&str> = parts.collect();
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Enhet {
        serde_json::from_str(json).expect("parses")
    }

    #[test]
    fn odd_shapes_of_display_fields_are_dropped_not_fatal() {
        let e = parse(
            r#"{"organisasjonsnummer":"984851006","navn":42,"forretningsadresse":"x",
               "postadresse":{"adresse":{"a":1},"postnummer":"0021","poststed":["x"]},
               "institusjonellSektorkode":{"kode":3200}}"#,
        );
        assert_eq!(e.name(), None);
        assert_eq!(e.forretningsadresse, None);
        let post = e.postadresse.as_ref().unwrap();
        assert!(post.adresse.is_empty());
        assert_eq!(post.postal_code().as_deref(), Some("0021"));
        assert_eq!(post.city(), None);
        assert_eq!(e.sector(), None);
        assert_eq!(
            e.standing(),
            Standing::Good {
                name: "984851006".into()
            }
        );
    }

    #[test]
    fn status_flags_of_the_wrong_type_are_refused() {
        for body in [
            r#"{"organisasjonsnummer":"984851006","konkurs":"ja"}"#,
            r#"{"organisasjonsnummer":"984851006","slettedato":20200131}"#,
            r#"{"navn":"NO NUMBER"}"#,
        ] {
            assert!(serde_json::from_str::<Enhet>(body).is_err(), "{body}");
        }
    }

    #[test]
    fn control_characters_from_the_registry_never_reach_the_screen() {
        let e = parse(
            "{\"organisasjonsnummer\":\"984851006\",\"navn\":\"EVIL\\u001b[2J AS\\n\\u0007\"}",
        );
        assert_eq!(e.name().as_deref(), Some("EVIL AS"));
        let long = "A".repeat(1000);
        let e = parse(&format!(
            r#"{{"organisasjonsnummer":"984851006","navn":"{long}"}}"#
        ));
        assert_eq!(e.name().unwrap().chars().count(), MAX_TEXT + 1);
    }

    #[test]
    fn several_bad_states_are_named_together_with_their_dates() {
        let e = parse(
            r#"{"organisasjonsnummer":"984851006","navn":"X AS","konkurs":true,"konkursdato":"2024-03-01",
               "underAvvikling":true,"underAvviklingDato":"2024-03-02",
               "underTvangsavviklingEllerTvangsopplosning":true,
               "tvangsopplostPgaManglendeRevisorDato":"2024-02-01","tvangsopplostPgaManglendeRegnskapDato":"2023-12-01"}"#,
        );
        let Standing::Bad { reason } = e.standing() else {
            panic!("not bad")
        };
        assert_eq!(
            reason.en,
            "According to the Central Coordinating Register, X AS (984851006) is bankrupt (since 2024-03-01), \
             being wound up (since 2024-03-02) and under forced liquidation or dissolution (since 2023-12-01)."
        );
        assert!(reason.nb.contains(
            "konkurs (fra 2024-03-01), under avvikling (fra 2024-03-02) og under tvangsavvikling"
        ));
    }

    #[test]
    fn join_reads_naturally() {
        assert_eq!(join(["a"].into_iter(), "and"), "a");
        assert_eq!(join(["a", "b"].into_iter(), "and"), "a and b");
        assert_eq!(join(["a", "b", "c"].into_iter(), "og"), "a, b og c");
    }
}
