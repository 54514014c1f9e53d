//! Whether to check the production domain, how long to wait, which addresses to use instead of
//! the DNS's, and which CA to trust instead of the built-in ones.
//!
//! From weakest to strongest: the defaults, `[domain_check]` in `<config dir>/config.toml`, the
//! environment (`EID_ONBOARD_DOMAIN_CHECK`, `EID_ONBOARD_DOMAIN_TIMEOUT`,
//! `EID_ONBOARD_DOMAIN_RESOLVE`, `EID_ONBOARD_DOMAIN_CA_FILE`), and `--offline`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use super::resolve::Mapping;
pub use crate::config::SettingsError;
use crate::config::{ConfigError, EnvError, Layers, Setting, Source};

/// How long one check may take in all: name lookup, connection, TLS and the answer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// `on` or `off`.
pub const ENABLED_ENV: &str = "EID_ONBOARD_DOMAIN_CHECK";
/// Seconds, decimals allowed (`0.5`).
pub const TIMEOUT_ENV: &str = "EID_ONBOARD_DOMAIN_TIMEOUT";
/// `host:port:address[:port]`, several separated by commas or spaces.
pub const RESOLVE_ENV: &str = "EID_ONBOARD_DOMAIN_RESOLVE";
/// A PEM file of the CA certificates to trust.
pub const CA_FILE_ENV: &str = "EID_ONBOARD_DOMAIN_CA_FILE";
/// Every variable these settings read (tests keep them away from the user's environment).
pub const ENV_VARS: [&str; 4] = [ENABLED_ENV, TIMEOUT_ENV, RESOLVE_ENV, CA_FILE_ENV];
/// The longest time limit accepted: the check must never hold up a command for long.
const MAX_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// False: never check (the checklist item stays unknown).
    pub enabled: Setting<bool>,
    /// Set by `--offline` (which wins over everything).
    pub offline: bool,
    pub timeout: Setting<Duration>,
    /// Host names answered from here instead of the DNS, like curl's `--resolve`.
    pub resolve: Setting<Vec<Mapping>>,
    /// The CA certificates to trust instead of the built-in roots, like curl's `--cacert`.
    pub ca_file: Option<Setting<PathBuf>>,
}

/// `[domain_check]` in config.toml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    enabled: Option<bool>,
    /// Seconds.
    timeout: Option<f64>,
    resolve: Option<Vec<String>>,
    ca_file: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Settings {
        let default = |value| Setting {
            value,
            source: Source::Default,
        };
        Settings {
            enabled: default(true),
            offline: false,
            timeout: Setting {
                value: DEFAULT_TIMEOUT,
                source: Source::Default,
            },
            resolve: Setting {
                value: Vec::new(),
                source: Source::Default,
            },
            ca_file: None,
        }
    }
}

impl Settings {
    /// The settings for this process: config file, environment, then `offline`.
    pub fn load(offline: bool) -> Result<Settings, SettingsError> {
        Settings::load_from(
            crate::config::config_file().as_deref(),
            |var| std::env::var(var).ok(),
            offline,
        )
    }

    /// Whether the check runs at all.
    pub fn is_on(&self) -> bool {
        self.enabled.value && !self.offline
    }

    /// [`Settings::load`] with the config file and the environment given, for tests. A missing
    /// config file is no error.
    pub fn load_from(
        config_file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
        offline: bool,
    ) -> Result<Settings, SettingsError> {
        let mut settings = Settings {
            offline,
            ..Settings::default()
        };
        let layers = Layers::new(config_file, "domain_check", env);
        if let Some(table) = layers.file_table()? {
            let section: Section = layers.section(&table)?;
            settings.apply_file(&layers, section)?;
        }
        settings.apply_env(&layers)?;
        Ok(settings)
    }

    fn apply_file<E: Fn(&str) -> Option<String>>(
        &mut self,
        layers: &Layers<'_, E>,
        section: Section,
    ) -> Result<(), ConfigError> {
        if let Some(enabled) = section.enabled {
            self.enabled = layers.from_file(enabled);
        }
        if let Some(limit) = layers.file_time_limit("timeout", section.timeout, MAX_TIMEOUT)? {
            self.timeout = limit;
        }
        if let Some(entries) = section.resolve {
            let mappings = entries
                .iter()
                .map(|e| Mapping::parse(e).map_err(|m| layers.file_error("resolve", m)))
                .collect::<Result<Vec<_>, _>>()?;
            self.resolve = layers.from_file(mappings);
        }
        if let Some(path) = section.ca_file {
            self.ca_file = Some(layers.from_file(path));
        }
        Ok(())
    }

