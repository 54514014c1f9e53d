//! Rules for Digdir's ID-porten client registration (`rules = ["idporten"]`), from Digdir's client
//! registration page (felleslosninger/docs `_docs/idporten/oidc/oidc_func_clientreg.md`), the
//! verification tests and `../shared/domain/README.md` (corrections of 2026-12-01). Each names the
//! field to change:
//!
//! - the client authentication method must fit the application type (the allowed combinations:
//!   `web` takes `private_key_jwt`, `client_secret_basic` or `client_secret_post`; `browser` and
//!   `native` take `none`), and the error lists the allowed values; `client_secret_basic` "should
//!   be avoided" in favour of `client_secret_post`: a warning;
//! - scopes must include `openid`; an ID-porten login client always has `openid profile`
//!   (a warning when `profile` is left out); API scopes are single words;
//! - grant types must include `authorization_code`;
//! - redirect and logout addresses: in TEST plain `http` and `localhost` are allowed (a localhost
//!   address over `http://` only); PROD takes `https`, and `localhost` only for native clients;
//!   native clients may use a private-use scheme in reverse-domain form (RFC 8252 §7.1) and
//!   `http://127.0.0.1` / `http://[::1]` on any port (RFC 8252 §7.3, `oidc_auth_sbs.md`);
//! - the front-channel logout address must share a registrable domain (public suffix list) with a
//!   redirect URI, and PROD needs one (test T7, mandatory, uses it);
//! - lifetimes: access token < refresh token <= authorization is a "should" (warnings), and only
//!   with the `refresh_token` grant, since refresh tokens are issued only then; a lifetime above a
//!   year is a warning (no maximum is documented) and one beyond `u32` an error;
//! - an API scope listed twice is an error (duplicate choices of every multi-select too, in the
//!   field rules);
//! - PROD: the mandatory verification tests T1, T3, T6, T7, T8 done (errors); T2, T4, T9, T10,
//!   T11 done or "not supported" (warnings);
//! - the supplier's number equal to the client's: a warning.

use super::oidc::{Uri, View, openid_missing};
use super::{Finding, Problem};
use crate::answers::Answers;
use crate::form::FormSpec;
use crate::kind::url::private_use_scheme;
use crate::t;

pub const ENVIRONMENT: &str = "client.environment";
pub const INTEGRATION_TYPE: &str = "client.integration_type";
pub const APPLICATION_TYPE: &str = "client.application_type";
pub const AUTH_METHOD: &str = "client.token_endpoint_auth_method";
pub const GRANT_TYPES: &str = "client.grant_types";
pub const REDIRECT_URIS: &str = "client.redirect_uris";
pub const POST_LOGOUT_REDIRECT_URIS: &str = "client.post_logout_redirect_uris";
pub const FRONTCHANNEL_LOGOUT_URI: &str = "client.frontchannel_logout_uri";
pub const SCOPES: &str = "client.scopes";
pub const API_SCOPES: &str = "client.api_scopes";
pub const AUTHORIZATION_LIFETIME: &str = "lifetimes.authorization";
pub const ACCESS_TOKEN_LIFETIME: &str = "lifetimes.access_token";
pub const REFRESH_TOKEN_LIFETIME: &str = "lifetimes.refresh_token";
pub const CLIENT_ORGNO: &str = "company.orgnr";
pub const SUPPLIER_ORGNO: &str = "supplier.orgnr";

/// The verification tests required before production.
pub const MANDATORY_TESTS: &[&str] = &["tests.t1", "tests.t3", "tests.t6", "tests.t7", "tests.t8"];
/// The verification tests required when the service supports the feature.
pub const OPTIONAL_TESTS: &[&str] = &["tests.t2", "tests.t4", "tests.t9", "tests.t10", "tests.t11"];

