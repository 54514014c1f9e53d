//! The full-screen wizard: a thin front end over the core. State, update and effects are kept
//! apart (`state`, `update`, `app`), keys pass through one keymap that also draws the hints, and
//! drawing (`view`) only reads the state.

pub mod action;
pub mod app;
pub mod context;
pub mod editing;
pub mod editor;
pub mod keymap;
pub mod popup;
pub mod rows;
pub mod screen;
pub mod select;
pub mod state;
pub mod strings;
pub mod theme;
pub mod update;
pub mod view;
pub mod wizard;

use std::io;

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub use action::Action;
pub use app::{App, StartError};

use crate::draft::DraftStore;
use crate::registry::Registry;

use crate::text::Lang;

/// How often the loop looks for registry answers while some are out.
const LOOKUP_POLL: std::time::Duration = std::time::Duration::from_millis(50);
/// How soon a signal to end is noticed while the loop waits for a key: a read of the terminal
/// is not woken by it.
const SIGNAL_POLL: std::time::Duration = std::time::Duration::from_millis(200);
/// The signals that end the wizard with its text saved: `kill`, a closed terminal window, a logout.
const ENDING_SIGNALS: [i32; 2] = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP];

/// How the wizard ended: the user quit, or a signal told it to (exit status 128 + the signal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    Quit,
    Signal(i32),
}

/// Notes which ending signal came. A second one while the first is handled ends the program at
/// once, as it would have without us.
fn watch_ending_signals() -> io::Result<std::sync::Arc<std::sync::atomic::AtomicUsize>> {
    let caught = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for signal in ENDING_SIGNALS {
        let seen = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        signal_hook::flag::register_conditional_default(signal, seen.clone())?;
        signal_hook::flag::register(signal, seen)?;
        signal_hook::flag::register_usize(signal, caught.clone(), signal as usize)?;
    }
    Ok(caught)
}

/// What the wizard opens on.
pub enum Start {
    Home,
    Edit(String),
    New { form: String, name: Option<String> },
}

/// Restores the terminal when dropped: on quit, on error and while a panic unwinds.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), DisableBracketedPaste, LeaveAlternateScreen);
}

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error(transparent)]
    Start(#[from] StartError),
    #[error("terminal: {0}")]
    Io(#[from] io::Error),
}

/// Runs the wizard on the real terminal until the user quits.
pub fn run(
    store: DraftStore,
    lang: Lang,
    start: Start,
    registry: Option<Registry>,
    domain: Option<crate::domain_check::Checker>,
    mail: Result<crate::mail::Config, String>,
) -> Result<Ended, TuiError> {
    let today = jiff::Zoned::now().date();
    let backend = CrosstermBackend::new(io::stdout());
    let terminal = Terminal::new(backend)?;
    let mut app = App::new(terminal, store, lang, theme::Theme::from_env(), today)
        .with_deferred_first_check()
        .with_mail(mail);
    if let Some(registry) = registry {
        app = app.with_registry(registry);
    }
    if let Some(checker) = domain {
        app = app.with_domain_check(checker);
    }
    // Open the draft before the screen is taken, so a missing or locked draft is an error on the
    // command line, not a flash of a screen.
    match start {
        Start::Home => app.start_home(),
        Start::Edit(name) => app.start_edit(&name)?,
        Start::New { form, name } => app.start_new(&form, name.as_deref())?,
    }

    let caught = watch_ending_signals()?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    enable_raw_mode()?;
    let _guard = TerminalGuard;
    // The alternate screen is cleared by the terminal's own command: `Terminal::clear` would first
    // ask the terminal where the cursor is and wait for the answer.
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    app.draw()?;
    // Validation's data takes far longer to load than a frame takes to draw: load it after.
    app.warm_up_then_settle();
    // A frame is drawn after something happened: a key, or a wake-up while results are out. A
    // wake-up only to look for a signal changes nothing on the screen.
    let mut redraw = true;
    loop {
        let signal = caught.load(std::sync::atomic::Ordering::Relaxed);
        if signal != 0 {
            // Saved and released like Ctrl-Q; the guard then gives the terminal back.
            app.dispatch(Action::Terminate);
            return Ok(Ended::Signal(signal as i32));
        }
        if redraw {
            app.draw()?;
        }
        if app.should_quit() {
            break;
        }
        // Wake up now and then while lookups are out, so their answers show without a key press;
        // and often enough to notice a signal.
        let waiting = app.is_waiting();
        let wait = if waiting { LOOKUP_POLL } else { SIGNAL_POLL };
        if !crossterm::event::poll(wait)? {
            if waiting {
                app.tick();
            }
            redraw = waiting;
            continue;
        }
        let event = crossterm::event::read()?;
        app.handle_event(event);
        app.tick();
        redraw = true;
    }
    Ok(Ended::Quit)
}
