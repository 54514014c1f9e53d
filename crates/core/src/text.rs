//! Bilingual text: every string a user sees exists in Norwegian bokmål and English.

use serde::{Deserialize, Serialize};

/// The language a front end speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Norwegian bokmål.
    Nb,
    #[default]
    En,
}

impl Lang {
    /// Parses `nb`, `no`, `nn` (bokmål is the written form we ship) or `en`, case-insensitive.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nb" | "no" | "nn" | "nob" | "nor" | "norsk" | "bokmål" | "bokmal" => Some(Lang::Nb),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language from a POSIX locale string such as `nb_NO.UTF-8`; `None` when it names neither.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let tag = locale.split(['.', '@']).next().unwrap_or("");
        let primary = tag.split(['_', '-']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "nb" | "no" | "nn" => Some(Lang::Nb),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language from the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`, in POSIX order), else English.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::from_locale(&v))
            .unwrap_or_default()
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::En => "en",
        }
    }
}

/// A string in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub nb: String,
    pub en: String,
}

impl Text {
    pub fn new(nb: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            nb: nb.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nb => &self.nb,
            Lang::En => &self.en,
        }
    }
}

/// Builds a [`Text`] from a Norwegian and an English format string with the same arguments.
#[macro_export]
macro_rules! t {
    (nb: $nb:expr, en: $en:expr $(,)?) => {
        $crate::text::Text::new(format!($nb), format!($en))
    };
}

/// A moment as people read it, in the local time zone: "1 December 2026 10:26" /
/// "1. desember 2026 kl. 10.26", never an RFC 3339 stamp.
pub fn local_time_in_words(at: jiff::Timestamp, lang: Lang) -> String {
    in_words(&at.to_zoned(jiff::tz::TimeZone::system()), lang)
}

/// [`local_time_in_words`] for a moment already in its zone.
pub fn in_words(at: &jiff::Zoned, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const NB: [&str; 12] = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ];
    let month = usize::from(at.month().unsigned_abs())
        .saturating_sub(1)
        .min(11);
    let (day, year, hour, minute) = (at.day(), at.year(), at.hour(), at.minute());
    match lang {
        Lang::En => format!("{day} {} {year} {hour:02}:{minute:02}", EN[month]),
        Lang::Nb => format!("{day}. {} {year} kl. {hour:02}.{minute:02}", NB[month]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_read_in_words_in_both_languages() {
        let at: jiff::Zoned = "2026-12-01T10:26:59+01:00[Europe/Oslo]".parse().unwrap();
        assert_eq!(in_words(&at, Lang::En), "1 December 2026 10:26");
        assert_eq!(in_words(&at, Lang::Nb), "1. desember 2026 kl. 10.26");
        let may: jiff::Zoned = "2027-05-17T08:05:00+02:00[Europe/Oslo]".parse().unwrap();
        assert_eq!(in_words(&may, Lang::En), "17 May 2027 08:05");
    }

    #[test]
    fn locale_names_pick_the_language() {
        assert_eq!(Lang::from_locale("nb_NO.UTF-8"), Some(Lang::Nb));
        assert_eq!(Lang::from_locale("nn_NO"), Some(Lang::Nb));
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::parse("NB"), Some(Lang::Nb));
        assert_eq!(Lang::parse("de"), None);
    }

    #[test]
    fn macro_formats_both_languages() {
        let field = "x";
        let text = t!(nb: "Feltet {field} mangler", en: "Field {field} is missing");
        assert_eq!(text.get(Lang::Nb), "Feltet x mangler");
        assert_eq!(text.get(Lang::En), "Field x is missing");
    }
}
