//! `verify DIR|ZIP`: re-hashes a bundle against its SHA256SUMS; exit 1 on a mismatch.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::bundle::{self, IssueKind, Verification};
use eid_onboard::text::Lang;

use super::{NOT_READY, print};

pub(super) fn run(path: &Path, lang: Lang) -> Result<ExitCode> {
    let verification = bundle::verify(path)?;
    let shown = path.display();
    if verification.ok() {
        print(&match lang {
            Lang::Nb => format!(
                "OK: alle {} filer i {shown} stemmer med SHA256SUMS.\n",
                verification.listed
            ),
            Lang::En => format!(
                "OK: all {} files in {shown} match SHA256SUMS.\n",
                verification.listed
            ),
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    print(&mismatch(&verification, &shown.to_string(), lang))?;
    Ok(ExitCode::from(NOT_READY))
}

/// A line per file that differs, then the count.
fn mismatch(verification: &Verification, shown: &str, lang: Lang) -> String {
    let mut text = String::new();
    for issue in &verification.issues {
        let kind = match (issue.kind, lang) {
            (IssueKind::Modified, Lang::Nb) => "endret",
            (IssueKind::Missing, Lang::Nb) => "mangler",
            (IssueKind::Unexpected, Lang::Nb) => "uventet",
            (kind, Lang::En) => kind.as_str(),
        };
        text.push_str(&format!("{kind}: {}\n", issue.path));
    }
    text.push_str(&match lang {
        Lang::Nb => format!(
            "{shown} stemmer ikke med SHA256SUMS: {} avvik.\n",
            verification.issues.len()
        ),
        Lang::En => format!(
            "{shown} does not match its SHA256SUMS: {} problems.\n",
            verification.issues.len()
        ),
    });
    text
}
