//! When the screen is complete: first byte, first frame and last change of `eid-onboard edit NAME`
//! on an emulated 80×24 terminal, offline and with the registry on loopback, side by side with a
//! bare ratatui program (examples/bare_frame.rs); and whether the wizard stays quiet while idle.
//!
//! The program runs on a pseudo-terminal; what it writes goes through a terminal emulator (`vt100`).
//! The clock starts just before the spawn. Each chunk read from the pty is stamped when the read
//! returns:
//! - first byte: the first chunk;
//! - first frame: the first chunk after which both the top and the bottom row of the emulated
//!   screen show something (ratatui writes a frame top to bottom; on the home screen, the key bar
//!   above its empty message line);
//! - last change: the last chunk that changed the emulated screen (text or colours), once the
//!   screen has been quiet for `QUIET`.
//!
//! The home screen opened on a thousand drafts is timed the same way, beside `cat` of their files.
//!
//! Then, idle for `IDLE`: the bytes written and the context switches of all the program's threads
//! (from /proc; a thread that sleeps until a key comes adds none).
//!
//! Build first: cargo build --release --bin eid-onboard --example bare_frame
//! Run: cargo bench --bench settle [-- N]  (N runs each, medians; 20 by default)
//!      EID_ONBOARD_BIN=path/to/eid-onboard cargo bench --bench settle   (compare another build)
//!      SETTLE_TRACE=1 cargo bench --bench settle -- 1   (every change of the screen, as it came)

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[allow(dead_code)]
#[path = "../tests/common/http.rs"]
mod http;

#[path = "../tests/common/pty_spawn.rs"]
mod pty_spawn;

#[allow(dead_code)]
#[path = "../tests/common/brreg.rs"]
mod brreg;

const ROWS: u16 = 24;
const COLS: u16 = 80;
/// The screen counts as settled after this long without a change.
const QUIET: Duration = Duration::from_millis(400);
/// How long the idle program is watched for writes and wake-ups.
const IDLE: Duration = Duration::from_secs(1);
const CTRL_Q: &[u8] = b"\x11";

/// One run, in milliseconds from the spawn.
struct Run {
    first_byte: f64,
    first_frame: f64,
    last_change: f64,
    idle_bytes: usize,
    idle_switches: u64,
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = std::env::var_os("EID_ONBOARD_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/release/eid-onboard"));
    let bare = root.join("target/release/examples/bare_frame");
    for program in [&bin, &bare] {
        assert!(
            program.exists(),
            "{} is missing: cargo build --release --bin eid-onboard --example bare_frame",
            program.display()
        );
    }
    let data = tempfile::tempdir().expect("temporary folder");
    let fixture = root.join("tests/fixtures/answers/idura-complete.toml");
    let imported = Command::new(&bin)
        .args(["--offline", "import"])
        .arg(&fixture)
        .arg("bench")
        .envs(environment(data.path()))
        .output()
        .expect("import");
    assert!(imported.status.success(), "import: {imported:?}");
    let many = tempfile::tempdir().expect("temporary folder");
    let drafts = many_drafts(data.path(), many.path());
    let registry = brreg::registry();

    let mut offline = Vec::new();
    let mut loopback = Vec::new();
    let mut bare_runs = Vec::new();
    let mut home_runs = Vec::new();
    let mut cat_ms = Vec::new();
    for i in 0..runs {
        let mut command = Command::new(&bin);
        command
            .args(["--offline", "edit", "bench"])
            .envs(environment(data.path()));
        offline.push(measure(command, CTRL_Q, ROWS - 1));

        // A fresh cache each time, so every lookup goes to the (loopback) registry.
        let cache = data.path().join(format!("cache-{i}"));
        let mut command = Command::new(&bin);
        command
            .args(["edit", "bench"])
            .envs(environment(data.path()))
            .env("EID_ONBOARD_CACHE_DIR", &cache)
            .env("EID_ONBOARD_REGISTRY_URL", registry.url())
            .env("EID_ONBOARD_DOMAIN_CHECK", "off");
        loopback.push(measure(command, CTRL_Q, ROWS - 1));

        let mut command = Command::new(&bare);
        command.envs(environment(data.path()));
        bare_runs.push(measure(command, b"q", ROWS - 1));

        let mut command = Command::new(&bin);
        command.arg("--offline").envs(environment(many.path()));
        // The home screen's last row is its message line, empty here: its key bar is above it.
        home_runs.push(measure(command, CTRL_Q, ROWS - 2));
        cat_ms.push(cat(&drafts));
    }
    println!("settled screen, {COLS}x{ROWS}, ms from spawn: median (fastest) of {runs} runs");
    println!(
        "{:<31} {:>15} {:>15} {:>15} {:>6} {:>9}",
        "program", "first byte", "first frame", "last change", "idle B", "idle wake"
    );
    for (name, runs) in [
        ("eid-onboard edit (offline)", &offline),
        ("eid-onboard edit (registry lo)", &loopback),
        ("bare ratatui", &bare_runs),
        ("eid-onboard home, 1 000 drafts", &home_runs),
    ] {
        let column = |value: fn(&Run) -> f64| {
            let fastest = runs.iter().map(value).fold(f64::INFINITY, f64::min);
            format!("{:.2} ({fastest:.2})", median(runs.iter().map(value)))
        };
        println!(
            "{name:<31} {:>15} {:>15} {:>15} {:>6} {:>9}",
            column(|r| r.first_byte),
            column(|r| r.first_frame),
            column(|r| r.last_change),
            runs.iter().map(|r| r.idle_bytes).max().unwrap_or(0),
            runs.iter().map(|r| r.idle_switches).max().unwrap_or(0),
        );
    }
    println!(
        "cat of the 1 000 drafts: {:.2} ms (median)",
        median(cat_ms.into_iter())
    );
    println!(
        "(idle: the most over the runs, in {} ms after settling)",
        IDLE.as_millis()
    );
}

