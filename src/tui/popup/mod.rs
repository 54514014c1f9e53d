//! The popups over the screen, one file each. Every popup owns its state, its update (what it does
//! with an action, and what shows after it), its pure draw, and where it puts the keyboard. The enum
//! here only delegates, so adding a popup is one new file and one variant.

pub mod bundle_to;
pub mod completions;
pub mod confirm_delete;
pub mod help;
pub mod info;
pub mod mark_status;
pub mod new_draft;
pub mod picker;
pub mod preview;
pub mod remove_entry;
pub mod replace;
pub mod same_as;
pub mod scroll;
pub mod sending;
pub mod use_parent;

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crossterm::event::KeyCode;

use super::action::{Action, Command, Effect};
use super::editing::{changed, lookups_and_checks, open_editor};
use super::keymap::{Binding, Context, also, bind, ch, hint, key};
use super::screen::{Screen, Status};
use super::theme::Theme;
use super::view::wrap;
use super::wizard::Wizard;
use crate::text::Lang;

pub use bundle_to::BundleTo;
pub use completions::Completions;
pub use confirm_delete::ConfirmDelete;
pub use help::Help;
pub use info::Info;
pub use mark_status::{MARKABLE, MarkStatus};
pub use new_draft::NewDraft;
pub use picker::Picker;
pub use preview::Preview;
pub use remove_entry::RemoveEntry;
pub use replace::Replace;
pub use same_as::SameAs;
pub use scroll::Scroll;
pub use sending::Sending;
pub use use_parent::UseParent;

/// The `Popup` enum, one variant per popup, and a `From` for each so an update can hand back
/// `Outcome::stay(self)`.
macro_rules! popups {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        pub enum Popup {
            $($variant($ty),)*
        }

        $(impl From<$ty> for Popup {
            fn from(popup: $ty) -> Popup {
                Popup::$variant(popup)
            }
        })*
    };
}

popups!(
    Help(Help),
    ConfirmDelete(ConfirmDelete),
    RemoveEntry(RemoveEntry),
    NewDraft(Box<NewDraft>),
    Picker(Picker),
    SameAs(SameAs),
    Completions(Completions),
    Replace(Replace),
    UseParent(UseParent),
    BundleTo(BundleTo),
    Info(Info),
    Preview(Box<Preview>),
    Sending(Sending),
    MarkStatus(MarkStatus),
);

/// Choosing one item of a list (a questionnaire, a role to copy, a path, a status).
pub const CHOOSE: &[Binding] = &[
    hint(key(KeyCode::Enter), Command::Confirm, "velg", "choose"),
    bind(key(KeyCode::Up), Command::Up),
    bind(key(KeyCode::Down), Command::Down),
    hint(key(KeyCode::Esc), Command::Cancel, "avbryt", "cancel"),
];

/// A yes/no question; Enter is "no", so a key pressed too early does not delete.
pub const YES_NO: &[Binding] = &[
    hint(ch('y'), Command::Confirm, "ja", "yes"),
    bind(ch('j'), Command::Confirm),
    hint(ch('n'), Command::Cancel, "nei", "no"),
    also(key(KeyCode::Esc), Command::Cancel),
    bind(key(KeyCode::Enter), Command::Cancel),
];

/// A yes/no question over text that may be taller than the screen: the arrows and pages scroll.
pub const YES_NO_SCROLLING: &[Binding] = &[
    hint(ch('y'), Command::Confirm, "ja", "yes"),
    bind(ch('j'), Command::Confirm),
    hint(ch('n'), Command::Cancel, "nei", "no"),
    also(key(KeyCode::Esc), Command::Cancel),
    bind(key(KeyCode::Enter), Command::Cancel),
    hint(key(KeyCode::Up), Command::Up, "bla", "scroll"),
    also(key(KeyCode::Down), Command::Down),
    also(key(KeyCode::PageUp), Command::ScrollUp),
    also(key(KeyCode::PageDown), Command::ScrollDown),
];

/// Every popup key context, for the keymap's own checks.
#[cfg(test)]
pub fn all_contexts() -> Vec<Context> {
    let mut contexts = vec![
        Context::popup(CHOOSE),
        Context::popup(YES_NO),
        Context::popup(YES_NO_SCROLLING),
        Context::popup(same_as::ALSO_KEYS),
        Context::popup(help::KEYS),
        Context::popup(info::KEYS),
        Context::popup(&[]),
    ];
    for editing in [false, true] {
        contexts.push(Context::popup_editing_when(preview::KEYS, editing));
    }
    for table in [picker::KEYS, picker::MULTI_KEYS] {
        contexts.push(Context::popup_typing(table, true));
    }
    for table in [new_draft::NAME_KEYS, bundle_to::KEYS] {
        contexts.push(Context::popup_editing(table));
    }
    contexts
}

