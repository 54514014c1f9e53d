//! What the plain wizard's parity dialogue (registry prefill, the bank's registered name, "same
//! as") leaves in the draft, checked the same way whether it ran on a pipe or a pty.

use super::{Workspace, brreg, cli, stdout};

/// The draft's answers as `export` prints them.
pub fn exported(ws: &Workspace, name: &str) -> toml::Table {
    let out = cli(ws).args(["export", name]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    stdout(&out).parse().unwrap()
}

/// A text answer by its dotted path; a number picks an entry of a list
/// (`contacts.signatory.0.name`).
pub fn get<'a>(table: &'a toml::Table, path: &str) -> Option<&'a str> {
    let mut parts = path.split('.');
    let first = table.get(parts.next()?)?;
    parts
        .try_fold(first, |value, part| match part.parse::<usize>() {
            Ok(index) => value.get(index),
            Err(_) => value.get(part),
        })?
        .as_str()
}

/// The company filled from 991825827's registered answer, the first signatory copied from the
/// general contact, and the bank stored under its registered name with its number and address.
pub fn assert_parity_answers(answers: &toml::Table) {
    assert_eq!(
        get(answers, "company.name"),
        Some("DIGITALISERINGSDIREKTORATET"),
        "{answers:#?}"
    );
    let digdir: serde_json::Value = serde_json::from_str(brreg::DIGDIR).unwrap();
    let address = &digdir["forretningsadresse"];
    assert_eq!(
        get(answers, "company.address.postal_code"),
        address["postnummer"].as_str()
    );
    assert_eq!(
        get(answers, "company.address.city"),
        address["poststed"].as_str()
    );
    for part in ["name", "mobile", "email"] {
        assert_eq!(
            get(answers, &format!("contacts.signatory.0.{part}")),
            get(answers, &format!("contacts.general.{part}")),
            "{part}"
        );
    }
    assert_eq!(
        get(answers, "contacts.signatory.0.email"),
        Some("kari@example.no")
    );
    assert_eq!(get(answers, "bank.name"), Some("DNB BANK ASA"));
    assert_eq!(get(answers, "bank.orgnr"), Some("984851006"));
    assert_eq!(get(answers, "bank.address.city"), Some("OSLO"));
}
