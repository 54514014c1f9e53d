//! Hostile values that used to pass: addresses a parser would silently change, numbers and codes
//! that pass a checksum but are never issued, duplicates, lifetimes beyond any sense, look-alike
//! hosts, names a mail program would decode, and attachments that are not what they claim (a
//! private key as the `.bid` file). Each is imported as an answers file, the way a user gets
//! one, and must give an error (or, where a source allows the value, a warning) that names the
//! field, in English and Norwegian.

mod common;

use std::path::{Path, PathBuf};

use common::{Workspace, s};
use eid_onboard::draft::DraftStore;
use eid_onboard::order::{self, Order};
use eid_onboard::prereq::Facts;
use eid_onboard::validate::{Context, Problem, Severity};

const IDURA: &str = "idura-complete.toml";
const IDPORTEN: &str = "idporten-oidc-complete.toml";
const BANKID: &str = "bankid-oidc-complete.toml";

fn now() -> jiff::Timestamp {
    "2026-11-20T08:15:00Z".parse().unwrap()
}

/// One hostile value: the fixture it goes into, where, and the problem it must give.
struct Case {
    fixture: &'static str,
    path: &'static str,
    value: toml::Value,
    field: &'static str,
    severity: Severity,
    /// Words of the English message.
    says: &'static str,
}

fn case(
    fixture: &'static str,
    path: &'static str,
    value: toml::Value,
    field: &'static str,
    severity: Severity,
    says: &'static str,
) -> Case {
    Case {
        fixture,
        path,
        value,
        field,
        severity,
        says,
    }
}

/// A case whose problem is reported at the field it sets.
fn at(
    fixture: &'static str,
    path: &'static str,
    value: toml::Value,
    severity: Severity,
    says: &'static str,
) -> Case {
    case(fixture, path, value, path, severity, says)
}

fn text(value: &str) -> toml::Value {
    toml::Value::String(value.to_string())
}

fn texts(values: &[&str]) -> toml::Value {
    toml::Value::Array(values.iter().map(|v| text(v)).collect())
}

/// Imports the fixture with `path` set to `value` as draft `name`.
fn imported(ws: &Workspace, fixture: &str, name: &str, path: &str, value: toml::Value) -> Order {
    let file = ws.variant(fixture, name, path, Some(value));
    let store = DraftStore::open(ws.data_dir()).unwrap();
    order::import(&store, &file, Some(name), now()).unwrap()
}

fn problems(order: &Order) -> Vec<Problem> {
    order
        .check(
            &Context::on(jiff::civil::date(2026, 11, 21)),
            &Facts::default(),
        )
        .problems
}

/// Runs every case; the failures, one line each (so one run shows them all).
/// Every case came out as expected; else which did not, all of them at once.
fn assert_none_failed(cases: &[Case]) {
    let failed = failures(cases);
    assert!(
        failed.is_empty(),
        "{} of {} failed:\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n")
    );
}

fn failures(cases: &[Case]) -> Vec<String> {
    let ws = Workspace::new();
    let mut failed = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let order = imported(
            &ws,
            case.fixture,
            &format!("case{i}"),
            case.path,
            case.value.clone(),
        );
        let found = problems(&order);
        let hit = found.iter().find(|p| {
            p.field == case.field && p.severity == case.severity && p.message.en.contains(case.says)
        });
        match hit {
            Some(problem)
                if problem.message.nb.is_empty() || problem.message.nb == problem.message.en =>
            {
                failed.push(format!(
                    "{} = {:?}: no Norwegian message",
                    case.path, case.value
                ));
            }
            Some(problem) if problem.message.en.chars().any(|c| c.is_control()) => {
                failed.push(format!(
                    "{} = {:?}: raw control character in {problem:?}",
                    case.path, case.value
                ));
            }
            Some(_) => {}
            None => failed.push(format!(
                "{} = {:?}: no {:?} on {} saying {:?}; found {found:#?}",
                case.path, case.value, case.severity, case.field, case.says
            )),
        }
    }
    failed
}

