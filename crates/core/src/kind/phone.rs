//! Phone numbers, through a port of libphonenumber (`rlibphonenumber`): Norwegian by default,
//! foreign numbers with their country code (signatories may be Swedish or Danish).
//!
//! The port runs libphonenumber's own patterns with `regex-lite`, so the wizard carries no Unicode
//! regex tables; the metadata of a country is read when a number of it is first met
//! (`phone_regions`).

use std::borrow::Cow;

use rlibphonenumber::{PhoneNumber, PhoneNumberFormat, PhoneNumberType, PhoneNumberUtil, Region};

use super::phone_regions::{self, NORWAY};
use super::{Around, Kind};
use crate::t;
use crate::text::{Lang, Text};
use crate::validate::Finding;

/// Loads libphonenumber's metadata now (it is loaded on first use otherwise), so a front end can
/// do it beside drawing instead of in the middle of a check.
pub fn warm_up() {
    let _ = normalize("+47 912 34 567");
}

/// The number in E.164 form (`+4791234567`) when it is a valid number, read as Norwegian unless
/// it starts with a country code; `None` otherwise.
pub fn normalize(input: &str) -> Option<String> {
    parse_valid(input).map(|number| number.format_as(PhoneNumberFormat::E164).into_owned())
}

/// A parsed number with the util of its country, which formats and classifies it.
struct Number {
    number: PhoneNumber,
    util: &'static PhoneNumberUtil,
}

impl Number {
    fn format_as(&self, format: PhoneNumberFormat) -> Cow<'_, str> {
        self.util.format(&self.number, format)
    }

    fn get_type(&self) -> PhoneNumberType {
        self.util.get_number_type(&self.number)
    }

    fn is_valid(&self) -> bool {
        self.util.is_valid_number(&self.number)
    }
}

/// Parses a number written in any of the usual ways: `+46 …` and `0046 …` with their country's
/// metadata, anything else as Norwegian.
fn parse(value: &str) -> Option<Number> {
    let compact: String = value
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let international = compact
        .strip_prefix('+')
        .or_else(|| compact.strip_prefix("00"));
    let (code, text, region) = match international {
        Some(digits) => (
            phone_regions::calling_code_of(digits)?,
            format!("+{digits}"),
            None,
        ),
        None => (NORWAY, value.to_string(), Some(Region::NO)),
    };
    let util = phone_regions::util_for(code)?;
    let number = util.parse(&text, region).ok()?;
    Some(Number { number, util })
}

/// Checks a phone number. With `mobile`, a valid number that is not a mobile number gives a
/// warning: BankID contacts are reached by SMS. Empty input gives no findings.
pub fn validate(input: &str, mobile: bool) -> Vec<Finding> {
    let value = input.trim();
    if value.is_empty() {
        return Vec::new();
    }
    if let Some(bad) = value.chars().find(|&c| !allowed(c)) {
        return vec![bad_character(bad)];
    }
    let Some(number) = parse_valid(value) else {
        return vec![invalid(value)];
    };
    if mobile && !may_be_mobile(&number) {
        return vec![not_mobile(&number)];
    }
    Vec::new()
}

/// Digits and the punctuation people write numbers with. Letters are refused because the parser
/// would turn them into digits (vanity numbers such as 1-800-FLOWERS), and an extension (`ext 12`)
/// cannot receive an SMS.
fn allowed(c: char) -> bool {
    c.is_ascii_digit() || c.is_whitespace() || matches!(c, '+' | '-' | '(' | ')' | '.' | '/')
}

fn parse_valid(input: &str) -> Option<Number> {
    let value = input.trim();
    if value.is_empty() || !value.chars().all(allowed) {
        return None;
    }
    let number = parse(value)?;
    number.is_valid().then_some(number)
}

/// libphonenumber cannot tell mobile from fixed line in some countries (e.g. Denmark, the USA):
/// give those the benefit of the doubt.
fn may_be_mobile(number: &Number) -> bool {
    matches!(
        number.get_type(),
        PhoneNumberType::Mobile | PhoneNumberType::FixedLineOrMobile
    )
}

/// Written without a country code (no `+`, no `00`), so it was read as Norwegian.
fn written_as_norwegian(value: &str) -> bool {
    let start = value.trim_start_matches(|c: char| c == '(' || c.is_whitespace());
    !start.starts_with('+') && !start.starts_with("00")
}

fn bad_character(bad: char) -> Finding {
    let bad = if bad.is_control() {
        format!("U+{:04X}", u32::from(bad))
    } else {
        bad.to_string()
    };
    Finding::error(t!(
        nb: "Et telefonnummer kan bare inneholde sifre, mellomrom og + foran, men har «{bad}». Skriv det som +47 912 34 567, eller med landskode for utenlandske numre (f.eks. +46 70 123 45 67).",
        en: "A phone number may contain only digits, spaces and a leading +, but it has “{bad}”. Write it like +47 912 34 567, or with the country code for a foreign number (e.g. +46 70 123 45 67).",
    ))
}

