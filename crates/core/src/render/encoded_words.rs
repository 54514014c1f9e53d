//! Header text that looks like an RFC 2047 encoded word, written so a mail program shows it as
//! typed.
//!
//! lettre writes an ASCII subject word as it is, and a mail program decodes `=?utf-8?q?…?=` in a
//! subject, so a display name typed as `=?utf-8?q?Kundeservice_DNB?=` would be shown in the
//! subject `NO BankID for …` as "Kundeservice DNB": text nobody typed. Such words are encoded
//! themselves here, so decoding gives back exactly what was typed. (Names in From, To and Cc need
//! nothing: lettre encodes a name holding `=` or `?` as an encoded word of its own.) A subject
//! without such words is left to lettre, byte for byte.

use std::fmt::{self, Write as _};

use email_encoding::headers::rfc2047;
use email_encoding::headers::writer::EmailWriter;
use lettre::message::header::{HeaderName, HeaderValue};

/// Whether a mail program could read part of `text` as an encoded word (`=?charset?enc?text?=`).
pub fn looks_encoded(text: &str) -> bool {
    text.contains("=?")
}

/// The unstructured header `name` (Subject) holding `value`, with the words that look like
/// encoded words encoded, as lettre encodes the words that are not ASCII; `None` when no word
/// does.
pub fn unstructured(name: &'static str, value: &str) -> Option<HeaderValue> {
    if !looks_encoded(value) {
        return None;
    }
    let mut encoded = String::new();
    write_unstructured(name, value, &mut encoded).ok()?;
    Some(HeaderValue::dangerous_new_pre_encoded(
        HeaderName::new_from_ascii_str(name),
        value.to_string(),
        encoded,
    ))
}

/// Words written as they are, folded where they may be; runs of words that are not plain
/// printable ASCII, or that look encoded, as one encoded word each (lettre's rule, plus the
/// second case).
fn write_unstructured(name: &str, value: &str, out: &mut String) -> fmt::Result {
    let mut w = EmailWriter::new(out, name.len() + ": ".len(), 0, false);
    let mut pending = String::new();
    for word in value.split_inclusive(' ') {
        let plain = word.bytes().all(|b| (b' '..=b'~').contains(&b)) && !looks_encoded(word);
        if plain {
            flush(&mut pending, &mut w)?;
            w.folding().write_str(word)?;
        } else {
            pending.push_str(word);
        }
    }
    flush(&mut pending, &mut w)
}

/// Writes the words waiting to be encoded as encoded words, the blanks after them as blanks.
fn flush(pending: &mut String, w: &mut EmailWriter<'_>) -> fmt::Result {
    if pending.is_empty() {
        return Ok(());
    }
    let text = pending.trim_end_matches(' ');
    rfc2047::encode(text, w)?;
    for _ in 0..pending.len() - text.len() {
        w.space();
    }
    pending.clear();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(header: &HeaderValue) -> String {
        let mut headers = lettre::message::header::Headers::new();
        headers.insert_raw(header.clone());
        headers.to_string()
    }

    #[test]
    fn an_ordinary_subject_is_left_to_lettre() {
        assert!(unstructured("Subject", "NO BankID for Acme").is_none());
        assert!(unstructured("Subject", "50% = half? yes").is_none());
    }

    #[test]
    fn a_subject_word_that_looks_encoded_is_encoded_itself() {
        let header = unstructured("Subject", "NO BankID for =?utf-8?q?Evil?= AS").expect("encoded");
        let text = written(&header);
        assert!(
            text.starts_with("Subject: NO BankID for =?utf-8?b?"),
            "{text}"
        );
        assert!(text.ends_with("?= AS\r\n"), "{text}");
        assert!(!text.contains("=?utf-8?q?"), "{text}");
    }
}
