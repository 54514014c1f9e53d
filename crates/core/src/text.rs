//! Bilingual text: every string a user sees exists in Norwegian bokmål and English.

use serde::{Deserialize, Serialize};

/// The variable that picks the language when `--lang` is not given (`nb` or `en`).
pub const LANG_ENV: &str = "EID_ONBOARD_LANG";

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

    /// The language from the environment, else English: `EID_ONBOARD_LANG` (ours, as `--lang`),
    /// then `LANGUAGE` (GNU's list of preferences: the first of them we speak), then the locale
    /// (`LC_ALL`, `LC_MESSAGES`, `LANG`, in POSIX order).
    pub fn from_env() -> Lang {
        Lang::from_vars(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
    }

    /// [`Lang::from_env`] over any source of variables (for tests without a process environment).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = var(LANG_ENV).and_then(|v| Lang::parse(&v)) {
            return lang;
        }
        // GNU gettext ignores LANGUAGE under the C locale; we do not: it is asked for by name.
        if let Some(lang) = var("LANGUAGE").and_then(|list| {
            list.split(':')
                .find_map(|entry| Lang::from_locale(entry.trim()))
        }) {
            return lang;
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name))
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

/// An error that carries its own words in both languages, for an [`std::io::Error`] made by this
/// program (a file refused by `bounded_read`): [`io_error`] says it in the asked language. Its
/// `Display` is the English text; the error it stands for is kept in `error` (not as a `source`,
/// which would print the same words once more in an error's chain of causes).
#[derive(Debug)]
pub struct Worded {
    pub text: Text,
    pub error: Box<dyn std::error::Error + Send + Sync>,
}

impl std::fmt::Display for Worded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text.en)
    }
}

impl std::error::Error for Worded {}

/// An operating-system error as people read it: the standard library words it in English only.
pub fn io_error(error: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind;
    if let Some(worded) = error.get_ref().and_then(|e| e.downcast_ref::<Worded>()) {
        return worded.text.get(lang).to_string();
    }
    if lang == Lang::En {
        return error.to_string();
    }
    let said = match error.kind() {
        ErrorKind::NotFound => "finnes ikke",
        ErrorKind::PermissionDenied => "ingen tilgang",
        ErrorKind::AlreadyExists => "finnes allerede",
        ErrorKind::IsADirectory => "er en mappe",
        ErrorKind::NotADirectory => "er ikke en mappe",
        ErrorKind::ReadOnlyFilesystem => "filsystemet er skrivebeskyttet",
        ErrorKind::StorageFull => "disken er full",
        ErrorKind::InvalidData => "ugyldige data (ikke UTF-8?)",
        ErrorKind::TimedOut => "tidsavbrudd",
        ErrorKind::Interrupted => "avbrutt",
        _ => return format!("feil fra systemet: {error}"),
    };
    match error.raw_os_error() {
        Some(code) => format!("{said} (systemfeil {code})"),
        None => said.to_string(),
    }
}

/// A moment as people read it, in the local time zone: "1 December 2026 10:26" /
/// "1. desember 2026 kl. 10.26", never an RFC 3339 stamp.
pub fn local_time_in_words(at: jiff::Timestamp, lang: Lang) -> String {
    in_words(&at.to_zoned(jiff::tz::TimeZone::system()), lang)
}

/// A moment in a list, in the local time zone: "1 December 10:26" / "1. desember kl. 10.26",
/// with the year only when it is not this year's.
pub fn local_time_in_list(at: jiff::Timestamp, lang: Lang) -> String {
    let zone = jiff::tz::TimeZone::system();
    let today = jiff::Timestamp::now().to_zoned(zone.clone());
    in_list(&at.to_zoned(zone), today.year(), lang)
}

/// [`local_time_in_list`] for a moment already in its zone, `this_year` being the reader's.
pub fn in_list(at: &jiff::Zoned, this_year: i16, lang: Lang) -> String {
    if at.year() != this_year {
        return in_words(at, lang);
    }
    let (day, month, hour, minute) = (at.day(), month_name(at, lang), at.hour(), at.minute());
    match lang {
        Lang::En => format!("{day} {month} {hour:02}:{minute:02}"),
        Lang::Nb => format!("{day}. {month} kl. {hour:02}.{minute:02}"),
    }
}

/// The most columns [`local_time_in_list`] can take in `lang` this year, so a list's column of
/// times is as wide on any day and the columns beside it do not move with the date.
pub fn widest_in_list(lang: Lang) -> usize {
    (1..=12)
        .filter_map(|month| {
            jiff::civil::date(2026, month, 28)
                .at(23, 59, 0, 0)
                .to_zoned(jiff::tz::TimeZone::UTC)
                .ok()
        })
        .map(|at| in_list(&at, 2026, lang).chars().count())
        .max()
        .unwrap_or(0)
}

/// [`local_time_in_words`] for a moment already in its zone.
pub fn in_words(at: &jiff::Zoned, lang: Lang) -> String {
    let (day, month, year, hour, minute) = (
        at.day(),
        month_name(at, lang),
        at.year(),
        at.hour(),
        at.minute(),
    );
    match lang {
        Lang::En => format!("{day} {month} {year} {hour:02}:{minute:02}"),
        Lang::Nb => format!("{day}. {month} {year} kl. {hour:02}.{minute:02}"),
    }
}

/// The month of a moment by name ("December", "desember").
fn month_name(at: &jiff::Zoned, lang: Lang) -> &'static str {
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
    match lang {
        Lang::En => EN[month],
        Lang::Nb => NB[month],
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
    fn a_list_leaves_out_this_years_year_only() {
        let at: jiff::Zoned = "2026-12-01T10:26:59+01:00[Europe/Oslo]".parse().unwrap();
        assert_eq!(in_list(&at, 2026, Lang::En), "1 December 10:26");
        assert_eq!(in_list(&at, 2026, Lang::Nb), "1. desember kl. 10.26");
        assert_eq!(in_list(&at, 2027, Lang::En), "1 December 2026 10:26");
        assert_eq!(widest_in_list(Lang::En), "30 September 23:59".len());
        assert_eq!(widest_in_list(Lang::Nb), "30. september kl. 23.59".len());
    }

    #[test]
    fn the_environment_picks_the_language_in_order() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_vars(vars(&[])), Lang::En);
        assert_eq!(Lang::from_vars(vars(&[("LANG", "nb_NO.UTF-8")])), Lang::Nb);
        assert_eq!(
            Lang::from_vars(vars(&[("LANGUAGE", "sv:nn_NO:en"), ("LANG", "en_GB")])),
            Lang::Nb
        );
        assert_eq!(
            Lang::from_vars(vars(&[("LANGUAGE", "de"), ("LC_ALL", "nb_NO")])),
            Lang::Nb
        );
        assert_eq!(
            Lang::from_vars(vars(&[("EID_ONBOARD_LANG", "en"), ("LANGUAGE", "nb")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_vars(vars(&[("EID_ONBOARD_LANG", "nb"), ("LC_ALL", "en_US")])),
            Lang::Nb
        );
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
