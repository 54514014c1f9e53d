//! F1: every key that works where the help was opened (the dialog under it, else the screen),
//! from the keymap itself. Shown over a dialog, it keeps the dialog and gives it back when it
//! closes. A long list scrolls.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Look;
use super::{Ctx, Dialog, Outcome, Popup};
use crate::text::Lang;
use crate::tui::action::{Action, Command};
use crate::tui::context::screen_context;
use crate::tui::keymap::{self, Binding, Context, also, bind, hint, key};
use crate::tui::select::focused_row;
use crate::tui::state::{Screen, State};
use crate::tui::strings::strings;
use crate::tui::theme::Theme;
use crate::tui::view::{columns, field_help, main_area, wrap};

/// Any of Esc, F1 and Enter closes the help; the arrows and pages scroll it.
pub const KEYS: &[Binding] = &[
    hint(key(KeyCode::Esc), Command::Cancel, "lukk", "close"),
    bind(key(KeyCode::F(1)), Command::Cancel),
    bind(key(KeyCode::Enter), Command::Cancel),
    hint(key(KeyCode::Up), Command::Up, "bla", "scroll"),
    also(key(KeyCode::Down), Command::Down),
    also(key(KeyCode::PageUp), Command::ScrollUp),
    also(key(KeyCode::PageDown), Command::ScrollDown),
];

/// Lines PgUp / PgDn move by.
const PAGE: u16 = 8;
/// The key column is at most this share of the box (the rest says what the keys do).
const KEY_COLUMN_SHARE: usize = 3;

pub struct Help {
    /// The dialog the help was opened over.
    under: Option<Box<Popup>>,
    /// Where the keyboard was: the keys the help lists.
    keys: Context,
    /// The focused field's label and help, when the help was opened on a field: the panel under
    /// the rows may have no room for it, the help always has.
    field: Option<(String, String)>,
    /// Lines scrolled off the top.
    scroll: u16,
}

impl Help {
    /// The help over `under` (what was open when F1 was pressed), on a screen whose keys are
    /// `screen`: it lists the dialog's keys, or the screen's when no dialog is open.
    pub fn over(under: Option<Popup>, screen: Context) -> Help {
        let keys = under.as_ref().map_or(screen, Popup::context);
        Help {
            under: under.map(Box::new),
            keys,
            field: None,
            scroll: 0,
        }
    }

    /// The help of a focused field: its label and help text first.
    pub fn on_field(mut self, label: String, help: String) -> Help {
        self.field = Some((label, help));
        self
    }

    pub fn under(&self) -> Option<&Popup> {
        self.under.as_deref()
    }

    /// Closing the help shows what it was opened over again.
    pub fn close(self) -> Option<Popup> {
        self.under.map(|popup| *popup)
    }

    pub fn update(mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        // Never past the line that shows the end, in the box the screen has room for.
        let screen = Rect::new(0, 0, ctx.size.width, ctx.size.height);
        let area = main_area(screen, ctx.status.as_ref());
        let width = Dialog::over(area).inner_width;
        let count = self.lines(ctx.lang, Theme { color: false }, width).len();
        let last = count.saturating_sub(room(area)) as u16;
        match action {
            Action::Command(Command::Cancel) => {
                return Outcome {
                    next: self.close(),
                    effects: Vec::new(),
                };
            }
            Action::Command(Command::Down) => self.scroll = (self.scroll + 1).min(last),
            Action::Command(Command::Up) => self.scroll = self.scroll.min(last).saturating_sub(1),
            Action::Command(Command::ScrollDown) => self.scroll = (self.scroll + PAGE).min(last),
            Action::Command(Command::ScrollUp) => {
                self.scroll = self.scroll.min(last).saturating_sub(PAGE)
            }
            _ => {}
        }
        Outcome::stay(self)
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let s = strings(look.lang);
        let dialog = Dialog::over(area);
        let all = self.lines(look.lang, look.theme, dialog.inner_width);
        let room = room(area);
        let top = (self.scroll as usize).min(all.len().saturating_sub(room));
        let more_below = top + room < all.len();
        let title = match (top > 0, more_below) {
            (false, false) => s.help_title.to_string(),
            (true, false) => format!("{} ↑", s.help_title),
            (false, true) => format!("{} ↓", s.help_title),
            (true, true) => format!("{} ↑↓", s.help_title),
        };
        let shown: Vec<Line> = all.into_iter().skip(top).take(room).collect();
        dialog.draw(frame, &title, shown);
    }

    pub fn context(&self) -> Context {
        Context::popup(KEYS)
    }

