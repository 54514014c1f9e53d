//! The request's answers for machines: `request.toml` (the answers file format, so `import` reads it
//! back) and `request.json` (the same tree, for integrations). Both come from the document's answers
//! as sent: visible questions only, attachment paths replaced by their bundled names.

use crate::document::Document;

/// The answers file text, `form = "…"` first and the questionnaire's order after it.
pub fn to_toml(doc: &Document) -> String {
    toml::to_string_pretty(&doc.answers).unwrap_or_default()
}

/// The same answers as pretty JSON (keys in the same order), with a final newline.
pub fn to_json(doc: &Document) -> String {
    let mut text = serde_json::to_string_pretty(&doc.answers).unwrap_or_default();
    text.push('\n');
    text
}
