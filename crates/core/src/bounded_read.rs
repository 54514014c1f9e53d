//! The one way the core reads a file someone else may have put in its way: an answers file, the
//! config file, a draft, a cache file, a bundle's `SHA256SUMS` and entries, an attachment, a CA file.
//!
//! A path can name a FIFO (opening it for reading waits for a writer forever), a device such as
//! `/dev/zero` (endless), or a sparse file of gigabytes. So a file is opened without blocking
//! (`O_NONBLOCK`: opening a FIFO returns at once), checked on the opened handle (`fstat`, so a
//! symlink swapped in after a check cannot slip past it) to be a regular file, and read no further
//! than its cap (at most `cap + 1` bytes, so a file that grows while read is still caught).
//!
//! Refusals are [`std::io::Error`]s carrying a [`Refused`] (in a [`crate::text::Worded`]), so
//! every caller's existing error type (which already names the file) keeps working, and
//! [`crate::text::io_error`] words them in both languages.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use rustix::fs::{Mode, OFlags};

const KB: u64 = 1024;
const MB: u64 = 1024 * KB;

/// An answers file: a complete order is a few kilobytes; long descriptions and many repeated
/// entries stay far below this.
pub const ANSWERS_CAP: u64 = 4 * MB;
/// A draft: the answers plus the send and bundle records.
pub const DRAFT_CAP: u64 = 8 * MB;
/// `config.toml`: a handful of settings.
pub const CONFIG_CAP: u64 = MB;
/// A PEM file of trusted CAs: the system's whole bundle is about 200 KB.
pub const CA_CAP: u64 = 4 * MB;
/// A bundle's `SHA256SUMS`: one short line per file.
pub const SUMS_CAP: u64 = MB;
/// A bundle's zip, read back to compare with a new build: its attachments within their caps.
pub const BUNDLE_ZIP_CAP: u64 = 512 * MB;

/// Why a file was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("is a folder, not a file")]
    Folder,
    #[error("is not a regular file (but e.g. a device, a pipe or a socket)")]
    NotRegular,
    #[error("is larger than {}, the most that is read", size(*cap, crate::text::Lang::En))]
    TooLarge { cap: u64 },
    /// A file that must be our own is a symbolic link, or has another name (a hard link).
    #[error("is a link to another file, which is not followed")]
    Link,
}

impl Refused {
    /// The refusal in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: crate::text::Lang) -> String {
        use crate::text::Lang;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (Refused::Folder, Lang::Nb) => "er en mappe, ikke en fil".into(),
            (Refused::NotRegular, Lang::Nb) => {
                "er ikke en vanlig fil (men f.eks. en enhet, en pipe eller en socket)".into()
            }
            (Refused::TooLarge { cap }, Lang::Nb) => {
                format!("er større enn {}, det meste som leses", size(*cap, lang))
            }
            (Refused::Link, Lang::Nb) => "er en lenke til en annen fil, og den følges ikke".into(),
        }
    }

    /// The refusal as an I/O error, so it travels through the callers' own error types.
    pub fn into_io(self) -> io::Error {
        let kind = match self {
            Refused::Folder => io::ErrorKind::IsADirectory,
            Refused::NotRegular | Refused::Link => io::ErrorKind::InvalidInput,
            Refused::TooLarge { .. } => io::ErrorKind::FileTooLarge,
        };
        let text = crate::text::Text::new(
            self.message(crate::text::Lang::Nb),
            self.message(crate::text::Lang::En),
        );
        let worded = crate::text::Worded {
            text,
            error: Box::new(self),
        };
        io::Error::new(kind, worded)
    }
}

/// `4 MB`, `512 KB`, `300 bytes` (`byte` in bokmål).
fn size(bytes: u64, lang: crate::text::Lang) -> String {
    match bytes {
        b if b >= MB && b % MB == 0 => format!("{} MB", b / MB),
        b if b >= KB && b % KB == 0 => format!("{} KB", b / KB),
        b => match lang {
            crate::text::Lang::Nb => format!("{b} byte"),
            crate::text::Lang::En => format!("{b} bytes"),
        },
    }
}

/// The refusal an I/O error carries, if it is one of ours.
pub fn refusal(error: &io::Error) -> Option<Refused> {
    error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<crate::text::Worded>())
        .and_then(|worded| worded.error.downcast_ref::<Refused>())
        .copied()
}

