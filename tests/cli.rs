//! The command line end to end: the real binary on a temporary data directory.

mod common;

use assert_cmd::Command;
use common::{Workspace, s, stdout};
use eid_onboard::draft::{DraftName, DraftStore};
use predicates::prelude::*;

fn cmd(ws: &Workspace) -> Command {
    common::cli(ws)
}

fn import(ws: &Workspace, file: &std::path::Path, name: &str) {
    cmd(ws).arg("import").arg(file).arg(name).assert().success();
}

#[test]
fn forms_lists_the_questionnaires_with_recipients() {
    let ws = Workspace::new();
    cmd(&ws)
        .arg("forms")
        .assert()
        .success()
        .stdout(predicate::str::contains("idura-no-bankid"))
        .stdout(predicate::str::contains("orders@idura.eu"))
        .stdout(predicate::str::contains("criipto-no-bankid"))
        .stdout(predicate::str::contains("support@criipto.com"))
        .stdout(predicate::str::contains("idporten-oidc"))
        .stdout(predicate::str::contains("servicedesk@digdir.no"))
        // The BankID partner comes from the answers.
        .stdout(predicate::str::contains("bankid-oidc"))
        .stdout(predicate::str::contains("<partner.email>"));
    let out = cmd(&ws).args(["forms", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema"], 1);
    let json = &json["forms"];
    assert_eq!(json.as_array().unwrap().len(), 4);
    assert_eq!(json[0]["recipient"], "orders@idura.eu");
    assert_eq!(json[0]["recipient_field"], serde_json::Value::Null);
    assert_eq!(json[2]["id"], "bankid-oidc");
    assert_eq!(json[2]["recipient_field"], "partner");
}

#[test]
fn complete_answers_import_and_check_passes_for_both_forms() {
    let ws = Workspace::new();
    for (fixture, name) in [
        ("idura-complete.toml", "idura"),
        ("criipto-complete.toml", "criipto"),
        ("idura-foreign.toml", "foreign"),
    ] {
        cmd(&ws)
            .arg("import")
            .arg(ws.path(fixture))
            .arg(name)
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("Saved draft {name}")));
        cmd(&ws)
            .args(["check", name])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Ready"));
    }
}

/// Rules no source states are warnings: plain http for the production domain and a short
/// description are advice, so `check` still says ready and names each field.
#[test]
fn rules_without_a_source_warn_and_do_not_block() {
    let ws = Workspace::new();
    let cases = [
        (
            "service.production_domain",
            s("http://login.solglott-eiendom.no"),
            "https://login.solglott-eiendom.no/",
        ),
        (
            "service.description",
            s("Customer portal with BankID."),
            "This tool's advice",
        ),
    ];
    for (i, (field, value, says)) in cases.into_iter().enumerate() {
        let name = format!("advice{i}");
        let file = ws.variant("idura-complete.toml", &name, field, value);
        import(&ws, &file, &name);
        let out = cmd(&ws).args(["check", &name]).output().unwrap();
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(0), "{field}:\n{text}");
        assert!(
            text.contains(&format!("{field}: ")),
            "{field} not named in:\n{text}"
        );
        assert!(text.contains(says), "{field}: {says:?} not in:\n{text}");
    }
}

