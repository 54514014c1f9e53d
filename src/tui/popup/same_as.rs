//! Copying a contact from another role ("same as").

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Look;
use super::{Ctx, Dialog, Outcome, list_lines, step_selection};
use crate::session::same_as_target;
use crate::text::Lang;
use crate::tui::action::{Action, Command};
use crate::tui::editing::{changed, open_editor};
use crate::tui::keymap::Context;
use crate::tui::rows::Row;
use crate::tui::screen::Screen;
use crate::tui::strings::strings;
use crate::tui::wizard::Wizard;

pub struct SameAs {
    /// The contact to fill: a contact field, or an entry of a repeated contact (`contacts.signatory[2]`).
    pub target: String,
    /// (contact id, label) of the other contact roles and entries.
    pub sources: Vec<(String, String)>,
    pub selected: usize,
}

impl SameAs {
    /// The other visible contact roles to copy the focused row's contact from; `None` when there
    /// is none.
    pub fn open(wizard: &Wizard, row: &Row, lang: Lang) -> Option<SameAs> {
        let target = same_as_target(wizard.spec(), row)?;
        let sources: Vec<(String, String)> = wizard
            .session
            .same_as_sources(&target, lang)
            .into_iter()
            .map(|source| {
                let label = source.shown();
                (source.field, label)
            })
            .collect();
        (!sources.is_empty()).then_some(SameAs {
            target,
            sources,
            selected: 0,
        })
    }

    pub fn update(mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        if ctx.wizard().is_none() {
            return Outcome::close();
        }
        match action {
            Action::Command(Command::Cancel) => Outcome::close(),
            Action::Command(c @ (Command::Up | Command::Down)) => {
                self.selected = step_selection(self.selected, c == Command::Up, self.sources.len());
                Outcome::stay(self)
            }
            Action::Command(Command::Confirm) => self.copy(ctx),
            _ => Outcome::stay(self),
        }
    }

    /// Copies every part of the chosen contact into the target, and closes.
    fn copy(self, ctx: &mut Ctx) -> Outcome {
        let lang = ctx.lang;
        let Some((source, label)) = self.sources.get(self.selected).cloned() else {
            return Outcome::close();
        };
        let Screen::Wizard(wizard) = &mut *ctx.screen else {
            return Outcome::close();
        };
        wizard.session.copy_contact(&self.target, &source);
        let effects = changed(wizard, &self.target);
        open_editor(wizard, lang);
        ctx.set_status((strings(lang).copied_from)(label.trim()), false);
        Outcome::close_with(effects)
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let dialog = Dialog::over(area);
        let items: Vec<String> = self
            .sources
            .iter()
            .map(|(_, label)| label.clone())
            .collect();
        let lines = list_lines(look, &items, self.selected, 8, dialog.inner_width);
        dialog.draw(frame, strings(look.lang).same_as_title, lines);
    }

    pub fn context(&self) -> Context {
        Context::popup(super::CHOOSE)
    }
}
