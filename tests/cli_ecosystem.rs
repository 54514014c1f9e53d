//! The command line as other tools expect it: shell completions, the manual page, `--help` with
//! examples and the environment, options only where they mean something, `help --help`,
//! suggestions for a mistyped draft name, counted words and the bundle folder's name.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Workspace, stdout};

fn cmd(ws: &Workspace) -> assert_cmd::Command {
    common::cli(ws)
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The commands every generated text must know.
const COMMANDS: [&str; 15] = [
    "new",
    "edit",
    "forms",
    "list",
    "check",
    "import",
    "export",
    "bundle",
    "verify",
    "send",
    "status",
    "config",
    "completions",
    "man",
    "help",
];

#[test]
fn completions_are_generated_for_every_shell_and_know_the_commands() {
    let ws = Workspace::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = cmd(&ws).args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains("eid-onboard"), "{shell}");
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
        // Options of one command complete there: --dry-run is `send`'s.
        assert!(script.contains("dry-run"), "{shell}");
        assert!(!script.contains("save-loop"), "{shell}");
    }
    // The bash script is a function bash can load.
    let bash = stdout(&cmd(&ws).args(["completions", "bash"]).output().unwrap());
    assert!(bash.contains("_eid__onboard() {"), "{bash}");
    assert!(bash.contains("complete -F _eid__onboard"), "{bash}");
    assert!(bash.trim_end().ends_with("eid-onboard\nfi"), "{bash}");
    cmd(&ws).args(["completions", "tcsh"]).assert().code(2);
    // The descriptions zsh and fish show follow the language.
    let fish = stdout(
        &cmd(&ws)
            .args(["--lang", "nb", "completions", "fish"])
            .output()
            .unwrap(),
    );
    assert!(fish.contains("Send bestillingen med e-post"), "{fish}");
    let fish = stdout(&cmd(&ws).args(["completions", "fish"]).output().unwrap());
    assert!(fish.contains("Send the order by email"), "{fish}");
}

#[test]
fn the_man_page_is_roff_with_name_synopsis_and_commands() {
    let ws = Workspace::new();
    let out = cmd(&ws).arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH eid-onboard 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "{section} missing:\n{page}");
    }
    let name_line = page
        .lines()
        .skip_while(|l| *l != ".SH NAME")
        .nth(1)
        .unwrap();
    assert!(name_line.starts_with("eid\\-onboard \\- "), "{name_line}");
    for command in COMMANDS {
        let reference = format!("eid\\-onboard\\-{command}(1)");
        assert!(page.contains(&reference), "{reference} missing");
    }
    // The examples and the environment end the page, as they end --help.
    assert!(page.contains("EID_ONBOARD_SMTP_URL"), "{page}");

    // Each command's page, as the main page names it.
    let bundle = stdout(&cmd(&ws).args(["man", "bundle"]).output().unwrap());
    assert!(bundle.contains(".TH eid-onboard-bundle 1"), "{bundle}");
    assert!(bundle.contains("\\-\\-out"), "{bundle}");
    let out = cmd(&ws).args(["man", "frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("frobnicate"), "{}", stderr(&out));
}

/// Every `EID_ONBOARD_…` variable the program reads, from its sources (the test-only ones aside).
fn env_vars_in_sources() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = BTreeSet::new();
    let mut folders = vec![root.join("src"), root.join("crates/core/src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices("EID_ONBOARD_") {
                let name: String = text[at..]
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                    .collect();
                found.insert(name.trim_end_matches('_').to_string());
            }
        }
    }
    // A developer's switch for the tests of the shipped questionnaires, not a setting.
    found.remove("EID_ONBOARD_UPDATE_READY");
    found
}

#[test]
fn help_ends_with_examples_and_every_environment_variable() {
    let ws = Workspace::new();
    let help = stdout(&cmd(&ws).arg("--help").output().unwrap());
    let examples = help.find("Examples:").expect("an Examples section");
    let environment = help.find("Environment:").expect("an Environment section");
    assert!(examples < environment, "{help}");
    assert!(
        help.contains("eid-onboard new idura-no-bankid acme"),
        "{help}"
    );
    let vars = env_vars_in_sources();
    assert!(vars.len() > 10, "{vars:?}");
    for var in &vars {
        assert!(
            help[environment..].contains(var.as_str()),
            "{var} missing:\n{help}"
        );
    }
    // Each command's help ends with an example of it.
    for command in ["bundle", "check", "send", "import", "completions", "man"] {
        let text = stdout(&cmd(&ws).args([command, "--help"]).output().unwrap());
        assert!(
            text.contains(&format!("eid-onboard {command} ")),
            "{command}: {text}"
        );
        assert!(text.contains("Example"), "{command}: {text}");
    }
}

