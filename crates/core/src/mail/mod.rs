//! Sending the order by email: the messages the bundle keeps — `message.eml` (the order) and then
//! one `<id>-message.eml` per separate request (see [`bundle::Built::messages`]) — byte for byte but
//! the Date (the send time) and a new Message-ID per send ([`stamp`]), in that order, through one transport (SMTP with TLS, the local sendmail, or a folder of `.eml`
//! files), and a record of each message sent in the draft.
//!
//! The front ends (the `send` command, the wizard's finish step) go through these steps:
//!
//! 1. [`Config::load`] — the sender and the transport ([`config`] says from where).
//! 2. [`prepare`] — refuses an access request, which is filed by hand in a web form and never sent
//!    ([`MailError::AccessRequest`]), and an order that is not ready ([`MailError::NotReady`]);
//!    builds the message exactly as the bundle does, and returns a [`Prepared`]: the headers, the body, the attachments
//!    and the raw bytes, for a preview, and the further messages ([`Prepared::also`]).
//!    [`already_sent`] tells whether to ask before sending again.
//! 3. The password, when [`Config::needs_password`]: [`password_from_env`], else asked for (masked)
//!    by the front end; it is only held in memory and wiped after use.
//! 4. [`deliver`] — blocking (a front end runs it on a thread): re-reads the draft under its lock,
//!    refuses when it changed since the preview, and sends the messages in order with
//!    [`send_message`], recording each with [`record_sent`] as soon as the transport accepted it.
//!    A failure stops there: what was sent stays recorded ([`MailError::NotAllSent`] says what was
//!    and what was not), nothing else is written.
//!
//! Which messages go ([`unsent`]): with `resend`, all of them. Without it, each message whose
//! bundle file (`message.eml`, `certificate-message.eml`, …) has no `[[sent]]` record yet; when
//! every one has one, or the order was marked sent by hand, the send is refused. So after a
//! failure on the second message, sending again (without `--resend`) sends only the second.
//!
//! After a send the administrator marks the order *signed* and *credentials received* with
//! [`set_status`].

pub mod config;
pub mod error;
mod sendmail;
mod smtp;

use std::fs::{self, DirBuilder};
use std::io::Write;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use lettre::address::Envelope;
use lettre::message::Mailbox;

use crate::bundle::{self, BundleError, MESSAGE_EML};
use crate::document::REQUEST_PDF;
use crate::draft::{Draft, DraftError, DraftLock, DraftName, DraftStore, Status, status};
use crate::form::Delivery;
use crate::order::Order;
use crate::prereq::Facts;
use crate::render::text;
use crate::report::Report;
use crate::t;
use crate::text::Lang;
use crate::validate::Context;

/// The record type lives with the draft that stores it; kept here for `mail::SendRecord` users.
pub use crate::draft::SendRecord;
pub use crate::draft::status::{StatusError, set_status};
pub use config::{
    Config, ConfigProblem, Security, Setting, SmtpServer, Transport, password_from_env,
};
pub use error::{FailureKind, SendError, Step};

/// A file attached to the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentInfo {
    pub name: String,
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
    /// The full path of the file it was read from; `None` for a file the bundle made (the
    /// request, the questionnaire's outputs).
    pub source: Option<std::path::PathBuf>,
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
    /// The further messages, sent after this one, in order (a separate request's own email).
    pub also: Vec<Extra>,
}

/// A further message of the bundle (`<id>-message.eml`), sent after the order.
#[derive(Clone, Debug)]
pub struct Extra {
    /// Its file in the bundle.
    pub file: String,
    pub from: Mailbox,
    pub reply_to: Option<Mailbox>,
    pub to: Mailbox,
    pub cc: Vec<Mailbox>,
    pub subject: String,
    pub message_id: String,
    pub attachments: Vec<AttachmentInfo>,
    /// SMTP's MAIL FROM and RCPT TO.
    pub envelope: Envelope,
    /// The bytes of the bundle's file.
    pub raw: Vec<u8>,
}