/// The fields these rules read, with their kinds (the loader checks them).
pub const READS: &[(&str, &str)] = &[
    (ENVIRONMENT, "select"),
    (INTEGRATION_TYPE, "select"),
    (APPLICATION_TYPE, "select"),
    (AUTH_METHOD, "select"),
    (GRANT_TYPES, "multi-select"),
    (REDIRECT_URIS, "repeat"),
    (POST_LOGOUT_REDIRECT_URIS, "repeat"),
    (FRONTCHANNEL_LOGOUT_URI, "url"),
    (SCOPES, "multi-select"),
    (API_SCOPES, "repeat"),
    (AUTHORIZATION_LIFETIME, "number"),
    (ACCESS_TOKEN_LIFETIME, "number"),
    (REFRESH_TOKEN_LIFETIME, "number"),
    (CLIENT_ORGNO, "orgnr"),
    (SUPPLIER_ORGNO, "orgnr"),
    ("tests.t1", "select"),
    ("tests.t2", "select"),
    ("tests.t3", "select"),
    ("tests.t4", "select"),
    ("tests.t6", "select"),
    ("tests.t7", "select"),
    ("tests.t8", "select"),
    ("tests.t9", "select"),
    ("tests.t10", "select"),
    ("tests.t11", "select"),
];

const PROD: &str = "prod";
const DONE: &str = "done";
const NOT_SUPPORTED: &str = "not-supported";

/// The client authentication methods each application type allows.
pub fn allowed_auth_methods(application_type: &str) -> &'static [&'static str] {
    match application_type {
        "web" => &[
            "private_key_jwt",
            "client_secret_basic",
            "client_secret_post",
        ],
        "browser" | "native" => &["none"],
        _ => &[],
    }
}

pub fn check(spec: &FormSpec, answers: &Answers) -> Vec<Problem> {
    let view = View { spec, answers };
    let mut out = Vec::new();
    auth_method(&view, &mut out);
    grant_types(&view, &mut out);
    openid_missing(&view, SCOPES, &mut out);
    scopes(&view, &mut out);
    for id in [REDIRECT_URIS, POST_LOGOUT_REDIRECT_URIS] {
        for (i, value) in view.list(id).iter().enumerate() {
            address(&view, &format!("{id}[{}]", i + 1), value, &mut out);
        }
    }
    frontchannel_logout(&view, &mut out);
    lifetimes(&view, &mut out);
    verification_tests(&view, &mut out);
    supplier(&view, &mut out);
    out
}

fn auth_method(view: &View<'_>, out: &mut Vec<Problem>) {
    let (Some(app), Some(method)) = (view.text(APPLICATION_TYPE), view.text(AUTH_METHOD)) else {
        return;
    };
    let allowed = allowed_auth_methods(&app);
    if method == "client_secret_basic" && allowed.contains(&method.as_str()) {
        out.push(Problem::new(
            AUTH_METHOD,
            Finding::warning(t!(
                nb: "Digdir skriver at client_secret_basic bør unngås til fordel for client_secret_post (eller helst private_key_jwt). Velg client_secret_post om klienten kan sende hemmeligheten i skjemaet til token-endepunktet.",
                en: "Digdir says client_secret_basic should be avoided in favour of client_secret_post (or better, private_key_jwt). Choose client_secret_post if the client can send the secret in the token request's form.",
            )),
        ));
    }
    if allowed.is_empty() || allowed.contains(&method.as_str()) {
        return;
    }
    let list = allowed.join(", ");
    out.push(Problem::new(
        AUTH_METHOD,
        Finding::error(t!(
            nb: "{method} kan ikke brukes med applikasjonstypen {app}. Tillatt for {app}: {list}.",
            en: "{method} cannot be used with the application type {app}. Allowed for {app}: {list}.",
        )),
    ));
}

