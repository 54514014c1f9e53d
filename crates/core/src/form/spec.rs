//! The checked, typed shape of a questionnaire. Built only by the loader (`form::load`), so every
//! value here has passed the loader's checks: ids are unique, conditions name real fields, and each
//! kind carries exactly the rules that apply to it.

use serde::{Deserialize, Serialize};

use crate::text::{Lang, Text};

/// One questionnaire: the provider's questions in the provider's own order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormSpec {
    /// Stable id, e.g. `idura-no-bankid`; stored in drafts and answers files.
    pub id: String,
    pub title: Text,
    /// Who receives the order, e.g. `Idura`.
    pub provider: String,
    /// Where the order is sent unless `recipient_field` is answered or an access request applies;
    /// a form with a `recipient_field` may have none. See [`FormSpec::delivery`].
    pub recipient: Option<String>,
    /// A contact field (with an `email` part) whose answer is the addressee instead of `recipient`
    /// and `provider`, e.g. the BankID partner the user chose. See [`FormSpec::delivery`].
    pub recipient_field: Option<String>,
    /// Filed by hand instead of sent, while `recipient_field` is unanswered (`[access_request]`).
    pub access_request: Option<AccessRequest>,
    /// The contact field (with `name` and `email` parts) that sends the order; `contacts.general`
    /// when not given. See [`FormSpec::sender_field`].
    pub sender_field: Option<String>,
    /// Subject template; `{field.id}` is replaced by that answer.
    pub subject: String,
    /// The language the provider reads: the rendered request uses it.
    pub document_lang: Lang,
    /// When to use this questionnaire, shown when picking one.
    pub about: Text,
    /// An older questionnaire kept for providers that still ask for it.
    pub legacy: bool,
    pub steps: Vec<StepSpec>,
    /// Titles of numbered questions as the provider names them (`[[questions]]`); a question
    /// without one is titled from its fields or step.
    pub question_titles: Vec<(u32, Text)>,
    /// In the provider's numbered order.
    pub fields: Vec<FieldSpec>,
    pub prerequisites: Vec<PrereqSpec>,
    /// Rule sets in code this questionnaire opts into (`rules = ["idporten"]`).
    pub rules: Vec<RuleSet>,
    /// Extra files the bundle carries for this questionnaire (`outputs = ["client.json"]`).
    pub outputs: Vec<Output>,
    /// Requests to another addressee, built from some of the answers (`[[separate_requests]]`).
    pub separate_requests: Vec<SeparateRequest>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepSpec {
    pub id: String,
    pub title: Text,
    pub intro: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldSpec {
    /// Dotted path, e.g. `contacts.general`; also the key path in the answers file.
    pub id: String,
    pub step: String,
    /// The provider's question number; several fields may answer one question.
    pub question: Option<u32>,
    pub label: Text,
    pub help: Text,
    pub required: bool,
    /// Shown (and validated) only when this holds.
    pub when: Option<Condition>,
    /// Value used when the user has not answered (also for evaluating conditions).
    #[serde(with = "super::ready::plain::option")]
    pub default: Option<toml::Value>,
    pub kind: FieldKind,
}

/// What a field holds and the rules for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FieldKind {
    Text(TextRules),
    Multiline(TextRules),
    Email,
    /// A phone number; `mobile` asks for a mobile number (a landline gives a warning).
    Phone {
        mobile: bool,
    },
    Url(UrlRules),
    /// A Norwegian organisation number (MOD11). When `country_field` names a country answer that is
    /// not `NO`, any non-empty foreign registry id is accepted instead.
    Orgnr {
        country_field: Option<String>,
    },
    /// A Norwegian postal code (4 digits), or free text when `country_field` says abroad.
    PostalCode {
        country_field: Option<String>,
    },
    /// ISO 3166-1 alpha-2 country code.
    Country,
    /// Group: `street`, `postal_code`, `city`.
    Address {
        country_field: Option<String>,
    },
    /// Group of the listed parts (`name`, `mobile`, `email`), in that order.
    Contact {
        parts: Vec<ContactPart>,
        /// A person of another party (a BankID partner), not of the ordering company: never the
        /// first "same as" for one of the company's contacts, nor a model for their addresses.
        other_party: bool,
    },
    Select(Choice),
    MultiSelect(Choice),
    YesNo,
    Number {
        min: Option<i64>,
        max: Option<i64>,
        unit: Option<Text>,
    },
    File(FileRules),
    /// Zero or more entries of `item` (a scalar kind or a group).
    Repeat {
        item: Box<FieldKind>,
        min: usize,
        max: Option<usize>,
    },
    /// A calendar day, stored as `YYYY-MM-DD`; `warn_sooner_than_months` warns of a day that is
    /// fewer months than that from today (or past).
    Date {
        warn_sooner_than_months: Option<u32>,
    },
    /// An OAuth redirect address: a web address under the rules, or a native app's private-use
    /// scheme in reverse-domain form (RFC 8252 §7.1, `no.fjordlys.app:/callback`).
    RedirectUri(UrlRules),
    /// A public JSON Web Key, or a set of them (`{"keys": [...]}`), pasted as JSON text: the key a
    /// client signs its `private_key_jwt` assertions with (RFC 7517).
    Jwk,
}

