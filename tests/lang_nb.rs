//! Norwegian everywhere: every command run with `--lang nb` (and the language chosen by
//! `EID_ONBOARD_LANG` and `LANGUAGE`) prints no English sentence on stdout or stderr.

mod common;

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use common::Workspace;

/// Words common in English sentences that never occur in the Norwegian texts (checked with the
/// spaces around them, case-insensitively, after the inert parts of a line are taken out).
const ENGLISH: &[&str] = &[
    " the ",
    " is ",
    " not ",
    " and ",
    " draft ",
    " was ",
    " with ",
    " file ",
    " of ",
    " no ",
    " or ",
    " found ",
    " cannot ",
    " from ",
    " has ",
    " are ",
    " this ",
    " usage ",
    " error ",
    " nothing ",
    " please ",
    " yes ",
    " only ",
    " after ",
    " missing ",
    " unknown ",
    " invalid ",
    " must ",
    " should ",
    " you ",
    " your ",
    " folder ",
    " default ",
    " environment ",
    " settings ",
    " none ",
    " step ",
    " ready ",
    " problems ",
    " warning ",
];

const HEADERS: &[&str] = &[
    "From: ",
    "To: ",
    "Cc: ",
    "Reply-To: ",
    "Subject: ",
    "Date: ",
];

/// How the lines after a send preview begin.
const AFTER_MESSAGE: &[&str] = &["Prøvekjøring", "Sende til", "Sendt til", "Ikke sendt"];

/// The binary on the workspace with the given language switches and nothing of the user's.
fn bare(ws: &Workspace) -> Command {
    let mut cmd = Command::cargo_bin("eid-onboard").expect("binary");
    cmd.arg("--data-dir")
        .arg(ws.data_dir())
        .env_remove("EID_ONBOARD_DATA_DIR")
        .env_remove("EID_ONBOARD_LANG")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .current_dir(ws.dir.path());
    common::no_registry(&mut cmd, ws);
    cmd
}

fn nb(ws: &Workspace) -> Command {
    let mut cmd = bare(ws);
    cmd.args(["--lang", "nb"]);
    cmd
}

/// A line with what is not ours to translate taken out: paths, URLs, addresses, env var names,
/// field ids, flags, code in backticks and mail headers.
fn ours(line: &str, inert: &[&str]) -> String {
    let mut line = line.to_string();
    for value in inert {
        line = line.replace(value, " ");
    }
    // Backticked commands, quoted values and «names» (of a provider's own screens) are inert.
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in line.chars() {
        match (closing, c) {
            (None, '`' | '"') => closing = Some(c),
            (None, '«') => closing = Some('»'),
            (Some(end), c) if c == end => {
                closing = None;
                out.push(' ');
            }
            (Some(_), _) => {}
            (None, c) => out.push(c),
        }
    }
    let words: Vec<&str> = out
        .split_whitespace()
        .filter(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            !(w.contains('/')
                || w.contains('@')
                || w.contains("://")
                || w.trim_start_matches(['(', '[', '\'']).starts_with("--")
                || (bare.contains('.') && !bare.ends_with('.'))
                || bare.contains('_')
                || (bare.len() > 1 && bare.chars().all(|c| c.is_ascii_uppercase() || c == '_')))
        })
        .collect();
    format!(
        " {} ",
        words
            .join(" ")
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect::<String>()
            .to_lowercase()
    )
    .split_whitespace()
    .fold(String::from(" "), |mut acc, w| {
        acc.push_str(w);
        acc.push(' ');
        acc
    })
}

/// The English words found in `text`, each with its line.
fn english(text: &str, inert: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_message = false;
    for line in text.lines() {
        // The message to the provider is in the provider's language (Idura reads English): from
        // the size line of the preview to what the program says next.
        if line.starts_with("Størrelse:") {
            in_message = true;
            continue;
        }
        if in_message {
            in_message = !AFTER_MESSAGE.iter().any(|start| line.starts_with(start));
            if in_message {
                continue;
            }
        }
        // Mail headers are the protocol's, not ours.
        if HEADERS.iter().any(|h| line.starts_with(h)) {
            continue;
        }
        let cleaned = ours(line, inert);
        for word in ENGLISH {
            if cleaned.contains(word) {
                found.push(format!("{:?} in {line:?}", word.trim()));
            }
        }
    }
    found
}

