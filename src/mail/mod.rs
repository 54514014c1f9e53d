//! Sending the order by email: the message the bundle keeps as `message.eml`, byte for byte, through
//! one transport (SMTP with TLS, the local sendmail, or a folder of `.eml` files), and a record of
//! the send in the draft.
//!
//! The front ends (the `send` command, the wizard's finish step) go through these steps:
//!
//! 1. [`Config::load`] — the sender and the transport ([`config`] says from where).
//! 2. [`prepare`] — refuses an order that is not ready ([`MailError::NotReady`]), builds the message
//!    exactly as the bundle does, and returns a [`Prepared`]: the headers, the body, the attachments
//!    and the raw bytes, for a preview. [`already_sent`] tells whether to ask before sending again.
//! 3. The password, when [`Config::needs_password`]: [`password_from_env`], else asked for (masked)
//!    by the front end; it is only held in memory and wiped after use.
//! 4. [`deliver`] — blocking (a front end runs it on a thread): re-reads the draft under its lock,
//!    refuses when it changed since the preview or was already sent (unless `resend`), sends with
//!    [`send`], and records the send with [`record_sent`]. On failure the draft is unchanged.
//!
//! After a send the administrator marks the order *signed* and *credentials received* with
//! [`set_status`].

pub mod config;
pub mod error;
mod smtp;
pub mod status;

use std::fs::{self, DirBuilder};
use std::io::Write;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use lettre::Transport as _;
use lettre::address::Envelope;
use lettre::message::Mailbox;
use serde::{Deserialize, Serialize};

use crate::bundle::{self, BundleError, MESSAGE_EML};
use crate::document::REQUEST_PDF;
use crate::draft::{Draft, DraftError, DraftLock, DraftName, DraftStore, Status};
use crate::order::Order;
use crate::prereq::Facts;
use crate::render::text;
use crate::report::Report;
use crate::t;
use crate::text::Lang;
use crate::validate::Context;

pub use config::{
    Config, ConfigProblem, Security, Setting, SmtpServer, Transport, password_from_env,
};
pub use error::{FailureKind, SendError, Step};
pub use status::{StatusError, set_status};

/// One send of the order, kept in the draft (`[[sent]]`), newest last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendRecord {
    /// When the transport accepted the message.
    pub time: jiff::Timestamp,
    /// The To address (the questionnaire's recipient).
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
}

/// A file attached to the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentInfo {
    pub name: String,
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
}

/// The message ready to send, and everything a preview shows.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub draft: DraftName,
    pub form: String,
    /// The draft's last change of answers when the message was built (a later change refuses the
    /// send: the preview would no longer be what is sent).
    pub draft_updated: jiff::Timestamp,
    pub from: Mailbox,
    pub reply_to: Option<Mailbox>,
    pub to: Mailbox,
    pub cc: Vec<Mailbox>,
    pub subject: String,
    /// The Date header as written.
    pub date: String,
    pub message_id: String,
    /// The plain-text body.
    pub body: String,
    /// request.pdf first, then the questionnaire's attachments.
    pub attachments: Vec<AttachmentInfo>,
    /// SMTP's MAIL FROM and RCPT TO (To and Cc).
    pub envelope: Envelope,
    /// The whole message: the bytes of the bundle's message.eml.
    pub raw: Vec<u8>,
    /// Earlier sends recorded in the draft, oldest first.
    pub previous: Vec<SendRecord>,
}

