//! The questionnaire as the answers shape it: who the order goes to, and which separate requests
//! go out. Kept apart from `spec.rs`, which is plain data the answers are typed by.

use super::spec::{FieldSpec, FormSpec, SeparateRequest};
use crate::answers::Answers;
use crate::text::{Lang, Text};

/// How the order reaches its addressee, as the answers decide: see [`FormSpec::delivery`].
#[derive(Clone, Debug, PartialEq)]
pub enum Delivery {
    /// By email to `to`, greeting `name`.
    Email { to: String, name: String },
    /// Filed by hand in a web form that takes no email (`[access_request]`): `title` names the
    /// place, `place` says where and how.
    AccessRequest { title: Text, place: Text },
    /// Nobody to send it to yet: `field` (the form's `recipient_field`) is unanswered, there is
    /// no fixed recipient and no access request applies.
    Missing { field: String },
}

impl Delivery {
    /// The email address, when the order goes by email.
    pub fn email(&self) -> Option<&str> {
        match self {
            Delivery::Email { to, .. } => Some(to),
            Delivery::AccessRequest { .. } | Delivery::Missing { .. } => None,
        }
    }

    /// The access request's title in `lang`, when the order is one.
    pub fn access_request_title(&self, lang: Lang) -> Option<String> {
        match self {
            Delivery::AccessRequest { title, .. } => Some(title.get(lang).to_string()),
            Delivery::Email { .. } | Delivery::Missing { .. } => None,
        }
    }

    pub fn is_access_request(&self) -> bool {
        match self {
            Delivery::AccessRequest { .. } => true,
            Delivery::Email { .. } | Delivery::Missing { .. } => false,
        }
    }
}

impl FormSpec {
    /// How the order goes for these answers: to the email of `recipient_field` when it is shown
    /// and answered; else as an access request when the form has one whose condition holds; else
    /// to the fixed `recipient`; else nowhere yet ([`Delivery::Missing`]).
    pub fn delivery(&self, answers: &Answers) -> Delivery {
        if let Some((name, to)) = self.addressee(answers) {
            let name = name.unwrap_or_else(|| self.provider.clone());
            return Delivery::Email { to, name };
        }
        if let Some(request) = &self.access_request
            && request
                .when
                .as_ref()
                .is_none_or(|when| answers.condition_holds(self, when))
        {
            return Delivery::AccessRequest {
                title: request.title.clone(),
                place: request.place.clone(),
            };
        }
        match (&self.recipient, &self.recipient_field) {
            (Some(to), _) => Delivery::Email {
                to: to.clone(),
                name: self.provider.clone(),
            },
            (None, field) => Delivery::Missing {
                // The loader refuses a form with neither.
                field: field.clone().unwrap_or_default(),
            },
        }
    }

    /// The addressee's name: the name given with `recipient_field`'s address, else `provider`.
    pub fn provider_for(&self, answers: &Answers) -> String {
        self.addressee(answers)
            .and_then(|(name, _)| name)
            .unwrap_or_else(|| self.provider.clone())
    }

    /// (name, email) answered in `recipient_field`, when it is shown and has an email.
    fn addressee(&self, answers: &Answers) -> Option<(Option<String>, String)> {
        let field = self.field(self.recipient_field.as_deref()?)?;
        if !answers.is_visible(self, field) {
            return None;
        }
        // On one line and inert: the name and address go into the mail's To header.
        let part = |p: &str| {
            answers
                .text(&format!("{}.{p}", field.id))
                .map(|s| crate::inert::clean::sanitize(s, false).trim().to_string())
        };
        Some((part("name"), part("email")?))
    }
}

impl SeparateRequest {
    /// Whether this request goes out for these answers.
    pub fn applies(&self, spec: &FormSpec, answers: &Answers) -> bool {
        self.when
            .as_ref()
            .is_none_or(|when| answers.condition_holds(spec, when))
    }

