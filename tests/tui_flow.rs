//! Whole wizard flows on ratatui's TestBackend, driven by key events.

mod common;
mod tui_common;

use crossterm::event::{KeyCode, KeyModifiers};
use eid_onboard::answers::Answer;
use eid_onboard::draft::{DraftName, DraftStore};
use eid_onboard::order::{self, Order};
use eid_onboard::prereq::State as ItemState;
use eid_onboard::text::Lang;
use eid_onboard::tui::state::Screen;
use tui_common::{Harness, clear_editor, fill, fixture};

fn new_order(dir: &std::path::Path, form: &str, name: &str) -> Harness {
    let mut h = Harness::new(dir, 80, 24, Lang::En);
    h.app.start_new(form, Some(name)).unwrap();
    h
}

#[test]
fn the_complete_idura_order_is_filled_from_an_empty_draft_and_reviews_clean() {
    let dir = tempfile::tempdir().unwrap();
    let wanted = fixture("idura-complete.toml");
    let mut h = new_order(dir.path(), "idura-no-bankid", "acme");
    fill(&mut h, &wanted);
    let wizard = h.wizard();
    assert!(
        wizard.session.problems().is_empty(),
        "{:#?}",
        wizard.session.problems()
    );
    assert!(
        wizard
            .session
            .checklist()
            .iter()
            .all(|i| i.state != ItemState::NotMet)
    );
    assert_eq!(
        wizard.session.progress().answered,
        wizard.session.progress().required
    );
    let screen = h.screen();
    assert!(screen.contains("Ready: nothing blocks."), "{screen}");

    // What was typed is on disk, normalised exactly as an import stores it.
    let store = DraftStore::open(dir.path()).unwrap();
    h.ctrl('q');
    assert!(h.app.should_quit());
    let saved = Order::open(&store, &DraftName::parse("acme").unwrap()).unwrap();
    let mut expected = wanted.clone();
    expected.remove("attachments.company_certificate");
    assert_eq!(saved.answers, expected);
}

/// Both OpenID Connect questionnaires, from an empty draft to a clean review: lists, multi-selects
/// (scopes, grant types), repeated addresses, numbers, a logo and a .bid file, and the questions
/// that appear as answers change (the legal basis once nnin_altsub is marked, the verification
/// tests once PROD is picked).
#[test]
fn the_bankid_oidc_and_idporten_orders_are_filled_in_the_wizard_and_review_clean() {
    for (form, file) in [
        ("bankid-oidc", "bankid-oidc-complete.toml"),
        // A pasted key set, a typed permissions/… scope and an SVG logo.
        ("bankid-oidc", "bankid-oidc-private-key-jwt.toml"),
        ("idporten-oidc", "idporten-oidc-complete.toml"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let wanted = fixture(file);
        let mut h = new_order(dir.path(), form, "client");
        fill(&mut h, &wanted);
        let wizard = h.wizard();
        assert!(
            wizard.session.problems().is_empty(),
            "{form}: {:#?}",
            wizard.session.problems()
        );
        assert!(
            wizard
                .session
                .checklist()
                .iter()
                .all(|i| i.state != ItemState::NotMet),
            "{form}"
        );
        assert_eq!(
            wizard.session.progress().answered,
            wizard.session.progress().required,
            "{form}"
        );
        let screen = h.screen();
        assert!(
            screen.contains("Ready: nothing blocks."),
            "{form}: {screen}"
        );

        let store = DraftStore::open(dir.path()).unwrap();
        h.ctrl('q');
        assert!(h.app.should_quit());
        let saved = Order::open(&store, &DraftName::parse("client").unwrap()).unwrap();
        assert_eq!(
            saved.answers, wanted,
            "{form}: what was typed is what import stores"
        );
    }
}

#[test]
fn an_error_appears_when_leaving_the_field_and_clears_when_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = new_order(dir.path(), "idura-no-bankid", "acme");
    h.key(KeyCode::PageDown)
        .key(KeyCode::PageDown)
        .key(KeyCode::PageDown);
    // The company step: name, country, org number.
    h.text("ACME AS").key(KeyCode::Tab).key(KeyCode::Tab);
    assert_eq!(h.focused_id().as_deref(), Some("company.orgnr"));
    h.text("123");
    assert!(
        !h.screen().contains("must have 9 digits"),
        "no error while typing"
    );
    h.key(KeyCode::Tab);
    assert!(h.screen().contains("must have 9 digits"));
    // Going back is never blocked; fix it.
    h.key_with(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(h.focused_id().as_deref(), Some("company.orgnr"));
    clear_editor(&mut h);
    h.text("928 471 632").key(KeyCode::Tab);
    let screen = h.screen();
    assert!(!screen.contains("must have 9 digits"), "{screen}");
    assert_eq!(
        h.wizard().session.answers().text("company.orgnr"),
        Some("928471632")
    );
}

#[test]
fn going_back_and_changing_an_answer_updates_it_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let wanted = fixture("idura-complete.toml");
    let mut h = new_order(dir.path(), "idura-no-bankid", "acme");
    fill(&mut h, &wanted);
    // Back from the review into the login step's display name.
    for _ in 0..40 {
        if h.focused_id().as_deref() == Some("service.display_name") {
            break;
        }
        h.key_with(KeyCode::BackTab, KeyModifiers::SHIFT);
    }
    assert_eq!(h.focused_id().as_deref(), Some("service.display_name"));
    clear_editor(&mut h);
    h.text("Solgløtt BankID");
    h.key(KeyCode::Tab);
    let screen = h.screen();
    assert!(screen.contains("BankID"), "{screen}");
    assert!(
        h.wizard()
            .session
            .problems()
            .iter()
            .any(|p| p.field == "service.display_name" && !p.is_error())
    );
}

