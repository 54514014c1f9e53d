//! A message to read, with a title (the bundle's folder, a send's result); any close key closes it.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Look;
use super::scroll::{Scrolling, scroll_dialog};
use super::{Ctx, Dialog, Outcome, Scroll};
use crate::mail::SendRecord;
use crate::text::Lang;
use crate::tui::action::{Action, Command};
use crate::tui::keymap::{Binding, Context, also, hint, key};
use crate::tui::strings::strings;
use crate::tui::view::wrap;

pub const KEYS: &[Binding] = &[
    hint(key(KeyCode::Enter), Command::Cancel, "lukk", "close"),
    also(key(KeyCode::Esc), Command::Cancel),
    hint(key(KeyCode::Up), Command::Up, "bla", "scroll"),
    also(key(KeyCode::Down), Command::Down),
    also(key(KeyCode::PageUp), Command::ScrollUp),
    also(key(KeyCode::PageDown), Command::ScrollDown),
];

pub struct Info {
    pub title: String,
    pub lines: Vec<String>,
    /// How far a message taller than the screen is scrolled.
    pub scroll: Scroll,
}

impl Info {
    /// A send failed: why, and that nothing changed.
    pub fn not_sent(message: &str, lang: Lang) -> Info {
        let s = strings(lang);
        Info {
            title: s.not_sent.to_string(),
            lines: vec![
                message.to_string(),
                String::new(),
                s.draft_unchanged.to_string(),
            ],
            scroll: Scroll::default(),
        }
    }

    /// The order is an access request: nothing goes by email; where to file it instead.
    pub fn not_sendable(message: &str, lang: Lang) -> Info {
        Info {
            title: strings(lang).not_sent.to_string(),
            lines: vec![message.to_string()],
            scroll: Scroll::default(),
        }
    }

    /// The messages went out: where and when (with the first such line for the status line),
    /// their Message-IDs, the transport, and what to do next.
    pub fn sent(records: &[SendRecord], lang: Lang) -> (Info, String) {
        let s = strings(lang);
        let mut lines = Vec::new();
        let mut first = None;
        for record in records {
            let time = crate::text::local_time_in_words(record.time, lang);
            let line = (s.sent_to)(&record.to, &time);
            first.get_or_insert_with(|| line.clone());
            lines.push(line);
            lines.push(format!("Message-ID: {}", record.message_id));
        }
        if let Some(record) = records.last() {
            lines.push(record.transport.clone());
        }
        lines.push(String::new());
        lines.push(s.sent_next.to_string());
        let info = Info {
            title: s.sent_title.to_string(),
            lines,
            scroll: Scroll::default(),
        };
        (info, first.unwrap_or_default())
    }

    /// The bundle is written: where, its zip and hash, and how to check it later.
    pub fn bundled(dir: &str, zip: &str, sha256: &str, lang: Lang) -> Info {
        let s = strings(lang);
        Info {
            title: s.bundle_done.to_string(),
            lines: vec![
                format!("{}: {dir}", s.bundle_folder),
                format!("zip: {zip}"),
                format!("SHA-256: {sha256}"),
                String::new(),
                (s.bundle_next)(dir),
            ],
            scroll: Scroll::default(),
        }
    }

    pub fn update(mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        if scroll_dialog(ctx, &mut self, &action) {
            return Outcome::stay(self);
        }
        match action {
            Action::Command(Command::Cancel) => Outcome::close(),
            _ => Outcome::stay(self),
        }
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let dialog = Dialog::over(area);
        let lines = self.lines(look, dialog.inner_width);
        dialog.draw_scrolled(frame, &self.title, lines, self.scroll);
    }

    pub fn context(&self) -> Context {
        Context::popup(KEYS)
    }
}

impl Scrolling for Info {
    fn scroll_mut(&mut self) -> &mut Scroll {
        &mut self.scroll
    }

    /// The message's lines wrapped to `width`.
    fn lines(&self, _look: &Look, width: usize) -> Vec<Line<'static>> {
        self.lines
            .iter()
            .flat_map(|l| wrap(l, width))
            .map(Line::raw)
            .collect()
    }
}
