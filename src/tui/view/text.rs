//! Text from answers, drafts, the registry or a server, as the screen shows it: inert (no control
//! characters, so nothing can move the cursor or change the terminal) and fitted to its room.
//! Lines break at the Unicode line-break opportunities (UAX #14, the `unicode-linebreak` crate the
//! PDF uses too), measured in terminal columns, so wide and combining characters count right.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use unicode_linebreak::{BreakOpportunity, linebreaks};

use unicode_width::UnicodeWidthStr;

use crate::validate::text::sanitize;

/// Columns a text takes on the terminal.
pub fn columns(text: &str) -> usize {
    text.width()
}

/// Text from answers, made inert and cut to what can show: the core's, as every front end shows it.
pub use crate::inert::inert;

/// Word-wraps inert text to `width` columns, as one paragraph (line breaks become spaces), so
/// heights are known exactly. A word wider than a line is cut where it must.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    remembered(text, width, Breaks::Spaces, || {
        wrap_clean(&sanitize(text, false), width.max(8))
    })
}

/// Word-wraps inert text to `width` columns, keeping its own line breaks (paragraphs of a long
/// answer).
pub fn wrap_paragraphs(text: &str, width: usize) -> Vec<String> {
    remembered(text, width, Breaks::Kept, || {
        let clean = sanitize(text, true).replace('\t', " ");
        clean
            .split('\n')
            .flat_map(|paragraph| wrap_clean(paragraph, width.max(8)))
            .collect()
    })
}

/// What becomes of a text's own line breaks when it is wrapped.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Breaks {
    Spaces,
    Kept,
}

/// Bytes of text remembered before the memory starts afresh: a screen wraps a few hundred short
/// texts (labels, help, intros, answers), while an answer being typed is a new text at every key.
const REMEMBERED_BYTES: usize = 1 << 20;
/// A text longer than this is wrapped anew each time rather than crowding out the rest.
const REMEMBERED_LONGEST: usize = REMEMBERED_BYTES / 4;

/// Wrapped texts by width, from earlier frames.
#[derive(Default)]
struct Wrapped {
    by_width: FxHashMap<(usize, Breaks), FxHashMap<Box<str>, Vec<String>>>,
    bytes: usize,
}

thread_local! {
    /// A keystroke changes one field, yet every frame wraps the whole screen: the labels, help
    /// and intros come out the same as in the frame before, so they are wrapped once and
    /// remembered. The result is the same as wrapping anew, so drawing stays a function of state.
    static WRAPPED: RefCell<Wrapped> = RefCell::new(Wrapped::default());
}

/// `wrap()`'s lines for `text` at `width`, as remembered from an earlier frame, or made now.
fn remembered(
    text: &str,
    width: usize,
    breaks: Breaks,
    wrap: impl FnOnce() -> Vec<String>,
) -> Vec<String> {
    WRAPPED.with_borrow_mut(|memory| {
        if let Some(lines) = memory
            .by_width
            .get(&(width, breaks))
            .and_then(|texts| texts.get(text))
        {
            return lines.clone();
        }
        let lines = wrap();
        if text.len() > REMEMBERED_LONGEST {
            return lines;
        }
        if memory.bytes + text.len() > REMEMBERED_BYTES {
            *memory = Wrapped::default();
        }
        memory
            .by_width
            .entry((width, breaks))
            .or_default()
            .insert(text.into(), lines.clone());
        memory.bytes += text.len();
        lines
    })
}

/// Cuts inert text to `width` columns. A cut falls between words and says so with " …"; only a
/// single word wider than the room is cut inside, and then ends in "…".
pub fn ellipsize(text: &str, width: usize) -> String {
    let clean = sanitize(text, false);
    if columns(&clean) <= width {
        return clean;
    }
    let mut best = None;
    // Only between words: a cut after a hyphen ("ID-porten- …") reads as a word cut.
    for (at, _) in breaks(&clean) {
        if !clean[..at].ends_with(char::is_whitespace) && at < clean.len() {
            continue;
        }
        let head = clean[..at].trim_end();
        if head.is_empty() {
            continue;
        }
        if columns(head) + 2 > width {
            break;
        }
        best = Some(head);
    }
    match best {
        Some(head) => format!("{head} …"),
        None => {
            let mut head = take_columns(&clean, width.saturating_sub(1)).to_string();
            head.push('…');
            head
        }
    }
}

/// The line-break opportunities of `text`, but none inside a short hyphenated name: the UAX #14
/// rules allow a break after any hyphen, which would split "Ctrl-S", "Shift-Tab" and "e-post".
fn breaks(text: &str) -> impl Iterator<Item = (usize, BreakOpportunity)> + '_ {
    linebreaks(text).filter(move |&(at, opportunity)| {
        if opportunity == BreakOpportunity::Mandatory || !text[..at].ends_with('-') {
            return true;
        }
        let rest = text[at..].split(char::is_whitespace).next().unwrap_or("");
        rest.chars().count() > SHORT_AFTER_HYPHEN
    })
}

/// After a hyphen, a part this short stays with what comes before it.
const SHORT_AFTER_HYPHEN: usize = 4;