fn grant_types(view: &View<'_>, out: &mut Vec<Problem>) {
    let grants = view.list(GRANT_TYPES);
    if !grants.is_empty() && !grants.iter().any(|g| g == "authorization_code") {
        out.push(Problem::new(
            GRANT_TYPES,
            Finding::error(t!(
                nb: "Innlogging med ID-porten bruker autorisasjonskodeflyten: velg «authorization_code» (og «refresh_token» om klienten skal fornye tokens).",
                en: "Login with ID-porten uses the authorization code flow: choose \"authorization_code\" (and \"refresh_token\" if the client renews tokens).",
            )),
        ));
    }
}

fn scopes(view: &View<'_>, out: &mut Vec<Problem>) {
    let scopes = view.list(SCOPES);
    if view.is(INTEGRATION_TYPE, "idporten")
        && !scopes.is_empty()
        && !scopes.iter().any(|s| s == "profile")
    {
        out.push(Problem::new(
            SCOPES,
            Finding::warning(t!(
                nb: "En ren innloggingsklient i ID-porten får alltid «openid profile». Ta med «profile», så stemmer registreringen med det klienten får.",
                en: "A plain ID-porten login client always gets \"openid profile\". Include \"profile\" so the registration matches what the client gets.",
            )),
        ));
    }
    let api = view.list(API_SCOPES);
    if view.is(INTEGRATION_TYPE, "api_klient") && api.iter().all(|s| s.is_empty()) {
        out.push(Problem::new(
            API_SCOPES,
            Finding::warning(t!(
                nb: "En API-klient uten API-scopes er en vanlig innloggingsklient. Legg til scopene fra API-tilbyderen, eller velg integrasjonstypen «ID-porten (kun innlogging)».",
                en: "An API client without API scopes is a plain login client. Add the scopes from the API provider, or choose the integration type \"ID-porten (login only)\".",
            )),
        ));
    }
    for (i, scope) in api.iter().enumerate() {
        if api
            .iter()
            .take(i)
            .any(|earlier| earlier.trim() == scope.trim())
            && !scope.is_empty()
        {
            out.push(Problem::new(
                format!("{API_SCOPES}[{}]", i + 1),
                Finding::error(t!(
                    nb: "«{scope}» står allerede tidligere i listen. Ta med hvert scope bare én gang.",
                    en: "\"{scope}\" is already listed earlier. List each scope only once.",
                )),
            ));
        }
        let malformed = scope
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '\\');
        if malformed {
            out.push(Problem::new(
                format!("{API_SCOPES}[{}]", i + 1),
                Finding::error(t!(
                    nb: "«{scope}» er ikke ett scope: et scope er ett ord uten mellomrom, f.eks. «skatteetaten:formueinntekt». Skriv hvert scope som en egen oppføring.",
                    en: "\"{scope}\" is not one scope: a scope is a single word without spaces, e.g. \"skatteetaten:formueinntekt\". Enter each scope as its own entry.",
                )),
            ));
        }
    }
}

/// A redirect or logout address: a private-use scheme only for native apps; `localhost` and the
/// loopback addresses in PROD only for native apps, in TEST only over `http://`; plain `http`
/// elsewhere only in TEST.
fn address(view: &View<'_>, entry: &str, value: &str, out: &mut Vec<Problem>) {
    let prod = view.is(ENVIRONMENT, PROD);
    let native = view.is(APPLICATION_TYPE, "native");
    if let Some(scheme) = private_use_scheme(value) {
        if !native {
            out.push(Problem::new(
                entry,
                Finding::error(t!(
                    nb: "{value} bruker app-skjemaet {scheme}:, som bare native-apper kan bruke. Bruk tjenestens https-adresse, eller velg applikasjonstypen native for en mobil- eller skrivebordsapp.",
                    en: "{value} uses the app scheme {scheme}:, which only native apps can use. Use the service's https address, or choose the application type native for a mobile or desktop app.",
                )),
            ));
        }
        return;
    }
    let Some(uri) = Uri::parse(value) else {
        return;
    };
    if uri.is_loopback() {
        local_address(prod, native, entry, value, &uri, out);
    } else if prod && uri.scheme == "http" {
        let fixed = value.replacen("http://", "https://", 1);
        out.push(Problem::new(
            entry,
            Finding::error(t!(
                nb: "I PROD må adressen bruke https://; ren http er bare tillatt i TEST. Skriv {fixed}.",
                en: "In PROD the address must use https://; plain http is allowed only in TEST. Write {fixed}.",
            )),
        ));
    }
}

