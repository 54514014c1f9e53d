//! The two OpenID Connect questionnaires: BankID Norge's OIDC client provisioning (`bankid-oidc`)
//! and Digdir's ID-porten client registration (`idporten-oidc`). Each loads; the complete answers
//! pass `check`; every rule rejects a bad value naming the field; the bundles (with `client.json`
//! and the separate certificate request) are produced and verify.

mod common;

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use common::{Workspace, s};
use eid_onboard::bundle;
use eid_onboard::draft::DraftStore;
use eid_onboard::form::{Output as FormOutput, RuleSet, catalog};
use eid_onboard::order::{self, Order};
use eid_onboard::prereq::{Facts, Sector, Standing, State};
use eid_onboard::report::Report;
use eid_onboard::validate::{Context, Severity};

const BANKID: &str = "bankid-oidc-complete.toml";
const IDPORTEN: &str = "idporten-oidc-complete.toml";
const JWT: &str = "bankid-oidc-private-key-jwt.toml";

fn cmd(ws: &Workspace) -> Command {
    let mut cmd = Command::cargo_bin("eid-onboard").expect("binary");
    cmd.arg("--data-dir")
        .arg(ws.data_dir())
        .arg("--lang")
        .arg("en")
        .env_remove("EID_ONBOARD_DATA_DIR");
    // Never the real registry: a closed loopback port and a private cache.
    common::no_registry(&mut cmd, ws);
    cmd
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Imports `file` as draft `name` and runs `check`: (exit code, output).
fn check(ws: &Workspace, file: &Path, name: &str) -> (i32, String) {
    cmd(ws).arg("import").arg(file).arg(name).assert().success();
    let out = cmd(ws).args(["check", name]).output().unwrap();
    (out.status.code().unwrap_or(-1), stdout(&out))
}

/// The fixture with the changes gives `code` from `check` and a `severity` line naming `field`.
fn checked(
    ws: &Workspace,
    fixture: &str,
    changes: &[(&str, Option<toml::Value>)],
    field: &str,
    (name, code, severity): (&str, i32, &str),
) -> String {
    let file = variant(ws, fixture, name, changes);
    let (got, text) = check(ws, &file, name);
    assert_eq!(
        got, code,
        "{field} should give {severity}, exit {code}:\n{text}"
    );
    let line = text
        .lines()
        .find(|l| l.contains(&format!(" {field}: ")))
        .unwrap_or_else(|| panic!("no problem names {field}:\n{text}"));
    assert!(line.trim_start().starts_with(severity), "{line}");
    line.to_string()
}

/// The fixture with the changes fails `check` with an error naming `field`.
fn rejected(
    ws: &Workspace,
    fixture: &str,
    changes: &[(&str, Option<toml::Value>)],
    field: &str,
) -> String {
    checked(ws, fixture, changes, field, ("bad", 1, "error"))
}

/// The fixture with the changes passes `check` (exit 0) with a warning naming `field`.
fn warned(
    ws: &Workspace,
    fixture: &str,
    changes: &[(&str, Option<toml::Value>)],
    field: &str,
) -> String {
    checked(ws, fixture, changes, field, ("soft", 0, "warning"))
}

/// A copy of the fixture with several values changed (None removes the key).
fn variant(
    ws: &Workspace,
    fixture: &str,
    out: &str,
    changes: &[(&str, Option<toml::Value>)],
) -> std::path::PathBuf {
    let source = std::fs::read_to_string(ws.path(fixture)).unwrap();
    let mut table: toml::Table = source.parse().unwrap();
    for (path, value) in changes {
        common::set_path(&mut table, path, value.clone());
    }
    let file = ws.path(&format!("{out}.toml"));
    std::fs::write(&file, toml::to_string_pretty(&table).unwrap()).unwrap();
    file
}

fn list(items: &[&str]) -> Option<toml::Value> {
    Some(toml::Value::Array(
        items
            .iter()
            .map(|i| toml::Value::String(i.to_string()))
            .collect(),
    ))
}

fn int(n: i64) -> Option<toml::Value> {
    Some(toml::Value::Integer(n))
}

/// A file that passes for a PNG of the given size (signature and IHDR), padded to `bytes`.
fn fake_png(path: &Path, width: u32, height: u32, bytes: usize) {
    let mut data = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    data.extend(width.to_be_bytes());
    data.extend(height.to_be_bytes());
    data.extend([8, 2, 0, 0, 0]);
    data.resize(bytes, 0);
    std::fs::write(path, data).unwrap();
}

/// The PDF's text as a reader copies it out (read in Rust), whitespace collapsed; the file's
/// structure is checked on the way.
fn pdf_text(pdf: &Path) -> String {
    let pdf = common::pdf::Pdf::open(pdf);
    pdf.check_structure();
    squeeze(&pdf.text())
}

/// The same through poppler's pdftotext.
fn pdftotext(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext must be installed for this test (apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    squeeze(&String::from_utf8(out.stdout).unwrap())
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_all_in(answers: &[&str], text: &str) {
    for answer in answers {
        assert!(
            text.contains(answer),
            "{answer} missing from the PDF:\n{text}"
        );
    }
}

/// What the ID-porten request's PDF must say.
const IDPORTEN_PDF: &[&str] = &[
    "servicedesk@digdir.no",
    "FJORDLYS KOMMUNE (918427368)",
    "927351846",
    "private_key_jwt",
    "https://byggesak.fjordlys.kommune.no/auth/frontchannel-logout",
    "3600 sekunder",
    "Omtrent 4 000 innlogginger i måneden",
    "T7: utlogging startet fra en annen tjeneste Utført",
    "Støttes ikke av tjenesten",
    "Høyt (idporten-loa-high)",
    "itdrift@fjordlys.kommune.no",
    "02.09.2030",
    "3f1c2a9e-7b4d-4e8a-9c61-2d5f0b8e7a14",
];

/// What the BankID OIDC request's PDF must say.
const BANKID_PDF: &[&str] = &[
    "To: Nordsignering AS <onboarding@nordsignering.no>",
    "CURRENT (test)",
    "FJORDLYS BORETTSLAG (926481576)",
    "Fjordlys Styreportal",
    "https://styre.fjordlys-borettslag.no/auth/callback",
    "http://localhost:8080/auth/callback",
    "client_secret_basic",
    "nnin_altsub",
    "personopplysningsloven § 12",
    "Tor Åmli",
    "merchant-test.bid",
    "qwer1234",
];

fn bundle_dir(ws: &Workspace, name: &str) -> std::path::PathBuf {
    let out = ws.dir.path().join("out");
    cmd(ws)
        .args(["bundle", name, "--out"])
        .arg(&out)
        .assert()
        .success();
    let form = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(&format!("{name}-")) && !n.ends_with(".zip"))
        .expect("bundle folder");
    out.join(form)
}

// ---------------------------------------------------------------------------------------------
// The questionnaires

#[test]
fn both_forms_load_with_their_rules_outputs_and_addressees() {
    let bankid = catalog::find("bankid-oidc")
        .unwrap()
        .expect("bankid-oidc is shipped");
    assert_eq!(bankid.rules, [RuleSet::BankidOidc]);
    assert!(bankid.outputs.is_empty());
    assert_eq!(bankid.recipient_field.as_deref(), Some("partner"));
    assert_eq!(bankid.sender_field(), "contacts.technical");
    let [certificate] = bankid.separate_requests.as_slice() else {
        panic!("one separate request")
    };
    assert_eq!(certificate.recipient, "salg@bankidnorge.no");

    let idporten = catalog::find("idporten-oidc")
        .unwrap()
        .expect("idporten-oidc is shipped");
    assert_eq!(idporten.rules, [RuleSet::Idporten]);
    assert_eq!(idporten.outputs, [FormOutput::ClientJson]);
    assert_eq!(idporten.recipient.as_deref(), Some("servicedesk@digdir.no"));
    assert_eq!(idporten.sender_field(), "contacts.general");
    for form in [&bankid, &idporten] {
        for field in &form.fields {
            assert!(
                !field.label.nb.is_empty() && !field.label.en.is_empty(),
                "{}",
                field.id
            );
            assert!(
                field.help.nb.len() > 40 && field.help.en.len() > 40,
                "{}",
                field.id
            );
        }
    }
}

#[test]
fn the_complete_answers_import_and_pass_check() {
    let ws = Workspace::new();
    for (fixture, name) in [(BANKID, "bankid"), (IDPORTEN, "idporten")] {
        let (code, text) = check(&ws, &ws.path(fixture), name);
        assert_eq!(code, 0, "{text}");
        assert!(!text.contains("Problems:"), "{text}");
        assert!(text.contains("Ready: nothing blocks"), "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// ID-porten rules

#[test]
fn a_disallowed_authentication_method_is_rejected_with_the_allowed_ones() {
    let ws = Workspace::new();
    let line = rejected(
        &ws,
        IDPORTEN,
        &[("client.application_type", s("browser"))],
        "client.token_endpoint_auth_method",
    );
    assert!(
        line.contains("private_key_jwt") && line.contains("Allowed for browser: none"),
        "{line}"
    );
    let line = rejected(
        &ws,
        IDPORTEN,
        &[("client.token_endpoint_auth_method", s("none"))],
        "client.token_endpoint_auth_method",
    );
    assert!(
        line.contains("private_key_jwt, client_secret_basic, client_secret_post"),
        "{line}"
    );
    // The allowed public-client combination passes.
    let file = variant(
        &ws,
        IDPORTEN,
        "spa",
        &[
            ("client.application_type", s("browser")),
            ("client.token_endpoint_auth_method", s("none")),
        ],
    );
    let (code, text) = check(&ws, &file, "spa");
    assert_eq!(code, 0, "{text}");
}

#[test]
fn lifetimes_out_of_order_only_warn_and_only_with_refresh_tokens() {
    let ws = Workspace::new();
    let line = warned(
        &ws,
        IDPORTEN,
        &[("lifetimes.access_token", int(900))],
        "lifetimes.access_token",
    );
    assert!(line.contains("should be shorter"), "{line}");
    warned(
        &ws,
        IDPORTEN,
        &[("lifetimes.refresh_token", int(3601))],
        "lifetimes.refresh_token",
    );
    // Without the refresh_token grant no refresh token is issued: the order is not checked.
    let file = variant(
        &ws,
        IDPORTEN,
        "norefresh",
        &[
            ("client.grant_types", list(&["authorization_code"])),
            ("lifetimes.access_token", int(900)),
            ("lifetimes.refresh_token", int(3601)),
        ],
    );
    let (code, text) = check(&ws, &file, "norefresh");
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("lifetimes."), "{text}");
    // Equal refresh and authorization lifetimes are in order, and so are the defaults.
    for (name, changes) in [
        ("equal", vec![("lifetimes.refresh_token", int(3600))]),
        ("defaults", vec![("lifetimes", None)]),
    ] {
        let file = variant(&ws, IDPORTEN, name, &changes);
        let (code, text) = check(&ws, &file, name);
        assert_eq!(code, 0, "{name}:\n{text}");
        assert!(!text.contains("Problems:"), "{name}:\n{text}");
    }
}

#[test]
fn client_secret_basic_is_a_warning_pointing_to_client_secret_post() {
    let ws = Workspace::new();
    let line = warned(
        &ws,
        IDPORTEN,
        &[(
            "client.token_endpoint_auth_method",
            s("client_secret_basic"),
        )],
        "client.token_endpoint_auth_method",
    );
    assert!(line.contains("client_secret_post"), "{line}");
    let file = variant(
        &ws,
        IDPORTEN,
        "post",
        &[("client.token_endpoint_auth_method", s("client_secret_post"))],
    );
    let (code, text) = check(&ws, &file, "post");
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("Problems:"), "{text}");
}

/// The fixture as a TEST client (no verification tests, TEST client_id or Altinn delegation).
fn in_test<'a>(more: &[(&'a str, Option<toml::Value>)]) -> Vec<(&'a str, Option<toml::Value>)> {
    let mut changes = vec![
        ("client.environment", s("test")),
        ("client.test_client_id", None),
        ("tests", None),
        ("prerequisites.altinn_delegation", None),
    ];
    changes.extend(more.iter().cloned());
    changes
}

