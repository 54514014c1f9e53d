//! Re-hashes a bundle (its folder or its zip) against its `SHA256SUMS` and names every file that was
//! modified, is missing or was not in the bundle.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use super::SHA256SUMS;
use crate::bounded_read::{self, Refused, SUMS_CAP};

/// The largest file a bundle holds: `message.eml` carries every attachment (each within its
/// question's cap) base64-encoded. A larger entry is not what was bundled and is never hashed.
pub const ENTRY_CAP: u64 = 256 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum IssueKind {
    /// Listed, present, but its bytes do not match (or it is not a plain file).
    Modified,
    /// Listed, not present.
    Missing,
    /// Present, not listed.
    Unexpected,
}

impl IssueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueKind::Modified => "modified",
            IssueKind::Missing => "missing",
            IssueKind::Unexpected => "unexpected",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub kind: IssueKind,
    /// The file's path inside the bundle, `/`-separated.
    pub path: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.path)
    }
}

/// The outcome of a verification: all good when `issues` is empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    /// Files listed in SHA256SUMS.
    pub listed: usize,
    /// Sorted by path.
    pub issues: Vec<Issue>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.issues.is_empty()
    }
}

/// The path is not a bundle at all (or cannot be read); nothing could be compared.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("{path}: no such file or folder")]
    NotFound { path: PathBuf },
    #[error("{path}: not a bundle: {}", .reason.en)]
    NotABundle {
        path: PathBuf,
        reason: crate::text::Text,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl VerifyError {
    /// What went wrong, in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: crate::text::Lang) -> String {
        use crate::text::Lang;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (VerifyError::NotFound { path }, Lang::Nb) => {
                format!("{}: finnes ikke (verken fil eller mappe)", path.display())
            }
            (VerifyError::NotABundle { path, reason }, Lang::Nb) => {
                format!("{}: ikke en pakke: {}", path.display(), reason.nb)
            }
            (VerifyError::Io { path, source }, Lang::Nb) => {
                format!(
                    "{}: {}",
                    path.display(),
                    crate::text::io_error(source, lang)
                )
            }
        }
    }
}

/// What a bundle holds: path -> SHA-256 of the bytes, or `None` for something that is not a plain
/// file or is larger than [`ENTRY_CAP`].
type Contents = BTreeMap<String, Option<String>>;

/// Verifies a bundle folder or zip.
pub fn verify(path: &Path) -> Result<Verification, VerifyError> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => VerifyError::NotFound {
            path: path.to_path_buf(),
        },
        _ => VerifyError::Io {
            path: path.to_path_buf(),
            source: e,
        },
    })?;
    let (sums, contents) = if meta.is_dir() {
        read_dir_bundle(path)?
    } else {
        read_zip_bundle(path)?
    };
    let listed = parse_sums(path, &sums)?;
    Ok(compare(&listed, &contents))
}

fn compare(listed: &BTreeMap<String, String>, contents: &Contents) -> Verification {
    let mut issues = Vec::new();
    for (name, expected) in listed {
        match contents.get(name) {
            None => issues.push(Issue {
                kind: IssueKind::Missing,
                path: name.clone(),
            }),
            Some(Some(actual)) if actual == expected => {}
            Some(_) => issues.push(Issue {
                kind: IssueKind::Modified,
                path: name.clone(),
            }),
        }
    }
    for name in contents.keys() {
        if name != SHA256SUMS && !listed.contains_key(name) {
            issues.push(Issue {
                kind: IssueKind::Unexpected,
                path: name.clone(),
            });
        }
    }
    issues.sort_by(|a, b| a.path.cmp(&b.path).then(a.kind.cmp(&b.kind)));
    Verification {
        listed: listed.len(),
        issues,
    }
}

/// `<64 hex>  <path>` (or `<hex> *<path>`) lines; the paths relative and inside the bundle.
fn parse_sums(bundle: &Path, text: &str) -> Result<BTreeMap<String, String>, VerifyError> {
    let bad = |line: usize, why: crate::text::Text| VerifyError::NotABundle {
        path: bundle.to_path_buf(),
        reason: crate::text::Text::new(
            format!("{SHA256SUMS} linje {line}: {}", why.nb),
            format!("{SHA256SUMS} line {line}: {}", why.en),
        ),
    };
    let not_a_line = || {
        crate::text::Text::new(
            "ikke en `<sha256>  <fil>`-linje",
            "not a `<sha256>  <file>` line",
        )
    };
    let mut listed = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let (hash, rest) = line
            .split_at_checked(64)
            .ok_or_else(|| bad(n, not_a_line()))?;
        if !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad(n, not_a_line()));
        }
        let name = rest
            .strip_prefix("  ")
            .or_else(|| rest.strip_prefix(" *"))
            .ok_or_else(|| bad(n, not_a_line()))?;
        if !is_inside(name) {
            return Err(bad(
                n,
                crate::t!(nb: "{name:?} er ikke en sti inne i pakken", en: "{name:?} is not a path inside the bundle"),
            ));
        }
        listed.insert(name.to_string(), hash.to_ascii_lowercase());
    }
    if listed.is_empty() {
        return Err(VerifyError::NotABundle {
            path: bundle.to_path_buf(),
            reason: crate::t!(nb: "{SHA256SUMS} lister ingen filer", en: "{SHA256SUMS} lists no files"),
        });
    }
    Ok(listed)
}

