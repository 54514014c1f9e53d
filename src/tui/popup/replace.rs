//! The registry's name or address differs from what the user typed: replace it?

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Look;
use super::scroll::{Scrolling, scroll_dialog};
use super::{Ctx, Dialog, Outcome, Scroll, change_lines};
use crate::registry::Prefill;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::strings::strings;
use crate::tui::view::wrap;

pub struct Replace {
    /// The registry's values, each with what the user typed in its place.
    pub prefills: Vec<Prefill>,
    /// How far the values are scrolled when they are more than the screen shows.
    pub scroll: Scroll,
}

impl Replace {
    pub fn update(mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        if scroll_dialog(ctx, &mut self, &action) {
            return Outcome::stay(self);
        }
        let prefills = self.prefills.clone();
        super::yes_no_change(self, ctx, action, |wizard| {
            wizard.session.accept(&prefills);
            prefills
                .first()
                .map(|p| p.field.clone())
                .unwrap_or_default()
        })
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let dialog = Dialog::over(area);
        let lines = self.lines(look, dialog.inner_width);
        dialog.draw_scrolled(frame, strings(look.lang).replace_title, lines, self.scroll);
    }

    pub fn context(&self) -> Context {
        Context::popup(super::YES_NO_SCROLLING)
    }
}

impl Scrolling for Replace {
    fn scroll_mut(&mut self) -> &mut Scroll {
        &mut self.scroll
    }

    /// What the register says and what it would replace, field by field, `width` wide.
    fn lines(&self, look: &Look, width: usize) -> Vec<Line<'static>> {
        let s = strings(look.lang);
        let mut lines: Vec<Line> = wrap(s.replace_intro, width)
            .into_iter()
            .map(Line::raw)
            .collect();
        lines.push(Line::default());
        for p in &self.prefills {
            let typed = p.replaces.as_deref().unwrap_or("");
            let label = look.label_of(&p.field);
            lines.extend(change_lines(look, &label, typed, &p.value, width));
        }
        lines
    }
}
