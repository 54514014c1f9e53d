//! Rules for BankID Norge's OIDC client provisioning (`rules = ["bankid-oidc"]`), and the reading
//! helpers the OpenID Connect rule sets share.
//!
//! What BankID's provisioning pages state is an error; what they do not confirm is a warning the user
//! can override (`../shared/domain/providers.md` §2 and the domain README's corrections):
//! - the `openid` scope is the minimum of every request (OpenID Connect Core): an error without it;
//! - PROD without the partner's email: an error (the Provisioning page: PROD is provisioned by a
//!   BankID partner under a commercial agreement; only CURRENT can be had without one);
//! - a typed scope: one with characters a scope cannot hold (RFC 6749 §3.3: no blanks, `"` or
//!   `\`) or a bare `permissions/` is an error; `permissions/<name>` is accepted (the sources say
//!   such scopes exist); any other scope not in the list is a warning (it may be configured for the
//!   client at provisioning, but no source names it);
//! - `nnin_altsub` without the authorization code flow: a warning (the scope is "code flow only");
//! - redirect URIs over `http://` (other than to the developer's own machine), and `localhost` in
//!   PROD: warnings, since BankID's pages only say the URIs are pre-registered; a fragment or a
//!   wildcard in one is an error (OAuth, RFC 6749 §3.1.2);
//! - a logo between 10 000 and 10 240 bytes: a warning ("at most 10 kB" read as 1000-byte kB); the
//!   form's `max_bytes` refuses more than 10 240;
//! - a `.bid` password other than the preset one: a warning.
//!
//! The client authentication method needs no rule: the form offers only `client_secret_basic` and
//! `private_key_jwt`, which BankID supports (the latter on request, said in the help), and the
//! `jwk` kind checks the public key a `private_key_jwt` client registers.
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
pub const FLOWS: &str = "client.flows";
pub const PARTNER: &str = "partner";
pub const LOGO: &str = "service.logo";
pub const BID_PASSWORD: &str = "certificate.bid_password";

/// The fields these rules read, with their kinds (the loader checks them).
pub const READS: &[(&str, &str)] = &[
    (ENVIRONMENT, "select"),
    (PARTNER, "contact"),
    (FLOWS, "multi-select"),
    (REDIRECT_URIS, "repeat"),
    (SCOPES, "multi-select"),
    (LOGO, "file"),
    (BID_PASSWORD, "text"),
];

/// The prefix of the permission scopes BankID's scope list has (`permissions/read`).
const PERMISSIONS: &str = "permissions/";
/// The flow `nnin_altsub` is given in.
const CODE_FLOW: &str = "authorization_code";

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
    partner_for_prod(&view, &mut out);
    typed_scopes(&view, &mut out);
    nnin_altsub_flow(&view, &mut out);
    redirect_uris(&view, &mut out);
    logo_size(&view, &mut out);
    bid_password(&view, &mut out);
    out
}