impl Prepared {
    /// `(name, value)` of the headers a preview shows, in order.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = vec![("From", self.from.to_string())];
        if let Some(reply_to) = &self.reply_to {
            headers.push(("Reply-To", reply_to.to_string()));
        }
        headers.push(("To", self.to.to_string()));
        if !self.cc.is_empty() {
            let cc: Vec<String> = self.cc.iter().map(Mailbox::to_string).collect();
            headers.push(("Cc", cc.join(", ")));
        }
        headers.push(("Subject", self.subject.clone()));
        headers.push(("Date", self.date.clone()));
        headers.push(("Message-ID", self.message_id.clone()));
        headers
    }

    /// The file name the folder transport writes: `<NAME>-<form>-<id>.eml`, the id from the
    /// Message-ID (so the same message gives the same name).
    pub fn file_name(&self) -> String {
        let id: String = self
            .message_id
            .trim_start_matches('<')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .take(12)
            .collect();
        format!("{}-{}-{id}.eml", self.draft, self.form)
    }

    /// Headers, attachments and body as text, for the command line and as a plain preview.
    pub fn preview(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (name, value) in self.headers() {
            out.push_str(&format!("{name}: {}\n", error::clean(&value)));
        }
        out.push_str(match lang {
            Lang::Nb => "Vedlegg:\n",
            Lang::En => "Attachments:\n",
        });
        for file in &self.attachments {
            out.push_str(&format!(
                "  {}  {}  SHA-256 {}\n",
                file.name,
                human_size(file.size),
                file.sha256
            ));
        }
        out.push_str(&match lang {
            Lang::Nb => format!("Størrelse: {}\n", human_size(self.raw.len() as u64)),
            Lang::En => format!("Size: {}\n", human_size(self.raw.len() as u64)),
        });
        out.push('\n');
        out.push_str(&self.body);
        if !self.body.ends_with('\n') {
            out.push('\n');
        }
        out
    }
}

/// `12.3 kB`, `1.2 MB`, `512 bytes`.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the order is not ready: {} errors, {} prerequisites not met; nothing was sent", .report.errors(), .report.not_met())]
    NotReady { report: Box<Report> },
    #[error(
        "the order was already sent on {} to {} ({}); send it again with --resend", .record.time, .record.to, .record.transport
    )]
    AlreadySent { record: Box<SendRecord> },
    #[error(
        "the order is marked {status} already; send it again with --resend", status = .status.as_str()
    )]
    AlreadyMarked { status: Status },
    #[error(
        "the draft changed after the message was prepared; look at the new message and send again"
    )]
    Changed,
    #[error(transparent)]
    Bundle(#[from] BundleError),
    #[error(transparent)]
    Send(#[from] SendError),
    #[error(
        "the message was sent ({}, Message-ID {}), but the draft could not record it: {source}", .record.transport, .record.message_id
    )]
    NotRecorded {
        record: Box<SendRecord>,
        #[source]
        source: DraftError,
    },
    #[error(transparent)]
    Draft(#[from] DraftError),
}

/// Checks the order (as of `ctx`, with the registry's `facts`) and builds the message, as the bundle
/// does with the same sender. Nothing is written.
pub fn prepare(
    order: &Order,
    config: &Config,
    facts: &Facts,
    ctx: &Context,
) -> Result<Prepared, MailError> {
    let report = order.check(ctx, facts);
    if !report.ready() {
        return Err(MailError::NotReady {
            report: Box::new(report),
        });
    }
    // The registry's answers stay out of the message, as they stay out of the bundle.
    let built = match bundle::build_as(order, &Facts::default(), config.sender()) {
        Ok(built) => built,
        Err(BundleError::NotReady { report }) => return Err(MailError::NotReady { report }),
        Err(e) => return Err(e.into()),
    };
    let raw = built.files.get(MESSAGE_EML).cloned().unwrap_or_default();
    let doc = &built.document;
    let contact = match (&doc.sender.name, &doc.sender.email) {
        (Some(name), Some(email)) => email
            .trim()
            .parse()
            .ok()
            .map(|address| Mailbox::new(Some(name.clone()), address)),
        _ => None,
    };
    let to = Mailbox::new(
        Some(doc.provider.clone()),
        doc.recipient
            .trim()
            .parse()
            .map_err(|e: lettre::address::AddressError| {
                BundleError::Email(crate::render::email::EmailError::Address {
                    field: "recipient".into(),
                    value: doc.recipient.clone(),
                    message: e.to_string(),
                })
            })?,
    );
    let (from, reply_to) = match config.sender() {
        Some(sender) => (sender.clone(), Some(sender.clone())),
        None => match &contact {
            Some(contact) => (contact.clone(), None),
            None => {
                return Err(BundleError::Email(crate::render::email::EmailError::NoSender).into());
            }
        },
    };
    let mut attachments = Vec::new();
    let mut names = vec![REQUEST_PDF.to_string()];
    names.extend(doc.attachments.iter().map(|a| a.name.clone()));
    for name in names {
        let key = if name == REQUEST_PDF {
            name.clone()
        } else {
            format!("{}/{name}", crate::document::ATTACHMENTS_DIR)
        };
        if let Some(bytes) = built.files.get(&key) {
            attachments.push(AttachmentInfo {
                name,
                size: bytes.len() as u64,
                sha256: bundle::sha256_hex(bytes),
            });
        }
    }
    Ok(Prepared {
        draft: order.name.clone(),
        form: order.spec.id.clone(),
        draft_updated: order.draft.updated,
        from,
        reply_to,
        to,
        cc: contact.into_iter().collect(),
        subject: doc.subject.clone(),
        date: header(&raw, "Date").unwrap_or_default(),
        message_id: header(&raw, "Message-ID").unwrap_or_default(),
        body: text::body(doc),
        attachments,
        envelope: built.envelope,
        raw,
        previous: order.draft.sent.clone(),
    })
}

