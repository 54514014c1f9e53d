//! Every bank in the shipped bank list has a valid organisation number.

use eid_onboard::validate::orgnr;

/// The copy shipped with the crate, so the test does not depend on anything outside it.
const BANKS_CSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/banks.csv"));

/// The org number column (the first) of each data row; the header is skipped.
fn org_numbers(csv: &str) -> Vec<&str> {
    csv.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .filter_map(|line| line.split(',').next())
        .map(|field| field.trim().trim_matches('"'))
        .collect()
}

#[test]
fn header_names_the_columns() {
    assert_eq!(BANKS_CSV.lines().next().map(str::trim), Some("orgnr,name"));
}

#[test]
fn all_122_bank_org_numbers_pass_mod11() {
    let numbers = org_numbers(BANKS_CSV);
    assert_eq!(numbers.len(), 122);
    let invalid: Vec<&str> = numbers
        .iter()
        .copied()
        .filter(|n| !orgnr::is_valid(n))
        .collect();
    assert!(invalid.is_empty(), "invalid org numbers: {invalid:?}");
    for number in &numbers {
        assert!(orgnr::validate(number).is_empty(), "{number}");
    }
}