fn invalid(value: &str) -> Finding {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if written_as_norwegian(value) && digits != 8 {
        return Finding::error(t!(
            nb: "Norske telefonnumre har 8 sifre; du skrev {digits}. Skriv det som +47 912 34 567, eller start med + og landskoden for et utenlandsk nummer.",
            en: "Norwegian phone numbers have 8 digits; you typed {digits}. Write it like +47 912 34 567, or start with + and the country code for a foreign number.",
        ));
    }
    let value = crate::inert::quote(value);
    Finding::error(t!(
        nb: "«{value}» er ikke et gyldig telefonnummer. Skriv det som +47 912 34 567, eller med + og landskoden for et utenlandsk nummer (f.eks. +46 70 123 45 67).",
        en: "“{value}” is not a valid phone number. Write it like +47 912 34 567, or with + and the country code for a foreign number (e.g. +46 70 123 45 67).",
    ))
}

fn not_mobile(number: &Number) -> Finding {
    let shown = number.format_as(PhoneNumberFormat::International);
    let (nb_hint, en_hint) = if number.number.country_code == NORWAY {
        (
            " Norske mobilnumre begynner med 4 eller 9.",
            " Norwegian mobile numbers start with 4 or 9.",
        )
    } else {
        ("", "")
    };
    if number.get_type() == PhoneNumberType::FixedLine {
        Finding::warning(t!(
            nb: "{shown} ser ut som et fasttelefonnummer. Her trengs et mobilnummer, fordi BankID-kontakter nås på SMS.{nb_hint}",
            en: "{shown} looks like a landline number. A mobile number is expected here, because BankID contacts are reached by SMS.{en_hint}",
        ))
    } else {
        Finding::warning(t!(
            nb: "{shown} ser ikke ut som et mobilnummer. Her trengs et mobilnummer, fordi BankID-kontakter nås på SMS.{nb_hint}",
            en: "{shown} does not look like a mobile number. A mobile number is expected here, because BankID contacts are reached by SMS.{en_hint}",
        ))
    }
}

/// `phone`: Norwegian unless written with a country code; `mobile` warns about a landline.
pub struct Phone {
    pub mobile: bool,
}

impl<'a> Kind<'a> for Phone {
    /// E.164 when valid; otherwise as typed, trimmed (validation says what is wrong).
    fn normalize(&self, input: &str) -> String {
        normalize(input).unwrap_or_else(|| input.trim().to_string())
    }

    fn check(&self, value: &str, _around: &Around) -> Vec<Finding> {
        validate(value, self.mobile)
    }

    fn display(&self, value: &str, _lang: Lang) -> String {
        display(value)
    }

    fn hint(&self) -> Option<Text> {
        Some(if self.mobile {
            Text::new(
                "mobilnummer, f.eks. 912 34 567 eller +46 70 123 45 67",
                "mobile number, e.g. 912 34 567 or +46 70 123 45 67",
            )
        } else {
            Text::new(
                "f.eks. 22 00 00 00 eller +46 8 123 456 78",
                "e.g. 22 00 00 00 or +46 8 123 456 78",
            )
        })
    }
}

