//! What is drawn on a page: lines of text, rules and signature fields, each marked as a piece of
//! the document's structure or as an artifact.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::paint::{Fill, Stroke};
use krilla::tagging::{Artifact, ArtifactType, ContentTag, SpanTag};

use super::fonts::Fonts;
use super::signature_field::Field;
use super::tags::{Leaf, Marks};

/// What a line of text is in the document's structure: a piece of it, or an artifact (a page's
/// footer) that a screen reader skips.
#[derive(Clone, Copy)]
pub(super) enum Mark {
    Content(Leaf),
    Artifact(ArtifactType),
}

/// One thing drawn on a page.
pub(super) enum Op {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        bold: bool,
        colour: (u8, u8, u8),
        text: String,
        mark: Mark,
    },
    /// A rule, drawn for the eye only: an artifact.
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
    },
    /// An empty signature field over the signature line: an annotation of the page.
    SignatureField {
        rect: Rect,
        field: Field,
        leaf: Leaf,
    },
}

impl Op {
    /// The op `dy` points lower: from its row's top to its place on the page.
    pub(super) fn moved(mut self, dy: f32) -> Op {
        match &mut self {
            Op::Text { baseline, .. } => *baseline += dy,
            Op::Rule { y, .. } => *y += dy,
            Op::SignatureField { rect, .. } => {
                *rect = Rect::from_ltrb(
                    rect.left(),
                    rect.top() + dy,
                    rect.right(),
                    rect.bottom() + dy,
                )
                .unwrap_or(*rect);
            }
        }
        self
    }

    /// Draws the op, its content marked as its leaf's (recorded in `marks`) or as an artifact.
    pub(super) fn draw(
        &self,
        surface: &mut krilla::surface::Surface<'_>,
        fonts: &Fonts,
        marks: &mut Marks,
    ) {
        match self {
            Op::Text {
                x,
                baseline,
                size,
                bold,
                colour,
                text,
                mark,
            } => {
                let face = fonts.face(*bold);
                let (glyphs, _) = face.shape(text);
                let id = surface.start_tagged(match mark {
                    Mark::Content(_) => ContentTag::Span(SpanTag::empty()),
                    Mark::Artifact(kind) => ContentTag::Artifact(Artifact::with_kind(*kind)),
                });
                if let Mark::Content(leaf) = mark {
                    marks.set(*leaf, id);
                }
                surface.set_fill(Some(Fill {
                    paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
                    ..Fill::default()
                }));
                surface.draw_glyphs(
                    Point::from_xy(*x, *baseline),
                    &glyphs,
                    face.font.clone(),
                    text,
                    *size,
                    false,
                );
                surface.end_tagged();
            }
            Op::Rule { x1, x2, y, width } => {
                let mut path = PathBuilder::new();
                path.move_to(*x1, *y);
                path.line_to(*x2, *y);
                if let Some(path) = path.finish() {
                    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                        ArtifactType::Layout,
                    )));
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(0, 0, 0).into(),
                        width: *width,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                    surface.end_tagged();
                }
            }
            // Added to the page before its content (see `render_as`).
            Op::SignatureField { .. } => {}
        }
    }
}