    fn apply_env<E: Fn(&str) -> Option<String>>(
        &mut self,
        layers: &Layers<'_, E>,
    ) -> Result<(), EnvError> {
        if let Some(value) = layers.var(ENABLED_ENV) {
            let enabled = match value.trim().to_ascii_lowercase().as_str() {
                "on" | "yes" | "true" | "1" => true,
                "off" | "no" | "false" | "0" => false,
                _ => {
                    return Err(EnvError {
                        var: ENABLED_ENV,
                        value,
                        message: crate::text::Text::new("oppgi on eller off", "give on or off"),
                    });
                }
            };
            self.enabled = Setting {
                value: enabled,
                source: Source::Env(ENABLED_ENV),
            };
        }
        if let Some(limit) = layers.env_time_limit(TIMEOUT_ENV, MAX_TIMEOUT, DEFAULT_TIMEOUT)? {
            self.timeout = limit;
        }
        if let Some(value) = layers.var(RESOLVE_ENV) {
            let mappings = value
                .split([',', ' '])
                .filter(|e| !e.is_empty())
                .map(Mapping::parse)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|message| EnvError {
                    var: RESOLVE_ENV,
                    value: value.clone(),
                    message,
                })?;
            self.resolve = Setting {
                value: mappings,
                source: Source::Env(RESOLVE_ENV),
            };
        }
        if let Some(path) = layers.var(CA_FILE_ENV) {
            self.ca_file = Some(Setting {
                value: PathBuf::from(path),
                source: Source::Env(CA_FILE_ENV),
            });
        }
        Ok(())
    }

    /// Each setting, its value and where it comes from, for `eid-onboard config`.
    pub fn describe(&self) -> Vec<(&'static str, String, String)> {
        self.describe_in(crate::text::Lang::En)
    }

    /// [`Settings::describe`] in `lang`: the names of settings are as written.
    pub fn describe_in(&self, lang: crate::text::Lang) -> Vec<(&'static str, String, String)> {
        let nb = lang == crate::text::Lang::Nb;
        let w = |no: &'static str, en: &'static str| if nb { no } else { en };
        let (yes, no) = (w("ja", "yes"), w("nei", "no"));
        let (enabled, enabled_source) = if self.offline {
            (no, "--offline".to_string())
        } else {
            (
                if self.enabled.value { yes } else { no },
                self.enabled.source.label(lang),
            )
        };
        let resolve = if self.resolve.value.is_empty() {
            w("ingen (DNS)", "none (the DNS)").to_string()
        } else {
            let entries: Vec<String> = self.resolve.value.iter().map(|m| m.to_string()).collect();
            entries.join(", ")
        };
        let (ca, ca_source) = match &self.ca_file {
            Some(ca) => (ca.value.display().to_string(), ca.source.label(lang)),
            None => (
                w("ingen (innebygde rotsertifikater)", "none (built-in roots)").to_string(),
                Source::Default.label(lang),
            ),
        };
        vec![
            ("enabled", enabled.to_string(), enabled_source),
            (
                "timeout",
                format!("{} s", self.timeout.value.as_secs_f64()),
                self.timeout.source.label(lang),
            ),
            ("resolve", resolve, self.resolve.source.label(lang)),
            ("ca_file", ca, ca_source),
        ]
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
        assert!(s.is_on());
        assert_eq!(s.timeout.value, DEFAULT_TIMEOUT);
        assert!(s.resolve.value.is_empty());
        assert_eq!(s.ca_file, None);

        std::fs::write(
            &config,
            "[registry]\ntimeout = 1\n[domain_check]\ntimeout = 2.5\nresolve = [\"Login.Acme.no:443:127.0.0.1:8443\"]\nca_file = \"/tmp/ca.pem\"\n",
        )
        .unwrap();
        let s = Settings::load_from(Some(&config), env(&[]), false).unwrap();
        assert_eq!(s.timeout.value, Duration::from_millis(2500));
        assert_eq!(s.timeout.source, Source::File(config.clone()));
        assert_eq!(
            s.resolve
                .value
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>(),
            ["login.acme.no:443:127.0.0.1:8443"]
        );
        assert_eq!(s.ca_file.as_ref().unwrap().value, Path::new("/tmp/ca.pem"));

        let vars = [
            (TIMEOUT_ENV, "0.3"),
            (
                RESOLVE_ENV,
                "a.example:443:127.0.0.1, b.example:8443:[::1]:9000",
            ),
            (CA_FILE_ENV, "/elsewhere/ca.pem"),
            (ENABLED_ENV, "off"),
        ];
        let s = Settings::load_from(Some(&config), env(&vars), false).unwrap();
        assert_eq!(s.timeout.source, Source::Env(TIMEOUT_ENV));
        assert_eq!(
            s.resolve
                .value
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>(),
            ["a.example:443:127.0.0.1:443", "b.example:8443:[::1]:9000"]
        );
        assert_eq!(s.ca_file.as_ref().unwrap().source, Source::Env(CA_FILE_ENV));
        assert!(!s.is_on());
        let s = Settings::load_from(Some(&config), env(&[]), true).unwrap();
        assert!(!s.is_on());
        assert_eq!(s.describe()[0].2, "--offline");
    }

    #[test]
    fn bad_settings_name_where_they_come_from() {
        let tmp = tempfile::tempdir().unwrap();
        let config = tmp.path().join("config.toml");
        for (text, expected) in [
            ("[domain_check]\nenable = false\n", "enable"),
            ("[domain_check]\ntimeout = 0\n", "domain_check.timeout"),
            (
                "[domain_check]\nresolve = [\"login.acme.no\"]\n",
                "domain_check.resolve",
            ),
            (
                "[domain_check]\nresolve = [\"login.acme.no:443:localhost\"]\n",
                "domain_check.resolve",
            ),
        ] {
            std::fs::write(&config, text).unwrap();
            let e = Settings::load_from(Some(&config), env(&[]), false)
                .unwrap_err()
                .to_string();
            assert!(e.contains(expected), "{text}: {e}");
        }
        for (var, value) in [
            (TIMEOUT_ENV, "soon"),
            (RESOLVE_ENV, "x:y:z"),
            (ENABLED_ENV, "maybe"),
        ] {
            let vars = [(var, value)];
            let e = Settings::load_from(None, env(&vars), false)
                .unwrap_err()
                .to_string();
            assert!(e.contains(var), "{e}");
        }
    }
}
