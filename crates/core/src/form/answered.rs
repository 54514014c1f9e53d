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
        let part = |p: &str| {
            answers
                .text(&format!("{}.{p}", field.id))
                .map(|s| s.trim().to_string())
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
            fields,
            prerequisites: Vec::new(),
            rules: Vec::new(),
            outputs: Vec::new(),
            separate_requests: Vec::new(),
        }
    }
}
