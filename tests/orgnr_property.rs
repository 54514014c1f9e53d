//! Properties of the MOD11 organisation number check, against an independent reference.

use eid_onboard::validate::orgnr;
use proptest::prelude::*;

/// Reference check digit written differently from the library: a fold over zipped weights on
/// the ASCII bytes, returning `None` for the never-issued remainder.
fn reference_check_digit(first8: &str) -> Option<u8> {
    let weighted = first8
        .bytes()
        .zip([3u8, 2, 7, 6, 5, 4, 3, 2])
        .fold(0u32, |acc, (b, w)| acc + u32::from(b - b'0') * u32::from(w));
    match (11 - weighted % 11) % 11 {
        10 => None,
        d => u8::try_from(d).ok(),
    }
}

/// Nine digits whose check digit is right.
fn valid_number() -> impl Strategy<Value = String> {
    "[0-9]{8}".prop_filter_map("remainder 10 is never issued", |first8| {
        reference_check_digit(&first8).map(|d| format!("{first8}{d}"))
    })
}

proptest! {
    #[test]
    fn valid_exactly_when_the_ninth_digit_matches(number in "[0-9]{9}") {
        let expected = reference_check_digit(&number[..8])
            .is_some_and(|d| number.as_bytes()[8] == b'0' + d);
        prop_assert_eq!(orgnr::is_valid(&number), expected);
        // No error exactly when valid; a first digit other than 8 or 9 is only ever a warning.
        let findings = orgnr::validate(&number);
        prop_assert_eq!(!findings.iter().any(|f| f.is_error()), expected);
        let warned = findings.iter().any(|f| !f.is_error());
        prop_assert_eq!(warned, expected && !matches!(number.as_bytes()[0], b'8' | b'9'));
    }

    #[test]
    fn any_single_digit_change_is_detected(
        number in valid_number(),
        position in 0usize..9,
        shift in 1u8..=9,
    ) {
        prop_assert!(orgnr::is_valid(&number));
        let mut bytes = number.clone().into_bytes();
        bytes[position] = b'0' + (bytes[position] - b'0' + shift) % 10;
        let changed = String::from_utf8(bytes).expect("ASCII digits");
        prop_assert_ne!(&changed, &number);
        prop_assert!(!orgnr::is_valid(&changed), "{} -> {}", number, changed);
    }
}
