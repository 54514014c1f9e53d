//! `--json` on every command that reports: one JSON object with `"schema": 1` on stdout, the
//! same facts as the text output, and the same exit status.

mod common;

use common::{Workspace, stdout};

fn cmd(ws: &Workspace) -> assert_cmd::Command {
    common::cli(ws)
}

/// Runs `args` with `--json`, checks the exit status and the schema, and returns the object.
fn json(ws: &Workspace, args: &[&str], code: i32) -> serde_json::Value {
    let out = cmd(ws).args(args).arg("--json").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", stdout(&out)));
    assert_eq!(value["schema"], 1, "{args:?}: {value}");
    value
}

fn import(ws: &Workspace, fixture: &str, name: &str) {
    cmd(ws)
        .arg("import")
        .arg(ws.path(fixture))
        .arg(name)
        .assert()
        .success();
}

#[test]
fn forms_and_forms_json_name_the_same_recipients() {
    let ws = Workspace::new();
    let value = json(&ws, &["forms"], 0);
    let forms = value["forms"].as_array().unwrap();
    assert_eq!(forms.len(), 4);
    let text = stdout(&cmd(&ws).arg("forms").output().unwrap());
    for form in forms {
        let id = form["id"].as_str().unwrap();
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("{id} not in:\n{text}"));
        let shown = match (form["recipient_field"].as_str(), form["recipient"].as_str()) {
            (Some(field), _) => format!("<{field}.email>"),
            (None, Some(recipient)) => format!("<{recipient}>"),
            (None, None) => panic!("{id}: no recipient in {form}"),
        };
        assert!(line.contains(&shown), "{id}: {shown} not in {line:?}");
        // Exactly one addressee is shown, the one JSON gives.
        assert_eq!(line.matches('<').count(), 1, "{line}");
        assert_eq!(
            form["access_request"].is_object(),
            line.contains("access request"),
            "{id}: {line}"
        );
    }
}

#[test]
fn list_and_check_carry_the_schema() {
    let ws = Workspace::new();
    assert_eq!(json(&ws, &["list"], 0)["drafts"], serde_json::json!([]));
    import(&ws, "idura-complete.toml", "acme");
    let list = json(&ws, &["list"], 0);
    assert_eq!(list["drafts"][0]["name"], "acme");
    assert_eq!(list["drafts"][0]["form"], "idura-no-bankid");
    let check = json(&ws, &["check", "acme"], 0);
    assert_eq!(check["ready"], true);
    assert_eq!(check["draft"], "acme");
}

#[test]
fn import_json_reports_the_new_draft() {
    let ws = Workspace::new();
    let file = ws.variant(
        "idura-complete.toml",
        "broken",
        "company.orgnr",
        common::s("123456789"),
    );
    let path = file.display().to_string();
    let value = json(&ws, &["import", &path], 0);
    assert_eq!(value["draft"], "broken");
    assert_eq!(value["saved"], true);
    assert_eq!(value["ready"], false);
    assert_eq!(value["errors"], 1);
    let problems = value["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["field"] == "company.orgnr" && p["severity"] == "error"),
        "{value}"
    );
    assert!(value["registry"].is_array(), "{value}");
    // The draft is there, as without --json.
    assert_eq!(json(&ws, &["list"], 0)["drafts"][0]["name"], "broken");
}

#[test]
fn bundle_and_verify_json() {
    let ws = Workspace::new();
    import(&ws, "idura-complete.toml", "acme");
    let out = ws.path("out").display().to_string();
    let bundle = json(&ws, &["bundle", "acme", "--out", &out], 0);
    assert_eq!(bundle["bundled"], true);
    let dir = bundle["dir"].as_str().unwrap().to_string();
    let zip = bundle["zip"].as_str().unwrap().to_string();
    assert!(dir.ends_with("acme-idura-no-bankid"), "{dir}");
    assert!(std::path::Path::new(&zip).is_file());
    assert_eq!(bundle["zip_sha256"].as_str().unwrap().len(), 64);
    let files: Vec<&str> = bundle["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"request.pdf") && files.contains(&"SHA256SUMS"),
        "{files:?}"
    );
    assert_eq!(bundle["access_request"], serde_json::Value::Null);

    let verified = json(&ws, &["verify", &dir], 0);
    assert_eq!(verified["ok"], true);
    assert_eq!(verified["issues"], serde_json::json!([]));
    assert_eq!(verified["listed"], files.len() - 1);
    assert_eq!(json(&ws, &["verify", &zip], 0)["ok"], true);
    std::fs::write(format!("{dir}/request.toml"), "changed").unwrap();
    let changed = json(&ws, &["verify", &dir], 1);
    assert_eq!(changed["ok"], false);
    assert_eq!(
        changed["issues"],
        serde_json::json!([{ "kind": "modified", "path": "request.toml" }])
    );

    // A draft with problems is refused with the check's report, exit 1, as without --json.
    let file = ws.variant(
        "idura-complete.toml",
        "broken",
        "company.orgnr",
        common::s("1"),
    );
    cmd(&ws).arg("import").arg(&file).assert().success();
    let refused = json(&ws, &["bundle", "broken", "--out", &out], 1);
    assert_eq!(refused["bundled"], false);
    assert_eq!(refused["ready"], false);
    assert!(!refused["problems"].as_array().unwrap().is_empty());
}

