//! An order that is an access request: bankid-oidc in CURRENT without a partner is filed by hand in
//! BankID's service desk for the OIDC test environment, a web form that takes no email. The bundle
//! holds `access-request.txt` instead of `message.eml`; `send` (and its dry run, and the wizard's
//! send) refuses without touching SMTP; `status NAME sent` records the filing. With a partner the
//! same order is an email to the partner, and the dedicated PROD certificate still goes to BankID
//! Norge's sales. The answers are the complete CURRENT fixture with the partner left out, written
//! into the test's folder.

mod common;
mod tui_common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use common::smtp::{Options, Server};
use common::{Workspace, s, stdout};
use crossterm::event::KeyCode;
use eid_onboard::bundle::{self, BundleError};
use eid_onboard::draft::{DraftName, DraftStore, Status};
use eid_onboard::form::{Delivery, parse_form};
use eid_onboard::order::{self, Order};
use eid_onboard::text::Lang;

const FIXTURE: &str = "bankid-oidc-complete.toml";
const PROVISIONING: &str =
    "https://confluence.bankidnorge.no/confluence/display/pdoidclpp/Provisioning";
const DESK: &str = "BankID's service desk for the OIDC test environment";
const SENDER: &str = "Sigrid Haugland <sigrid.haugland@fjordlys-borettslag.no>";
const BANKID_OIDC: &str = include_str!("../assets/forms/bankid-oidc.toml");

/// The fixture with `changes` (None removes a key), written as `<out>.toml` in the workspace.
fn answers(ws: &Workspace, out: &str, changes: &[(&str, Option<toml::Value>)]) -> PathBuf {
    let source = std::fs::read_to_string(ws.path(FIXTURE)).unwrap();
    let mut table: toml::Table = source.parse().unwrap();
    for (path, value) in changes {
        common::set_path(&mut table, path, value.clone());
    }
    let file = ws.path(&format!("{out}.toml"));
    std::fs::write(&file, toml::to_string_pretty(&table).unwrap()).unwrap();
    file
}

/// The complete CURRENT order without a partner.
fn access_request_answers(ws: &Workspace) -> PathBuf {
    answers(ws, "bankid-oidc-access-request", &[("partner", None)])
}

/// The order in PROD with a dedicated merchant certificate (`partner` as given).
fn prod_certificate_answers(ws: &Workspace, partner: bool) -> PathBuf {
    let mut changes = vec![
        ("client.environment", s("prod")),
        (
            "client.redirect_uris",
            Some(toml::Value::Array(vec![toml::Value::String(
                "https://styre.fjordlys-borettslag.no/auth/callback".into(),
            )])),
        ),
        ("certificate", None),
        (
            "certificate.dedicated_prod",
            Some(toml::Value::Boolean(true)),
        ),
        ("certificate.common_name", s("Fjordlys Borettslag")),
    ];
    if !partner {
        changes.push(("partner", None));
    }
    answers(ws, "bankid-oidc-prod-certificate", &changes)
}

fn cmd(ws: &Workspace) -> assert_cmd::Command {
    common::cli(ws)
}

/// The command with the sender and a loopback SMTP server configured.
fn with_smtp(ws: &Workspace, server: &Server) -> assert_cmd::Command {
    let mut cmd = cmd(ws);
    cmd.env("EID_ONBOARD_SMTP_URL", server.url("smtp", None))
        .env("EID_ONBOARD_FROM", SENDER)
        .env("EID_ONBOARD_SMTP_TIMEOUT", "2");
    cmd
}

fn import(ws: &Workspace, file: &Path, name: &str) {
    cmd(ws).arg("import").arg(file).arg(name).assert().success();
}

fn out_dir(ws: &Workspace) -> PathBuf {
    ws.dir.path().join("out")
}