/// One message of a [`Prepared`], in sending order (see [`Prepared::messages`]).
#[derive(Clone, Copy, Debug)]
pub struct Outgoing<'a> {
    /// Its file in the bundle (`message.eml`, `<id>-message.eml`).
    pub file: &'a str,
    pub from: &'a Mailbox,
    pub to: &'a Mailbox,
    pub cc: &'a [Mailbox],
    pub subject: &'a str,
    pub message_id: &'a str,
    pub envelope: &'a Envelope,
    pub raw: &'a [u8],
}

impl Outgoing<'_> {
    /// `message.eml ("Subject" to address)`, to say which message.
    pub fn describe(&self) -> String {
        format!("{} (\"{}\" to {})", self.file, self.subject, self.to.email)
    }
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
        self.file_name_of(&self.message_id)
    }

    fn file_name_of(&self, message_id: &str) -> String {
        let id: String = message_id
            .trim_start_matches('<')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .take(12)
            .collect();
        format!("{}-{id}.eml", self.draft.with_form(&self.form))
    }

    /// Every message, in sending order: the order (`message.eml`), then [`Prepared::also`].
    pub fn messages(&self) -> Vec<Outgoing<'_>> {
        let mut all = vec![Outgoing {
            file: MESSAGE_EML,
            from: &self.from,
            to: &self.to,
            cc: &self.cc,
            subject: &self.subject,
            message_id: &self.message_id,
            envelope: &self.envelope,
            raw: &self.raw,
        }];
        all.extend(self.also.iter().map(|extra| Outgoing {
            file: &extra.file,
            from: &extra.from,
            to: &extra.to,
            cc: &extra.cc,
            subject: &extra.subject,
            message_id: &extra.message_id,
            envelope: &extra.envelope,
            raw: &extra.raw,
        }));
        all
    }

    /// What a send of the messages in `to_send` (bundle file names) shows before it sends, as
    /// `send --dry-run` prints it and the wizard's preview shows it: the transport and where it
    /// was set, this message ([`Prepared::preview`]: headers, attachments with size and SHA-256,
    /// the body), the further messages, and those left out as sent before.
    pub fn send_preview(
        &self,
        to_send: &[String],
        transport: Option<&Setting<Transport>>,
        lang: Lang,
    ) -> String {
        let mut text = self.preview(lang);
        for extra in &self.also {
            text.push('\n');
            text.push_str(&extra.preview(lang));
        }
        let skipped: Vec<String> = self
            .messages()
            .iter()
            .filter(|m| !to_send.iter().any(|f| f == m.file))
            .map(|m| m.describe())
            .collect();
        if !skipped.is_empty() {
            text.push_str(&match lang {
                Lang::Nb => format!(
                    "\nSendt før, sendes ikke igjen (--resend sender alt): {}\n",
                    skipped.join(", ")
                ),
                Lang::En => format!(
                    "\nSent before, not sent again (--resend sends all): {}\n",
                    skipped.join(", ")
                ),
            });
        }
        let via = match (transport, lang) {
            (Some(t), _) => format!("{} ({})", t.value.describe(lang), t.source.label(lang)),
            (None, Lang::Nb) => "ingen satt opp".to_string(),
            (None, Lang::En) => "none configured".to_string(),
        };
        let label = match lang {
            Lang::Nb => "Sendes med",
            Lang::En => "Transport",
        };
        format!("{label}: {via}\n{text}")
    }

    /// The bundle file names of every message, in order (a send that sends them all).
    pub fn all_files(&self) -> Vec<String> {
        self.messages().iter().map(|m| m.file.to_string()).collect()
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
            // Where each attached file is read from, in full: an answers file names the files,
            // and what leaves the machine must be seen before it does.
            if let Some(source) = &file.source {
                let path = crate::kind::text::sanitize(&source.display().to_string(), false);
                out.push_str(&match lang {
                    Lang::Nb => format!("    fra {path}\n"),
                    Lang::En => format!("    from {path}\n"),
                });
            }
        }
        out.push_str(&match lang {
            Lang::Nb => format!("Størrelse: {}\n", human_size(self.raw.len() as u64)),
            Lang::En => format!("Size: {}\n", human_size(self.raw.len() as u64)),
        });
        for extra in &self.also {
            out.push_str(&match lang {
                Lang::Nb => format!(
                    "Sender også: {} til {}\n",
                    error::clean(&extra.subject),
                    extra.to.email
                ),
                Lang::En => format!(
                    "Also sends: {} to {}\n",
                    error::clean(&extra.subject),
                    extra.to.email
                ),
            });
        }
        out.push('\n');
        out.push_str(&self.body);
        if !self.body.ends_with('\n') {
            out.push('\n');
        }
        out
    }
}

