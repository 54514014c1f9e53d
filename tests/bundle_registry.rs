//! The checklist in the bundle (request.pdf, the email in message.eml) says what `check` says: met
//! with the registered name and the date of the register's answer. The real binary against a real
//! HTTP server on 127.0.0.1 serving the recorded Enhetsregisteret answers.

mod common;

use common::brreg::{self, numbers};
use common::pdf::Pdf;
use common::{Workspace, s};

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_bundles_checklist_says_the_register_found_the_company_and_when() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let file = ws.variant(
        "idura-complete.toml",
        "acme",
        "company.orgnr",
        s(numbers::SOLGLOTT),
    );
    // The production domain answers too, set up: every item of the checklist is verified.
    let domain = "login.solglott-eiendom.no";
    let site = common::oidc::https(
        domain,
        200,
        &common::oidc::discovery(&format!("https://{domain}")),
    );
    let ca = site.write_ca(ws.dir.path());
    let cmd = |args: &[&str]| {
        let mut cmd = common::cli(&ws);
        cmd.env("EID_ONBOARD_REGISTRY_URL", server.url())
            .env("EID_ONBOARD_REGISTRY_TIMEOUT", "5")
            .env("EID_ONBOARD_DOMAIN_CHECK", "on")
            .env("EID_ONBOARD_DOMAIN_RESOLVE", site.resolve(domain))
            .env("EID_ONBOARD_DOMAIN_CA_FILE", &ca)
            .args(args);
        cmd
    };
    cmd(&["import"]).arg(&file).assert().success();
    let check = cmd(&["check", "acme"]).output().unwrap();
    let check = String::from_utf8_lossy(&check.stdout).into_owned();
    let registered = "928471632 is registered as SOLGLØTT EIENDOMSMEGLING AS and in good standing.";
    assert!(check.contains(registered), "{check}");
    assert!(
        check.contains(&format!("(The register's answer of {}", today_in_words())),
        "{check}"
    );

    let out = ws.path("out");
    cmd(&["bundle", "acme", "--out"])
        .arg(&out)
        .assert()
        .success();
    let folder = out.join("acme-idura-no-bankid");

    // The document is in its questionnaire's language (English for Idura's order).
    let pdf = squeeze(&Pdf::open(&folder.join("request.pdf")).text());
    assert!(pdf.contains(registered), "{pdf}");
    assert!(
        pdf.contains(&format!("(The register's answer of {}", today_in_words())),
        "{pdf}"
    );
    assert!(
        pdf.contains("login.solglott-eiendom.no answers at /.well-known/openid-configuration"),
        "{pdf}"
    );
    assert!(
        !pdf.contains("not verified"),
        "every item was verified:\n{pdf}"
    );

    let eml = std::fs::read(folder.join("message.eml")).unwrap();
    let message = mailparse::parse_mail(&eml).unwrap();
    let body = message
        .subparts
        .first()
        .map(|p| p.get_body().unwrap())
        .unwrap_or_else(|| message.get_body().unwrap());
    let body = squeeze(&body);
    assert!(body.contains(registered), "{body}");
    assert!(
        body.contains(&format!("(The register's answer of {}", today_in_words())),
        "{body}"
    );
}

/// Today's date as the register's notes word it ("1 December 2026"), without the time.
fn today_in_words() -> String {
    let now = jiff::Zoned::now();
    let words = eid_onboard::text::in_words(&now, eid_onboard::text::Lang::En);
    words
        .rsplit_once(' ')
        .map_or(words.clone(), |(date, _)| date.to_string())
}
