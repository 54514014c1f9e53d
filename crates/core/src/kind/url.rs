//! Web addresses (production domains, redirect URIs) and the public-domain check shared with
//! email addresses.
//!
//! A production order names a domain the provider will call or redirect to, so it must be a name
//! that resolves on the public internet: not an IP address, not `localhost`, not a name reserved
//! for testing or local networks (RFC 2606, RFC 6761, RFC 6762, RFC 8375).

use std::net::IpAddr;

use unicode_script::{Script, UnicodeScript};
use url::{Host, Url};

use super::{Around, Kind, trimmed};
use crate::form::spec::UrlRules;
use crate::t;
use crate::text::Text;
use crate::validate::Finding;

/// Endings reserved for documentation, testing or local networks: they never resolve publicly.
/// `corp`, `home`, `intranet` and `localdomain` are not reserved by an RFC but are widely used on
/// internal networks and will not be delegated (ICANN name-collision decisions).
const RESERVED_SUFFIXES: &[&str] = &[
    "local",
    "localhost",
    "test",
    "example",
    "invalid",
    "internal",
    "lan",
    "home.arpa",
    "arpa",
    "onion",
    "localdomain",
    "corp",
    "home",
    "intranet",
    "example.com",
    "example.net",
    "example.org",
];

/// Words that mark a test or staging environment in a host name.
const TEST_WORDS: &[&str] = &[
    "test",
    "testing",
    "tst",
    "stage",
    "staging",
    "stg",
    "dev",
    "develop",
    "development",
    "demo",
    "sandbox",
    "preprod",
    "qa",
    "uat",
    "acc",
    "acceptance",
    "local",
];

/// DNS limits (RFC 1035): a whole name of at most 253 characters, labels of 1–63.
const MAX_NAME: usize = 253;
const MAX_LABEL: usize = 63;

/// `None` when `host` is a public DNS name; otherwise a message saying what is wrong with it and
/// what to use instead. Accepts Unicode (IDN) names as well as their punycode form.
pub fn public_domain_problem(host: &str) -> Option<Text> {
    let shown = host.trim();
    if shown.is_empty() {
        return Some(t!(
            nb: "Domenenavnet mangler. Bruk et offentlig domene, f.eks. login.acme.no.",
            en: "The domain name is missing. Use a public domain, e.g. login.acme.no.",
        ));
    }
    if is_ip_literal(shown) {
        return Some(ip_address(shown));
    }
    let name = match ascii_name(shown) {
        Ok(name) => name,
        Err(problem) => return Some(problem),
    };
    if name == "localhost" || name.ends_with(".localhost") {
        return Some(t!(
            nb: "«{shown}» peker bare til maskinen selv og kan ikke nås utenfra. Bruk det offentlige domenet, f.eks. login.acme.no.",
            en: "“{shown}” only points to the machine itself and cannot be reached from outside. Use the public domain, e.g. login.acme.no.",
        ));
    }
    syntax_problem(shown, &name).or_else(|| reserved_problem(shown, &name))
}

/// True when a label of `host`, or a `-`-separated part of one, is a word that marks a test or
/// staging environment (`acme-test.criipto.id`, `staging.acme.no`). A heuristic: whole parts only,
/// so `contest.no` or `devold.no` do not match. The top-level domain is not looked at, because
/// `.dev` is a real public ending.
pub fn looks_like_test_host(host: &str) -> bool {
    let name = host.trim().trim_end_matches('.').to_lowercase();
    let labels: Vec<&str> = name.split('.').collect();
    let without_tld = match labels.split_last() {
        Some((_, rest)) if !rest.is_empty() => rest,
        _ => &labels[..],
    };
    without_tld.iter().any(|label| label_marks_test(label))
}

