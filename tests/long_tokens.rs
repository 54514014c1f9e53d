//! A URL or another long word is never cut in the bundle: the PDF breaks one wider than a line
//! only after `/ . - _ ? & =` (a hard break only where none fits) and loses nothing, and the email
//! leaves a long URL whole on one line.

mod common;

use std::path::Path;

use common::Workspace;
use common::pdf::Pdf;
use eid_onboard::bundle::{self, Options};
use eid_onboard::order::{self, Order};

const FIXTURE: &str = "bankid-oidc-complete.toml";

/// A redirect URI of 140 characters: wider than a line of the PDF, narrower than a mail line.
fn long_uri() -> String {
    let mut uri = String::from("https://styre.fjordlys-borettslag.no/auth/callback");
    let mut n = 0;
    while uri.len() < 140 {
        uri.push_str(&format!("/tenant-area_{n}"));
        n += 1;
    }
    uri.truncate(140);
    assert!(!uri.ends_with('/') && !uri.ends_with('_') && !uri.ends_with('-'));
    uri
}

/// Imports `fixture` with a fixed time and bundles it into `out-<name>`; the bundle's folder.
fn bundled(ws: &Workspace, fixture: &Path, name: &str) -> std::path::PathBuf {
    let store = eid_onboard::draft::DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let order: Order = order::import(&store, fixture, Some(name), now).unwrap();
    let outcome = bundle::create(
        &order,
        &ws.path(&format!("out-{name}")),
        &Options::default(),
    )
    .unwrap();
    outcome.dir
}

fn pdf_lines(dir: &Path) -> Vec<String> {
    let pdf = Pdf::open(&dir.join("request.pdf"));
    pdf.check_structure();
    pdf.text()
        .replace('\u{c}', "\n")
        .lines()
        .map(|l| l.trim().to_string())
        .collect()
}

/// The PDF's text with its line breaks removed (each line trimmed, joined with nothing).
fn joined(lines: &[String]) -> String {
    lines.concat()
}

#[test]
fn a_long_redirect_uri_is_whole_in_the_pdf_and_on_one_line_of_the_email() {
    let ws = Workspace::new();
    let uri = long_uri();
    let fixture = ws.variant(
        FIXTURE,
        "long-uri",
        "client.redirect_uris",
        Some(toml::Value::Array(vec![
            toml::Value::String(uri.clone()),
            toml::Value::String("http://localhost:8080/auth/callback".into()),
        ])),
    );
    let dir = bundled(&ws, &fixture, "longuri");

    let lines = pdf_lines(&dir);
    assert!(
        joined(&lines).contains(&uri),
        "the URI whole once line breaks are removed:\n{}",
        lines.join("\n")
    );
    // It is broken across lines, and only after one of / . - _ ? & =.
    let start = lines
        .iter()
        .position(|l| l.contains("https://styre.fjordlys-borettslag.no/auth/callback/"))
        .expect("the URI's first line");
    let mut rest = uri.as_str();
    let mut at = start;
    while !rest.is_empty() {
        let line = lines[at].as_str();
        let piece = if at == start {
            &line[line.find("https://").unwrap()..]
        } else {
            line
        };
        assert!(rest.starts_with(piece), "{piece:?} continues {rest:?}");
        rest = &rest[piece.len()..];
        if !rest.is_empty() {
            assert!(
                piece.ends_with(['/', '.', '-', '_', '?', '&', '=']),
                "broken after {piece:?}"
            );
        }
        at += 1;
    }
    assert!(at - start >= 2, "a 140-character URI takes two lines");
    // The short URI after it is whole on one line.
    assert!(
        lines
            .iter()
            .any(|l| l.contains("http://localhost:8080/auth/callback")),
        "{}",
        lines.join("\n")
    );

    let eml = std::fs::read(dir.join("message.eml")).unwrap();
    let mail = mailparse::parse_mail(&eml).expect("message.eml parses");
    let body = mail
        .subparts
        .first()
        .map(|p| p.get_body().unwrap())
        .unwrap_or_else(|| mail.get_body().unwrap());
    assert!(
        body.lines().any(|l| l.trim() == uri),
        "the URI alone on one line of the body:\n{body}"
    );
    // Other lines are still wrapped at the body's width.
    for line in body.lines().filter(|l| !l.contains(&uri)) {
        assert!(line.chars().count() <= 76, "{line:?}");
    }
}

#[test]
fn a_long_unbroken_word_loses_nothing_in_the_pdf() {
    let ws = Workspace::new();
    let token: String = (0..200)
        .map(|i| {
            char::from(b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"[i * 7 % 57])
        })
        .collect();
    let path = format!(
        "C:\\Fjordlys\\{}.portal_config-{}",
        "styreportal".repeat(6),
        "x".repeat(30)
    );
    let description = format!(
        "Fjordlys Styreportal is where the residents of our housing cooperative sign board \
         decisions. Reference {token} and configuration {path} are kept with the order."
    );
    let fixture = ws.variant(
        FIXTURE,
        "long-word",
        "service.description",
        Some(toml::Value::String(description)),
    );
    let dir = bundled(&ws, &fixture, "longword");

    let lines = pdf_lines(&dir);
    let text = joined(&lines);
    assert!(text.contains(&token), "{}", lines.join("\n"));
    assert!(text.contains(&path), "{}", lines.join("\n"));
    // The word with punctuation is broken after it: a line ends in `.`, `_` or `-` inside it.
    let inside: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("styreportalstyreportal"))
        .collect();
    assert!(
        inside.iter().any(|l| l.ends_with(['.', '_', '-'])),
        "{inside:?}"
    );
}
