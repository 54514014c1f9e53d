use std::path::PathBuf;

/// Everything that can go wrong with a draft; each names the draft or file involved.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error(
        "invalid draft name {name:?}: use letters, digits, '-' and '_' only (at most 64 characters)"
    )]
    InvalidName { name: String },
    #[error("no draft named {name:?}")]
    NotFound { name: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}:{line}:{column}: the draft cannot be read ({message}); it has been left untouched"
    )]
    Corrupt {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: written by a newer eid-onboard (draft schema {found}, this version reads up to {supported}); upgrade eid-onboard. The file has been left untouched"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("draft {name:?} is open in another eid-onboard process{}; close it there first", pid.map(|p| format!(" (pid {p})")).unwrap_or_default())]
    Locked { name: String, pid: Option<u32> },
    #[error("draft {name:?} has no backup (a backup is kept from the second save on)")]
    NoBackup { name: String },
    #[error(
        "the lock held for draft {name:?} is not the lock file {path} of this draft folder (or that file was removed); open the draft again"
    )]
    LockMismatch { name: String, path: PathBuf },
    #[error("draft {name:?} cannot be written as TOML ({message}); nothing was saved")]
    Serialize { name: String, message: String },
}