#[test]
fn quitting_and_resuming_returns_to_the_same_field_with_the_text() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut h = new_order(dir.path(), "idura-no-bankid", "acme");
        h.key(KeyCode::PageDown).key(KeyCode::PageDown);
        h.text("Solgløtt is a portal\nwith two lines");
        h.key(KeyCode::PageDown)
            .text("SOLGLØTT AS")
            .key(KeyCode::Tab)
            .key(KeyCode::Tab)
            .text("9284");
        // Quit in the middle of typing: nothing is lost.
        h.ctrl('q');
        assert!(h.app.should_quit());
    }
    let mut h = Harness::new(dir.path(), 80, 24, Lang::En);
    h.app.start_edit("acme").unwrap();
    assert_eq!(h.focused_id().as_deref(), Some("company.orgnr"));
    let answers = h.wizard().session.answers();
    assert_eq!(
        answers.text("service.description"),
        Some("Solgløtt is a portal\nwith two lines")
    );
    assert_eq!(answers.text("company.name"), Some("SOLGLØTT AS"));
    assert_eq!(answers.text("company.orgnr"), Some("9284"));
    assert!(h.screen().contains("9284"));
}

#[test]
fn a_draft_open_in_the_wizard_is_locked_for_others() {
    let dir = tempfile::tempdir().unwrap();
    let _h = new_order(dir.path(), "idura-no-bankid", "acme");
    let mut other = Harness::new(dir.path(), 80, 24, Lang::En);
    let error = other.app.start_edit("acme").unwrap_err().to_string();
    assert!(
        error.contains("open in another eid-onboard process"),
        "{error}"
    );
}

#[test]
fn conditional_fields_appear_and_disappear_as_answers_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = new_order(dir.path(), "idura-no-bankid", "acme");
    for _ in 0..8 {
        h.key(KeyCode::PageDown);
    }
    assert_eq!(h.focused_id().as_deref(), Some("nnin.requested"));
    let label = "Legal basis (law and section)";
    assert!(!h.screen().contains(label));
    h.key(KeyCode::Char('y'));
    let screen = h.screen();
    assert!(screen.contains(label), "{screen}");
    h.key(KeyCode::Char('n'));
    let screen = h.screen();
    assert!(!screen.contains(label), "{screen}");
    // A Norwegian company is not asked for a certificate: the step says so.
    h.key(KeyCode::PageDown);
    assert!(h.screen().contains("Nothing to answer"), "{}", h.screen());
}

