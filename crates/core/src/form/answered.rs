//! The questionnaire as the answers shape it: who the order goes to, and which separate requests
//! go out. Kept apart from `spec.rs`, which is plain data the answers are typed by.

use super::spec::{FieldSpec, FormSpec, SeparateRequest};
use crate::answers::Answers;

impl FormSpec {
    /// The address the order goes to: the email of `recipient_field` when it is shown and answered,
    /// else the fixed `recipient`.
    pub fn recipient_for(&self, answers: &Answers) -> String {
        self.addressee(answers)
            .map(|(_, email)| email)
            .unwrap_or_else(|| self.recipient.clone())
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
            recipient: self.recipient.clone(),
            recipient_field: None,
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
