//! Where the registry is, whether to ask it, how long to wait, and where answers are kept.
//!
//! From weakest to strongest: the defaults, `[registry]` in `<config dir>/config.toml`
//! (`~/.config/eid-onboard/config.toml` on Linux), the environment (`EID_ONBOARD_REGISTRY_URL`,
//! `EID_ONBOARD_REGISTRY_TIMEOUT`, `EID_ONBOARD_CACHE_DIR`), and `--offline`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use super::cache::{CACHE_DIR_ENV, Cache};
pub use crate::config::SettingsError;
use crate::config::{EnvError, Layers};

/// The public Enhetsregisteret API.
pub const DEFAULT_URL: &str = "https://data.brreg.no/enhetsregisteret/api";
/// How long one lookup may take in all, connection included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
pub const URL_ENV: &str = "EID_ONBOARD_REGISTRY_URL";
/// Seconds, decimals allowed (`0.5`).
pub const TIMEOUT_ENV: &str = "EID_ONBOARD_REGISTRY_TIMEOUT";
/// The longest timeout accepted: a lookup must never hold up a command for long.
const MAX_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The API base, without the trailing `/enheter`.
    pub url: String,
    /// False: never ask the registry (cached answers are still used).
    pub enabled: bool,
    pub timeout: Duration,
    /// The cache folder (answers go in its `registry/`); `None` keeps nothing.
    pub cache_dir: Option<PathBuf>,
}

/// `[registry]` in config.toml. Other tables belong to other parts of the program and are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistrySection {
    url: Option<String>,
    enabled: Option<bool>,
    /// Seconds.
    timeout: Option<f64>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            url: DEFAULT_URL.to_string(),
            enabled: true,
            timeout: DEFAULT_TIMEOUT,
            cache_dir: Cache::default_dir(),
        }
    }
}

impl Settings {
    /// `<config dir>/config.toml`, e.g. `~/.config/eid-onboard/config.toml` on Linux.
    pub fn config_file() -> Option<PathBuf> {
        crate::config::config_file()
    }

    /// The settings for this process: config file, environment, then `offline`.
    pub fn load(offline: bool) -> Result<Settings, SettingsError> {
        Settings::load_from(
            Settings::config_file().as_deref(),
            |var| std::env::var(var).ok(),
            offline,
        )
    }

    /// [`Settings::load`] with the config file and the environment given, for tests. A missing
    /// config file is no error.
    pub fn load_from(
        config_file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
        offline: bool,
    ) -> Result<Settings, SettingsError> {
        let mut settings = Settings {
            cache_dir: match env(CACHE_DIR_ENV) {
                Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
                _ => Cache::platform_dir(),
            },
            ..Settings::default()
        };
        let layers = Layers::new(config_file, "registry", env);
        if let Some(table) = layers.file_table()? {
            let section: RegistrySection = layers.section(&table)?;
            if let Some(url) = section.url {
                settings.url = check_url(&url).map_err(|m| layers.file_error("url", m))?;
            }
            if let Some(enabled) = section.enabled {
                settings.enabled = enabled;
            }
            if let Some(limit) = layers.file_time_limit("timeout", section.timeout, MAX_TIMEOUT)? {
                settings.timeout = limit.value;
            }
        }
        if let Some(url) = layers.var(URL_ENV) {
            settings.url = check_url(&url).map_err(|message| EnvError {
                var: URL_ENV,
                value: url.clone(),
                message,
            })?;
        }
        if let Some(limit) = layers.env_time_limit(TIMEOUT_ENV, MAX_TIMEOUT, DEFAULT_TIMEOUT)? {
            settings.timeout = limit.value;
        }
        if offline {
            settings.enabled = false;
        }
        Ok(settings)
    }
}

/// An http(s) address, without a trailing slash.
fn check_url(url: &str) -> Result<String, crate::text::Text> {
    let trimmed = url.trim().trim_end_matches('/');
    match url::Url::parse(trimmed) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
            Ok(trimmed.to_string())
        }
        _ => Err(crate::t!(
            nb: "ikke en http(s)-adresse; standard er {DEFAULT_URL}",
            en: "not an http(s) address; the default is {DEFAULT_URL}",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::fake_env as env;

    #[test]
    fn defaults_then_config_then_environment_then_offline() {
        let tmp = tempfile::tempdir().unwrap();
        let config = tmp.path().join("config.toml");
        let s = Settings::load_from(Some(&config), env(&[]), false).unwrap();
        assert_eq!(s.url, DEFAULT_URL);
        assert!(s.enabled);
        assert_eq!(s.timeout, DEFAULT_TIMEOUT);

        std::fs::write(
            &config,
            "[other]\nanything = 1\n[registry]\nurl = \"http://127.0.0.1:8080/api/\"\ntimeout = 2.5\n",
        )
        .unwrap();
        let s = Settings::load_from(Some(&config), env(&[]), false).unwrap();
        assert_eq!(s.url, "http://127.0.0.1:8080/api");
        assert_eq!(s.timeout, Duration::from_millis(2500));

        let vars = [
            (URL_ENV, "https://example.test/x"),
            (TIMEOUT_ENV, "0.3"),
            (CACHE_DIR_ENV, "/tmp/somewhere"),
        ];
        let s = Settings::load_from(Some(&config), env(&vars), false).unwrap();
        assert_eq!(s.url, "https://example.test/x");
        assert_eq!(s.timeout, Duration::from_millis(300));
        assert_eq!(s.cache_dir, Some(PathBuf::from("/tmp/somewhere")));
        assert!(s.enabled);
        assert!(
            !Settings::load_from(Some(&config), env(&vars), true)
                .unwrap()
                .enabled
        );

        std::fs::write(&config, "[registry]\nenabled = false\n").unwrap();
        assert!(
            !Settings::load_from(Some(&config), env(&vars), false)
                .unwrap()
                .enabled
        );
    }

    #[test]
    fn bad_settings_name_where_they_come_from() {
        let tmp = tempfile::tempdir().unwrap();
        let config = tmp.path().join("config.toml");
        for (text, expected) in [
            ("[registry]\nenable = false\n", "enable"),
            ("[registry]\nurl = \"ftp://x\"\n", "registry.url"),
            ("[registry]\ntimeout = 0\n", "registry.timeout"),
            ("[registry\n", "config.toml:1:"),
        ] {
            std::fs::write(&config, text).unwrap();
            let e = Settings::load_from(Some(&config), env(&[]), false)
                .unwrap_err()
                .to_string();
            assert!(e.contains(expected), "{text}: {e}");
        }
        for (var, value) in [
            (URL_ENV, "nonsense"),
            (TIMEOUT_ENV, "soon"),
            (TIMEOUT_ENV, "1e9"),
        ] {
            let vars = [(var, value)];
            let e = Settings::load_from(None, env(&vars), false)
                .unwrap_err()
                .to_string();
            assert!(e.contains(var), "{e}");
        }
    }
}
