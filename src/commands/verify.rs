//! `verify DIR|ZIP [--json]`: re-hashes a bundle against its SHA256SUMS; exit 1 on a mismatch.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::bundle::{self, Verification};
use eid_onboard::text::Lang;

use super::strings::strings;
use super::{NOT_READY, print, print_json};

pub(super) fn run(path: &Path, lang: Lang, json: bool) -> Result<ExitCode> {
    let verification = bundle::verify(path)?;
    let shown = path.display().to_string();
    if json {
        print_json(as_json(&verification, &shown))?;
    } else if verification.ok() {
        print(&(strings(lang).verified)(verification.listed, &shown))?;
    } else {
        print(&mismatch(&verification, &shown, lang))?;
    }
    Ok(if verification.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(NOT_READY)
    })
}

/// A line per file that differs, then the count.
fn mismatch(verification: &Verification, shown: &str, lang: Lang) -> String {
    let s = strings(lang);
    let mut text = String::new();
    for issue in &verification.issues {
        text.push_str(&format!("{}: {}\n", (s.issue_kind)(issue.kind), issue.path));
    }
    text.push_str(&(s.not_verified)(shown, verification.issues.len()));
    text
}

/// The verdict for scripts; each issue's kind is its English word, the same in both languages.
fn as_json(verification: &Verification, shown: &str) -> serde_json::Value {
    let issues: Vec<serde_json::Value> = verification
        .issues
        .iter()
        .map(|issue| serde_json::json!({ "kind": issue.kind.as_str(), "path": issue.path }))
        .collect();
    serde_json::json!({
        "path": shown,
        "ok": verification.ok(),
        "listed": verification.listed,
        "issues": issues,
    })
}
