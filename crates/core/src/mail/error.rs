//! Why a send failed, said so the administrator knows what happened and what to try. Every failure
//! leaves the draft as it was: nothing is recorded until a transport has accepted the message.

use std::fmt;

use crate::t;
use crate::text::{Lang, Text};

/// The SMTP step a reply or a broken connection belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Connecting and the server's greeting.
    Connect,
    /// EHLO.
    Hello,
    /// STARTTLS and the TLS handshake.
    StartTls,
    /// AUTH.
    Login,
    /// MAIL FROM.
    Sender,
    /// RCPT TO.
    Recipient,
    /// DATA.
    Data,
    /// The message itself and the server's reply to it.
    Message,
}

/// What went wrong, for front ends that act on it (offer a retry, ask for the password again).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// No transport is configured.
    NotConfigured,
    /// The server needs a login but there is no password (no terminal to ask on).
    NoPassword,
    /// The CA file cannot be read or holds no certificate.
    CaFile,
    /// The server's name does not resolve.
    Unresolved,
    /// Nothing listens at the address.
    Refused,
    /// No answer within the time limit.
    Timeout,
    /// The TLS handshake failed (an untrusted or wrong certificate, most often).
    Tls,
    /// `smtp://` to a host that does not offer STARTTLS.
    NoStartTls,
    /// The server did not accept the user name and password.
    LoginRefused,
    /// A login is configured but the server offers no way to log in that we support.
    LoginUnavailable,
    /// The server answered 4xx (`transient`) or 5xx at `step`.
    Rejected {
        code: u16,
        transient: bool,
        step: Step,
    },
    /// The connection broke at `step`.
    Dropped { step: Step },
    /// The sendmail program failed or could not be started.
    Sendmail,
    /// The `.eml` file could not be written.
    Folder,
}

/// A failed send: what happened and what to try, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendError {
    pub kind: FailureKind,
    pub what: Text,
    pub hint: Text,
}

impl SendError {
    pub fn new(kind: FailureKind, what: Text, hint: Text) -> SendError {
        SendError { kind, what, hint }
    }

    /// `what.` and, on the next line, `hint`.
    pub fn message(&self, lang: Lang) -> String {
        format!("{}.\n{}", self.what.get(lang), self.hint.get(lang))
    }

    /// True when trying again later may help (a 4xx reply, a timeout, a dropped connection).
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            FailureKind::Timeout
                | FailureKind::Dropped { .. }
                | FailureKind::Rejected {
                    transient: true,
                    ..
                }
        )
    }
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}. {}", self.what.en, self.hint.en)
    }
}

impl std::error::Error for SendError {}

/// Text from a server or a program, made safe to print: control characters become spaces, and
/// it is cut at 300 characters.
pub fn clean(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    match cleaned.char_indices().nth(300) {
        Some((i, _)) => format!("{}…", &cleaned[..i]),
        None => cleaned,
    }
}

pub fn not_configured() -> SendError {
    SendError::new(
        FailureKind::NotConfigured,
        t!(
            nb: "Ingen måte å sende på er satt opp",
            en: "No way to send is configured",
        ),
        t!(
            nb: "Sett EID_ONBOARD_SMTP_URL (f.eks. smtps://smtp.firma.no:465) og EID_ONBOARD_FROM, eller smtp / sendmail / folder under [mail] i config.toml. `eid-onboard config` viser hva som gjelder.",
            en: "Set EID_ONBOARD_SMTP_URL (e.g. smtps://smtp.example-company.no:465) and EID_ONBOARD_FROM, or smtp / sendmail / folder under [mail] in config.toml. `eid-onboard config` shows what is in effect.",
        ),
    )
}

pub fn no_password(user: &str, server: &str) -> SendError {
    SendError::new(
        FailureKind::NoPassword,
        t!(
            nb: "{server} krever passordet til {user}, og det er ikke oppgitt",
            en: "{server} needs the password of {user}, and none was given",
        ),
        t!(
            nb: "Sett EID_ONBOARD_SMTP_PASSWORD, eller kjør send i en terminal, så blir du spurt (passordet lagres aldri).",
            en: "Set EID_ONBOARD_SMTP_PASSWORD, or run send on a terminal to be asked (the password is never stored).",
        ),
    )
}

pub(crate) fn ca_file(path: &str, detail: &str) -> SendError {
    SendError::new(
        FailureKind::CaFile,
        t!(
            nb: "CA-filen {path} kan ikke brukes: {detail}",
            en: "The CA file {path} cannot be used: {detail}",
        ),
        t!(
            nb: "Gi en PEM-fil med sertifikatet til CA-en som utstedte serverens sertifikat (EID_ONBOARD_SMTP_CA_FILE eller ca_file under [mail]), eller fjern innstillingen.",
            en: "Give a PEM file with the certificate of the CA that issued the server's certificate (EID_ONBOARD_SMTP_CA_FILE or ca_file under [mail]), or remove the setting.",
        ),
    )
}
