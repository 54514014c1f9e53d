//! The two faces of DejaVu Sans the PDF is drawn in (`assets/fonts/`, Bitstream Vera licence),
//! each for krilla and for shaping and measuring with rustybuzz, and the text they can draw.

use std::cell::RefCell;

use krilla::Data;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::PdfError;

const REGULAR_TTF: &[u8] = include_bytes!("../../../../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../../../assets/fonts/DejaVuSans-Bold.ttf");

/// A font for krilla and the same font for shaping and measuring.
pub(super) struct Face {
    pub(super) font: Font,
    pub(super) shaper: rustybuzz::Face<'static>,
    /// What stands for a character the font has no glyph for.
    pub(super) replacement: char,
    /// The shape plans made so far, by script and language (see [`Face::shape`]). Making a plan
    /// costs far more than shaping a word; `rustybuzz::shape` makes a new one on every call.
    plans: RefCell<Vec<Plan>>,
}

/// A shape plan and the text properties it was made for (the direction is always left to right).
struct Plan {
    script: rustybuzz::Script,
    language: Option<rustybuzz::Language>,
    plan: rustybuzz::ShapePlan,
}

pub(super) struct Fonts {
    pub(super) regular: Face,
    pub(super) bold: Face,
}

impl Fonts {
    pub(super) fn load() -> Result<Fonts, PdfError> {
        let face = |bytes: &'static [u8], name: &'static str| -> Result<Face, PdfError> {
            let font = Font::new(Data::from(bytes), 0).ok_or(PdfError::Font(name))?;
            let shaper = rustybuzz::Face::from_slice(bytes, 0).ok_or(PdfError::Font(name))?;
            let replacement = if shaper.glyph_index('\u{FFFD}').is_some_and(|g| g.0 != 0) {
                '\u{FFFD}'
            } else {
                '?'
            };
            Ok(Face {
                font,
                shaper,
                replacement,
                plans: RefCell::new(Vec::new()),
            })
        };
        Ok(Fonts {
            regular: face(REGULAR_TTF, "DejaVuSans.ttf")?,
            bold: face(BOLD_TTF, "DejaVuSans-Bold.ttf")?,
        })
    }

    pub(super) fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }
}

impl Face {
    /// Glyphs of one line (advances in em) and its width in em.
    pub(super) fn shape(&self, text: &str) -> (Vec<KrillaGlyph>, f32) {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        let output = self.shape_buffer(buffer);
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

    /// What `rustybuzz::shape` gives, with the plan for the buffer's script and language made
    /// once and kept.
    fn shape_buffer(&self, buffer: rustybuzz::UnicodeBuffer) -> rustybuzz::GlyphBuffer {
        let (script, language) = (buffer.script(), buffer.language());
        let mut plans = self.plans.borrow_mut();
        let index = match plans
            .iter()
            .position(|p| p.script == script && p.language == language)
        {
            Some(index) => index,
            None => {
                // A text of digits, spaces and punctuation only has no script: `UNKNOWN` here.
                let plan = rustybuzz::ShapePlan::new(
                    &self.shaper,
                    rustybuzz::Direction::LeftToRight,
                    (script != rustybuzz::script::UNKNOWN).then_some(script),
                    language.as_ref(),
                    &[],
                );
                plans.push(Plan {
                    script,
                    language,
                    plan,
                });
                plans.len() - 1
            }
        };
        rustybuzz::shape_with_plan(&self.shaper, &plans[index].plan, buffer)
    }

    /// Whether the font draws `c`: it maps it to a glyph other than `.notdef` (glyph 0, which a
    /// font's character map gives U+FFFF and what else it lacks in the map's last range).
    pub(super) fn has_glyph(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text).1 * size
    }
}

/// How far, in em, two texts shaped together may be wider or narrower than the sum of their widths
/// shaped apart: a kerning pair across the join (lines are joined at spaces, hyphens and
/// slashes, where no ligature forms). About twice the fonts' largest pair (0.26 em); the test
/// `joins_stay_within_the_slack` checks every pair of the characters of Norwegian and English text.
pub(super) const JOIN_SLACK_EM: f32 = 0.5;

/// Text the font can draw: tabs become spaces, other control characters go, and characters the font
/// lacks (or private-use ones, which PDF/A cannot map to Unicode) become the replacement character.
pub(super) fn clean(text: &str, face: &Face) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if c.is_control() => None,
            c if is_private_use(c) || !face.has_glyph(c) => Some(face.replacement),
            c => Some(c),
        })
        .collect()
}

fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Layout::wrap` measures a line as the sum of its pieces within `JOIN_SLACK_EM` per join;
    /// were a pair of characters to kern by more, lines could break differently.
    #[test]
    fn joins_stay_within_the_slack() {
        let fonts = Fonts::load().unwrap();
        let chars: Vec<char> = (' '..='~')
            .chain("æøåÆØÅéèüöäÄÖÜß–—…«»’“”".chars())
            .collect();
        let mut worst = 0.0f32;
        for face in [&fonts.regular, &fonts.bold] {
            let alone: Vec<f32> = chars
                .iter()
                .map(|c| face.width(&c.to_string(), 1.0))
                .collect();
            for (i, a) in chars.iter().enumerate() {
                for (j, b) in chars.iter().enumerate() {
                    let joined = face.width(&format!("{a}{b}"), 1.0);
                    worst = worst.max((joined - alone[i] - alone[j]).abs());
                }
            }
        }
        assert!(worst > 0.0, "the fonts kern some pairs");
        assert!(worst <= JOIN_SLACK_EM, "a pair kerns by {worst} em");
    }
}
