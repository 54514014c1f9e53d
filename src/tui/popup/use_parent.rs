//! The number looked up is a sub-unit: use its parent's number (the legal entity's) instead?

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Look;
use super::{Ctx, Dialog, Outcome};
use crate::registry::UseParent as Proposal;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::strings::strings;
use crate::tui::view::{inert, wrap};

pub struct UseParent {
    /// The core's proposal: the field, the sub-unit's number and the parent's.
    pub proposal: Proposal,
}

impl UseParent {
    pub fn update(self, ctx: &mut Ctx, action: Action) -> Outcome {
        // Yes takes the parent's number; it is looked up in its turn, and its name and address
        // fill in.
        let proposal = self.proposal.clone();
        super::yes_no_change(self, ctx, action, |wizard| {
            wizard.session.use_parent(&proposal);
            proposal.field.clone()
        })
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let s = strings(look.lang);
        let theme = look.theme;
        let dialog = Dialog::over(area);
        let width = dialog.inner_width;
        let question = inert(self.proposal.question.get(look.lang), 1000);
        let mut lines: Vec<Line> = wrap(&question, width).into_iter().map(Line::raw).collect();
        lines.push(Line::default());
        let p = &self.proposal;
        lines.push(Line::styled(
            inert(&look.label_of(&p.field), width),
            theme.label(),
        ));
        lines.push(Line::raw(format!(
            "  {}",
            inert(&p.sub_unit, width.saturating_sub(2))
        )));
        let parent = match &p.parent_name {
            Some(name) => format!("{} ({name})", p.parent),
            None => p.parent.clone(),
        };
        lines.push(Line::styled(
            format!("→ {}", inert(&parent, width.saturating_sub(2))),
            theme.ok(),
        ));
        dialog.draw(frame, s.use_parent_title, lines);
    }

    pub fn context(&self) -> Context {
        Context::popup(super::YES_NO)
    }
}