impl Extra {
    /// Headers and attachments of the further message as text (its body is its own request for
    /// signing, attached as request.pdf).
    pub fn preview(&self, lang: Lang) -> String {
        let mut out = format!("{}: {}\n", self.file, human_size(self.raw.len() as u64));
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
        headers.push(("Message-ID", self.message_id.clone()));
        for (name, value) in headers {
            out.push_str(&format!("  {name}: {}\n", error::clean(&value)));
        }
        out.push_str(match lang {
            Lang::Nb => "  Vedlegg:",
            Lang::En => "  Attachments:",
        });
        for file in &self.attachments {
            out.push_str(&format!(" {} ({})", file.name, human_size(file.size)));
        }
        out.push('\n');
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
    /// The order is an access request: it is filed by hand in a web form that takes no email
    /// (`title` names the place, `place` says where and how), so nothing is ever sent.
    #[error("{}", access_request_refusal(.draft, .title, .place, Lang::En))]
    AccessRequest {
        draft: String,
        title: crate::text::Text,
        place: crate::text::Text,
    },
    #[error(
        "the order is not ready: {}, {} not met; nothing was sent",
        crate::report::counted(.report.errors(), "error", "errors"),
        crate::report::counted(.report.not_met(), "prerequisite", "prerequisites")
    )]
    NotReady { report: Box<Report> },
    #[error(
        "the order was already sent on {} to {} ({}); send it again with --resend", crate::text::local_time_in_words(.record.time, Lang::En), .record.to, .record.transport
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
    /// The order as it would be built now is not the one bundled (`[bundle]` in the draft): the
    /// answers, an attachment, the registry's answer or the sender changed since.
    #[error(
        "the order changed since it was bundled ({}): {}; bundle again (`eid-onboard bundle {draft}`), check the new bundle, then send",
        crate::text::local_time_in_words(*.bundled, Lang::En),
        if .changed.is_empty() { "the bundle's zip is not what would be bundled now".to_string() } else { format!("{} differ", .changed.join(", ")) }
    )]
    ChangedSinceBundle {
        draft: String,
        bundled: jiff::Timestamp,
        /// The bundle's files that differ (empty when the recorded zip could not be read).
        changed: Vec<String>,
    },
    #[error(transparent)]
    Bundle(#[from] BundleError),
    #[error(transparent)]
    Send(#[from] SendError),
    /// A message failed after others of the same send were sent (and recorded), or with others
    /// still to go: the draft keeps a record of each one in `sent`, and `not_sent` were not sent.
    #[error(
        "{source} Sent and recorded: {}. Not sent: {}",
        if .sent.is_empty() { "nothing".to_string() } else { .sent.iter().map(|r| format!("{} to {}", r.message, r.to)).collect::<Vec<_>>().join(", ") },
        .not_sent.join(", ")
    )]
    NotAllSent {
        sent: Vec<SendRecord>,
        /// [`Outgoing::describe`] of each message not sent, the failed one first.
        not_sent: Vec<String>,
        #[source]
        source: Box<SendError>,
    },
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

