//! The production domain, checked live: resolve it, connect with TLS and a verified certificate,
//! and read `https://<domain>/.well-known/openid-configuration`. A domain set up at the provider
//! answers 200 with JSON whose `issuer` is the domain.
//!
//! Offline-tolerant like the registry: a domain that answers but is not set up (no TLS, a
//! certificate not valid for it, another issuer, 404, not JSON) is **not met**; a network that
//! gives no answer (no such name, refused, silence until the time limit) or `--offline` leaves the
//! item **unknown**, a warning and never a block.
//!
//! For front ends: [`Checker::spawn`] runs a check on its own thread and returns a receiver at
//! once (poll it between key presses); [`Checker::check`] waits, never longer than the time limit.

mod resolve;
mod settings;

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

pub use resolve::Mapping;
pub use settings::{
    CA_FILE_ENV, DEFAULT_TIMEOUT, ENABLED_ENV, ENV_VARS, RESOLVE_ENV, Settings, SettingsError,
    TIMEOUT_ENV,
};

use crate::answers::Answers;
use crate::form::{FormSpec, PrereqCheck};

/// The most of the discovery document read: a real one is a few kilobytes.
const MAX_BODY: u64 = 64 * 1024;
/// The path every OpenID provider answers on.
pub const DISCOVERY_PATH: &str = "/.well-known/openid-configuration";

/// What one check of a production domain found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainCheck {
    /// The answer as it stood when the check began (a result for another answer is stale).
    pub url: String,
    /// The domain: lower-case host, with `:port` when not 443.
    pub domain: String,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 200, JSON, and the issuer is the domain.
    SetUp,
    /// The domain answered, but is not set up as an OpenID provider.
    NotSetUp(Fault),
    /// The network gave no answer.
    NoAnswer(Silence),
    /// Not asked: `--offline` or `[domain_check] enabled = false`.
    Offline,
}

/// Why a domain that answered is not set up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// No TLS: the server does not speak it (the TLS library's words).
    NoTls(String),
    /// TLS, but a certificate not valid for the domain or from an untrusted issuer.
    Certificate(String),
    /// The document names another issuer.
    WrongIssuer {
        found: String,
    },
    /// JSON without a text `issuer`.
    NoIssuer,
    /// Any status but 200 (404: nothing at the well-known address).
    Status(u16),
    NotJson,
    TooLarge,
    /// An answer that is not HTTP, or broken.
    NotHttp(String),
}

/// Why the network gave no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Silence {
    NoSuchHost,
    Refused,
    TimedOut(Duration),
    Connection(String),
}

/// The production domain's answer, if a form asks for one: `(field, url)`, the url as typed,
/// when the item applies and the answer reads as a URL with a host.
pub fn to_check(spec: &FormSpec, answers: &Answers) -> Option<String> {
    let prereq = spec.prerequisites.iter().find(|p| {
        p.check == PrereqCheck::ProductionDomain
            && p.when
                .as_ref()
                .is_none_or(|when| answers.condition_holds(spec, when))
    })?;
    let value = answers.text(&prereq.field)?.trim();
    domain_of(value).map(|_| value.to_string())
}

/// The domain of an answer: lower-case host, with `:port` when the port is not 443. `None` when
/// the answer is not a URL with a host.
pub fn domain_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = parsed.host_str()?.to_ascii_lowercase();
    // The check is always over https: a port given for http says nothing about it.
    Some(match (parsed.scheme(), parsed.port()) {
        ("https", Some(port)) if port != 443 => format!("{host}:{port}"),
        _ => host,
    })
}

/// Whether `issuer` names `domain`: `https://<domain>`, with or without a trailing slash, the host
/// in any case.
pub fn issuer_is(issuer: &str, domain: &str) -> bool {
    let Ok(parsed) = url::Url::parse(issuer.trim()) else {
        return false;
    };
    parsed.scheme() == "https"
        && parsed.path() == "/"
        && parsed.query().is_none()
        && parsed.fragment().is_none()
        && parsed.username().is_empty()
        && domain_of(issuer).as_deref() == Some(domain)
}