/// Runs `cmd` and collects the English of its stdout and stderr under `what`.
fn walk(what: &str, cmd: &mut Command, inert: &[&str], findings: &mut Vec<String>) -> Output {
    let output = cmd.output().expect("run");
    for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        for found in english(&text, inert) {
            findings.push(format!("{what} ({stream}): {found}"));
        }
    }
    output
}

/// [`walk`] for an error path: it fails (exit 1 or 2) and says why on stderr.
fn fails(what: &str, cmd: &mut Command, inert: &[&str], findings: &mut Vec<String>) {
    let output = walk(what, cmd, inert, findings);
    assert!(
        matches!(output.status.code(), Some(1 | 2)),
        "{what}: {:?}",
        output.status
    );
    assert!(!output.stderr.is_empty(), "{what}: nothing on stderr");
}

fn write_config(ws: &Workspace, outbox: &Path) {
    let dir = ws.dir.path().join("config").join("eid-onboard");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "[mail]\nfrom = \"Kari Nordmann <kari@example.no>\"\nfolder = \"{}\"\n",
            outbox.display()
        ),
    )
    .unwrap();
}

#[test]
fn the_detector_finds_english_and_passes_norwegian() {
    assert!(!english("No draft named acme.", &[]).is_empty());
    assert!(!english("eid-onboard: the file is not there", &[]).is_empty());
    assert!(
        english(
            "Ingen utkast ennå. Start med: eid-onboard import FIL [NAVN]",
            &[]
        )
        .is_empty()
    );
    assert!(
        english(
            "Se https://example.com/the/file og EID_ONBOARD_DATA_DIR",
            &[]
        )
        .is_empty()
    );
}