#[test]
fn addresses_a_parser_would_change_are_refused_naming_the_field() {
    let domain = "service.production_domain";
    let redirect = "client.redirect_uris";
    let first = "client.redirect_uris[1]";
    let error = Severity::Error;
    let cases = [
        case(
            IDURA,
            domain,
            text("https://login.example.no/\u{1b}]0;pwned\u{7}"),
            domain,
            error,
            "U+001B",
        ),
        case(
            IDURA,
            domain,
            text("https://login.example.no/\u{1b}[2J"),
            domain,
            error,
            "U+001B",
        ),
        case(
            IDURA,
            domain,
            text("https://login.example.no/a\r\nb"),
            domain,
            error,
            "U+000D",
        ),
        case(
            IDURA,
            domain,
            text("https://login.example.no/a\nb"),
            domain,
            error,
            "U+000A",
        ),
        case(
            IDURA,
            domain,
            text("https://login.exa\tmple.no"),
            domain,
            error,
            "U+0009",
        ),
        case(
            IDURA,
            domain,
            text("https://login.example.no/\0"),
            domain,
            error,
            "U+0000",
        ),
        case(
            IDURA,
            domain,
            text("https://login.example.no/\u{9b}31m"),
            domain,
            error,
            "U+009B",
        ),
        case(
            IDURA,
            domain,
            text("https://login.example.no/my path"),
            domain,
            error,
            "contains a blank",
        ),
        case(
            IDURA,
            domain,
            text("https://login.example.no\\@evil.com"),
            domain,
            error,
            "backslash",
        ),
        case(
            IDURA,
            domain,
            text("https://login.example.no/callback"),
            domain,
            error,
            "domain only",
        ),
        case(
            IDURA,
            domain,
            text("https://login.example.no/?next=/x"),
            domain,
            error,
            "domain only",
        ),
        case(
            IDURA,
            domain,
            text("https://login.example.no/#top"),
            domain,
            error,
            "domain only",
        ),
        case(
            IDURA,
            domain,
            text("https://login.example.no:0"),
            domain,
            error,
            "Port 0",
        ),
        case(
            "criipto-complete.toml",
            domain,
            text("https://bolgenhelse.criipto.id/login"),
            domain,
            error,
            "domain only",
        ),
        case(
            IDPORTEN,
            redirect,
            texts(&["https://byggesak.fjordlys.kommune.no/cb#frag"]),
            first,
            error,
            "fragment",
        ),
        case(
            IDPORTEN,
            redirect,
            texts(&["https://byggesak.fjordlys.kommune.no/*"]),
            first,
            error,
            "wildcard",
        ),
        case(
            IDPORTEN,
            redirect,
            texts(&["https://*.fjordlys.kommune.no/cb"]),
            first,
            error,
            "wildcard",
        ),
        case(
            IDPORTEN,
            redirect,
            texts(&["https://byggesak.fjordlys.kommune.no/cb\u{1b}[2J"]),
            first,
            error,
            "U+001B",
        ),
        case(
            IDPORTEN,
            redirect,
            texts(&["https://byggesak.fjordlys.kommune.no/c b"]),
            first,
            error,
            "contains a blank",
        ),
        case(
            IDPORTEN,
            redirect,
            texts(&["https://byggesak.fjordlys.kommune.no\\@evil.com/cb"]),
            first,
            error,
            "backslash",
        ),
        case(
            IDPORTEN,
            "client.post_logout_redirect_uris",
            texts(&["https://byggesak.fjordlys.kommune.no/ut*"]),
            "client.post_logout_redirect_uris[1]",
            error,
            "wildcard",
        ),
        case(
            BANKID,
            redirect,
            texts(&["https://styre.fjordlys-borettslag.no/cb#x"]),
            first,
            error,
            "fragment",
        ),
        case(
            BANKID,
            redirect,
            texts(&["https://styre.fjordlys-borettslag.no/*"]),
            first,
            error,
            "wildcard",
        ),
        case(
            BANKID,
            redirect,
            texts(&["https://styre.fjordlys-borettslag.no/\u{7}"]),
            first,
            error,
            "U+0007",
        ),
    ];
    assert_none_failed(&cases);
}