impl MailError {
    /// What went wrong or why nothing was sent, in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return match self {
                MailError::Send(e) => e.message(lang),
                other => other.to_string(),
            };
        }
        let when = |at: jiff::Timestamp| crate::text::local_time_in_words(at, lang);
        match self {
            MailError::AccessRequest { draft, title, place } => {
                access_request_refusal(draft, title, place, lang)
            }
            MailError::NotReady { report } => format!(
                "bestillingen er ikke klar: {} feil, {} forutsetninger ikke oppfylt; ingenting ble sendt",
                report.errors(),
                report.not_met()
            ),
            MailError::AlreadySent { record } => format!(
                "bestillingen ble sendt {} til {} ({}); send den igjen med --resend",
                when(record.time),
                record.to,
                recorded_transport(&record.transport, lang)
            ),
            MailError::AlreadyMarked { status } => format!(
                "bestillingen er allerede merket «{}»; send den igjen med --resend",
                status.label(lang)
            ),
            MailError::Changed => "utkastet ble endret etter at meldingen ble laget; se på den nye meldingen og send igjen".into(),
            MailError::ChangedSinceBundle { draft, bundled, changed } => format!(
                "bestillingen er endret siden den ble pakket ({}): {}; pakk den igjen (`eid-onboard bundle {draft}`), se over den nye pakken, og send så",
                when(*bundled),
                if changed.is_empty() {
                    "zip-filen i pakken er ikke det som ville blitt pakket nå".to_string()
                } else {
                    format!("{} er ulike", changed.join(", "))
                }
            ),
            MailError::Bundle(e) => e.message(lang),
            MailError::Send(e) => e.message(lang),
            MailError::NotAllSent { sent, not_sent, source } => format!(
                "{} Sendt og registrert: {}. Ikke sendt: {}",
                source.message(lang),
                if sent.is_empty() {
                    "ingenting".to_string()
                } else {
                    sent.iter()
                        .map(|r| format!("{} til {}", r.message, r.to))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                not_sent.join(", ")
            ),
            MailError::NotRecorded { record, source } => format!(
                "meldingen ble sendt ({}, Message-ID {}), men utkastet kunne ikke registrere det: {}",
                recorded_transport(&record.transport, lang),
                record.message_id,
                source.message(lang)
            ),
            MailError::Draft(e) => e.message(lang),
        }
    }
}

/// A transport as a [`SendRecord`] keeps it (`folder DIR`, `file PATH`, `sendmail CMD`, an SMTP
/// URL) in `lang`: the record itself keeps the English word.
pub fn recorded_transport(transport: &str, lang: Lang) -> String {
    match lang {
        Lang::En => transport.to_string(),
        Lang::Nb => {
            if let Some(dir) = transport.strip_prefix("folder ") {
                format!("mappen {dir}")
            } else if let Some(file) = transport.strip_prefix("file ") {
                format!("filen {file}")
            } else {
                transport.to_string()
            }
        }
    }
}

/// Why an access request is not sent, how to mark it sent once filed, and where to file it (last:
/// it ends with the web address), in `lang`: what [`MailError::AccessRequest`] says.
pub fn access_request_refusal(
    draft: &str,
    title: &crate::text::Text,
    place: &crate::text::Text,
    lang: Lang,
) -> String {
    let (title, place) = (title.get(lang), place.get(lang));
    match lang {
        Lang::Nb => format!(
            "Ikke sendt: denne bestillingen er en tilgangsforespørsel til {title}, som ikke tar imot e-post. Lim inn {file} fra pakken (`eid-onboard bundle {draft}`) der, last opp vedleggene, og merk bestillingen som sendt med `eid-onboard status {draft} sent`. {place}",
            file = bundle::ACCESS_REQUEST_TXT,
        ),
        Lang::En => format!(
            "Not sent: this order is an access request for {title}, which takes no email. Paste {file} from the bundle (`eid-onboard bundle {draft}`) there, upload the attachments, then mark the order sent with `eid-onboard status {draft} sent`. {place}",
            file = bundle::ACCESS_REQUEST_TXT,
        ),
    }
}

