use std::collections::BTreeMap;
use std::fs::{self, DirBuilder, File, OpenOptions, Permissions, TryLockError};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, FileExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use super::index::FileStamp;
use super::{Draft, DraftError, DraftName, SCHEMA_VERSION};

/// Folders hold personal data: only the owner may list or enter them.
const DIR_MODE: u32 = 0o700;
/// Drafts, backups, temporary and lock files: only the owner may read or write them.
const FILE_MODE: u32 = 0o600;

/// Temporary files are hidden and named `.NAME.TAG-RANDOM.tmp`, so `list` never sees them and a
/// leftover one can be traced back to the draft whose lock its writer held.
const TEMP_SUFFIX: &str = ".tmp";
const DRAFT_TEMP_TAG: &str = "toml-";
/// The tag of a sent copy's temporary file, in `NAME.sent/`.
const SENT_TEMP_TAG: &str = "eml-";
const BACKUP_TEMP_TAG: &str = "bak-";
const TEMP_RANDOM_LEN: usize = 8;

/// How long `lock` keeps trying before reporting `Locked`. Another process's `DraftStore::open`
/// takes a draft's lock for an instant while it removes stale temporary files; a short wait keeps that
/// from being reported as "open in another process".
const LOCK_PATIENCE: Duration = Duration::from_millis(60);
const LOCK_RETRY: Duration = Duration::from_millis(10);

/// The drafts of one data folder: `<data dir>/drafts/NAME.toml`, with `NAME.toml.bak` (the previous
/// version) and `.NAME.lock` (the advisory lock) beside each.
#[derive(Debug)]
pub struct DraftStore {
    data_dir: PathBuf,
    drafts: PathBuf,
}

/// The exclusive right to change one draft, held until dropped.
///
/// It is an advisory `flock` on `drafts/.NAME.lock`. The lock lives on a separate file because the
/// draft file itself is replaced by rename on every save, and a lock on a replaced file guards
/// nothing. Dropping the lock closes the file, which releases it; the OS does the same when the
/// process dies in any way, SIGKILL included, so a crash never leaves a draft locked.
#[derive(Debug)]
pub struct DraftLock {
    name: DraftName,
    file: File,
    path: PathBuf,
}

