//! A real SMTP server for the tests: mailin's state machine behind a `TcpListener` on 127.0.0.1,
//! one thread per connection, with STARTTLS or implicit TLS (rustls, a certificate for localhost and
//! 127.0.0.1 signed by a CA the test generates), AUTH PLAIN / LOGIN against a test password, and
//! knobs for failures: a reply code to RCPT or at the end of DATA, dropping the connection during
//! DATA, a server that never greets.

use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Shutdown, TcpListener, TcpStream};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailin::{Action, AuthMechanism, Handler, Response, SessionBuilder};
use rustls::{ServerConfig, ServerConnection, StreamOwned};

/// How the server behaves.
#[derive(Clone, Default)]
pub struct Options {
    /// Offer STARTTLS with this configuration.
    pub starttls: Option<Arc<ServerConfig>>,
    /// TLS from the first byte with this configuration.
    pub implicit_tls: Option<Arc<ServerConfig>>,
    /// Require AUTH with this user and password.
    pub login: Option<(String, String)>,
    /// Reply this code to every RCPT.
    pub reject_rcpt: Option<u16>,
    /// Reply this code to RCPT of this one address (the others are accepted).
    pub reject_rcpt_to: Option<(String, u16)>,
    /// Reply this code at the end of DATA.
    pub reject_data: Option<u16>,
    /// Close the connection after the first line of the message.
    pub drop_during_data: bool,
    /// Accept connections and never say anything.
    pub silent: bool,
}

/// One message the server accepted.
#[derive(Clone, Debug, Default)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
    /// The connection was encrypted when the message came.
    pub tls: bool,
    /// The user that logged in.
    pub user: Option<String>,
}

pub struct Server {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    /// Connections accepted so far.
    connections: Arc<Mutex<usize>>,
}

impl Server {
    pub fn start(options: Options) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(Mutex::new(0));
        let options = Arc::new(options);
        {
            let received = received.clone();
            let connections = connections.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    let Ok(stream) = stream else { continue };
                    *connections.lock().unwrap() += 1;
                    let options = options.clone();
                    let received = received.clone();
                    std::thread::spawn(move || {
                        let _ = serve(stream, &options, &received);
                    });
                }
            });
        }
        Server {
            port,
            received,
            connections,
        }
    }

    /// `smtp://[user@]127.0.0.1:PORT` or `smtps://…`.
    pub fn url(&self, scheme: &str, user: Option<&str>) -> String {
        match user {
            Some(user) => format!("{scheme}://{user}@127.0.0.1:{}", self.port),
            None => format!("{scheme}://127.0.0.1:{}", self.port),
        }
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    pub fn connections(&self) -> usize {
        *self.connections.lock().unwrap()
    }
}

/// A loopback port where nothing listens.
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

struct Session {
    options: Arc<Options>,
    received: Arc<Mutex<Vec<Received>>>,
    current: Received,
    user: Option<String>,
    tls: Rc<Cell<bool>>,
}

impl Handler for &mut Session {
    fn mail(&mut self, _ip: IpAddr, _domain: &str, from: &str) -> Response {
        self.current = Received {
            from: from.to_string(),
            ..Received::default()
        };
        mailin::response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        if let Some(code) = self.options.reject_rcpt {
            return Response::custom(code, format!("Mailbox {to} unavailable"));
        }
        if let Some((address, code)) = &self.options.reject_rcpt_to
            && to.eq_ignore_ascii_case(address)
        {
            return Response::custom(*code, format!("Mailbox {to} unavailable"));
        }
        self.current.to.push(to.to_string());
        mailin::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.current.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        if let Some(code) = self.options.reject_data {
            return Response::custom(code, "Message refused by policy".to_string());
        }
        let mut message = std::mem::take(&mut self.current);
        message.tls = self.tls.get();
        message.user = self.user.clone();
        self.received.lock().unwrap().push(message);
        Response::custom(250, "2.0.0 Ok: queued as TEST123".to_string())
    }

