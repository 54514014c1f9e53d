//! The message is on its way: a spinner that turns on every tick; no key but quitting (which
//! waits) does anything until the send reports back.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Look;
use super::{Ctx, Dialog, Outcome};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::strings::strings;

const SPINNER: [&str; 4] = ["|", "/", "-", "\\"];

#[derive(Default)]
pub struct Sending {
    frame: usize,
}

impl Sending {
    /// Time passes: the spinner turns.
    pub fn tick(&mut self) {
        self.frame = self.frame.wrapping_add(1);
    }

    /// The send's result arrives as its own action (see `update`), never through a key.
    pub fn update(self, _ctx: &mut Ctx, _action: Action) -> Outcome {
        Outcome::stay(self)
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let s = strings(look.lang);
        let lines = vec![Line::raw(format!(
            "{} {}",
            SPINNER[self.frame % SPINNER.len()],
            s.sending
        ))];
        Dialog::over(area).draw(frame, s.sending, lines);
    }

    pub fn context(&self) -> Context {
        // Only waiting (and quitting, which waits) is possible.
        Context::popup(&[])
    }
}