/// A valid phone number in international form (`+47 912 34 567`); anything else as written.
pub fn display(value: &str) -> String {
    let value = value.trim();
    match parse(value) {
        Some(number) if number.is_valid() => number
            .format_as(PhoneNumberFormat::International)
            .into_owned(),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Severity;

    fn severities(input: &str, mobile: bool) -> Vec<Severity> {
        validate(input, mobile)
            .into_iter()
            .map(|f| f.severity)
            .collect()
    }

    #[test]
    fn norwegian_forms_normalize_to_e164() {
        for input in [
            "91234567",
            "912 34 567",
            "+47 912 34 567",
            "0047 91234567",
            "+47\u{a0}912\u{a0}34\u{a0}567",
            " (+47) 912-34-567 ",
        ] {
            assert_eq!(normalize(input).as_deref(), Some("+4791234567"), "{input}");
            assert!(validate(input, true).is_empty(), "{input}");
        }
    }

    #[test]
    fn every_norwegian_mobile_series_in_use_is_a_mobile() {
        // 47 is one of the largest mobile series; an earlier library refused all of it.
        for input in [
            "476 54 321",
            "47 12 34 56",
            "41 00 00 00",
            "45 12 34 56",
            "46 12 34 56",
            "48 12 34 56",
            "90 00 00 00",
            "99 99 99 99",
        ] {
            assert!(
                validate(input, true).is_empty(),
                "{input}: {:?}",
                validate(input, true)
            );
        }
        assert_eq!(normalize("476 54 321").as_deref(), Some("+4747654321"));
    }

    #[test]
    fn international_form_groups_as_libphonenumber_does() {
        assert_eq!(display("+4791234567"), "+47 91 23 45 67");
        assert_eq!(display("22 00 00 00"), "+47 22 00 00 00");
        assert_eq!(display("+46 8 123 456 78"), "+46 8 123 456 78");
    }

    #[test]
    fn swedish_and_danish_numbers_are_accepted() {
        assert_eq!(
            normalize("+46 70 123 45 67").as_deref(),
            Some("+46701234567")
        );
        assert_eq!(normalize("+45 20 12 34 56").as_deref(), Some("+4520123456"));
        assert!(validate("+46 70 123 45 67", true).is_empty());
        // Danish numbers do not say whether they are mobile: no warning.
        assert!(validate("+45 20 12 34 56", true).is_empty());
    }

    #[test]
    fn too_short_is_an_error_saying_the_digit_count() {
        assert_eq!(normalize("1234"), None);
        let found = validate("1234", false);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
        assert!(found[0].message.en.contains("8 digits"));
        assert!(found[0].message.en.contains("you typed 4"));
        assert!(found[0].message.en.contains("+47 912 34 567"));
    }

    #[test]
    fn nine_digit_norwegian_number_is_an_error() {
        assert_eq!(normalize("912345678"), None);
        let found = validate("912 34 5678", true);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.en.contains("you typed 9"), "{found:?}");
    }

    #[test]
    fn letters_are_an_error_not_a_vanity_number() {
        // The parser alone would read 9123ABCD as the mobile number 91232223.
        assert_eq!(normalize("9123ABCD"), None);
        let found = validate("9123ABCD", true);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
        assert!(found[0].message.en.contains("“A”"), "{found:?}");
        assert_eq!(severities("abc", false), vec![Severity::Error]);
        assert_eq!(
            severities("+47 912 34 567 ext 12", false),
            vec![Severity::Error]
        );
    }

    #[test]
    fn foreign_number_without_valid_digits_is_an_error() {
        let found = validate("+46 12", false);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.en.contains("country code"), "{found:?}");
    }

    #[test]
    fn landline_gives_a_warning_only_when_a_mobile_is_wanted() {
        assert_eq!(normalize("22 00 00 00").as_deref(), Some("+4722000000"));
        assert!(validate("22 00 00 00", false).is_empty());
        let found = validate("22 00 00 00", true);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].message.en.contains("landline"));
        assert!(found[0].message.en.contains("SMS"));
        assert!(found[0].message.en.contains("start with 4 or 9"));
        // A Swedish landline (Stockholm).
        assert_eq!(
            severities("+46 8 123 456 78", true),
            vec![Severity::Warning]
        );
    }

    #[test]
    fn freephone_is_not_a_mobile() {
        let found = validate("800 12 345", true);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].message.en.contains("not look like a mobile"));
    }

    #[test]
    fn empty_input_has_no_findings() {
        assert!(validate("", true).is_empty());
        assert!(validate("  ", true).is_empty());
        assert_eq!(normalize(""), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_normalize_agrees(input in "[0-9 +()./-]{0,24}|\\PC{0,24}") {
            let found = validate(&input, true);
            let valid = normalize(&input).is_some();
            proptest::prop_assert_eq!(valid, !found.iter().any(|f| f.is_error()) && !input.trim().is_empty());
            if let Some(e164) = normalize(&input) {
                proptest::prop_assert!(e164.starts_with('+'));
                proptest::prop_assert_eq!(normalize(&e164), Some(e164.clone()));
            }
        }
    }

    #[test]
    fn the_request_shows_phones_grouped() {
        assert_eq!(display("+4791234567"), "+47 91 23 45 67");
        assert_eq!(display("+46734567890"), "+46 73 456 78 90");
        assert_eq!(display("1234"), "1234");
    }

    /// The library's own global util, which holds every region: what ours must agree with.
    fn by_the_whole_metadata(input: &str) -> Option<(String, String, PhoneNumberType)> {
        let value = input.trim();
        let region = (!value.starts_with('+')).then_some(Region::NO);
        let number = PhoneNumber::parse(value, region).ok()?;
        number.is_valid().then(|| {
            (
                number.format_as(PhoneNumberFormat::E164).into_owned(),
                number
                    .format_as(PhoneNumberFormat::International)
                    .into_owned(),
                number.get_type(),
            )
        })
    }

    #[test]
    fn one_countrys_metadata_reads_numbers_as_the_whole_metadata_does() {
        let mut valid = 0;
        for input in [
            "91234567",
            "22 00 00 00",
            "+47 412 34 567",
            "0047 912 34 567",
            "+46 70 123 45 67",
            "+46 8 123 456 78",
            "+45 20 12 34 56",
            "+358 40 123 4567",
            "+49 151 23456789",
            "+44 7700 900123",
            "+1 202 555 0123",
            "+354 611 1234",
            "+47 123",
            "+999 1234567",
            "12345",
        ] {
            let ours = parse_valid(input).map(|n| {
                (
                    n.format_as(PhoneNumberFormat::E164).into_owned(),
                    n.format_as(PhoneNumberFormat::International).into_owned(),
                    n.get_type(),
                )
            });
            valid += usize::from(ours.is_some());
            assert_eq!(ours, by_the_whole_metadata(input), "{input}");
        }
        assert!(valid >= 10, "the valid numbers are read as valid: {valid}");
    }
}
