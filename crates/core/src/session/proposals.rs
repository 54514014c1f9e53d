//! Proposals: an answer the session offers for an empty question, from what the order already
//! holds, that the user takes with one key or types over. Nothing here is ever written by itself.
//!
//! - A contact's email address: the contact's name in the pattern of an address already given for
//!   one of the company's people (`kari.nordmann@` + the company's email domain).
//! - A display name from the company's registered name (`SOLGLØTT EIENDOMSMEGLING AS` →
//!   `Solgløtt Eiendomsmegling`), where the questionnaire says so (`propose_name_from`).
//! - A production domain under the company's email domain (`https://login.acme.no`, as Idura's
//!   examples name one), where the questionnaire says so (`propose_subdomain`); the live domain
//!   check then says whether it is set up.

use super::same_as::{ContactPlace, entry_id, is_contact_repeat};
use super::{Question, Row, Session, Slot};
use crate::form::{FieldKind, FieldSpec};

/// An answer offered for an empty question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub value: String,
    pub basis: Basis,
}

/// What a proposal is made from, for the front end to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The contact's name in the pattern of this address, given for another of the company's
    /// people.
    EmailLike { example: String },
    /// The answer of this field (its id), made a display name.
    NameOf { field: String },
    /// The email domain of the company's people, under the questionnaire's first label.
    Domain { domain: String },
}

impl Session {
    /// The proposal for a row of the full-screen wizard while it is empty.
    pub fn proposal(&self, row: &Row) -> Option<Proposal> {
        if !super::rows::row_text(&self.answers, &row.slot)
            .trim()
            .is_empty()
        {
            return None;
        }
        let field = row.field(&self.spec);
        match &row.slot {
            Slot::Leaf(id) => self.propose_leaf(field, id),
            Slot::Entry {
                field: id,
                index,
                part: Some("email"),
            } if is_contact_repeat(field) => self.propose_email(&entry_id(id, *index)),
            Slot::Entry { .. } | Slot::Repeat(_) => None,
        }
    }

    /// The proposal for a question of the line-by-line wizard while it is unanswered.
    pub fn proposal_for(&self, question: Question) -> Option<Proposal> {
        if self.is_answered(question) {
            return None;
        }
        let id = question.id(&self.spec);
        self.propose_leaf(question.field(&self.spec), &id)
    }

    /// A field's own answer (a display name), or a part of a contact field (its email).
    fn propose_leaf(&self, field: &FieldSpec, id: &str) -> Option<Proposal> {
        if matches!(field.kind, FieldKind::Contact { .. }) {
            return (id == format!("{}.email", field.id))
                .then(|| self.propose_email(&field.id))
                .flatten();
        }
        if let FieldKind::Url(rules) = &field.kind {
            return self.propose_subdomain(rules.propose_subdomain.as_deref()?);
        }
        let source = field.kind.text_rules()?.propose_name_from.as_deref()?;
        let name = self.answers.text(source)?;
        let value = display_name(name)?;
        Some(Proposal {
            value,
            basis: Basis::NameOf {
                field: source.to_string(),
            },
        })
    }

    /// `https://<label>.<domain>` under the email domain of the company's people.
    fn propose_subdomain(&self, label: &str) -> Option<Proposal> {
        let (example, _) = address_model(&self.own_addresses(None))?;
        let (_, domain) = example.rsplit_once('@')?;
        let domain = domain.to_lowercase();
        Some(Proposal {
            value: format!("https://{label}.{domain}"),
            basis: Basis::Domain { domain },
        })
    }

    /// (name, email) of the company's own people that have both, but the one at `except`.
    fn own_addresses(&self, except: Option<&str>) -> Vec<(String, String)> {
        self.contact_places()
            .into_iter()
            .filter(|place| Some(place.id.as_str()) != except && !place.other_party)
            .filter_map(|place| {
                let mut record = self.contact_record(&place.id)?;
                Some((record.remove("name")?, record.remove("email")?))
            })
            .collect()
    }

    /// The email address of the contact at `target` (a contact field or an entry), from its name
    /// and the addresses of the company's other people.
    fn propose_email(&self, target: &str) -> Option<Proposal> {
        let name = self.contact_record(target)?.remove("name")?;
        let (example, pattern) = address_model(&self.own_addresses(Some(target)))?;
        let (_, domain) = example.rsplit_once('@')?;
        let local = pattern.apply(&name_words(&name))?;
        let value = format!("{local}@{domain}");
        let valid = crate::kind::email::validate(&value)
            .iter()
            .all(|finding| !finding.is_error());
        valid.then_some(Proposal {
            value,
            basis: Basis::EmailLike { example },
        })
    }

