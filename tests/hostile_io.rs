//! Hostile files and programs around the real binary: every file it reads (an answers file, the
//! config file, a draft, a registry cache file, a bundle and its entries) may be `/dev/zero` (or a
//! link to it), a FIFO with no writer, or a sparse file of 2 GB, and each is refused at once with an
//! error naming it (or, for the cache, ignored as a missing file is), never read to its end or
//! waited on. A sendmail that never exits is stopped at the mail time limit and never sees the SMTP
//! password; the registry client follows no redirect off the registry's own origin and sends no
//! loopback address through a proxy; a link in place of a draft's lock file is not followed.
//!
//! The commands run with a generous safety limit (`SAFETY`), so a regression fails the test
//! instead of hanging it; no assertion is about how long anything took.

mod common;

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use common::Workspace;
use common::http::{Reply, Server};
use eid_onboard::registry::Client;
use eid_onboard::registry::{Failure, Outcome};

/// A limit no healthy run comes near: only there to turn a hang into a failure.
const SAFETY: Duration = Duration::from_secs(120);
const GB2: u64 = 2 * 1024 * 1024 * 1024;

/// The ways a path can be hostile to a reader.
#[derive(Clone, Copy, Debug)]
enum Hostile {
    /// The device itself.
    DevZero,
    /// A symbolic link to `/dev/zero`.
    LinkToZero,
    /// A FIFO nobody writes to.
    Fifo,
    /// A sparse regular file of 2 GB (zeros).
    Sparse,
}

const ALL: [Hostile; 4] = [
    Hostile::DevZero,
    Hostile::LinkToZero,
    Hostile::Fifo,
    Hostile::Sparse,
];

impl Hostile {
    /// Puts this at `path` (whose folder exists) and returns the path to give the program.
    fn make(self, path: &Path) -> PathBuf {
        let _ = std::fs::remove_file(path);
        match self {
            Hostile::DevZero => PathBuf::from("/dev/zero"),
            Hostile::LinkToZero => {
                std::os::unix::fs::symlink("/dev/zero", path).unwrap();
                path.to_path_buf()
            }
            Hostile::Fifo => {
                fifo(path);
                path.to_path_buf()
            }
            Hostile::Sparse => {
                File::create(path).unwrap().set_len(GB2).unwrap();
                path.to_path_buf()
            }
        }
    }

    /// What the error says of it.
    fn said(self) -> &'static str {
        match self {
            Hostile::DevZero | Hostile::LinkToZero | Hostile::Fifo => "is not a regular file",
            Hostile::Sparse => "is larger than",
        }
    }
}

fn fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// The run failed with exit 2, as a refused file does; its stderr, to check what it says.
fn refused(output: &std::process::Output, hostile: impl std::fmt::Debug) -> String {
    let (stdout, stderr) = text(output);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{hostile:?}: {stdout}{stderr}"
    );
    stderr
}

fn cli(ws: &Workspace) -> assert_cmd::Command {
    let mut cmd = common::cli(ws);
    cmd.timeout(SAFETY);
    cmd
}

