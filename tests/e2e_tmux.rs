//! The real binary in tmux: tmux runs the wizard, send-keys types, capture-pane reads the screen.
//! Start a new order, type, save, quit, start again and see the text. The same checks run without
//! tmux in `e2e_pty.rs` (a pty and a terminal emulator); these are extra evidence against a real
//! terminal multiplexer, ignored by default because tmux is not part of the toolchain:
//! `.ci/run` installs it and runs them with `cargo test -- --ignored`.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn new() -> Tmux {
        let socket = format!("eid-onboard-test-{}-{}", std::process::id(), rand_suffix());
        Tmux { socket }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux must be installed (.ci/run installs it)")
    }

    fn start(&self, session: &str, command: &str) {
        let out = self.run(&[
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "30",
            "-s",
            session,
            command,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn keys(&self, session: &str, keys: &[&str]) {
        for key in keys {
            let out = self.run(&["send-keys", "-t", session, key]);
            assert!(out.status.success(), "send-keys {key}: {out:?}");
        }
    }

    fn type_text(&self, session: &str, text: &str) {
        let out = self.run(&["send-keys", "-t", session, "-l", text]);
        assert!(out.status.success(), "send-keys -l: {out:?}");
    }

    fn screen(&self, session: &str) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", session]).stdout)
            .into_owned()
    }

    fn wait_for(&self, session: &str, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(session);
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "waited for {text:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_until_gone(&self, session: &str) {
        let start = Instant::now();
        while self.run(&["has-session", "-t", session]).status.success() {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "the wizard did not quit"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Never panics: a failed test is already unwinding through here.
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

/// Waits until the draft file holds `text` (the wizard saves it atomically).
fn wait_for_saved(path: &Path, text: &str) {
    let start = Instant::now();
    while !std::fs::read_to_string(path)
        .unwrap_or_default()
        .contains(text)
    {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{text:?} was not saved"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() % 1_000_000)
        .unwrap_or(0)
}

fn wizard_command(data: &Path, args: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_eid-onboard");
    format!(
        "env -u NO_COLOR LANG=en_GB.UTF-8 {bin} --offline --lang en --data-dir '{}' {args}",
        data.display()
    )
}

#[test]
#[ignore = "needs tmux"]
fn a_new_order_typed_saved_and_quit_shows_its_text_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let tmux = Tmux::new();

    tmux.start("first", &wizard_command(&data, "new idura-no-bankid acme"));
    tmux.wait_for("first", "Step 1 of 12");
    // To the signatory's eID: pick Norwegian BankID from the list.
    tmux.keys("first", &["Tab", "Enter"]);
    tmux.type_text("first", "norw");
    tmux.keys("first", &["Enter", "Tab"]);
    // The step's title in the header line: "The service" alone is also in the step list.
    tmux.wait_for("first", "Step 3 of 12: The service");
    tmux.type_text("first", "Typed in tmux: ærlig, østlig, åpen");
    tmux.wait_for("first", "Typed in tmux: ærlig, østlig, åpen");
    // Typed text sits in the editor until the field is left or Ctrl-S saves it.
    let file = data.join("drafts/acme.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    assert!(!before.contains("Typed in tmux"), "{before}");
    tmux.keys("first", &["C-s"]);
    wait_for_saved(&file, "Typed in tmux: ærlig, østlig, åpen");
    tmux.keys("first", &["C-q"]);
    tmux.wait_until_gone("first");

    let draft = std::fs::read_to_string(&file).unwrap();
    assert!(
        draft.contains("Typed in tmux: ærlig, østlig, åpen"),
        "{draft}"
    );
    assert!(draft.contains("no-bankid"), "{draft}");

    tmux.start("second", &wizard_command(&data, "edit acme"));
    let screen = tmux.wait_for("second", "Typed in tmux: ærlig, østlig, åpen");
    assert!(
        screen.contains("Step 3 of 12: The service"),
        "resumed on the same step:\n{screen}"
    );
    tmux.keys("second", &["C-q"]);
    tmux.wait_until_gone("second");
}

#[test]
#[ignore = "needs tmux"]
fn ctrl_c_restores_the_terminal_and_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let tmux = Tmux::new();
    // A shell stays in the pane, so what the terminal shows after the wizard can be read.
    tmux.start("shell", "sh");
    tmux.type_text(
        "shell",
        &format!(
            "{}; echo wizard-exited-$?\n",
            wizard_command(&data, "new criipto-no-bankid keep")
        ),
    );
    tmux.wait_for("shell", "Step 1 of");
    tmux.keys("shell", &["PageDown", "PageDown"]);
    tmux.wait_for("shell", "Step 3 of");
    tmux.type_text("shell", "Half a sentence");
    tmux.wait_for("shell", "Half a sentence");
    tmux.keys("shell", &["C-c"]);
    let screen = tmux.wait_for("shell", "wizard-exited-0");
    // Back on the normal screen: the wizard's frame is gone.
    assert!(!screen.contains("Step 3 of"), "{screen}");
    let draft = std::fs::read_to_string(data.join("drafts/keep.toml")).unwrap();
    assert!(draft.contains("Half a sentence"), "{draft}");
}
