//! Attached files: a firmaattest (PDF), a logo (PNG or SVG of an exact size), a BankID `.bid` key
//! file (a PKCS#12 container). Each file is checked for what it is, by its content and its name:
//! an answers file could otherwise attach any file (a private SSH key) and have it mailed.
//!
//! A check reads the file. The command line reads files while it validates ([`Files::Read`]); the
//! wizards keep validation free of I/O: they read each attached file as an effect
//! ([`check_file`], off the reducer), hand the result to the session, and validation uses it
//! ([`Files::Checked`]), keyed by path, rules and day.
//!
//! Only the bytes a check needs are read: the size comes from the metadata, the type from the
//! first bytes, and the document date from at most the first and last megabyte of a PDF. A wrong
//! 2 GB file is refused without being read.

use std::fs::{self, File, Metadata};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::{Around, Input, Kind, Shape, trimmed};
use crate::form::spec::{FileRules, FileType};
use crate::t;
use crate::text::{Lang, Text};
use crate::validate::Finding;

const MB: u64 = 1024 * 1024;
const KB: u64 = 1024;
/// Enough for every signature below and a PNG's IHDR chunk.
const SNIFF_LEN: u64 = 64;
/// How much of the start and of the end of a PDF is searched for `/CreationDate`: the document
/// information dictionary is near the start (linearized files) or the end (the trailer's `/Info`,
/// incremental updates).
const DATE_SCAN: u64 = MB;

const PDF_MAGIC: &[u8] = b"%PDF-";
const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Where a document's date came from, so the warning can say which date it used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateSource {
    PdfCreationDate,
    FileModified,
}

/// How validation learns about attached files.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Files {
    /// Read each file while validating.
    #[default]
    Read,
    /// Use the checks made before; a file not checked yet has nothing reported.
    Checked(FileChecks),
}

/// The checks of attached files made so far, by path.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileChecks {
    by_path: std::collections::BTreeMap<String, FileCheck>,
}

/// What reading one file against its rules found, and as of which day.
#[derive(Clone, Debug, PartialEq)]
pub struct FileCheck {
    rules: FileRules,
    today: Date,
    findings: Vec<Finding>,
}

impl FileChecks {
    /// The findings for `path` when it was checked against these rules on this day.
    pub fn findings(&self, path: &str, rules: &FileRules, today: Date) -> Option<&[Finding]> {
        self.by_path
            .get(path)
            .filter(|check| &check.rules == rules && check.today == today)
            .map(|check| check.findings.as_slice())
    }

    pub fn insert(&mut self, path: String, check: FileCheck) {
        self.by_path.insert(path, check);
    }

    pub fn forget(&mut self, path: &str) {
        self.by_path.remove(path);
    }
}

/// Reads the file at `path` and checks it against `rules` (the effect the wizards run).
pub fn check_file(path: &str, rules: &FileRules, today: Date) -> FileCheck {
    FileCheck {
        rules: rules.clone(),
        today,
        findings: validate(Path::new(path), rules, today),
    }
}

/// An absolute path from what was typed (what a wizard stores for a file answer, so the answer
/// means the same file from any folder): quotes a terminal adds around a dropped file are removed,
/// `~/` is the home folder, and a relative path is taken from `cwd`.
pub fn typed_path(typed: &str, cwd: &Path) -> String {
    let typed = typed.trim();
    if typed.is_empty() {
        return String::new();
    }
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|q| typed.strip_prefix(*q).and_then(|t| t.strip_suffix(*q)))
        .unwrap_or(typed);
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    let path = match (unquoted.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(unquoted),
    };
    let absolute = if path.is_relative() {
        cwd.join(path)
    } else {
        path
    };
    absolute.display().to_string()
}

/// Checks the file at `path` against `rules`; `today` is passed in so the age check is testable.
pub fn validate(path: &Path, rules: &FileRules, today: Date) -> Vec<Finding> {
    let shown = full_path(path).display().to_string();
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => return vec![io_problem(&shown, &err)],
    };
    if let Some(finding) = kind_problem(&shown, &meta, rules) {
        return vec![finding];
    }
    let size = meta.len();
    // The date scan needs the first megabyte; an SVG's size is in its markup and a `.bid` file's
    // structure spans it, so those are read whole (within `max_bytes`); the other types need only
    // the first bytes.
    let limit = if rules.warn_older_than_days.is_some() {
        DATE_SCAN
    } else if rules.accept.contains(&FileType::Svg) || rules.accept.contains(&FileType::Bid) {
        rules.max_bytes.max(SNIFF_LEN)
    } else {
        SNIFF_LEN
    };
    // Opened as every reader opens: a FIFO or device swapped in since the check above is refused
    // rather than waited on.
    let opened = crate::bounded_read::open(path).and_then(|mut file| {
        let head = read_at(&mut file, 0, limit)?;
        Ok((file, head))
    });
    let (mut file, head) = match opened {
        Ok(opened) => opened,
        Err(err) => return vec![io_problem(&shown, &err)],
    };
    if let Some(finding) = content_problem(&shown, path, &head, rules) {
        return vec![finding];
    }
    let Some(max_days) = rules.warn_older_than_days else {
        return Vec::new();
    };
    dated(&mut file, size, &head, &meta)
        .and_then(|(date, source)| age_warning(date, source, today, max_days))
        .into_iter()
        .collect()
}

/// The document's own date: the PDF's `/CreationDate` when the file is a PDF that has one (in its
/// first or last megabyte), else the file's modification time (local date). `None` when the file
/// cannot be read.
pub fn document_date(path: &Path) -> Option<Date> {
    let mut file = crate::bounded_read::open(path).ok()?;
    let meta = file.metadata().ok()?;
    let head = read_at(&mut file, 0, DATE_SCAN).ok()?;
    dated(&mut file, meta.len(), &head, &meta).map(|(date, _)| date)
}

