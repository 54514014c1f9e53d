//! `check`, `bundle` and `config` with the live check of the production domain: the real binary,
//! the domain played by a loopback HTTPS server whose CA is trusted and whose address the
//! resolve setting gives, from the config file or the environment.

mod common;

use common::Workspace;
use common::oidc::{self, Play, Server};
use eid_onboard::domain_check::{CA_FILE_ENV, ENABLED_ENV, RESOLVE_ENV, TIMEOUT_ENV};

/// The fixture's production domain.
const DOMAIN: &str = "login.solglott-eiendom.no";

fn imported(ws: &Workspace) {
    common::cli(ws)
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .arg("acme")
        .assert()
        .success();
}

/// The binary with the domain check on, reaching `server` for the fixture's domain.
fn with_env(ws: &Workspace, server: &Server) -> assert_cmd::Command {
    let mut cmd = common::cli(ws);
    cmd.env(ENABLED_ENV, "on")
        .env(RESOLVE_ENV, server.resolve(DOMAIN))
        .env(CA_FILE_ENV, server.write_ca(ws.dir.path()));
    cmd
}

fn check_json(cmd: &mut assert_cmd::Command) -> (Option<i32>, serde_json::Value) {
    let out = cmd.args(["check", "acme", "--json"]).output().unwrap();
    let json = serde_json::from_slice(&out.stdout).expect("json on stdout");
    (out.status.code(), json)
}

fn domain_item(json: &serde_json::Value) -> (String, String) {
    let item = json["prerequisites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "domain")
        .expect("the domain item");
    (
        item["state"].as_str().unwrap().to_string(),
        item["reason"].as_str().unwrap().to_string(),
    )
}

#[test]
fn settings_from_the_config_file_reach_the_domain_and_check_passes() {
    let ws = Workspace::new();
    imported(&ws);
    let server = oidc::https(DOMAIN, 200, &oidc::discovery(&format!("https://{DOMAIN}")));
    let ca = server.write_ca(ws.dir.path());
    let config_dir = ws.dir.path().join("config/eid-onboard");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(
        config_dir.join("config.toml"),
        format!(
            "[domain_check]\nenabled = true\ntimeout = 4\nresolve = [\"{}\"]\nca_file = \"{}\"\n",
            server.resolve(DOMAIN),
            ca.display()
        ),
    )
    .unwrap();
    let mut cmd = common::cli(&ws);
    cmd.env_remove(ENABLED_ENV);
    let (code, json) = check_json(&mut cmd);
    assert_eq!(domain_item(&json).0, "met", "{json}");
    assert!(domain_item(&json).1.contains(DOMAIN), "{json}");
    assert_eq!(code, Some(0), "{json}");
    assert_eq!(
        *server.requests.lock().unwrap(),
        ["GET /.well-known/openid-configuration HTTP/1.1"]
    );

    // `config` shows each setting and where it comes from.
    let mut cmd = common::cli(&ws);
    let out = cmd
        .env_remove(ENABLED_ENV)
        .env(TIMEOUT_ENV, "2")
        .arg("config")
        .output()
        .unwrap();
    let text = common::stdout(&out);
    let section = text.split("[domain_check]").nth(1).expect("the section");
    assert!(section.contains("timeout    2 s"), "{section}");
    assert!(
        section.contains(&format!("(environment {TIMEOUT_ENV})")),
        "{section}"
    );
    assert!(
        section.contains(&format!("{DOMAIN}:443:127.0.0.1:{}", server.port)),
        "{section}"
    );
    assert!(section.contains(&ca.display().to_string()), "{section}");
    assert!(section.contains("(config file "), "{section}");
}

#[test]
fn a_domain_with_another_issuer_is_not_met_and_blocks_the_bundle() {
    let ws = Workspace::new();
    imported(&ws);
    let server = oidc::https(
        DOMAIN,
        200,
        &oidc::discovery("https://solglott.idura.broker"),
    );
    let out = with_env(&ws, &server)
        .args(["check", "acme"])
        .output()
        .unwrap();
    let text = common::stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("https://solglott.idura.broker"), "{text}");
    assert!(text.contains(&format!("not https://{DOMAIN}")), "{text}");

    let out = with_env(&ws, &server)
        .args(["bundle", "acme", "--out"])
        .arg(ws.path("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", common::stdout(&out));
    assert!(!ws.path("out/acme-idura-no-bankid").exists());
}

#[test]
fn a_404_or_no_tls_is_not_met() {
    let ws = Workspace::new();
    imported(&ws);
    let missing = oidc::https(DOMAIN, 404, "{}");
    let (code, json) = check_json(&mut with_env(&ws, &missing));
    assert_eq!(code, Some(1));
    let (state, reason) = domain_item(&json);
    assert_eq!(state, "not-met");
    assert!(reason.contains("HTTP 404"), "{reason}");

    let plain = Server::start(Play::PlainHttp);
    let (_, json) = check_json(&mut with_env(&ws, &plain));
    let (state, reason) = domain_item(&json);
    assert_eq!(state, "not-met");
    assert!(reason.contains("TLS"), "{reason}");
}

#[test]
fn silence_and_offline_are_unknown_and_do_not_block() {
    let ws = Workspace::new();
    imported(&ws);
    let silent = Server::start(Play::Silent);
    let (code, json) = check_json(with_env(&ws, &silent).env(TIMEOUT_ENV, "0.3"));
    let (state, reason) = domain_item(&json);
    assert_eq!(state, "unknown");
    assert!(reason.contains("did not answer within 0.3 s"), "{reason}");
    assert_eq!(code, Some(0), "{json}");

    let set_up = oidc::https(DOMAIN, 200, &oidc::discovery(&format!("https://{DOMAIN}")));
    let (code, json) = check_json(with_env(&ws, &set_up).arg("--offline"));
    let (state, reason) = domain_item(&json);
    assert_eq!(state, "unknown");
    assert!(reason.contains("offline"), "{reason}");
    assert_eq!(code, Some(0));
    assert!(set_up.requests.lock().unwrap().is_empty());
}
