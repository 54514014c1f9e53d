//! A file picked in the wizard is stored as an absolute path, so `check` finds the same file from
//! any folder; a relative path in an answers file still resolves against that file.

mod common;
mod tui_common;

use crossterm::event::KeyCode;
use eid_onboard::text::Lang;
use tui_common::{Harness, clear_editor};

const FIXTURES: &str = "tests/fixtures/answers";

#[test]
fn a_relative_path_typed_in_the_wizard_is_stored_absolute_and_checks_the_same_anywhere() {
    let ws = common::Workspace::new();
    let mut h = Harness::new(&ws.data_dir(), 80, 24, Lang::En);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    h.key(KeyCode::PageDown)
        .key(KeyCode::PageDown)
        .key(KeyCode::PageDown)
        .key(KeyCode::Tab);
    assert_eq!(h.focused_id().as_deref(), Some("company.country"));
    clear_editor(&mut h);
    h.text("SE");
    for _ in 0..6 {
        h.key(KeyCode::PageDown);
    }
    assert_eq!(
        h.focused_id().as_deref(),
        Some("attachments.company_certificate")
    );
    // The test runs in the package's folder, the wizard's folder here.
    h.text(&format!("{FIXTURES}/company-certificate.pdf"))
        .key(KeyCode::Tab);
    let expected = std::env::current_dir()
        .unwrap()
        .join(FIXTURES)
        .join("company-certificate.pdf");
    let stored = h
        .wizard()
        .session
        .answers()
        .text("attachments.company_certificate")
        .map(str::to_string);
    assert_eq!(stored.as_deref(), expected.to_str());
    h.ctrl('q');

    // `check` from two other folders says the same of the certificate.
    let problems_from = |dir: &std::path::Path| {
        let out = common::cli(&ws)
            .current_dir(dir)
            .args(["check", "acme"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains("attachments.company_certificate"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let elsewhere = tempfile::tempdir().unwrap();
    let here = problems_from(ws.dir.path());
    assert_eq!(here, problems_from(elsewhere.path()));
    assert!(
        !here.iter().any(|l| l.contains("not found")),
        "the file is found: {here:?}"
    );
}
