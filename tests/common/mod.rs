//! Helpers shared by the integration tests: fixture answers files, copied with their attachments
//! into a temporary folder and changed one value at a time.

#![allow(dead_code)]

pub mod brreg;
pub mod http;
pub mod oidc;
pub mod parity;
pub mod pdf;
pub mod pki;
pub mod pty;
pub mod pty_spawn;
pub mod smtp;

use std::path::{Path, PathBuf};

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/answers");

/// A temporary folder holding a copy of every answers fixture and attachment.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        for entry in std::fs::read_dir(FIXTURES).expect("fixtures") {
            let entry = entry.expect("fixture entry");
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy fixture");
        }
        Workspace { dir }
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.path().join(file)
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The cache folder (`EID_ONBOARD_CACHE_DIR`) for registry answers.
    pub fn cache_dir(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// Writes `<out>.toml`: fixture `fixture` with the dotted `path` set to `value` (or removed when None).
    pub fn variant(
        &self,
        fixture: &str,
        out: &str,
        path: &str,
        value: Option<toml::Value>,
    ) -> PathBuf {
        let source = std::fs::read_to_string(self.path(fixture)).expect("read fixture");
        let mut table: toml::Table = source.parse().expect("fixture parses");
        set_path(&mut table, path, value);
        let file = self.path(&format!("{out}.toml"));
        std::fs::write(&file, toml::to_string_pretty(&table).expect("serialise")).expect("write");
        file
    }
}

/// The bundle of `answers` (a fixture, or a file written into the workspace) built in memory,
/// imported at a fixed time so the document's date is known.
pub fn bundle_of(ws: &Workspace, answers: &str, name: &str) -> eid_onboard::bundle::Built {
    let store = eid_onboard::draft::DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let order = eid_onboard::order::import(&store, &ws.path(answers), Some(name), now)
        .unwrap_or_else(|e| panic!("{answers}: {e}"));
    eid_onboard::bundle::build(&order, &Default::default())
        .unwrap_or_else(|e| panic!("{answers}: {e}"))
}

/// The real binary on the workspace's data directory, in English, working in the workspace's
/// folder, never reaching the real registry.
pub fn cli(ws: &Workspace) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("eid-onboard").expect("binary");
    cmd.arg("--data-dir")
        .arg(ws.data_dir())
        .arg("--lang")
        .arg("en")
        .env_remove("EID_ONBOARD_DATA_DIR")
        .current_dir(ws.dir.path());
    no_registry(&mut cmd, ws);
    cmd
}

/// Captured standard output as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Keeps a command of the real binary away from the real registry and the user's cache and config:
/// the registry is a loopback port where nothing listens (so lookups fail at once, as unknown), and
/// the cache and config folders are inside the workspace.
pub fn no_registry(cmd: &mut assert_cmd::Command, ws: &Workspace) {
    cmd.env("EID_ONBOARD_REGISTRY_URL", http::closed_url())
        .env("EID_ONBOARD_CACHE_DIR", ws.cache_dir())
        .env("XDG_CONFIG_HOME", ws.dir.path().join("config"))
        .env_remove("EID_ONBOARD_REGISTRY_TIMEOUT");
    // Nor any production domain: a test that checks one turns the check on with its own server.
    for var in eid_onboard::domain_check::ENV_VARS {
        cmd.env_remove(var);
    }
    cmd.env(eid_onboard::domain_check::ENABLED_ENV, "off");
    // Nor the user's mail settings: the bundle's email and `send` read them.
    for var in eid_onboard::mail::config::ENV_VARS {
        cmd.env_remove(var);
    }
}

pub fn set_path(table: &mut toml::Table, path: &str, value: Option<toml::Value>) {
    let segments: Vec<&str> = path.split('.').collect();
    let (last, parents) = segments.split_last().expect("non-empty path");
    let mut current = table;
    for segment in parents {
        current = current
            .entry(segment.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()))
            .as_table_mut()
            .expect("a table on the way");
    }
    match value {
        Some(v) => {
            current.insert(last.to_string(), v);
        }
        None => {
            current.remove(*last);
        }
    }
}

pub fn s(v: &str) -> Option<toml::Value> {
    Some(toml::Value::String(v.to_string()))
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read")
}