#[test]
fn picking_a_bank_fills_its_org_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = new_order(dir.path(), "idura-no-bankid", "acme");
    for _ in 0..5 {
        h.key(KeyCode::PageDown);
    }
    assert_eq!(h.focused_id().as_deref(), Some("bank.name"));
    // Typing on a select opens its list filtered by what was typed.
    h.text("smn");
    assert!(h.screen().contains("SPAREBANK 1 SMN"));
    h.key(KeyCode::Enter);
    assert_eq!(
        h.wizard().session.answers().text("bank.name"),
        Some("SPAREBANK 1 SMN")
    );
    assert_eq!(
        h.wizard().session.answers().text("bank.orgnr"),
        Some("937901003")
    );
    assert!(h.screen().contains("Filled in the organisation number"));
}

#[test]
fn same_as_copies_another_contact_role() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = new_order(dir.path(), "idura-no-bankid", "acme");
    for _ in 0..4 {
        h.key(KeyCode::PageDown);
    }
    assert_eq!(h.focused_id().as_deref(), Some("contacts.general.name"));
    h.text("Kjærsti Østgård")
        .key(KeyCode::Tab)
        .text("91234567")
        .key(KeyCode::Tab)
        .text("kjaersti@solglott-eiendom.no");
    h.key(KeyCode::Tab);
    // The signatories are a list: Enter on its add row starts entry 1.
    assert_eq!(h.focused_id().as_deref(), Some("contacts.signatory"));
    h.key(KeyCode::Enter);
    assert_eq!(
        h.focused_id().as_deref(),
        Some("contacts.signatory[1].name")
    );
    h.ctrl('o');
    assert!(h.screen().contains("Same as"));
    h.key(KeyCode::Enter);
    // Then it asks which unnamed roles the person fills too: Esc, only this one.
    assert!(h.screen().contains("These roles without a name too"));
    h.key(KeyCode::Esc);
    let signatories = |h: &Harness| match h.wizard().session.answers().get("contacts.signatory") {
        Some(Answer::Records(records)) => records.clone(),
        other => panic!("signatories: {other:?}"),
    };
    let records = signatories(&h);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["name"], "Kjærsti Østgård");
    assert_eq!(records[0]["mobile"], "+4791234567");
    assert_eq!(records[0]["email"], "kjaersti@solglott-eiendom.no");
    // A contact role can be the same as a signatory: the entry is offered as a source.
    for _ in 0..40 {
        if h.focused_id().as_deref() == Some("contacts.credentials.name") {
            break;
        }
        h.key(KeyCode::Tab);
    }
    assert_eq!(h.focused_id().as_deref(), Some("contacts.credentials.name"));
    h.ctrl('o');
    assert!(h.screen().contains("Signatory 1 (Kjærsti Østgård)"));
}

#[test]
fn repeated_entries_are_added_removed_and_reordered() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = new_order(dir.path(), "criipto-no-bankid", "old");
    for _ in 0..40 {
        if h.focused_id().as_deref() == Some("contacts.operations") {
            break;
        }
        h.key(KeyCode::Tab);
    }
    assert_eq!(h.focused_id().as_deref(), Some("contacts.operations"));
    h.key(KeyCode::Enter);
    assert_eq!(
        h.focused_id().as_deref(),
        Some("contacts.operations[1].name")
    );
    h.text("Ola Drift")
        .key(KeyCode::Tab)
        .text("ola@bolgenhelse.no")
        .key(KeyCode::Tab);
    h.key(KeyCode::Enter)
        .text("Kari Vakt")
        .key(KeyCode::Tab)
        .text("kari@bolgenhelse.no");
    let records = |h: &Harness| match h.wizard().session.answers().get("contacts.operations") {
        Some(Answer::Records(r)) => r.iter().map(|r| r["name"].clone()).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(records(&h), ["Ola Drift", "Kari Vakt"]);
    h.key_with(KeyCode::Up, KeyModifiers::ALT);
    assert_eq!(records(&h), ["Kari Vakt", "Ola Drift"]);
    assert_eq!(
        h.focused_id().as_deref(),
        Some("contacts.operations[1].email")
    );
    // Ctrl-D asks first, naming the entry; n keeps it, y removes it.
    h.ctrl('d');
    let screen = h.screen();
    assert!(
        screen.contains("Remove Contacts for operational notices 1 (Kari Vakt,"),
        "{screen}"
    );
    h.key(KeyCode::Char('n'));
    assert_eq!(records(&h), ["Kari Vakt", "Ola Drift"]);
    h.ctrl('d').key(KeyCode::Char('y'));
    assert_eq!(records(&h), ["Ola Drift"]);
    assert!(h.screen().contains("Add an entry"));
}

