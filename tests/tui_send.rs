//! Sending from the wizard: the review's preview shows what will be sent, Enter sends it to a real
//! SMTP server on 127.0.0.1 while the screen keeps drawing, and the draft records it. A failure
//! says what happened and leaves the draft as it was.

mod common;
mod tui_common;

use std::time::{Duration, Instant};

use common::smtp::{Options, Server};
use crossterm::event::KeyCode;
use eid_onboard::draft::{DraftName, DraftStore, Status};
use eid_onboard::mail::Config;
use eid_onboard::order;
use eid_onboard::text::Lang;
use tui_common::Harness;

const PASSWORD: &str = "hemmelig-passord-42";

fn config(vars: &[(&str, String)]) -> Config {
    Config::load_from(None, |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    })
    .unwrap()
}

/// A complete order opened on its review, sending through `config`.
fn on_review(dir: &std::path::Path, config: Config) -> Harness {
    let store = DraftStore::open(dir).unwrap();
    let file = std::path::Path::new(common::FIXTURES).join("idura-complete.toml");
    order::import(&store, &file, Some("acme"), tui_common::fixed_now()).unwrap();
    let mut h = Harness::new(dir, 80, 24, Lang::En);
    h.app.set_mail(Ok(config));
    h.app.start_edit("acme").unwrap();
    for _ in 0..20 {
        h.key(KeyCode::PageDown);
    }
    h
}

/// Lets the send finish, as the event loop does between keys; the spinner turns meanwhile.
fn settle(h: &mut Harness) {
    let start = Instant::now();
    while h.app.is_waiting() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the send never finished"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.app.tick();
    }
}

fn status(dir: &std::path::Path) -> (Status, usize) {
    let draft = DraftStore::open(dir)
        .unwrap()
        .load(&DraftName::parse("acme").unwrap())
        .unwrap();
    (draft.status, draft.sent.len())
}

#[test]
fn the_review_previews_sends_and_records_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(Options::default());
    let mut h = on_review(
        dir.path(),
        config(&[
            ("EID_ONBOARD_SMTP_URL", server.url("smtp", None)),
            (
                "EID_ONBOARD_FROM",
                "Solgløtt IT <it@solglott-eiendom.no>".into(),
            ),
        ]),
    );
    h.key(KeyCode::Char('s'));
    let screen = h.screen();
    assert!(screen.contains("This will be sent"), "{screen}");
    assert!(screen.contains("orders@idura.eu"), "{screen}");
    assert!(
        screen.contains("NO BankID for Solgløtt Eiendom"),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("Sending"));
    settle(&mut h);
    let screen = h.screen();
    assert!(screen.contains("Sent to orders@idura.eu"), "{screen}");
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].to.iter().any(|t| t.contains("orders@idura.eu")));
    assert_eq!(status(dir.path()), (Status::Sent, 1));
    // Saving afterwards keeps the record (the wizard took the draft as saved).
    h.key(KeyCode::Enter).ctrl('s');
    assert_eq!(status(dir.path()), (Status::Sent, 1));

    // Sending again is possible only through the preview's warning.
    h.key(KeyCode::Char('s'));
    assert!(h.screen().contains("sent"), "{}", h.screen());
    h.key(KeyCode::Esc);
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn the_password_is_typed_masked_and_never_stored() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(Options {
        login: Some(("it@solglott-eiendom.no".into(), PASSWORD.into())),
        ..Options::default()
    });
    let mut h = on_review(
        dir.path(),
        config(&[
            (
                "EID_ONBOARD_SMTP_URL",
                server.url("smtp", Some("it%40solglott-eiendom.no")),
            ),
            (
                "EID_ONBOARD_FROM",
                "Solgløtt IT <it@solglott-eiendom.no>".into(),
            ),
        ]),
    );
    h.key(KeyCode::Char('s'));
    assert!(
        h.screen().contains("Mail server password"),
        "{}",
        h.screen()
    );
    h.text(PASSWORD);
    assert!(
        !h.screen().contains(PASSWORD),
        "the password is drawn masked"
    );
    // F1 lists the password field's editing keys; closing the help gives the preview back with
    // what was typed.
    h.key(KeyCode::F(1));
    let mut help = h.screen();
    for _ in 0..4 {
        h.key(KeyCode::PageDown);
        help.push_str(&h.screen());
    }
    assert!(help.contains("a word left / right"), "{help}");
    h.key(KeyCode::Esc);
    assert!(
        h.screen().contains("Mail server password"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Enter);
    settle(&mut h);
    assert_eq!(server.messages().len(), 1, "{}", h.screen());
    assert_eq!(
        server.messages()[0].user.as_deref(),
        Some("it@solglott-eiendom.no")
    );
    h.key(KeyCode::Enter).ctrl('q');
    for entry in walk(dir.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(PASSWORD),
            "{} holds the password",
            entry.display()
        );
    }
}

#[test]
fn a_refused_send_is_explained_and_the_draft_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(Options {
        reject_rcpt: Some(550),
        ..Options::default()
    });
    let mut h = on_review(
        dir.path(),
        config(&[("EID_ONBOARD_SMTP_URL", server.url("smtp", None))]),
    );
    h.key(KeyCode::Char('s'));
    let before = std::fs::read(dir.path().join("drafts/acme.toml")).unwrap();
    h.key(KeyCode::Enter);
    settle(&mut h);
    let screen = h.screen();
    assert!(screen.contains("Not sent"), "{screen}");
    assert!(
        screen.contains("550") || screen.contains("refused") || screen.contains("rejected"),
        "{screen}"
    );
    assert_eq!(status(dir.path()), (Status::Draft, 0));
    assert_eq!(
        std::fs::read(dir.path().join("drafts/acme.toml")).unwrap(),
        before
    );
}

#[test]
fn without_mail_settings_the_wizard_says_what_to_set() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_review(dir.path(), config(&[]));
    // The preview works without settings; sending says what to set.
    h.key(KeyCode::Char('s'));
    assert!(h.screen().contains("This will be sent"));
    h.key(KeyCode::Enter);
    settle(&mut h);
    let screen = h.screen();
    assert!(screen.contains("Not sent"), "{screen}");
    assert!(screen.contains("EID_ONBOARD_SMTP_URL"), "{screen}");
    assert_eq!(status(dir.path()), (Status::Draft, 0));
}

#[test]
fn the_home_screen_marks_a_sent_order_signed() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(Options::default());
    let mut h = on_review(
        dir.path(),
        config(&[("EID_ONBOARD_SMTP_URL", server.url("smtp", None))]),
    );
    h.key(KeyCode::Char('s')).key(KeyCode::Enter);
    settle(&mut h);
    h.key(KeyCode::Enter).key(KeyCode::Esc);
    assert!(h.screen().contains("sent"), "{}", h.screen());
    h.key(KeyCode::Char('m'));
    assert!(h.screen().contains("The agreement is signed"));
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("signed"), "{}", h.screen());
    assert_eq!(status(dir.path()).0, Status::Signed);
    h.key(KeyCode::Char('m'))
        .key(KeyCode::Down)
        .key(KeyCode::Enter);
    assert_eq!(status(dir.path()).0, Status::CredentialsReceived);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