#[test]
fn values_that_pass_a_checksum_but_are_never_issued_are_refused_or_warned_about() {
    let error = Severity::Error;
    let warning = Severity::Warning;
    let cases = [
        at(
            IDURA,
            "company.orgnr",
            text("000000000"),
            error,
            "never issued",
        ),
        at(
            IDURA,
            "company.orgnr",
            text("000 000 000"),
            error,
            "never issued",
        ),
        at(
            IDURA,
            "bank.orgnr",
            text("000000000"),
            error,
            "never issued",
        ),
        at(
            IDURA,
            "company.orgnr",
            text("100000008"),
            warning,
            "starts with 1",
        ),
        at(
            IDPORTEN,
            "company.orgnr",
            text("000000000"),
            error,
            "never issued",
        ),
        at(
            IDURA,
            "company.address.postal_code",
            text("0000"),
            error,
            "not a postal code",
        ),
        at(
            IDURA,
            "contacts.general.email",
            text("kjaersti.ostgard@solglott-eiendom.nq"),
            error,
            "not a valid domain ending",
        ),
        at(
            IDURA,
            "contacts.general.email",
            text("kjaersti@solglott.c0m"),
            error,
            "not a valid domain ending",
        ),
        at(
            IDURA,
            "contacts.general.email",
            text("kjaersti@l\u{43e}gin.no"),
            warning,
            "xn--lgin-55d.no",
        ),
        at(
            IDURA,
            "service.production_domain",
            text("https://l\u{43e}gin.solglott-eiendom.no"),
            warning,
            "xn--lgin-55d.solglott-eiendom.no",
        ),
        at(
            IDURA,
            "service.production_domain",
            text("https://login.solglott-eiendom.nq"),
            error,
            "not a valid domain ending",
        ),
    ];
    assert_none_failed(&cases);
}

#[test]
fn duplicates_and_lifetimes_beyond_reason_are_refused_or_warned_about() {
    let error = Severity::Error;
    let warning = Severity::Warning;
    let int = toml::Value::Integer;
    let cases = [
        at(
            IDPORTEN,
            "client.scopes",
            texts(&["openid", "profile", "openid"]),
            error,
            "\"openid\" is chosen more than once",
        ),
        at(
            IDPORTEN,
            "client.scopes",
            texts(&["openid", "profile", "Profile "]),
            error,
            "chosen more than once",
        ),
        at(
            IDPORTEN,
            "client.grant_types",
            texts(&["authorization_code", "refresh_token", "authorization_code"]),
            error,
            "\"authorization_code\" is chosen more than once",
        ),
        at(
            BANKID,
            "client.scopes",
            texts(&["openid", "profile", "nnin_altsub", "openid"]),
            error,
            "chosen more than once",
        ),
        at(
            BANKID,
            "client.flows",
            texts(&["authorization_code", "authorization_code"]),
            error,
            "chosen more than once",
        ),
        at(
            IDPORTEN,
            "lifetimes.authorization",
            int(365 * 24 * 3600 + 1),
            warning,
            "more than a year",
        ),
        at(
            IDPORTEN,
            "lifetimes.refresh_token",
            int(10 * 365 * 24 * 3600),
            warning,
            "more than a year",
        ),
        at(
            IDPORTEN,
            "lifetimes.access_token",
            int(i64::from(u32::MAX) + 1),
            error,
            "more than the registration can hold",
        ),
        at(
            IDPORTEN,
            "lifetimes.authorization",
            int(i64::MAX),
            error,
            "more than the registration can hold",
        ),
    ];
    assert_none_failed(&cases);
}