    /// The help's lines: the field's own help when there is one, then the keys.
    fn lines(&self, lang: Lang, theme: Theme, width: usize) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        if let Some((label, help)) = &self.field {
            lines.extend(
                wrap(label, width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.label())),
            );
            lines.extend(wrap(help, width).into_iter().map(Line::raw));
            lines.push(Line::default());
        }
        lines.extend(key_lines(&self.keys, lang, theme, width));
        lines
    }
}

/// Lines of help the box shows over `area` (inside its borders).
fn room(area: Rect) -> usize {
    area.height.saturating_sub(2) as usize
}

/// The help as lines `width` columns wide: a word on moving about, then each key and what it
/// does, the words wrapped beside the keys (under them when the keys take the room).
fn key_lines(keys: &Context, lang: Lang, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let s = strings(lang);
    let mut lines: Vec<Line> = wrap(s.help_intro, width)
        .into_iter()
        .map(Line::raw)
        .collect();
    let help = keymap::help(*keys);
    let column = help
        .commands
        .iter()
        .chain(&help.editing)
        .map(|e| columns(&e.key))
        .filter(|&w| w <= width / KEY_COLUMN_SHARE)
        .max()
        .unwrap_or(0)
        + 2;
    lines.push(Line::default());
    lines.extend(
        help.commands
            .iter()
            .flat_map(|e| entry(e, lang, theme, column, width)),
    );
    if !help.editing.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(s.help_editing, theme.label()));
        lines.extend(
            help.editing
                .iter()
                .flat_map(|e| entry(e, lang, theme, column, width)),
        );
    }
    lines
}

/// One key's lines: its label in the key column, what it does beside it, wrapped (under it, when
/// the label is wider than the column).
fn entry(
    hint: &keymap::Hint,
    lang: Lang,
    theme: Theme,
    column: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let key_width = columns(&hint.key);
    let words = wrap(hint.get(lang), width.saturating_sub(column));
    let mut lines = Vec::new();
    let beside = key_width + 2 <= column;
    if !beside {
        lines.push(Line::styled(hint.key.clone(), theme.key()));
    }
    for (n, part) in words.into_iter().enumerate() {
        let mut spans = if n == 0 && beside {
            vec![
                Span::styled(hint.key.clone(), theme.key()),
                Span::raw(" ".repeat(column - key_width)),
            ]
        } else {
            vec![Span::raw(" ".repeat(column))]
        };
        spans.push(Span::raw(part));
        lines.push(Line::from(spans));
    }
    lines
}

/// F1: the help opens over whatever shows (on a focused field with that field's help), or closes.
pub fn toggle_in(state: &mut State) {
    let screen = screen_context(state);
    let field = match (&state.popup, &state.screen) {
        (None, Screen::Wizard(wizard)) => focused_row(wizard, state.lang)
            .map(|row| (row.label.clone(), field_help(wizard, &row, state.lang))),
        _ => None,
    };
    state.popup = match (toggle(state.popup.take(), screen), field) {
        (Some(Popup::Help(help)), Some((label, text))) => {
            Some(Popup::Help(help.on_field(label, text)))
        }
        (popup, _) => popup,
    };
}

/// F1 opens the help over whatever shows, and closes it again. `screen` is where the keyboard is
/// on the screen under any dialog.
pub fn toggle(popup: Option<Popup>, screen: Context) -> Option<Popup> {
    match popup {
        Some(Popup::Help(help)) => help.close(),
        other => Some(Popup::Help(Help::over(other, screen))),
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
            scroll: Default::default(),
        })
    }

    #[test]
    fn closing_the_help_gives_the_dialog_back() {
        let shown = toggle(Some(info()), Context::Home);
        assert!(matches!(shown, Some(Popup::Help(_))));
        assert!(matches!(toggle(shown, Context::Home), Some(Popup::Info(_))));
        assert!(toggle(toggle(None, Context::Home), Context::Home).is_none());
    }

    #[test]
    fn a_send_under_the_help_still_counts_as_sending() {
        let shown = toggle(Some(Popup::Sending(Default::default())), Context::Home);
        assert!(shown.as_ref().is_some_and(Popup::is_sending));
    }

    #[test]
    fn over_a_dialog_the_help_lists_the_dialogs_keys() {
        let Some(Popup::Help(help)) = toggle(Some(info()), Context::Home) else {
            panic!("the help")
        };
        assert_eq!(help.keys, info().context());
        let Some(Popup::Help(help)) = toggle(None, Context::Home) else {
            panic!("the help")
        };
        assert_eq!(help.keys, Context::Home);
    }
}
