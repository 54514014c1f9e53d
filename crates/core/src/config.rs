//! The config file, `<config dir>/config.toml` (`~/.config/eid-onboard/config.toml` on Linux): one
//! table per part of the program (`[registry]`, `[mail]`), each read by its own part. A table no part
//! knows is ignored; a mistake inside a known table is an error naming the file (and the line, when
//! the TOML itself is broken).
//!
//! Every setting can also come from the environment, which wins over the file. [`Source`] says where
//! an effective value came from, for `eid-onboard config`.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

/// The file name inside the config folder.
pub const FILE_NAME: &str = "config.toml";

/// `<config dir>/config.toml`, e.g. `~/.config/eid-onboard/config.toml` on Linux (honours
/// `XDG_CONFIG_HOME`). `None` when there is no home folder.
pub fn config_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("no", "eid-onboard", "eid-onboard")
        .map(|dirs| dirs.config_dir().join(FILE_NAME))
}

/// Where an effective setting came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The built-in default.
    Default,
    /// The config file (the path is the file's).
    File(PathBuf),
    /// An environment variable.
    Env(&'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File(path) => write!(f, "config file {}", path.display()),
            Source::Env(var) => write!(f, "environment {var}"),
        }
    }
}

/// A mistake in the config file: `path` is the file, with `:line:column` when the TOML is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub message: String,
}

/// The whole config file as a table; an empty table when the file does not exist.
pub fn read_table(path: &Path) -> Result<toml::Table, ConfigError> {
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(toml::Table::new()),
        Err(e) => {
            return Err(ConfigError {
                path: shown,
                message: e.to_string(),
            });
        }
    };
    text.parse().map_err(|e: toml::de::Error| {
        let (line, column) = e
            .span()
            .map(|s| crate::answers::line_col(&text, s.start))
            .unwrap_or((1, 1));
        ConfigError {
            path: format!("{shown}:{line}:{column}"),
            message: e.message().trim().to_string(),
        }
    })
}

/// The table `[name]` of the file, deserialised; `T::default()` when the file or the table is
/// missing. `path` is only used in messages.
pub fn section<T: DeserializeOwned + Default>(
    table: &toml::Table,
    name: &str,
    path: &Path,
) -> Result<T, ConfigError> {
    match table.get(name) {
        None => Ok(T::default()),
        Some(value) => value
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| ConfigError {
                path: path.display().to_string(),
                message: format!("[{name}]: {}", e.message().trim()),
            }),
    }
}

/// Whether `[section] key` is set in the file (for [`Source`] of settings read elsewhere).
pub fn has_key(table: &toml::Table, section: &str, key: &str) -> bool {
    table
        .get(section)
        .and_then(|s| s.as_table())
        .is_some_and(|s| s.contains_key(key))
}

/// A time limit in seconds from a setting: more than 0 and at most `max`.
pub fn time_limit(seconds: f64, max: std::time::Duration) -> Result<std::time::Duration, String> {
    if seconds.is_finite() && seconds > 0.0 && seconds <= max.as_secs_f64() {
        Ok(std::time::Duration::from_secs_f64(seconds))
    } else {
        Err(format!(
            "the time limit must be more than 0 and at most {} seconds",
            max.as_secs()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Part {
        a: Option<u32>,
    }

    #[test]
    fn missing_file_and_missing_table_give_defaults() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("config.toml");
        let table = read_table(&path).unwrap();
        assert!(table.is_empty());
        let part: Part = section(&table, "part", &path).unwrap();
        assert_eq!(part.a, None);
    }

    #[test]
    fn mistakes_name_the_file_and_line_or_table() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("config.toml");
        std::fs::write(&path, "[part]\na = 1\n\nb = = 2\n").unwrap();
        let e = read_table(&path).unwrap_err();
        assert!(e.path.ends_with("config.toml:4:5"), "{e}");

        std::fs::write(&path, "[other]\nx = 1\n[part]\nb = 2\n").unwrap();
        let table = read_table(&path).unwrap();
        let e = section::<Part>(&table, "part", &path).unwrap_err();
        assert!(e.message.starts_with("[part]: "), "{e}");
        assert!(e.message.contains('b'), "{e}");
        assert!(has_key(&table, "part", "b"));
        assert!(!has_key(&table, "part", "a"));
        assert!(!has_key(&table, "none", "a"));
    }
}