impl FieldKind {
    /// The kind's name as written in form files.
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Text(_) => "text",
            FieldKind::Multiline(_) => "multiline",
            FieldKind::Email => "email",
            FieldKind::Phone { .. } => "phone",
            FieldKind::Url(_) => "url",
            FieldKind::Orgnr { .. } => "orgnr",
            FieldKind::PostalCode { .. } => "postal-code",
            FieldKind::Country => "country",
            FieldKind::Address { .. } => "address",
            FieldKind::Contact { .. } => "contact",
            FieldKind::Select(_) => "select",
            FieldKind::MultiSelect(_) => "multi-select",
            FieldKind::YesNo => "yes-no",
            FieldKind::Number { .. } => "number",
            FieldKind::File(_) => "file",
            FieldKind::Repeat { .. } => "repeat",
            FieldKind::Date { .. } => "date",
            FieldKind::RedirectUri(_) => "redirect-uri",
            FieldKind::Jwk => "jwk",
        }
    }

    /// The country answer a kind's rules depend on (`country_field`), when it has one.
    pub fn country_field(&self) -> Option<&str> {
        match self {
            FieldKind::Orgnr { country_field }
            | FieldKind::PostalCode { country_field }
            | FieldKind::Address { country_field } => country_field.as_deref(),
            FieldKind::Text(_)
            | FieldKind::Multiline(_)
            | FieldKind::Email
            | FieldKind::Phone { .. }
            | FieldKind::Url(_)
            | FieldKind::Country
            | FieldKind::Contact { .. }
            | FieldKind::Select(_)
            | FieldKind::MultiSelect(_)
            | FieldKind::YesNo
            | FieldKind::Number { .. }
            | FieldKind::File(_)
            | FieldKind::Repeat { .. }
            | FieldKind::Date { .. }
            | FieldKind::RedirectUri(_)
            | FieldKind::Jwk => None,
        }
    }

    /// A group stores one answer per part under `<id>.<part>`.
    pub fn is_group(&self) -> bool {
        matches!(self, FieldKind::Address { .. } | FieldKind::Contact { .. })
    }

    /// The rules of a free-text kind (a line or several).
    pub fn text_rules(&self) -> Option<&TextRules> {
        match self {
            FieldKind::Text(rules) | FieldKind::Multiline(rules) => Some(rules),
            FieldKind::Email
            | FieldKind::Phone { .. }
            | FieldKind::Url(_)
            | FieldKind::Orgnr { .. }
            | FieldKind::PostalCode { .. }
            | FieldKind::Country
            | FieldKind::Address { .. }
            | FieldKind::Contact { .. }
            | FieldKind::Select(_)
            | FieldKind::MultiSelect(_)
            | FieldKind::YesNo
            | FieldKind::Number { .. }
            | FieldKind::File(_)
            | FieldKind::Repeat { .. }
            | FieldKind::Date { .. }
            | FieldKind::RedirectUri(_)
            | FieldKind::Jwk => None,
        }
    }

    /// Whether a contact kind holds a person of another party (see `Contact::other_party`).
    pub fn is_other_party(&self) -> bool {
        matches!(
            self,
            FieldKind::Contact {
                other_party: true,
                ..
            }
        )
    }

    /// The parts of a group, in display order, each with the kind that validates it.
    pub fn group_parts(&self) -> Option<Vec<(&'static str, FieldKind)>> {
        match self {
            FieldKind::Address { country_field } => Some(vec![
                ("street", FieldKind::Text(TextRules::default())),
                (
                    "postal_code",
                    FieldKind::PostalCode {
                        country_field: country_field.clone(),
                    },
                ),
                ("city", FieldKind::Text(TextRules::default())),
            ]),
            FieldKind::Contact { parts, .. } => Some(
                parts
                    .iter()
                    .map(|part| {
                        let kind = match part {
                            ContactPart::Name => FieldKind::Text(TextRules::default()),
                            ContactPart::Mobile => FieldKind::Phone { mobile: true },
                            ContactPart::Email => FieldKind::Email,
                        };
                        (part.key(), kind)
                    })
                    .collect(),
            ),
            FieldKind::Text(_)
            | FieldKind::Multiline(_)
            | FieldKind::Email
            | FieldKind::Phone { .. }
            | FieldKind::Url(_)
            | FieldKind::Orgnr { .. }
            | FieldKind::PostalCode { .. }
            | FieldKind::Country
            | FieldKind::Select(_)
            | FieldKind::MultiSelect(_)
            | FieldKind::YesNo
            | FieldKind::Number { .. }
            | FieldKind::File(_)
            | FieldKind::Repeat { .. }
            | FieldKind::Date { .. }
            | FieldKind::RedirectUri(_)
            | FieldKind::Jwk => None,
        }
    }
}