/// The refusal of an order that goes as an access request, else `None`.
fn not_by_email(order: &Order, delivery: &Delivery) -> Option<MailError> {
    match delivery {
        Delivery::AccessRequest { title, place } => Some(MailError::AccessRequest {
            draft: order.name.to_string(),
            title: title.clone(),
            place: place.clone(),
        }),
        Delivery::Email { .. } | Delivery::Missing { .. } => None,
    }
}

/// Checks the order (as of `ctx`, with the registry's `facts`) and builds the message, as the bundle
/// does with the same sender. Nothing is written. An access request is refused first
/// ([`MailError::AccessRequest`]): it never goes by email, whatever the answers lack.
pub fn prepare(
    order: &Order,
    config: &Config,
    facts: &Facts,
    ctx: &Context,
) -> Result<Prepared, MailError> {
    if let Some(refusal) = not_by_email(order, &order.spec.delivery(&order.answers)) {
        return Err(refusal);
    }
    let report = order.check(ctx, facts);
    if !report.ready() {
        return Err(MailError::NotReady {
            report: Box::new(report),
        });
    }
    // The checklist in the message says what the registry said, as in the bundle.
    let built = match bundle::build_as(order, facts, config.sender()) {
        Ok(built) => built,
        Err(BundleError::NotReady { report }) => return Err(MailError::NotReady { report }),
        Err(e) => return Err(e.into()),
    };
    if let Some(record) = &order.draft.bundle {
        same_as_bundle(order.name.as_str(), record, &built)?;
    }
    // The bundle has no email only for an access request, refused above with the same answers.
    let Some(envelope) = built.envelope.clone() else {
        return Err(not_by_email(order, &built.delivery).unwrap_or_else(|| {
            MailError::Bundle(BundleError::NoAddressee {
                field: order.spec.recipient_field.clone().unwrap_or_default(),
            })
        }));
    };
    let raw = built.files.get(MESSAGE_EML).cloned().unwrap_or_default();
    let doc = &built.document;
    let (from, reply_to, to, cc) = addresses(doc, config)?;
    let also = built
        .separate
        .iter()
        .map(|separate| separate_extra(&built, separate, config))
        .collect::<Result<_, _>>()?;
    let plan = crate::document::attachment_plan(&order.spec, &order.answers);
    let attachments = main_attachments(&built, &plan);
    Ok(Prepared {
        draft: order.name.clone(),
        form: order.spec.id.clone(),
        draft_updated: order.draft.updated,
        from,
        reply_to,
        to,
        cc,
        subject: doc.subject.clone(),
        date: header(&raw, "Date").unwrap_or_default(),
        message_id: header(&raw, "Message-ID").unwrap_or_default(),
        body: text::body(doc),
        attachments,
        envelope,
        raw,
        previous: order.draft.sent.clone(),
        also,
    })
}

/// What is sent is what was bundled: the order built now must give the zip the draft's bundle
/// record names (its SHA-256). The bundle is deterministic, so the same answers, attachments,
/// registry answer and sender give the same zip; anything else refuses the send, naming the files
/// that differ from the recorded zip when it can still be read.
fn same_as_bundle(
    draft: &str,
    record: &crate::draft::BundleRecord,
    built: &bundle::Built,
) -> Result<(), MailError> {
    if bundle::sha256_hex(&built.zip) == record.sha256 {
        return Ok(());
    }
    let changed = crate::bounded_read::read(&record.zip, crate::bounded_read::BUNDLE_ZIP_CAP)
        .ok()
        .filter(|bytes| bundle::sha256_hex(bytes) == record.sha256)
        .and_then(|bytes| zip_files(&bytes, &built.name))
        .map(|old| {
            let mut names: Vec<String> = old
                .keys()
                .chain(built.files.keys())
                .filter(|name| name.as_str() != bundle::SHA256SUMS)
                .filter(|name| old.get(*name) != built.files.get(*name))
                .cloned()
                .collect();
            names.sort();
            names.dedup();
            names
        })
        .unwrap_or_default();
    Err(MailError::ChangedSinceBundle {
        draft: draft.to_string(),
        bundled: record.bundled,
        changed,
    })
}