/// Opens `path` for reading without waiting (a FIFO with no writer does not block) and checks on
/// the opened handle that it is a regular file. Symlinks are followed: a link to an answers file is
/// fine; a link to `/dev/zero` is refused as what it leads to.
pub fn open(path: &Path) -> io::Result<File> {
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY,
        Mode::empty(),
    )?;
    let file = File::from(fd);
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(Refused::Folder.into_io());
    }
    if !meta.is_file() {
        return Err(Refused::NotRegular.into_io());
    }
    Ok(file)
}

/// Opens `path` as [`open`] does and checks that its size is at most `cap`.
pub fn open_capped(path: &Path, cap: u64) -> io::Result<File> {
    let file = open(path)?;
    if file.metadata()?.len() > cap {
        return Err(Refused::TooLarge { cap }.into_io());
    }
    Ok(file)
}

/// The bytes of the regular file at `path`, at most `cap` of them (more is refused, never read).
pub fn read(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let file = open_capped(path, cap)?;
    let mut bytes = Vec::new();
    // One byte past the cap tells a file that grew since fstat from one that is exactly the cap.
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(Refused::TooLarge { cap }.into_io());
    }
    Ok(bytes)
}

/// [`read`] as UTF-8 text; other bytes are `InvalidData`, as `std::fs::read_to_string` says.
pub fn read_to_string(path: &Path, cap: u64) -> io::Result<String> {
    String::from_utf8(read(path, cap)?).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

/// Reads all of `reader` into `sink`, refusing (with [`Refused::TooLarge`]) once more than `cap`
/// bytes came: for a stream whose size is not known before, such as a zip entry.
pub fn copy_capped(reader: impl Read, sink: &mut impl io::Write, cap: u64) -> io::Result<u64> {
    let copied = io::copy(&mut reader.take(cap.saturating_add(1)), sink)?;
    if copied > cap {
        return Err(Refused::TooLarge { cap }.into_io());
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    fn refused(result: io::Result<Vec<u8>>) -> Refused {
        match result {
            Ok(bytes) => panic!("read {} bytes", bytes.len()),
            Err(e) => refusal(&e).unwrap_or_else(|| panic!("not a refusal: {e}")),
        }
    }

    #[test]
    fn a_regular_file_within_its_cap_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, b"form = \"x\"\n").unwrap();
        assert_eq!(read(&path, 11).unwrap(), b"form = \"x\"\n");
        assert_eq!(read_to_string(&path, 100).unwrap(), "form = \"x\"\n");
        assert_eq!(refused(read(&path, 10)), Refused::TooLarge { cap: 10 });
    }

    #[test]
    fn devices_fifos_and_folders_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, Mode::RUSR | Mode::WUSR).unwrap();
        let link = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert_eq!(refused(read(&fifo, MB)), Refused::NotRegular);
        assert_eq!(
            refused(read(Path::new("/dev/zero"), MB)),
            Refused::NotRegular
        );
        assert_eq!(refused(read(&link, MB)), Refused::NotRegular);
        assert_eq!(refused(read(dir.path(), MB)), Refused::Folder);
    }

    #[test]
    fn a_sparse_file_beyond_the_cap_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        let file = File::create(&path).unwrap();
        file.set_len(2 * 1024 * MB).unwrap();
        assert_eq!(
            refused(read(&path, ANSWERS_CAP)),
            Refused::TooLarge { cap: ANSWERS_CAP }
        );
    }

    #[test]
    fn a_stream_is_copied_up_to_its_cap() {
        let mut sink = Vec::new();
        assert_eq!(copy_capped(&b"12345"[..], &mut sink, 5).unwrap(), 5);
        let err = copy_capped(io::repeat(0), &mut io::sink(), 1000).unwrap_err();
        assert_eq!(refusal(&err), Some(Refused::TooLarge { cap: 1000 }));
    }

    #[test]
    fn every_refusal_is_worded_in_both_languages() {
        for refusal in [
            Refused::Folder,
            Refused::NotRegular,
            Refused::TooLarge { cap: 4 * MB },
            Refused::Link,
        ] {
            assert_ne!(refusal.message(Lang::Nb), refusal.message(Lang::En));
        }
        assert_eq!(
            Refused::TooLarge { cap: 4 * MB }.message(Lang::En),
            "is larger than 4 MB, the most that is read"
        );
        // The I/O error's own text is the refusal's, so "{path}: {error}" reads as one sentence.
        let error = Refused::NotRegular.into_io();
        assert_eq!(error.to_string(), Refused::NotRegular.to_string());
        assert_eq!(
            crate::text::io_error(&error, Lang::Nb),
            Refused::NotRegular.message(Lang::Nb)
        );
    }
}
