//! `check` and `import` with the registry lookup: the real binary against a real HTTP server on
//! 127.0.0.1 serving the recorded Enhetsregisteret answers and variants of them.

mod common;

use std::os::unix::fs::MetadataExt;
use std::process::Output;

use assert_cmd::Command;
use common::brreg::{self, numbers};
use common::http::Server;
use common::{Workspace, s};

/// The binary on the workspace, asking the registry at `url`, with the workspace's cache and config.
fn cmd(ws: &Workspace, url: &str) -> Command {
    cmd_in(ws, url, "en")
}

fn cmd_in(ws: &Workspace, url: &str, lang: &str) -> Command {
    let mut cmd = Command::cargo_bin("eid-onboard").expect("binary");
    common::no_registry(&mut cmd, ws);
    cmd.arg("--data-dir")
        .arg(ws.data_dir())
        .args(["--lang", lang])
        .env_remove("EID_ONBOARD_DATA_DIR")
        .env("EID_ONBOARD_REGISTRY_URL", url)
        .env("EID_ONBOARD_REGISTRY_TIMEOUT", "2");
    cmd
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Imports `idura-complete.toml` with the company's number replaced, as draft `name`.
fn import_company(ws: &Workspace, server: &Server, name: &str, company: &str) {
    let file = ws.variant("idura-complete.toml", name, "company.orgnr", s(company));
    cmd(ws, &server.url())
        .arg("import")
        .arg(&file)
        .arg(name)
        .assert()
        .success();
}

fn check_json(ws: &Workspace, url: &str, name: &str) -> (Option<i32>, serde_json::Value) {
    let out = cmd(ws, url)
        .args(["check", name, "--json"])
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).expect("json on stdout");
    (out.status.code(), json)
}

fn item<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["prerequisites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .expect("item")
}

#[test]
fn a_company_in_good_standing_is_met_and_check_passes() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let out = cmd(&ws, &server.url())
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .arg("acme")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("Central Coordinating Register:"), "{text}");
    assert!(
        text.contains("  928471632: registered as SOLGLØTT EIENDOMSMEGLING AS, in good standing."),
        "{text}"
    );
    assert!(
        text.contains("  937901003: registered as SPAREBANK 1 SMN, in good standing."),
        "{text}"
    );

    let out = cmd(&ws, &server.url())
        .args(["check", "acme"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains(
            "[met]          The company is registered and in good standing: 928471632 is registered as SOLGLØTT EIENDOMSMEGLING AS and in good standing."
        ),
        "{text}"
    );
    assert!(
        text.contains("SPAREBANK 1 SMN (937901003) is registered as a bank"),
        "{text}"
    );
    assert!(text.contains("Ready"), "{text}");

    let (code, json) = check_json(&ws, &server.url(), "acme");
    assert_eq!(code, Some(0));
    assert_eq!(item(&json, "registry")["state"], "met");
    assert_eq!(item(&json, "bank")["state"], "met");
    let lookups = json["registry"].as_array().unwrap();
    assert_eq!(lookups.len(), 2);
    assert_eq!(lookups[0]["orgnr"], "928471632");
    assert_eq!(lookups[0]["result"], "found");
    assert_eq!(lookups[0]["standing"], "good");
    assert_eq!(lookups[1]["name"], "SPAREBANK 1 SMN");
    assert_eq!(lookups[1]["sector"], "3200");

    // The answers were cached, privately.
    let file = ws.cache_dir().join("registry/928471632.json");
    assert_eq!(std::fs::metadata(&file).unwrap().mode() & 0o777, 0o600);
    assert_eq!(
        std::fs::metadata(ws.cache_dir().join("registry"))
            .unwrap()
            .mode()
            & 0o777,
        0o700
    );
    let cached: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(cached["status"], 200);
    assert!(cached["fetched"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn a_deleted_unknown_removed_or_bankrupt_company_is_not_met_and_check_exits_1() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let cases = [
        (
            numbers::DELETED,
            "was deleted from the Central Coordinating Register on 2024-11-26",
        ),
        (
            numbers::UNKNOWN,
            "123456785 is not in the Central Coordinating Register",
        ),
        (
            numbers::REMOVED,
            "removed from the Central Coordinating Register for legal reasons (deleted on 2025-05-24)",
        ),
        (
            numbers::BANKRUPT,
            "is bankrupt (since 2024-03-01) and being wound up (since 2024-03-01)",
        ),
    ];
    for (i, (number, reason)) in cases.into_iter().enumerate() {
        let name = format!("bad{i}");
        import_company(&ws, &server, &name, number);
        let out = cmd(&ws, &server.url())
            .args(["check", &name])
            .output()
            .unwrap();
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(1), "{number}: {text}");
        let line = text
            .lines()
            .find(|l| l.contains("[not met]"))
            .unwrap_or_else(|| panic!("{number}: no item not met in\n{text}"));
        assert!(line.contains("The company is registered"), "{line}");
        assert!(line.contains(reason), "{number}: {line}");
        assert!(
            text.contains("Not ready: 0 errors, 1 prerequisite not met"),
            "{text}"
        );

        let (code, json) = check_json(&ws, &server.url(), &name);
        assert_eq!(code, Some(1));
        assert_eq!(json["ready"], false);
        let registry = item(&json, "registry");
        assert_eq!(registry["state"], "not-met");
        assert!(registry["reason"].as_str().unwrap().contains(reason));
    }
}

#[test]
fn an_unreadable_or_failing_registry_is_unknown_and_never_blocks() {
    let ws = Workspace::new();
    let server = brreg::registry();
    for (number, reason) in [
        (
            numbers::MALFORMED,
            "could not be read (the answer is not JSON)",
        ),
        (numbers::SERVER_ERROR, "(it answered HTTP 500)"),
    ] {
        import_company(&ws, &server, number, number);
        let out = cmd(&ws, &server.url())
            .args(["check", number])
            .output()
            .unwrap();
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(0), "{text}");
        let line = text
            .lines()
            .find(|l| l.contains("[unknown]"))
            .expect("unknown item");
        assert!(line.contains(reason), "{line}");
    }
}

