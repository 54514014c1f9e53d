//! The registry's name or address differs from what the user typed: replace it?

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Look;
use super::{Ctx, Dialog, Outcome};
use crate::registry::Prefill;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::strings::strings;
use crate::tui::view::{inert, wrap};

pub struct Replace {
    /// The registry's values, each with what the user typed in its place.
    pub prefills: Vec<Prefill>,
}

impl Replace {
    pub fn update(self, ctx: &mut Ctx, action: Action) -> Outcome {
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
        let s = strings(look.lang);
        let theme = look.theme;
        let dialog = Dialog::over(area);
        let width = dialog.inner_width;
        let mut lines: Vec<Line> = wrap(s.replace_intro, width)
            .into_iter()
            .map(Line::raw)
            .collect();
        lines.push(Line::default());
        for p in &self.prefills {
            lines.push(Line::styled(
                inert(&look.label_of(&p.field), width),
                theme.label(),
            ));
            let typed = p.replaces.as_deref().unwrap_or("");
            lines.push(Line::raw(format!(
                "  {}",
                inert(typed, width.saturating_sub(2))
            )));
            lines.push(Line::styled(
                format!("→ {}", inert(&p.value, width.saturating_sub(2))),
                theme.ok(),
            ));
        }
        dialog.draw(frame, s.replace_title, lines);
    }

    pub fn context(&self) -> Context {
        Context::popup(super::YES_NO)
    }
}
