//! The request for signing as a PDF/A-2a and PDF/UA-1 file (archival, every character mapped to
//! Unicode so the text can be searched and copied, tagged for screen readers), drawn with krilla in
//! DejaVu Sans (`assets/fonts/`, Bitstream Vera licence, subset and embedded).
//!
//! The layout builds the document's structure as it goes ([`tags`]): the title and each question
//! are headings (and bookmarks, [`outline`]), label/answer pairs and the checklist are lists, the
//! footers and rules artifacts. Each signatory gets an empty signature field over the signature
//! line, which krilla cannot write: it is added after krilla has written and checked the file
//! ([`signature_field`]).
//!
//! krilla has no layout layer: text is shaped with rustybuzz (the shaper krilla itself uses),
//! measured and wrapped at UAX #14 line-break opportunities (a URL that fits is never broken; a
//! word longer than a line is broken after `/ . - _ ? & =`, cut only where none fits) here. The
//! lines become rows, and the rows are cut into A4 pages once all are known ([`paginate`]): a
//! heading never ends a page, a short answer and the signature block are never split, and the
//! signature block is not left alone on the last page. The file carries no clock time: its date is
//! the document's date.
//!
//! The PDF is the document, not the email that carries it: it does not list itself among the
//! attachments (the email body does), so a separate request's PDF, bundled under its own file
//! name, names itself only by its title.

use std::num::NonZeroU16;

use krilla::Document as PdfDocument;
use krilla::SerializeSettings;
use krilla::configure::{Accessibility, Archival, Configuration, ConfigurationBuilder};
use krilla::geom::Rect;
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::tagging::{ArtifactType, ListNumbering, Tag, TagKind};

use crate::document::{Document, Section, Value, Word};
use crate::prereq::State;

mod fonts;
mod op;
mod outline;
mod paginate;
mod signature_field;
mod tags;

use fonts::{Fonts, JOIN_SLACK_EM, clean};
use op::{Mark, Op};
use outline::Heading;
use paginate::{Row, paginate, span};
use signature_field::Field;
use tags::{Marks, Structure};

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
    #[error("request.pdf's signature fields could not be added: {0}")]
    SignatureField(String),
}

/// A standard krilla checks the PDF against as it writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// PDF/A-2a: archival, tagged, every character mapped to Unicode.
    PdfA2a,
    /// PDF/UA-1: universally accessible (tagged, titled, with an outline and a language).
    PdfUa1,
}

/// The PDF bytes of the request: PDF/A-2a and PDF/UA-1 at once, with a signature field per
/// signatory.
pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    render_as(doc, &[Profile::PdfA2a, Profile::PdfUa1])
}

/// The PDF bytes of the request, checked against `profiles` only (the bundle's PDF is checked
/// against both; each alone shows which one a failure is about).
pub fn render_as(doc: &Document, profiles: &[Profile]) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let mut layout = Layout::new(&fonts);
    layout.document(doc);
    let laid_out = layout.finish();

    let settings = SerializeSettings {
        configuration: configuration(profiles)?,
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut pdf = PdfDocument::new_with(settings);
    let mut marks = Marks::new(laid_out.structure.len());
    let total = laid_out.pages.len();
    for (index, ops) in laid_out.pages.iter().enumerate() {
        let mut page = pdf.start_page_with(
            PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(PdfError::Krilla("page size".into()))?,
        );
        // A signature field is an annotation of the page, not drawn content.
        for op in ops {
            if let Op::SignatureField { rect, field, leaf } = op {
                let id = page.add_tagged_annotation(field.placeholder(*rect));
                marks.set(*leaf, id);
            }
        }
        let mut surface = page.surface();
        for op in ops {
            op.draw(&mut surface, &fonts, &mut marks);
        }
        footer(doc, &fonts, index + 1, total)
            .iter()
            .for_each(|op| op.draw(&mut surface, &fonts, &mut marks));
        surface.finish();
        page.finish();
    }
    pdf.set_outline(outline::outline(&laid_out.headings));
    pdf.set_tag_tree(laid_out.structure.into_tree(&marks, doc.lang.code()));
    pdf.set_metadata(metadata(doc, &fonts));
    let bytes = pdf
        .finish()
        .map_err(|e| PdfError::Krilla(format!("{e:?}")))?;
    signature_field::fill_in(&bytes).map_err(PdfError::SignatureField)
}