/// The files of a bundle's zip by their path inside the folder `<folder>/`.
fn zip_files(bytes: &[u8], folder: &str) -> Option<std::collections::BTreeMap<String, Vec<u8>>> {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut files = std::collections::BTreeMap::new();
    let prefix = format!("{folder}/");
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().ok()?.to_string();
        let name = name.strip_prefix(&prefix).unwrap_or(&name).to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).ok()?;
        files.insert(name, content);
    }
    Some(files)
}

/// The email of one separate request as built into the bundle, with its one attachment.
fn separate_extra(
    built: &bundle::Built,
    separate: &bundle::SeparateMessage,
    config: &Config,
) -> Result<Extra, MailError> {
    let (from, reply_to, to, cc) = addresses(&separate.document, config)?;
    let raw = built.files.get(&separate.file).cloned().unwrap_or_default();
    let attachments = built
        .files
        .get(&separate.pdf)
        .map(|bytes| attachment_info(REQUEST_PDF.to_string(), bytes))
        .into_iter()
        .collect();
    Ok(Extra {
        file: separate.file.clone(),
        from,
        reply_to,
        to,
        cc,
        subject: separate.document.subject.clone(),
        message_id: header(&raw, "Message-ID").unwrap_or_default(),
        attachments,
        envelope: separate.envelope.clone(),
        raw,
    })
}

/// The files of `message.eml` as the email names them: `request.pdf`, then the attachments, each
/// with the full path it was read from (`plan`).
fn main_attachments(
    built: &bundle::Built,
    plan: &[crate::document::PlannedFile],
) -> Vec<AttachmentInfo> {
    let mut names = vec![REQUEST_PDF.to_string()];
    names.extend(built.document.attachments.iter().map(|a| a.name.clone()));
    names
        .into_iter()
        .filter_map(|name| {
            let key = if name == REQUEST_PDF {
                name.clone()
            } else {
                format!("{}/{name}", crate::document::ATTACHMENTS_DIR)
            };
            let bytes = built.files.get(&key)?;
            let source = plan
                .iter()
                .find(|p| p.name == name && name != REQUEST_PDF)
                .map(|p| full_path(&p.source));
            Some(AttachmentInfo {
                source,
                ..attachment_info(name, bytes)
            })
        })
        .collect()
}

/// The file's real path (links followed, `..` resolved), so the preview says which file it is
/// whatever the answers file called it.
fn full_path(path: &std::path::Path) -> std::path::PathBuf {
    fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

fn attachment_info(name: String, bytes: &[u8]) -> AttachmentInfo {
    AttachmentInfo {
        name,
        size: bytes.len() as u64,
        sha256: bundle::sha256_hex(bytes),
        source: None,
    }
}

/// From, Reply-To, To and Cc of the email of `doc`, as [`crate::render::email::message`] writes them.
#[allow(clippy::type_complexity)]
fn addresses(
    doc: &crate::document::Document,
    config: &Config,
) -> Result<(Mailbox, Option<Mailbox>, Mailbox, Vec<Mailbox>), MailError> {
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
    Ok((from, reply_to, to, contact.into_iter().collect()))
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

/// The messages of `prepared` a send without `--resend` sends, in order: those whose bundle file
/// has no record in `draft.sent`. Refused when every one has one ([`MailError::AlreadySent`], the
/// last record), or when none has but the order is marked sent or later by hand
/// ([`MailError::AlreadyMarked`]).
pub fn unsent<'a>(prepared: &'a Prepared, draft: &Draft) -> Result<Vec<Outgoing<'a>>, MailError> {
    if draft.sent.is_empty() {
        return match already_sent(draft) {
            Some(refusal) => Err(refusal),
            None => Ok(prepared.messages()),
        };
    }
    let left: Vec<Outgoing<'a>> = prepared
        .messages()
        .into_iter()
        .filter(|m| !draft.sent.iter().any(|r| r.message == m.file))
        .collect();
    match (left.is_empty(), draft.sent.last()) {
        (true, Some(record)) => Err(MailError::AlreadySent {
            record: Box::new(record.clone()),
        }),
        _ => Ok(left),
    }
}