#[test]
fn a_test_client_may_use_plain_http_and_prod_may_not() {
    let ws = Workspace::new();
    let http = [
        (
            "client.redirect_uris",
            list(&["http://byggesak.fjordlys.kommune.no/auth/callback"]),
        ),
        (
            "client.post_logout_redirect_uris",
            list(&["http://byggesak.fjordlys.kommune.no/logget-ut"]),
        ),
        (
            "client.frontchannel_logout_uri",
            s("http://byggesak.fjordlys.kommune.no/auth/frontchannel-logout"),
        ),
    ];
    let file = variant(&ws, IDPORTEN, "plain", &in_test(&http));
    let (code, text) = check(&ws, &file, "plain");
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("Problems:"), "{text}");
    // The same addresses in PROD are errors, each naming its entry.
    let file = variant(&ws, IDPORTEN, "plainprod", &http);
    let (code, text) = check(&ws, &file, "plainprod");
    assert_eq!(code, 1, "{text}");
    for field in [
        "client.redirect_uris[1]",
        "client.post_logout_redirect_uris[1]",
        "client.frontchannel_logout_uri",
    ] {
        let line = text
            .lines()
            .find(|l| l.contains(&format!(" {field}: ")))
            .unwrap_or_else(|| panic!("{field}:\n{text}"));
        assert!(line.trim_start().starts_with("error"), "{line}");
        assert!(
            line.contains("https://byggesak.fjordlys.kommune.no/"),
            "{line}"
        );
    }
}