#[test]
fn send_dry_run_json_shows_the_messages_and_sends_nothing() {
    let ws = Workspace::new();
    import(&ws, "idura-complete.toml", "acme");
    let value = json(&ws, &["send", "acme", "--dry-run"], 0);
    assert_eq!(value["dry_run"], true);
    assert_eq!(value["sent"], false);
    assert_eq!(value["transport"], serde_json::Value::Null);
    let message = &value["messages"][0];
    assert_eq!(message["file"], "message.eml");
    assert!(
        message["to"].as_str().unwrap().contains("orders@idura.eu"),
        "{value}"
    );
    assert!(message["size"].as_u64().unwrap() > 1000);
    let attachment = &message["attachments"][0];
    assert_eq!(attachment["name"], "request.pdf");
    assert_eq!(attachment["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(
        attachment["source"],
        serde_json::Value::Null,
        "made by the bundle"
    );
    assert!(!value["body"].as_str().unwrap().is_empty());

    // A file the user attached says where it was read from, in full.
    import(&ws, "bankid-oidc-complete.toml", "oidc");
    let value = json(&ws, &["send", "oidc", "--dry-run"], 0);
    let attached: Vec<&str> = value["messages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["attachments"].as_array().unwrap())
        .filter_map(|a| a["source"].as_str())
        .collect();
    assert!(!attached.is_empty(), "{value}");
    for source in attached {
        let path = std::path::Path::new(source);
        assert!(path.is_absolute() && path.is_file(), "{source}");
    }
    // The same message as the text dry run.
    let text = stdout(
        &cmd(&ws)
            .args(["send", "acme", "--dry-run"])
            .output()
            .unwrap(),
    );
    assert!(
        text.contains(message["subject"].as_str().unwrap()),
        "{text}"
    );
    assert!(
        text.contains(attachment["sha256"].as_str().unwrap()),
        "{text}"
    );
    // Nothing was recorded.
    assert_eq!(json(&ws, &["list"], 0)["drafts"][0]["status"], "draft");
    // --json is for the dry run only.
    cmd(&ws).args(["send", "acme", "--json"]).assert().code(2);
}

#[test]
fn status_json_says_what_changed() {
    let ws = Workspace::new();
    import(&ws, "idura-complete.toml", "acme");
    let refused = json(&ws, &["status", "acme", "signed"], 1);
    assert_eq!(refused["changed"], false);
    assert_eq!(refused["wanted"], "signed");
    assert!(refused["refusal"].is_string(), "{refused}");
    // Marked sent (by other means) once bundled.
    let out = ws.path("out").display().to_string();
    json(&ws, &["bundle", "acme", "--out", &out], 0);
    let sent = json(&ws, &["status", "acme", "sent"], 0);
    assert_eq!(sent["changed"], true);
    assert_eq!(sent["status"], "sent");
    assert_eq!(json(&ws, &["list"], 0)["drafts"][0]["status"], "sent");
}

#[test]
fn config_json_gives_every_setting_with_its_source() {
    let ws = Workspace::new();
    let value = json(&ws, &["config", "--offline"], 0);
    assert_eq!(
        value["data_folder"]["value"],
        ws.data_dir().display().to_string()
    );
    assert_eq!(value["registry"]["enabled"]["value"], "no");
    assert_eq!(value["registry"]["enabled"]["source"], "--offline");
    assert_eq!(value["domain_check"]["enabled"]["value"], "no");
    for key in [
        "from",
        "transport",
        "user",
        "password",
        "ca_file",
        "timeout",
    ] {
        assert!(value["mail"][key]["value"].is_string(), "{key}: {value}");
    }
    assert!(value["config_file"]["path"].is_string(), "{value}");
    // The same settings as the text.
    let text = stdout(&cmd(&ws).args(["config", "--offline"]).output().unwrap());
    let cache = value["registry"]["cache"]["value"].as_str().unwrap();
    assert!(text.contains(&format!("cache      {cache}\n")), "{text}");
    let source = value["mail"]["timeout"]["source"].as_str().unwrap();
    assert!(
        text.contains(&format!("timeout    30 s\n             ({source})")),
        "{text}"
    );
}
