//! Free text: cleaning pasted control characters, length limits, warned words and placeholders.
//!
//! Text typed here ends up in an email and a PDF read by the provider and shown in terminals, so
//! terminal escape sequences and bidi overrides (which can make text read differently from what
//! it contains) are removed, and the user is told when that happened.

use super::{Around, Input, Kind};
use crate::form::spec::TextRules;
use crate::inert::clean::has_dropped;
pub use crate::inert::clean::sanitize;
use crate::t;
use crate::text::{Lang, Text};
use crate::validate::Finding;

/// The most a one-line answer (a name, a street, a display name) may have when its questionnaire
/// sets no maximum: far more than any real name, and a value no check has to quote back whole.
pub const LINE_MAX_CHARS: usize = 200;

/// The same for text over several lines (a description, a reason): some four pages.
pub const LINES_MAX_CHARS: usize = 10_000;

/// Values that stand in for a real answer; compared lowercase with whitespace collapsed.
const PLACEHOLDERS: &[&str] = &[
    "n/a",
    "na",
    "-",
    "test",
    "todo",
    "tbd",
    "xxx",
    "...",
    "asdf",
    "lorem ipsum",
];

/// Checks free text against `rules`. Empty input gives no findings.
pub fn validate(input: &str, rules: &TextRules, multiline: bool) -> Vec<Finding> {
    let value = input.trim();
    if value.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    if has_dropped(value) {
        found.push(Finding::error(t!(
            nb: "Teksten inneholder usynlige kontrolltegn, trolig fra innliming. Skriv teksten inn på nytt for hånd.",
            en: "The text contains invisible control characters, probably pasted. Retype the text by hand.",
        )));
    }
    let clean = sanitize(value, multiline);
    let clean = clean.trim();
    let max = rules.max_len.unwrap_or(if multiline {
        LINES_MAX_CHARS
    } else {
        LINE_MAX_CHARS
    });
    if let Some(too_long) = too_long(clean, max) {
        // Too long says it all: no minimum, placeholder or word is looked for in it.
        found.push(too_long);
        return found;
    }
    found.extend(length_findings(clean, rules));
    found.extend(
        rules
            .warn_words
            .iter()
            .filter_map(|word| warned_word(clean, word, rules.warn_source.as_ref())),
    );
    found
}

/// Minimum (or placeholder) and warning length, counted in characters (the maximum is checked
/// first, see [`too_long`]).
fn length_findings(value: &str, rules: &TextRules) -> Vec<Finding> {
    let length = value.chars().count();
    let mut found = Vec::new();
    if let Some(min) = rules.min_len {
        found.extend(too_short(value, length, min, false));
    } else if let Some(min) = rules.warn_min_len {
        found.extend(too_short(value, length, min, true));
    }
    if let Some(warn) = rules.warn_len.filter(|&warn| length > warn) {
        found.push(Finding::warning(long_advice(length, warn, rules)));
    }
    found
}

/// An error for a text of more than `max` characters.
fn too_long(value: &str, max: usize) -> Option<Finding> {
    let length = value.chars().count();
    let over = length.checked_sub(max).filter(|&over| over > 0)?;
    Some(Finding::error(t!(
        nb: "Teksten kan ha høyst {max} tegn; du skrev {length}. Kort den ned med {over} tegn.",
        en: "The text may have at most {max} characters; you wrote {length}. Shorten it by {over}.",
    )))
}

/// A text below a minimum of `min` characters: a placeholder is no answer at all (an error even
/// where the minimum is only advised); fewer characters is an error for a stated minimum, else
/// this tool's advice.
fn too_short(value: &str, length: usize, min: usize, advised_only: bool) -> Option<Finding> {
    if is_placeholder(value) {
        let value = crate::inert::quote(value);
        return Some(Finding::error(t!(
            nb: "«{value}» er bare en plassholder. Skriv den virkelige begrunnelsen (minst {min} tegn).",
            en: "“{value}” is only a placeholder. Give the real reason (at least {min} characters).",
        )));
    }
    if length >= min {
        return None;
    }
    let more = min - length;
    let text = t!(
        nb: "Skriv minst {min} tegn; du skrev {length}, så det trengs {more} til. Forklar med egne ord.",
        en: "Write at least {min} characters; you wrote {length}, so {more} more are needed. Explain in your own words.",
    );
    Some(if advised_only {
        Finding::warning(advised(text))
    } else {
        Finding::error(text)
    })
}

