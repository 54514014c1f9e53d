//! `jwk`: a public JSON Web Key (RFC 7517), or a set of them (`{"keys": [...]}`), pasted as JSON.
//!
//! A client that authenticates with `private_key_jwt` registers the public key its assertions are
//! checked with. BankID's documentation (`developer.bankid.no/bankid-oidc-provider/core-concepts/
//! private-key-jwt`) asks for a JWKS whose keys have `kty` RSA or EC, `alg` ES256 or RS256, `use`
//! `sig` and a `kid` (for key rotation). What this kind checks:
//! - the text is JSON (the error says at which line and column it fails);
//! - each key has a known `kty` and the public members of that type (RSA: `n`, `e`; EC: `crv`,
//!   `x`, `y`; OKP: `crv`, `x`), as base64url text;
//! - no key holds a private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`) or a symmetric secret
//!   (`k`): an error, so the order is never bundled or sent with it;
//! - `use`, when given, is `sig` (an error); a missing `kid` or a repeated one, an `alg` other than
//!   the two BankID names, or an OKP key: warnings.

use serde_json::{Map, Value};

use super::{Around, Input, Kind, text};
use crate::t;
use crate::text::{Lang, Text};
use crate::validate::Finding;

/// Members that hold private or secret key material (RFC 7518 §6.2.2, §6.3.2, §6.4.1).
const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
/// The signing algorithms BankID's private_key_jwt page names.
const NAMED_ALGS: &[&str] = &["ES256", "RS256"];

/// `jwk`: public key material as JSON text.
pub struct Jwk;

impl<'a> Kind<'a> for Jwk {
    fn input(&self) -> Input<'a> {
        // Pasted JSON runs over several lines.
        Input::Lines
    }

    fn normalize(&self, input: &str) -> String {
        input.trim().replace("\r\n", "\n")
    }

    fn check(&self, value: &str, _around: &Around) -> Vec<Finding> {
        check(value)
    }

    /// A key set holds several keys of some hundred characters each: room for many.
    fn max_chars(&self) -> Option<usize> {
        Some(64 * 1024)
    }

    fn display(&self, value: &str, _lang: Lang) -> String {
        value.trim().to_string()
    }

    fn hint(&self) -> Option<Text> {
        Some(Text::new(
            "JSON: én offentlig JWK eller {\"keys\": [...]}",
            "JSON: one public JWK or {\"keys\": [...]}",
        ))
    }
}

/// What is wrong with a pasted key or key set. Empty text gives no findings (`required` says it).
pub fn check(value: &str) -> Vec<Finding> {
    let value = value.trim();
    if value.is_empty() {
        return Vec::new();
    }
    // JSON strings may hold bidi controls that make the request read differently from what it
    // says; the text rules refuse them as for any pasted text.
    let pasted = text::validate(value, &Default::default(), true);
    if !pasted.is_empty() {
        return pasted;
    }
    let parsed: Value = match serde_json::from_str(value) {
        Ok(parsed) => parsed,
        Err(err) => return vec![not_json(&err)],
    };
    let Value::Object(top) = parsed else {
        return vec![Finding::error(t!(
            nb: "Nøkkelen må være et JSON-objekt: én JWK ({{\"kty\": …}}) eller et nøkkelsett ({{\"keys\": [...]}}).",
            en: "The key must be a JSON object: one JWK ({{\"kty\": …}}) or a key set ({{\"keys\": [...]}}).",
        ))];
    };
    match top.get("keys") {
        Some(Value::Array(keys)) if keys.is_empty() => vec![Finding::error(t!(
            nb: "Nøkkelsettet er tomt («keys» er []). Lim inn den offentlige nøkkelen klienten signerer med.",
            en: "The key set is empty (\"keys\" is []). Paste the public key the client signs with.",
        ))],
        Some(Value::Array(keys)) => key_set(keys),
        Some(_) => vec![Finding::error(t!(
            nb: "«keys» må være en liste med nøkler: {{\"keys\": [{{…}}]}}.",
            en: "\"keys\" must be a list of keys: {{\"keys\": [{{…}}]}}.",
        ))],
        None => key(&top, &Which::Only),
    }
}

