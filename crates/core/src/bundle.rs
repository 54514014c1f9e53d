//! The signed-ready bundle: a folder `<NAME>-<form>/` and a zip of it, beside each other.
//!
//! ```text
//! request.pdf        the order for signing (PDF/A-2a, PDF/UA-1, a signature field per
//!                    signatory), numbered in the provider's order
//! request.toml       the answers as sent (attachment paths replaced by the bundled names)
//! request.json       the same answers as JSON
//! message.eml        the complete email, exactly what `send` sends
//! access-request.txt instead of message.eml when the order is an access request (filed by hand
//!                    in a web form that takes no email, `[access_request]`): the text to paste
//!                    there, with the files to upload
//! attachments/…      the attached files, byte for byte
//! <output>           what the questionnaire's `outputs` add (`client.json` for ID-porten)
//! <id>-request.pdf   for each separate request that applies (`[[separate_requests]]`): its own
//! <id>-message.eml   request for signing and its own email, to its own addressee
//! SHA256SUMS         `sha256sum -c` format, one line per file above
//! ```
//!
//! The same draft gives the same bytes: no clock, random id, host name or absolute path goes into
//! any file; the one date is the draft's (the day of its last change, see [`bundle_date`]); the zip
//! has fixed entry times and permissions and sorted entries.
//!
//! [`create`] refuses while the order is not ready, builds everything in memory, writes it into a
//! hidden temporary folder and zip in the output folder, and only then renames them into place, so
//! there is never a half-written bundle under the bundle's name. An existing bundle of the same
//! name is replaced when it still verifies (nothing in it was changed by hand); otherwise the user
//! must pass `force`.

mod archive;
pub mod verify;

use std::collections::BTreeMap;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::document::{self, ATTACHMENTS_DIR, Document, FileDigest, REQUEST_PDF};
use crate::draft::{BundleRecord, DraftError, DraftLock, DraftStore};
use crate::form::{Delivery, FieldKind, Output};
use crate::order::Order;
use crate::prereq::Facts;
use crate::render::{self, email::MailFile};
use crate::report::Report;
use crate::validate::Context;

pub use verify::{Issue, IssueKind, Verification, VerifyError, verify};

pub const REQUEST_TOML: &str = "request.toml";
pub const REQUEST_JSON: &str = "request.json";
pub const MESSAGE_EML: &str = "message.eml";
pub const ACCESS_REQUEST_TXT: &str = "access-request.txt";
pub const SHA256SUMS: &str = "SHA256SUMS";

/// Bundle files and temporary files hold personal data: only the owner may read them.
const FILE_MODE: u32 = 0o600;
const DIR_MODE: u32 = 0o700;

