//! Hostile answers stay harmless on the command line (issue 17, items 1, 2, 10, 11 and 12): no
//! escape sequence or control character from an answers file or a draft reaches the terminal
//! raw, no input panics a command (exit 101), and no message prints a huge value back.
//!
//! The hostile pieces are fixtures (`tests/fixtures/hostile/values.toml`); the answers are the
//! four complete fixtures, one per questionnaire, changed one field at a time. The sweep and the
//! property test print a table of the cases they tried (`cargo test --test hostile_output --
//! --nocapture`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Mutex;

use common::{Workspace, cli, s};
use eid_onboard::form::FieldKind;
use eid_onboard::kind::{self, Shape};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// The complete answers fixture of each questionnaire.
const FIXTURES: [(&str, &str); 4] = [
    ("idura-no-bankid", "idura-complete.toml"),
    ("criipto-no-bankid", "criipto-complete.toml"),
    ("bankid-oidc", "bankid-oidc-complete.toml"),
    ("idporten-oidc", "idporten-oidc-complete.toml"),
];

/// The commands that print what an answers file holds, as the issue names them.
const COMMANDS: [&str; 4] = ["import", "check", "bundle", "send --dry-run"];

/// A hostile piece of text from `tests/fixtures/hostile/values.toml`.
fn hostile(name: &str) -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile/values.toml"
    );
    let table: toml::Table = common::read(Path::new(path)).parse().expect("values.toml");
    table
        .get(name)
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("no hostile value {name}"))
        .to_string()
}

/// What the output must never hold: a byte in 0x00–0x08, 0x0B–0x1F or 0x7F, or a C1 control
/// (U+0080–U+009F). `None` when clean, else the first one found.
fn raw_control(bytes: &[u8]) -> Option<String> {
    if let Some(b) = bytes
        .iter()
        .find(|&&b| matches!(b, 0x00..=0x08 | 0x0b..=0x1f | 0x7f))
    {
        return Some(format!("byte 0x{b:02x}"));
    }
    String::from_utf8_lossy(bytes)
        .chars()
        .find(|c| ('\u{80}'..='\u{9f}').contains(c))
        .map(|c| format!("U+{:04X}", c as u32))
}

/// What is wrong with a command's run: a panic (exit 101) or a raw control in its output.
fn fault(output: &Output) -> Option<String> {
    if output.status.code() == Some(101) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        return Some(format!("exit 101: {first}"));
    }
    if let Some(found) = raw_control(&output.stdout) {
        return Some(format!("{found} on stdout"));
    }
    raw_control(&output.stderr).map(|found| format!("{found} on stderr"))
}

/// Runs `eid-onboard ARGS` on the workspace.
fn run(ws: &Workspace, args: &[&str]) -> Output {
    cli(ws).args(args).output().expect("run eid-onboard")
}

/// Imports `file` as draft `name`, then checks, bundles (into a fresh folder) and dry-runs the
/// send of it: each command's name and output.
fn every_command(ws: &Workspace, file: &Path, name: &str) -> Vec<(&'static str, Output)> {
    let out = ws.path(&format!("out-{name}"));
    let file = file.to_str().expect("UTF-8 path");
    let out_arg = out.to_str().expect("UTF-8 path");
    let runs = vec![
        (COMMANDS[0], run(ws, &["import", file, name])),
        (COMMANDS[1], run(ws, &["check", name])),
        (COMMANDS[2], run(ws, &["bundle", name, "--out", out_arg])),
        (COMMANDS[3], run(ws, &["send", name, "--dry-run"])),
    ];
    let _ = std::fs::remove_dir_all(&out);
    runs
}

/// One step on the way to a value in an answers table.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// The path of every leaf (a value that is not a table or an array) under `value`.
fn leaves(value: &toml::Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        toml::Value::Table(table) => {
            for (key, inner) in table {
                at.push(Step::Key(key.clone()));
                leaves(inner, at, out);
                at.pop();
            }
        }
        toml::Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                at.push(Step::Index(i));
                leaves(inner, at, out);
                at.pop();
            }
        }
        _ => out.push(at.clone()),
    }
}