#[test]
fn a_multiline_paste_stays_whole_and_a_single_line_paste_loses_its_newlines() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = new_order(dir.path(), "idura-no-bankid", "acme");
    h.key(KeyCode::PageDown).key(KeyCode::PageDown);
    h.paste("First line\nSecond line\r\nThird line");
    assert_eq!(
        h.wizard().session.answers().text("service.description"),
        Some("First line\nSecond line\nThird line")
    );
    h.key(KeyCode::PageDown);
    h.paste("SOLGLØTT\nEIENDOM AS");
    assert_eq!(
        h.wizard().session.answers().text("company.name"),
        Some("SOLGLØTT EIENDOM AS")
    );
}

#[test]
fn escape_sequences_in_answers_are_never_drawn_or_typed() {
    let dir = tempfile::tempdir().unwrap();
    let ws = common::Workspace::new();
    let file = ws.variant(
        "idura-complete.toml",
        "evil",
        "company.name",
        common::s("ACME\u{1b}[2J\u{1b}]0;pwned\u{7} AS"),
    );
    let store = DraftStore::open(dir.path()).unwrap();
    order::import(
        &store,
        &file,
        Some("evil"),
        "2026-11-21T10:00:00Z".parse().unwrap(),
    )
    .unwrap();
    let mut h = Harness::new(dir.path(), 80, 24, Lang::En);
    h.app.start_edit("evil").unwrap();
    h.key(KeyCode::PageDown)
        .key(KeyCode::PageDown)
        .key(KeyCode::PageDown);
    let screen = h.screen();
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{7}'),
        "{screen:?}"
    );
    assert!(screen.contains("ACME AS"), "{screen}");
    // Typed control characters are dropped too.
    h.key(KeyCode::Char('\u{1b}')).key(KeyCode::Char('x'));
    let name = h
        .wizard()
        .session
        .answers()
        .text("company.name")
        .unwrap()
        .to_string();
    assert!(!name.contains('\u{1b}'), "{name:?}");
    let buffer = h.app.terminal.backend().buffer().clone();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| !c.symbol().chars().any(|ch| ch.is_control()))
    );
}

#[test]
fn a_tiny_terminal_shows_the_size_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 20, 6, Lang::En);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    let screen = h.screen().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(screen.contains("too small: 20×6"), "{screen}");
    h.key(KeyCode::Tab).text("still typing");
    h.resize(80, 24);
    assert!(h.screen().contains("Before you start"));
}

#[test]
fn the_home_screen_starts_opens_and_deletes_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 80, 24, Lang::En);
    h.app.start_home();
    assert!(h.screen().contains("No drafts yet"));
    h.key(KeyCode::Char('n'));
    assert!(h.screen().contains("Pick the questionnaire"));
    h.key(KeyCode::Down).key(KeyCode::Enter);
    // The suggested name is replaced by ours.
    for _ in 0..30 {
        h.key(KeyCode::Backspace);
    }
    h.text("bad name").key(KeyCode::Enter);
    assert!(h.screen().contains("invalid draft name"));
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.text("old-order").key(KeyCode::Enter);
    assert_eq!(h.wizard().spec().id, "criipto-no-bankid");
    // Esc saves and goes back to the drafts.
    h.key(KeyCode::Esc);
    let screen = h.screen();
    assert!(
        screen.contains("old-order") && screen.contains("criipto-no-bankid"),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    assert_eq!(h.wizard().session.name().as_str(), "old-order");
    h.key(KeyCode::Esc).key(KeyCode::Char('d'));
    assert!(h.screen().contains("Delete draft old-order?"));
    h.key(KeyCode::Char('n'));
    assert!(h.screen().contains("old-order"));
    h.key(KeyCode::Char('d')).key(KeyCode::Char('y'));
    assert!(h.screen().contains("No drafts yet"));
    assert!(!dir.path().join("drafts/old-order.toml").exists());
}

