//! The TOML of `export`, inert on a terminal and still the same answers: the TOML library escapes
//! C0 controls and DEL but writes C1 controls (U+0080–U+009F, such as the CSI and OSC that start
//! escape sequences) and bidi overrides as they are, in any of TOML's four kinds of string. Each
//! such character becomes its `\uXXXX` escape; a literal string (which has no escapes) holding one
//! is written as a basic string instead. Parsed back, the text gives the same values.

use std::fmt::Write as _;

use super::is_unsafe;

/// `toml` (a TOML document as the TOML library writes it) with every character [`is_unsafe`] in
/// its strings and keys escaped.
pub fn escape(toml: &str) -> String {
    if !toml.chars().any(is_unsafe) {
        return toml.to_string();
    }
    let mut out = String::with_capacity(toml.len() + 64);
    let mut rest = toml;
    while let Some(c) = rest.chars().next() {
        rest = match c {
            '"' if rest.starts_with("\"\"\"") => basic(&rest[3..], true, &mut out),
            '"' => basic(&rest[1..], false, &mut out),
            '\'' if rest.starts_with("'''") => literal(&rest[3..], true, &mut out),
            '\'' => literal(&rest[1..], false, &mut out),
            '#' => comment(rest, &mut out),
            c => {
                // Outside strings only TOML's own syntax stands; anything else is dropped.
                if !is_unsafe(c) {
                    out.push(c);
                }
                &rest[c.len_utf8()..]
            }
        };
    }
    out
}

/// A basic string after its opening quote(s): copied, escapes as they are, unsafe characters
/// escaped. Returns what follows its closing quote(s).
fn basic<'a>(body: &'a str, multiline: bool, out: &mut String) -> &'a str {
    out.push_str(if multiline { "\"\"\"" } else { "\"" });
    let mut chars = body.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                out.push('\\');
                if let Some((_, next)) = chars.next() {
                    out.push(next);
                }
            }
            '"' if !multiline => {
                out.push('"');
                return &body[at + 1..];
            }
            '"' => {
                // Up to two quotes are content; three or more end the string (the last three
                // are the delimiter).
                let run = body[at..].bytes().take_while(|&b| b == b'"').count();
                out.push_str(&body[at..at + run]);
                if run >= 3 {
                    return &body[at + run..];
                }
                for _ in 1..run {
                    chars.next();
                }
            }
            c if is_unsafe(c) => push_escape(c, out),
            c => out.push(c),
        }
    }
    ""
}

/// A literal string after its opening quote(s): as it is when nothing in it is unsafe, else
/// rewritten as a basic string of the same value. Returns what follows its closing quote(s).
fn literal<'a>(body: &'a str, multiline: bool, out: &mut String) -> &'a str {
    let (content, after) = if multiline {
        split_ml_literal(body)
    } else {
        match body.find('\'') {
            Some(end) => (&body[..end], &body[end + 1..]),
            None => (body, ""),
        }
    };
    if !content.chars().any(is_unsafe) {
        let delimiter = if multiline { "'''" } else { "'" };
        out.push_str(delimiter);
        out.push_str(content);
        out.push_str(delimiter);
        return after;
    }
    let delimiter = if multiline { "\"\"\"" } else { "\"" };
    out.push_str(delimiter);
    for c in content.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if is_unsafe(c) => push_escape(c, out),
            c => out.push(c),
        }
    }
    out.push_str(delimiter);
    after
}

/// A multi-line literal string's content and what follows it: it ends at the first run of three
/// or more quotes, whose last three are the delimiter.
fn split_ml_literal(body: &str) -> (&str, &str) {
    match body.find("'''") {
        Some(start) => {
            let run = body[start..].bytes().take_while(|&b| b == b'\'').count();
            (&body[..start + run - 3], &body[start + run..])
        }
        None => (body, ""),
    }
}

/// A comment, to the end of its line, without unsafe characters.
fn comment<'a>(rest: &'a str, out: &mut String) -> &'a str {
    let end = rest.find('\n').unwrap_or(rest.len());
    out.extend(rest[..end].chars().filter(|&c| !is_unsafe(c)));
    &rest[end..]
}

fn push_escape(c: char, out: &mut String) {
    let _ = if (c as u32) <= 0xffff {
        write!(out, "\\u{:04X}", c as u32)
    } else {
        write!(out, "\\U{:08X}", c as u32)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, &str)]) -> toml::Table {
        let mut table = toml::Table::new();
        for (k, v) in pairs {
            table.insert(k.to_string(), toml::Value::String(v.to_string()));
        }
        table
    }

    fn round_trip(table: &toml::Table) -> String {
        let text = escape(&toml::to_string_pretty(table).unwrap());
        let back: toml::Table = text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(&back, table, "{text}");
        assert!(!text.chars().any(is_unsafe), "{text:?}");
        text
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_escaped_in_every_kind_of_string() {
        let text = round_trip(&table(&[
            ("basic", "A\u{9b}2J"),
            ("literal", "C:\\dir\u{9d}0;x\u{9c}"),
            ("multi", "line one\u{9b}\nline \"two\"\u{202e}"),
            ("multi_literal", "a\\b\n''quoted''\u{85}"),
            ("key\u{9b}", "value"),
            ("plain", "Kjærsti"),
        ]));
        assert!(text.contains("A\\u009B2J"), "{text}");
        assert!(text.contains("plain = \"Kjærsti\""), "{text}");
    }

    #[test]
    fn text_without_anything_unsafe_is_unchanged() {
        let source = toml::to_string_pretty(&table(&[("a", "C:\\x"), ("b", "x\ny")])).unwrap();
        assert_eq!(escape(&source), source);
    }

    proptest::proptest! {
        #[test]
        fn the_same_values_and_nothing_raw(
            values in proptest::collection::vec("[a'\"\\\\\n\t\u{80}-\u{9f}\u{7f}\\x00-\\x1f\u{202e}æ#=\\[\\]]{0,12}", 1..6),
            key in "[a'\"\\\\\u{9b}\u{202e} .]{1,6}",
        ) {
            let mut table = toml::Table::new();
            for (i, v) in values.iter().enumerate() {
                table.insert(format!("k{i}"), toml::Value::String(v.clone()));
            }
            table.insert(key, toml::Value::Array(values.iter().cloned().map(toml::Value::String).collect()));
            let mut outer = toml::Table::new();
            outer.insert("nested".into(), toml::Value::Table(table.clone()));
            outer.extend(table);
            let text = escape(&toml::to_string_pretty(&outer).unwrap());
            let back: toml::Table = text.parse().unwrap();
            proptest::prop_assert_eq!(back, outer);
            proptest::prop_assert!(!text.chars().any(is_unsafe));
        }
    }
}