#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error(
        "the order is not ready: {}, {} not met; no bundle was written",
        crate::report::counted(.report.errors(), "error", "errors"),
        crate::report::counted(.report.not_met(), "prerequisite", "prerequisites")
    )]
    NotReady { report: Box<Report> },
    #[error("{field}: cannot read the attachment {path}: {source}")]
    Attachment {
        field: String,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Neither a fixed recipient, an answer to `field` (the form's `recipient_field`) nor an
    /// access request that applies: nobody to send the order to.
    #[error(
        "{field}: the order has nobody to go to: give {field}'s email address; no bundle was written"
    )]
    NoAddressee { field: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Pdf(#[from] render::pdf::PdfError),
    #[error("message.eml: {0}")]
    Email(#[from] render::email::EmailError),
    #[error("the zip could not be written: {0}")]
    Zip(String),
    #[error(
        "{path} exists and {reason}; move it away or replace it with --force (it will be deleted)"
    )]
    Exists { path: PathBuf, reason: String },
    #[error(transparent)]
    Draft(#[from] DraftError),
}

impl BundleError {
    /// What went wrong, in `lang` (the `Display` text is the English one). The PDF, email and
    /// zip libraries' own details stay as they word them.
    pub fn message(&self, lang: crate::text::Lang) -> String {
        use crate::text::{Lang, io_error};
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (BundleError::NotReady { report }, Lang::Nb) => format!(
                "bestillingen er ikke klar: {} feil, {} forutsetninger ikke oppfylt; ingen pakke ble laget",
                report.errors(),
                report.not_met()
            ),
            (
                BundleError::Attachment {
                    field,
                    path,
                    source,
                },
                Lang::Nb,
            ) => format!(
                "{field}: kan ikke lese vedlegget {}: {}",
                path.display(),
                io_error(source, lang)
            ),
            (BundleError::NoAddressee { field }, Lang::Nb) => format!(
                "{field}: bestillingen har ingen mottaker: oppgi e-postadressen i {field}; ingen pakke ble laget"
            ),
            (BundleError::Io { path, source }, Lang::Nb) => {
                format!("{}: {}", path.display(), io_error(source, lang))
            }
            (BundleError::Pdf(e), Lang::Nb) => format!("request.pdf: {e}"),
            (BundleError::Email(e), Lang::Nb) => format!("message.eml: {e}"),
            (BundleError::Zip(e), Lang::Nb) => format!("zip-filen kunne ikke skrives: {e}"),
            (BundleError::Exists { path, reason: _ }, Lang::Nb) => format!(
                "{} finnes allerede og er ikke pakken slik den ble laget; flytt den bort eller erstatt den med --force (den blir slettet)",
                path.display()
            ),
            (BundleError::Draft(e), Lang::Nb) => e.message(lang),
        }
    }
}

/// What [`create`] needs besides the order.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Registry standings for the checklist (empty: unknown).
    pub facts: Facts,
    /// Replace an existing bundle of the same name even when it was changed.
    pub force: bool,
    /// The configured sender of the email (`[mail] from`); `None`: the general contact.
    pub sender: Option<lettre::message::Mailbox>,
}

/// A bundle built in memory: every file by its path inside the bundle folder, and the zip.
#[derive(Clone, Debug)]
pub struct Built {
    /// `<NAME>-<form>`.
    pub name: String,
    pub document: Document,
    /// Path inside the folder (`/`-separated) -> bytes; includes `SHA256SUMS`.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The emails of the bundle, in sending order: `message.eml` (none for an access request),
    /// then one per separate request.
    pub messages: Vec<String>,
    /// The emails after `message.eml`, in `messages` order: one per separate request that applies.
    pub separate: Vec<SeparateMessage>,
    pub zip: Vec<u8>,
    /// Who the email in `message.eml` goes to and comes from (SMTP's MAIL FROM and RCPT TO);
    /// `None` for an access request, which has no email.
    pub envelope: Option<lettre::address::Envelope>,
    /// How the order goes: by email, or as an access request (never [`Delivery::Missing`]: that
    /// is refused).
    pub delivery: Delivery,
}

/// The email of a separate request, as built into the bundle.
#[derive(Clone, Debug)]
pub struct SeparateMessage {
    /// Its file in the bundle (`<id>-message.eml`).
    pub file: String,
    /// The file of its request for signing (`<id>-request.pdf`; `request.pdf` in the email).
    pub pdf: String,
    /// The request it carries (its addressee, subject and sender).
    pub document: Document,
    /// SMTP's MAIL FROM and RCPT TO.
    pub envelope: lettre::address::Envelope,
}

/// A bundle on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleOutcome {
    /// The folder `<out>/<NAME>-<form>/`.
    pub dir: PathBuf,
    /// The zip `<out>/<NAME>-<form>.zip`.
    pub zip: PathBuf,
    /// SHA-256 of the zip, lower-case hex.
    pub zip_sha256: String,
    /// Files in the folder (SHA256SUMS included), sorted.
    pub files: Vec<String>,
}

fn render_output(output: Output, order: &Order, document: &Document) -> Vec<u8> {
    match output {
        Output::ClientJson => render::client_json::render(&order.spec, document).into_bytes(),
    }
}

