//! A message to read, with a title (the bundle's folder, a send's result); any close key closes it.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{Ctx, Dialog, Outcome};
use crate::tui::action::{Action, Command};
use crate::tui::keymap::{Binding, Context, also, hint, key};
use crate::tui::state::State;
use crate::tui::view::wrap;

pub const KEYS: &[Binding] = &[
    hint(key(KeyCode::Enter), Command::Cancel, "lukk", "close"),
    also(key(KeyCode::Esc), Command::Cancel),
];

pub struct Info {
    pub title: String,
    pub lines: Vec<String>,
}

impl Info {
    pub fn update(self, _ctx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Command(Command::Cancel) => Outcome::close(),
            _ => Outcome::stay(self),
        }
    }

    pub fn draw(&self, frame: &mut Frame, _state: &State, area: Rect) {
        let dialog = Dialog::over(area);
        let lines: Vec<Line> = self
            .lines
            .iter()
            .flat_map(|l| wrap(l, dialog.inner_width))
            .map(Line::raw)
            .collect();
        dialog.draw(frame, &self.title, lines);
    }

    pub fn context(&self) -> Context {
        Context::popup(KEYS)
    }
}
