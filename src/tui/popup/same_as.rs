//! Copying a contact from another role ("same as").

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Ctx, Dialog, Outcome, list_lines, step_selection};
use crate::answers::Answer;
use crate::form::FieldKind;
use crate::text::Lang;
use crate::tui::action::{Action, Command};
use crate::tui::keymap::Context;
use crate::tui::rows::Row;
use crate::tui::state::{Screen, State, Wizard};
use crate::tui::strings::strings;
use crate::tui::update::{changed, open_editor};

pub struct SameAs {
    /// The contact field to fill.
    pub target: String,
    /// (field id, label) of the other contact roles.
    pub sources: Vec<(String, String)>,
    pub selected: usize,
}

impl SameAs {
    /// The other visible contact roles to copy the focused row's contact from; `None` when there
    /// is none.
    pub fn open(wizard: &Wizard, row: &Row, lang: Lang) -> Option<SameAs> {
        let target = row.field(&wizard.spec).id.clone();
        let sources: Vec<(String, String)> = wizard
            .spec
            .fields
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::Contact { .. }) && f.id != target)
            .filter(|f| wizard.answers.is_visible(&wizard.spec, f))
            .map(|f| (f.id.clone(), source_label(wizard, &f.id, f.label.get(lang))))
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
        let (today, lang) = (ctx.today, ctx.lang);
        let Some((source, label)) = self.sources.get(self.selected).cloned() else {
            return Outcome::close();
        };
        let Screen::Wizard(wizard) = &mut *ctx.screen else {
            return Outcome::close();
        };
        let parts = wizard
            .spec
            .field(&self.target)
            .and_then(|f| f.kind.group_parts())
            .unwrap_or_default();
        for (part, _) in parts {
            let value = wizard
                .answers
                .text(&format!("{source}.{part}"))
                .map(str::to_string);
            if let Some(value) = value {
                wizard
                    .answers
                    .set(format!("{}.{part}", self.target), Answer::Text(value));
            }
        }
        let effects = changed(wizard, today, &self.target);
        open_editor(wizard, lang);
        ctx.set_status((strings(lang).copied_from)(label.trim()), false);
        Outcome::close_with(effects)
    }

    pub fn draw(&self, frame: &mut Frame, state: &State, area: Rect) {
        let dialog = Dialog::over(area);
        let items: Vec<String> = self
            .sources
            .iter()
            .map(|(_, label)| label.clone())
            .collect();
        let lines = list_lines(state, &items, self.selected, 8, dialog.inner_width);
        dialog.draw(frame, strings(state.lang).same_as_title, lines);
    }

    pub fn context(&self) -> Context {
        Context::popup(super::CHOOSE)
    }
}

/// A role as listed: its label, and the name it holds in brackets.
fn source_label(wizard: &Wizard, field: &str, label: &str) -> String {
    let name = wizard.answers.text(&format!("{field}.name")).unwrap_or("");
    if name.is_empty() {
        format!("{label} ")
    } else {
        format!("{label} ({name})")
    }
}
