//! The complete email of the order (RFC 5322, MIME multipart with attachments), built with lettre.
//!
//! The same document and files give the same bytes: the Date is the document's date at 12:00 UTC,
//! and the Message-ID and MIME boundary are derived from a SHA-256 of the content, so nothing comes
//! from the clock, the host name or a random number. The bundle keeps it as `message.eml`; `send`
//! sends it with the send's own Date and Message-ID ([`crate::mail::stamp`]). Every attachment is
//! base64, its name RFC 2231-encoded when it is not plain ASCII.
//!
//! Headers: To is the questionnaire's recipient, Subject its filled subject template, From and
//! Reply-To the configured sender (`[mail] from` / `EID_ONBOARD_FROM`, the person or mailbox that
//! sends the order and receives the provider's answer), Cc the general contact (so the company keeps
//! a copy, and the provider knows who follows the order to the end). With no sender configured,
//! From is the general contact and there is no Reply-To, so the bundle of a draft is the same on any
//! machine without a config. The body is the plain-text rendering of the document.

use std::time::{Duration, SystemTime};

use lettre::Message;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};
use sha2::{Digest, Sha256};

use crate::document::Document;
use crate::render::{encoded_words, text};

/// A file attached to the message.
#[derive(Clone, Copy, Debug)]
pub struct MailFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

#[derive(Debug, thiserror::Error)]
pub enum EmailError {
    #[error(
        "contacts.general: the general contact needs a name and an email address to send the order from"
    )]
    NoSender,
    #[error("{field}: {value:?} is not an email address lettre accepts ({message})")]
    Address {
        field: String,
        value: String,
        message: String,
    },
    #[error("the email could not be built: {0}")]
    Build(String),
}

/// The message: To the recipient, From and Reply-To the `sender` (the general contact when there
/// is none), Cc the general contact, the text body, then the files in order.
pub fn message(
    doc: &Document,
    files: &[MailFile<'_>],
    sender: Option<&Mailbox>,
) -> Result<Message, EmailError> {
    let (Some(name), Some(email)) = (&doc.sender.name, &doc.sender.email) else {
        return Err(EmailError::NoSender);
    };
    let contact = Mailbox::new(
        Some(name.clone()),
        parse_address("contacts.general.email", email)?,
    );
    let to = Mailbox::new(
        Some(doc.provider.clone()),
        parse_address("recipient", &doc.recipient)?,
    );
    let body = text::body(doc);

    // Everything the message carries, hashed: the ids below change exactly when the content does.
    let mut hash = Sha256::new();
    let sender_text = sender.map(Mailbox::to_string).unwrap_or_default();
    for piece in [
        doc.recipient.as_str(),
        name,
        email,
        &sender_text,
        &doc.subject,
        &body,
    ] {
        hash.update(piece.as_bytes());
        hash.update([0]);
    }
    hash.update(doc.date_text().as_bytes());
    for file in files {
        hash.update(file.name.as_bytes());
        hash.update([0]);
        hash.update(Sha256::digest(file.bytes));
    }
    let digest = hex::encode(hash.finalize());
    let message_id = format!("<{}@eid-onboard>", &digest[..32]);
    // Base64 and quoted-printable never produce "=_" followed by this text, so it cannot clash.
    let boundary = format!("=_eid-onboard_{}", &digest[32..56]);

    let mut multipart = MultiPart::mixed()
        .boundary(boundary)
        .singlepart(SinglePart::plain(body));
    for file in files {
        // Base64 always: lettre would pick 7bit for an ASCII file, which a relay may rewrap or
        // give CRLF line ends (a `.bid` file with bare LFs would not arrive as it is).
        let body = Body::new_with_encoding(file.bytes.to_vec(), ContentTransferEncoding::Base64)
            .map_err(|_| EmailError::Build(format!("{}: could not be encoded", file.name)))?;
        multipart = multipart
            .singlepart(Attachment::new(file.name.to_string()).body(body, content_type(file.name)));
    }
    let builder = match sender {
        Some(sender) => Message::builder()
            .from(sender.clone())
            .reply_to(sender.clone()),
        None => Message::builder().from(contact.clone()),
    };
    let builder = builder
        .to(to)
        .cc(contact)
        .subject(doc.subject.clone())
        .date(noon_utc(doc.date))
        .message_id(Some(message_id));
    subject_as_typed(builder, &doc.subject)
        .multipart(multipart)
        .map_err(|e| EmailError::Build(e.to_string()))
}

/// A subject with a word that looks like an RFC 2047 encoded word (a display name typed so),
/// written again so a mail program shows it as typed instead of decoding it (see
/// [`encoded_words`]); any other subject as lettre wrote it. Names in From, To and Cc need
/// nothing: lettre encodes a name holding `=` or `?` as an encoded word itself.
fn subject_as_typed(
    builder: lettre::message::MessageBuilder,
    subject: &str,
) -> lettre::message::MessageBuilder {
    match encoded_words::unstructured("Subject", subject) {
        Some(header) => builder.raw_header(header),
        None => builder,
    }
}

fn parse_address(field: &str, value: &str) -> Result<lettre::Address, EmailError> {
    value
        .trim()
        .parse()
        .map_err(|e: lettre::address::AddressError| EmailError::Address {
            field: field.to_string(),
            value: value.to_string(),
            message: e.to_string(),
        })
}

/// The document's date at 12:00 UTC (before 1970 cannot happen: dates come from drafts).
pub fn noon_utc(date: jiff::civil::Date) -> SystemTime {
    let seconds = date
        .at(12, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_second())
        .unwrap_or(0);
    SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).unwrap_or(0))
}

fn content_type(name: &str) -> ContentType {
    let lower = name.to_ascii_lowercase();
    let mime = if lower.ends_with(".pdf") {
        "application/pdf"
    } else if lower.ends_with(".png") {
        "image/png"
    } else if lower.ends_with(".json") {
        "application/json"
    } else {
        "application/octet-stream"
    };
    ContentType::parse(mime).unwrap_or(ContentType::TEXT_PLAIN)
}
