//! The form loader: every shipped questionnaire loads, and broken form files are refused with the
//! file, the line and what to change.

use eid_onboard::form::{FieldKind, FormError, catalog, parse_form};

/// A small valid form; each test breaks one thing in it.
const GOOD: &str = r#"
id = "mini"
title = { nb = "Mini", en = "Mini" }
provider = "Test"
recipient = "orders@provider.no"
subject = "Order for {service.display_name}"
document_lang = "en"
about = { nb = "Om", en = "About" }

[[steps]]
id = "service"
title = { nb = "Tjenesten", en = "Service" }

[[fields]]
id = "service.display_name"
step = "service"
question = 1
kind = "text"
label = { nb = "Navn", en = "Name" }
help = { nb = "Hjelp", en = "Help" }
required = true
warn_len = 40

[[fields]]
id = "nnin.requested"
step = "service"
question = 2
kind = "yes-no"
label = { nb = "Fnr", en = "NNIN" }
help = { nb = "Hjelp", en = "Help" }
default = false

[[fields]]
id = "nnin.reason"
step = "service"
question = 2
kind = "multiline"
label = { nb = "Grunn", en = "Reason" }
help = { nb = "Hjelp", en = "Help" }
when = { field = "nnin.requested", equals = true }

[[fields]]
id = "redirects"
step = "service"
question = 3
kind = "repeat"
item = { kind = "url", https_only = true }
label = { nb = "Adresser", en = "Addresses" }
help = { nb = "Hjelp", en = "Help" }
"#;

fn refused(source: &str) -> FormError {
    match parse_form("broken.toml", source) {
        Ok(_) => panic!("the broken form was accepted"),
        Err(e) => e,
    }
}

#[test]
fn every_shipped_form_loads_with_complete_help() {
    let forms = catalog::shipped().unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<_> = forms.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "idura-no-bankid",
            "criipto-no-bankid",
            "bankid-oidc",
            "idporten-oidc"
        ]
    );
    for form in &forms {
        assert!(
            !form.prerequisites.is_empty(),
            "{} has no checklist",
            form.id
        );
        for field in &form.fields {
            assert!(!field.help.nb.trim().is_empty() && !field.help.en.trim().is_empty());
        }
    }
}

#[test]
fn the_shipped_forms_use_the_answers_contract_ids() {
    let idura = catalog::find("idura-no-bankid").unwrap().unwrap();
    for id in [
        "service.description",
        "company.name",
        "company.orgnr",
        "company.country",
        "company.address",
        "contacts.general",
        "contacts.signatory",
        "bank.name",
        "bank.orgnr",
        "bank.address",
        "contacts.credentials",
        "contacts.revocation",
        "service.display_name",
        "service.production_domain",
        "nnin.requested",
        "nnin.reason",
        "nnin.legal_basis",
        "attachments.company_certificate",
        "prerequisites.signatory_eid",
    ] {
        assert!(idura.field(id).is_some(), "idura lacks {id}");
    }
    let criipto = catalog::find("criipto-no-bankid").unwrap().unwrap();
    assert!(matches!(
        criipto.field("contacts.operations").map(|f| &f.kind),
        Some(FieldKind::Repeat { .. })
    ));
    assert!(criipto.field("service.listing_url").is_some());
    assert_eq!(idura.recipient.as_deref(), Some("orders@idura.eu"));
    assert_eq!(criipto.recipient.as_deref(), Some("support@criipto.com"));
}

#[test]
fn the_small_form_loads_and_keeps_conditions() {
    let form = parse_form("mini.toml", GOOD).unwrap_or_else(|e| panic!("{e}"));
    let reason = form.field("nnin.reason").unwrap();
    assert_eq!(reason.when.as_ref().unwrap().field, "nnin.requested");
    assert!(matches!(
        &form.field("redirects").unwrap().kind,
        FieldKind::Repeat { item, .. } if matches!(**item, FieldKind::Url(ref r) if r.https_only)
    ));
}

#[test]
fn a_syntax_error_names_the_line() {
    let broken = GOOD.replace("warn_len = 40", "warn_len = = 40");
    let e = refused(&broken);
    assert_eq!(e.file, "broken.toml");
    let line = GOOD.lines().position(|l| l == "warn_len = 40").unwrap() + 1;
    assert_eq!(e.line, Some(line), "{e}");
}

#[test]
fn an_unknown_key_is_refused() {
    let e = refused(&GOOD.replace("required = true", "requird = true"));
    assert!(e.message.contains("requird"), "{e}");
}