/// Sends the prepared order (`message.eml`) with the configured transport; see [`send_message`].
pub fn send(
    prepared: &Prepared,
    config: &Config,
    password: Option<&str>,
) -> Result<SendRecord, SendError> {
    send_message(prepared, &prepared.messages()[0], config, password).map(|sent| sent.record)
}

/// A message as it was sent: its record (not yet in the draft) and its exact bytes — the bundle's
/// message with the send's own Date and Message-ID. [`keep_sent`] keeps the bytes beside the draft.
#[derive(Clone, Debug)]
pub struct Sent {
    pub record: SendRecord,
    pub raw: Vec<u8>,
}

/// The bundle's message `raw` as sent at `now`: the Date header is the send time and the
/// Message-ID a new one (a resend must not be dropped as a duplicate of the first); every other
/// byte, body and attachments included, is the bundle's. Returns the bytes and the Message-ID.
pub fn stamp(raw: &[u8], bundle_id: &str, now: jiff::Timestamp) -> (Vec<u8>, String) {
    static SENDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let count = SENDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut hash = <sha2::Sha256 as sha2::Digest>::new();
    sha2::Digest::update(&mut hash, bundle_id.as_bytes());
    sha2::Digest::update(
        &mut hash,
        format!("{}/{}/{count}", now.as_nanosecond(), std::process::id()).as_bytes(),
    );
    let digest = hex::encode(sha2::Digest::finalize(hash));
    let message_id = format!("<{}@eid-onboard>", &digest[..32]);
    let date = jiff::fmt::rfc2822::DateTimePrinter::new()
        .zoned_to_string(&now.to_zoned(jiff::tz::TimeZone::UTC))
        .unwrap_or_default();

    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let (head, rest) = raw.split_at(split);
    let mut out = Vec::with_capacity(raw.len() + 8);
    let mut replacing = false;
    for (i, line) in head.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if replacing && line.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
            continue;
        }
        replacing = false;
        let key = line
            .iter()
            .position(|&b| b == b':')
            .map(|at| String::from_utf8_lossy(&line[..at]).to_ascii_lowercase());
        let replaced = match key.as_deref() {
            Some("date") => Some(format!("Date: {date}")),
            Some("message-id") => Some(format!("Message-ID: {message_id}")),
            _ => None,
        };
        if i > 0 {
            out.extend_from_slice(b"\r\n");
        }
        match replaced {
            Some(header) => {
                out.extend_from_slice(header.as_bytes());
                replacing = true;
            }
            None => out.extend_from_slice(line),
        }
    }
    out.extend_from_slice(rest);
    (out, message_id)
}

/// Keeps the exact bytes of a sent message beside the draft (`drafts/NAME.sent/`, 0600, written
/// atomically by the draft store) and returns its record with the copy's path. The record's
/// SHA-256 is that of these bytes.
pub fn keep_sent(
    store: &DraftStore,
    lock: &DraftLock,
    sent: Sent,
) -> Result<SendRecord, DraftError> {
    let stamp: String = sent
        .record
        .time
        .strftime("%Y%m%dT%H%M%S%.fZ")
        .to_string()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let id: String = sent
        .record
        .message_id
        .trim_start_matches('<')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .take(12)
        .collect();
    let file = sent.record.message.trim_end_matches(".eml");
    let name = format!("{stamp}-{file}-{id}.eml");
    let path = store.save_sent_copy(lock, &name, &sent.raw)?;
    let mut record = sent.record;
    record.copy = Some(path);
    Ok(record)
}