/// `localhost` is for developing: PROD allows it only for native clients, TEST only over http.
fn local_address(
    prod: bool,
    native: bool,
    entry: &str,
    value: &str,
    uri: &Uri,
    out: &mut Vec<Problem>,
) {
    if prod && !native {
        out.push(Problem::new(
            entry,
            Finding::error(t!(
                nb: "{value} peker til din egen maskin. I PROD er localhost bare tillatt for native-apper; bruk tjenestens https-adresse.",
                en: "{value} points to your own machine. In PROD, localhost is allowed only for native apps; use the service's https address.",
            )),
        ));
    } else if !prod && uri.scheme != "http" {
        let scheme = &uri.scheme;
        let fixed = value.replacen(&format!("{scheme}://"), "http://", 1);
        out.push(Problem::new(
            entry,
            Finding::error(t!(
                nb: "I TEST må en localhost-adresse bruke http://, ikke {scheme}://. Skriv {fixed}.",
                en: "In TEST a localhost address must use http://, not {scheme}://. Write {fixed}.",
            )),
        ));
    }
}

/// The registrable domain of a host by the public suffix list (`byggesak.fjordlys.kommune.no` ->
/// `fjordlys.kommune.no`, since `kommune.no` is a public suffix), or the host itself when it has
/// none (an address, `localhost`).
pub fn registrable_domain(host: &str) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.parse::<std::net::IpAddr>().is_ok() {
        return host;
    }
    match psl::domain_str(&host) {
        Some(domain) => domain.to_string(),
        None => host,
    }
}

fn frontchannel_logout(view: &View<'_>, out: &mut Vec<Problem>) {
    let prod = view.is(ENVIRONMENT, PROD);
    let Some(value) = view.text(FRONTCHANNEL_LOGOUT_URI) else {
        let shown = view
            .spec
            .field(FRONTCHANNEL_LOGOUT_URI)
            .is_some_and(|f| view.answers.is_visible(view.spec, f));
        if !shown {
            return;
        }
        let (nb, en) = (
            "Test T7 (utlogging startet fra en annen tjeneste), som er obligatorisk før produksjon, krever en front-channel-utloggingsadresse. Oppgi adressen tjenesten logger brukeren ut på, f.eks. https://login.acme.no/logout/frontchannel.",
            "Test T7 (logout started from another service), mandatory before production, needs a front-channel logout address. Give the address where the service logs the user out, e.g. https://login.acme.no/logout/frontchannel.",
        );
        let finding = if prod {
            Finding::error(crate::text::Text::new(nb, en))
        } else {
            Finding::warning(crate::text::Text::new(nb, en))
        };
        out.push(Problem::new(FRONTCHANNEL_LOGOUT_URI, finding));
        return;
    };
    address(view, FRONTCHANNEL_LOGOUT_URI, &value, out);
    let Some(logout) = Uri::parse(&value) else {
        return;
    };
    let redirects: Vec<Uri> = view
        .list(REDIRECT_URIS)
        .iter()
        .filter_map(|r| Uri::parse(r))
        .collect();
    if redirects.is_empty() {
        return;
    }
    let base = registrable_domain(&logout.host);
    if redirects
        .iter()
        .any(|r| registrable_domain(&r.host) == base)
    {
        return;
    }
    let hosts: Vec<&str> = redirects.iter().map(|r| r.host.as_str()).collect();
    let hosts = hosts.join(", ");
    let host = &logout.host;
    out.push(Problem::new(
        FRONTCHANNEL_LOGOUT_URI,
        Finding::error(t!(
            nb: "Utloggingsadressen må ligge på samme domene som en av redirect-URIene ({hosts}), men {host} hører til {base}. Domenet regnes etter listen over offentlige suffikser (kommune.no er et suffiks, så oslo.kommune.no og fjordlys.kommune.no er ulike domener). Bruk en adresse på tjenestens eget domene.",
            en: "The logout address must be on the same domain as one of the redirect URIs ({hosts}), but {host} belongs to {base}. Domains are counted by the public suffix list (kommune.no is a suffix, so oslo.kommune.no and fjordlys.kommune.no are different domains). Use an address on the service's own domain.",
        )),
    ));
}