impl Drop for DraftLock {
    /// A clean end leaves no lock file. It is removed while still held, so no one can lock it in
    /// between; one who opened it just before finds it unlinked and opens a new one (`try_lock`).
    /// Only the file this lock holds is removed, never one that replaced it.
    fn drop(&mut self) {
        if same_file(&self.file, &self.path).unwrap_or(false) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

impl DraftLock {
    /// The draft this lock is for.
    pub fn name(&self) -> &DraftName {
        &self.name
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// A draft file found in the drafts folder, not yet read.
#[derive(Debug)]
pub struct DraftEntry {
    pub name: DraftName,
    pub path: PathBuf,
    /// This version of the file, for a [`super::DraftIndex`]; `None` for a link or a special file.
    pub stamp: Option<FileStamp>,
}

/// One entry of [`DraftStore::list`]: a draft that cannot be read is listed with its error, so one
/// damaged file never hides the others.
#[derive(Debug)]
pub struct DraftListing {
    pub name: DraftName,
    pub path: PathBuf,
    pub draft: Result<Draft, DraftError>,
}

/// The outcome of one attempt at a lock file.
enum Attempt {
    Acquired(File),
    /// Held by another open file description (another process, or another `DraftStore` here).
    Busy(File),
}

impl DraftStore {
    /// The platform's data folder for eid-onboard (on Linux `~/.local/share/eid-onboard`), or `None`
    /// when the home folder cannot be found.
    pub fn default_data_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("no", "eid-onboard", "eid-onboard")
            .map(|dirs| dirs.data_dir().to_path_buf())
    }

    /// Opens (creating if needed) the store under `data_dir`, and removes temporary files left by a
    /// writer that was killed mid-save.
    pub fn open(data_dir: impl Into<PathBuf>) -> Result<DraftStore, DraftError> {
        let data_dir = data_dir.into();
        let drafts = data_dir.join("drafts");
        // The mode is given at creation, not set afterwards, so the folders are never readable by
        // others, not even for an instant. The umask can only take bits away.
        for dir in [&data_dir, &drafts] {
            DirBuilder::new()
                .recursive(true)
                .mode(DIR_MODE)
                .create(dir)
                .map_err(io_error(dir))?;
        }
        // An existing drafts folder may be older or made by hand with looser rights: tighten it, as it
        // is ours. The data folder may be one the user chose (`--data-dir`) and is left as it is.
        let meta = fs::metadata(&drafts).map_err(io_error(&drafts))?;
        if meta.mode() & 0o077 != 0 {
            fs::set_permissions(&drafts, Permissions::from_mode(DIR_MODE))
                .map_err(io_error(&drafts))?;
        }
        let store = DraftStore { data_dir, drafts };
        store.remove_stale_temps()?;
        Ok(store)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn drafts_dir(&self) -> &Path {
        &self.drafts
    }

    /// `drafts/NAME.toml`.
    pub fn path_of(&self, name: &DraftName) -> PathBuf {
        self.drafts.join(format!("{name}.toml"))
    }

    /// `drafts/NAME.toml.bak`: the version before the last save.
    pub fn backup_path_of(&self, name: &DraftName) -> PathBuf {
        self.drafts.join(format!("{name}.toml.bak"))
    }

    /// `drafts/NAME.sent/`: the exact bytes of each message sent for the draft.
    pub fn sent_dir_of(&self, name: &DraftName) -> PathBuf {
        self.drafts.join(format!("{name}.sent"))
    }

    /// Keeps the exact bytes of a sent message as `drafts/NAME.sent/<file_name>` (folder 0700,
    /// file 0600), written atomically as a draft is: a temporary file in that folder, synced, then
    /// renamed. Returns the path.
    pub fn save_sent_copy(
        &self,
        lock: &DraftLock,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<PathBuf, DraftError> {
        self.check_lock(lock)?;
        let name = lock.name();
        let dir = self.sent_dir_of(name);
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .map_err(io_error(&dir))?;
        let mut temp = TempNames::new(name, SENT_TEMP_TAG)
            .builder()
            .tempfile_in(&dir)
            .map_err(io_error(&dir))?;
        temp.write_all(bytes)
            .and_then(|()| temp.as_file().sync_all())
            .map_err(io_error(temp.path()))?;
        let path = dir.join(file_name);
        temp.persist(&path).map_err(|e| DraftError::Io {
            path: path.clone(),
            source: e.error,
        })?;
        sync_dir(&dir)?;
        sync_dir(&self.drafts)?;
        Ok(path)
    }

    fn lock_path_of(&self, name: &DraftName) -> PathBuf {
        self.drafts.join(format!(".{name}.lock"))
    }

    /// Whether anything is at `drafts/NAME.toml`: a draft, or something else in its place (a
    /// link, a FIFO), which `load` then refuses naming the file rather than "no such draft".
    pub fn exists(&self, name: &DraftName) -> bool {
        fs::symlink_metadata(self.path_of(name)).is_ok_and(|meta| !meta.is_dir())
    }

    /// Reads a draft. No lock is needed: every write replaces the file by an atomic rename, so a
    /// reader sees either the old or the new complete file.
    pub fn load(&self, name: &DraftName) -> Result<Draft, DraftError> {
        match read_draft(&self.path_of(name))? {
            Some(draft) => Ok(draft),
            None => Err(DraftError::NotFound {
                name: name.to_string(),
            }),
        }
    }

    /// Reads the backup `NAME.toml.bak` (the version before the last save), for recovery.
    pub fn load_backup(&self, name: &DraftName) -> Result<Draft, DraftError> {
        match read_draft(&self.backup_path_of(name))? {
            Some(draft) => Ok(draft),
            None => Err(DraftError::NoBackup {
                name: name.to_string(),
            }),
        }
    }

    /// Takes the exclusive lock on a draft (which need not exist yet). Fails with `Locked`, naming the
    /// holder's pid, when another process, or another `DraftStore` in this one, holds it.
    pub fn lock(&self, name: &DraftName) -> Result<DraftLock, DraftError> {
        let path = self.lock_path_of(name);
        let mut waited = Duration::ZERO;
        let file = loop {
            match self.try_lock(name)? {
                Attempt::Acquired(file) => break file,
                Attempt::Busy(file) if waited >= LOCK_PATIENCE => {
                    return Err(DraftError::Locked {
                        name: name.to_string(),
                        pid: read_pid(&file),
                    });
                }
                Attempt::Busy(_) => {
                    std::thread::sleep(LOCK_RETRY);
                    waited += LOCK_RETRY;
                }
            }
        };
        // Only for the "open in another process (pid N)" message; the lock itself is the flock.
        // Cut the file only when an older, longer pid is left behind: a truncate that frees blocks
        // costs more than the rest of taking the lock.
        let pid = format!("{}\n", std::process::id());
        file.write_all_at(pid.as_bytes(), 0)
            .map_err(io_error(&path))?;
        let len = file.metadata().map_err(io_error(&path))?.len();
        if len > pid.len() as u64 {
            file.set_len(pid.len() as u64).map_err(io_error(&path))?;
        }
        // Holding the lock, any temporary file of this draft belongs to a writer that is gone.
        self.remove_temps_of(name)?;
        Ok(DraftLock {
            name: name.clone(),
            file,
            path,
        })
    }

    /// Saves a draft under the lock's name, atomically: after a crash at any point the draft file is
    /// either the old or the new complete version, and so is the backup.
    ///
    /// Refuses (and leaves the file untouched) when the draft on disk cannot be read or comes from a
    /// newer schema: overwriting it would lose what the user typed.
    pub fn save(&self, lock: &DraftLock, draft: &Draft) -> Result<(), DraftError> {
        self.check_lock(lock)?;
        let name = lock.name();
        let path = self.path_of(name);
        // Read and checked: a draft that cannot be read is never overwritten.
        let current = match crate::bounded_read::read(&path, crate::bounded_read::DRAFT_CAP) {
            Ok(bytes) => {
                parse_draft(&path, &bytes)?;
                Some(bytes)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(io_error(&path)(e)),
        };

        let text = toml::to_string_pretty(draft).map_err(|e| DraftError::Serialize {
            name: name.to_string(),
            message: e.to_string(),
        })?;
        // Never write a file that `load` would refuse: check the text reads back before it replaces
        // a good draft.
        if let Err(e) = toml::from_str::<Draft>(&text) {
            return Err(DraftError::Serialize {
                name: name.to_string(),
                message: e.message().trim().to_owned(),
            });
        }

        // Saving what the file already holds writes nothing. Otherwise opening a draft and quitting
        // would make `.bak` a copy of it, losing the version before the last real change; and the
        // file keeps its identity, so what `list` keeps of it still holds.
        if current.as_deref() == Some(text.as_bytes()) {
            return Ok(());
        }

        // The temporary file is in the drafts folder itself, because rename is only atomic within one
        // file system. It is created 0600, and its data reaches the disk (sync_all) before the rename,
        // or a crash soon after could leave a renamed but empty or partial file.
        let mut temp = TempNames::new(name, DRAFT_TEMP_TAG)
            .builder()
            .tempfile_in(&self.drafts)
            .map_err(io_error(&self.drafts))?;
        temp.write_all(text.as_bytes())
            .and_then(|()| temp.as_file().sync_all())
            .map_err(io_error(temp.path()))?;

        if current.is_some() {
            self.keep_backup(name, &path)?;
        }
        temp.persist(&path).map_err(|e| DraftError::Io {
            path: path.clone(),
            source: e.error,
        })?;
        // A rename changes the folder, not the file: until the folder itself is synced, a power cut
        // can bring back the old directory entry (or, on some file systems, none).
        sync_dir(&self.drafts)
    }

    /// Deletes a draft and its backup (the caller has asked the user to confirm), then the lock file.
    /// `NotFound` when there was neither.
    pub fn delete(&self, lock: DraftLock) -> Result<(), DraftError> {
        self.check_lock(&lock)?;
        let name = lock.name().clone();
        // The backup first: if this is interrupted, what remains is the visible draft (the user can
        // delete it again), never a hidden copy of personal data.
        let had_backup = remove_if_exists(&self.backup_path_of(&name))?;
        let had_draft = remove_if_exists(&self.path_of(&name))?;
        let sent = self.sent_dir_of(&name);
        if sent.is_dir() {
            std::fs::remove_dir_all(&sent).map_err(io_error(&sent))?;
        }
        self.remove_temps_of(&name)?;
        // The lock file goes while we still hold it. A process that opened it just before will, once
        // it gets the lock, find the path no longer names its file and start over (see `try_lock`).
        remove_if_exists(&lock.path)?;
        sync_dir(&self.drafts)?;
        drop(lock);
        if had_draft || had_backup {
            Ok(())
        } else {
            Err(DraftError::NotFound {
                name: name.to_string(),
            })
        }
    }

    /// Every draft (`*.toml` with a valid name) sorted by name; backups, lock, temporary and hidden
    /// files are not drafts. A draft that cannot be read is listed with its error.
    pub fn list(&self) -> Result<Vec<DraftListing>, DraftError> {
        let mut listings = Vec::new();
        for entry in self.entries()? {
            let draft = match self.read_entry(&entry) {
                Ok(Some(draft)) => Ok(draft),
                // Deleted between the folder listing and the read: no longer a draft.
                Ok(None) => continue,
                Err(e) => Err(e),
            };
            listings.push(DraftListing {
                name: entry.name,
                path: entry.path,
                draft,
            });
        }
        Ok(listings)
    }

    /// The drafts [`DraftStore::list`] lists, sorted by name, found but not read.
    pub fn entries(&self) -> Result<Vec<DraftEntry>, DraftError> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(&self.drafts).map_err(io_error(&self.drafts))? {
            let entry = entry.map_err(io_error(&self.drafts))?;
            let file_name = entry.file_name();
            let Some(name) = file_name
                .to_str()
                .and_then(|f| f.strip_suffix(".toml"))
                .and_then(|stem| DraftName::parse(stem).ok())
            else {
                continue;
            };
            // A link or a special file in a draft's place is listed, without a stamp, with the
            // error reading it gives, so it is seen (and never read: see `read_draft`).
            let meta = match entry.metadata() {
                Ok(meta) => meta,
                // Deleted since the folder was read: no longer a draft.
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io_error(&entry.path())(e)),
            };
            if meta.is_dir() {
                continue;
            }
            entries.push(DraftEntry {
                name,
                path: entry.path(),
                stamp: FileStamp::of(&meta),
            });
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }

    /// The draft of an entry; `Ok(None)` when it has been deleted since it was found.
    pub fn read_entry(&self, entry: &DraftEntry) -> Result<Option<Draft>, DraftError> {
        read_draft(&entry.path)
    }

    /// Where [`DraftIndex`]es of this store's drafts are kept: `<data dir>/NAME`.
    pub fn index_path(&self, name: &str) -> PathBuf {
        self.data_dir.join(name)
    }

    /// One attempt at the lock file (created 0600 if missing; never truncated here, as it may hold the
    /// holder's pid).
    fn try_lock(&self, name: &DraftName) -> Result<Attempt, DraftError> {
        let path = self.lock_path_of(name);
        // `delete` unlinks the lock file while holding it. If we opened that file just before, our
        // lock is on a file no one else will open again, so it guards nothing: check that the path
        // still names the file we locked, and otherwise try again with the new one.
        for _ in 0..100 {
            let file = open_lock_file(&path).map_err(io_error(&path))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Ok(Attempt::Busy(file)),
                Err(TryLockError::Error(e)) => return Err(io_error(&path)(e)),
            }
            if same_file(&file, &path)? {
                return Ok(Attempt::Acquired(file));
            }
        }
        Err(DraftError::Io {
            path,
            source: io::Error::other("the lock file keeps being replaced"),
        })
    }

    /// Checks that `lock` is the lock of this store's draft and that its file is still in place.
    fn check_lock(&self, lock: &DraftLock) -> Result<(), DraftError> {
        let path = self.lock_path_of(lock.name());
        if same_file(&lock.file, &path)? {
            Ok(())
        } else {
            Err(DraftError::LockMismatch {
                name: lock.name().to_string(),
                path,
            })
        }
    }

    /// Keeps the current draft as `NAME.toml.bak`, atomically: a hard link to the current file (or, on a
    /// file system without hard links, a synced copy) under a temporary name, renamed onto `.bak`. The
    /// current file is never moved away, so there is no moment without `NAME.toml`, and `.bak` is
    /// always a complete file.
    fn keep_backup(&self, name: &DraftName, current: &Path) -> Result<(), DraftError> {
        let bak = self.backup_path_of(name);
        let names = TempNames::new(name, BACKUP_TEMP_TAG);
        let temp = match names
            .builder()
            .make_in(&self.drafts, |p| fs::hard_link(current, p))
        {
            Ok(linked) => {
                let temp = linked.into_temp_path();
                // The link shares the current file's inode; a draft made by hand or by an older
                // version may be readable by others. Tightening it also tightens the current file,
                // which is about to be replaced anyway.
                let meta = fs::metadata(&temp).map_err(io_error(&temp))?;
                if meta.mode() & 0o777 != FILE_MODE {
                    fs::set_permissions(&temp, Permissions::from_mode(FILE_MODE))
                        .map_err(io_error(&temp))?;
                }
                temp
            }
            Err(_) => {
                let mut copy = names
                    .builder()
                    .tempfile_in(&self.drafts)
                    .map_err(io_error(&self.drafts))?;
                let source =
                    crate::bounded_read::open_capped(current, crate::bounded_read::DRAFT_CAP)
                        .map_err(io_error(current))?;
                crate::bounded_read::copy_capped(
                    source,
                    copy.as_file_mut(),
                    crate::bounded_read::DRAFT_CAP,
                )
                .and_then(|_| copy.as_file().sync_all())
                .map_err(io_error(copy.path()))?;
                copy.into_temp_path()
            }
        };
        temp.persist(&bak).map_err(|e| DraftError::Io {
            path: bak.clone(),
            source: e.error,
        })
    }

    /// Removes temporary files whose writer is gone: a temporary file's writer holds its draft's lock
    /// for as long as the file exists, so if the lock is free the writer was killed mid-save. Drafts
    /// whose lock is held are skipped. Files that do not match the store's own temporary name pattern
    /// are never touched.
    fn remove_stale_temps(&self) -> Result<(), DraftError> {
        let mut stale: BTreeMap<DraftName, Vec<PathBuf>> = BTreeMap::new();
        for entry in fs::read_dir(&self.drafts).map_err(io_error(&self.drafts))? {
            let entry = entry.map_err(io_error(&self.drafts))?;
            if let Some(name) = entry.file_name().to_str().and_then(temp_owner) {
                stale.entry(name).or_default().push(entry.path());
            }
        }
        for (name, paths) in stale {
            // Taken and released here without writing our pid: this lasts only as long as the removal.
            let Attempt::Acquired(_held) = self.try_lock(&name)? else {
                continue;
            };
            // Files listed before we got the lock may meanwhile have been renamed into place by their
            // (finished) writer: then they are simply gone.
            for path in paths {
                remove_if_exists(&path)?;
            }
        }
        Ok(())
    }

    /// Removes the temporary files of one draft; the caller holds its lock.
    fn remove_temps_of(&self, name: &DraftName) -> Result<(), DraftError> {
        for entry in fs::read_dir(&self.drafts).map_err(io_error(&self.drafts))? {
            let entry = entry.map_err(io_error(&self.drafts))?;
            if entry.file_name().to_str().and_then(temp_owner).as_ref() == Some(name) {
                remove_if_exists(&entry.path())?;
            }
        }
        Ok(())
    }
}

/// The names of one kind of temporary file of one draft; it owns the prefix a `tempfile::Builder`
/// borrows.
struct TempNames {
    prefix: String,
}

impl TempNames {
    fn new(name: &DraftName, tag: &str) -> TempNames {
        TempNames {
            prefix: format!(".{name}.{tag}"),
        }
    }

    fn builder(&self) -> tempfile::Builder<'_, '_> {
        let mut builder = tempfile::Builder::new();
        builder
            .prefix(&self.prefix)
            .suffix(TEMP_SUFFIX)
            .rand_bytes(TEMP_RANDOM_LEN)
            .permissions(Permissions::from_mode(FILE_MODE));
        builder
    }
}

/// The draft whose temporary file this is, if `file_name` matches the store's temporary name pattern
/// `.NAME.(toml|bak)-XXXXXXXX.tmp` exactly.
fn temp_owner(file_name: &str) -> Option<DraftName> {
    let rest = file_name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    // Draft names contain no '.', so the first one ends the name.
    let (name, tail) = rest.split_once('.')?;
    let random = tail
        .strip_prefix(DRAFT_TEMP_TAG)
        .or_else(|| tail.strip_prefix(BACKUP_TEMP_TAG))?;
    if random.len() != TEMP_RANDOM_LEN || !random.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    DraftName::parse(name).ok()
}

/// Opens (creating 0600) a lock file that must be our own: a symbolic link in its place is not
/// followed (`O_NOFOLLOW`), so it cannot make taking the lock write to, or cut, another file; a FIFO
/// does not block the open (`O_NONBLOCK`); and what was opened must be a regular file with no
/// other name (a hard link would do the same harm as a symbolic one).
fn open_lock_file(path: &Path) -> io::Result<File> {
    use crate::bounded_read::Refused;
    let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
    let opened = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(FILE_MODE)
        .custom_flags(flags.bits() as i32)
        .open(path);
    let file = match opened {
        Ok(file) => file,
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
            return Err(Refused::Link.into_io());
        }
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Refused::NotRegular.into_io());
    }
    if meta.nlink() > 1 {
        return Err(Refused::Link.into_io());
    }
    Ok(file)
}

/// The header alone, read to explain a draft that is not of this schema: a draft from a newer
/// schema is recognised even when the rest of its shape is unknown to this version. All other keys
/// are ignored here.
#[derive(Deserialize)]
struct Header {
    schema_version: Option<toml::Spanned<toml::Value>>,
}

/// Reads and checks a draft file; `Ok(None)` when it does not exist.
fn read_draft(path: &Path) -> Result<Option<Draft>, DraftError> {
    match crate::bounded_read::read(path, crate::bounded_read::DRAFT_CAP) {
        Ok(bytes) => parse_draft(path, &bytes).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(path)(e)),
    }
}

fn parse_draft(path: &Path, bytes: &[u8]) -> Result<Draft, DraftError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            let (line, column) = line_column(&valid, valid.len());
            return Err(DraftError::Corrupt {
                path: path.to_path_buf(),
                line,
                column,
                message: "not UTF-8 text".to_owned(),
            });
        }
    };
    // One parse for a draft of this schema (`list` reads every draft). Only a draft that is not
    // of it has its header read again, so the error says "newer schema" or points at the version
    // rather than at whatever of the rest this version does not know.
    match toml::from_str::<Draft>(text) {
        Ok(draft) if draft.schema_version == SCHEMA_VERSION => Ok(draft),
        Ok(_) => Err(
            header_problem(path, text).unwrap_or_else(|| DraftError::Corrupt {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: "unknown schema_version".to_owned(),
            }),
        ),
        Err(e) => Err(header_problem(path, text).unwrap_or_else(|| corrupt(path, text, &e))),
    }
}

