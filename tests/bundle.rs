//! The signed-ready bundle: determinism, checksums, verify, the PDF's text and structure (read in
//! Rust, `common::pdf`), the email as a MIME parser reads it, and refusal of an incomplete draft.
//! The same PDF checks through poppler's `pdftotext` and `qpdf` are extra evidence, ignored by
//! default (`.ci/run` installs poppler-utils and qpdf and runs them with `-- --ignored`).

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use common::pdf::Pdf;
use common::{Workspace, s, stdout};
use eid_onboard::bundle::{self, BundleError, IssueKind, Options};
use eid_onboard::document::Value;
use eid_onboard::draft::{DraftName, DraftStore, Status};
use eid_onboard::order::{self, Order};

fn cmd(ws: &Workspace) -> Command {
    common::cli(ws)
}

fn import(ws: &Workspace, fixture: &str, name: &str) {
    cmd(ws)
        .arg("import")
        .arg(ws.path(fixture))
        .arg(name)
        .assert()
        .success();
}

/// Imports a fixture through the library with a fixed time, so the bundle's date is known.
fn order(ws: &Workspace, fixture: &str, name: &str) -> Order {
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    order::import(&store, &ws.path(fixture), Some(name), now).unwrap()
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{name}/"), out);
            } else {
                out.insert(name, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

fn run_tool(program: &str, args: &[&std::ffi::OsStr], dir: Option<&Path>) -> Output {
    let mut command = std::process::Command::new(program);
    command.args(args);
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    command.output().unwrap_or_else(|e| {
        panic!("{program} must be installed for this test (see its #[ignore] reason): {e}")
    })
}

/// How a test reads the PDF's text: in Rust, or through pdftotext.
type Reader = fn(&Path) -> String;

fn lopdf_text(pdf: &Path) -> String {
    Pdf::open(pdf).text()
}

fn pdftotext_text(pdf: &Path) -> String {
    let out = run_tool("pdftotext", &[pdf.as_os_str(), "-".as_ref()], None);
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout).expect("pdftotext gives UTF-8")
}

/// The PDF's text without page footers, whitespace collapsed.
fn pdf_text(read: Reader, pdf: &Path, subject: &str) -> String {
    read(pdf)
        .replace('\u{c}', "\n")
        .lines()
        .filter(|l| {
            let l = l.trim();
            l != subject && !(l.starts_with("Page ") && l.contains(" of "))
        })
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every answer shown in the document, as the renderers show it.
fn shown_answers(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Text(t) => out.push(t.clone()),
        Value::Parts(parts) => out.extend(parts.iter().map(|p| p.value.clone())),
        Value::Entries(entries) => entries.iter().for_each(|e| shown_answers(e, out)),
        Value::File(name) => out.push(name.clone()),
        Value::Missing => {}
    }
}

/// The structure checks in Rust.
fn structure_check(pdf: &Path) {
    Pdf::open(pdf).check_structure();
}

fn qpdf_check(pdf: &Path) {
    let out = run_tool("qpdf", &["--check".as_ref(), pdf.as_os_str()], None);
    assert!(
        out.status.success(),
        "qpdf --check failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_same_draft_gives_identical_bytes() {
    let ws = Workspace::new();
    for (fixture, name) in [
        ("idura-complete.toml", "acme"),
        ("criipto-complete.toml", "clinic"),
        ("idura-foreign.toml", "foreign"),
    ] {
        let order = order(&ws, fixture, name);
        let a = bundle::build(&order, &Default::default()).unwrap();
        let b = bundle::build(&order, &Default::default()).unwrap();
        assert_eq!(a.files, b.files, "{fixture}");
        assert_eq!(a.zip, b.zip, "{fixture}");
        // Nothing from the machine inside: no absolute path of the fixtures, no host name.
        let root = ws.dir.path().to_string_lossy().into_owned();
        for (file, bytes) in &a.files {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains(&root), "{file} holds a local path");
        }
    }

    // Through the command line, twice, into two folders; the draft changes status in between.
    import(&ws, "criipto-complete.toml", "twice");
    let (one, two) = (ws.path("one"), ws.path("two"));
    for out in [&one, &two] {
        cmd(&ws)
            .args(["bundle", "twice", "--out"])
            .arg(out)
            .assert()
            .success();
    }
    let name = "twice-criipto-no-bankid";
    assert_eq!(tree(&one.join(name)), tree(&two.join(name)));
    assert_eq!(
        std::fs::read(one.join(format!("{name}.zip"))).unwrap(),
        std::fs::read(two.join(format!("{name}.zip"))).unwrap()
    );
    // And again into the first folder: the unchanged bundle is replaced by the same bytes.
    cmd(&ws)
        .args(["bundle", "twice", "--out"])
        .arg(&one)
        .assert()
        .success();
    assert_eq!(tree(&one.join(name)), tree(&two.join(name)));
}

#[test]
fn bundle_layout_checksums_permissions_and_draft_record() {
    let ws = Workspace::new();
    import(&ws, "criipto-complete.toml", "clinic");
    let out = ws.path("out");
    let output = cmd(&ws)
        .args(["bundle", "clinic", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let dir = std::fs::canonicalize(&out)
        .unwrap()
        .join("clinic-criipto-no-bankid");
    let zip = dir.with_extension("zip");
    let text = stdout(&output);
    assert!(text.contains(&dir.display().to_string()), "{text}");
    assert!(text.contains(&zip.display().to_string()), "{text}");

    let files: Vec<String> = tree(&dir).into_keys().collect();
    assert_eq!(
        files,
        [
            "SHA256SUMS",
            "attachments/firmaattest.pdf",
            "message.eml",
            "request.json",
            "request.pdf",
            "request.toml",
        ]
    );
    assert_eq!(
        std::fs::read(dir.join("attachments/firmaattest.pdf")).unwrap(),
        std::fs::read(ws.path("firmaattest.pdf")).unwrap(),
        "attachments are copied byte for byte"
    );

    // SHA256SUMS in `sha256sum -c` format: "<hex>  <path>" for every other file, each right (the
    // digest computed here with sha2, not with the bundle's own code).
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    let listed: Vec<(&str, &str)> = sums
        .lines()
        .map(|l| l.split_once("  ").expect("<hex>  <path>"))
        .collect();
    assert_eq!(
        listed.iter().map(|(_, f)| *f).collect::<Vec<_>>(),
        &files[1..],
        "{sums}"
    );
    for (digest, file) in listed {
        use sha2::Digest;
        let actual = hex::encode(sha2::Sha256::digest(std::fs::read(dir.join(file)).unwrap()));
        assert_eq!(digest, actual, "{file}");
    }

    // Personal data: 0600 files, 0700 folders; nothing temporary left beside the bundle.
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("attachments")), 0o700);
    assert_eq!(mode(&dir.join("request.pdf")), 0o600);
    assert_eq!(mode(&zip), 0o600);
    let beside: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside.len(), 2, "{beside:?}");

    // request.toml imports again, its attachment found inside the bundle.
    let toml = std::fs::read_to_string(dir.join("request.toml")).unwrap();
    assert!(toml.contains("company_certificate = \"attachments/firmaattest.pdf\""));
    cmd(&ws)
        .arg("import")
        .arg(dir.join("request.toml"))
        .arg("again")
        .assert()
        .success();
    cmd(&ws).args(["check", "again"]).assert().code(0);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("request.json")).unwrap()).unwrap();
    assert_eq!(json["form"], "criipto-no-bankid");
    assert_eq!(json["contacts"]["signatory"]["name"], "Bjørnar Hæåland");
    assert_eq!(json["contacts"]["operations"][1]["name"], "Ingrid Østebø");

    // The draft is bundled, with the folder and the zip's hash.
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let draft = store.load(&DraftName::parse("clinic").unwrap()).unwrap();
    assert_eq!(draft.status, Status::Bundled);
    let record = draft.bundle.expect("bundle record");
    assert_eq!(record.path, dir);
    assert_eq!(record.zip, zip);
    assert_eq!(
        record.sha256,
        bundle::sha256_hex(&std::fs::read(&zip).unwrap())
    );
    let list = cmd(&ws).args(["list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let clinic = list["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "clinic")
        .unwrap();
    assert_eq!(clinic["status"], "bundled");
}

