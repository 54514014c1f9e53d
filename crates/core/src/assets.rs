//! Data shipped in the binary: the Norwegian bank list and the common legal bases for fødselsnummer.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::text::Text;

const BANKS_CSV: &str = include_str!("../../../assets/banks.csv");
const LEGAL_BASES_TOML: &str = include_str!("../../../assets/legal-bases.toml");

/// A Norwegian bank (public register data, NLOD). Names can be out of date: prefer the registry's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bank {
    pub orgnr: String,
    pub name: String,
}

/// A law and paragraph commonly cited for processing fødselsnummer.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// The citation, e.g. `hvitvaskingsloven §§ 12–13`: what the answer holds.
    pub value: String,
    /// The law's full name.
    pub label: Text,
    /// When it applies.
    pub applies: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LegalBasesFile {
    basis: Vec<LegalBasis>,
}

/// The 122 banks of `assets/banks.csv`, in file order.
pub fn banks() -> &'static [Bank] {
    static BANKS: OnceLock<Vec<Bank>> = OnceLock::new();
    BANKS.get_or_init(|| parse_banks(BANKS_CSV))
}

/// The bank with this (normalised) organisation number.
pub fn bank_by_orgnr(orgnr: &str) -> Option<&'static Bank> {
    banks().iter().find(|b| b.orgnr == orgnr)
}

pub fn legal_bases() -> &'static [LegalBasis] {
    static BASES: OnceLock<Vec<LegalBasis>> = OnceLock::new();
    BASES.get_or_init(|| {
        // The file is part of the binary and covered by tests; a broken copy is a build defect.
        toml::from_str::<LegalBasesFile>(LEGAL_BASES_TOML)
            .map(|f| f.basis)
            .unwrap_or_default()
    })
}

/// `orgnr,name` lines after a header; a name with a comma is quoted (`""` escapes a quote).
fn parse_banks(csv: &str) -> Vec<Bank> {
    csv.lines()
        .skip(1)
        .filter_map(|line| {
            let (orgnr, name) = line.split_once(',')?;
            let name = name.trim();
            let name = match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
                Some(quoted) => quoted.replace("\"\"", "\""),
                None => name.to_string(),
            };
            Some(Bank {
                orgnr: orgnr.trim().to_string(),
                name,
            })
        })
        .filter(|b| !b.orgnr.is_empty() && !b.name.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bank_list_has_every_bank_with_quoted_names_unquoted() {
        assert_eq!(banks().len(), 122);
        let nordea = bank_by_orgnr("920058817").expect("Nordea is listed");
        assert_eq!(nordea.name, "Nordea Bank Abp, filial i Norge");
        assert!(banks().iter().all(|b| b.orgnr.len() == 9));
    }

    #[test]
    fn legal_bases_load_with_both_languages() {
        let bases = legal_bases();
        assert!(
            bases.len() >= 5,
            "expected the common legal bases, got {}",
            bases.len()
        );
        for basis in bases {
            assert!(
                basis.value.contains('§'),
                "{} cites no paragraph",
                basis.value
            );
            assert!(!basis.label.nb.is_empty() && !basis.label.en.is_empty());
            assert!(!basis.applies.nb.is_empty() && !basis.applies.en.is_empty());
        }
    }
}