/// The JSON error with its line and column, in both languages (serde_json's own words in English).
fn not_json(err: &serde_json::Error) -> Finding {
    let (line, column) = (err.line(), err.column());
    let full = err.to_string();
    let detail = full
        .rfind(" at line ")
        .map_or(full.as_str(), |at| &full[..at]);
    Finding::error(t!(
        nb: "Nøkkelen er ikke gyldig JSON: feil på linje {line}, kolonne {column} ({detail}). Lim inn hele JWK-en eller JWKS-en slik nøkkelverktøyet ga den.",
        en: "The key is not valid JSON: it fails at line {line}, column {column} ({detail}). Paste the whole JWK or JWKS as your key tool gave it.",
    ))
}

/// Which key a finding is about: the only one, or one of a set (1-based, with its `kid`).
enum Which {
    Only,
    InSet { number: usize, kid: Option<String> },
}

impl Which {
    fn name(&self) -> (String, String) {
        match self {
            Which::Only => ("Nøkkelen".to_string(), "The key".to_string()),
            Which::InSet {
                number,
                kid: Some(kid),
            } => {
                let kid = kid.chars().take(60).collect::<String>();
                (
                    format!("Nøkkel {number} («{kid}»)"),
                    format!("Key {number} (\"{kid}\")"),
                )
            }
            Which::InSet { number, kid: None } => {
                (format!("Nøkkel {number}"), format!("Key {number}"))
            }
        }
    }
}

fn key_set(keys: &[Value]) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut kids: Vec<&str> = Vec::new();
    for (i, entry) in keys.iter().enumerate() {
        let number = i + 1;
        let Value::Object(jwk) = entry else {
            found.push(Finding::error(t!(
                nb: "Nøkkel {number} i «keys» er ikke et JSON-objekt. Hver nøkkel skrives {{\"kty\": …, …}}.",
                en: "Key {number} in \"keys\" is not a JSON object. Each key is written {{\"kty\": …, …}}.",
            )));
            continue;
        };
        let kid = jwk.get("kid").and_then(Value::as_str);
        if let Some(kid) = kid {
            if kids.contains(&kid) {
                let shown = kid.chars().take(60).collect::<String>();
                found.push(Finding::warning(t!(
                    nb: "Flere nøkler har kid «{shown}». Gi hver nøkkel sin egen kid, så BankID vet hvilken som signerte.",
                    en: "Several keys have the kid \"{shown}\". Give each key its own kid so BankID knows which one signed.",
                )));
            }
            kids.push(kid);
        }
        let which = Which::InSet {
            number,
            kid: kid.map(str::to_string),
        };
        found.extend(key(jwk, &which));
    }
    found
}

/// The findings for one key.
fn key(jwk: &Map<String, Value>, which: &Which) -> Vec<Finding> {
    let (name_nb, name_en) = which.name();
    // Private material first and on its own: it must go before anything else is worth saying.
    let private: Vec<Finding> = PRIVATE_MEMBERS
        .iter()
        .filter(|member| jwk.contains_key(**member))
        .map(|member| {
            Finding::error(t!(
                nb: "{name_nb} har den private nøkkeldelen «{member}»: lim inn bare den offentlige nøkkelen. Den private nøkkelen skal aldri ut av systemet som signerer.",
                en: "{name_en} holds the private key member `{member}`: paste the public key only. The private key never leaves the system that signs.",
            ))
        })
        .collect();
    if !private.is_empty() {
        return private;
    }
    let mut found = key_type(jwk, &name_nb, &name_en);
    found.extend(key_use(jwk, &name_nb, &name_en));
    found.extend(key_alg(jwk, &name_nb, &name_en));
    if !jwk.contains_key("kid") {
        found.push(Finding::warning(t!(
            nb: "{name_nb} har ingen «kid». BankID ber om en kid på hver nøkkel, så nøkler kan byttes uten brudd; legg til f.eks. \"kid\": \"fjordlys-2027-01\".",
            en: "{name_en} has no \"kid\". BankID asks for a kid on every key so keys can be rotated without a break; add e.g. \"kid\": \"fjordlys-2027-01\".",
        )));
    }
    found
}