/// A data folder under `many` holding a thousand copies of the draft imported under `data`, left
/// long enough that the summaries index keeps them (see `draft::index::SETTLE`); their paths.
fn many_drafts(data: &Path, many: &Path) -> Vec<PathBuf> {
    let draft = data.join("data/drafts/bench.toml");
    let drafts = many.join("data/drafts");
    std::fs::create_dir_all(&drafts).expect("drafts folder");
    let paths: Vec<PathBuf> = (0..1000)
        .map(|i| {
            let path = drafts.join(format!("d-{i}.toml"));
            std::fs::copy(&draft, &path).expect("copy the draft");
            path
        })
        .collect();
    std::thread::sleep(Duration::from_millis(3500));
    paths
}

/// Milliseconds for `cat` to read the files, from spawn to exit.
fn cat(files: &[PathBuf]) -> f64 {
    let start = Instant::now();
    let status = Command::new("cat")
        .args(files)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("cat");
    assert!(status.success());
    start.elapsed().as_secs_f64() * 1000.0
}

/// The program's environment: its own data and config folders, a colour terminal, English.
fn environment(data: &Path) -> Vec<(&'static str, std::ffi::OsString)> {
    vec![
        ("TERM", "xterm-256color".into()),
        ("LANG", "en_GB.UTF-8".into()),
        ("EID_ONBOARD_LANG", "en".into()),
        ("EID_ONBOARD_DATA_DIR", data.join("data").into()),
        ("EID_ONBOARD_CACHE_DIR", data.join("cache").into()),
        ("XDG_CONFIG_HOME", data.join("config").into()),
    ]
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Runs `command` on a fresh pty, reads until the screen has been quiet for `QUIET`, watches it
/// idle, then quits it with `quit`. The frame is there once the top row and row `bottom` show
/// something.
fn measure(mut command: Command, quit: &[u8], bottom: u16) -> Run {
    let (master, slave) = pty_spawn::open(ROWS, COLS);
    pty_spawn::attach(&mut command, &slave);
    let mut master = std::fs::File::from(master);
    let (tx, chunks) = mpsc::channel::<(Instant, Vec<u8>)>();
    let mut reader = master.try_clone().expect("dup master");
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n @ 1..) = reader.read(&mut buf) {
            if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                return;
            }
        }
    });
    let start = Instant::now();
    let mut child = command.spawn().expect("spawn on the pty");
    drop(slave);
    let pid = child.id();

    let mut parser = vt100::Parser::new(
        NonZeroU16::new(ROWS).unwrap(),
        NonZeroU16::new(COLS).unwrap(),
        0,
    );
    let ms = |at: Instant| at.duration_since(start).as_secs_f64() * 1000.0;
    let (mut first_byte, mut first_frame, mut last_change) = (None, None, None);
    let mut shown = parser.screen().contents_formatted();
    let limit = start + Duration::from_secs(10);
    loop {
        let (at, chunk) = match chunks.recv_timeout(QUIET) {
            Ok(chunk) => chunk,
            Err(_) if first_frame.is_some() => break,
            Err(_) if Instant::now() > limit => panic!("no frame from {command:?}"),
            Err(_) => continue,
        };
        if chunk.windows(4).any(|w| w == b"\x1b[6n") {
            // A cursor-position query, answered as a terminal would.
            master.write_all(b"\x1b[1;1R").expect("answer");
        }
        first_byte.get_or_insert(ms(at));
        parser.process(&chunk);
        let screen = parser.screen();
        let now = screen.contents_formatted();
        if now != shown {
            shown = now;
            last_change = Some(ms(at));
            if std::env::var_os("SETTLE_TRACE").is_some() {
                eprintln!(
                    "{:8.2} ms: {} bytes changed the screen",
                    ms(at),
                    chunk.len()
                );
            }
        }
        if first_frame.is_none() && row_shown(screen, 0) && row_shown(screen, bottom) {
            first_frame = Some(ms(at));
        }
    }

    let switches_before = context_switches(pid);
    let mut idle_bytes = 0;
    let until = Instant::now() + IDLE;
    while let Some(left) = until.checked_duration_since(Instant::now()) {
        if let Ok((_, chunk)) = chunks.recv_timeout(left) {
            idle_bytes += chunk.len();
        }
    }
    let idle_switches = context_switches(pid).saturating_sub(switches_before);

    let _ = master.write_all(quit);
    let deadline = Instant::now() + Duration::from_secs(5);
    while child.try_wait().ok().flatten().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Run {
        first_byte: first_byte.unwrap_or(f64::NAN),
        first_frame: first_frame.unwrap_or(f64::NAN),
        last_change: last_change.unwrap_or(f64::NAN),
        idle_bytes,
        idle_switches,
    }
}

fn row_shown(screen: &vt100::Screen, row: u16) -> bool {
    (0..COLS).any(|col| {
        screen
            .cell(row, col)
            .is_some_and(|cell| !cell.contents().trim().is_empty())
    })
}

/// Voluntary and involuntary context switches of all the process's threads so far.
fn context_switches(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .filter_map(Result::ok)
        .filter_map(|task| std::fs::read_to_string(task.path().join("status")).ok())
        .flat_map(|status| {
            status
                .lines()
                .filter(|l| l.contains("ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .collect::<Vec<_>>()
        })
        .sum()
}
