//! What is sent is exactly what was built: no byte added on the way, every attachment base64 with
//! its original bytes, attachment names kept through RFC 2231.

mod common;

use common::Workspace;
use common::smtp::{Options, Server};
use eid_onboard::draft::DraftStore;
use eid_onboard::mail::{self, Config};
use eid_onboard::order::{self, Order};
use eid_onboard::render::email::{self, MailFile};
use eid_onboard::validate::Context;

const SENDER: &str = "Ola Drift <it@bolgenhelse.no>";

fn config(server: &Server) -> Config {
    let vars = [
        ("EID_ONBOARD_FROM", SENDER.to_string()),
        ("EID_ONBOARD_SMTP_URL", server.url("smtp", None)),
        ("EID_ONBOARD_SMTP_TIMEOUT", "2".to_string()),
    ];
    Config::load_from(None, |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    })
    .unwrap()
}

fn ctx() -> Context {
    Context::on("2026-11-21".parse().unwrap())
}

fn import(ws: &Workspace, fixture: &str, name: &str) -> (DraftStore, Order) {
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let order = order::import(&store, &ws.path(fixture), Some(name), now).unwrap();
    (store, order)
}

/// The attachment parts of a parsed message: (file name, Content-Transfer-Encoding, decoded bytes).
fn attachments(mail: &mailparse::ParsedMail<'_>) -> Vec<(String, String, Vec<u8>)> {
    mail.subparts
        .iter()
        .filter_map(|part| {
            let disposition = part.get_content_disposition();
            let name = disposition.params.get("filename")?.clone();
            let encoding = part
                .headers
                .iter()
                .find(|h| {
                    h.get_key()
                        .eq_ignore_ascii_case("Content-Transfer-Encoding")
                })
                .map(|h| h.get_value())
                .unwrap_or_default();
            Some((name, encoding, part.get_body_raw().unwrap()))
        })
        .collect()
}

#[test]
fn the_server_receives_the_message_byte_for_byte_and_a_bid_file_as_base64() {
    let ws = Workspace::new();
    let server = Server::start(Options::default());
    let config = config(&server);
    let (store, order) = import(&ws, "bankid-oidc-complete.toml", "fjordlys");
    let prepared = mail::prepare(&order, &config, &Default::default(), &ctx()).unwrap();
    let lock = store.lock(&order.name).unwrap();
    let (records, _) = mail::deliver(&store, &lock, &prepared, &config, None, false).unwrap();

    let received = server.messages();
    assert_eq!(received.len(), 1 + prepared.also.len());
    // Nothing appended: not even the CRLF lettre's DATA terminator would add after the last one.
    // The server has the kept copy's bytes, and after the headers the bundle's.
    let kept = std::fs::read(records[0].copy.as_ref().unwrap()).unwrap();
    assert!(
        received[0].data == kept,
        "received {} bytes, kept {}",
        received[0].data.len(),
        kept.len()
    );
    let after_head = |raw: &[u8]| {
        let at = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        raw[at..].to_vec()
    };
    assert!(after_head(&received[0].data) == after_head(&prepared.raw));

    let parsed = mailparse::parse_mail(&received[0].data).unwrap();
    let files = attachments(&parsed);
    assert!(!files.is_empty());
    for (name, encoding, _) in &files {
        assert_eq!(encoding, "base64", "{name} is sent base64");
    }
    let original = std::fs::read(ws.path("merchant-test.bid")).unwrap();
    let bid = files
        .iter()
        .find(|(name, _, _)| name.ends_with(".bid"))
        .unwrap_or_else(|| panic!("a .bid attachment among {files:?}"));
    assert_eq!(bid.2, original, "the .bid file arrives with its own bytes");
}

#[test]
fn an_attachment_name_outside_ascii_survives() {
    let ws = Workspace::new();
    let (_store, order) = import(&ws, "criipto-complete.toml", "clinic");
    let built = eid_onboard::bundle::build(&order, &Default::default()).unwrap();
    let name = "firmaattest-Bølgen Helse å.pdf";
    let bytes = b"%PDF-1.7\n%test\n".to_vec();
    let message = email::message(
        &built.document,
        &[MailFile {
            name,
            bytes: &bytes,
        }],
        None,
    )
    .unwrap();
    let raw = message.formatted();
    assert!(raw.is_ascii(), "the headers are encoded");
    let parsed = mailparse::parse_mail(&raw).unwrap();
    let files = attachments(&parsed);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].0, name);
    assert_eq!(files[0].1, "base64");
    assert_eq!(files[0].2, bytes);
}

/// Bundles the order with the configured sender and records the bundle in the draft.
fn bundle_it(ws: &Workspace, store: &DraftStore, order: &Order, config: &Config) {
    let lock = store.lock(&order.name).unwrap();
    let outcome = eid_onboard::bundle::create(
        order,
        &ws.path("out"),
        &eid_onboard::bundle::Options {
            force: true,
            sender: config.sender().cloned(),
            ..Default::default()
        },
    )
    .unwrap();
    eid_onboard::bundle::record(store, &lock, &outcome, jiff::Timestamp::now()).unwrap();
}

