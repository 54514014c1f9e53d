//! Sending the order: to a real SMTP server on 127.0.0.1 (mailin behind a TcpListener, see
//! common/smtp.rs) over STARTTLS with a CA the test generates, over implicit TLS and in plain text
//! to loopback; every failure (server down, a 550 reply, the connection dropped during DATA, a
//! wrong password, an untrusted certificate, a silent server, a 4xx) leaves the draft as it was;
//! the send record and the refusal of a second send; the file transport writes the bundle's
//! message.eml; the password never reaches a file.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;

use assert_cmd::Command;
use common::Workspace;
use common::pki::Pki;
use common::smtp::{Options, Server, closed_port};
use eid_onboard::bundle;
use eid_onboard::draft::{DraftName, DraftStore, Status};
use eid_onboard::mail::{self, Config, FailureKind, MailError, Step};
use eid_onboard::order::{self, Order};
use eid_onboard::validate::Context;

const SENDER: &str = "Ola Drift <it@bolgenhelse.no>";
const USER: &str = "it@bolgenhelse.no";
const PASSWORD: &str = "Tr0ub4dor-&-3-correct-horse";

/// The clinic's order (Criipto list: it carries the firmaattest), imported at a fixed time.
fn clinic(ws: &Workspace) -> (DraftStore, Order) {
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let order = order::import(
        &store,
        &ws.path("criipto-complete.toml"),
        Some("clinic"),
        now,
    )
    .unwrap();
    (store, order)
}

fn config(vars: &[(&str, String)]) -> Config {
    Config::load_from(None, |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    })
    .unwrap()
}

fn write_ca(ws: &Workspace, pki: &Pki) -> PathBuf {
    let path = ws.path("test-ca.pem");
    std::fs::write(&path, &pki.ca_pem).unwrap();
    path
}

fn ctx() -> Context {
    Context::on("2026-11-21".parse().unwrap())
}

fn header(mail: &mailparse::ParsedMail<'_>, name: &str) -> Option<String> {
    mail.headers
        .iter()
        .find(|h| h.get_key().eq_ignore_ascii_case(name))
        .map(|h| h.get_value())
}

/// The message with its Date and Message-ID values blanked: a send gives the bundle's message its
/// own Date (the send time) and a new Message-ID, every other byte is the bundle's.
fn unstamped(raw: &[u8]) -> Vec<u8> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let (head, rest) = raw.split_at(split);
    let head = String::from_utf8_lossy(head);
    let lines: Vec<String> = head
        .split("\r\n")
        .map(|line| {
            let key = line.split(':').next().unwrap_or("").to_ascii_lowercase();
            match key.as_str() {
                "date" => "Date: -".to_string(),
                "message-id" => "Message-ID: -".to_string(),
                _ => line.to_string(),
            }
        })
        .collect();
    let mut out = lines.join("\r\n").into_bytes();
    out.extend_from_slice(rest);
    out
}

/// What the server received is the bundle's message: recipients, headers, body and attachments.
fn assert_is_the_order(
    received: &common::smtp::Received,
    prepared: &mail::Prepared,
    ws: &Workspace,
) {
    assert_eq!(received.from, "it@bolgenhelse.no");
    assert_eq!(
        received.to,
        vec![
            "support@criipto.com".to_string(),
            "marte.soyland@bolgenhelse.no".to_string()
        ]
    );
    // Byte for byte but the send's own Date and Message-ID; nothing added at the end.
    let data = &unstamped(&received.data)[..];
    let raw = &unstamped(&prepared.raw)[..];
    if data != raw {
        let at = data
            .iter()
            .zip(raw)
            .position(|(a, b)| a != b)
            .unwrap_or(data.len().min(raw.len()));
        panic!(
            "the server did not receive the message byte for byte: {} vs {} bytes, first difference at {at}: {:?} vs {:?}",
            data.len(),
            raw.len(),
            String::from_utf8_lossy(&data[at.saturating_sub(40)..(at + 40).min(data.len())]),
            String::from_utf8_lossy(&raw[at.saturating_sub(40)..(at + 40).min(raw.len())]),
        );
    }

    let mail = mailparse::parse_mail(&received.data).expect("the message parses");
    assert_eq!(
        header(&mail, "To").unwrap(),
        "Criipto <support@criipto.com>"
    );
    assert_eq!(
        header(&mail, "Subject").unwrap(),
        "NO BankID for Bølgen Helse"
    );
    assert_eq!(
        header(&mail, "Cc").unwrap(),
        "Marte Søyland <marte.soyland@bolgenhelse.no>"
    );
    assert_eq!(
        header(&mail, "From").unwrap(),
        "\"Ola Drift\" <it@bolgenhelse.no>"
    );
    assert_eq!(
        header(&mail, "Reply-To").unwrap(),
        "\"Ola Drift\" <it@bolgenhelse.no>"
    );
    let body = mail.subparts[0].get_body().unwrap();
    assert!(body.contains("1. "), "{body}");
    assert!(body.contains("BØLGEN HELSE AS"), "{body}");
    assert!(
        body.contains("931527401") || body.contains("931 527 401"),
        "{body}"
    );
    let attachments: Vec<(String, Vec<u8>)> = mail.subparts[1..]
        .iter()
        .map(|part| {
            (
                part.get_content_disposition()
                    .params
                    .get("filename")
                    .cloned()
                    .unwrap_or_default(),
                part.get_body_raw().unwrap(),
            )
        })
        .collect();
    assert_eq!(attachments.len(), 2);
    assert_eq!(attachments[0].0, "request.pdf");
    assert!(attachments[0].1.starts_with(b"%PDF-"));
    assert_eq!(attachments[1].0, "firmaattest.pdf");
    assert_eq!(
        attachments[1].1,
        std::fs::read(ws.path("firmaattest.pdf")).unwrap()
    );
}

