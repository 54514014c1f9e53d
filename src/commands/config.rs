//! `config`: the settings in effect and where each comes from; never the password.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use eid_onboard::config::{self as cfg, Source};
use eid_onboard::domain_check;
use eid_onboard::draft::DraftStore;
use eid_onboard::registry::{Settings, TIMEOUT_ENV, URL_ENV};

use eid_onboard::text::Lang;

use super::strings::strings;
use super::{print, print_json};

pub(super) fn run(
    data_dir: Option<PathBuf>,
    lang: Lang,
    offline: bool,
    json: bool,
) -> Result<ExitCode> {
    // The JSON is for scripts: its values and sources in English whatever the language.
    let shown = if json { Lang::En } else { lang };
    let file = cfg::config_file();
    let (file_line, table) = config_file(file.as_ref(), shown)?;
    let (data, data_source) = data_folder(data_dir, shown);
    let mail = eid_onboard::mail::Config::load().context("mail settings")?;
    let settings = Settings::load(offline).context("registry settings")?;
    let domain = domain_check::Settings::load(offline).context("domain check settings")?;
    let sections = [
        ("mail", mail.rows_in(shown)),
        (
            "registry",
            registry_section(&settings, file.as_ref(), &table, shown, offline),
        ),
        ("domain_check", domain.describe_in(shown)),
    ];
    if json {
        print_json(as_json(file.as_ref(), (&data, data_source), &sections))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = file_line;
    out.push_str(&(strings(lang).data_folder)(&data, data_source));
    for (heading, rows) in &sections {
        out.push_str(&format!("\n[{heading}]\n"));
        out.push_str(&lines(rows));
    }
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// A setting: its key, its value and where it comes from.
type Row = (&'static str, String, String);

/// Every setting for scripts: `{ "value": …, "source": … }` by section and key.
fn as_json(
    file: Option<&PathBuf>,
    (data, data_source): (&str, &str),
    sections: &[(&str, Vec<Row>)],
) -> serde_json::Value {
    let mut value = serde_json::json!({
        "config_file": file.map(|path| serde_json::json!({
            "path": path.display().to_string(),
            "exists": path.exists(),
        })),
        "data_folder": { "value": data, "source": data_source },
    });
    if let Some(object) = value.as_object_mut() {
        for (heading, rows) in sections {
            let settings: serde_json::Map<String, serde_json::Value> = rows
                .iter()
                .map(|(key, value, source)| {
                    let setting = serde_json::json!({ "value": value, "source": source });
                    (key.to_string(), setting)
                })
                .collect();
            object.insert(heading.to_string(), settings.into());
        }
    }
    value
}

/// The `config file` line, and the file's table (empty when there is none).
fn config_file(file: Option<&PathBuf>, lang: Lang) -> Result<(String, toml::Table)> {
    let s = strings(lang);
    Ok(match file {
        Some(path) => {
            let exists = path.exists();
            let line = (s.config_file)(&path.display().to_string(), exists);
            (line, cfg::read_table(path)?)
        }
        None => (s.no_config_file.to_string(), toml::Table::new()),
    })
}

/// The data folder and what chose it.
fn data_folder(data_dir: Option<PathBuf>, lang: Lang) -> (String, &'static str) {
    let s = strings(lang);
    let data_source = if data_dir.is_some() {
        if std::env::var_os("EID_ONBOARD_DATA_DIR").is_some() {
            s.data_dir_flag_or_env
        } else {
            "--data-dir"
        }
    } else {
        s.default
    };
    let data = data_dir
        .or_else(DraftStore::default_data_dir)
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| s.none.into());
    (data, data_source)
}

/// The registry settings, each value over where it comes from.
fn registry_section(
    settings: &Settings,
    file: Option<&PathBuf>,
    table: &toml::Table,
    lang: Lang,
    offline: bool,
) -> Vec<Row> {
    let s = strings(lang);
    let from_file = |key: &str| -> String {
        match file {
            Some(path) if cfg::has_key(table, "registry", key) => {
                Source::File(path.clone()).label(lang)
            }
            _ => Source::Default.label(lang),
        }
    };
    let source = |env: &'static str, key: &str| -> String {
        if std::env::var(env).is_ok_and(|v| !v.trim().is_empty()) {
            Source::Env(env).label(lang)
        } else {
            from_file(key)
        }
    };
    let enabled_source = if offline {
        "--offline".to_string()
    } else {
        from_file("enabled")
    };
    let cache = settings
        .cache_dir
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| s.none.into());
    let cache_source = if std::env::var("EID_ONBOARD_CACHE_DIR").is_ok_and(|v| !v.is_empty()) {
        Source::Env("EID_ONBOARD_CACHE_DIR").label(lang)
    } else {
        Source::Default.label(lang)
    };
    let enabled = if settings.enabled { s.yes } else { s.no };
    let rows = [
        ("enabled", enabled.to_string(), enabled_source),
        ("url", settings.url.clone(), source(URL_ENV, "url")),
        (
            "timeout",
            format!("{} s", settings.timeout.as_secs_f64()),
            source(TIMEOUT_ENV, "timeout"),
        ),
        ("cache", cache, cache_source),
    ];
    rows.into()
}

/// Each setting's value over where it comes from.
fn lines<K: std::fmt::Display>(rows: &[(K, String, String)]) -> String {
    rows.iter()
        .map(|(key, value, source)| format!("  {key:<10} {value}\n  {:<10} ({source})\n", ""))
        .collect()
}
