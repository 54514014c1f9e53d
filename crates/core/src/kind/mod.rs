//! Field kinds: what each kind of question means for a value, whatever the questionnaire.
//!
//! One file per kind family holds the family's leaf rules and its [`Kind`]: how typed text is
//! stored ([`Kind::normalize`]), what is wrong with a value ([`Kind::check`]), how the request
//! shows it ([`Kind::display`]), a short hint of the format it takes ([`Kind::hint`]) and the
//! [`Shape`] its answer is stored in. [`of`] is the one place that maps a [`FieldKind`] to its
//! family; code that handles answers by their type (the answers file, validation, the document)
//! matches on [`Shape`], so a new kind of an existing shape touches nothing there.

pub mod choice;
pub mod country;
pub mod date;
pub mod email;
pub mod file;
pub mod group;
pub mod jwk;
pub mod number;
pub mod orgnr;
pub mod phone;
mod phone_regions;
pub mod postal;
pub mod repeat;
pub mod text;
pub mod url;
pub mod yes_no;

use crate::form::{Choice, FieldKind};
use crate::t;
use crate::text::{Lang, Text};
use crate::validate::Finding;

/// What one kind family does with a value.
pub trait Kind<'a> {
    /// How an answer of this kind is stored: one text value, unless the kind says otherwise.
    fn shape(&self) -> Shape<'a> {
        Shape::Text
    }
    /// How a front end takes an answer of this kind: one line of text, unless the kind says
    /// otherwise.
    fn input(&self) -> Input<'a> {
        Input::Line
    }
    /// The stored form of typed text: what a front end keeps and the answers file holds. As typed
    /// unless the kind has a canonical form: validation says what is wrong, the user decides.
    fn normalize(&self, input: &str) -> String {
        input.to_string()
    }
    /// What is wrong with one text value of this kind (an answer, a repeat's entry, a group's
    /// part). A kind whose answer is not text finds text of the wrong type.
    fn check(&self, value: &str, around: &Around) -> Vec<Finding>;
    /// How the request shows a text value of this kind: as written, without surrounding blanks,
    /// unless the kind has a better way (a choice's label, a grouped phone number).
    fn display(&self, value: &str, _lang: Lang) -> String {
        trimmed(value)
    }
    /// A short hint of the format the kind takes, e.g. `9 digits`, when it has one.
    fn hint(&self) -> Option<Text>;
    /// The most characters a value of this kind can have: a longer one is one error, and the
    /// kind's own rules never see (or quote back) it. `None` for a kind that counts its own.
    fn max_chars(&self) -> Option<usize> {
        Some(VALUE_MAX_CHARS)
    }
}

/// The longest value of a kind with no limit of its own (an address, a code, a URL, a path): more
/// than any real one has (a path has at most 4096 bytes on Linux).
pub const VALUE_MAX_CHARS: usize = 4096;

/// A kind behind its length gate ([`Kind::max_chars`]); everything else is the kind's own.
struct Capped<'a> {
    kind: Box<dyn Kind<'a> + 'a>,
}

impl<'a> Kind<'a> for Capped<'a> {
    fn shape(&self) -> Shape<'a> {
        self.kind.shape()
    }
    fn input(&self) -> Input<'a> {
        self.kind.input()
    }
    fn normalize(&self, input: &str) -> String {
        self.kind.normalize(input)
    }
    fn check(&self, value: &str, around: &Around) -> Vec<Finding> {
        let length = value.trim().chars().count();
        match self.kind.max_chars() {
            Some(max) if length > max => {
                let over = length - max;
                vec![Finding::error(t!(
                    nb: "Svaret kan ha høyst {max} tegn; det har {length}. Kort det ned med {over} tegn.",
                    en: "The answer may have at most {max} characters; it has {length}. Shorten it by {over}.",
                ))]
            }
            _ => self.kind.check(value, around),
        }
    }
    fn display(&self, value: &str, lang: Lang) -> String {
        self.kind.display(value, lang)
    }
    fn hint(&self) -> Option<Text> {
        self.kind.hint()
    }
    fn max_chars(&self) -> Option<usize> {
        self.kind.max_chars()
    }
}

/// The family of a kind, with the kind's own rules, behind its length gate.
pub fn of<'a>(kind: &'a FieldKind) -> Box<dyn Kind<'a> + 'a> {
    Box::new(Capped { kind: family(kind) })
}

