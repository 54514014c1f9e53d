//! Ctrl-C, `kill` and a closed terminal window while a line is half typed: the line is kept.
//!
//! The plain wizard leaves line editing to the terminal (cooked mode), so a half-typed line sits
//! in the terminal's line buffer, out of the program's reach until Enter. Two terminal modes get
//! it out when a signal comes: `NOFLSH` keeps Ctrl-C (and Ctrl-Z) from emptying that buffer, and
//! on the signal a watching thread switches line editing off, which hands what the buffer holds
//! to the waiting read at once (and an empty read after it, so the read ends without a line
//! break). The reader sees [`Watch::caught`] set and keeps the text for its question; the
//! terminal's modes as found are put back when the watch ends. A second signal while the first
//! is handled ends the program at once, as it would have without us.
//!
//! When standard input is not a terminal (a pipe, a file) nothing is watched: the draft is saved
//! after every answer anyway, and a read from a pipe cannot be woken this way.

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// Ctrl-C (or `kill -INT`), `kill`, a closed terminal window or a logout.
const ENDING_SIGNALS: [i32; 3] = [SIGINT, SIGTERM, SIGHUP];

/// Which ending signal came (0: none yet), shared between the watching thread and the reader.
pub type Caught = Arc<AtomicUsize>;

/// The ending signal `caught` holds, if one came.
pub fn signal_in(caught: &Caught) -> Option<i32> {
    match caught.load(Ordering::SeqCst) {
        0 => None,
        signal => i32::try_from(signal).ok(),
    }
}

/// Watches for the ending signals while the plain wizard runs on the process's own terminal.
pub struct Watch {
    caught: Caught,
    /// The terminal's modes as found, put back on drop; none when input is not a terminal.
    found: Option<Termios>,
    handle: Option<signal_hook::iterator::Handle>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watch {
    /// Starts watching when standard input is a terminal; otherwise a watch that never fires.
    pub fn start() -> io::Result<Watch> {
        let caught: Caught = Arc::new(AtomicUsize::new(0));
        let stdin = io::stdin();
        if !stdin.is_terminal() {
            return Ok(Watch {
                caught,
                found: None,
                handle: None,
                thread: None,
            });
        }
        let found = termios::tcgetattr(&stdin)?;
        let mut keep_line = found.clone();
        keep_line.local_modes.insert(LocalModes::NOFLSH);
        termios::tcsetattr(&stdin, OptionalActions::Now, &keep_line)?;

        for signal in ENDING_SIGNALS {
            let seen = Arc::new(std::sync::atomic::AtomicBool::new(false));
            signal_hook::flag::register_conditional_default(signal, seen.clone())?;
            signal_hook::flag::register(signal, seen)?;
        }
        let mut signals = signal_hook::iterator::Signals::new(ENDING_SIGNALS)?;
        let handle = signals.handle();
        let flag = caught.clone();
        let thread = std::thread::spawn(move || {
            for signal in signals.forever() {
                // Noted before the read is woken, so the reader sees why its read ended.
                flag.store(signal as usize, Ordering::SeqCst);
                let _ = hand_over_the_line(&keep_line);
            }
        });
        Ok(Watch {
            caught,
            found: Some(found),
            handle: Some(handle),
            thread: Some(thread),
        })
    }

    /// What the reader watches.
    pub fn caught(&self) -> Caught {
        self.caught.clone()
    }

    /// The ending signal that came, if one did.
    pub fn signal(&self) -> Option<i32> {
        signal_in(&self.caught)
    }
}

/// Line editing off, reads returning at once: the terminal's line buffer goes to the waiting
/// read as it is, and the read after it returns nothing.
fn hand_over_the_line(modes: &Termios) -> io::Result<()> {
    let mut raw_line = modes.clone();
    raw_line.local_modes.remove(LocalModes::ICANON);
    raw_line.special_codes[SpecialCodeIndex::VMIN] = 0;
    raw_line.special_codes[SpecialCodeIndex::VTIME] = 0;
    termios::tcsetattr(io::stdin(), OptionalActions::Now, &raw_line)?;
    Ok(())
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.close();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        if let Some(found) = &self.found {
            let _ = termios::tcsetattr(io::stdin(), OptionalActions::Now, found);
        }
    }
}