#[test]
fn an_unknown_kind_is_refused_listing_the_known_ones() {
    let e = refused(&GOOD.replace("kind = \"text\"", "kind = \"txt\""));
    assert!(e.message.contains("unknown kind `txt`"), "{e}");
    assert!(e.message.contains("postal-code"), "{e}");
    assert!(e.line.is_some());
}

#[test]
fn a_repeated_field_id_is_refused() {
    let e = refused(&GOOD.replace("id = \"nnin.reason\"", "id = \"service.display_name\""));
    assert!(e.message.contains("used twice"), "{e}");
}

#[test]
fn overlapping_ids_are_refused() {
    let e = refused(&GOOD.replace("id = \"redirects\"", "id = \"nnin.reason.extra\""));
    assert!(e.message.contains("overlap"), "{e}");
}

#[test]
fn a_condition_on_a_missing_field_is_refused() {
    let e = refused(&GOOD.replace(
        "when = { field = \"nnin.requested\"",
        "when = { field = \"nnin.wanted\"",
    ));
    assert!(e.message.contains("nnin.wanted"), "{e}");
    assert!(e.message.contains("not a field"), "{e}");
}

#[test]
fn a_condition_value_of_the_wrong_type_is_refused() {
    let e = refused(&GOOD.replace("equals = true", "equals = \"yes\""));
    assert!(e.message.contains("does not fit"), "{e}");
}

#[test]
fn a_rule_that_does_not_apply_to_the_kind_is_refused() {
    let e = refused(&GOOD.replace("warn_len = 40", "accept = \"pdf\""));
    assert!(
        e.message
            .contains("rule `accept` does not apply to kind `text`"),
        "{e}"
    );
}

#[test]
fn an_unknown_step_is_refused() {
    let e = refused(&GOOD.replacen("step = \"service\"", "step = \"services\"", 1));
    assert!(e.message.contains("services"), "{e}");
}

#[test]
fn missing_english_help_is_refused() {
    let e = refused(&GOOD.replacen(
        "help = { nb = \"Hjelp\", en = \"Help\" }",
        "help = { nb = \"Hjelp\", en = \"\" }",
        1,
    ));
    assert!(e.message.contains("help"), "{e}");
}

#[test]
fn questions_out_of_order_are_refused() {
    let e = refused(&GOOD.replace("question = 3", "question = 1"));
    assert!(e.message.contains("provider's order"), "{e}");
}

#[test]
fn a_subject_naming_no_field_is_refused() {
    let e = refused(&GOOD.replace("{service.display_name}", "{service.name}"));
    assert!(e.message.contains("service.name"), "{e}");
}

#[test]
fn a_repeat_item_with_its_own_label_is_refused() {
    let e = refused(&GOOD.replace(
        "item = { kind = \"url\", https_only = true }",
        "item = { kind = \"url\", label = { nb = \"x\", en = \"x\" } }",
    ));
    assert!(e.message.contains("item"), "{e}");
}

#[test]
fn a_select_without_options_is_refused() {
    let broken = format!(
        "{GOOD}\n[[fields]]\nid = \"pick\"\nstep = \"service\"\nkind = \"select\"\nlabel = {{ nb = \"V\", en = \"P\" }}\nhelp = {{ nb = \"H\", en = \"H\" }}\n"
    );
    let e = refused(&broken);
    assert!(e.message.contains("needs `options` or a `source`"), "{e}");
}

#[test]
fn an_error_displays_as_file_line_message() {
    let e = refused(&GOOD.replace("kind = \"text\"", "kind = \"txt\""));
    let shown = e.to_string();
    assert!(shown.starts_with("broken.toml:"), "{shown}");
}

