//! Lines in, lines out. All output passes through [`Term::say`], which strips control characters and
//! escape sequences, so nothing a draft holds (or a hand-edited file) can move the cursor, change
//! colours or clear the screen.

use std::io::{BufRead, Write};

use super::signals::{Caught, signal_in};
use crate::inert;

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
    /// Set by the signal watch (`super::signals`) when an ending signal comes.
    caught: Option<Caught>,
    /// The ending signal seen by a read: every read after it is the end of input.
    signal: Option<i32>,
    /// The line a signal cut off before Enter, until the prompt it was typed at takes it.
    unfinished: Option<String>,
}

impl<R: BufRead, W: Write> Term<R, W> {
    pub fn new(input: R, output: W) -> Term<R, W> {
        Term {
            input,
            output,
            caught: None,
            signal: None,
            unfinished: None,
        }
    }

    /// Reads end when `caught` is set, keeping the line typed so far ([`Term::take_unfinished`]).
    pub fn watching(mut self, caught: Caught) -> Term<R, W> {
        self.caught = Some(caught);
        self
    }

    /// Prints text and a line break, without control characters (line breaks and tabs stay).
    pub fn say(&mut self, text: &str) -> std::io::Result<()> {
        let clean = inert::inert_lines(text, inert::LINE_MAX);
        let written = self
            .output
            .write_all(clean.as_bytes())
            .and_then(|()| self.output.write_all(b"\n"));
        self.after_signal_ok(written)
    }

    /// An empty line, to separate questions for the eye (screen readers skip it).
    pub fn blank(&mut self) -> std::io::Result<()> {
        let written = self.output.write_all(b"\n");
        self.after_signal_ok(written)
    }

    /// Once a signal ended the session, a terminal that is gone (a closed window) must not turn
    /// the saving that follows into an error: writes that fail then are let go.
    fn after_signal_ok(&self, written: std::io::Result<()>) -> std::io::Result<()> {
        match written {
            Err(_) if self.signal.is_some() => Ok(()),
            written => written,
        }
    }

    /// Shows the prompt marker and reads one line; `None` at the end of input, and from the read
    /// a signal ended on. Bytes that are not UTF-8 are replaced rather than refused, so no typed
    /// line is lost.
    pub fn read_raw(&mut self) -> std::io::Result<Option<String>> {
        if self.signal.is_some() {
            return Ok(None);
        }
        self.output.write_all(b"> ")?;
        self.output.flush()?;
        let mut bytes = Vec::new();
        let read = self.input.read_until(b'\n', &mut bytes);
        if let Some(signal) = self.caught.as_ref().and_then(signal_in) {
            return Ok(self.ended_by(signal, &bytes));
        }
        if read? == 0 {
            return Ok(None);
        }
        Ok(Some(line_of(&bytes)))
    }

    /// A read a signal ended: a whole line (Enter was pressed) still counts; a line cut off is
    /// kept for its prompt, on a line of its own on the screen.
    fn ended_by(&mut self, signal: i32, bytes: &[u8]) -> Option<String> {
        self.signal = Some(signal);
        if bytes.ends_with(b"\n") {
            return Some(line_of(bytes));
        }
        let _ = self.output.write_all(b"\n");
        let typed = line_of(bytes);
        self.unfinished = Some(typed).filter(|t| !t.trim().is_empty());
        None
    }

    /// The ending signal a read saw, if one did.
    pub fn signal(&self) -> Option<i32> {
        self.signal
    }

    /// The line a signal cut off, once: the prompt it was typed at keeps it as its answer.
    pub fn take_unfinished(&mut self) -> Option<String> {
        self.unfinished.take()
    }

    /// Reads one line and recognises the input conventions; the end of input reads as `:q`.
    pub fn read(&mut self) -> std::io::Result<Line> {
        Ok(self.read_raw()?.map_or(Line::Quit, |raw| Line::parse(&raw)))
    }
}

/// A line read, without its line break.
fn line_of(bytes: &[u8]) -> String {
    let line = String::from_utf8_lossy(bytes);
    let line = line.strip_suffix('\n').unwrap_or(&line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    line.to_string()
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

    #[test]
    fn a_read_a_signal_ended_keeps_the_cut_off_line_and_every_read_after_it_ends() {
        let caught: Caught = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(15));
        let mut out = Vec::new();
        let mut term = Term::new(&b"half a li"[..], &mut out).watching(caught.clone());
        assert_eq!(term.read().unwrap(), Line::Quit);
        assert_eq!(term.signal(), Some(15));
        assert_eq!(term.take_unfinished().as_deref(), Some("half a li"));
        assert_eq!(term.take_unfinished(), None);
        assert_eq!(term.read_raw().unwrap(), None);

        // Enter pressed before the signal: the line is whole, and nothing is left over.
        let mut term = Term::new(&b"whole\n"[..], Vec::new()).watching(caught);
        assert_eq!(term.read().unwrap(), Line::Text("whole".into()));
        assert_eq!(term.take_unfinished(), None);
        assert_eq!(term.read().unwrap(), Line::Quit);
    }

    #[test]
    fn without_a_signal_a_line_without_a_break_is_read_as_typed() {
        let caught: Caught = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut term = Term::new(&b"last"[..], Vec::new()).watching(caught);
        assert_eq!(term.read().unwrap(), Line::Text("last".into()));
        assert_eq!(term.signal(), None);
    }
}
