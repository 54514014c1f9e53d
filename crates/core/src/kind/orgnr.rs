//! Organisation numbers: Norwegian (9 digits, MOD11) and foreign registry ids.
//!
//! Brønnøysundregistrene issue 9-digit numbers whose last digit is a MOD11 check digit with the
//! weights 3,2,7,6,5,4,3,2. A remainder that would give check digit 10 is never issued, so such
//! numbers are always invalid.

use super::{Around, Kind};
use crate::t;
use crate::text::Text;
use crate::validate::Finding;

/// MOD11 weights for the first eight digits.
const WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];

/// Removes all whitespace (spaces, NBSP, tabs, …) and changes nothing else.
///
/// People copy numbers as `123 456 785` or with a non-breaking space from a web page.
pub fn normalize(input: &str) -> String {
    input.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The MOD11 check digit for the first eight digits (each 0–9, not ASCII), or `None` when the
/// remainder gives 10: Brønnøysund never issues such numbers.
pub fn check_digit(first8: &[u8; 8]) -> Option<u8> {
    let sum: u32 = first8
        .iter()
        .zip(WEIGHTS)
        .map(|(&digit, weight)| u32::from(digit) * weight)
        .sum();
    match sum % 11 {
        0 => Some(0),
        r => {
            let digit = 11 - r;
            // `r` is 1..=10, so `digit` is 1..=10; 10 cannot be written as one digit.
            u8::try_from(digit).ok().filter(|&d| d < 10)
        }
    }
}

/// True when the input, after [`normalize`], is exactly 9 ASCII digits with a correct check digit.
pub fn is_valid(input: &str) -> bool {
    digits(&normalize(input)).is_some_and(|d| check_ok(&d) && !all_zero(&d))
}

/// `000000000` passes MOD11 (every weighted sum is 0, and so is its check digit), but is no
/// number anyone is given.
fn all_zero(digits: &[u8; 9]) -> bool {
    digits.iter().all(|&d| d == 0)
}

/// Checks a Norwegian organisation number. Empty input gives no findings: whether the field is
/// required is checked elsewhere.
pub fn validate(input: &str) -> Vec<Finding> {
    let value = normalize(input);
    if value.is_empty() {
        return Vec::new();
    }
    if let Some(finding) = vat_form(&value) {
        return vec![finding];
    }
    if let Some(bad) = value.chars().find(|c| !c.is_ascii_digit()) {
        let bad = shown(bad);
        return vec![Finding::error(t!(
            nb: "Organisasjonsnummeret kan bare inneholde sifre (mellomrom går fint), men har «{bad}». Skriv de 9 sifrene, f.eks. 123 456 785, og sjekk nummeret på brreg.no.",
            en: "The organisation number may contain only digits (spaces are fine), but it has “{bad}”. Type the 9 digits, e.g. 123 456 785, and check the number at brreg.no.",
        ))];
    }
    let typed = value.len();
    if typed != 9 {
        return vec![Finding::error(t!(
            nb: "Organisasjonsnummeret må ha 9 sifre; du skrev {typed}. Sjekk nummeret på brreg.no.",
            en: "The organisation number must have 9 digits; you typed {typed}. Check the number at brreg.no.",
        ))];
    }
    match digits(&value) {
        Some(d) if all_zero(&d) => vec![Finding::error(t!(
            nb: "000000000 er ikke et organisasjonsnummer (bare nuller består kontrollsifferet, men tildeles aldri). Skriv virksomhetens nummer, og sjekk det på brreg.no.",
            en: "000000000 is not an organisation number (all zeros pass the check digit but are never issued). Type the organisation's own number, and check it at brreg.no.",
        ))],
        Some(d) if check_ok(&d) => issued_range(&value, d[0]).into_iter().collect(),
        _ => vec![Finding::error(t!(
            nb: "Organisasjonsnummeret {value} stemmer ikke med kontrollsifferet, så det er mest sannsynlig en skrivefeil. Sjekk nummeret på brreg.no.",
            en: "The organisation number {value} fails the check digit, so it is most likely a typo. Check the number at brreg.no.",
        ))],
    }
}

/// Brønnøysund issues organisation numbers starting with 8 or 9; synthetic test units (Tenor) start
/// otherwise. So another first digit is a warning, never an error.
fn issued_range(value: &str, first: u8) -> Option<Finding> {
    if matches!(first, 8 | 9) {
        return None;
    }
    Some(Finding::warning(t!(
        nb: "Organisasjonsnumre tildeles med 8 eller 9 først, men {value} begynner med {first}. Det kan være et syntetisk testnummer; sjekk nummeret på brreg.no.",
        en: "Organisation numbers are issued starting with 8 or 9, but {value} starts with {first}. It may be a synthetic test number; check the number at brreg.no.",
    )))
}

/// Checks a foreign company's registry id: any non-empty text is accepted, because registries
/// abroad use all kinds of formats; only control characters (usually pasted by accident) are wrong.
pub fn validate_foreign(input: &str) -> Vec<Finding> {
    let value = input.trim();
    if value.chars().any(char::is_control) {
        return vec![Finding::error(t!(
            nb: "Registreringsnummeret inneholder usynlige kontrolltegn, trolig fra innliming. Skriv det inn på nytt for hånd.",
            en: "The registry id contains invisible control characters, probably from pasting. Type it again by hand.",
        ))];
    }
    Vec::new()
}

/// A character as the user can see it: control characters as `U+0007`.
fn shown(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// The nine digits as numbers, or `None` unless `value` is exactly 9 ASCII digits.
fn digits(value: &str) -> Option<[u8; 9]> {
    let bytes: &[u8; 9] = value.as_bytes().try_into().ok()?;
    let mut out = [0u8; 9];
    for (slot, &b) in out.iter_mut().zip(bytes) {
        if !b.is_ascii_digit() {
            return None;
        }
        *slot = b - b'0';
    }
    Some(out)
}

fn check_ok(digits: &[u8; 9]) -> bool {
    let (first8, last) = digits.split_at(8);
    let Ok(first8) = <&[u8; 8]>::try_from(first8) else {
        return false;
    };
    check_digit(first8).is_some_and(|c| Some(&c) == last.first())
}

/// A VAT number (`NO 123456785 MVA`) is the org number with a prefix and suffix: say so instead
/// of complaining about letters.
fn vat_form(value: &str) -> Option<Finding> {
    let upper = value.to_uppercase();
    let inner = upper.strip_prefix("NO").unwrap_or(&upper);
    let inner = inner.strip_suffix("MVA")?;
    if inner.len() == 9 && inner.bytes().all(|b| b.is_ascii_digit()) {
        Some(Finding::error(t!(
            nb: "Dette ser ut som et MVA-nummer. Skriv bare organisasjonsnummeret, de 9 sifrene: {inner}.",
            en: "This looks like a VAT number. Type just the organisation number, the 9 digits: {inner}.",
        )))
    } else {
        None
    }
}

/// `orgnr`: a Norwegian organisation number, or a foreign registry id when `country_field` says
/// the company is abroad.
pub struct Orgnr<'a> {
    pub country_field: Option<&'a str>,
}

impl<'a> Kind<'a> for Orgnr<'a> {
    fn normalize(&self, input: &str) -> String {
        let compact = normalize(input);
        // Only a Norwegian-looking number loses its spaces; a foreign id keeps its own shape.
        if compact.chars().all(|c| c.is_ascii_digit()) {
            compact
        } else {
            input.trim().to_string()
        }
    }

    fn check(&self, value: &str, around: &Around) -> Vec<Finding> {
        if (around.is_norwegian)(self.country_field) {
            validate(value)
        } else {
            validate_foreign(value)
        }
    }

    fn hint(&self) -> Option<Text> {
        Some(Text::new(
            "9 siffer, f.eks. 123 456 785",
            "9 digits, e.g. 123 456 785",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Severity;

    fn errors(input: &str) -> Vec<String> {
        validate(input)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.message.en)
            .collect()
    }

    #[test]
    fn known_good_number_is_valid() {
        assert!(is_valid("123456785"));
        assert!(errors("123456785").is_empty());
        assert!(validate("984851006").is_empty());
        assert!(validate("928471632").is_empty());
    }

    #[test]
    fn a_number_not_starting_with_8_or_9_is_a_warning_never_an_error() {
        for number in ["123456785", "433695968", "310 000 000"] {
            let findings = validate(number);
            assert_eq!(findings.len(), 1, "{number}: {findings:?}");
            assert_eq!(findings[0].severity, Severity::Warning, "{number}");
            assert!(findings[0].message.en.contains("starting with 8 or 9"));
            assert!(findings[0].message.nb.contains("8 eller 9"));
        }
        // The check digit stays an error, and the first digit adds nothing to it.
        let findings = validate("123456784");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Error);
    }

    #[test]
    fn all_zeros_pass_mod11_but_are_refused() {
        assert_eq!(check_digit(&[0; 8]), Some(0));
        assert!(!is_valid("000000000"));
        let errs = errors("000 000 000");
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].contains("never issued"), "{errs:?}");
        // 100000008 passes MOD11 too; a first digit other than 8 or 9 is a synthetic test
        // number at most, so a warning (the domain notes: "a warning at most").
        let findings = validate("100000008");
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].severity, Severity::Warning);
        assert!(findings[0].message.en.contains("starts with 1"));
    }

    #[test]
    fn wrong_check_digit_is_invalid() {
        assert!(!is_valid("123456784"));
        let errs = errors("123456784");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].contains("check digit"), "{errs:?}");
        assert!(errs[0].contains("typo"), "{errs:?}");
    }

    #[test]
    fn spaces_and_nbsp_are_ignored() {
        assert!(is_valid("123 456 785"));
        assert!(is_valid("123\u{a0}456\u{a0}785"));
        assert!(is_valid(" 123\t456785 "));
        assert!(errors("123 456 785").is_empty());
        assert_eq!(normalize("1 2\u{a0}3\t4"), "1234");
        assert_eq!(normalize("12-3"), "12-3");
    }

    #[test]
    fn eight_digits_say_how_many_were_typed() {
        assert!(!is_valid("12345678"));
        let errs = errors("12345678");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].contains("9 digits"), "{errs:?}");
        assert!(errs[0].contains("you typed 8"), "{errs:?}");
    }

    #[test]
    fn letters_are_an_error() {
        assert!(!is_valid("12345678A"));
        let errs = errors("12345678A");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].contains("only digits"), "{errs:?}");
        assert!(errs[0].contains('A'), "{errs:?}");
    }

    #[test]
    fn vat_number_form_gets_its_own_hint() {
        let errs = errors("NO 123 456 785 MVA");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].contains("VAT"), "{errs:?}");
        assert!(errs[0].contains("123456785"), "{errs:?}");
    }

    #[test]
    fn remainder_ten_is_never_issued() {
        // 00000006: 6 × 2 = 12, remainder 1, so the check digit would be 11 − 1 = 10.
        assert_eq!(check_digit(&[0, 0, 0, 0, 0, 0, 0, 6]), None);
        for last in 0..=9 {
            let number = format!("00000006{last}");
            assert!(!is_valid(&number), "{number}");
            assert_eq!(errors(&number).len(), 1, "{number}");
        }
    }

    #[test]
    fn check_digit_matches_known_numbers() {
        assert_eq!(check_digit(&[1, 2, 3, 4, 5, 6, 7, 8]), Some(5));
        // DNB Bank ASA.
        assert_eq!(check_digit(&[9, 8, 4, 8, 5, 1, 0, 0]), Some(6));
        assert!(is_valid("984851006"));
        assert_eq!(check_digit(&[0; 8]), Some(0));
    }

    #[test]
    fn empty_input_has_no_findings() {
        assert!(validate("").is_empty());
        assert!(validate("   ").is_empty());
        assert!(validate_foreign("").is_empty());
    }

    #[test]
    fn foreign_ids_accept_any_text_but_control_characters() {
        assert!(validate_foreign("556016-0680").is_empty());
        assert!(validate_foreign("HRB 12345 B").is_empty());
        assert!(validate_foreign("  CVR 12345678 ").is_empty());
        let found = validate_foreign("5560\u{7}16-0680");
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
    }

    #[test]
    fn messages_are_bilingual_and_never_empty() {
        for input in ["1", "abc", "123456784", "NO123456785MVA"] {
            for f in validate(input) {
                assert!(!f.message.nb.is_empty() && !f.message.en.is_empty());
                assert_ne!(f.message.nb, f.message.en);
            }
        }
    }
}