fn redirect_uris(view: &View<'_>, out: &mut Vec<Problem>) {
    let prod = view.is(ENVIRONMENT, PROD);
    for (i, value) in view.list(REDIRECT_URIS).iter().enumerate() {
        let entry = format!("{REDIRECT_URIS}[{}]", i + 1);
        // The form takes them as web addresses; OAuth's own rules for a redirect come on top.
        for finding in crate::kind::url::oauth_redirect_problems(value) {
            out.push(Problem::new(&entry, finding));
        }
        let Some(uri) = Uri::parse(value) else {
            continue; // the leaf rule says what is wrong with it
        };
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

/// PROD is provisioned by a BankID partner under a commercial agreement (Provisioning page): the
/// partner's email is where the order goes.
fn partner_for_prod(view: &View<'_>, out: &mut Vec<Problem>) {
    if !view.is(ENVIRONMENT, PROD) {
        return;
    }
    let Some(field) = view.spec.field(PARTNER) else {
        return; // the loader makes sure the form has it
    };
    let email = format!("{PARTNER}.email");
    if !view.answers.is_visible(view.spec, field) || view.answers.text(&email).is_some() {
        return;
    }
    out.push(Problem::new(
        email,
        Finding::error(t!(
            nb: "PROD settes opp av en BankID-partner under en kommersiell avtale: oppgi partneren og e-postadressen dere bestiller på. Uten partner kan dere bare få en klient i CURRENT.",
            en: "PROD is provisioned by a BankID partner under a commercial agreement: name the partner and the email address you order from. Without a partner you can only get a client in CURRENT.",
        )),
    ));
}

/// Scopes typed besides the listed ones: `permissions/<name>` is a known form, anything else
/// unconfirmed; a token a scope cannot be (RFC 6749 §3.3) is refused.
fn typed_scopes(view: &View<'_>, out: &mut Vec<Problem>) {
    let Some(crate::form::FieldKind::MultiSelect(choice)) =
        view.spec.field(SCOPES).map(|f| &f.kind)
    else {
        return; // the loader makes sure the scopes are a multi-select
    };
    for (i, scope) in view.list(SCOPES).iter().enumerate() {
        if scope.is_empty() || choice.options.iter().any(|o| o.value == *scope) {
            continue;
        }
        let entry = format!("{SCOPES}[{}]", i + 1);
        let shown: String = scope.chars().take(60).collect();
        if let Some(finding) = scope_finding(scope, &shown) {
            out.push(Problem::new(entry, finding));
        }
    }
}

/// What is wrong with one typed scope, if anything.
fn scope_finding(scope: &str, shown: &str) -> Option<Finding> {
    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
    let token_char = |c: char| matches!(c, '\x21' | '\x23'..='\x5b' | '\x5d'..='\x7e');
    if !scope.chars().all(token_char) {
        return Some(Finding::error(t!(
            nb: "«{shown}» kan ikke være et scope: et scope har ingen mellomrom, anførselstegn, omvendt skråstrek eller tegn utenfor ASCII (RFC 6749 § 3.3). Skriv ett scope per valg, f.eks. permissions/read.",
            en: "\"{shown}\" cannot be a scope: a scope has no blanks, quotes, backslashes or characters outside ASCII (RFC 6749 §3.3). Type one scope per choice, e.g. permissions/read.",
        )));
    }
    match scope.strip_prefix(PERMISSIONS) {
        Some(name) if is_permission_name(name) => None,
        Some(_) => Some(Finding::error(t!(
            nb: "«{shown}» er ikke et fullstendig tilgangsscope. Skriv permissions/ og navnet på tilgangen (bokstaver, sifre, «.», «_», «-» eller «/»), f.eks. permissions/read.",
            en: "\"{shown}\" is not a complete permission scope. Write permissions/ and the permission's name (letters, digits, '.', '_', '-' or '/'), e.g. permissions/read.",
        ))),
        None => Some(Finding::warning(t!(
            nb: "«{shown}» er ikke blant scopene BankIDs sider nevner (openid, profile, nnin_altsub, nnin, email, phone, address og permissions/<navn>). Scopes settes opp per klient; sjekk med partneren eller BankID at det finnes.",
            en: "\"{shown}\" is not among the scopes BankID's pages name (openid, profile, nnin_altsub, nnin, email, phone, address and permissions/<name>). Scopes are configured per client; check with your partner or BankID that it exists.",
        ))),
    }
}

/// The name after `permissions/`: letters, digits and `.`, `_`, `-`, with `/` between parts.
fn is_permission_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('/').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        })
}

/// `nnin_altsub` is given in the ID token of the code flow only (BankID's scopes page).
fn nnin_altsub_flow(view: &View<'_>, out: &mut Vec<Problem>) {
    let flows = view.list(FLOWS);
    if flows.is_empty()
        || flows.iter().any(|f| f == CODE_FLOW)
        || !view.list(SCOPES).iter().any(|s| s == "nnin_altsub")
    {
        return;
    }
    out.push(Problem::new(
        FLOWS,
        Finding::warning(t!(
            nb: "Scopet nnin_altsub gir fødselsnummeret bare i kodeflyten (authorization code), som ikke er valgt. Velg authorization code i tillegg, eller bruk scopet nnin.",
            en: "The scope nnin_altsub gives the national identity number in the code flow (authorization code) only, which is not chosen. Choose authorization code as well, or use the scope nnin.",
        )),
    ));
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
