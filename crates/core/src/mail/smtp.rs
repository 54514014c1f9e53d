//! One SMTP session, step by step, so a failure can say which step failed: connect (implicit TLS
//! for `smtps://`), EHLO, STARTTLS (required except to loopback), AUTH (PLAIN or LOGIN, only on an
//! encrypted or loopback connection), MAIL FROM, RCPT TO for each recipient, DATA, the message.
//!
//! Certificates are verified against the built-in Mozilla roots plus the configured CA file. Every
//! step has the configured time limit.

use std::error::Error as _;
use std::io;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::Error as SmtpError;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};

use super::config::{Security, SmtpServer};
use super::error::{self, FailureKind, SendError, Step, clean};
use crate::t;
use crate::text::Text;

/// What the session needs besides the message.
pub(crate) struct Session<'a> {
    pub server: &'a SmtpServer,
    pub timeout: Duration,
    /// PEM bytes of extra trusted CAs.
    pub ca_pem: Option<(&'a str, &'a [u8])>,
    /// User name and password.
    pub login: Option<(&'a str, &'a str)>,
}

/// Sends `raw` to the envelope's recipients; returns the server's reply to the message.
pub(crate) fn send(
    session: &Session<'_>,
    envelope: &Envelope,
    raw: &[u8],
) -> Result<String, SendError> {
    let server = session.server;
    let shown = server.to_string();
    let hello = ClientId::default();
    let tls = match server.security {
        Security::ImplicitTls | Security::StartTlsRequired | Security::StartTlsIfOffered => {
            Some(tls_parameters(session)?)
        }
    };
    let implicit = (server.security == Security::ImplicitTls)
        .then_some(tls.as_ref())
        .flatten();

    let mut conn = SmtpConnection::connect(
        (server.host.as_str(), server.port),
        Some(session.timeout),
        &hello,
        implicit,
        None,
    )
    .map_err(|e| failure(&e, Step::Connect, &shown, implicit.is_some()))?;

    let result = transaction(&mut conn, session, &hello, tls.as_ref(), envelope, raw);
    match &result {
        Ok(_) => {
            let _ = conn.quit();
        }
        Err(_) => conn.abort(),
    }
    result
}

fn transaction(
    conn: &mut SmtpConnection,
    session: &Session<'_>,
    hello: &ClientId,
    tls: Option<&TlsParameters>,
    envelope: &Envelope,
    raw: &[u8],
) -> Result<String, SendError> {
    let server = session.server;
    let shown = server.to_string();
    if !conn.is_encrypted() {
        let offered = conn.can_starttls();
        match (server.security, offered, tls) {
            (_, true, Some(tls)) => conn
                .starttls(tls, hello)
                .map_err(|e| failure(&e, Step::StartTls, &shown, true))?,
            (Security::StartTlsRequired, _, _) => return Err(no_starttls(&shown)),
            _ => {}
        }
    }

    if let Some((user, password)) = session.login {
        if !conn.is_encrypted() && !server.is_loopback() {
            // Cannot happen with the security rules above; never send a password in the clear.
            return Err(no_starttls(&shown));
        }
        if !conn
            .server_info()
            .supports_feature(Extension::Authentication(Mechanism::Plain))
            && !conn
                .server_info()
                .supports_feature(Extension::Authentication(Mechanism::Login))
        {
            return Err(login_unavailable(&shown));
        }
        let credentials = Credentials::new(user.to_string(), password.to_string());
        conn.auth(&[Mechanism::Plain, Mechanism::Login], &credentials)
            .map_err(|e| login_failure(&e, user, &shown))?;
    }

    let mut options = Vec::new();
    if !raw.is_ascii() && conn.server_info().supports_feature(Extension::EightBitMime) {
        options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    conn.command(Mail::new(envelope.from().cloned(), options))
        .map_err(|e| failure(&e, Step::Sender, &shown, false))?;
    for to in envelope.to() {
        conn.command(Rcpt::new(to.clone(), Vec::new()))
            .map_err(|e| failure(&e, Step::Recipient, &shown, false).recipient(to.as_ref()))?;
    }
    conn.command(Data)
        .map_err(|e| failure(&e, Step::Data, &shown, false))?;
    // lettre ends the data with CRLF "." CRLF after the bytes it is given: the message's own last
    // CRLF is the first of those, so it is left off here, or the server would get one more.
    let data = raw.strip_suffix(b"\r\n").unwrap_or(raw);
    let reply = conn
        .message(data)
        .map_err(|e| failure(&e, Step::Message, &shown, false))?;
    Ok(clean(&format!(
        "{} {}",
        reply.code(),
        reply.message().collect::<Vec<_>>().join(" ")
    )))
}

fn tls_parameters(session: &Session<'_>) -> Result<TlsParameters, SendError> {
    let mut builder = TlsParameters::builder(session.server.host.clone());
    if let Some((path, pem)) = session.ca_pem {
        let certificate = Certificate::from_pem(pem)
            .map_err(|e| error::ca_file(path, &clean(&source_text(&e))))?;
        builder = builder.add_root_certificate(certificate);
    }
    builder
        .build_rustls()
        .map_err(|e| error::ca_file(session.ca_pem.map_or("", |c| c.0), &clean(&source_text(&e))))
}

/// The innermost useful text of an error (lettre's own text adds only "network error").
fn source_text(e: &SmtpError) -> String {
    e.source()
        .map(|s| s.to_string())
        .unwrap_or_else(|| e.to_string())
}

fn io_error(e: &SmtpError) -> Option<&io::Error> {
    let mut source = e.source();
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<io::Error>() {
            return Some(io);
        }
        source = err.source();
    }
    None
}