/// The bundle's date: the UTC day of the draft's last change of answers. Recording a bundle does
/// not change it, so bundling the same draft again gives the same bytes.
pub fn bundle_date(order: &Order) -> jiff::civil::Date {
    order.draft.updated.to_zoned(jiff::tz::TimeZone::UTC).date()
}

/// `<NAME>-<form>`, or `<NAME>` when the name begins with the form id (see
/// [`crate::draft::DraftName::with_form`]).
pub fn bundle_name(order: &Order) -> String {
    order.name.with_form(&order.spec.id)
}

/// Checks the order and builds every file of the bundle in memory, the email from the general
/// contact (no sender configured). See [`build_as`].
pub fn build(order: &Order, facts: &Facts) -> Result<Built, BundleError> {
    build_as(order, facts, None)
}

/// Checks the order and builds every file of the bundle in memory, the email from `sender` (see
/// [`render::email::message`]). The checklist and the age warnings are evaluated as of the bundle's
/// date, so they too come from the draft, not the clock.
pub fn build_as(
    order: &Order,
    facts: &Facts,
    sender: Option<&lettre::message::Mailbox>,
) -> Result<Built, BundleError> {
    let date = bundle_date(order);
    let report = order.check(&Context::on(date), facts);
    if !report.ready() {
        return Err(BundleError::NotReady {
            report: Box::new(report),
        });
    }

    let delivery = order.spec.delivery(&order.answers);
    if let Delivery::Missing { field } = &delivery {
        return Err(BundleError::NoAddressee {
            field: field.clone(),
        });
    }

    let (attachments, digests) = read_attachments(order)?;
    let mut document = Document::build(
        &order.spec,
        &order.answers,
        &report.checklist,
        date,
        &digests,
    );
    // The signatories' registered roles, from the facts the checklist read.
    document.add_roles(facts);
    let pdf = render::pdf::render(&document)?;
    let outputs: Vec<NamedBytes> = order
        .spec
        .outputs
        .iter()
        .map(|output| {
            let name = output.name().to_string();
            (name, render_output(*output, order, &document))
        })
        .collect();
    let (main, envelope) = match &delivery {
        Delivery::AccessRequest { place, .. } => {
            let text = access_request_text(&document, place.get(document.lang), &outputs);
            ((ACCESS_REQUEST_TXT, text.into_bytes()), None)
        }
        // (Missing was refused above.)
        Delivery::Email { .. } | Delivery::Missing { .. } => {
            let message = main_message(&document, &pdf, &attachments, &outputs, sender)?;
            let envelope = message.envelope().clone();
            ((MESSAGE_EML, message.formatted()), Some(envelope))
        }
    };
    let mut files = main_files(&document, main, pdf, attachments, outputs);
    let separate = build_separate_requests(order, date, sender, &mut files)?;
    let messages = envelope
        .is_some()
        .then(|| MESSAGE_EML.to_string())
        .into_iter()
        .chain(separate.iter().map(|s| s.file.clone()))
        .collect();
    let sums = sha256sums(&files);
    files.insert(SHA256SUMS.to_string(), sums.into_bytes());

    let name = bundle_name(order);
    let zip = archive::zip(&name, &files, date).map_err(BundleError::Zip)?;
    Ok(Built {
        name,
        document,
        files,
        messages,
        separate,
        zip,
        envelope,
        delivery,
    })
}

/// `access-request.txt`: the request to paste into the web form, with the bundle's files to
/// upload there (the attachments, then the questionnaire's outputs).
fn access_request_text(document: &Document, place: &str, outputs: &[NamedBytes]) -> String {
    let uploads: Vec<String> = document
        .attachments
        .iter()
        .map(|a| format!("{ATTACHMENTS_DIR}/{}", a.name))
        .chain(outputs.iter().map(|(name, _)| name.clone()))
        .collect();
    render::access_request::render(document, place, &uploads)
}

/// An attached file: its name in the bundle and its bytes.
type NamedBytes = (String, Vec<u8>);