/// The label of a group part, in both languages.
pub fn part_label(part: &str) -> Text {
    match part {
        "street" => Text::new("Gateadresse", "Street address"),
        "postal_code" => Text::new("Postnummer", "Postal code"),
        "city" => Text::new("Poststed", "City"),
        "name" => Text::new("Navn", "Name"),
        "mobile" => Text::new("Mobil", "Mobile"),
        "email" => Text::new("E-post", "Email"),
        other => Text::new(other, other),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactPart {
    Name,
    Mobile,
    Email,
}

impl ContactPart {
    pub fn key(self) -> &'static str {
        match self {
            ContactPart::Name => "name",
            ContactPart::Mobile => "mobile",
            ContactPart::Email => "email",
        }
    }

    pub fn parse(s: &str) -> Option<ContactPart> {
        match s {
            "name" => Some(ContactPart::Name),
            "mobile" => Some(ContactPart::Mobile),
            "email" => Some(ContactPart::Email),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TextRules {
    /// Shorter (after trimming) is an error, e.g. a "real reason".
    pub min_len: Option<usize>,
    /// Shorter gives a warning: a length this tool advises where no source states one.
    pub warn_min_len: Option<usize>,
    /// Longer is an error.
    pub max_len: Option<usize>,
    /// Longer gives a warning.
    pub warn_len: Option<usize>,
    /// Containing one of these words (case-insensitive) gives a warning.
    pub warn_words: Vec<String>,
    /// Where the `warn_len` / `warn_words` advice comes from, named in their warnings (e.g. Swedish
    /// BankID's rules for display names); without it they are given as this tool's advice.
    pub warn_source: Option<Text>,
    /// A name proposed from another answer (a display name from the company's registered name):
    /// the id of that answer.
    pub propose_name_from: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UrlRules {
    /// Only `https://` is accepted.
    pub https_only: bool,
    /// Plain `http://` gives a warning: https is advised where no source requires it.
    pub warn_http: bool,
    /// `http://localhost` / `http://127.0.0.1` are accepted (ID-porten TEST, native clients).
    pub allow_localhost: bool,
    /// A host that looks like a test or staging domain gives a warning.
    pub warn_test_host: bool,
    /// The address names a domain only (a production domain): a path other than `/`, a query or
    /// a fragment is an error.
    pub domain_only: bool,
    /// An address proposed under the company's email domain with this first label
    /// (`login` → `https://login.acme.no`), as the provider's own examples name it.
    pub propose_subdomain: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub options: Vec<ChoiceOption>,
    /// An asset the options come from (`banks`, `legal-bases`), merged after inline options.
    pub source: Option<OptionSource>,
    /// Free text is accepted besides the options.
    pub allow_other: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OptionSource {
    Banks,
    LegalBases,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileType {
    Pdf,
    Png,
    /// An SVG image: well-formed XML with an `<svg>` root element.
    Svg,
    /// BankID `.bid` key file: named `.bid`, a PKCS#12 container inside.
    Bid,
    Any,
}

impl FileType {
    /// The name in form files (`accept = "png"`).
    pub fn name(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Png => "png",
            FileType::Svg => "svg",
            FileType::Bid => "bid",
            FileType::Any => "any",
        }
    }

    pub fn parse(name: &str) -> Option<FileType> {
        [
            FileType::Pdf,
            FileType::Png,
            FileType::Svg,
            FileType::Bid,
            FileType::Any,
        ]
        .into_iter()
        .find(|t| t.name() == name)
    }

    /// Whether the type is an image whose size in pixels can be checked.
    pub fn is_image(self) -> bool {
        match self {
            FileType::Png | FileType::Svg => true,
            FileType::Pdf | FileType::Bid | FileType::Any => false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileRules {
    /// The types a file may be, one or more (`accept = "pdf"` or `accept = ["png", "svg"]`).
    pub accept: Vec<FileType>,
    /// Larger is an error (default 10 MB).
    pub max_bytes: u64,
    /// Older than this many days (by the document's own date, else the file time) gives a warning.
    pub warn_older_than_days: Option<u32>,
    /// Exact image size in pixels for a PNG or SVG, e.g. a logo.
    pub image_size: Option<(u32, u32)>,
}

/// `when`: the field is shown only when another answer matches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub field: String,
    pub test: ConditionTest,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ConditionTest {
    Equals(#[serde(with = "super::ready::plain")] toml::Value),
    NotEquals(#[serde(with = "super::ready::plain")] toml::Value),
    OneOf(#[serde(with = "super::ready::plain::vec")] Vec<toml::Value>),
    /// A multi-select answer contains at least one of these.
    ContainsAny(Vec<String>),
}

/// One item of the prerequisite checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrereqSpec {
    pub id: String,
    pub check: PrereqCheck,
    /// The answer the check reads.
    pub field: String,
    pub label: Text,
    /// How to meet it.
    pub fix: Text,
    pub when: Option<Condition>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PrereqCheck {
    /// The company is registered and in good standing (Brønnøysund).
    RegistryStanding,
    /// The bank is a Norwegian bank.
    NorwegianBank,
    /// The signatory holds an accepted eID.
    SignatoryEid,
    /// A production domain is set up.
    ProductionDomain,
    /// The company certificate is attached.
    Certificate,
    /// A yes/no the user answers: yes is met, no is not met (terms of use accepted).
    Confirmed,
    /// A yes/no the user answers: yes is met, no is unknown, a warning (an Altinn delegation that
    /// only self-service needs).
    Advised,
    /// The organisation may use a service meant for public bodies: a private company (by the
    /// registry's sector code) is unknown, a warning.
    PublicSector,
    /// A date far enough ahead: a warning on the date field makes the item unknown.
    Notice,
    /// The named signatories may sign for the company, by the register's roles of `company.orgnr`.
    SigningAuthority,
}

impl FormSpec {
    pub fn field(&self, id: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.id == id)
    }

    pub fn step(&self, id: &str) -> Option<&StepSpec> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The fields of one step, in form order.
    pub fn fields_of_step<'a>(&'a self, step: &'a str) -> impl Iterator<Item = &'a FieldSpec> + 'a {
        self.fields.iter().filter(move |f| f.step == step)
    }
}

/// The field the document reads as the sender when a questionnaire does not name one.
pub const DEFAULT_SENDER: &str = "contacts.general";

impl FormSpec {
    /// The contact field whose person sends the order (the email's From).
    pub fn sender_field(&self) -> &str {
        self.sender_field.as_deref().unwrap_or(DEFAULT_SENDER)
    }
}

/// A rule set in code that a questionnaire opts into by name (`rules = ["idporten"]`). Each reads
/// fields by id; the loader refuses a form that lacks one of them or has it of another kind, so a
/// renamed field cannot silently switch a rule off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleSet {
    /// BankID Norge's OIDC client provisioning (`validate::oidc`).
    BankidOidc,
    /// Digdir ID-porten client registration (`validate::idporten`).
    Idporten,
}

impl RuleSet {
    pub const ALL: &'static [RuleSet] = &[RuleSet::BankidOidc, RuleSet::Idporten];

    pub fn name(self) -> &'static str {
        match self {
            RuleSet::BankidOidc => "bankid-oidc",
            RuleSet::Idporten => "idporten",
        }
    }

    pub fn parse(name: &str) -> Option<RuleSet> {
        RuleSet::ALL.iter().copied().find(|r| r.name() == name)
    }
}

/// An extra file of the bundle, rendered from the document by code (`outputs = ["client.json"]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Output {
    /// The client registration as JSON for Digdir's self-service API (`render::client_json`).
    ClientJson,
}

impl Output {
    pub const ALL: &'static [Output] = &[Output::ClientJson];

    /// The name in form files, which is also the file's name in the bundle.
    pub fn name(self) -> &'static str {
        match self {
            Output::ClientJson => "client.json",
        }
    }

    pub fn parse(name: &str) -> Option<Output> {
        Output::ALL.iter().copied().find(|o| o.name() == name)
    }
}

/// An order filed by hand in a provider's web form instead of sent by email, e.g. BankID's service
/// desk for the OIDC test environment (CURRENT without a partner). It applies only while the
/// form's `recipient_field` is unanswered, and only when `when` holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccessRequest {
    pub when: Option<Condition>,
    /// The place it is filed in, as the document's To line names it.
    pub title: Text,
    /// Where and how to file it (`where` in the form file).
    pub place: Text,
}

/// A request to a second addressee built from some of the answers: e.g. the dedicated merchant
/// certificate that BankID Norge's sales orders for PROD, while the client itself is provisioned
/// by the partner. The bundle carries it as `<id>-request.pdf` and `<id>-message.eml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeparateRequest {
    /// Lowercase letters, digits and `-`; names its files in the bundle.
    pub id: String,
    pub title: Text,
    pub provider: String,
    pub recipient: String,
    /// Subject template, as the form's.
    pub subject: String,
    /// Sent only when this holds.
    pub when: Option<Condition>,
    /// The fields it carries, in form order when rendered.
    pub fields: Vec<String>,
}