#[test]
fn starttls_with_login_delivers_the_order_and_records_it_once() {
    let ws = Workspace::new();
    let pki = Pki::new();
    let server = Server::start(Options {
        starttls: Some(pki.server.clone()),
        login: Some((USER.into(), PASSWORD.into())),
        ..Options::default()
    });
    let ca = write_ca(&ws, &pki);
    let config = config(&[
        ("EID_ONBOARD_FROM", SENDER.into()),
        ("EID_ONBOARD_SMTP_URL", server.url("smtp", None)),
        ("EID_ONBOARD_SMTP_USER", USER.into()),
        ("EID_ONBOARD_SMTP_CA_FILE", ca.display().to_string()),
        ("EID_ONBOARD_SMTP_TIMEOUT", "2".into()),
    ]);
    assert!(config.needs_password());
    let (store, order) = clinic(&ws);
    let prepared = mail::prepare(&order, &config, &Default::default(), &ctx()).unwrap();
    assert_eq!(
        prepared
            .attachments
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["request.pdf", "firmaattest.pdf"]
    );
    assert!(
        prepared
            .preview(eid_onboard::text::Lang::En)
            .contains("Cc: Marte Søyland")
    );

    let lock = store.lock(&order.name).unwrap();
    let before = std::time::Instant::now();
    let (records, draft) =
        mail::deliver(&store, &lock, &prepared, &config, Some(PASSWORD), false).unwrap();
    let [record] = records.as_slice() else {
        panic!("one message: {records:?}")
    };
    let record = record.clone();
    eprintln!("send over STARTTLS with login: {:?}", before.elapsed());

    let received = server.messages();
    assert_eq!(received.len(), 1);
    assert!(received[0].tls, "STARTTLS was used");
    assert_eq!(received[0].user.as_deref(), Some(USER));
    assert_is_the_order(&received[0], &prepared, &ws);

    assert_eq!(draft.status, Status::Sent);
    assert_eq!(draft.sent, vec![record.clone()]);
    assert_eq!(record.to, "support@criipto.com");
    assert_eq!(record.cc, ["marte.soyland@bolgenhelse.no"]);
    assert_eq!(record.transport, server.url("smtp", None));
    // The send's own Message-ID, in the message and the record.
    assert_ne!(record.message_id, prepared.message_id);
    let mail = mailparse::parse_mail(&received[0].data).unwrap();
    assert_eq!(header(&mail, "Message-ID").unwrap(), record.message_id);
    assert!(
        record
            .reply
            .as_deref()
            .unwrap()
            .contains("queued as TEST123")
    );
    let saved = store.load(&order.name).unwrap();
    assert_eq!(saved, draft);
    assert_eq!(
        saved.updated, order.draft.updated,
        "the order's date is kept"
    );

    // A second send is refused, and nothing reaches the server.
    match mail::deliver(&store, &lock, &prepared, &config, Some(PASSWORD), false) {
        Err(MailError::AlreadySent { record: r }) => assert_eq!(*r, record),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.messages().len(), 1);
    // Unless asked for: then a second record.
    let (_, draft) =
        mail::deliver(&store, &lock, &prepared, &config, Some(PASSWORD), true).unwrap();
    assert_eq!(draft.sent.len(), 2);
    assert_eq!(server.messages().len(), 2);
}