    fn auth_plain(&mut self, _authz: &str, user: &str, password: &str) -> Response {
        self.check_login(user, password)
    }

    fn auth_login(&mut self, user: &str, password: &str) -> Response {
        self.check_login(user, password)
    }
}

impl Session {
    fn check_login(&mut self, user: &str, password: &str) -> Response {
        match &self.options.login {
            Some((u, p)) if u == user && p == password => {
                self.user = Some(user.to_string());
                mailin::response::AUTH_OK
            }
            _ => mailin::response::INVALID_CREDENTIALS,
        }
    }
}

enum Conn {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ServerConnection, TcpStream>>),
    Gone,
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(buf),
            Conn::Tls(s) => s.read(buf),
            Conn::Gone => Ok(0),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.write(buf),
            Conn::Tls(s) => s.write(buf),
            Conn::Gone => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Conn::Plain(s) => s.flush(),
            Conn::Tls(s) => s.flush(),
            Conn::Gone => Ok(()),
        }
    }
}

impl Conn {
    fn tcp(&self) -> Option<&TcpStream> {
        match self {
            Conn::Plain(s) => Some(s),
            Conn::Tls(s) => Some(s.get_ref()),
            Conn::Gone => None,
        }
    }
}

fn serve(
    stream: TcpStream,
    options: &Arc<Options>,
    received: &Arc<Mutex<Vec<Received>>>,
) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    if options.silent {
        std::thread::sleep(Duration::from_secs(5));
        return Ok(());
    }
    let peer = stream.peer_addr()?.ip();
    let mut builder = SessionBuilder::new("localhost");
    if options.starttls.is_some() {
        builder.enable_start_tls();
    }
    if options.login.is_some() {
        builder
            .enable_auth(AuthMechanism::Plain)
            .enable_auth(AuthMechanism::Login);
        if options.starttls.is_none() {
            // Plain-text loopback, or implicit TLS that mailin does not see.
            builder.insecure_enable_plaintext_auth();
        }
    }
    let tls_flag = Rc::new(Cell::new(options.implicit_tls.is_some()));
    let mut state = Session {
        options: options.clone(),
        received: received.clone(),
        current: Received::default(),
        user: None,
        tls: tls_flag.clone(),
    };
    let conn = match &options.implicit_tls {
        Some(config) => Conn::Tls(Box::new(StreamOwned::new(
            ServerConnection::new(config.clone()).map_err(io::Error::other)?,
            stream,
        ))),
        None => Conn::Plain(stream),
    };
    let mut session = builder.build(peer, &mut state);
    let mut reader = BufReader::new(conn);
    session.greeting().write_to(reader.get_mut())?;
    reader.get_mut().flush()?;
    let mut in_data = false;
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        if in_data && options.drop_during_data {
            if let Some(tcp) = reader.get_ref().tcp() {
                tcp.shutdown(Shutdown::Both)?;
            }
            return Ok(());
        }
        let response = session.process(&line);
        match response.action {
            Action::NoReply => continue,
            Action::Reply => {
                in_data = response.code == 354;
                response.write_to(reader.get_mut())?;
                reader.get_mut().flush()?;
            }
            Action::Close => {
                response.write_to(reader.get_mut())?;
                reader.get_mut().flush()?;
                return Ok(());
            }
            Action::UpgradeTls => {
                response.write_to(reader.get_mut())?;
                reader.get_mut().flush()?;
                let Some(config) = &options.starttls else {
                    return Ok(());
                };
                let conn = std::mem::replace(reader.get_mut(), Conn::Gone);
                let Conn::Plain(tcp) = conn else {
                    return Ok(());
                };
                let tls = StreamOwned::new(
                    ServerConnection::new(config.clone()).map_err(io::Error::other)?,
                    tcp,
                );
                reader = BufReader::new(Conn::Tls(Box::new(tls)));
                session.tls_active();
                tls_flag.set(true);
                // The client says EHLO again on the new connection.
            }
        }
    }
}
