//! The line-by-line wizard (`--plain`) on a real terminal, as a screen-reader user runs it: the real
//! binary with a pseudo-terminal as its standard input and output (`tests/common/pty.rs`), asking a
//! real HTTP server on 127.0.0.1 that serves the recorded Enhetsregisteret answers. The same
//! dialogue as `tests/plain_registry.rs`, but each answer is typed only once its question is on the
//! terminal, and the terminal's bytes are checked for cursor movement and colours.

mod common;

use std::process::Command;

use common::Workspace;
use common::brreg;
use common::parity::{assert_parity_answers, exported as answers};
use common::pty::{self, Pty};

/// The wizard in `--plain` mode on a pty, on the workspace's data and cache, asking `registry`.
/// Colours are not switched off from outside (no `NO_COLOR`, a colour `TERM`): if the plain mode
/// sent any, the test would see them.
fn plain(ws: &Workspace, registry: &str, args: &[&str]) -> Pty {
    let mut command = Command::new(env!("CARGO_BIN_EXE_eid-onboard"));
    command
        .arg("--plain")
        .arg("--data-dir")
        .arg(ws.data_dir())
        .args(["--lang", "en"])
        .args(args)
        .current_dir(ws.dir.path())
        .env_remove("EID_ONBOARD_DATA_DIR")
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .env("LANG", "en_GB.UTF-8")
        .env("EID_ONBOARD_REGISTRY_URL", registry)
        .env("EID_ONBOARD_REGISTRY_TIMEOUT", "5")
        .env(eid_onboard::domain_check::ENABLED_ENV, "off")
        .env("EID_ONBOARD_CACHE_DIR", ws.cache_dir())
        .env("XDG_CONFIG_HOME", ws.dir.path().join("config"));
    for var in eid_onboard::mail::config::ENV_VARS {
        command.env_remove(var);
    }
    Pty::spawn(command)
}

/// Waits for `question` and then for the prompt marker after it, and types `text` and Enter.
#[track_caller]
fn answer(pty: &mut Pty, question: &str, text: &str) {
    pty.expect(question);
    prompt(pty, text);
}

/// Waits for the next prompt marker (at the start of a line) and types `text` and Enter.
#[track_caller]
fn prompt(pty: &mut Pty, text: &str) {
    pty.expect("\n> ");
    pty.line(text);
}

/// Fails when the bytes the wizard wrote hold anything a screen reader would stumble over.
#[track_caller]
fn assert_plain_bytes(pty: &Pty) {
    let raw = pty.raw();
    let sequences = pty::screen_control_sequences(&raw);
    assert!(
        sequences.is_empty(),
        "the plain wizard sent cursor movement, colours or the alternate screen: {sequences:?}\n{}",
        String::from_utf8_lossy(&raw)
    );
}