/// A finding marked as this tool's advice, for a rule no source states.
fn advised(text: Text) -> Text {
    let (nb, en) = (&text.nb, &text.en);
    t!(
        nb: "{nb} (Et råd fra dette verktøyet, ikke et krav leverandøren oppgir: en kort forklaring blir ofte sendt tilbake.)",
        en: "{en} (This tool's advice, not a rule the provider states: a short explanation is often sent back.)",
    )
}

/// The warning for a text longer than `warn`: advice, with its source when the form names one.
fn long_advice(length: usize, warn: usize, rules: &TextRules) -> Text {
    match &rules.warn_source {
        Some(source) => {
            let (nb, en) = (&source.nb, &source.en);
            t!(
                nb: "Teksten har {length} tegn. Råd fra {nb}: høyst {warn} tegn. Det er et råd, ikke et krav leverandøren oppgir; vurder en kortere form.",
                en: "The text has {length} characters. Advice from {en}: at most {warn} characters. It is advice, not a rule the provider states; consider a shorter form.",
            )
        }
        None => t!(
            nb: "Teksten har {length} tegn, mer enn de {warn} dette verktøyet råder til; lengre tekst kan bli kuttet. Vurder en kortere form.",
            en: "The text has {length} characters, more than the {warn} this tool advises; longer text may be cut. Consider a shorter form.",
        ),
    }
}

/// A warning when `word` occurs in `value`, case-insensitive, on its own or inside another word
/// (`MyBankIDLogin` still shows "BankID" to the user): advice, with its source when the form names
/// one.
fn warned_word(value: &str, word: &str, source: Option<&Text>) -> Option<Finding> {
    let word = word.trim();
    if word.is_empty() || !value.to_lowercase().contains(&word.to_lowercase()) {
        return None;
    }
    Some(Finding::warning(match source {
        Some(source) => {
            let (nb, en) = (&source.nb, &source.en);
            t!(
                nb: "Teksten inneholder «{word}». Råd fra {nb}: ikke bruk «{word}» i navnet. Det er et råd, ikke et krav leverandøren oppgir; bruk helst selskapets eget navn eller merkenavn.",
                en: "The text contains “{word}”. Advice from {en}: leave “{word}” out of the name. It is advice, not a rule the provider states; prefer the company's own name or brand.",
            )
        }
        None => t!(
            nb: "Teksten inneholder «{word}». Dette verktøyet råder til å la «{word}» være ute; bruk helst selskapets eget navn eller merkenavn.",
            en: "The text contains “{word}”. This tool advises leaving “{word}” out; prefer the company's own name or brand.",
        ),
    }))
}

/// A stand-in rather than an answer: a known placeholder, lorem ipsum, or one character repeated
/// (`xxxxxxxx`, `.....`) to get past a minimum length.
fn is_placeholder(value: &str) -> bool {
    let folded = value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut chars = folded.chars();
    let repeated = chars.next().is_some_and(|first| chars.all(|c| c == first));
    repeated || folded.starts_with("lorem ipsum") || PLACEHOLDERS.contains(&folded.as_str())
}

/// `input` on one line: each run of line breaks, and each tab, becomes one space.
pub fn one_line(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut after_break = false;
    for c in input.chars() {
        match c {
            '\r' | '\n' if after_break => {}
            '\r' | '\n' => {
                out.push(' ');
                after_break = true;
            }
            '\t' => {
                out.push(' ');
                after_break = false;
            }
            c => {
                out.push(c);
                after_break = false;
            }
        }
    }
    out
}

/// `text` and `multiline`: free text within the questionnaire's limits.
pub struct Plain<'a> {
    pub rules: &'a TextRules,
    pub multiline: bool,
}