fn tls_error(e: &SmtpError) -> Option<String> {
    if e.is_tls() {
        return Some(source_text(e));
    }
    let io = io_error(e)?;
    io.get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        .map(|tls| tls.to_string())
}

impl SendError {
    /// Names the recipient a rejection was about.
    fn recipient(mut self, address: &str) -> SendError {
        if let FailureKind::Rejected { .. } = self.kind {
            self.what = Text::new(
                format!("{} (mottaker {address})", self.what.nb),
                format!("{} (recipient {address})", self.what.en),
            );
        }
        self
    }
}

/// Classifies a failed step. `handshake` says the step includes a TLS handshake.
fn failure(e: &SmtpError, step: Step, server: &str, handshake: bool) -> SendError {
    if let Some(code) = e.status() {
        return rejected(e, step, server, code_number(&code));
    }
    if let Some(detail) = tls_error(e) {
        return tls_failure(server, &clean(&detail));
    }
    let io_kind = io_error(e).map(io::Error::kind);
    if let Some(failure) = refused_or_timed_out(io_kind, step, server) {
        return failure;
    }
    let closed = io_kind == Some(io::ErrorKind::UnexpectedEof)
        || (e.is_response() && source_text(e).contains("incomplete response"));
    let detail = if closed {
        "the server closed the connection".to_string()
    } else {
        clean(&source_text(e))
    };
    if step == Step::Connect && e.to_string().starts_with("Connection error") {
        return not_connected(server, &detail);
    }
    if handshake && io_kind == Some(io::ErrorKind::InvalidData) {
        return tls_failure(server, &detail);
    }
    dropped(step, server, &detail)
}

/// Nothing listening, or no answer in time: each with its own advice.
fn refused_or_timed_out(
    io_kind: Option<io::ErrorKind>,
    step: Step,
    server: &str,
) -> Option<SendError> {
    let (nb, en) = (step_nb(step), step_en(step));
    match io_kind {
        Some(io::ErrorKind::ConnectionRefused) => Some(SendError::new(
            FailureKind::Refused,
            t!(
                nb: "Kunne ikke koble til {server}: tilkoblingen ble avvist (ingen tjeneste lytter der)",
                en: "Could not connect to {server}: the connection was refused (nothing listens there)",
            ),
            t!(
                nb: "Sjekk vertsnavn og port (smtps:// bruker vanligvis 465, smtp:// 587) i EID_ONBOARD_SMTP_URL eller [mail] smtp, og at serveren kjører.",
                en: "Check the host and port (smtps:// usually 465, smtp:// 587) in EID_ONBOARD_SMTP_URL or [mail] smtp, and that the server is running.",
            ),
        )),
        Some(io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock) => Some(SendError::new(
            FailureKind::Timeout,
            t!(
                nb: "{server} svarte ikke innen tidsgrensen ({nb})",
                en: "{server} did not answer within the time limit ({en})",
            ),
            t!(
                nb: "Sjekk adressen og porten og at en brannmur ikke stenger; prøv igjen, eller øk tidsgrensen (EID_ONBOARD_SMTP_TIMEOUT eller timeout under [mail]).",
                en: "Check the address and port and that no firewall blocks them; try again, or raise the time limit (EID_ONBOARD_SMTP_TIMEOUT or timeout under [mail]).",
            ),
        )),
        _ => None,
    }
}