/// The longest lifetime this tool lets pass without a warning: a year. Digdir documents no
/// absolute maximum for the client's lifetimes (an API scope's `at_max_age` and
/// `authorization_max_age` cap them; ID-porten's single sign-on session lasts at most 120
/// minutes), so a longer one is most likely a slip of a unit, not a rule the registration breaks.
pub const LIFETIME_WARN_ABOVE: i64 = 365 * 24 * 60 * 60;

/// A lifetime must fit the registration's field, a count of seconds as an unsigned 32-bit number
/// (about 136 years): more cannot be registered at all.
pub const LIFETIME_MAX: i64 = u32::MAX as i64;

/// Each lifetime on its own: beyond what the registration can hold (an error), above a year (a
/// warning).
fn lifetime_bounds(view: &View<'_>, out: &mut Vec<Problem>) {
    for id in [
        AUTHORIZATION_LIFETIME,
        ACCESS_TOKEN_LIFETIME,
        REFRESH_TOKEN_LIFETIME,
    ] {
        let Some(seconds) = view.number(id) else {
            continue;
        };
        if seconds > LIFETIME_MAX {
            out.push(Problem::new(
                id,
                Finding::error(t!(
                    nb: "{seconds} s er mer enn registreringen kan lagre (høyst {LIFETIME_MAX} s). Oppgi levetiden i sekunder, f.eks. 7200 for 2 timer.",
                    en: "{seconds} s is more than the registration can hold (at most {LIFETIME_MAX} s). Give the lifetime in seconds, e.g. 7200 for 2 hours.",
                )),
            ));
        } else if seconds > LIFETIME_WARN_ABOVE {
            let days = seconds / (24 * 60 * 60);
            out.push(Problem::new(
                id,
                Finding::warning(t!(
                    nb: "{seconds} s er {days} dager, mer enn et år. Digdir oppgir ingen øvre grense, men standardene er 7200 / 120 / 600 s, og et API-scope setter ofte et lavere tak. Sjekk at levetiden er oppgitt i sekunder.",
                    en: "{seconds} s is {days} days, more than a year. Digdir states no upper limit, but the defaults are 7200 / 120 / 600 s, and an API scope often sets a lower cap. Check that the lifetime is given in seconds.",
                )),
            ));
        }
    }
}

/// Digdir's "as a rule" order of the lifetimes: warnings, and only with the `refresh_token`
/// grant (without it no refresh token is issued).
fn lifetimes(view: &View<'_>, out: &mut Vec<Problem>) {
    lifetime_bounds(view, out);
    if !view.list(GRANT_TYPES).iter().any(|g| g == "refresh_token") {
        return;
    }
    let authorization = view.number(AUTHORIZATION_LIFETIME);
    let access = view.number(ACCESS_TOKEN_LIFETIME);
    let refresh = view.number(REFRESH_TOKEN_LIFETIME);
    if let (Some(access), Some(refresh)) = (access, refresh)
        && access >= refresh
    {
        out.push(Problem::new(
            ACCESS_TOKEN_LIFETIME,
            Finding::warning(t!(
                nb: "Access-tokenets levetid ({access} s) bør være kortere enn refresh-tokenets ({refresh} s). Standard er 120 s og 600 s.",
                en: "The access token lifetime ({access} s) should be shorter than the refresh token lifetime ({refresh} s). The defaults are 120 s and 600 s.",
            )),
        ));
    }
    if let (Some(refresh), Some(authorization)) = (refresh, authorization)
        && refresh > authorization
    {
        out.push(Problem::new(
            REFRESH_TOKEN_LIFETIME,
            Finding::warning(t!(
                nb: "Refresh-tokenets levetid ({refresh} s) bør ikke være lengre enn autorisasjonens ({authorization} s). Standard er 600 s og 7200 s.",
                en: "The refresh token lifetime ({refresh} s) should not be longer than the authorization lifetime ({authorization} s). The defaults are 600 s and 7200 s.",
            )),
        ));
    }
}

