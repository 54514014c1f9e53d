//! The HTTP side: one blocking `GET {base}/enheter/{orgnr}` (or `/underenheter/{orgnr}`) with a
//! short timeout and the register's versioned media type, and the reading of its status and body
//! into an [`Outcome`]. Nothing the server sends can make this panic: every status, body and
//! transport failure has an outcome.

use std::time::Duration;

use super::enhet::{Enhet, clean};
use super::underenhet::{SubUnit, Underenhet};
use super::{Failure, Outcome};
use crate::validate::orgnr;

/// The largest answer read. A unit is a few kilobytes; anything much bigger is not an answer to
/// this question.
pub(crate) const MAX_BODY: u64 = 256 * 1024;

/// The most redirects followed, each to the configured registry's own scheme, host and port.
const MAX_REDIRECTS: usize = 3;

/// The versioned media type the register documents for a unit's roles.
pub const ROLES_ACCEPT: &str = "application/vnd.brreg.enhetsregisteret.rolle.v1+json";

/// Which register of units a request asks: main units (legal entities) or sub-units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// `GET /enheter/{orgnr}`.
    Enhet,
    /// `GET /underenheter/{orgnr}`.
    Underenhet,
}

impl Unit {
    /// The path segment under the API's base.
    pub fn path(self) -> &'static str {
        match self {
            Unit::Enhet => "enheter",
            Unit::Underenhet => "underenheter",
        }
    }

    /// The versioned media type the register documents for a single unit of this kind (version 2
    /// is the default since 2024-03-11, version 1 was removed on 2024-09-01).
    pub fn accept(self) -> &'static str {
        match self {
            Unit::Enhet => "application/vnd.brreg.enhetsregisteret.enhet.v2+json",
            Unit::Underenhet => "application/vnd.brreg.enhetsregisteret.underenhet.v2+json",
        }
    }
}

/// A client for Enhetsregisteret. Cheap to clone (the connection pool is shared), so each lookup
/// thread can take its own.
#[derive(Clone, Debug)]
pub struct Client {
    agent: ureq::Agent,
    base: String,
    timeout: Duration,
}

