//! The local sendmail program, started here rather than through lettre's transport, which waits
//! for it without a limit and hands it the whole environment, the SMTP password included.
//!
//! The program gets the mail time limit: one that has not exited by then is killed, with every
//! process it started (it runs in a process group of its own), and the send fails as timed out.
//! Its environment is ours without [`SMTP_PASSWORD_ENV`]: sendmail has its own configuration and
//! never needs the SMTP login of this program.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use lettre::address::Envelope;

use super::config::SMTP_PASSWORD_ENV;
use super::error::{self, FailureKind, SendError};
use crate::t;

/// How often a running program is looked at.
const POLL: Duration = Duration::from_millis(10);
/// The most of the program's error output kept for the message.
const MAX_STDERR: u64 = 4096;

/// Hands `raw` to the sendmail program `command` for the envelope's recipients, as lettre's
/// transport does (`-i -f FROM -- TO…` on the command line, the message on standard input), and
/// waits for it at most `limit`.
pub fn send(
    command: &Path,
    envelope: &Envelope,
    raw: &[u8],
    limit: Duration,
) -> Result<(), SendError> {
    let deadline = Instant::now() + limit;
    let mut child = command_for(command, envelope)
        .spawn()
        .map_err(|e| failure(command, &e.to_string()))?;
    let written = feed(&mut child, raw.to_vec());
    let stderr = collect_stderr(&mut child);
    drain_stdout(&mut child);
    let Some(status) = wait_until(&mut child, deadline) else {
        stop(&mut child);
        return Err(timed_out(command, limit));
    };
    // The program has exited; what it wrote is at most a moment behind (unless something it
    // started holds the pipes open: then the message goes without its words).
    let grace = deadline
        .saturating_duration_since(Instant::now())
        .min(Duration::from_secs(1));
    let said = stderr.recv_timeout(grace).unwrap_or_default();
    let fed = written.recv_timeout(grace).unwrap_or(Ok(()));
    if !status.success() {
        let detail = if said.trim().is_empty() {
            status.to_string()
        } else {
            said
        };
        return Err(failure(command, &detail));
    }
    fed.map_err(|e| failure(command, &format!("it did not read the whole message: {e}")))
}

/// The command line lettre's transport uses, in a process group of its own, without the password.
fn command_for(command: &Path, envelope: &Envelope) -> Command {
    use std::os::unix::process::CommandExt;
    let mut c = Command::new(command);
    c.arg("-i");
    if let Some(from) = envelope.from() {
        c.arg("-f").arg(from);
    }
    c.arg("--")
        .args(envelope.to())
        .env_remove(SMTP_PASSWORD_ENV)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    c
}

/// Writes the message to the program's standard input on a thread of its own (a program that
/// does not read would otherwise block us once the pipe is full), then closes it.
fn feed(child: &mut Child, raw: Vec<u8>) -> Receiver<std::io::Result<()>> {
    let (tx, rx) = mpsc::channel();
    if let Some(mut stdin) = child.stdin.take() {
        std::thread::spawn(move || {
            let _ = tx.send(stdin.write_all(&raw));
        });
    }
    rx
}

/// The program's error output, its first [`MAX_STDERR`] bytes, once it closes it.
fn collect_stderr(child: &mut Child) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    if let Some(stderr) = child.stderr.take() {
        std::thread::spawn(move || {
            let mut stderr = stderr;
            let mut kept = Vec::new();
            let _ = stderr.by_ref().take(MAX_STDERR).read_to_end(&mut kept);
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            let _ = tx.send(String::from_utf8_lossy(&kept).into_owned());
        });
    }
    rx
}

/// Reads and drops the program's standard output, so a chatty one never blocks on a full pipe.
fn drain_stdout(child: &mut Child) {
    if let Some(mut stdout) = child.stdout.take() {
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut stdout, &mut std::io::sink());
        });
    }
}

/// The program's exit status, or `None` when it is still running at `deadline`.
fn wait_until(child: &mut Child, deadline: Instant) -> Option<ExitStatus> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() >= deadline => return None,
            Ok(None) => std::thread::sleep(POLL),
            // Cannot be asked about (should not happen for our own child): treat as still running.
            Err(_) if Instant::now() >= deadline => return None,
            Err(_) => std::thread::sleep(POLL),
        }
    }
}

/// Kills the program and everything it started, and reaps it.
fn stop(child: &mut Child) {
    let group = rustix::process::Pid::from_child(child);
    let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    let _ = child.kill();
    let _ = child.wait();
}

fn timed_out(command: &Path, limit: Duration) -> SendError {
    let shown = command.display().to_string();
    let secs = format!("{}", limit.as_secs_f64());
    let secs_nb = secs.replace('.', ",");
    SendError::new(
        FailureKind::Timeout,
        t!(
            nb: "sendmail-programmet {shown} var ikke ferdig innen {secs_nb} s og ble stoppet; meldingen er ikke sendt",
            en: "The sendmail program {shown} did not finish within {secs} s and was stopped; the message was not sent",
        ),
        t!(
            nb: "Sjekk at programmet virker (EID_ONBOARD_SENDMAIL eller sendmail under [mail]); tidsgrensen settes med EID_ONBOARD_SMTP_TIMEOUT eller timeout under [mail].",
            en: "Check that the program works (EID_ONBOARD_SENDMAIL or sendmail under [mail]); the time limit is EID_ONBOARD_SMTP_TIMEOUT or timeout under [mail].",
        ),
    )
}

fn failure(command: &Path, detail: &str) -> SendError {
    let shown = command.display().to_string();
    let detail = error::clean(detail);
    SendError::new(
        FailureKind::Sendmail,
        t!(
            nb: "sendmail-programmet {shown} sendte ikke meldingen ({detail})",
            en: "The sendmail program {shown} did not send the message ({detail})",
        ),
        t!(
            nb: "Sjekk at programmet finnes og er satt opp (EID_ONBOARD_SENDMAIL eller sendmail under [mail]), eller send med SMTP.",
            en: "Check that the program exists and is set up (EID_ONBOARD_SENDMAIL or sendmail under [mail]), or send by SMTP.",
        ),
    )
}
