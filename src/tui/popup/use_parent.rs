//! The number looked up is a sub-unit: use its parent's number (the legal entity's) instead?

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Look;
use super::scroll::{Scrolling, scroll_dialog};
use super::{Ctx, Dialog, Outcome, Scroll, change_lines};
use crate::registry::UseParent as Proposal;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::strings::strings;
use crate::tui::view::wrap;

pub struct UseParent {
    /// The core's proposal: the field, the sub-unit's number and the parent's.
    pub proposal: Proposal,
    /// How far the question is scrolled when it is taller than the screen.
    pub scroll: Scroll,
}

impl UseParent {
    pub fn update(mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        if scroll_dialog(ctx, &mut self, &action) {
            return Outcome::stay(self);
        }
        // Yes takes the parent's number; it is looked up in its turn, and its name and address
        // fill in.
        let proposal = self.proposal.clone();
        super::yes_no_change(self, ctx, action, |wizard| {
            wizard.session.use_parent(&proposal);
            proposal.field.clone()
        })
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let dialog = Dialog::over(area);
        let lines = self.lines(look, dialog.inner_width);
        dialog.draw_scrolled(
            frame,
            strings(look.lang).use_parent_title,
            lines,
            self.scroll,
        );
    }

    pub fn context(&self) -> Context {
        Context::popup(super::YES_NO_SCROLLING)
    }
}

impl Scrolling for UseParent {
    fn scroll_mut(&mut self) -> &mut Scroll {
        &mut self.scroll
    }

    /// The question, the sub-unit's number and the parent's that would replace it.
    fn lines(&self, look: &Look, width: usize) -> Vec<Line<'static>> {
        let p = &self.proposal;
        let mut lines: Vec<Line> = wrap(p.question.get(look.lang), width)
            .into_iter()
            .map(Line::raw)
            .collect();
        lines.push(Line::default());
        let parent = match &p.parent_name {
            Some(name) => format!("{} ({name})", p.parent),
            None => p.parent.clone(),
        };
        let label = look.label_of(&p.field);
        lines.extend(change_lines(look, &label, &p.sub_unit, &parent, width));
        lines
    }
}
