//! The request for signing as a PDF/A-2u file (archival, every character mapped to Unicode so the
//! text can be searched and copied), drawn with krilla in DejaVu Sans (`assets/fonts/`, Bitstream
//! Vera licence, subset and embedded).
//!
//! krilla has no layout layer: text is shaped with rustybuzz (the shaper krilla itself uses),
//! measured, wrapped at UAX #14 line-break opportunities (a URL that fits is never broken; a word longer than a line
//! is broken after `/ . - _ ? & =`, cut only where none fits) and broken across A4
//! pages here. The file carries no clock time: its date is the document's date.

use krilla::Document as PdfDocument;
use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Data, SerializeSettings};

use crate::document::{Document, REQUEST_PDF, Section, Value, Word};
use crate::prereq::State;

const REGULAR_TTF: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

// A4 in points, and the margins.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 64.0;
const RIGHT: f32 = PAGE_W - 64.0;
const TOP: f32 = 64.0;
const BOTTOM: f32 = PAGE_H - 72.0;
const FOOTER_Y: f32 = PAGE_H - 40.0;
const INDENT: f32 = 14.0;

const TITLE: f32 = 16.0;
const HEADING: f32 = 11.5;
const BODY: f32 = 10.0;
const SMALL: f32 = 8.5;
const LEADING: f32 = 1.4;

const BLACK: (u8, u8, u8) = (0, 0, 0);
const GREY: (u8, u8, u8) = (90, 90, 90);

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font {0} cannot be read")]
    Font(&'static str),
    #[error("request.pdf could not be written: {0}")]
    Krilla(String),
}

/// The PDF bytes of the request.
pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let mut layout = Layout::new(&fonts);
    layout.document(doc);
    let pages = layout.finish();

    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_U)
        .finish()
        .map_err(|e| PdfError::Krilla(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let mut pdf = PdfDocument::new_with(settings);
    let total = pages.len();
    for (index, ops) in pages.iter().enumerate() {
        let mut page = pdf.start_page_with(
            PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(PdfError::Krilla("page size".into()))?,
        );
        let mut surface = page.surface();
        for op in ops {
            op.draw(&mut surface, &fonts);
        }
        footer(doc, &fonts, index + 1, total)
            .iter()
            .for_each(|op| op.draw(&mut surface, &fonts));
        surface.finish();
        page.finish();
    }

    let date = doc.date;
    let mut metadata = Metadata::new()
        .title(clean(&doc.subject, &fonts.regular))
        .language(doc.lang.code().to_string())
        .creator("eid-onboard".to_string())
        .producer("eid-onboard".to_string())
        .creation_date(
            DateTime::new(u16::try_from(date.year()).unwrap_or(1970))
                .month(date.month().unsigned_abs())
                .day(date.day().unsigned_abs())
                .hour(12)
                .minute(0)
                .second(0)
                .utc_offset_hour(0)
                .utc_offset_minute(0),
        );
    if let Some(company) = &doc.company {
        metadata = metadata.authors(vec![clean(company, &fonts.regular)]);
    }
    pdf.set_metadata(metadata);
    pdf.finish().map_err(|e| PdfError::Krilla(format!("{e:?}")))
}

/// A font for krilla and the same font for shaping and measuring.
struct Face {
    font: Font,
    shaper: rustybuzz::Face<'static>,
    /// What stands for a character the font has no glyph for.
    replacement: char,
}

struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    fn load() -> Result<Fonts, PdfError> {
        let face = |bytes: &'static [u8], name: &'static str| -> Result<Face, PdfError> {
            let font = Font::new(Data::from(bytes), 0).ok_or(PdfError::Font(name))?;
            let shaper = rustybuzz::Face::from_slice(bytes, 0).ok_or(PdfError::Font(name))?;
            let replacement = if shaper.glyph_index('\u{FFFD}').is_some() {
                '\u{FFFD}'
            } else {
                '?'
            };
            Ok(Face {
                font,
                shaper,
                replacement,
            })
        };
        Ok(Fonts {
            regular: face(REGULAR_TTF, "DejaVuSans.ttf")?,
            bold: face(BOLD_TTF, "DejaVuSans-Bold.ttf")?,
        })
    }

    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }
}

