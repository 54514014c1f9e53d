//! The message as it will be sent, as `send --dry-run` prints it (the core's
//! `Prepared::send_preview`: the transport, headers, attachments with size and SHA-256, the body,
//! the further messages), to scroll; Enter sends it. The body is wrapped already: the window is
//! wide enough for it where the terminal is, so it is not wrapped again. Without the SMTP
//! password in the environment, it is typed here, masked.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui_textarea::TextArea;

use super::Look;
use super::scroll::dialog_area;
use super::{Ctx, Dialog, Outcome, Scroll, Sending, field_at};
use crate::mail::Prepared;
use crate::tui::action::{Action, Command, Effect};
use crate::tui::editing::clean_input;
use crate::tui::keymap::{Binding, Context, also, hint, key};
use crate::tui::strings::strings;
use crate::tui::view::{inert, wrap};
use crate::validate::text::sanitize;

/// The email body's width (the core wraps it there): the window fits it where it can.
const TEXT_WIDTH: usize = crate::render::text::WIDTH;

pub const KEYS: &[Binding] = &[
    hint(key(KeyCode::Enter), Command::Confirm, "send", "send"),
    hint(key(KeyCode::Esc), Command::Cancel, "avbryt", "cancel"),
    hint(key(KeyCode::Up), Command::Up, "bla", "scroll"),
    also(key(KeyCode::Down), Command::Down),
    also(key(KeyCode::PageUp), Command::ScrollUp),
    also(key(KeyCode::PageDown), Command::ScrollDown),
];

pub struct Preview {
    pub prepared: Prepared,
    /// The text shown: what `send --dry-run` prints.
    pub shown: String,
    /// How far the text is scrolled.
    pub scroll: Scroll,
    /// Set when the order was sent before: sending again needs this confirmation.
    pub resend: Option<String>,
    /// The SMTP password, typed masked, when the environment does not hold it.
    pub password: Option<TextArea<'static>>,
}

impl Preview {
    pub fn new(
        prepared: Prepared,
        shown: String,
        resend: Option<String>,
        needs_password: bool,
    ) -> Preview {
        Preview {
            prepared,
            shown,
            scroll: Scroll::default(),
            resend,
            password: needs_password.then(|| {
                let mut area = TextArea::default();
                area.set_mask_char('•');
                area
            }),
        }
    }

    pub fn update(mut self: Box<Self>, ctx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Command(Command::Cancel) => return Outcome::close(),
            Action::Command(
                command @ (Command::Up | Command::Down | Command::ScrollUp | Command::ScrollDown),
            ) => {
                let area = dialog_area(ctx);
                let (count, room) = self.extent(area);
                self.scroll.apply(command, count, room);
            }
            Action::Edit(key) => {
                if let (Some(area), Some(input)) = (self.password.as_mut(), clean_input(key)) {
                    area.input(input);
                }
            }
            Action::Paste(text) => {
                if let Some(area) = self.password.as_mut() {
                    area.insert_str(sanitize(&text, false));
                }
            }
            Action::Command(Command::Confirm) => return self.send(ctx),
            _ => {}
        }
        Outcome::stay(self)
    }

    /// Enter: sends, unless a password is asked for and still empty.
    fn send(self: Box<Self>, ctx: &mut Ctx) -> Outcome {
        let password = self
            .password
            .as_ref()
            .map(|area| zeroize::Zeroizing::new(area.lines().join("")));
        if password.as_ref().is_some_and(|p| p.is_empty()) {
            ctx.set_status(strings(ctx.lang).password_needed.to_string(), true);
            return Outcome::stay(self);
        }
        Outcome {
            next: Some(Sending::default().into()),
            effects: vec![Effect::Send {
                prepared: Box::new(self.prepared),
                password,
            }],
        }
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let s = strings(look.lang);
        let theme = look.theme;
        let dialog = Dialog::fitting(area, TEXT_WIDTH);
        let width = dialog.inner_width;
        let mut lines: Vec<Line> = Vec::new();
        if let Some(why) = &self.resend {
            lines.extend(
                wrap(why, width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.warning())),
            );
            lines.push(Line::default());
        }
        let room = self.room(area, width);
        let (text, title) = self.scroll.window(self.text(width), room, s.preview_title);
        lines.extend(text);
        if self.password.is_some() {
            lines.push(Line::default());
            lines.push(Line::styled(s.password_prompt, theme.label()));
            lines.push(Line::default());
        }
        let rect = dialog.draw(frame, &title, lines);
        // The password is a real (masked) text field on the preview's last line.
        if let Some(password) = &self.password {
            let y = rect.y + rect.height.saturating_sub(2);
            frame.render_widget(password, field_at(rect, y));
        }
    }

    /// The text as lines of the window's `width` (the body keeps its own line breaks).
    fn text(&self, width: usize) -> Vec<Line<'static>> {
        self.shown
            .lines()
            .flat_map(|l| fit(l, width))
            .map(Line::raw)
            .collect()
    }

    /// Lines the text scrolls in: what the window leaves after the warning and the password.
    fn room(&self, area: Rect, width: usize) -> usize {
        let warning = self
            .resend
            .as_ref()
            .map_or(0, |why| wrap(why, width).len() + 1);
        let fixed = warning + if self.password.is_some() { 3 } else { 0 };
        (area.height as usize).saturating_sub(fixed + 2).max(3)
    }

    /// The text's lines and the room they scroll in, over `area`.
    fn extent(&self, area: Rect) -> (usize, usize) {
        let width = Dialog::fitting(area, TEXT_WIDTH).inner_width;
        (self.text(width).len(), self.room(area, width))
    }

    pub fn context(&self) -> Context {
        // With a password to type, typed keys go into its editor, whose editing keys work.
        Context::popup_editing_when(KEYS, self.password.is_some())
    }
}

/// A line as it is when it fits; one too long for the window (a narrow terminal, an attachment
/// with its SHA-256) goes on over more lines, its indent kept on the first.
fn fit(line: &str, width: usize) -> Vec<String> {
    if line.chars().count() <= width {
        return vec![inert(line, width)];
    }
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let mut pieces = wrap(line, width.saturating_sub(indent.len()));
    if let Some(first) = pieces.first_mut() {
        first.insert_str(0, &indent);
    }
    pieces
}
