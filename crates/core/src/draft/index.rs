//! A small file in the data folder that remembers something worked out from each draft file (what
//! a list of drafts shows of it), so listing many drafts reads one file instead of parsing every
//! draft.
//!
//! An entry holds only for the very file it was worked out from: same device, inode, size, and
//! modification and change times to the nanosecond. A save replaces the draft by rename (a new
//! inode), and an edit by hand changes its times, so either makes the entry miss and the draft is
//! read again. The whole index also carries its owner's key (for `list`: the questionnaires and the
//! format of what is kept), and one of another key is ignored.
//!
//! A file system's clock ticks coarsely (a few milliseconds here, two seconds on FAT), so a change
//! right after a list can give a file the times it already had. As git does with its index, an
//! entry is kept only for a file last changed [`SETTLE`] before the list, when any later change
//! must show in its times.
//!
//! It is a cache: a missing, unreadable or foreign index is as good as an empty one, and a failed
//! write costs the next list its speed, nothing else. It holds no answers.

use std::collections::HashMap;
use std::fs::Metadata;
use std::io::{self, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::DraftName;

/// An index larger than this is not read (it is rebuilt): some 100 bytes a draft.
const INDEX_CAP: u64 = 16 * 1024 * 1024;

/// How long ago a file must have been changed for an entry of it to be kept.
pub const SETTLE: std::time::Duration = std::time::Duration::from_secs(3);

/// One version of one regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl FileStamp {
    /// The stamp of a regular file; `None` for anything else (a link, a special file), which is
    /// never taken from memory.
    pub fn of(meta: &Metadata) -> Option<FileStamp> {
        meta.is_file().then(|| FileStamp {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
        })
    }

    /// Whether the file was last changed (its contents or its inode) [`SETTLE`] or more before
    /// `now`.
    fn settled_at(&self, now: jiff::Timestamp) -> bool {
        let settled = now.as_nanosecond() - SETTLE.as_nanos() as i128;
        let nanoseconds =
            |(seconds, nanos): (i64, i64)| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
        nanoseconds(self.mtime) < settled && nanoseconds(self.ctime) < settled
    }
}

/// The file as written: postcard, so reading a thousand entries costs well under a millisecond.
#[derive(Serialize, Deserialize)]
struct Stored<T> {
    key: u64,
    entries: Vec<(String, FileStamp, T)>,
}

/// What is remembered of each draft, by name.
#[derive(Debug)]
pub struct DraftIndex<T> {
    path: PathBuf,
    key: u64,
    now: jiff::Timestamp,
    entries: HashMap<String, (FileStamp, T)>,
    /// The names asked about since loading: an entry of a draft that is gone is not written back.
    seen: Vec<String>,
    changed: bool,
}

impl<T: Clone + Serialize + DeserializeOwned> DraftIndex<T> {
    /// The index at `path` if it was written with `key`, else an empty one, for a list made `now`.
    pub fn load(path: PathBuf, key: u64, now: jiff::Timestamp) -> DraftIndex<T> {
        let entries = read_stored::<T>(&path)
            .filter(|stored| stored.key == key)
            .map(|stored| {
                stored
                    .entries
                    .into_iter()
                    .map(|(name, stamp, value)| (name, (stamp, value)))
                    .collect()
            })
            .unwrap_or_default();
        DraftIndex {
            path,
            key,
            now,
            entries,
            seen: Vec::new(),
            changed: false,
        }
    }

    /// What was worked out from this version of the draft's file, if it is remembered.
    pub fn get(&mut self, name: &DraftName, stamp: FileStamp) -> Option<&T> {
        self.seen.push(name.to_string());
        match self.entries.get(name.as_str()) {
            Some((kept, value)) if *kept == stamp => Some(value),
            _ => None,
        }
    }

    /// Remembers `value` for this version of the draft's file, if the file has settled (see
    /// [`SETTLE`]); a file changed since is simply read again next time.
    pub fn insert(&mut self, name: &DraftName, stamp: FileStamp, value: T) {
        self.seen.push(name.to_string());
        if stamp.settled_at(self.now) {
            self.entries.insert(name.to_string(), (stamp, value));
            self.changed = true;
        } else if self.entries.remove(name.as_str()).is_some() {
            self.changed = true;
        }
    }

    /// Writes the index back (atomically, 0600) when an entry was added or one of a draft not asked
    /// about since loading is to be dropped; otherwise writes nothing.
    pub fn save(mut self) -> io::Result<()> {
        self.seen.sort_unstable();
        self.seen.dedup();
        let stale = self.entries.len() > self.seen.len();
        if !self.changed && !stale {
            return Ok(());
        }
        let mut entries: Vec<(String, FileStamp, T)> = self
            .entries
            .into_iter()
            .filter(|(name, _)| self.seen.binary_search(name).is_ok())
            .map(|(name, (stamp, value))| (name, stamp, value))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let bytes = postcard::to_stdvec(&Stored {
            key: self.key,
            entries,
        })
        .map_err(io::Error::other)?;
        write_atomically(&self.path, &bytes)
    }
}

