//! The request PDF's layout, read page by page (lopdf, `common::pdf`): a heading never ends a page,
//! the signature block is kept whole and never alone on its page, it names the people who sign (and
//! has no empty name line when nobody is named), the PDF does not list itself as an attachment,
//! and a separate request calls itself by its own title.

mod common;

use common::pdf::Pdf;
use common::{Workspace, bundle_of, set_path};
use eid_onboard::document::{Document, Word};
use eid_onboard::render;

const COMPLETE: &[&str] = &[
    "idura-complete.toml",
    "idura-foreign.toml",
    "criipto-complete.toml",
    "bankid-oidc-complete.toml",
    "idporten-oidc-complete.toml",
];

/// Writes `<out>.toml` into the workspace: `fixture` with each dotted path set (or removed).
fn write_variant(
    ws: &Workspace,
    fixture: &str,
    out: &str,
    edits: &[(&str, Option<toml::Value>)],
) -> String {
    let source = std::fs::read_to_string(ws.path(fixture)).unwrap();
    let mut table: toml::Table = source.parse().unwrap();
    for (path, value) in edits {
        set_path(&mut table, path, value.clone());
    }
    let file = format!("{out}.toml");
    std::fs::write(ws.path(&file), toml::to_string_pretty(&table).unwrap()).unwrap();
    file
}

/// The text lines of each page of a PDF, trimmed, blank ones and the footer (the page's last two
/// lines: the subject and "Page n of m") left out.
fn pages(ws: &Workspace, bytes: &[u8]) -> Vec<Vec<String>> {
    let path = ws.path("layout.pdf");
    std::fs::write(&path, bytes).unwrap();
    let pdf = Pdf::open(&path);
    pdf.check_structure();
    let total = pdf.page_count();
    pdf.doc
        .get_pages()
        .keys()
        .map(|number| {
            let text = pdf.doc.extract_text(&[*number]).unwrap();
            let mut lines: Vec<String> = text
                .lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect();
            let page_of = lines.pop().unwrap_or_default();
            assert!(
                page_of.ends_with(&format!(" {number} of {total}"))
                    || page_of.ends_with(&format!(" {number} av {total}")),
                "page {number}: the footer's page number is last, got {page_of:?}"
            );
            lines.pop();
            lines
        })
        .collect()
}

/// The headings the document has: its sections', and those of the attachments, the checklist and
/// the signature block.
fn headings(doc: &Document) -> Vec<String> {
    doc.sections
        .iter()
        .map(|s| s.heading())
        .chain(
            [Word::Attachments, Word::Prerequisites, Word::Signature]
                .into_iter()
                .map(|w| doc.word(w).to_string()),
        )
        .collect()
}

/// Whether `line` is a heading or one line of a heading wrapped over several.
fn is_heading_line(line: &str, headings: &[String]) -> bool {
    headings.iter().any(|h| {
        h == line || h.starts_with(&format!("{line} ")) || h.ends_with(&format!(" {line}"))
    })
}

/// No page's last line is a heading (or part of one). The signature block ends with the word
/// "Signature" under the line to sign on, as its heading reads: that is not a heading.
fn assert_no_page_ends_with_a_heading(label: &str, doc: &Document, pages: &[Vec<String>]) {
    let headings = headings(doc);
    let intro = doc.word(Word::SignatureIntro);
    for (i, page) in pages.iter().enumerate() {
        let last = page.last().map(String::as_str).unwrap_or_default();
        let under_signature_line = last == doc.word(Word::Signature)
            && page.len() >= 2
            && page[page.len() - 2] == format!(", {}", doc.date_text())
            && page.iter().any(|l| l == intro);
        assert!(
            under_signature_line || !is_heading_line(last, &headings),
            "{label}: page {} ends with the heading {last:?}:\n{}",
            i + 1,
            page.join("\n")
        );
    }
}

/// The signature block's page and where on it the block starts (its heading), found by its intro.
fn signature_block<'a>(label: &str, doc: &Document, pages: &'a [Vec<String>]) -> &'a [String] {
    let intro = doc.word(Word::SignatureIntro);
    let heading = doc.word(Word::Signature);
    let (number, page) = pages
        .iter()
        .enumerate()
        .find(|(_, p)| p.iter().any(|l| l == intro))
        .unwrap_or_else(|| panic!("{label}: no page holds the signature block"));
    let at = page.iter().position(|l| l == intro).unwrap();
    assert!(
        at > 0 && page[at - 1] == heading,
        "{label}: the heading is right above the intro on page {}",
        number + 1
    );
    assert_eq!(
        number + 1,
        pages.len(),
        "{label}: the block is on the last page"
    );
    &page[at - 1..]
}