/// krilla's configuration checking the file against `profiles` (PDF 1.7 for both).
fn configuration(profiles: &[Profile]) -> Result<Configuration, PdfError> {
    profiles
        .iter()
        .fold(
            ConfigurationBuilder::new(),
            |builder, profile| match profile {
                Profile::PdfA2a => builder.with_archival_validator(Archival::A2_A),
                Profile::PdfUa1 => builder.with_accessibility_validator(Accessibility::UA1),
            },
        )
        .finish()
        .map_err(|e| PdfError::Krilla(format!("{e:?}")))
}

/// The subject as the title, the questionnaire's language, the company as the author, and the
/// document's date (never the clock's) at 12:00 UTC.
fn metadata(doc: &Document, fonts: &Fonts) -> Metadata {
    let date = doc.date;
    let metadata = Metadata::new()
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
    match &doc.company {
        Some(company) => metadata.authors(vec![clean(company, &fonts.regular)]),
        None => metadata,
    }
}

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

/// Left: the subject (cut to fit); right: "Page n of m". Both artifacts: the document's title
/// and the page number are the reader's, not the document's content.
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
            mark: Mark::Artifact(ArtifactType::Footer),
        },
        Op::Text {
            x: RIGHT - right_w,
            baseline: FOOTER_Y,
            size: SMALL,
            bold: false,
            colour: GREY,
            text: right,
            mark: Mark::Artifact(ArtifactType::Footer),
        },
    ]
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

/// The height a page gives its content.
const PAGE_ROOM: f32 = BOTTOM - TOP;

/// Lays the document out as rows, top to bottom, and its structure with them.
struct Layout<'f> {
    fonts: &'f Fonts,
    rows: Vec<Row>,
    /// White space for above the next row.
    pending_space: f32,
    /// The first row of the signature block.
    signature: Option<usize>,
    structure: Structure,
}