/// What is wrong with a draft's `schema_version`, if anything: missing, not an integer, newer than
/// this build or unknown. `None` when it is this build's (or the header itself does not parse, which
/// the caller's own error then reports).
fn header_problem(path: &Path, text: &str) -> Option<DraftError> {
    let header: Header = toml::from_str(text).ok()?;
    let Some(version) = header.schema_version else {
        return Some(DraftError::Corrupt {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "missing schema_version".to_owned(),
        });
    };
    let at_version = |message: String| {
        let (line, column) = line_column(text, version.span().start);
        DraftError::Corrupt {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    match version.get_ref() {
        toml::Value::Integer(found) if *found > i64::from(SCHEMA_VERSION) => {
            Some(DraftError::NewerSchema {
                path: path.to_path_buf(),
                found: u32::try_from(*found).unwrap_or(u32::MAX),
                supported: SCHEMA_VERSION,
            })
        }
        toml::Value::Integer(found) if *found == i64::from(SCHEMA_VERSION) => None,
        // When the schema changes, migrations from older versions go here.
        toml::Value::Integer(found) => Some(at_version(format!("unknown schema_version {found}"))),
        other => Some(at_version(format!(
            "schema_version must be an integer, not a {}",
            other.type_str()
        ))),
    }
}

/// A `Corrupt` error at the place a TOML error points to.
pub(super) fn corrupt(path: &Path, text: &str, error: &toml::de::Error) -> DraftError {
    let (line, column) = line_column(text, error.span().map_or(0, |span| span.start));
    DraftError::Corrupt {
        path: path.to_path_buf(),
        line,
        column,
        // The parser's message quotes the draft (`unknown variant …`): shown inert.
        message: crate::inert::visible(error.message().trim(), crate::inert::MESSAGE_MAX),
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The pid a lock holder wrote into its lock file, if it could be read.
fn read_pid(file: &File) -> Option<u32> {
    let mut buf = [0u8; 32];
    let n = file.read_at(&mut buf, 0).ok()?;
    std::str::from_utf8(&buf[..n]).ok()?.trim().parse().ok()
}

/// Whether `path` currently names the same file as the open `file`.
fn same_file(file: &File, path: &Path) -> Result<bool, DraftError> {
    let held = file.metadata().map_err(io_error(path))?;
    match fs::metadata(path) {
        Ok(now) => Ok(now.dev() == held.dev() && now.ino() == held.ino()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io_error(path)(e)),
    }
}

/// Removes a file; `Ok(false)` when it was not there.
fn remove_if_exists(path: &Path) -> Result<bool, DraftError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io_error(path)(e)),
    }
}

/// Makes renames and removals in a folder durable.
fn sync_dir(dir: &Path) -> Result<(), DraftError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_error(dir))
}