/// The later questionnaires (BankID OIDC, ID-porten) need these shapes; the format must express them.
#[test]
fn the_format_expresses_the_oidc_and_id_porten_shapes() {
    let source = r#"
id = "oidc-shapes"
title = { nb = "Klient", en = "Client" }
provider = "Digdir"
recipient = "servicedesk@digdir.no"
subject = "Client for {client.display_name}"
document_lang = "nb"
about = { nb = "Om", en = "About" }

[[steps]]
id = "client"
title = { nb = "Klient", en = "Client" }

[[fields]]
id = "client.environment"
step = "client"
kind = "select"
options = [
  { value = "test", label = { nb = "TEST", en = "TEST" } },
  { value = "prod", label = { nb = "PROD", en = "PROD" } },
]
default = "test"
label = { nb = "Miljø", en = "Environment" }
help = { nb = "H", en = "H" }

[[fields]]
id = "client.display_name"
step = "client"
kind = "text"
max_len = 80
label = { nb = "Navn", en = "Name" }
help = { nb = "H", en = "H" }

[[fields]]
id = "client.scopes"
step = "client"
kind = "multi-select"
options = [
  { value = "openid", label = { nb = "openid", en = "openid" } },
  { value = "nnin", label = { nb = "nnin", en = "nnin" } },
]
label = { nb = "Scopes", en = "Scopes" }
help = { nb = "H", en = "H" }

[[fields]]
id = "client.nnin_legal_basis"
step = "client"
kind = "select"
source = "legal-bases"
allow_other = true
required = true
when = { field = "client.scopes", contains_any = ["nnin", "nnin_altsub"] }
label = { nb = "Hjemmel", en = "Legal basis" }
help = { nb = "H", en = "H" }

[[fields]]
id = "client.redirect_uris"
step = "client"
kind = "repeat"
item = { kind = "url", allow_localhost = true }
min = 1
max = 20
label = { nb = "Adresser", en = "Redirect URIs" }
help = { nb = "H", en = "H" }

[[fields]]
id = "client.access_token_lifetime"
step = "client"
kind = "number"
min = 1
max = 86400
default = 120
unit = { nb = "sekunder", en = "seconds" }
label = { nb = "Levetid", en = "Lifetime" }
help = { nb = "H", en = "H" }

[[fields]]
id = "client.logo"
step = "client"
kind = "file"
accept = "png"
max_bytes = 10240
image_width = 300
image_height = 60
label = { nb = "Logo", en = "Logo" }
help = { nb = "H", en = "H" }

[[fields]]
id = "client.merchant_certificate"
step = "client"
kind = "file"
accept = "bid"
when = { field = "client.environment", one_of = ["test"] }
label = { nb = "Sertifikat", en = "Certificate" }
help = { nb = "H", en = "H" }

[[fields]]
id = "client.verified_t1"
step = "client"
kind = "yes-no"
when = { field = "client.environment", equals = "prod" }
label = { nb = "T1", en = "T1" }
help = { nb = "H", en = "H" }

[[fields]]
id = "contacts.technical"
step = "client"
kind = "repeat"
item = { kind = "contact", parts = ["name", "email"] }
label = { nb = "Teknisk", en = "Technical" }
help = { nb = "H", en = "H" }
"#;
    let form = parse_form("shapes.toml", source).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(form.fields.len(), 10);

    use eid_onboard::answers::Answers;
    let mut table: toml::Table = toml::from_str(
        "[client]\nscopes = [\"openid\", \"nnin\"]\nenvironment = \"prod\"\nredirect_uris = [\"https://app.nav-tjeneste.no/cb\"]",
    )
    .unwrap();
    let answers = Answers::from_table(&form, &table);
    let basis = form.field("client.nnin_legal_basis").unwrap();
    assert!(
        answers.is_visible(&form, basis),
        "nnin in the scopes shows the legal basis"
    );
    assert!(!answers.is_visible(&form, form.field("client.merchant_certificate").unwrap()));
    assert!(answers.is_visible(&form, form.field("client.verified_t1").unwrap()));
    table["client"]
        .as_table_mut()
        .unwrap()
        .insert("scopes".into(), toml::Value::Array(vec!["openid".into()]));
    let answers = Answers::from_table(&form, &table);
    assert!(!answers.is_visible(&form, basis));
}

/// GOOD with a partner contact (the addressee), a technical contact (the sender) and a separate
/// request; each test of the extensions breaks one thing in it.
fn with_addressee() -> String {
    format!(
        r#"{GOOD}
[[fields]]
id = "partner"
step = "service"
question = 4
kind = "contact"
parts = ["name", "email"]
label = {{ nb = "Partner", en = "Partner" }}
help = {{ nb = "Hjelp", en = "Help" }}

[[fields]]
id = "contacts.technical"
step = "service"
question = 5
kind = "contact"
label = {{ nb = "Teknisk", en = "Technical" }}
help = {{ nb = "Hjelp", en = "Help" }}

[[separate_requests]]
id = "certificate"
title = {{ nb = "Sertifikat", en = "Certificate" }}
provider = "Sales"
recipient = "sales@provider.no"
subject = "Certificate for {{service.display_name}}"
when = {{ field = "nnin.requested", equals = true }}
fields = ["service.display_name", "nnin.reason"]
"#
    )
    .replace(
        "recipient = \"orders@provider.no\"",
        "recipient = \"orders@provider.no\"\nrecipient_field = \"partner\"\nsender_field = \"contacts.technical\"",
    )
}

