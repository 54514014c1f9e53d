//! A small real HTTP/1.1 server on 127.0.0.1 for the tests: each path gets a fixed reply, which may
//! come late or never. One thread per connection; every request path is recorded.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// What the server does for one path.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Status and body (sent as `application/json`, whatever it holds).
    Body { status: u16, body: String },
    /// The same, after a delay.
    Late {
        delay: Duration,
        status: u16,
        body: String,
    },
    /// Reads the request and then holds the connection open without a byte of answer.
    Never,
}

impl Reply {
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply::Body {
            status,
            body: body.into(),
        }
    }
}

pub struct Server {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Serves `routes` (path -> reply); other paths answer 404 with a registry-like error body.
    pub fn start(routes: Vec<(String, Reply)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let routes: Arc<HashMap<String, Reply>> = Arc::new(routes.into_iter().collect());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (req, st) = (requests.clone(), stop.clone());
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
        Server {
            addr,
            requests,
            stop,
        }
    }

    /// `http://127.0.0.1:PORT`: the base URL, as `EID_ONBOARD_REGISTRY_URL` takes it.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The paths requested so far, in order of arrival.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
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
    requests: &Mutex<Vec<String>>,
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
    requests.lock().unwrap().push(path.clone());
    let reply = routes.get(&path).cloned().unwrap_or_else(|| {
        Reply::json(
            404,
            format!(
                r#"{{"timestamp":"2025-01-01T00:00:00.000+00:00","status":404,"error":"Not Found","message":"Ingen enhet med organisasjonsnummer ble funnet","path":"{path}"}}"#
            ),
        )
    });
    let (status, body) = match reply {
        Reply::Body { status, body } => (status, body),
        Reply::Late {
            delay,
            status,
            body,
        } => {
            thread::sleep(delay);
            (status, body)
        }
        Reply::Never => {
            // Hold the connection until the server is dropped (or a minute passes).
            let until = Instant::now() + Duration::from_secs(60);
            while !stop.load(Ordering::SeqCst) && Instant::now() < until {
                thread::sleep(Duration::from_millis(20));
            }
            return;
        }
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        410 => "Gone",
        500 => "Internal Server Error",
        _ => "Other",
    };
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

/// A loopback address where nothing listens (connections are refused at once): for tests that must
/// never reach the real registry but do not care about its answers.
pub fn closed_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local addr");
    drop(listener);
    format!("http://{addr}")
}
