//! One empty signature field per signatory (AcroForm `/FT /Sig`, its widget over the signature
//! line), so that a PDF signing tool or an e-signing service offers "sign here".
//!
//! krilla writes no form fields: its only annotation is a link. So each field is laid out and
//! tagged as a link that stands in for it (a `Form` element of the structure tree holds it, the
//! page's tab order follows the structure, its alternative text is the field's description), and
//! once krilla has written and checked the file, [`fill_in`] turns each stand-in into the field
//! itself, in place (the same object, so the structure tree still points at it), with an empty
//! appearance and the print flag as PDF/A asks, and lists the fields in the catalog's
//! `/AcroForm`. The file is rewritten whole by lopdf: one revision, no stale link left behind.

use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::geom::Rect;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

/// The address of a stand-in link: this, then the field's name. Only the stand-ins have one of
/// these (the PDF has no other links).
const STAND_IN: &str = "eid-onboard:signature-field:";

/// A signature field to add.
pub(super) struct Field {
    /// The field's name, e.g. `signatory-1`: its role and entry.
    name: String,
    /// What a screen reader and a signing tool call the field (`/TU`).
    description: String,
}

impl Field {
    /// The field of signatory `entry` (from 1).
    pub(super) fn signatory(entry: usize, description: String) -> Field {
        Field {
            name: format!("signatory-{entry}"),
            description,
        }
    }

    /// The link that stands in for the field over `rect` until [`fill_in`].
    pub(super) fn placeholder(&self, rect: Rect) -> Annotation {
        let target = Target::Action(LinkAction::new(format!("{STAND_IN}{}", self.name)).into());
        Annotation::new_link(
            LinkAnnotation::new(rect, target),
            Some(self.description.clone()),
        )
    }
}

/// A stand-in link found in the file.
struct StandIn {
    id: ObjectId,
    page: ObjectId,
    name: Vec<u8>,
}

/// `pdf` with each stand-in link turned into its signature field; unchanged when it has none.
pub(super) fn fill_in(pdf: &[u8]) -> Result<Vec<u8>, String> {
    let mut doc = Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let stand_ins = stand_ins(&doc);
    if stand_ins.is_empty() {
        return Ok(pdf.to_vec());
    }
    let mut fields = Vec::new();
    for stand_in in &stand_ins {
        let link = doc
            .get_dictionary(stand_in.id)
            .map_err(|e| e.to_string())?
            .clone();
        let widget = widget(&mut doc, stand_in, &link)?;
        doc.objects.insert(stand_in.id, Object::Dictionary(widget));
        fields.push(Object::Reference(stand_in.id));
    }
    // SigFlags 1: the document has signature fields (ISO 32000-1, table 219).
    let form = dictionary! { "Fields" => fields, "SigFlags" => 1 };
    doc.catalog_mut()
        .map_err(|e| e.to_string())?
        .set("AcroForm", form);
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// The stand-in links, page by page in the order of each page's annotations.
fn stand_ins(doc: &Document) -> Vec<StandIn> {
    let mut out = Vec::new();
    for page in doc.get_pages().into_values() {
        let annotations = doc
            .get_dictionary(page)
            .and_then(|dict| dict.get(b"Annots"))
            .and_then(|annots| doc.dereference(annots))
            .and_then(|(_, annots)| annots.as_array());
        let Ok(annotations) = annotations else {
            continue;
        };
        for annotation in annotations {
            let Ok(id) = annotation.as_reference() else {
                continue;
            };
            if let Some(name) = stand_in_name(doc, id) {
                out.push(StandIn { id, page, name });
            }
        }
    }
    out
}

/// The field name of annotation `id` when it is a stand-in link.
fn stand_in_name(doc: &Document, id: ObjectId) -> Option<Vec<u8>> {
    let annotation = doc.get_dictionary(id).ok()?;
    if annotation.get(b"Subtype").ok()?.as_name().ok()? != b"Link" {
        return None;
    }
    let (_, action) = doc.dereference(annotation.get(b"A").ok()?).ok()?;
    let uri = action.as_dict().ok()?.get(b"URI").ok()?.as_str().ok()?;
    uri.strip_prefix(STAND_IN.as_bytes()).map(<[u8]>::to_vec)
}

/// The signature field (a field and its one widget in one dictionary) that replaces `link`.
fn widget(doc: &mut Document, stand_in: &StandIn, link: &Dictionary) -> Result<Dictionary, String> {
    let rect = link.get(b"Rect").map_err(|e| e.to_string())?.clone();
    let corners: Vec<f32> = rect
        .as_array()
        .map_err(|e| e.to_string())?
        .iter()
        .filter_map(|n| n.as_float().ok())
        .collect();
    let [left, bottom, right, top] = corners[..] else {
        return Err("a signature field's rectangle is not four numbers".into());
    };
    // PDF/A wants every annotation to have a normal appearance: an empty one, the line under it
    // is part of the page.
    let bbox = vec![
        0.into(),
        0.into(),
        (right - left).abs().into(),
        (top - bottom).abs().into(),
    ];
    let appearance = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => bbox,
            "Resources" => Dictionary::new(),
        },
        Vec::new(),
    ));
    let mut widget = dictionary! {
        "Type" => "Annot",
        "Subtype" => "Widget",
        "FT" => "Sig",
        "T" => Object::string_literal(stand_in.name.clone()),
        "Rect" => rect,
        "P" => stand_in.page,
        // Print: shown when printed too (PDF/A).
        "F" => 4,
        "AP" => dictionary! { "N" => appearance },
    };
    // The description krilla wrote as the link's text: the field's accessible name too.
    if let Ok(contents) = link.get(b"Contents") {
        widget.set("TU", contents.clone());
        widget.set("Contents", contents.clone());
    }
    // Where the structure tree's parent tree finds the field's `Form` element.
    if let Ok(parent) = link.get(b"StructParent") {
        widget.set("StructParent", parent.clone());
    }
    Ok(widget)
}