/// The path as an absolute path, so "not found" says exactly where we looked.
fn full_path(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Up to `limit` bytes from `offset`.
fn read_at(file: &mut File, offset: u64, limit: u64) -> io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(offset))?;
    let mut buf = Vec::new();
    file.by_ref().take(limit).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Folder, special file, empty, too large: everything the metadata alone can tell.
fn kind_problem(shown: &str, meta: &Metadata, rules: &FileRules) -> Option<Finding> {
    if meta.is_dir() {
        return Some(Finding::error(t!(
            nb: "{shown} er en mappe, ikke en fil. Velg selve filen i mappen.",
            en: "{shown} is a folder, not a file. Choose the file inside it.",
        )));
    }
    if !meta.is_file() {
        return Some(Finding::error(t!(
            nb: "{shown} er ikke en vanlig fil (men f.eks. en enhet eller en pipe). Velg en vanlig fil.",
            en: "{shown} is not a regular file (but e.g. a device or a pipe). Choose an ordinary file.",
        )));
    }
    let size = meta.len();
    if size == 0 {
        return Some(Finding::error(t!(
            nb: "{shown} er tom (0 byte). Velg riktig fil, eller lagre eller last ned dokumentet på nytt.",
            en: "{shown} is empty (0 bytes). Choose the right file, or save or download the document again.",
        )));
    }
    if size > rules.max_bytes {
        let (size_nb, size_en) = (human_size(size, ','), human_size(size, '.'));
        let (max_nb, max_en) = (
            human_size(rules.max_bytes, ','),
            human_size(rules.max_bytes, '.'),
        );
        return Some(Finding::error(t!(
            nb: "{shown} er {size_nb}; grensen er {max_nb}. Lagre en mindre utgave (f.eks. PDF med lavere bildeoppløsning) og velg den.",
            en: "{shown} is {size_en}; the limit is {max_en}. Save a smaller version (e.g. a PDF with lower image resolution) and choose that.",
        )));
    }
    None
}

fn io_problem(shown: &str, err: &io::Error) -> Finding {
    match err.kind() {
        io::ErrorKind::NotFound => Finding::error(t!(
            nb: "Fant ingen fil på {shown}. Sjekk mappen og filnavnet.",
            en: "No file found at {shown}. Check the folder and the file name.",
        )),
        io::ErrorKind::PermissionDenied => Finding::error(t!(
            nb: "Du har ikke tilgang til å lese {shown}. Gi deg selv lesetilgang (f.eks. chmod u+r) eller kopier filen til en mappe du eier.",
            en: "You do not have permission to read {shown}. Give yourself read access (e.g. chmod u+r) or copy the file to a folder you own.",
        )),
        _ => Finding::error(t!(
            nb: "Kunne ikke lese {shown} ({err}). Sjekk filen, eller lagre den på nytt.",
            en: "Could not read {shown} ({err}). Check the file, or save it again.",
        )),
    }
}

/// The type checks on the first bytes (the whole file for an SVG or a `.bid` file): the file
/// must be one of the accepted types, named as what it is, and an image of the required size.
fn content_problem(shown: &str, path: &Path, head: &[u8], rules: &FileRules) -> Option<Finding> {
    let accepts = |t: FileType| rules.accept.contains(&t);
    if accepts(FileType::Any) {
        return None;
    }
    if accepts(FileType::Bid) {
        return bid_problem(shown, path, head);
    }
    if accepts(FileType::Png) && head.starts_with(PNG_MAGIC) {
        return misnamed(shown, path, FileType::Png)
            .or_else(|| png_problem(shown, head, rules.image_size));
    }
    if accepts(FileType::Pdf) && head.starts_with(PDF_MAGIC) {
        return misnamed(shown, path, FileType::Pdf);
    }
    if accepts(FileType::Svg) && looks_like_markup(head) {
        return misnamed(shown, path, FileType::Svg)
            .or_else(|| svg_problem(shown, head, rules.image_size));
    }
    let (nb, en) = sniffed(head);
    Some(match rules.accept.as_slice() {
        [FileType::Pdf] => Finding::error(t!(
            nb: "{shown} ser ikke ut som en PDF{nb}. Et innskannet bilde må lagres som PDF først (f.eks. «Skriv ut» → «Lagre som PDF»).",
            en: "{shown} does not look like a PDF{en}. A scanned image must be saved as PDF first (e.g. Print → Save as PDF).",
        )),
        [FileType::Png] => Finding::error(t!(
            nb: "{shown} ser ikke ut som et PNG-bilde{nb}. Eksporter bildet som PNG i et bildeprogram.",
            en: "{shown} does not look like a PNG image{en}. Export the image as PNG from an image editor.",
        )),
        accepted => {
            let names = accepted
                .iter()
                .map(|t| t.name().to_uppercase())
                .collect::<Vec<_>>();
            let (list_nb, list_en) = (names.join(" eller "), names.join(" or "));
            Finding::error(t!(
                nb: "{shown} ser ikke ut som {list_nb}{nb}. Eksporter filen som {list_nb}.",
                en: "{shown} does not look like {list_en}{en}. Export the file as {list_en}.",
            ))
        }
    })
}

/// The type a file's name states by its extension, when it is one of the types a form takes.
fn named_type(path: &Path) -> Option<FileType> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "pdf" => Some(FileType::Pdf),
        "png" => Some(FileType::Png),
        "svg" => Some(FileType::Svg),
        "bid" => Some(FileType::Bid),
        _ => None,
    }
}

/// A file whose name states another type than its content is (`logo.png` that is an SVG): the
/// provider goes by the name, so the file must be what it says.
fn misnamed(shown: &str, path: &Path, content: FileType) -> Option<Finding> {
    let named = named_type(path).filter(|named| *named != content)?;
    let (named, content) = (named.name(), content.name().to_uppercase());
    Some(Finding::error(t!(
        nb: "{shown} heter .{named}, men er en {content}-fil. Gi filen riktig endelse (.{named} skal være det den sier), eller velg riktig fil.",
        en: "{shown} is named .{named} but is a {content} file. Give the file its right ending (a .{named} must be what it says), or choose the right file.",
    )))
}

