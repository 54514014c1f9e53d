//! The form file as written (`assets/forms/*.toml`), before the loader checks it. Unknown keys are
//! refused by serde so a typo like `requird` is reported, not ignored.

use serde::Deserialize;
use toml::Spanned;

use crate::text::{Lang, Text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawForm {
    pub id: String,
    pub title: Text,
    pub provider: String,
    pub recipient: Option<String>,
    pub recipient_field: Option<String>,
    pub access_request: Option<RawAccessRequest>,
    pub sender_field: Option<String>,
    pub subject: String,
    pub document_lang: Lang,
    pub about: Text,
    #[serde(default)]
    pub legacy: bool,
    pub steps: Vec<RawStep>,
    #[serde(default)]
    pub questions: Vec<RawQuestion>,
    pub fields: Vec<RawField>,
    #[serde(default)]
    pub prerequisites: Vec<RawPrereq>,
    #[serde(default)]
    pub rules: Vec<String>,
    #[serde(default)]
    pub outputs: Vec<String>,
    #[serde(default)]
    pub separate_requests: Vec<RawSeparateRequest>,
}

/// A numbered question's own title, where the provider names it (several fields share one).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub number: Spanned<u32>,
    pub title: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAccessRequest {
    pub when: Option<RawCondition>,
    pub title: Text,
    #[serde(rename = "where")]
    pub place: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSeparateRequest {
    pub id: Spanned<String>,
    pub title: Text,
    pub provider: String,
    pub recipient: String,
    pub subject: String,
    pub when: Option<RawCondition>,
    pub fields: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    pub id: Spanned<String>,
    pub title: Text,
    pub intro: Option<Text>,
}

/// A field, or the `item` of a repeat (which has no id, step, label or help of its own).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawField {
    pub id: Option<Spanned<String>>,
    pub step: Option<String>,
    pub question: Option<u32>,
    pub label: Option<Text>,
    pub help: Option<Text>,
    pub required: Option<bool>,
    pub when: Option<RawCondition>,
    pub default: Option<toml::Value>,
    pub kind: Spanned<String>,
    // Rules; which apply depends on the kind (checked by the loader).
    pub min_len: Option<usize>,
    pub warn_min_len: Option<usize>,
    pub max_len: Option<usize>,
    pub warn_len: Option<usize>,
    pub warn_words: Option<Vec<String>>,
    pub warn_source: Option<Text>,
    pub mobile: Option<bool>,
    pub https_only: Option<bool>,
    pub warn_http: Option<bool>,
    pub allow_localhost: Option<bool>,
    pub warn_test_host: Option<bool>,
    pub domain_only: Option<bool>,
    pub country_field: Option<String>,
    pub parts: Option<Vec<String>>,
    pub other_party: Option<bool>,
    pub propose_name_from: Option<String>,
    pub propose_subdomain: Option<String>,
    pub options: Option<Vec<RawOption>>,
    pub source: Option<String>,
    pub allow_other: Option<bool>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub unit: Option<Text>,
    pub accept: Option<RawAccept>,
    pub max_bytes: Option<u64>,
    pub warn_older_than_days: Option<u32>,
    pub image_width: Option<u32>,
    pub image_height: Option<u32>,
    pub warn_sooner_than_months: Option<u32>,
    pub item: Option<Box<RawField>>,
}

impl RawField {
    /// The names of the rules this field sets, to check they apply to its kind.
    pub fn rules_set(&self) -> Vec<&'static str> {
        let set = [
            ("min_len", self.min_len.is_some()),
            ("warn_min_len", self.warn_min_len.is_some()),
            ("max_len", self.max_len.is_some()),
            ("warn_len", self.warn_len.is_some()),
            ("warn_words", self.warn_words.is_some()),
            ("warn_source", self.warn_source.is_some()),
            ("mobile", self.mobile.is_some()),
            ("https_only", self.https_only.is_some()),
            ("warn_http", self.warn_http.is_some()),
            ("allow_localhost", self.allow_localhost.is_some()),
            ("warn_test_host", self.warn_test_host.is_some()),
            ("domain_only", self.domain_only.is_some()),
            ("country_field", self.country_field.is_some()),
            ("parts", self.parts.is_some()),
            ("other_party", self.other_party.is_some()),
            ("propose_name_from", self.propose_name_from.is_some()),
            ("propose_subdomain", self.propose_subdomain.is_some()),
            ("options", self.options.is_some()),
            ("source", self.source.is_some()),
            ("allow_other", self.allow_other.is_some()),
            ("min", self.min.is_some()),
            ("max", self.max.is_some()),
            ("unit", self.unit.is_some()),
            ("accept", self.accept.is_some()),
            ("max_bytes", self.max_bytes.is_some()),
            ("warn_older_than_days", self.warn_older_than_days.is_some()),
            ("image_width", self.image_width.is_some()),
            ("image_height", self.image_height.is_some()),
            (
                "warn_sooner_than_months",
                self.warn_sooner_than_months.is_some(),
            ),
            ("item", self.item.is_some()),
        ];
        set.iter()
            .filter(|(_, present)| *present)
            .map(|(name, _)| *name)
            .collect()
    }
}

/// `accept = "pdf"` or `accept = ["png", "svg"]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawAccept {
    One(String),
    Many(Vec<String>),
}

impl RawAccept {
    pub fn names(&self) -> Vec<&str> {
        match self {
            RawAccept::One(name) => vec![name.as_str()],
            RawAccept::Many(names) => names.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    pub value: String,
    pub label: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCondition {
    pub field: String,
    pub equals: Option<toml::Value>,
    pub not_equals: Option<toml::Value>,
    pub one_of: Option<Vec<toml::Value>>,
    pub contains_any: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrereq {
    pub id: Spanned<String>,
    pub check: String,
    pub field: String,
    pub label: Text,
    pub fix: Text,
    pub when: Option<RawCondition>,
}