fn leaf_mut<'a>(mut value: &'a mut toml::Value, path: &[Step]) -> &'a mut toml::Value {
    for step in path {
        value = match (step, value) {
            (Step::Key(key), toml::Value::Table(t)) => t.get_mut(key).expect("key on the path"),
            (Step::Index(i), toml::Value::Array(a)) => a.get_mut(*i).expect("index on the path"),
            (step, _) => panic!("{step:?} is not on the path"),
        };
    }
    value
}

fn shown(path: &[Step]) -> String {
    let mut text = String::new();
    for step in path {
        match step {
            Step::Key(key) if text.is_empty() => text.push_str(key),
            Step::Key(key) => text.push_str(&format!(".{key}")),
            Step::Index(i) => text.push_str(&format!("[{i}]")),
        }
    }
    text
}

/// `original` with `piece` in its middle, so the rest of the value stays as valid as it was.
fn inside(original: &str, piece: &str) -> String {
    let middle = original.chars().count() / 2;
    let head: String = original.chars().take(middle).collect();
    let tail: String = original.chars().skip(middle).collect();
    format!("{head}{piece}{tail}")
}

/// `original` repeated (with spaces) to exactly `chars` characters.
fn grown(original: &str, chars: usize) -> String {
    let unit = if original.trim().is_empty() {
        "x ".to_string()
    } else {
        format!("{original} ")
    };
    unit.chars().cycle().take(chars).collect()
}

/// The text a leaf holds, as an answer would (a number or yes/no written out).
fn leaf_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// How the sweep changes a field: the hostile values. The two line breaks go in together,
/// and so do NUL and U+202E (both refused as control characters), so every field costs four
/// rounds of the four commands rather than six: a bundle renders a PDF, the slow part.
#[derive(Clone, Copy, Debug)]
enum Sweep {
    LineBreaks,
    NulAndOverride,
    NonCharacter,
    Long,
}

impl Sweep {
    const ALL: [Sweep; 4] = [
        Sweep::LineBreaks,
        Sweep::NulAndOverride,
        Sweep::NonCharacter,
        Sweep::Long,
    ];

    fn name(self) -> &'static str {
        match self {
            Sweep::LineBreaks => "\\n and \\r\\n",
            Sweep::NulAndOverride => "NUL and U+202E",
            Sweep::NonCharacter => "U+FFFF",
            Sweep::Long => "100 000 characters",
        }
    }

    fn apply(self, original: &str) -> String {
        let (first, second) = match self {
            Sweep::LineBreaks => ("line_break", "crlf"),
            Sweep::NulAndOverride => ("nul", "right_to_left_override"),
            Sweep::NonCharacter => return inside(original, &hostile("noncharacter")),
            Sweep::Long => return grown(original, 100_000),
        };
        let once = inside(original, &hostile(first));
        format!("{once}{}{original}", hostile(second))
    }
}

/// Counts of one row of the table the tests print.
#[derive(Default)]
struct Tally {
    cases: usize,
    runs: usize,
    failures: Vec<String>,
}

fn print_table(title: &str, rows: &[(String, Tally)]) {
    println!("\n{title}\n| cases of | cases | command runs | failures |\n|---|---|---|---|");
    let (mut cases, mut runs, mut failures) = (0, 0, 0);
    for (name, tally) in rows {
        println!(
            "| {name} | {} | {} | {} |",
            tally.cases,
            tally.runs,
            tally.failures.len()
        );
        cases += tally.cases;
        runs += tally.runs;
        failures += tally.failures.len();
    }
    println!("| all | {cases} | {runs} | {failures} |");
}

