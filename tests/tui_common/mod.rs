//! Drives the whole wizard on ratatui's `TestBackend` with key events, as a user would.

#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use eid_onboard::draft::DraftStore;
use eid_onboard::text::Lang;
use eid_onboard::tui::App;
use eid_onboard::tui::state::{Screen, Wizard};
use eid_onboard::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub struct Harness {
    pub app: App<TestBackend>,
}

pub fn fixed_now() -> jiff::Timestamp {
    "2026-11-21T10:00:00Z".parse().unwrap()
}

impl Harness {
    pub fn new(data_dir: &std::path::Path, width: u16, height: u16, lang: Lang) -> Harness {
        Harness::with_registry(data_dir, width, height, lang, None)
    }

    /// A harness whose wizard looks organisation numbers up in `registry`.
    pub fn with_registry(
        data_dir: &std::path::Path,
        width: u16,
        height: u16,
        lang: Lang,
        registry: Option<eid_onboard::registry::Registry>,
    ) -> Harness {
        let store = DraftStore::open(data_dir).expect("store");
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        let mut app = App::new(
            terminal,
            store,
            lang,
            Theme { color: false },
            jiff::civil::date(2026, 11, 21),
        )
        .with_clock(fixed_now);
        if let Some(registry) = registry {
            app = app.with_registry(registry);
        }
        Harness { app }
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.key_with(code, KeyModifiers::NONE)
    }

    pub fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) -> &mut Self {
        self.app
            .handle_event(Event::Key(KeyEvent::new(code, modifiers)));
        self
    }

    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.key_with(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// Types text key by key; a newline is Enter.
    pub fn text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            match c {
                '\n' => self.key(KeyCode::Enter),
                c => self.key(KeyCode::Char(c)),
            };
        }
        self
    }

    pub fn paste(&mut self, text: &str) -> &mut Self {
        self.app.handle_event(Event::Paste(text.to_string()));
        self
    }

    pub fn resize(&mut self, width: u16, height: u16) -> &mut Self {
        self.app.terminal.backend_mut().resize(width, height);
        self.app.handle_event(Event::Resize(width, height));
        self
    }

    /// Draws a frame and returns the screen as text, one line per row, trailing spaces trimmed.
    pub fn screen(&mut self) -> String {
        self.app.draw().expect("draw");
        let buffer = self.app.terminal.backend().buffer().clone();
        let width = buffer.area.width as usize;
        buffer
            .content
            .chunks(width)
            .map(|row| {
                row.iter()
                    .map(|cell| cell.symbol())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn wizard(&self) -> &Wizard {
        match &self.app.state.screen {
            Screen::Wizard(w) => w,
            Screen::Home(_) => panic!("not in the wizard"),
        }
    }

    pub fn focused_id(&self) -> Option<String> {
        eid_onboard::tui::update::focused_row(self.wizard(), self.app.state.lang).map(|r| r.id)
    }
}
