//! Registry answers kept on disk, one JSON file per organisation number with the time it was
//! fetched, so a draft resumed offline still shows what was found (and says when).
//!
//! Only definite answers are kept (found, a sub-unit found with its parent's answer, unknown
//! number, removed); a failed or unreadable exchange
//! never replaces an earlier good answer. Files are written atomically (temporary file in the same
//! folder, synced, renamed), 0600 in 0700 folders. A cache file that cannot be read is ignored: the
//! cache is a convenience, never a source of errors.

use std::fs::{DirBuilder, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Outcome;
use super::client::{MAX_BODY, Unit, interpret_json, interpret_unit_json};
use super::roles::RolesOutcome;
use crate::roles::Roles;
use crate::validate::orgnr;

const DIR_MODE: u32 = 0o700;
const FILE_MODE: u32 = 0o600;
/// Bumped when the file format changes; other versions are ignored (and replaced on the next lookup).
/// Version 2 added sub-units (`unit`, `parent`); version 1 files hold main units and are still read.
const CACHE_VERSION: u32 = 2;
const READABLE_VERSIONS: [u32; 2] = [1, CACHE_VERSION];

/// The environment variable that moves the cache folder.
pub const CACHE_DIR_ENV: &str = "EID_ONBOARD_CACHE_DIR";

/// Registry answers under `<cache dir>/registry/`.
#[derive(Clone, Debug)]
pub struct Cache {
    root: PathBuf,
    dir: PathBuf,
}

/// A cached answer, read back.
#[derive(Clone, Debug, PartialEq)]
pub struct CachedAnswer {
    pub fetched: jiff::Timestamp,
    pub outcome: Outcome,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    version: u32,
    orgnr: String,
    fetched: jiff::Timestamp,
    status: u16,
    /// The body as the registry sent it, when it was JSON (else null).
    body: serde_json::Value,
    /// Which register answered: `enhet` (also for version 1 files) or `underenhet`.
    #[serde(default = "main_unit")]
    unit: Unit,
    /// For a sub-unit: its parent's answer as a main unit (200), when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<serde_json::Value>,
}

/// A roles answer as kept: the status and, for a 200, the roles in this program's own form
/// ([`Roles`], which has no birth dates); never the answer as sent.
#[derive(Serialize, Deserialize)]
struct RolesEntry {
    version: u32,
    orgnr: String,
    fetched: jiff::Timestamp,
    status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    roles: Option<Roles>,
}

/// The format of roles files.
const ROLES_VERSION: u32 = 1;

fn main_unit() -> Unit {
    Unit::Enhet
}

/// What to keep about one number: a definite answer, and for a sub-unit its parent's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub unit: Unit,
    pub status: u16,
    pub body: String,
    /// The parent's main-unit answer (a 200 body), for a sub-unit.
    pub parent: Option<String>,
}

impl Stored {
    /// An answer as it came, without a parent.
    pub fn plain(unit: Unit, answer: super::Answer) -> Stored {
        Stored {
            unit,
            status: answer.status,
            body: answer.body,
            parent: None,
        }
    }
}

impl Cache {
    /// The cache folder: `EID_ONBOARD_CACHE_DIR` when set, else the platform's cache folder for
    /// eid-onboard (`~/.cache/eid-onboard` on Linux); `None` without a home folder.
    pub fn default_dir() -> Option<PathBuf> {
        match std::env::var_os(CACHE_DIR_ENV) {
            Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
            _ => Cache::platform_dir(),
        }
    }

