//! Ctrl-D on an entry of a repeat (a signatory, an operations contact): asked first, so a key
//! pressed by mistake does not take a whole person away.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Look;
use super::scroll::{Scrolling, scroll_dialog};
use super::{Ctx, Dialog, Outcome, Scroll};
use crate::answers::Answer;
use crate::form::FieldKind;
use crate::text::Lang;
use crate::tui::action::{Action, Command};
use crate::tui::editing::remove_entry;
use crate::tui::keymap::Context;
use crate::tui::strings::strings;
use crate::tui::view::wrap;
use crate::tui::wizard::Wizard;

pub struct RemoveEntry {
    /// The repeat field and the entry (from 0).
    pub field: String,
    pub index: usize,
    /// The focused row the question was asked on.
    pub row_id: String,
    /// The entry as the question names it: "Signatory 2 (Kari Nordmann, kari@example.no)".
    pub shown: String,
    /// How far the question is scrolled when it is taller than the screen.
    pub scroll: Scroll,
}

impl RemoveEntry {
    /// The question about entry `index` of `field`, asked from row `row_id`.
    pub fn new(
        wizard: &Wizard,
        field: &str,
        index: usize,
        row_id: &str,
        lang: Lang,
    ) -> RemoveEntry {
        let spec = wizard.spec().field(field);
        let label = spec.map_or(field, |f| f.label.get(lang));
        // A record's parts in the questionnaire's order (the name first), as the rows show them.
        let parts: Vec<&str> = match spec.map(|f| &f.kind) {
            Some(FieldKind::Repeat { item, .. }) => item
                .group_parts()
                .unwrap_or_default()
                .into_iter()
                .map(|(part, _)| part)
                .collect(),
            _ => Vec::new(),
        };
        let values: Vec<String> = match wizard.session.answers().get(field) {
            Some(Answer::Records(records)) => records
                .get(index)
                .map(|r| parts.iter().filter_map(|p| r.get(*p)).cloned().collect())
                .unwrap_or_default(),
            Some(Answer::List(items)) => items.get(index).cloned().into_iter().collect(),
            _ => Vec::new(),
        };
        let values: Vec<String> = values
            .into_iter()
            .filter(|v| !v.trim().is_empty())
            .collect();
        let n = index + 1;
        let shown = if values.is_empty() {
            format!("{label} {n}")
        } else {
            format!("{label} {n} ({})", values.join(", "))
        };
        RemoveEntry {
            field: field.to_string(),
            index,
            row_id: row_id.to_string(),
            shown,
            scroll: Scroll::default(),
        }
    }

    pub fn update(mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        if scroll_dialog(ctx, &mut self, &action) {
            return Outcome::stay(self);
        }
        match action {
            Action::Command(Command::Confirm) => {
                let lang = ctx.lang;
                match ctx.wizard() {
                    Some(wizard) => Outcome::close_with(remove_entry(
                        wizard,
                        lang,
                        &self.field,
                        self.index,
                        &self.row_id,
                    )),
                    None => Outcome::close(),
                }
            }
            Action::Command(Command::Cancel) => Outcome::close(),
            _ => Outcome::stay(self),
        }
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let dialog = Dialog::over(area);
        let lines = self.lines(look, dialog.inner_width);
        let title = strings(look.lang).remove_entry_title;
        dialog.draw_scrolled(frame, title, lines, self.scroll);
    }

    pub fn context(&self) -> Context {
        Context::popup(super::YES_NO_SCROLLING)
    }
}

impl Scrolling for RemoveEntry {
    fn scroll_mut(&mut self) -> &mut Scroll {
        &mut self.scroll
    }

    /// The question, naming the entry whole, `width` wide.
    fn lines(&self, look: &Look, width: usize) -> Vec<Line<'static>> {
        let text = (strings(look.lang).confirm_remove_entry)(&self.shown);
        wrap(&text, width).into_iter().map(Line::raw).collect()
    }
}