/// Greedy filling of lines at the break opportunities of text already made inert. Widths are
/// added up piece by piece, so a long paragraph costs in proportion to its length.
fn wrap_clean(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // Columns of `line`, and of `line` without its trailing spaces.
    let (mut line_columns, mut line_trimmed) = (0, 0);
    let mut start = 0;
    for (at, opportunity) in breaks(text) {
        // A piece: a word with the spaces after it (or up to a hyphen), never broken inside.
        let piece = &text[start..at];
        start = at;
        let piece_trimmed = piece.trim_end();
        let together = if piece_trimmed.is_empty() {
            line_trimmed
        } else {
            line_columns + columns(piece_trimmed)
        };
        if together > width && line_trimmed > 0 {
            lines.push(line.trim_end().to_string());
            line.clear();
            (line_columns, line_trimmed) = (0, 0);
        }
        let mut rest = if line.is_empty() {
            piece.trim_start()
        } else {
            piece
        };
        while columns(rest.trim_end()) > width {
            let head = take_columns(rest, width);
            lines.push(head.to_string());
            rest = &rest[head.len()..];
        }
        if !rest.trim_end().is_empty() {
            line_trimmed = line_columns + columns(rest.trim_end());
        }
        line_columns += columns(rest);
        line.push_str(rest);
        if opportunity == BreakOpportunity::Mandatory && at < text.len() {
            lines.push(line.trim_end().to_string());
            line.clear();
            (line_columns, line_trimmed) = (0, 0);
        }
    }
    let line = line.trim_end().to_string();
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The longest start of `text` that takes at most `width` columns (at least one character, so
/// cutting always moves on).
fn take_columns(text: &str, width: usize) -> &str {
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let next = i + c.len_utf8();
        if end > 0 && columns(&text[..next]) > width {
            break;
        }
        end = next;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_whole_and_in_order() {
        let text = "Idura then requires a thorough reason and the law that allows it.";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| columns(l) <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_and_nothing_lost() {
        let lines = wrap("see https://login.solglott-eiendom.no/callback now", 12);
        assert!(lines.iter().all(|l| columns(l) <= 12), "{lines:?}");
        assert_eq!(
            lines.concat().replace(' ', ""),
            "seehttps://login.solglott-eiendom.no/callbacknow"
        );
    }

    #[test]
    fn key_names_are_not_broken_at_their_hyphen() {
        let lines = wrap("now. Ctrl-S saves, Shift-Tab goes back", 10);
        assert!(lines.iter().any(|l| l.contains("Ctrl-S")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("Shift-Tab")), "{lines:?}");
        // A long compound still breaks after its hyphen.
        assert_eq!(wrap("BankID-avtalen", 8), ["BankID-", "avtalen"]);
    }

    #[test]
    fn wide_characters_count_as_two_columns() {
        let lines = wrap("日本語の テキスト です", 8);
        assert!(lines.iter().all(|l| columns(l) <= 8), "{lines:?}");
    }

    #[test]
    fn paragraphs_keep_their_breaks() {
        assert_eq!(wrap_paragraphs("one\ntwo", 20), ["one", "two"]);
        assert_eq!(wrap("one\ntwo", 20), ["one two"]);
    }

    #[test]
    fn ellipsis_falls_between_words() {
        assert_eq!(
            ellipsize("Norwegian BankID through Idura", 20),
            "Norwegian BankID …"
        );
        assert_eq!(ellipsize("F1 help", 7), "F1 help");
        assert_eq!(ellipsize("27/29", 3), "27…");
        assert!(columns(&ellipsize("Norwegian BankID through Idura", 11)) <= 11);
    }

    #[test]
    fn control_characters_never_reach_the_screen() {
        assert!(
            wrap("a\u{1b}[2Jb", 20)
                .iter()
                .all(|l| !l.contains('\u{1b}'))
        );
        assert!(!ellipsize("x\u{7}y", 10).contains('\u{7}'));
    }

    #[test]
    fn a_remembered_wrap_is_the_wrap_made_anew() {
        let text = "Idura krever en grundig beskrivelse av tjenesten før avtalen inngås.";
        for width in [12, 30, 80] {
            let fresh = wrap_clean(&sanitize(text, false), width);
            assert_eq!(wrap(text, width), fresh);
            assert_eq!(wrap(text, width), fresh, "the second time, from memory");
        }
        let paragraphs = "Første avsnitt.\nAndre avsnitt, litt lengre enn det første.";
        assert_eq!(
            wrap_paragraphs(paragraphs, 20),
            wrap_paragraphs(paragraphs, 20)
        );
    }

    #[test]
    fn the_memory_of_wraps_stays_bounded() {
        let long = "ord ".repeat(REMEMBERED_LONGEST);
        wrap(&long, 40);
        assert!(WRAPPED.with_borrow(|m| m.bytes) <= REMEMBERED_BYTES);
        for n in 0..20_000 {
            wrap(&format!("svar nummer {n} {}", "x".repeat(100)), 40);
            assert!(WRAPPED.with_borrow(|m| m.bytes) <= REMEMBERED_BYTES);
        }
    }
}