fn bundle_cli(ws: &Workspace, name: &str) -> (PathBuf, String) {
    let output = cmd(ws)
        .args(["bundle", name, "--out"])
        .arg(out_dir(ws))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    (
        out_dir(ws).join(format!("{name}-bankid-oidc")),
        stdout(&output),
    )
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn status(ws: &Workspace, name: &str) -> Status {
    DraftStore::open(ws.data_dir())
        .unwrap()
        .load(&DraftName::parse(name).unwrap())
        .unwrap()
        .status
}

/// Imported through the library at a fixed time.
fn order(ws: &Workspace, file: &Path, name: &str) -> Order {
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    order::import(&store, file, Some(name), now).unwrap()
}

#[test]
fn current_without_a_partner_bundles_an_access_request_with_the_answers_and_files() {
    let ws = Workspace::new();
    import(&ws, &access_request_answers(&ws), "fjordlys");
    let (dir, said) = bundle_cli(&ws, "fjordlys");
    assert!(
        said.contains(&format!(
            "This order is an access request: paste access-request.txt into {DESK}, upload the attachments, then `eid-onboard status fjordlys sent`"
        )),
        "{said}"
    );
    assert!(said.contains(PROVISIONING), "{said}");

    assert!(!dir.join("message.eml").exists());
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    assert!(sums.contains("  access-request.txt\n"), "{sums}");
    assert!(!sums.contains("message.eml"), "{sums}");
    for file in ["request.pdf", "request.toml", "request.json"] {
        assert!(sums.contains(&format!("  {file}\n")), "{file}:\n{sums}");
    }
    let attachments: Vec<&str> = sums
        .lines()
        .filter_map(|l| l.split_once("  ").map(|(_, path)| path))
        .filter(|path| path.starts_with("attachments/"))
        .collect();
    assert_eq!(attachments.len(), 2, "the logo and the .bid file:\n{sums}");
    cmd(&ws).arg("verify").arg(&dir).assert().success();
    cmd(&ws)
        .arg("verify")
        .arg(dir.with_extension("zip"))
        .assert()
        .success();

    let request = std::fs::read_to_string(dir.join("access-request.txt")).unwrap();
    // The header: what it is, where to file it, the files to upload there too.
    assert!(
        request.starts_with(&format!("Access request: {DESK}\n")),
        "{request}"
    );
    assert!(
        request.contains("This is an access request, not an email"),
        "{request}"
    );
    assert!(
        request.contains("Upload these files of the bundle there too:"),
        "{request}"
    );
    for path in &attachments {
        assert!(
            request.contains(&format!("\n   {path}\n")),
            "{path}:\n{request}"
        );
    }
    // The URL whole on its line; every other line within the email body's width.
    assert!(
        request.lines().any(|l| l.contains(PROVISIONING)),
        "{request}"
    );
    for line in request.lines() {
        assert!(
            line.chars().count() <= 76 || line.contains("://"),
            "too long: {line:?}"
        );
    }
    // The request itself: addressed to the service desk, the answers in question order.
    assert!(
        request.contains(&format!("To: {DESK} (access request)")),
        "{request}"
    );
    for answer in [
        "Fjordlys Styreportal",
        "FJORDLYS BORETTSLAG",
        "https://styre.fjordlys-borettslag.no/auth/callback",
        "sigrid.haugland@fjordlys-borettslag.no",
    ] {
        assert!(request.contains(answer), "{answer}:\n{request}");
    }
    let numbers: Vec<usize> = (1..=5)
        .map(|n| {
            request
                .find(&format!("\n{n}. "))
                .unwrap_or_else(|| panic!("question {n}:\n{request}"))
        })
        .collect();
    assert!(numbers.is_sorted(), "{numbers:?}");
    assert!(!request.contains("salg@bankidnorge.no"), "{request}");
    assert!(!request.contains("Nordsignering"), "{request}");
    // The request for signing is addressed the same way.
    let pdf = common::pdf::Pdf::open(&dir.join("request.pdf")).text();
    let pdf_words = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(pdf_words.contains("(access request)"), "{pdf}");
    assert!(!pdf.contains("salg@bankidnorge.no"), "{pdf}");

    // The same draft gives the same bundle, byte for byte.
    let zip = std::fs::read(dir.with_extension("zip")).unwrap();
    bundle_cli(&ws, "fjordlys");
    assert_eq!(
        std::fs::read_to_string(dir.join("access-request.txt")).unwrap(),
        request
    );
    assert_eq!(std::fs::read(dir.with_extension("zip")).unwrap(), zip);
}

#[test]
fn an_access_request_is_refused_by_send_and_its_dry_run_without_reaching_smtp() {
    let ws = Workspace::new();
    let server = Server::start(Options::default());
    import(&ws, &access_request_answers(&ws), "fjordlys");
    bundle_cli(&ws, "fjordlys");
    assert_eq!(status(&ws, "fjordlys"), Status::Bundled);

    for args in [
        &["send", "fjordlys", "--yes"][..],
        &["send", "fjordlys", "--dry-run"],
        &["send", "fjordlys", "--yes", "--resend"],
    ] {
        let output = with_smtp(&ws, &server).args(args).output().unwrap();
        let said = text(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {said}");
        assert!(
            said.contains(&format!(
                "Not sent: this order is an access request for {DESK}, which takes no email."
            )),
            "{args:?}: {said}"
        );
        assert!(said.contains(PROVISIONING), "{said}");
        assert!(
            said.contains("`eid-onboard status fjordlys sent`"),
            "{said}"
        );
    }
    assert_eq!(server.connections(), 0, "no connection to the SMTP server");
    assert!(server.messages().is_empty());
    assert_eq!(status(&ws, "fjordlys"), Status::Bundled);

    // Filed by hand, it is marked sent by `status`.
    let output = cmd(&ws)
        .args(["status", "fjordlys", "sent"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(status(&ws, "fjordlys"), Status::Sent);
}

#[test]
fn the_refusal_comes_from_the_library_too_in_norwegian_as_well() {
    let ws = Workspace::new();
    let order = order(&ws, &access_request_answers(&ws), "fjordlys");
    let config = eid_onboard::mail::Config::load_from(None, |_| None).unwrap();
    let e = eid_onboard::mail::prepare(
        &order,
        &config,
        &Default::default(),
        &eid_onboard::validate::Context::on("2026-11-21".parse().unwrap()),
    )
    .unwrap_err();
    let eid_onboard::mail::MailError::AccessRequest {
        draft,
        title,
        place,
    } = &e
    else {
        panic!("refused as an access request: {e}")
    };
    assert!(e.to_string().contains(DESK), "{e}");
    let nb = eid_onboard::mail::access_request_refusal(draft, title, place, Lang::Nb);
    assert!(nb.starts_with("Ikke sendt: denne bestillingen er en tilgangsforespørsel"));
    assert!(nb.contains(PROVISIONING), "{nb}");

    // The library's bundle has no message for it to send.
    let built = bundle::build(&order, &Default::default()).unwrap();
    assert!(built.delivery.is_access_request());
    assert!(built.envelope.is_none());
    assert!(built.messages.is_empty(), "{:?}", built.messages);
    assert!(built.files.contains_key(bundle::ACCESS_REQUEST_TXT));
    assert!(!built.files.contains_key(bundle::MESSAGE_EML));
}

#[test]
fn with_a_partner_the_same_order_is_sent_to_the_partner() {
    let ws = Workspace::new();
    let server = Server::start(Options::default());
    import(&ws, &ws.path(FIXTURE), "fjordlys");
    // Bundled with the sender `send` sends from, so the message is the bundle's.
    let output = with_smtp(&ws, &server)
        .args(["bundle", "fjordlys", "--out"])
        .arg(out_dir(&ws))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let said = stdout(&output);
    let dir = out_dir(&ws).join("fjordlys-bankid-oidc");
    assert!(!said.contains("access request"), "{said}");
    assert!(dir.join("message.eml").exists());
    assert!(!dir.join("access-request.txt").exists());

    let output = with_smtp(&ws, &server)
        .args(["send", "fjordlys", "--yes"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0]
            .to
            .iter()
            .any(|to| to == "onboarding@nordsignering.no"),
        "{:?}",
        messages[0].to
    );
    assert!(!messages[0].to.iter().any(|to| to.contains("bankidnorge")));
    assert_eq!(status(&ws, "fjordlys"), Status::Sent);
}

#[test]
fn forms_names_the_partner_or_an_access_request_not_bankid_sales() {
    let ws = Workspace::new();
    let output = cmd(&ws).arg("forms").output().unwrap();
    let listing = stdout(&output);
    let line = listing
        .lines()
        .find(|l| l.starts_with("bankid-oidc "))
        .unwrap_or_else(|| panic!("{listing}"));
    assert!(
        line.ends_with("<partner.email> or an access request when Environment is CURRENT (test)"),
        "{line}"
    );
    assert!(!listing.contains("salg@bankidnorge.no"), "{listing}");

    let output = cmd(&ws).args(["forms", "--json"]).output().unwrap();
    let forms: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let bankid = forms["forms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "bankid-oidc")
        .unwrap();
    assert!(bankid["recipient"].is_null(), "{bankid}");
    assert_eq!(bankid["recipient_field"], "partner");
    assert_eq!(bankid["access_request"]["title"], DESK);
    assert!(
        bankid["access_request"]["where"]
            .as_str()
            .unwrap()
            .contains(PROVISIONING),
        "{bankid}"
    );
}

#[test]
fn the_dedicated_prod_certificate_still_goes_to_bankid_sales() {
    let ws = Workspace::new();
    let order = order(&ws, &prod_certificate_answers(&ws, true), "prod");
    let built = bundle::build(&order, &Default::default()).unwrap();
    assert_eq!(
        built.delivery,
        Delivery::Email {
            to: "onboarding@nordsignering.no".into(),
            name: "Nordsignering AS".into(),
        }
    );
    assert_eq!(built.messages, ["message.eml", "certificate-message.eml"]);
    let [certificate] = built.separate.as_slice() else {
        panic!("one separate request")
    };
    assert_eq!(certificate.document.recipient, "salg@bankidnorge.no");
    assert!(
        certificate
            .envelope
            .to()
            .iter()
            .any(|to| to.to_string() == "salg@bankidnorge.no")
    );
}

#[test]
fn prod_without_a_partner_is_not_bundled_and_no_address_is_invented() {
    let ws = Workspace::new();
    let order = order(&ws, &prod_certificate_answers(&ws, false), "prod");
    assert_eq!(
        order.spec.delivery(&order.answers),
        Delivery::Missing {
            field: "partner".into()
        }
    );
    // The check may already stop it (a partner is needed in PROD); else the bundle does.
    match bundle::build(&order, &Default::default()) {
        Err(BundleError::NoAddressee { field }) => assert_eq!(field, "partner"),
        Err(BundleError::NotReady { report }) => assert!(
            report
                .problems
                .iter()
                .any(|p| p.field.starts_with("partner")),
            "{:?}",
            report.problems
        ),
        Err(e) => panic!("refused for another reason: {e}"),
        Ok(built) => panic!("bundled: {:?}", built.delivery),
    }
    let e = BundleError::NoAddressee {
        field: "partner".into(),
    };
    assert!(e.to_string().starts_with("partner: "), "{e}");
}

#[test]
fn the_loader_takes_an_addressee_field_without_a_fixed_recipient_and_checks_the_access_request() {
    let form = parse_form("bankid-oidc.toml", BANKID_OIDC).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(form.recipient, None);
    let request = form.access_request.as_ref().expect("an access request");
    assert_eq!(request.title.en, DESK);
    assert!(request.place.en.contains(PROVISIONING));
    assert!(request.place.nb.contains(PROVISIONING));
    assert!(request.when.is_some());

    let refused = |text: &str| match parse_form("bankid-oidc.toml", text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    };
    // Neither a recipient nor a field to take it from.
    let e = refused(&BANKID_OIDC.replace("recipient_field = \"partner\"\n", ""));
    assert!(
        e.contains("needs a `recipient`") && e.contains("`recipient_field`"),
        "{e}"
    );
    // A fixed recipient must still be an address.
    let e = refused(&BANKID_OIDC.replace(
        "recipient_field = \"partner\"\n",
        "recipient_field = \"partner\"\nrecipient = \"sales\"\n",
    ));
    assert!(
        e.contains("recipient \"sales\" is not an email address"),
        "{e}"
    );
    // A condition naming no field of the form.
    let e = refused(&BANKID_OIDC.replace(
        "when = { field = \"client.environment\", equals = \"current\" }\ntitle",
        "when = { field = \"client.environmnet\", equals = \"current\" }\ntitle",
    ));
    assert!(
        e.contains("access_request") && e.contains("client.environmnet"),
        "{e}"
    );
    // A where in one language only.
    let en_where = BANKID_OIDC
        .lines()
        .find(|l| l.starts_with("where.en = "))
        .expect("where.en");
    let e = refused(&BANKID_OIDC.replace(en_where, "where.en = \"\""));
    assert!(e.contains("`where` with `nb` and `en`"), "{e}");
    // An unknown key is a typo, not ignored.
    let e = refused(&BANKID_OIDC.replace("[access_request]\n", "[access_request]\nurl = \"x\"\n"));
    assert!(e.contains("url"), "{e}");
}

#[test]
fn an_access_request_needs_a_recipient_field() {
    let text = BANKID_OIDC.replace(
        "recipient_field = \"partner\"\n",
        "recipient = \"orders@example.org\"\n",
    );
    match parse_form("bankid-oidc.toml", &text) {
        Ok(_) => panic!("accepted an access request without a recipient_field"),
        Err(e) => assert!(
            e.to_string()
                .contains("`[access_request]` applies while `recipient_field` is unanswered"),
            "{e}"
        ),
    }
}

#[test]
fn the_wizard_refuses_to_send_an_access_request_and_says_where_to_file_it() {
    let ws = Workspace::new();
    let server = Server::start(Options::default());
    let store = DraftStore::open(ws.data_dir()).unwrap();
    order::import(
        &store,
        &access_request_answers(&ws),
        Some("fjordlys"),
        tui_common::fixed_now(),
    )
    .unwrap();
    let vars = [
        ("EID_ONBOARD_SMTP_URL", server.url("smtp", None)),
        ("EID_ONBOARD_FROM", SENDER.to_string()),
    ];
    let config = eid_onboard::mail::Config::load_from(None, |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    })
    .unwrap();
    let mut h = tui_common::Harness::new(&ws.data_dir(), 100, 40, Lang::En);
    h.app.set_mail(Ok(config));
    h.app.start_edit("fjordlys").unwrap();
    for _ in 0..20 {
        h.key(KeyCode::PageDown);
    }
    h.key(KeyCode::Char('s'));
    let start = Instant::now();
    while h.app.is_waiting() {
        assert!(start.elapsed() < Duration::from_secs(10), "still waiting");
        std::thread::sleep(Duration::from_millis(10));
        h.app.tick();
    }
    let screen = h.screen();
    // The dialog's text, without its frame and line breaks.
    let words: String = screen
        .split(|c: char| c.is_whitespace() || c == '│')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains("Not sent"), "{screen}");
    assert!(!words.contains("This will be sent"), "{screen}");
    assert!(
        words.contains(&format!(
            "this order is an access request for {DESK}, which takes no email"
        )),
        "{screen}"
    );
    assert!(words.contains("Provisioning"), "{screen}");
    assert_eq!(server.connections(), 0);
    h.key(KeyCode::Enter);
    assert_eq!(status(&ws, "fjordlys"), Status::Draft);

    // Its bundle from the review says where to file it instead of sending it.
    let out = out_dir(&ws);
    h.key(KeyCode::Char('b'));
    tui_common::clear_editor(&mut h);
    h.text(&out.display().to_string()).key(KeyCode::Enter);
    let screen = h.screen();
    let words: String = screen
        .split(|c: char| c.is_whitespace() || c == '│')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains("The bundle is ready"), "{screen}");
    assert!(
        words.contains("This order is an access request, not an email"),
        "{screen}"
    );
    let folder = out.join("fjordlys-bankid-oidc");
    assert!(folder.join("access-request.txt").is_file());
    assert!(!folder.join("message.eml").exists());
    assert_eq!(server.connections(), 0);
}