fn verification_tests(view: &View<'_>, out: &mut Vec<Problem>) {
    if !view.is(ENVIRONMENT, PROD) {
        return;
    }
    for id in MANDATORY_TESTS {
        match view.text(id) {
            Some(state) if state == DONE => {}
            Some(_) => {
                let test = id.trim_start_matches("tests.").to_uppercase();
                out.push(Problem::new(
                    *id,
                    Finding::error(t!(
                        nb: "{test} er obligatorisk før produksjon. Kjør testen i TEST-miljøet (mot https://demo-client.test.idporten.no) og merk den som utført.",
                        en: "{test} is mandatory before production. Run the test in the TEST environment (against https://demo-client.test.idporten.no) and mark it done.",
                    )),
                ));
            }
            None => {} // the required rule reports it
        }
    }
    for id in OPTIONAL_TESTS {
        match view.text(id) {
            Some(state) if state == DONE || state == NOT_SUPPORTED => {}
            Some(_) => {
                let test = id.trim_start_matches("tests.").to_uppercase();
                out.push(Problem::new(
                    *id,
                    Finding::warning(t!(
                        nb: "{test} kreves når tjenesten støtter funksjonen. Kjør testen før produksjon, eller merk den «støttes ikke» hvis tjenesten ikke bruker funksjonen.",
                        en: "{test} is required when the service supports the feature. Run it before production, or mark it \"not supported\" if the service does not use the feature.",
                    )),
                ));
            }
            None => {}
        }
    }
}

fn supplier(view: &View<'_>, out: &mut Vec<Problem>) {
    if let (Some(client), Some(supplier)) = (view.text(CLIENT_ORGNO), view.text(SUPPLIER_ORGNO))
        && client == supplier
    {
        out.push(Problem::new(
            SUPPLIER_ORGNO,
            Finding::warning(t!(
                nb: "Leverandøren har samme organisasjonsnummer som klientens eier. La feltet stå tomt når dere drifter klienten selv.",
                en: "The supplier has the same organisation number as the client's owner. Leave it empty when you run the client yourselves.",
            )),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allowed_combinations() {
        assert_eq!(
            allowed_auth_methods("web"),
            [
                "private_key_jwt",
                "client_secret_basic",
                "client_secret_post"
            ]
        );
        assert_eq!(allowed_auth_methods("browser"), ["none"]);
        assert_eq!(allowed_auth_methods("native"), ["none"]);
    }

    #[test]
    fn domains_compare_by_the_public_suffix_list() {
        assert_eq!(registrable_domain("login.acme.no"), "acme.no");
        assert_eq!(registrable_domain("acme.no"), "acme.no");
        assert_eq!(
            registrable_domain("byggesak.fjordlys.kommune.no"),
            "fjordlys.kommune.no"
        );
        assert_eq!(
            registrable_domain("evil.oslo.kommune.no"),
            "oslo.kommune.no"
        );
        assert_eq!(registrable_domain("www.nav.co.uk"), "nav.co.uk");
        assert_eq!(registrable_domain("localhost"), "localhost");
        assert_eq!(registrable_domain("127.0.0.1"), "127.0.0.1");
    }
}
