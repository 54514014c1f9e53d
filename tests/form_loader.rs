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
    assert_eq!(ids, ["idura-no-bankid", "criipto-no-bankid"]);
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
    assert_eq!(idura.recipient, "orders@idura.eu");
    assert_eq!(criipto.recipient, "support@criipto.com");
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
