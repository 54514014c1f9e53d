//! Rules for BankID Norge's OIDC client provisioning (`rules = ["bankid-oidc"]`), and the reading
//! helpers the OpenID Connect rule sets share.
//!
//! What BankID's provisioning pages state is an error; what they do not confirm is a warning the user
//! can override (`../shared/domain/providers.md` §2):
//! - the `openid` scope is the minimum of every request (OpenID Connect Core): an error without it;
//! - redirect URIs over `http://` (other than to the developer's own machine), and `localhost` in
//!   PROD: warnings, since BankID's pages only say the URIs are pre-registered;
//! - a client authentication method other than `client_secret_basic`: a warning (the older pages
//!   name only that one; the partner may offer others);
//! - a logo between 10 000 and 10 240 bytes: a warning ("at most 10 kB" read as 1000-byte kB); the
//!   form's `max_bytes` refuses more than 10 240;
//! - a `.bid` password other than the preset one: a warning.
//!
//! `nnin` / `nnin_altsub` need a reason and a legal basis: the form expresses that itself
//! (`when = { field = "client.scopes", contains_any = [...] }` with `required = true`).

use std::path::Path;

use super::{Finding, Problem};
use crate::answers::{Answer, Answers};
use crate::form::FormSpec;
use crate::t;

pub const ENVIRONMENT: &str = "client.environment";
pub const REDIRECT_URIS: &str = "client.redirect_uris";
pub const SCOPES: &str = "client.scopes";
pub const AUTH_METHOD: &str = "client.token_endpoint_auth_method";
pub const LOGO: &str = "service.logo";
pub const BID_PASSWORD: &str = "certificate.bid_password";

/// The fields these rules read, with their kinds (the loader checks them).
pub const READS: &[(&str, &str)] = &[
    (ENVIRONMENT, "select"),
    (REDIRECT_URIS, "repeat"),
    (SCOPES, "multi-select"),
    (AUTH_METHOD, "select"),
    (LOGO, "file"),
    (BID_PASSWORD, "text"),
];

/// BankID's production environment (the test environment is CURRENT).
const PROD: &str = "prod";
/// The password BankID's RA self-service gives an activated test merchant certificate.
pub const PRESET_BID_PASSWORD: &str = "qwer1234";
/// "At most 10 kB": the form refuses more than 10 KiB; between 10 000 and 10 240 bytes is a warning.
const LOGO_KB: u64 = 10_000;

/// Answers as the rules see them: only fields the answers show, a default counting as the answer.
pub(super) struct View<'a> {
    pub spec: &'a FormSpec,
    pub answers: &'a Answers,
}