    /// Every visible contact of the questionnaire: its fields, and the entries of its repeated
    /// ones, in the questionnaire's order.
    pub(super) fn contact_places(&self) -> Vec<ContactPlace> {
        let mut places = Vec::new();
        for field in &self.spec.fields {
            if !self.answers.is_visible(&self.spec, field) {
                continue;
            }
            if matches!(field.kind, FieldKind::Contact { .. }) {
                places.push(ContactPlace {
                    id: field.id.clone(),
                    field: field.id.clone(),
                    entry: None,
                    other_party: field.kind.is_other_party(),
                });
            } else if let FieldKind::Repeat { item, .. } = &field.kind
                && is_contact_repeat(field)
            {
                let count = super::rows::entry_count(&self.answers, &field.id);
                places.extend((0..count).map(|i| ContactPlace {
                    id: entry_id(&field.id, i),
                    field: field.id.clone(),
                    entry: Some(i),
                    other_party: item.is_other_party(),
                }));
            }
        }
        places
    }
}

/// How a company spells its people's addresses, from the words of the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pattern {
    /// `kari.nordmann`
    FirstDotLast,
    /// `karinordmann`
    FirstLast,
    /// `k.nordmann`
    InitialDotLast,
    /// `knordmann`
    InitialLast,
    /// `kari`
    First,
    /// `nordmann`
    Last,
}

impl Pattern {
    /// Most usual first: the first that fits an example is taken.
    const ALL: [Pattern; 6] = [
        Pattern::FirstDotLast,
        Pattern::FirstLast,
        Pattern::InitialDotLast,
        Pattern::InitialLast,
        Pattern::First,
        Pattern::Last,
    ];

    /// The local part for a name's words (first and last; middle names are left out, as most
    /// companies do).
    fn apply(self, words: &[String]) -> Option<String> {
        let first = words.first()?;
        let last = words.last().filter(|_| words.len() > 1);
        let initial = first.chars().next()?;
        Some(match (self, last) {
            (Pattern::First, _) => first.clone(),
            (Pattern::FirstDotLast, Some(last)) => format!("{first}.{last}"),
            (Pattern::FirstLast, Some(last)) => format!("{first}{last}"),
            (Pattern::InitialDotLast, Some(last)) => format!("{initial}.{last}"),
            (Pattern::InitialLast, Some(last)) => format!("{initial}{last}"),
            (Pattern::Last, Some(last)) => last.clone(),
            (
                Pattern::FirstDotLast
                | Pattern::FirstLast
                | Pattern::InitialDotLast
                | Pattern::InitialLast
                | Pattern::Last,
                None,
            ) => return None,
        })
    }
}

/// The address to model on, and its pattern: of the addresses at the domain most of them share,
/// the first whose local part is its owner's name in a known pattern; when none is, the first
/// address at that domain, and `first.last`.
fn address_model(known: &[(String, String)]) -> Option<(String, Pattern)> {
    let domain_of = |email: &str| email.rsplit_once('@').map(|(_, d)| d.to_lowercase());
    let domains: Vec<String> = known.iter().filter_map(|(_, e)| domain_of(e)).collect();
    let domain = domains
        .iter()
        .max_by_key(|d| {
            // Most shared; on a tie the first given (max_by_key keeps the last of equals).
            let count = domains.iter().filter(|o| o == d).count();
            let first_at = domains.iter().position(|o| o == *d).unwrap_or(0);
            (count, std::cmp::Reverse(first_at))
        })?
        .clone();
    let at_domain: Vec<&(String, String)> = known
        .iter()
        .filter(|(_, e)| domain_of(e).as_deref() == Some(domain.as_str()))
        .collect();
    for (name, email) in &at_domain {
        let local = email.rsplit_once('@')?.0.to_lowercase();
        let words = name_words(name);
        if let Some(pattern) = Pattern::ALL
            .into_iter()
            .find(|p| p.apply(&words).as_deref() == Some(local.as_str()))
        {
            return Some((email.clone(), pattern));
        }
    }
    let (_, email) = at_domain.first()?;
    Some((email.clone(), Pattern::FirstDotLast))
}

/// A name's words as an address spells them: lower case, accents dropped, `æ` `ø` `å` as
/// `ae` `o` `a`, a hyphenated name kept whole (`anne-lise`), anything but letters and digits left
/// out.
fn name_words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .filter_map(|word| {
            let parts: Vec<String> = crate::roles::words(word)
                .into_iter()
                .map(|w| w.chars().filter(|c| c.is_ascii_alphanumeric()).collect())
                .filter(|w: &String| !w.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join("-"))
        })
        .collect()
}