/// `kty` and the public members that type needs.
fn key_type(jwk: &Map<String, Value>, name_nb: &str, name_en: &str) -> Vec<Finding> {
    let needs: &[&str] = match jwk.get("kty").and_then(Value::as_str) {
        Some("RSA") => &["n", "e"],
        Some("EC") => &["crv", "x", "y"],
        Some("OKP") => &["crv", "x"],
        Some(other) => {
            let other = other.chars().take(20).collect::<String>();
            return vec![Finding::error(t!(
                nb: "{name_nb} har nøkkeltypen «{other}». BankID tar RSA- og EC-nøkler (kty \"RSA\" eller \"EC\").",
                en: "{name_en} has the key type \"{other}\". BankID takes RSA and EC keys (kty \"RSA\" or \"EC\").",
            ))];
        }
        None => {
            return vec![Finding::error(t!(
                nb: "{name_nb} mangler «kty» (nøkkeltypen, \"RSA\" eller \"EC\"). Lim inn JWK-en slik nøkkelverktøyet ga den.",
                en: "{name_en} lacks \"kty\" (the key type, \"RSA\" or \"EC\"). Paste the JWK as your key tool gave it.",
            ))];
        }
    };
    let mut found = Vec::new();
    for member in needs {
        match jwk.get(*member).and_then(Value::as_str) {
            None => found.push(Finding::error(t!(
                nb: "{name_nb} mangler den offentlige delen «{member}». Lim inn hele den offentlige nøkkelen.",
                en: "{name_en} lacks the public member \"{member}\". Paste the whole public key.",
            ))),
            Some(text) if *member != "crv" && !is_base64url(text) => found.push(Finding::error(t!(
                nb: "«{member}» i {name_nb} er ikke base64url-tekst (A–Z, a–z, 0–9, - og _). Lim inn nøkkelen på nytt uten endringer.",
                en: "\"{member}\" of {name_en} is not base64url text (A–Z, a–z, 0–9, - and _). Paste the key again, unchanged.",
            ))),
            Some(_) => {}
        }
    }
    if jwk.get("kty").and_then(Value::as_str) == Some("OKP") {
        found.push(Finding::warning(t!(
            nb: "{name_nb} er en OKP-nøkkel (f.eks. Ed25519). BankIDs side om private_key_jwt nevner RSA- og EC-nøkler; sjekk med BankID at denne tas imot.",
            en: "{name_en} is an OKP key (e.g. Ed25519). BankID's private_key_jwt page names RSA and EC keys; check with BankID that this one is accepted.",
        )));
    }
    found
}

/// `use` must be `sig` when given: the key signs the client's assertions.
fn key_use(jwk: &Map<String, Value>, name_nb: &str, name_en: &str) -> Option<Finding> {
    let value = jwk.get("use")?;
    if value.as_str() == Some("sig") {
        return None;
    }
    let value = shown(value);
    Some(Finding::error(t!(
        nb: "{name_nb} har «use» satt til {value}. BankID krever \"use\": \"sig\" (nøkkelen brukes til signering).",
        en: "{name_en} has \"use\" set to {value}. BankID requires \"use\": \"sig\" (the key is for signing).",
    )))
}

/// An `alg` other than the two BankID names: the provider's list may have more, so a warning.
fn key_alg(jwk: &Map<String, Value>, name_nb: &str, name_en: &str) -> Option<Finding> {
    let alg = jwk.get("alg")?;
    if alg.as_str().is_some_and(|a| NAMED_ALGS.contains(&a)) {
        return None;
    }
    let alg = shown(alg);
    Some(Finding::warning(t!(
        nb: "{name_nb} har «alg» {alg}. BankIDs side om private_key_jwt nevner ES256 og RS256; sjekk at algoritmen står i BankIDs liste over støttede algoritmer.",
        en: "{name_en} has \"alg\" {alg}. BankID's private_key_jwt page names ES256 and RS256; check that the algorithm is in BankID's list of supported ones.",
    )))
}