impl<'a> Kind<'a> for Plain<'a> {
    fn input(&self) -> Input<'a> {
        if self.multiline {
            Input::Lines
        } else {
            Input::Line
        }
    }

    /// A one-line answer is stored on one line: line breaks and tabs (pasted, or in an answers
    /// file) become single spaces, so a name never breaks a mail header. Other control
    /// characters stay, for validation to refuse with the field named.
    fn normalize(&self, input: &str) -> String {
        if self.multiline {
            input.to_string()
        } else {
            one_line(input)
        }
    }

    fn check(&self, value: &str, _around: &Around) -> Vec<Finding> {
        validate(value, self.rules, self.multiline)
    }

    /// A one-line answer shows on one line and inert, whatever a hand-edited draft holds.
    fn display(&self, value: &str, _lang: Lang) -> String {
        if self.multiline {
            value.trim().to_string()
        } else {
            sanitize(value, false).trim().to_string()
        }
    }

    /// Free text counts its own length, with a message about text.
    fn max_chars(&self) -> Option<usize> {
        None
    }

    fn hint(&self) -> Option<Text> {
        match (self.rules.min_len, self.rules.max_len) {
            (Some(min), Some(max)) => {
                Some(t!(nb: "{min}–{max} tegn", en: "{min}–{max} characters"))
            }
            (Some(min), None) => Some(t!(nb: "minst {min} tegn", en: "at least {min} characters")),
            (None, Some(max)) => Some(t!(nb: "høyst {max} tegn", en: "at most {max} characters")),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Severity;

    fn rules() -> TextRules {
        TextRules::default()
    }

    fn display_name() -> TextRules {
        TextRules {
            max_len: Some(80),
            warn_len: Some(40),
            warn_words: vec!["BankID".to_string(), "Vipps".to_string()],
            warn_source: Some(Text::new(
                "svensk BankIDs regler for visningsnavn",
                "Swedish BankID's rules for display names",
            )),
            ..TextRules::default()
        }
    }

    fn reason() -> TextRules {
        TextRules {
            min_len: Some(20),
            ..TextRules::default()
        }
    }

    fn severities(input: &str, rules: &TextRules) -> Vec<Severity> {
        validate(input, rules, false)
            .iter()
            .map(|f| f.severity)
            .collect()
    }

    #[test]
    fn escape_injection_is_removed_whole() {
        let input = "Acme\x1b[2J\x1b]0;pwned\x07 AS";
        assert_eq!(sanitize(input, false), "Acme AS");
        assert_eq!(sanitize(input, true), "Acme AS");
        let found = validate(input, &rules(), false);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
        assert!(found[0].message.en.contains("Retype"));
    }

    #[test]
    fn other_escape_forms() {
        // OSC ended by ESC \ (string terminator).
        assert_eq!(sanitize("A\x1b]8;;http://x\x1b\\B", false), "AB");
        // Colour codes.
        assert_eq!(sanitize("\x1b[1;31mRed\x1b[0m", false), "Red");
        // A plain two-character escape (reset).
        assert_eq!(sanitize("A\x1bcB", false), "AB");
        // C1 CSI and OSC.
        assert_eq!(sanitize("A\u{9b}2JB\u{9d}0;t\u{9c}C", false), "ABC");
        // An unterminated OSC stops at the line break.
        assert_eq!(sanitize("A\x1b]0;title\nB", true), "A\nB");
        // A lone ESC at the end.
        assert_eq!(sanitize("A\x1b", false), "A");
        // A broken CSI does not swallow the text after it.
        assert_eq!(sanitize("A\x1b[12æøå", false), "Aæøå");
    }

    #[test]
    fn control_and_bidi_characters_are_stripped() {
        assert_eq!(sanitize("A\u{0}B\u{7f}C\u{85}D", false), "ABCD");
        assert_eq!(sanitize("abc\u{202e}fed\u{202c}", false), "abcfed");
        assert_eq!(sanitize("\u{2066}x\u{2069}", false), "x");
        assert_eq!(
            severities("abc\u{202e}fed", &rules()),
            vec![Severity::Error]
        );
    }

    #[test]
    fn line_breaks_and_tabs() {
        assert_eq!(sanitize("a\r\nb\rc\nd", true), "a\nb\nc\nd");
        assert_eq!(sanitize("a\tb", true), "a\tb");
        assert_eq!(sanitize("a\tb", false), "a b");
        assert_eq!(sanitize("Acme\r\n\r\nAS", false), "Acme AS");
        assert_eq!(sanitize("a\nb", false), "a b");
        // Line breaks and tabs are converted, not errors.
        assert!(validate("line one\r\nline two\tend", &rules(), true).is_empty());
        assert!(validate("Acme\nAS", &rules(), false).is_empty());
    }

    #[test]
    fn unicode_is_counted_in_characters() {
        let exactly_40 = "Blåbærsyltetøy og rømmegrøt på Ærøy ÆØÅ!";
        assert_eq!(exactly_40.chars().count(), 40);
        assert!(exactly_40.len() > 40);
        assert!(validate(exactly_40, &display_name(), false).is_empty());
        let found = validate(&format!("{exactly_40}å"), &display_name(), false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].message.en.contains("41 characters"));
        // Advice, named by its source, never given as the provider's rule.
        let en = &found[0].message.en;
        assert!(
            en.contains("Advice from Swedish BankID's rules for display names: at most 40"),
            "{en}"
        );
        assert!(en.contains("not a rule the provider states"), "{en}");
        assert!(
            found[0]
                .message
                .nb
                .contains("Råd fra svensk BankIDs regler")
        );
        // Without a source, it is this tool's advice.
        let own = TextRules {
            warn_source: None,
            ..display_name()
        };
        let found = validate(&format!("{exactly_40}å"), &own, false);
        assert!(found[0].message.en.contains("this tool advises"));
    }

    #[test]
    fn too_long_is_an_error_not_also_a_warning() {
        let long = "x".repeat(81);
        let found = validate(&long, &display_name(), false);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
        assert!(found[0].message.en.contains("at most 80"));
        assert!(found[0].message.en.contains("Shorten it by 1"));
    }

    #[test]
    fn warned_words_case_insensitive_and_inside_words() {
        let found = validate("Acme BankID login", &display_name(), false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        let en = &found[0].message.en;
        assert!(
            en.contains("Advice from Swedish BankID's rules for display names: leave “BankID” out"),
            "{en}"
        );
        assert!(en.contains("not a rule the provider states"), "{en}");
        assert_eq!(
            severities("acme-bankid", &display_name()),
            vec![Severity::Warning]
        );
        assert_eq!(
            severities("MyBANKIDLogin", &display_name()),
            vec![Severity::Warning]
        );
        assert_eq!(
            severities("Vipps og BankID", &display_name()),
            vec![Severity::Warning, Severity::Warning]
        );
        assert!(validate("Acme Bank", &display_name(), false).is_empty());
    }

    #[test]
    fn an_advised_minimum_is_a_warning_that_says_so() {
        let advised = TextRules {
            warn_min_len: Some(20),
            ..TextRules::default()
        };
        let found = validate("Because we must", &advised, true);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].message.en.contains("5 more"), "{found:?}");
        assert!(
            found[0]
                .message
                .en
                .contains("not a rule the provider states")
        );
        assert_eq!(severities("n/a", &advised), vec![Severity::Error]);
        assert!(
            validate(
                "We must identify the patient by fødselsnummer",
                &advised,
                true
            )
            .is_empty()
        );
    }

    #[test]
    fn minimum_length_says_how_many_more() {
        let found = validate("Because we must", &reason(), true);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
        assert!(found[0].message.en.contains("5 more"), "{found:?}");
        assert!(
            validate(
                "We must identify the patient by fødselsnummer",
                &reason(),
                true
            )
            .is_empty()
        );
    }

    #[test]
    fn placeholders_are_refused_where_a_reason_is_needed() {
        for placeholder in [
            "n/a",
            "N/A",
            "na",
            "-",
            "TEST",
            "todo",
            "TBD",
            "xxx",
            "...",
            "asdf",
            "Lorem ipsum",
            "lorem ipsum dolor sit amet, consectetur",
            "xxxxxxxxxxxxxxxxxxxxxxxx",
        ] {
            let found = validate(placeholder, &reason(), true);
            assert_eq!(found.len(), 1, "{placeholder}");
            assert!(found[0].message.en.contains("real reason"), "{placeholder}");
        }
        // Without a minimum length, "test" is just text.
        assert!(validate("test", &rules(), false).is_empty());
    }

    #[test]
    fn empty_input_has_no_findings() {
        assert!(validate("", &reason(), false).is_empty());
        assert!(validate(" \n\t ", &reason(), true).is_empty());
        assert_eq!(sanitize("", false), "");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_sanitized_text_is_clean(input in "\\PC{0,40}|[\\x00-\\x7f\u{80}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}æøå]{0,40}") {
            for multiline in [false, true] {
                let clean = sanitize(&input, multiline);
                proptest::prop_assert!(!has_dropped(&clean));
                proptest::prop_assert_eq!(sanitize(&clean, multiline), clean.clone());
                if !multiline {
                    proptest::prop_assert!(!clean.contains(['\n', '\r', '\t']));
                }
                let _ = validate(&input, &display_name(), multiline);
                let _ = validate(&input, &reason(), multiline);
            }
        }
    }
}
