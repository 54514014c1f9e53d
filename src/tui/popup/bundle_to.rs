//! Where to write the bundle: a folder to type, the working folder to start with.

use std::path::Path;

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui_textarea::TextArea;

use super::Look;
use super::{Ctx, Dialog, Outcome, field_at};
use crate::tui::action::{Action, Command, Effect};
use crate::tui::editing::{clean_input, text_area};
use crate::tui::keymap::{Binding, Context, hint, key};
use crate::tui::strings::strings;
use crate::validate::text::sanitize;

pub const KEYS: &[Binding] = &[
    hint(
        key(KeyCode::Enter),
        Command::Confirm,
        "lag pakken",
        "create",
    ),
    hint(key(KeyCode::Esc), Command::Cancel, "avbryt", "cancel"),
];

pub struct BundleTo {
    folder: Box<TextArea<'static>>,
}

impl BundleTo {
    pub fn new(cwd: &Path) -> BundleTo {
        BundleTo {
            folder: Box::new(text_area(&cwd.display().to_string(), false)),
        }
    }

    pub fn update(mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Command(Command::Cancel) => Outcome::close(),
            Action::Command(Command::Confirm) => {
                let dir = self.folder.lines().join("").trim().to_string();
                // An emptied field means the working folder, as the field started.
                let dir = if dir.is_empty() {
                    ctx.cwd.display().to_string()
                } else {
                    dir
                };
                Outcome::close_with(vec![Effect::SaveDraft, Effect::CreateBundle(dir)])
            }
            Action::Edit(key) => {
                if let Some(input) = clean_input(key) {
                    self.folder.input(input);
                }
                Outcome::stay(self)
            }
            Action::Paste(text) => {
                self.folder.insert_str(sanitize(&text, false));
                Outcome::stay(self)
            }
            _ => Outcome::stay(self),
        }
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let s = strings(look.lang);
        let lines = vec![Line::raw(s.bundle_to), Line::default()];
        let rect = Dialog::over(area).draw(frame, s.review_step, lines);
        // The folder being typed is a real text field.
        frame.render_widget(&*self.folder, field_at(rect, rect.y + 2));
    }

    pub fn context(&self) -> Context {
        Context::popup_editing(KEYS)
    }
}