/// An HTTP answer: status and body text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Client {
    /// A client for the API at `base` (e.g. `https://data.brreg.no/enhetsregisteret/api`). `timeout`
    /// bounds the whole request, connection and body included.
    pub fn new(base: &str, timeout: Duration) -> Client {
        let loopback = crate::net::is_loopback_url(base);
        let mut config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(timeout))
            .http_status_as_error(false)
            // Redirects are followed here, in `get_url`, and only to the registry's own origin:
            // a registry must not be able to send the client to another host.
            .max_redirects(0)
            .user_agent(concat!("eid-onboard/", env!("CARGO_PKG_VERSION")))
            // Each request names its versioned media type (see `Unit::accept`).
            .accept("application/json");
        // A proxy from the environment is used for the real registry, never for a local one
        // (any of 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104 or localhost).
        if loopback {
            config = config.proxy(None);
        }
        Client {
            agent: config.build().into(),
            base: base.trim_end_matches('/').to_string(),
            timeout,
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The address asked for `orgnr` as a main unit.
    pub fn url_of(&self, orgnr: &str) -> String {
        self.url_of_unit(Unit::Enhet, orgnr)
    }

    /// The address asked for `orgnr` in the register of `unit`.
    pub fn url_of_unit(&self, unit: Unit, orgnr: &str) -> String {
        format!("{}/{}/{orgnr}", self.base, unit.path())
    }

    /// Looks up one organisation number as a main unit. An invalid number (MOD11) is never sent.
    pub fn fetch(&self, number: &str) -> Outcome {
        let number = orgnr::normalize(number);
        if !orgnr::is_valid(&number) {
            return Outcome::InvalidNumber;
        }
        match self.get(&number) {
            Ok(answer) => interpret(&number, answer.status, &answer.body),
            Err(outcome) => outcome,
        }
    }

    /// The raw answer about a main unit, or the outcome that stands for a failed exchange.
    pub fn get(&self, number: &str) -> Result<Answer, Outcome> {
        self.get_unit(Unit::Enhet, number)
    }

    /// The raw answer from the register of `unit`, asked with its versioned media type.
    pub fn get_unit(&self, unit: Unit, number: &str) -> Result<Answer, Outcome> {
        self.get_url(&self.url_of_unit(unit, number), unit.accept())
    }

    /// The address asked for the roles of `orgnr`.
    pub fn url_of_roles(&self, orgnr: &str) -> String {
        format!("{}/enheter/{orgnr}/roller", self.base)
    }

    /// The raw answer about the roles of a main unit (`GET /enheter/{orgnr}/roller`). The body
    /// holds birth dates: it is read into [`super::Roles`] at once and never kept as it is.
    pub fn get_roles(&self, number: &str) -> Result<Answer, Outcome> {
        self.get_url(&self.url_of_roles(number), ROLES_ACCEPT)
    }

    fn get_url(&self, url: &str, accept: &str) -> Result<Answer, Outcome> {
        let mut at =
            url::Url::parse(url).map_err(|_| Outcome::Unreachable(Failure::BadUrl(clean(url))))?;
        for _ in 0..=MAX_REDIRECTS {
            let response = self
                .agent
                .get(at.as_str())
                .header("Accept", accept)
                .call()
                .map_err(|e| self.failure(e))?;
            match self.redirect_of(&at, &response)? {
                Some(next) => at = next,
                None => return self.read(response),
            }
        }
        Err(Outcome::Unreadable(Failure::Redirect))
    }

    /// Where a redirect answer sends the client, when it stays on the registry's own origin; an
    /// error for one to anywhere else (never asked) or without a usable `Location`; `None` for an
    /// answer that is not a redirect.
    fn redirect_of(
        &self,
        at: &url::Url,
        response: &ureq::http::Response<ureq::Body>,
    ) -> Result<Option<url::Url>, Outcome> {
        if !response.status().is_redirection() {
            return Ok(None);
        }
        let next = response
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .and_then(|l| at.join(l).ok())
            .ok_or(Outcome::Unreadable(Failure::Redirect))?;
        let base = url::Url::parse(&self.base)
            .map_err(|_| Outcome::Unreachable(Failure::BadUrl(clean(&self.base))))?;
        if crate::net::same_origin(&next, &base) {
            Ok(Some(next))
        } else {
            let elsewhere = next.host_str().unwrap_or_else(|| next.as_str());
            Err(Outcome::Unreadable(Failure::RedirectElsewhere(clean(
                elsewhere,
            ))))
        }
    }

    /// The status and body (at most [`MAX_BODY`]) of an answer.
    fn read(&self, mut response: ureq::http::Response<ureq::Body>) -> Result<Answer, Outcome> {
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .lossy_utf8(true)
            .read_to_string()
            .map_err(|e| self.failure(e))?;
        Ok(Answer { status, body })
    }

    fn failure(&self, error: ureq::Error) -> Outcome {
        use std::io::ErrorKind;
        let after = self.timeout;
        match error {
            ureq::Error::Timeout(_) => Outcome::Unreachable(Failure::Timeout { after }),
            ureq::Error::HostNotFound => Outcome::Unreachable(Failure::HostNotFound),
            ureq::Error::ConnectionFailed => Outcome::Unreachable(Failure::Refused),
            ureq::Error::Io(e) => match e.kind() {
                ErrorKind::TimedOut | ErrorKind::WouldBlock => {
                    Outcome::Unreachable(Failure::Timeout { after })
                }
                ErrorKind::ConnectionRefused => Outcome::Unreachable(Failure::Refused),
                ErrorKind::InvalidData => Outcome::Unreadable(Failure::NotHttp),
                _ => Outcome::Unreachable(Failure::Connection(clean(&e.to_string()))),
            },
            ureq::Error::BodyExceedsLimit(_) => Outcome::Unreadable(Failure::TooLarge),
            ureq::Error::Protocol(e) => Outcome::Unreadable(Failure::Other(clean(&e.to_string()))),
            ureq::Error::LargeResponseHeader(..) => Outcome::Unreadable(Failure::NotHttp),
            ureq::Error::Tls(message) => Outcome::Unreachable(Failure::Tls(message.to_string())),
            ureq::Error::Rustls(e) => Outcome::Unreachable(Failure::Tls(clean(&e.to_string()))),
            ureq::Error::BadUri(uri) => Outcome::Unreachable(Failure::BadUrl(clean(&uri))),
            ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
                Outcome::Unreadable(Failure::Redirect)
            }
            other => Outcome::Unreachable(Failure::Other(clean(&other.to_string()))),
        }
    }
}

/// What an answer about `number` as a main unit means. Shared by live answers and the cache.
pub fn interpret(number: &str, status: u16, body: &str) -> Outcome {
    interpret_json(number, status, serde_json::from_str(body))
}

/// What an answer from the register of `unit` means: a sub-unit found is
/// [`Outcome::SubUnit`] (its parent not yet named).
pub fn interpret_unit(unit: Unit, number: &str, status: u16, body: &str) -> Outcome {
    interpret_unit_json(unit, number, status, serde_json::from_str(body))
}

/// [`interpret`] on a body already parsed (or not) as JSON.
pub fn interpret_json(
    number: &str,
    status: u16,
    body: Result<serde_json::Value, serde_json::Error>,
) -> Outcome {
    interpret_unit_json(Unit::Enhet, number, status, body)
}

