//! The live check of the production domain against loopback servers that play the domain: a
//! certificate generated for it (trusted through the CA-file setting) and the resolve setting
//! pointing the name at the server. No test reaches the internet.

mod common;

use std::path::Path;
use std::time::Duration;

use common::oidc::{self, Play, Server};
use eid_onboard::config::{Setting, Source};
use eid_onboard::domain_check::{Checker, Fault, Mapping, Outcome, Settings, Silence};
use eid_onboard::prereq::State;

const DOMAIN: &str = "login.acme.no";

fn settings(server: &Server, dir: &Path, timeout: Duration) -> Settings {
    let setting = |value| Setting {
        value,
        source: Source::Default,
    };
    Settings {
        timeout: setting(timeout),
        resolve: Setting {
            value: vec![Mapping::parse(&server.resolve(DOMAIN)).unwrap()],
            source: Source::Default,
        },
        ca_file: Some(Setting {
            value: server.write_ca(dir),
            source: Source::Default,
        }),
        ..Settings::default()
    }
}

fn check(server: &Server, url: &str) -> eid_onboard::domain_check::DomainCheck {
    let tmp = tempfile::tempdir().unwrap();
    let checker = Checker::new(&settings(server, tmp.path(), Duration::from_secs(5))).unwrap();
    checker.check(url)
}

#[test]
fn a_domain_whose_issuer_is_itself_is_set_up() {
    for issuer in ["https://login.acme.no", "https://Login.Acme.no/"] {
        let server = oidc::https(DOMAIN, 200, &oidc::discovery(issuer));
        let result = check(&server, "https://login.acme.no");
        assert_eq!(result.outcome, Outcome::SetUp, "{issuer}");
        assert_eq!(result.domain, DOMAIN);
        let (state, reason) = result.item();
        assert_eq!(state, State::Met);
        assert!(reason.en.contains(DOMAIN), "{}", reason.en);
        assert_eq!(
            *server.requests.lock().unwrap(),
            ["GET /.well-known/openid-configuration HTTP/1.1"]
        );
    }
}

#[test]
fn another_issuer_is_not_met_and_names_both() {
    let server = oidc::https(DOMAIN, 200, &oidc::discovery("https://acme.idura.broker"));
    let result = check(&server, "https://login.acme.no");
    assert_eq!(
        result.outcome,
        Outcome::NotSetUp(Fault::WrongIssuer {
            found: "https://acme.idura.broker".into()
        })
    );
    let (state, reason) = result.item();
    assert_eq!(state, State::NotMet);
    assert!(
        reason.en.contains("https://acme.idura.broker"),
        "{}",
        reason.en
    );
    assert!(reason.en.contains("https://login.acme.no"), "{}", reason.en);
}

#[test]
fn no_tls_or_a_certificate_for_another_name_is_not_met() {
    let plain = Server::start(Play::PlainHttp);
    let result = check(&plain, "https://login.acme.no");
    assert!(
        matches!(result.outcome, Outcome::NotSetUp(Fault::NoTls(_))),
        "{:?}",
        result.outcome
    );
    assert_eq!(result.item().0, State::NotMet);
    assert!(result.item().1.en.contains("does not answer with TLS"));

    let other = oidc::https(
        "other.example",
        200,
        &oidc::discovery("https://login.acme.no"),
    );
    let result = check(&other, "https://login.acme.no");
    let Outcome::NotSetUp(Fault::Certificate(detail)) = &result.outcome else {
        panic!("{:?}", result.outcome);
    };
    assert!(detail.contains("other.example"), "{detail}");
    let reason = result.item().1.en;
    assert!(
        reason.contains("certificate that is not valid for login.acme.no"),
        "{reason}"
    );
    assert!(other.requests.lock().unwrap().is_empty());
}

#[test]
fn a_certificate_from_an_untrusted_ca_is_not_met() {
    let server = oidc::https(DOMAIN, 200, &oidc::discovery("https://login.acme.no"));
    let tmp = tempfile::tempdir().unwrap();
    let mut settings = settings(&server, tmp.path(), Duration::from_secs(5));
    settings.ca_file = None;
    let result = Checker::new(&settings)
        .unwrap()
        .check("https://login.acme.no");
    assert!(
        matches!(result.outcome, Outcome::NotSetUp(Fault::Certificate(_))),
        "{:?}",
        result.outcome
    );
}

#[test]
fn statuses_other_than_200_and_bodies_not_json_are_not_met() {
    for (status, body, expected) in [
        (404, "{}", Fault::Status(404)),
        (500, "{}", Fault::Status(500)),
        (301, "", Fault::Status(301)),
        (200, "<html>parked domain</html>", Fault::NotJson),
        (200, "{\"jwks_uri\":\"x\"}", Fault::NoIssuer),
    ] {
        let server = oidc::https(DOMAIN, status, body);
        let result = check(&server, "https://login.acme.no");
        assert_eq!(
            result.outcome,
            Outcome::NotSetUp(expected),
            "{status} {body}"
        );
        assert_eq!(result.item().0, State::NotMet);
    }
    let server = oidc::https(DOMAIN, 200, &"x".repeat(70 * 1024));
    assert_eq!(
        check(&server, "https://login.acme.no").outcome,
        Outcome::NotSetUp(Fault::TooLarge)
    );
}

#[test]
fn a_server_that_never_answers_is_unknown_once_the_time_limit_is_reached() {
    let server = Server::start(Play::Silent);
    let tmp = tempfile::tempdir().unwrap();
    let limit = Duration::from_millis(300);
    let checker = Checker::new(&settings(&server, tmp.path(), limit)).unwrap();
    let result = checker.check("https://login.acme.no");
    assert_eq!(result.outcome, Outcome::NoAnswer(Silence::TimedOut(limit)));
    assert_eq!(result.item().0, State::Unknown);
}

#[test]
fn a_refused_connection_is_unknown() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let settings = Settings {
        resolve: Setting {
            value: vec![Mapping::parse(&format!("{DOMAIN}:443:127.0.0.1:{port}")).unwrap()],
            source: Source::Default,
        },
        ..Settings::default()
    };
    let result = Checker::new(&settings)
        .unwrap()
        .check("https://login.acme.no");
    assert_eq!(result.outcome, Outcome::NoAnswer(Silence::Refused));
    assert_eq!(result.item().0, State::Unknown);
}

#[test]
fn an_unusable_ca_file_is_said_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("ca.pem");
    std::fs::write(&path, "not a certificate").unwrap();
    let settings = Settings {
        ca_file: Some(Setting {
            value: path.clone(),
            source: Source::Env("EID_ONBOARD_DOMAIN_CA_FILE"),
        }),
        ..Settings::default()
    };
    let e = Checker::new(&settings).unwrap_err().to_string();
    assert!(e.contains("ca.pem"), "{e}");
    assert!(e.contains("EID_ONBOARD_DOMAIN_CA_FILE"), "{e}");
}