fn read_stored<T: DeserializeOwned>(path: &Path) -> Option<Stored<T>> {
    let bytes = crate::bounded_read::read(path, INDEX_CAP).ok()?;
    postcard::from_bytes(&bytes).ok()
}

/// A temporary file beside `path` (0600, as `tempfile` makes them), then a rename: a reader sees the
/// old index or the new one, never half of one. Not synced: after a crash the worst is an index
/// that does not decode, which is ignored.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".index-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn name(s: &str) -> DraftName {
        DraftName::parse(s).unwrap()
    }

    /// A list made well after the files of a test were written, so its entries are kept.
    fn later() -> jiff::Timestamp {
        jiff::Timestamp::now() + jiff::SignedDuration::from_secs(60)
    }

    fn stamp_of(path: &Path) -> FileStamp {
        FileStamp::of(&fs::symlink_metadata(path).unwrap()).unwrap()
    }

    /// A folder with one draft file `a.toml`: the folder, the stamp of the draft, and where an
    /// index goes.
    fn one_draft() -> (tempfile::TempDir, FileStamp, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("a.toml");
        fs::write(&draft, "x").unwrap();
        let stamp = stamp_of(&draft);
        let index_path = dir.path().join("index.bin");
        (dir, stamp, index_path)
    }

    #[test]
    fn an_entry_holds_for_its_own_file_version_and_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("acme.toml");
        fs::write(&draft, "one").unwrap();
        let index_path = dir.path().join("index.bin");

        let mut index = DraftIndex::<u32>::load(index_path.clone(), 7, later());
        let stamp = stamp_of(&draft);
        assert_eq!(index.get(&name("acme"), stamp), None);
        index.insert(&name("acme"), stamp, 42);
        index.save().unwrap();
        let mode = fs::metadata(&index_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);

        let mut again = DraftIndex::<u32>::load(index_path.clone(), 7, later());
        assert_eq!(again.get(&name("acme"), stamp), Some(&42));
        assert_eq!(again.get(&name("other"), stamp), None);
        // Replaced by rename, as a save does: the same size, another file.
        let replacement = dir.path().join("new.toml");
        fs::write(&replacement, "two").unwrap();
        fs::rename(&replacement, &draft).unwrap();
        assert_eq!(again.get(&name("acme"), stamp_of(&draft)), None);

        let mut foreign = DraftIndex::<u32>::load(index_path, 8, later());
        assert_eq!(foreign.get(&name("acme"), stamp), None);
    }

    #[test]
    fn a_draft_not_asked_about_is_dropped_and_an_unchanged_index_is_not_written() {
        let (_dir, stamp, index_path) = one_draft();
        let save_a_and_b = || {
            let mut index = DraftIndex::<u32>::load(index_path.clone(), 1, later());
            index.insert(&name("a"), stamp, 1);
            index.insert(&name("b"), stamp, 2);
            index.save().unwrap();
        };
        save_a_and_b();
        let mut index = DraftIndex::<u32>::load(index_path.clone(), 1, later());
        assert_eq!(index.get(&name("a"), stamp), Some(&1));
        assert_eq!(index.get(&name("b"), stamp), Some(&2));
        fs::remove_file(&index_path).unwrap();
        index.save().unwrap();
        assert!(!index_path.exists(), "nothing changed, nothing written");

        save_a_and_b();
        let mut index = DraftIndex::<u32>::load(index_path.clone(), 1, later());
        assert_eq!(index.get(&name("a"), stamp), Some(&1));
        index.save().unwrap();
        let mut index = DraftIndex::<u32>::load(index_path.clone(), 1, later());
        assert_eq!(
            index.get(&name("b"), stamp),
            None,
            "b was gone from the list"
        );
    }

    #[test]
    fn a_file_changed_just_now_is_not_kept() {
        let (_dir, stamp, index_path) = one_draft();
        let mut index = DraftIndex::<u32>::load(index_path.clone(), 1, later());
        index.insert(&name("a"), stamp, 1);
        index.save().unwrap();
        // Listed again at once: the same times could belong to a change made since.
        let mut index = DraftIndex::<u32>::load(index_path.clone(), 1, jiff::Timestamp::now());
        assert_eq!(index.get(&name("a"), stamp), Some(&1));
        index.insert(&name("a"), stamp, 2);
        index.save().unwrap();
        let mut index = DraftIndex::<u32>::load(index_path, 1, later());
        assert_eq!(index.get(&name("a"), stamp), None);
    }

    #[test]
    fn an_index_that_does_not_decode_is_an_empty_one() {
        let (_dir, stamp, index_path) = one_draft();
        fs::write(&index_path, b"\xff\xff\xff not postcard").unwrap();
        let mut index = DraftIndex::<String>::load(index_path, 1, later());
        assert_eq!(index.get(&name("a"), stamp), None);
    }

    #[test]
    fn a_link_has_no_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.toml");
        fs::write(&target, "x").unwrap();
        let link = dir.path().join("l.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(FileStamp::of(&fs::symlink_metadata(&link).unwrap()).is_none());
    }
}