/// A header of the raw message (unfolded); the ones read here are plain ASCII.
fn header(raw: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    let head = text.split("\r\n\r\n").next()?;
    let mut lines = head.split("\r\n").peekable();
    while let Some(line) = lines.next() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.eq_ignore_ascii_case(name) {
            let mut value = value.trim().to_string();
            while let Some(next) = lines.peek().filter(|l| l.starts_with([' ', '\t'])) {
                value.push(' ');
                value.push_str(next.trim());
                lines.next();
            }
            return Some(value);
        }
    }
    None
}

/// Why sending again needs confirmation (`--resend`): the last send, or a status past *sent*
/// (marked by hand). `None`: it was never sent.
pub fn already_sent(draft: &Draft) -> Option<MailError> {
    if let Some(record) = draft.sent.last() {
        return Some(MailError::AlreadySent {
            record: Box::new(record.clone()),
        });
    }
    match draft.status {
        Status::Sent | Status::Signed | Status::CredentialsReceived => {
            Some(MailError::AlreadyMarked {
                status: draft.status,
            })
        }
        Status::Draft | Status::Bundled => None,
    }
}

/// Sends the prepared message with the configured transport. Blocking; nothing is written to the
/// draft. `password` is needed when [`Config::needs_password`]; it is not kept.
pub fn send(
    prepared: &Prepared,
    config: &Config,
    password: Option<&str>,
) -> Result<SendRecord, SendError> {
    let transport = config
        .transport
        .as_ref()
        .ok_or_else(error::not_configured)?;
    let (description, reply) = match &transport.value {
        Transport::Smtp(server) => {
            let login = match &config.user {
                Some(user) => {
                    let password = password
                        .ok_or_else(|| error::no_password(&user.value, &server.to_string()))?;
                    Some((user.value.as_str(), password))
                }
                None => None,
            };
            let ca = match &config.ca_file {
                Some(ca) => {
                    let shown = ca.value.display().to_string();
                    let bytes =
                        fs::read(&ca.value).map_err(|e| error::ca_file(&shown, &e.to_string()))?;
                    Some((shown, bytes))
                }
                None => None,
            };
            let session = smtp::Session {
                server,
                timeout: config.timeout.value,
                ca_pem: ca.as_ref().map(|(p, b)| (p.as_str(), b.as_slice())),
                login,
            };
            let reply = smtp::send(&session, &prepared.envelope, &prepared.raw)?;
            (server.to_string(), Some(reply))
        }
        Transport::Sendmail(command) => {
            lettre::SendmailTransport::new_with_command(command)
                .send_raw(&prepared.envelope, &prepared.raw)
                .map_err(|e| sendmail_failure(command, &e))?;
            (transport.value.to_string(), None)
        }
        Transport::Folder(dir) => {
            let path = write_eml(dir, &prepared.file_name(), &prepared.raw)?;
            (format!("file {}", path.display()), None)
        }
    };
    Ok(SendRecord {
        time: jiff::Timestamp::now(),
        to: prepared.to.email.to_string(),
        cc: prepared.cc.iter().map(|m| m.email.to_string()).collect(),
        from: prepared.from.email.to_string(),
        transport: description,
        message_id: prepared.message_id.clone(),
        reply,
    })
}