/// Item 2: every field of the four fixtures, with each of the hostile values, through
/// import, check, bundle and send --dry-run: never exit 101, never a raw control.
#[test]
fn every_field_of_every_fixture_swept_never_panics_nor_prints_a_control() {
    let mut cases = Vec::new();
    for (form, fixture) in FIXTURES {
        let source = common::read(&Path::new(common::FIXTURES).join(fixture));
        let table = toml::Value::Table(source.parse().expect("fixture"));
        let mut paths = Vec::new();
        leaves(&table, &mut Vec::new(), &mut paths);
        for path in paths {
            for sweep in Sweep::ALL {
                cases.push((form, fixture, table.clone(), path.clone(), sweep));
            }
        }
    }
    let queue = Mutex::new(cases.into_iter().enumerate().collect::<Vec<_>>());
    let rows: Mutex<Vec<(String, Tally)>> = Mutex::new(
        FIXTURES
            .iter()
            .map(|(form, _)| (form.to_string(), Tally::default()))
            .collect(),
    );
    // Four workers, each in its own workspace: the runs are mostly waiting on the binary.
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                let ws = Workspace::new();
                loop {
                    let Some((i, (form, fixture, mut table, path, sweep))) =
                        queue.lock().unwrap().pop()
                    else {
                        break;
                    };
                    let leaf = leaf_mut(&mut table, &path);
                    *leaf = toml::Value::String(sweep.apply(&leaf_text(leaf)));
                    let file = ws.path(&format!("case-{i}.toml"));
                    let text = toml::to_string_pretty(&table).expect("serialise");
                    std::fs::write(&file, text).expect("write case");
                    let name = format!("case-{i}");
                    let faults: Vec<String> = every_command(&ws, &file, &name)
                        .iter()
                        .filter_map(|(command, output)| {
                            fault(output).map(|f| {
                                format!(
                                    "{fixture} {} with {}: {command}: {f}",
                                    shown(&path),
                                    sweep.name()
                                )
                            })
                        })
                        .collect();
                    let _ = std::fs::remove_file(&file);
                    let mut rows = rows.lock().unwrap();
                    let tally = &mut rows.iter_mut().find(|(f, _)| f == form).unwrap().1;
                    tally.cases += 1;
                    tally.runs += COMMANDS.len();
                    tally.failures.extend(faults);
                }
            });
        }
    });
    let rows = rows.into_inner().unwrap();
    print_table(
        "Sweep: every field of the four fixtures × (\\n and \\r\\n, NUL and U+202E, U+FFFF, 100 000 characters)",
        &rows,
    );
    let failures: Vec<&String> = rows.iter().flat_map(|(_, t)| &t.failures).collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{failures:#?}",
        failures.len()
    );
}