/// Runs checks with one set of agents: their time limit, name mappings and trusted CAs.
#[derive(Clone, Debug)]
pub struct Checker {
    /// `None`: checks are off (offline).
    agents: Option<Agents>,
    timeout: Duration,
}

/// The same agent twice: through a proxy from the environment (when there is one), and direct.
#[derive(Clone, Debug)]
struct Agents {
    proxied: ureq::Agent,
    direct: ureq::Agent,
}

impl Agents {
    /// The agent for `domain` (a host, with `:port`): direct for this machine (any of
    /// 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104 or localhost), which a proxy must never see.
    fn for_domain(&self, domain: &str) -> &ureq::Agent {
        if crate::net::is_loopback_url(&format!("https://{domain}/")) {
            &self.direct
        } else {
            &self.proxied
        }
    }
}

/// A CA file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("the CA file {path} ({source_name}): {message}")]
pub struct CaFileError {
    pub path: String,
    /// Where the setting came from.
    pub source_name: String,
    pub message: String,
}

impl Checker {
    /// A checker that never asks: every check is [`Outcome::Offline`].
    pub fn offline() -> Checker {
        Checker {
            agents: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// A checker with these settings; the CA file is read here, so a bad one is said at once.
    pub fn new(settings: &Settings) -> Result<Checker, CaFileError> {
        if !settings.is_on() {
            return Ok(Checker::offline());
        }
        let timeout = settings.timeout.value;
        let mut tls = ureq::tls::TlsConfig::builder();
        if let Some(ca) = &settings.ca_file {
            tls = tls.root_certs(ureq::tls::RootCerts::Specific(Arc::new(read_ca(ca)?)));
        }
        let tls = tls.build();
        let agent = |direct: bool| {
            let mut config = ureq::Agent::config_builder()
                .timeout_global(Some(timeout))
                .timeout_connect(Some(timeout))
                .http_status_as_error(false)
                // A domain set up answers itself; a redirect is an answer to report, not to follow.
                .max_redirects(0)
                .max_redirects_will_error(false)
                .user_agent(concat!("eid-onboard/", env!("CARGO_PKG_VERSION")))
                .accept("application/json")
                .tls_config(tls.clone());
            if direct {
                config = config.proxy(None);
            }
            let resolver = resolve::MappedResolver {
                mappings: settings.resolve.value.clone(),
            };
            ureq::Agent::with_parts(
                config.build(),
                ureq::unversioned::transport::DefaultConnector::default(),
                resolver,
            )
        };
        // A mapped name must reach the mapped address, not a proxy from the environment.
        let mapped = !settings.resolve.value.is_empty();
        Ok(Checker {
            agents: Some(Agents {
                proxied: agent(mapped),
                direct: agent(true),
            }),
            timeout,
        })
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    pub fn is_on(&self) -> bool {
        self.agents.is_some()
    }

    /// Checks the domain of `url`, waiting for the answer, never much past the time limit (a
    /// request the library does not end in time is left behind on its thread).
    pub fn check(&self, url: &str) -> DomainCheck {
        self.wait(url, &self.spawn(url))
    }

    /// The answer of a check of `url` started with [`Checker::spawn`], waiting for it no longer
    /// than the time limit (and a little grace for the library's own timeout to fire first).
    pub fn wait(&self, url: &str, rx: &Receiver<DomainCheck>) -> DomainCheck {
        let grace = Duration::from_millis(500);
        rx.recv_timeout(self.timeout + grace)
            .unwrap_or_else(|_| DomainCheck {
                url: url.to_string(),
                domain: domain_of(url).unwrap_or_default(),
                outcome: Outcome::NoAnswer(Silence::TimedOut(self.timeout)),
            })
    }

    /// Starts a check of `url`'s domain off the caller's thread and returns at once.
    pub fn spawn(&self, url: &str) -> Receiver<DomainCheck> {
        let (tx, rx) = mpsc::channel();
        let checker = self.clone();
        let owned = url.to_string();
        let started = std::thread::Builder::new()
            .name("domain-check".into())
            .spawn({
                let tx = tx.clone();
                move || {
                    // The receiver may be gone (the answer changed): then nobody wants it.
                    let _ = tx.send(checker.check_here(&owned));
                }
            });
        if let Err(e) = started {
            let _ = tx.send(DomainCheck {
                url: url.to_string(),
                domain: domain_of(url).unwrap_or_default(),
                outcome: Outcome::NoAnswer(Silence::Connection(format!(
                    "cannot start the check: {e}"
                ))),
            });
        }
        rx
    }

    /// The production domain of these answers, checked (waiting), when the form asks for one.
    pub fn check_answers(&self, spec: &FormSpec, answers: &Answers) -> Option<DomainCheck> {
        to_check(spec, answers).map(|url| self.check(&url))
    }

    /// The check itself, on the caller's thread.
    fn check_here(&self, url: &str) -> DomainCheck {
        let domain = domain_of(url).unwrap_or_default();
        let outcome = match &self.agents {
            None => Outcome::Offline,
            Some(_) if domain.is_empty() => {
                Outcome::NotSetUp(Fault::NotHttp("not an address with a host".to_string()))
            }
            Some(agents) => self.ask(agents.for_domain(&domain), &domain),
        };
        DomainCheck {
            url: url.to_string(),
            domain,
            outcome,
        }
    }

    fn ask(&self, agent: &ureq::Agent, domain: &str) -> Outcome {
        let address = format!("https://{domain}{DISCOVERY_PATH}");
        let mut response = match agent.get(&address).call() {
            Ok(response) => response,
            Err(e) => return self.failure(e),
        };
        let status = response.status().as_u16();
        if status != 200 {
            return Outcome::NotSetUp(Fault::Status(status));
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .lossy_utf8(true)
            .read_to_string();
        match body {
            Ok(body) => interpret(domain, &body),
            Err(e) => self.failure(e),
        }
    }

    fn failure(&self, error: ureq::Error) -> Outcome {
        use std::io::ErrorKind;
        let timed_out = Outcome::NoAnswer(Silence::TimedOut(self.timeout));
        match error {
            ureq::Error::Timeout(_) => timed_out,
            ureq::Error::HostNotFound => Outcome::NoAnswer(Silence::NoSuchHost),
            ureq::Error::ConnectionFailed => Outcome::NoAnswer(Silence::Refused),
            ureq::Error::Tls(message) => Outcome::NotSetUp(Fault::NoTls(message.to_string())),
            ureq::Error::Rustls(e) => Outcome::NotSetUp(tls_fault(&e)),
            ureq::Error::BodyExceedsLimit(_) => Outcome::NotSetUp(Fault::TooLarge),
            ureq::Error::Protocol(e) => Outcome::NotSetUp(Fault::NotHttp(clean(&e.to_string()))),
            ureq::Error::LargeResponseHeader(..) => {
                Outcome::NotSetUp(Fault::NotHttp("headers too large".into()))
            }
            ureq::Error::Io(e) => {
                // rustls reports a failed handshake (no TLS, a bad certificate) as invalid data.
                if let Some(tls) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
                    return Outcome::NotSetUp(tls_fault(tls));
                }
                match e.kind() {
                    ErrorKind::TimedOut | ErrorKind::WouldBlock => timed_out,
                    ErrorKind::ConnectionRefused => Outcome::NoAnswer(Silence::Refused),
                    ErrorKind::InvalidData => {
                        Outcome::NotSetUp(Fault::NoTls(clean(&e.to_string())))
                    }
                    _ => Outcome::NoAnswer(Silence::Connection(clean(&e.to_string()))),
                }
            }
            other => Outcome::NoAnswer(Silence::Connection(clean(&other.to_string()))),
        }
    }
}

/// A failed handshake: the certificate's fault, or no TLS at all.
fn tls_fault(error: &rustls::Error) -> Fault {
    let detail = clean(&error.to_string());
    match error {
        rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented => {
            Fault::Certificate(detail)
        }
        _ => Fault::NoTls(detail),
    }
}

/// What a 200 answer means for `domain`.
pub fn interpret(domain: &str, body: &str) -> Outcome {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(body) else {
        return Outcome::NotSetUp(Fault::NotJson);
    };
    match value.get("issuer").and_then(|i| i.as_str()) {
        Some(issuer) if issuer_is(issuer, domain) => Outcome::SetUp,
        Some(issuer) => Outcome::NotSetUp(Fault::WrongIssuer {
            found: clean(issuer),
        }),
        None => Outcome::NotSetUp(Fault::NoIssuer),
    }
}

/// Text from the network, made inert and short: no control characters, at most 200 characters.
fn clean(text: &str) -> String {
    let inert: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match inert.char_indices().nth(200) {
        Some((end, _)) => format!("{}…", &inert[..end]),
        None => inert,
    }
}

fn read_ca(
    ca: &crate::config::Setting<std::path::PathBuf>,
) -> Result<Vec<ureq::tls::Certificate<'static>>, CaFileError> {
    let error = |message: String| CaFileError {
        path: ca.value.display().to_string(),
        source_name: ca.source.to_string(),
        message,
    };
    let pem = crate::bounded_read::read(&ca.value, crate::bounded_read::CA_CAP)
        .map_err(|e| error(e.to_string()))?;
    let certificates: Vec<_> = ureq::tls::parse_pem(&pem)
        .filter_map(|item| match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => Some(Ok(c)),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<Result<_, _>>()
        .map_err(|e| error(e.to_string()))?;
    if certificates.is_empty() {
        return Err(error("no PEM certificate in it".into()));
    }
    Ok(certificates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_domain_is_the_host_with_a_port_other_than_443() {
        assert_eq!(
            domain_of("https://Login.Acme.no").as_deref(),
            Some("login.acme.no")
        );
        assert_eq!(
            domain_of("https://login.acme.no:443/x").as_deref(),
            Some("login.acme.no")
        );
        assert_eq!(
            domain_of("https://login.acme.no:8443").as_deref(),
            Some("login.acme.no:8443")
        );
        assert_eq!(
            domain_of("http://login.acme.no:8080").as_deref(),
            Some("login.acme.no")
        );
        assert_eq!(domain_of("login.acme.no"), None);
        assert_eq!(domain_of("ftp://login.acme.no"), None);
    }

    #[test]
    fn the_issuer_must_be_the_domain() {
        for good in [
            "https://login.acme.no",
            "https://login.acme.no/",
            "https://LOGIN.acme.no",
        ] {
            assert!(issuer_is(good, "login.acme.no"), "{good}");
        }
        for bad in [
            "http://login.acme.no",
            "https://acme.idura.broker",
            "https://login.acme.no/tenant",
            "https://login.acme.no:8443",
            "login.acme.no",
            "",
        ] {
            assert!(!issuer_is(bad, "login.acme.no"), "{bad}");
        }
    }

    #[test]
    fn a_200_answer_is_read_for_its_issuer() {
        let d = "login.acme.no";
        assert_eq!(
            interpret(d, r#"{"issuer":"https://login.acme.no/"}"#),
            Outcome::SetUp
        );
        assert_eq!(
            interpret(d, r#"{"issuer":"https://acme.idura.broker"}"#),
            Outcome::NotSetUp(Fault::WrongIssuer {
                found: "https://acme.idura.broker".into()
            })
        );
        assert_eq!(interpret(d, "{}"), Outcome::NotSetUp(Fault::NoIssuer));
        assert_eq!(
            interpret(d, r#"{"issuer":7}"#),
            Outcome::NotSetUp(Fault::NoIssuer)
        );
        assert_eq!(interpret(d, "<html>"), Outcome::NotSetUp(Fault::NotJson));
    }
}
