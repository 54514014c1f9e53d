//! Header text that looks like an RFC 2047 encoded word, written so a mail program shows it as
//! typed.
//!
//! lettre writes an ASCII name as it is (quoted when it holds specials) and an ASCII subject word
//! as it is. A mail program decodes `=?utf-8?q?…?=` wherever it finds one, in quotes too (most do,
//! though RFC 2047 §5 says not to), so a contact named `=?utf-8?q?Kundeservice_DNB?=` would be
//! shown as "Kundeservice DNB": text nobody typed. Such text is encoded itself here, so decoding
//! gives back exactly what was typed. Headers without such text are left to lettre, byte for byte.

use std::fmt::{self, Write as _};

use email_encoding::headers::writer::EmailWriter;
use email_encoding::headers::{quoted_string, rfc2047};
use lettre::message::Mailbox;
use lettre::message::header::{HeaderName, HeaderValue};

/// Whether a mail program could read part of `text` as an encoded word (`=?charset?enc?text?=`).
pub fn looks_encoded(text: &str) -> bool {
    text.contains("=?")
}

/// The header `name` (From, To, Cc, Reply-To) of `mailboxes`, with each name that looks like an
/// encoded word encoded as one; `None` when no name does (lettre's header is right then).
pub fn mailboxes(name: &'static str, mailboxes: &[Mailbox]) -> Option<HeaderValue> {
    let needed = mailboxes
        .iter()
        .any(|m| m.name.as_deref().is_some_and(looks_encoded));
    if !needed {
        return None;
    }
    let mut encoded = String::new();
    write_mailboxes(name, mailboxes, &mut encoded).ok()?;
    let raw = mailboxes
        .iter()
        .map(Mailbox::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    Some(HeaderValue::dangerous_new_pre_encoded(
        HeaderName::new_from_ascii_str(name),
        raw,
        encoded,
    ))
}

/// As lettre writes mailboxes (`name <address>, …`, folded), but RFC 2047 for a name that looks
/// encoded.
fn write_mailboxes(name: &str, mailboxes: &[Mailbox], out: &mut String) -> fmt::Result {
    let mut w = EmailWriter::new(out, name.len() + ": ".len(), 0, false);
    for (i, mailbox) in mailboxes.iter().enumerate() {
        if i > 0 {
            w.write_char(',')?;
            w.space();
        }
        if let Some(display) = &mailbox.name {
            if looks_encoded(display) {
                rfc2047::encode(display, &mut w)?;
            } else {
                quoted_string::encode(display, &mut w)?;
            }
            w.space();
            w.write_char('<')?;
        }
        w.write_str(mailbox.email.as_ref())?;
        if mailbox.name.is_some() {
            w.write_char('>')?;
        }
    }
    Ok(())
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

    fn mailbox(name: &str, address: &str) -> Mailbox {
        Mailbox::new(Some(name.to_string()), address.parse().expect("address"))
    }

    fn written(header: &HeaderValue) -> String {
        let mut headers = lettre::message::header::Headers::new();
        headers.insert_raw(header.clone());
        headers.to_string()
    }

    #[test]
    fn an_ordinary_name_or_subject_is_left_to_lettre() {
        assert!(mailboxes("From", &[mailbox("Kari Nordmann", "kari@acme.no")]).is_none());
        assert!(unstructured("Subject", "NO BankID for Acme").is_none());
        assert!(!looks_encoded("50% = half? yes"));
    }

    #[test]
    fn a_name_that_looks_encoded_is_encoded_itself() {
        let typed = "=?utf-8?q?Kundeservice_DNB?=";
        let header = mailboxes(
            "Cc",
            &[
                mailbox("Kari", "kari@acme.no"),
                mailbox(typed, "ola@acme.no"),
            ],
        )
        .expect("encoded");
        let text = written(&header);
        assert!(
            text.starts_with("Cc: Kari <kari@acme.no>, =?utf-8?b?"),
            "{text}"
        );
        assert!(text.ends_with(" <ola@acme.no>\r\n"), "{text}");
        assert!(!text.contains(typed), "{text}");
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
