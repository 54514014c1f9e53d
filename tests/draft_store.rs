//! The draft store: round trips, file rights, backups, locking, and refusing to overwrite what it
//! cannot read. Every test has its own temporary data folder, so they run in parallel.

use std::fs::{self, Permissions};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use eid_onboard::draft::{
    Draft, DraftError, DraftName, DraftStore, Position, SCHEMA_VERSION, Status,
};
use tempfile::TempDir;

fn name(s: &str) -> DraftName {
    DraftName::parse(s).unwrap()
}

/// A fresh data folder (not yet created: `open` makes it) inside its own temporary folder.
fn fresh() -> (TempDir, PathBuf, DraftStore) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let store = DraftStore::open(&data).unwrap();
    (tmp, data, store)
}

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

fn sample(org: &str) -> Draft {
    let mut draft = Draft::new("bankid-oidc", ts("2026-03-01T09:30:00Z"));
    draft.updated = ts("2026-03-02T14:05:06.123Z");
    draft.status = Status::Draft;
    draft.position = Some(Position {
        step: "contacts".into(),
        field: Some("technical.email".into()),
    });
    let answers: toml::Table = toml::from_str(&format!(
        r#"
org = {{ name = "{org}", orgnr = "974760673" }}
purpose = """
Innlogging for søknader om støtte.
Linje to: «sitat» og 'apostrof' og \"dobbelt\".
Tredje linje med æøå ÆØÅ og emoji 🦌."""
contacts = [{{ name = "Ærlige Åse Øvrebø", email = "ase@example.no" }}]
consent = true
users = 1200
"#
    ))
    .unwrap();
    draft.answers = answers;
    draft
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn round_trip_keeps_everything() {
    let (_tmp, _data, store) = fresh();
    let n = name("acme");
    assert!(!store.exists(&n));
    let draft = sample("Blåbær & Søn AS");
    let lock = store.lock(&n).unwrap();
    store.save(&lock, &draft).unwrap();
    assert!(store.exists(&n));
    let loaded = store.load(&n).unwrap();
    assert_eq!(loaded, draft);
    let purpose = loaded.answers["purpose"].as_str().unwrap();
    assert!(purpose.contains("æøå ÆØÅ"), "{purpose}");
    assert_eq!(purpose.lines().count(), 3);
    assert_eq!(store.path_of(&n), store.drafts_dir().join("acme.toml"));
    // The file is ordinary readable TOML.
    let text = fs::read_to_string(store.path_of(&n)).unwrap();
    assert!(text.contains("schema_version = 1"), "{text}");
}

#[test]
fn files_are_0600_and_folders_0700() {
    let (_tmp, data, store) = fresh();
    let n = name("rights");
    let lock = store.lock(&n).unwrap();
    store.save(&lock, &sample("One")).unwrap();
    store.save(&lock, &sample("Two")).unwrap();
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(store.drafts_dir()), 0o700);
    assert_eq!(mode(&store.path_of(&n)), 0o600);
    assert_eq!(mode(&store.backup_path_of(&n)), 0o600);
    assert_eq!(mode(&store.drafts_dir().join(".rights.lock")), 0o600);
}

#[test]
fn open_tightens_a_loose_drafts_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let drafts = tmp.path().join("drafts");
    fs::create_dir(&drafts).unwrap();
    fs::set_permissions(&drafts, Permissions::from_mode(0o755)).unwrap();
    let store = DraftStore::open(tmp.path()).unwrap();
    assert_eq!(store.drafts_dir(), drafts);
    assert_eq!(mode(&drafts), 0o700);
}

#[test]
fn a_draft_written_looser_by_hand_becomes_0600_with_its_backup() {
    let (_tmp, _data, store) = fresh();
    let n = name("hand");
    let lock = store.lock(&n).unwrap();
    store.save(&lock, &sample("One")).unwrap();
    fs::set_permissions(store.path_of(&n), Permissions::from_mode(0o644)).unwrap();
    store.save(&lock, &sample("Two")).unwrap();
    assert_eq!(mode(&store.path_of(&n)), 0o600);
    assert_eq!(mode(&store.backup_path_of(&n)), 0o600);
}

#[test]
fn backup_holds_the_previous_version() {
    let (_tmp, _data, store) = fresh();
    let n = name("bak");
    let lock = store.lock(&n).unwrap();
    let first = sample("First AS");
    store.save(&lock, &first).unwrap();
    assert!(matches!(
        store.load_backup(&n),
        Err(DraftError::NoBackup { .. })
    ));
    let second = sample("Second AS");
    store.save(&lock, &second).unwrap();
    assert_eq!(store.load(&n).unwrap(), second);
    assert_eq!(store.load_backup(&n).unwrap(), first);
    let third = sample("Third AS");
    store.save(&lock, &third).unwrap();
    assert_eq!(store.load(&n).unwrap(), third);
    assert_eq!(store.load_backup(&n).unwrap(), second);
    // Nothing but the draft, its backup and the lock file is left behind.
    assert_eq!(
        names_in(store.drafts_dir()),
        [".bak.lock", "bak.toml", "bak.toml.bak"]
    );
}