#[test]
fn a_lifetime_of_a_year_exactly_and_the_fixtures_lifetimes_pass() {
    let ws = Workspace::new();
    let year = toml::Value::Integer(365 * 24 * 3600);
    let order = imported(&ws, IDPORTEN, "year", "lifetimes.authorization", year);
    let found = problems(&order);
    assert!(
        found.iter().all(|p| !p.field.starts_with("lifetimes.")),
        "{found:#?}"
    );
}

/// What a mail program makes of a header: mailparse decodes encoded words, as mail readers do.
fn parsed_header(raw: &[u8], name: &str) -> String {
    let (headers, _) = mailparse::parse_headers(raw).unwrap();
    mailparse::MailHeaderMap::get_first_value(headers.as_slice(), name).unwrap_or_default()
}

fn display_names(raw: &[u8], name: &str) -> Vec<String> {
    let (headers, _) = mailparse::parse_headers(raw).unwrap();
    let header = mailparse::MailHeaderMap::get_first_header(headers.as_slice(), name).unwrap();
    mailparse::addrparse_header(header)
        .unwrap()
        .iter()
        .filter_map(|addr| match addr {
            mailparse::MailAddr::Single(single) => single.display_name.clone(),
            mailparse::MailAddr::Group(group) => Some(group.group_name.clone()),
        })
        .collect()
}

#[test]
fn a_name_that_looks_like_an_encoded_word_is_shown_as_typed() {
    let ws = Workspace::new();
    for (i, typed) in [
        "=?utf-8?q?Kundeservice_DNB?=",
        "=?UTF-8?B?S3VuZGVzZXJ2aWNl?=",
        "Kjærsti =?iso-8859-1?q?=D8stg=E5rd?= AS",
        "a=?b",
    ]
    .into_iter()
    .enumerate()
    {
        let order = imported(
            &ws,
            IDURA,
            &format!("name{i}"),
            "contacts.general.name",
            text(typed),
        );
        let built = eid_onboard::bundle::build(&order, &Facts::default())
            .unwrap_or_else(|e| panic!("{typed}: {e}"));
        let raw = &built.files["message.eml"];
        assert_eq!(display_names(raw, "From"), [typed], "From of {typed}");
        assert_eq!(display_names(raw, "Cc"), [typed], "Cc of {typed}");
        let head = String::from_utf8_lossy(raw);
        let head = head.split("\r\n\r\n").next().unwrap();
        assert!(
            !head.contains(typed),
            "written as typed, so a reader decodes it:\n{head}"
        );
    }
    // An ordinary name is written by lettre as before (the bundle hashes pin that too).
    let order = order::import(
        &DraftStore::open(ws.data_dir()).unwrap(),
        &ws.path(IDURA),
        Some("plain"),
        now(),
    )
    .unwrap();
    let built = eid_onboard::bundle::build(&order, &Facts::default()).unwrap();
    assert_eq!(
        display_names(&built.files["message.eml"], "From"),
        ["Kjærsti Østgård"]
    );
}

#[test]
fn a_display_name_that_looks_like_an_encoded_word_keeps_the_subject_as_typed() {
    let ws = Workspace::new();
    let typed = "=?utf-8?q?DNB_Kundeservice?=";
    let order = imported(&ws, IDURA, "subject", "service.display_name", text(typed));
    let built = eid_onboard::bundle::build(&order, &Facts::default()).unwrap();
    let raw = &built.files["message.eml"];
    assert_eq!(
        parsed_header(raw, "Subject"),
        format!("NO BankID for {typed}")
    );
}

/// A workspace whose answers files live in `answers/`, with a private key in `home/.ssh/` beside
/// it, as `../home/.ssh/id_ed25519` from the answers.
struct Attacked {
    ws: Workspace,
    answers: PathBuf,
    key: PathBuf,
}

