//! Marking a draft signed or its credentials received (home screen).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Look;
use super::{Ctx, Dialog, Outcome, list_lines, step_selection};
use crate::draft::Status;
use crate::tui::action::{Action, Command, Effect};
use crate::tui::keymap::Context;
use crate::tui::strings::strings;
use crate::tui::view::inert;

/// The statuses an administrator can mark from the home screen, in order.
pub const MARKABLE: [Status; 2] = [Status::Signed, Status::CredentialsReceived];

pub struct MarkStatus {
    /// The draft to mark.
    pub name: String,
    /// Index into [`MARKABLE`].
    pub selected: usize,
}

impl MarkStatus {
    pub fn new(name: String) -> MarkStatus {
        MarkStatus { name, selected: 0 }
    }

    pub fn update(mut self, _ctx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Command(Command::Cancel) => Outcome::close(),
            Action::Command(c @ (Command::Up | Command::Down)) => {
                self.selected = step_selection(self.selected, c == Command::Up, MARKABLE.len());
                Outcome::stay(self)
            }
            Action::Command(Command::Confirm) => Outcome::close_with(vec![
                Effect::SetStatus {
                    status: MARKABLE[self.selected.min(MARKABLE.len() - 1)],
                    name: self.name,
                },
                Effect::LoadHome,
            ]),
            _ => Outcome::stay(self),
        }
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let s = strings(look.lang);
        let dialog = Dialog::over(area);
        let items = [
            s.status_signed.to_string(),
            s.status_credentials.to_string(),
        ];
        let mut lines = vec![
            Line::raw(inert(&self.name, dialog.inner_width)),
            Line::default(),
        ];
        lines.extend(list_lines(
            look,
            &items,
            self.selected,
            4,
            dialog.inner_width,
        ));
        dialog.draw(frame, s.mark_title, lines);
    }

    pub fn context(&self) -> Context {
        Context::popup(super::CHOOSE)
    }
}
