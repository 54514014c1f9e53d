//! F1: the keys of the screen under it, from the keymap itself. Shown over a dialog, it keeps the
//! dialog and gives it back when it closes.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Look;
use super::{Ctx, Dialog, Outcome, Popup};
use crate::tui::action::{Action, Command};
use crate::tui::keymap::{self, Binding, Context, bind, hint, key};
use crate::tui::strings::strings;
use crate::tui::view::wrap;

/// Any of Esc, F1 and Enter closes the help.
pub const KEYS: &[Binding] = &[
    hint(key(KeyCode::Esc), Command::Cancel, "lukk", "close"),
    bind(key(KeyCode::F(1)), Command::Cancel),
    bind(key(KeyCode::Enter), Command::Cancel),
];

pub struct Help {
    /// The dialog the help was opened over.
    under: Option<Box<Popup>>,
}

impl Help {
    /// The help over `under` (what was open when F1 was pressed).
    pub fn over(under: Option<Popup>) -> Help {
        Help {
            under: under.map(Box::new),
        }
    }

    pub fn under(&self) -> Option<&Popup> {
        self.under.as_deref()
    }

    /// Closing the help shows what it was opened over again.
    pub fn close(self) -> Option<Popup> {
        self.under.map(|popup| *popup)
    }

    pub fn update(self, _ctx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Command(Command::Cancel) => Outcome {
                next: self.close(),
                effects: Vec::new(),
            },
            _ => Outcome::stay(self),
        }
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let s = strings(look.lang);
        let dialog = Dialog::over(area);
        let mut lines: Vec<Line> = wrap(s.help_intro, dialog.inner_width)
            .into_iter()
            .map(Line::raw)
            .collect();
        lines.push(Line::default());
        // The keys of the screen under the help, from the keymap.
        for hint in keymap::hints(look.screen_keys) {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<12}", hint.key), look.theme.key()),
                Span::raw(hint.get(look.lang)),
            ]));
        }
        dialog.draw(frame, s.help_title, lines);
    }

    pub fn context(&self) -> Context {
        Context::popup(KEYS)
    }
}

/// F1 opens the help over whatever shows, and closes it again.
pub fn toggle(popup: Option<Popup>) -> Option<Popup> {
    match popup {
        Some(Popup::Help(help)) => help.close(),
        other => Some(Popup::Help(Help::over(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::popup::Info;

    fn info() -> Popup {
        Popup::Info(Info {
            title: "t".into(),
            lines: vec!["l".into()],
        })
    }

    #[test]
    fn closing_the_help_gives_the_dialog_back() {
        let shown = toggle(Some(info()));
        assert!(matches!(shown, Some(Popup::Help(_))));
        assert!(matches!(toggle(shown), Some(Popup::Info(_))));
        assert!(toggle(toggle(None)).is_none());
    }

    #[test]
    fn a_send_under_the_help_still_counts_as_sending() {
        let shown = toggle(Some(Popup::Sending(Default::default())));
        assert!(shown.as_ref().is_some_and(Popup::is_sending));
    }
}
