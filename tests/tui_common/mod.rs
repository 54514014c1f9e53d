//! Drives the whole wizard on ratatui's `TestBackend` with key events, as a user would.

#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use eid_onboard::answers::{Answer, Answers, AnswersFile};
use eid_onboard::draft::DraftStore;
use eid_onboard::form::FieldKind;
use eid_onboard::order;
use eid_onboard::text::Lang;
use eid_onboard::tui::App;
use eid_onboard::tui::rows::{self, RowKind};
use eid_onboard::tui::state::{Screen, StepRef, Wizard};
use eid_onboard::tui::theme::Theme;
use eid_onboard::tui::update::focused_row;
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

/// The fixture's answers as import stores them (files resolved, values normalised).
pub fn fixture(name: &str) -> Answers {
    let path = std::path::Path::new(super::common::FIXTURES).join(name);
    let file = AnswersFile::read(&path).unwrap();
    let spec = order::form(&file.form).unwrap();
    let mut answers = Answers::from_table(&spec, &file.table);
    answers.resolve_files(&spec, path.parent().unwrap());
    answers.normalize(&spec);
    answers
}

/// What `answers` hold for a row id as the wizard shows it: a field or group part
/// (`contacts.general.email`), or an entry of a repeat (`client.redirect_uris[2]`,
/// `contacts.operations[1].name`).
pub fn wanted_text(answers: &Answers, id: &str) -> Option<String> {
    if let Some((field, rest)) = id.split_once('[') {
        let (n, part) = rest.split_once(']')?;
        let index = n.parse::<usize>().ok()?.checked_sub(1)?;
        return match (answers.get(field)?, part.strip_prefix('.')) {
            (Answer::List(items), None) => items.get(index).cloned(),
            (Answer::Records(records), Some(part)) => records.get(index)?.get(part).cloned(),
            _ => None,
        };
    }
    match answers.get(id)? {
        Answer::Text(s) => Some(s.clone()),
        Answer::Bool(b) => Some(b.to_string()),
        Answer::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Clears the focused text editor (Ctrl-A to the start, Ctrl-K to the end; lines one by one).
pub fn clear_editor(h: &mut Harness) {
    for _ in 0..20 {
        h.ctrl('a').ctrl('k');
        h.key(KeyCode::Backspace);
    }
    h.ctrl('a').ctrl('k');
}

/// Answers every row the way a user would, step by step, until the review: typing text, picking
/// from lists, marking the choices of a multi-select, answering yes / no and adding the entries of
/// repeated answers.
pub fn fill(h: &mut Harness, answers: &Answers) {
    for _ in 0..600 {
        match h.wizard().step_ref() {
            StepRef::Review => return,
            StepRef::Checklist => {
                h.key(KeyCode::Tab);
                continue;
            }
            StepRef::Form(_) => {}
        }
        let lang = h.app.state.lang;
        let Some(row) = focused_row(h.wizard(), lang) else {
            // A step with nothing to ask for this order (no certificate for a Norwegian company).
            h.key(KeyCode::Tab);
            continue;
        };
        let current = rows::row_text(h.wizard().session.answers(), &row.slot);
        match (&row.kind, wanted_text(answers, &row.id)) {
            (RowKind::Text { .. }, Some(value)) if current != value => {
                clear_editor(h);
                h.text(&value);
            }
            (RowKind::Select, Some(value)) if current != value => {
                h.key(KeyCode::Enter).text(&value).key(KeyCode::Enter);
                assert_eq!(
                    rows::row_text(h.wizard().session.answers(), &row.slot),
                    value,
                    "picking {value} for {}",
                    row.id
                );
            }
            (RowKind::YesNo, Some(value)) => {
                h.key(KeyCode::Char(if value == "true" { 'y' } else { 'n' }));
            }
            (RowKind::MultiSelect, _) => {
                let wanted = match answers.get(&row.id) {
                    Some(Answer::List(items)) => items.clone(),
                    _ => Vec::new(),
                };
                let now = match h.wizard().session.answers().get(&row.id) {
                    Some(Answer::List(items)) => items.clone(),
                    _ => Vec::new(),
                };
                let FieldKind::MultiSelect(choice) = &row.value_kind else {
                    unreachable!("a multi-select row")
                };
                if !wanted.is_empty() && wanted != now {
                    // The list opens at its top; Space marks, Down moves, Enter is done.
                    h.key(KeyCode::Enter);
                    let values: Vec<String> =
                        choice.options.iter().map(|o| o.value.clone()).collect();
                    for value in &values {
                        if wanted.contains(value) != now.contains(value) {
                            h.key(KeyCode::Char(' '));
                        }
                        h.key(KeyCode::Down);
                    }
                    // A value of one's own (where the list allows it): typed, then Space adds it.
                    for value in wanted
                        .iter()
                        .filter(|v| !values.contains(v) && !now.contains(v))
                    {
                        h.text(value).key(KeyCode::Char(' '));
                    }
                    h.key(KeyCode::Enter);
                    assert_eq!(
                        h.wizard().session.answers().get(&row.id),
                        Some(&Answer::List(wanted)),
                        "marking the choices of {}",
                        row.id
                    );
                }
            }
            (RowKind::AddEntry, _) => {
                let have = rows::entry_count(h.wizard().session.answers(), &row.id);
                if have < rows::entry_count(answers, &row.id) {
                    // The new entry's first row takes the add row's place: answer it next.
                    h.key(KeyCode::Enter);
                    continue;
                }
            }
            _ => {}
        }
        h.key(KeyCode::Tab);
    }
    panic!("the review was never reached");
}