fn io_error(path: &Path) -> impl Fn(io::Error) -> DraftError + '_ {
    move |source| DraftError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_pattern_is_exact() {
        assert_eq!(
            temp_owner(".acme.toml-AbCd1234.tmp").map(|n| n.to_string()),
            Some("acme".to_owned())
        );
        assert!(temp_owner(".acme.bak-AbCd1234.tmp").is_some());
        for not_ours in [
            "acme.toml",
            "acme.toml.bak",
            ".acme.lock",
            ".acme.toml-AbCd123.tmp",
            ".acme.toml-AbCd12345.tmp",
            ".acme.toml-AbCd12!4.tmp",
            ".acme.other-AbCd1234.tmp",
            "..toml-AbCd1234.tmp",
            ".-x.toml-AbCd1234.tmp",
            "notes.tmp",
        ] {
            assert!(temp_owner(not_ours).is_none(), "{not_ours}");
        }
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "a = 1\nb = \"æøå\" x\n";
        let offset = text.find('x').unwrap();
        assert_eq!(line_column(text, offset), (2, 11));
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 10_000), (3, 1));
    }

    /// A link put in the lock file's place (symbolic or hard) makes taking the lock fail, naming
    /// the lock file; the file it points to keeps every byte.
    #[test]
    fn a_link_in_place_of_the_lock_file_is_not_followed() {
        use crate::bounded_read::{Refused, refusal};
        let tmp = tempfile::tempdir().unwrap();
        let store = DraftStore::open(tmp.path().join("data")).unwrap();
        let name = DraftName::parse("acme").unwrap();
        let victim = tmp.path().join("victim.txt");
        let content = "a file that is not a lock, with more bytes than a pid\n".repeat(10);
        let lock_path = store.lock_path_of(&name);
        type Link = fn(&Path, &Path) -> io::Result<()>;
        let links: [(&str, Link); 2] = [
            ("symbolic", |to, at| std::os::unix::fs::symlink(to, at)),
            ("hard", |to, at| fs::hard_link(to, at)),
        ];
        for (kind, link) in links {
            fs::write(&victim, &content).unwrap();
            link(&victim, &lock_path).unwrap();
            match store.lock(&name) {
                Err(DraftError::Io { path, source }) => {
                    assert_eq!(path, lock_path, "{kind}");
                    assert_eq!(refusal(&source), Some(Refused::Link), "{kind}: {source}");
                }
                other => panic!("{kind}: {other:?}"),
            }
            assert_eq!(fs::read_to_string(&victim).unwrap(), content, "{kind}");
            fs::remove_file(&lock_path).unwrap();
        }
        // With the link gone, the lock is taken as ever.
        store.lock(&name).unwrap();
    }

    /// A FIFO in a lock file's place is refused at once (the open does not wait for a writer),
    /// and so is a draft that is a FIFO or a link to an endless device.
    #[test]
    fn special_files_in_the_drafts_folder_are_refused() {
        use crate::bounded_read::{Refused, refusal};
        let tmp = tempfile::tempdir().unwrap();
        let store = DraftStore::open(tmp.path().join("data")).unwrap();
        let name = DraftName::parse("acme").unwrap();
        let fifo = |path: &Path| {
            rustix::fs::mkfifoat(
                rustix::fs::CWD,
                path,
                rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            )
            .unwrap()
        };
        fifo(&store.lock_path_of(&name));
        match store.lock(&name) {
            Err(DraftError::Io { source, .. }) => {
                assert_eq!(refusal(&source), Some(Refused::NotRegular), "{source}");
            }
            other => panic!("{other:?}"),
        }
        fifo(&store.path_of(&name));
        let zero = DraftName::parse("zero").unwrap();
        std::os::unix::fs::symlink("/dev/zero", store.path_of(&zero)).unwrap();
        for name in [&name, &zero] {
            match store.load(name) {
                Err(DraftError::Io { source, .. }) => {
                    assert_eq!(refusal(&source), Some(Refused::NotRegular), "{source}");
                }
                other => panic!("{other:?}"),
            }
        }
    }
}