#[test]
fn native_apps_may_use_a_private_use_scheme_and_loopback_on_any_port() {
    let ws = Workspace::new();
    let native = [
        ("client.application_type", s("native")),
        ("client.token_endpoint_auth_method", s("none")),
        (
            "client.redirect_uris",
            list(&[
                "no.fjordlys.app:/callback",
                "http://127.0.0.1:51004/callback",
                "http://[::1]:8080/callback",
                "https://byggesak.fjordlys.kommune.no/auth/callback",
            ]),
        ),
        (
            "client.post_logout_redirect_uris",
            list(&["no.fjordlys.app:/logget-ut"]),
        ),
    ];
    for (name, changes) in [("app", native.to_vec()), ("apptest", in_test(&native))] {
        let file = variant(&ws, IDPORTEN, name, &changes);
        let (code, text) = check(&ws, &file, name);
        assert_eq!(code, 0, "{name}:\n{text}");
        assert!(!text.contains("Problems:"), "{name}:\n{text}");
    }
    // A web client cannot use an app scheme, nor (in PROD) a loopback address.
    let line = rejected(
        &ws,
        IDPORTEN,
        &[(
            "client.redirect_uris",
            list(&[
                "https://byggesak.fjordlys.kommune.no/auth/callback",
                "no.fjordlys.app:/callback",
            ]),
        )],
        "client.redirect_uris[2]",
    );
    assert!(line.contains("native"), "{line}");
    rejected(
        &ws,
        IDPORTEN,
        &[(
            "client.redirect_uris",
            list(&[
                "https://byggesak.fjordlys.kommune.no/auth/callback",
                "http://127.0.0.1:51004/callback",
            ]),
        )],
        "client.redirect_uris[2]",
    );
    // A scheme that is not in reverse-domain form is no redirect at all.
    rejected(
        &ws,
        IDPORTEN,
        &[
            ("client.application_type", s("native")),
            ("client.token_endpoint_auth_method", s("none")),
            ("client.redirect_uris", list(&["fjordlys:/callback"])),
        ],
        "client.redirect_uris[1]",
    );
}

#[test]
fn http_and_localhost_redirects_follow_the_environment() {
    let ws = Workspace::new();
    // http in PROD.
    let line = rejected(
        &ws,
        IDPORTEN,
        &[(
            "client.redirect_uris",
            list(&["http://byggesak.fjordlys.kommune.no/auth/callback"]),
        )],
        "client.redirect_uris[1]",
    );
    assert!(line.contains("https"), "{line}");
    // localhost in PROD for a web client.
    let line = rejected(
        &ws,
        IDPORTEN,
        &[(
            "client.post_logout_redirect_uris",
            list(&[
                "https://byggesak.fjordlys.kommune.no/ut",
                "http://localhost:8080/ut",
            ]),
        )],
        "client.post_logout_redirect_uris[2]",
    );
    assert!(line.contains("native"), "{line}");
    // localhost in TEST must use http.
    let test = [
        ("client.environment", s("test")),
        (
            "client.redirect_uris",
            list(&[
                "https://byggesak.fjordlys.kommune.no/auth/callback",
                "https://localhost:8443/cb",
            ]),
        ),
    ];
    let line = rejected(&ws, IDPORTEN, &test, "client.redirect_uris[2]");
    assert!(line.contains("http://localhost:8443/cb"), "{line}");
    // ... and passes over http, as it does in PROD for a native app.
    let file = variant(
        &ws,
        IDPORTEN,
        "dev",
        &[
            ("client.environment", s("test")),
            (
                "client.redirect_uris",
                list(&[
                    "https://byggesak.fjordlys.kommune.no/auth/callback",
                    "http://localhost:8080/cb",
                ]),
            ),
        ],
    );
    let (code, text) = check(&ws, &file, "dev");
    assert_eq!(code, 0, "{text}");
    let file = variant(
        &ws,
        IDPORTEN,
        "app",
        &[
            ("client.application_type", s("native")),
            ("client.token_endpoint_auth_method", s("none")),
            (
                "client.redirect_uris",
                list(&[
                    "https://byggesak.fjordlys.kommune.no/auth/callback",
                    "http://127.0.0.1:7000/cb",
                ]),
            ),
        ],
    );
    let (code, text) = check(&ws, &file, "app");
    assert_eq!(code, 0, "{text}");
}