/// Checks a web address against `rules`. Empty input gives no findings.
pub fn validate(input: &str, rules: &UrlRules) -> Vec<Finding> {
    let value = input.trim();
    if value.is_empty() {
        return Vec::new();
    }
    if let Some(finding) = raw_text_problem(value) {
        return vec![finding];
    }
    let url = match parse(value) {
        Ok(url) => url,
        Err(finding) => return vec![finding],
    };
    if !matches!(url.scheme(), "http" | "https") {
        return vec![wrong_scheme(url.scheme(), rules.https_only)];
    }
    let Some(host) = url.host() else {
        return vec![unparsable(value)];
    };
    let local_ok = rules.allow_localhost && is_loopback(&host);
    let mut found = Vec::new();
    if url.scheme() == "http" && !local_ok {
        if rules.https_only {
            found.push(needs_https(&url));
        } else if rules.warn_http {
            found.push(advise_https(&url));
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        found.push(Finding::error(t!(
            nb: "Fjern brukernavn og passord fra adressen (delen før @). Passord skal aldri stå i en nettadresse.",
            en: "Remove the user name and password from the address (the part before @). A password must never be part of a web address.",
        )));
    }
    // On loopback a native app's port is chosen when it runs (RFC 8252 §7.3), so a registered
    // `:0` can stand for "any"; elsewhere no server answers on port 0.
    if url.port() == Some(0) && !local_ok {
        found.push(port_zero());
    }
    if rules.domain_only {
        found.extend(beyond_domain(&url));
    }
    if !local_ok {
        let host_text = host.to_string();
        match public_domain_problem(&host_text) {
            Some(problem) => found.push(Finding::error(problem)),
            None => {
                found.extend(mixed_script_warning(&host_text));
                if rules.warn_test_host && looks_like_test_host(&host_text) {
                    found.push(test_host(&host_text));
                }
            }
        }
    }
    found
}

/// What the raw text of an address holds that a parser would silently change or drop, checked
/// before parsing: the url crate strips TAB, CR and LF anywhere, percent-encodes blanks in a path
/// and reads `\` as `/`, so the address stored would not be the one shown, and
/// `https://login.acme.no\@evil.com` would mean one host to this tool and another to a reader.
fn raw_text_problem(value: &str) -> Option<Finding> {
    if let Some(c) = value.chars().find(|c| c.is_control() || is_invisible(*c)) {
        let code = format!("U+{:04X}", u32::from(c));
        return Some(Finding::error(t!(
            nb: "Adressen inneholder det usynlige tegnet {code}, trolig fra innliming. Skriv adressen inn på nytt for hånd.",
            en: "The address contains the invisible character {code}, probably from pasting. Type the address again by hand.",
        )));
    }
    if value.chars().any(char::is_whitespace) {
        return Some(Finding::error(t!(
            nb: "«{value}» er ikke en gyldig nettadresse: den inneholder mellomrom. Fjern mellomrommet (et mellomrom i en sti skrives %20).",
            en: "“{value}” is not a valid web address: it contains a blank. Remove it (a space in a path is written %20).",
        )));
    }
    if value.contains('\\') {
        return Some(Finding::error(t!(
            nb: "Adressen inneholder en omvendt skråstrek (\\). Programmer leser den ulikt (som / eller som tekst), så adressen kan peke til en annen vert enn den ser ut til. Bruk / i stien, f.eks. https://login.example.no/callback.",
            en: "The address contains a backslash (\\). Programs read it differently (as / or as text), so the address may point to another host than it seems to. Use / in the path, e.g. https://login.example.no/callback.",
        )));
    }
    None
}

/// Characters that show as nothing or reorder what is shown: zero-width characters, the
/// bidirectional marks and overrides (U+202E turns `moc.live` into `evil.com` on screen), the
/// soft hyphen and the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

fn port_zero() -> Finding {
    Finding::error(t!(
        nb: "Port 0 er ingen port en tjener kan svare på. Fjern «:0», eller skriv den riktige porten.",
        en: "Port 0 is not a port a server can answer on. Remove “:0”, or write the right port.",
    ))
}

/// A production domain is a domain only: a path (other than `/`), a query or a fragment is an
/// error that suggests the address without them.
fn beyond_domain(url: &Url) -> Option<Finding> {
    let extra = url.path() != "/" || url.query().is_some() || url.fragment().is_some();
    if !extra {
        return None;
    }
    let origin = url.origin().ascii_serialization();
    Some(Finding::error(t!(
        nb: "Her skal bare domenet stå, uten sti, ?spørring eller #fragment. Skriv {origin}",
        en: "This takes the domain only, without a path, ?query or #fragment. Write {origin}",
    )))
}

/// Sets of writing systems that are written together (UTS #39, "highly restrictive"): Japanese,
/// Chinese with Bopomofo and Korean, each with Latin. Any other mix within one label is the
/// look-alike trick of a phishing domain (`lоgin` with a Cyrillic о).
const SCRIPTS_WRITTEN_TOGETHER: &[&[Script]] = &[
    &[
        Script::Latin,
        Script::Han,
        Script::Hiragana,
        Script::Katakana,
    ],
    &[Script::Latin, Script::Han, Script::Bopomofo],
    &[Script::Latin, Script::Han, Script::Hangul],
];

/// A warning when a label of `host` mixes writing systems that are not written together, showing
/// the name as it is registered (punycode), where the look-alike letters stand out. `None` for a
/// host that is no valid name (its problem is told elsewhere).
pub fn mixed_script_warning(host: &str) -> Option<Finding> {
    let ascii = ascii_name(host.trim()).ok()?;
    let unicode = url::quirks::domain_to_unicode(&ascii);
    let (label, scripts) = unicode.split('.').find_map(|label| {
        let scripts = label_scripts(label);
        let together = scripts.len() <= 1
            || SCRIPTS_WRITTEN_TOGETHER
                .iter()
                .any(|set| scripts.iter().all(|s| set.contains(s)));
        (!together).then(|| (label.to_string(), scripts))
    })?;
    let names: Vec<&str> = scripts.iter().map(|s| s.full_name()).collect();
    let (names_nb, names_en) = (names.join(" og "), names.join(" and "));
    Some(Finding::warning(t!(
        nb: "«{unicode}» blander skriftsystemer ({names_nb}) i «{label}»: bokstaver fra et annet alfabet som ser like ut, er et kjent triks i falske domener. Registrert heter det {ascii}. Sjekk at det er domenet du mener, skrevet med vanlige bokstaver.",
        en: "“{unicode}” mixes writing systems ({names_en}) in “{label}”: look-alike letters from another alphabet are a known trick of fake domains. As registered it is {ascii}. Check that it is the domain you mean, typed with ordinary letters.",
    )))
}

/// The writing systems of a label's letters, in order of first use (digits, hyphens and other
/// shared characters belong to none).
fn label_scripts(label: &str) -> Vec<Script> {
    let mut scripts = Vec::new();
    for script in label.chars().map(|c| c.script()) {
        let shared = matches!(script, Script::Common | Script::Inherited | Script::Unknown);
        if !shared && !scripts.contains(&script) {
            scripts.push(script);
        }
    }
    scripts
}

/// Parses `value`, telling a missing `https://` apart from text that is no address at all.
fn parse(value: &str) -> Result<Url, Finding> {
    let has_slashes = value.contains("://");
    match Url::parse(value) {
        // `https:login.acme.no` is read as `https://login.acme.no/`: fine.
        Ok(url) if has_slashes || matches!(url.scheme(), "http" | "https") => Ok(url),
        // `login.acme.no:8443/x` parses with the "scheme" `login.acme.no`.
        _ if !has_slashes && looks_like_bare_host(value) => Err(missing_scheme(value)),
        Ok(url) => Ok(url),
        Err(_) => Err(unparsable(value)),
    }
}

/// `login.acme.no`, `//login.acme.no/cb` or `localhost:8080`: a host (with optional port and
/// path) written without a scheme.
fn looks_like_bare_host(value: &str) -> bool {
    let rest = value.trim_start_matches("//");
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    let plausible = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    plausible && (host.contains('.') || host.eq_ignore_ascii_case("localhost"))
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// `[…]` (a URL's IPv6 host, an email address literal) or a bare IPv4/IPv6 address.
fn is_ip_literal(host: &str) -> bool {
    host.starts_with('[') || host.parse::<IpAddr>().is_ok()
}

/// The lowercase ASCII (punycode) form of `host`.
fn ascii_name(host: &str) -> Result<String, Text> {
    if host.is_ascii() {
        return Ok(host.to_ascii_lowercase());
    }
    match Host::parse(host) {
        Ok(Host::Domain(name)) => Ok(name),
        Ok(_) => Err(ip_address(host)),
        Err(_) => Err(t!(
            nb: "«{host}» er ikke et gyldig domenenavn. Sjekk stavingen, f.eks. login.acme.no.",
            en: "“{host}” is not a valid domain name. Check the spelling, e.g. login.acme.no.",
        )),
    }
}

/// Length, labels and top-level domain of an ASCII name.
fn syntax_problem(shown: &str, name: &str) -> Option<Text> {
    if name.starts_with('.') || name.ends_with('.') || name.contains("..") {
        return Some(t!(
            nb: "«{shown}» har en tom del (punktum først eller sist, eller to punktum etter hverandre). Fjern det ekstra punktumet.",
            en: "“{shown}” has an empty part (a dot at the start or end, or two dots in a row). Remove the extra dot.",
        ));
    }
    let labels: Vec<&str> = name.split('.').collect();
    let Some((tld, _)) = labels.split_last().filter(|(_, rest)| !rest.is_empty()) else {
        return Some(t!(
            nb: "«{shown}» er ikke et fullstendig domenenavn: det mangler punktum og en endelse som .no eller .com. Skriv hele navnet, f.eks. acme.no.",
            en: "“{shown}” is not a full domain name: it lacks a dot and an ending such as .no or .com. Write the whole name, e.g. acme.no.",
        ));
    };
    let length = name.len();
    if length > MAX_NAME {
        return Some(t!(
            nb: "Domenenavnet er {length} tegn langt; grensen er {MAX_NAME}. Sjekk at det ble limt inn riktig.",
            en: "The domain name is {length} characters long; the limit is {MAX_NAME}. Check that it was pasted correctly.",
        ));
    }
    if let Some(label) = labels.iter().find(|l| !label_ok(l)) {
        return Some(t!(
            nb: "Delen «{label}» i «{shown}» er ikke gyldig i et domenenavn: bruk bare bokstaver, sifre og bindestrek (ikke først eller sist), høyst {MAX_LABEL} tegn.",
            en: "The part “{label}” of “{shown}” is not valid in a domain name: use only letters, digits and hyphens (not first or last), at most {MAX_LABEL} characters.",
        ));
    }
    let tld_ok =
        (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())) || tld.starts_with("xn--");
    if !tld_ok || !is_top_level_domain(tld) {
        return Some(t!(
            nb: "«{shown}» slutter på «.{tld}», som ikke er en gyldig domeneendelse. Sjekk stavingen, f.eks. acme.no.",
            en: "“{shown}” ends in “.{tld}”, which is not a valid domain ending. Check the spelling, e.g. acme.no.",
        ));
    }
    None
}

/// Whether `label` (lowercase ASCII) is a top-level domain in the public suffix list, so
/// `acme.nq` or `acme.con` is caught as the typo it is.
fn is_top_level_domain(label: &str) -> bool {
    psl::suffix(label.as_bytes()).is_some_and(|suffix| suffix.is_known())
}

/// A DNS label: 1–63 letters, digits or hyphens, not starting or ending with a hyphen.
fn label_ok(label: &str) -> bool {
    (1..=MAX_LABEL).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

fn reserved_problem(shown: &str, name: &str) -> Option<Text> {
    let suffix = RESERVED_SUFFIXES.iter().find(|suffix| {
        name == **suffix
            || name
                .strip_suffix(**suffix)
                .is_some_and(|rest| rest.ends_with('.'))
    })?;
    Some(t!(
        nb: "«{shown}» slutter på «{suffix}», som er reservert for testing eller lokale nettverk og ikke finnes på det offentlige internettet. Bruk det offentlige domenet, f.eks. login.acme.no.",
        en: "“{shown}” ends in “{suffix}”, which is reserved for testing or local networks and does not exist on the public internet. Use the public domain, e.g. login.acme.no.",
    ))
}

fn label_marks_test(label: &str) -> bool {
    label == "pre-prod" || label.split('-').any(word_marks_test)
}

/// Trailing digits are ignored so `test2` or `dev01` count too.
fn word_marks_test(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| c.is_ascii_digit());
    TEST_WORDS.contains(&word)
}

fn ip_address(shown: &str) -> Text {
    t!(
        nb: "«{shown}» er en IP-adresse. Bruk det offentlige domenenavnet i stedet, f.eks. login.acme.no.",
        en: "“{shown}” is an IP address. Use the public domain name instead, e.g. login.acme.no.",
    )
}

fn missing_scheme(value: &str) -> Finding {
    let suggestion = format!("https://{}", value.trim_start_matches("//"));
    Finding::error(t!(
        nb: "Adressen mangler https:// foran. Skriv {suggestion}",
        en: "The address lacks https:// at the start. Write {suggestion}",
    ))
}

fn unparsable(value: &str) -> Finding {
    Finding::error(t!(
        nb: "«{value}» er ikke en gyldig nettadresse (sjekk for mellomrom og skrivefeil). Skriv den som https://login.example.no",
        en: "“{value}” is not a valid web address (check for spaces and typing errors). Write it like https://login.example.no",
    ))
}

fn wrong_scheme(scheme: &str, https_only: bool) -> Finding {
    if https_only {
        Finding::error(t!(
            nb: "Adressen må begynne med https://, ikke {scheme}:. Skriv den som https://login.example.no",
            en: "The address must start with https://, not {scheme}:. Write it like https://login.example.no",
        ))
    } else {
        Finding::error(t!(
            nb: "Adressen må begynne med https:// (eller http://), ikke {scheme}:. Skriv den som https://login.example.no",
            en: "The address must start with https:// (or http://), not {scheme}:. Write it like https://login.example.no",
        ))
    }
}

fn needs_https(url: &Url) -> Finding {
    let suggestion = https_suggestion(url);
    Finding::error(t!(
        nb: "Adressen må bruke https://, ikke http://. Skriv {suggestion}",
        en: "The address must use https://, not http://. Write {suggestion}",
    ))
}

/// The suggestion of the same address over https.
fn https_suggestion(url: &Url) -> String {
    let mut secure = url.clone();
    // http → https is always allowed between these special schemes; keep the original if not.
    match secure.set_scheme("https") {
        Ok(()) => secure.to_string(),
        Err(()) => "https://login.example.no".to_string(),
    }
}

/// Plain http where no source requires https: this tool's advice, a warning.
fn advise_https(url: &Url) -> Finding {
    let suggestion = https_suggestion(url);
    Finding::warning(t!(
        nb: "Adressen bruker http://. Dette verktøyet råder til https:// (leverandøren oppgir ikke et krav her): skriv {suggestion} hvis domenet har https.",
        en: "The address uses http://. This tool advises https:// (the provider states no rule here): write {suggestion} if the domain has https.",
    ))
}

fn test_host(host: &str) -> Finding {
    Finding::warning(t!(
        nb: "«{host}» ser ut som et test- eller stagingdomene. Bestillingen gjelder produksjon, så oppgi produksjonsdomenet (f.eks. acme.idura.broker eller login.acme.no). Sjekk at dette er riktig domene.",
        en: "“{host}” looks like a test or staging domain. The order is for production, so give the production domain (e.g. acme.idura.broker or login.acme.no). Check that this is the right domain.",
    ))
}

/// `url`: a web address within the questionnaire's rules.
pub struct Web<'a> {
    pub rules: &'a UrlRules,
}