/// The connection was never made: the name did not resolve, or the connection failed otherwise.
fn not_connected(server: &str, detail: &str) -> SendError {
    let lookup = detail.contains("lookup") || detail.contains("resolve");
    SendError::new(
        if lookup {
            FailureKind::Unresolved
        } else {
            FailureKind::Refused
        },
        t!(
            nb: "Kunne ikke koble til {server} ({detail})",
            en: "Could not connect to {server} ({detail})",
        ),
        t!(
            nb: "Sjekk vertsnavnet og porten i EID_ONBOARD_SMTP_URL eller [mail] smtp, og nettverket.",
            en: "Check the host name and port in EID_ONBOARD_SMTP_URL or [mail] smtp, and the network.",
        ),
    )
}

/// The connection broke during `step`; during the message it was probably not delivered.
fn dropped(step: Step, server: &str, detail: &str) -> SendError {
    let (nb, en) = (step_nb(step), step_en(step));
    let hint = if step == Step::Message {
        t!(
            nb: "Meldingen ble trolig ikke levert. Prøv igjen; skjer det igjen, kan meldingen være for stor for serveren, eller serveren ustabil.",
            en: "The message was probably not delivered. Try again; if it happens again the message may be too large for the server, or the server unstable.",
        )
    } else {
        t!(
            nb: "Prøv igjen om litt; skjer det igjen, sjekk nettverket og adressen til serveren.",
            en: "Try again in a moment; if it happens again, check the network and the server's address.",
        )
    };
    SendError::new(
        FailureKind::Dropped { step },
        t!(
            nb: "Forbindelsen til {server} brøt under {nb} ({detail})",
            en: "The connection to {server} broke during {en} ({detail})",
        ),
        hint,
    )
}

fn code_number(code: &lettre::transport::smtp::response::Code) -> u16 {
    code.to_string().parse().unwrap_or(0)
}

fn rejected(e: &SmtpError, step: Step, server: &str, code: u16) -> SendError {
    let (nb, en) = (step_nb(step), step_en(step));
    let transient = e.is_transient();
    let text = e
        .source()
        .map(|s| clean(&s.to_string()))
        .unwrap_or_default();
    let reply = format!("{code} {text}");
    let hint = match (transient, step) {
        (true, _) => t!(
            nb: "Serveren avviste for øyeblikket (4xx). Prøv igjen senere.",
            en: "The server declined for now (4xx). Try again later.",
        ),
        (false, Step::Sender) => t!(
            nb: "Serveren lar deg ikke sende som denne avsenderen. Sett EID_ONBOARD_FROM (eller from under [mail]) til en adresse kontoen din kan sende fra.",
            en: "The server does not let you send as this sender. Set EID_ONBOARD_FROM (or from under [mail]) to an address your account may send from.",
        ),
        (false, Step::Recipient) => t!(
            nb: "Sjekk adressen. Er det den generelle kontaktpersonen (Kopi), rett contacts.general.email i utkastet; er det mottakeren, kan serveren nekte å sende ut (sjekk innlogging og avsender).",
            en: "Check the address. If it is the general contact (Cc), correct contacts.general.email in the draft; if it is the recipient, the server may refuse to relay (check the login and the sender).",
        ),
        (false, Step::Hello | Step::Connect) => t!(
            nb: "Serveren tar ikke imot fra denne maskinen. Sjekk adressen, eller bruk serveren til e-postkontoen din.",
            en: "The server does not accept mail from this machine. Check the address, or use your mail account's server.",
        ),
        (false, _) => t!(
            nb: "Serveren avviste meldingen. Les svaret over; ofte er grunnen størrelse, innhold eller manglende innlogging.",
            en: "The server refused the message. Read its reply above; the reason is often size, content or a missing login.",
        ),
    };
    SendError::new(
        FailureKind::Rejected {
            code,
            transient,
            step,
        },
        t!(
            nb: "{server} avviste {nb}: {reply}",
            en: "{server} refused {en}: {reply}",
        ),
        hint,
    )
}

