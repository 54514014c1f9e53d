//! A child process on its own pseudo-terminal, as a terminal emulator runs it, with nothing but the
//! Rust toolchain: rustix opens the pty, a terminal emulator (`vt100`) reads what the child writes
//! and answers the terminal's queries (crossterm's cursor-position request `ESC[6n`), and the test
//! types keys into the pty. What the child wrote is kept twice: as the emulated screen, and as the
//! raw bytes in the order they came (for line-by-line output that scrolls off the screen, and for
//! checking which escape sequences were sent).
//!
//! Every wait has a safety limit ([`PATIENCE`]) and fails the test when the expected text never
//! comes; no test asserts how long anything took.

use std::fs::File;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsFd, OwnedFd};
use std::process::{Child, Command, ExitStatus};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rustix::termios::{LocalModes, Termios};

/// A safety limit for every wait: fail instead of hanging when the expected output never comes.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

/// Keys as a terminal sends them.
pub mod keys {
    pub const TAB: &str = "\t";
    pub const ENTER: &str = "\r";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const CTRL_C: &str = "\x03";
    pub const CTRL_Q: &str = "\x11";
    pub const CTRL_S: &str = "\x13";
}

/// Answers what a terminal must answer, from the emulated screen at the moment the request arrives.
struct Responder {
    master: File,
    cursor_queries: Arc<Mutex<usize>>,
}

impl vt100::Callbacks for Responder {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        // Device status report 6 (`ESC[6n`): the cursor position, 1-based, as `ESC[row;colR`.
        if c == 'n' && i1.is_none() && params == [&[6u16][..]] {
            let (row, col) = screen.cursor_position();
            let reply = format!("\x1b[{};{}R", row + 1, col + 1);
            let _ = self.master.write_all(reply.as_bytes());
            let _ = self.master.flush();
            *self.cursor_queries.lock().unwrap() += 1;
        }
    }
}

/// What the child wrote so far: the emulated terminal, and every byte as it came.
struct Seen {
    parser: vt100::Parser<Responder>,
    raw: Vec<u8>,
}

impl Seen {
    /// The bytes as text, with the terminal's line ends (`\r\n`, from `ONLCR` and the echo of
    /// Enter) read as `\n`.
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.raw).replace("\r\n", "\n")
    }
}

struct Shared {
    seen: Mutex<Seen>,
    output: Condvar,
}

/// A child process on its own pseudo-terminal.
pub struct Pty {
    child: Child,
    master: File,
    /// The terminal side, kept open to read its modes (raw or not) while and after the child runs.
    slave: OwnedFd,
    shared: Arc<Shared>,
    cursor_queries: Arc<Mutex<usize>>,
    /// How far [`Pty::expect`] has read in [`Pty::output`].
    mark: usize,
}