const KEY: &[u8] = b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n";

impl Attacked {
    fn new() -> Attacked {
        let ws = Workspace::new();
        let answers = ws.path("answers");
        std::fs::create_dir_all(&answers).unwrap();
        for file in [
            "bankid-logo.png",
            "bankid-logo.svg",
            "merchant-test.bid",
            "company-certificate.pdf",
        ] {
            std::fs::copy(ws.path(file), answers.join(file)).unwrap();
        }
        let ssh = ws.path("home/.ssh");
        std::fs::create_dir_all(&ssh).unwrap();
        let key = ssh.join("id_ed25519");
        std::fs::write(&key, KEY).unwrap();
        Attacked { ws, answers, key }
    }

    /// `answers/<name>.toml`: the fixture with `path` set to `value`.
    fn answers_file(&self, fixture: &str, name: &str, path: &str, value: &str) -> PathBuf {
        let written = self.ws.variant(fixture, name, path, s(value));
        let file = self.answers.join(format!("{name}.toml"));
        std::fs::rename(written, &file).unwrap();
        file
    }

    fn run(&self, args: &[&str]) -> (Option<i32>, String) {
        let out = common::cli(&self.ws)
            .env("EID_ONBOARD_SMTP_URL", "smtp://127.0.0.1:9")
            .args(args)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code(), text)
    }

    fn import(&self, file: &Path, name: &str) -> String {
        let (code, text) = self.run(&["import", file.to_str().unwrap(), name]);
        assert_eq!(code, Some(0), "{text}");
        text
    }
}