#[test]
fn the_addressee_can_come_from_the_answers() {
    use eid_onboard::answers::{Answer, Answers};
    use eid_onboard::form::Delivery;
    let form = parse_form("mini.toml", &with_addressee()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(form.recipient_field.as_deref(), Some("partner"));
    assert_eq!(form.sender_field(), "contacts.technical");
    let mut answers = Answers::new();
    // Unanswered: the fixed recipient.
    assert_eq!(
        form.delivery(&answers),
        Delivery::Email {
            to: "orders@provider.no".into(),
            name: "Test".into()
        }
    );
    answers.set("partner.name", Answer::Text("Partner AS".into()));
    answers.set("partner.email", Answer::Text(" orders@partner.no ".into()));
    assert_eq!(
        form.delivery(&answers),
        Delivery::Email {
            to: "orders@partner.no".into(),
            name: "Partner AS".into()
        }
    );
    // Without `sender_field` the general contact sends, as before.
    let plain = parse_form("mini.toml", GOOD).unwrap();
    assert_eq!(plain.sender_field(), "contacts.general");
}

#[test]
fn a_separate_request_sees_only_its_fields_renumbered() {
    use eid_onboard::answers::{Answer, Answers};
    let form = parse_form("mini.toml", &with_addressee()).unwrap_or_else(|e| panic!("{e}"));
    let [request] = form.separate_requests.as_slice() else {
        panic!("one separate request")
    };
    let mut answers = Answers::new();
    assert!(
        !request.applies(&form, &answers),
        "nnin.requested defaults to false"
    );
    answers.set("nnin.requested", Answer::Bool(true));
    assert!(request.applies(&form, &answers));
    let derived = request.form(&form, &answers);
    let ids: Vec<_> = derived.fields.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["service.display_name", "nnin.reason"]);
    let numbers: Vec<_> = derived.fields.iter().map(|f| f.question).collect();
    assert_eq!(numbers, [Some(1), Some(2)]);
    assert!(derived.fields.iter().all(|f| f.when.is_none()));
    assert_eq!(derived.recipient.as_deref(), Some("sales@provider.no"));
    assert_eq!(derived.recipient_field, None);
    assert!(derived.prerequisites.is_empty() && derived.separate_requests.is_empty());
}

#[test]
fn a_recipient_field_that_is_no_contact_with_an_email_is_refused() {
    let e = refused(&with_addressee().replace(
        "recipient_field = \"partner\"",
        "recipient_field = \"service.display_name\"",
    ));
    assert!(e.message.contains("recipient_field"), "{e}");
    assert!(e.message.contains("kind `contact`"), "{e}");
    let e = refused(&with_addressee().replace(
        "parts = [\"name\", \"email\"]",
        "parts = [\"name\", \"mobile\"]",
    ));
    assert!(e.message.contains("needs the contact part `email`"), "{e}");
}

#[test]
fn a_sender_field_without_a_name_is_refused() {
    let e = refused(
        &with_addressee()
            .replace(
                "sender_field = \"contacts.technical\"",
                "sender_field = \"partner\"",
            )
            .replace("parts = [\"name\", \"email\"]", "parts = [\"email\"]")
            .replace("recipient_field = \"partner\"\n", ""),
    );
    assert!(
        e.message
            .contains("sender_field `partner` needs the contact part `name`"),
        "{e}"
    );
}

#[test]
fn unknown_rules_and_outputs_are_refused_listing_the_known_ones() {
    let e = refused(&GOOD.replace(
        "document_lang = \"en\"",
        "document_lang = \"en\"\nrules = [\"maskinporten\"]",
    ));
    assert!(e.message.contains("unknown name `maskinporten`"), "{e}");
    assert!(e.message.contains("bankid-oidc, idporten"), "{e}");
    let e = refused(&GOOD.replace(
        "document_lang = \"en\"",
        "document_lang = \"en\"\noutputs = [\"client.xml\"]",
    ));
    assert!(e.message.contains("client.json"), "{e}");
}

#[test]
fn a_rule_set_needs_the_fields_it_reads() {
    let e = refused(&GOOD.replace(
        "document_lang = \"en\"",
        "document_lang = \"en\"\nrules = [\"idporten\"]",
    ));
    assert!(
        e.message
            .contains("rules `idporten` reads the field `client.environment`"),
        "{e}"
    );
    let e = refused(&GOOD.replace(
        "document_lang = \"en\"",
        "document_lang = \"en\"\noutputs = [\"client.json\"]",
    ));
    assert!(e.message.contains("outputs `client.json` reads"), "{e}");
}

