//! The config file, `<config dir>/config.toml` (`~/.config/eid-onboard/config.toml` on Linux): one
//! table per part of the program (`[registry]`, `[mail]`), each read by its own part. A table no part
//! knows is ignored; a mistake inside a known table is an error naming the file (and the line, when
//! the TOML itself is broken).
//!
//! Every setting can also come from the environment, which wins over the file. [`Source`] says where
//! an effective value came from, for `eid-onboard config`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

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

impl Source {
    /// Where the setting came from, in `lang` (the `Display` text is the English one); the
    /// variable's name and the file's path are as they are.
    pub fn label(&self, lang: crate::text::Lang) -> String {
        match (self, lang) {
            (_, crate::text::Lang::En) => self.to_string(),
            (Source::Default, crate::text::Lang::Nb) => "standard".into(),
            (Source::File(path), crate::text::Lang::Nb) => {
                format!("konfigurasjonsfilen {}", path.display())
            }
            (Source::Env(var), crate::text::Lang::Nb) => format!("miljøvariabelen {var}"),
        }
    }
}

/// A mistake in the config file: `path` is the file, with `:line:column` when the TOML is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {}", .message.en)]
pub struct ConfigError {
    pub path: String,
    pub message: crate::text::Text,
}

impl ConfigError {
    /// The mistake in `lang`; the TOML parser's own detail stays as it words it (English).
    pub fn message(&self, lang: crate::text::Lang) -> String {
        format!("{}: {}", self.path, self.message.get(lang))
    }
}

/// A text the same in both languages: what a library words in English only.
fn as_said(text: impl Into<String>) -> crate::text::Text {
    let text = text.into();
    crate::text::Text::new(text.clone(), text)
}