/// Every visible file answer, read, with the size and hash the document shows of each.
fn read_attachments(
    order: &Order,
) -> Result<(Vec<NamedBytes>, BTreeMap<PathBuf, FileDigest>), BundleError> {
    let plan = document::attachment_plan(&order.spec, &order.answers);
    let mut digests = BTreeMap::new();
    let mut attachments = Vec::new();
    for file in &plan {
        let cap = attachment_cap(order, &file.field);
        let bytes = crate::bounded_read::read(&file.source, cap).map_err(|source| {
            BundleError::Attachment {
                field: file.field.clone(),
                path: file.source.clone(),
                source,
            }
        })?;
        digests.insert(
            file.source.clone(),
            FileDigest {
                size: bytes.len() as u64,
                sha256: sha256_hex(&bytes),
            },
        );
        attachments.push((file.name.clone(), bytes));
    }
    Ok((attachments, digests))
}

/// The most of an attachment read: its question's `max_bytes`. Validation refuses a larger file
/// before a bundle is made; this holds when the file grew or was swapped since.
fn attachment_cap(order: &Order, field: &str) -> u64 {
    let mut kind = order.spec.field(field).map(|f| &f.kind);
    // A list of files has the rules of its item.
    if let Some(FieldKind::Repeat { item, .. }) = kind {
        kind = Some(item.as_ref());
    }
    if let Some(FieldKind::File(rules)) = kind {
        rules.max_bytes
    } else {
        crate::form::DEFAULT_MAX_BYTES
    }
}

/// The email of `message.eml`: the request for signing, then the attachments, then the
/// questionnaire's outputs (client.json: the provider gets them with the request).
fn main_message(
    document: &Document,
    pdf: &[u8],
    attachments: &[NamedBytes],
    outputs: &[NamedBytes],
    sender: Option<&lettre::message::Mailbox>,
) -> Result<lettre::Message, BundleError> {
    let mut mail_files = vec![MailFile {
        name: REQUEST_PDF,
        bytes: pdf,
    }];
    mail_files.extend(
        attachments
            .iter()
            .map(|(name, bytes)| MailFile { name, bytes }),
    );
    mail_files.extend(outputs.iter().map(|(name, bytes)| MailFile { name, bytes }));
    Ok(render::email::message(document, &mail_files, sender)?)
}

/// The bundle's files for the main request: the answers, the email (or the access request's
/// text), the PDF, the attachments and the questionnaire's outputs.
fn main_files(
    document: &Document,
    main: (&str, Vec<u8>),
    pdf: Vec<u8>,
    attachments: Vec<NamedBytes>,
    outputs: Vec<NamedBytes>,
) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    files.insert(
        REQUEST_TOML.to_string(),
        render::answers::to_toml(document).into_bytes(),
    );
    files.insert(
        REQUEST_JSON.to_string(),
        render::answers::to_json(document).into_bytes(),
    );
    files.insert(main.0.to_string(), main.1);
    files.insert(REQUEST_PDF.to_string(), pdf);
    for (name, bytes) in attachments {
        files.insert(format!("{ATTACHMENTS_DIR}/{name}"), bytes);
    }
    for (name, bytes) in outputs {
        files.insert(name, bytes);
    }
    files
}

/// For each separate request that applies: its PDF and its email, added to `files`.
fn build_separate_requests(
    order: &Order,
    date: jiff::civil::Date,
    sender: Option<&lettre::message::Mailbox>,
    files: &mut BTreeMap<String, Vec<u8>>,
) -> Result<Vec<SeparateMessage>, BundleError> {
    let mut separate = Vec::new();
    for request in &order.spec.separate_requests {
        if !request.applies(&order.spec, &order.answers) {
            continue;
        }
        let form = request.form(&order.spec, &order.answers);
        let doc = Document::build(&form, &order.answers, &[], date, &BTreeMap::new());
        let pdf = render::pdf::render(&doc)?;
        let message = render::email::message(
            &doc,
            &[MailFile {
                name: REQUEST_PDF,
                bytes: &pdf,
            }],
            sender,
        )?;
        files.insert(separate_pdf(&request.id), pdf);
        files.insert(separate_eml(&request.id), message.formatted());
        separate.push(SeparateMessage {
            file: separate_eml(&request.id),
            pdf: separate_pdf(&request.id),
            document: doc,
            envelope: message.envelope().clone(),
        });
    }
    Ok(separate)
}