#[test]
fn the_wizard_speaks_norwegian() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 80, 24, Lang::Nb);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    let screen = h.screen();
    assert!(
        screen.contains("Sjekkliste") && screen.contains("Steg 1 av 12"),
        "{screen}"
    );
    h.key(KeyCode::F(1));
    assert!(h.screen().contains("Hjelp"));
}

#[test]
fn a_file_path_is_completed_and_checked_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let ws = common::Workspace::new();
    let mut h = new_order(dir.path(), "idura-no-bankid", "acme");
    h.key(KeyCode::PageDown)
        .key(KeyCode::PageDown)
        .key(KeyCode::PageDown);
    h.key(KeyCode::Tab);
    assert_eq!(h.focused_id().as_deref(), Some("company.country"));
    clear_editor(&mut h);
    h.text("SE");
    for _ in 0..6 {
        h.key(KeyCode::PageDown);
    }
    assert_eq!(
        h.focused_id().as_deref(),
        Some("attachments.company_certificate")
    );
    let prefix = format!("{}/company-cert", ws.dir.path().display());
    // The one file that fits is put in at once, without a list to choose from.
    h.text(&prefix).ctrl('f');
    let expected = ws.path("company-certificate.pdf").display().to_string();
    assert!(!h.screen().contains("Completions"), "{}", h.screen());
    assert_eq!(
        h.wizard().editor.as_ref().map(|e| e.text()),
        Some(expected.clone())
    );
    h.key(KeyCode::Tab);
    assert_eq!(
        h.wizard()
            .session
            .answers()
            .text("attachments.company_certificate"),
        Some(expected.as_str())
    );
    assert!(
        !h.wizard()
            .session
            .problems()
            .iter()
            .any(|p| p.field == "attachments.company_certificate")
    );
    // Leaving a missing file shows the error at once.
    // Ctrl-U empties the field for a new path.
    h.key_with(KeyCode::BackTab, KeyModifiers::SHIFT);
    h.ctrl('u');
    // F1 lists the keys from the same keymap.
    h.key(KeyCode::F(1));
    let help = h.screen();
    assert!(help.contains("Ctrl-U") && help.contains("Ctrl-Z"), "{help}");
    h.key(KeyCode::F(1));
    assert_eq!(
        h.wizard().editor.as_ref().map(|e| e.text()),
        Some(String::new())
    );
    h.text("/nowhere/firmaattest.pdf").key(KeyCode::Tab);
    assert!(
        h.wizard()
            .session
            .problems()
            .iter()
            .any(|p| p.field == "attachments.company_certificate" && p.is_error())
    );
    let _ = Screen::Home;
}

#[test]
fn the_review_creates_the_bundle_where_the_user_says() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let wanted = fixture("idura-complete.toml");
    let mut h = new_order(dir.path(), "idura-no-bankid", "acme");
    fill(&mut h, &wanted);
    h.key(KeyCode::Char('b'));
    let screen = h.screen();
    assert!(
        screen.contains("Write the bundle into the folder"),
        "{screen}"
    );
    clear_editor(&mut h);
    h.text(&out.path().display().to_string())
        .key(KeyCode::Enter);
    let screen = h.screen();
    assert!(screen.contains("The bundle is ready"), "{screen}");
    let folder = out.path().join("acme-idura-no-bankid");
    assert!(folder.join("request.pdf").is_file());
    assert!(out.path().join("acme-idura-no-bankid.zip").is_file());
    // The draft records it, and a later save keeps the record.
    h.key(KeyCode::Enter).ctrl('s');
    let store = DraftStore::open(dir.path()).unwrap();
    let draft = store.load(&DraftName::parse("acme").unwrap()).unwrap();
    assert_eq!(draft.status, eid_onboard::draft::Status::Bundled);
    assert!(draft.bundle.is_some());
}

