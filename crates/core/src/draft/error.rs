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

impl DraftError {
    /// What went wrong, in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: crate::text::Lang) -> String {
        use crate::text::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            DraftError::InvalidName { name } => format!(
                "ugyldig navn på utkast {name:?}: bruk bare bokstaver, sifre, '-' og '_' (høyst 64 tegn)"
            ),
            DraftError::NotFound { name } => format!("finner ikke noe utkast som heter {name:?}"),
            DraftError::Io { path, source } => format!(
                "{}: {}",
                path.display(),
                crate::text::io_error(source, lang)
            ),
            DraftError::Corrupt {
                path,
                line,
                column,
                message,
            } => format!(
                "{}:{line}:{column}: utkastet kan ikke leses ({message}); det er ikke rørt",
                path.display()
            ),
            DraftError::NewerSchema {
                path,
                found,
                supported,
            } => format!(
                "{}: skrevet av en nyere eid-onboard (utkastformat {found}, denne versjonen leser opp til {supported}); oppgrader eid-onboard. Filen er ikke rørt",
                path.display()
            ),
            DraftError::Locked { name, pid } => format!(
                "utkastet {name:?} er åpent i en annen eid-onboard-prosess{}; lukk det der først",
                pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
            ),
            DraftError::NoBackup { name } => format!(
                "utkastet {name:?} har ingen sikkerhetskopi (den lages fra andre lagring av)"
            ),
            DraftError::LockMismatch { name, path } => format!(
                "låsen for utkastet {name:?} er ikke låsefilen {} i denne utkastmappen (eller filen ble fjernet); åpne utkastet på nytt",
                path.display()
            ),
            DraftError::Serialize { name, message } => format!(
                "utkastet {name:?} kan ikke skrives som TOML ({message}); ingenting ble lagret"
            ),
        }
    }
}