/// A BankID `.bid` file: named `.bid`, and a PKCS#12 container inside ([`is_pkcs12`]). Anything
/// else (a private key, a document) must never go out as one.
fn bid_problem(shown: &str, path: &Path, bytes: &[u8]) -> Option<Finding> {
    if named_type(path) != Some(FileType::Bid) {
        return Some(Finding::error(t!(
            nb: "{shown} er ikke en .bid-fil (navnet slutter ikke på .bid). Velg .bid-filen RA-selvbetjeningen ga da sertifikatet ble aktivert.",
            en: "{shown} is not a .bid file (its name does not end in .bid). Choose the .bid file the RA self-service gave when the certificate was activated.",
        )));
    }
    if is_pkcs12(bytes) {
        return None;
    }
    let (nb, en) = sniffed(bytes);
    Some(Finding::error(t!(
        nb: "{shown} er ikke en BankID .bid-fil: innholdet er ikke en PKCS#12-beholder{nb}. Velg .bid-filen RA-selvbetjeningen ga da sertifikatet ble aktivert.",
        en: "{shown} is not a BankID .bid file: its content is not a PKCS#12 container{en}. Choose the .bid file the RA self-service gave when the certificate was activated.",
    )))
}

/// PKCS#7 `data` and `signedData`: the two types an authenticated safe has (RFC 7292 §4).
const PKCS7_DATA: &[u64] = &[1, 2, 840, 113549, 1, 7, 1];
const PKCS7_SIGNED_DATA: &[u64] = &[1, 2, 840, 113549, 1, 7, 2];

/// Whether `bytes` are a PKCS#12 container (RFC 7292 §4), the whole file and nothing after it:
/// `PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, macData MacData OPTIONAL }`,
/// the authenticated safe of type `data` holding a `SEQUENCE OF ContentInfo` (or of type
/// `signedData`). Only the structure is read: the contents are encrypted with the password.
pub fn is_pkcs12(bytes: &[u8]) -> bool {
    let parsed = yasna::parse_ber(bytes, |r| {
        r.read_sequence(|r| {
            let version = r.next().read_u8()?;
            let safe = r.next().read_sequence(|r| {
                let content_type = r.next().read_oid()?;
                let content = r
                    .next()
                    .read_tagged(yasna::Tag::context(0), |r| r.read_der())?;
                Ok((content_type, content))
            })?;
            r.read_optional(|r| r.read_der())?;
            Ok((version, safe))
        })
    });
    let Ok((3, (content_type, content))) = parsed else {
        return false;
    };
    match content_type.components().as_slice() {
        PKCS7_DATA => authenticated_safe(&content),
        PKCS7_SIGNED_DATA => true,
        _ => false,
    }
}

/// The content of a `data` authenticated safe: an OCTET STRING holding a `SEQUENCE OF
/// ContentInfo`, each an object identifier and its content.
fn authenticated_safe(content: &[u8]) -> bool {
    let Ok(inner) = yasna::parse_ber(content, |r| r.read_bytes()) else {
        return false;
    };
    yasna::parse_ber(&inner, |r| {
        r.read_sequence_of(|r| {
            r.read_sequence(|r| {
                r.next().read_oid()?;
                r.read_optional(|r| r.read_der())?;
                Ok(())
            })
        })
    })
    .is_ok()
}

/// Text that starts with markup (after a byte-order mark and blanks): what an SVG file is.
fn looks_like_markup(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    text.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'<')
}

/// Parses the SVG and checks its root's size against the required one.
fn svg_problem(shown: &str, bytes: &[u8], required: Option<(u32, u32)>) -> Option<Finding> {
    let size = match svg_size(bytes) {
        Ok(size) => size,
        Err(SvgProblem::Malformed {
            line,
            column,
            detail,
        }) => {
            return Some(Finding::error(t!(
                nb: "{shown} er ikke et gyldig SVG-bilde: XML-feil på linje {line}, kolonne {column} ({detail}). Eksporter bildet som SVG på nytt.",
                en: "{shown} is not a valid SVG image: an XML error at line {line}, column {column} ({detail}). Export the image as SVG again.",
            )));
        }
        Err(SvgProblem::NotSvg(root)) => {
            let root = root.chars().take(40).collect::<String>();
            return Some(Finding::error(t!(
                nb: "{shown} er XML, men ikke et SVG-bilde (rotelementet er <{root}>, ikke <svg>). Eksporter bildet som SVG.",
                en: "{shown} is XML but not an SVG image (its root element is <{root}>, not <svg>). Export the image as SVG.",
            )));
        }
    };
    let (want_w, want_h) = required?;
    let Some((width, height)) = size else {
        return Some(Finding::error(t!(
            nb: "{shown} sier ikke hvor stort bildet er. Gi <svg> width=\"{want_w}\" height=\"{want_h}\" (piksler) eller viewBox=\"0 0 {want_w} {want_h}\".",
            en: "{shown} does not say how large the image is. Give the <svg> width=\"{want_w}\" height=\"{want_h}\" (pixels) or viewBox=\"0 0 {want_w} {want_h}\".",
        )));
    };
    if width == f64::from(want_w) && height == f64::from(want_h) {
        return None;
    }
    Some(Finding::error(t!(
        nb: "Bildet er {width}×{height} piksler, men må være nøyaktig {want_w}×{want_h}. Sett størrelsen på <svg> til {want_w}×{want_h} (width, height eller viewBox) og lagre igjen.",
        en: "The image is {width}×{height} pixels, but it must be exactly {want_w}×{want_h}. Set the size of the <svg> to {want_w}×{want_h} (width, height or viewBox) and save it again.",
    )))
}

/// Why an SVG's size could not be read.
#[derive(Debug, PartialEq)]
enum SvgProblem {
    /// Not well-formed XML, with the parser's position (1-based) and words.
    Malformed {
        line: u64,
        column: u64,
        detail: String,
    },
    /// Well-formed, but the root element is not `<svg>`.
    NotSvg(String),
}