/// The family of a kind: the one match over every kind.
fn family<'a>(kind: &'a FieldKind) -> Box<dyn Kind<'a> + 'a> {
    match kind {
        FieldKind::Text(rules) => Box::new(text::Plain {
            rules,
            multiline: false,
        }),
        FieldKind::Multiline(rules) => Box::new(text::Plain {
            rules,
            multiline: true,
        }),
        FieldKind::Email => Box::new(email::Email),
        FieldKind::Phone { mobile } => Box::new(phone::Phone { mobile: *mobile }),
        FieldKind::Url(rules) => Box::new(url::Web { rules }),
        FieldKind::Orgnr { country_field } => Box::new(orgnr::Orgnr {
            country_field: country_field.as_deref(),
        }),
        FieldKind::PostalCode { country_field } => Box::new(postal::PostalCode {
            country_field: country_field.as_deref(),
        }),
        FieldKind::Country => Box::new(country::Country),
        FieldKind::Address { .. } | FieldKind::Contact { .. } => Box::new(group::Group),
        FieldKind::Select(choice) => Box::new(choice::Select { choice }),
        FieldKind::MultiSelect(choice) => Box::new(choice::MultiSelect { choice }),
        FieldKind::YesNo => Box::new(yes_no::YesNo),
        FieldKind::Number { min, max, unit } => Box::new(number::Number {
            min: *min,
            max: *max,
            unit: unit.as_ref(),
        }),
        FieldKind::File(rules) => Box::new(file::Attachment { rules }),
        FieldKind::Repeat { item, min, max } => Box::new(repeat::Repeat {
            item,
            min: *min,
            max: *max,
        }),
        FieldKind::Date {
            warn_sooner_than_months,
        } => Box::new(date::Day {
            warn_sooner_than_months: *warn_sooner_than_months,
        }),
        FieldKind::RedirectUri(rules) => Box::new(url::Redirect { rules }),
        FieldKind::Jwk => Box::new(jwk::Jwk),
    }
}

/// How an answer of the kind is stored.
pub fn shape(kind: &FieldKind) -> Shape<'_> {
    of(kind).shape()
}

/// How a front end takes an answer of this kind.
pub fn input(kind: &FieldKind) -> Input<'_> {
    of(kind).input()
}

/// The choice of a select or multi-select kind; `None` for any other kind.
pub fn select_choice(kind: &FieldKind) -> Option<&Choice> {
    match input(kind) {
        Input::Pick(choice) | Input::PickMany(choice) => Some(choice),
        Input::Line
        | Input::Lines
        | Input::Path
        | Input::YesNo
        | Input::Number
        | Input::Parts
        | Input::Entries => None,
    }
}

/// How a front end takes an answer: a line of text, several lines, a pick from a list, and so on.
/// The wizards decide their own way of asking from this, not from the kind itself, so a new kind
/// that is taken like an existing one needs nothing in them.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// One line of text.
    Line,
    /// Text over several lines.
    Lines,
    /// The path of a file (completed, and resolved against the current folder).
    Path,
    /// One of a list's choices.
    Pick(&'a Choice),
    /// Any number of a list's choices.
    PickMany(&'a Choice),
    /// Yes or no.
    YesNo,
    /// A whole number.
    Number,
    /// The parts of a group, each on its own.
    Parts,
    /// The entries of a repeat.
    Entries,
}

/// The stored form of a typed value: org numbers without spaces, phones as E.164 when valid,
/// addresses and codes trimmed; other text as typed (validation reports what is wrong with it).
pub fn normalize(kind: &FieldKind, input: &str) -> String {
    of(kind).normalize(input)
}

/// How an answer is stored, for the code that handles answers by their type rather than by kind.
#[derive(Clone, Copy, Debug)]
pub enum Shape<'a> {
    /// One text value.
    Text,
    /// One text value that is the path of a file to attach.
    File,
    /// Yes or no.
    YesNo,
    /// A whole number.
    Number {
        min: Option<i64>,
        max: Option<i64>,
        unit: Option<&'a Text>,
    },
    /// A list of chosen values.
    Choices(&'a Choice),
    /// One text per part, stored under `<id>.<part>`.
    Group,
    /// Entries of the item kind: a list of texts, or of records of a group's parts.
    Repeat {
        item: &'a FieldKind,
        min: usize,
        max: Option<usize>,
    },
}

impl Shape<'_> {
    /// The finding for an answer of the wrong type in the answers file.
    pub fn wrong_type(&self) -> Finding {
        let (nb, en) = match self {
            Shape::YesNo => (
                "ja eller nei (true eller false)",
                "yes or no (true or false)",
            ),
            Shape::Number { .. } => ("et heltall", "a whole number"),
            Shape::Choices(_) => (
                "en liste med valg, f.eks. [\"a\", \"b\"]",
                "a list of choices, e.g. [\"a\", \"b\"]",
            ),
            Shape::Repeat { item, .. } if item.is_group() => (
                "en liste med oppføringer ([[…]] i TOML)",
                "a list of entries ([[…]] in TOML)",
            ),
            Shape::Repeat { .. } => ("en liste med tekster", "a list of texts"),
            Shape::Text | Shape::File | Shape::Group => ("tekst i anførselstegn", "text in quotes"),
        };
        Finding::error(t!(
            nb: "Svaret har feil type: her skal det stå {nb}.",
            en: "The answer has the wrong type: this takes {en}.",
        ))
    }

    /// Whether the answer is one or more files to attach.
    pub fn holds_files(&self) -> bool {
        match self {
            Shape::File => true,
            Shape::Repeat { item, .. } => matches!(of(item).shape(), Shape::File),
            Shape::Text
            | Shape::YesNo
            | Shape::Number { .. }
            | Shape::Choices(_)
            | Shape::Group => false,
        }
    }
}