/// What a popup's draw reads: the language and colours, and the screen under it.
pub struct Look<'a> {
    pub lang: Lang,
    pub theme: Theme,
    pub screen: &'a Screen,
}

impl Look<'_> {
    /// The label of the question an answer id names, as the wizard under the popup shows it;
    /// the id itself only where no wizard is open.
    pub fn label_of(&self, id: &str) -> String {
        match self.screen {
            Screen::Wizard(wizard) => wizard.session.label_of(id, self.lang),
            Screen::Home(_) => id.to_string(),
        }
    }
}

/// What a popup's update may read and change besides itself: the screen under it (a picker
/// writes the wizard's answers), the status line, and the session's fixed facts.
pub struct Ctx<'a> {
    pub screen: &'a mut Screen,
    pub status: &'a mut Option<Status>,
    pub cwd: &'a Path,
    pub today: jiff::civil::Date,
    pub lang: Lang,
    /// The terminal's size (how far a long popup can scroll).
    pub size: ratatui::layout::Size,
}

impl Ctx<'_> {
    /// The open wizard; `None` on the home screen.
    pub fn wizard(&mut self) -> Option<&mut Wizard> {
        match self.screen {
            Screen::Wizard(wizard) => Some(wizard),
            Screen::Home(_) => None,
        }
    }

    pub fn set_status(&mut self, text: String, is_error: bool) {
        *self.status = Some(Status { text, is_error });
    }
}

/// The result of a popup's update: the popup that shows next (itself, another, or none) and the
/// effects for the app loop.
pub struct Outcome {
    pub next: Option<Popup>,
    pub effects: Vec<Effect>,
}

impl Outcome {
    pub fn stay(popup: impl Into<Popup>) -> Outcome {
        Outcome {
            next: Some(popup.into()),
            effects: Vec::new(),
        }
    }

    /// The popup stays, and the effects run (a change made before its next question).
    pub fn stay_with(popup: impl Into<Popup>, effects: Vec<Effect>) -> Outcome {
        Outcome {
            next: Some(popup.into()),
            effects,
        }
    }

    pub fn close() -> Outcome {
        Outcome::close_with(Vec::new())
    }

    pub fn close_with(effects: Vec<Effect>) -> Outcome {
        Outcome {
            next: None,
            effects,
        }
    }
}

impl Popup {
    pub fn update(self, ctx: &mut Ctx, action: Action) -> Outcome {
        match self {
            Popup::Help(help) => help.update(ctx, action),
            Popup::ConfirmDelete(confirm) => confirm.update(ctx, action),
            Popup::RemoveEntry(remove) => remove.update(ctx, action),
            Popup::NewDraft(new) => new.update(ctx, action),
            Popup::Picker(picker) => picker.update(ctx, action),
            Popup::SameAs(same) => same.update(ctx, action),
            Popup::Completions(completions) => completions.update(ctx, action),
            Popup::Replace(replace) => replace.update(ctx, action),
            Popup::UseParent(use_parent) => use_parent.update(ctx, action),
            Popup::BundleTo(bundle_to) => bundle_to.update(ctx, action),
            Popup::Info(info) => info.update(ctx, action),
            Popup::Preview(preview) => preview.update(ctx, action),
            Popup::Sending(sending) => sending.update(ctx, action),
            Popup::MarkStatus(mark) => mark.update(ctx, action),
        }
    }