impl Face {
    /// Glyphs of one line (advances in em) and its width in em.
    fn shape(&self, text: &str) -> (Vec<KrillaGlyph>, f32) {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        let output = rustybuzz::shape(&self.shaper, &[], buffer);
        let upem = self.shaper.units_per_em() as f32;
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut width = 0.0;
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            let end = infos[i + 1..]
                .iter()
                .find(|next| next.cluster != info.cluster)
                .map_or(text.len(), |next| next.cluster as usize);
            let advance = pos.x_advance as f32 / upem;
            width += advance;
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                advance,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                start..end,
                None,
            ));
        }
        (glyphs, width)
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text).1 * size
    }
}

/// Text the font can draw: tabs become spaces, other control characters go, and characters the font
/// lacks (or private-use ones, which PDF/A cannot map to Unicode) become the replacement character.
fn clean(text: &str, face: &Face) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if c.is_control() => None,
            c if is_private_use(c) || face.shaper.glyph_index(c).is_none() => {
                Some(face.replacement)
            }
            c => Some(c),
        })
        .collect()
}

fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// One thing drawn on a page.
enum Op {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        bold: bool,
        colour: (u8, u8, u8),
        text: String,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
    },
}

impl Op {
    fn draw(&self, surface: &mut krilla::surface::Surface<'_>, fonts: &Fonts) {
        match self {
            Op::Text {
                x,
                baseline,
                size,
                bold,
                colour,
                text,
            } => {
                let face = fonts.face(*bold);
                let (glyphs, _) = face.shape(text);
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
            }
            Op::Rule { x1, x2, y, width } => {
                let mut path = PathBuilder::new();
                path.move_to(*x1, *y);
                path.line_to(*x2, *y);
                if let Some(path) = path.finish() {
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(0, 0, 0).into(),
                        width: *width,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                }
            }
        }
    }
}