impl<'a> Kind<'a> for Web<'a> {
    fn normalize(&self, input: &str) -> String {
        trimmed(input)
    }

    fn check(&self, value: &str, _around: &Around) -> Vec<Finding> {
        validate(value, self.rules)
    }

    fn hint(&self) -> Option<Text> {
        Some(if self.rules.https_only {
            Text::new("https://…", "https://…")
        } else {
            Text::new("https://… eller http://…", "https://… or http://…")
        })
    }
}

/// The scheme of a native app's private-use redirect in reverse-domain form (RFC 8252 §7.1):
/// `no.fjordlys.app:/callback` gives `no.fjordlys.app`. A scheme needs a dot (a domain the app's
/// owner controls, written backwards), and a path right after the colon, which tells it from a
/// host with a port written without `https://` (`login.acme.no:8443/x`).
pub fn private_use_scheme(value: &str) -> Option<&str> {
    let (scheme, rest) = value.trim().split_once(':')?;
    let valid = scheme.contains('.')
        && !scheme.starts_with('.')
        && !scheme.ends_with('.')
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    (valid && rest.starts_with('/') && Url::parse(value.trim()).is_ok()).then_some(scheme)
}

/// An OAuth redirect address: a private-use scheme (RFC 8252 §7.1), or a web address under
/// `rules`. Either way without a fragment (RFC 6749 §3.1.2).
pub fn validate_redirect(input: &str, rules: &UrlRules) -> Vec<Finding> {
    let value = input.trim();
    if let Some(finding) = raw_text_problem(value) {
        return vec![finding];
    }
    let mut found = match private_use_scheme(value) {
        Some(_) => Vec::new(),
        None => validate(value, rules),
    };
    found.extend(oauth_redirect_problems(value));
    found
}