#[test]
fn saving_what_the_draft_holds_keeps_the_backup_and_the_file() {
    // Opening a draft and quitting saves it unchanged: that must not turn `.bak` into a copy of it.
    let (_tmp, _data, store) = fresh();
    let n = name("same");
    let lock = store.lock(&n).unwrap();
    let first = sample("First AS");
    let second = sample("Second AS");
    store.save(&lock, &first).unwrap();
    store.save(&lock, &second).unwrap();
    let before = fs::metadata(store.path_of(&n)).unwrap();
    store.save(&lock, &second).unwrap();
    let after = fs::metadata(store.path_of(&n)).unwrap();
    assert_eq!(store.load_backup(&n).unwrap(), first);
    assert_eq!(store.load(&n).unwrap(), second);
    assert_eq!(
        (after.ino(), after.mtime_nsec()),
        (before.ino(), before.mtime_nsec())
    );
}

#[test]
fn lock_conflicts_across_stores_and_is_released_on_drop() {
    let (_tmp, data, store) = fresh();
    let other = DraftStore::open(&data).unwrap();
    let n = name("shared");
    let lock = store.lock(&n).unwrap();
    assert_eq!(lock.name(), &n);
    for attempt in [other.lock(&n), store.lock(&n)] {
        match attempt {
            Err(DraftError::Locked { name, pid }) => {
                assert_eq!(name, "shared");
                assert_eq!(pid, Some(std::process::id()));
            }
            other => panic!("expected Locked, got {other:?}"),
        }
    }
    // Another draft is not affected, and reading needs no lock.
    let _unrelated = other.lock(&name("unrelated")).unwrap();
    assert!(matches!(other.load(&n), Err(DraftError::NotFound { .. })));
    drop(lock);
    let again = other.lock(&n).unwrap();
    other.save(&again, &sample("Now mine")).unwrap();
}

#[test]
fn only_one_of_many_threads_gets_the_lock() {
    let (_tmp, data, _store) = fresh();
    let n = name("race");
    let barrier = std::sync::Barrier::new(8);
    let (winners, locked): (Vec<_>, Vec<_>) = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                s.spawn(|| {
                    let store = DraftStore::open(&data).unwrap();
                    barrier.wait();
                    let result = store.lock(&n);
                    // Hold a winner's lock until every thread has tried.
                    barrier.wait();
                    result.map(|_| ())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .partition(Result::is_ok)
    });
    assert_eq!(winners.len(), 1);
    assert!(
        locked
            .iter()
            .all(|r| matches!(r, Err(DraftError::Locked { .. })))
    );
}

#[test]
fn a_lock_file_left_by_an_older_process_names_only_the_new_holder() {
    let (_tmp, _data, store) = fresh();
    let n = name("stale");
    let lock_file = store.drafts_dir().join(".stale.lock");
    for left_behind in ["4194304999999\nmore\n", "7\n", ""] {
        fs::write(&lock_file, left_behind).unwrap();
        let lock = store.lock(&n).unwrap();
        assert_eq!(
            fs::read_to_string(&lock_file).unwrap(),
            format!("{}\n", std::process::id()),
            "after {left_behind:?}"
        );
        drop(lock);
        // A clean end removes the lock file it took over.
        assert!(!lock_file.exists(), "after {left_behind:?}");
    }
}

#[test]
fn a_released_lock_leaves_no_file_and_the_next_one_works() {
    let (_tmp, data, store) = fresh();
    let other = DraftStore::open(&data).unwrap();
    let n = name("tidy");
    let lock = store.lock(&n).unwrap();
    store.save(&lock, &sample("One")).unwrap();
    assert!(lock.path().exists());
    let path = lock.path().to_path_buf();
    drop(lock);
    assert_eq!(names_in(store.drafts_dir()), ["tidy.toml"]);
    // Whoever locks next makes a new file, and saving under it works.
    let again = other.lock(&n).unwrap();
    assert!(path.exists());
    other.save(&again, &sample("Two")).unwrap();
    drop(again);
    assert!(!path.exists());
    assert_eq!(store.load(&n).unwrap(), sample("Two"));
}

#[test]
fn a_lock_of_another_store_is_refused() {
    let (_tmp, _data, store) = fresh();
    let (_tmp2, _data2, elsewhere) = fresh();
    let n = name("mine");
    let foreign = elsewhere.lock(&n).unwrap();
    assert!(matches!(
        store.save(&foreign, &sample("X")),
        Err(DraftError::LockMismatch { .. })
    ));
    assert!(!store.exists(&n));
}

