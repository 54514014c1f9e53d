//! `select` and `multi-select`: values from inline options and an asset list (banks, legal
//! bases), and free text where the questionnaire allows it.

use super::{Around, Input, Kind, Shape, not_text, text};
use crate::assets;
use crate::form::{Choice, OptionSource};
use crate::t;
use crate::text::{Lang, Text};
use crate::validate::{Finding, Severity};

/// `select`: one of the choices.
pub struct Select<'a> {
    pub choice: &'a Choice,
}

impl<'a> Kind<'a> for Select<'a> {
    fn input(&self) -> Input<'a> {
        Input::Pick(self.choice)
    }

    fn check(&self, value: &str, _around: &Around) -> Vec<Finding> {
        check(self.choice, value).into_iter().collect()
    }

    fn display(&self, value: &str, lang: Lang) -> String {
        label(self.choice, value, lang)
    }

    fn hint(&self) -> Option<Text> {
        self.choice
            .allow_other
            .then(|| Text::new("velg, eller skriv inn", "choose, or type your own"))
    }
}

/// `multi-select`: any number of the choices, stored as a list.
pub struct MultiSelect<'a> {
    pub choice: &'a Choice,
}

impl<'a> Kind<'a> for MultiSelect<'a> {
    fn input(&self) -> Input<'a> {
        Input::PickMany(self.choice)
    }

    fn shape(&self) -> Shape<'a> {
        Shape::Choices(self.choice)
    }

    fn check(&self, _value: &str, _around: &Around) -> Vec<Finding> {
        not_text(self.shape())
    }

    fn hint(&self) -> Option<Text> {
        Some(Text::new("velg ett eller flere", "choose one or more"))
    }
}

/// The values a choice offers: inline options, then its source's.
pub fn values(choice: &Choice) -> Vec<String> {
    let mut values: Vec<String> = choice.options.iter().map(|o| o.value.clone()).collect();
    match choice.source {
        Some(OptionSource::Banks) => values.extend(assets::banks().iter().map(|b| b.name.clone())),
        Some(OptionSource::LegalBases) => {
            values.extend(assets::legal_bases().iter().map(|b| b.value.clone()))
        }
        None => {}
    }
    values
}

/// What is wrong with one chosen value: not among the choices, or free text that does not hold.
pub fn check(choice: &Choice, value: &str) -> Option<Finding> {
    let value = value.trim();
    let values = values(choice);
    let listed = values.iter().any(|v| v.eq_ignore_ascii_case(value));
    if listed {
        return None;
    }
    if choice.allow_other {
        return match choice.source {
            Some(OptionSource::LegalBases) => legal_basis_problem(value),
            _ => text::validate(value, &Default::default(), false)
                .into_iter()
                .find(|f| f.severity == Severity::Error),
        };
    }
    let shown: Vec<&str> = values.iter().take(6).map(String::as_str).collect();
    let more = if values.len() > 6 { ", …" } else { "" };
    let list = shown.join(", ");
    let value = crate::inert::quote(value);
    Some(Finding::error(t!(
        nb: "«{value}» er ikke et av valgene. Velg ett av: {list}{more}.",
        en: "\"{value}\" is not one of the choices. Pick one of: {list}{more}.",
    )))
}

/// The first value chosen more than once (choices compare without case and surrounding blanks,
/// as [`check`] does): a list sent twice over is a request to check, not to guess at.
pub fn duplicates(values: &[String]) -> Option<Finding> {
    let key = |v: &String| v.trim().to_lowercase();
    let twice = values
        .iter()
        .enumerate()
        .find(|(i, v)| values.iter().take(*i).any(|earlier| key(earlier) == key(v)))
        .map(|(_, v)| v.trim().to_string())?;
    Some(Finding::error(t!(
        nb: "«{twice}» er valgt mer enn én gang. Ta det med bare én gang.",
        en: "\"{twice}\" is chosen more than once. List it only once.",
    )))
}

/// An inline option by its label; a legal basis with the law's name; anything else as written.
pub fn label(choice: &Choice, value: &str, lang: Lang) -> String {
    let value = value.trim();
    if let Some(option) = choice
        .options
        .iter()
        .find(|o| o.value.eq_ignore_ascii_case(value))
    {
        return option.label.get(lang).to_string();
    }
    if choice.source == Some(OptionSource::LegalBases)
        && let Some(basis) = assets::legal_bases()
            .iter()
            .find(|b| b.value.eq_ignore_ascii_case(value))
    {
        return format!("{} — {}", basis.value, basis.label.get(lang));
    }
    value.to_string()
}

/// A free-text legal basis must cite a law and a paragraph: the provider refuses the order otherwise.
pub fn legal_basis_problem(value: &str) -> Option<Finding> {
    let lower = value.to_lowercase();
    let cites_paragraph =
        (lower.contains('§') || lower.contains("paragraf") || lower.contains("kap"))
            && lower.chars().any(|c| c.is_ascii_digit());
    let names_law = lower.chars().filter(|c| c.is_alphabetic()).count() >= 4;
    if cites_paragraph && names_law {
        return None;
    }
    let value = crate::inert::quote(value);
    Some(Finding::error(t!(
        nb: "Oppgi loven og paragrafen som gir rett til å bruke fødselsnummer, f.eks. «hvitvaskingsloven § 12». «{value}» nevner ingen paragraf.",
        en: "Give the law and the paragraph that allow processing the national identity number, e.g. \"hvitvaskingsloven § 12\". \"{value}\" names no paragraph.",
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_chosen_twice_is_an_error_naming_it() {
        let list = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(duplicates(&list(&["openid", "profile"])).is_none());
        assert!(duplicates(&list(&[])).is_none());
        let found = duplicates(&list(&["openid", "profile", " OpenID "])).expect("duplicate");
        assert!(found.is_error());
        assert!(
            found
                .message
                .en
                .contains("\"OpenID\" is chosen more than once"),
            "{found:?}"
        );
        assert!(found.message.nb.contains("«OpenID»"), "{found:?}");
    }

    #[test]
    fn a_legal_basis_must_name_a_law_and_a_paragraph() {
        assert!(legal_basis_problem("hvitvaskingsloven § 12").is_none());
        assert!(legal_basis_problem("Lov om tiltak mot hvitvasking paragraf 12").is_none());
        assert!(legal_basis_problem("forskrift kap. 4").is_none());
        assert!(legal_basis_problem("hvitvaskingsloven").is_some());
        assert!(legal_basis_problem("§ 12").is_some());
        assert!(legal_basis_problem("because we need it").is_some());
    }
}