/// A member's value as JSON, cut short: a message quotes it, never a whole pasted blob.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// Base64url without padding (RFC 7515 §2), as JWK members are written.
fn is_base64url(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Severity;

    const EC: &str = r#"{"kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": "fjordlys-2027-01",
        "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;

    fn severities(found: &[Finding]) -> Vec<Severity> {
        found.iter().map(|f| f.severity).collect()
    }

    #[test]
    fn a_public_ec_key_and_a_set_of_it_pass() {
        assert!(check(EC).is_empty(), "{:?}", check(EC));
        let set = format!("{{\"keys\": [{EC}]}}");
        assert!(check(&set).is_empty(), "{:?}", check(&set));
        let rsa = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","use":"sig","kid":"rsa-1"}"#;
        assert!(check(rsa).is_empty(), "{:?}", check(rsa));
    }

    #[test]
    fn invalid_json_says_where_it_fails() {
        let broken = "{\n  \"kty\": \"EC\",\n  \"crv\" \"P-256\"\n}";
        let found = check(broken);
        assert_eq!(severities(&found), vec![Severity::Error]);
        assert!(found[0].message.en.contains("line 3"), "{:?}", found[0]);
        assert!(found[0].message.en.contains("column"), "{:?}", found[0]);
        assert!(found[0].message.nb.contains("linje 3"), "{:?}", found[0]);
    }

    #[test]
    fn a_private_member_is_an_error_naming_it_and_nothing_else_is_said() {
        let private = EC.replace(
            "\"kid\"",
            "\"d\": \"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\", \"kid\"",
        );
        let found = check(&private);
        assert_eq!(severities(&found), vec![Severity::Error]);
        assert!(
            found[0]
                .message
                .en
                .contains("holds the private key member `d`: paste the public key only"),
            "{:?}",
            found[0]
        );
        // The secret itself is never repeated in the message.
        assert!(!found[0].message.en.contains("jpsQnn"));
        assert!(!found[0].message.nb.contains("jpsQnn"));
        // In a set, the key is named by number and kid; a symmetric secret counts too.
        let set = format!(
            "{{\"keys\": [{EC}, {{\"kty\": \"oct\", \"k\": \"c2VjcmV0\", \"kid\": \"hmac\"}}]}}"
        );
        let found = check(&set);
        assert_eq!(severities(&found), vec![Severity::Error]);
        assert!(
            found[0]
                .message
                .en
                .starts_with("Key 2 (\"hmac\") holds the private key member `k`"),
            "{:?}",
            found[0]
        );
    }

    #[test]
    fn missing_public_members_and_wrong_use_are_errors() {
        let found = check(r#"{"kty": "EC", "crv": "P-256", "x": "abc", "kid": "a"}"#);
        assert_eq!(severities(&found), vec![Severity::Error]);
        assert!(found[0].message.en.contains("\"y\""), "{:?}", found[0]);
        let found = check(r#"{"kty": "RSA", "n": "abc", "e": "AQAB", "use": "enc", "kid": "a"}"#);
        assert_eq!(severities(&found), vec![Severity::Error]);
        assert!(found[0].message.en.contains("\"use\": \"sig\""));
        let found = check(r#"{"n": "abc"}"#);
        assert!(found[0].message.en.contains("lacks \"kty\""));
        let found = check(r#"{"kty": "RSA", "n": "a+b/c==", "e": "AQAB", "kid": "a"}"#);
        assert!(found[0].message.en.contains("not base64url"), "{found:?}");
        assert!(check("[1, 2]")[0].message.en.contains("JSON object"));
        assert!(check(r#"{"keys": []}"#)[0].message.en.contains("empty"));
        assert!(
            check(r#"{"keys": {}}"#)[0]
                .message
                .en
                .contains("list of keys")
        );
    }

    #[test]
    fn a_missing_kid_an_unnamed_alg_and_a_repeated_kid_are_warnings() {
        let found = check(&EC.replace("\"kid\": \"fjordlys-2027-01\",", ""));
        assert_eq!(severities(&found), vec![Severity::Warning]);
        assert!(found[0].message.en.contains("no \"kid\""));
        let found = check(&EC.replace("ES256", "ES512"));
        assert_eq!(severities(&found), vec![Severity::Warning]);
        assert!(found[0].message.en.contains("ES256 and RS256"));
        let found = check(&format!("{{\"keys\": [{EC}, {EC}]}}"));
        assert_eq!(severities(&found), vec![Severity::Warning]);
        assert!(found[0].message.en.contains("Several keys"));
    }

    #[test]
    fn invisible_controls_inside_json_strings_are_refused() {
        let found = check(&EC.replace("fjordlys-2027-01", "fjordlys\u{202e}-2027-01"));
        assert_eq!(severities(&found), vec![Severity::Error]);
        assert!(
            found[0].message.en.contains("control characters"),
            "{found:?}"
        );
    }

    #[test]
    fn empty_text_is_left_to_required() {
        assert!(check("  \n ").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(input in "\\PC{0,80}") {
            let _ = check(&input);
        }
    }
}
