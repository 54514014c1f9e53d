//! Text from answers, drafts, the registry or a server, made harmless to show: the one inert
//! rendering every front end uses (the command line, the plain wizard, the full-screen wizard).
//!
//! Inert text has no control characters, escape sequences or bidi overrides (see
//! [`clean::sanitize`]), so nothing it holds can move the cursor, write the clipboard,
//! retitle the window or make text read in another order; it is also cut, so a huge value is never
//! printed back whole. Output that must keep its data (JSON for scripts, the TOML of `export`)
//! escapes the same characters in its own syntax instead: [`json`], [`toml`].

pub mod clean;
pub mod json;
pub mod toml;

use crate::text::Text;
use clean::sanitize;

/// The longest line the command line prints: far more than any message or answer within its
/// limits, so only a value no check let through is cut.
pub const LINE_MAX: usize = 10_000;

/// The longest message about an answer: a quoted value never makes it run for pages.
pub const MESSAGE_MAX: usize = 2_000;

/// The longest field id shown (an unknown key is named as the file has it).
pub const FIELD_MAX: usize = 200;

/// How many characters of a value a message quotes.
pub const QUOTE_MAX: usize = 80;

/// One line of text, inert and cut to `max_chars` characters (the last one then `…`).
pub fn inert(text: &str, max_chars: usize) -> String {
    // Cleaning looks at a bounded head only: what is cut away cannot show anyway.
    let head: String = text
        .chars()
        .take(max_chars.saturating_mul(4).max(16))
        .collect();
    cut(sanitize(&head, false), max_chars)
}

/// Text of several lines, inert: line breaks and tabs stay, every line is cut to `max_line`
/// characters.
pub fn inert_lines(text: &str, max_line: usize) -> String {
    let clean = sanitize(text, true);
    if clean.split('\n').all(|line| line.len() <= max_line) {
        return clean;
    }
    clean
        .split('\n')
        .map(|line| cut(line.to_string(), max_line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line of text with every control character, line break and bidi control shown as its
/// escape (`\u{1b}`, `\n`), cut to `max_chars` characters: inert, and it still shows the reader
/// what the text holds, as a message about a value must (`"N\u{1b}]0;xO" is not a country code`,
/// not `"NO" is not a country code`).
pub fn visible(text: &str, max_chars: usize) -> String {
    let mut shown = String::new();
    for c in text.chars() {
        if shown.len() > max_chars.saturating_mul(4) {
            break;
        }
        match c {
            '\n' => shown.push_str("\\n"),
            '\r' => shown.push_str("\\r"),
            '\t' => shown.push_str("\\t"),
            c if is_unsafe(c) => shown.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => shown.push(c),
        }
    }
    cut(shown, max_chars)
}

/// A message in both languages, each [`visible`] and at most [`MESSAGE_MAX`] characters.
pub fn message(text: &Text) -> Text {
    Text::new(
        visible(&text.nb, MESSAGE_MAX),
        visible(&text.en, MESSAGE_MAX),
    )
}

/// A value as a message quotes it: [`visible`], at most [`QUOTE_MAX`] characters.
pub fn quote(value: &str) -> String {
    visible(value, QUOTE_MAX)
}

/// Whether `c` must not reach a terminal as it is: a control character other than a line break
/// or tab (C0, DEL, C1), or a bidi embedding, override or isolate.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with at most `max_chars` characters, the last one `…` when cut.
fn cut(text: String, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text,
        Some(_) => {
            let mut short: String = text.chars().take(max_chars.saturating_sub(1)).collect();
            short.push('…');
            short
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "A\x1b]52;c;aGk=\x07B\x1b]0;title\x07C\x1b[2JD\u{9b}2JE\u{9d}0;x\u{9c}F\u{202e}G\0H\u{7f}I";

    fn has_unsafe(text: &str) -> bool {
        text.chars().any(|c| is_unsafe(c) || c == '\r')
    }

    #[test]
    fn escapes_are_dropped_whole() {
        assert_eq!(inert(HOSTILE, 100), "ABCDEFGHI");
        assert_eq!(inert_lines(HOSTILE, 100), "ABCDEFGHI");
    }

    #[test]
    fn a_quoted_value_shows_what_it_holds() {
        assert_eq!(
            quote("N\x1b]0;x\x07O\u{9b}2J\u{202e}\n\t"),
            "N\\u{1b}]0;x\\u{7}O\\u{9b}2J\\u{202e}\\n\\t"
        );
        assert_eq!(quote("Kjærsti Østgård"), "Kjærsti Østgård");
    }

    #[test]
    fn one_line_or_several() {
        assert_eq!(inert("a\r\nb\tc", 100), "a b c");
        assert_eq!(inert_lines("a\r\nb\tc\rd", 100), "a\nb\tc\nd");
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let long = "x".repeat(10 * 1024 * 1024);
        let shown = inert(&long, 80);
        assert_eq!(shown.chars().count(), 80);
        assert!(shown.ends_with('…'));
        assert_eq!(quote(&long), shown);
        assert_eq!(visible(&long, 80), shown);
        let lines = inert_lines(&format!("short\n{long}\nend"), 100);
        let lines: Vec<&str> = lines.split('\n').collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], "short");
        assert_eq!(lines[1].chars().count(), 100);
        assert_eq!(lines[2], "end");
        assert_eq!(inert("exactly", 7), "exactly");
    }

    proptest::proptest! {
        #[test]
        fn nothing_unsafe_is_left(text in "[\\x00-\\x7f\u{80}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}æ\u{ffff}]{0,60}") {
            proptest::prop_assert!(!has_unsafe(&inert(&text, 30)));
            proptest::prop_assert!(!has_unsafe(&inert_lines(&text, 30)));
            proptest::prop_assert!(!inert(&text, 30).contains('\n'));
            proptest::prop_assert!(inert(&text, 30).chars().count() <= 30);
            proptest::prop_assert!(!has_unsafe(&visible(&text, 30)));
            proptest::prop_assert!(!visible(&text, 30).contains('\n'));
        }
    }
}