    /// Draws the popup over `area` (the screen above the footer). Reads the state, never changes it.
    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        match self {
            Popup::Help(help) => help.draw(frame, look, area),
            Popup::ConfirmDelete(confirm) => confirm.draw(frame, look, area),
            Popup::RemoveEntry(remove) => remove.draw(frame, look, area),
            Popup::NewDraft(new) => new.draw(frame, look, area),
            Popup::Picker(picker) => picker.draw(frame, look, area),
            Popup::SameAs(same) => same.draw(frame, look, area),
            Popup::Completions(completions) => completions.draw(frame, look, area),
            Popup::Replace(replace) => replace.draw(frame, look, area),
            Popup::UseParent(use_parent) => use_parent.draw(frame, look, area),
            Popup::BundleTo(bundle_to) => bundle_to.draw(frame, look, area),
            Popup::Info(info) => info.draw(frame, look, area),
            Popup::Preview(preview) => preview.draw(frame, look, area),
            Popup::Sending(sending) => sending.draw(frame, look, area),
            Popup::MarkStatus(mark) => mark.draw(frame, look, area),
        }
    }

    /// Where the popup puts the keyboard: which bindings apply and which hints the footer shows.
    pub fn context(&self) -> Context {
        match self {
            Popup::Help(help) => help.context(),
            Popup::ConfirmDelete(confirm) => confirm.context(),
            Popup::RemoveEntry(remove) => remove.context(),
            Popup::NewDraft(new) => new.context(),
            Popup::Picker(picker) => picker.context(),
            Popup::SameAs(same) => same.context(),
            Popup::Completions(completions) => completions.context(),
            Popup::Replace(replace) => replace.context(),
            Popup::UseParent(use_parent) => use_parent.context(),
            Popup::BundleTo(bundle_to) => bundle_to.context(),
            Popup::Info(info) => info.context(),
            Popup::Preview(preview) => preview.context(),
            Popup::Sending(sending) => sending.context(),
            Popup::MarkStatus(mark) => mark.context(),
        }
    }

    /// Whether a message is on its way, also under the help shown over it.
    pub fn is_sending(&self) -> bool {
        match self {
            Popup::Sending(_) => true,
            Popup::Help(help) => help.under().is_some_and(Popup::is_sending),
            Popup::ConfirmDelete(_)
            | Popup::RemoveEntry(_)
            | Popup::NewDraft(_)
            | Popup::Picker(_)
            | Popup::SameAs(_)
            | Popup::Completions(_)
            | Popup::Replace(_)
            | Popup::UseParent(_)
            | Popup::BundleTo(_)
            | Popup::Info(_)
            | Popup::Preview(_)
            | Popup::MarkStatus(_) => false,
        }
    }
}

/// A yes/no question about the open wizard's answers: yes applies the change (`apply` makes it in
/// the session and names the field it changed), reopens the editor on the focused row, checks and
/// saves, and looks up any number the change brought; no or Esc closes without a change.
pub fn yes_no_change(
    popup: impl Into<Popup>,
    ctx: &mut Ctx,
    action: Action,
    apply: impl FnOnce(&mut Wizard) -> String,
) -> Outcome {
    match action {
        Action::Command(Command::Confirm) => {
            let lang = ctx.lang;
            let Some(wizard) = ctx.wizard() else {
                return Outcome::stay(popup);
            };
            let field = apply(wizard);
            open_editor(wizard, lang);
            let mut effects = changed(wizard, &field);
            effects.extend(lookups_and_checks(wizard));
            Outcome::close_with(effects)
        }
        Action::Command(Command::Cancel) => Outcome::close(),
        _ => Outcome::stay(popup),
    }
}

/// The box every popup draws in: centred over the screen, at most 72 columns wide.
pub struct Dialog {
    area: Rect,
    width: u16,
    /// Columns for text inside the borders and the margin.
    pub inner_width: usize,
}

impl Dialog {
    pub fn over(area: Rect) -> Dialog {
        let width = area.width.saturating_sub(8).min(72);
        Dialog {
            area,
            width,
            inner_width: width.saturating_sub(4) as usize,
        }
    }

    /// A box as wide as `columns` of text need (inside the borders), where the screen has room:
    /// for text that is laid out already, such as an email body.
    pub fn fitting(area: Rect, columns: usize) -> Dialog {
        let wanted = u16::try_from(columns + 2).unwrap_or(u16::MAX);
        let width = area.width.saturating_sub(2).min(wanted);
        Dialog {
            area,
            width,
            inner_width: width.saturating_sub(2) as usize,
        }
    }

    /// Clears the box, draws its border, title and lines, and returns where it went (for text
    /// fields drawn over it). The box is as tall as its lines.
    pub fn draw(&self, frame: &mut Frame, title: &str, lines: Vec<Line>) -> Rect {
        let rect = centered(self.area, self.width, lines.len() as u16 + 2);
        frame.render_widget(Clear, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(title.to_string());
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block),
            rect,
        );
        rect
    }
}