#[test]
fn an_attachment_changed_after_the_bundle_refuses_the_send() {
    let ws = Workspace::new();
    let server = Server::start(Options::default());
    let config = config(&server);
    let (store, order) = import(&ws, "criipto-complete.toml", "clinic");
    bundle_it(&ws, &store, &order, &config);
    let order = Order::open(&store, &order.name).unwrap();
    let prepared = mail::prepare(&order, &config, &Default::default(), &ctx())
        .expect("the order as bundled can be sent");
    let dir = &order.draft.bundle.as_ref().unwrap().path;
    let bundled = std::fs::read(dir.join("message.eml")).unwrap();
    assert!(
        prepared.raw == bundled,
        "the prepared message is the bundled one"
    );

    // The firmaattest is replaced on disk after the bundle: the send is refused, naming it.
    let mut pdf = std::fs::read(ws.path("firmaattest.pdf")).unwrap();
    pdf.extend_from_slice(b"%edited\n");
    std::fs::write(ws.path("firmaattest.pdf"), pdf).unwrap();
    let order = Order::open(&store, &order.name).unwrap();
    let refusal = mail::prepare(&order, &config, &Default::default(), &ctx()).unwrap_err();
    let mail::MailError::ChangedSinceBundle { changed, .. } = &refusal else {
        panic!("refused as changed since the bundle: {refusal}")
    };
    assert!(
        changed.iter().any(|f| f.ends_with("firmaattest.pdf")),
        "{changed:?}"
    );
    assert!(changed.iter().any(|f| f == "message.eml"), "{changed:?}");
    assert!(refusal.to_string().contains("bundle again"), "{refusal}");
    assert!(server.messages().is_empty());

    // Bundling again makes it sendable.
    bundle_it(&ws, &store, &order, &config);
    let order = Order::open(&store, &order.name).unwrap();
    mail::prepare(&order, &config, &Default::default(), &ctx()).unwrap();
}

/// The Date header of a message, as a timestamp.
fn date_of(raw: &[u8]) -> jiff::Timestamp {
    let mail = mailparse::parse_mail(raw).unwrap();
    let date = mail
        .headers
        .iter()
        .find(|h| h.get_key().eq_ignore_ascii_case("Date"))
        .map(|h| h.get_value())
        .unwrap();
    jiff::fmt::rfc2822::parse(&date).unwrap().timestamp()
}

fn message_id_of(raw: &[u8]) -> String {
    let mail = mailparse::parse_mail(raw).unwrap();
    mail.headers
        .iter()
        .find(|h| h.get_key().eq_ignore_ascii_case("Message-ID"))
        .map(|h| h.get_value())
        .unwrap()
}

#[test]
fn a_send_is_dated_when_sent_kept_beside_the_draft_and_a_resend_gets_a_new_message_id() {
    let ws = Workspace::new();
    let server = Server::start(Options::default());
    let config = config(&server);
    let (store, order) = import(&ws, "criipto-complete.toml", "clinic");
    bundle_it(&ws, &store, &order, &config);
    let order = Order::open(&store, &order.name).unwrap();
    let prepared = mail::prepare(&order, &config, &Default::default(), &ctx()).unwrap();
    let lock = store.lock(&order.name).unwrap();

    let sent_at = jiff::Timestamp::now();
    let (records, draft) = mail::deliver(&store, &lock, &prepared, &config, None, false).unwrap();
    let received = server.messages();
    let [record] = records.as_slice() else {
        panic!("{records:?}")
    };
    let data = &received[0].data;
    // Dated when sent (the bundle's message is dated at noon of the order's date).
    let date = date_of(data);
    let apart = (date.as_second() - sent_at.as_second()).abs();
    assert!(apart <= 60, "Date {date} vs send {sent_at}");
    assert_ne!(date, date_of(&prepared.raw));
    // The exact bytes are kept beside the draft, 0600, and their hash is in the record.
    let copy = record.copy.as_ref().expect("a kept copy");
    assert!(copy.starts_with(store.sent_dir_of(&order.name)), "{copy:?}");
    let kept = std::fs::read(copy).unwrap();
    assert!(&kept == data, "the kept copy is what the server received");
    assert_eq!(
        record.sha256.as_deref(),
        Some(eid_onboard::bundle::sha256_hex(data).as_str())
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(copy).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(draft.sent, records);
    assert_eq!(message_id_of(data), record.message_id);
    // Everything after the headers is the bundle's message.
    let body_of = |raw: &[u8]| {
        let at = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        raw[at..].to_vec()
    };
    assert!(body_of(data) == body_of(&prepared.raw));

    // A resend: a new Message-ID, a second kept copy.
    let (again, draft) = mail::deliver(&store, &lock, &prepared, &config, None, true).unwrap();
    let received = server.messages();
    assert_eq!(received.len(), 2);
    assert_ne!(message_id_of(&received[1].data), message_id_of(data));
    assert_ne!(again[0].message_id, record.message_id);
    assert_ne!(again[0].copy, record.copy);
    assert_eq!(draft.sent.len(), 2);
    assert!(std::fs::read(again[0].copy.as_ref().unwrap()).unwrap() == received[1].data);
}

#[test]
fn a_draft_written_before_has_send_records_without_hash_or_copy() {
    let text = r#"
time = "2026-11-21T10:00:00Z"
to = "support@criipto.com"
from = "it@bolgenhelse.no"
transport = "smtps://smtp.example.org:465"
message_id = "<abc@eid-onboard>"
"#;
    let record: eid_onboard::draft::SendRecord = toml::from_str(text).unwrap();
    assert_eq!(record.sha256, None);
    assert_eq!(record.copy, None);
    assert_eq!(record.message, "message.eml");
}
