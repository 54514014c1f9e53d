//! Email addresses of real people at real companies.
//!
//! `lettre::Address` checks RFC 5321 syntax only and accepts `ola@localhost` or `ola@[127.0.0.1]`;
//! the provider must be able to reach the contact, so the domain must also be a public domain
//! (the same check as for web addresses).

use lettre::Address;

use super::url::public_domain_problem;
use super::{Around, Kind, trimmed};
use crate::t;
use crate::text::Text;
use crate::validate::Finding;

/// Checks one email address. Empty input gives no findings.
pub fn validate(input: &str) -> Vec<Finding> {
    let value = input.trim();
    if value.is_empty() {
        return Vec::new();
    }
    if let Some(finding) = common_mistake(value) {
        return vec![finding];
    }
    let address: Address = match value.parse() {
        Ok(address) => address,
        Err(_) => return vec![invalid(value)],
    };
    match public_domain_problem(address.domain()) {
        Some(problem) => {
            let (nb, en) = (problem.nb, problem.en);
            vec![Finding::error(t!(
                nb: "E-postadressen må ha et offentlig domene etter @. {nb}",
                en: "The email address needs a public domain after the @. {en}",
            ))]
        }
        None => super::url::mixed_script_warning(address.domain())
            .into_iter()
            .collect(),
    }
}

/// Mistakes with a more useful message than "invalid": a display name, a `mailto:` link, a list
/// of addresses, a missing `@`.
fn common_mistake(value: &str) -> Option<Finding> {
    if let (Some(open), Some(close)) = (value.find('<'), value.rfind('>')) {
        let inner = value.get(open + 1..close).unwrap_or("").trim();
        return Some(Finding::error(t!(
            nb: "Skriv bare selve adressen, uten navn og <>: {inner}",
            en: "Write just the address, without a name and <>: {inner}",
        )));
    }
    if value
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
    {
        let rest = value.get(7..).unwrap_or("");
        return Some(Finding::error(t!(
            nb: "Fjern «mailto:» og skriv bare adressen: {rest}",
            en: "Remove “mailto:” and write just the address: {rest}",
        )));
    }
    if value.contains([',', ';']) || value.matches('@').count() > 1 {
        return Some(Finding::error(t!(
            nb: "Skriv bare én e-postadresse her.",
            en: "Write only one email address here.",
        )));
    }
    if !value.contains('@') {
        return Some(Finding::error(t!(
            nb: "E-postadressen mangler @. Skriv den som ola.nordmann@acme.no",
            en: "The email address lacks an @. Write it like ola.nordmann@acme.no",
        )));
    }
    None
}

fn invalid(value: &str) -> Finding {
    Finding::error(t!(
        nb: "«{value}» er ikke en gyldig e-postadresse (sjekk for mellomrom og skrivefeil). Skriv den som ola.nordmann@acme.no",
        en: "“{value}” is not a valid email address (check for spaces and typing errors). Write it like ola.nordmann@acme.no",
    ))
}

/// `email`: an address at a public domain.
pub struct Email;

impl<'a> Kind<'a> for Email {
    fn normalize(&self, input: &str) -> String {
        trimmed(input)
    }

    fn check(&self, value: &str, _around: &Around) -> Vec<Finding> {
        validate(value)
    }

    fn hint(&self) -> Option<Text> {
        Some(Text::new("navn@firma.no", "name@company.com"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only_error(input: &str) -> String {
        let found = validate(input);
        assert_eq!(found.len(), 1, "{input}: {found:?}");
        assert!(found[0].is_error(), "{input}: {found:?}");
        found[0].message.en.clone()
    }

    #[test]
    fn ordinary_addresses_pass() {
        for input in [
            "ola@acme.no",
            "ola.nordmann@acme.no",
            "  kari+bankid@sub.acme-corp.com ",
            "post@blåbær.no",
            "Ola.Nordmann@ACME.NO",
            "orders@idura.eu",
        ] {
            assert!(validate(input).is_empty(), "{input}: {:?}", validate(input));
        }
    }

    #[test]
    fn syntax_errors() {
        for input in ["ola@", "@acme.no", "ola nordmann@acme.no", "ola@acme..no"] {
            only_error(input);
        }
        assert!(only_error("ola.acme.no").contains("lacks an @"));
        assert!(only_error("ola@@acme.no").contains("only one"));
        assert!(only_error("ola@acme.no, kari@acme.no").contains("only one"));
    }

    #[test]
    fn display_name_form_is_an_error() {
        let msg = only_error("Ola <ola@x.no>");
        assert!(msg.contains("just the address"), "{msg}");
        assert!(msg.ends_with("ola@x.no"), "{msg}");
        assert!(only_error("<ola@x.no>").contains("just the address"));
    }

    #[test]
    fn mailto_link_is_an_error() {
        let msg = only_error("mailto:ola@acme.no");
        assert!(msg.contains("mailto:"), "{msg}");
        assert!(msg.ends_with("ola@acme.no"), "{msg}");
    }

    #[test]
    fn lettre_accepts_but_we_refuse_non_public_domains() {
        for input in [
            "ola@localhost",
            "ola@[127.0.0.1]",
            "ola@[IPv6:::1]",
            "ola@acme",
            "ola@acme.local",
            "ola@acme.localhost",
            "ola@acme.test",
            "ola@acme.example",
            "ola@acme.invalid",
            "ola@acme.internal",
            "ola@acme.lan",
            "ola@nas.home.arpa",
            "ola@example.com",
        ] {
            let msg = only_error(input);
            assert!(msg.contains("public domain"), "{input}: {msg}");
        }
    }

    #[test]
    fn a_domain_not_ending_in_a_top_level_domain_is_an_error() {
        for input in [
            "ola@acme.nq",
            "ola@acme.con",
            "ola@acme.norge",
            "ola@acme.xn--zzzzz",
        ] {
            let msg = only_error(input);
            assert!(msg.contains("not a valid domain ending"), "{input}: {msg}");
        }
        for input in [
            "ola@acme.no",
            "ola@acme.broker",
            "ola@acme.co.uk",
            "ola@пример.рф",
        ] {
            assert!(validate(input).is_empty(), "{input}: {:?}", validate(input));
        }
    }

    #[test]
    fn a_domain_mixing_scripts_is_a_warning() {
        let found = validate("ola@l\u{43e}gin.acme.no");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].is_error());
        assert!(
            found[0].message.en.contains("xn--lgin-55d.acme.no"),
            "{found:?}"
        );
    }

    #[test]
    fn empty_input_has_no_findings() {
        assert!(validate("").is_empty());
        assert!(validate("   ").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(input in "\\PC{0,40}|[a-z.<>@\\[\\]:;, ]{0,30}") {
            let _ = validate(&input);
        }
    }
}
