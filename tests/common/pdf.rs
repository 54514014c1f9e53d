//! Reading the bundle's PDF in the tests, in Rust (lopdf): its text as a reader copies it out, and a
//! structural check of the file. qpdf and pdftotext give the same evidence where they are
//! installed (the tests ignored as "needs qpdf ..." / "needs pdftotext ...").

use std::collections::BTreeSet;
use std::path::Path;

use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

pub struct Pdf {
    pub bytes: Vec<u8>,
    pub doc: Document,
}

impl Pdf {
    /// Loads the file strictly: no repaired cross-reference table, no tolerated syntax errors.
    pub fn open(path: &Path) -> Pdf {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let options = LoadOptions {
            strict: true,
            ..LoadOptions::default()
        };
        let doc = Document::load_mem_with_options(&bytes, options)
            .unwrap_or_else(|e| panic!("{}: not a readable PDF: {e}", path.display()));
        assert!(
            doc.xref_recovery.is_none(),
            "{}: the cross-reference table had to be repaired: {:?}",
            path.display(),
            doc.xref_recovery
        );
        Pdf { bytes, doc }
    }

    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// The text of every page, in reading order, one line per text line (as pdftotext gives it,
    /// with a form feed after each page).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for number in self.doc.get_pages().keys() {
            let page = self
                .doc
                .extract_text(&[*number])
                .unwrap_or_else(|e| panic!("text of page {number}: {e}"));
            out.push_str(&page);
            out.push('\u{c}');
        }
        out
    }

    /// What `qpdf --check` looks at, in the terms of this file: the header and trailer, every
    /// cross-reference offset pointing at its object, every reference resolving, every stream
    /// decoding, a page tree whose count matches its pages, each page's content stream parsing into
    /// operators, and every font embedded with a ToUnicode map (so text can be copied out).
    pub fn check_structure(&self) {
        let bytes = &self.bytes;
        assert!(
            bytes.starts_with(b"%PDF-1.") || bytes.starts_with(b"%PDF-2."),
            "header"
        );
        let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(64)..]).into_owned();
        assert!(tail.trim_end().ends_with("%%EOF"), "trailer: {tail:?}");
        let startxref: usize = tail
            .rsplit_once("startxref")
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref offset");
        let at = &bytes[startxref..];
        assert!(
            at.starts_with(b"xref") || object_header(at).is_some(),
            "startxref {startxref} points at neither a table nor a stream"
        );

        // Cross-reference entries: each in-file offset is where "N G obj" starts.
        let mut in_streams = BTreeSet::new();
        for (&id, entry) in &self.doc.reference_table.entries {
            match entry {
                XrefEntry::Normal { offset, generation } => {
                    let at = &bytes[*offset as usize..];
                    assert_eq!(
                        object_header(at),
                        Some((id, *generation)),
                        "object {id}: offset {offset} is not its start"
                    );
                }
                XrefEntry::Compressed { container, .. } => {
                    in_streams.insert(*container);
                }
                XrefEntry::Free | XrefEntry::UnusableFree => {}
            }
        }
        for container in in_streams {
            assert!(
                self.doc.objects.contains_key(&(container, 0)),
                "object stream {container} is missing"
            );
        }

        // Every reference resolves; every stream's filters decode.
        for (id, object) in &self.doc.objects {
            let mut refs = Vec::new();
            references(object, &mut refs);
            for target in refs {
                assert!(
                    self.doc.get_object(target).is_ok(),
                    "object {id:?} refers to missing {target:?}"
                );
            }
            if let Object::Stream(stream) = object
                && stream.dict.has(b"Filter")
            {
                stream
                    .decompressed_content()
                    .unwrap_or_else(|e| panic!("stream {id:?} does not decode: {e}"));
            }
        }

        // The catalog and its page tree.
        let catalog = self.doc.catalog().expect("catalog");
        assert_eq!(name(catalog, b"Type"), Some("Catalog".into()));
        let pages = self
            .deref_dict(catalog.get(b"Pages").expect("/Pages"))
            .expect("page tree");
        let count = pages
            .get(b"Count")
            .and_then(Object::as_i64)
            .expect("/Count");
        let page_ids = self.doc.get_pages();
        assert!(!page_ids.is_empty(), "no pages");
        assert_eq!(
            count as usize,
            page_ids.len(),
            "/Count and the pages differ"
        );

        for (number, page_id) in page_ids {
            let page = self.doc.get_dictionary(page_id).expect("page dictionary");
            assert_eq!(name(page, b"Type"), Some("Page".into()), "page {number}");
            assert!(
                self.inherited(page_id, b"MediaBox").is_some(),
                "page {number} has no MediaBox"
            );
            let content = self
                .doc
                .get_and_decode_page_content(page_id)
                .unwrap_or_else(|e| panic!("page {number}: content does not parse: {e}"));
            assert!(
                !content.operations.is_empty(),
                "page {number}: empty content"
            );
            let fonts = self
                .doc
                .get_page_fonts(page_id)
                .unwrap_or_else(|e| panic!("page {number}: fonts: {e}"));
            assert!(!fonts.is_empty(), "page {number} has no font");
            for (font_name, font) in fonts {
                let label = String::from_utf8_lossy(&font_name).into_owned();
                self.check_font(font, &format!("page {number}, font {label}"));
            }
        }
    }

    fn check_font(&self, font: &Dictionary, label: &str) {
        assert!(font.has(b"ToUnicode"), "{label}: no ToUnicode map");
        // A composite font's glyphs are in its descendant; a simple font's in its own descriptor.
        let described = match font.get(b"DescendantFonts") {
            Ok(descendants) => {
                let array = self
                    .doc
                    .dereference(descendants)
                    .ok()
                    .and_then(|(_, o)| o.as_array().ok())
                    .unwrap_or_else(|| panic!("{label}: DescendantFonts"));
                self.deref_dict(&array[0])
                    .unwrap_or_else(|| panic!("{label}: descendant font"))
            }
            Err(_) => font,
        };
        let descriptor = self
            .deref_dict(described.get(b"FontDescriptor").expect("FontDescriptor"))
            .unwrap_or_else(|| panic!("{label}: FontDescriptor"));
        assert!(
            [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                .iter()
                .any(|key| descriptor.has(key)),
            "{label}: the font is not embedded"
        );
    }

    /// The PDF/A identification in the catalog's XMP metadata, e.g. `(2, "B")`.
    pub fn pdfa_identification(&self) -> Option<(String, String)> {
        let catalog = self.doc.catalog().ok()?;
        let (_, metadata) = self.doc.dereference(catalog.get(b"Metadata").ok()?).ok()?;
        let stream = metadata.as_stream().ok()?;
        let xml = match stream.decompressed_content() {
            Ok(content) => content,
            Err(_) => stream.content.clone(),
        };
        let xml = String::from_utf8_lossy(&xml);
        Some((
            xmp_value(&xml, "pdfaid:part")?,
            xmp_value(&xml, "pdfaid:conformance")?,
        ))
    }

    fn deref_dict<'a>(&'a self, object: &'a Object) -> Option<&'a Dictionary> {
        self.doc.dereference(object).ok()?.1.as_dict().ok()
    }

    /// A page attribute, looked up the page tree as far as needed.
    fn inherited(&self, mut id: ObjectId, key: &[u8]) -> Option<&Object> {
        for _ in 0..64 {
            let dict = self.doc.get_dictionary(id).ok()?;
            if let Ok(value) = dict.get(key) {
                return Some(value);
            }
            id = dict.get(b"Parent").ok()?.as_reference().ok()?;
        }
        None
    }
}

/// `N G obj` at the start of `bytes`, after any whitespace.
fn object_header(bytes: &[u8]) -> Option<(u32, u16)> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]).into_owned();
    let mut words = head.split_whitespace();
    let id = words.next()?.parse().ok()?;
    let generation = words.next()?.parse().ok()?;
    (words.next()?.starts_with("obj")).then_some((id, generation))
}

fn references(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, out)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| references(o, out)),
        Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| references(o, out)),
        _ => {}
    }
}

fn name(dict: &Dictionary, key: &[u8]) -> Option<String> {
    dict.get(key)
        .ok()?
        .as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// An XMP property written either as an element or as an attribute.
fn xmp_value(xml: &str, property: &str) -> Option<String> {
    if let Some((_, rest)) = xml.split_once(&format!("<{property}>")) {
        return rest.split_once('<').map(|(v, _)| v.trim().to_string());
    }
    let (_, rest) = xml.split_once(&format!("{property}=\""))?;
    rest.split_once('"').map(|(v, _)| v.to_string())
}