#[test]
fn one_wrong_value_makes_check_exit_1_and_name_the_field() {
    let ws = Workspace::new();
    let cases = [
        ("company.orgnr", s("928471633")),
        (
            "contacts.general.email",
            s("kjaersti.ostgard@@solglott-eiendom.no"),
        ),
        ("contacts.credentials.mobile", s("1234")),
        ("service.production_domain", s("https://192.168.1.10")),
        ("nnin.legal_basis", None),
    ];
    for (i, (field, value)) in cases.into_iter().enumerate() {
        let file = ws.variant("idura-complete.toml", &format!("bad{i}"), field, value);
        let name = format!("bad{i}");
        import(&ws, &file, &name);
        let out = cmd(&ws).args(["check", &name]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{field}");
        let text = stdout(&out);
        assert!(
            text.contains(&format!("{field}: ")),
            "{field} not named in:\n{text}"
        );
        assert!(text.contains("Not ready"), "{text}");

        let out = cmd(&ws).args(["check", &name, "--json"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["ready"], false);
        let fields: Vec<&str> = json["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["severity"] == "error")
            .map(|p| p["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&field), "{field}: {fields:?}");
    }
    // The criipto form, too.
    let file = ws.variant(
        "criipto-complete.toml",
        "crbad",
        "company.orgnr",
        s("123456784"),
    );
    import(&ws, &file, "crbad");
    cmd(&ws)
        .args(["check", "crbad"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("company.orgnr: "));
}

#[test]
fn check_json_lists_the_checklist() {
    let ws = Workspace::new();
    import(&ws, &ws.path("idura-complete.toml"), "acme");
    let out = cmd(&ws).args(["check", "acme", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["ready"], true);
    assert_eq!(json["form"], "idura-no-bankid");
    let states: Vec<(&str, &str)> = json["prerequisites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["state"].as_str().unwrap()))
        .collect();
    assert!(states.contains(&("registry", "unknown")), "{states:?}");
    assert!(states.contains(&("bank", "met")), "{states:?}");
    assert!(states.contains(&("signatory", "met")), "{states:?}");
}

#[test]
fn list_shows_drafts_with_progress_and_status() {
    let ws = Workspace::new();
    cmd(&ws)
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("No drafts yet"));
    import(&ws, &ws.path("idura-complete.toml"), "acme");
    let partial = ws.variant(
        "criipto-complete.toml",
        "partial",
        "service.description",
        None,
    );
    import(&ws, &partial, "partial");
    let out = cmd(&ws).arg("list").output().unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("acme") && text.contains("idura-no-bankid") && text.contains("draft"),
        "{text}"
    );
    let out = cmd(&ws).args(["list", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The table says when in words, in local time; the JSON keeps the RFC 3339 stamp.
    let updated: jiff::Timestamp = json["drafts"][0]["updated"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let in_words = eid_onboard::text::local_time_in_list(updated, eid_onboard::text::Lang::En);
    assert!(text.contains(&in_words), "{in_words} in {text}");
    assert!(!text.contains(&updated.to_string()[..10]), "{text}");
    assert_eq!(json["schema"], 1);
    let rows = json["drafts"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["name"], "acme");
    assert_eq!(
        rows[0]["progress"]["answered"],
        rows[0]["progress"]["required"]
    );
    assert_eq!(rows[1]["name"], "partial");
    let answered = rows[1]["progress"]["answered"].as_u64().unwrap();
    let required = rows[1]["progress"]["required"].as_u64().unwrap();
    assert_eq!(answered + 1, required);
    assert_eq!(rows[1]["status"], "draft");
}

#[test]
fn export_prints_an_answers_file_that_imports_to_the_same_draft() {
    let ws = Workspace::new();
    import(&ws, &ws.path("criipto-complete.toml"), "first");
    let exported = stdout(&cmd(&ws).args(["export", "first"]).output().unwrap());
    assert!(
        exported.starts_with("form = \"criipto-no-bankid\""),
        "{exported}"
    );
    // Attachment paths were made absolute on import, so the export works from anywhere.
    assert!(
        exported.contains(&ws.path("firmaattest.pdf").display().to_string()),
        "{exported}"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("again.toml");
    std::fs::write(&file, &exported).unwrap();
    import(&ws, &file, "second");
    let again = stdout(&cmd(&ws).args(["export", "second"]).output().unwrap());
    assert_eq!(exported, again);
    cmd(&ws).args(["check", "second"]).assert().code(0);
}

#[test]
fn import_names_the_draft_after_the_file() {
    let ws = Workspace::new();
    cmd(&ws)
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .assert()
        .success();
    cmd(&ws).args(["check", "idura-complete"]).assert().code(0);
}

#[test]
fn import_lists_problems_and_keeps_the_draft() {
    let ws = Workspace::new();
    let file = ws.variant("idura-complete.toml", "bad", "company.orgnr", s("12345"));
    cmd(&ws)
        .arg("import")
        .arg(&file)
        .arg("kept")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 error,"))
        .stdout(predicate::str::contains("company.orgnr: "));
    let exported = stdout(&cmd(&ws).args(["export", "kept"]).output().unwrap());
    assert!(
        exported.contains("orgnr = \"12345\""),
        "the typed value is kept: {exported}"
    );
}

#[test]
fn errors_exit_2_with_a_message_and_nothing_on_stdout() {
    let ws = Workspace::new();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["check".into(), "nobody".into()], "no draft named"),
        (vec!["check".into(), "../etc".into()], "invalid draft name"),
        (vec!["export".into(), "nobody".into()], "no draft named"),
        (
            vec![
                "import".into(),
                ws.path("missing.toml").display().to_string(),
            ],
            "missing.toml",
        ),
    ];
    for (args, message) in cases {
        let out = cmd(&ws).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: {}", stdout(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
    cmd(&ws).arg("frobnicate").assert().code(2);
}

#[test]
fn an_answers_file_with_a_syntax_error_or_unknown_form_is_refused() {
    let ws = Workspace::new();
    let file = ws.path("broken.toml");
    std::fs::write(
        &file,
        "form = \"idura-no-bankid\"\n[service]\ndescription = \"unterminated\n",
    )
    .unwrap();
    cmd(&ws)
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.toml:3:"));
    std::fs::write(&file, "form = \"swedish-bankid\"\n").unwrap();
    cmd(&ws)
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown questionnaire"))
        .stderr(predicate::str::contains("idura-no-bankid"));
    std::fs::write(&file, "[service]\ndescription = \"x\"\n").unwrap();
    cmd(&ws)
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("form = "));
}

#[test]
fn a_corrupt_draft_is_reported_with_its_line_and_never_overwritten() {
    let ws = Workspace::new();
    import(&ws, &ws.path("idura-complete.toml"), "acme");
    let path = ws.data_dir().join("drafts/acme.toml");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"\n[answers.service\nbroken = \n");
    std::fs::write(&path, &bytes).unwrap();
    let lines = String::from_utf8_lossy(&bytes).lines().count();
    cmd(&ws)
        .args(["check", "acme"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(path.display().to_string()))
        .stderr(predicate::str::contains(format!(":{}:", lines - 1)));
    cmd(&ws)
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .arg("acme")
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the corrupt draft was changed"
    );
    // The other drafts are still listed; the broken one shows its error.
    import(&ws, &ws.path("criipto-complete.toml"), "other");
    let text = stdout(&cmd(&ws).arg("list").output().unwrap());
    assert!(text.contains("other") && text.contains("error:"), "{text}");
}

#[test]
fn a_draft_open_elsewhere_cannot_be_replaced() {
    let ws = Workspace::new();
    import(&ws, &ws.path("idura-complete.toml"), "busy");
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let lock = store.lock(&DraftName::parse("busy").unwrap()).unwrap();
    cmd(&ws)
        .arg("import")
        .arg(ws.path("criipto-complete.toml"))
        .arg("busy")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "open in another eid-onboard process",
        ));
    drop(lock);
    import(&ws, &ws.path("criipto-complete.toml"), "busy");
}

#[test]
fn the_data_dir_also_comes_from_the_environment() {
    let ws = Workspace::new();
    let mut cmd = Command::cargo_bin("eid-onboard").unwrap();
    common::no_registry(&mut cmd, &ws);
    cmd.env("EID_ONBOARD_DATA_DIR", ws.data_dir())
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .arg("viaenv")
        .assert()
        .success();
    assert!(ws.data_dir().join("drafts/viaenv.toml").exists());
}

#[test]
fn messages_follow_the_language() {
    let ws = Workspace::new();
    let file = ws.variant("idura-complete.toml", "nb", "company.orgnr", s("12345"));
    import(&ws, &file, "nb");
    let mut cmd = Command::cargo_bin("eid-onboard").unwrap();
    common::no_registry(&mut cmd, &ws);
    cmd.arg("--data-dir")
        .arg(ws.data_dir())
        .args(["--lang", "nb", "check", "nb"]);
    cmd.assert()
        .code(1)
        .stdout(predicate::str::contains("Ikke klar"))
        .stdout(predicate::str::contains("Forutsetninger"));
}

/// The signatory as one table, as answers files and drafts wrote it before Idura took several.
fn single_signatory(text: &str, table: &str) -> String {
    let old = text.replace(&format!("[[{table}]]"), &format!("[{table}]"));
    assert_ne!(old, text, "the fixture has a [[{table}]] entry");
    old
}

fn signatories(answers: &toml::Table) -> Vec<String> {
    answers["contacts"]["signatory"]
        .as_array()
        .expect("the signatories are a list of tables")
        .iter()
        .map(|entry| entry["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_answers_file_with_one_signatory_table_imports_as_one_entry() {
    let ws = Workspace::new();
    let fixture = std::fs::read_to_string(ws.path("idura-foreign.toml")).unwrap();
    let file = ws.path("old-signatory.toml");
    std::fs::write(&file, single_signatory(&fixture, "contacts.signatory")).unwrap();
    import(&ws, &file, "old");
    cmd(&ws).args(["check", "old"]).assert().code(0);
    let out = cmd(&ws).args(["export", "old"]).output().unwrap();
    let exported = stdout(&out);
    assert!(exported.contains("[[contacts.signatory]]"), "{exported}");
    let answers: toml::Table = exported.parse().unwrap();
    assert_eq!(signatories(&answers), ["Björn Ekström"]);
    assert_eq!(
        answers["contacts"]["signatory"][0]["email"].as_str(),
        Some("bjorn.ekstrom@nordsken.se")
    );
}

#[test]
fn a_draft_with_one_signatory_table_opens_and_is_saved_in_the_new_form() {
    let ws = Workspace::new();
    import(&ws, &ws.path("idura-foreign.toml"), "old");
    let path = ws.data_dir().join("drafts/old.toml");
    let saved = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        single_signatory(&saved, "answers.contacts.signatory"),
    )
    .unwrap();

    // It opens, is complete and lists the one signatory.
    cmd(&ws).args(["check", "old"]).assert().code(0);
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let name = DraftName::parse("old").unwrap();
    let order = eid_onboard::order::Order::open(&store, &name).unwrap();
    let doc_names: Vec<Option<String>> = eid_onboard::document::signatories(&order.answers)
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(doc_names, [Some("Björn Ekström".to_string())]);

    // Saved again, the draft holds the list form.
    let lock = store.lock(&name).unwrap();
    let session = eid_onboard::session::Session::new(order, jiff::civil::date(2026, 11, 20));
    let draft = session.draft_to_save(None, "2026-11-21T08:00:00Z".parse().unwrap());
    store.save(&lock, &draft).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("[[answers.contacts.signatory]]"), "{text}");
    assert!(!text.contains("[answers.contacts.signatory]\n"), "{text}");
}

/// The binary with its output going into pipes whose readers are already gone, as in
/// `eid-onboard forms | head -0`.
fn into_closed_pipes(ws: &Workspace, args: &[&str], close_stderr: bool) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("eid-onboard"));
    command
        .arg("--data-dir")
        .arg(ws.data_dir())
        .args(["--lang", "en", "--offline"])
        .args(args)
        .env_remove("EID_ONBOARD_DATA_DIR")
        .stdin(std::process::Stdio::null())
        .stdout(writer);
    if close_stderr {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        command.stderr(writer);
    } else {
        command.stderr(std::process::Stdio::piped());
    }
    command.output().unwrap()
}

#[test]
fn a_closed_pipe_ends_the_program_quietly_and_never_panics() {
    let ws = Workspace::new();
    import(&ws, &ws.path("idura-complete.toml"), "acme");
    for args in [
        &["forms"][..],
        &["list"],
        &["export", "acme"],
        &["check", "acme"],
    ] {
        let out = into_closed_pipes(&ws, args, false);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // With standard error closed too, an error still ends with its exit status, not a panic.
    let out = into_closed_pipes(&ws, &["check", "no-such-draft"], true);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let out = into_closed_pipes(&ws, &["list"], true);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}