/// Left: the subject (cut to fit); right: "Page n of m".
/// Runs of white space as one space (no-break spaces kept), as words joined by spaces.
fn collapse_spaces(text: &str) -> String {
    let breakable = |c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}');
    text.split(breakable)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` cut at its UAX #14 line-break opportunities, each piece with the spaces that follow
/// it. A URL, or a word wider than a line (`fits` says no), stays one piece.
fn pieces(text: &str, fits: impl Fn(&str) -> bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    // The start of the space-separated word the last piece ended in.
    let mut word_start = 0;
    for (at, _) in unicode_linebreak::linebreaks(text) {
        let piece_ends_word = text[..at].ends_with(' ') || at == text.len();
        if !piece_ends_word {
            let word_end = text[at..].find(' ').map_or(text.len(), |i| at + i);
            let word = &text[word_start..word_end];
            if super::text::is_url(word) || !fits(word) {
                continue;
            }
        }
        out.push(&text[start..at]);
        start = at;
        if piece_ends_word {
            word_start = at;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Where to cut `text`, which is wider than a line: after the last `/ . - _ ? & =` that leaves a
/// first part that fits, else after the last character that fits (at least one).
fn split_point(text: &str, fits: &impl Fn(&str) -> bool) -> usize {
    let mut last_fit = None;
    let mut last_punct = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if !fits(&text[..end]) {
            break;
        }
        last_fit = Some(end);
        if matches!(c, '/' | '.' | '-' | '_' | '?' | '&' | '=') && end < text.trim_end().len() {
            last_punct = Some(end);
        }
    }
    last_punct
        .or(last_fit)
        .unwrap_or_else(|| text.chars().next().map_or(text.len(), char::len_utf8))
}

fn footer(doc: &Document, fonts: &Fonts, page: usize, total: usize) -> Vec<Op> {
    let face = &fonts.regular;
    let right = format!(
        "{} {page} {} {total}",
        doc.word(Word::Page),
        doc.word(Word::Of)
    );
    let right_w = face.width(&right, SMALL);
    let mut left = clean(&doc.subject, face);
    let room = RIGHT - LEFT - right_w - 24.0;
    if face.width(&left, SMALL) > room {
        while !left.is_empty() && face.width(&format!("{left}…"), SMALL) > room {
            left.pop();
        }
        left.push('…');
    }
    vec![
        Op::Text {
            x: LEFT,
            baseline: FOOTER_Y,
            size: SMALL,
            bold: false,
            colour: GREY,
            text: left,
        },
        Op::Text {
            x: RIGHT - right_w,
            baseline: FOOTER_Y,
            size: SMALL,
            bold: false,
            colour: GREY,
            text: right,
        },
    ]
}

/// Lays the document out top to bottom, page after page.
struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    /// The top of the next line.
    y: f32,
}

/// How a run of text looks.
#[derive(Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    colour: (u8, u8, u8),
}

const TITLE_STYLE: Style = Style {
    size: TITLE,
    bold: true,
    colour: BLACK,
};
const HEADING_STYLE: Style = Style {
    size: HEADING,
    bold: true,
    colour: BLACK,
};
const BODY_STYLE: Style = Style {
    size: BODY,
    bold: false,
    colour: BLACK,
};
const LABEL_STYLE: Style = Style {
    size: SMALL,
    bold: false,
    colour: GREY,
};

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts) -> Layout<'f> {
        Layout {
            fonts,
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    fn finish(self) -> Vec<Vec<Op>> {
        self.pages
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn keep(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn space(&mut self, height: f32) {
        self.y += height;
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    fn line_height(style: Style) -> f32 {
        style.size * LEADING
    }

    /// Draws one line at the current position (which must have room).
    fn line(&mut self, x: f32, style: Style, text: String) {
        self.keep(Self::line_height(style));
        // The baseline sits about 0.8 em below the line's top with this leading.
        let baseline = self.y + style.size * 1.05;
        self.push(Op::Text {
            x,
            baseline,
            size: style.size,
            bold: style.bold,
            colour: style.colour,
            text,
        });
        self.y += Self::line_height(style);
    }

    /// Wrapped text from `x` to the right margin; each of its lines in `text` is a paragraph.
    fn text(&mut self, x: f32, style: Style, text: &str) {
        for paragraph in text.lines() {
            let lines = self.wrap(paragraph, style, RIGHT - x);
            for line in lines {
                self.line(x, style, line);
            }
        }
    }

    /// `paragraph` broken into lines no wider than `width` points, at UAX #14 line-break
    /// opportunities (spaces, after hyphens and dashes). A URL that fits a line is never broken;
    /// a word wider than a line is broken after `/ . - _ ? & =` and cut only where none fits.
    /// Nothing is lost: the lines joined give back every word whole.
    fn wrap(&self, paragraph: &str, style: Style, width: f32) -> Vec<String> {
        let face = self.fonts.face(style.bold);
        let paragraph = collapse_spaces(&clean(paragraph, face));
        let fits = |text: &str| face.width(text.trim_end(), style.size) <= width;
        let mut lines = Vec::new();
        let mut line = String::new();
        for piece in pieces(&paragraph, |word| fits(word)) {
            if !line.is_empty() && fits(&format!("{line}{piece}")) {
                line.push_str(piece);
                continue;
            }
            if !line.is_empty() {
                lines.push(line.trim_end().to_string());
            }
            let mut rest = piece;
            while !fits(rest) {
                let cut = split_point(rest, &fits);
                lines.push(rest[..cut].to_string());
                rest = &rest[cut..];
            }
            line = rest.to_string();
        }
        let line = line.trim_end().to_string();
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// The height `text` takes when wrapped from `x`.
    fn height(&self, x: f32, style: Style, text: &str) -> f32 {
        text.lines()
            .map(|p| self.wrap(p, style, RIGHT - x).len() as f32)
            .sum::<f32>()
            * Self::line_height(style)
    }

    fn rule(&mut self) {
        self.space(4.0);
        let y = self.y;
        self.push(Op::Rule {
            x1: LEFT,
            x2: RIGHT,
            y,
            width: 0.6,
        });
        self.space(8.0);
    }

    /// A heading kept on the page with at least two lines of what follows.
    fn heading(&mut self, text: &str) {
        self.keep(Self::line_height(HEADING_STYLE) + 2.0 * Self::line_height(BODY_STYLE) + 10.0);
        self.space(10.0);
        self.text(LEFT, HEADING_STYLE, text);
        self.space(2.0);
    }

    fn document(&mut self, doc: &Document) {
        self.title_and_header(doc);
        for section in &doc.sections {
            self.section(doc, section);
        }
        self.attachments(doc);
        if !doc.checklist.is_empty() {
            self.checklist(doc);
        }
        self.signature(doc);
    }

    /// "Order: <title>", then the header lines (to, company, subject, date) and a rule.
    fn title_and_header(&mut self, doc: &Document) {
        let title = format!("{}: {}", doc.word(Word::Order), doc.title);
        self.text(LEFT, TITLE_STYLE, &title);
        self.space(4.0);
        for (word, value) in doc.header() {
            self.text(LEFT, BODY_STYLE, &format!("{}: {value}", doc.word(word)));
        }
        self.rule();
    }

    /// A question: its heading, then its one value, or each entry under its label.
    fn section(&mut self, doc: &Document, section: &Section) {
        self.heading(&section.heading());
        if let Some(entry) = section.lone_entry() {
            self.value(doc, LEFT + INDENT, &entry.value);
            return;
        }
        for entry in &section.entries {
            // A label stays with its answer; a short answer (an address, a contact) is not split.
            let whole = Self::line_height(LABEL_STYLE)
                + self.value_height(doc, LEFT + INDENT, &entry.value);
            self.keep(if whole < (BOTTOM - TOP) / 3.0 {
                whole
            } else {
                Self::line_height(LABEL_STYLE) + 2.0 * Self::line_height(BODY_STYLE)
            });
            self.text(LEFT + INDENT, LABEL_STYLE, &entry.label);
            self.value(doc, LEFT + INDENT, &entry.value);
            self.space(3.0);
        }
    }

    /// `request.pdf` itself, then each attachment with its size and SHA-256 where known.
    fn attachments(&mut self, doc: &Document) {
        self.heading(doc.word(Word::Attachments));
        self.text(
            LEFT + INDENT,
            BODY_STYLE,
            &format!("{REQUEST_PDF}: {}", doc.word(Word::ThisRequest)),
        );
        for attachment in &doc.attachments {
            let mut line = format!("{}: {}", attachment.name, attachment.label);
            if let Some(digest) = &attachment.digest {
                line.push_str(&format!(" ({} {})", digest.size, doc.word(Word::Bytes)));
            }
            self.keep(Self::line_height(BODY_STYLE) + Self::line_height(LABEL_STYLE));
            self.text(LEFT + INDENT, BODY_STYLE, &line);
            if let Some(digest) = &attachment.digest {
                self.text(
                    LEFT + 2.0 * INDENT,
                    LABEL_STYLE,
                    &format!("SHA-256 {}", digest.sha256),
                );
            }
        }
    }

    /// The prerequisites, each a mark ([x], [ ], [?]) and its label with its state.
    fn checklist(&mut self, doc: &Document) {
        self.heading(doc.word(Word::Prerequisites));
        for item in &doc.checklist {
            let mark = match item.state {
                State::Met => "[x]",
                State::NotMet => "[ ]",
                State::Unknown => "[?]",
            };
            // The mark, then the label with a hanging indent.
            let x = LEFT + INDENT;
            let mark_w = self.fonts.face(false).width("[?] ", BODY);
            self.keep(Self::line_height(BODY_STYLE));
            self.push(Op::Text {
                x,
                baseline: self.y + BODY * 1.05,
                size: BODY,
                bold: false,
                colour: BLACK,
                text: mark.to_string(),
            });
            self.text(
                x + mark_w,
                BODY_STYLE,
                &format!("{} ({})", item.label, item.state_label),
            );
            // Why, as `check` says it, under the label.
            if !item.reason.is_empty() {
                self.text(x + mark_w, BODY_STYLE, &item.reason);
            }
        }
    }

    /// The lines a value takes, as [`Layout::value`] draws it.
    fn value_lines(doc: &Document, value: &Value) -> Vec<(f32, Style, String)> {
        let mut lines = Vec::new();
        Self::collect_value(doc, 0.0, value, &mut lines);
        lines
    }

    fn collect_value(doc: &Document, x: f32, value: &Value, out: &mut Vec<(f32, Style, String)>) {
        match value {
            Value::Text(text) => out.push((x, BODY_STYLE, text.clone())),
            Value::Parts(parts) => out.extend(
                parts
                    .iter()
                    .map(|p| (x, BODY_STYLE, format!("{}: {}", p.label, p.value))),
            ),
            Value::Entries(entries) => {
                for (i, entry) in entries.iter().enumerate() {
                    out.push((
                        x,
                        LABEL_STYLE,
                        format!("{} {}", doc.word(Word::Entry), i + 1),
                    ));
                    Self::collect_value(doc, x + INDENT, entry, out);
                }
            }
            Value::File(name) => out.push((
                x,
                BODY_STYLE,
                format!("{name} ({})", doc.word(Word::Attached)),
            )),
            Value::Missing => {
                out.push((x, BODY_STYLE, format!("({})", doc.word(Word::NotAnswered))))
            }
        }
    }

    fn value_height(&self, doc: &Document, x: f32, value: &Value) -> f32 {
        Self::value_lines(doc, value)
            .iter()
            .map(|(dx, style, text)| self.height(x + dx, *style, text))
            .sum()
    }

    fn value(&mut self, doc: &Document, x: f32, value: &Value) {
        // A group (an address, a contact) is not split across pages.
        if let Value::Parts(_) = value {
            let height = self.value_height(doc, x, value);
            self.keep(height);
        }
        for (dx, style, text) in Self::value_lines(doc, value) {
            self.text(x + dx, style, &text);
        }
    }

    /// The signature block: who sign for whom, then for each signatory (one line to fill in when
    /// none is named) place and date and the line; each signatory's part kept on one page.
    fn signature(&mut self, doc: &Document) {
        let names: Vec<Option<&str>> = match doc.signatories.as_slice() {
            [] => vec![None],
            people => people.iter().map(|p| p.name.as_deref()).collect(),
        };
        let intro = doc.word(Word::SignatureIntro);
        let for_line = format!("{}: {}", doc.word(Word::SignFor), doc.company_line());
        let x = LEFT + INDENT;
        for (i, name) in names.into_iter().enumerate() {
            let name_line = format!("{}: {}", doc.word(Word::Name), name.unwrap_or_default());
            let signer = self.height(x, BODY_STYLE, &name_line)
                + 3.0 * Self::line_height(BODY_STYLE)
                + 44.0
                + Self::line_height(LABEL_STYLE);
            if i == 0 {
                let head = Self::line_height(HEADING_STYLE)
                    + 12.0
                    + self.height(x, BODY_STYLE, intro)
                    + self.height(x, BODY_STYLE, &for_line);
                self.keep(head + signer + 12.0);
                self.space(12.0);
                self.heading(doc.word(Word::Signature));
                self.text(x, BODY_STYLE, intro);
                self.space(4.0);
                self.text(x, BODY_STYLE, &for_line);
            } else {
                self.keep(signer + 24.0);
                self.space(24.0);
            }
            self.signer(doc, &name_line, name);
        }
    }

    /// One signatory: the name, place and date, the signature line with the name under it.
    fn signer(&mut self, doc: &Document, name_line: &str, name: Option<&str>) {
        let x = LEFT + INDENT;
        self.text(x, BODY_STYLE, name_line);
        self.space(Self::line_height(BODY_STYLE));

        // "Place and date: ____________, 2026-11-21"
        let face = self.fonts.face(false);
        let label = format!("{}: ", doc.word(Word::PlaceDate));
        let label_w = face.width(&label, BODY);
        let date = format!(", {}", doc.date_text());
        let line_end = x + label_w + 170.0;
        let top = self.y;
        self.line(x, BODY_STYLE, label);
        let baseline = top + BODY * 1.05;
        self.push(Op::Rule {
            x1: x + label_w,
            x2: line_end,
            y: baseline + 2.0,
            width: 0.5,
        });
        self.push(Op::Text {
            x: line_end + 2.0,
            baseline,
            size: BODY,
            bold: false,
            colour: BLACK,
            text: date,
        });

        // The signature line, with the signatory's name under it.
        self.space(44.0);
        let y = self.y;
        self.push(Op::Rule {
            x1: x,
            x2: x + 260.0,
            y,
            width: 0.6,
        });
        self.space(3.0);
        let under = match name {
            Some(name) => format!("{} ({name})", doc.word(Word::Signature)),
            None => doc.word(Word::Signature).to_string(),
        };
        self.text(x, LABEL_STYLE, &under);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fits_in(n: usize) -> impl Fn(&str) -> bool {
        move |s: &str| s.trim_end().chars().count() <= n
    }

    #[test]
    fn pieces_break_after_hyphens_but_never_inside_a_url_that_fits() {
        let text = "see well-known https://a.example/x-y/z now";
        let got = pieces(text, fits_in(40));
        assert_eq!(
            got,
            ["see ", "well-", "known ", "https://a.example/x-y/z ", "now"]
        );
        assert_eq!(got.concat(), text);
    }

    #[test]
    fn a_word_wider_than_a_line_is_broken_after_punctuation_else_cut() {
        let fits = fits_in(10);
        assert_eq!(split_point("abc/defghijklmno", &fits), 4);
        assert_eq!(split_point("ab.cd_ef=ghijklm", &fits), 9);
        assert_eq!(split_point("abcdefghijklmnop", &fits), 10);
        // A trailing punctuation mark is not a break inside the word.
        assert_eq!(split_point("abcdefghij.", &fits), 10);
    }
}