/// A relative path of normal components only.
fn is_inside(name: &str) -> bool {
    !name.is_empty()
        && Path::new(name)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

fn read_dir_bundle(dir: &Path) -> Result<(String, Contents), VerifyError> {
    let sums_path = dir.join(SHA256SUMS);
    let sums = match bounded_read::read_to_string(&sums_path, SUMS_CAP) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(VerifyError::NotABundle {
                path: dir.to_path_buf(),
                reason: crate::t!(nb: "den har ingen {SHA256SUMS}", en: "it has no {SHA256SUMS}"),
            });
        }
        Err(e) => {
            return Err(VerifyError::Io {
                path: sums_path,
                source: e,
            });
        }
    };
    let mut contents = Contents::new();
    walk(dir, "", &mut contents)?;
    Ok((sums, contents))
}

fn walk(dir: &Path, prefix: &str, contents: &mut Contents) -> Result<(), VerifyError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| VerifyError::Io {
            path: path.clone(),
            source,
        }
    };
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        let path = entry.path();
        let kind = entry.file_type().map_err(io(&path))?;
        if kind.is_dir() {
            walk(&path, &format!("{name}/"), contents)?;
        } else if kind.is_file() {
            contents.insert(name, file_hash(&path).map_err(io(&path))?);
        } else {
            // A link or special file is never what was bundled.
            contents.insert(name, None);
        }
    }
    Ok(())
}

/// The SHA-256 of a bundle folder's file, streamed; `None` when it is (by now) not a regular file or
/// is larger than [`ENTRY_CAP`].
fn file_hash(path: &Path) -> io::Result<Option<String>> {
    match bounded_read::open_capped(path, ENTRY_CAP) {
        Ok(file) => streamed_hash(file),
        Err(e) if bounded_read::refusal(&e).is_some() => Ok(None),
        Err(e) => Err(e),
    }
}

/// The SHA-256 of what `reader` gives, read in pieces; `None` once more than [`ENTRY_CAP`] came.
fn streamed_hash(reader: impl Read) -> io::Result<Option<String>> {
    let mut hasher = Hashing(Sha256::new());
    match bounded_read::copy_capped(reader, &mut hasher, ENTRY_CAP) {
        Ok(_) => Ok(Some(hex::encode(hasher.0.finalize()))),
        Err(e) if matches!(bounded_read::refusal(&e), Some(Refused::TooLarge { .. })) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A hash fed as a writer (sha2 0.11 implements no `io::Write`).
struct Hashing(Sha256);

impl io::Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn read_zip_bundle(path: &Path) -> Result<(String, Contents), VerifyError> {
    let not_bundle = |reason: crate::text::Text| VerifyError::NotABundle {
        path: path.to_path_buf(),
        reason,
    };
    let file = bounded_read::open(path).map_err(|source| VerifyError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| not_bundle(crate::t!(nb: "verken en mappe eller en zip ({e})", en: "neither a folder nor a zip ({e})")))?;
    let mut entries: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut sums_text: BTreeMap<String, String> = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| not_bundle(crate::t!(nb: "oppføring {i} kan ikke leses ({e})", en: "entry {i} cannot be read ({e})")))?;
        if entry.is_dir() {
            continue;
        }
        let Some(name) = entry.enclosed_name() else {
            let shown = entry.name().map(|n| n.into_owned()).unwrap_or_default();
            return Err(not_bundle(crate::t!(
                nb: "oppføringen {shown:?} peker ut av mappen",
                en: "entry {shown:?} points outside the folder"
            )));
        };
        let name = name
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let unreadable = |e: io::Error| {
            use crate::text::{Lang, io_error};
            not_bundle(crate::text::Text::new(
                format!("{name} kan ikke leses ({})", io_error(&e, Lang::Nb)),
                format!("{name} cannot be read ({})", io_error(&e, Lang::En)),
            ))
        };
        let hash = if name == SHA256SUMS || name.ends_with(&format!("/{SHA256SUMS}")) {
            // The list is read whole (it is short); every other entry is hashed as it streams.
            let mut bytes = Vec::new();
            bounded_read::copy_capped(&mut entry, &mut bytes, SUMS_CAP).map_err(unreadable)?;
            sums_text.insert(name.clone(), String::from_utf8_lossy(&bytes).into_owned());
            Some(hex::encode(Sha256::digest(&bytes)))
        } else if entry.is_symlink() || entry.size() > ENTRY_CAP {
            // A link is never what was bundled; an entry larger than any bundle's file is not
            // decompressed at all (a zip of a few megabytes can hold gigabytes of zeros).
            None
        } else {
            streamed_hash(&mut entry).map_err(unreadable)?
        };
        entries.insert(name, hash);
    }

    // The bundle is the zip's root, or its one top folder.
    let prefix = if sums_text.contains_key(SHA256SUMS) {
        String::new()
    } else {
        let tops: std::collections::BTreeSet<&str> = entries
            .keys()
            .map(|n| n.split('/').next().unwrap_or(""))
            .collect();
        match tops.into_iter().collect::<Vec<_>>().as_slice() {
            [top] if sums_text.contains_key(&format!("{top}/{SHA256SUMS}")) => format!("{top}/"),
            _ => {
                return Err(not_bundle(
                    crate::t!(nb: "zip-filen har ingen {SHA256SUMS}", en: "the zip has no {SHA256SUMS}"),
                ));
            }
        }
    };
    let sums = sums_text
        .remove(&format!("{prefix}{SHA256SUMS}"))
        .unwrap_or_default();
    let contents = entries
        .into_iter()
        .map(|(name, hash)| {
            (
                name.strip_prefix(&prefix).unwrap_or(&name).to_string(),
                hash,
            )
        })
        .collect();
    Ok((sums, contents))
}
