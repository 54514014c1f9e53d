//! The request as one ordered document: the provider's numbered questions with their answers, in the
//! provider's own order and language. Every renderer (the email body and text preview, the PDF, the
//! answers files) reads this model, so they always agree.
//!
//! Building a document does no input or output: attachment sizes and hashes are handed in by the
//! caller (the bundle reads the files; a preview may leave them out).
//!
//! Conventions the questionnaires follow and the document relies on: the company is `company.name` /
//! `company.orgnr`, the people who sign are `contacts.signatory`, a contact group or a repeat of
//! contacts (when the questionnaire has one; else the signature block leaves the name to be
//! written in), and the
//! sender of the order is the questionnaire's `sender_field` (`contacts.general` unless it names
//! another contact). The addressee is `recipient_field`'s answer when the questionnaire has one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::answers::{Answer, Answers, Record};
use crate::form::{FieldKind, FieldSpec, FormSpec, part_label};
/// Kept for callers of `document::display_phone`; phone numbers are shown by their kind.
pub use crate::kind::phone::display as display_phone;
use crate::kind::{self, Shape, choice, number};
use crate::prereq::{Item, State};
use crate::text::{Lang, Text};

/// The bundled folder of attachments, relative to the bundle folder.
pub const ATTACHMENTS_DIR: &str = "attachments";
/// The request for signing, in the bundle and as the first attachment of the email.
pub const REQUEST_PDF: &str = "request.pdf";

/// Field ids the document reads for the title and the signature block.
const COMPANY_NAME: &str = "company.name";
const COMPANY_ORGNR: &str = "company.orgnr";

#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The questionnaire id.
    pub form: String,
    /// The language the provider reads; every label here is in it.
    pub lang: Lang,
    /// The questionnaire's title, e.g. "Norwegian BankID through Idura".
    pub title: String,
    pub provider: String,
    /// The email address the order goes to; empty when it goes none (see `access_request`).
    pub recipient: String,
    /// The place an access request is filed in, when the order is one (no email).
    pub access_request: Option<String>,
    /// The questionnaire's subject template filled from the answers.
    pub subject: String,
    pub company: Option<String>,
    pub company_orgnr: Option<String>,
    /// The document's date: the date of the draft's last change, never the clock.
    pub date: jiff::civil::Date,
    /// Numbered questions in the provider's order, then the supporting answers (no number).
    pub sections: Vec<Section>,
    /// The files sent with the request (not the request PDF itself), in form order.
    pub attachments: Vec<Attachment>,
    pub checklist: Vec<CheckItem>,
    /// Who sign for the company, in the order given (none when the questionnaire asks for nobody).
    pub signatories: Vec<Person>,
    /// Who sends the order: the general contact.
    pub sender: Person,
    /// The answers as sent, for the machine-readable files: visible questions only, attachment paths
    /// replaced by their bundled names, `form` first.
    pub answers: toml::Table,
}

/// One question of the provider (or, with no number, the supporting answers).
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub number: Option<u32>,
    pub title: String,
    pub entries: Vec<Entry>,
}

impl Section {
    /// The entry of a question answered by one field whose label is the question's title: renderers
    /// show its value under the title without repeating the label.
    pub fn lone_entry(&self) -> Option<&Entry> {
        match self.entries.as_slice() {
            [entry] if entry.label == self.title => Some(entry),
            _ => None,
        }
    }

    /// `"3. General contact"`, or the title alone for the supporting answers.
    pub fn heading(&self) -> String {
        match self.number {
            Some(n) => format!("{n}. {}", self.title),
            None => self.title.clone(),
        }
    }
}

/// One field's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: String,
    pub label: String,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text as it is shown (may hold line breaks).
    Text(String),
    /// A group: address or contact parts, in order.
    Parts(Vec<Part>),
    /// A repeated field: one value per entry.
    Entries(Vec<Value>),
    /// An attached file, by its bundled name.
    File(String),
    /// Not answered.
    Missing,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub label: String,
    pub value: String,
}