/// Where a field's answer stands in an answers file: `id`, `id.part` for a group, the first
/// entry's part for a repeated group.
#[derive(Clone, Debug)]
enum Place {
    Value(String),
    Part(String, &'static str),
    EntryPart(String, &'static str),
}

/// Every place of every field of a questionnaire.
fn places(form: &str) -> Vec<Place> {
    let spec = eid_onboard::order::form(form).expect("shipped questionnaire");
    let mut out = Vec::new();
    for field in &spec.fields {
        if let Some(parts) = field.kind.group_parts() {
            out.extend(
                parts
                    .into_iter()
                    .map(|(part, _)| Place::Part(field.id.clone(), part)),
            );
            continue;
        }
        match kind::shape(&field.kind) {
            Shape::Repeat { item, .. } if item.is_group() => out.extend(
                group_parts(item)
                    .into_iter()
                    .map(|part| Place::EntryPart(field.id.clone(), part)),
            ),
            Shape::Text
            | Shape::File
            | Shape::YesNo
            | Shape::Number { .. }
            | Shape::Choices(_)
            | Shape::Group
            | Shape::Repeat { .. } => out.push(Place::Value(field.id.clone())),
        }
    }
    out
}

fn group_parts(kind: &FieldKind) -> Vec<&'static str> {
    kind.group_parts()
        .unwrap_or_default()
        .into_iter()
        .map(|(part, _)| part)
        .collect()
}

/// The fixture of `form` with `text` put at `place`: inside the answer there (a list's first
/// item, a repeated group's first entry), or as the answer when there is none.
fn with_text_at(form_fixture: &str, place: &Place, text: &str) -> String {
    let source = common::read(&Path::new(common::FIXTURES).join(form_fixture));
    let mut table: toml::Table = source.parse().expect("fixture");
    let (path, entry_part) = match place {
        Place::Value(id) => (id.clone(), None),
        Place::Part(id, part) => (format!("{id}.{part}"), None),
        Place::EntryPart(id, part) => (id.clone(), Some(*part)),
    };
    let mut root = toml::Value::Table(table.clone());
    let steps: Vec<Step> = path.split('.').map(|k| Step::Key(k.to_string())).collect();
    let existing = exists(&root, &steps).then(|| leaf_mut(&mut root, &steps).clone());
    let value = match (existing, entry_part) {
        (Some(toml::Value::Array(mut entries)), Some(part)) if !entries.is_empty() => {
            if let toml::Value::Table(first) = &mut entries[0] {
                let was = first.get(part).map(leaf_text).unwrap_or_default();
                first.insert(part.into(), toml::Value::String(inside(&was, text)));
            }
            toml::Value::Array(entries)
        }
        (_, Some(part)) => {
            let mut entry = toml::Table::new();
            entry.insert(part.into(), toml::Value::String(text.into()));
            toml::Value::Array(vec![toml::Value::Table(entry)])
        }
        (Some(toml::Value::Array(mut items)), None) if !items.is_empty() => {
            items[0] = toml::Value::String(inside(&leaf_text(&items[0]), text));
            toml::Value::Array(items)
        }
        (Some(toml::Value::Table(_)), None) | (None, None) => toml::Value::String(text.into()),
        (Some(other), None) => toml::Value::String(inside(&leaf_text(&other), text)),
    };
    common::set_path(&mut table, &path, Some(value));
    toml::to_string_pretty(&table).expect("serialise")
}

fn exists(root: &toml::Value, steps: &[Step]) -> bool {
    let mut value = root;
    for step in steps {
        let Step::Key(key) = step else { return false };
        match value.as_table().and_then(|t| t.get(key)) {
            Some(inner) => value = inner,
            None => return false,
        }
    }
    true
}

/// Hostile text for the property test: the fixture's escape sequences and the pieces
/// among ordinary text, or any mix of control, C1, bidi and ordinary characters.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = [
        "osc52_clipboard",
        "osc0_title",
        "csi_clear",
        "c1_csi",
        "c1_osc",
        "line_break",
        "crlf",
        "nul",
        "noncharacter",
        "right_to_left_override",
    ]
    .map(hostile)
    .to_vec();
    let piece = proptest::sample::select(pieces);
    let words = "[a-zæøå0-9 .@/:-]{0,8}";
    prop_oneof![
        (words, piece.clone(), words, piece).prop_map(|(a, p, b, q)| format!("{a}{p}{b}{q}")),
        "[a-z \\x00-\\x1f\\x7f\u{80}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{ffff}\\[\\];]{1,24}",
    ]
}

static PROPERTY_TALLY: Mutex<Vec<(String, Tally)>> = Mutex::new(Vec::new());