#[test]
fn a_registry_that_never_answers_is_unknown_within_the_timeout() {
    let ws = Workspace::new();
    let server = brreg::registry();
    // Both numbers hang: the lookups run side by side, so one timeout is all it costs.
    let file = ws.variant(
        "idura-complete.toml",
        "hangs",
        "company.orgnr",
        s(numbers::HANGS),
    );
    let mut table: toml::Table = std::fs::read_to_string(&file).unwrap().parse().unwrap();
    common::set_path(&mut table, "bank.orgnr", s(numbers::HANGS));
    std::fs::write(&file, toml::to_string(&table).unwrap()).unwrap();
    cmd(&ws, &server.url())
        .env("EID_ONBOARD_REGISTRY_TIMEOUT", "0.5")
        .arg("import")
        .arg(&file)
        .arg("hangs")
        .assert()
        .success();
    let out = cmd(&ws, &server.url())
        .env("EID_ONBOARD_REGISTRY_TIMEOUT", "0.5")
        .args(["check", "hangs"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains(
            "[unknown]      The company is registered and in good standing: Could not reach the Central Coordinating Register (no answer within 0.5 s)."
        ),
        "{text}"
    );
    // The registry had the requests and never answered them; the commands gave up on them.
    let path = brreg::path(numbers::HANGS);
    let roles = brreg::roles_path(numbers::HANGS);
    assert!(
        server.requests().iter().all(|r| r == &path || r == &roles)
            && server.requests().contains(&path),
        "{:?}",
        server.requests()
    );
    server.wait_for_hang_up(&path);
}

#[test]
fn offline_check_uses_the_cache_and_says_from_when() {
    let ws = Workspace::new();
    let server = brreg::registry();
    import_company(&ws, &server, "gone", numbers::DELETED);
    let asked = server.requests().len();
    // The company, the bank, and the company's roles.
    assert_eq!(asked, 3, "{:?}", server.requests());

    let out = cmd(&ws, &server.url())
        .args(["--offline", "check", "gone"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(
        server.requests().len(),
        asked,
        "--offline asked the registry"
    );
    assert_eq!(out.status.code(), Some(1), "{text}");
    // The note words the day as people read it: "1 December 2026 10:26".
    let words = eid_onboard::text::in_words(&jiff::Zoned::now(), eid_onboard::text::Lang::En);
    let today = words
        .rsplit_once(' ')
        .map_or(words.clone(), |(date, _)| date.to_string());
    let line = text
        .lines()
        .find(|l| l.contains("[not met]"))
        .expect("not met");
    assert!(
        line.contains("was deleted from the Central Coordinating Register on 2024-11-26"),
        "{line}"
    );
    assert!(
        line.contains(&format!("(Offline: from the register's answer of {today} ")),
        "{line}"
    );
    let out = cmd(&ws, &server.url())
        .args(["--offline", "check", "gone", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["registry"][0]["result"], "deleted");
    assert_eq!(json["registry"][0]["cached"], true);
    assert_eq!(server.requests().len(), asked);

    // The same offline with no earlier answer: unknown, and the order is not blocked by it.
    let fresh = Workspace::new();
    let file = fresh.variant(
        "idura-complete.toml",
        "fresh",
        "company.orgnr",
        s(numbers::FOUND),
    );
    cmd(&fresh, &server.url())
        .args(["--offline", "import"])
        .arg(&file)
        .arg("fresh")
        .assert()
        .success();
    let out = cmd(&fresh, &server.url())
        .args(["--offline", "check", "fresh", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let registry = item(&json, "registry");
    assert_eq!(registry["state"], "unknown");
    assert!(
        registry["reason"]
            .as_str()
            .unwrap()
            .starts_with("Offline: 984851006 was not looked up")
    );
    assert_eq!(json["registry"][0]["result"], "offline");
    assert_eq!(server.requests().len(), asked);
}

#[test]
fn a_bank_number_that_is_not_a_bank_is_a_warning() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let file = ws.variant(
        "idura-complete.toml",
        "digdir",
        "bank.orgnr",
        s(numbers::NOT_A_BANK),
    );
    cmd(&ws, &server.url())
        .arg("import")
        .arg(&file)
        .arg("digdir")
        .assert()
        .success();
    let out = cmd(&ws, &server.url())
        .args(["check", "digdir"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let line = text
        .lines()
        .find(|l| l.contains("[unknown]") && l.contains("Norwegian bank"))
        .expect("bank item unknown");
    assert!(
        line.contains(
            "DIGITALISERINGSDIREKTORATET (991825827) has sector code 6100 (Statsforvaltningen)"
        ),
        "{line}"
    );
}

#[test]
fn messages_follow_the_language() {
    let ws = Workspace::new();
    let server = brreg::registry();
    import_company(&ws, &server, "slettet", numbers::DELETED);
    let out = cmd_in(&ws, &server.url(), "nb")
        .args(["check", "slettet"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("[ikke oppfylt]"), "{text}");
    assert!(
        text.contains("ble slettet fra Enhetsregisteret 2024-11-26"),
        "{text}"
    );
}

#[test]
fn the_config_file_can_turn_lookups_off_and_bad_settings_exit_2() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let config = ws.dir.path().join("config/eid-onboard");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[registry]\nenabled = false\n").unwrap();
    cmd(&ws, &server.url())
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .arg("quiet")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "Offline: 928471632 was not looked up",
        ));
    assert!(server.requests().is_empty(), "{:?}", server.requests());

    std::fs::write(config.join("config.toml"), "[registry]\nenable = false\n").unwrap();
    let out = cmd(&ws, &server.url())
        .args(["check", "quiet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml") && err.contains("enable"),
        "{err}"
    );
    std::fs::remove_file(config.join("config.toml")).unwrap();

    let out = cmd(&ws, "not a url")
        .args(["check", "quiet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("EID_ONBOARD_REGISTRY_URL"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_sub_unit_is_named_with_its_parent_in_import_check_and_check_json() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let file = ws.variant(
        "idura-complete.toml",
        "branch",
        "company.orgnr",
        s(numbers::SUB_UNIT),
    );
    let out = cmd(&ws, &server.url())
        .arg("import")
        .arg(&file)
        .arg("branch")
        .output()
        .unwrap();
    let text = stdout(&out);
    let sub_unit = "DIGITALISERINGSDIREKTORATET AVD BRØNNØYSUND (924203617) is a sub-unit of \
                    DIGITALISERINGSDIREKTORATET (991825827) in the Central Coordinating Register. \
                    The agreement is made by the legal entity: use 991825827.";
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("924203617") || l.contains("is a sub-unit"))
        .unwrap_or_else(|| panic!("no registry line in\n{text}"));
    assert!(line.contains(sub_unit), "{line}");

    let out = cmd(&ws, &server.url())
        .args(["check", "branch"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let line = text.lines().find(|l| l.contains("[not met]")).unwrap();
    assert!(line.contains(sub_unit), "{line}");

    let (code, json) = check_json(&ws, &server.url(), "branch");
    assert_eq!(code, Some(1));
    let lookup = json["registry"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["orgnr"] == numbers::SUB_UNIT)
        .expect("the sub-unit's lookup");
    assert_eq!(lookup["result"], "sub-unit");
    assert_eq!(lookup["standing"], "bad");
    assert_eq!(
        lookup["name"],
        "DIGITALISERINGSDIREKTORATET AVD BRØNNØYSUND"
    );
    assert_eq!(lookup["parent"]["orgnr"], "991825827");
    assert_eq!(lookup["parent"]["name"], "DIGITALISERINGSDIREKTORATET");
    assert_eq!(item(&json, "registry")["state"], "not-met");
}

/// ID-porten's eligibility item from the register: a state body (organisation form ORGL) is met by
/// its form; a private company (sector 2100) is a warning saying what makes it eligible.
#[test]
fn id_porten_eligibility_reads_the_organisation_form_and_sector() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let cases = [
        (numbers::NOT_A_BANK, "met", "Organisasjonsledd (ORGL)"),
        (numbers::SOLGLOTT, "unknown", "supplier.orgnr"),
    ];
    for (i, (company, state, says)) in cases.into_iter().enumerate() {
        let name = format!("ip{i}");
        let file = ws.variant(
            "idporten-oidc-complete.toml",
            &name,
            "company.orgnr",
            s(company),
        );
        cmd(&ws, &server.url())
            .arg("import")
            .arg(&file)
            .arg(&name)
            .assert()
            .success();
        let (_, json) = check_json(&ws, &server.url(), &name);
        let eligibility = item(&json, "eligibility");
        assert_eq!(eligibility["state"], state, "{company}: {eligibility}");
        let reason = eligibility["reason"].as_str().unwrap();
        assert!(reason.contains(says), "{company}: {says:?} not in {reason}");
    }
}