/// A file sent with the request.
#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    pub field: String,
    /// The question's label in the document language.
    pub label: String,
    /// The file's name in the bundle (under `attachments/`) and in the email.
    pub name: String,
    /// Size and SHA-256 when the caller read the file.
    pub digest: Option<FileDigest>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDigest {
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckItem {
    pub label: String,
    pub state: State,
    /// The state in the document language ("met", "ikke oppfylt", …).
    pub state_label: String,
    /// Why, as `check` says it: the registered name and the date of the register's answer, the
    /// reason it is not met, or what to check by hand.
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
    pub mobile: Option<String>,
    /// The person's role in the register, e.g. "Signatur i fellesskap (Styrets leder)", when
    /// the company's roles are known ([`Document::add_roles`]).
    pub role: Option<String>,
}

impl Person {
    /// "Name — role", or the name alone; `None` without a name.
    pub fn name_with_role(&self) -> Option<String> {
        let name = self
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())?;
        Some(match &self.role {
            Some(role) => format!("{name} — {role}"),
            None => name.to_string(),
        })
    }
}

/// A file answer and the name it gets in the bundle.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedFile {
    pub field: String,
    /// Where the file is now (as the answer gives it).
    pub source: PathBuf,
    /// Its name in the bundle (under `attachments/`) and in the email.
    pub name: String,
}

/// The visible file answers, each with a unique, file-safe bundled name derived from its own name
/// (`request.pdf` is taken by the request itself).
pub fn attachment_plan(spec: &FormSpec, answers: &Answers) -> Vec<PlannedFile> {
    let mut taken = vec![REQUEST_PDF.to_string()];
    let mut plan = Vec::new();
    for field in spec.fields.iter().filter(|f| answers.is_visible(spec, f)) {
        let shape = kind::shape(&field.kind);
        let paths: Vec<&str> = match (shape, answers.get(&field.id)) {
            (Shape::File, Some(Answer::Text(s))) => vec![s.as_str()],
            (Shape::Repeat { .. }, Some(Answer::List(items))) if shape.holds_files() => {
                items.iter().map(String::as_str).collect()
            }
            _ => Vec::new(),
        };
        for path in paths.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
            let name = unique_name(&safe_file_name(Path::new(path)), &mut taken);
            plan.push(PlannedFile {
                field: field.id.clone(),
                source: PathBuf::from(path),
                name,
            });
        }
    }
    plan
}

/// ASCII letters, digits, `.`, `-` and `_`; Norwegian letters spelt out; anything else `_`.
fn safe_file_name(path: &Path) -> String {
    let raw = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = String::new();
    for c in raw.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | '_' => name.push(c),
            'æ' => name.push_str("ae"),
            'Æ' => name.push_str("AE"),
            'ø' | 'ö' => name.push('o'),
            'Ø' | 'Ö' => name.push('O'),
            'å' | 'ä' => name.push('a'),
            'Å' | 'Ä' => name.push('A'),
            _ => name.push('_'),
        }
    }
    let name = name.trim_start_matches('.');
    let name: String = name.chars().take(100).collect();
    if name.is_empty() {
        "attachment".to_string()
    } else {
        name
    }
}