proptest! {
    // Each case runs the binary four times: a modest count keeps the test within a minute or two.
    // A failing case is kept beside this file, to be tried first from then on.
    #![proptest_config(ProptestConfig {
        cases: 40,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/hostile_output.proptest-regressions"
        ))),
        ..ProptestConfig::default()
    })]

    /// Any field of any questionnaire, any hostile text: the output of import, check, bundle and
    /// send --dry-run holds no control character but line breaks and tabs, and nothing panics.
    #[test]
    fn no_field_of_any_questionnaire_gets_a_control_to_the_terminal(
        which in 0..FIXTURES.len(),
        field in any::<proptest::sample::Index>(),
        text in hostile_text(),
    ) {
        let (form, fixture) = FIXTURES[which];
        let places = places(form);
        let place = &places[field.index(places.len())];
        let ws = Workspace::new();
        let file: PathBuf = ws.path("hostile.toml");
        std::fs::write(&file, with_text_at(fixture, place, &text)).unwrap();
        let faults: Vec<String> = every_command(&ws, &file, "hostile")
            .iter()
            .filter_map(|(command, output)| fault(output).map(|f| format!("{command}: {f}")))
            .collect();
        {
            let mut tally = PROPERTY_TALLY.lock().unwrap();
            if tally.is_empty() {
                tally.extend(FIXTURES.iter().map(|(f, _)| (f.to_string(), Tally::default())));
            }
            let row = &mut tally.iter_mut().find(|(f, _)| f == form).unwrap().1;
            row.cases += 1;
            row.runs += COMMANDS.len();
            row.failures.extend(faults.iter().cloned());
            let done: usize = tally.iter().map(|(_, t)| t.cases).sum();
            if done == 40 {
                print_table("Property test: any field of any questionnaire × hostile text", &tally);
            }
        }
        prop_assert!(faults.is_empty(), "{place:?} with {text:?}: {faults:#?}");
    }
}

/// The output of a run as text, stdout then stderr.
fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Item 1: escape sequences in choice fields, the country, postal codes, a URL host, an
/// attachment path, the legal basis and an unknown key are shown inert (as visible escapes) by
/// import, check, bundle and send --dry-run, in text and JSON; export keeps them as TOML escapes,
/// and what it prints imports back to the same answers.
#[test]
fn escape_sequences_from_answers_are_shown_inert_and_export_keeps_them() {
    let ws = Workspace::new();
    let source = common::read(&ws.path("idura-complete.toml"));
    let mut table: toml::Table = source.parse().unwrap();
    let (osc52, title, clear, c1) = (
        hostile("osc52_clipboard"),
        hostile("osc0_title"),
        hostile("csi_clear"),
        hostile("c1_csi"),
    );
    let set = |table: &mut toml::Table, path: &str, value: String| {
        common::set_path(table, path, s(&value));
    };
    set(&mut table, "company.country", format!("N{osc52}O"));
    set(
        &mut table,
        "company.address.postal_code",
        format!("70{title}11"),
    );
    set(
        &mut table,
        "service.production_domain",
        format!("https://login{clear}.example.no"),
    );
    set(
        &mut table,
        "nnin.legal_basis",
        format!("hvitvaskingsloven{c1} § 12"),
    );
    set(
        &mut table,
        "prerequisites.signatory_eid",
        format!("no-bankid{osc52}"),
    );
    set(
        &mut table,
        "attachments.company_certificate",
        format!("firma{title}attest.pdf"),
    );
    set(
        &mut table,
        &format!("company.unknown{clear}key"),
        "x".into(),
    );
    let file = ws.path("escapes.toml");
    std::fs::write(&file, toml::to_string_pretty(&table).unwrap()).unwrap();

    let runs = every_command(&ws, &file, "escapes");
    for (command, output) in &runs {
        assert_eq!(fault(output), None, "{command}: {}", said(output));
    }
    let check = said(&runs[1].1);
    // The reader sees what the value holds, inert.
    // (A country code is stored upper case.)
    assert!(check.contains("\"N\\u{1b}]52;C;"), "{check}");
    assert!(check.contains("no-bankid\\u{1b}]52;c;"), "{check}");
    assert!(
        check.contains("company.unknown\\u{1b}[2J\\u{1b}[Hkey"),
        "{check}"
    );
    for args in [
        vec!["check", "escapes", "--json"],
        vec!["import", file.to_str().unwrap(), "escapes", "--json"],
        vec!["send", "escapes", "--dry-run", "--json"],
    ] {
        let output = run(&ws, &args);
        assert_eq!(fault(&output), None, "{args:?}: {}", said(&output));
        let _: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    }

    // Export: the same answers, every control as a TOML escape.
    let draft = common::read(&ws.data_dir().join("drafts/escapes.toml"));
    assert!(
        draft.contains('\u{9b}'),
        "the draft keeps the answer as given"
    );
    let export = run(&ws, &["export", "escapes"]);
    assert!(export.status.success(), "{}", said(&export));
    assert_eq!(fault(&export), None, "{}", said(&export));
    let exported = String::from_utf8(export.stdout.clone()).unwrap();
    assert!(exported.contains("\\u009B"), "{exported}");
    let again = ws.path("again.toml");
    std::fs::write(&again, &exported).unwrap();
    assert!(
        run(&ws, &["import", again.to_str().unwrap(), "again"])
            .status
            .success()
    );
    let re_exported = run(&ws, &["export", "again"]);
    assert_eq!(String::from_utf8(re_exported.stdout).unwrap(), exported);
}