/// The document laid out: the ops of each page at their place, the headings where they landed,
/// and the structure the ops' leaves belong to.
struct LaidOut {
    pages: Vec<Vec<Op>>,
    headings: Vec<Heading>,
    structure: Structure,
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts) -> Layout<'f> {
        Layout {
            fonts,
            rows: Vec::new(),
            pending_space: 0.0,
            signature: None,
            structure: Structure::new(),
        }
    }

    /// The rows cut into pages ([`paginate`]), each op moved to its place.
    fn finish(self) -> LaidOut {
        let pages = paginate(&self.rows, self.signature);
        let mut rows = self.rows.into_iter();
        let mut out = Vec::new();
        let mut headings = Vec::new();
        for (index, page) in pages.into_iter().enumerate() {
            let mut ops = Vec::new();
            let mut y = TOP;
            for (i, row) in rows.by_ref().take(page.len()).enumerate() {
                if i > 0 {
                    y += row.space_before;
                }
                if let Some((level, title)) = row.heading {
                    headings.push(Heading {
                        page: index,
                        y,
                        level,
                        title,
                    });
                }
                ops.extend(row.ops.into_iter().map(|op| op.moved(y)));
                y += row.height;
            }
            out.push(ops);
        }
        LaidOut {
            pages: out,
            headings,
            structure: self.structure,
        }
    }

    /// Lays out `content` as one group of the structure.
    fn group(&mut self, kind: impl Into<TagKind>, content: impl FnOnce(&mut Self)) {
        self.structure.open(kind);
        content(self);
        self.structure.close();
    }

    fn space(&mut self, height: f32) {
        self.pending_space += height;
    }

    /// Adds a row of `height` drawing `ops` (placed relative to its top).
    fn row(&mut self, height: f32, ops: Vec<Op>) {
        let mut row = Row::blank(std::mem::take(&mut self.pending_space), height);
        row.ops = ops;
        self.rows.push(row);
    }

    /// Rows `from..to` stay on one page.
    fn keep_together(&mut self, from: usize, to: usize) {
        let to = to.min(self.rows.len());
        for row in self.rows.iter_mut().take(to.saturating_sub(1)).skip(from) {
            row.glue_next = true;
        }
    }

    /// The height of the rows from `from` on (as on one page).
    fn height_from(&self, from: usize) -> f32 {
        span(&self.rows[from.min(self.rows.len())..])
    }

    fn line_height(style: Style) -> f32 {
        style.size * LEADING
    }

    /// One line of text at `x`, the next piece of the open group.
    fn line(&mut self, x: f32, style: Style, text: String) {
        // The baseline sits about 0.8 em below the line's top with this leading.
        let op = Op::Text {
            x,
            baseline: style.size * 1.05,
            size: style.size,
            bold: style.bold,
            colour: style.colour,
            text,
            mark: Mark::Content(self.structure.leaf()),
        };
        self.row(Self::line_height(style), vec![op]);
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
        let measure = |text: &str| face.width(text, style.size);
        let fits = |text: &str| measure(text.trim_end()) <= width;
        let slack = JOIN_SLACK_EM * style.size;
        let mut lines = Vec::new();
        let mut line = String::new();
        // The width of `line` (its trailing space included), and how far it may be off: the line
        // is measured as the sum of its pieces, each shaped alone, so that a line is not shaped
        // again for every word. Where the sum cannot tell, the joined line is shaped, and the
        // decision is the same as measuring every candidate line whole.
        let (mut line_w, mut line_off) = (0.0, 0.0);
        for piece in pieces(&paragraph, |word| fits(word)) {
            let word = piece.trim_end();
            if !line.is_empty() && !word.is_empty() {
                let guess = line_w + measure(word);
                let off = line_off + slack;
                let joined = if guess + off <= width {
                    Some(guess)
                } else if guess - off > width {
                    None
                } else {
                    let exact = measure(format!("{line}{word}").as_str());
                    (exact <= width).then_some(exact)
                };
                if let Some(joined_w) = joined {
                    line.push_str(piece);
                    line_w = joined_w + measure(&piece[word.len()..]);
                    line_off = off + slack;
                    if joined_w != guess {
                        line_off = slack;
                    }
                    continue;
                }
            } else if !line.is_empty() && fits(&format!("{line}{piece}")) {
                line.push_str(piece);
                line_w = measure(&line);
                line_off = 0.0;
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
            line_w = measure(&line);
            line_off = 0.0;
        }
        let line = line.trim_end().to_string();
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    fn rule(&mut self) {
        self.space(4.0);
        let rule = Op::Rule {
            x1: LEFT,
            x2: RIGHT,
            y: 0.0,
            width: 0.6,
        };
        self.row(8.0, vec![rule]);
    }

    /// A heading, glued to the row after it: it never ends a page, it moves to the next page with
    /// (at least the first line of) what follows.
    fn heading(&mut self, text: &str) {
        self.space(10.0);
        let from = self.rows.len();
        self.heading_text(2, HEADING_STYLE, text);
        if let Some(first) = self.rows.get_mut(from) {
            first.opens_section = true;
        }
        for row in &mut self.rows[from..] {
            row.glue_next = true;
        }
        self.space(2.0);
    }

    /// `text` as a heading of `level` (1 the title, 2 a question) in the structure and the
    /// outline, titled with its text.
    fn heading_text(&mut self, level: u16, style: Style, text: &str) {
        let level = NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN);
        let title = collapse_spaces(&clean(text, self.fonts.face(style.bold)));
        let from = self.rows.len();
        self.group(Tag::Hn(level, Some(title.clone())), |l| {
            l.text(LEFT, style, text)
        });
        if let Some(first) = self.rows.get_mut(from) {
            first.heading = Some((level, title));
        }
    }

    /// `text` as one paragraph of the structure.
    fn paragraph(&mut self, x: f32, style: Style, text: &str) {
        self.group(Tag::P, |l| l.text(x, style, text));
    }

    fn document(&mut self, doc: &Document) {
        self.title_and_header(doc);
        for section in &doc.sections {
            self.group(Tag::Section, |l| l.section(doc, section));
        }
        if !doc.attachments.is_empty() {
            self.group(Tag::Section, |l| l.attachments(doc));
        }
        if !doc.checklist.is_empty() {
            self.group(Tag::Section, |l| l.checklist(doc));
        }
        self.group(Tag::Section, |l| l.signature(doc));
    }

    /// "Order: <title>", then the header lines (to, company, subject, date) and a rule.
    fn title_and_header(&mut self, doc: &Document) {
        let title = format!("{}: {}", doc.word(Word::Order), doc.title);
        self.heading_text(1, TITLE_STYLE, &title);
        self.space(4.0);
        for (word, value) in doc.header() {
            self.paragraph(LEFT, BODY_STYLE, &format!("{}: {value}", doc.word(word)));
        }
        self.rule();
    }

    /// A question: its heading, then its one value, or a list of its entries, each its label and
    /// its value.
    fn section(&mut self, doc: &Document, section: &Section) {
        self.heading(&section.heading());
        if let Some(entry) = section.lone_entry() {
            let from = self.rows.len();
            self.value(doc, LEFT + INDENT, &entry.value);
            // The answer's first two lines stay together (with the heading).
            self.keep_together(from, from + 2);
            return;
        }
        self.structure.open(Tag::L(ListNumbering::None));
        for entry in &section.entries {
            let from = self.rows.len();
            self.structure.open(Tag::LI);
            self.group(Tag::Lbl, |l| {
                l.text(LEFT + INDENT, LABEL_STYLE, &entry.label)
            });
            let label_rows = self.rows.len() - from;
            self.group(Tag::LBody, |l| l.value(doc, LEFT + INDENT, &entry.value));
            self.structure.close();
            // A label stays with its answer; a short answer (an address, a contact) is not split,
            // a long one keeps its first two lines with the label.
            if self.height_from(from) < PAGE_ROOM / 3.0 {
                self.keep_together(from, self.rows.len());
            } else {
                self.keep_together(from, from + label_rows + 2);
            }
            self.space(3.0);
        }
        self.structure.close();
    }

    /// Each attachment with its size and SHA-256 where known, as a list. The request itself is
    /// not among them: this is the document, not the email that carries it.
    fn attachments(&mut self, doc: &Document) {
        self.heading(doc.word(Word::Attachments));
        self.structure.open(Tag::L(ListNumbering::None));
        for attachment in &doc.attachments {
            let from = self.rows.len();
            let mut line = format!("{}: {}", attachment.name, attachment.label);
            if let Some(digest) = &attachment.digest {
                line.push_str(&format!(" ({} {})", digest.size, doc.word(Word::Bytes)));
            }
            self.structure.open(Tag::LI);
            self.structure.open(Tag::LBody);
            self.paragraph(LEFT + INDENT, BODY_STYLE, &line);
            if let Some(digest) = &attachment.digest {
                self.paragraph(
                    LEFT + 2.0 * INDENT,
                    LABEL_STYLE,
                    &format!("SHA-256 {}", digest.sha256),
                );
            }
            self.structure.close();
            self.structure.close();
            self.keep_together(from, self.rows.len());
        }
        self.structure.close();
    }

    /// The prerequisites as a list, each a mark ([x], [ ], [?]) as its label and its text with
    /// its state, then why; an item is kept on one page.
    fn checklist(&mut self, doc: &Document) {
        self.heading(doc.word(Word::Prerequisites));
        self.structure.open(Tag::L(ListNumbering::None));
        for item in &doc.checklist {
            let mark = match item.state {
                State::Met => "[x]",
                State::NotMet => "[ ]",
                State::Unknown => "[?]",
            };
            // The mark, then the label with a hanging indent.
            let x = LEFT + INDENT;
            let mark_w = self.fonts.face(false).width("[?] ", BODY);
            let from = self.rows.len();
            self.structure.open(Tag::LI);
            self.structure.open(Tag::Lbl);
            let mark_leaf = self.structure.leaf();
            self.structure.close();
            self.structure.open(Tag::LBody);
            self.paragraph(
                x + mark_w,
                BODY_STYLE,
                &format!("{} ({})", item.label, item.state_label),
            );
            // Why, as `check` says it, under the label.
            if !item.reason.is_empty() {
                self.paragraph(x + mark_w, BODY_STYLE, &item.reason);
            }
            self.structure.close();
            self.structure.close();
            // Drawn first, so a reader copies the mark out before the label.
            if let Some(first) = self.rows.get_mut(from) {
                first.ops.insert(
                    0,
                    Op::Text {
                        x,
                        baseline: BODY * 1.05,
                        size: BODY,
                        bold: false,
                        colour: BLACK,
                        text: mark.to_string(),
                        mark: Mark::Content(mark_leaf),
                    },
                );
            }
            if self.height_from(from) < PAGE_ROOM / 3.0 {
                self.keep_together(from, self.rows.len());
            }
        }
        self.structure.close();
    }

    /// A value at `x`: a text, a group (not split across pages), or a list of its entries, each
    /// under its number.
    fn value(&mut self, doc: &Document, x: f32, value: &Value) {
        match value {
            Value::Text(text) => self.paragraph(x, BODY_STYLE, text),
            Value::Parts(parts) => {
                let from = self.rows.len();
                for part in parts {
                    self.paragraph(x, BODY_STYLE, &format!("{}: {}", part.label, part.value));
                }
                self.keep_together(from, self.rows.len());
            }
            Value::Entries(entries) => {
                self.structure.open(Tag::L(ListNumbering::Decimal));
                for (i, entry) in entries.iter().enumerate() {
                    let from = self.rows.len();
                    let label = format!("{} {}", doc.word(Word::Entry), i + 1);
                    self.structure.open(Tag::LI);
                    self.group(Tag::Lbl, |l| l.text(x, LABEL_STYLE, &label));
                    self.group(Tag::LBody, |l| l.value(doc, x + INDENT, entry));
                    self.structure.close();
                    // The number stays with the entry's first line.
                    self.keep_together(from, from + 2);
                }
                self.structure.close();
            }
            Value::File(name) => self.paragraph(
                x,
                BODY_STYLE,
                &format!("{name} ({})", doc.word(Word::Attached)),
            ),
            Value::Missing => {
                self.paragraph(x, BODY_STYLE, &format!("({})", doc.word(Word::NotAnswered)))
            }
        }
    }

    /// The signature block: who sign for whom, then for each signatory (one line to sign when
    /// none is named) the name when it is known, place and date, the line with an empty signature
    /// field over it. The block is kept on one page (when taller than a page, each signatory's
    /// part is); see [`not_alone`] for the page it lands on.
    fn signature(&mut self, doc: &Document) {
        // Each name with the role the register lists beside it, when known.
        let names: Vec<Option<String>> = match doc.signatories.as_slice() {
            [] => vec![None],
            people => people.iter().map(|p| p.name_with_role()).collect(),
        };
        let x = LEFT + INDENT;
        self.space(12.0);
        let start = self.rows.len();
        self.heading(doc.word(Word::Signature));
        self.paragraph(x, BODY_STYLE, doc.word(Word::SignatureIntro));
        self.space(4.0);
        let for_line = format!("{}: {}", doc.word(Word::SignFor), doc.company_line());
        self.paragraph(x, BODY_STYLE, &for_line);
        for (i, name) in names.into_iter().enumerate() {
            let from = self.rows.len();
            if i > 0 {
                self.space(24.0);
            }
            self.group(Tag::Div, |l| l.signer(doc, i, name.as_deref()));
            self.keep_together(if i == 0 { start } else { from }, self.rows.len());
        }
        if self.height_from(start) <= PAGE_ROOM {
            self.keep_together(start, self.rows.len());
        }
        self.signature = Some(start);
    }

    /// Signatory `index` (from 0): the name (when known), place and date, the signature line
    /// with its field and the name under it.
    fn signer(&mut self, doc: &Document, index: usize, name: Option<&str>) {
        let x = LEFT + INDENT;
        if let Some(name) = name {
            self.paragraph(x, BODY_STYLE, &format!("{}: {name}", doc.word(Word::Name)));
        }
        self.space(Self::line_height(BODY_STYLE));

        // "Place and date: ____________, 2026-11-21"
        let face = self.fonts.face(false);
        let label = format!("{}: ", doc.word(Word::PlaceDate));
        let label_w = face.width(&label, BODY);
        let date = format!(", {}", doc.date_text());
        let line_end = x + label_w + 170.0;
        let baseline = BODY * 1.05;
        self.structure.open(Tag::P);
        let label_leaf = self.structure.leaf();
        let date_leaf = self.structure.leaf();
        self.structure.close();
        let ops = vec![
            Op::Text {
                x,
                baseline,
                size: BODY,
                bold: false,
                colour: BLACK,
                text: label,
                mark: Mark::Content(label_leaf),
            },
            Op::Rule {
                x1: x + label_w,
                x2: line_end,
                y: baseline + 2.0,
                width: 0.5,
            },
            Op::Text {
                x: line_end + 2.0,
                baseline,
                size: BODY,
                bold: false,
                colour: BLACK,
                text: date,
                mark: Mark::Content(date_leaf),
            },
        ];
        self.row(Self::line_height(BODY_STYLE), ops);

        // The signature line, the field over it (in the room above), the name under it.
        let under = match name {
            Some(name) => format!("{} ({name})", doc.word(Word::Signature)),
            None => doc.word(Word::Signature).to_string(),
        };
        self.space(SIGNATURE_ROOM);
        let width = 260.0;
        let rule = Op::Rule {
            x1: x,
            x2: x + width,
            y: 0.0,
            width: 0.6,
        };
        self.structure.open(Tag::Form);
        let field_leaf = self.structure.leaf();
        self.structure.close();
        let mut ops = vec![rule];
        // Over the line, up to just under the place and date.
        if let Some(rect) = Rect::from_ltrb(x, 4.0 - SIGNATURE_ROOM, x + width, 0.0) {
            ops.push(Op::SignatureField {
                rect,
                field: Field::signatory(
                    index + 1,
                    collapse_spaces(&clean(&under, self.fonts.face(false))),
                ),
                leaf: field_leaf,
            });
        }
        self.row(3.0, ops);
        self.paragraph(x, LABEL_STYLE, &under);
    }
}