/// Imports the fixture `fixture` as the draft `name`, which must succeed.
fn import(ws: &Workspace, fixture: &str, name: &str) {
    cli(ws)
        .arg("import")
        .arg(ws.path(fixture))
        .arg(name)
        .assert()
        .success();
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Exit 2, nothing on stdout, and stderr names `path` and says `said`.
fn assert_refused(output: &Output, path: &Path, said: &str, case: &str) {
    let (stdout, stderr) = text(output);
    assert_eq!(output.status.code(), Some(2), "{case}: {stdout}{stderr}");
    assert!(stdout.is_empty(), "{case}: {stdout}");
    assert!(
        stderr.contains(&path.display().to_string()),
        "{case}: the error names {}: {stderr}",
        path.display()
    );
    assert!(stderr.contains(said), "{case}: {stderr}");
}

#[test]
fn import_refuses_devices_fifos_and_huge_files_naming_them() {
    let ws = Workspace::new();
    for hostile in ALL {
        let path = hostile.make(&ws.path("answers.toml"));
        let output = cli(&ws)
            .arg("import")
            .arg(&path)
            .arg("acme")
            .output()
            .unwrap();
        assert_refused(&output, &path, hostile.said(), &format!("{hostile:?}"));
    }
    assert!(!ws.data_dir().join("drafts/acme.toml").exists());
}

#[test]
fn import_says_the_refusal_in_norwegian_too() {
    let ws = Workspace::new();
    let path = Hostile::Fifo.make(&ws.path("answers.toml"));
    let output = cli(&ws)
        .args(["--lang", "nb", "import"])
        .arg(&path)
        .output()
        .unwrap();
    assert_refused(&output, &path, "er ikke en vanlig fil", "nb");
    let path = Hostile::Sparse.make(&ws.path("big.toml"));
    let output = cli(&ws)
        .args(["--lang", "nb", "import"])
        .arg(&path)
        .output()
        .unwrap();
    assert_refused(&output, &path, "er større enn 4 MB", "nb");
}

#[test]
fn a_hostile_config_file_is_an_error_naming_it() {
    let ws = Workspace::new();
    import(&ws, "idura-complete.toml", "acme");
    let dir = ws.dir.path().join("config/eid-onboard");
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.toml");
    for hostile in [Hostile::LinkToZero, Hostile::Fifo, Hostile::Sparse] {
        hostile.make(&config);
        for command in [&["config"][..], &["check", "acme"]] {
            let output = cli(&ws).args(command).output().unwrap();
            assert_refused(
                &output,
                &config,
                hostile.said(),
                &format!("{hostile:?} {command:?}"),
            );
        }
    }
}

#[test]
fn a_hostile_draft_is_an_error_naming_it_and_list_goes_on() {
    let ws = Workspace::new();
    import(&ws, "idura-complete.toml", "good");
    let draft = ws.data_dir().join("drafts/acme.toml");
    for hostile in [Hostile::LinkToZero, Hostile::Fifo, Hostile::Sparse] {
        hostile.make(&draft);
        for command in ["export", "check", "bundle"] {
            let output = cli(&ws).args([command, "acme"]).output().unwrap();
            assert_refused(
                &output,
                &draft,
                hostile.said(),
                &format!("{hostile:?} {command}"),
            );
        }
        // The good draft is still listed, and so is the hostile one, with why it cannot be read.
        let output = cli(&ws).arg("list").output().unwrap();
        let (stdout, stderr) = text(&output);
        assert!(stdout.contains("good"), "{hostile:?}: {stdout}{stderr}");
        assert!(
            format!("{stdout}{stderr}").contains(hostile.said()),
            "{hostile:?}: {stdout}{stderr}"
        );
    }
}

#[test]
fn a_hostile_cache_file_is_ignored_as_a_missing_one() {
    let ws = Workspace::new();
    cli(&ws)
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .arg("acme")
        .assert()
        .code(0);
    let check = || {
        let output = cli(&ws)
            .args(["--offline", "check", "acme"])
            .output()
            .unwrap();
        (output.status.code(), text(&output))
    };
    let missing = check();
    let cache = ws.cache_dir().join("registry");
    std::fs::create_dir_all(&cache).unwrap();
    for hostile in [Hostile::LinkToZero, Hostile::Fifo, Hostile::Sparse] {
        for number in ["928471632", "937901003"] {
            hostile.make(&cache.join(format!("{number}.json")));
            hostile.make(&cache.join(format!("{number}.roller.json")));
        }
        assert_eq!(check(), missing, "{hostile:?}");
    }
}

/// A `SHA256SUMS` line for `name` with a hash no file has.
fn sums_line(name: &str) -> String {
    format!("{}  {name}\n", "ab".repeat(32))
}

#[test]
fn verify_refuses_a_hostile_path_and_counts_hostile_entries_as_modified() {
    let ws = Workspace::new();
    // The bundle itself.
    for hostile in ALL {
        let path = hostile.make(&ws.path("bundle.zip"));
        let output = cli(&ws).arg("verify").arg(&path).output().unwrap();
        let said = match hostile {
            // A sparse file is a regular file: it is opened and found to be no zip.
            Hostile::Sparse => "not a bundle",
            other => other.said(),
        };
        assert_refused(&output, &path, said, &format!("{hostile:?}"));
    }

    // A folder whose SHA256SUMS is hostile.
    let folder = ws.path("bundle");
    std::fs::create_dir_all(&folder).unwrap();
    let sums = folder.join("SHA256SUMS");
    for hostile in [Hostile::LinkToZero, Hostile::Fifo, Hostile::Sparse] {
        hostile.make(&sums);
        let output = cli(&ws).arg("verify").arg(&folder).output().unwrap();
        assert_refused(
            &output,
            &sums,
            hostile.said(),
            &format!("SHA256SUMS {hostile:?}"),
        );
    }

    // A folder whose listed entries are hostile: each is modified, none is read to its end.
    std::fs::remove_file(&sums).unwrap();
    let mut listed = String::new();
    for (name, hostile) in [
        ("zero-link.bin", Hostile::LinkToZero),
        ("pipe.bin", Hostile::Fifo),
        ("big.bin", Hostile::Sparse),
    ] {
        hostile.make(&folder.join(name));
        listed.push_str(&sums_line(name));
    }
    std::fs::write(&sums, &listed).unwrap();
    let output = cli(&ws).arg("verify").arg(&folder).output().unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    for name in ["zero-link.bin", "pipe.bin", "big.bin"] {
        assert!(stdout.contains(&format!("modified: {name}")), "{stdout}");
    }
}

/// CRC-32 (IEEE), for the small entries of a hand-made zip.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip of stored entries, written by hand so that one of them can be 2 GB of zeros without
/// writing them: the entry's bytes are a hole in a sparse file. Each entry is (name, bytes) or
/// (name, a size of zeros not written).
fn sparse_zip(path: &Path, small: &[(&str, &[u8])], big: (&str, u64)) {
    let mut file = File::create(path).unwrap();
    let mut central = Vec::new();
    let mut count = 0u16;
    let mut entry = |file: &mut File, name: &str, data: Option<&[u8]>, size: u64| {
        let offset = u32::try_from(file.stream_position().unwrap()).unwrap();
        let size32 = u32::try_from(size).unwrap();
        let crc = data.map_or(0, crc32);
        let mut common = Vec::new();
        common.extend_from_slice(&20u16.to_le_bytes()); // version needed
        common.extend_from_slice(&0u16.to_le_bytes()); // flags
        common.extend_from_slice(&0u16.to_le_bytes()); // stored
        common.extend_from_slice(&0u16.to_le_bytes()); // time
        common.extend_from_slice(&0x21u16.to_le_bytes()); // 1980-01-01
        common.extend_from_slice(&crc.to_le_bytes());
        common.extend_from_slice(&size32.to_le_bytes());
        common.extend_from_slice(&size32.to_le_bytes());
        common.extend_from_slice(&u16::try_from(name.len()).unwrap().to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra
        file.write_all(&0x0403_4b50u32.to_le_bytes()).unwrap();
        file.write_all(&common).unwrap();
        file.write_all(name.as_bytes()).unwrap();
        match data {
            Some(bytes) => file.write_all(bytes).unwrap(),
            None => {
                file.seek(SeekFrom::Current(i64::try_from(size).unwrap()))
                    .unwrap();
            }
        }
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        central.extend_from_slice(&common);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
        count += 1;
    };
    for (name, bytes) in small {
        entry(&mut file, name, Some(bytes), bytes.len() as u64);
    }
    entry(&mut file, big.0, None, big.1);
    let offset = u32::try_from(file.stream_position().unwrap()).unwrap();
    file.write_all(&central).unwrap();
    file.write_all(&0x0605_4b50u32.to_le_bytes()).unwrap();
    file.write_all(&0u16.to_le_bytes()).unwrap();
    file.write_all(&0u16.to_le_bytes()).unwrap();
    file.write_all(&count.to_le_bytes()).unwrap();
    file.write_all(&count.to_le_bytes()).unwrap();
    file.write_all(&u32::try_from(central.len()).unwrap().to_le_bytes())
        .unwrap();
    file.write_all(&offset.to_le_bytes()).unwrap();
    file.write_all(&0u16.to_le_bytes()).unwrap();
}

#[test]
fn verify_of_a_zip_with_a_2_gb_entry_counts_it_as_modified_without_reading_it() {
    let ws = Workspace::new();
    let zip = ws.path("bomb.zip");
    let note = b"a small file\n";
    let sums = format!(
        "{}  note.txt\n{}",
        eid_onboard::bundle::sha256_hex(note),
        sums_line("big.bin")
    );
    sparse_zip(
        &zip,
        &[("SHA256SUMS", sums.as_bytes()), ("note.txt", note)],
        ("big.bin", GB2),
    );
    let output = cli(&ws).arg("verify").arg(&zip).output().unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("modified: big.bin"), "{stdout}");
    assert!(!stdout.contains("note.txt"), "{stdout}");
}

// ---- sendmail ----

const SENDER: &str = "Ola Drift <it@bolgenhelse.no>";
const PASSWORD: &str = "Tr0ub4dor-&-3-correct-horse";

/// A fake sendmail that writes its environment to `env_file`, reads the message, then does
/// `then` (a shell command).
fn fake_sendmail(ws: &Workspace, env_file: &Path, then: &str) -> PathBuf {
    let script = ws.path("fake-sendmail");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nenv > '{}'\ncat > /dev/null\n{then}\n",
            env_file.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

fn send_with(ws: &Workspace, script: &Path) -> Output {
    cli(ws)
        .args(["send", "clinic", "--yes"])
        .env("EID_ONBOARD_FROM", SENDER)
        .env("EID_ONBOARD_SENDMAIL", script)
        .env("EID_ONBOARD_SMTP_TIMEOUT", "1")
        .env("EID_ONBOARD_SMTP_PASSWORD", PASSWORD)
        .output()
        .unwrap()
}

#[test]
fn a_sendmail_that_never_exits_is_stopped_at_the_time_limit_and_nothing_is_recorded() {
    let ws = Workspace::new();
    import(&ws, "criipto-complete.toml", "clinic");
    let draft = ws.data_dir().join("drafts/clinic.toml");
    let before = std::fs::read(&draft).unwrap();
    let env_file = ws.path("sendmail.env");
    let script = fake_sendmail(&ws, &env_file, "sleep 600");

    let output = send_with(&ws, &script);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains("did not finish within 1 s and was stopped"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&draft).unwrap(),
        before,
        "the draft is unchanged"
    );
    assert!(!ws.data_dir().join("drafts/clinic.sent").exists());
    let env = std::fs::read_to_string(&env_file).unwrap();
    assert!(
        env.contains("EID_ONBOARD_FROM="),
        "the environment is passed: {env}"
    );
    assert!(!env.contains("EID_ONBOARD_SMTP_PASSWORD"), "{env}");
    assert!(!env.contains(PASSWORD), "{env}");

    // One that does its work: sent, and it did not see the password either.
    std::fs::remove_file(&env_file).unwrap();
    let script = fake_sendmail(&ws, &env_file, "exit 0");
    let output = send_with(&ws, &script);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    let env = std::fs::read_to_string(&env_file).unwrap();
    assert!(!env.contains(PASSWORD), "{env}");
    assert!(
        std::fs::read_to_string(&draft)
            .unwrap()
            .contains("[[sent]]")
    );
}

// ---- the registry client ----

#[test]
fn a_redirect_off_the_registry_is_not_followed() {
    let number = "984851006";
    let path = format!("/enheter/{number}");
    for status in [301, 302, 307, 308] {
        let server = Server::start(vec![(
            path.clone(),
            Reply::Redirect {
                status,
                location: format!("http://192.0.2.1/enheter/{number}"),
            },
        )]);
        let outcome = Client::new(&server.url(), SAFETY).fetch(number);
        assert_eq!(
            outcome,
            Outcome::Unreadable(Failure::RedirectElsewhere("192.0.2.1".into())),
            "{status}"
        );
        assert_eq!(server.requests(), vec![path.clone()], "{status}");
    }
    // Another port of this machine is another origin too.
    let elsewhere = Server::start(vec![]);
    let server = Server::start(vec![(
        path.clone(),
        Reply::Redirect {
            status: 302,
            location: format!("{}{path}", elsewhere.url()),
        },
    )]);
    let outcome = Client::new(&server.url(), SAFETY).fetch(number);
    assert!(
        matches!(outcome, Outcome::Unreadable(Failure::RedirectElsewhere(_))),
        "{outcome:?}"
    );
    assert!(elsewhere.requests().is_empty());
}

#[test]
fn a_redirect_on_the_registrys_own_origin_is_followed() {
    let number = "984851006";
    let moved = format!("/enheter/{number}/");
    let server = Server::start(vec![
        (
            format!("/enheter/{number}"),
            Reply::Redirect {
                status: 301,
                location: moved.clone(),
            },
        ),
        (moved.clone(), Reply::json(200, common::brreg::DNB)),
    ]);
    let outcome = Client::new(&server.url(), SAFETY).fetch(number);
    assert_eq!(
        outcome.name().as_deref(),
        Some("DNB BANK ASA"),
        "{outcome:?}"
    );

    // A loop on the same origin ends as too many redirects.
    let looping = Server::start(vec![(
        format!("/enheter/{number}"),
        Reply::Redirect {
            status: 302,
            location: format!("/enheter/{number}"),
        },
    )]);
    let outcome = Client::new(&looping.url(), SAFETY).fetch(number);
    assert_eq!(outcome, Outcome::Unreadable(Failure::Redirect));
}

/// A free port on 127.0.0.1 (nothing listens on it afterwards).
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[test]
fn no_loopback_address_goes_through_a_proxy() {
    let ws = Workspace::new();
    let proxy = Server::start(vec![]);
    let import = |registry: &str| {
        let output = cli(&ws)
            .arg("import")
            .arg(ws.path("idura-complete.toml"))
            .arg("acme")
            .env("EID_ONBOARD_REGISTRY_URL", registry)
            .env("EID_ONBOARD_REGISTRY_TIMEOUT", "2")
            .env("ALL_PROXY", proxy.url())
            .env("HTTP_PROXY", proxy.url())
            .env("http_proxy", proxy.url())
            .env_remove("NO_PROXY")
            .env_remove("no_proxy")
            .output()
            .unwrap();
        let (stdout, stderr) = text(&output);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{registry}: {stdout}{stderr}"
        );
    };
    let port = closed_port();
    for registry in [
        format!("http://127.0.0.1:{port}"),
        format!("http://127.0.0.2:{port}"),
        format!("http://127.255.0.9:{port}"),
        format!("http://localhost:{port}"),
        format!("http://[::1]:{port}"),
        format!("http://[::ffff:127.0.0.1]:{port}"),
    ] {
        import(&registry);
        assert!(
            proxy.requests().is_empty(),
            "{registry} went through the proxy: {:?}",
            proxy.requests()
        );
    }
    // The proxy is used for an address elsewhere (it answers itself: nothing leaves the machine).
    import("http://192.0.2.1:9");
    assert!(!proxy.requests().is_empty(), "the proxy was not asked");
}