#[test]
fn a_logout_address_on_another_domain_is_rejected() {
    let ws = Workspace::new();
    let line = rejected(
        &ws,
        IDPORTEN,
        &[(
            "client.frontchannel_logout_uri",
            s("https://logout.annen-leverandor.no/fc"),
        )],
        "client.frontchannel_logout_uri",
    );
    assert!(line.contains("byggesak.fjordlys.kommune.no"), "{line}");
    // kommune.no is a public suffix: oslo.kommune.no is another registrable domain than
    // fjordlys.kommune.no, though the last two labels agree.
    let line = rejected(
        &ws,
        IDPORTEN,
        &[(
            "client.frontchannel_logout_uri",
            s("https://evil.oslo.kommune.no/fc"),
        )],
        "client.frontchannel_logout_uri",
    );
    assert!(line.contains("oslo.kommune.no"), "{line}");
    // Another host under the same registrable domain passes.
    let file = variant(
        &ws,
        IDPORTEN,
        "samedomain",
        &[(
            "client.frontchannel_logout_uri",
            s("https://login.fjordlys.kommune.no/fc"),
        )],
    );
    let (code, text) = check(&ws, &file, "samedomain");
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("Problems:"), "{text}");
    // Missing: an error in PROD (T7 needs it), a warning in TEST.
    rejected(
        &ws,
        IDPORTEN,
        &[("client.frontchannel_logout_uri", None)],
        "client.frontchannel_logout_uri",
    );
    warned(
        &ws,
        IDPORTEN,
        &[
            ("client.frontchannel_logout_uri", None),
            ("client.environment", s("test")),
        ],
        "client.frontchannel_logout_uri",
    );
}

#[test]
fn scopes_grants_and_verification_tests_are_checked() {
    let ws = Workspace::new();
    rejected(
        &ws,
        IDPORTEN,
        &[("client.scopes", list(&["profile"]))],
        "client.scopes",
    );
    rejected(
        &ws,
        IDPORTEN,
        &[("client.grant_types", list(&["refresh_token"]))],
        "client.grant_types",
    );
    let line = rejected(&ws, IDPORTEN, &[("tests.t7", s("not-done"))], "tests.t7");
    assert!(line.contains("T7 is mandatory"), "{line}");
    rejected(&ws, IDPORTEN, &[("tests.t3", None)], "tests.t3");
    warned(&ws, IDPORTEN, &[("tests.t11", s("not-done"))], "tests.t11");
    warned(
        &ws,
        IDPORTEN,
        &[("client.scopes", list(&["openid"]))],
        "client.scopes",
    );
    // In TEST the tests are not asked.
    let file = variant(
        &ws,
        IDPORTEN,
        "early",
        &[("client.environment", s("test")), ("tests", None)],
    );
    let (code, text) = check(&ws, &file, "early");
    assert_eq!(code, 0, "{text}");
    // An API client's scopes are single words.
    rejected(
        &ws,
        IDPORTEN,
        &[
            ("client.integration_type", s("api_klient")),
            (
                "client.api_scopes",
                list(&["skatteetaten:formueinntekt", "two words"]),
            ),
        ],
        "client.api_scopes[2]",
    );
}

// ---------------------------------------------------------------------------------------------
// BankID OIDC rules

#[test]
fn a_logo_too_large_or_of_the_wrong_size_is_rejected() {
    let ws = Workspace::new();
    fake_png(&ws.path("big-logo.png"), 300, 60, 11_000);
    let line = rejected(
        &ws,
        BANKID,
        &[("service.logo", s("big-logo.png"))],
        "service.logo",
    );
    assert!(line.contains("limit"), "{line}");
    fake_png(&ws.path("wide-logo.png"), 400, 60, 2_000);
    let line = rejected(
        &ws,
        BANKID,
        &[("service.logo", s("wide-logo.png"))],
        "service.logo",
    );
    assert!(line.contains("300×60"), "{line}");
    // Between 10,000 and 10,240 bytes "10 kB" is ambiguous: a warning.
    fake_png(&ws.path("edge-logo.png"), 300, 60, 10_100);
    warned(
        &ws,
        BANKID,
        &[("service.logo", s("edge-logo.png"))],
        "service.logo",
    );
}

#[test]
fn the_national_identity_number_needs_a_legal_basis() {
    let ws = Workspace::new();
    rejected(
        &ws,
        BANKID,
        &[("nnin.legal_basis", None)],
        "nnin.legal_basis",
    );
    rejected(&ws, BANKID, &[("nnin.reason", None)], "nnin.reason");
    rejected(
        &ws,
        BANKID,
        &[("nnin.legal_basis", s("because we need it"))],
        "nnin.legal_basis",
    );
    // nnin (through Userinfo) needs it too; without either scope, no reason is asked.
    rejected(
        &ws,
        BANKID,
        &[
            ("client.scopes", list(&["openid", "nnin"])),
            ("nnin.legal_basis", None),
        ],
        "nnin.legal_basis",
    );
    let file = variant(
        &ws,
        BANKID,
        "plain",
        &[
            ("client.scopes", list(&["openid", "profile"])),
            ("nnin", None),
        ],
    );
    let (code, text) = check(&ws, &file, "plain");
    assert_eq!(code, 0, "{text}");
}

#[test]
fn bankid_rules_the_sources_do_not_confirm_only_warn() {
    let ws = Workspace::new();
    rejected(
        &ws,
        BANKID,
        &[("client.scopes", list(&["profile"]))],
        "client.scopes",
    );
    warned(
        &ws,
        BANKID,
        &[("certificate.bid_password", s("hemmelig-123"))],
        "certificate.bid_password",
    );
    warned(
        &ws,
        BANKID,
        &[(
            "client.redirect_uris",
            list(&["http://styre.fjordlys-borettslag.no/cb"]),
        )],
        "client.redirect_uris[1]",
    );
    warned(
        &ws,
        BANKID,
        &[
            ("client.environment", s("prod")),
            ("certificate", None),
            (
                "client.redirect_uris",
                list(&[
                    "https://styre.fjordlys-borettslag.no/cb",
                    "http://localhost:8080/cb",
                ]),
            ),
        ],
        "client.redirect_uris[2]",
    );
    // nnin_altsub is given in the code flow only.
    let line = warned(
        &ws,
        BANKID,
        &[("client.flows", list(&["ciba"]))],
        "client.flows",
    );
    assert!(line.contains("code flow"), "{line}");
}