/// The white space above a signature line, where the signature goes.
const SIGNATURE_ROOM: f32 = 44.0;

#[cfg(test)]
mod tests {
    use super::*;

    fn fits_in(n: usize) -> impl Fn(&str) -> bool {
        move |s: &str| s.trim_end().chars().count() <= n
    }

    /// How `Layout::wrap` broke lines before it summed pieces: every candidate line shaped whole.
    fn wrap_measuring_every_line(
        fonts: &Fonts,
        paragraph: &str,
        style: Style,
        width: f32,
    ) -> Vec<String> {
        let face = fonts.face(style.bold);
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

    /// Summing the pieces' widths breaks lines exactly where measuring every line whole does,
    /// on prose with kerned pairs (`Te`, `AV`, `y.`), hyphens, URLs and words wider than a line.
    #[test]
    fn wrap_breaks_where_measuring_every_line_whole_does() {
        let fonts = Fonts::load().unwrap();
        let layout = Layout::new(&fonts);
        let words = [
            "Te",
            "AV",
            "y.",
            "Wa",
            "To",
            "well-known",
            "Ærlig",
            "østlig",
            "åpen",
            "LT",
            "Vy,",
            "https://login.solglott-eiendom.no/sak/2026-11-20?vis=alle",
            "a",
            "—",
            "«Yo»",
            "Pneumonoultramicroscopicsilicovolcanoconiosis-Pneumonoultramicroscopicsilicovolcano",
            "tjenesteleverandørregisteret",
            "F.",
            "P.",
            "r,",
            "7.",
            "11",
            "1/2",
        ];
        for seed in 0..12usize {
            let text: Vec<&str> = (0..120)
                .map(|i| words[(i * 7 + seed * 13 + i * i * seed) % words.len()])
                .collect();
            let text = text.join(if seed % 3 == 0 { " " } else { "  " });
            for (style, width) in [
                (BODY_STYLE, 300.0 + seed as f32 * 3.7),
                (HEADING_STYLE, 200.0 + seed as f32),
            ] {
                assert_eq!(
                    layout.wrap(&text, style, width),
                    wrap_measuring_every_line(&fonts, &text, style, width),
                    "seed {seed}, width {width}"
                );
            }
        }
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