#[test]
fn every_command_speaks_norwegian_with_lang_nb() {
    let ws = Workspace::new();
    let outbox = ws.path("outbox");
    write_config(&ws, &outbox);
    // Values from the answers are the user's, not ours.
    let answers = std::fs::read_to_string(ws.path("idura-complete.toml")).unwrap();
    let values: Vec<String> = answers
        .lines()
        .filter_map(|l| {
            l.split_once(" = ")
                .map(|(_, v)| v.trim().trim_matches('"').to_string())
        })
        .filter(|v| v.len() > 3)
        .collect();
    let mut inert: Vec<&str> = values.iter().map(String::as_str).collect();
    // A choice's id after its label, and the `config` names of settings.
    inert.extend(["(none)", "  from "]);
    let mut findings = Vec::new();
    let f = &mut findings;

    walk("forms", nb(&ws).arg("forms"), &inert, f);
    walk("list (empty)", nb(&ws).arg("list"), &inert, f);
    walk(
        "no command (plain home)",
        nb(&ws).arg("--plain").write_stdin("q\n"),
        &inert,
        f,
    );
    let import = walk(
        "import",
        nb(&ws)
            .arg("import")
            .arg(ws.path("idura-complete.toml"))
            .arg("acme"),
        &inert,
        f,
    );
    assert!(import.status.success());
    walk("list", nb(&ws).arg("list"), &inert, f);
    walk("check", nb(&ws).args(["check", "acme"]), &inert, f);
    walk("export", nb(&ws).args(["export", "acme"]), &inert, f);
    walk(
        "new (plain wizard)",
        nb(&ws)
            .args(["new", "idura-no-bankid", "fresh"])
            .write_stdin("\n\n:check\n:q\n"),
        &inert,
        f,
    );
    walk(
        "edit (plain wizard)",
        nb(&ws)
            .args(["edit", "fresh"])
            .write_stdin("\n:check\n:q\n"),
        &inert,
        f,
    );
    walk(
        "status (refused)",
        nb(&ws).args(["status", "fresh", "signed"]),
        &inert,
        f,
    );
    walk(
        "bundle (refused)",
        nb(&ws).args(["bundle", "fresh"]),
        &inert,
        f,
    );
    walk(
        "send (not ready)",
        nb(&ws).args(["send", "fresh", "--yes"]),
        &inert,
        f,
    );
    let bundle = walk(
        "bundle",
        nb(&ws).args(["bundle", "acme", "--out", "bundles"]),
        &inert,
        f,
    );
    assert!(
        bundle.status.success(),
        "{}",
        String::from_utf8_lossy(&bundle.stderr)
    );
    let folder = std::fs::read_dir(ws.path("bundles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .expect("a bundle folder");
    walk("verify", nb(&ws).arg("verify").arg(&folder), &inert, f);
    std::fs::write(folder.join("request.toml"), "changed").unwrap();
    walk(
        "verify (changed)",
        nb(&ws).arg("verify").arg(&folder),
        &inert,
        f,
    );
    walk(
        "send --dry-run",
        nb(&ws).args(["send", "acme", "--dry-run"]),
        &inert,
        f,
    );
    walk(
        "send (unconfirmed)",
        nb(&ws).args(["send", "acme"]),
        &inert,
        f,
    );
    let sent = walk("send", nb(&ws).args(["send", "acme", "--yes"]), &inert, f);
    assert!(
        sent.status.success(),
        "{}",
        String::from_utf8_lossy(&sent.stderr)
    );
    let refused = walk(
        "send (again)",
        nb(&ws).args(["send", "acme", "--yes"]),
        &inert,
        f,
    );
    assert_eq!(refused.status.code(), Some(1));
    if !refused.stdout.is_empty() || refused.stderr.is_empty() {
        f.push("send (again): the refusal goes to stderr".into());
    }
    // A questionnaire whose message is in Norwegian: the whole preview is checked.
    let imported = nb(&ws)
        .arg("import")
        .arg(ws.path("idporten-oidc-complete.toml"))
        .arg("digdir")
        .output()
        .unwrap();
    assert!(imported.status.success());
    let preview = walk(
        "send --dry-run (Norwegian message)",
        nb(&ws).args(["send", "digdir", "--dry-run"]),
        &inert,
        f,
    );
    let preview = String::from_utf8_lossy(&preview.stdout).replace("Størrelse:", "Size:");
    for found in english(&preview, &inert) {
        f.push(format!("the Norwegian message: {found}"));
    }
    // Norwegian closes a letter without a comma.
    assert!(preview.contains("\nVennlig hilsen\n"), "{preview}");
    walk(
        "status",
        nb(&ws).args(["status", "acme", "signed"]),
        &inert,
        f,
    );
    walk("list (signed)", nb(&ws).arg("list"), &inert, f);
    walk("config", nb(&ws).arg("config"), &inert, f);
    fails(
        "check (missing draft)",
        nb(&ws).args(["check", "nobody"]),
        &inert,
        f,
    );
    fails(
        "check (bad name)",
        nb(&ws).args(["check", "../etc"]),
        &inert,
        f,
    );
    fails(
        "import (missing file)",
        nb(&ws).args(["import", "missing.toml"]),
        &inert,
        f,
    );
    std::fs::write(ws.path("bad.toml"), "form = [").unwrap();
    fails(
        "import (bad file)",
        nb(&ws).args(["import", "bad.toml"]),
        &inert,
        f,
    );
    fails(
        "verify (missing)",
        nb(&ws).args(["verify", "nowhere"]),
        &inert,
        f,
    );
    fails(
        "new (name taken)",
        nb(&ws)
            .args(["new", "idura-no-bankid", "acme"])
            .write_stdin(":q\n"),
        &inert,
        f,
    );
    fails(
        "edit (missing draft)",
        nb(&ws).args(["edit", "nobody"]).write_stdin(":q\n"),
        &inert,
        f,
    );
    fails(
        "send (missing draft)",
        nb(&ws).args(["send", "nobody", "--dry-run"]),
        &inert,
        f,
    );
    std::fs::write(ws.path("unknown.toml"), "form = \"nobody-knows\"\n").unwrap();
    fails(
        "import (unknown form)",
        nb(&ws).args(["import", "unknown.toml"]),
        &inert,
        f,
    );
    std::fs::write(ws.path("noform.toml"), "[client]\n").unwrap();
    fails(
        "import (no form)",
        nb(&ws).args(["import", "noform.toml"]),
        &inert,
        f,
    );
    std::fs::create_dir_all(ws.path("empty")).unwrap();
    fails(
        "verify (not a bundle)",
        nb(&ws).args(["verify", "empty"]),
        &inert,
        f,
    );
    fails(
        "bundle (again, folder changed)",
        nb(&ws).args(["bundle", "acme", "--out", "bundles"]),
        &inert,
        f,
    );
    fails("usage error", nb(&ws).arg("frobnicate"), &inert, f);
    fails("near miss", nb(&ws).arg("lst"), &inert, f);
    fails(
        "bad value",
        nb(&ws).args(["status", "acme", "lost"]),
        &inert,
        f,
    );
    fails("missing argument", nb(&ws).arg("check"), &inert, f);
    walk("--help", nb(&ws).arg("--help"), &inert, f);
    walk("check --help", nb(&ws).args(["check", "--help"]), &inert, f);

    // A mistake in the config file, and one in the environment.
    let config = ws
        .dir
        .path()
        .join("config")
        .join("eid-onboard")
        .join("config.toml");
    std::fs::write(&config, "[mail]\ntimeout = 0\n").unwrap();
    fails("config (bad file)", nb(&ws).arg("config"), &inert, f);
    std::fs::write(&config, "[mail]\npassword = \"x\"\n").unwrap();
    fails(
        "send (password in the file)",
        nb(&ws).args(["send", "acme"]),
        &inert,
        f,
    );
    std::fs::write(&config, "").unwrap();
    fails(
        "config (bad variable)",
        nb(&ws)
            .arg("config")
            .env("EID_ONBOARD_SMTP_URL", "ftp://mail.example.no"),
        &inert,
        f,
    );
    fails(
        "check (bad registry variable)",
        nb(&ws)
            .args(["check", "acme"])
            .env("EID_ONBOARD_REGISTRY_TIMEOUT", "soon"),
        &inert,
        f,
    );

    assert!(
        findings.is_empty(),
        "English under --lang nb:\n{}",
        findings.join("\n")
    );
}

#[test]
fn eid_onboard_lang_and_language_choose_norwegian() {
    let ws = Workspace::new();
    let english_list = "No drafts yet.";
    let norwegian_list = "Ingen utkast ennå.";
    let run = |vars: &[(&str, &str)], args: &[&str]| {
        let mut cmd = bare(&ws);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let out = cmd.args(args).arg("list").output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(run(&[], &[]).contains(english_list));
    assert!(run(&[("EID_ONBOARD_LANG", "nb")], &[]).contains(norwegian_list));
    assert!(run(&[("LANGUAGE", "nb")], &[]).contains(norwegian_list));
    assert!(run(&[("LANGUAGE", "sv:nn:en")], &[]).contains(norwegian_list));
    assert!(run(&[("LANGUAGE", "de:en"), ("LANG", "nb_NO.UTF-8")], &[]).contains(english_list));
    assert!(run(&[("LANG", "nb_NO.UTF-8")], &[]).contains(norwegian_list));
    // The order: --lang, EID_ONBOARD_LANG, LANGUAGE, the locale.
    assert!(run(&[("EID_ONBOARD_LANG", "nb")], &["--lang", "en"]).contains(english_list));
    assert!(run(&[("EID_ONBOARD_LANG", "en"), ("LANGUAGE", "nb")], &[]).contains(english_list));
    assert!(run(&[("LANGUAGE", "nb"), ("LC_ALL", "en_US.UTF-8")], &[]).contains(norwegian_list));
}