#[test]
fn an_incomplete_order_cannot_be_bundled_from_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = new_order(dir.path(), "idura-no-bankid", "acme");
    for _ in 0..20 {
        h.key(KeyCode::PageDown);
    }
    h.key(KeyCode::Char('b'));
    let screen = h.screen();
    assert!(screen.contains("The bundle cannot be made yet"), "{screen}");
    assert!(
        std::fs::read_dir(std::env::current_dir().unwrap())
            .unwrap()
            .all(|e| !e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("acme-"))
    );
}

#[test]
fn a_100_000_character_answer_is_edited_without_losing_a_byte() {
    let dir = tempfile::tempdir().unwrap();
    let ws = common::Workspace::new();
    let long: String = "Solgløtt er en meglerportal for kjøpere og selgere. "
        .repeat(2000)
        .chars()
        .take(100_000)
        .collect();
    let file = ws.variant(
        "idura-complete.toml",
        "long",
        "service.description",
        common::s(&long),
    );
    let store = DraftStore::open(dir.path()).unwrap();
    order::import(
        &store,
        &file,
        Some("long"),
        "2026-11-21T10:00:00Z".parse().unwrap(),
    )
    .unwrap();
    let mut h = Harness::new(dir.path(), 80, 24, Lang::En);
    h.app.start_edit("long").unwrap();
    h.key(KeyCode::PageDown).key(KeyCode::PageDown);
    assert_eq!(h.focused_id().as_deref(), Some("service.description"));
    h.text(" Slutt.");
    // Back to the very start, far past the editor's window, and type there too: each Home goes
    // to the start of what the editor holds, and the window follows.
    for _ in 0..60 {
        h.key(KeyCode::Home);
    }
    h.text("[*]");
    h.ctrl('q');
    let saved = Order::open(
        &DraftStore::open(dir.path()).unwrap(),
        &DraftName::parse("long").unwrap(),
    )
    .unwrap();
    let text = saved.answers.text("service.description").unwrap();
    assert!(text.ends_with(" Slutt."), "the end was typed");
    assert_eq!(
        text.chars().count(),
        100_000 + " Slutt.".chars().count() + 3
    );
    assert_eq!(
        text.replacen("[*]", "", 1).trim_end_matches(" Slutt."),
        long
    );
    assert!(text.starts_with("[*]Solgløtt"), "typed at the very start");
}

#[test]
fn typing_replaces_the_proposed_draft_name_and_editing_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 80, 24, Lang::En);
    h.app.start_home();
    // Typing at once replaces the proposal.
    h.key(KeyCode::Char('n')).key(KeyCode::Enter);
    assert!(h.screen().contains("type to replace the proposal"));
    h.text("acme").key(KeyCode::Enter);
    assert_eq!(h.wizard().session.name().as_str(), "acme");
    h.key(KeyCode::Esc);
    // An editing key first keeps it: End, then typing appends.
    h.key(KeyCode::Char('n')).key(KeyCode::Enter);
    let proposed = h.screen();
    h.key(KeyCode::End).text("-b").key(KeyCode::Enter);
    let name = h.wizard().session.name().to_string();
    assert!(name.ends_with("-b") && name.len() > 2, "{name}");
    assert!(proposed.contains(name.trim_end_matches("-b")), "{proposed}");
}

/// The steps list marks a step done when its required answers are given, defaults and
/// multi-select picks included, as the header's count has them; a step with nothing given is not.
#[test]
fn a_step_answered_by_its_defaults_shows_done_without_a_visit() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = new_order(dir.path(), "idporten-oidc", "defaults");
    let screen = h.screen();
    let marker = |screen: &str, title: &str| {
        screen
            .lines()
            .find_map(|line| {
                let at = line.find(title)?;
                line[..at].trim_end().chars().last()
            })
            .unwrap_or_else(|| panic!("no step {title}:\n{screen}"))
    };
    assert_eq!(marker(&screen, "Lifetimes"), '✓', "{screen}");
    assert_eq!(marker(&screen, "The organisation"), '·', "{screen}");
    assert_eq!(marker(&screen, "Scopes and"), '✓', "{screen}");
}

