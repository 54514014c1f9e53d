//! Drawing: pure functions of the state. Nothing here changes the state or touches the disk.

mod home;
mod lists;
mod split;
mod text;
mod wizard;

pub use text::{inert, wrap};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::context::{context, screen_context};
use super::keymap;
use super::popup::Look;
use super::state::{Screen, State};
use super::strings::strings;
use crate::validate::text::sanitize;

/// Below this the layout cannot show a field with its label and help.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

pub fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, state, area);
        return;
    }
    let (rest, status) = split::bottom(area, 1);
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
            screen_keys: screen_context(state),
        };
        popup.draw(frame, &look, main);
    }
}

fn too_small(frame: &mut Frame, state: &State, area: Rect) {
    let text = (strings(state.lang).too_small)(area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// The key hints of where the keyboard is, from the keymap itself.
fn draw_footer(frame: &mut Frame, state: &State, area: Rect) {
    let theme = state.theme;
    let mut spans = Vec::new();
    for hint in keymap::hints(context(state)) {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        let words = hint.get(state.lang);
        spans.push(Span::styled(hint.key, theme.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(words, theme.muted()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(frame: &mut Frame, state: &State, area: Rect) {
    let theme = state.theme;
    let s = strings(state.lang);
    let line = match (&state.status, &state.screen) {
        (Some(status), _) => Line::styled(
            sanitize(&status.text, false),
            if status.is_error {
                theme.error()
            } else {
                theme.ok()
            },
        ),
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
