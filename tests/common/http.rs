//! A small real HTTP/1.1 server on 127.0.0.1 for the tests: each path gets a fixed reply, which may
//! be held until the test opens a [`Gate`], or never come. One thread per connection; every request
//! path is recorded with its Accept header, and so is a client that hangs up on an answer that
//! never came.
//!
//! Like the register, it insists on the versioned media type: a request to `/enheter/…` or
//! `/underenheter/…` without the Accept header of [`accept_for`] answers 406 Not Acceptable (and
//! the lookup comes out unreadable), so every registry test also checks the header.
//!
//! No reply depends on the clock: a test shows that something goes on while an answer is out by
//! holding the answer, doing that something, and then opening the gate.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// What the server does for one path.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Status and body (sent as `application/json`, whatever it holds).
    Body { status: u16, body: String },
    /// The same, once the gate is open (the request is read and recorded at once).
    Held {
        gate: Gate,
        status: u16,
        body: String,
    },
    /// Reads the request and then holds the connection open without a byte of answer.
    Never,
    /// A redirect (`status` 301, 302, 307, …) to `location`, with an empty body.
    Redirect { status: u16, location: String },
}

impl Reply {
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply::Body {
            status,
            body: body.into(),
        }
    }

    /// `json` held behind `gate`.
    pub fn held(gate: &Gate, status: u16, body: impl Into<String>) -> Reply {
        Reply::Held {
            gate: gate.clone(),
            status,
            body: body.into(),
        }
    }
}

/// Holds [`Reply::Held`] answers until [`Gate::open`]; shared by every reply made with it.
#[derive(Clone, Debug, Default)]
pub struct Gate {
    inner: Arc<(Mutex<bool>, Condvar)>,
}

impl Gate {
    pub fn new() -> Gate {
        Gate::default()
    }

    /// Lets every held answer go, now and from now on.
    pub fn open(&self) {
        let (open, changed) = &*self.inner;
        *open.lock().unwrap() = true;
        changed.notify_all();
    }

    /// Waits until the gate opens or the server stops; true when it opened.
    fn wait(&self, stop: &AtomicBool) -> bool {
        let (open, changed) = &*self.inner;
        // A safety limit so a forgotten gate cannot keep a thread forever.
        let until = Instant::now() + Duration::from_secs(120);
        let mut is_open = open.lock().unwrap();
        while !*is_open && !stop.load(Ordering::SeqCst) && Instant::now() < until {
            is_open = changed
                .wait_timeout(is_open, Duration::from_millis(50))
                .unwrap()
                .0;
        }
        *is_open
    }
}

/// What the server has seen, for the test to read and wait on.
#[derive(Default)]
struct Log {
    /// Request paths in order of arrival.
    requests: Vec<String>,
    /// The Accept header of each request (path, value), in order of arrival.
    accepts: Vec<(String, String)>,
    /// Paths of [`Reply::Never`] requests whose client closed the connection.
    hung_up: Vec<String>,
}

pub struct Server {
    addr: SocketAddr,
    log: Arc<(Mutex<Log>, Condvar)>,
    stop: Arc<AtomicBool>,
}

/// How long [`Server::wait_until`] waits before failing the test: a safety limit, not a measure.
const PATIENCE: Duration = Duration::from_secs(20);

impl Server {
    /// Serves `routes` (path -> reply); other paths answer 404 with a registry-like error body.
    pub fn start(routes: Vec<(String, Reply)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let routes: Arc<HashMap<String, Reply>> = Arc::new(routes.into_iter().collect());
        let log = Arc::new((Mutex::new(Log::default()), Condvar::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (req, st) = (log.clone(), stop.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (routes, req, st) = (routes.clone(), req.clone(), st.clone());
                thread::spawn(move || serve(stream, &routes, &req, &st));
            }
        });
        Server { addr, log, stop }
    }

    /// `http://127.0.0.1:PORT`: the base URL, as `EID_ONBOARD_REGISTRY_URL` takes it.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The paths requested so far, in order of arrival.
    pub fn requests(&self) -> Vec<String> {
        self.log.0.lock().unwrap().requests.clone()
    }

    /// The Accept header each request came with (path, value), in order of arrival.
    pub fn accepts(&self) -> Vec<(String, String)> {
        self.log.0.lock().unwrap().accepts.clone()
    }

    /// The paths of never-answered requests whose client has closed the connection.
    pub fn hung_up(&self) -> Vec<String> {
        self.log.0.lock().unwrap().hung_up.clone()
    }