/// The request for signing of a separate request, in the bundle folder.
pub fn separate_pdf(id: &str) -> String {
    format!("{id}-request.pdf")
}

/// The email of a separate request, in the bundle folder; in it the PDF is named `request.pdf`.
pub fn separate_eml(id: &str) -> String {
    format!("{id}-message.eml")
}

/// Builds the bundle and writes it to `out_dir` (created if missing): the folder `<NAME>-<form>/`
/// and `<NAME>-<form>.zip`. See the module documentation for how an existing bundle is treated.
pub fn create(
    order: &Order,
    out_dir: &Path,
    options: &Options,
) -> Result<BundleOutcome, BundleError> {
    let built = build_as(order, &options.facts, options.sender.as_ref())?;
    write(&built, out_dir, options.force)
}

/// Writes a built bundle into `out_dir`, atomically per file system object: the folder and the zip
/// are complete before they get their names.
pub fn write(built: &Built, out_dir: &Path, force: bool) -> Result<BundleOutcome, BundleError> {
    create_private_dir(out_dir)?;
    let out_dir = fs::canonicalize(out_dir).map_err(io(out_dir))?;
    let dir = out_dir.join(&built.name);
    let zip_path = out_dir.join(format!("{}.zip", built.name));

    // Refuse before writing anything when an existing bundle would lose changes.
    if !force {
        check_replaceable(&dir)?;
        check_replaceable(&zip_path)?;
    }
    remove_leftovers(&out_dir, &built.name)?;

    let temp = write_temp_folder(built, &out_dir)?;
    let zip_temp = write_temp_zip(built, &out_dir)?;

    // Into place: the folder, then the zip.
    let aside = out_dir.join(format!(".{}.old", built.name));
    let had_old = replace_folder(temp.keep(), &dir, &aside)?;
    zip_temp.persist(&zip_path).map_err(|e| BundleError::Io {
        path: zip_path.clone(),
        source: e.error,
    })?;
    sync_dir(&out_dir)?;
    if had_old {
        remove_any(&aside)?;
    }

    Ok(BundleOutcome {
        dir,
        zip: zip_path,
        zip_sha256: sha256_hex(&built.zip),
        files: built.files.keys().cloned().collect(),
    })
}

/// A folder and any missing parents, readable by the owner only.
fn create_private_dir(path: &Path) -> Result<(), BundleError> {
    DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(path)
        .map_err(io(path))
}

/// The new folder, complete and synced, under a hidden temporary name in `out_dir`.
fn write_temp_folder(built: &Built, out_dir: &Path) -> Result<tempfile::TempDir, BundleError> {
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{}.tmp-", built.name))
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(DIR_MODE))
        .tempdir_in(out_dir)
        .map_err(io(out_dir))?;
    for (name, bytes) in &built.files {
        let path = temp.path().join(name);
        if let Some(parent) = path.parent()
            && parent != temp.path()
        {
            create_private_dir(parent)?;
        }
        write_new_file(&path, bytes)?;
    }
    sync_dir(&temp.path().join(ATTACHMENTS_DIR)).ok();
    sync_dir(temp.path())?;
    Ok(temp)
}

/// The zip, complete and synced, under a hidden temporary name in `out_dir`.
fn write_temp_zip(built: &Built, out_dir: &Path) -> Result<tempfile::NamedTempFile, BundleError> {
    let mut zip_temp = tempfile::Builder::new()
        .prefix(&format!(".{}.zip-", built.name))
        .suffix(".tmp")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(FILE_MODE))
        .tempfile_in(out_dir)
        .map_err(io(out_dir))?;
    zip_temp
        .write_all(&built.zip)
        .and_then(|()| zip_temp.as_file().sync_all())
        .map_err(io(zip_temp.path()))?;
    Ok(zip_temp)
}