/// The signature block is whole on one page and shares it with what comes before.
fn assert_signature_block_not_alone(label: &str, doc: &Document, pages: &[Vec<String>]) {
    let block = signature_block(label, doc, pages);
    let page = pages.last().unwrap();
    assert!(
        page.len() > block.len(),
        "{label}: the signature block is alone on page {}:\n{}",
        pages.len(),
        page.join("\n")
    );
    // "Place and date: ____, <date>": the label and the date are two runs of text.
    let place_dates = block
        .windows(2)
        .filter(|w| {
            w[0].starts_with(doc.word(Word::PlaceDate)) && w[1] == format!(", {}", doc.date_text())
        })
        .count();
    assert_eq!(
        place_dates,
        doc.signatories.len().max(1),
        "{label}: one place and date per signatory, on the block's page:\n{}",
        block.join("\n")
    );
}

/// Lines of `text` joined by spaces (a heading or a title wrapped over lines reads whole).
fn joined(lines: &[String]) -> String {
    lines.join(" ")
}

#[test]
fn no_page_of_any_fixture_ends_with_a_heading_and_the_signature_is_never_alone() {
    let ws = Workspace::new();
    for (i, fixture) in COMPLETE.iter().enumerate() {
        let built = bundle_of(&ws, fixture, &format!("f{i}"));
        let pages = pages(&ws, &built.files["request.pdf"]);
        assert_no_page_ends_with_a_heading(fixture, &built.document, &pages);
        assert_signature_block_not_alone(fixture, &built.document, &pages);
    }
}

/// The service description (question 16 of 19) made longer a line at a time moves every later
/// heading and the signature block down, past the bottom of a page one by one.
#[test]
fn growing_an_answer_never_leaves_a_heading_at_a_page_end_or_the_signature_alone() {
    let ws = Workspace::new();
    let fixture = "idporten-oidc-complete.toml";
    // About one line of the PDF.
    let sentence =
        "Innbyggerne følger saken sin fra søknad til vedtak i portalen, også på mobilen. ";
    for n in 0..28 {
        let name = format!("grow{n}");
        let text = format!(
            "Portalen der innbyggerne søker om byggetillatelse. {}",
            sentence.repeat(n)
        );
        let edits = [("service.description", Some(toml::Value::String(text)))];
        let answers = write_variant(&ws, fixture, &name, &edits);
        let built = bundle_of(&ws, &answers, &name);
        let pages = pages(&ws, &built.files["request.pdf"]);
        let label = format!("{fixture} with {n} more lines");
        assert_no_page_ends_with_a_heading(&label, &built.document, &pages);
        assert_signature_block_not_alone(&label, &built.document, &pages);
    }
}

#[test]
fn the_signature_block_names_each_signatory() {
    let ws = Workspace::new();
    let cases: &[(&str, &[&str])] = &[
        ("idporten-oidc-complete.toml", &["Kari Fjellheim"]),
        ("idura-complete.toml", &[]),
        ("criipto-complete.toml", &[]),
    ];
    for (i, (fixture, expected)) in cases.iter().enumerate() {
        let built = bundle_of(&ws, fixture, &format!("s{i}"));
        let doc = &built.document;
        let names: Vec<String> = doc
            .signatories
            .iter()
            .map(|p| {
                p.name
                    .clone()
                    .expect("each signatory of the fixture is named")
            })
            .collect();
        assert!(!names.is_empty(), "{fixture}: the fixture names who signs");
        for name in *expected {
            assert!(names.iter().any(|n| n == name), "{fixture}: {names:?}");
        }
        let pages = pages(&ws, &built.files["request.pdf"]);
        let block = signature_block(fixture, doc, &pages);
        let name_lines: Vec<&String> = block
            .iter()
            .filter(|l| l.starts_with(&format!("{}:", doc.word(Word::Name))))
            .collect();
        let expected_lines: Vec<String> = names
            .iter()
            .map(|n| format!("{}: {n}", doc.word(Word::Name)))
            .collect();
        assert_eq!(
            name_lines,
            expected_lines.iter().collect::<Vec<_>>(),
            "{fixture}"
        );
        for name in &names {
            let under = format!("{} ({name})", doc.word(Word::Signature));
            assert!(
                block.contains(&under),
                "{fixture}: {under:?} under a signature line:\n{}",
                block.join("\n")
            );
        }
    }
}

