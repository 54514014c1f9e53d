//! A dialog whose text can be taller than the screen (a long message, many values to replace, a
//! small terminal) shows a window of it: the arrows and pages move the window, never past the
//! end, and the title says with ↑ / ↓ that there is more. Nothing is cut without a way to read it.

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{Ctx, Dialog, Look};
use crate::tui::action::{Action, Command};
use crate::tui::theme::Theme;
use crate::tui::view::main_area;

/// Lines PgUp / PgDn move by.
const PAGE: usize = 8;

/// Lines scrolled off the top of a dialog's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scroll(usize);

impl Scroll {
    /// Moves the window for a scrolling command over `count` lines in `room`; `false` when the
    /// command is not one that scrolls.
    pub fn apply(&mut self, command: Command, count: usize, room: usize) -> bool {
        let last = count.saturating_sub(room);
        let top = self.0.min(last);
        self.0 = match command {
            Command::Down => (top + 1).min(last),
            Command::Up => top.saturating_sub(1),
            Command::ScrollDown => (top + PAGE).min(last),
            Command::ScrollUp => top.saturating_sub(PAGE),
            _ => return false,
        };
        true
    }

    /// The lines that show in `room`, and the title with ↑ / ↓ when there is more above / below.
    pub fn window<'a>(
        &self,
        lines: Vec<Line<'a>>,
        room: usize,
        title: &str,
    ) -> (Vec<Line<'a>>, String) {
        let top = self.0.min(lines.len().saturating_sub(room));
        let more_below = top + room < lines.len();
        let arrows = match (top > 0, more_below) {
            (false, false) => "",
            (true, false) => " ↑",
            (false, true) => " ↓",
            (true, true) => " ↑↓",
        };
        let shown = lines.into_iter().skip(top).take(room).collect();
        (shown, format!("{title}{arrows}"))
    }
}

/// Lines of text a dialog has room for over `area` (inside its borders).
pub fn room(area: Rect) -> usize {
    area.height.saturating_sub(2) as usize
}

/// The area dialogs are drawn over, for an update that must know how much shows.
pub fn dialog_area(ctx: &Ctx) -> Rect {
    let screen = Rect::new(0, 0, ctx.size.width, ctx.size.height);
    main_area(screen, ctx.status.as_ref())
}

/// A dialog whose text scrolls: where its window is, and how many lines its draw makes at a width.
pub trait Scrolling {
    fn scroll_mut(&mut self) -> &mut Scroll;
    /// The dialog's text as its draw makes it, `width` wide: what the window scrolls over.
    fn lines(&self, look: &Look, width: usize) -> Vec<Line<'static>>;
}

/// Moves a dialog's window for a scrolling key; `false` for any other action. The count of its
/// lines is taken as its draw makes them, so the window stops at the last line.
pub fn scroll_dialog(ctx: &Ctx, dialog: &mut impl Scrolling, action: &Action) -> bool {
    let Action::Command(command) = action else {
        return false;
    };
    if !matches!(
        command,
        Command::Up | Command::Down | Command::ScrollUp | Command::ScrollDown
    ) {
        return false;
    }
    let area = dialog_area(ctx);
    let look = Look {
        lang: ctx.lang,
        theme: Theme { color: false },
        screen: ctx.screen,
    };
    let count = dialog.lines(&look, Dialog::over(area).inner_width).len();
    dialog.scroll_mut().apply(*command, count, room(area))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(count: usize) -> Vec<Line<'static>> {
        (0..count).map(|n| Line::raw(n.to_string())).collect()
    }

    fn first_shown(scroll: Scroll, count: usize, room: usize) -> (String, String) {
        let (lines, title) = scroll.window(numbered(count), room, "T");
        (lines[0].to_string(), title)
    }

    #[test]
    fn text_that_fits_does_not_scroll_and_shows_no_arrows() {
        let mut scroll = Scroll::default();
        assert!(scroll.apply(Command::Down, 3, 5));
        assert_eq!(first_shown(scroll, 3, 5), ("0".into(), "T".into()));
    }

    #[test]
    fn the_window_moves_to_the_end_and_no_further() {
        let mut scroll = Scroll::default();
        assert_eq!(first_shown(scroll, 10, 4), ("0".into(), "T ↓".into()));
        scroll.apply(Command::Down, 10, 4);
        assert_eq!(first_shown(scroll, 10, 4), ("1".into(), "T ↑↓".into()));
        for _ in 0..20 {
            scroll.apply(Command::ScrollDown, 10, 4);
        }
        assert_eq!(first_shown(scroll, 10, 4), ("6".into(), "T ↑".into()));
        // One key back up shows one line more, however often the end was pressed for.
        scroll.apply(Command::Up, 10, 4);
        assert_eq!(first_shown(scroll, 10, 4), ("5".into(), "T ↑↓".into()));
        scroll.apply(Command::ScrollUp, 10, 4);
        assert_eq!(first_shown(scroll, 10, 4), ("0".into(), "T ↓".into()));
    }

    #[test]
    fn other_commands_are_left_to_the_dialog() {
        let mut scroll = Scroll::default();
        assert!(!scroll.apply(Command::Confirm, 10, 4));
        assert_eq!(scroll, Scroll::default());
    }
}