#[test]
fn a_private_key_as_the_bid_file_is_refused_and_never_bundled_or_mailed() {
    let at = Attacked::new();
    let file = at.answers_file(
        BANKID,
        "stolen",
        "certificate.bid_file",
        "../home/.ssh/id_ed25519",
    );
    let imported = at.import(&file, "stolen");
    let key = std::fs::canonicalize(&at.key).unwrap();
    let key = key.display().to_string();
    assert!(
        imported.contains(&format!(
            "certificate.bid_file: The attachment {key} is outside the answers file's folder"
        )),
        "{imported}"
    );
    assert!(
        imported.contains("certificate.bid_file:") && imported.contains("not a .bid file"),
        "{imported}"
    );

    let out = at.ws.path("out");
    let (code, text) = at.run(&["bundle", "stolen", "--out", out.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{text}");
    assert!(!out.join("stolen-bankid-oidc.zip").exists(), "{text}");
    let (code, text) = at.run(&["send", "stolen", "--dry-run"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(!text.contains("OPENSSH"), "{text}");
    assert!(text.contains("not a .bid file"), "{text}");
}

#[test]
fn a_key_renamed_to_bid_or_an_image_of_another_kind_is_refused() {
    let at = Attacked::new();
    std::fs::copy(&at.key, at.answers.join("merchant.bid")).unwrap();
    let file = at.answers_file(BANKID, "renamed", "certificate.bid_file", "merchant.bid");
    let imported = at.import(&file, "renamed");
    assert!(
        imported.contains("certificate.bid_file:") && imported.contains("not a PKCS#12 container"),
        "{imported}"
    );
    assert!(
        !imported.contains("outside the answers file's folder"),
        "{imported}"
    );

    std::fs::copy(
        at.answers.join("bankid-logo.svg"),
        at.answers.join("logo.png"),
    )
    .unwrap();
    let file = at.answers_file(BANKID, "svgpng", "service.logo", "logo.png");
    let imported = at.import(&file, "svgpng");
    assert!(
        imported.contains("service.logo:") && imported.contains("is named .png but is a SVG file"),
        "{imported}"
    );

    std::fs::copy(
        at.answers.join("bankid-logo.png"),
        at.answers.join("attest.pdf"),
    )
    .unwrap();
    let file = at.answers_file(
        "idura-foreign.toml",
        "pngpdf",
        "attachments.company_certificate",
        "attest.pdf",
    );
    let imported = at.import(&file, "pngpdf");
    assert!(
        imported.contains("attachments.company_certificate:")
            && imported.contains("does not look like a PDF (it is a PNG image)"),
        "{imported}"
    );
    std::fs::write(at.answers.join("key.pdf"), KEY).unwrap();
    let file = at.answers_file(
        "idura-foreign.toml",
        "keypdf",
        "attachments.company_certificate",
        "key.pdf",
    );
    let imported = at.import(&file, "keypdf");
    assert!(imported.contains("does not look like a PDF"), "{imported}");
}

#[test]
fn an_attachment_outside_the_folder_is_warned_about_and_the_preview_names_every_file_in_full() {
    let at = Attacked::new();
    let elsewhere = at.ws.path("home/merchant.bid");
    std::fs::copy(at.answers.join("merchant-test.bid"), &elsewhere).unwrap();
    let file = at.answers_file(
        BANKID,
        "far",
        "certificate.bid_file",
        "../home/merchant.bid",
    );
    let imported = at.import(&file, "far");
    let far = std::fs::canonicalize(&elsewhere)
        .unwrap()
        .display()
        .to_string();
    assert!(
        imported.contains(&format!("The attachment {far} is outside")),
        "{imported}"
    );
    // A warning only: the order is ready, and the preview shows where each file comes from.
    let (code, preview) = at.run(&["send", "far", "--dry-run"]);
    assert_eq!(code, Some(0), "{preview}");
    let logo = at.answers.join("bankid-logo.png");
    let logo = std::fs::canonicalize(logo).unwrap().display().to_string();
    let lines: Vec<&str> = preview.lines().collect();
    let from_line = |name: &str| {
        lines
            .iter()
            .position(|l| l.trim_start().starts_with(name) && l.contains("SHA-256"))
            .and_then(|i| lines.get(i + 1))
            .map(|l| l.trim().to_string())
            .unwrap_or_else(|| panic!("{name} in:\n{preview}"))
    };
    assert_eq!(
        from_line("merchant.bid"),
        format!("from {far}"),
        "{preview}"
    );
    assert_eq!(
        from_line("bankid-logo.png"),
        format!("from {logo}"),
        "{preview}"
    );
    // The request itself is made by the bundle: it has no source.
    assert!(!from_line("request.pdf").starts_with("from "), "{preview}");

    // Norwegian too.
    let out = common::cli(&at.ws)
        .args(["--lang", "nb", "send", "far", "--dry-run"])
        .env("EID_ONBOARD_SMTP_URL", "smtp://127.0.0.1:9")
        .output()
        .unwrap();
    let norsk = String::from_utf8_lossy(&out.stdout);
    assert!(norsk.contains(&format!("    fra {far}")), "{norsk}");

    // Files beside the answers file give no warning.
    let file = at.answers_file(BANKID, "near", "certificate.bid_file", "merchant-test.bid");
    let imported = at.import(&file, "near");
    assert!(
        !imported.contains("outside the answers file's folder"),
        "{imported}"
    );
}

#[test]
fn the_fixture_attachments_are_real_files_of_their_kind() {
    let ws = Workspace::new();
    let bid = std::fs::read(ws.path("merchant-test.bid")).unwrap();
    assert!(eid_onboard::validate::file::is_pkcs12(&bid));
    for pdf in ["firmaattest.pdf", "company-certificate.pdf"] {
        assert!(
            std::fs::read(ws.path(pdf)).unwrap().starts_with(b"%PDF-"),
            "{pdf}"
        );
    }
    assert!(
        std::fs::read(ws.path("bankid-logo.png"))
            .unwrap()
            .starts_with(b"\x89PNG\r\n\x1a\n")
    );
}