#[test]
fn a_partner_is_needed_in_prod_but_not_in_current() {
    let ws = Workspace::new();
    let prod = [
        ("client.environment", s("prod")),
        ("certificate", None),
        (
            "client.redirect_uris",
            list(&["https://styre.fjordlys-borettslag.no/auth/callback"]),
        ),
    ];
    let mut without_partner = prod.to_vec();
    without_partner.push(("partner", None));
    let line = rejected(&ws, BANKID, &without_partner, "partner.email");
    assert!(
        line.contains("PROD is provisioned by a BankID partner under a commercial agreement"),
        "{line}"
    );
    // In CURRENT the order may go without a partner (an access request).
    let file = variant(&ws, BANKID, "nopartner", &[("partner", None)]);
    let (code, text) = check(&ws, &file, "nopartner");
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("partner.email"), "{text}");
}

#[test]
fn bankid_offers_client_secret_basic_and_private_key_jwt_with_a_public_key() {
    let ws = Workspace::new();
    // client_secret_post works by default at BankID, but the form offers the two the issue names.
    rejected(
        &ws,
        BANKID,
        &[("client.token_endpoint_auth_method", s("client_secret_post"))],
        "client.token_endpoint_auth_method",
    );
    // private_key_jwt is no warning, but it needs the public key.
    let line = rejected(
        &ws,
        BANKID,
        &[("client.token_endpoint_auth_method", s("private_key_jwt"))],
        "client.jwks",
    );
    assert!(line.contains("client.jwks"), "{line}");
    let (code, text) = check(&ws, &ws.path(JWT), "jwt");
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("Problems:"), "{text}");
    assert!(text.contains("Ready: nothing blocks"), "{text}");
    let line = rejected(
        &ws,
        JWT,
        &[("client.jwks", s("{\"kty\": \"EC\",\n  \"crv\"}"))],
        "client.jwks",
    );
    assert!(line.contains("line 2"), "{line}");
    let line = warned(
        &ws,
        JWT,
        &[(
            "client.jwks",
            s(&PUBLIC_EC.replace("\"kid\": \"styreportal-2027-01\", ", "")),
        )],
        "client.jwks",
    );
    assert!(line.contains("kid"), "{line}");
}

/// The public key of the private_key_jwt fixture, as one JWK.
const PUBLIC_EC: &str = r#"{"kty": "EC", "crv": "P-256", "kid": "styreportal-2027-01", "use": "sig", "alg": "ES256", "x": "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4", "y": "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}"#;
/// Its private part (RFC 7517 appendix A.2): what must never leave the draft.
const PRIVATE_D: &str = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";

#[test]
fn a_private_key_is_refused_and_never_written_to_a_bundle_or_sent() {
    let ws = Workspace::new();
    let private = PUBLIC_EC.replace("\"use\"", &format!("\"d\": \"{PRIVATE_D}\", \"use\""));
    let line = rejected(&ws, JWT, &[("client.jwks", s(&private))], "client.jwks");
    assert!(
        line.contains("holds the private key member `d`: paste the public key only"),
        "{line}"
    );
    assert!(!line.contains(PRIVATE_D), "{line}");
    // `rejected` imported it as the draft "bad": bundle refuses and writes nothing.
    let out = ws.dir.path().join("out-private");
    let bundled = cmd(&ws)
        .args(["bundle", "bad", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(bundled.status.code(), Some(1), "{}", stdout(&bundled));
    assert!(
        stdout(&bundled).contains("client.jwks"),
        "{}",
        stdout(&bundled)
    );
    assert!(!stdout(&bundled).contains(PRIVATE_D));
    assert!(!String::from_utf8_lossy(&bundled.stderr).contains(PRIVATE_D));
    let written: Vec<std::path::PathBuf> = walk(&out);
    assert!(written.is_empty(), "nothing written: {written:?}");
    // send refuses as well (before any connection: the registry and the mail server are closed):
    // this order, in CURRENT without a partner, is an access request and is never mailed.
    let sent = cmd(&ws)
        .args(["send", "bad", "--dry-run"])
        .output()
        .unwrap();
    let refusal = String::from_utf8_lossy(&sent.stderr).into_owned();
    assert_eq!(sent.status.code(), Some(1), "{refusal}");
    assert!(refusal.contains("access request"), "{}", refusal);
    assert!(!stdout(&sent).contains(PRIVATE_D));
    assert!(!String::from_utf8_lossy(&sent.stderr).contains(PRIVATE_D));
    // Nothing outside the draft store holds the value.
    for file in walk(ws.dir.path()) {
        if file.starts_with(ws.data_dir()) || file.extension().is_some_and(|e| e == "toml") {
            continue;
        }
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(PRIVATE_D),
            "{} holds the private key",
            file.display()
        );
    }
}

/// Every file under `dir` (none when it does not exist).
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn typed_scopes_take_the_permissions_form() {
    let ws = Workspace::new();
    let file = variant(
        &ws,
        BANKID,
        "perm",
        &[(
            "client.scopes",
            list(&[
                "openid",
                "profile",
                "nnin_altsub",
                "permissions/read",
                "permissions/board.sign",
            ]),
        )],
    );
    let (code, text) = check(&ws, &file, "perm");
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("client.scopes"), "{text}");
    let line = warned(
        &ws,
        BANKID,
        &[(
            "client.scopes",
            list(&["openid", "profile", "nnin_altsub", "bankid_proof"]),
        )],
        "client.scopes[4]",
    );
    assert!(line.contains("permissions/<name>"), "{line}");
    rejected(
        &ws,
        BANKID,
        &[(
            "client.scopes",
            list(&["openid", "profile", "nnin_altsub", "permissions/"]),
        )],
        "client.scopes[4]",
    );
    let line = rejected(
        &ws,
        BANKID,
        &[(
            "client.scopes",
            list(&["openid", "profile", "nnin_altsub", "read write"]),
        )],
        "client.scopes[4]",
    );
    assert!(line.contains("RFC 6749"), "{line}");
}

