//! Path completions for a file row: Enter puts the chosen path into the row's editor.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Look;
use super::{Ctx, Dialog, Outcome, list_lines, step_selection};
use crate::text::Lang;
use crate::tui::action::{Action, Command};
use crate::tui::editing::sync_editor;
use crate::tui::keymap::Context;
use crate::tui::screen::Screen;
use crate::tui::strings::strings;

pub struct Completions {
    /// The file row the paths are for.
    pub row_id: String,
    pub items: Vec<String>,
    pub selected: usize,
}

impl Completions {
    pub fn new(row_id: String, items: Vec<String>) -> Completions {
        Completions {
            row_id,
            items,
            selected: 0,
        }
    }

    pub fn update(mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Command(c @ (Command::Up | Command::Down)) => {
                self.selected = step_selection(self.selected, c == Command::Up, self.items.len());
                Outcome::stay(self)
            }
            Action::Command(Command::Confirm) => {
                self.complete(ctx);
                Outcome::close()
            }
            Action::Command(Command::Cancel) => Outcome::close(),
            _ => Outcome::stay(self),
        }
    }

    /// The chosen path replaces the text of the row's editor, if that row is still edited.
    fn complete(&self, ctx: &mut Ctx) {
        self.complete_in(ctx.screen, ctx.lang);
    }

    /// [`Completions::complete`] on the screen itself (a single path, put in without a list).
    pub fn complete_in(&self, screen: &mut Screen, lang: Lang) {
        let Screen::Wizard(wizard) = screen else {
            return;
        };
        if let Some(path) = self.items.get(self.selected)
            && let Some(editor) = wizard.editor.as_mut().filter(|e| e.row_id == self.row_id)
        {
            editor.replace(path);
            sync_editor(wizard, lang);
        }
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let dialog = Dialog::over(area);
        let lines = list_lines(look, &self.items, self.selected, 10, dialog.inner_width);
        dialog.draw(frame, strings(look.lang).completions, lines);
    }

    pub fn context(&self) -> Context {
        Context::popup(super::CHOOSE)
    }
}