/// Company forms written after a registered name, left out of a display name.
const COMPANY_FORMS: &[&str] = &[
    "AS", "ASA", "ANS", "DA", "SA", "BA", "ENK", "NUF", "SE", "KS", "IKS", "SF", "KF", "BBL",
];

/// Words kept in lower case inside a display name.
const SMALL_WORDS: &[&str] = &["og", "i", "på", "av", "for", "til", "and", "of", "the"];

/// A display name from a registered name: the company form at the end left out and, when the
/// name is all in capitals as the register writes it, each word capitalised (small words in
/// lower case); a name in mixed case is kept as written. `None` when nothing is left.
pub fn display_name(registered: &str) -> Option<String> {
    let mut words: Vec<&str> = registered.split_whitespace().collect();
    if words.len() > 1
        && words
            .last()
            .is_some_and(|w| COMPANY_FORMS.contains(&w.to_uppercase().as_str()))
    {
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    let shouting = !registered.chars().any(char::is_lowercase);
    if !shouting {
        return Some(words.join(" "));
    }
    let shown: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && SMALL_WORDS.contains(&lower.as_str()) {
                lower
            } else {
                capitalised(&lower)
            }
        })
        .collect();
    Some(shown.join(" "))
}

/// The first letter of each hyphen-joined part in upper case (`sør-trøndelag` → `Sør-Trøndelag`).
fn capitalised(word: &str) -> String {
    word.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, e)| (n.to_string(), e.to_string()))
            .collect()
    }

    #[test]
    fn a_name_is_spelled_as_an_address_spells_it() {
        assert_eq!(name_words("Kjærsti Østgård"), ["kjaersti", "ostgard"]);
        assert_eq!(name_words("Anne-Lise  Sæther"), ["anne-lise", "saether"]);
        assert_eq!(name_words("José O'Neill"), ["jose", "oneill"]);
        assert!(name_words("  ").is_empty());
    }

    #[test]
    fn the_pattern_is_learnt_from_an_address_of_the_company() {
        let (example, pattern) =
            address_model(&known(&[("Kari Nordmann", "k.nordmann@acme.no")])).unwrap();
        assert_eq!(example, "k.nordmann@acme.no");
        assert_eq!(pattern, Pattern::InitialDotLast);
        let words = name_words("Ola Johan Hansen");
        assert_eq!(pattern.apply(&words).as_deref(), Some("o.hansen"));
        // Middle names are not in the example either.
        let (_, pattern) =
            address_model(&known(&[("Trygve Johan Ødegård", "trygve.odegard@x.no")])).unwrap();
        assert_eq!(pattern, Pattern::FirstDotLast);
    }

    #[test]
    fn the_domain_most_people_share_wins_and_an_odd_address_falls_back_to_first_dot_last() {
        let pairs = known(&[
            ("Kari Nordmann", "kari@gmail.com"),
            ("Ola Hansen", "post@acme.no"),
            ("Per Berg", "per.berg@acme.no"),
        ]);
        let (example, pattern) = address_model(&pairs).unwrap();
        assert_eq!(example, "per.berg@acme.no");
        assert_eq!(pattern, Pattern::FirstDotLast);
        let (example, pattern) = address_model(&known(&[("Ola Hansen", "post@acme.no")])).unwrap();
        assert_eq!(
            (example.as_str(), pattern),
            ("post@acme.no", Pattern::FirstDotLast)
        );
        assert_eq!(address_model(&[]), None);
    }

    #[test]
    fn a_one_word_name_has_only_the_first_name_patterns() {
        let words = name_words("Cher");
        assert_eq!(Pattern::First.apply(&words).as_deref(), Some("cher"));
        assert_eq!(Pattern::FirstDotLast.apply(&words), None);
    }

    #[test]
    fn a_display_name_is_made_from_the_registered_name() {
        assert_eq!(
            display_name("SOLGLØTT EIENDOMSMEGLING AS").as_deref(),
            Some("Solgløtt Eiendomsmegling")
        );
        assert_eq!(
            display_name("BORETTSLAGET SØR-TRØNDELAG OG OMEGN BBL").as_deref(),
            Some("Borettslaget Sør-Trøndelag og Omegn")
        );
        assert_eq!(
            display_name("Fjordlys Kommune").as_deref(),
            Some("Fjordlys Kommune")
        );
        // A name that is only a company form is kept (nothing else to show).
        assert_eq!(display_name("AS").as_deref(), Some("As"));
        assert_eq!(display_name("   "), None);
    }
}