/// Item 1: a draft's `status` with an escape sequence, quoted back by the TOML library's
/// message, is shown inert.
#[test]
fn a_serde_message_quoting_a_draft_is_inert() {
    let ws = Workspace::new();
    let file = ws.path("idura-complete.toml");
    assert!(
        run(&ws, &["import", file.to_str().unwrap(), "status"])
            .status
            .success()
    );
    let path = ws.data_dir().join("drafts/status.toml");
    let draft = common::read(&path).replace(
        "status = \"draft\"",
        "status = \"dr\\u001B]0;pwned\\u0007aft\\u009B2J\"",
    );
    std::fs::write(&path, draft).unwrap();
    for args in [
        ["check", "status"],
        ["export", "status"],
        ["list", "--json"],
    ] {
        let output = run(&ws, &args);
        assert_eq!(fault(&output), None, "{args:?}: {}", said(&output));
    }
    let check = said(&run(&ws, &["check", "status"]));
    assert!(
        check.contains("dr\\u{1b}]0;pwned\\u{7}aft\\u{9b}2J"),
        "{check}"
    );
}

/// Item 2: a line break in a one-line answer is stored as a space; check says ready, and bundle
/// and send write the name on one line.
#[test]
fn a_line_break_in_a_name_is_stored_on_one_line_and_bundles() {
    let ws = Workspace::new();
    let cases = [
        ("idura-complete.toml", "contacts.general.name"),
        ("bankid-oidc-complete.toml", "partner.name"),
        ("bankid-oidc-complete.toml", "contacts.technical.name"),
    ];
    for (i, (fixture, path)) in cases.into_iter().enumerate() {
        let source = common::read(&ws.path(fixture));
        let mut table: toml::Table = source.parse().unwrap();
        common::set_path(&mut table, path, s("Kari\r\nNordmann\n"));
        let file = ws.path(&format!("name-{i}.toml"));
        std::fs::write(&file, toml::to_string_pretty(&table).unwrap()).unwrap();
        let name = format!("name-{i}");
        let runs = every_command(&ws, &file, &name);
        for (command, output) in &runs {
            assert_eq!(fault(output), None, "{path}: {command}: {}", said(output));
            assert!(
                output.status.success(),
                "{path}: {command}: {}",
                said(output)
            );
        }
        let draft = common::read(&ws.data_dir().join(format!("drafts/{name}.toml")));
        assert!(
            draft.contains("name = \"Kari Nordmann \""),
            "{path}: {draft}"
        );
        let preview = said(&runs[3].1);
        assert!(preview.contains("Kari Nordmann <"), "{path}: {preview}");
    }
}

