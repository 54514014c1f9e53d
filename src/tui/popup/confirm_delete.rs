//! Deleting a draft from the home screen: asked first, because it cannot be undone.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Look;
use super::{Ctx, Dialog, Outcome};
use crate::tui::action::{Action, Command, Effect};
use crate::tui::keymap::Context;
use crate::tui::strings::strings;
use crate::tui::view::{inert, wrap};

pub struct ConfirmDelete {
    pub name: String,
}

impl ConfirmDelete {
    pub fn update(self, _ctx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Command(Command::Confirm) => {
                Outcome::close_with(vec![Effect::DeleteDraft(self.name), Effect::LoadHome])
            }
            Action::Command(Command::Cancel) => Outcome::close(),
            _ => Outcome::stay(self),
        }
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let s = strings(look.lang);
        let dialog = Dialog::over(area);
        let text = (s.confirm_delete)(&inert(&self.name, 40));
        let lines: Vec<Line> = wrap(&text, dialog.inner_width)
            .into_iter()
            .map(Line::raw)
            .collect();
        dialog.draw(frame, s.home_drafts, lines);
    }

    pub fn context(&self) -> Context {
        Context::popup(super::YES_NO)
    }
}
