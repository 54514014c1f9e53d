//! The real binary in a real terminal, with nothing but the Rust toolchain: the wizard runs on a
//! pseudo-terminal, a terminal emulator (`vt100`) reads what it writes and answers the terminal's
//! queries (crossterm's cursor-position request `ESC[6n`), the test types keys into the pty and
//! reads the emulated screen. Start a new order, type, save, quit, start again and see the text;
//! Ctrl-C leaves the terminal as it was found.

use std::fs::File;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use rustix::fs::{Mode, OFlags};
use rustix::pty::OpenptFlags;
use rustix::termios::{LocalModes, Termios, Winsize};

/// A safety limit for every wait: fail instead of hanging when the expected screen never comes.
const PATIENCE: Duration = Duration::from_secs(20);

const ROWS: u16 = 30;
const COLS: u16 = 100;

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

struct Shared {
    parser: Mutex<vt100::Parser<Responder>>,
    output: Condvar,
}

/// A child process on its own pseudo-terminal, as a terminal emulator runs it.
struct Pty {
    child: Child,
    master: File,
    /// The terminal side, kept open to read its modes (raw or not) while and after the child runs.
    slave: OwnedFd,
    shared: Arc<Shared>,
    cursor_queries: Arc<Mutex<usize>>,
}

impl Pty {
    fn spawn(mut command: Command) -> Pty {
        let master = rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("openpt");
        rustix::pty::grantpt(&master).expect("grantpt");
        rustix::pty::unlockpt(&master).expect("unlockpt");
        let name = rustix::pty::ptsname(&master, Vec::new()).expect("ptsname");
        let slave = rustix::fs::open(
            name.as_c_str(),
            OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .expect("open the pty's terminal side");
        rustix::termios::tcsetwinsize(
            &master,
            Winsize {
                ws_row: ROWS,
                ws_col: COLS,
                ws_xpixel: 0,
                ws_ypixel: 0,
            },
        )
        .expect("window size");

        for stream in 0..3 {
            let fd = slave.try_clone().expect("dup");
            match stream {
                0 => command.stdin(Stdio::from(fd)),
                1 => command.stdout(Stdio::from(fd)),
                _ => command.stderr(Stdio::from(fd)),
            };
        }
        // SAFETY: only async-signal-safe calls between fork and exec: a new session, and the pty
        // (already on fd 0) as its controlling terminal, as a terminal emulator does.
        unsafe {
            command.pre_exec(|| {
                rustix::process::setsid()?;
                rustix::process::ioctl_tiocsctty(BorrowedFd::borrow_raw(0))?;
                Ok(())
            });
        }
        let child = command.spawn().expect("start the child on the pty");

        let master = File::from(master);
        let cursor_queries = Arc::new(Mutex::new(0));
        let responder = Responder {
            master: master.try_clone().expect("dup master"),
            cursor_queries: cursor_queries.clone(),
        };
        let shared = Arc::new(Shared {
            parser: Mutex::new(vt100::Parser::new_with_callbacks(
                NonZeroU16::new(ROWS).unwrap(),
                NonZeroU16::new(COLS).unwrap(),
                0,
                responder,
            )),
            output: Condvar::new(),
        });
        let mut reader = master.try_clone().expect("dup master");
        let for_reader = shared.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // Ends with EIO once no process holds the terminal side open.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                for_reader.parser.lock().unwrap().process(&buf[..n]);
                for_reader.output.notify_all();
            }
        });
        Pty {
            child,
            master,
            slave,
            shared,
            cursor_queries,
        }
    }

    /// Sends bytes as typed keys: text as UTF-8, keys as the sequences a terminal sends.
    fn send(&mut self, bytes: &str) -> &mut Self {
        self.master
            .write_all(bytes.as_bytes())
            .expect("write to pty");
        self.master.flush().expect("flush pty");
        self
    }

    fn screen(&self) -> String {
        self.shared.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the emulated screen satisfies `ready`; returns what it shows then.
    fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) -> vt100::Screen {
        let deadline = Instant::now() + PATIENCE;
        let mut parser = self.shared.parser.lock().unwrap();
        loop {
            if ready(parser.screen()) {
                return parser.screen().clone();
            }
            let now = Instant::now();
            assert!(
                now < deadline,
                "waited for {what}; the screen shows:\n{}",
                parser.screen().contents()
            );
            parser = self
                .shared
                .output
                .wait_timeout(parser, (deadline - now).min(Duration::from_millis(200)))
                .unwrap()
                .0;
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contents().contains(text))
            .contents()
    }

    fn wait_for_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the wizard did not quit; the screen shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal's modes as the program on it set them.
    fn modes(&self) -> Termios {
        rustix::termios::tcgetattr(self.slave.as_fd()).expect("tcgetattr")
    }

    fn cursor_queries(&self) -> usize {
        *self.cursor_queries.lock().unwrap()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn cooked(modes: &Termios) -> bool {
    modes
        .local_modes
        .contains(LocalModes::ICANON | LocalModes::ECHO)
}

const TAB: &str = "\t";
const ENTER: &str = "\r";
const PAGE_DOWN: &str = "\x1b[6~";
const CTRL_C: &str = "\x03";
const CTRL_Q: &str = "\x11";
const CTRL_S: &str = "\x13";

fn wizard(data: &Path, args: &[&str]) -> Pty {
    let mut command = Command::new(env!("CARGO_BIN_EXE_eid-onboard"));
    command
        .args(["--offline", "--lang", "en", "--data-dir"])
        .arg(data)
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("EID_ONBOARD_DATA_DIR")
        .env("TERM", "xterm-256color")
        .env("LANG", "en_GB.UTF-8")
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("EID_ONBOARD_CACHE_DIR", data.join("cache"));
    Pty::spawn(command)
}

fn read_draft(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn a_new_order_typed_saved_and_quit_shows_its_text_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let draft = data.join("drafts/acme.toml");
    let text = "Typed in a pty: ærlig, østlig, åpen";

    let mut first = wizard(&data, &["new", "idura-no-bankid", "acme"]);
    first.wait_for("Step 1 of 11: Checklist");
    // The full-screen wizard took the terminal: raw keys, alternate screen.
    assert!(!cooked(&first.modes()), "the wizard runs in raw mode");
    assert!(
        first
            .wait_until("the alternate screen", |s| s.alternate_screen())
            .alternate_screen()
    );
    // To the signatory's eID: pick Norwegian BankID from the list.
    first.send(TAB).send(ENTER);
    first.wait_for("Filter:");
    first.send("norw");
    first.wait_for("Filter: norw");
    first.send(ENTER);
    first.wait_until("the pick in the field", |s| {
        let screen = s.contents();
        !screen.contains("Filter:") && !screen.contains("(not answered)")
    });
    first.send(TAB);
    first.wait_for("Step 3 of 11: The service");
    first.send(text);
    first.wait_for(text);
    // Typed text sits in the editor until the field is left or the draft saved.
    assert!(!read_draft(&draft).contains(text), "{}", read_draft(&draft));
    first.send(CTRL_S);
    let deadline = Instant::now() + PATIENCE;
    while !read_draft(&draft).contains(text) {
        assert!(Instant::now() < deadline, "Ctrl-S did not save the text");
        std::thread::sleep(Duration::from_millis(20));
    }
    first.send(CTRL_Q);
    let status = first.wait_for_exit();
    assert!(status.success(), "{status:?}");
    first.wait_until("the normal screen", |s| !s.alternate_screen());
    assert!(
        cooked(&first.modes()),
        "the terminal is back in cooked mode"
    );

    let saved = read_draft(&draft);
    assert!(saved.contains(text), "{saved}");
    assert!(saved.contains("no-bankid"), "{saved}");

    let mut second = wizard(&data, &["edit", "acme"]);
    let screen = second.wait_for(text);
    assert!(
        screen.contains("Step 3 of 11: The service"),
        "resumed on the same step:\n{screen}"
    );
    second.send(CTRL_Q);
    assert!(second.wait_for_exit().success());
}

#[test]
fn ctrl_c_restores_the_terminal_and_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut pty = wizard(&data, &["new", "criipto-no-bankid", "keep"]);
    pty.wait_for("Step 1 of");
    let raw = pty.modes();
    assert!(!cooked(&raw), "the wizard runs in raw mode");
    pty.send(PAGE_DOWN).send(PAGE_DOWN);
    pty.wait_for("Step 3 of");
    pty.send("Half a sentence");
    pty.wait_for("Half a sentence");
    let during = pty.wait_until("bracketed paste on", |s| s.bracketed_paste());
    assert!(during.alternate_screen());
    // In raw mode Ctrl-C is a key, not a signal: the wizard saves and leaves on it.
    pty.send(CTRL_C);
    let status = pty.wait_for_exit();
    assert!(status.success(), "{status:?}");
    // Back on the normal screen, as the terminal was before: cooked mode, no bracketed paste,
    // a visible cursor, and none of the wizard's frame.
    let after = pty.wait_until("the normal screen", |s| !s.alternate_screen());
    assert!(!after.bracketed_paste());
    assert!(!after.hide_cursor());
    assert!(
        !after.contents().contains("Step 3 of"),
        "{}",
        after.contents()
    );
    assert!(cooked(&pty.modes()), "the terminal is back in cooked mode");
    let draft = read_draft(&data.join("drafts/keep.toml"));
    assert!(draft.contains("Half a sentence"), "{draft}");
}