#[test]
fn on_a_terminal_the_register_fills_the_company_and_renames_the_bank_same_as_copies_a_contact() {
    let ws = Workspace::new();
    let server = brreg::registry();
    let mut pty = plain(&ws, &server.url(), &["new", "idura-no-bankid", "acme"]);

    answer(&mut pty, "The signatories' electronic ID *", "1");
    pty.expect("Picked: Norwegian BankID (no-bankid)");
    // The plain wizard leaves the terminal as it is: line editing and echo, no alternate screen.
    assert!(
        pty::cooked(&pty.modes()),
        "the plain wizard keeps the terminal in cooked mode"
    );
    let screen = pty.wait_until("the pick on the screen", |s| {
        s.contents().contains("Picked: Norwegian BankID")
    });
    assert!(!screen.alternate_screen(), "{}", screen.contents());
    answer(
        &mut pty,
        "What the service does and why it needs BankID *",
        "We run a portal where tenants sign leases online, so we must know who they are.",
    );
    // The text goes on over lines until one holding only a dot.
    prompt(&mut pty, ".");

    // company.name: left empty on purpose; the wizard asks once more, and Enter again leaves it.
    answer(&mut pty, "Company name *", "");
    pty.expect(
        "This question needs an answer. Type it, or press Enter again (or -) to leave it empty \
         for now.",
    );
    pty.wait_for("This question needs an answer");
    answer(&mut pty, "Company name *", "");
    answer(&mut pty, "Country of registration *", "");

    // The organisation number: the register fills the name and the address.
    answer(&mut pty, "Organisation number *", "991825827");
    pty.expect("991825827: registered as DIGITALISERINGSDIREKTORATET, in good standing.");
    pty.expect(
        "Filled in from the register: Company name, Business address — Street address, \
         Business address — Postal code, Business address — City.",
    );
    // The address parts come back with the register's values as the current answers: keep each.
    answer(&mut pty, "Business address — Street address *", "");
    answer(&mut pty, "Business address — Postal code *", "");
    answer(&mut pty, "Business address — City *", "");

    answer(&mut pty, "General contact — Name *", "Kari Nordmann");
    answer(&mut pty, "General contact — Mobile *", "+47 912 34 567");
    answer(&mut pty, "General contact — Email *", "kari@example.no");

    // The signatories: a new entry is the general contact (role 1 of the list shown); then
    // Enter, as there is no other signatory.
    answer(
        &mut pty,
        "a adds an entry, d N removes entry N, u N moves entry N up, Enter when done.",
        "a",
    );
    pty.expect(
        "Same person as another role? Type = and its number: 1. General contact (Kari Nordmann).",
    );
    answer(&mut pty, "Signatory, entry 1 — Name", "=1");
    pty.expect("Copied from General contact (Kari Nordmann).");
    answer(
        &mut pty,
        "  1. Kari Nordmann, +4791234567, kari@example.no",
        "",
    );

    // The bank by its short name; the register knows it as DNB BANK ASA: take that name.
    answer(&mut pty, "Bank name *", "dnb");
    pty.expect("Filled in Bank's organisation number: 984851006 (DNB).");
    pty.expect("984851006: registered as DNB BANK ASA, in good standing.");
    answer(
        &mut pty,
        "The register has \"DNB BANK ASA\" for Bank name, you typed \"DNB\". Use the register's? (y/n)",
        "y",
    );
    answer(&mut pty, "Bank's organisation number *", ":q");
    pty.expect("Saved draft acme. Continue later with: eid-onboard edit acme");
    let status = pty.wait_for_exit();
    assert!(status.success(), "{status:?}\n{}", pty.output());

    let out = pty.output();
    if std::env::var_os("SHOW").is_some() {
        eprintln!("{out}");
    }
    assert_eq!(
        out.matches("This question needs an answer").count(),
        1,
        "an empty required answer is refused once:\n{out}"
    );
    // What was typed is on the terminal too: the pty echoes it, as it does for a person.
    assert!(out.contains("> =1\n"), "{out}");
    let screen = pty.screen();
    assert!(
        screen.contains("Saved draft acme. Continue later with: eid-onboard edit acme"),
        "{screen}"
    );
    assert!(
        pty::cooked(&pty.modes()),
        "the terminal is left in cooked mode"
    );
    assert_plain_bytes(&pty);
    drop(pty);

    let answers = answers(&ws, "acme");
    assert_parity_answers(&answers);

    // Next time the bank list offers DNB under its registered name (from the lookup cache).
    let mut again = plain(&ws, &server.url(), &["edit", "acme"]);
    answer(&mut again, "Bank's organisation number *", "<");
    again.expect("Bank name *");
    again.expect("now: DNB BANK ASA");
    prompt(&mut again, "dnb");
    again.expect("Picked: DNB BANK ASA");
    prompt(&mut again, ":q");
    again.expect("Saved draft acme.");
    let status = again.wait_for_exit();
    assert!(status.success(), "{status:?}\n{}", again.output());
    assert_plain_bytes(&again);
}

/// The check of the terminal's bytes can fail: the full-screen wizard, on the same kind of pty,
/// sends what the plain one must not.
#[test]
fn the_full_screen_wizard_on_the_same_pty_sends_what_the_check_looks_for() {
    let ws = Workspace::new();
    let mut command = Command::new(env!("CARGO_BIN_EXE_eid-onboard"));
    command
        .arg("--offline")
        .arg("--data-dir")
        .arg(ws.data_dir())
        .args(["--lang", "en", "new", "idura-no-bankid", "acme"])
        .current_dir(ws.dir.path())
        .env_remove("EID_ONBOARD_DATA_DIR")
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .env("LANG", "en_GB.UTF-8")
        .env("EID_ONBOARD_CACHE_DIR", ws.cache_dir())
        .env("XDG_CONFIG_HOME", ws.dir.path().join("config"));
    let mut pty = Pty::spawn(command);
    pty.wait_for("Step 1 of");
    pty.send(pty::keys::CTRL_Q);
    assert!(pty.wait_for_exit().success());
    let sequences = pty::screen_control_sequences(&pty.raw());
    assert!(
        sequences.iter().any(|s| s == "\\x1b[?1049h"),
        "{sequences:?}"
    );
    assert!(sequences.iter().any(|s| s.ends_with('H')), "{sequences:?}");
}

