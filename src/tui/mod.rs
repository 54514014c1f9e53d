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
use std::sync::mpsc;

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

/// What wakes the loop: it blocks on one channel that all of these feed, with no time-out, so a
/// result shows the moment it is there and an idle wizard neither wakes nor writes.
enum Wake {
    /// A key, a paste, a resize (or the terminal could not be read).
    Terminal(io::Result<crossterm::event::Event>),
    /// A lookup, a check, the warm-up or a sent message is ready for [`App::tick`].
    Result,
    /// An ending signal came (noted in the flag [`watch_ending_signals`] gives).
    Signal,
}

/// Reads the terminal on a thread of its own and passes its events on. The thread stays blocked
/// in the read when the wizard ends; the process ends right after.
fn read_terminal_into(tx: mpsc::Sender<Wake>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("terminal".into())
        .spawn(move || {
            loop {
                let event = crossterm::event::read();
                let failed = event.is_err();
                if tx.send(Wake::Terminal(event)).is_err() || failed {
                    return;
                }
            }
        })?;
    Ok(())
}

/// Wakes the loop when an ending signal comes.
fn wake_on_signals(tx: mpsc::Sender<Wake>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(ENDING_SIGNALS)?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for _ in signals.forever() {
                if tx.send(Wake::Signal).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
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
    let (wake_tx, wakes) = mpsc::channel();
    let result_tx = wake_tx.clone();
    let mut app = App::new(terminal, store, lang, theme::Theme::from_env(), today)
        .with_deferred_first_check()
        .with_mail(mail)
        .with_waker(std::sync::Arc::new(move || {
            let _ = result_tx.send(Wake::Result);
        }));
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
    wake_on_signals(wake_tx.clone())?;
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
    read_terminal_into(wake_tx)?;
    loop {
        let signal = caught.load(std::sync::atomic::Ordering::Relaxed);
        if signal != 0 {
            // Saved and released like Ctrl-Q; the guard then gives the terminal back.
            app.dispatch(Action::Terminate);
            return Ok(Ended::Signal(signal as i32));
        }
        if app.should_quit() {
            break;
        }
        // Blocks until something happens; a time-out only while a result is out that wakes
        // nobody, or the send's spinner turns.
        let first = match app.poll_interval() {
            None => wakes.recv().ok(),
            Some(interval) => wakes.recv_timeout(interval).ok(),
        };
        // Everything that came meanwhile (a burst of keys, a paste), then one frame.
        let mut pending = first;
        while let Some(wake) = pending.take() {
            match wake {
                Wake::Terminal(event) => app.handle_event(event?),
                Wake::Result | Wake::Signal => {}
            }
            if app.should_quit() {
                break;
            }
            pending = wakes.try_recv().ok();
        }
        app.tick();
        if caught.load(std::sync::atomic::Ordering::Relaxed) == 0 {
            app.draw()?;
        }
    }
    Ok(Ended::Quit)
}
