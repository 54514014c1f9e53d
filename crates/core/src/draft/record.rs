//! What a draft remembers of what was done with it: the last bundle and every send.

use serde::{Deserialize, Serialize};

/// The bundle's file of the order's own message (`bundle::MESSAGE_EML`): a send record written
/// before records named their message is the order's.
const ORDER_MESSAGE: &str = "message.eml";

/// Where the last bundle of a draft was written, and the SHA-256 of its zip, so it can be found and
/// checked later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleRecord {
    /// The bundle folder `<NAME>-<form>/` (absolute).
    pub path: std::path::PathBuf,
    /// The zip beside it (absolute).
    pub zip: std::path::PathBuf,
    /// SHA-256 of the zip, lower-case hex.
    pub sha256: String,
    /// When the bundle was made (the bundle's own files carry no clock time).
    pub bundled: jiff::Timestamp,
}

/// One sent message, kept in the draft (`[[sent]]`), newest last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendRecord {
    /// When the transport accepted the message.
    pub time: jiff::Timestamp,
    /// The message's file in the bundle: `message.eml` (the order) or `<id>-message.eml` (a
    /// separate request). A record without it (written before) is the order's.
    #[serde(default = "main_message")]
    pub message: String,
    /// The To address (the questionnaire's recipient, or the separate request's addressee).
    pub to: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cc: Vec<String>,
    pub from: String,
    /// `smtps://host:465`, `sendmail /usr/sbin/sendmail` or `file /path/to/NAME-form-id.eml`.
    pub transport: String,
    /// The message's Message-ID header, `<…@eid-onboard>`.
    pub message_id: String,
    /// The SMTP server's reply to the message (often with its queue id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    /// SHA-256 (lower-case hex) of the exact bytes sent, kept in `drafts/NAME.sent/` (`copy`). A
    /// record written before has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The kept copy of the bytes sent (absolute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy: Option<std::path::PathBuf>,
}

fn main_message() -> String {
    ORDER_MESSAGE.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_unnamed_send_is_the_bundles_order_message() {
        assert_eq!(super::ORDER_MESSAGE, crate::bundle::MESSAGE_EML);
    }
}