// ---- the lock file ----

#[test]
fn a_link_in_place_of_the_lock_file_is_not_followed() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.data_dir().join("drafts")).unwrap();
    let victim = ws.path("victim.txt");
    let content = "someone else's file, longer than a pid\n".repeat(20);
    std::fs::write(&victim, &content).unwrap();
    let lock = ws.data_dir().join("drafts/.acme.lock");
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    let output = cli(&ws)
        .arg("import")
        .arg(ws.path("idura-complete.toml"))
        .arg("acme")
        .output()
        .unwrap();
    assert_refused(&output, &lock, "is a link to another file", "symlink");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), content);
}

// ---- the domain check ----

#[test]
fn the_domain_check_sends_no_loopback_domain_through_a_proxy() {
    use eid_onboard::domain_check::{ENABLED_ENV, TIMEOUT_ENV};
    let ws = Workspace::new();
    let proxy = Server::start(vec![]);
    let check = |domain: &str| {
        let answers = ws.variant(
            "idura-complete.toml",
            "local-domain",
            "service.production_domain",
            common::s(domain),
        );
        cli(&ws)
            .arg("import")
            .arg(&answers)
            .arg("acme")
            .output()
            .unwrap();
        let output = cli(&ws)
            .args(["check", "acme", "--json"])
            .env(ENABLED_ENV, "on")
            .env(TIMEOUT_ENV, "2")
            .env("ALL_PROXY", proxy.url())
            .env("HTTPS_PROXY", proxy.url())
            .env("https_proxy", proxy.url())
            .env_remove("NO_PROXY")
            .env_remove("no_proxy")
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|_| panic!("{domain}: {}", text(&output).1));
        let item = json["prerequisites"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "domain")
            .cloned();
        assert!(item.is_some(), "{domain}: the domain was checked: {json}");
    };
    let port = closed_port();
    for domain in [
        format!("https://127.0.0.2:{port}"),
        format!("https://localhost:{port}"),
        format!("https://[::1]:{port}"),
        format!("https://[::ffff:127.0.0.1]:{port}"),
    ] {
        check(&domain);
        assert!(
            proxy.requests().is_empty(),
            "{domain} went through the proxy: {:?}",
            proxy.requests()
        );
    }
    check("https://192.0.2.1:9");
    assert!(!proxy.requests().is_empty(), "the proxy was not asked");
}