#[test]
fn implicit_tls_and_plain_loopback_both_deliver() {
    let ws = Workspace::new();
    let pki = Pki::new();
    let ca = write_ca(&ws, &pki);
    let tls = Server::start(Options {
        implicit_tls: Some(pki.server.clone()),
        login: Some((USER.into(), PASSWORD.into())),
        ..Options::default()
    });
    let plain = Server::start(Options::default());
    for (server, url, password, encrypted) in [
        (
            &tls,
            tls.url("smtps", Some("it%40bolgenhelse.no")),
            Some(PASSWORD),
            true,
        ),
        (&plain, plain.url("smtp", None), None, false),
    ] {
        let config = config(&[
            ("EID_ONBOARD_FROM", SENDER.into()),
            ("EID_ONBOARD_SMTP_URL", url),
            ("EID_ONBOARD_SMTP_CA_FILE", ca.display().to_string()),
            ("EID_ONBOARD_SMTP_TIMEOUT", "2".into()),
        ]);
        let (_, order) = clinic(&ws);
        let prepared = mail::prepare(&order, &config, &Default::default(), &ctx()).unwrap();
        let record = mail::send(&prepared, &config, password).unwrap();
        let received = server.messages();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].tls, encrypted);
        assert_is_the_order(&received[0], &prepared, &ws);
        assert!(
            record
                .transport
                .starts_with(if encrypted { "smtps://" } else { "smtp://" })
        );
    }
}

/// The draft file's bytes, to show a failure left it as it was.
fn draft_bytes(store: &DraftStore, name: &DraftName) -> Vec<u8> {
    std::fs::read(store.path_of(name)).unwrap()
}

#[test]
fn each_failure_says_what_happened_and_leaves_the_draft_unchanged() {
    let ws = Workspace::new();
    let pki = Pki::new();
    let ca = write_ca(&ws, &pki);
    let login = Some((USER.to_string(), PASSWORD.to_string()));
    let starttls = Some(pki.server.clone());
    let servers: Vec<(&str, Option<Server>, Option<&str>, bool)> = vec![
        ("server down", None, Some(PASSWORD), true),
        (
            "550 to RCPT",
            Some(Server::start(Options {
                starttls: starttls.clone(),
                reject_rcpt: Some(550),
                ..Options::default()
            })),
            None,
            true,
        ),
        (
            "451 at the end of DATA",
            Some(Server::start(Options {
                reject_data: Some(451),
                ..Options::default()
            })),
            None,
            true,
        ),
        (
            "dropped during DATA",
            Some(Server::start(Options {
                starttls: starttls.clone(),
                drop_during_data: true,
                ..Options::default()
            })),
            None,
            true,
        ),
        (
            "wrong password",
            Some(Server::start(Options {
                starttls: starttls.clone(),
                login: login.clone(),
                ..Options::default()
            })),
            Some("not-the-password"),
            true,
        ),
        (
            "untrusted certificate",
            Some(Server::start(Options {
                starttls: starttls.clone(),
                ..Options::default()
            })),
            None,
            false,
        ),
        (
            "silent server",
            Some(Server::start(Options {
                silent: true,
                ..Options::default()
            })),
            None,
            true,
        ),
    ];
    let (store, order) = clinic(&ws);
    let lock = store.lock(&order.name).unwrap();
    let before = draft_bytes(&store, &order.name);
    for (case, server, password, trust) in servers {
        let url = match &server {
            Some(server) => server.url("smtp", password.map(|_| "it%40bolgenhelse.no")),
            None => format!("smtp://it%40bolgenhelse.no@127.0.0.1:{}", closed_port()),
        };
        let mut vars = vec![
            ("EID_ONBOARD_FROM", SENDER.to_string()),
            ("EID_ONBOARD_SMTP_URL", url),
            ("EID_ONBOARD_SMTP_TIMEOUT", "1".into()),
        ];
        if trust {
            vars.push(("EID_ONBOARD_SMTP_CA_FILE", ca.display().to_string()));
        }
        let config = config(&vars);
        let prepared = mail::prepare(&order, &config, &Default::default(), &ctx()).unwrap();
        let error = match mail::deliver(&store, &lock, &prepared, &config, password, false) {
            Err(MailError::Send(e)) => e,
            other => panic!("{case}: {other:?}"),
        };
        let text = error.message(eid_onboard::text::Lang::En);
        eprintln!("{case}: {text}");
        let (kind_ok, says) = match case {
            "server down" => (error.kind == FailureKind::Refused, "refused"),
            "550 to RCPT" => (
                error.kind
                    == FailureKind::Rejected {
                        code: 550,
                        transient: false,
                        step: Step::Recipient,
                    },
                "550",
            ),
            "451 at the end of DATA" => (
                error.kind
                    == FailureKind::Rejected {
                        code: 451,
                        transient: true,
                        step: Step::Message,
                    }
                    && error.is_transient(),
                "Try again later",
            ),
            "dropped during DATA" => (
                error.kind
                    == FailureKind::Dropped {
                        step: Step::Message,
                    },
                "probably not delivered",
            ),
            "wrong password" => (error.kind == FailureKind::LoginRefused, "password"),
            "untrusted certificate" => (error.kind == FailureKind::Tls, "CA_FILE"),
            "silent server" => (error.kind == FailureKind::Timeout, "time limit"),
            _ => unreachable!(),
        };
        assert!(kind_ok, "{case}: {:?}", error.kind);
        assert!(text.contains(says), "{case}: {text}");
        assert!(!text.contains(PASSWORD), "{case}: {text}");
        assert_eq!(draft_bytes(&store, &order.name), before, "{case}");
        if let Some(server) = &server {
            assert!(server.messages().is_empty(), "{case}");
        }
    }
    assert_eq!(store.load(&order.name).unwrap().status, Status::Draft);
}