#[test]
fn an_svg_logo_of_the_right_size_passes_and_another_is_rejected() {
    let ws = Workspace::new();
    std::fs::write(
        ws.path("tall-logo.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><rect width="300" height="100"/></svg>"#,
    )
    .unwrap();
    let line = rejected(
        &ws,
        JWT,
        &[("service.logo", s("tall-logo.svg"))],
        "service.logo",
    );
    assert!(
        line.contains("300×100") && line.contains("exactly 300×60"),
        "{line}"
    );
    std::fs::write(
        ws.path("broken-logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"60\">\n<g>\n</svg>",
    )
    .unwrap();
    let line = rejected(
        &ws,
        JWT,
        &[("service.logo", s("broken-logo.svg"))],
        "service.logo",
    );
    assert!(line.contains("not a valid SVG image"), "{line}");
}

#[test]
fn the_private_key_jwt_bundle_carries_the_svg_logo_and_the_public_key() {
    let ws = Workspace::new();
    cmd(&ws)
        .arg("import")
        .arg(ws.path(JWT))
        .arg("jwt")
        .assert()
        .success();
    let dir = bundle_dir(&ws, "jwt");
    assert_eq!(
        std::fs::read(dir.join("attachments/bankid-logo.svg")).unwrap(),
        std::fs::read(ws.path("bankid-logo.svg")).unwrap(),
        "the SVG byte for byte"
    );
    cmd(&ws).arg("verify").arg(&dir).assert().success();
    let text = pdf_text(&dir.join("request.pdf"));
    for answer in [
        "private_key_jwt",
        "styreportal-2027-01",
        "permissions/read",
        "CIBA (Client Initiated Backchannel Authentication)",
    ] {
        assert!(text.contains(answer), "{answer} missing:\n{text}");
    }
}

/// The fixture with `changes`, imported as draft `name` and checked by the core as of `today`
/// with `facts` from the registry.
fn report_on(
    ws: &Workspace,
    name: &str,
    changes: &[(&str, Option<toml::Value>)],
    today: jiff::civil::Date,
    facts: &Facts,
) -> Report {
    let file = variant(ws, IDPORTEN, name, changes);
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-12-01T08:00:00Z".parse().unwrap();
    let order = order::import(&store, &file, Some(name), now).unwrap();
    order.check(&Context::on(today), facts)
}

fn item<'a>(report: &'a Report, id: &str) -> &'a eid_onboard::prereq::Item {
    report
        .checklist
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no checklist item {id}: {:#?}", report.checklist))
}

fn yes(v: bool) -> Option<toml::Value> {
    Some(toml::Value::Boolean(v))
}

#[test]
fn prod_names_the_test_client_id_and_every_order_a_level_and_notification_contacts() {
    let ws = Workspace::new();
    rejected(
        &ws,
        IDPORTEN,
        &[("client.test_client_id", None)],
        "client.test_client_id",
    );
    rejected(
        &ws,
        IDPORTEN,
        &[("contacts.notification", None)],
        "contacts.notification",
    );
    rejected(
        &ws,
        IDPORTEN,
        &[("service.security_level", s("idporten-loa-low"))],
        "service.security_level",
    );
    // In TEST the TEST client_id is not asked for.
    let today = jiff::civil::date(2026, 12, 1);
    let report = report_on(&ws, "testenv", &in_test(&[]), today, &Facts::default());
    assert_eq!(report.errors(), 0, "{:#?}", report.problems);
    let spec = catalog::find("idporten-oidc").unwrap().unwrap();
    let level = spec.field("service.security_level").unwrap();
    let choice = eid_onboard::kind::select_choice(&level.kind).unwrap();
    let values: Vec<&str> = choice.options.iter().map(|o| o.value.as_str()).collect();
    assert_eq!(values, ["idporten-loa-substantial", "idporten-loa-high"]);
}

#[test]
fn the_checklist_has_the_terms_the_delegation_the_notice_and_eligibility() {
    let ws = Workspace::new();
    let today = jiff::civil::date(2026, 12, 1);
    let none = Facts::default();
    let report = report_on(&ws, "all", &[], today, &none);
    for id in ["terms", "delegation", "notice"] {
        assert_eq!(item(&report, id).state, State::Met, "{id}");
    }
    assert!(report.ready());

    // Terms not accepted: not met, and the order is not ready.
    let report = report_on(
        &ws,
        "noterms",
        &[("prerequisites.terms_accepted", yes(false))],
        today,
        &none,
    );
    assert_eq!(item(&report, "terms").state, State::NotMet);
    assert!(!report.ready());

    // No Altinn delegation: a warning (changes in PROD then go by email); not asked in TEST.
    let report = report_on(
        &ws,
        "nodelegation",
        &[("prerequisites.altinn_delegation", yes(false))],
        today,
        &none,
    );
    assert_eq!(item(&report, "delegation").state, State::Unknown);
    assert!(report.ready());
    let report = report_on(&ws, "testdelegation", &in_test(&[]), today, &none);
    assert!(report.checklist.iter().all(|i| i.id != "delegation"));

    // A planned start less than a month after today (the context's, not the clock's): a warning
    // on the date, and the notice item unknown; a month ahead is met.
    let soon = [("planning.planned_start", s("2026-12-20"))];
    let report = report_on(&ws, "soon", &soon, today, &none);
    let warning = report
        .problems
        .iter()
        .find(|p| p.field == "planning.planned_start")
        .expect("a warning on the planned start");
    assert_eq!(warning.severity, Severity::Warning);
    assert!(
        warning.message.en.contains("2027-01-01"),
        "{}",
        warning.message.en
    );
    assert_eq!(item(&report, "notice").state, State::Unknown);
    assert!(report.ready());
    let report = report_on(&ws, "soon", &soon, jiff::civil::date(2026, 11, 20), &none);
    assert_eq!(item(&report, "notice").state, State::Met);
    let report = report_on(
        &ws,
        "notadate",
        &[("planning.planned_start", s("snart"))],
        today,
        &none,
    );
    assert_eq!(item(&report, "notice").state, State::NotMet);

    // Eligibility by the registry's sector code: a municipality is met, a private company a
    // warning, and without a lookup it is unknown.
    let facts = |code: &str, description: &str| {
        let mut facts = Facts::default();
        facts.registry.insert(
            "918427368".into(),
            Standing::Good {
                name: "FJORDLYS KOMMUNE".into(),
            },
        );
        facts.sectors.insert(
            "918427368".into(),
            Sector {
                code: code.into(),
                description: description.into(),
            },
        );
        facts
    };
    let report = report_on(
        &ws,
        "kommune",
        &[],
        today,
        &facts("6500", "Kommuneforvaltningen"),
    );
    assert_eq!(item(&report, "eligibility").state, State::Met);
    let private = facts("2100", "Private aksjeselskaper mv.");
    let report = report_on(&ws, "privat", &[], today, &private);
    let eligibility = item(&report, "eligibility");
    assert_eq!(eligibility.state, State::Unknown);
    assert!(
        eligibility.reason.en.contains("a private company"),
        "{}",
        eligibility.reason.en
    );
    assert!(report.ready());
    let report = report_on(&ws, "offline", &[], today, &none);
    assert_eq!(item(&report, "eligibility").state, State::Unknown);
}

// ---------------------------------------------------------------------------------------------
// Bundles

#[test]
fn the_idporten_bundle_holds_client_json_and_verifies() {
    let ws = Workspace::new();
    cmd(&ws)
        .arg("import")
        .arg(ws.path(IDPORTEN))
        .arg("kommune")
        .assert()
        .success();
    let dir = bundle_dir(&ws, "kommune");
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    assert!(sums.contains("  client.json\n"), "{sums}");
    cmd(&ws).arg("verify").arg(&dir).assert().success();
    cmd(&ws)
        .arg("verify")
        .arg(dir.with_extension("zip"))
        .assert()
        .success();

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("client.json")).unwrap()).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "access_token_lifetime",
            "application_type",
            "authorization_lifetime",
            "client_name",
            "client_orgno",
            "description",
            "frontchannel_logout_session_required",
            "frontchannel_logout_uri",
            "grant_types",
            "integration_type",
            "post_logout_redirect_uris",
            "redirect_uris",
            "refresh_token_lifetime",
            "refresh_token_usage",
            "scopes",
            "supplier_orgno",
            "token_endpoint_auth_method",
        ]
    );
    assert_eq!(json["integration_type"], "idporten");
    assert_eq!(json["application_type"], "web");
    assert_eq!(json["client_name"], "Fjordlys kommune – byggesak");
    assert_eq!(json["client_orgno"], "918427368");
    assert_eq!(json["supplier_orgno"], "927351846");
    assert_eq!(json["token_endpoint_auth_method"], "private_key_jwt");
    assert_eq!(json["scopes"], serde_json::json!(["openid", "profile"]));
    assert_eq!(
        json["grant_types"],
        serde_json::json!(["authorization_code", "refresh_token"])
    );
    assert_eq!(
        json["redirect_uris"][0],
        "https://byggesak.fjordlys.kommune.no/auth/callback"
    );
    assert_eq!(
        json["post_logout_redirect_uris"],
        serde_json::json!(["https://byggesak.fjordlys.kommune.no/logget-ut"])
    );
    assert_eq!(
        json["frontchannel_logout_uri"],
        "https://byggesak.fjordlys.kommune.no/auth/frontchannel-logout"
    );
    assert_eq!(json["frontchannel_logout_session_required"], true);
    assert_eq!(json["refresh_token_usage"], "ONETIME");
    assert_eq!(json["authorization_lifetime"], 3600);
    assert_eq!(json["access_token_lifetime"], 120);
    assert_eq!(json["refresh_token_lifetime"], 900);

    // The email carries client.json beside the request, byte for byte.
    let raw = std::fs::read(dir.join("message.eml")).unwrap();
    let mail = mailparse::parse_mail(&raw).expect("message.eml parses");
    let attached: Vec<(String, String, Vec<u8>)> = mail.subparts[1..]
        .iter()
        .map(|part| {
            let name = part
                .get_content_disposition()
                .params
                .get("filename")
                .cloned()
                .unwrap_or_default();
            (
                name,
                part.ctype.mimetype.clone(),
                part.get_body_raw().unwrap(),
            )
        })
        .collect();
    let names: Vec<&str> = attached.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["request.pdf", "client.json"]);
    assert_eq!(attached[1].1, "application/json");
    assert_eq!(
        attached[1].2,
        std::fs::read(dir.join("client.json")).unwrap()
    );

    // The request, its email and the PDF.
    let eml = std::fs::read_to_string(dir.join("message.eml")).unwrap();
    assert!(eml.contains("To: Digdir <servicedesk@digdir.no>"), "{eml}");
    assert!(
        eml.contains("From: \"Ingrid Solbakken\" <ingrid.solbakken@fjordlys.kommune.no>"),
        "{eml}"
    );
    assert_all_in(IDPORTEN_PDF, &pdf_text(&dir.join("request.pdf")));

    // A changed client.json is caught.
    std::fs::write(dir.join("client.json"), "{}\n").unwrap();
    let out = cmd(&ws).arg("verify").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("modified: client.json"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn client_json_takes_the_defaults_and_the_api_scopes() {
    let ws = Workspace::new();
    let file = variant(
        &ws,
        IDPORTEN,
        "api",
        &[
            ("lifetimes", None),
            ("supplier", None),
            ("client.integration_type", s("api_klient")),
            ("client.api_scopes", list(&["skatteetaten:formueinntekt"])),
            ("client.grant_types", None),
            ("client.refresh_token_usage", s("REUSE")),
        ],
    );
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let order = order::import(&store, &file, Some("api"), now).unwrap();
    let built = bundle::build(&order, &Default::default()).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&built.files["client.json"]).unwrap();
    assert_eq!(json["integration_type"], "api_klient");
    assert_eq!(
        json["scopes"],
        serde_json::json!(["openid", "profile", "skatteetaten:formueinntekt"])
    );
    assert_eq!(
        json["grant_types"],
        serde_json::json!(["authorization_code"])
    );
    // Without refresh_token the usage question is hidden, so it is not sent.
    assert!(json.get("refresh_token_usage").is_none(), "{json}");
    assert!(json.get("supplier_orgno").is_none(), "{json}");
    assert_eq!(json["authorization_lifetime"], 7200);
    assert_eq!(json["access_token_lifetime"], 120);
    assert_eq!(json["refresh_token_lifetime"], 600);
    // Deterministic: the same draft gives the same bytes.
    let again = bundle::build(&order, &Default::default()).unwrap();
    assert_eq!(built.files, again.files);
    assert_eq!(built.zip, again.zip);
}

