//! The wizard's speed: one keystroke (update + draw of the largest step), the same with a
//! 100 000-character answer in the draft, and a full redraw. Targets: a keystroke at most 1 ms.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use eid_onboard::draft::DraftStore;
use eid_onboard::order;
use eid_onboard::text::Lang;
use eid_onboard::tui::App;
use eid_onboard::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/answers/idura-complete.toml"
);

fn now() -> jiff::Timestamp {
    "2026-11-21T10:00:00Z".parse().unwrap()
}

/// A complete order opened on the step with the most rows (contacts), focused on its first field.
fn app_on(
    dir: &std::path::Path,
    fixture: &std::path::Path,
    steps_forward: usize,
) -> App<TestBackend> {
    let store = DraftStore::open(dir).unwrap();
    order::import(&store, fixture, Some("bench"), now()).unwrap();
    let store = DraftStore::open(dir).unwrap();
    let terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut app = App::new(
        terminal,
        store,
        Lang::En,
        Theme { color: true },
        jiff::civil::date(2026, 11, 21),
    )
    .with_clock(now);
    app.start_edit("bench").unwrap();
    for _ in 0..steps_forward {
        app.handle_event(key(KeyCode::PageDown));
    }
    app.draw().unwrap();
    app
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn keystroke(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    // Step 5 (contacts) has the most rows: two contacts of three parts each.
    let mut app = app_on(dir.path(), std::path::Path::new(FIXTURE), 4);
    let mut typed = false;
    c.bench_function("keystroke: update + draw, contacts step", |b| {
        b.iter(|| {
            // Type and erase in turn, so the text stays the same size.
            app.handle_event(key(if typed {
                KeyCode::Backspace
            } else {
                KeyCode::Char('x')
            }));
            typed = !typed;
            app.draw().unwrap();
        })
    });
}

/// A draft whose service description is 100 000 characters long.
fn huge_answer_fixture(dir: &std::path::Path) -> std::path::PathBuf {
    let source = std::fs::read_to_string(FIXTURE).unwrap();
    let mut table: toml::Table = source.parse().unwrap();
    let long: String = "Solgløtt er en meglerportal. "
        .repeat(3500)
        .chars()
        .take(100_000)
        .collect();
    table["service"]
        .as_table_mut()
        .unwrap()
        .insert("description".into(), toml::Value::String(long));
    let file = dir.join("huge.toml");
    std::fs::write(&file, toml::to_string(&table).unwrap()).unwrap();
    file
}

fn type_and_erase(c: &mut Criterion, name: &str, mut app: App<TestBackend>) {
    let mut typed = false;
    c.bench_function(name, |b| {
        b.iter(|| {
            app.handle_event(key(if typed {
                KeyCode::Backspace
            } else {
                KeyCode::Char('x')
            }));
            typed = !typed;
            app.draw().unwrap();
        })
    });
}

fn keystrokes_with_a_huge_answer(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let file = huge_answer_fixture(dir.path());
    // Typing in the contacts step while the draft holds the long answer.
    let elsewhere = app_on(&dir.path().join("a"), &file, 4);
    type_and_erase(
        c,
        "keystroke: contacts step, 100 000-character answer in the draft",
        elsewhere,
    );
    // Typing inside the long answer itself (step 3): the editor re-wraps the paragraph.
    let inside = app_on(&dir.path().join("b"), &file, 2);
    type_and_erase(c, "keystroke: inside a 100 000-character answer", inside);
}

fn full_redraw(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), std::path::Path::new(FIXTURE), 4);
    c.bench_function("full redraw of the contacts step", |b| {
        b.iter(|| {
            // Clearing forgets the previous frame, so every cell is drawn and compared anew.
            app.terminal.clear().unwrap();
            app.draw().unwrap();
            black_box(app.terminal.backend().buffer().area);
        })
    });
}

/// The yardstick: a bare ratatui program with one ratatui-textarea field in a bordered box, at
/// 80×24, typing and erasing as the keystroke benchmarks do.
fn bare_textarea_keystroke(c: &mut Criterion) {
    use ratatui::widgets::{Block, Borders};
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut field = ratatui_textarea::TextArea::default();
    field.set_block(Block::default().borders(Borders::ALL).title("Name"));
    let mut typed = false;
    c.bench_function("bare ratatui + one textarea: keystroke", |b| {
        b.iter(|| {
            let key = KeyEvent::new(
                if typed {
                    KeyCode::Backspace
                } else {
                    KeyCode::Char('x')
                },
                KeyModifiers::NONE,
            );
            field.input(key);
            typed = !typed;
            terminal
                .draw(|frame| frame.render_widget(&field, frame.area()))
                .unwrap();
        })
    });
}

criterion_group!(
    benches,
    bare_textarea_keystroke,
    keystroke,
    keystrokes_with_a_huge_answer,
    full_redraw
);
criterion_main!(benches);
