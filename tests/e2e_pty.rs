//! The real binary in a real terminal, with nothing but the Rust toolchain: the wizard runs on a
//! pseudo-terminal, a terminal emulator (`vt100`) reads what it writes and answers the terminal's
//! queries (crossterm's cursor-position request `ESC[6n`), the test types keys into the pty and
//! reads the emulated screen (the harness: `tests/common/pty.rs`). Start a new order, type, save,
//! quit, start again and see the text; Ctrl-C leaves the terminal as it was found.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

mod common;

use common::pty::keys::{CTRL_C, CTRL_Q, CTRL_S, ENTER, PAGE_DOWN, TAB};
use common::pty::{PATIENCE, Pty, cooked};

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
    first.wait_for("Step 1 of 12: Checklist");
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
    first.wait_for("Step 3 of 12: The service");
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
        screen.contains("Step 3 of 12: The service"),
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

/// `kill` and a closed terminal window: the text typed in the field is saved, the terminal is
/// given back (normal screen, cursor shown, cooked mode, no bracketed paste), and the exit status
/// says which signal ended it, as a shell reports it (143 SIGTERM, 129 SIGHUP).
#[test]
fn sigterm_and_sighup_save_the_typed_text_and_restore_the_terminal() {
    use rustix::process::{Pid, Signal, kill_process};
    use std::os::unix::process::ExitStatusExt;
    for (signal, code) in [(Signal::TERM, 143), (Signal::HUP, 129)] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let mut pty = wizard(&data, &["new", "criipto-no-bankid", "signalled"]);
        pty.wait_for("Step 1 of");
        pty.send(PAGE_DOWN).send(PAGE_DOWN);
        pty.wait_for("Step 3 of");
        let text = format!("Typed before {signal:?}");
        pty.send(&text);
        pty.wait_for(&text);
        pty.wait_until("the wizard's screen", |s| s.alternate_screen());
        let pid = Pid::from_raw(pty.pid() as i32).unwrap();
        kill_process(pid, signal).unwrap();
        let status = pty.wait_for_exit();
        assert_eq!(
            status.code(),
            Some(code),
            "{signal:?}: {status:?} (signal {:?})",
            status.signal()
        );
        let after = pty.wait_until("the normal screen", |s| !s.alternate_screen());
        assert!(!after.hide_cursor(), "{signal:?}: the cursor is shown");
        assert!(!after.bracketed_paste(), "{signal:?}");
        assert!(cooked(&pty.modes()), "{signal:?}: cooked mode again");
        let draft = read_draft(&data.join("drafts/signalled.toml"));
        assert!(draft.contains(&text), "{signal:?}: {draft}");
        // A clean end: no lock file is left.
        assert!(!data.join("drafts/.signalled.lock").exists(), "{signal:?}");
    }
}
