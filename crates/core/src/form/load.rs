//! Loads a form file and checks it: a broken questionnaire is refused with the file, the line and
//! what to change, never half-loaded.

use std::collections::HashSet;
use std::fmt;

use super::raw::{
    RawAccessRequest, RawCondition, RawField, RawForm, RawPrereq, RawQuestion, RawSeparateRequest,
};
use super::reads::Reads;
use super::spec::*;
use crate::kind::Shape;
use crate::text::Text;

/// Why a form file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FormError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// 1-based line of a byte offset.
fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())].matches('\n').count() + 1
}

/// Where each line starts, found in one pass: the loader asks for the line of every field it
/// checks, and counting newlines from the top each time made loading a form quadratic.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(source: &str) -> LineIndex {
        let newlines = source.match_indices('\n').map(|(at, _)| at + 1);
        LineIndex {
            starts: std::iter::once(0).chain(newlines).collect(),
        }
    }

    /// 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

/// Parses and checks one form file. `file` names it in errors.
pub fn parse_form(file: &str, source: &str) -> Result<FormSpec, FormError> {
    let raw: RawForm = toml::from_str(source).map_err(|e| FormError {
        file: file.to_string(),
        line: e.span().map(|s| line_of(source, s.start)),
        message: e.message().trim().to_string(),
    })?;
    let lines = LineIndex::new(source);
    Loader { file, lines }.build(raw)
}

struct Loader<'a> {
    file: &'a str,
    lines: LineIndex,
}

const KINDS: &[&str] = &[
    "text",
    "multiline",
    "email",
    "phone",
    "url",
    "orgnr",
    "postal-code",
    "country",
    "address",
    "contact",
    "select",
    "multi-select",
    "yes-no",
    "number",
    "file",
    "repeat",
    "date",
    "redirect-uri",
    "jwk",
];

fn url_rules(raw: &RawField) -> UrlRules {
    UrlRules {
        https_only: raw.https_only.unwrap_or(false),
        warn_http: raw.warn_http.unwrap_or(false),
        allow_localhost: raw.allow_localhost.unwrap_or(false),
        warn_test_host: raw.warn_test_host.unwrap_or(false),
        domain_only: raw.domain_only.unwrap_or(false),
        propose_subdomain: raw.propose_subdomain.clone(),
    }
}

/// Which rules each kind takes.
fn rules_for(kind: &str) -> &'static [&'static str] {
    match kind {
        "text" | "multiline" => &[
            "min_len",
            "warn_min_len",
            "max_len",
            "warn_len",
            "warn_words",
            "warn_source",
            "propose_name_from",
        ],
        "phone" => &["mobile"],
        "url" | "redirect-uri" => &[
            "https_only",
            "warn_http",
            "allow_localhost",
            "warn_test_host",
            "domain_only",
            "propose_subdomain",
        ],
        "date" => &["warn_sooner_than_months"],
        "orgnr" | "postal-code" | "address" => &["country_field"],
        "contact" => &["parts", "other_party"],
        "select" | "multi-select" => &["options", "source", "allow_other"],
        "number" => &["min", "max", "unit"],
        "file" => &[
            "accept",
            "max_bytes",
            "warn_older_than_days",
            "image_width",
            "image_height",
        ],
        "repeat" => &["item", "min", "max"],
        _ => &[],
    }
}

/// Default size limit for attachments: 10 MB.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|segment| {
            !segment.is_empty()
                && segment.starts_with(|c: char| c.is_ascii_lowercase())
                && segment
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

fn text_complete(text: &Text) -> bool {
    !text.nb.trim().is_empty() && !text.en.trim().is_empty()
}