    /// The questionnaire as this request sees it, so the one document model renders it: its own
    /// title, addressee and subject; only its fields that the answers show, renumbered from 1 in
    /// the provider's order and without conditions (they were evaluated against the whole form);
    /// no checklist, no rules, no outputs.
    pub fn form(&self, spec: &FormSpec, answers: &Answers) -> FormSpec {
        let mut numbers: Vec<u32> = Vec::new();
        let fields: Vec<FieldSpec> = spec
            .fields
            .iter()
            .filter(|f| self.fields.contains(&f.id) && answers.is_visible(spec, f))
            .map(|f| {
                let question = f.question.map(|q| {
                    if !numbers.contains(&q) {
                        numbers.push(q);
                    }
                    numbers
                        .iter()
                        .position(|n| *n == q)
                        .map_or(1, |i| i as u32 + 1)
                });
                FieldSpec {
                    question,
                    when: None,
                    ..f.clone()
                }
            })
            .collect();
        FormSpec {
            id: spec.id.clone(),
            title: self.title.clone(),
            provider: self.provider.clone(),
            recipient: Some(self.recipient.clone()),
            recipient_field: None,
            access_request: None,
            sender_field: spec.sender_field.clone(),
            subject: self.subject.clone(),
            document_lang: spec.document_lang,
            about: spec.about.clone(),
            legacy: spec.legacy,
            steps: spec.steps.clone(),
            // Renumbered from 1: each field is titled by its own label.
            question_titles: Vec::new(),
            fields,
            prerequisites: Vec::new(),
            rules: Vec::new(),
            outputs: Vec::new(),
            separate_requests: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answer;
    use crate::form::catalog;

    fn bankid() -> FormSpec {
        catalog::find("bankid-oidc").unwrap().unwrap()
    }

    fn answers(environment: &str, partner: Option<(&str, &str)>) -> Answers {
        let mut answers = Answers::new();
        answers.set("client.environment", Answer::Text(environment.into()));
        if let Some((name, email)) = partner {
            answers.set("partner.name", Answer::Text(name.into()));
            answers.set("partner.email", Answer::Text(email.into()));
        }
        answers
    }

    #[test]
    fn current_without_a_partner_is_an_access_request_never_an_email() {
        let delivery = bankid().delivery(&answers("current", None));
        let Delivery::AccessRequest { title, place } = &delivery else {
            panic!("an access request: {delivery:?}")
        };
        assert_eq!(
            title.en,
            "BankID's service desk for the OIDC test environment"
        );
        assert!(
            place.en.contains(
                "https://confluence.bankidnorge.no/confluence/display/pdoidclpp/Provisioning"
            ),
            "{place:?}"
        );
        assert_eq!(delivery.email(), None);
        assert!(delivery.is_access_request());
        assert_eq!(
            delivery.access_request_title(Lang::Nb).as_deref(),
            Some(title.nb.as_str())
        );
    }

    #[test]
    fn a_partner_gets_the_order_in_either_environment() {
        for environment in ["current", "prod"] {
            let partner = Some(("Nordsignering AS", " onboarding@nordsignering.no "));
            assert_eq!(
                bankid().delivery(&answers(environment, partner)),
                Delivery::Email {
                    to: "onboarding@nordsignering.no".into(),
                    name: "Nordsignering AS".into(),
                },
                "{environment}"
            );
        }
        // A partner's address without a name: greeted as the provider.
        let mut answers = answers("prod", None);
        answers.set("partner.email", Answer::Text("p@partner.no".into()));
        assert_eq!(
            bankid().delivery(&answers),
            Delivery::Email {
                to: "p@partner.no".into(),
                name: "BankID Norge".into(),
            }
        );
    }

    #[test]
    fn prod_without_a_partner_has_no_addressee_and_invents_none() {
        let delivery = bankid().delivery(&answers("prod", Some(("Nordsignering AS", " "))));
        assert_eq!(
            delivery,
            Delivery::Missing {
                field: "partner".into()
            }
        );
        assert_eq!(delivery.email(), None);
        assert_eq!(delivery.access_request_title(Lang::En), None);
    }

    #[test]
    fn a_fixed_recipient_is_the_fallback_after_an_access_request() {
        let mut spec = bankid();
        spec.recipient = Some("orders@example.org".into());
        let fixed = Delivery::Email {
            to: "orders@example.org".into(),
            name: "BankID Norge".into(),
        };
        assert_eq!(spec.delivery(&answers("prod", None)), fixed);
        assert!(spec.delivery(&answers("current", None)).is_access_request());
        spec.access_request = None;
        assert_eq!(spec.delivery(&answers("current", None)), fixed);
    }
}
