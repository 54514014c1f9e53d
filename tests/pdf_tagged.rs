//! The request PDF for a screen reader and for signing, read back with lopdf: a tagged PDF/A-2a and
//! PDF/UA-1 file (structure tree, `/MarkInfo`, `/Lang`, the `pdfuaid` part in its XMP, a heading
//! per question) with one empty signature field per signatory over the signature line, checked by
//! krilla's validators for each profile alone and both at once; characters the font lacks are
//! drawn as U+FFFD instead of failing the file.

mod common;

use std::collections::BTreeMap;

use common::pdf::Pdf;
use common::{Workspace, bundle_of, s, set_path};
use eid_onboard::bundle;
use eid_onboard::document::{Document, Value, Word};
use eid_onboard::draft::DraftStore;
use eid_onboard::order;
use eid_onboard::render::pdf::{self, Profile};
use lopdf::{Dictionary, Object, ObjectId, decode_text_string};

fn open(ws: &Workspace, bytes: &[u8], file: &str) -> Pdf {
    let path = ws.path(file);
    std::fs::write(&path, bytes).unwrap();
    let pdf = Pdf::open(&path);
    pdf.check_structure();
    pdf
}

/// A structure element: its type, its title (`/T`), the objects it refers to (`/OBJR`), and the
/// page it is on (`/Pg`), when given.
#[derive(Debug)]
struct Element {
    kind: String,
    title: Option<String>,
    objects: Vec<ObjectId>,
}

/// The structure tree's elements, depth first in reading order.
fn elements(pdf: &Pdf) -> Vec<Element> {
    let catalog = pdf.doc.catalog().unwrap();
    let root = deref(
        pdf,
        catalog
            .get(b"StructTreeRoot")
            .expect("a structure tree root"),
    );
    assert_eq!(
        root.get(b"Type").unwrap().as_name().unwrap(),
        b"StructTreeRoot"
    );
    let mut out = Vec::new();
    walk(pdf, root.get(b"K").expect("the root has kids"), &mut out, 0);
    out
}