impl Pty {
    /// Starts `command` with the terminal side of a new `ROWS`×`COLS` pty as its standard input,
    /// output and error, and as its controlling terminal.
    pub fn spawn(mut command: Command) -> Pty {
        let (master, slave) = super::pty_spawn::open(ROWS, COLS);
        super::pty_spawn::attach(&mut command, &slave);
        let child = command.spawn().expect("start the child on the pty");

        let master = File::from(master);
        let cursor_queries = Arc::new(Mutex::new(0));
        let responder = Responder {
            master: master.try_clone().expect("dup master"),
            cursor_queries: cursor_queries.clone(),
        };
        let shared = Arc::new(Shared {
            seen: Mutex::new(Seen {
                parser: vt100::Parser::new_with_callbacks(
                    NonZeroU16::new(ROWS).unwrap(),
                    NonZeroU16::new(COLS).unwrap(),
                    0,
                    responder,
                ),
                raw: Vec::new(),
            }),
            output: Condvar::new(),
        });
        let mut reader = master.try_clone().expect("dup master");
        let for_reader = shared.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // Ends with EIO once no process holds the terminal side open.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                let mut seen = for_reader.seen.lock().unwrap();
                seen.raw.extend_from_slice(&buf[..n]);
                seen.parser.process(&buf[..n]);
                drop(seen);
                for_reader.output.notify_all();
            }
        });
        Pty {
            child,
            master,
            slave,
            shared,
            cursor_queries,
            mark: 0,
        }
    }

    /// Sends bytes as typed keys: text as UTF-8, keys as the sequences a terminal sends.
    pub fn send(&mut self, bytes: &str) -> &mut Self {
        self.master
            .write_all(bytes.as_bytes())
            .expect("write to pty");
        self.master.flush().expect("flush pty");
        self
    }

    /// Types a line and Enter.
    pub fn line(&mut self, text: &str) -> &mut Self {
        self.send(text).send(keys::ENTER)
    }

    pub fn screen(&self) -> String {
        self.shared.seen.lock().unwrap().parser.screen().contents()
    }

    /// Everything the child wrote (and the terminal echoed) so far, as text with `\n` line ends.
    pub fn output(&self) -> String {
        self.shared.seen.lock().unwrap().text()
    }

    /// Every byte read from the pty so far, escape sequences and all.
    pub fn raw(&self) -> Vec<u8> {
        self.shared.seen.lock().unwrap().raw.clone()
    }

    /// Waits until what the child wrote satisfies `ready`, or fails after [`PATIENCE`].
    #[track_caller]
    fn wait_seen<T>(&self, what: &str, mut ready: impl FnMut(&Seen) -> Option<T>) -> T {
        let deadline = Instant::now() + PATIENCE;
        let mut seen: MutexGuard<'_, Seen> = self.shared.seen.lock().unwrap();
        loop {
            if let Some(found) = ready(&seen) {
                return found;
            }
            let now = Instant::now();
            assert!(
                now < deadline,
                "waited for {what}; the screen shows:\n{}\n-- the output after what was already \
                 expected:\n{}",
                seen.parser.screen().contents(),
                seen.text().get(self.mark..).unwrap_or_default(),
            );
            seen = self
                .shared
                .output
                .wait_timeout(seen, (deadline - now).min(Duration::from_millis(200)))
                .unwrap()
                .0;
        }
    }

    /// Waits until the emulated screen satisfies `ready`; returns what it shows then.
    #[track_caller]
    pub fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) -> vt100::Screen {
        self.wait_seen(what, |seen| {
            let screen = seen.parser.screen();
            ready(screen).then(|| screen.clone())
        })
    }

    /// Waits until the emulated screen shows `text`; returns the screen's text then.
    #[track_caller]
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contents().contains(text))
            .contents()
    }

    /// Waits until `text` comes in the output after what the earlier calls found, and moves past
    /// it, as expect(1) does; returns the output from there to the end of `text`. Line ends in
    /// `text` are `\n`.
    #[track_caller]
    pub fn expect(&mut self, text: &str) -> String {
        let mark = self.mark;
        let end = self.wait_seen(&format!("{text:?}"), |seen| {
            let output = seen.text();
            let at = output.get(mark..)?.find(text)?;
            Some(mark + at + text.len())
        });
        self.mark = end;
        self.output()[mark..end].to_string()
    }

    #[track_caller]
    pub fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the child did not quit; the screen shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The program's process id, to send it signals.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The terminal's modes as the program on it set them.
    pub fn modes(&self) -> Termios {
        rustix::termios::tcgetattr(self.slave.as_fd()).expect("tcgetattr")
    }

    /// How many cursor-position requests the emulator answered.
    pub fn cursor_queries(&self) -> usize {
        *self.cursor_queries.lock().unwrap()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether the terminal is in cooked mode: line editing and echo, as a shell leaves it.
pub fn cooked(modes: &Termios) -> bool {
    modes
        .local_modes
        .contains(LocalModes::ICANON | LocalModes::ECHO)
}

/// The escape sequences in `raw` that move the cursor, clear the screen, set colours or switch to
/// the alternate screen: CSI sequences (`ESC[`, parameters, a final byte) ending in `A`, `B`, `C`,
/// `D`, `H`, `J` or `m`, and `ESC[?1049h` (or the older `?1047h`, `?47h`). Each is returned as
/// printable text (`ESC` as `\x1b`).
pub fn screen_control_sequences(raw: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < raw.len() {
        if raw[i] != 0x1b || raw[i + 1] != b'[' {
            i += 1;
            continue;
        }
        // Parameter bytes 0x30–0x3f, intermediate bytes 0x20–0x2f, then one final byte 0x40–0x7e.
        let mut j = i + 2;
        while j < raw.len() && (0x20..=0x3f).contains(&raw[j]) {
            j += 1;
        }
        let Some(&last) = raw.get(j) else { break };
        let sequence = &raw[i..=j];
        let alternate_screen = [&b"\x1b[?1049h"[..], b"\x1b[?1047h", b"\x1b[?47h"];
        if b"ABCDHJm".contains(&last) || alternate_screen.contains(&sequence) {
            found.push(String::from_utf8_lossy(sequence).replace('\x1b', "\\x1b"));
        }
        i = j + 1;
    }
    found
}