impl View<'_> {
    fn value(&self, id: &str) -> Option<toml::Value> {
        let field = self.spec.field(id)?;
        if !self.answers.is_visible(self.spec, field) {
            return None;
        }
        self.answers.condition_value(field)
    }

    /// A shown text answer (or text default), trimmed, never empty.
    pub fn text(&self, id: &str) -> Option<String> {
        match self.value(id)? {
            toml::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        }
    }

    /// A shown list answer (multi-select or repeat of text), trimmed entries.
    pub fn list(&self, id: &str) -> Vec<String> {
        let field = match self.spec.field(id) {
            Some(field) if self.answers.is_visible(self.spec, field) => field,
            _ => return Vec::new(),
        };
        match (self.answers.get(id), &field.default) {
            (Some(Answer::List(items)), _) => items.iter().map(|s| s.trim().to_string()).collect(),
            (None, Some(toml::Value::Array(items))) => items
                .iter()
                .filter_map(|v| v.as_str().map(|s| s.trim().to_string()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A shown whole number (or number default).
    pub fn number(&self, id: &str) -> Option<i64> {
        self.value(id)?.as_integer()
    }

    /// Whether a select answers `value` (case-insensitive).
    pub fn is(&self, id: &str, value: &str) -> bool {
        self.text(id).is_some_and(|v| v.eq_ignore_ascii_case(value))
    }
}

/// A web address as the OIDC rules look at it.
pub(super) struct Uri {
    pub scheme: String,
    /// Lower case, without the brackets of an IPv6 address.
    pub host: String,
}

impl Uri {
    pub fn parse(value: &str) -> Option<Uri> {
        let url = url::Url::parse(value.trim()).ok()?;
        let host = url
            .host_str()?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        Some(Uri {
            scheme: url.scheme().to_string(),
            host,
        })
    }

    /// `localhost`, `127.0.0.1`, `::1`: the developer's own machine.
    pub fn is_loopback(&self) -> bool {
        self.host == "localhost"
            || self.host.ends_with(".localhost")
            || self
                .host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

/// `openid` must be among the scopes of an OpenID Connect client: without it there is no login.
pub(super) fn openid_missing(view: &View<'_>, id: &str, out: &mut Vec<Problem>) {
    let scopes = view.list(id);
    if view
        .spec
        .field(id)
        .is_some_and(|f| view.answers.is_visible(view.spec, f))
        && !scopes.is_empty()
        && !scopes.iter().any(|s| s == "openid")
    {
        out.push(Problem::new(
            id,
            Finding::error(t!(
                nb: "Scopet «openid» mangler. Uten det blir det ingen OpenID Connect-innlogging; velg «openid» i tillegg.",
                en: "The scope \"openid\" is missing. Without it there is no OpenID Connect login; choose \"openid\" as well.",
            )),
        ));
    }
}

pub fn check(spec: &FormSpec, answers: &Answers) -> Vec<Problem> {
    let view = View { spec, answers };
    let mut out = Vec::new();
    openid_missing(&view, SCOPES, &mut out);
    redirect_uris(&view, &mut out);
    auth_method(&view, &mut out);
    logo_size(&view, &mut out);
    bid_password(&view, &mut out);
    out
}

fn redirect_uris(view: &View<'_>, out: &mut Vec<Problem>) {
    let prod = view.is(ENVIRONMENT, PROD);
    for (i, value) in view.list(REDIRECT_URIS).iter().enumerate() {
        let Some(uri) = Uri::parse(value) else {
            continue; // the leaf rule says what is wrong with it
        };
        let entry = format!("{REDIRECT_URIS}[{}]", i + 1);
        if uri.is_loopback() && prod {
            out.push(Problem::new(
                entry,
                Finding::warning(t!(
                    nb: "{value} peker til din egen maskin. En PROD-klient sender brukerne tilbake til tjenesten på nett; bruk tjenestens https-adresse.",
                    en: "{value} points to your own machine. A PROD client sends users back to the service online; use the service's https address.",
                )),
            ));
        } else if uri.scheme == "http" && !uri.is_loopback() {
            out.push(Problem::new(
                entry,
                Finding::warning(t!(
                    nb: "{value} bruker http://. BankIDs sider sier ikke noe om det, men OAuth krever kryptert tilbakesending; forvent at partneren ber om https://.",
                    en: "{value} uses http://. BankID's pages do not say, but OAuth expects redirects over TLS; expect the partner to ask for https://.",
                )),
            ));
        }
    }
}

fn auth_method(view: &View<'_>, out: &mut Vec<Problem>) {
    let Some(method) = view.text(AUTH_METHOD) else {
        return;
    };
    if method != "client_secret_basic" {
        out.push(Problem::new(
            AUTH_METHOD,
            Finding::warning(t!(
                nb: "BankIDs provisjoneringssider nevner bare client_secret_basic. Avklar med partneren at {method} tilbys før du bygger på det.",
                en: "BankID's provisioning pages name only client_secret_basic. Check with your partner that {method} is offered before you build on it.",
            )),
        ));
    }
}

fn logo_size(view: &View<'_>, out: &mut Vec<Problem>) {
    let Some(path) = view.text(LOGO) else {
        return;
    };
    let Ok(size) = std::fs::metadata(Path::new(&path)).map(|m| m.len()) else {
        return; // the file rule reports a missing file
    };
    let Some(crate::form::FieldKind::File(rules)) = view.spec.field(LOGO).map(|f| &f.kind) else {
        return; // the loader makes sure the logo is a file field
    };
    let max = rules.max_bytes;
    if size > LOGO_KB && size <= max {
        out.push(Problem::new(
            LOGO,
            Finding::warning(t!(
                nb: "Logoen er {size} byte. BankID sier «høyst 10 kB»; menes 10 000 byte, er den for stor. Lagre den med sterkere komprimering eller færre farger.",
                en: "The logo is {size} bytes. BankID says \"at most 10 kB\"; if that means 10,000 bytes, it is too large. Save it with stronger compression or fewer colours.",
            )),
        ));
    }
}

fn bid_password(view: &View<'_>, out: &mut Vec<Problem>) {
    let Some(password) = view.text(BID_PASSWORD) else {
        return;
    };
    if password != PRESET_BID_PASSWORD {
        out.push(Problem::new(
            BID_PASSWORD,
            Finding::warning(t!(
                nb: "BankID ber om .bid-filen med det forhåndsinnstilte passordet {PRESET_BID_PASSWORD}. Har du endret det, sjekk med BankID at et annet passord går.",
                en: "BankID asks for the .bid file with the preset password {PRESET_BID_PASSWORD}. If you changed it, check with BankID that another password is accepted.",
            )),
        ));
    }
}