/// What a value's rules need from outside the value.
pub struct Around<'a> {
    /// Whether the country answered in the named field is Norway (no such field, or no answer,
    /// counts as Norway).
    pub is_norwegian: &'a dyn Fn(Option<&str>) -> bool,
    /// Today, for the age of a document.
    pub today: jiff::civil::Date,
    /// How attached files are learnt about.
    pub files: &'a file::Files,
}

/// Text typed where the kind takes no text (a number, a list): kept, and reported as such.
fn not_text(shape: Shape<'_>) -> Vec<Finding> {
    vec![shape.wrong_type()]
}

/// Most kinds show a value as written, without surrounding blanks.
fn trimmed(value: &str) -> String {
    value.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{FileRules, FileType, TextRules, UrlRules};

    #[test]
    fn every_text_kind_hints_at_its_format_in_both_languages() {
        let file = FileRules {
            accept: vec![FileType::Pdf],
            max_bytes: 10 * 1024 * 1024,
            warn_older_than_days: None,
            image_size: None,
        };
        let kinds = [
            FieldKind::Email,
            FieldKind::Phone { mobile: true },
            FieldKind::Url(UrlRules::default()),
            FieldKind::Orgnr {
                country_field: None,
            },
            FieldKind::PostalCode {
                country_field: None,
            },
            FieldKind::Country,
            FieldKind::YesNo,
            FieldKind::Number {
                min: Some(1),
                max: Some(5),
                unit: None,
            },
            FieldKind::File(file),
            FieldKind::Jwk,
        ];
        for kind in &kinds {
            let hint = of(kind)
                .hint()
                .unwrap_or_else(|| panic!("{} has no hint", kind.name()));
            assert!(
                !hint.nb.is_empty() && !hint.en.is_empty(),
                "{}",
                kind.name()
            );
        }
        assert_eq!(
            of(&FieldKind::Number {
                min: Some(1),
                max: Some(5),
                unit: None
            })
            .hint()
            .unwrap()
            .en,
            "whole number 1–5"
        );
        assert!(of(&FieldKind::Text(TextRules::default())).hint().is_none());
    }

    #[test]
    fn stored_forms_follow_the_kind() {
        assert_eq!(
            normalize(
                &FieldKind::Orgnr {
                    country_field: None
                },
                " 123 456 785 "
            ),
            "123456785"
        );
        assert_eq!(
            normalize(
                &FieldKind::Orgnr {
                    country_field: None
                },
                " HRB 1234 "
            ),
            "HRB 1234"
        );
        assert_eq!(
            normalize(&FieldKind::Phone { mobile: true }, "912 34 567"),
            "+4791234567"
        );
        assert_eq!(normalize(&FieldKind::Country, " se "), "SE");
        assert_eq!(normalize(&FieldKind::Email, " a@b.no "), "a@b.no");
        assert_eq!(
            normalize(&FieldKind::Text(TextRules::default()), " as typed "),
            " as typed "
        );
        // One line stays one line: a name never breaks a mail header.
        assert_eq!(
            normalize(
                &FieldKind::Text(TextRules::default()),
                "Kari\r\n\nNordmann\tAS\x1b"
            ),
            "Kari Nordmann AS\x1b"
        );
        assert_eq!(
            normalize(&FieldKind::Multiline(TextRules::default()), "a\r\nb"),
            "a\r\nb"
        );
    }

    #[test]
    fn a_value_longer_than_its_kind_takes_is_one_error_that_does_not_quote_it() {
        let around = Around {
            is_norwegian: &|_| true,
            today: jiff::civil::date(2026, 12, 1),
            files: &file::Files::Read,
        };
        let long = "9".repeat(VALUE_MAX_CHARS + 1);
        let found = of(&FieldKind::Country).check(&long, &around);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .en
                .contains("at most 4096 characters; it has 4097")
        );
        assert!(found[0].message.en.len() < 200, "{found:?}");
        assert_eq!(
            of(&FieldKind::Country).check(&"X".repeat(3), &around).len(),
            1,
            "a shorter value meets the kind's own rules"
        );
    }
}