fn login_failure(e: &SmtpError, user: &str, server: &str) -> SendError {
    if e.is_client() {
        return login_unavailable(server);
    }
    if e.status().is_none() {
        return failure(e, Step::Login, server, false);
    }
    let text = e
        .source()
        .map(|s| clean(&s.to_string()))
        .unwrap_or_default();
    SendError::new(
        FailureKind::LoginRefused,
        t!(
            nb: "{server} godtok ikke brukernavnet {user} og passordet ({text})",
            en: "{server} did not accept the user name {user} and the password ({text})",
        ),
        t!(
            nb: "Sjekk brukernavnet (user under [mail] eller EID_ONBOARD_SMTP_USER) og passordet; noen tilbydere krever et eget app-passord.",
            en: "Check the user name (user under [mail] or EID_ONBOARD_SMTP_USER) and the password; some providers require an app password.",
        ),
    )
}

fn login_unavailable(server: &str) -> SendError {
    SendError::new(
        FailureKind::LoginUnavailable,
        t!(
            nb: "{server} tilbyr ingen innlogging vi kan bruke (AUTH PLAIN eller LOGIN)",
            en: "{server} offers no login we can use (AUTH PLAIN or LOGIN)",
        ),
        t!(
            nb: "Fjern brukernavnet hvis serveren ikke krever innlogging, eller bruk smtps://-adressen til serveren.",
            en: "Remove the user name if the server needs no login, or use the server's smtps:// address.",
        ),
    )
}

fn no_starttls(server: &str) -> SendError {
    SendError::new(
        FailureKind::NoStartTls,
        t!(
            nb: "{server} tilbyr ikke STARTTLS, og meldingen sendes ikke ukryptert",
            en: "{server} does not offer STARTTLS, and the message is not sent unencrypted",
        ),
        t!(
            nb: "Bruk smtps://vert:465 hvis serveren har det, eller en annen server.",
            en: "Use smtps://host:465 if the server has it, or another server.",
        ),
    )
}

fn tls_failure(server: &str, detail: &str) -> SendError {
    SendError::new(
        FailureKind::Tls,
        t!(
            nb: "Kryptert forbindelse (TLS) til {server} mislyktes: {detail}",
            en: "The encrypted connection (TLS) to {server} failed: {detail}",
        ),
        t!(
            nb: "Sjekk at vertsnavnet er det i serverens sertifikat. Bruker serveren en egen CA, gi den med EID_ONBOARD_SMTP_CA_FILE eller ca_file under [mail]. Bruker du smtps:// mot en STARTTLS-port (587), bytt til smtp://.",
            en: "Check that the host name is the one in the server's certificate. If the server uses its own CA, give it with EID_ONBOARD_SMTP_CA_FILE or ca_file under [mail]. If you use smtps:// on a STARTTLS port (587), change to smtp://.",
        ),
    )
}

fn step_en(step: Step) -> &'static str {
    match step {
        Step::Connect => "connecting",
        Step::Hello => "the greeting (EHLO)",
        Step::StartTls => "STARTTLS",
        Step::Login => "the login",
        Step::Sender => "the sender (MAIL FROM)",
        Step::Recipient => "a recipient (RCPT TO)",
        Step::Data => "the start of the message (DATA)",
        Step::Message => "the message (DATA)",
    }
}

fn step_nb(step: Step) -> &'static str {
    match step {
        Step::Connect => "tilkobling",
        Step::Hello => "hilsenen (EHLO)",
        Step::StartTls => "STARTTLS",
        Step::Login => "innloggingen",
        Step::Sender => "avsenderen (MAIL FROM)",
        Step::Recipient => "en mottaker (RCPT TO)",
        Step::Data => "starten av meldingen (DATA)",
        Step::Message => "meldingen (DATA)",
    }
}