#[test]
fn a_draft_with_errors_or_changed_since_the_preview_is_refused() {
    let ws = Workspace::new();
    let file = ws.variant(
        "criipto-complete.toml",
        "broken",
        "contacts.signatory.email",
        common::s("not an address"),
    );
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let order = order::import(&store, &file, Some("broken"), jiff::Timestamp::now()).unwrap();
    let config = config(&[(
        "EID_ONBOARD_MAIL_FOLDER",
        ws.path("out").display().to_string(),
    )]);
    match mail::prepare(&order, &config, &Default::default(), &Context::now()) {
        Err(MailError::NotReady { report }) => assert!(report.errors() > 0),
        other => panic!("{other:?}"),
    }

    let (store, order) = clinic(&ws);
    let prepared = mail::prepare(&order, &config, &Default::default(), &ctx()).unwrap();
    // An answer changes after the preview (an identical import would not count as a change).
    let changed = ws.variant(
        "criipto-complete.toml",
        "changed",
        "service.display_name",
        common::s("Bølgen Helse Booking"),
    );
    order::import(&store, &changed, Some("clinic"), jiff::Timestamp::now()).unwrap();
    let lock = store.lock(&order.name).unwrap();
    assert!(matches!(
        mail::deliver(&store, &lock, &prepared, &config, None, false),
        Err(MailError::Changed)
    ));
    assert!(!ws.path("out").exists());
}

#[test]
fn the_file_transport_writes_the_bundles_message_eml() {
    let ws = Workspace::new();
    let outbox = ws.path("outbox");
    let config = config(&[
        ("EID_ONBOARD_FROM", SENDER.into()),
        ("EID_ONBOARD_MAIL_FOLDER", outbox.display().to_string()),
    ]);
    let (store, order) = clinic(&ws);
    let prepared = mail::prepare(&order, &config, &Default::default(), &ctx()).unwrap();
    let lock = store.lock(&order.name).unwrap();
    let (records, _) = mail::deliver(&store, &lock, &prepared, &config, None, false).unwrap();
    let record = &records[0];
    let written = files_under(&outbox).pop().unwrap();
    assert_eq!(
        record.transport,
        format!(
            "file {}",
            std::fs::canonicalize(&written).unwrap().display()
        )
    );
    let built = bundle::build_as(&order, &Default::default(), config.sender()).unwrap();
    assert!(
        unstamped(&std::fs::read(&written).unwrap())
            == unstamped(&built.files[bundle::MESSAGE_EML]),
        "the .eml file is the bundle's message.eml but its Date and Message-ID"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&written).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // Nothing else is left in the folder.
    assert_eq!(std::fs::read_dir(&outbox).unwrap().count(), 1);
}

#[test]
fn sendmail_gets_the_envelope_and_the_message() {
    let ws = Workspace::new();
    let script = ws.path("fake-sendmail");
    let log = ws.path("sendmail.log");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$@\" > '{0}.args'\ncat > '{0}'\n",
            log.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = config(&[
        ("EID_ONBOARD_FROM", SENDER.into()),
        ("EID_ONBOARD_SENDMAIL", script.display().to_string()),
    ]);
    let (_, order) = clinic(&ws);
    let prepared = mail::prepare(&order, &config, &Default::default(), &ctx()).unwrap();
    let record = mail::send(&prepared, &config, None).unwrap();
    assert!(record.transport.starts_with("sendmail "));
    assert!(unstamped(&std::fs::read(&log).unwrap()) == unstamped(&prepared.raw));
    let args = std::fs::read_to_string(format!("{}.args", log.display())).unwrap();
    assert_eq!(
        args.trim(),
        "-i -f it@bolgenhelse.no -- support@criipto.com marte.soyland@bolgenhelse.no"
    );

    // A failing program is a failure, said as such.
    std::fs::write(
        &script,
        "#!/bin/sh\ncat > /dev/null\necho 'no route' >&2\nexit 75\n",
    )
    .unwrap();
    let error = mail::send(&prepared, &config, None).unwrap_err();
    assert_eq!(error.kind, FailureKind::Sendmail);
    let text = error.message(eid_onboard::text::Lang::En);
    assert!(text.contains("no route"), "{text}");
}

