//! The production-domain item from the domain's live check ([`crate::domain_check`]): met when
//! the domain answers as itself, not met with the reason when it answers but is not set up,
//! unknown when the network said nothing or the check did not run.

use super::State;
use crate::domain_check::{DISCOVERY_PATH, DomainCheck, Fault, Outcome, Silence};
use crate::t;
use crate::text::Text;

impl DomainCheck {
    /// The checklist item's state and reason.
    pub fn item(&self) -> (State, Text) {
        let domain = &self.domain;
        match &self.outcome {
            Outcome::SetUp => (
                State::Met,
                t!(
                    nb: "{domain} svarer på {DISCOVERY_PATH} over TLS med {domain} som issuer.",
                    en: "{domain} answers at {DISCOVERY_PATH} over TLS with {domain} as its issuer.",
                ),
            ),
            Outcome::NotSetUp(fault) => (State::NotMet, fault.reason(domain)),
            Outcome::NoAnswer(silence) => (State::Unknown, silence.reason(domain)),
            Outcome::Offline => (
                State::Unknown,
                t!(
                    nb: "{domain} er ikke sjekket (frakoblet, eller sjekken er slått av). Sjekk at https://{domain}{DISCOVERY_PATH} svarer.",
                    en: "{domain} was not checked (offline, or the check is off). Check that https://{domain}{DISCOVERY_PATH} answers.",
                ),
            ),
        }
    }
}

impl Fault {
    fn reason(&self, domain: &str) -> Text {
        match self {
            Fault::NoTls(detail) => t!(
                nb: "{domain} svarer ikke med TLS: {detail}.",
                en: "{domain} does not answer with TLS: {detail}.",
            ),
            Fault::Certificate(detail) => t!(
                nb: "{domain} svarer med et sertifikat som ikke er gyldig for {domain}: {detail}.",
                en: "{domain} answers with a certificate that is not valid for {domain}: {detail}.",
            ),
            Fault::WrongIssuer { found } => t!(
                nb: "{domain} oppgir issuer «{found}», ikke https://{domain}: domenet er ikke satt opp hos leverandøren.",
                en: "{domain} gives the issuer \"{found}\", not https://{domain}: the domain is not set up at the provider.",
            ),
            Fault::NoIssuer => t!(
                nb: "{domain}{DISCOVERY_PATH} har ingen issuer: domenet er ikke satt opp hos leverandøren.",
                en: "{domain}{DISCOVERY_PATH} has no issuer: the domain is not set up at the provider.",
            ),
            Fault::Status(status) => t!(
                nb: "{domain}{DISCOVERY_PATH} svarer HTTP {status}, ikke 200: domenet er ikke satt opp hos leverandøren.",
                en: "{domain}{DISCOVERY_PATH} answers HTTP {status}, not 200: the domain is not set up at the provider.",
            ),
            Fault::NotJson => t!(
                nb: "{domain}{DISCOVERY_PATH} svarer, men ikke med JSON: domenet er ikke satt opp hos leverandøren.",
                en: "{domain}{DISCOVERY_PATH} answers, but not with JSON: the domain is not set up at the provider.",
            ),
            Fault::TooLarge => t!(
                nb: "{domain}{DISCOVERY_PATH} svarer med mer enn 64 kB: ikke et OpenID-oppsett.",
                en: "{domain}{DISCOVERY_PATH} answers with more than 64 kB: not an OpenID configuration.",
            ),
            Fault::NotHttp(detail) => t!(
                nb: "{domain} svarer ikke med HTTP som ventet: {detail}.",
                en: "{domain} does not answer with HTTP as expected: {detail}.",
            ),
        }
    }
}

impl Silence {
    fn reason(&self, domain: &str) -> Text {
        match self {
            Silence::NoSuchHost => t!(
                nb: "Fant ikke {domain} i DNS (eller ingen nettforbindelse). Sjekk navnet og DNS-oppsettet.",
                en: "{domain} was not found in the DNS (or there is no network). Check the name and its DNS set-up.",
            ),
            Silence::Refused => t!(
                nb: "{domain} avviste tilkoblingen på port 443.",
                en: "{domain} refused the connection on port 443.",
            ),
            Silence::TimedOut(after) => {
                let seconds = after.as_secs_f64();
                t!(
                    nb: "{domain} svarte ikke innen {seconds} s.",
                    en: "{domain} did not answer within {seconds} s.",
                )
            }
            Silence::Connection(detail) => t!(
                nb: "Kom ikke fram til {domain}: {detail}.",
                en: "Could not reach {domain}: {detail}.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain_check::Checker;

    #[test]
    fn offline_never_asks_and_leaves_the_item_unknown() {
        let check = Checker::offline().check("https://login.acme.no");
        assert_eq!(check.outcome, Outcome::Offline);
        assert_eq!(check.item().0, State::Unknown);
        let wrong = DomainCheck {
            url: "https://login.acme.no".into(),
            domain: "login.acme.no".into(),
            outcome: Outcome::NotSetUp(Fault::WrongIssuer {
                found: "https://other.example".into(),
            }),
        };
        let (state, reason) = wrong.item();
        assert_eq!(state, State::NotMet);
        assert!(reason.en.contains("https://other.example"), "{}", reason.en);
        assert!(reason.en.contains("https://login.acme.no"), "{}", reason.en);
    }
}
