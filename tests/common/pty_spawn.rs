//! Opening a pseudo-terminal and handing its terminal side to a command as its standard streams
//! and controlling terminal, as a terminal emulator does. Shared by the pty tests (`pty.rs`) and
//! the settled-screen benchmark (`benches/settle.rs`), which reads the bytes its own way.

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use rustix::fs::{Mode, OFlags};
use rustix::pty::OpenptFlags;
use rustix::termios::Winsize;

/// A new pty of `rows`×`cols`: (the emulator's side, the terminal side).
pub fn open(rows: u16, cols: u16) -> (OwnedFd, OwnedFd) {
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
        master.as_fd(),
        Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .expect("window size");
    (master, slave)
}

/// Makes `slave` the command's standard input, output and error, and its controlling terminal
/// in a new session once it starts.
pub fn attach(command: &mut Command, slave: &OwnedFd) {
    for stream in 0..3 {
        let fd = slave.try_clone().expect("dup");
        match stream {
            0 => command.stdin(Stdio::from(fd)),
            1 => command.stdout(Stdio::from(fd)),
            _ => command.stderr(Stdio::from(fd)),
        };
    }
    // SAFETY: only async-signal-safe calls between fork and exec: a new session, and the pty
    // (already on fd 0) as its controlling terminal.
    unsafe {
        command.pre_exec(|| {
            rustix::process::setsid()?;
            rustix::process::ioctl_tiocsctty(BorrowedFd::borrow_raw(0))?;
            Ok(())
        });
    }
}