#[test]
fn the_check_finds_cursor_movement_colours_and_the_alternate_screen() {
    let found = |bytes: &[u8]| pty::screen_control_sequences(bytes);
    assert!(found(b"Company name *\n> \xc3\xb8 1\r\n").is_empty());
    // Sequences that neither move the cursor nor colour are not counted.
    assert!(found(b"\x1b[6n\x1b[?2004h text").is_empty());
    assert_eq!(
        found(b"a\x1b[2Ab\x1b[10;4Hc\x1b[2J\x1b[1;31md\x1b[m\x1b[?1049he\x1b[3C\x1b[B\x1b[1D"),
        [
            "\\x1b[2A",
            "\\x1b[10;4H",
            "\\x1b[2J",
            "\\x1b[1;31m",
            "\\x1b[m",
            "\\x1b[?1049h",
            "\\x1b[3C",
            "\\x1b[B",
            "\\x1b[1D",
        ]
    );
}

/// Ctrl-C, `kill` and a closed terminal window while an answer is half typed: the line typed so
/// far is the answer in the draft (as in the full-screen wizard's focused field), the exit status
/// is the shell's for that signal (130, 143, 129), and the terminal is as it was found (cooked,
/// and Ctrl-C empties a line again). Each signal on another kind of prompt: a line of a text over
/// several lines, a one-line answer, a part of a new repeated entry.
#[test]
fn a_signal_keeps_the_half_typed_line_and_ends_with_the_signal_s_status() {
    use common::pty::keys::CTRL_C;
    use rustix::process::{Pid, Signal, kill_process};
    use rustix::termios::LocalModes;

    enum Send {
        CtrlC,
        Kill(Signal),
    }
    let cases = [
        (
            Send::CtrlC,
            130,
            "service.description",
            "and half a second line",
        ),
        (Send::Kill(Signal::TERM), 143, "company.name", "Acme Nor"),
        (Send::Kill(Signal::HUP), 129, "signatory", "Kari Nord"),
    ];
    for (send, code, at, half) in cases {
        let ws = Workspace::new();
        let mut pty = plain(
            &ws,
            "http://127.0.0.1:9",
            &["new", "idura-no-bankid", "cut"],
        );
        let found = pty.modes();
        answer(&mut pty, "The signatories' electronic ID *", "1");
        answer(
            &mut pty,
            "What the service does and why it needs BankID *",
            "Leases signed online.",
        );
        if at != "service.description" {
            prompt(&mut pty, ".");
            answer(&mut pty, "Company name *", "");
            pty.expect("This question needs an answer");
        }
        if at == "signatory" {
            answer(&mut pty, "Company name *", "Acme AS");
            answer(&mut pty, "Country of registration *", "");
            answer(&mut pty, "Organisation number *", "");
            pty.expect("This question needs an answer");
            answer(&mut pty, "Organisation number *", "");
            for part in ["Street address *", "Postal code *", "City *"] {
                answer(&mut pty, &format!("Business address — {part}"), "");
                pty.expect("This question needs an answer");
                answer(&mut pty, &format!("Business address — {part}"), "");
            }
            for part in ["Name *", "Mobile *", "Email *"] {
                answer(&mut pty, &format!("General contact — {part}"), "");
                pty.expect("This question needs an answer");
                answer(&mut pty, &format!("General contact — {part}"), "");
            }
            answer(&mut pty, "a adds an entry", "a");
            pty.expect("Signatory, entry 1 — Name");
        } else if at == "company.name" {
            pty.expect("Company name *");
        }
        pty.expect("\n> ");
        pty.send(half);
        pty.wait_for(half);
        match send {
            Send::CtrlC => drop(pty.send(CTRL_C)),
            Send::Kill(signal) => {
                let pid = Pid::from_raw(pty.pid() as i32).unwrap();
                kill_process(pid, signal).unwrap();
            }
        }
        let status = pty.wait_for_exit();
        assert_eq!(
            status.code(),
            Some(code),
            "{at}: {status:?}\n{}",
            pty.output()
        );
        pty.expect("Saved draft cut.");

        let answers = answers(&ws, "cut");
        let path = match at {
            "signatory" => "contacts.signatory.0.name",
            field => field,
        };
        let kept = common::parity::get(&answers, path);
        let want = match at {
            "service.description" => "Leases signed online.\nand half a second line",
            _ => half,
        };
        assert_eq!(kept, Some(want), "{at}: {answers:#?}");
        let modes = pty.modes();
        assert!(pty::cooked(&modes), "{at}: cooked mode again");
        assert_eq!(
            modes.local_modes.contains(LocalModes::NOFLSH),
            found.local_modes.contains(LocalModes::NOFLSH),
            "{at}: the terminal's modes as found"
        );
        assert_eq!(modes.local_modes, found.local_modes, "{at}");
        assert!(
            !ws.data_dir().join("drafts/.cut.lock").exists(),
            "{at}: no lock left"
        );
        assert_plain_bytes(&pty);
    }
}