/// The wizard's send preview is what `send --dry-run` prints (the same core function): the
/// transport and where it was set, the headers, each attachment with its size and SHA-256, the
/// body. The body, wrapped already, is not wrapped again at 80 columns.
#[test]
fn the_send_preview_shows_what_send_dry_run_prints() {
    let ws = common::Workspace::new();
    let store = DraftStore::open(ws.data_dir()).unwrap();
    order::import(
        &store,
        &ws.path("idura-complete.toml"),
        Some("acme"),
        tui_common::fixed_now(),
    )
    .unwrap();
    let vars = [
        ("EID_ONBOARD_SMTP_URL", "smtp://127.0.0.1:9"),
        ("EID_ONBOARD_FROM", "Solgløtt IT <it@solglott-eiendom.no>"),
    ];
    // The command first: the wizard then holds the draft's lock.
    let mut cli = common::cli(&ws);
    for (name, value) in vars {
        cli.env(name, value);
    }
    let out = cli
        .args(["--offline", "send", "acme", "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let printed = common::stdout(&out);
    let (message, _dry_run) = printed
        .rsplit_once("\nDry run: nothing was sent.")
        .unwrap_or_else(|| panic!("{printed}"));
    let config = eid_onboard::mail::Config::load_from(None, |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    })
    .unwrap();
    let mut h = Harness::new(&ws.data_dir(), 80, 24, Lang::En);
    h.app.set_mail(Ok(config));
    h.app.start_edit("acme").unwrap();
    for _ in 0..20 {
        h.key(KeyCode::PageDown);
    }
    h.key(KeyCode::Char('s'));
    let Some(eid_onboard::tui::state::Popup::Preview(preview)) = &h.app.state.popup else {
        panic!("no preview:\n{}", h.screen());
    };
    let shown = preview.shown.clone();

    // The same text, but for what the registry and the domain check said (the command ran
    // offline, the wizard without either): the checklist part of the body, and so the message's
    // size, hash and Message-ID.
    let comparable = |text: &str| -> Vec<String> {
        text.lines()
            .take_while(|l| *l != "Prerequisites")
            .map(|l| match l.split_once("  SHA-256 ") {
                Some((file, _)) => format!("{} SHA-256", file.split("  ").nth(1).unwrap_or(file)),
                None if l.starts_with("Message-ID:") => "Message-ID:".into(),
                None if l.starts_with("Size:") => "Size:".into(),
                None => l.to_string(),
            })
            .collect()
    };
    assert_eq!(comparable(&shown), comparable(message));
    assert!(comparable(&shown).len() > 40, "{shown}");
    assert!(
        shown.starts_with("Transport: smtp://127.0.0.1:9 (environment EID_ONBOARD_SMTP_URL)"),
        "{shown}"
    );
    assert!(shown.contains("request.pdf"), "{shown}");
    assert!(shown.contains("SHA-256 "), "{shown}");

    // On the screen: the head as printed; every body line whole, on a line of its own.
    let screen = h.screen();
    assert!(screen.contains("Transport: smtp://127.0.0.1:9"), "{screen}");
    assert!(screen.contains("SHA-256"), "{screen}");
    let body = shown.split_once("\n\n").map(|(_, body)| body).unwrap();
    let longest = body
        .lines()
        .max_by_key(|l| l.chars().count())
        .unwrap()
        .trim_end();
    assert!(
        longest.chars().count() > 68,
        "a body line wider than before: {longest}"
    );
    for _ in 0..200 {
        if h.screen().contains(longest) {
            break;
        }
        h.key(KeyCode::Down);
    }
    let screen = h.screen();
    assert!(
        screen.contains(longest),
        "{longest:?} not whole on:\n{screen}"
    );
}