#[test]
#[ignore = "needs sha256sum (coreutils)"]
fn sha256sum_accepts_the_bundle_s_checksums() {
    let ws = Workspace::new();
    import(&ws, "criipto-complete.toml", "clinic");
    cmd(&ws)
        .args(["bundle", "clinic", "--out"])
        .arg(ws.path("out"))
        .assert()
        .success();
    // Run inside the folder, as the README tells the recipient.
    let dir = ws.path("out/clinic-criipto-no-bankid");
    let check = run_tool(
        "sha256sum",
        &["-c".as_ref(), "SHA256SUMS".as_ref()],
        Some(&dir),
    );
    assert!(check.status.success(), "{check:?}");
    assert_eq!(
        String::from_utf8_lossy(&check.stdout)
            .matches(": OK")
            .count(),
        5
    );
}

#[test]
fn verify_names_modified_missing_and_unexpected_files() {
    let ws = Workspace::new();
    import(&ws, "idura-foreign.toml", "nordsken");
    let out = ws.path("out");
    cmd(&ws)
        .args(["bundle", "nordsken", "--out"])
        .arg(&out)
        .assert()
        .success();
    let dir = out.join("nordsken-idura-no-bankid");
    let zip = out.join("nordsken-idura-no-bankid.zip");

    for path in [&dir, &zip] {
        cmd(&ws)
            .arg("verify")
            .arg(path)
            .assert()
            .code(0)
            .stdout(predicates::str::contains("OK: all 5 files"));
    }

    // One byte of request.pdf changed.
    let pdf = dir.join("request.pdf");
    let original = std::fs::read(&pdf).unwrap();
    let mut changed = original.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x01;
    std::fs::write(&pdf, &changed).unwrap();
    let output = cmd(&ws).arg("verify").arg(&dir).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output).lines().next(),
        Some("modified: request.pdf"),
        "{}",
        stdout(&output)
    );
    std::fs::write(&pdf, &original).unwrap();

    // A file removed.
    let attachment = dir.join("attachments/company-certificate.pdf");
    let kept = std::fs::read(&attachment).unwrap();
    std::fs::remove_file(&attachment).unwrap();
    let output = cmd(&ws).arg("verify").arg(&dir).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("missing: attachments/company-certificate.pdf"),
        "{}",
        stdout(&output)
    );
    std::fs::write(&attachment, &kept).unwrap();

    // A file added.
    std::fs::write(dir.join("notes.txt"), "signed on paper").unwrap();
    let output = cmd(&ws).arg("verify").arg(&dir).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("unexpected: notes.txt"),
        "{}",
        stdout(&output)
    );
    // Re-bundling over a changed bundle is refused unless forced (nothing is lost silently).
    cmd(&ws)
        .args(["bundle", "nordsken", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unexpected: notes.txt"))
        .stderr(predicates::str::contains("--force"));
    assert!(dir.join("notes.txt").exists());
    cmd(&ws)
        .args(["bundle", "nordsken", "--force", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(!dir.join("notes.txt").exists());
    cmd(&ws).arg("verify").arg(&dir).assert().code(0);

    // The library names each kind; a changed zip entry is found too.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let changed_zip = ws.path("changed.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&changed_zip).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if entry.is_dir() {
            continue;
        }
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        if name.ends_with("request.toml") {
            bytes.push(b'\n');
        }
        if name.ends_with("message.eml") {
            continue;
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut writer, &bytes).unwrap();
    }
    writer
        .start_file(
            "nordsken-idura-no-bankid/extra.pdf",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    writer.finish().unwrap();
    let verification = bundle::verify(&changed_zip).unwrap();
    let found: Vec<(IssueKind, &str)> = verification
        .issues
        .iter()
        .map(|i| (i.kind, i.path.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (IssueKind::Unexpected, "extra.pdf"),
            (IssueKind::Missing, "message.eml"),
            (IssueKind::Modified, "request.toml"),
        ]
    );

    // Not a bundle at all: exit 2.
    cmd(&ws)
        .arg("verify")
        .arg(ws.path("firmaattest.pdf"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a bundle"));
    cmd(&ws)
        .arg("verify")
        .arg(ws.dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("SHA256SUMS"));
    cmd(&ws)
        .arg("verify")
        .arg(ws.path("nowhere"))
        .assert()
        .code(2);
}

#[test]
fn pdf_holds_every_answer_as_text_and_is_well_formed() {
    every_answer_in_the_pdf(lopdf_text, structure_check);
}

#[test]
#[ignore = "needs pdftotext and qpdf (poppler-utils, qpdf)"]
fn pdftotext_reads_every_answer_and_qpdf_passes_the_pdf() {
    every_answer_in_the_pdf(pdftotext_text, qpdf_check);
}

fn every_answer_in_the_pdf(read: Reader, check: fn(&Path)) {
    let ws = Workspace::new();
    for (fixture, name) in [
        ("idura-complete.toml", "acme"),
        ("criipto-complete.toml", "clinic"),
        ("idura-foreign.toml", "foreign"),
    ] {
        let order = order(&ws, fixture, name);
        let out = ws.path(&format!("out-{name}"));
        let outcome = bundle::create(&order, &out, &Options::default()).unwrap();
        let built = bundle::build(&order, &Default::default()).unwrap();
        let doc = &built.document;
        let pdf = outcome.dir.join("request.pdf");
        check(&pdf);

        let text = pdf_text(read, &pdf, &doc.subject);
        let mut answers = Vec::new();
        for section in &doc.sections {
            assert!(
                text.contains(&squeeze(&section.heading())),
                "{fixture}: {}",
                section.heading()
            );
            for entry in &section.entries {
                shown_answers(&entry.value, &mut answers);
            }
        }
        assert!(answers.len() > 15, "{fixture}: {answers:?}");
        for answer in &answers {
            assert!(
                text.contains(&squeeze(answer)),
                "{fixture}: {answer:?} not in the PDF text:\n{text}"
            );
        }
        // The title, the recipient, the company, the signature block, the attachments' hashes.
        for expected in [
            doc.title.as_str(),
            doc.recipient.as_str(),
            doc.company.as_deref().unwrap(),
            "Place and date",
            "Signature",
        ] {
            assert!(text.contains(expected), "{fixture}: {expected}");
        }
        // One signature line per signatory, each with the name under it.
        assert!(!doc.signatories.is_empty(), "{fixture}");
        for signatory in &doc.signatories {
            let name = signatory.name.as_deref().unwrap();
            assert!(text.contains(&format!("Name: {name}")), "{fixture}: {name}");
            assert!(
                text.contains(&format!("Signature ({name})")),
                "{fixture}: {name}"
            );
        }
        assert_eq!(
            text.matches("Place and date").count(),
            doc.signatories.len(),
            "{fixture}"
        );
        for attachment in &doc.attachments {
            let digest = attachment.digest.as_ref().unwrap();
            assert!(text.contains(&digest.sha256), "{fixture}: hash");
        }
        // The date is the draft's, not today's.
        assert!(text.contains("2026-11-20"), "{fixture}");
        // PDF/A-2a (tagged, every character mapped to Unicode) in the catalog's XMP metadata.
        assert_eq!(
            Pdf::open(&pdf).pdfa_identification(),
            Some(("2".to_string(), "A".to_string())),
            "{fixture}"
        );
    }
    // Norwegian letters survive copying out of the PDF.
    let text = pdf_text(
        read,
        &ws.path("out-acme/acme-idura-no-bankid/request.pdf"),
        "NO BankID for Solgløtt Eiendom",
    );
    for name in [
        "Kjærsti Østgård",
        "Åse Bråten",
        "Håkon Sæther",
        "Øyvind Lærum",
        "SOLGLØTT EIENDOMSMEGLING AS",
        "Søndre gate 4",
    ] {
        assert!(text.contains(name), "{name} not in:\n{text}");
    }
}

/// The Rust structure check is evidence only if it fails on broken files: a byte inserted after the
/// header (every offset off by one), a cut-off end, and a content stream replaced by garbage.
#[test]
fn the_structure_check_refuses_damaged_pdfs() {
    let ws = Workspace::new();
    let order = order(&ws, "idura-complete.toml", "acme");
    let outcome = bundle::create(&order, &ws.path("out"), &Options::default()).unwrap();
    let good = std::fs::read(outcome.dir.join("request.pdf")).unwrap();
    let header = good.iter().position(|&b| b == b'\n').unwrap() + 1;

    let mut shifted = good.clone();
    shifted.insert(header, b'\n');
    let cut = good[..good.len() - 40].to_vec();
    // The first page's content stream, its bytes overwritten in place (the length stays).
    let pdf = Pdf::open(&outcome.dir.join("request.pdf"));
    let first = pdf.doc.get_pages()[&1];
    let content_id = pdf.doc.get_page_contents(first)[0];
    let stream = pdf.doc.get_object(content_id).unwrap().as_stream().unwrap();
    let raw = stream.content.clone();
    let at = good
        .windows(raw.len())
        .position(|w| w == raw.as_slice())
        .unwrap();
    let mut garbled = good.clone();
    garbled[at..at + raw.len()].fill(b'#');

    for (what, bytes) in [("shifted", shifted), ("cut", cut), ("garbled", garbled)] {
        let path = ws.path(&format!("{what}.pdf"));
        std::fs::write(&path, bytes).unwrap();
        let result = std::panic::catch_unwind(|| Pdf::open(&path).check_structure());
        assert!(result.is_err(), "{what}: the damaged file passed the check");
    }
    structure_check(&outcome.dir.join("request.pdf"));
}

#[test]
fn long_answers_wrap_and_break_across_pages() {
    let pdf = long_answers_pdf();
    let pdf = pdf.path().join("request.pdf");
    structure_check(&pdf);
    let pages = Pdf::open(&pdf).page_count();
    assert!(pages >= 3, "{pages} pages");
    long_answers_in_text(&pdf_text(lopdf_text, &pdf, "NO BankID for Bølgen Helse"));
}

#[test]
#[ignore = "needs qpdf, pdfinfo and pdftotext (qpdf, poppler-utils)"]
fn long_answers_read_by_poppler_and_qpdf() {
    let pdf = long_answers_pdf();
    let pdf = pdf.path().join("request.pdf");
    qpdf_check(&pdf);
    let info = run_tool("pdfinfo", &[pdf.as_os_str()], None);
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    assert_eq!(
        pages,
        Pdf::open(&pdf).page_count(),
        "pdfinfo and lopdf agree"
    );
    long_answers_in_text(&pdf_text(
        pdftotext_text,
        &pdf,
        "NO BankID for Bølgen Helse",
    ));
}

/// A bundle whose description runs over pages, with characters the font lacks; the folder
/// holding `request.pdf` (kept while the returned value lives).
fn long_answers_pdf() -> tempfile::TempDir {
    let ws = Workspace::new();
    let sentence = "Kundene våre logger inn for å signere oppdrag, følge budrunder og lese \
                    dokumentene i salget sitt, og vi må identifisere hver kunde sikkert. ";
    let long = format!(
        "{}Slutt på beskrivelsen æøå. Reinsdyr 🦌 og \u{e000}.\n\nNytt avsnitt med et ordsomerforlangtilåfåplasspåénlinje{}",
        sentence.repeat(60),
        "x".repeat(150)
    );
    let file = ws.variant(
        "criipto-complete.toml",
        "long",
        "service.description",
        s(&long),
    );
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let order = order::import(&store, &file, Some("long"), now).unwrap();
    let outcome = bundle::create(&order, &ws.path("out"), &Options::default()).unwrap();
    let keep = tempfile::tempdir().unwrap();
    std::fs::copy(
        outcome.dir.join("request.pdf"),
        keep.path().join("request.pdf"),
    )
    .unwrap();
    keep
}

fn long_answers_in_text(text: &str) {
    assert!(text.contains("Slutt på beskrivelsen æøå."));
    // Characters the font lacks become U+FFFD instead of breaking the PDF/A file.
    assert!(text.contains("Reinsdyr \u{fffd} og \u{fffd}."), "{text}");
    assert_eq!(
        text.matches("vi må identifisere hver kunde sikkert")
            .count(),
        60
    );
    // The overlong word is cut, not lost.
    assert!(text.contains("ordsomerforlangtilåfåplasspåénlinje"));
    assert!(text.matches('x').count() >= 150);
}

#[test]
fn message_eml_parses_with_recipient_subject_and_attachments() {
    let ws = Workspace::new();
    for (fixture, name, certificate) in [
        ("idura-complete.toml", "acme", None),
        ("criipto-complete.toml", "clinic", Some("firmaattest.pdf")),
        (
            "idura-foreign.toml",
            "foreign",
            Some("company-certificate.pdf"),
        ),
    ] {
        let order = order(&ws, fixture, name);
        let outcome = bundle::create(
            &order,
            &ws.path(&format!("out-{name}")),
            &Options::default(),
        )
        .unwrap();
        let eml = std::fs::read(outcome.dir.join("message.eml")).unwrap();
        let mail = mailparse::parse_mail(&eml).expect("message.eml parses");
        let header = |h: &str| {
            mail.headers
                .iter()
                .find(|x| x.get_key() == h)
                .map(|x| x.get_value())
        };
        assert_eq!(
            header("To").unwrap(),
            format!(
                "{} <{}>",
                order.spec.provider,
                order.spec.recipient.as_deref().unwrap_or_default()
            )
        );
        let subject = header("Subject").unwrap();
        let expected = match name {
            "acme" => "NO BankID for Solgløtt Eiendom",
            "clinic" => "NO BankID for Bølgen Helse",
            _ => "NO BankID for Nordsken",
        };
        assert_eq!(subject, expected);
        // No sender configured: From is the general contact, who is also Cc'd; no Reply-To.
        let from = header("From").unwrap();
        assert!(from.contains('@'));
        assert_eq!(header("Cc").unwrap(), from);
        assert_eq!(header("Reply-To"), None);
        assert!(header("Date").unwrap().contains("20 Nov 2026 12:00:00"));
        assert!(header("Message-ID").unwrap().ends_with("@eid-onboard>"));

        assert_eq!(mail.ctype.mimetype, "multipart/mixed");
        let body = mail.subparts[0].get_body().unwrap();
        assert!(body.contains(expected) || body.contains("Order: "));
        assert!(body.contains("1. What the"), "{body}");

        let attachments: Vec<(String, Vec<u8>)> = mail.subparts[1..]
            .iter()
            .map(|part| {
                let disposition = part.get_content_disposition();
                (
                    disposition
                        .params
                        .get("filename")
                        .cloned()
                        .unwrap_or_default(),
                    part.get_body_raw().unwrap(),
                )
            })
            .collect();
        assert_eq!(attachments[0].0, "request.pdf");
        assert_eq!(
            attachments[0].1,
            std::fs::read(outcome.dir.join("request.pdf")).unwrap()
        );
        match certificate {
            Some(file) => {
                assert_eq!(attachments.len(), 2);
                assert_eq!(attachments[1].0, file);
                assert_eq!(attachments[1].1, std::fs::read(ws.path(file)).unwrap());
            }
            None => assert_eq!(attachments.len(), 1),
        }
    }
}

#[test]
fn an_incomplete_draft_is_refused_and_nothing_is_left_behind() {
    let ws = Workspace::new();
    let file = ws.variant(
        "idura-complete.toml",
        "incomplete",
        "contacts.signatory",
        Some(toml::Value::Array(vec![toml::Value::Table(
            [("name".to_string(), toml::Value::String("Åse Bråten".into()))]
                .into_iter()
                .collect(),
        )])),
    );
    cmd(&ws)
        .arg("import")
        .arg(&file)
        .arg("incomplete")
        .assert()
        .success();
    let out = ws.path("out");
    std::fs::create_dir(&out).unwrap();
    let output = cmd(&ws)
        .args(["bundle", "incomplete", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("contacts.signatory[1].email: "), "{text}");
    assert!(text.contains("No bundle was written"), "{text}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let draft = store
        .load(&DraftName::parse("incomplete").unwrap())
        .unwrap();
    assert_eq!(draft.status, Status::Draft);
    assert!(draft.bundle.is_none());

    // The library says why, with the report.
    let order = Order::open(&store, &DraftName::parse("incomplete").unwrap()).unwrap();
    match bundle::create(&order, &ws.path("lib-out"), &Options::default()) {
        Err(BundleError::NotReady { report }) => assert!(report.errors() >= 1),
        other => panic!("expected NotReady, got {other:?}"),
    }
    assert!(!ws.path("lib-out").exists());

    // A missing attachment is named by its field, and nothing is left either.
    let file = ws.variant(
        "criipto-complete.toml",
        "gone",
        "attachments.company_certificate",
        s("gone.pdf"),
    );
    let store_order = {
        let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
        order::import(&store, &file, Some("gone"), now).unwrap()
    };
    match bundle::create(&store_order, &ws.path("gone-out"), &Options::default()) {
        Err(BundleError::NotReady { report }) => assert!(
            report
                .problems
                .iter()
                .any(|p| p.is_error() && p.field == "attachments.company_certificate"),
            "{:?}",
            report.problems
        ),
        other => panic!("expected NotReady, got {other:?}"),
    }
    assert!(!ws.path("gone-out").exists());
}

#[test]
fn the_text_preview_and_the_pdf_read_the_same_document() {
    let ws = Workspace::new();
    let acme = order(&ws, "idura-complete.toml", "acme");
    let built = bundle::build(&acme, &Default::default()).unwrap();
    let preview = eid_onboard::render::text::preview(&built.document);
    let body = eid_onboard::render::text::body(&built.document);
    assert!(body.contains(&preview));
    assert!(
        preview.lines().all(|l| l.chars().count() <= 76),
        "{preview}"
    );
    for heading in built.document.sections.iter().map(|s| s.heading()) {
        assert!(preview.contains(&heading), "{heading}");
    }
    // With repeated entries and an attachment's hash, too.
    let clinic = order(&ws, "criipto-complete.toml", "clinic");
    let built_clinic = bundle::build(&clinic, &Default::default()).unwrap();
    let preview_clinic = eid_onboard::render::text::preview(&built_clinic.document);
    assert!(
        preview_clinic.lines().all(|l| l.chars().count() <= 76),
        "{preview_clinic}"
    );
    assert!(preview_clinic.contains("Entry 2:"), "{preview_clinic}");
    // Hidden answers are not sent: with fødselsnummer not requested, its reason goes.
    let file = ws.variant(
        "idura-complete.toml",
        "nonnin",
        "nnin.requested",
        Some(toml::Value::Boolean(false)),
    );
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let order = order::import(&store, &file, Some("nonnin"), now).unwrap();
    let built = bundle::build(&order, &Default::default()).unwrap();
    let toml = String::from_utf8(built.files["request.toml"].clone()).unwrap();
    assert!(toml.contains("requested = false"));
    assert!(!toml.contains("reason"), "{toml}");
    assert!(!toml.contains("legal_basis"), "{toml}");
    let preview = eid_onboard::render::text::preview(&built.document);
    assert!(
        preview.contains("national identity number? No"),
        "{preview}"
    );
    assert!(!preview.contains("Anti-Money Laundering Act (hvitvaskingsloven)"));
}
