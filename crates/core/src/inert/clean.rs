//! The cleaning under every inert text: control characters, terminal escape sequences (CSI,
//! OSC, their C1 forms) and bidi controls are removed, each escape sequence whole.

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// C1 forms of CSI, string terminator and OSC.
const C1_CSI: char = '\u{9b}';
const C1_ST: char = '\u{9c}';
const C1_OSC: char = '\u{9d}';

/// What the scanner makes of each piece of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    Keep(char),
    /// `\n`, `\r\n` or a lone `\r`.
    LineBreak,
    Tab,
    /// A control character, escape sequence or bidi control that is removed.
    Dropped,
}

/// Removes control characters, escape sequences and bidi overrides.
///
/// With `multiline`, `\n` and `\t` are kept and `\r\n` / `\r` become `\n`. Without it, a tab
/// becomes a space and a run of line breaks becomes a single space.
pub fn sanitize(input: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(input.len());
    let mut after_break = false;
    scan(input, |piece| {
        match piece {
            Piece::Keep(c) => out.push(c),
            Piece::LineBreak if multiline => out.push('\n'),
            Piece::LineBreak if !after_break => out.push(' '),
            Piece::LineBreak => {}
            Piece::Tab if multiline => out.push('\t'),
            Piece::Tab => out.push(' '),
            Piece::Dropped => return,
        }
        after_break = piece == Piece::LineBreak;
    });
    out
}

/// Whether cleaning would remove anything but line breaks and tabs.
pub fn has_dropped(input: &str) -> bool {
    let mut dropped = false;
    scan(input, |piece| dropped |= piece == Piece::Dropped);
    dropped
}

/// Walks `input` once and reports each piece; escape sequences are reported as one `Dropped`.
fn scan(input: &str, mut emit: impl FnMut(Piece)) {
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        let piece = match c {
            ESC => {
                match chars.next_if(|&n| n == '[' || n == ']') {
                    Some('[') => skip_csi(&mut chars),
                    Some(_) => skip_osc(&mut chars),
                    // Any other escape: ESC and the character after it (e.g. `ESC c`, reset).
                    None => {
                        chars.next();
                    }
                }
                Piece::Dropped
            }
            C1_CSI => {
                skip_csi(&mut chars);
                Piece::Dropped
            }
            C1_OSC => {
                skip_osc(&mut chars);
                Piece::Dropped
            }
            '\r' => {
                chars.next_if_eq(&'\n');
                Piece::LineBreak
            }
            '\n' => Piece::LineBreak,
            '\t' => Piece::Tab,
            c if c.is_control() || is_bidi_control(c) => Piece::Dropped,
            c => Piece::Keep(c),
        };
        emit(piece);
    }
}

/// Skips the rest of a CSI sequence: parameter and intermediate bytes (0x20–0x3F) up to and
/// including the final byte (0x40–0x7E). Stops early, without consuming it, at anything else, so
/// a broken sequence does not swallow ordinary text.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{20}'..='\u{3f}' => {
                chars.next();
            }
            '\u{40}'..='\u{7e}' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// Skips the rest of an OSC sequence (e.g. a window title), up to and including BEL, ST or
/// `ESC \`. Any other control character (such as a line break) ends it without being consumed,
/// as terminals do, so an unterminated title does not eat the following lines.
fn skip_osc(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            BEL | C1_ST => {
                chars.next();
                return;
            }
            ESC => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            c if c.is_control() => return,
            _ => {
                chars.next();
            }
        }
    }
}

/// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they can make text
/// display in a different order from what it contains ("Trojan Source").
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
