//! `verify DIR|ZIP`: re-hashes a bundle against its SHA256SUMS; exit 1 on a mismatch.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::bundle::{self, Verification};
use eid_onboard::text::Lang;

use super::strings::strings;
use super::{NOT_READY, print};

pub(super) fn run(path: &Path, lang: Lang) -> Result<ExitCode> {
    let verification = bundle::verify(path)?;
    let shown = path.display();
    if verification.ok() {
        print(&(strings(lang).verified)(
            verification.listed,
            &shown.to_string(),
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    print(&mismatch(&verification, &shown.to_string(), lang))?;
    Ok(ExitCode::from(NOT_READY))
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
