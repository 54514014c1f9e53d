//! A loopback server that plays a production domain for the domain check: HTTPS with a
//! certificate for the domain signed by a generated CA (the client trusts it through the CA-file
//! setting and reaches it through the resolve setting), or a plain TCP server that is not TLS, or
//! one that accepts and never answers.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::{ServerConfig, ServerConnection, StreamOwned};

use super::pki::Pki;

/// What the server does with a connection.
#[derive(Clone)]
pub enum Play {
    /// TLS with a certificate for these names, then this status and body for every request.
    Https {
        names: Vec<String>,
        status: u16,
        body: String,
    },
    /// Answers in plain HTTP: no TLS at all.
    PlainHttp,
    /// Accepts and never says anything.
    Silent,
}

pub struct Server {
    pub port: u16,
    /// The CA certificate, PEM, to trust.
    pub ca_pem: String,
    stop: Arc<AtomicBool>,
    /// Connections held open (the silent server's).
    held: Arc<Mutex<Vec<TcpStream>>>,
    /// Requests served, as their first lines.
    pub requests: Arc<Mutex<Vec<String>>>,
}

/// A server with `Play::Https` for `domain`, answering `status` and `body`.
pub fn https(domain: &str, status: u16, body: &str) -> Server {
    Server::start(Play::Https {
        names: vec![domain.to_string()],
        status,
        body: body.to_string(),
    })
}

/// A discovery document naming `issuer`.
pub fn discovery(issuer: &str) -> String {
    format!(
        r#"{{"issuer":"{issuer}","authorization_endpoint":"{issuer}/oauth2/authorize","jwks_uri":"{issuer}/.well-known/jwks"}}"#
    )
}

impl Server {
    pub fn start(play: Play) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (ca_pem, tls) = match &play {
            Play::Https { names, .. } => {
                let pki = Pki::for_names(names);
                (pki.ca_pem, Some(pki.server))
            }
            Play::PlainHttp | Play::Silent => (Pki::new().ca_pem, None),
        };
        let stop = Arc::new(AtomicBool::new(false));
        let held = Arc::new(Mutex::new(Vec::new()));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let server = Server {
            port,
            ca_pem,
            stop: stop.clone(),
            held: held.clone(),
            requests: requests.clone(),
        };
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let play = play.clone();
                let tls = tls.clone();
                let held = held.clone();
                let requests = requests.clone();
                std::thread::spawn(move || serve(stream, &play, tls, &held, &requests));
            }
        });
        server
    }

    /// The resolve setting that sends `domain` (port 443) here.
    pub fn resolve(&self, domain: &str) -> String {
        format!("{domain}:443:127.0.0.1:{}", self.port)
    }

    /// Writes the CA to `dir/ca.pem` and gives its path.
    pub fn write_ca(&self, dir: &std::path::Path) -> std::path::PathBuf {
        let path = dir.join("domain-ca.pem");
        std::fs::write(&path, &self.ca_pem).unwrap();
        path
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.held.lock().unwrap().clear();
        // Wake the accept loop so it sees the stop.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(
    mut stream: TcpStream,
    play: &Play,
    tls: Option<Arc<ServerConfig>>,
    held: &Mutex<Vec<TcpStream>>,
    requests: &Mutex<Vec<String>>,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    match play {
        Play::Silent => held.lock().unwrap().push(stream),
        Play::PlainHttp => {
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 11\r\nConnection: close\r\n\r\nBad request",
            );
        }
        Play::Https { status, body, .. } => {
            let Some(tls) = tls else { return };
            let Ok(connection) = ServerConnection::new(tls) else {
                return;
            };
            let mut tls = StreamOwned::new(connection, stream);
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                match tls.read(&mut byte) {
                    Ok(1) => head.push(byte[0]),
                    _ => return,
                }
            }
            let head = String::from_utf8_lossy(&head);
            requests
                .lock()
                .unwrap()
                .push(head.lines().next().unwrap_or_default().to_string());
            let reply = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = tls.write_all(reply.as_bytes());
            let _ = tls.flush();
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
    }
}
