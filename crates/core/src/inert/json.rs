//! JSON for scripts, inert on a terminal: the JSON library escapes C0 controls but writes DEL,
//! C1 controls and bidi overrides as they are. In JSON text such characters can only stand inside
//! strings, so each becomes its `\uXXXX` escape: the same data, nothing a terminal acts on.

use std::fmt::Write as _;

use super::is_unsafe;

/// `json` (a JSON text) with every character [`is_unsafe`] in it written as a `\uXXXX` escape.
pub fn escape(json: &str) -> String {
    if !json.chars().any(is_unsafe) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            // Every such character is in the Basic Multilingual Plane: one escape each.
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_is_kept_and_nothing_raw_is_left() {
        let value = serde_json::json!({ "message": "A\u{9b}2J\u{7f}\u{202e}\x1b]0;t\x07B\næ" });
        let text = escape(&serde_json::to_string_pretty(&value).unwrap());
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
        assert!(text.contains("\\u009b2J\\u007f\\u202e"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
