//! The draft store: one TOML file per draft under `<data dir>/drafts/`, written atomically
//! (temporary file in the same folder, fsync, rename, fsync the folder), files 0600 and folders 0700,
//! the previous version kept as `NAME.toml.bak`, and an advisory lock so two processes never edit one
//! draft. A corrupt draft or one from a newer schema is reported with its file and line and never
//! overwritten.
//!
//! The store knows nothing of forms: answers are kept as the nested TOML table of the answers file.

mod error;
mod index;
mod name;
mod record;
pub mod status;
mod store;
pub mod stress;

pub use error::DraftError;
pub use index::{DraftIndex, FileStamp};
pub use name::DraftName;
pub use record::{BundleRecord, SendRecord};
pub use store::{DraftEntry, DraftListing, DraftLock, DraftStore};

use serde::{Deserialize, Serialize};

/// The draft file format version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Where an order is in its life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Draft,
    Bundled,
    Sent,
    Signed,
    CredentialsReceived,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Bundled => "bundled",
            Status::Sent => "sent",
            Status::Signed => "signed",
            Status::CredentialsReceived => "credentials-received",
        }
    }

    /// The status as a person reads it; [`Status::as_str`] is the name in the draft file and on
    /// the command line (`status NAME sent`).
    pub fn label(self, lang: crate::text::Lang) -> &'static str {
        use crate::text::Lang;
        match (self, lang) {
            (_, Lang::En) => self.as_str(),
            (Status::Draft, Lang::Nb) => "utkast",
            (Status::Bundled, Lang::Nb) => "pakket",
            (Status::Sent, Lang::Nb) => "sendt",
            (Status::Signed, Lang::Nb) => "signert",
            (Status::CredentialsReceived, Lang::Nb) => "klientnøkler mottatt",
        }
    }
}

/// Where the user was in the wizard, so resuming returns there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub step: String,
    /// A field id, or the id of one part of a group field (`contacts.general.email`), since the
    /// plain wizard asks the parts one at a time.
    pub field: Option<String>,
}

/// One saved order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub schema_version: u32,
    /// The questionnaire id.
    pub form: String,
    #[serde(default)]
    pub status: Status,
    pub created: jiff::Timestamp,
    pub updated: jiff::Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// The answers, nested exactly as in the answers file (without its `form` key).
    #[serde(default)]
    pub answers: toml::Table,
    /// The last bundle made from this draft (`eid-onboard bundle`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<BundleRecord>,
    /// Every send of the order by email (`eid-onboard send`), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sent: Vec<SendRecord>,
}

impl Draft {
    /// A new, empty draft of a questionnaire.
    pub fn new(form: impl Into<String>, now: jiff::Timestamp) -> Draft {
        Draft {
            schema_version: SCHEMA_VERSION,
            form: form.into(),
            status: Status::Draft,
            created: now,
            updated: now,
            position: None,
            answers: toml::Table::new(),
            bundle: None,
            sent: Vec::new(),
        }
    }
}