    /// The platform's cache folder for eid-onboard, ignoring the environment.
    pub fn platform_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("no", "eid-onboard", "eid-onboard")
            .map(|dirs| dirs.cache_dir().to_path_buf())
    }

    /// The registry cache inside `cache_dir` (created on the first write).
    pub fn new(cache_dir: impl Into<PathBuf>) -> Cache {
        let root = cache_dir.into();
        let dir = root.join("registry");
        Cache { root, dir }
    }

    /// The folder the answers are kept in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file for a (valid) organisation number.
    pub fn path_of(&self, number: &str) -> PathBuf {
        self.dir.join(format!("{number}.json"))
    }

    /// The cached answer for `number`, if there is a readable one.
    pub fn get(&self, number: &str) -> Option<CachedAnswer> {
        let number = orgnr::normalize(number);
        if !orgnr::is_valid(&number) {
            return None;
        }
        let text = read_capped(&self.path_of(&number))?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        if !READABLE_VERSIONS.contains(&entry.version) || entry.orgnr != number {
            return None;
        }
        let mut outcome = interpret_unit_json(entry.unit, &number, entry.status, Ok(entry.body));
        if let (Outcome::SubUnit(sub), Some(parent_body)) = (&mut outcome, entry.parent)
            && let Some(parent) = sub.parent()
        {
            sub.parent_name = interpret_json(&parent, 200, Ok(parent_body))
                .enhet()
                .and_then(|e| e.name());
        }
        outcome.is_definite().then_some(CachedAnswer {
            fetched: entry.fetched,
            outcome,
        })
    }

    /// Keeps a main unit's answer. Only definite answers (200 found, 404, 410) should be given.
    pub fn put(
        &self,
        number: &str,
        status: u16,
        body: &str,
        fetched: jiff::Timestamp,
    ) -> io::Result<()> {
        let stored = Stored {
            unit: Unit::Enhet,
            status,
            body: body.to_string(),
            parent: None,
        };
        self.put_stored(number, &stored, fetched)
    }

    /// Keeps a definite answer of either register, a sub-unit with its parent's answer.
    pub fn put_stored(
        &self,
        number: &str,
        stored: &Stored,
        fetched: jiff::Timestamp,
    ) -> io::Result<()> {
        if !orgnr::is_valid(number) {
            return Err(not_an_orgnr());
        }
        let entry = Entry {
            version: CACHE_VERSION,
            orgnr: number.to_string(),
            fetched,
            status: stored.status,
            body: serde_json::from_str(&stored.body).unwrap_or(serde_json::Value::Null),
            unit: stored.unit,
            parent: stored
                .parent
                .as_deref()
                .and_then(|p| serde_json::from_str(p).ok()),
        };
        let text = serde_json::to_string_pretty(&entry).map_err(io::Error::other)?;
        self.write(number, &self.path_of(number), &text)
    }

    /// The roles file for a (valid) organisation number.
    pub fn roles_path_of(&self, number: &str) -> PathBuf {
        self.dir.join(format!("{number}.roller.json"))
    }

    /// The cached roles answer for `number`, if there is a readable, definite one.
    pub fn get_roles(&self, number: &str) -> Option<(jiff::Timestamp, RolesOutcome)> {
        let number = orgnr::normalize(number);
        if !orgnr::is_valid(&number) {
            return None;
        }
        let text = read_capped(&self.roles_path_of(&number))?;
        let entry: RolesEntry = serde_json::from_str(&text).ok()?;
        if entry.version != ROLES_VERSION || entry.orgnr != number {
            return None;
        }
        let outcome = match (entry.status, entry.roles) {
            (200, Some(roles)) => RolesOutcome::Found(roles),
            (404, None) => RolesOutcome::NotFound,
            (410, None) => RolesOutcome::Removed,
            _ => return None,
        };
        Some((entry.fetched, outcome))
    }

    /// Keeps a definite roles answer (found, 404, 410); others are not kept.
    pub fn put_roles(
        &self,
        number: &str,
        outcome: &RolesOutcome,
        fetched: jiff::Timestamp,
    ) -> io::Result<()> {
        if !orgnr::is_valid(number) {
            return Err(not_an_orgnr());
        }
        let (status, roles) = match outcome {
            RolesOutcome::Found(roles) => (200, Some(roles.clone())),
            RolesOutcome::NotFound => (404, None),
            RolesOutcome::Removed => (410, None),
            RolesOutcome::Offline
            | RolesOutcome::InvalidNumber
            | RolesOutcome::Unreachable(_)
            | RolesOutcome::Unreadable(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "not a definite answer",
                ));
            }
        };
        let entry = RolesEntry {
            version: ROLES_VERSION,
            orgnr: number.to_string(),
            fetched,
            status,
            roles,
        };
        let text = serde_json::to_string_pretty(&entry).map_err(io::Error::other)?;
        self.write(number, &self.roles_path_of(number), &text)
    }

    /// Writes `text` to `path` atomically, private.
    fn write(&self, number: &str, path: &Path, text: &str) -> io::Result<()> {
        for dir in [&self.root, &self.dir] {
            DirBuilder::new()
                .recursive(true)
                .mode(DIR_MODE)
                .create(dir)?;
        }
        let mut temp = tempfile::Builder::new()
            .prefix(&format!(".{number}."))
            .suffix(".tmp")
            .permissions(Permissions::from_mode(FILE_MODE))
            .tempfile_in(&self.dir)?;
        temp.write_all(text.as_bytes())?;
        temp.write_all(b"\n")?;
        temp.as_file().sync_all()?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// A cache file holds one answer of at most the registry's cap, and a sub-unit's file its parent's
/// too, pretty-printed: four times the cap leaves room for both.
const FILE_CAP: u64 = 4 * MAX_BODY;

/// A cache file's text, read as any other file is (a regular file, within [`FILE_CAP`]); `None`
/// for one that is missing, too large, not a plain file or not text: it is ignored.
fn read_capped(path: &Path) -> Option<String> {
    crate::bounded_read::read_to_string(path, FILE_CAP).ok()
}

/// Nothing is kept under a name that is not a valid organisation number.
fn not_an_orgnr() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "not an organisation number")
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::os::unix::fs::MetadataExt;

    use super::*;

    const DNB: &str =
        include_str!("../../../../tests/fixtures/brreg/enhet_984851006_dnb_2019.json");

    #[test]
    fn answers_round_trip_with_their_fetch_time_and_private_modes() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = Cache::new(tmp.path().join("c"));
        let when: jiff::Timestamp = "2025-03-04T05:06:07Z".parse().unwrap();
        assert_eq!(cache.get("984851006"), None);
        cache.put("984851006", 200, DNB, when).unwrap();
        cache.put("123456785", 404, "not json", when).unwrap();
        let found = cache.get("984 851 006").unwrap();
        assert_eq!(found.fetched, when);
        assert!(
            matches!(found.outcome, Outcome::Found(ref e) if e.name().as_deref() == Some("DNB BANK ASA"))
        );
        assert_eq!(cache.get("123456785").unwrap().outcome, Outcome::NotFound);
        let file = fs::metadata(cache.path_of("984851006")).unwrap();
        assert_eq!(file.mode() & 0o777, FILE_MODE);
        for dir in [tmp.path().join("c"), cache.dir().to_path_buf()] {
            assert_eq!(fs::metadata(dir).unwrap().mode() & 0o777, DIR_MODE);
        }
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(cache.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn broken_or_foreign_cache_files_are_ignored() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = Cache::new(tmp.path());
        let when = jiff::Timestamp::UNIX_EPOCH;
        cache.put("984851006", 200, DNB, when).unwrap();
        let path = cache.path_of("984851006");
        for broken in [
            "{".to_string(),
            String::new(),
            fs::read_to_string(&path)
                .unwrap()
                .replace("\"version\": 2", "\"version\": 99"),
            fs::read_to_string(&path)
                .unwrap()
                .replace("\"orgnr\": \"984851006\"", "\"orgnr\": \"937895321\""),
            // A cached 200 whose body is not a unit.
            fs::read_to_string(&path)
                .unwrap()
                .replace("\"status\": 200", "\"status\": 500"),
        ] {
            fs::write(&path, &broken).unwrap();
            assert_eq!(cache.get("984851006"), None, "{broken}");
        }
        assert_eq!(cache.get("not a number"), None);
        assert!(cache.put("../../x", 200, DNB, when).is_err());
    }
}