/// The size of an SVG in pixels: the root's `width` and `height` when both are pixels (`px` or
/// no unit), else its `viewBox`; `None` when it states neither. The whole document is parsed, so a
/// file broken after its root tag is refused too.
fn svg_size(bytes: &[u8]) -> Result<Option<(f64, f64)>, SvgProblem> {
    use xml::reader::XmlEvent;
    let mut reader = xml::EventReader::new(bytes);
    let mut size = None;
    let mut root_seen = false;
    loop {
        let event = reader.next().map_err(|err| {
            let position = xml::common::Position::position(&err);
            let full = err.to_string();
            // The message starts with the position, which the finding gives in its own words.
            let detail = full
                .split_once(' ')
                .map_or(full.as_str(), |(_, rest)| rest)
                .to_string();
            SvgProblem::Malformed {
                line: position.row + 1,
                column: position.column + 1,
                detail,
            }
        })?;
        match event {
            XmlEvent::StartElement {
                name, attributes, ..
            } if !root_seen => {
                root_seen = true;
                if name.local_name != "svg" {
                    return Err(SvgProblem::NotSvg(name.local_name));
                }
                let attribute = |key: &str| {
                    attributes
                        .iter()
                        .find(|a| a.name.local_name == key && a.name.namespace.is_none())
                        .map(|a| a.value.as_str())
                };
                size = match (
                    attribute("width").and_then(pixels),
                    attribute("height").and_then(pixels),
                ) {
                    (Some(w), Some(h)) => Some((w, h)),
                    _ => attribute("viewBox").and_then(view_box_size),
                };
            }
            XmlEvent::EndDocument => return Ok(size),
            _ => {}
        }
    }
}

/// `300`, `300px`, `300.0`: a length in pixels; other units (`%`, `mm`, `em`) say nothing about
/// pixels.
fn pixels(value: &str) -> Option<f64> {
    let value = value.trim();
    let number = value.strip_suffix("px").unwrap_or(value).trim();
    number
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n > 0.0)
}

/// The width and height of `viewBox="min-x min-y width height"` (blanks and/or commas between).
fn view_box_size(value: &str) -> Option<(f64, f64)> {
    let numbers: Vec<f64> = value
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|part| !part.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers.as_slice() {
        [_, _, w, h] if w.is_finite() && h.is_finite() && *w > 0.0 && *h > 0.0 => Some((*w, *h)),
        _ => None,
    }
}

/// Checks the IHDR chunk (always first in a PNG) against the required size.
fn png_problem(shown: &str, head: &[u8], required: Option<(u32, u32)>) -> Option<Finding> {
    let Some((width, height)) = png_size(head) else {
        return Some(Finding::error(t!(
            nb: "{shown} er et skadet PNG-bilde (hodet mangler). Eksporter bildet på nytt.",
            en: "{shown} is a damaged PNG image (its header is missing). Export the image again.",
        )));
    };
    let (want_w, want_h) = required?;
    if (width, height) == (want_w, want_h) {
        return None;
    }
    Some(Finding::error(t!(
        nb: "Bildet er {width}×{height} piksler, men må være nøyaktig {want_w}×{want_h}. Skaler det til {want_w}×{want_h} piksler og eksporter som PNG igjen.",
        en: "The image is {width}×{height} pixels, but it must be exactly {want_w}×{want_h}. Scale it to {want_w}×{want_h} pixels and export it as PNG again.",
    )))
}

/// Width and height from the IHDR chunk: signature (8), length (4), `IHDR` (4), then two
/// big-endian u32s.
fn png_size(head: &[u8]) -> Option<(u32, u32)> {
    if head.get(12..16)? != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(head.get(16..20)?.try_into().ok()?);
    let height = u32::from_be_bytes(head.get(20..24)?.try_into().ok()?);
    Some((width, height))
}

/// What the file seems to be instead, as a parenthesis for the messages ("" when unknown).
fn sniffed(head: &[u8]) -> (&'static str, &'static str) {
    let at = |offset: usize, magic: &[u8]| head.get(offset..).is_some_and(|h| h.starts_with(magic));
    if at(0, b"\xff\xd8\xff") {
        (" (det er et JPEG-bilde)", " (it is a JPEG image)")
    } else if at(0, PNG_MAGIC) {
        (" (det er et PNG-bilde)", " (it is a PNG image)")
    } else if at(0, PDF_MAGIC) {
        (" (det er en PDF)", " (it is a PDF)")
    } else if at(0, b"GIF8") {
        (" (det er et GIF-bilde)", " (it is a GIF image)")
    } else if at(0, b"II*\0") || at(0, b"MM\0*") {
        (" (det er et TIFF-bilde)", " (it is a TIFF image)")
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        (" (det er et WebP-bilde)", " (it is a WebP image)")
    } else if at(4, b"ftypheic") || at(4, b"ftypmif1") || at(4, b"ftypheix") {
        (" (det er et HEIC-bilde)", " (it is a HEIC image)")
    } else if at(0, b"PK\x03\x04") {
        (
            " (det er en ZIP-fil, f.eks. et Word-dokument)",
            " (it is a ZIP file, e.g. a Word document)",
        )
    } else {
        ("", "")
    }
}

/// The document's date and where it came from; `head` is the start of the file already read.
fn dated(file: &mut File, size: u64, head: &[u8], meta: &Metadata) -> Option<(Date, DateSource)> {
    pdf_date(file, size, head)
        .map(|date| (date, DateSource::PdfCreationDate))
        .or_else(|| modified_date(meta).map(|date| (date, DateSource::FileModified)))
}

/// `/CreationDate` from the head, else from the last megabyte (beyond what the head covered).
fn pdf_date(file: &mut File, size: u64, head: &[u8]) -> Option<Date> {
    if !head.starts_with(PDF_MAGIC) {
        return None;
    }
    if let Some(date) = pdf_creation_date(head) {
        return Some(date);
    }
    let covered = head.len() as u64;
    if size <= covered {
        return None;
    }
    let start = size.saturating_sub(DATE_SCAN).max(covered);
    let tail = read_at(file, start, DATE_SCAN).ok()?;
    pdf_creation_date(&tail)
}