#[test]
fn without_a_named_signatory_the_block_has_no_name_line() {
    let ws = Workspace::new();
    let answers = write_variant(
        &ws,
        "idporten-oidc-complete.toml",
        "nobody",
        &[("contacts.signatory", None)],
    );
    let built = bundle_of(&ws, &answers, "nobody");
    let doc = &built.document;
    assert!(doc.signatories.is_empty());
    let pages = pages(&ws, &built.files["request.pdf"]);
    let block = signature_block("no signatory", doc, &pages);
    assert!(
        !block
            .iter()
            .any(|l| l.starts_with("Navn:") || l.starts_with("Name:")),
        "no name line:\n{}",
        block.join("\n")
    );
    // What is there still: for whom, place and date, the line to sign on.
    let for_line = format!("For: {}", doc.company_line());
    assert!(block.contains(&for_line), "{}", block.join("\n"));
    assert!(
        block
            .windows(2)
            .any(|w| w[0] == "Sted og dato:" && w[1] == format!(", {}", doc.date_text())),
        "{}",
        block.join("\n")
    );
    assert_eq!(block.last().map(String::as_str), Some("Signatur"));
}

#[test]
fn the_pdf_does_not_list_itself_but_the_email_still_names_its_attachment() {
    let ws = Workspace::new();
    for (i, fixture) in COMPLETE.iter().enumerate() {
        let built = bundle_of(&ws, fixture, &format!("a{i}"));
        let pages = pages(&ws, &built.files["request.pdf"]);
        let text = joined(&pages.concat());
        assert!(
            !text.contains("request.pdf"),
            "{fixture}: the PDF names itself:\n{text}"
        );
        // Every attachment is still listed in it.
        for attachment in &built.document.attachments {
            assert!(
                text.contains(&format!("{}: ", attachment.name)),
                "{fixture}: {} is listed",
                attachment.name
            );
        }
        // The email, which carries request.pdf, still lists it.
        let body = render::text::body(&built.document);
        assert!(
            body.contains("request.pdf: "),
            "{fixture}: the email lists request.pdf:\n{body}"
        );
    }
}

/// A BankID OIDC order for PROD with a dedicated merchant certificate, made from the complete
/// CURRENT fixture: PROD, no localhost redirect, no CURRENT certificate, a PROD one with its name.
fn prod_certificate(ws: &Workspace) -> String {
    write_variant(
        ws,
        "bankid-oidc-complete.toml",
        "prod-certificate",
        &[
            ("client.environment", Some("prod".into())),
            (
                "client.redirect_uris",
                Some(toml::Value::Array(vec![
                    "https://styre.fjordlys-borettslag.no/auth/callback".into(),
                ])),
            ),
            ("certificate", None),
            ("certificate.dedicated_prod", Some(true.into())),
            (
                "certificate.common_name",
                Some("Fjordlys Borettslag".into()),
            ),
        ],
    )
}

#[test]
fn the_certificate_request_calls_itself_by_its_own_name() {
    let ws = Workspace::new();
    let answers = prod_certificate(&ws);
    let built = bundle_of(&ws, &answers, "cert");
    let separate = built
        .separate
        .iter()
        .find(|s| s.pdf == "certificate-request.pdf")
        .expect("the certificate request applies");
    let doc = &separate.document;
    let pages = pages(&ws, &built.files["certificate-request.pdf"]);
    let text = joined(&pages.concat());
    assert!(
        text.starts_with("Order: Dedicated BankID merchant certificate for PROD"),
        "its title line:\n{text}"
    );
    assert!(!text.contains("request.pdf"), "{text}");
    assert_no_page_ends_with_a_heading("certificate request", doc, &pages);
    assert_signature_block_not_alone("certificate request", doc, &pages);

    // The footer of every page says what it is.
    let path = ws.path("certificate.pdf");
    std::fs::write(&path, &built.files["certificate-request.pdf"]).unwrap();
    let whole = Pdf::open(&path).text();
    for page in whole.split('\u{c}').filter(|p| !p.trim().is_empty()) {
        assert!(
            page.contains("Dedicated BankID merchant certificate for FJORDLYS BORETTSLAG"),
            "{page}"
        );
    }
}

/// A question several fields share is titled as the provider names it, never by the labels of
/// fields the order does not show (BankID's item 6 holds the PROD certificate questions too).
#[test]
fn a_shared_question_is_titled_as_the_provider_names_it() {
    let ws = Workspace::new();
    let built = bundle_of(&ws, "bankid-oidc-complete.toml", "titles");
    let titles: Vec<(Option<u32>, &str)> = built
        .document
        .sections
        .iter()
        .map(|s| (s.number, s.title.as_str()))
        .collect();
    assert!(
        titles.contains(&(
            Some(6),
            "Requested identity providers (and merchant certificate)"
        )),
        "{titles:?}"
    );
    assert!(
        titles.contains(&(Some(3), "Display name (and logo)")),
        "{titles:?}"
    );
    let text = joined(&pages(&ws, &built.files["request.pdf"]).concat());
    assert!(
        !text.contains("common name"),
        "a hidden PROD question is named in the CURRENT order:\n{text}"
    );
}