// ---- CA files ----

#[test]
fn a_hostile_ca_file_is_refused_naming_it() {
    let ws = Workspace::new();
    import(&ws, "criipto-complete.toml", "clinic");
    let ca = ws.path("ca.pem");
    for hostile in ALL {
        let path = hostile.make(&ca);
        let output = cli(&ws)
            .args(["send", "clinic", "--yes"])
            .env("EID_ONBOARD_FROM", SENDER)
            .env(
                "EID_ONBOARD_SMTP_URL",
                format!("smtp://127.0.0.1:{}", closed_port()),
            )
            .env("EID_ONBOARD_SMTP_CA_FILE", &path)
            .output()
            .unwrap();
        let stderr = refused(&output, hostile);
        assert!(
            stderr.contains(&format!("The CA file {}", path.display())),
            "{hostile:?}: {stderr}"
        );
        assert!(stderr.contains(hostile.said()), "{hostile:?}: {stderr}");

        let output = cli(&ws)
            .args(["check", "clinic"])
            .env(eid_onboard::domain_check::ENABLED_ENV, "on")
            .env(eid_onboard::domain_check::CA_FILE_ENV, &path)
            .output()
            .unwrap();
        let stderr = refused(&output, hostile);
        assert!(
            stderr.contains(&path.display().to_string()) && stderr.contains(hostile.said()),
            "{hostile:?}: {stderr}"
        );
    }
}