#[test]
fn corrupt_draft_is_reported_with_its_line_and_never_overwritten() {
    let (_tmp, _data, store) = fresh();
    let n = name("broken");
    let path = store.path_of(&n);
    let bytes = b"schema_version = 1\nform = \"bankid-oidc\"\nthis line is not toml\n";
    fs::write(&path, bytes).unwrap();
    match store.load(&n) {
        Err(DraftError::Corrupt {
            path: p,
            line,
            column,
            message,
        }) => {
            assert_eq!(p, path);
            assert_eq!(line, 3, "{message}");
            assert!(column >= 1);
            let shown = DraftError::Corrupt {
                path: p,
                line,
                column,
                message,
            }
            .to_string();
            assert!(shown.contains("broken.toml:3:"), "{shown}");
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    let before = names_in(store.drafts_dir());
    let lock = store.lock(&n).unwrap();
    assert!(matches!(
        store.save(&lock, &sample("Would overwrite")),
        Err(DraftError::Corrupt { line: 3, .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(!store.backup_path_of(&n).exists());
    // Only the lock file is new: no temporary file, no backup.
    let mut expected = before;
    expected.insert(0, ".broken.lock".to_owned());
    assert_eq!(names_in(store.drafts_dir()), expected);
}

#[test]
fn shape_errors_and_bad_bytes_are_corrupt_with_a_position() {
    let (_tmp, _data, store) = fresh();
    let cases: [(&str, &[u8], usize); 5] = [
        // A field of the wrong type: reported where the value is.
        (
            "shape",
            b"schema_version = 1\nform = \"x\"\ncreated = \"2026-03-01T09:30:00Z\"\nupdated = \"yesterday\"\n",
            4,
        ),
        ("noversion", b"form = \"x\"\n", 1),
        ("textversion", b"form = \"x\"\n\nschema_version = \"1\"\n", 3),
        ("zeroversion", b"form = \"x\"\nschema_version = 0\n", 2),
        ("latin1", b"schema_version = 1\nform = \"bl\xe5b\xe6r\"\n", 2),
    ];
    for (n, bytes, want_line) in cases {
        let n = name(n);
        fs::write(store.path_of(&n), bytes).unwrap();
        match store.load(&n) {
            Err(DraftError::Corrupt { line, message, .. }) => {
                assert_eq!(line, want_line, "{n}: {message}")
            }
            other => panic!("{n}: expected Corrupt, got {other:?}"),
        }
    }
}

#[test]
fn newer_schema_is_reported_and_never_overwritten() {
    let (_tmp, _data, store) = fresh();
    let n = name("future");
    let path = store.path_of(&n);
    // A future shape this version knows nothing of.
    let bytes =
        b"schema_version = 99\n[order]\nkind = [1, 2]\n\n[[signatories]]\nwho = \"\xc3\x85se\"\n";
    fs::write(&path, bytes).unwrap();
    match store.load(&n) {
        Err(DraftError::NewerSchema {
            path: p,
            found,
            supported,
        }) => {
            assert_eq!((p, found, supported), (path.clone(), 99, SCHEMA_VERSION));
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    let lock = store.lock(&n).unwrap();
    assert!(matches!(
        store.save(&lock, &sample("Would overwrite")),
        Err(DraftError::NewerSchema { found: 99, .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(!store.backup_path_of(&n).exists());
}

#[test]
fn missing_draft_is_not_found() {
    let (_tmp, _data, store) = fresh();
    let n = name("nobody");
    assert!(matches!(store.load(&n), Err(DraftError::NotFound { name }) if name == "nobody"));
    assert!(matches!(
        store.load_backup(&n),
        Err(DraftError::NoBackup { .. })
    ));
    assert!(!store.exists(&n));
}

#[test]
fn list_shows_a_corrupt_draft_beside_good_ones_and_nothing_else() {
    let (_tmp, _data, store) = fresh();
    for n in ["charlie", "alpha"] {
        let n = name(n);
        let lock = store.lock(&n).unwrap();
        store.save(&lock, &sample("Earlier AS")).unwrap();
        store.save(&lock, &sample(n.as_str())).unwrap(); // makes a .bak
    }
    let dir = store.drafts_dir();
    fs::write(dir.join("bravo.toml"), "schema_version = 1\nform = [\n").unwrap();
    // Not drafts: temporary, hidden, backup-only, lock, invalid names, other files, folders.
    fs::write(dir.join(".delta.toml-AbCd1234.tmp"), "half a dra").unwrap();
    fs::write(dir.join(".hidden.toml"), "").unwrap();
    fs::write(dir.join("echo.toml.bak"), "").unwrap();
    fs::write(dir.join(".foxtrot.lock"), "123\n").unwrap();
    fs::write(dir.join("two words.toml"), "").unwrap();
    fs::write(dir.join("notes.txt"), "").unwrap();
    fs::create_dir(dir.join("golf.toml")).unwrap();

    let listings = store.list().unwrap();
    let names: Vec<&str> = listings.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["alpha", "bravo", "charlie"]);
    assert_eq!(listings[0].draft.as_ref().unwrap(), &sample("alpha"));
    assert!(matches!(
        &listings[1].draft,
        Err(DraftError::Corrupt { line: 2, .. })
    ));
    assert_eq!(listings[1].path, dir.join("bravo.toml"));
    assert_eq!(listings[2].draft.as_ref().unwrap(), &sample("charlie"));
}

#[test]
fn invalid_names_are_refused() {
    for bad in [
        "../x",
        "a/b",
        "",
        ".hidden",
        "two words",
        "æ",
        "-x",
        &"x".repeat(65),
    ] {
        assert!(
            matches!(DraftName::parse(bad), Err(DraftError::InvalidName { .. })),
            "{bad:?}"
        );
    }
    assert_eq!(name("Acme_2026-v2").to_string(), "Acme_2026-v2");
}

#[test]
fn stale_temporary_files_are_removed_on_open_unless_their_draft_is_locked() {
    let (_tmp, data, store) = fresh();
    let dir = store.drafts_dir().to_path_buf();
    let crashed = name("crashed");
    let lock = store.lock(&crashed).unwrap();
    store.save(&lock, &sample("Kept")).unwrap();
    drop(lock);
    // What a writer killed mid-save leaves: a partial draft and a backup link under temporary names.
    fs::write(
        dir.join(".crashed.toml-AbCd1234.tmp"),
        "schema_version = 1\nform = \"ha",
    )
    .unwrap();
    fs::write(dir.join(".crashed.bak-XyZ98765.tmp"), "").unwrap();
    // A draft being saved right now by someone else: its temporary file is not stale.
    let busy = name("busy");
    let held = store.lock(&busy).unwrap();
    fs::write(dir.join(".busy.toml-Qwer5678.tmp"), "in progress").unwrap();
    // Files that are not ours are left alone.
    fs::write(dir.join(".crashed.toml-short.tmp"), "").unwrap();
    fs::write(dir.join("keep.tmp"), "").unwrap();

    let reopened = DraftStore::open(&data).unwrap();
    let left = names_in(&dir);
    assert!(
        !left.contains(&".crashed.toml-AbCd1234.tmp".to_owned()),
        "{left:?}"
    );
    assert!(
        !left.contains(&".crashed.bak-XyZ98765.tmp".to_owned()),
        "{left:?}"
    );
    assert!(
        left.contains(&".busy.toml-Qwer5678.tmp".to_owned()),
        "{left:?}"
    );
    assert!(
        left.contains(&".crashed.toml-short.tmp".to_owned()),
        "{left:?}"
    );
    assert!(left.contains(&"keep.tmp".to_owned()), "{left:?}");
    assert_eq!(reopened.load(&crashed).unwrap(), sample("Kept"));
    // Cleaning up took the crashed draft's lock only for a moment, and never touched the busy one.
    drop(reopened.lock(&crashed).unwrap());
    assert!(matches!(
        reopened.lock(&busy),
        Err(DraftError::Locked { .. })
    ));
    drop(held);
    // Once its holder is gone, taking the lock clears the leftover too.
    drop(reopened.lock(&busy).unwrap());
    assert!(!dir.join(".busy.toml-Qwer5678.tmp").exists());
}

#[test]
fn delete_removes_draft_backup_and_lock_file() {
    let (_tmp, _data, store) = fresh();
    let n = name("gone");
    let keep = name("kept");
    let lock = store.lock(&n).unwrap();
    store.save(&lock, &sample("One")).unwrap();
    store.save(&lock, &sample("Two")).unwrap();
    let keep_lock = store.lock(&keep).unwrap();
    store.save(&keep_lock, &sample("Other")).unwrap();
    store.delete(lock).unwrap();
    assert!(matches!(store.load(&n), Err(DraftError::NotFound { .. })));
    assert!(matches!(
        store.load_backup(&n),
        Err(DraftError::NoBackup { .. })
    ));
    assert_eq!(names_in(store.drafts_dir()), [".kept.lock", "kept.toml"]);
    // The name is free again, and deleting what is not there says so.
    let again = store.lock(&n).unwrap();
    assert!(matches!(
        store.delete(again),
        Err(DraftError::NotFound { .. })
    ));
    assert_eq!(store.load(&keep).unwrap(), sample("Other"));
}

#[test]
fn default_data_dir_is_named_for_the_app() {
    if let Some(dir) = DraftStore::default_data_dir() {
        assert!(dir.ends_with("eid-onboard"), "{}", dir.display());
    }
}