#[test]
fn help_explains_itself_and_every_command() {
    let ws = Workspace::new();
    let out = cmd(&ws).args(["help", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Usage: eid-onboard help"),
        "{}",
        stdout(&out)
    );
    let bundle = stdout(&cmd(&ws).args(["help", "bundle"]).output().unwrap());
    assert!(bundle.contains("Usage: eid-onboard bundle"), "{bundle}");
    assert!(bundle.contains("--out"), "{bundle}");
    let top = stdout(&cmd(&ws).arg("help").output().unwrap());
    assert!(
        top.contains("Usage: eid-onboard [OPTIONS] [COMMAND]"),
        "{top}"
    );
    let out = cmd(&ws).args(["help", "frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("frobnicate"));
}

/// The long options a command's help lists.
fn options_of(ws: &Workspace, command: &str) -> BTreeSet<String> {
    let help = stdout(&cmd(ws).args([command, "--help"]).output().unwrap());
    help.split_whitespace()
        .filter(|w| w.starts_with("--"))
        .map(|w| w.trim_end_matches([',', '.']).to_string())
        .collect()
}

#[test]
fn options_appear_only_on_the_commands_where_they_mean_something() {
    let ws = Workspace::new();
    // (command, --data-dir, --offline, --plain)
    let table = [
        ("new", true, true, true),
        ("edit", true, true, true),
        ("forms", false, false, false),
        ("list", true, false, false),
        ("check", true, true, false),
        ("import", true, true, false),
        ("export", true, false, false),
        ("bundle", true, true, false),
        ("verify", false, false, false),
        ("send", true, true, false),
        ("status", true, false, false),
        ("config", true, true, false),
        ("completions", false, false, false),
        ("man", false, false, false),
    ];
    for (command, data_dir, offline, plain) in table {
        let options = options_of(&ws, command);
        assert_eq!(
            options.contains("--data-dir"),
            data_dir,
            "{command}: {options:?}"
        );
        assert_eq!(
            options.contains("--offline"),
            offline,
            "{command}: {options:?}"
        );
        assert_eq!(options.contains("--plain"), plain, "{command}: {options:?}");
        assert!(options.contains("--lang"), "{command}: {options:?}");
    }
    // After a command, an option it has no use for is a usage error...
    for args in [
        &["verify", "x", "--offline"][..],
        &["list", "--plain"],
        &["forms", "--data-dir", "x"],
        &["export", "x", "--offline"],
    ] {
        let out = cmd(&ws).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    // ... and one it uses works after it as well as before it.
    let ws2 = Workspace::new();
    let elsewhere = ws2.data_dir();
    cmd(&ws)
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .args(["acme", "--offline", "--data-dir"])
        .arg(&elsewhere)
        .assert()
        .success();
    let listed = stdout(
        &cmd(&ws)
            .arg("list")
            .arg("--data-dir")
            .arg(&elsewhere)
            .output()
            .unwrap(),
    );
    assert!(listed.contains("acme"), "{listed}");
    let here = stdout(&cmd(&ws).arg("list").output().unwrap());
    assert!(!here.contains("acme"), "{here}");
}

#[test]
fn the_crash_test_helper_is_no_command() {
    let ws = Workspace::new();
    let out = cmd(&ws)
        .args(["save-loop", "crash", "a.toml", "b.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unrecognized subcommand"),
        "{}",
        stderr(&out)
    );
    let help = stdout(&cmd(&ws).arg("--help").output().unwrap());
    assert!(!help.contains("save-loop"));
    assert!(!stdout(&cmd(&ws).arg("man").output().unwrap()).contains("save\\-loop"));
}

#[test]
fn a_mistyped_draft_name_gets_a_suggestion_in_both_languages() {
    let ws = Workspace::new();
    cmd(&ws)
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .arg("acme-1")
        .assert()
        .success();
    for command in ["check", "export", "bundle", "send", "edit"] {
        let out = cmd(&ws).args([command, "acme1"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(stdout(&out).is_empty(), "{command}: {}", stdout(&out));
        assert!(
            stderr(&out).contains(r#"no draft named "acme1"; did you mean "acme-1"?"#),
            "{command}: {}",
            stderr(&out)
        );
    }
    let out = cmd(&ws)
        .args(["status", "acme1", "signed"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains(r#"did you mean "acme-1"?"#),
        "{}",
        stderr(&out)
    );
    let out = cmd(&ws)
        .args(["--lang", "nb", "check", "acme1"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains(r#"ingen utkast heter "acme1"; mente du "acme-1"?"#),
        "{}",
        stderr(&out)
    );
    // Nothing close: no guess, but where to look.
    let out = cmd(&ws).args(["check", "nobody"]).output().unwrap();
    let err = stderr(&out);
    assert!(err.contains(r#"no draft named "nobody""#), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
    assert!(err.contains("eid-onboard list"), "{err}");
    // A name that is not found leaves no lock or draft behind.
    assert!(!ws.data_dir().join("drafts/acme1.toml").exists());
}

#[test]
fn an_empty_list_suggests_the_wizard_in_both_languages() {
    let ws = Workspace::new();
    let en = stdout(&cmd(&ws).arg("list").output().unwrap());
    assert!(en.contains("eid-onboard new <FORM>"), "{en}");
    assert!(
        en.lines().any(|l| l.trim_end().ends_with(": eid-onboard")),
        "{en}"
    );
    let nb = stdout(&cmd(&ws).args(["--lang", "nb", "list"]).output().unwrap());
    assert!(nb.contains("eid-onboard new <SKJEMA>"), "{nb}");
    assert!(nb.contains("veiviseren"), "{nb}");
}

#[test]
fn counts_take_the_singular_for_one_in_both_languages() {
    let ws = Workspace::new();
    // One error (a wrong check digit) and the complete answers' warnings.
    let file = ws.variant(
        "idura-complete.toml",
        "one-error",
        "company.orgnr",
        common::s("123456789"),
    );
    let en = stdout(&cmd(&ws).arg("import").arg(&file).output().unwrap());
    assert!(en.contains(": 1 error, "), "{en}");
    assert!(!en.contains("1 errors"), "{en}");
    let nb = stdout(
        &cmd(&ws)
            .args(["--lang", "nb", "import"])
            .arg(&file)
            .output()
            .unwrap(),
    );
    assert!(nb.contains(": 1 feil, "), "{nb}");
    let check = stdout(&cmd(&ws).args(["check", "one-error"]).output().unwrap());
    assert!(check.contains("Not ready: 1 error, "), "{check}");
    let check = stdout(
        &cmd(&ws)
            .args(["--lang", "nb", "check", "one-error"])
            .output()
            .unwrap(),
    );
    assert!(check.contains("Ikke klar: 1 feil, "), "{check}");
    for text in [&en, &nb, &check] {
        assert!(
            !text.contains(" 1 warnings") && !text.contains(" 1 advarsler"),
            "{text}"
        );
    }
}

#[test]
fn the_default_draft_name_does_not_repeat_the_form_id_in_the_bundle() {
    let ws = Workspace::new();
    let out_dir = ws.path("out");
    // The name `new idura-no-bankid` gives a draft.
    cmd(&ws)
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .arg("idura-no-bankid-1")
        .assert()
        .success();
    cmd(&ws)
        .args(["bundle", "idura-no-bankid-1", "--out"])
        .arg(&out_dir)
        .assert()
        .success();
    assert!(out_dir.join("idura-no-bankid-1").is_dir());
    assert!(out_dir.join("idura-no-bankid-1.zip").is_file());
    // Any other name keeps the form id after it.
    cmd(&ws)
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .arg("acme")
        .assert()
        .success();
    cmd(&ws)
        .args(["bundle", "acme", "--out"])
        .arg(&out_dir)
        .assert()
        .success();
    assert!(out_dir.join("acme-idura-no-bankid").is_dir());
    let names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n.matches("idura-no-bankid").count() == 1),
        "{names:?}"
    );
}

#[test]
fn the_help_follows_the_language() {
    let ws = Workspace::new();
    let help = stdout(&cmd(&ws).args(["--lang", "nb", "--help"]).output().unwrap());
    for heading in [
        "Bruk: eid-onboard",
        "Kommandoer:",
        "Valg:",
        "Eksempler:",
        "Miljøvariabler:",
    ] {
        assert!(help.contains(heading), "{heading}:\n{help}");
    }
    assert!(
        !help.contains("Usage:") && !help.contains("Examples:"),
        "{help}"
    );
    for var in env_vars_in_sources() {
        assert!(help.contains(var.as_str()), "{var} missing:\n{help}");
    }
    // After the command, from the locale, and through `help`.
    let bundle = stdout(
        &cmd(&ws)
            .args(["bundle", "--help", "--lang", "nb"])
            .output()
            .unwrap(),
    );
    assert!(bundle.contains("Lag pakken klar til signering"), "{bundle}");
    assert!(bundle.contains("Eksempel:"), "{bundle}");
    let mut from_locale = assert_cmd::Command::cargo_bin("eid-onboard").unwrap();
    let verify = from_locale
        .args(["verify", "--help"])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "nb_NO.UTF-8")
        .output()
        .unwrap();
    assert!(
        stdout(&verify).contains("Bruk: eid-onboard verify"),
        "{}",
        stdout(&verify)
    );
    let via_help = stdout(
        &cmd(&ws)
            .args(["--lang", "nb", "help", "send"])
            .output()
            .unwrap(),
    );
    assert!(via_help.contains("Bruk: eid-onboard send"), "{via_help}");
    // English stays English when asked, whatever the locale.
    let english = stdout(
        &cmd(&ws)
            .args(["--help"])
            .env("LANG", "nb_NO.UTF-8")
            .output()
            .unwrap(),
    );
    assert!(english.contains("Usage: eid-onboard"), "{english}");
}