fn walk(pdf: &Pdf, kids: &Object, out: &mut Vec<Element>, depth: usize) {
    assert!(depth < 64, "the structure tree is too deep");
    let (_, kids) = pdf.doc.dereference(kids).unwrap();
    match kids {
        Object::Array(items) => items.iter().for_each(|k| walk(pdf, k, out, depth + 1)),
        Object::Dictionary(dict) => {
            let Ok(kind) = dict.get(b"S") else {
                return; // a marked-content or object reference, seen from its element
            };
            let kind = String::from_utf8_lossy(kind.as_name().unwrap()).into_owned();
            let title = dict.get(b"T").ok().map(|t| decode_text_string(t).unwrap());
            let mut objects = Vec::new();
            if let Ok(k) = dict.get(b"K") {
                let (_, k) = pdf.doc.dereference(k).unwrap();
                let items = match k {
                    Object::Array(items) => items.clone(),
                    other => vec![other.clone()],
                };
                for item in &items {
                    if let Ok((_, Object::Dictionary(d))) = pdf.doc.dereference(item)
                        && d.get(b"Type").and_then(Object::as_name).ok() == Some(b"OBJR")
                    {
                        objects.push(d.get(b"Obj").unwrap().as_reference().unwrap());
                    }
                }
            }
            out.push(Element {
                kind,
                title,
                objects,
            });
            if let Ok(k) = dict.get(b"K") {
                walk(pdf, k, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn deref<'a>(pdf: &'a Pdf, object: &'a Object) -> &'a Dictionary {
    pdf.doc.dereference(object).unwrap().1.as_dict().unwrap()
}

fn xmp(pdf: &Pdf) -> String {
    let catalog = pdf.doc.catalog().unwrap();
    let (_, metadata) = pdf
        .doc
        .dereference(catalog.get(b"Metadata").unwrap())
        .unwrap();
    let stream = metadata.as_stream().unwrap();
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    String::from_utf8(bytes).unwrap()
}

/// What the tagged file must hold, for `doc` rendered as `bytes`.
fn assert_tagged(ws: &Workspace, label: &str, doc: &Document, bytes: &[u8]) {
    let pdf = open(ws, bytes, "tagged.pdf");
    let catalog = pdf.doc.catalog().unwrap();
    let mark_info = deref(&pdf, catalog.get(b"MarkInfo").expect("/MarkInfo"));
    assert!(
        mark_info.get(b"Marked").unwrap().as_bool().unwrap(),
        "{label}: marked"
    );
    assert_eq!(
        decode_text_string(catalog.get(b"Lang").expect("/Lang")).unwrap(),
        doc.lang.code(),
        "{label}"
    );
    let xmp = xmp(&pdf);
    assert!(
        xmp.contains("<pdfuaid:part>1</pdfuaid:part>") || xmp.contains("pdfuaid:part=\"1\""),
        "{label}: no PDF/UA-1 identification in\n{xmp}"
    );
    assert_eq!(
        pdf.pdfa_identification(),
        Some(("2".to_string(), "A".to_string())),
        "{label}"
    );

    let elements = elements(&pdf);
    let headings = |kind: &str| -> Vec<String> {
        elements
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| {
                e.title
                    .clone()
                    .unwrap_or_else(|| panic!("{label}: {kind} untitled"))
            })
            .collect()
    };
    assert_eq!(
        headings("H1"),
        [format!("{}: {}", doc.word(Word::Order), doc.title)],
        "{label}"
    );
    let mut expected: Vec<String> = doc.sections.iter().map(|s| s.heading()).collect();
    if !doc.attachments.is_empty() {
        expected.push(doc.word(Word::Attachments).to_string());
    }
    if !doc.checklist.is_empty() {
        expected.push(doc.word(Word::Prerequisites).to_string());
    }
    expected.push(doc.word(Word::Signature).to_string());
    assert_eq!(headings("H2"), expected, "{label}: a heading per question");
    // The answers' label/value pairs and the checklist are lists.
    let count = |kind: &str| elements.iter().filter(|e| e.kind == kind).count();
    assert!(
        count("L") >= 1 && count("LI") >= doc.checklist.len(),
        "{label}"
    );
    assert!(count("Lbl") >= doc.checklist.len(), "{label}");
    assert!(count("P") > doc.sections.len(), "{label}");
}

/// The signature fields of `bytes`: name -> (widget, the number of the page it is on).
fn signature_fields(ws: &Workspace, bytes: &[u8]) -> BTreeMap<String, (ObjectId, u32)> {
    let pdf = open(ws, bytes, "fields.pdf");
    let catalog = pdf.doc.catalog().unwrap();
    let form = deref(&pdf, catalog.get(b"AcroForm").expect("/AcroForm"));
    assert!(
        form.get(b"NeedAppearances").is_err(),
        "PDF/A: no NeedAppearances"
    );
    let pages: BTreeMap<ObjectId, u32> = pdf
        .doc
        .get_pages()
        .into_iter()
        .map(|(n, id)| (id, n))
        .collect();
    let forms: Vec<ObjectId> = elements(&pdf)
        .into_iter()
        .filter(|e| e.kind == "Form")
        .flat_map(|e| e.objects)
        .collect();
    let mut out = BTreeMap::new();
    for field in form.get(b"Fields").unwrap().as_array().unwrap() {
        let id = field.as_reference().unwrap();
        let widget = pdf.doc.get_dictionary(id).unwrap();
        let name = |key: &[u8]| {
            String::from_utf8_lossy(widget.get(key).unwrap().as_name().unwrap()).into_owned()
        };
        assert_eq!(name(b"FT"), "Sig");
        assert_eq!(name(b"Subtype"), "Widget");
        assert!(widget.get(b"V").is_err(), "unsigned: no value");
        assert!(
            widget.get(b"A").is_err() && widget.get(b"AA").is_err(),
            "PDF/A: no actions"
        );
        assert_eq!(
            widget.get(b"F").unwrap().as_i64().unwrap() & 4,
            4,
            "printed"
        );
        assert!(
            deref(&pdf, widget.get(b"AP").unwrap()).get(b"N").is_ok(),
            "an appearance"
        );
        let tooltip = decode_text_string(widget.get(b"TU").unwrap()).unwrap();
        assert!(!tooltip.is_empty());
        assert!(forms.contains(&id), "the widget is a Form element's object");
        let page = widget.get(b"P").unwrap().as_reference().unwrap();
        let annots = pdf
            .doc
            .get_dictionary(page)
            .unwrap()
            .get(b"Annots")
            .unwrap();
        let annots = pdf.doc.dereference(annots).unwrap().1.as_array().unwrap();
        assert!(
            annots.contains(&Object::Reference(id)),
            "on its page's annotations"
        );
        let tabs = pdf.doc.get_dictionary(page).unwrap().get(b"Tabs").unwrap();
        assert_eq!(
            tabs.as_name().unwrap(),
            b"S",
            "tab order follows the structure"
        );
        let title =
            String::from_utf8(widget.get(b"T").unwrap().as_str().unwrap().to_vec()).unwrap();
        let rect: Vec<f32> = widget
            .get(b"Rect")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_float().unwrap())
            .collect();
        assert!(
            rect[2] - rect[0] > 100.0 && rect[3] - rect[1] > 20.0,
            "{rect:?}"
        );
        assert!(
            out.insert(title, (id, pages[&page])).is_none(),
            "names are unique"
        );
    }
    out
}

/// The page number where `text` is, in `bytes`.
fn page_of(ws: &Workspace, bytes: &[u8], text: &str) -> u32 {
    let pdf = open(ws, bytes, "text.pdf");
    let pages = pdf.doc.get_pages();
    *pages
        .keys()
        .find(|n| pdf.doc.extract_text(&[**n]).unwrap().contains(text))
        .unwrap_or_else(|| panic!("{text:?} is on no page"))
}

#[test]
fn request_and_certificate_request_are_tagged_with_a_heading_per_question() {
    let ws = Workspace::new();
    for (fixture, name) in [
        ("idura-complete.toml", "acme"),
        ("criipto-complete.toml", "clinic"),
        ("idporten-oidc-complete.toml", "idporten"),
    ] {
        let built = bundle_of(&ws, fixture, name);
        assert_tagged(&ws, fixture, &built.document, &built.files["request.pdf"]);
    }
    let built = bundle_of(&ws, &prod_certificate(&ws), "cert");
    let separate = built
        .separate
        .iter()
        .find(|s| s.pdf == "certificate-request.pdf")
        .expect("the certificate request applies");
    assert_tagged(
        &ws,
        "certificate request",
        &separate.document,
        &built.files["certificate-request.pdf"],
    );
    let fields = signature_fields(&ws, &built.files["certificate-request.pdf"]);
    assert_eq!(
        fields.len(),
        separate.document.signatories.len().max(1),
        "a field per signatory"
    );
}

/// A BankID OIDC order for PROD with a dedicated merchant certificate (its own request PDF).
fn prod_certificate(ws: &Workspace) -> String {
    let source = std::fs::read_to_string(ws.path("bankid-oidc-complete.toml")).unwrap();
    let mut table: toml::Table = source.parse().unwrap();
    let uris = toml::Value::Array(vec![
        "https://styre.fjordlys-borettslag.no/auth/callback".into(),
    ]);
    for (path, value) in [
        ("client.environment", Some("prod".into())),
        ("client.redirect_uris", Some(uris)),
        ("certificate", None),
        ("certificate.dedicated_prod", Some(true.into())),
        (
            "certificate.common_name",
            Some("Fjordlys Borettslag".into()),
        ),
    ] {
        set_path(&mut table, path, value);
    }
    let file = "prod-certificate.toml";
    std::fs::write(ws.path(file), toml::to_string_pretty(&table).unwrap()).unwrap();
    file.to_string()
}

#[test]
fn one_signature_field_per_signatory_named_by_its_entry_on_the_signature_page() {
    let ws = Workspace::new();
    for (fixture, name, signatories) in [
        ("idura-complete.toml", "acme", 2),
        ("idporten-oidc-complete.toml", "idporten", 1),
    ] {
        let built = bundle_of(&ws, fixture, name);
        let doc = &built.document;
        assert_eq!(doc.signatories.len(), signatories, "{fixture}");
        let bytes = &built.files["request.pdf"];
        let fields = signature_fields(&ws, bytes);
        let expected: Vec<String> = (1..=signatories)
            .map(|n| format!("signatory-{n}"))
            .collect();
        assert_eq!(
            fields.keys().cloned().collect::<Vec<_>>(),
            expected,
            "{fixture}"
        );
        for (i, person) in doc.signatories.iter().enumerate() {
            let under = format!(
                "{} ({})",
                doc.word(Word::Signature),
                person.name_with_role().unwrap()
            );
            let (_, page) = fields[&format!("signatory-{}", i + 1)];
            assert_eq!(page, page_of(&ws, bytes, &under), "{fixture}: {under}");
        }
    }
}

#[test]
fn krilla_validates_each_profile_alone_and_both_at_once() {
    let ws = Workspace::new();
    let built = bundle_of(&ws, "idura-complete.toml", "acme");
    let doc = &built.document;
    let a = pdf::render_as(doc, &[Profile::PdfA2a]).expect("PDF/A-2a");
    let ua = pdf::render_as(doc, &[Profile::PdfUa1]).expect("PDF/UA-1");
    let both = pdf::render_as(doc, &[Profile::PdfA2a, Profile::PdfUa1]).expect("both");
    assert_eq!(
        both, built.files["request.pdf"],
        "the bundle's PDF claims both"
    );
    let pdf_a = open(&ws, &a, "a.pdf");
    assert_eq!(pdf_a.pdfa_identification(), Some(("2".into(), "A".into())));
    assert!(
        !xmp(&pdf_a).contains("pdfuaid"),
        "PDF/A-2a alone claims no PDF/UA"
    );
    let pdf_ua = open(&ws, &ua, "ua.pdf");
    assert_eq!(
        pdf_ua.pdfa_identification(),
        None,
        "PDF/UA-1 alone claims no PDF/A"
    );
    assert!(xmp(&pdf_ua).contains("pdfuaid"));
    // The same document gives the same bytes.
    assert_eq!(pdf::render(doc).unwrap(), both);
}

/// U+FFFF, which a font's character map sends to `.notdef`, and other code points the font
/// lacks (unassigned, private use, noncharacters) are drawn as U+FFFD, never an error.
#[test]
fn characters_the_font_lacks_are_drawn_as_the_replacement_character() {
    let ws = Workspace::new();
    let lacking = [
        '\u{FFFF}',
        '\u{FFFE}',
        '\u{0378}',
        '\u{10FFFF}',
        '\u{E000}',
        '\u{FDD0}',
        '\u{E0001}',
    ];
    let text: String = lacking.iter().map(|c| format!("a{c}b ")).collect();
    let file = ws.variant(
        "criipto-complete.toml",
        "lacking",
        "service.description",
        s(&format!("Beskrivelse {text}slutt")),
    );
    let store = DraftStore::open(ws.data_dir()).unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let order = order::import(&store, &file, Some("lacking"), now).unwrap();
    let built = bundle::build(&order, &Default::default()).expect("the PDF is written");
    let pdf = open(&ws, &built.files["request.pdf"], "lacking.pdf");
    let expected = format!("Beskrivelse {}slutt", "a\u{fffd}b ".repeat(lacking.len()));
    assert!(pdf.text().contains(&expected), "{}", pdf.text());
}

fn run_tool(program: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed for this test: {e}"));
    assert!(
        out.status.success(),
        "{program} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// qpdf finds the rewritten file clean; poppler reads it as tagged, with a form, the headings and
/// a Form element per signatory in its structure.
#[test]
#[ignore = "needs qpdf and pdfinfo (qpdf, poppler-utils)"]
fn qpdf_passes_and_poppler_reads_the_tags_and_the_form() {
    let ws = Workspace::new();
    let built = bundle_of(&ws, "idura-complete.toml", "acme");
    let cert = bundle_of(&ws, &prod_certificate(&ws), "cert");
    for (label, bytes) in [
        ("request", &built.files["request.pdf"]),
        (
            "certificate request",
            &cert.files["certificate-request.pdf"],
        ),
    ] {
        let path = ws.path("poppler.pdf");
        std::fs::write(&path, bytes).unwrap();
        run_tool("qpdf", &["--check".as_ref(), path.as_os_str()]);
        let info = run_tool("pdfinfo", &[path.as_os_str()]);
        for line in ["Tagged:          yes", "Form:            AcroForm"] {
            assert!(info.contains(line), "{label}: {line:?} in\n{info}");
        }
        let structure = run_tool("pdfinfo", &["-struct".as_ref(), path.as_os_str()]);
        assert!(
            structure.contains("  H1 \"Order: "),
            "{label}:\n{structure}"
        );
        assert!(structure.matches(" H2 \"").count() >= 3, "{label}");
    }
    let structure = {
        let path = ws.path("poppler.pdf");
        std::fs::write(&path, &built.files["request.pdf"]).unwrap();
        run_tool("pdfinfo", &["-struct".as_ref(), path.as_os_str()])
    };
    assert_eq!(
        structure.matches("Form\n").count(),
        built.document.signatories.len(),
        "a Form element per signatory:\n{structure}"
    );
}

/// Every kind of code point the font may lack, straight into the renderer (past the answers'
/// own checks): a sweep over all planes, every noncharacter, the private-use areas. Each one is
/// drawn (or dropped, for control characters), the file is written, and nothing the font lacks
/// reaches it.
#[test]
fn no_code_point_fails_the_pdf() {
    let ws = Workspace::new();
    let built = bundle_of(&ws, "idura-complete.toml", "acme");
    let mut doc = built.document.clone();
    let nonchars =
        (0..=0x10u32).flat_map(|plane| [plane * 0x10000 + 0xFFFE, plane * 0x10000 + 0xFFFF]);
    let sweep: String = (0..=0x10FFFFu32)
        .step_by(0x101)
        .chain(nonchars)
        .chain(0xFDD0..=0xFDEF)
        .chain([0xE000, 0xF8FF, 0xF0000, 0x10FFFD])
        .filter_map(char::from_u32)
        .collect();
    doc.sections[0].entries[0].value = Value::Text(format!("sweep {sweep} end"));
    let bytes = pdf::render(&doc).expect("every code point is drawn or replaced");
    let text = open(&ws, &bytes, "sweep.pdf").text();
    assert!(text.contains("sweep ") && text.contains(" end"), "{text}");
    assert!(
        text.contains('\u{fffd}'),
        "the unassigned ones are drawn as U+FFFD"
    );
    assert!(!text.contains('\u{ffff}') && !text.contains('\u{e000}'));
}