/// The whole config file as a table; an empty table when the file does not exist.
pub fn read_table(path: &Path) -> Result<toml::Table, ConfigError> {
    let shown = path.display().to_string();
    let text = match crate::bounded_read::read_to_string(path, crate::bounded_read::CONFIG_CAP) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(toml::Table::new()),
        Err(e) => {
            return Err(ConfigError {
                path: shown,
                message: crate::text::Text::new(
                    crate::text::io_error(&e, crate::text::Lang::Nb),
                    e.to_string(),
                ),
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
            // The parser's message quotes the file: shown inert.
            message: as_said(crate::inert::visible(
                e.message().trim(),
                crate::inert::MESSAGE_MAX,
            )),
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
                message: as_said(format!("[{name}]: {}", e.message().trim())),
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
pub fn time_limit(seconds: f64, max: Duration) -> Result<Duration, crate::text::Text> {
    if seconds.is_finite() && seconds > 0.0 && seconds <= max.as_secs_f64() {
        Ok(Duration::from_secs_f64(seconds))
    } else {
        let max = max.as_secs();
        Err(crate::t!(
            nb: "tidsgrensen må være mer enn 0 og høyst {max} sekunder",
            en: "the time limit must be more than 0 and at most {max} seconds",
        ))
    }
}

/// A setting in effect and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

/// A setting from the environment that cannot be used: the variable, its value as shown (a value
/// that may hold a secret is shown as `…`), and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{var}={value:?}: {}", .message.en)]
pub struct EnvError {
    pub var: &'static str,
    pub value: String,
    pub message: crate::text::Text,
}

impl EnvError {
    /// The mistake in `lang`.
    pub fn message(&self, lang: crate::text::Lang) -> String {
        format!("{}={:?}: {}", self.var, self.value, self.message.get(lang))
    }
}

/// Where one part of the program reads its settings: its table `[name]` of the config file, then
/// the environment, which wins. Values come back with their [`Source`]; a mistake names the key
/// (`name.key`) and the file, or the variable and its value.
pub struct Layers<'a, E> {
    file: Option<&'a Path>,
    name: &'static str,
    env: E,
}

impl<'a, E: Fn(&str) -> Option<String>> Layers<'a, E> {
    /// `file` is the config file (`None`: there is none); `env` looks a variable up.
    pub fn new(file: Option<&'a Path>, name: &'static str, env: E) -> Layers<'a, E> {
        Layers { file, name, env }
    }

    /// The whole config file; `None` when there is none, empty when it does not exist.
    pub fn file_table(&self) -> Result<Option<toml::Table>, ConfigError> {
        self.file.map(read_table).transpose()
    }

    /// The table `[name]` of the file, deserialised (`T::default()` when it is missing).
    pub fn section<T: DeserializeOwned + Default>(
        &self,
        table: &toml::Table,
    ) -> Result<T, ConfigError> {
        section(table, self.name, self.file.unwrap_or(Path::new("")))
    }

    /// A value the file gave, as a setting from the file.
    pub fn from_file<T>(&self, value: T) -> Setting<T> {
        Setting {
            value,
            source: Source::File(self.file.map(Path::to_path_buf).unwrap_or_default()),
        }
    }

    /// A mistake in the file's `[name] key`.
    pub fn file_error(&self, key: &str, message: crate::text::Text) -> ConfigError {
        ConfigError {
            path: self
                .file
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            message: crate::text::Text::new(
                format!("{}.{key}: {}", self.name, message.nb),
                format!("{}.{key}: {}", self.name, message.en),
            ),
        }
    }

    /// A variable of the environment; one set to blanks counts as unset.
    pub fn var(&self, var: &str) -> Option<String> {
        (self.env)(var).filter(|v| !v.trim().is_empty())
    }

    /// A time limit in seconds from the file's `[name] key` (see [`time_limit`]).
    pub fn file_time_limit(
        &self,
        key: &str,
        seconds: Option<f64>,
        max: Duration,
    ) -> Result<Option<Setting<Duration>>, ConfigError> {
        seconds
            .map(|s| time_limit(s, max).map_err(|m| self.file_error(key, m)))
            .transpose()
            .map(|limit| limit.map(|value| self.from_file(value)))
    }

    /// A time limit in seconds from the variable `var` (see [`time_limit`]); `None` when unset.
    /// `example` is the default, named in the message when the value is not a number.
    pub fn env_time_limit(
        &self,
        var: &'static str,
        max: Duration,
        example: Duration,
    ) -> Result<Option<Setting<Duration>>, EnvError> {
        let Some(value) = self.var(var) else {
            return Ok(None);
        };
        let error = |message: crate::text::Text| EnvError {
            var,
            value: value.clone(),
            message,
        };
        let seconds = value.trim().parse::<f64>().map_err(|_| {
            let example = example.as_secs_f64();
            error(crate::t!(
                nb: "oppgi tidsgrensen i sekunder, f.eks. {example} eller 0.5",
                en: "give the time limit in seconds, e.g. {example} or 0.5",
            ))
        })?;
        let limit = time_limit(seconds, max).map_err(error)?;
        Ok(Some(Setting {
            value: limit,
            source: Source::Env(var),
        }))
    }
}

/// An environment of the given variables only, for tests of settings.
#[cfg(test)]
pub(crate) fn fake_env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
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
        assert!(e.message.en.starts_with("[part]: "), "{e}");
        assert!(e.message.en.contains('b'), "{e}");
        assert!(has_key(&table, "part", "b"));
        assert!(!has_key(&table, "part", "a"));
        assert!(!has_key(&table, "none", "a"));
    }

    #[test]
    fn layers_name_the_key_or_the_variable_and_skip_blank_variables() {
        let path = Path::new("/etc/config.toml");
        let vars = [("LIMIT", "2.5"), ("BLANK", "  "), ("BAD", "soon")];
        let layers = Layers::new(Some(path), "part", fake_env(&vars));
        assert_eq!(layers.var("BLANK"), None);
        let max = Duration::from_secs(10);
        let limit = layers
            .env_time_limit("LIMIT", max, Duration::from_secs(5))
            .unwrap();
        assert_eq!(
            limit,
            Some(Setting {
                value: Duration::from_millis(2500),
                source: Source::Env("LIMIT"),
            })
        );
        assert_eq!(layers.env_time_limit("UNSET", max, max).unwrap(), None);
        let e = layers
            .env_time_limit("BAD", max, Duration::from_secs(5))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "BAD=\"soon\": give the time limit in seconds, e.g. 5 or 0.5"
        );
        let e = layers
            .file_time_limit("timeout", Some(0.0), max)
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("/etc/config.toml: part.timeout: "),
            "{e}"
        );
        let from_file = layers
            .file_time_limit("timeout", Some(1.0), max)
            .unwrap()
            .unwrap();
        assert_eq!(from_file.source, Source::File(path.to_path_buf()));
    }
}

/// A mistake in the settings of one part of the program (the registry, the domain check): in the
/// config file or in the environment.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Env(#[from] EnvError),
}

impl SettingsError {
    /// The mistake in `lang`.
    pub fn message(&self, lang: crate::text::Lang) -> String {
        match self {
            SettingsError::Config(e) => e.message(lang),
            SettingsError::Env(e) => e.message(lang),
        }
    }
}
