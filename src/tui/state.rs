//! Everything the wizard shows, in one place. `update` changes it; drawing only reads it.

use crate::text::Lang;

use super::theme::Theme;

/// The popups live in `popup/`, one file each; the state holds the one that shows.
pub use super::popup::Popup;
pub use super::screen::{DraftRow, FormRow, Home, Screen, Status};
pub use super::wizard::{Editor, StepRef, Wizard, step_ref};

pub struct State {
    pub lang: Lang,
    pub theme: Theme,
    pub screen: Screen,
    pub popup: Option<Popup>,
    /// One line under the footer: what just happened (saved, an error to retry).
    pub status: Option<Status>,
    pub quit: bool,
    /// Where the program was started: the default folder for a bundle.
    pub cwd: std::path::PathBuf,
    /// Today's date for validation (certificate age), fixed per session so tests are stable.
    pub today: jiff::civil::Date,
    /// The terminal's size: how far a text can scroll depends on the room it is drawn in.
    pub size: ratatui::layout::Size,
}

impl State {
    /// The state at start: an empty home screen until the drafts are loaded.
    pub fn new(
        lang: Lang,
        theme: Theme,
        cwd: std::path::PathBuf,
        today: jiff::civil::Date,
    ) -> State {
        State {
            lang,
            theme,
            screen: Screen::Home(Home {
                drafts: Vec::new(),
                forms: Vec::new(),
                selected: 0,
            }),
            popup: None,
            status: None,
            quit: false,
            cwd,
            today,
            size: ratatui::layout::Size::new(80, 24),
        }
    }
}