impl Loader<'_> {
    fn err(&self, line: Option<usize>, message: impl Into<String>) -> FormError {
        FormError {
            file: self.file.to_string(),
            line,
            message: message.into(),
        }
    }

    fn line(&self, span: std::ops::Range<usize>) -> Option<usize> {
        Some(self.lines.line(span.start))
    }

    fn build(&self, raw: RawForm) -> Result<FormSpec, FormError> {
        self.check_heading(&raw)?;
        let steps = self.steps(&raw)?;
        let fields = self.fields_in_question_order(&raw, &steps)?;
        self.check_ids(&raw, &fields)?;
        self.check_every_step_has_fields(&steps, &fields)?;

        let mut spec = FormSpec {
            id: raw.id.clone(),
            title: raw.title,
            provider: raw.provider,
            recipient: raw.recipient.clone(),
            recipient_field: None,
            access_request: None,
            sender_field: None,
            subject: raw.subject.clone(),
            document_lang: raw.document_lang,
            about: raw.about,
            legacy: raw.legacy,
            steps,
            question_titles: Vec::new(),
            fields,
            prerequisites: Vec::new(),
            rules: Vec::new(),
            outputs: Vec::new(),
            separate_requests: Vec::new(),
        };
        let conditions = self.check_references(&raw.fields, &spec)?;
        for (field, when) in spec.fields.iter_mut().zip(conditions) {
            field.when = when;
        }
        self.check_cycles(&spec)?;
        spec.question_titles = self.question_titles(&raw.questions, &spec)?;
        spec.prerequisites = self.prerequisites(&raw.prerequisites, &spec)?;
        self.check_subject(&spec.subject, &spec)?;
        spec.recipient_field = self.contact_reference(
            "recipient_field",
            raw.recipient_field.as_deref(),
            &[ContactPart::Email],
            &spec,
        )?;
        spec.access_request = self.access_request(raw.access_request.as_ref(), &spec)?;
        spec.sender_field = self.contact_reference(
            "sender_field",
            raw.sender_field.as_deref(),
            &[ContactPart::Name, ContactPart::Email],
            &spec,
        )?;
        spec.rules = self.named_list("rules", &raw.rules, &spec)?;
        spec.outputs = self.named_list("outputs", &raw.outputs, &spec)?;
        spec.separate_requests = self.separate_requests(&raw.separate_requests, &spec)?;
        Ok(spec)
    }

    /// The form's id, its title and about in both languages, and its recipient's address (or a
    /// `recipient_field` to take it from).
    fn check_heading(&self, raw: &RawForm) -> Result<(), FormError> {
        if !valid_form_id(&raw.id) {
            return Err(self.err(
                None,
                format!(
                    "form id {:?} must be lowercase letters, digits and '-'",
                    raw.id
                ),
            ));
        }
        for (what, text) in [("title", &raw.title), ("about", &raw.about)] {
            if !text_complete(text) {
                return Err(self.err(None, format!("`{what}` needs both `nb` and `en` text")));
            }
        }
        match (&raw.recipient, &raw.recipient_field) {
            (Some(recipient), _) if !looks_like_address(recipient) => Err(self.err(
                None,
                format!("recipient {recipient:?} is not an email address like orders@example.org"),
            )),
            (None, None) => Err(self.err(
                None,
                "the form needs a `recipient` (the email address the order goes to) or a `recipient_field` (the contact field whose answer is the addressee)",
            )),
            _ => Ok(()),
        }
    }

    /// `[access_request]`: it stands in for `recipient_field`'s answer, so the form needs one;
    /// its title and where in both languages, its condition as a field's.
    fn access_request(
        &self,
        raw: Option<&RawAccessRequest>,
        spec: &FormSpec,
    ) -> Result<Option<AccessRequest>, FormError> {
        let Some(raw) = raw else {
            return Ok(None);
        };
        if spec.recipient_field.is_none() {
            return Err(self.err(
                None,
                "`[access_request]` applies while `recipient_field` is unanswered: the form needs a `recipient_field`",
            ));
        }
        for (key, text) in [("title", &raw.title), ("where", &raw.place)] {
            if !text_complete(text) {
                return Err(self.err(
                    None,
                    format!("`[access_request]` needs a `{key}` with `nb` and `en` text"),
                ));
            }
        }
        let when = match &raw.when {
            Some(w) => Some(self.condition(w, "access_request", spec, None)?),
            None => None,
        };
        Ok(Some(AccessRequest {
            when,
            title: raw.title.clone(),
            place: raw.place.clone(),
        }))
    }

    /// The fields, built; their question numbers never go down, so the document follows the
    /// provider's own form.
    fn fields_in_question_order(
        &self,
        raw: &RawForm,
        steps: &[StepSpec],
    ) -> Result<Vec<FieldSpec>, FormError> {
        let mut fields = Vec::with_capacity(raw.fields.len());
        let mut last_question = 0;
        for field in &raw.fields {
            let built = self.field(field, steps)?;
            if let Some(q) = built.question {
                if q < last_question {
                    return Err(self.err(
                        self.line(field.kind.span()),
                        format!(
                            "field `{}` has question {q} after question {last_question}: list fields in the provider's order",
                            built.id
                        ),
                    ));
                }
                last_question = q;
            }
            fields.push(built);
        }
        Ok(fields)
    }

    fn check_every_step_has_fields(
        &self,
        steps: &[StepSpec],
        fields: &[FieldSpec],
    ) -> Result<(), FormError> {
        for step in steps {
            if !fields.iter().any(|f| f.step == step.id) {
                return Err(self.err(None, format!("step `{}` has no fields", step.id)));
            }
        }
        Ok(())
    }

    /// The prerequisites, built, then their ids checked unique.
    fn prerequisites(
        &self,
        raw: &[RawPrereq],
        spec: &FormSpec,
    ) -> Result<Vec<PrereqSpec>, FormError> {
        let built = raw
            .iter()
            .map(|p| self.prereq(p, spec))
            .collect::<Result<_, _>>()?;
        self.check_unique_ids("prerequisite", raw.iter().map(|p| &p.id))?;
        Ok(built)
    }

    /// The separate requests, built, then their ids checked unique.
    fn separate_requests(
        &self,
        raw: &[RawSeparateRequest],
        spec: &FormSpec,
    ) -> Result<Vec<SeparateRequest>, FormError> {
        let built = raw
            .iter()
            .map(|r| self.separate_request(r, spec))
            .collect::<Result<_, _>>()?;
        self.check_unique_ids("separate request", raw.iter().map(|r| &r.id))?;
        Ok(built)
    }

    /// `what id `…` is used twice`, at the second use.
    fn check_unique_ids<'a>(
        &self,
        what: &str,
        ids: impl Iterator<Item = &'a toml::Spanned<String>>,
    ) -> Result<(), FormError> {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id.get_ref().as_str()) {
                return Err(self.err(
                    self.line(id.span()),
                    format!("{what} id `{}` is used twice", id.get_ref()),
                ));
            }
        }
        Ok(())
    }

    /// `recipient_field` / `sender_field`: a contact field of this form with the given parts.
    fn contact_reference(
        &self,
        key: &str,
        id: Option<&str>,
        needs: &[ContactPart],
        spec: &FormSpec,
    ) -> Result<Option<String>, FormError> {
        let Some(id) = id else {
            return Ok(None);
        };
        let Some(FieldKind::Contact { parts, .. }) = spec.field(id).map(|f| &f.kind) else {
            return Err(self.err(
                None,
                format!("{key} `{id}` is not a field of kind `contact` in this form"),
            ));
        };
        if let Some(missing) = needs.iter().find(|p| !parts.contains(p)) {
            return Err(self.err(
                None,
                format!(
                    "{key} `{id}` needs the contact part `{}` (parts = [..., \"{}\"])",
                    missing.key(),
                    missing.key()
                ),
            ));
        }
        Ok(Some(id.to_string()))
    }

    /// `rules` / `outputs`: known names, each once, and every field the code reads present with
    /// the kind it expects.
    fn named_list<T: Reads>(
        &self,
        key: &str,
        names: &[String],
        spec: &FormSpec,
    ) -> Result<Vec<T>, FormError> {
        let mut list = Vec::new();
        for name in names {
            let item = T::all()
                .iter()
                .copied()
                .find(|t| t.name() == name)
                .ok_or_else(|| {
                    let known: Vec<&str> = T::all().iter().map(|t| t.name()).collect();
                    self.err(
                        None,
                        format!("{key}: unknown name `{name}` (known: {})", known.join(", ")),
                    )
                })?;
            if list.contains(&item) {
                return Err(self.err(None, format!("{key}: `{name}` is listed twice")));
            }
            for (id, kind) in item.reads() {
                match spec.field(id) {
                    Some(field) if field.kind.name() == *kind => {}
                    Some(field) => {
                        return Err(self.err(
                            None,
                            format!(
                                "{key} `{name}` reads `{id}` as kind `{kind}`, but the field has kind `{}`",
                                field.kind.name()
                            ),
                        ));
                    }
                    None => {
                        return Err(self.err(
                            None,
                            format!(
                                "{key} `{name}` reads the field `{id}` (kind `{kind}`), which this form lacks"
                            ),
                        ));
                    }
                }
            }
            list.push(item);
        }
        Ok(list)
    }

    fn separate_request(
        &self,
        raw: &RawSeparateRequest,
        spec: &FormSpec,
    ) -> Result<SeparateRequest, FormError> {
        let id = raw.id.get_ref().clone();
        let line = self.line(raw.id.span());
        if !valid_form_id(&id) {
            return Err(self.err(
                line,
                format!("separate request id {id:?} must be lowercase letters, digits and '-'"),
            ));
        }
        if !text_complete(&raw.title) {
            return Err(self.err(
                line,
                format!("separate request `{id}` needs a `title` with `nb` and `en` text"),
            ));
        }
        if !looks_like_address(&raw.recipient) {
            return Err(self.err(
                line,
                format!(
                    "separate request `{id}`: recipient {:?} is not an email address",
                    raw.recipient
                ),
            ));
        }
        if raw.fields.is_empty() {
            return Err(self.err(line, format!("separate request `{id}` lists no `fields`")));
        }
        for field in &raw.fields {
            let kind = spec.field(field).map(|f| &f.kind).ok_or_else(|| {
                self.err(
                    line,
                    format!(
                        "separate request `{id}` lists `{field}`, which is not a field of this form"
                    ),
                )
            })?;
            let is_file = crate::kind::shape(kind).holds_files();
            if is_file {
                return Err(self.err(
                    line,
                    format!("separate request `{id}`: `{field}` is a file; a separate request carries no attachments"),
                ));
            }
        }
        self.check_subject(&raw.subject, spec)?;
        let when = match &raw.when {
            Some(w) => Some(self.condition(w, &id, spec, line)?),
            None => None,
        };
        Ok(SeparateRequest {
            id,
            title: raw.title.clone(),
            provider: raw.provider.clone(),
            recipient: raw.recipient.clone(),
            subject: raw.subject.clone(),
            when,
            fields: raw.fields.clone(),
        })
    }

    /// `[[questions]]`: each names a question number some field has, once.
    fn question_titles(
        &self,
        raw: &[RawQuestion],
        spec: &FormSpec,
    ) -> Result<Vec<(u32, Text)>, FormError> {
        let mut titles: Vec<(u32, Text)> = Vec::new();
        for question in raw {
            let number = *question.number.get_ref();
            let line = self.line(question.number.span());
            if !spec.fields.iter().any(|f| f.question == Some(number)) {
                return Err(self.err(
                    line,
                    format!("[[questions]] number {number}: no field has `question = {number}`"),
                ));
            }
            if titles.iter().any(|(n, _)| *n == number) {
                return Err(self.err(
                    line,
                    format!("[[questions]] number {number} is titled twice"),
                ));
            }
            titles.push((number, question.title.clone()));
        }
        Ok(titles)
    }

    fn steps(&self, raw: &RawForm) -> Result<Vec<StepSpec>, FormError> {
        let mut seen = HashSet::new();
        let mut steps = Vec::new();
        for step in &raw.steps {
            let id = step.id.get_ref();
            let line = self.line(step.id.span());
            if !valid_id(id) || id.contains('.') {
                return Err(self.err(
                    line,
                    format!("step id {id:?} must be lowercase letters, digits and '_'"),
                ));
            }
            if !seen.insert(id.clone()) {
                return Err(self.err(line, format!("step id `{id}` is used twice")));
            }
            if !text_complete(&step.title) || step.intro.as_ref().is_some_and(|t| !text_complete(t))
            {
                return Err(self.err(
                    line,
                    format!(
                        "step `{id}` needs its title (and intro, if any) in both `nb` and `en`"
                    ),
                ));
            }
            steps.push(StepSpec {
                id: id.clone(),
                title: step.title.clone(),
                intro: step.intro.clone(),
            });
        }
        if steps.is_empty() {
            return Err(self.err(None, "the form has no steps"));
        }
        Ok(steps)
    }

    fn field(&self, raw: &RawField, steps: &[StepSpec]) -> Result<FieldSpec, FormError> {
        let line = self.line(raw.kind.span());
        let Some(id) = &raw.id else {
            return Err(self.err(line, "a field needs an `id`"));
        };
        let id_line = self.line(id.span());
        let id = id.get_ref().clone();
        if !valid_id(&id) {
            return Err(self.err(
                id_line,
                format!("field id {id:?} must be dotted lowercase names, e.g. `contacts.general`"),
            ));
        }
        let step = raw
            .step
            .clone()
            .ok_or_else(|| self.err(id_line, format!("field `{id}` needs a `step`")))?;
        if !steps.iter().any(|s| s.id == step) {
            let known: Vec<_> = steps.iter().map(|s| s.id.as_str()).collect();
            return Err(self.err(
                id_line,
                format!(
                    "field `{id}` names step `{step}`, which is not declared (steps: {})",
                    known.join(", ")
                ),
            ));
        }
        let label = raw.label.clone().unwrap_or_default();
        let help = raw.help.clone().unwrap_or_default();
        if !text_complete(&label) || !text_complete(&help) {
            return Err(self.err(
                id_line,
                format!("field `{id}` needs `label` and `help`, each with `nb` and `en` text"),
            ));
        }
        let kind = self.kind(raw, &id)?;
        if let Some(default) = &raw.default
            && !default_fits(&kind, default)
        {
            return Err(self.err(
                id_line,
                format!(
                    "the default of field `{id}` does not fit its kind `{}`",
                    kind.name()
                ),
            ));
        }
        Ok(FieldSpec {
            id,
            step,
            question: raw.question,
            label,
            help,
            required: raw.required.unwrap_or(false),
            when: None, // resolved once every field is known
            default: raw.default.clone(),
            kind,
        })
    }

    /// Builds the typed kind, refusing rules that do not apply to it.
    fn kind(&self, raw: &RawField, id: &str) -> Result<FieldKind, FormError> {
        let line = self.line(raw.kind.span());
        let name = raw.kind.get_ref().as_str();
        if !KINDS.contains(&name) {
            return Err(self.err(
                line,
                format!(
                    "field `{id}` has unknown kind `{name}` (known kinds: {})",
                    KINDS.join(", ")
                ),
            ));
        }
        let allowed = rules_for(name);
        if let Some(rule) = raw.rules_set().into_iter().find(|r| !allowed.contains(r)) {
            return Err(self.err(
                line,
                format!(
                    "field `{id}`: rule `{rule}` does not apply to kind `{name}`{}",
                    if allowed.is_empty() {
                        " (it takes no rules)".to_string()
                    } else {
                        format!(" (it takes: {})", allowed.join(", "))
                    }
                ),
            ));
        }
        let text_rules = || TextRules {
            min_len: raw.min_len,
            warn_min_len: raw.warn_min_len,
            max_len: raw.max_len,
            warn_len: raw.warn_len,
            warn_words: raw.warn_words.clone().unwrap_or_default(),
            warn_source: raw.warn_source.clone(),
            propose_name_from: raw.propose_name_from.clone(),
        };
        Ok(match name {
            "text" => FieldKind::Text(text_rules()),
            "multiline" => FieldKind::Multiline(text_rules()),
            "email" => FieldKind::Email,
            "phone" => FieldKind::Phone {
                mobile: raw.mobile.unwrap_or(false),
            },
            "url" => FieldKind::Url(url_rules(raw)),
            "redirect-uri" => FieldKind::RedirectUri(url_rules(raw)),
            "date" => FieldKind::Date {
                warn_sooner_than_months: raw.warn_sooner_than_months,
            },
            "orgnr" => FieldKind::Orgnr {
                country_field: raw.country_field.clone(),
            },
            "postal-code" => FieldKind::PostalCode {
                country_field: raw.country_field.clone(),
            },
            "country" => FieldKind::Country,
            "address" => FieldKind::Address {
                country_field: raw.country_field.clone(),
            },
            "contact" => FieldKind::Contact {
                parts: self.parts(raw, id)?,
                other_party: raw.other_party.unwrap_or(false),
            },
            "select" => FieldKind::Select(self.choice(raw, id)?),
            "multi-select" => FieldKind::MultiSelect(self.choice(raw, id)?),
            "yes-no" => FieldKind::YesNo,
            "number" => {
                if let (Some(min), Some(max)) = (raw.min, raw.max)
                    && min > max
                {
                    return Err(
                        self.err(line, format!("field `{id}`: min {min} is above max {max}"))
                    );
                }
                FieldKind::Number {
                    min: raw.min,
                    max: raw.max,
                    unit: raw.unit.clone(),
                }
            }
            "file" => FieldKind::File(self.file_rules(raw, id)?),
            "repeat" => self.repeat(raw, id)?,
            "jwk" => FieldKind::Jwk,
            _ => unreachable!("checked against KINDS above"),
        })
    }

    fn parts(&self, raw: &RawField, id: &str) -> Result<Vec<ContactPart>, FormError> {
        let line = self.line(raw.kind.span());
        let Some(names) = &raw.parts else {
            return Ok(vec![
                ContactPart::Name,
                ContactPart::Mobile,
                ContactPart::Email,
            ]);
        };
        let mut parts = Vec::new();
        for name in names {
            let part = ContactPart::parse(name).ok_or_else(|| {
                self.err(
                    line,
                    format!(
                        "field `{id}`: unknown contact part `{name}` (use name, mobile, email)"
                    ),
                )
            })?;
            if parts.contains(&part) {
                return Err(self.err(
                    line,
                    format!("field `{id}`: contact part `{name}` is listed twice"),
                ));
            }
            parts.push(part);
        }
        if parts.is_empty() {
            return Err(self.err(line, format!("field `{id}`: `parts` is empty")));
        }
        Ok(parts)
    }

    fn choice(&self, raw: &RawField, id: &str) -> Result<Choice, FormError> {
        let line = self.line(raw.kind.span());
        let source = match raw.source.as_deref() {
            None => None,
            Some("banks") => Some(OptionSource::Banks),
            Some("legal-bases") => Some(OptionSource::LegalBases),
            Some(other) => {
                return Err(self.err(
                    line,
                    format!(
                        "field `{id}`: unknown option source `{other}` (use banks or legal-bases)"
                    ),
                ));
            }
        };
        let mut options = Vec::new();
        let mut seen = HashSet::new();
        for option in raw.options.iter().flatten() {
            if option.value.trim().is_empty() || !text_complete(&option.label) {
                return Err(self.err(
                    line,
                    format!("field `{id}`: every option needs a `value` and a `label` with `nb` and `en`"),
                ));
            }
            if !seen.insert(option.value.clone()) {
                return Err(self.err(
                    line,
                    format!("field `{id}`: option `{}` is listed twice", option.value),
                ));
            }
            options.push(ChoiceOption {
                value: option.value.clone(),
                label: option.label.clone(),
            });
        }
        if options.is_empty() && source.is_none() {
            return Err(self.err(
                line,
                format!("field `{id}`: a select needs `options` or a `source`"),
            ));
        }
        Ok(Choice {
            options,
            source,
            allow_other: raw.allow_other.unwrap_or(false),
        })
    }

    fn file_rules(&self, raw: &RawField, id: &str) -> Result<FileRules, FormError> {
        let line = self.line(raw.kind.span());
        let accept = self.accepted(raw, id)?;
        let image_size = match (raw.image_width, raw.image_height) {
            (None, None) => None,
            (Some(w), Some(h)) if accept.iter().all(|t| t.is_image()) => Some((w, h)),
            (Some(_), Some(_)) => {
                return Err(self.err(
                    line,
                    format!(
                        "field `{id}`: an image size needs `accept = \"png\"`, `\"svg\"` or both"
                    ),
                ));
            }
            _ => {
                return Err(self.err(
                    line,
                    format!("field `{id}`: give both `image_width` and `image_height`"),
                ));
            }
        };
        Ok(FileRules {
            accept,
            max_bytes: raw.max_bytes.unwrap_or(DEFAULT_MAX_BYTES),
            warn_older_than_days: raw.warn_older_than_days,
            image_size,
        })
    }

    /// `accept`: one type or a list of them, each known and listed once; `any` stands alone.
    /// Without it, any file.
    fn accepted(&self, raw: &RawField, id: &str) -> Result<Vec<FileType>, FormError> {
        let line = self.line(raw.kind.span());
        let names = raw
            .accept
            .as_ref()
            .map(|a| a.names())
            .unwrap_or(vec!["any"]);
        let mut accept = Vec::new();
        for name in names {
            let Some(file_type) = FileType::parse(name) else {
                return Err(self.err(
                    line,
                    format!(
                        "field `{id}`: unknown file type `{name}` (use pdf, png, svg, bid or any)"
                    ),
                ));
            };
            if accept.contains(&file_type) {
                return Err(self.err(
                    line,
                    format!("field `{id}`: file type `{name}` is listed twice in `accept`"),
                ));
            }
            accept.push(file_type);
        }
        if accept.is_empty() {
            return Err(self.err(line, format!("field `{id}`: `accept` lists no file type")));
        }
        if accept.len() > 1 && accept.contains(&FileType::Any) {
            return Err(self.err(
                line,
                format!("field `{id}`: `any` takes every file; list it alone or not at all"),
            ));
        }
        Ok(accept)
    }

    fn repeat(&self, raw: &RawField, id: &str) -> Result<FieldKind, FormError> {
        let line = self.line(raw.kind.span());
        let Some(item) = &raw.item else {
            return Err(self.err(line, format!("field `{id}`: a repeat needs an `item`")));
        };
        let has_own_identity = item.id.is_some()
            || item.step.is_some()
            || item.label.is_some()
            || item.help.is_some()
            || item.required.is_some()
            || item.when.is_some()
            || item.default.is_some()
            || item.question.is_some();
        if has_own_identity {
            return Err(self.err(
                line,
                format!("field `{id}`: the `item` of a repeat takes only `kind` and its rules"),
            ));
        }
        if item.kind.get_ref() == "repeat" {
            return Err(self.err(line, format!("field `{id}`: a repeat cannot hold a repeat")));
        }
        let item_kind = self.kind(item, id)?;
        let min = raw.min.unwrap_or(0);
        let max = raw.max;
        if min < 0 || max.is_some_and(|m| m < 1 || m < min) {
            return Err(self.err(
                line,
                format!("field `{id}`: entry counts need 0 <= min <= max and max >= 1"),
            ));
        }
        Ok(FieldKind::Repeat {
            item: Box::new(item_kind),
            min: min as usize,
            max: max.map(|m| m as usize),
        })
    }

    fn check_ids(&self, raw: &RawForm, fields: &[FieldSpec]) -> Result<(), FormError> {
        let line_of_field = |i: usize| {
            raw.fields[i]
                .id
                .as_ref()
                .and_then(|id| self.line(id.span()))
        };
        for (i, a) in fields.iter().enumerate() {
            for b in &fields[..i] {
                if a.id == b.id {
                    return Err(self.err(
                        line_of_field(i),
                        format!("field id `{}` is used twice", a.id),
                    ));
                }
                let nested = a.id.starts_with(&format!("{}.", b.id))
                    || b.id.starts_with(&format!("{}.", a.id));
                if nested {
                    return Err(self.err(
                        line_of_field(i),
                        format!(
                            "field ids `{}` and `{}` overlap: one cannot hold the other in the answers file",
                            b.id, a.id
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Conditions and country fields must name real fields of the right kind.
    fn check_references(
        &self,
        raw: &[RawField],
        spec: &FormSpec,
    ) -> Result<Vec<Option<Condition>>, FormError> {
        let mut conditions = Vec::with_capacity(raw.len());
        for (raw_field, field) in raw.iter().zip(&spec.fields) {
            let line = raw_field.id.as_ref().and_then(|id| self.line(id.span()));
            let country = field.kind.country_field();
            if let Some(country) = country
                && !matches!(
                    spec.field(country).map(|f| &f.kind),
                    Some(FieldKind::Country)
                )
            {
                return Err(self.err(
                    line,
                    format!(
                        "field `{}`: country_field `{country}` is not a field of kind `country`",
                        field.id
                    ),
                ));
            }
            if let Some(source) = field
                .kind
                .text_rules()
                .and_then(|r| r.propose_name_from.as_deref())
                && !matches!(
                    spec.field(source).map(|f| &f.kind),
                    Some(FieldKind::Text(_))
                )
            {
                return Err(self.err(
                    line,
                    format!(
                        "field `{}`: propose_name_from `{source}` is not a field of kind `text`",
                        field.id
                    ),
                ));
            }
            let condition = match &raw_field.when {
                Some(when) => Some(self.condition(when, &field.id, spec, line)?),
                None => None,
            };
            conditions.push(condition);
        }
        Ok(conditions)
    }

    /// A field shown only when another is shown only when the first is: never true, so refused.
    fn check_cycles(&self, spec: &FormSpec) -> Result<(), FormError> {
        for field in &spec.fields {
            let mut current = field;
            for _ in 0..=spec.fields.len() {
                match current.when.as_ref().and_then(|w| spec.field(&w.field)) {
                    Some(next) if next.id == field.id => {
                        return Err(self.err(
                            None,
                            format!(
                                "field `{}` depends on itself through its conditions",
                                field.id
                            ),
                        ));
                    }
                    Some(next) => current = next,
                    None => break,
                }
            }
        }
        Ok(())
    }

    fn condition(
        &self,
        raw: &RawCondition,
        owner: &str,
        spec: &FormSpec,
        line: Option<usize>,
    ) -> Result<Condition, FormError> {
        let Some(target) = spec.field(&raw.field) else {
            return Err(self.err(
                line,
                format!(
                    "`{owner}`: the condition names `{}`, which is not a field of this form",
                    raw.field
                ),
            ));
        };
        if target.id == owner {
            return Err(self.err(line, format!("`{owner}`: a field cannot depend on itself")));
        }
        let tests: Vec<ConditionTest> = [
            raw.equals.clone().map(ConditionTest::Equals),
            raw.not_equals.clone().map(ConditionTest::NotEquals),
            raw.one_of.clone().map(ConditionTest::OneOf),
            raw.contains_any.clone().map(ConditionTest::ContainsAny),
        ]
        .into_iter()
        .flatten()
        .collect();
        let [test] = <[ConditionTest; 1]>::try_from(tests).map_err(|_| {
            self.err(
                line,
                format!("`{owner}`: a condition needs exactly one of equals, not_equals, one_of, contains_any"),
            )
        })?;
        let fits = match (&test, &target.kind) {
            (ConditionTest::ContainsAny(_), FieldKind::MultiSelect(_)) => true,
            (ConditionTest::ContainsAny(_), _) => false,
            (ConditionTest::Equals(v) | ConditionTest::NotEquals(v), kind) => default_fits(kind, v),
            (ConditionTest::OneOf(values), kind) => values.iter().all(|v| default_fits(kind, v)),
        };
        if !fits || target.kind.is_group() || matches!(target.kind, FieldKind::Repeat { .. }) {
            return Err(self.err(
                line,
                format!(
                    "`{owner}`: the condition's value does not fit `{}` (kind `{}`)",
                    target.id,
                    target.kind.name()
                ),
            ));
        }
        Ok(Condition {
            field: target.id.clone(),
            test,
        })
    }

    fn prereq(&self, raw: &RawPrereq, spec: &FormSpec) -> Result<PrereqSpec, FormError> {
        let id = raw.id.get_ref().clone();
        let line = self.line(raw.id.span());
        let check = match raw.check.as_str() {
            "registry-standing" => PrereqCheck::RegistryStanding,
            "norwegian-bank" => PrereqCheck::NorwegianBank,
            "signatory-eid" => PrereqCheck::SignatoryEid,
            "signing-authority" => PrereqCheck::SigningAuthority,
            "production-domain" => PrereqCheck::ProductionDomain,
            "certificate" => PrereqCheck::Certificate,
            "confirmed" => PrereqCheck::Confirmed,
            "advised" => PrereqCheck::Advised,
            "public-sector" => PrereqCheck::PublicSector,
            "notice" => PrereqCheck::Notice,
            other => {
                return Err(self.err(
                    line,
                    format!(
                        "prerequisite `{id}`: unknown check `{other}` (use registry-standing, norwegian-bank, signatory-eid, signing-authority, production-domain, certificate, confirmed, advised, public-sector, notice)"
                    ),
                ));
            }
        };
        if spec.field(&raw.field).is_none() {
            return Err(self.err(
                line,
                format!(
                    "prerequisite `{id}` reads `{}`, which is not a field of this form",
                    raw.field
                ),
            ));
        }
        if !text_complete(&raw.label) || !text_complete(&raw.fix) {
            return Err(self.err(
                line,
                format!("prerequisite `{id}` needs `label` and `fix` in both `nb` and `en`"),
            ));
        }
        let when = match &raw.when {
            Some(w) => Some(self.condition(w, &id, spec, line)?),
            None => None,
        };
        Ok(PrereqSpec {
            id,
            check,
            field: raw.field.clone(),
            label: raw.label.clone(),
            fix: raw.fix.clone(),
            when,
        })
    }

    fn check_subject(&self, subject: &str, spec: &FormSpec) -> Result<(), FormError> {
        for placeholder in placeholders(subject) {
            if spec.field(placeholder).is_none() {
                return Err(self.err(
                    None,
                    format!(
                        "the subject names `{{{placeholder}}}`, which is not a field of this form"
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The `{field.id}` placeholders of a template.
pub fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.trim()))
}

fn valid_form_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A loose check that catches typos in a form file; real validation of user input lives in `validate`.
fn looks_like_address(s: &str) -> bool {
    s.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !s.contains(' ')
    })
}

/// Whether a literal value (a default or a condition value) fits a kind.
fn default_fits(kind: &FieldKind, value: &toml::Value) -> bool {
    match crate::kind::shape(kind) {
        Shape::YesNo => value.is_bool(),
        Shape::Number { min, max, .. } => value
            .as_integer()
            .is_some_and(|n| min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)),
        Shape::Choices(_) => value
            .as_array()
            .is_some_and(|a| a.iter().all(|v| v.is_str())),
        Shape::Group | Shape::Repeat { .. } => false,
        Shape::Text | Shape::File => value.is_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::{LineIndex, line_of};

    #[test]
    fn the_line_index_agrees_with_counting_newlines_at_every_offset() {
        let source = "a = 1\n\nb = \"x\"\r\n[[field]]\nid = \"c\"\n\n";
        let index = LineIndex::new(source);
        for offset in 0..=source.len() + 3 {
            assert_eq!(
                index.line(offset),
                line_of(source, offset),
                "offset {offset}"
            );
        }
        assert_eq!(LineIndex::new("").line(0), 1);
    }
}
