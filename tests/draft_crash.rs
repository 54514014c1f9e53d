//! Kills a process that saves a draft in a loop (SIGKILL, at a random moment, hundreds of times on the
//! same data folder) and checks that the draft and its backup are always complete: each is exactly
//! one of the two versions being written, never a mix, a truncated file or nothing.
//!
//! The process killed is this test binary itself, started again to run only `save_loop_child`,
//! which saves in a loop (`eid_onboard::draft::stress::save_loop`) with what the environment
//! variable below names: the saving code is the store's, and the released binary has no command
//! for it.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use eid_onboard::draft::{DraftName, DraftStore};

const ITERATIONS: usize = 500;

/// Set in the child: the data folder, the draft name and the two answers files, one a line.
const CHILD_ENV: &str = "EID_ONBOARD_TEST_SAVE_LOOP";

/// The saving child: runs only when started by `sigkill_mid_save_never_loses_the_draft`, with
/// [`CHILD_ENV`] set; saves until killed.
#[test]
#[ignore = "the child process of sigkill_mid_save_never_loses_the_draft, started by it"]
fn save_loop_child() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let [data, name, file_a, file_b] = spec.lines().collect::<Vec<_>>()[..] else {
        panic!("{CHILD_ENV}: want four lines, got {spec:?}");
    };
    let store = DraftStore::open(data).unwrap();
    let name = DraftName::parse(name).unwrap();
    match eid_onboard::draft::stress::save_loop(&store, &name, file_a.as_ref(), file_b.as_ref()) {
        Ok(never) => match never {},
        Err(e) => panic!("save loop: {e}"),
    }
}

/// Starts this test binary again, running only [`save_loop_child`] on these files.
fn spawn_child(data: &Path, name: &str, file_a: &Path, file_b: &Path) -> Child {
    let spec = [data, Path::new(name), file_a, file_b]
        .map(|p| p.to_str().expect("a UTF-8 temporary path").to_string())
        .join("\n");
    Command::new(std::env::current_exe().unwrap())
        .args(["save_loop_child", "--exact", "--ignored", "--nocapture"])
        .args(["--test-threads", "1"])
        .env(CHILD_ENV, spec)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Reads the child's output up to its `ready` (the test harness speaks first); false when
/// it ended without one. `line` keeps the last line read.
fn wait_for_ready(stdout: impl Read, line: &mut String) -> bool {
    let mut reader = BufReader::new(stdout);
    loop {
        line.clear();
        match reader.read_line(line) {
            Ok(0) | Err(_) => return false,
            // The harness names the test on the same line first: `test save_loop_child ... ready`.
            Ok(_) if line.trim_end().ends_with("ready") => return true,
            Ok(_) => {}
        }
    }
}
/// The kill comes 0 to this many milliseconds after the first save.
const MAX_DELAY_MS: u64 = 15;

/// xorshift64*: enough to spread the kill moments, no extra dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Writes an answers file and returns its answers (the table without `form`).
fn answers_file(path: &Path, text: &str) -> toml::Table {
    fs::write(path, text).unwrap();
    let mut table: toml::Table = toml::from_str(text).unwrap();
    table.remove("form").unwrap();
    table
}

/// The store's temporary files (`.NAME.….tmp`) now in the drafts folder.
fn temp_files(drafts: &Path) -> Vec<PathBuf> {
    fs::read_dir(drafts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with('.') && name.ends_with(".tmp")
        })
        .collect()
}

fn fail(mut child: Child, why: &str) -> ! {
    let _ = child.kill();
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut stderr);
    }
    panic!(
        "{why} (exit: {status}; stderr: {stderr:?}). \
         Does the child still run `save_loop_child`?"
    );
}

#[test]
fn sigkill_mid_save_never_loses_the_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let file_a = tmp.path().join("A.toml");
    let file_b = tmp.path().join("B.toml");
    let answers_a = answers_file(
        &file_a,
        "form = \"bankid-oidc\"\n\
         purpose = \"Kort formål.\"\n\
         [org]\nname = \"Alfa AS\"\norgnr = \"974760673\"\n",
    );
    // B is large and multi-line, so a save takes long enough to be killed halfway through.
    let mut long = String::new();
    for i in 0..200 {
        long.push_str(&format!(
            "Linje {i}: Blåbærsyltetøy fra Ørsta og Ålesund, «sitert» tekst med \"anførsel\".\n"
        ));
    }
    let answers_b = answers_file(
        &file_b,
        &format!(
            "form = \"bankid-oidc\"\n\
             purpose = '''\n{long}'''\n\
             [org]\nname = \"Beta Søn & Co ANS\"\norgnr = \"923609016\"\nusers = 120000\n"
        ),
    );
    assert_ne!(answers_a, answers_b);

    // Opened once, before any run, and used only to read: opening again would clean up the temporary
    // files that each new run of the binary must clean up itself.
    let store = DraftStore::open(&data).unwrap();
    let name = DraftName::parse("crash").unwrap();
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = XorShift(seed);

    let start = Instant::now();
    let (mut killed, mut mid_save, mut mid_backup) = (0, 0, 0);
    let (mut ended_a, mut ended_b, mut backups) = (0, 0, 0);
    let mut leftovers: Vec<PathBuf> = Vec::new();
    for i in 0..ITERATIONS {
        let mut child = spawn_child(&data, name.as_str(), &file_a, &file_b);
        let mut line = String::new();
        let stdout = child.stdout.take().unwrap();
        if !wait_for_ready(stdout, &mut line) {
            fail(child, &format!("run {i}: no `ready` line (got {line:?})"));
        }
        // This run took the lock and saved once, so it has removed what the last killed run left.
        for path in leftovers.drain(..) {
            assert!(
                !path.exists(),
                "run {i}: stale {} not removed",
                path.display()
            );
        }

        std::thread::sleep(Duration::from_millis(rng.next() % (MAX_DELAY_MS + 1)));
        if child.try_wait().unwrap().is_some() {
            fail(child, &format!("run {i}: the save loop stopped by itself"));
        }
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "run {i}: {status}");
        killed += 1;

        leftovers = temp_files(store.drafts_dir());
        if !leftovers.is_empty() {
            mid_save += 1;
        }
        if leftovers
            .iter()
            .any(|p| p.to_string_lossy().contains(".bak-"))
        {
            mid_backup += 1;
        }
        let draft = store
            .load(&name)
            .unwrap_or_else(|e| panic!("run {i} (seed {seed}): {e}"));
        assert_eq!(draft.form, "bankid-oidc");
        if draft.answers == answers_a {
            ended_a += 1;
        } else if draft.answers == answers_b {
            ended_b += 1;
        } else {
            panic!("run {i} (seed {seed}): the draft holds neither A's nor B's answers");
        }
        if store.backup_path_of(&name).exists() {
            let backup = store
                .load_backup(&name)
                .unwrap_or_else(|e| panic!("run {i} (seed {seed}): backup: {e}"));
            assert!(
                backup.answers == answers_a || backup.answers == answers_b,
                "run {i} (seed {seed}): the backup holds neither A's nor B's answers"
            );
            backups += 1;
        }
    }
    let elapsed = start.elapsed();
    println!(
        "crash test: {killed}/{ITERATIONS} SIGKILLs landed in {elapsed:.1?} (seed {seed}); \
         {mid_save} mid-save (temporary file left behind, {mid_backup} of them while keeping the backup); draft ended as A {ended_a}, B {ended_b}; \
         backup checked {backups} times"
    );
    // Some kills must have hit a save in progress, or this test proves nothing.
    assert!(mid_save > 0, "no kill landed during a save");
}