    /// Waits until every path in `paths` has been requested (held answers are not needed for
    /// that: the request is recorded when it arrives). Fails the test after a generous limit.
    pub fn wait_for_requests(&self, paths: &[&str]) {
        self.wait_until(&format!("requests for {paths:?}"), |log| {
            paths.iter().all(|p| log.requests.iter().any(|r| r == p))
        });
    }

    /// Waits until the client of the never-answered request for `path` has hung up.
    pub fn wait_for_hang_up(&self, path: &str) {
        self.wait_until(&format!("the client to hang up on {path}"), |log| {
            log.hung_up.iter().any(|r| r == path)
        });
    }

    fn wait_until(&self, what: &str, ready: impl Fn(&Log) -> bool) {
        let (log, changed) = &*self.log;
        let until = Instant::now() + PATIENCE;
        let mut log = log.lock().unwrap();
        while !ready(&log) {
            assert!(
                Instant::now() < until,
                "waited for {what}; requests so far: {:?}",
                log.requests
            );
            log = changed
                .wait_timeout(log, Duration::from_millis(50))
                .unwrap()
                .0;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve(
    mut stream: TcpStream,
    routes: &HashMap<String, Reply>,
    log: &(Mutex<Log>, Condvar),
    stop: &AtomicBool,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let path = head
        .lines()
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .unwrap_or("")
        .to_string();
    if stop.load(Ordering::SeqCst) {
        return;
    }
    let accept = header(&head, "accept").unwrap_or_default();
    {
        let mut log = log.0.lock().unwrap();
        log.requests.push(path.clone());
        log.accepts.push((path.clone(), accept.clone()));
    }
    log.1.notify_all();
    let wrong_accept = accept_for(&path).is_some_and(|wanted| accept != wanted);
    let reply = if wrong_accept {
        Some(Reply::json(
            406,
            format!(r#"{{"status":406,"error":"Not Acceptable","accept":"{accept}"}}"#),
        ))
    } else {
        routes.get(&path).cloned()
    };
    let reply = reply.unwrap_or_else(|| {
        Reply::json(
            404,
            format!(
                r#"{{"timestamp":"2025-01-01T00:00:00.000+00:00","status":404,"error":"Not Found","message":"Ingen enhet med organisasjonsnummer ble funnet","path":"{path}"}}"#
            ),
        )
    });
    let mut location = None;
    let (status, body) = match reply {
        Reply::Body { status, body } => (status, body),
        Reply::Redirect {
            status,
            location: to,
        } => {
            location = Some(to);
            (status, String::new())
        }
        Reply::Held { gate, status, body } => {
            if !gate.wait(stop) {
                return;
            }
            (status, body)
        }
        Reply::Never => {
            // Hold the connection, without a byte of answer, until the client hangs up (recorded),
            // the server is dropped, or a minute passes.
            let until = Instant::now() + Duration::from_secs(60);
            let _ = stream.set_read_timeout(Some(Duration::from_millis(20)));
            while !stop.load(Ordering::SeqCst) && Instant::now() < until {
                match stream.read(&mut buf) {
                    Ok(0) => {
                        log.0.lock().unwrap().hung_up.push(path);
                        log.1.notify_all();
                        return;
                    }
                    Ok(_) => {}
                    Err(e)
                        if matches!(
                            e.kind(),
                            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                        ) => {}
                    // A reset is a hang-up too.
                    Err(_) => {
                        log.0.lock().unwrap().hung_up.push(path);
                        log.1.notify_all();
                        return;
                    }
                }
            }
            return;
        }
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        406 => "Not Acceptable",
        410 => "Gone",
        500 => "Internal Server Error",
        _ => "Other",
    };
    let location = location.map_or_else(String::new, |to| format!("Location: {to}\r\n"));
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\n{location}Content-Type: application/json;charset=UTF-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

/// The media type the register documents for a path: version 2 of a unit or a sub-unit, version 1
/// of a unit's roles.
pub fn accept_for(path: &str) -> Option<&'static str> {
    if path.starts_with("/enheter/") && path.ends_with("/roller") {
        Some("application/vnd.brreg.enhetsregisteret.rolle.v1+json")
    } else if path.starts_with("/enheter/") {
        Some("application/vnd.brreg.enhetsregisteret.enhet.v2+json")
    } else if path.starts_with("/underenheter/") {
        Some("application/vnd.brreg.enhetsregisteret.underenhet.v2+json")
    } else {
        None
    }
}

/// The value of a request header (name in lower case), trimmed.
fn header(head: &str, name: &str) -> Option<String> {
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim().eq_ignore_ascii_case(name)).then(|| value.trim().to_string())
    })
}

/// A loopback address where nothing listens (connections are refused at once): for tests that must
/// never reach the real registry but do not care about its answers.
pub fn closed_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local addr");
    drop(listener);
    format!("http://{addr}")
}
