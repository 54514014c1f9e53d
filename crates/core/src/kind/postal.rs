//! Postal codes: Norwegian (4 digits) and foreign (free text, short).

use super::{Around, Kind, trimmed};
use crate::t;
use crate::text::Text;
use crate::validate::Finding;

/// Longer than any postal code in use (the longest are around 10 characters, e.g. `AAAA 1ZZ`
/// style or `12345-6789`), short enough to catch a whole address pasted into the field.
const FOREIGN_MAX: usize = 16;

/// Checks a Norwegian postal code: exactly 4 digits. Empty input gives no findings.
pub fn validate_norwegian(input: &str) -> Vec<Finding> {
    let value = input.trim();
    if value == "0000" {
        return vec![Finding::error(t!(
            nb: "0000 er ikke et postnummer (de begynner på 0001). Skriv postnummeret til adressen, f.eks. 0155.",
            en: "0000 is not a postal code (they start at 0001). Type the address's postal code, e.g. 0155.",
        ))];
    }
    if value.is_empty() || (value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit())) {
        return Vec::new();
    }
    // Spreadsheets drop the leading zero of codes such as 0155 (Oslo).
    if value.len() == 3 && value.bytes().all(|b| b.is_ascii_digit()) {
        return vec![Finding::error(t!(
            nb: "Norske postnumre har 4 sifre, f.eks. 0155. Mangler det en null foran? Skriv 0{value}.",
            en: "Norwegian postal codes have 4 digits, e.g. 0155. Is a leading zero missing? Write 0{value}.",
        ))];
    }
    vec![Finding::error(t!(
        nb: "Norske postnumre har 4 sifre, f.eks. 0155; du skrev «{value}». Skriv bare de 4 sifrene, og poststedet i eget felt.",
        en: "Norwegian postal codes have 4 digits, e.g. 0155; you typed “{value}”. Type just the 4 digits, with the town in its own field.",
    ))]
}

/// Checks a foreign postal code: printable text of at most 16 characters. Empty input gives no
/// findings.
pub fn validate_foreign(input: &str) -> Vec<Finding> {
    let value = input.trim();
    if value.chars().any(char::is_control) {
        return vec![Finding::error(t!(
            nb: "Postnummeret inneholder usynlige kontrolltegn, trolig fra innliming. Skriv det inn på nytt for hånd.",
            en: "The postal code contains invisible control characters, probably from pasting. Type it again by hand.",
        ))];
    }
    let length = value.chars().count();
    if length > FOREIGN_MAX {
        return vec![Finding::error(t!(
            nb: "Postnummeret kan ha høyst {FOREIGN_MAX} tegn; du skrev {length}. Skriv bare postnummeret, og resten av adressen i de andre feltene.",
            en: "The postal code may have at most {FOREIGN_MAX} characters; you typed {length}. Type just the postal code, with the rest of the address in the other fields.",
        ))];
    }
    Vec::new()
}

/// `postal-code`: 4 digits in Norway, short free text abroad (`country_field`).
pub struct PostalCode<'a> {
    pub country_field: Option<&'a str>,
}

impl<'a> Kind<'a> for PostalCode<'a> {
    fn normalize(&self, input: &str) -> String {
        trimmed(input)
    }

    fn check(&self, value: &str, around: &Around) -> Vec<Finding> {
        if (around.is_norwegian)(self.country_field) {
            validate_norwegian(value)
        } else {
            validate_foreign(value)
        }
    }

    fn hint(&self) -> Option<Text> {
        Some(Text::new("4 siffer i Norge", "4 digits in Norway"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_codes_have_four_digits() {
        for ok in ["0155", "9990", " 5003 ", ""] {
            assert!(validate_norwegian(ok).is_empty(), "{ok}");
        }
        for bad in ["01550", "0l55", "NO-0155", "0155 Oslo", "١٢٣٤"] {
            let found = validate_norwegian(bad);
            assert_eq!(found.len(), 1, "{bad}");
            assert!(found[0].is_error());
            assert!(found[0].message.en.contains("4 digits, e.g. 0155"), "{bad}");
        }
    }

    #[test]
    fn zero_zero_zero_zero_is_no_postal_code() {
        let found = validate_norwegian(" 0000 ");
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
        assert!(found[0].message.en.contains("not a postal code"));
        assert!(found[0].message.nb.contains("ikke et postnummer"));
        assert!(validate_norwegian("0001").is_empty());
        // Abroad, 0000 is left to the country's own rules.
        assert!(validate_foreign("0000").is_empty());
    }

    #[test]
    fn three_digits_suggest_the_lost_zero() {
        let found = validate_norwegian("155");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.en.contains("Write 0155"));
    }

    #[test]
    fn foreign_codes_are_short_printable_text() {
        for ok in [
            "SE-114 55",
            "DK-2100",
            "SW1A 1AA",
            "10115",
            "12345-6789",
            "",
        ] {
            assert!(validate_foreign(ok).is_empty(), "{ok}");
        }
        let found = validate_foreign("Storgata 1, 114 55 Stockholm");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.en.contains("at most 16"));
        assert_eq!(validate_foreign("114\u{0}55").len(), 1);
        // Exactly 16 characters, counted as characters not bytes.
        assert!(validate_foreign("ÆØÅÆØÅÆØÅÆØÅÆØÅÆ").is_empty());
    }
}