fn unique_name(name: &str, taken: &mut Vec<String>) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&candidate)) {
        candidate = format!("{n}-{name}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

/// Words of the document in its language.
pub fn word(lang: Lang, key: Word) -> &'static str {
    let (nb, en) = match key {
        Word::Yes => ("Ja", "Yes"),
        Word::No => ("Nei", "No"),
        Word::Other => ("Tilleggsopplysninger", "Additional information"),
        Word::Attachments => ("Vedlegg", "Attachments"),
        Word::Prerequisites => ("Forutsetninger", "Prerequisites"),
        Word::Met => ("oppfylt", "met"),
        Word::NotMet => ("ikke oppfylt", "not met"),
        Word::Unknown => ("ikke kontrollert", "not verified"),
        Word::Order => ("Bestilling", "Order"),
        Word::To => ("Til", "To"),
        Word::From => ("Fra", "From"),
        Word::Company => ("Selskap", "Company"),
        Word::Subject => ("Emne", "Subject"),
        Word::Date => ("Dato", "Date"),
        Word::Entry => ("Oppføring", "Entry"),
        Word::Bytes => ("byte", "bytes"),
        Word::Signature => ("Signatur", "Signature"),
        Word::SignFor => ("For", "For"),
        Word::Name => ("Navn", "Name"),
        Word::PlaceDate => ("Sted og dato", "Place and date"),
        Word::Page => ("Side", "Page"),
        Word::Of => ("av", "of"),
        Word::Attached => ("vedlagt", "attached"),
        Word::NotAnswered => ("ikke besvart", "not answered"),
        Word::ThisRequest => (
            "denne bestillingen, for signering",
            "this order, for signing",
        ),
        Word::Greeting => ("Hei", "Hello"),
        Word::Intro => (
            "Her er vår bestilling. Den samme bestillingen ligger ved som request.pdf for signering.",
            "Please find our order below. The same order is attached as request.pdf for signing.",
        ),
        // Norwegian closes without a comma (Språkrådet), English with one.
        Word::Regards => ("Vennlig hilsen", "Kind regards,"),
        Word::SignatureIntro => (
            "Undertegnede bekrefter at opplysningene i denne bestillingen er riktige.",
            "The undersigned confirms that the information in this order is correct.",
        ),
    };
    match lang {
        Lang::Nb => nb,
        Lang::En => en,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    Yes,
    No,
    Other,
    Attachments,
    Prerequisites,
    Met,
    NotMet,
    Unknown,
    Order,
    To,
    From,
    Company,
    Subject,
    Date,
    Entry,
    Bytes,
    Signature,
    SignFor,
    Name,
    PlaceDate,
    Page,
    Of,
    Attached,
    NotAnswered,
    ThisRequest,
    Greeting,
    Intro,
    Regards,
    SignatureIntro,
}

impl Document {
    /// The document for these answers. `checklist` is the report's prerequisite checklist; `date` the
    /// draft's date; `files` the size and SHA-256 of attachments by their source path (as the answer
    /// gives it), where the caller has read them.
    pub fn build(
        spec: &FormSpec,
        answers: &Answers,
        checklist: &[Item],
        date: jiff::civil::Date,
        files: &BTreeMap<PathBuf, FileDigest>,
    ) -> Document {
        let lang = spec.document_lang;
        let plan = attachment_plan(spec, answers);
        let delivery = spec.delivery(answers);
        Document {
            form: spec.id.clone(),
            lang,
            title: spec.title.get(lang).to_string(),
            provider: spec.provider_for(answers),
            recipient: delivery.email().unwrap_or_default().to_string(),
            access_request: delivery.access_request_title(lang),
            subject: fill_subject(spec, answers, lang),
            company: answers.text(COMPANY_NAME).map(|s| s.trim().to_string()),
            company_orgnr: answers.text(COMPANY_ORGNR).map(|s| s.trim().to_string()),
            date,
            sections: sections(spec, answers, lang, &plan),
            attachments: attachments(spec, lang, &plan, files),
            checklist: check_items(checklist, lang),
            signatories: signatories(answers),
            sender: person(answers, spec.sender_field()),
            answers: sent_answers(spec, answers, &plan),
        }
    }

    /// Gives each named signatory the role the register lists for the company, from the same
    /// facts the checklist read; nothing changes when the roles are not known.
    pub fn add_roles(&mut self, facts: &crate::prereq::Facts) {
        let number = self
            .company_orgnr
            .as_deref()
            .map(crate::validate::orgnr::normalize);
        let Some(crate::prereq::signing::RolesFact::Known { roles, .. }) =
            number.and_then(|n| facts.roles.get(&n))
        else {
            return;
        };
        for person in &mut self.signatories {
            person.role = person
                .name
                .as_deref()
                .and_then(|name| crate::roles::registered_role(roles, name));
        }
    }

    /// The document's date as `YYYY-MM-DD`.
    pub fn date_text(&self) -> String {
        self.date.to_string()
    }

    pub fn word(&self, key: Word) -> &'static str {
        word(self.lang, key)
    }

    /// The lines every rendering opens with (to, company, subject, date); empty ones left out.
    pub fn header(&self) -> Vec<(Word, String)> {
        [
            (Word::To, self.to_line()),
            (Word::Company, self.company_line()),
            (Word::Subject, self.subject.clone()),
            (Word::Date, self.date_text()),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .collect()
    }

    /// "Provider <address>", "Place (access request)", or nothing while there is no addressee.
    fn to_line(&self) -> String {
        match (&self.access_request, self.recipient.is_empty()) {
            (Some(place), _) => match self.lang {
                Lang::Nb => format!("{place} (tilgangsforespørsel)"),
                Lang::En => format!("{place} (access request)"),
            },
            (None, false) => format!("{} <{}>", self.provider, self.recipient),
            (None, true) => String::new(),
        }
    }

    /// "Company (orgnr)", or what there is of it.
    pub fn company_line(&self) -> String {
        match (&self.company, &self.company_orgnr) {
            (Some(name), Some(orgnr)) => format!("{name} ({orgnr})"),
            (Some(name), None) => name.clone(),
            (None, Some(orgnr)) => orgnr.clone(),
            (None, None) => String::new(),
        }
    }
}

/// The numbered questions in the provider's order, then the unnumbered fields under
/// [`Word::Other`].
fn sections(spec: &FormSpec, answers: &Answers, lang: Lang, plan: &[PlannedFile]) -> Vec<Section> {
    let (mut sections, supporting) = entries_by_question(spec, answers, lang, plan);
    for section in &mut sections {
        section.title = section_title(spec, section, lang);
    }
    // Numbered questions in the provider's order (form files list them so; sort to be sure).
    sections.sort_by_key(|s| s.number);
    if !supporting.is_empty() {
        sections.push(Section {
            number: None,
            title: word(lang, Word::Other).to_string(),
            entries: supporting,
        });
    }
    sections
}

/// The visible fields as entries: those with a question number gathered into one untitled
/// section per number, in the order first met; the others apart.
fn entries_by_question(
    spec: &FormSpec,
    answers: &Answers,
    lang: Lang,
    plan: &[PlannedFile],
) -> (Vec<Section>, Vec<Entry>) {
    let mut sections: Vec<Section> = Vec::new();
    let mut supporting = Vec::new();
    for field in spec.fields.iter().filter(|f| answers.is_visible(spec, f)) {
        let entry = Entry {
            id: field.id.clone(),
            label: field.label.get(lang).to_string(),
            value: value_of(field, answers, lang, plan),
        };
        // A field that is not required and not answered is left out.
        if entry.value == Value::Missing && !field.required {
            continue;
        }
        match field.question {
            Some(n) => match sections.iter_mut().find(|s| s.number == Some(n)) {
                Some(section) => section.entries.push(entry),
                None => sections.push(Section {
                    number: Some(n),
                    title: String::new(),
                    entries: vec![entry],
                }),
            },
            None => supporting.push(entry),
        }
    }
    (sections, supporting)
}

/// The planned attachments with their question's label, and their digest where it was read.
fn attachments(
    spec: &FormSpec,
    lang: Lang,
    plan: &[PlannedFile],
    files: &BTreeMap<PathBuf, FileDigest>,
) -> Vec<Attachment> {
    plan.iter()
        .map(|p| Attachment {
            field: p.field.clone(),
            label: spec
                .field(&p.field)
                .map(|f| f.label.get(lang).to_string())
                .unwrap_or_default(),
            name: p.name.clone(),
            digest: files.get(&p.source).cloned(),
        })
        .collect()
}

/// The prerequisite checklist in the document language.
fn check_items(checklist: &[Item], lang: Lang) -> Vec<CheckItem> {
    checklist
        .iter()
        .map(|item| CheckItem {
            label: item.label.get(lang).to_string(),
            state: item.state,
            state_label: word(
                lang,
                match item.state {
                    State::Met => Word::Met,
                    State::NotMet => Word::NotMet,
                    State::Unknown => Word::Unknown,
                },
            )
            .to_string(),
            reason: item.reason.get(lang).to_string(),
        })
        .collect()
}
/// A question's title: as the form names it; else its one field's label; else the title of the
/// wizard step that holds exactly this question; else its fields' labels joined.
fn section_title(spec: &FormSpec, section: &Section, lang: Lang) -> String {
    let number = section.number;
    if let Some((_, title)) = spec
        .question_titles
        .iter()
        .find(|(n, _)| Some(*n) == number)
    {
        return title.get(lang).to_string();
    }
    let fields: Vec<&FieldSpec> = spec
        .fields
        .iter()
        .filter(|f| f.question == number)
        .collect();
    if let [only] = fields.as_slice() {
        return only.label.get(lang).to_string();
    }
    let steps: Vec<&str> = fields.iter().map(|f| f.step.as_str()).collect();
    if let Some(step) = steps.first()
        && steps.iter().all(|s| s == step)
        && spec
            .fields_of_step(step)
            .all(|f| f.question == number || f.question.is_none())
        && let Some(step) = spec.step(step)
    {
        return step.title.get(lang).to_string();
    }
    fields
        .iter()
        .map(|f| f.label.get(lang))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The people who sign for the company (see [`crate::signatory`]), in the order given.
pub fn signatories(answers: &Answers) -> Vec<Person> {
    crate::signatory::parts(answers)
        .into_iter()
        .map(|record| Person {
            name: record.get("name").cloned(),
            email: record.get("email").cloned(),
            mobile: record.get("mobile").map(|m| display_phone(m)),
            role: None,
        })
        .collect()
}

fn person(answers: &Answers, id: &str) -> Person {
    // On one line and inert whatever the draft holds: a name goes into mail headers, where a line
    // break cannot stand.
    let part = |p: &str| {
        answers
            .text(&format!("{id}.{p}"))
            .map(|s| crate::inert::clean::sanitize(s, false).trim().to_string())
    };
    Person {
        name: part("name"),
        email: part("email"),
        mobile: part("mobile").map(|m| display_phone(&m)),
        role: None,
    }
}

/// The subject template with each `{field.id}` replaced by that answer as shown.
fn fill_subject(spec: &FormSpec, answers: &Answers, lang: Lang) -> String {
    let mut out = String::new();
    let mut rest = spec.subject.as_str();
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let id = after[..end].trim();
                // A default is the answer: a subject naming the environment names it unchanged.
                let shown = spec
                    .field(id)
                    .and_then(|field| match answers.answer_or_default(field) {
                        Some(Answer::Text(s)) => Some(display_scalar(&field.kind, &s, lang)),
                        Some(Answer::Bool(b)) => Some(yes_no(b, lang).to_string()),
                        Some(Answer::Number(n)) => Some(n.to_string()),
                        _ => None,
                    })
                    .or_else(|| answers.text(id).map(str::to_string))
                    .unwrap_or_default();
                out.push_str(shown.trim());
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    // A subject is one line.
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    word(lang, if b { Word::Yes } else { Word::No })
}

fn value_of(field: &FieldSpec, answers: &Answers, lang: Lang, plan: &[PlannedFile]) -> Value {
    if let Some(parts) = field.kind.group_parts() {
        return group_value(field, &parts, answers, lang);
    }
    let file_name = |path: &str| file_name_in_bundle(field, plan, path);
    let family = kind::of(&field.kind);
    match (answers.get(&field.id), family.shape()) {
        (Some(Answer::Text(s)), Shape::File) => Value::File(file_name(s)),
        (Some(Answer::Text(s)), _) => Value::Text(family.display(s, lang)),
        (Some(Answer::Bool(b)), _) => Value::Text(yes_no(*b, lang).to_string()),
        (Some(Answer::Number(n)), Shape::Number { unit, .. }) => {
            Value::Text(number::display(*n, unit, lang))
        }
        (Some(Answer::Number(n)), _) => Value::Text(n.to_string()),
        (Some(Answer::List(items)), Shape::Choices(choice)) if !items.is_empty() => Value::Text(
            items
                .iter()
                .map(|v| choice::label(choice, v, lang))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (Some(Answer::List(items)), Shape::Repeat { item, .. }) if !items.is_empty() => {
            repeated_value(items, item, lang, &file_name)
        }
        (Some(Answer::Records(records)), Shape::Repeat { item, .. }) if !records.is_empty() => {
            let parts = item.group_parts().unwrap_or_default();
            Value::Entries(
                records
                    .iter()
                    .map(|record| Value::Parts(record_parts(record, &parts, lang)))
                    .collect(),
            )
        }
        // No answer: a default counts as the answer.
        (None, _) => match &field.default {
            Some(toml::Value::Boolean(b)) => Value::Text(yes_no(*b, lang).to_string()),
            Some(toml::Value::String(s)) => Value::Text(family.display(s, lang)),
            Some(toml::Value::Integer(n)) => Value::Text(n.to_string()),
            _ => Value::Missing,
        },
        _ => Value::Missing,
    }
}

/// A group's answered parts (`<id>.<part>`), labelled; missing when none is answered.
fn group_value(
    field: &FieldSpec,
    parts: &[(&'static str, FieldKind)],
    answers: &Answers,
    lang: Lang,
) -> Value {
    let shown: Vec<Part> = parts
        .iter()
        .filter_map(|(part, kind)| {
            answers.text(&format!("{}.{part}", field.id)).map(|v| Part {
                label: part_label(part).get(lang).to_string(),
                value: display_scalar(kind, v, lang),
            })
        })
        .collect();
    if shown.is_empty() {
        Value::Missing
    } else {
        Value::Parts(shown)
    }
}

/// An attachment's name in the bundle: as planned, else its own name made safe.
fn file_name_in_bundle(field: &FieldSpec, plan: &[PlannedFile], path: &str) -> String {
    plan.iter()
        .find(|p| p.field == field.id && p.source == Path::new(path.trim()))
        .map(|p| p.name.clone())
        .unwrap_or_else(|| safe_file_name(Path::new(path.trim())))
}

/// The entries of a repeated text or file kind, each shown as one value.
fn repeated_value(
    items: &[String],
    item: &FieldKind,
    lang: Lang,
    file_name: &dyn Fn(&str) -> String,
) -> Value {
    let item = kind::of(item);
    Value::Entries(
        items
            .iter()
            .map(|v| {
                if matches!(item.shape(), Shape::File) {
                    Value::File(file_name(v))
                } else {
                    Value::Text(item.display(v, lang))
                }
            })
            .collect(),
    )
}

/// One entry of a repeated group: its non-blank parts, labelled, in the group's order.
fn record_parts(record: &Record, parts: &[(&'static str, FieldKind)], lang: Lang) -> Vec<Part> {
    parts
        .iter()
        .filter_map(|(part, kind)| {
            record
                .get(*part)
                .filter(|v| !v.trim().is_empty())
                .map(|v| Part {
                    label: part_label(part).get(lang).to_string(),
                    value: display_scalar(kind, v, lang),
                })
        })
        .collect()
}

/// One value as the provider should read it: a choice by its label, a phone number grouped.
fn display_scalar(kind: &FieldKind, value: &str, lang: Lang) -> String {
    kind::of(kind).display(value, lang)
}

/// The answers as sent: visible fields only (a hidden answer is kept in the draft, not sent), no
/// unknown keys, attachment paths replaced by `attachments/<bundled name>`.
fn sent_answers(spec: &FormSpec, answers: &Answers, plan: &[PlannedFile]) -> toml::Table {
    let mut sent = Answers::new();
    for field in spec.fields.iter().filter(|f| answers.is_visible(spec, f)) {
        match field.kind.group_parts() {
            Some(parts) => {
                for (part, _) in parts {
                    let id = format!("{}.{part}", field.id);
                    if let Some(answer) = answers.get(&id) {
                        sent.set(id, answer.clone());
                    }
                }
            }
            None => {
                let shape = kind::shape(&field.kind);
                let bundled = |path: &str| {
                    plan.iter()
                        .find(|p| p.field == field.id && p.source == Path::new(path.trim()))
                        .map(|p| format!("{ATTACHMENTS_DIR}/{}", p.name))
                        .unwrap_or_else(|| path.to_string())
                };
                match answers.get(&field.id) {
                    Some(Answer::Text(s)) if matches!(shape, Shape::File) => {
                        sent.set(field.id.clone(), Answer::Text(bundled(s)))
                    }
                    Some(Answer::List(items))
                        if matches!(shape, Shape::Repeat { .. }) && shape.holds_files() =>
                    {
                        sent.set(
                            field.id.clone(),
                            Answer::List(items.iter().map(|s| bundled(s)).collect()),
                        )
                    }
                    Some(answer) => sent.set(field.id.clone(), answer.clone()),
                    None => {}
                }
            }
        }
    }
    let mut table = toml::Table::new();
    table.insert("form".into(), toml::Value::String(spec.id.clone()));
    table.extend(sent.to_table(spec));
    table
}

/// Both languages of a word, for callers that show it outside a document.
pub fn word_text(key: Word) -> Text {
    Text::new(word(Lang::Nb, key), word(Lang::En, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_unique() {
        assert_eq!(
            safe_file_name(Path::new("/x/Firmaattest Bølgen.pdf")),
            "Firmaattest_Bolgen.pdf"
        );
        assert_eq!(safe_file_name(Path::new("/x/..hidden")), "hidden");
        assert_eq!(safe_file_name(Path::new("/")), "attachment");
        let mut taken = vec![REQUEST_PDF.to_string()];
        assert_eq!(unique_name("request.pdf", &mut taken), "2-request.pdf");
        assert_eq!(unique_name("a.pdf", &mut taken), "a.pdf");
        assert_eq!(unique_name("A.pdf", &mut taken), "2-A.pdf");
    }
}