// ---- the command line ----

fn cmd(ws: &Workspace) -> Command {
    let mut cmd = Command::cargo_bin("eid-onboard").expect("binary");
    cmd.arg("--data-dir")
        .arg(ws.data_dir())
        .arg("--lang")
        .arg("en")
        .env_remove("EID_ONBOARD_DATA_DIR");
    common::no_registry(&mut cmd, ws);
    cmd
}

fn config_dir(ws: &Workspace) -> PathBuf {
    ws.dir.path().join("config").join("eid-onboard")
}

fn write_config(ws: &Workspace, text: &str) {
    std::fs::create_dir_all(config_dir(ws)).unwrap();
    std::fs::write(config_dir(ws).join("config.toml"), text).unwrap();
}

fn out(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn import(ws: &Workspace, fixture: &str, name: &str) {
    cmd(ws)
        .arg("import")
        .arg(ws.path(fixture))
        .arg(name)
        .assert()
        .success();
}

/// Every file under `dir`.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn cli_send_records_refuses_a_second_send_and_never_stores_the_password() {
    let ws = Workspace::new();
    let pki = Pki::new();
    let ca = write_ca(&ws, &pki);
    let server = Server::start(Options {
        starttls: Some(pki.server.clone()),
        login: Some((USER.into(), PASSWORD.into())),
        ..Options::default()
    });
    write_config(
        &ws,
        &format!(
            "[mail]\nfrom = \"{}\"\nsmtp = \"{}\"\nuser = \"{USER}\"\nca_file = \"{}\"\ntimeout = 2\n",
            SENDER.replace('"', "\\\""),
            server.url("smtp", None),
            ca.display()
        ),
    );
    import(&ws, "criipto-complete.toml", "clinic");

    // Without a password and without a terminal: exit 2 before anything is sent.
    let output = cmd(&ws).args(["send", "clinic", "--yes"]).output().unwrap();
    let (stdout, stderr) = out(&output);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("EID_ONBOARD_SMTP_PASSWORD"), "{stderr}");
    assert_eq!(server.connections(), 0);

    // Not confirmed (no terminal, no --yes): the preview, then exit 1.
    let output = cmd(&ws)
        .args(["send", "clinic"])
        .env("EID_ONBOARD_SMTP_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    let (stdout, stderr) = out(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stdout.contains("To: Criipto <support@criipto.com>"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Not sent: confirm on a terminal, or pass --yes."),
        "{stdout}"
    );
    assert_eq!(server.connections(), 0);

    let output = cmd(&ws)
        .args(["send", "clinic", "--yes"])
        .env("EID_ONBOARD_SMTP_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    let (stdout, stderr) = out(&output);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("Sent to support@criipto.com"), "{stdout}");
    assert!(stdout.contains("Message-ID: <"), "{stdout}");
    assert_eq!(server.messages().len(), 1);
    assert!(!stdout.contains(PASSWORD) && !stderr.contains(PASSWORD));

    let list = cmd(&ws).arg("list").output().unwrap();
    assert!(out(&list).0.contains(" sent "), "{}", out(&list).0);

    // Sent again: refused, exit 1, nothing sent.
    let output = cmd(&ws)
        .args(["send", "clinic", "--yes"])
        .env("EID_ONBOARD_SMTP_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    let (stdout, stderr) = out(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout.is_empty(), "the refusal is on stderr: {stdout}");
    assert!(stderr.contains("already sent"), "{stderr}");
    assert!(stderr.contains("--resend"), "{stderr}");
    assert_eq!(server.messages().len(), 1);

    // The password is in no file under the data, config or cache folder.
    let mut files = files_under(&ws.data_dir());
    files.extend(files_under(&ws.dir.path().join("config")));
    files.extend(files_under(&ws.cache_dir()));
    assert!(files.iter().any(|f| f.ends_with("clinic.toml")));
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        assert!(
            !bytes
                .windows(PASSWORD.len())
                .any(|w| w == PASSWORD.as_bytes()),
            "the password is in {}",
            file.display()
        );
    }
    let draft = std::fs::read_to_string(ws.data_dir().join("drafts/clinic.toml")).unwrap();
    assert!(draft.contains("[[sent]]"), "{draft}");
    assert!(draft.contains("status = \"sent\""), "{draft}");

    // A wrong password: exit 2, what happened and what to try, the draft unchanged.
    let before = std::fs::read(ws.data_dir().join("drafts/clinic.toml")).unwrap();
    let output = cmd(&ws)
        .args(["send", "clinic", "--yes", "--resend"])
        .env("EID_ONBOARD_SMTP_PASSWORD", "wrong")
        .output()
        .unwrap();
    let (stdout, stderr) = out(&output);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("did not accept the user name"), "{stderr}");
    assert!(stderr.contains("nothing was recorded"), "{stderr}");
    assert_eq!(
        std::fs::read(ws.data_dir().join("drafts/clinic.toml")).unwrap(),
        before
    );
}