#[test]
fn broken_separate_requests_are_refused() {
    let e = refused(&with_addressee().replace(
        "fields = [\"service.display_name\", \"nnin.reason\"]",
        "fields = [\"service.name\"]",
    ));
    assert!(
        e.message.contains("`service.name`, which is not a field"),
        "{e}"
    );
    let e = refused(
        &with_addressee().replace("recipient = \"sales@provider.no\"", "recipient = \"sales\""),
    );
    assert!(e.message.contains("not an email address"), "{e}");
    let e = refused(&with_addressee().replace(
        "when = { field = \"nnin.requested\", equals = true }",
        "when = { field = \"nnin.requested\", equals = \"yes\" }",
    ));
    assert!(e.message.contains("does not fit"), "{e}");
    let twice = with_addressee();
    let block = &twice[twice.find("[[separate_requests]]").unwrap()..];
    let e = refused(&format!("{twice}\n{block}"));
    assert!(
        e.message
            .contains("separate request id `certificate` is used twice"),
        "{e}"
    );
    let with_file = with_addressee().replace(
        "[[separate_requests]]",
        "[[fields]]\nid = \"logo\"\nstep = \"service\"\nkind = \"file\"\nlabel = { nb = \"L\", en = \"L\" }\nhelp = { nb = \"H\", en = \"H\" }\n\n[[separate_requests]]",
    ).replace("fields = [\"service.display_name\", \"nnin.reason\"]", "fields = [\"logo\"]");
    let e = refused(&with_file);
    assert!(e.message.contains("carries no attachments"), "{e}");
}

/// GOOD with one more field, written in TOML.
fn with_field(field: &str) -> String {
    format!(
        "{GOOD}\n[[fields]]\nid = \"service.extra\"\nstep = \"service\"\nlabel = {{ nb = \"L\", en = \"L\" }}\nhelp = {{ nb = \"H\", en = \"H\" }}\n{field}\n"
    )
}

#[test]
fn a_file_accepts_one_type_or_a_list_and_a_jwk_takes_no_rules() {
    use eid_onboard::form::FileType;
    let form = parse_form(
        "logo.toml",
        &with_field(
            "kind = \"file\"\naccept = [\"png\", \"svg\"]\nimage_width = 300\nimage_height = 60",
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let Some(FieldKind::File(rules)) = form.field("service.extra").map(|f| &f.kind) else {
        panic!("a file field");
    };
    assert_eq!(rules.accept, [FileType::Png, FileType::Svg]);
    assert_eq!(rules.image_size, Some((300, 60)));
    for (accept, says) in [
        (
            "[\"png\", \"gif\"]",
            "unknown file type `gif` (use pdf, png, svg, bid or any)",
        ),
        ("[\"png\", \"png\"]", "file type `png` is listed twice"),
        ("[\"any\", \"pdf\"]", "`any` takes every file"),
        ("[]", "`accept` lists no file type"),
    ] {
        let e = refused(&with_field(&format!("kind = \"file\"\naccept = {accept}")));
        assert!(e.message.contains(says), "{accept}: {e}");
        assert!(e.line.is_some(), "{e}");
    }
    let e = refused(&with_field(
        "kind = \"file\"\naccept = [\"png\", \"pdf\"]\nimage_width = 300\nimage_height = 60",
    ));
    assert!(e.message.contains("an image size needs"), "{e}");

    let form = parse_form("key.toml", &with_field("kind = \"jwk\"\nrequired = true"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        form.field("service.extra").map(|f| f.kind.name()),
        Some("jwk")
    );
    let e = refused(&with_field("kind = \"jwk\"\nmin_len = 10"));
    assert!(
        e.message
            .contains("rule `min_len` does not apply to kind `jwk` (it takes no rules)"),
        "{e}"
    );
}

/// `[[questions]]` before the first field, as the shipped forms place it.
fn with_questions(questions: &str) -> String {
    GOOD.replacen("[[fields]]", &format!("{questions}\n[[fields]]"), 1)
}

#[test]
fn a_question_title_names_a_numbered_question_once() {
    let title = r#"
[[questions]]
number = 2
title = { nb = "Fødselsnummer", en = "National identity number" }
"#;
    let form = parse_form("mini.toml", &with_questions(title)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(form.question_titles.len(), 1);
    assert_eq!(form.question_titles[0].0, 2);
    assert_eq!(form.question_titles[0].1.en, "National identity number");

    let e = refused(&with_questions(&title.replace("number = 2", "number = 7")));
    assert!(e.message.contains("no field has `question = 7`"), "{e}");
    assert!(e.line.is_some(), "{e}");
    let e = refused(&with_questions(&format!("{title}{title}")));
    assert!(e.message.contains("titled twice"), "{e}");
    let e = refused(&with_questions(&title.replace("title =", "titel =")));
    assert!(e.message.contains("titel"), "{e}");
}