/// Renames the complete folder `temp_path` to `dir`. An old folder is moved aside to `aside`
/// first (rename cannot replace a non-empty folder) and put back if the rename fails; true when
/// there was one, for the caller to remove once the zip is in place too.
fn replace_folder(temp_path: PathBuf, dir: &Path, aside: &Path) -> Result<bool, BundleError> {
    let had_old = match fs::symlink_metadata(dir) {
        Ok(_) => {
            fs::rename(dir, aside).map_err(io(dir))?;
            true
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(io(dir)(e)),
    };
    if let Err(e) = fs::rename(&temp_path, dir) {
        if had_old {
            let _ = fs::rename(aside, dir);
        }
        let _ = fs::remove_dir_all(&temp_path);
        return Err(io(dir)(e));
    }
    Ok(had_old)
}

/// Records a bundle in its draft: status *bundled*, the folder, zip and the zip's hash. The draft's
/// `updated` (the last change of answers, and the bundle's date) is left as it is.
pub fn record(
    store: &DraftStore,
    lock: &DraftLock,
    outcome: &BundleOutcome,
    now: jiff::Timestamp,
) -> Result<(), BundleError> {
    let mut draft = store.load(lock.name())?;
    draft.status = crate::draft::status::after_bundle(draft.status);
    draft.bundle = Some(BundleRecord {
        path: outcome.dir.clone(),
        zip: outcome.zip.clone(),
        sha256: outcome.zip_sha256.clone(),
        bundled: now,
    });
    store.save(lock, &draft)?;
    Ok(())
}

/// `sha256sum -c` lines (`<hex>  <path>`), sorted by path, for every file but SHA256SUMS itself.
pub fn sha256sums(files: &BTreeMap<String, Vec<u8>>) -> String {
    files
        .iter()
        .filter(|(name, _)| name.as_str() != SHA256SUMS)
        .map(|(name, bytes)| format!("{}  {name}\n", sha256_hex(bytes)))
        .collect()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// An existing folder or zip may be replaced when it is an unchanged bundle.
fn check_replaceable(path: &Path) -> Result<(), BundleError> {
    if fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    match verify(path) {
        Ok(v) if v.issues.is_empty() => Ok(()),
        Ok(v) => Err(BundleError::Exists {
            path: path.to_path_buf(),
            reason: format!(
                "was changed since it was bundled ({})",
                v.issues
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
        Err(e) => Err(BundleError::Exists {
            path: path.to_path_buf(),
            reason: format!("is not a bundle ({e})"),
        }),
    }
}

/// Removes what an interrupted earlier run left: `.<name>.tmp-*`, `.<name>.zip-*.tmp`, `.<name>.old`.
fn remove_leftovers(out_dir: &Path, name: &str) -> Result<(), BundleError> {
    let tmp = format!(".{name}.tmp-");
    let zip = format!(".{name}.zip-");
    let old = format!(".{name}.old");
    for entry in fs::read_dir(out_dir).map_err(io(out_dir))? {
        let entry = entry.map_err(io(out_dir))?;
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        if file_name.starts_with(&tmp)
            || (file_name.starts_with(&zip) && file_name.ends_with(".tmp"))
            || file_name == old
        {
            remove_any(&entry.path())?;
        }
    }
    Ok(())
}

fn remove_any(path: &Path) -> Result<(), BundleError> {
    let result = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    };
    result.map_err(io(path))
}

fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), BundleError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(path)
        .map_err(io(path))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(io(path))
}

fn sync_dir(dir: &Path) -> Result<(), BundleError> {
    File::open(dir).and_then(|d| d.sync_all()).map_err(io(dir))
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> BundleError + '_ {
    move |source| BundleError::Io {
        path: path.to_path_buf(),
        source,
    }
}