#[test]
fn the_bankid_bundle_for_current_carries_the_logo_and_the_bid_file() {
    let ws = Workspace::new();
    cmd(&ws)
        .arg("import")
        .arg(ws.path(BANKID))
        .arg("styre")
        .assert()
        .success();
    let dir = bundle_dir(&ws, "styre");
    for file in [
        "attachments/bankid-logo.png",
        "attachments/merchant-test.bid",
    ] {
        assert_eq!(
            std::fs::read(dir.join(file)).unwrap(),
            std::fs::read(ws.path(Path::new(file).file_name().unwrap().to_str().unwrap())).unwrap(),
            "{file} byte for byte"
        );
    }
    assert!(!dir.join("client.json").exists());
    assert!(
        !dir.join("certificate-request.pdf").exists(),
        "no PROD certificate in CURRENT"
    );
    cmd(&ws).arg("verify").arg(&dir).assert().success();
    let eml = std::fs::read_to_string(dir.join("message.eml")).unwrap();
    assert!(
        eml.contains("To: \"Nordsignering AS\" <onboarding@nordsignering.no>"),
        "{eml}"
    );
    assert!(
        eml.contains("From: \"Sigrid Haugland\" <sigrid.haugland@fjordlys-borettslag.no>"),
        "{eml}"
    );
    assert_all_in(BANKID_PDF, &pdf_text(&dir.join("request.pdf")));
}

