//! Lines in, lines out. All output passes through [`Term::say`], which strips control characters and
//! escape sequences, so nothing a draft holds (or a hand-edited file) can move the cursor, change
//! colours or clear the screen.

use std::io::{BufRead, Write};

use crate::validate::text;

/// What the user typed on one line, with the input conventions recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// An empty line: keep the current answer and move on.
    Keep,
    /// `?`
    Help,
    /// `<`
    Back,
    /// `-`
    Clear,
    /// `:check`
    Check,
    /// `:q`, or the end of input.
    Quit,
    /// Anything else, as typed (without the line break).
    Text(String),
}

impl Line {
    pub fn parse(raw: &str) -> Line {
        match raw.trim() {
            "" => Line::Keep,
            "?" => Line::Help,
            "<" => Line::Back,
            "-" => Line::Clear,
            ":check" => Line::Check,
            ":q" => Line::Quit,
            _ => Line::Text(raw.to_string()),
        }
    }
}

pub struct Term<R, W> {
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> Term<R, W> {
    pub fn new(input: R, output: W) -> Term<R, W> {
        Term { input, output }
    }

    /// Prints text and a line break, without control characters (line breaks and tabs stay).
    pub fn say(&mut self, text: &str) -> std::io::Result<()> {
        let clean = text::sanitize(text, true);
        self.output.write_all(clean.as_bytes())?;
        self.output.write_all(b"\n")
    }

    /// An empty line, to separate questions for the eye (screen readers skip it).
    pub fn blank(&mut self) -> std::io::Result<()> {
        self.output.write_all(b"\n")
    }

    /// Shows the prompt marker and reads one line; `None` at the end of input. Bytes that are not
    /// UTF-8 are replaced rather than refused, so no typed line is lost.
    pub fn read_raw(&mut self) -> std::io::Result<Option<String>> {
        self.output.write_all(b"> ")?;
        self.output.flush()?;
        let mut bytes = Vec::new();
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&bytes);
        let line = line.strip_suffix('\n').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        Ok(Some(line.to_string()))
    }

    /// Reads one line and recognises the input conventions; the end of input reads as `:q`.
    pub fn read(&mut self) -> std::io::Result<Line> {
        Ok(self.read_raw()?.map_or(Line::Quit, |raw| Line::parse(&raw)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventions_are_recognised_around_spaces() {
        assert_eq!(Line::parse(""), Line::Keep);
        assert_eq!(Line::parse("  "), Line::Keep);
        assert_eq!(Line::parse(" ? "), Line::Help);
        assert_eq!(Line::parse("<"), Line::Back);
        assert_eq!(Line::parse("-"), Line::Clear);
        assert_eq!(Line::parse(":check"), Line::Check);
        assert_eq!(Line::parse(":q"), Line::Quit);
        assert_eq!(Line::parse(" Acme "), Line::Text(" Acme ".into()));
    }

    #[test]
    fn output_never_carries_escape_sequences_and_input_ends_cleanly() {
        let mut out = Vec::new();
        let mut term = Term::new(&b"one\r\ntwo"[..], &mut out);
        term.say("Acme\x1b[2J AS\nnext line").unwrap();
        assert_eq!(term.read().unwrap(), Line::Text("one".into()));
        assert_eq!(term.read().unwrap(), Line::Text("two".into()));
        assert_eq!(term.read().unwrap(), Line::Quit);
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\x1b'));
        assert!(text.starts_with("Acme AS\nnext line\n"));
    }
}