#[test]
fn cli_dry_run_refusals_and_statuses() {
    let ws = Workspace::new();
    let server = Server::start(Options::default());
    write_config(
        &ws,
        &format!(
            "[mail]\nsmtp = \"{}\"\ntimeout = 1\n",
            server.url("smtp", None)
        ),
    );
    import(&ws, "idura-complete.toml", "acme");

    // --dry-run prints the message and sends nothing; with no sender the general contact is From.
    let output = cmd(&ws)
        .args(["send", "acme", "--dry-run"])
        .output()
        .unwrap();
    let (stdout, stderr) = out(&output);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("From: Kjærsti Østgård <kjaersti.ostgard@solglott-eiendom.no>"),
        "{stdout}"
    );
    assert!(stdout.contains("To: Idura <orders@idura.eu>"), "{stdout}");
    assert!(stdout.contains("Cc: Kjærsti Østgård"), "{stdout}");
    assert!(!stdout.contains("Reply-To"), "{stdout}");
    assert!(stdout.contains("request.pdf"), "{stdout}");
    assert!(stdout.contains("Dry run: nothing was sent."), "{stdout}");
    assert_eq!(server.connections(), 0);

    // Marking before anything left is refused.
    let output = cmd(&ws)
        .args(["status", "acme", "signed"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        out(&output).0.contains("only after bundled"),
        "{}",
        out(&output).0
    );

    cmd(&ws).args(["send", "acme", "--yes"]).assert().success();
    assert_eq!(server.messages().len(), 1);
    let output = cmd(&ws)
        .args(["status", "acme", "credentials-received"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(out(&output).0.contains("only after signed"));
    cmd(&ws)
        .args(["status", "acme", "signed"])
        .assert()
        .success();
    cmd(&ws)
        .args(["status", "acme", "credentials-received"])
        .assert()
        .success();
    let list = cmd(&ws).args(["list", "--json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(rows["drafts"][0]["status"], "credentials-received");
    // Sending again after that is refused as well.
    let output = cmd(&ws).args(["send", "acme", "--yes"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));

    // A draft with errors is refused, exit 1, nothing sent.
    let file = ws.variant(
        "idura-complete.toml",
        "broken",
        "contacts.general.email",
        common::s("kari@"),
    );
    cmd(&ws)
        .arg("import")
        .arg(&file)
        .arg("broken")
        .assert()
        .success();
    let output = cmd(&ws).args(["send", "broken", "--yes"]).output().unwrap();
    let (stdout, _) = out(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout.contains("Nothing was sent."), "{stdout}");
    assert_eq!(server.messages().len(), 1);

    // The server gone: exit 2, the message says what happened and what to try.
    import(&ws, "idura-complete.toml", "acme2");
    write_config(
        &ws,
        &format!(
            "[mail]\nsmtp = \"smtp://127.0.0.1:{}\"\ntimeout = 1\n",
            closed_port()
        ),
    );
    let output = cmd(&ws).args(["send", "acme2", "--yes"]).output().unwrap();
    let (stdout, stderr) = out(&output);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("connection was refused"), "{stderr}");
    assert!(stderr.contains("Check the host and port"), "{stderr}");
    let list = cmd(&ws).args(["list", "--json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let acme2 = rows["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "acme2")
        .unwrap();
    assert_eq!(acme2["status"], "draft");
}

/// The complete Criipto order imported as `clinic` and bundled under `bundles/`, with mail going
/// to the folder transport: the outbox folder.
fn bundled_for_the_folder_transport(ws: &Workspace) -> std::path::PathBuf {
    let outbox = ws.path("outbox");
    write_config(
        ws,
        &format!(
            "[mail]\nfrom = \"{}\"\nfolder = \"{}\"\n",
            SENDER,
            outbox.display()
        ),
    );
    import(ws, "criipto-complete.toml", "clinic");
    cmd(ws)
        .args(["bundle", "clinic", "--out"])
        .arg(ws.path("bundles"))
        .assert()
        .success();
    outbox
}

#[test]
fn cli_file_transport_equals_the_bundle_and_config_shows_sources() {
    let ws = Workspace::new();
    let outbox = bundled_for_the_folder_transport(&ws);
    cmd(&ws)
        .args(["send", "clinic", "--yes"])
        .assert()
        .success();
    let written = files_under(&outbox);
    assert_eq!(written.len(), 1);
    assert!(
        unstamped(&std::fs::read(&written[0]).unwrap())
            == unstamped(
                &std::fs::read(ws.path("bundles/clinic-criipto-no-bankid/message.eml")).unwrap()
            ),
        "send's .eml is the bundle's message.eml but its Date and Message-ID"
    );

    let output = cmd(&ws)
        .arg("config")
        .env("EID_ONBOARD_SMTP_PASSWORD", PASSWORD)
        .env("EID_ONBOARD_SMTP_URL", "smtps://smtp.bolgenhelse.no")
        .output()
        .unwrap();
    let (stdout, stderr) = out(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(!stdout.contains(PASSWORD));
    assert!(
        stdout.contains("set in the environment (EID_ONBOARD_SMTP_PASSWORD)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("smtps://smtp.bolgenhelse.no:465"),
        "{stdout}"
    );
    assert!(
        stdout.contains("(environment EID_ONBOARD_SMTP_URL)"),
        "{stdout}"
    );
    assert!(stdout.contains(SENDER), "{stdout}");
    assert!(stdout.contains("(config file "), "{stdout}");
    assert!(stdout.contains("[registry]"), "{stdout}");

    // A mistake in the file is an error naming it.
    write_config(&ws, "[mail]\npassword = \"x\"\n");
    let output = cmd(&ws).arg("config").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(out(&output).1.contains("config.toml"));
    let _ = Arc::new(());
}

/// The BankID OIDC order in PROD with a dedicated merchant certificate: two messages, the order to
/// the partner and the certificate request to BankID Norge's sales.
fn bankid_prod(ws: &Workspace) -> (DraftStore, Order) {
    let source = std::fs::read_to_string(ws.path("bankid-oidc-complete.toml")).unwrap();
    let mut table: toml::Table = source.parse().unwrap();
    let list = |items: &[&str]| {
        Some(toml::Value::Array(
            items
                .iter()
                .map(|s| toml::Value::String(s.to_string()))
                .collect(),
        ))
    };
    for (path, value) in [
        ("client.environment", common::s("prod")),
        (
            "client.redirect_uris",
            list(&["https://styre.fjordlys-borettslag.no/auth/callback"]),
        ),
        ("certificate", None),
        (
            "certificate.dedicated_prod",
            Some(toml::Value::Boolean(true)),
        ),
        ("certificate.common_name", common::s("Fjordlys Borettslag")),
    ] {
        common::set_path(&mut table, path, value);
    }
    let file = ws.path("bankid-prod.toml");
    std::fs::write(&file, toml::to_string_pretty(&table).unwrap()).unwrap();
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let order = order::import(&store, &file, Some("prod"), now).unwrap();
    (store, order)
}

/// What the server received is exactly `raw` but the send's Date and Message-ID.
fn same_bytes(received: &[u8], raw: &[u8]) -> bool {
    unstamped(received) == unstamped(raw)
}

#[test]
fn a_prod_bankid_order_sends_the_order_and_the_certificate_request_and_records_both() {
    let ws = Workspace::new();
    let server = Server::start(Options::default());
    let config = config(&[
        ("EID_ONBOARD_FROM", SENDER.into()),
        ("EID_ONBOARD_SMTP_URL", server.url("smtp", None)),
        ("EID_ONBOARD_SMTP_TIMEOUT", "2".into()),
    ]);
    let (store, order) = bankid_prod(&ws);
    let prepared = mail::prepare(&order, &config, &Default::default(), &ctx()).unwrap();
    let [extra] = prepared.also.as_slice() else {
        panic!("one further message: {:?}", prepared.also)
    };
    assert_eq!(extra.file, "certificate-message.eml");
    assert_eq!(extra.to.email.to_string(), "salg@bankidnorge.no");
    assert_eq!(
        extra.subject,
        "Dedicated BankID merchant certificate for FJORDLYS BORETTSLAG"
    );
    assert_eq!(extra.attachments[0].name, "request.pdf");
    let built = bundle::build_as(&order, &Default::default(), config.sender()).unwrap();
    assert_eq!(extra.raw, built.files["certificate-message.eml"]);
    assert!(
        prepared
            .preview(eid_onboard::text::Lang::En)
            .contains("Also sends: Dedicated BankID merchant certificate for FJORDLYS BORETTSLAG to salg@bankidnorge.no"),
    );

    let lock = store.lock(&order.name).unwrap();
    let (records, draft) = mail::deliver(&store, &lock, &prepared, &config, None, false).unwrap();
    let received = server.messages();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].to[0], prepared.to.email.to_string());
    assert_ne!(received[0].to[0], "salg@bankidnorge.no");
    assert!(same_bytes(&received[0].data, &prepared.raw));
    assert_eq!(received[1].to[0], "salg@bankidnorge.no");
    assert!(same_bytes(&received[1].data, &extra.raw));

    assert_eq!(records.len(), 2);
    assert_eq!(draft.sent, records);
    assert_eq!(records[0].message, "message.eml");
    // Each message goes with a Message-ID of its own send, not the bundle's.
    assert_ne!(records[0].message_id, prepared.message_id);
    assert_eq!(records[1].message, "certificate-message.eml");
    assert_eq!(records[1].to, "salg@bankidnorge.no");
    assert_ne!(records[1].message_id, extra.message_id);
    assert_ne!(records[0].message_id, records[1].message_id);
    assert_eq!(draft.status, Status::Sent);
    assert_eq!(store.load(&order.name).unwrap(), draft);

    // Both went: a second send is refused; --resend sends both again.
    assert!(matches!(
        mail::deliver(&store, &lock, &prepared, &config, None, false),
        Err(MailError::AlreadySent { .. })
    ));
    let (records, draft) = mail::deliver(&store, &lock, &prepared, &config, None, true).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(draft.sent.len(), 4);
    assert_eq!(server.messages().len(), 4);
}

#[test]
fn a_rejected_certificate_request_leaves_the_order_recorded_and_says_what_was_not_sent() {
    let ws = Workspace::new();
    let server = Server::start(Options {
        reject_rcpt_to: Some(("salg@bankidnorge.no".into(), 550)),
        ..Options::default()
    });
    let config = config(&[
        ("EID_ONBOARD_FROM", SENDER.into()),
        ("EID_ONBOARD_SMTP_URL", server.url("smtp", None)),
        ("EID_ONBOARD_SMTP_TIMEOUT", "2".into()),
    ]);
    let (store, order) = bankid_prod(&ws);
    let prepared = mail::prepare(&order, &config, &Default::default(), &ctx()).unwrap();
    let lock = store.lock(&order.name).unwrap();
    let error = mail::deliver(&store, &lock, &prepared, &config, None, false).unwrap_err();
    let text = error.to_string();
    let MailError::NotAllSent {
        sent,
        not_sent,
        source,
    } = error
    else {
        panic!("{text}")
    };
    assert_eq!(
        source.kind,
        FailureKind::Rejected {
            code: 550,
            transient: false,
            step: Step::Recipient,
        },
        "{text}"
    );
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].message, "message.eml");
    assert_eq!(
        not_sent,
        [
            "certificate-message.eml (\"Dedicated BankID merchant certificate for FJORDLYS BORETTSLAG\" to salg@bankidnorge.no)"
        ]
    );
    assert!(
        text.contains("Sent and recorded: message.eml to "),
        "{text}"
    );
    assert!(text.contains("Not sent: certificate-message.eml"), "{text}");
    assert_eq!(server.messages().len(), 1);
    let draft = store.load(&order.name).unwrap();
    assert_eq!(draft.sent, sent, "the order is recorded");
    assert_eq!(draft.status, Status::Sent);

    // Sending again without --resend sends only what was not sent: the certificate request.
    let server = Server::start(Options::default());
    let config = self::config(&[
        ("EID_ONBOARD_FROM", SENDER.into()),
        ("EID_ONBOARD_SMTP_URL", server.url("smtp", None)),
        ("EID_ONBOARD_SMTP_TIMEOUT", "2".into()),
    ]);
    let (records, draft) = mail::deliver(&store, &lock, &prepared, &config, None, false).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].message, "certificate-message.eml");
    let received = server.messages();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to[0], "salg@bankidnorge.no");
    assert_eq!(draft.sent.len(), 2);
}

#[test]
fn cli_send_refuses_an_attachment_changed_since_the_bundle() {
    let ws = Workspace::new();
    let outbox = bundled_for_the_folder_transport(&ws);
    let mut pdf = std::fs::read(ws.path("firmaattest.pdf")).unwrap();
    pdf.extend_from_slice(b"%edited after the bundle\n");
    std::fs::write(ws.path("firmaattest.pdf"), pdf).unwrap();

    let output = cmd(&ws).args(["send", "clinic", "--yes"]).output().unwrap();
    let (stdout, stderr) = out(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    // A refusal is said on stderr.
    assert!(stderr.contains("Not sent"), "{stderr}");
    assert!(stderr.contains("attachments/firmaattest.pdf"), "{stderr}");
    assert!(stderr.contains("bundle again"), "{stderr}");
    assert!(files_under(&outbox).is_empty(), "nothing was sent");
}