#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn pdftotext_reads_the_same_answers_from_both_requests() {
    let ws = Workspace::new();
    for (file, name, answers) in [
        (IDPORTEN, "kommune", IDPORTEN_PDF),
        (BANKID, "styre", BANKID_PDF),
    ] {
        cmd(&ws)
            .arg("import")
            .arg(ws.path(file))
            .arg(name)
            .assert()
            .success();
        let pdf = bundle_dir(&ws, name).join("request.pdf");
        let poppler = pdftotext(&pdf);
        assert_all_in(answers, &poppler);
        // And lopdf reads the same words in the same order.
        assert_eq!(pdf_text(&pdf), poppler, "{name}");
    }
}

#[test]
fn a_prod_order_with_a_dedicated_certificate_has_a_separate_request_to_bankid_sales() {
    let ws = Workspace::new();
    let file = variant(
        &ws,
        BANKID,
        "prod",
        &[
            ("client.environment", s("prod")),
            (
                "client.redirect_uris",
                list(&["https://styre.fjordlys-borettslag.no/auth/callback"]),
            ),
            ("certificate", None),
            (
                "certificate.dedicated_prod",
                Some(toml::Value::Boolean(true)),
            ),
            ("certificate.common_name", s("Fjordlys Borettslag")),
        ],
    );
    let (code, text) = check(&ws, &file, "prod");
    assert_eq!(code, 0, "{text}");
    let dir = bundle_dir(&ws, "prod");
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    for name in [
        "certificate-request.pdf",
        "certificate-message.eml",
        "message.eml",
        "request.pdf",
    ] {
        assert!(
            sums.contains(&format!("  {name}\n")),
            "{name} in SHA256SUMS:\n{sums}"
        );
    }
    assert!(!sums.contains(".bid"), "no .bid file in PROD:\n{sums}");
    cmd(&ws).arg("verify").arg(&dir).assert().success();
    cmd(&ws)
        .arg("verify")
        .arg(dir.with_extension("zip"))
        .assert()
        .success();

    let eml = std::fs::read_to_string(dir.join("certificate-message.eml")).unwrap();
    assert!(
        eml.contains("To: \"BankID Norge\" <salg@bankidnorge.no>"),
        "{eml}"
    );
    assert!(
        eml.contains("Subject: Dedicated BankID merchant certificate for FJORDLYS BORETTSLAG"),
        "{eml}"
    );
    assert!(eml.contains("From: \"Sigrid Haugland\""), "{eml}");
    let main = std::fs::read_to_string(dir.join("message.eml")).unwrap();
    assert!(main.contains("onboarding@nordsignering.no"), "{main}");

    let text = pdf_text(&dir.join("certificate-request.pdf"));
    for answer in [
        "To: BankID Norge <salg@bankidnorge.no>",
        "Company: FJORDLYS BORETTSLAG (926481576)",
        "1. Desired common name (CN) of the certificate Fjordlys Borettslag",
        // The company is not one of BankID's numbered questions: a supporting answer.
        "Additional information Company name FJORDLYS BORETTSLAG Organisation number 926481576",
    ] {
        assert!(text.contains(answer), "{answer} missing:\n{text}");
    }
    assert!(
        !text.contains("nnin_altsub"),
        "only the certificate's answers:\n{text}"
    );
    // The main request says a dedicated certificate is wanted, and its common name.
    let text = pdf_text(&dir.join("request.pdf"));
    assert!(
        text.contains("Dedicated merchant certificate in PROD? Yes"),
        "{text}"
    );
    assert!(text.contains("Fjordlys Borettslag"), "{text}");

    // The library agrees on which messages there are, in order.
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let order = Order::open(
        &store,
        &eid_onboard::draft::DraftName::parse("prod").unwrap(),
    )
    .unwrap();
    let built = bundle::build(&order, &Default::default()).unwrap();
    assert_eq!(built.messages, ["message.eml", "certificate-message.eml"]);
}
