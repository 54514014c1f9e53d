//! The session on its own: no draft store, no registry, no terminal.

use super::*;
use crate::answers::Record;
use crate::form::FieldKind;
use crate::form::catalog;
use crate::registry::{Lookup, interpret};

const DIGDIR: &str = include_str!("../../../../tests/fixtures/brreg/enhet_991825827_digdir.json");
const DNB: &str = include_str!("../../../../tests/fixtures/brreg/enhet_984851006_dnb_2019.json");

fn session(form: &str) -> Session {
    let spec = catalog::find(form).unwrap().unwrap();
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let order = Order {
        name: DraftName::parse("test").unwrap(),
        draft: Draft::new(form, now),
        spec,
        answers: Answers::new(),
    };
    Session::new(order, jiff::civil::date(2026, 11, 20))
}

fn found(number: &str, body: &str) -> Lookup {
    Lookup {
        orgnr: number.to_string(),
        outcome: interpret(number, 200, body),
        fetched: None,
        from_cache: None,
    }
}

fn row(session: &Session, id: &str) -> Row {
    (0..session.spec().steps.len())
        .flat_map(|step| session.step_rows(step, Lang::En))
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn questions_and_rows_walk_the_same_fields_in_the_same_order() {
    let mut s = session("criipto-no-bankid");
    s.add_entry("contacts.operations");
    let from_questions: Vec<String> = s.questions().into_iter().map(|q| q.id(s.spec())).collect();
    let mut from_rows: Vec<String> = Vec::new();
    for step in 0..s.spec().steps.len() {
        for r in s.step_rows(step, Lang::En) {
            // A repeat's entry rows belong to the repeat's one question.
            let id = match &r.slot {
                Slot::Entry { field, .. } | Slot::Repeat(field) => field.clone(),
                Slot::Leaf(id) => id.clone(),
            };
            if from_rows.last() != Some(&id) {
                from_rows.push(id);
            }
        }
    }
    assert_eq!(from_questions, from_rows);
    assert!(from_questions.contains(&"contacts.operations".to_string()));
    assert!(from_questions.contains(&"company.address.postal_code".to_string()));
}

#[test]
fn a_condition_shows_and_hides_questions() {
    let mut s = session("idura-no-bankid");
    let ids =
        |s: &Session| -> Vec<String> { s.questions().iter().map(|q| q.id(s.spec())).collect() };
    assert!(!ids(&s).contains(&"nnin.reason".to_string()));
    s.set_answer("nnin.requested", Answer::Bool(true));
    assert!(ids(&s).contains(&"nnin.reason".to_string()));
    assert!(s.is_dirty());
}

#[test]
fn text_is_kept_as_typed_until_committed_then_normalised() {
    let mut s = session("idura-no-bankid");
    let orgnr = row(&s, "company.orgnr");
    assert!(s.set_text(&orgnr, "991 825 827".into()));
    assert_eq!(s.answers().text("company.orgnr"), Some("991 825 827"));
    assert!(
        !s.set_text(&orgnr, "991 825 827".into()),
        "the same text is no change"
    );
    assert!(s.commit(&orgnr));
    assert_eq!(s.answers().text("company.orgnr"), Some("991825827"));
    assert!(!s.commit(&orgnr), "committing twice changes nothing");
}

#[test]
fn repeated_entries_are_added_moved_and_removed() {
    let mut s = session("criipto-no-bankid");
    s.add_entry("contacts.operations");
    s.add_entry("contacts.operations");
    assert_eq!(s.entry_count("contacts.operations"), 2);
    let first = row(&s, "contacts.operations[1].name");
    s.set_text(&first, "Kari".into());
    s.edit_entry("contacts.operations", 0, EntryChange::MoveDown);
    assert_eq!(row_text(&s, "contacts.operations[2].name"), "Kari");
    s.edit_entry("contacts.operations", 0, EntryChange::Remove);
    assert_eq!(s.entry_count("contacts.operations"), 1);
    assert_eq!(row_text(&s, "contacts.operations[1].name"), "Kari");
}

fn row_text(s: &Session, id: &str) -> String {
    rows::row_text(s.answers(), &row(s, id).slot)
}

#[test]
fn same_as_copies_every_part_of_another_contact() {
    let mut s = session("idura-no-bankid");
    for (part, value) in [
        ("name", "Kari Nordmann"),
        ("email", "kari@example.no"),
        ("mobile", "+4791234567"),
    ] {
        s.set_answer(
            format!("contacts.general.{part}"),
            Answer::Text(value.into()),
        );
    }
    let sources = s.same_as_sources("contacts.credentials", Lang::En);
    let general = sources
        .iter()
        .find(|src| src.field == "contacts.general")
        .expect("the general contact is offered");
    assert_eq!(general.name, "Kari Nordmann");
    assert!(general.shown().ends_with("(Kari Nordmann)"));
    assert!(
        sources
            .iter()
            .all(|src| src.field != "contacts.credentials")
    );
    assert_eq!(sources.len(), 1, "only contacts with a name");

    assert_eq!(
        s.copy_contact("contacts.credentials", "contacts.general"),
        3
    );
    assert_eq!(
        s.answers().text("contacts.credentials.email"),
        Some("kari@example.no")
    );
    assert_eq!(s.copy_contact("company.name", "contacts.general"), 0);
    assert!(s.same_as_sources("company.name", Lang::En).is_empty());
    // The repeat itself is not a contact; its entries are.
    assert!(s.same_as_sources("contacts.signatory", Lang::En).is_empty());
    assert_eq!(s.copy_contact("contacts.signatory", "contacts.general"), 0);
}

#[test]
fn same_as_fills_an_entry_of_a_repeated_contact_and_offers_entries() {
    let mut s = session("idura-no-bankid");
    s.set_answer(
        "contacts.general.name",
        Answer::Text("Kari Nordmann".into()),
    );
    s.set_answer(
        "contacts.general.email",
        Answer::Text("kari@example.no".into()),
    );
    let ola: Record = [("name", "Ola Nordmann"), ("mobile", "+4741234567")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    s.push_entry("contacts.signatory", Entry::Record(ola));
    s.push_entry("contacts.signatory", Entry::Record(Record::new()));

    // Entry 2 can be the general contact, or entry 1; not itself.
    let sources: Vec<String> = s
        .same_as_sources("contacts.signatory[2]", Lang::En)
        .into_iter()
        .map(|src| src.shown())
        .collect();
    assert_eq!(
        sources,
        [
            "General contact (Kari Nordmann)",
            "Signatory 1 (Ola Nordmann)"
        ]
    );
    assert_eq!(
        s.copy_contact("contacts.signatory[2]", "contacts.general"),
        2
    );
    let Some(Answer::Records(records)) = s.answers().get("contacts.signatory") else {
        panic!("the signatories are records");
    };
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["name"], "Kari Nordmann");
    assert_eq!(records[1]["email"], "kari@example.no");
    assert_eq!(records[0]["name"], "Ola Nordmann", "entry 1 is untouched");

    // An entry is a source for a contact field, and for an entry not added yet.
    assert_eq!(
        s.copy_contact("contacts.revocation", "contacts.signatory[1]"),
        2
    );
    assert_eq!(
        s.answers().text("contacts.revocation.mobile"),
        Some("+4741234567")
    );
    assert_eq!(
        s.same_as_sources("contacts.signatory[3]", Lang::En).len(),
        4
    );
    let record = s.contact_record("contacts.signatory[1]").unwrap();
    assert_eq!(record["name"], "Ola Nordmann");
    // An entry that does not exist is neither filled nor read.
    assert_eq!(
        s.copy_contact("contacts.signatory[3]", "contacts.general"),
        0
    );
    assert!(s.contact_record("contacts.signatory[3]").is_none());
}

#[test]
fn a_lookup_fills_empty_fields_and_asks_before_replacing_typed_text() {
    let mut s = session("idura-no-bankid");
    s.set_answer("company.name", Answer::Text("Digdir".into()));
    s.set_answer("company.orgnr", Answer::Text("991825827".into()));
    assert_eq!(s.numbers_to_look_up(), vec!["991825827".to_string()]);
    assert!(s.numbers_to_look_up().is_empty(), "handed out once");
    assert!(s.is_looking_up());

    let result = s.looked_up(found("991825827", DIGDIR));
    assert!(!s.is_looking_up());
    let filled: Vec<&str> = result.filled.iter().map(|p| p.field.as_str()).collect();
    assert!(filled.contains(&"company.address.street"), "{filled:?}");
    assert!(s.answers().text("company.address.city").is_some());
    assert_eq!(result.ask.len(), 1);
    assert_eq!(result.ask[0].field, "company.name");
    assert_eq!(result.ask[0].replaces.as_deref(), Some("Digdir"));
    assert_eq!(
        s.answers().text("company.name"),
        Some("Digdir"),
        "not yet replaced"
    );
    s.accept(&result.ask);
    assert_eq!(
        s.answers().text("company.name"),
        Some("DIGITALISERINGSDIREKTORATET")
    );
    let registry_item = s
        .checklist()
        .iter()
        .find(|i| i.id == "registry")
        .expect("a registry item");
    assert_eq!(registry_item.state, prereq::State::Met);
}

#[test]
fn banks_are_offered_under_their_registered_names_once_looked_up() {
    let mut s = session("idura-no-bankid");
    let bank_name = s.spec().field("bank.name").unwrap().kind.clone();
    let offered = |s: &Session| -> Vec<String> {
        s.choices(&bank_name, Lang::En)
            .unwrap()
            .into_iter()
            .filter(|o| {
                o.origin
                    == OptionOrigin::Bank {
                        orgnr: "984851006".into(),
                    }
            })
            .map(|o| o.value)
            .collect()
    };
    assert_eq!(offered(&s), vec!["DNB".to_string()]);
    let bank = row(&s, "bank.name");
    let filled = s
        .pick(&bank, "DNB".into())
        .expect("the org number is filled");
    assert_eq!(filled.orgnr_field, "bank.orgnr");
    assert_eq!(s.answers().text("bank.orgnr"), Some("984851006"));

    assert_eq!(s.numbers_to_look_up(), vec!["984851006".to_string()]);
    let result = s.looked_up(found("984851006", DNB));
    assert_eq!(offered(&s), vec!["DNB BANK ASA".to_string()]);
    assert_eq!(result.ask.len(), 1, "the picked short name differs: ask");
    assert!(s.choices(&FieldKind::YesNo, Lang::En).is_none());
}

#[test]
fn a_saved_draft_holds_the_answers_and_clears_dirty_only_for_what_it_holds() {
    let mut s = session("idura-no-bankid");
    s.set_answer("company.name", Answer::Text("Acme AS".into()));
    let now: jiff::Timestamp = "2026-11-21T09:00:00Z".parse().unwrap();
    let position = Position {
        step: "company".into(),
        field: Some("company.name".into()),
    };
    let draft = s.draft_to_save(Some(position.clone()), now);
    assert_eq!(draft.updated, now);
    assert_eq!(draft.position, Some(position));
    assert!(draft.answers.contains_key("company"));
    // Typing goes on while the save runs.
    s.set_answer("company.orgnr", Answer::Text("991825827".into()));
    s.saved(draft);
    assert!(
        s.is_dirty(),
        "the number typed after the snapshot is not saved yet"
    );
    let draft = s.draft_to_save(None, now);
    s.saved(draft);
    assert!(!s.is_dirty());
}

#[test]
fn the_report_counts_what_blocks_the_order() {
    let mut s = session("idura-no-bankid");
    s.recheck();
    let (errors, _) = s.blockers();
    assert!(errors > 0, "an empty order has errors");
    assert!(!s.problems_of("company.name").is_empty());
    assert_eq!(s.report().problems.len(), s.problems().len());
    assert!(s.progress().answered < s.progress().required);
}

#[test]
fn a_resumed_draft_starts_where_it_was_left() {
    let mut s = session("idura-no-bankid");
    assert_eq!(s.resume_question(), s.questions().first().copied());
    s.set_answer("company.name", Answer::Text("Acme AS".into()));
    let now: jiff::Timestamp = "2026-11-21T09:00:00Z".parse().unwrap();
    let draft = s.draft_to_save(
        Some(Position {
            step: "bank".into(),
            field: Some("bank.orgnr".into()),
        }),
        now,
    );
    s.saved(draft);
    let at = s.resume_question().unwrap();
    assert_eq!(at.id(s.spec()), "bank.orgnr");
}

#[test]
fn attached_files_are_read_by_the_front_end_and_validation_uses_what_it_found() {
    let mut s = session("idura-no-bankid");
    s.set_answer("company.country", Answer::Text("SE".into()));
    let certificate = row(&s, "attachments.company_certificate");
    s.set_text(&certificate, "/no/such/firmaattest.pdf".into());
    s.commit(&certificate);
    s.recheck();
    let id = "attachments.company_certificate";
    assert!(
        s.problems_of(id).is_empty(),
        "nothing is said of a file before it is read: validation opens no file"
    );
    let wanted = s.files_to_check();
    assert_eq!(wanted.len(), 1);
    assert_eq!(wanted[0].path, "/no/such/firmaattest.pdf");

    let check = crate::kind::file::check_file(&wanted[0].path, &wanted[0].rules, s.today());
    s.file_checked(wanted[0].path.clone(), check);
    assert!(s.files_to_check().is_empty(), "read once");
    let problems = s.problems_of(id);
    assert!(
        problems.iter().any(|p| p.is_error()),
        "the missing file is an error: {problems:?}"
    );
    // Committed again, the path is read again (the file may have changed).
    s.commit(&certificate);
    assert_eq!(s.files_to_check().len(), 1);
}

const ROLES: &str = include_str!("../../../../tests/fixtures/brreg/roller_928471632_sife.json");

fn roles_found(number: &str) -> crate::registry::RolesLookup {
    crate::registry::RolesLookup::answer(number, crate::registry::interpret_roles(200, ROLES), None)
}

#[test]
fn the_registers_signers_are_offered_on_a_signatorys_name_once_the_roles_are_known() {
    let mut s = session("idura-no-bankid");
    s.set_answer("company.country", Answer::Text("NO".into()));
    // No number yet: nothing to look up, nothing offered.
    assert!(s.roles_to_look_up().is_empty());
    s.set_answer("company.orgnr", Answer::Text("928471632".into()));
    assert_eq!(s.roles_to_look_up(), ["928471632"]);
    // Handed out once.
    assert!(s.roles_to_look_up().is_empty());
    assert!(s.is_looking_up());
    s.add_entry("contacts.signatory");
    let name = row(&s, "contacts.signatory[1].name");
    let email = row(&s, "contacts.signatory[1].email");
    assert!(is_signatory_name(&name) && !is_signatory_name(&email));
    assert_eq!(s.name_choices(&name), None);
    assert_eq!(s.signing_rule(), None);

    s.roles_looked_up(roles_found("928471632"));
    assert!(!s.is_looking_up());
    let offered: Vec<String> = s
        .name_choices(&name)
        .expect("choices")
        .into_iter()
        .map(|c| c.shown())
        .collect();
    assert_eq!(
        offered,
        [
            "Signatur i fellesskap (Åse Bråten)",
            "Signatur i fellesskap (Trygve Johan Ødegård)",
            "Prokura hver for seg (Kari Solvang)",
        ]
    );
    assert_eq!(s.name_choices(&email), None);
    assert_eq!(
        s.signing_rule().unwrap().en,
        "As the register tells: Each alone: Kari Solvang (Prokura hver for seg). Jointly, at least \
         two of: Åse Bråten (Signatur i fellesskap), Trygve Johan Ødegård (Signatur i fellesskap)."
    );
    // Offers only: nothing was written.
    assert!(crate::signatory::parts(s.answers()).is_empty());
    // The checklist reads the same roles.
    s.pick(&name, "Kari Solvang".into());
    s.recheck();
    assert_eq!(
        crate::signatory::parts(s.answers())[0]
            .get("name")
            .map(String::as_str),
        Some("Kari Solvang")
    );
    let item = s
        .checklist()
        .iter()
        .find(|i| i.id == "signing_authority")
        .unwrap();
    assert_eq!(item.state, prereq::State::Met, "{:?}", item.reason);
    // Another number: the choices go until its roles are known.
    s.set_answer("company.orgnr", Answer::Text("984851006".into()));
    assert_eq!(s.name_choices(&name), None);
    assert_eq!(s.roles_to_look_up(), ["984851006"]);
}

fn set_texts(s: &mut Session, pairs: &[(&str, &str)]) {
    for (id, value) in pairs {
        s.set_answer(*id, Answer::Text(value.to_string()));
    }
}

fn proposed(s: &Session, id: &str) -> Option<String> {
    s.proposal(&row(s, id)).map(|p| p.value)
}

#[test]
fn an_email_address_is_proposed_in_the_pattern_of_a_colleague_s_once_the_name_is_known() {
    let mut s = session("idura-no-bankid");
    assert_eq!(proposed(&s, "contacts.credentials.email"), None);
    set_texts(
        &mut s,
        &[
            ("contacts.general.name", "Kari Nordmann"),
            ("contacts.general.email", "k.nordmann@fjordlys.no"),
        ],
    );
    // No name yet: nothing to propose.
    assert_eq!(proposed(&s, "contacts.credentials.email"), None);
    set_texts(
        &mut s,
        &[("contacts.credentials.name", "Øyvind Johan Lærum")],
    );
    assert_eq!(
        proposed(&s, "contacts.credentials.email").as_deref(),
        Some("o.laerum@fjordlys.no")
    );
    let proposal = s.proposal(&row(&s, "contacts.credentials.email")).unwrap();
    assert_eq!(
        proposal.basis,
        Basis::EmailLike {
            example: "k.nordmann@fjordlys.no".into()
        }
    );
    // Proposed, never written; once answered, no longer proposed.
    assert_eq!(s.answers().text("contacts.credentials.email"), None);
    set_texts(
        &mut s,
        &[("contacts.credentials.email", "lerum@elsewhere.no")],
    );
    assert_eq!(proposed(&s, "contacts.credentials.email"), None);
    // An entry of a repeated contact is proposed for too.
    s.add_entry("contacts.signatory");
    let record: Record = [("name".to_string(), "Åse Bråten".to_string())].into();
    s.set_answer("contacts.signatory", Answer::Records(vec![record]));
    assert_eq!(
        proposed(&s, "contacts.signatory[1].email").as_deref(),
        Some("a.braten@fjordlys.no")
    );
}

#[test]
fn a_partner_s_address_is_never_the_model_for_the_company_s_people() {
    let mut s = session("bankid-oidc");
    set_texts(
        &mut s,
        &[
            ("partner.name", "Per Partner"),
            ("partner.email", "per.partner@nordsignering.no"),
            ("contacts.technical.name", "Kari Nordmann"),
        ],
    );
    assert_eq!(proposed(&s, "contacts.technical.email"), None);
    set_texts(
        &mut s,
        &[
            ("contacts.commercial.name", "Ola Hansen"),
            ("contacts.commercial.email", "ola.hansen@fjordlys.no"),
        ],
    );
    assert_eq!(
        proposed(&s, "contacts.technical.email").as_deref(),
        Some("kari.nordmann@fjordlys.no")
    );
    // "Same as" for one of ours lists ours first, the partner last.
    let sources = s.same_as_sources("contacts.signatory", Lang::En);
    let fields: Vec<&str> = sources.iter().map(|s| s.field.as_str()).collect();
    assert_eq!(fields.last(), Some(&"partner"), "{fields:?}");
    assert!(!sources[0].other_party);
}

#[test]
fn the_display_name_and_the_production_domain_are_proposed_from_the_company() {
    let mut s = session("idura-no-bankid");
    assert_eq!(proposed(&s, "service.display_name"), None);
    assert_eq!(proposed(&s, "service.production_domain"), None);
    set_texts(
        &mut s,
        &[
            ("company.name", "SOLGLØTT EIENDOMSMEGLING AS"),
            ("contacts.general.name", "Kari Nordmann"),
            ("contacts.general.email", "kari@Solglott-Eiendom.no"),
        ],
    );
    assert_eq!(
        proposed(&s, "service.display_name").as_deref(),
        Some("Solgløtt Eiendomsmegling")
    );
    assert_eq!(
        proposed(&s, "service.production_domain").as_deref(),
        Some("https://login.solglott-eiendom.no")
    );
    // The line-by-line wizard gets the same proposal for its question.
    let question = rows::questions(s.spec(), s.answers())
        .into_iter()
        .find(|q| q.id(s.spec()) == "service.display_name")
        .unwrap();
    assert_eq!(
        s.proposal_for(question).map(|p| p.value).as_deref(),
        Some("Solgløtt Eiendomsmegling")
    );
}

#[test]
fn answer_ids_are_named_by_their_question_labels() {
    let mut s = session("idura-no-bankid");
    assert_eq!(s.label_of("company.name", Lang::En), "Company name");
    assert_eq!(
        s.label_of("company.address.street", Lang::En),
        "Business address — Street address"
    );
    s.add_entry("contacts.signatory");
    assert_eq!(
        s.label_of("contacts.signatory[1].name", Lang::En),
        "Signatory 1 — Name"
    );
    // A field no row shows now (it depends on another answer) still has its label.
    let hidden = "attachments.company_certificate";
    assert!(!s.questions().iter().any(|q| q.id(s.spec()) == hidden));
    assert_ne!(s.label_of(hidden, Lang::En), hidden);
    assert_eq!(s.label_of("no.such.field", Lang::En), "no.such.field");
}

#[test]
fn another_contact_s_name_offers_everyone_the_register_lists_in_a_role() {
    let mut s = session("idura-no-bankid");
    s.set_answer("company.country", Answer::Text("NO".into()));
    s.set_answer("company.orgnr", Answer::Text("928471632".into()));
    let general = row(&s, "contacts.general.name");
    assert_eq!(
        s.name_choices(&general),
        None,
        "not before the roles are known"
    );
    s.roles_looked_up(roles_found("928471632"));
    let offered: Vec<String> = s
        .name_choices(&general)
        .expect("choices")
        .into_iter()
        .map(|c| c.shown())
        .collect();
    // Each person once, with the first role the register lists for them.
    assert_eq!(
        offered,
        [
            "Daglig leder/ adm.direktør (Åse Bråten)",
            "Styrets leder (Trygve Johan Ødegård)",
            "Prokura hver for seg (Kari Solvang)",
        ]
    );
    assert_eq!(s.name_choices(&row(&s, "contacts.general.email")), None);
    // The line-by-line wizard asks the same of its question.
    let question = rows::questions(s.spec(), s.answers())
        .into_iter()
        .find(|q| q.id(s.spec()) == "contacts.general.name")
        .unwrap();
    let names: Vec<String> = s
        .question_name_choices(question)
        .into_iter()
        .map(|c| c.value)
        .collect();
    assert_eq!(
        names,
        ["Åse Bråten", "Trygve Johan Ødegård", "Kari Solvang"]
    );
}