/// The first parsable `/CreationDate (D:YYYYMMDD…)` in `bytes`.
fn pdf_creation_date(bytes: &[u8]) -> Option<Date> {
    const KEY: &[u8] = b"/CreationDate";
    let mut rest = bytes;
    while let Some(pos) = rest.windows(KEY.len()).position(|w| w == KEY) {
        rest = rest.get(pos + KEY.len()..)?;
        if let Some(date) = parse_pdf_date(rest) {
            return Some(date);
        }
    }
    None
}

/// Parses the string after the key: optional whitespace, `(`, optional `D:`, then `YYYY[MM[DD]]`
/// (PDF 32000 §7.9.4: month and day default to 01). A UTF-16BE string (BOM `FE FF`) is read by
/// its low bytes, which is enough for the ASCII digits of a date.
fn parse_pdf_date(after_key: &[u8]) -> Option<Date> {
    let start = after_key.iter().position(|b| !b.is_ascii_whitespace())?;
    let string = after_key.get(start..)?.strip_prefix(b"(")?;
    let ascii: Vec<u8> = match string.strip_prefix(b"\xfe\xff") {
        Some(utf16) => utf16.iter().skip(1).step_by(2).copied().take(16).collect(),
        None => string.iter().copied().take(16).collect(),
    };
    let digits = ascii.strip_prefix(b"D:").unwrap_or(&ascii);
    let number = |range: std::ops::Range<usize>| -> Option<i16> {
        let part = digits.get(range)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let year = number(0..4)?;
    let month = number(4..6).unwrap_or(1);
    let day = number(6..8).unwrap_or(1);
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The modification time as a date in the local time zone.
fn modified_date(meta: &Metadata) -> Option<Date> {
    let modified = meta.modified().ok()?;
    let timestamp = jiff::Timestamp::try_from(modified).ok()?;
    Some(timestamp.to_zoned(TimeZone::system()).date())
}

fn age_warning(date: Date, source: DateSource, today: Date, max_days: u32) -> Option<Finding> {
    let age = today.since(date).ok()?.get_days();
    if i64::from(age) <= i64::from(max_days) {
        return None;
    }
    let (source_nb, source_en) = match source {
        DateSource::PdfCreationDate => ("opprettelsesdatoen i PDF-en", "the PDF's creation date"),
        DateSource::FileModified => ("filens endringstid", "the file's modification time"),
    };
    Some(Finding::warning(t!(
        nb: "Dokumentet er fra {date} ({source_nb}), {age} dager gammelt. En firmaattest skal normalt ikke være eldre enn 3 måneder (hvitvaskingsforskriften § 4-4). Bestill en ny fra Brønnøysundregistrene (brreg.no).",
        en: "The document is from {date} ({source_en}), {age} days old. A firmaattest is expected to be no older than 3 months (hvitvaskingsforskriften § 4-4). Order a fresh one from Brønnøysundregistrene (brreg.no).",
    )))
}

/// `11 MB`, `10.5 MB`, `9.8 kB`: whole numbers without decimals, else one decimal rounded up
/// (so a file just over a limit never shows as equal to it). `decimal` is `,` for Norwegian.
fn human_size(bytes: u64, decimal: char) -> String {
    let (unit, name) = if bytes >= MB {
        (MB, "MB")
    } else if bytes >= KB {
        (KB, "kB")
    } else {
        return format!("{bytes} byte");
    };
    if bytes.is_multiple_of(unit) {
        return format!("{} {name}", bytes / unit);
    }
    let tenths = (u128::from(bytes) * 10).div_ceil(u128::from(unit));
    format!("{}{decimal}{} {name}", tenths / 10, tenths % 10)
}

/// `file`: a path to a file of the accepted type, checked on disk.
pub struct Attachment<'a> {
    pub rules: &'a FileRules,
}

impl<'a> Kind<'a> for Attachment<'a> {
    fn input(&self) -> Input<'a> {
        Input::Path
    }

    fn shape(&self) -> Shape<'a> {
        Shape::File
    }

    fn normalize(&self, input: &str) -> String {
        trimmed(input)
    }

    fn check(&self, value: &str, around: &Around) -> Vec<Finding> {
        let path = value.trim();
        match around.files {
            Files::Read => validate(Path::new(path), self.rules, around.today),
            // Not read yet: nothing to say until the front end's check comes back.
            Files::Checked(checks) => checks
                .findings(path, self.rules, around.today)
                .map(<[Finding]>::to_vec)
                .unwrap_or_default(),
        }
    }

    fn hint(&self) -> Option<Text> {
        let names = |lang: Lang| {
            let words = self
                .rules
                .accept
                .iter()
                .map(|t| match (t, lang) {
                    (FileType::Pdf, _) => "PDF",
                    (FileType::Png, _) => "PNG",
                    (FileType::Svg, _) => "SVG",
                    (FileType::Bid, Lang::Nb) => ".bid-fil",
                    (FileType::Bid, Lang::En) => ".bid file",
                    (FileType::Any, Lang::Nb) => "fil",
                    (FileType::Any, Lang::En) => "file",
                })
                .collect::<Vec<_>>();
            match lang {
                Lang::Nb => words.join(" eller "),
                Lang::En => words.join(" or "),
            }
        };
        let (nb, en) = (names(Lang::Nb), names(Lang::En));
        let (size_nb, size_en) = (
            human_size(self.rules.max_bytes, ','),
            human_size(self.rules.max_bytes, '.'),
        );
        Some(t!(nb: "sti til {nb}, høyst {size_nb}", en: "path to a {en}, at most {size_en}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Severity;
    use std::io::Write;

    const TODAY: Date = jiff::civil::date(2026, 11, 21);
    const TEN_MB: u64 = 10 * 1024 * 1024;

    fn rules(accept: FileType) -> FileRules {
        FileRules {
            accept: vec![accept],
            max_bytes: TEN_MB,
            warn_older_than_days: None,
            image_size: None,
        }
    }

    fn certificate() -> FileRules {
        FileRules {
            warn_older_than_days: Some(90),
            ..rules(FileType::Pdf)
        }
    }

    fn logo(width: u32, height: u32) -> FileRules {
        FileRules {
            image_size: Some((width, height)),
            max_bytes: 10 * 1024,
            ..rules(FileType::Png)
        }
    }

    fn file_with(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        let mut file = File::create(&path).expect("create test file");
        file.write_all(bytes).expect("write test file");
        path
    }

    fn pdf(creation: &str) -> Vec<u8> {
        format!(
            "%PDF-1.7\n1 0 obj\n<< /Producer (test) /CreationDate ({creation}) >>\nendobj\n\
             trailer\n<< /Info 1 0 R >>\n%%EOF\n"
        )
        .into_bytes()
    }

    /// A PNG signature and IHDR chunk (CRC not checked by us, so zero).
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = PNG_MAGIC.to_vec();
        bytes.extend(13u32.to_be_bytes());
        bytes.extend(b"IHDR");
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 6, 0, 0, 0]);
        bytes.extend([0; 4]);
        bytes
    }

    fn only(found: &[Finding]) -> &Finding {
        assert_eq!(found.len(), 1, "{found:?}");
        &found[0]
    }

    #[test]
    fn old_certificate_gives_a_warning_naming_the_date_used() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = file_with(&dir, "firmaattest.pdf", &pdf("D:20260101120000Z"));
        let found = validate(&path, &certificate(), TODAY);
        let warning = only(&found);
        assert_eq!(warning.severity, Severity::Warning);
        assert!(warning.message.en.contains("2026-01-01"));
        assert!(warning.message.en.contains("creation date"));
        assert!(warning.message.en.contains("3 months"));
        assert!(warning.message.en.contains("§ 4-4"));
        assert!(warning.message.en.contains("Brønnøysundregistrene"));
        assert_eq!(document_date(&path), Some(jiff::civil::date(2026, 1, 1)));
    }

    #[test]
    fn recent_certificate_passes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = file_with(&dir, "firmaattest.pdf", &pdf("D:20261101093000+01'00'"));
        assert!(validate(&path, &certificate(), TODAY).is_empty());
        // No age rule: no date is looked at.
        let old = file_with(&dir, "old.pdf", &pdf("D:20200101"));
        assert!(validate(&old, &rules(FileType::Pdf), TODAY).is_empty());
    }

    #[test]
    fn a_fifo_in_a_files_place_is_refused_not_waited_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("firmaattest.pdf");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        assert!(made.expect("mkfifo").success());
        // Nothing writes to it: opening it the ordinary way would wait for ever.
        assert_eq!(document_date(&path), None);
        assert_eq!(
            only(&validate(&path, &certificate(), TODAY)).severity,
            Severity::Error
        );
    }

    #[test]
    fn creation_date_in_the_trailer_of_a_large_pdf_is_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut bytes = b"%PDF-1.4\n".to_vec();
        bytes.resize(3 * MB as usize, b' ');
        bytes.extend(b"<< /CreationDate (D:20250315) >>\n%%EOF\n");
        let path = file_with(&dir, "big.pdf", &bytes);
        assert_eq!(document_date(&path), Some(jiff::civil::date(2025, 3, 15)));
    }

    #[test]
    fn pdf_date_forms() {
        let parse = |s: &[u8]| pdf_creation_date(s);
        assert_eq!(
            parse(b"/CreationDate(D:2026)"),
            Some(jiff::civil::date(2026, 1, 1))
        );
        assert_eq!(
            parse(b"/CreationDate (20260203)"),
            Some(jiff::civil::date(2026, 2, 3))
        );
        assert_eq!(
            parse(b"/CreationDate (\xfe\xff\0D\0:\x002\x000\x002\x006\x000\x004\x001\x005)"),
            Some(jiff::civil::date(2026, 4, 15))
        );
        assert_eq!(parse(b"/CreationDate (D:20261399)"), None);
        assert_eq!(parse(b"/CreationDate <FEFF>"), None);
        // A broken first entry does not hide a good one later.
        assert_eq!(
            parse(b"/CreationDate (junk) /CreationDate (D:20240102)"),
            Some(jiff::civil::date(2024, 1, 2))
        );
    }

    #[test]
    fn modification_time_is_used_without_a_pdf_date() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = file_with(&dir, "scan.pdf", b"%PDF-1.4\n%%EOF\n");
        let old: jiff::Timestamp = "2026-01-01T12:00:00Z".parse().expect("timestamp");
        File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(old.into()))
            .expect("set mtime");
        let found = validate(&path, &certificate(), TODAY);
        let warning = only(&found);
        assert_eq!(warning.severity, Severity::Warning);
        assert!(
            warning.message.en.contains("modification time"),
            "{warning:?}"
        );
        assert!(warning.message.nb.contains("endringstid"));
    }

    #[test]
    fn png_of_the_right_size_passes_and_the_wrong_size_fails() {
        let dir = tempfile::tempdir().expect("temp dir");
        let good = file_with(&dir, "logo.png", &png(300, 60));
        assert!(validate(&good, &logo(300, 60), TODAY).is_empty());
        let wide = file_with(&dir, "wide.png", &png(301, 60));
        let found = validate(&wide, &logo(300, 60), TODAY);
        let error = only(&found);
        assert!(error.is_error());
        assert!(error.message.en.contains("301×60"), "{error:?}");
        assert!(error.message.en.contains("exactly 300×60"), "{error:?}");
        // Without a size rule any PNG passes.
        assert!(validate(&wide, &rules(FileType::Png), TODAY).is_empty());
    }

    fn png_or_svg_logo() -> FileRules {
        FileRules {
            accept: vec![FileType::Png, FileType::Svg],
            ..logo(300, 60)
        }
    }

    fn svg(root: &str) -> Vec<u8> {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{root}\n  <rect width=\"300\" height=\"60\" fill=\"#0a3d62\"/>\n</svg>\n"
        )
        .into_bytes()
    }

    #[test]
    fn an_svg_logo_is_sized_by_its_root_attributes_or_view_box() {
        let dir = tempfile::tempdir().expect("temp dir");
        let rules = png_or_svg_logo();
        for (name, root) in [
            (
                "plain.svg",
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60">"#,
            ),
            (
                "px.svg",
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="300px" height="60px">"#,
            ),
            (
                "box.svg",
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 60">"#,
            ),
            (
                "percent.svg",
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%" viewBox="0,0,300,60">"#,
            ),
        ] {
            let path = file_with(&dir, name, &svg(root));
            assert!(validate(&path, &rules, TODAY).is_empty(), "{name}");
        }
        // A PNG still passes where both are accepted.
        let png_file = file_with(&dir, "logo.png", &png(300, 60));
        assert!(validate(&png_file, &rules, TODAY).is_empty());
        let wrong = file_with(
            &dir,
            "wrong.svg",
            &svg(r#"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="60">"#),
        );
        let error = only(&validate(&wrong, &rules, TODAY)).clone();
        assert!(error.is_error());
        assert!(error.message.en.contains("320×60"), "{error:?}");
        assert!(error.message.en.contains("exactly 300×60"), "{error:?}");
        let no_size = file_with(
            &dir,
            "unsized.svg",
            &svg(r#"<svg xmlns="http://www.w3.org/2000/svg">"#),
        );
        let error = only(&validate(&no_size, &rules, TODAY)).clone();
        assert!(
            error.message.en.contains("does not say how large"),
            "{error:?}"
        );
    }

    #[test]
    fn a_malformed_or_foreign_svg_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let rules = png_or_svg_logo();
        let broken = file_with(
            &dir,
            "broken.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"60\">\n<rect width=\"300\">\n</svg>\n",
        );
        let error = only(&validate(&broken, &rules, TODAY)).clone();
        assert!(error.is_error());
        assert!(
            error.message.en.contains("not a valid SVG image"),
            "{error:?}"
        );
        assert!(error.message.en.contains("line 3"), "{error:?}");
        let html = file_with(&dir, "page.svg", b"<html><body/></html>");
        let error = only(&validate(&html, &rules, TODAY)).clone();
        assert!(
            error.message.en.contains("root element is <html>"),
            "{error:?}"
        );
        let pdf_file = file_with(&dir, "logo.pdf", &pdf("D:20260101"));
        let error = only(&validate(&pdf_file, &rules, TODAY)).clone();
        assert!(
            error
                .message
                .en
                .contains("does not look like PNG or SVG (it is a PDF)"),
            "{error:?}"
        );
        assert_eq!(
            Attachment { rules: &rules }.hint().expect("hint").en,
            "path to a PNG or SVG, at most 10 kB"
        );
    }

    #[test]
    fn wrong_types_are_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let jpeg = file_with(&dir, "scan.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0");
        let error = only(&validate(&jpeg, &rules(FileType::Pdf), TODAY)).clone();
        assert!(error.message.en.contains("does not look like a PDF"));
        assert!(error.message.en.contains("JPEG"));
        assert!(error.message.en.contains("saved as PDF"));
        let pdf_file = file_with(&dir, "logo.pdf", &pdf("D:20260101"));
        let error = only(&validate(&pdf_file, &logo(300, 60), TODAY)).clone();
        assert!(
            error
                .message
                .en
                .contains("does not look like a PNG image (it is a PDF)")
        );
        let truncated = file_with(&dir, "cut.png", &png(300, 60)[..18]);
        let error = only(&validate(&truncated, &logo(300, 60), TODAY)).clone();
        assert!(error.message.en.contains("damaged"));
        // "any" accepts any bytes; a key file is checked for what it is (below).
        assert!(validate(&jpeg, &rules(FileType::Any), TODAY).is_empty());
    }

    /// DER of a minimal PKCS#12 container: version 3, an authenticated safe of type data holding
    /// an empty SEQUENCE OF ContentInfo, and `mac` (an already encoded MacData) if given.
    fn pkcs12(mac: &[u8]) -> Vec<u8> {
        let data_oid = [
            0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01,
        ];
        let octets = [0x04, 0x02, 0x30, 0x00];
        let mut content = vec![0xa0, octets.len() as u8];
        content.extend(octets);
        let mut safe = vec![0x30, (data_oid.len() + content.len()) as u8];
        safe.extend(data_oid);
        safe.extend(content);
        let mut body = vec![0x02, 0x01, 0x03];
        body.extend(safe);
        body.extend(mac);
        let mut pfx = vec![0x30, body.len() as u8];
        pfx.extend(body);
        pfx
    }

    #[test]
    fn a_bid_file_must_be_named_bid_and_be_a_pkcs12_container() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bid = rules(FileType::Bid);
        let good = file_with(&dir, "merchant.bid", &pkcs12(&[]));
        assert!(validate(&good, &bid, TODAY).is_empty());
        let upper = file_with(&dir, "MERCHANT.BID", &pkcs12(&[0x30, 0x00]));
        assert!(validate(&upper, &bid, TODAY).is_empty());
        // A private SSH key under any name: refused, the name first.
        let key = b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n";
        let ssh = file_with(&dir, "id_ed25519", key);
        let error = only(&validate(&ssh, &bid, TODAY)).clone();
        assert!(error.is_error());
        assert!(
            error.message.en.contains("does not end in .bid"),
            "{error:?}"
        );
        assert!(error.message.en.contains("id_ed25519"), "{error:?}");
        let renamed = file_with(&dir, "id_ed25519.bid", key);
        let error = only(&validate(&renamed, &bid, TODAY)).clone();
        assert!(
            error.message.en.contains("not a PKCS#12 container"),
            "{error:?}"
        );
        assert!(
            error.message.nb.contains("ikke en PKCS#12-beholder"),
            "{error:?}"
        );
        // Near misses: another version, another content type, bytes after the container, a
        // truncated one, a bare DER sequence.
        let mut v2 = pkcs12(&[]);
        v2[4] = 0x02;
        let mut signed = pkcs12(&[]);
        signed[17] = 0x02;
        assert!(
            is_pkcs12(&signed),
            "signedData is a PKCS#12 authenticated safe too"
        );
        let mut other = pkcs12(&[]);
        other[17] = 0x03;
        let mut trailing = pkcs12(&[]);
        trailing.push(0);
        let whole = pkcs12(&[]);
        let truncated = &whole[..whole.len() - 1];
        for (name, bytes) in [
            ("v2.bid", v2.as_slice()),
            ("enveloped.bid", other.as_slice()),
            ("trailing.bid", trailing.as_slice()),
            ("cut.bid", truncated),
            ("empty-seq.bid", &[0x30, 0x00]),
            ("pdf.bid", &pdf("D:20260101")),
        ] {
            let path = file_with(&dir, name, bytes);
            let found = validate(&path, &bid, TODAY);
            assert_eq!(found.len(), 1, "{name}: {found:?}");
            assert!(found[0].is_error(), "{name}");
        }
    }

    #[test]
    fn a_file_must_be_the_type_its_name_states() {
        let dir = tempfile::tempdir().expect("temp dir");
        let svg_named_png = file_with(&dir, "logo.png", &svg(r#"<svg width="300" height="60">"#));
        let error = only(&validate(&svg_named_png, &png_or_svg_logo(), TODAY)).clone();
        assert!(error.is_error());
        assert!(
            error.message.en.contains("is named .png but is a SVG file"),
            "{error:?}"
        );
        let png_named_svg = file_with(&dir, "logo.svg", &png(300, 60));
        let error = only(&validate(&png_named_svg, &png_or_svg_logo(), TODAY)).clone();
        assert!(
            error.message.en.contains("is named .svg but is a PNG file"),
            "{error:?}"
        );
        let pdf_named_bid = file_with(&dir, "firmaattest.bid", &pdf("D:20261101"));
        let error = only(&validate(&pdf_named_bid, &certificate(), TODAY)).clone();
        assert!(
            error.message.en.contains("is named .bid but is a PDF"),
            "{error:?}"
        );
        // Names without a known type's ending say nothing either way.
        let bare = file_with(&dir, "firmaattest", &pdf("D:20261101"));
        assert!(validate(&bare, &certificate(), TODAY).is_empty());
        let odd = file_with(&dir, "firmaattest.PDF", &pdf("D:20261101"));
        assert!(validate(&odd, &certificate(), TODAY).is_empty());
    }

    #[test]
    fn missing_file_names_the_full_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("nowhere.pdf");
        let error = only(&validate(&path, &certificate(), TODAY)).clone();
        assert!(error.is_error());
        assert!(error.message.en.contains(&path.display().to_string()));
        assert!(error.message.en.starts_with("No file found"));
        assert_eq!(document_date(&path), None);
    }

    #[test]
    fn relative_missing_path_is_shown_in_full() {
        let error = only(&validate(
            Path::new("no-such-dir/x.pdf"),
            &certificate(),
            TODAY,
        ))
        .clone();
        let cwd = std::env::current_dir().expect("cwd");
        assert!(
            error.message.en.contains(&cwd.display().to_string()),
            "{error:?}"
        );
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let error = only(&validate(dir.path(), &certificate(), TODAY)).clone();
        assert!(error.message.en.contains("is a folder"));
    }

    #[test]
    fn empty_file_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = file_with(&dir, "empty.pdf", b"");
        let error = only(&validate(&path, &rules(FileType::Any), TODAY)).clone();
        assert!(error.message.en.contains("is empty"));
    }

    #[test]
    fn too_large_file_is_refused_with_sizes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("huge.pdf");
        // Sparse: the size comes from the metadata and the content is never read.
        File::create(&path)
            .and_then(|f| f.set_len(11 * MB))
            .expect("sparse file");
        let error = only(&validate(&path, &certificate(), TODAY)).clone();
        assert!(error.is_error());
        assert!(
            error.message.en.contains("is 11 MB; the limit is 10 MB"),
            "{error:?}"
        );
        assert!(
            error.message.nb.contains("11 MB; grensen er 10 MB"),
            "{error:?}"
        );
    }

    #[test]
    fn a_typed_path_is_made_absolute_and_unquoted() {
        let cwd = Path::new("/tmp/work");
        assert_eq!(typed_path("a.pdf", cwd), "/tmp/work/a.pdf");
        assert_eq!(typed_path("  sub/a.pdf ", cwd), "/tmp/work/sub/a.pdf");
        assert_eq!(typed_path("'/x/b c.pdf'", cwd), "/x/b c.pdf");
        assert_eq!(typed_path("\"/x/d.pdf\"", cwd), "/x/d.pdf");
        assert_eq!(typed_path(" ", cwd), "", "no path is no path");
    }

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_size(10 * MB, '.'), "10 MB");
        assert_eq!(human_size(10 * MB + 1, '.'), "10.1 MB");
        assert_eq!(human_size(10 * MB + MB / 2, ','), "10,5 MB");
        assert_eq!(human_size(10 * KB, '.'), "10 kB");
        assert_eq!(human_size(512, '.'), "512 byte");
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_file_is_an_error() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = file_with(&dir, "secret.pdf", &pdf("D:20261101"));
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod 000");
        // Root (and some CI sandboxes) read anything: the check cannot be exercised there.
        if fs::read(&path).is_ok() {
            eprintln!("skipped: permissions do not block reads for this user");
            return;
        }
        let error = only(&validate(&path, &certificate(), TODAY)).clone();
        assert!(error.message.en.contains("permission"), "{error:?}");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod back");
    }

    proptest::proptest! {
        #[test]
        fn byte_parsers_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let mut keyed = b"/CreationDate ".to_vec();
            keyed.extend(&bytes);
            let _ = pdf_creation_date(&keyed);
            let _ = pdf_creation_date(&bytes);
            let _ = png_size(&bytes);
            let _ = svg_size(&bytes);
            let _ = sniffed(&bytes);
        }
    }
}