impl Dialog {
    /// [`Dialog::draw`] for text that may be taller than the screen: the window `scroll` is
    /// at, the title marked ↑ / ↓ where there is more.
    pub fn draw_scrolled(
        &self,
        frame: &mut Frame,
        title: &str,
        lines: Vec<Line>,
        scroll: Scroll,
    ) -> Rect {
        let (shown, title) = scroll.window(lines, scroll::room(self.area), title);
        self.draw(frame, &title, shown)
    }
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

/// The one-line text field `y` rows below a dialog's top border, inside its margin.
pub fn field_at(dialog: Rect, y: u16) -> Rect {
    Rect {
        x: dialog.x + 2,
        y,
        width: dialog.width.saturating_sub(4),
        height: 1,
    }
}

/// A list `width` columns wide (the marker included) in at most `height` lines, with the selected
/// item highlighted and kept in view; `usize::MAX` highlights none. A long item wraps onto lines
/// of its own, indented, so it is read whole rather than cut.
pub fn list_lines(
    look: &Look,
    items: &[String],
    selected: usize,
    height: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let wrapped: Vec<Vec<String>> = items
        .iter()
        .map(|item| wrap(item, width.saturating_sub(2)))
        .collect();
    let first = first_in_view(&wrapped, selected, height);
    let mut lines = Vec::new();
    for (i, item) in wrapped.iter().enumerate().skip(first) {
        let style = if i == selected {
            look.theme.focused()
        } else {
            ratatui::style::Style::default()
        };
        for (n, part) in item.iter().enumerate() {
            if lines.len() == height {
                return lines;
            }
            let marker = if i == selected && n == 0 { "▸" } else { " " };
            lines.push(Line::styled(format!("{marker} {part}"), style));
        }
    }
    lines
}

/// The first item to show so that the selected one ends inside `height` lines.
fn first_in_view(wrapped: &[Vec<String>], selected: usize, height: usize) -> usize {
    let Some(end) = selected.checked_add(1).filter(|&end| end <= wrapped.len()) else {
        return 0;
    };
    let mut first = end;
    let mut used = 0;
    while first > 0 && used + wrapped[first - 1].len().max(1) <= height {
        first -= 1;
        used += wrapped[first].len().max(1);
    }
    first.min(selected)
}

/// A change a dialog proposes, wrapped whole: the field's label, what it holds now (indented),
/// and after "→" what would take its place.
pub fn change_lines(
    look: &Look,
    label: &str,
    now: &str,
    then: &str,
    width: usize,
) -> Vec<Line<'static>> {
    let theme = look.theme;
    let mut lines: Vec<Line> = wrap(label, width)
        .into_iter()
        .map(|l| Line::styled(l, theme.label()))
        .collect();
    let indented = width.saturating_sub(2);
    lines.extend(
        wrap(now, indented)
            .into_iter()
            .map(|l| Line::raw(format!("  {l}"))),
    );
    lines.extend(wrap(then, indented).into_iter().enumerate().map(|(n, l)| {
        let lead = if n == 0 { "→" } else { " " };
        Line::styled(format!("{lead} {l}"), theme.ok())
    }));
    lines
}

/// Moves a list's selection one up or down, within `len` items.
pub fn step_selection(selected: usize, up: bool, len: usize) -> usize {
    if up {
        selected.saturating_sub(1)
    } else if selected + 1 < len {
        selected + 1
    } else {
        selected
    }
}

#[cfg(test)]
mod list_tests {
    use super::*;
    use crate::tui::screen::Home;

    fn listed(items: &[&str], selected: usize, height: usize, width: usize) -> Vec<String> {
        let screen = Screen::Home(Home {
            drafts: Vec::new(),
            forms: Vec::new(),
            selected: 0,
        });
        let look = Look {
            lang: Lang::En,
            theme: Theme { color: false },
            screen: &screen,
        };
        let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        list_lines(&look, &items, selected, height, width)
            .iter()
            .map(|l| l.to_string())
            .collect()
    }

    #[test]
    fn a_long_item_wraps_whole_under_its_marker() {
        let long = "Lov om behandling av personopplysninger (personopplysningsloven) § 6";
        let lines = listed(&["Kort", long], 1, 8, 30);
        assert_eq!(lines[0], "  Kort");
        assert!(lines[1].starts_with("▸ Lov om"), "{lines:?}");
        assert!(lines[2..].iter().all(|l| l.starts_with("  ")), "{lines:?}");
        let words: Vec<&str> = lines[1..]
            .iter()
            .flat_map(|l| l.trim_start_matches('▸').split_whitespace())
            .collect();
        assert_eq!(words.join(" "), long);
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{lines:?}");
    }

    #[test]
    fn the_selected_item_stays_in_view_with_whole_items_before_it() {
        let items = ["one", "two words that wrap here", "three", "four"];
        let lines = listed(&items, 3, 3, 12);
        // "two …" takes three lines: it does not fit beside "three" and "four", so it is left out
        // whole rather than shown in part.
        assert_eq!(lines, ["  three", "▸ four"]);
        assert_eq!(
            listed(&items, 0, 3, 12),
            ["▸ one", "  two words", "  that wrap"]
        );
    }
}