/// Run by [`crossterm_s_cursor_query_is_answered_from_the_emulated_screen`] inside a pty: asks the
/// terminal where the cursor is, the way crossterm does, and prints the answer.
#[test]
#[ignore = "helper: runs inside the pty of crossterm_s_cursor_query_is_answered_from_the_emulated_screen"]
fn cursor_probe() {
    if std::env::var_os("EID_ONBOARD_CURSOR_PROBE").is_none() {
        return;
    }
    crossterm::terminal::enable_raw_mode().unwrap();
    print!("\x1b[2J\x1b[4;7H");
    std::io::stdout().flush().unwrap();
    let position = crossterm::cursor::position();
    crossterm::terminal::disable_raw_mode().unwrap();
    match position {
        Ok((col, row)) => println!("\r\nprobe-position {col},{row}"),
        Err(e) => println!("\r\nprobe-failed {e}"),
    }
}

#[test]
fn crossterm_s_cursor_query_is_answered_from_the_emulated_screen() {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["--exact", "cursor_probe", "--ignored", "--nocapture"])
        .env("EID_ONBOARD_CURSOR_PROBE", "1");
    let mut pty = Pty::spawn(command);
    let screen = pty.wait_until("the probe's answer", |s| {
        s.contents().contains("probe-position") || s.contents().contains("probe-failed")
    });
    assert!(pty.wait_for_exit().success());
    // The cursor was put at row 4, column 7 (1-based): crossterm reports it 0-based.
    assert!(
        screen.contents().contains("probe-position 6,3"),
        "{}",
        screen.contents()
    );
    assert_eq!(pty.cursor_queries(), 1);
}