/// Item 10: an empty text is no answer: a required one is reported once, as missing; none is a
/// wrong type or an unknown key.
#[test]
fn an_empty_text_is_reported_once_as_missing() {
    let ws = Workspace::new();
    let source = common::read(&ws.path("idura-complete.toml"));
    let mut table: toml::Table = source.parse().unwrap();
    for path in [
        "company.country",
        "service.display_name",
        "company.address.city",
    ] {
        common::set_path(&mut table, path, s(""));
    }
    let file = ws.path("empty.toml");
    std::fs::write(&file, toml::to_string_pretty(&table).unwrap()).unwrap();
    let output = run(&ws, &["import", file.to_str().unwrap(), "empty", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    let of = |field: &str| -> Vec<String> {
        problems
            .iter()
            .filter(|p| p["field"] == field)
            .map(|p| p["message"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        of("service.display_name"),
        ["Required: fill in Display name in the BankID app."]
    );
    assert_eq!(
        of("company.address.city"),
        ["Required: fill in Business address (city)."]
    );
    // The country has a default (Norway): empty is that default, nothing to report.
    assert!(of("company.country").is_empty(), "{problems:#?}");
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

/// Item 11: free text has an upper length, with an error naming the field, and a huge value is
/// never printed back: not by a text field, a choice, a URL or an unknown key. (Of 150 000
/// characters each, so the answers file stays within the size an answers file may have.)
#[test]
fn a_huge_value_is_an_error_and_never_printed_back() {
    let ws = Workspace::new();
    let huge = "A".repeat(150_000);
    let source = common::read(&ws.path("idura-complete.toml"));
    let mut table: toml::Table = source.parse().unwrap();
    for path in [
        "company.name",
        "service.description",
        "prerequisites.signatory_eid",
        "service.production_domain",
        "company.country",
    ] {
        common::set_path(&mut table, path, s(&huge));
    }
    common::set_path(&mut table, &format!("company.{huge}"), s("x"));
    let file = ws.path("huge.toml");
    std::fs::write(&file, toml::to_string_pretty(&table).unwrap()).unwrap();
    let runs = every_command(&ws, &file, "huge");
    for (command, output) in &runs {
        assert_ne!(output.status.code(), Some(101), "{command}");
        let size = output.stdout.len() + output.stderr.len();
        assert!(size < 32 * 1024, "{command} printed {size} bytes");
    }
    let check = said(&runs[1].1);
    assert!(
        check.contains("company.name: The text may have at most 200 characters; you wrote 150000."),
        "{check}"
    );
    assert!(
        check.contains("service.description: The text may have at most 10000 characters"),
        "{check}"
    );
    assert!(
        check.contains("prerequisites.signatory_eid: The answer may have at most 4096 characters"),
        "{check}"
    );
    assert!(
        check.contains("service.production_domain: The answer may have at most 4096 characters"),
        "{check}"
    );
}

/// Item 12: an OS error is said once; "Add at least 1 entry".
#[test]
fn an_os_error_is_said_once_and_entries_are_counted_in_words() {
    let ws = Workspace::new();
    let missing = ws.path("no-such-file.toml");
    let output = run(&ws, &["import", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("os error 2").count(), 1, "{stderr}");
    assert_eq!(
        stderr.matches("No such file or directory").count(),
        1,
        "{stderr}"
    );

    let source = common::read(&ws.path("idura-complete.toml"));
    let mut table: toml::Table = source.parse().unwrap();
    common::set_path(
        &mut table,
        "contacts.signatory",
        Some(toml::Value::Array(vec![])),
    );
    let file = ws.path("no-signatory.toml");
    std::fs::write(&file, toml::to_string_pretty(&table).unwrap()).unwrap();
    let check = said(&run(&ws, &["import", file.to_str().unwrap(), "none"]));
    assert!(
        check.contains("contacts.signatory: Add at least 1 entry; there are 0 now."),
        "{check}"
    );
}
