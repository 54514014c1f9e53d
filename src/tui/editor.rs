//! The text editor of the focused row: a ratatui-textarea, windowed for very long answers.
//!
//! The textarea re-wraps its whole text after every edit, so a keystroke in a 100 000-character
//! answer costs milliseconds. Above `LARGE` bytes the textarea holds only a window of the text
//! around the cursor; the rest is kept beside it, unchanged, and the window moves when the cursor
//! nears its edge. The answer is always `prefix + window + suffix`, byte for byte. Keys that jump
//! (Home, End, the textarea's top and bottom) reach the window's edge; pressing again goes on.

use ratatui_textarea::{CursorMove, Input, TextArea, WrapMode};

/// Texts longer than this (bytes) are edited through a window.
const LARGE: usize = 16_000;
/// About half the window (bytes) on each side of the cursor.
const HALF: usize = 4_000;
/// The window moves when the cursor comes this close (bytes) to an edge with text beyond it.
const MARGIN: usize = 1_000;

pub struct Editor {
    pub row_id: String,
    pub area: TextArea<'static>,
    pub multiline: bool,
    prefix: String,
    suffix: String,
    /// A long text as it was before [`Editor::clear`]: the textarea's own undo holds only its
    /// window.
    before_clear: Option<String>,
}

impl Editor {
    /// An editor on `text` with the cursor at its end.
    pub fn new(row_id: String, text: &str, multiline: bool) -> Editor {
        let text = if multiline {
            text.to_string()
        } else {
            text.replace('\n', " ")
        };
        let mut editor = Editor {
            row_id,
            area: TextArea::default(),
            multiline,
            prefix: String::new(),
            suffix: String::new(),
            before_clear: None,
        };
        editor.load(&text, text.len());
        editor
    }

    /// The whole text being edited.
    pub fn text(&self) -> String {
        let window = self.area.lines().join("\n");
        if self.prefix.is_empty() && self.suffix.is_empty() {
            return window;
        }
        let mut text = String::with_capacity(self.prefix.len() + window.len() + self.suffix.len());
        text.push_str(&self.prefix);
        text.push_str(&window);
        text.push_str(&self.suffix);
        text
    }

    /// Rows the text takes in the textarea (for the row's height).
    pub fn lines(&self) -> usize {
        self.area.lines().len()
    }

    pub fn input(&mut self, input: Input) {
        self.area.input(input);
        self.follow_cursor();
    }

    pub fn insert_str(&mut self, text: &str) {
        self.area.insert_str(text);
        self.follow_cursor();
    }

    /// Empties the text; [`Editor::undo`] brings it back.
    pub fn clear(&mut self) {
        if self.prefix.is_empty() && self.suffix.is_empty() {
            self.area.clear();
        } else {
            self.before_clear = Some(self.text());
            self.load("", 0);
        }
    }

    /// Takes back the last edit (a clear too); false when there was none to take back.
    pub fn undo(&mut self) -> bool {
        if self.area.undo() {
            self.follow_cursor();
            return true;
        }
        match self.before_clear.take() {
            Some(text) => {
                self.load(&text, text.len());
                true
            }
            None => false,
        }
    }

    /// Replaces the whole text (a completed path), cursor at the end.
    pub fn replace(&mut self, text: &str) {
        let text = if self.multiline {
            text.to_string()
        } else {
            text.replace('\n', " ")
        };
        self.load(&text, text.len());
    }

    /// Puts `text` in, windowed around byte `cursor` when it is long.
    fn load(&mut self, text: &str, cursor: usize) {
        let (start, end) = if self.multiline && text.len() > LARGE {
            (
                floor_boundary(text, cursor.saturating_sub(HALF)),
                floor_boundary(text, (cursor + HALF).min(text.len())),
            )
        } else {
            (0, text.len())
        };
        self.prefix = text[..start].to_string();
        self.suffix = text[end..].to_string();
        let window = &text[start..end];
        let mut area = TextArea::new(window.split('\n').map(str::to_string).collect());
        if self.multiline {
            // Long paragraphs wrap instead of scrolling sideways; only visible rows are drawn.
            area.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        let (row, col) = row_col(window, cursor.clamp(start, end) - start);
        area.move_cursor(CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        ));
        self.area = area;
    }

    /// Moves the window when the cursor nears an edge that has more text beyond it.
    fn follow_cursor(&mut self) {
        if self.prefix.is_empty() && self.suffix.is_empty() {
            return;
        }
        let window = self.area.lines().join("\n");
        let ratatui_textarea::DataCursor(row, col) = self.area.cursor();
        let offset = byte_offset(&window, row, col);
        let near_start = !self.prefix.is_empty() && offset < MARGIN;
        let near_end = !self.suffix.is_empty() && window.len() - offset < MARGIN;
        if near_start || near_end {
            let cursor = self.prefix.len() + offset;
            let text = self.text();
            self.load(&text, cursor);
        }
    }
}

/// The largest char boundary at or below `index`.
fn floor_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Row and char column of a byte offset.
fn row_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..floor_boundary(text, offset)];
    let row = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (row, before[line_start..].chars().count())
}

/// Byte offset of a row and char column.
fn byte_offset(text: &str, row: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i == row {
            return offset + line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
        }
        offset += line.len() + 1;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_textarea::Key;

    fn key(key: Key) -> Input {
        Input {
            key,
            ..Input::default()
        }
    }

    #[test]
    fn a_short_text_is_edited_whole() {
        let mut editor = Editor::new("x".into(), "Hei\npå deg", true);
        editor.input(key(Key::Char('!')));
        assert_eq!(editor.text(), "Hei\npå deg!");
    }

    #[test]
    fn a_long_text_is_windowed_and_kept_byte_for_byte() {
        let long: String = "Solgløtt er en meglerportal. ".repeat(700);
        let mut editor = Editor::new("x".into(), &long, true);
        assert!(editor.area.lines().join("\n").len() < long.len() / 2);
        editor.input(key(Key::Char('X')));
        assert_eq!(editor.text(), format!("{long}X"));
        // Walk the cursor to the very start: the window follows, nothing is lost.
        for _ in 0..long.len() {
            editor.input(key(Key::Left));
        }
        editor.input(key(Key::Char('Y')));
        assert_eq!(editor.text(), format!("Y{long}X"));
    }

    #[test]
    fn a_single_line_editor_never_holds_a_newline() {
        let editor = Editor::new("x".into(), "a\nb", false);
        assert_eq!(editor.text(), "a b");
    }
}