/// What OAuth forbids in any redirect address, whatever kind of field holds it: a fragment
/// (RFC 6749 §3.1.2) and a wildcard (the address is compared character by character, so a `*`
/// is either a mistake or a hope the provider will not fulfil).
pub fn oauth_redirect_problems(value: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    if value.contains('#') {
        found.push(Finding::error(t!(
            nb: "En redirect-adresse kan ikke ha et fragment (delen fra #). Fjern #-delen.",
            en: "A redirect address cannot have a fragment (the part from #). Remove the # part.",
        )));
    }
    if value.contains('*') {
        found.push(Finding::error(t!(
            nb: "En redirect-adresse kan ikke ha jokertegn (*): OAuth sammenligner adressen tegn for tegn (RFC 6749 § 3.1.2). Registrer hver adresse nøyaktig slik tjenesten sender den.",
            en: "A redirect address cannot hold a wildcard (*): OAuth compares the address character by character (RFC 6749 §3.1.2). Register each address exactly as the service sends it.",
        )));
    }
    found
}

/// `redirect-uri`: where a provider may send the user back to after login.
pub struct Redirect<'a> {
    pub rules: &'a UrlRules,
}

impl<'a> Kind<'a> for Redirect<'a> {
    fn normalize(&self, input: &str) -> String {
        trimmed(input)
    }

    fn check(&self, value: &str, _around: &Around) -> Vec<Finding> {
        validate_redirect(value, self.rules)
    }

    fn hint(&self) -> Option<Text> {
        Some(Text::new(
            "https://… (native-app: no.virksomhet.app:/…)",
            "https://… (native app: com.example.app:/…)",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Severity;

    fn test_env() -> UrlRules {
        UrlRules {
            https_only: false,
            warn_http: false,
            allow_localhost: true,
            warn_test_host: false,
            ..Default::default()
        }
    }

    #[test]
    fn private_use_schemes_are_redirects_in_reverse_domain_form() {
        assert_eq!(
            private_use_scheme("no.fjordlys.app:/callback"),
            Some("no.fjordlys.app")
        );
        assert_eq!(
            private_use_scheme("no.fjordlys.app://callback"),
            Some("no.fjordlys.app")
        );
        // No dot: not reverse-domain form. A host and port without https://: not a scheme.
        assert_eq!(private_use_scheme("myapp:/callback"), None);
        assert_eq!(private_use_scheme("login.acme.no:8443/x"), None);
        assert_eq!(private_use_scheme("https://login.acme.no/cb"), None);
        assert!(validate_redirect("no.fjordlys.app:/callback", &test_env()).is_empty());
        assert!(validate_redirect("http://127.0.0.1:0/cb", &test_env()).is_empty());
        assert!(validate_redirect("http://[::1]:49152/cb", &test_env()).is_empty());
        assert!(validate_redirect("http://byggesak.fjordlys.no/cb", &test_env()).is_empty());
        // Without the dot, the scheme is refused like any other.
        assert_eq!(severities_redirect("myapp:/callback"), [Severity::Error]);
        assert_eq!(
            severities_redirect("https://login.acme.no/cb#frag"),
            [Severity::Error]
        );
    }

    fn severities_redirect(input: &str) -> Vec<Severity> {
        validate_redirect(input, &test_env())
            .iter()
            .map(|f| f.severity)
            .collect()
    }

    fn prod() -> UrlRules {
        UrlRules {
            https_only: true,
            warn_http: false,
            allow_localhost: false,
            warn_test_host: true,
            ..Default::default()
        }
    }

    fn severities(input: &str, rules: &UrlRules) -> Vec<Severity> {
        validate(input, rules).iter().map(|f| f.severity).collect()
    }

    fn only_error(input: &str, rules: &UrlRules) -> String {
        let found = validate(input, rules);
        assert_eq!(found.len(), 1, "{input}: {found:?}");
        assert!(found[0].is_error(), "{input}: {found:?}");
        found[0].message.en.clone()
    }

    #[test]
    fn production_domain_is_fine() {
        assert!(validate("https://login.acme.no", &prod()).is_empty());
        assert!(validate("  https://acme.idura.broker/callback?x=1#top ", &prod()).is_empty());
        assert!(validate("https://acme.criipto.id", &prod()).is_empty());
        assert!(validate("HTTPS://LOGIN.ACME.NO", &prod()).is_empty());
        assert!(validate("https://blåbær.no/login", &prod()).is_empty());
        assert!(validate("https://login.acme.no:8443/cb", &prod()).is_empty());
    }

    #[test]
    fn http_is_an_error_when_https_only() {
        let msg = only_error("http://login.acme.no", &prod());
        assert!(msg.contains("https://login.acme.no/"), "{msg}");
        // Without https_only plain http passes.
        assert!(validate("http://login.acme.no", &UrlRules::default()).is_empty());
    }

    #[test]
    fn advised_https_is_a_warning_with_the_https_address() {
        let advised = UrlRules {
            warn_http: true,
            ..UrlRules::default()
        };
        let found = validate("http://login.acme.no", &advised);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[0].message.en.contains("https://login.acme.no/"),
            "{found:?}"
        );
        assert!(validate("https://login.acme.no", &advised).is_empty());
    }

    #[test]
    fn ip_addresses_are_an_error() {
        assert!(only_error("https://10.0.0.1", &prod()).contains("IP address"));
        assert!(only_error("https://[2001:db8::1]/cb", &prod()).contains("IP address"));
        // The url crate reads this as 127.0.0.1.
        assert!(only_error("https://0x7f.1", &prod()).contains("IP address"));
    }

    #[test]
    fn localhost_is_an_error_unless_allowed() {
        assert!(only_error("https://localhost", &prod()).contains("machine itself"));
        let local = UrlRules {
            https_only: false,
            warn_http: false,
            allow_localhost: true,
            warn_test_host: false,
            ..Default::default()
        };
        assert!(validate("http://localhost:8080/cb", &local).is_empty());
        assert!(validate("http://127.0.0.1:8080/cb", &local).is_empty());
        assert!(validate("http://[::1]/cb", &local).is_empty());
        // ID-porten TEST: https only, but loopback over http is accepted for native clients.
        let native = UrlRules {
            https_only: true,
            warn_http: false,
            ..local
        };
        assert!(validate("http://localhost:8080/cb", &native).is_empty());
        assert_eq!(
            severities("http://10.0.0.1/cb", &native),
            vec![Severity::Error, Severity::Error]
        );
    }

    #[test]
    fn test_host_is_a_warning_only() {
        let found = validate("https://acme-test.criipto.id", &prod());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].message.en.contains("test or staging"));
        let quiet = UrlRules {
            warn_test_host: false,
            ..prod()
        };
        assert!(validate("https://acme-test.criipto.id", &quiet).is_empty());
    }

    #[test]
    fn missing_scheme_says_to_add_https() {
        let msg = only_error("login.acme.no", &prod());
        assert!(msg.contains("https://login.acme.no"), "{msg}");
        let msg = only_error("login.acme.no:8443/cb", &prod());
        assert!(msg.contains("https://login.acme.no:8443/cb"), "{msg}");
        let msg = only_error("//login.acme.no/cb", &prod());
        assert!(msg.contains("https://login.acme.no/cb"), "{msg}");
        let msg = only_error("localhost:8080", &prod());
        assert!(msg.contains("https://localhost:8080"), "{msg}");
    }

    #[test]
    fn other_schemes_are_an_error() {
        assert!(only_error("ftp://x.no", &prod()).contains("https://"));
        assert!(only_error("mailto:ola@acme.no", &prod()).contains("https://"));
        assert!(only_error("javascript:alert(1)", &prod()).contains("https://"));
    }

    #[test]
    fn garbage_is_unparsable() {
        assert!(only_error("https://", &prod()).contains("https://login.example.no"));
        assert!(only_error("https://exa mple.no", &prod()).contains("not a valid web address"));
        assert!(only_error("hello world", &prod()).contains("not a valid web address"));
    }

    #[test]
    fn credentials_in_the_url_are_an_error() {
        let msg = only_error("https://ola:secret@login.acme.no", &prod());
        assert!(msg.contains("password"), "{msg}");
    }

    #[test]
    fn reserved_and_malformed_hosts_are_an_error() {
        for input in [
            "https://printer.local",
            "https://acme.test",
            "https://www.example.com",
            "https://example.org",
            "https://router.home.arpa",
            "https://intranet",
            "https://a..b.no",
            "https://acme.no.",
            "https://-acme.no",
            "https://under_score.no",
        ] {
            only_error(input, &prod());
        }
    }

    #[test]
    fn empty_input_has_no_findings() {
        assert!(validate("", &prod()).is_empty());
        assert!(validate(" \t", &prod()).is_empty());
    }

    #[test]
    fn public_domains() {
        for host in [
            "acme.no",
            "login.acme-corp.com",
            "acme.idura.broker",
            "xn--blbr-roah.no",
            "blåbær.no",
            "Acme.NO",
            "a.xn--p1ai",
            "acme.dev",
        ] {
            assert_eq!(public_domain_problem(host), None, "{host}");
        }
    }

    #[test]
    fn non_public_domains() {
        let long_label = format!("{}.no", "a".repeat(64));
        let long_name = format!("{}no", "abcdefghi.".repeat(26));
        for host in [
            "",
            "localhost",
            "app.localhost",
            "127.0.0.1",
            "[127.0.0.1]",
            "[::1]",
            "::1",
            "acme",
            "acme.local",
            "acme.lan",
            "x.internal",
            "x.invalid",
            "x.example",
            "example.net",
            "www.example.com",
            "acme.123",
            "acme.n",
            "acme-.no",
            "ac me.no",
            ".acme.no",
            long_label.as_str(),
            long_name.as_str(),
        ] {
            assert!(public_domain_problem(host).is_some(), "{host}");
        }
        // example.com is reserved, but a company named example in Norway is not.
        assert_eq!(public_domain_problem("example.no"), None);
        assert_eq!(public_domain_problem("myexample.com"), None);
    }

    #[test]
    fn test_host_heuristic() {
        for host in [
            "acme-test.criipto.id",
            "login.test.example.no",
            "staging.acme.no",
            "acme-dev.idura.broker",
            "pre-prod.acme.no",
            "acme-preprod.no",
            "qa.acme.no",
            "acme-uat.idura.broker",
            "test2.acme.no",
            "ACME-TEST.criipto.id",
        ] {
            assert!(looks_like_test_host(host), "{host}");
        }
        for host in [
            "login.acme.no",
            "contest.no",
            "devold.no",
            "latest.no",
            "acme.dev",
            "accenture.no",
            "prod.acme.no",
            "demokrati.no",
        ] {
            assert!(!looks_like_test_host(host), "{host}");
        }
    }

    fn production_domain() -> UrlRules {
        UrlRules {
            domain_only: true,
            ..prod()
        }
    }

    #[test]
    fn characters_the_parser_would_drop_are_an_error_before_parsing() {
        // The url crate strips TAB, CR and LF and would store `https://login.acme.no/cb`.
        for (input, code) in [
            ("https://login.acme.no/\u{1b}[2Jcb", "U+001B"),
            ("https://login.acme.no/c\r\nb", "U+000D"),
            ("https://login.acme.no/c\tb", "U+0009"),
            ("https://login.acme.no/c\0b", "U+0000"),
            ("https://login.acme.no/\u{9b}cb", "U+009B"),
            ("https://login.\u{202e}on.emca", "U+202E"),
            ("https://log\u{200b}in.acme.no", "U+200B"),
        ] {
            let msg = only_error(input, &prod());
            assert!(msg.contains(code), "{input:?}: {msg}");
            assert!(!msg.contains('\u{1b}') && !msg.contains('\r'), "{msg:?}");
            assert_eq!(validate_redirect(input, &test_env()).len(), 1, "{input:?}");
        }
        let msg = only_error("https://login.acme.no/my path", &prod());
        assert!(msg.contains("contains a blank"), "{msg}");
        assert_eq!(
            severities_redirect("https://login.acme.no/my path"),
            [Severity::Error]
        );
    }

    #[test]
    fn a_backslash_is_an_error_whatever_the_parser_makes_of_it() {
        // The url crate reads this as host login.example.no, path /@evil.com; others read the
        // part before @ as a user name and evil.com as the host.
        let msg = only_error("https://login.example.no\\@evil.com", &production_domain());
        assert!(msg.contains("backslash"), "{msg}");
        assert!(msg.contains("another host"), "{msg}");
        assert_eq!(
            severities_redirect("https://login.acme.no\\cb"),
            [Severity::Error]
        );
    }

    #[test]
    fn redirects_take_no_fragment_and_no_wildcard() {
        for input in [
            "https://login.acme.no/cb#",
            "https://login.acme.no/cb#x",
            "https://*.acme.no/cb",
            "https://login.acme.no/*",
            "no.fjordlys.app:/cb*",
        ] {
            let found = validate_redirect(input, &test_env());
            assert!(found.iter().any(Finding::is_error), "{input}: {found:?}");
        }
        let wildcard = validate_redirect("https://login.acme.no/*", &test_env());
        assert!(wildcard[0].message.en.contains("wildcard"), "{wildcard:?}");
    }

    #[test]
    fn a_production_domain_is_the_domain_only() {
        for ok in [
            "https://login.acme.no",
            "https://login.acme.no/",
            "https://acme.idura.broker",
        ] {
            assert!(validate(ok, &production_domain()).is_empty(), "{ok}");
        }
        for input in [
            "https://login.acme.no/callback",
            "https://login.acme.no/?x=1",
            "https://login.acme.no/#top",
            "https://login.acme.no#",
        ] {
            let msg = only_error(input, &production_domain());
            assert!(
                msg.contains("Write https://login.acme.no"),
                "{input}: {msg}"
            );
        }
        // Port 0 is an error on any address.
        let msg = only_error("https://login.acme.no:0", &production_domain());
        assert!(msg.contains("Port 0"), "{msg}");
        assert!(only_error("https://login.acme.no:0/cb", &prod()).contains("Port 0"));
    }

    #[test]
    fn an_unknown_top_level_domain_is_an_error() {
        for host in ["acme.nq", "acme.con", "acme.xyzzy", "acme.xn--zzzzz"] {
            let problem = public_domain_problem(host).unwrap_or_else(|| panic!("{host}"));
            assert!(problem.en.contains("not a valid domain ending"), "{host}");
        }
        for host in [
            "acme.no",
            "acme.broker",
            "acme.id",
            "acme.eu",
            "a.xn--p1ai",
            "acme.dev",
        ] {
            assert_eq!(public_domain_problem(host), None, "{host}");
        }
    }

    #[test]
    fn a_host_mixing_scripts_is_a_warning_showing_the_punycode() {
        // "lоgin" with a Cyrillic о (U+043E).
        let found = validate("https://l\u{43e}gin.acme.no", &prod());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, Severity::Warning);
        let msg = &found[0].message;
        assert!(msg.en.contains("xn--lgin-"), "{msg:?}");
        assert!(msg.en.contains("Latin and Cyrillic"), "{msg:?}");
        assert!(msg.nb.contains("xn--lgin-"), "{msg:?}");
        // Written in one script, or in scripts written together: no warning.
        for host in [
            "blåbær.no",
            "кремль.рф",
            "пример.acme.no",
            "東京ばな奈.jp",
            "login.acme.no",
            "1-2-3.no",
        ] {
            assert_eq!(mixed_script_warning(host), None, "{host}");
        }
        assert!(mixed_script_warning("xn--lgin-55d.acme.no").is_some());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(input in "\\PC{0,40}|https?://[a-z0-9.:@\\[\\]_-]{0,30}") {
            let _ = validate(&input, &prod());
            let _ = validate(&input, &UrlRules { https_only: false, warn_http: false, allow_localhost: true, warn_test_host: true, ..Default::default() });
            let _ = public_domain_problem(&input);
            let _ = looks_like_test_host(&input);
        }
    }
}