/// Sends one message of `prepared` with the configured transport. Blocking; nothing is written to
/// the draft. `password` is needed when [`Config::needs_password`]; it is not kept.
pub fn send_message(
    prepared: &Prepared,
    message: &Outgoing<'_>,
    config: &Config,
    password: Option<&str>,
) -> Result<Sent, SendError> {
    let (raw, message_id) = stamp(message.raw, message.message_id, jiff::Timestamp::now());
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
                    let bytes = crate::bounded_read::read(&ca.value, crate::bounded_read::CA_CAP)
                        .map_err(|e| error::ca_file(&shown, &e.to_string()))?;
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
            let reply = smtp::send(&session, message.envelope, &raw)?;
            (server.to_string(), Some(reply))
        }
        Transport::Sendmail(command) => {
            sendmail::send(command, message.envelope, &raw, config.timeout.value)?;
            (transport.value.to_string(), None)
        }
        Transport::Folder(dir) => {
            let path = write_eml(dir, &prepared.file_name_of(&message_id), &raw)?;
            (format!("file {}", path.display()), None)
        }
    };
    let record = SendRecord {
        time: jiff::Timestamp::now(),
        message: message.file.to_string(),
        to: message.to.email.to_string(),
        cc: message.cc.iter().map(|m| m.email.to_string()).collect(),
        from: message.from.email.to_string(),
        transport: description,
        message_id,
        reply,
        sha256: Some(bundle::sha256_hex(&raw)),
        copy: None,
    };
    Ok(Sent { record, raw })
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
    draft.status = status::after_send(draft.status);
    store.save(lock, &draft)?;
    Ok(draft)
}

/// Sends and records, under the draft's lock: refuses when the draft changed since `prepared` was
/// built; sends every message with `resend`, else those [`unsent`] names (refused when none is
/// left), in order, recording each as soon as it is accepted. A failure stops the send: when it is
/// the only message to go, [`MailError::Send`] (the draft is unchanged); otherwise
/// [`MailError::NotAllSent`], with the records of those sent (kept in the draft) and the messages
/// not sent. Returns the records of this send, in order, and the draft as saved (see
/// [`record_sent`]).
pub fn deliver(
    store: &DraftStore,
    lock: &DraftLock,
    prepared: &Prepared,
    config: &Config,
    password: Option<&str>,
    resend: bool,
) -> Result<(Vec<SendRecord>, Draft), MailError> {
    let mut draft = store.load(lock.name())?;
    if draft.updated != prepared.draft_updated {
        return Err(MailError::Changed);
    }
    let messages = if resend {
        prepared.messages()
    } else {
        unsent(prepared, &draft)?
    };
    let mut records = Vec::new();
    for (i, message) in messages.iter().enumerate() {
        let sent = match send_message(prepared, message, config, password) {
            Ok(sent) => sent,
            Err(source) if messages.len() == 1 => return Err(source.into()),
            Err(source) => {
                return Err(MailError::NotAllSent {
                    sent: records,
                    not_sent: messages[i..].iter().map(Outgoing::describe).collect(),
                    source: Box::new(source),
                });
            }
        };
        let fallback = sent.record.clone();
        let record = keep_sent(store, lock, sent).map_err(|source| MailError::NotRecorded {
            record: Box::new(fallback),
            source,
        })?;
        draft = record_sent(store, lock, &record).map_err(|source| MailError::NotRecorded {
            record: Box::new(record.clone()),
            source,
        })?;
        records.push(record);
    }
    Ok((records, draft))
}