fn sendmail_failure(command: &Path, e: &lettre::transport::sendmail::Error) -> SendError {
    let shown = command.display().to_string();
    let detail = e.to_string();
    let detail = error::clean(&detail);
    SendError::new(
        FailureKind::Sendmail,
        t!(
            nb: "sendmail-programmet {shown} sendte ikke meldingen ({detail})",
            en: "The sendmail program {shown} did not send the message ({detail})",
        ),
        t!(
            nb: "Sjekk at programmet finnes og er satt opp (EID_ONBOARD_SENDMAIL eller sendmail under [mail]), eller send med SMTP.",
            en: "Check that the program exists and is set up (EID_ONBOARD_SENDMAIL or sendmail under [mail]), or send by SMTP.",
        ),
    )
}

/// Writes the message into `dir` (created 0700 if missing) as a 0600 file, atomically.
fn write_eml(dir: &Path, name: &str, raw: &[u8]) -> Result<PathBuf, SendError> {
    let fail = |e: std::io::Error| {
        let shown = dir.display().to_string();
        let detail = error::clean(&e.to_string());
        SendError::new(
            FailureKind::Folder,
            t!(
                nb: "Kunne ikke skrive meldingen i {shown} ({detail})",
                en: "Could not write the message in {shown} ({detail})",
            ),
            t!(
                nb: "Sjekk at mappen kan skrives (EID_ONBOARD_MAIL_FOLDER eller folder under [mail]).",
                en: "Check that the folder can be written (EID_ONBOARD_MAIL_FOLDER or folder under [mail]).",
            ),
        )
    };
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(fail)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".eml-")
        .suffix(".tmp")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .tempfile_in(dir)
        .map_err(fail)?;
    temp.write_all(raw)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(fail)?;
    let path = dir.join(name);
    temp.persist(&path).map_err(|e| fail(e.error))?;
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(fs::canonicalize(&path).unwrap_or(path))
}

/// Records a send in the draft: the record is appended to `sent`, and the status becomes *sent*
/// (a later status, *signed* or *credentials-received*, is kept). The draft's `updated` (the last
/// change of answers, and the message's date) is left as it is. Returns the draft as saved: a
/// front end holding the draft in memory must take it, or its next save would drop the record.
pub fn record_sent(
    store: &DraftStore,
    lock: &DraftLock,
    record: &SendRecord,
) -> Result<Draft, DraftError> {
    let mut draft = store.load(lock.name())?;
    draft.sent.push(record.clone());
    if status::rank(draft.status) < status::rank(Status::Sent) {
        draft.status = Status::Sent;
    }
    store.save(lock, &draft)?;
    Ok(draft)
}

/// Sends and records, under the draft's lock: refuses when the draft changed since `prepared` was
/// built, or was sent already and `resend` is false; on any failure the draft is unchanged.
/// Returns the record and the draft as saved (see [`record_sent`]).
pub fn deliver(
    store: &DraftStore,
    lock: &DraftLock,
    prepared: &Prepared,
    config: &Config,
    password: Option<&str>,
    resend: bool,
) -> Result<(SendRecord, Draft), MailError> {
    let draft = store.load(lock.name())?;
    if draft.updated != prepared.draft_updated {
        return Err(MailError::Changed);
    }
    if !resend && let Some(refusal) = already_sent(&draft) {
        return Err(refusal);
    }
    let record = send(prepared, config, password)?;
    match record_sent(store, lock, &record) {
        Ok(draft) => Ok((record, draft)),
        Err(source) => Err(MailError::NotRecorded {
            record: Box::new(record),
            source,
        }),
    }
}
