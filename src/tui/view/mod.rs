//! Drawing: pure functions of the state. Nothing here changes the state or touches the disk.

mod home;
mod lists;
mod split;
mod text;
mod wizard;

pub use text::{columns, ellipsize, inert, wrap, wrap_paragraphs};
pub use wizard::{field_help, scroll_help};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::context::context;
use super::keymap;
use super::popup::Look;
use super::state::{Screen, State, Status};
use super::strings::strings;
use crate::text::Lang;

/// Below this the layout cannot show a field with its label and help.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

pub fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, state, area);
        return;
    }
    let (rest, status) = split::bottom(area, status_rows(state.status.as_ref(), area.width));
    let (main, footer) = split::bottom(rest, 1);
    match &state.screen {
        Screen::Home(home) => home::draw(frame, state, home, main),
        Screen::Wizard(wizard) => wizard::draw(frame, state, wizard, main),
    }
    draw_footer(frame, state, footer);
    draw_status(frame, state, status);
    if let Some(popup) = &state.popup {
        let look = Look {
            lang: state.lang,
            theme: state.theme,
            screen: &state.screen,
        };
        popup.draw(frame, &look, main);
    }
}

/// The screen above the key bar and the status line (as many lines as `status` takes).
pub fn main_area(area: Rect, status: Option<&Status>) -> Rect {
    let rest = split::bottom(area, status_rows(status, area.width)).0;
    split::bottom(rest, 1).0
}

/// A long message takes up to this many lines at the bottom.
const STATUS_MOST_ROWS: u16 = 3;

/// Lines the status line takes: a message is wrapped whole, up to a few lines.
fn status_rows(status: Option<&Status>, width: u16) -> u16 {
    status.map_or(1, |status| {
        (wrap(&status.text, width as usize).len() as u16).clamp(1, STATUS_MOST_ROWS)
    })
}

fn too_small(frame: &mut Frame, state: &State, area: Rect) {
    let text = (strings(state.lang).too_small)(area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// The key hints of where the keyboard is, from the keymap itself. Hints that do not fit are
/// left out whole, and "…" says so; the help's own hint stays, since the help lists them all.
fn draw_footer(frame: &mut Frame, state: &State, area: Rect) {
    let theme = state.theme;
    let hints = keymap::hints(context(state));
    let shown = fitting_hints(&hints, state.lang, area.width as usize);
    let mut spans = Vec::new();
    for item in shown {
        if !spans.is_empty() {
            spans.push(Span::raw(HINT_GAP));
        }
        match item {
            Some(hint) => {
                spans.push(Span::styled(hint.key.clone(), theme.key()));
                spans.push(Span::raw(" "));
                spans.push(Span::styled(hint.get(state.lang), theme.muted()));
            }
            None => spans.push(Span::styled("…", theme.muted())),
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

const HINT_GAP: &str = "  ";

/// The hints that fit `width` columns, in order; `None` where some were left out. The help's
/// hint is kept at the end when any is.
fn fitting_hints(hints: &[keymap::Hint], lang: Lang, width: usize) -> Vec<Option<&keymap::Hint>> {
    let hint_width = |hint: &keymap::Hint| columns(&hint.key) + 1 + columns(hint.get(lang));
    let line_width = |items: &[Option<&keymap::Hint>]| -> usize {
        items
            .iter()
            .map(|item| item.map_or(1, hint_width))
            .sum::<usize>()
            + HINT_GAP.len() * items.len().saturating_sub(1)
    };
    let all: Vec<Option<&keymap::Hint>> = hints.iter().map(Some).collect();
    if line_width(&all) <= width {
        return all;
    }
    let help = hints.iter().find(|h| h.words == keymap::HELP_WORDS);
    let mut shown: Vec<Option<&keymap::Hint>> = Vec::new();
    let tail: Vec<Option<&keymap::Hint>> = std::iter::once(None).chain(help.map(Some)).collect();
    for hint in hints.iter().filter(|h| Some(*h) != help) {
        let mut candidate = shown.clone();
        candidate.push(Some(hint));
        candidate.extend(tail.iter().copied());
        if line_width(&candidate) > width {
            break;
        }
        shown.push(Some(hint));
    }
    shown.extend(tail);
    while line_width(&shown) > width && shown.len() > 1 {
        shown.remove(0);
    }
    shown
}

fn draw_status(frame: &mut Frame, state: &State, area: Rect) {
    let theme = state.theme;
    let s = strings(state.lang);
    let line = match (&state.status, &state.screen) {
        (Some(status), _) => {
            let style = if status.is_error {
                theme.error()
            } else {
                theme.ok()
            };
            let mut lines = wrap(&status.text, area.width as usize);
            // Past its room, the last line says there was more.
            if lines.len() > area.height as usize {
                lines.truncate(area.height as usize);
                if let Some(last) = lines.last_mut() {
                    *last = ellipsize(&format!("{last} …"), area.width as usize);
                }
            }
            let lines: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, style)).collect();
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        (None, Screen::Wizard(wizard)) => match wizard.saved_at {
            Some(at) => {
                let time = at
                    .to_zoned(jiff::tz::TimeZone::system())
                    .strftime("%H:%M:%S")
                    .to_string();
                Line::styled((s.saved_at)(&time), theme.muted())
            }
            None => Line::styled(s.not_saved, theme.muted()),
        },
        (None, Screen::Home(_)) => Line::default(),
    };
    frame.render_widget(Paragraph::new(line), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{Context, FieldContext, FieldRowKind};

    fn footer(width: usize) -> String {
        let context = Context::Field(FieldContext {
            kind: FieldRowKind::Line,
            entry: true,
            contact: true,
            file: true,
            signer: true,
            proposal: false,
        });
        let hints = keymap::hints(context);
        fitting_hints(&hints, Lang::En, width)
            .into_iter()
            .map(|item| {
                item.map_or("…".to_string(), |h| {
                    format!("{} {}", h.key, h.get(Lang::En))
                })
            })
            .collect::<Vec<_>>()
            .join(HINT_GAP)
    }

    /// A key bar too long for its line leaves out whole hints, says so, and keeps F1.
    #[test]
    fn the_key_bar_cuts_between_hints_and_keeps_the_help() {
        assert!(!footer(400).contains('…'));
        for width in 12..200 {
            let bar = footer(width);
            assert!(columns(&bar) <= width, "{width}: {bar}");
            if columns(&footer(400)) > width {
                assert!(bar.ends_with("…  F1 help"), "{width}: {bar}");
            }
        }
        assert_eq!(footer(40), "Ctrl-D remove  Alt-↑↓ move  …  F1 help");
    }
}