/// [`interpret_unit`] on a body already parsed (or not) as JSON.
pub fn interpret_unit_json(
    unit: Unit,
    number: &str,
    status: u16,
    body: Result<serde_json::Value, serde_json::Error>,
) -> Outcome {
    match status {
        200 => match unit {
            Unit::Enhet => match read_unit::<Enhet>(number, body, |e| &e.organisasjonsnummer) {
                Ok(enhet) => Outcome::Found(Box::new(enhet)),
                Err(failure) => Outcome::Unreadable(failure),
            },
            Unit::Underenhet => {
                match read_unit::<Underenhet>(number, body, |u| &u.organisasjonsnummer) {
                    Ok(unit) => Outcome::SubUnit(Box::new(SubUnit::new(unit))),
                    Err(failure) => Outcome::Unreadable(failure),
                }
            }
        },
        404 => Outcome::NotFound,
        // The status alone says "removed"; the date is a bonus when the body carries it.
        410 => Outcome::Removed {
            deleted: body
                .ok()
                .and_then(|v| v.get("slettedato").and_then(|d| d.as_str()).map(clean))
                .filter(|d| !d.is_empty()),
        },
        500..=599 => Outcome::Unreachable(Failure::Status(status)),
        _ => Outcome::Unreadable(Failure::Status(status)),
    }
}

/// A 200 body as a unit about `number`: JSON, with the number, of the right shape.
fn read_unit<T: serde::de::DeserializeOwned>(
    number: &str,
    body: Result<serde_json::Value, serde_json::Error>,
    number_of: impl Fn(&T) -> &String,
) -> Result<T, Failure> {
    let value = body.map_err(|_| Failure::NotJson)?;
    if value.get("organisasjonsnummer").is_none() {
        return Err(Failure::NoNumber);
    }
    let unit: T =
        serde_json::from_value(value).map_err(|e| Failure::Shape(clean(&e.to_string())))?;
    let answered = number_of(&unit);
    if orgnr::normalize(answered) != number {
        return Err(Failure::OtherNumber(clean(answered)));
    }
    Ok(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DNB: &str =
        include_str!("../../../../tests/fixtures/brreg/enhet_984851006_dnb_2019.json");

    #[test]
    fn statuses_map_to_outcomes() {
        assert!(matches!(
            interpret("984851006", 200, DNB),
            Outcome::Found(_)
        ));
        assert_eq!(interpret("984851006", 404, ""), Outcome::NotFound);
        assert_eq!(
            interpret("984851006", 410, r#"{"slettedato":"2025-05-24"}"#),
            Outcome::Removed {
                deleted: Some("2025-05-24".into())
            }
        );
        assert_eq!(
            interpret("984851006", 410, "<html>gone</html>"),
            Outcome::Removed { deleted: None }
        );
        assert_eq!(
            interpret("984851006", 503, "busy"),
            Outcome::Unreachable(Failure::Status(503))
        );
        assert_eq!(
            interpret("984851006", 400, "{}"),
            Outcome::Unreadable(Failure::Status(400))
        );
        assert_eq!(
            interpret("984851006", 204, ""),
            Outcome::Unreadable(Failure::Status(204))
        );
    }

    #[test]
    fn a_200_that_is_not_a_unit_is_unreadable() {
        for (body, failure) in [
            ("{\"organisasjonsnummer\": \"98485", Failure::NotJson),
            ("<html>captive portal</html>", Failure::NotJson),
            ("", Failure::NotJson),
            ("[]", Failure::NoNumber),
            ("null", Failure::NoNumber),
            ("{\"navn\": \"DNB BANK ASA\"}", Failure::NoNumber),
            (
                "{\"organisasjonsnummer\": \"937895321\"}",
                Failure::OtherNumber("937895321".into()),
            ),
        ] {
            assert_eq!(
                interpret("984851006", 200, body),
                Outcome::Unreadable(failure),
                "{body}"
            );
        }
        assert!(matches!(
            interpret("984851006", 200, "{\"organisasjonsnummer\": 984851006}"),
            Outcome::Unreadable(Failure::Shape(_))
        ));
    }

    #[test]
    fn an_invalid_number_is_never_sent() {
        // Port 9 on loopback: were a request made, it would fail as unreachable, not as invalid.
        let client = Client::new("http://127.0.0.1:9", Duration::from_millis(200));
        assert_eq!(client.fetch("984851007"), Outcome::InvalidNumber);
        assert_eq!(client.fetch("12345"), Outcome::InvalidNumber);
        assert_eq!(client.fetch("../../etc/passwd"), Outcome::InvalidNumber);
    }
}
