//! The reducer on its own: a state built in memory, actions in, state and effects out. No app
//! loop, no terminal, no draft store, no registry.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::update;
use crate::answers::Answers;
use crate::draft::{Draft, DraftName};
use crate::form::catalog;
use crate::order::Order;
use crate::registry::{Lookup, interpret};
use crate::session::Session;
use crate::text::Lang;
use crate::tui::action::{Action, Command, Effect};
use crate::tui::select::focused_row;
use crate::tui::state::{Popup, Screen, State, Wizard};
use crate::tui::theme::Theme;

const DIGDIR: &str = include_str!("../../../tests/fixtures/brreg/enhet_991825827_digdir.json");

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 20)
}

fn new_state() -> State {
    State::new(
        Lang::En,
        Theme { color: false },
        std::path::PathBuf::from("/"),
        today(),
    )
}

fn wizard(form: &str) -> Box<Wizard> {
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().unwrap();
    let order = Order {
        name: DraftName::parse("acme").unwrap(),
        draft: Draft::new(form, now),
        spec: catalog::find(form).unwrap().unwrap(),
        answers: Answers::new(),
    };
    Box::new(Wizard::new(Session::new(order, today())))
}

/// A state with a new Idura draft open (checked at once).
fn opened() -> (State, Vec<Effect>) {
    let mut state = new_state();
    let effects = update(
        &mut state,
        Action::Opened {
            wizard: wizard("idura-no-bankid"),
            check_now: true,
        },
    );
    (state, effects)
}

fn open_wizard(state: &State) -> &Wizard {
    match &state.screen {
        Screen::Wizard(wizard) => wizard,
        Screen::Home(_) => panic!("no wizard open"),
    }
}

fn command(state: &mut State, command: Command) -> Vec<Effect> {
    update(state, Action::Command(command))
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert!(
            update(state, Action::Edit(key)).is_empty(),
            "typing has no effect"
        );
    }
}

/// Tab until the focused row is `id`.
fn focus(state: &mut State, id: &str) {
    for _ in 0..60 {
        let wizard = open_wizard(state);
        if focused_row(wizard, state.lang).is_some_and(|r| r.id == id) {
            return;
        }
        command(state, Command::NextField);
    }
    panic!("never reached {id}");
}

#[test]
fn opening_checks_at_once_or_waits_for_recheck() {
    let (state, effects) = opened();
    assert!(
        matches!(effects.as_slice(), [Effect::LoadBanks]),
        "{effects:?}"
    );
    assert!(!open_wizard(&state).session.problems().is_empty());

    let mut later = new_state();
    let effects = update(
        &mut later,
        Action::Opened {
            wizard: wizard("idura-no-bankid"),
            check_now: false,
        },
    );
    assert!(effects.is_empty());
    assert!(
        open_wizard(&later).session.problems().is_empty(),
        "not yet checked"
    );
    let effects = update(&mut later, Action::Recheck);
    assert!(matches!(effects.as_slice(), [Effect::LoadBanks]));
    assert!(!open_wizard(&later).session.problems().is_empty());
}

#[test]
fn typed_text_is_kept_live_committed_on_leaving_and_its_number_looked_up() {
    let (mut state, _) = opened();
    focus(&mut state, "company.orgnr");
    type_text(&mut state, "991 825 827");
    let answers = open_wizard(&state).session.answers();
    assert_eq!(answers.text("company.orgnr"), Some("991 825 827"));

    let effects = command(&mut state, Command::NextField);
    let wizard = open_wizard(&state);
    assert_eq!(
        wizard.session.answers().text("company.orgnr"),
        Some("991825827"),
        "normalised when left"
    );
    assert!(wizard.touched.contains("company.orgnr"));
    assert!(
        matches!(effects.first(), Some(Effect::SaveDraft)),
        "{effects:?}"
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LookUp(n) if n == "991825827")),
        "{effects:?}"
    );
    // Asked once: moving on does not ask again while the answer is on its way.
    let effects = command(&mut state, Command::NextField);
    assert!(!effects.iter().any(|e| matches!(e, Effect::LookUp(_))));
}

#[test]
fn a_lookup_fills_empty_fields_and_asks_before_replacing_typed_text() {
    let (mut state, _) = opened();
    focus(&mut state, "company.name");
    type_text(&mut state, "Digdir");
    focus(&mut state, "company.orgnr");
    type_text(&mut state, "991825827");
    command(&mut state, Command::NextField);
    let lookup = Lookup {
        orgnr: "991825827".into(),
        outcome: interpret("991825827", 200, DIGDIR),
        fetched: None,
        from_cache: None,
    };
    let effects = update(&mut state, Action::LookedUp(Box::new(lookup)));
    assert!(
        matches!(effects.as_slice(), [Effect::SaveDraft]),
        "{effects:?}"
    );
    let status = state.status.clone().expect("a status line");
    // Named as the questions are labelled, never by their ids.
    assert!(
        status.text.contains("Business address — Street address"),
        "{status:?}"
    );
    assert!(!status.text.contains("company."), "{status:?}");
    let Some(Popup::Replace(replace)) = &state.popup else {
        panic!("the typed name is not replaced without asking");
    };
    assert_eq!(replace.prefills[0].field, "company.name");
    let effects = command(&mut state, Command::Confirm);
    assert!(matches!(effects.as_slice(), [Effect::SaveDraft]));
    assert_eq!(
        open_wizard(&state).session.answers().text("company.name"),
        Some("DIGITALISERINGSDIREKTORATET")
    );
}

#[test]
fn a_save_reports_back_and_only_then_the_draft_is_clean() {
    let (mut state, _) = opened();
    focus(&mut state, "company.name");
    type_text(&mut state, "Acme AS");
    let effects = command(&mut state, Command::Save);
    assert!(matches!(effects.as_slice(), [Effect::SaveDraft]));
    assert!(
        open_wizard(&state).session.is_dirty(),
        "not saved until it says so"
    );
    let at: jiff::Timestamp = "2026-11-20T09:00:00Z".parse().unwrap();
    let draft = open_wizard(&state).session.draft_to_save(None, at);
    update(
        &mut state,
        Action::Saved {
            draft: Box::new(draft),
            at,
        },
    );
    let wizard = open_wizard(&state);
    assert!(!wizard.session.is_dirty());
    assert_eq!(wizard.saved_at, Some(at));
}

#[test]
fn quitting_keeps_the_typed_text_and_waits_for_nothing_but_the_save() {
    let (mut state, _) = opened();
    focus(&mut state, "company.name");
    type_text(&mut state, "Acme");
    let effects = command(&mut state, Command::SaveAndQuit);
    assert!(state.quit);
    assert!(matches!(
        effects.as_slice(),
        [Effect::SaveDraft, Effect::ReleaseDraft]
    ));
    assert_eq!(
        open_wizard(&state).session.answers().text("company.name"),
        Some("Acme")
    );
}

#[test]
fn an_order_with_errors_is_not_bundled_and_the_status_says_why() {
    let (mut state, _) = opened();
    command(&mut state, Command::CreateBundle);
    assert!(state.popup.is_none());
    let status = state.status.clone().expect("a status line");
    assert!(status.is_error);
    assert!(status.text.contains("error"), "{status:?}");
}

#[test]
fn help_over_a_dialog_keeps_the_dialog() {
    let (mut state, _) = opened();
    focus(&mut state, "bank.name");
    command(&mut state, Command::Activate);
    assert!(matches!(state.popup, Some(Popup::Picker(_))));
    command(&mut state, Command::ToggleHelp);
    assert!(matches!(state.popup, Some(Popup::Help(_))));
    command(&mut state, Command::ToggleHelp);
    assert!(
        matches!(state.popup, Some(Popup::Picker(_))),
        "the list is back"
    );
}

#[test]
fn a_multi_select_that_allows_values_of_ones_own_takes_a_typed_one() {
    let mut state = new_state();
    update(
        &mut state,
        Action::Opened {
            wizard: wizard("bankid-oidc"),
            check_now: false,
        },
    );
    // Where the list takes no values of one's own, a typed value that matches nothing is not kept.
    focus(&mut state, "client.flows");
    command(&mut state, Command::Activate);
    type_text(&mut state, "implicit");
    command(&mut state, Command::Toggle);
    command(&mut state, Command::Confirm);
    assert!(!matches!(
        open_wizard(&state).session.answers().get("client.flows"),
        Some(crate::answers::Answer::List(items)) if items.iter().any(|i| i == "implicit")
    ));
    assert!(state.popup.is_none(), "the list closed");
    focus(&mut state, "client.scopes");
    command(&mut state, Command::Activate);
    assert!(matches!(state.popup, Some(Popup::Picker(_))));
    type_text(&mut state, "openid");
    command(&mut state, Command::Toggle);
    for _ in 0.."openid".len() {
        let key = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
        update(&mut state, Action::Edit(key));
    }
    // A value no choice matches: Space adds it, marked.
    type_text(&mut state, "permissions/read");
    command(&mut state, Command::Toggle);
    command(&mut state, Command::Confirm);
    assert!(state.popup.is_none(), "the list closed");
    let scopes = || match open_wizard(&state).session.answers().get("client.scopes") {
        Some(crate::answers::Answer::List(items)) => items.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(scopes(), ["openid", "permissions/read"]);
    // Opened again, the typed value is listed and stays marked; Enter on a new typed value adds it.
    command(&mut state, Command::Activate);
    type_text(&mut state, "permissions/write");
    command(&mut state, Command::Confirm);
    assert!(state.popup.is_none());
    assert_eq!(
        match open_wizard(&state).session.answers().get("client.scopes") {
            Some(crate::answers::Answer::List(items)) => items.clone(),
            other => panic!("{other:?}"),
        },
        ["openid", "permissions/read", "permissions/write"]
    );
}

#[test]
fn an_order_that_cannot_be_emailed_shows_why_and_closes_with_enter() {
    let (mut state, _) = opened();
    let why = "Not sent: this order is an access request for the desk, which takes no email.";
    let effects = update(&mut state, Action::NotSendable(why.into()));
    assert!(effects.is_empty(), "nothing is sent or written");
    let Some(Popup::Info(info)) = &state.popup else {
        panic!("a dialog")
    };
    assert_eq!(info.title, "Not sent");
    assert_eq!(info.lines, [why]);
    assert!(state.status.as_ref().is_some_and(|s| s.is_error));
    command(&mut state, Command::Cancel);
    assert!(state.popup.is_none());
}

fn editor_text(state: &State) -> String {
    open_wizard(state)
        .editor
        .as_ref()
        .map(|e| e.text())
        .unwrap_or_default()
}

#[test]
fn ctrl_u_clears_a_text_field_and_ctrl_z_brings_the_text_back() {
    let (mut state, _) = opened();
    focus(&mut state, "company.name");
    type_text(&mut state, "Acme AS");
    // The keys as the keymap gives them on a text row.
    let context = crate::tui::update::context(&state);
    for (c, want) in [('u', Command::ClearField), ('z', Command::Undo)] {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert!(
            matches!(crate::tui::keymap::resolve(context, key), Some(Action::Command(got)) if got == want),
            "Ctrl-{c}"
        );
    }
    command(&mut state, Command::ClearField);
    assert_eq!(editor_text(&state), "");
    assert_eq!(
        open_wizard(&state).session.answers().text("company.name"),
        None
    );
    let status = state.status.clone().expect("the status says how to undo");
    assert!(status.text.contains("Ctrl-Z"), "{status:?}");
    command(&mut state, Command::Undo);
    assert_eq!(editor_text(&state), "Acme AS");
    assert_eq!(
        open_wizard(&state).session.answers().text("company.name"),
        Some("Acme AS")
    );
    // Further back: the textarea's own history of what was typed.
    command(&mut state, Command::Undo);
    assert_eq!(editor_text(&state), "Acme A");
}

#[test]
fn a_long_text_cleared_comes_back_whole() {
    let (mut state, _) = opened();
    focus(&mut state, "service.description");
    let long = "Utleieportal for boliger, der leietakere signerer. ".repeat(600);
    update(&mut state, Action::Paste(long.clone()));
    assert_eq!(editor_text(&state), long);
    command(&mut state, Command::ClearField);
    assert_eq!(editor_text(&state), "");
    type_text(&mut state, "x");
    command(&mut state, Command::Undo);
    assert_eq!(editor_text(&state), "", "the typing is taken back first");
    command(&mut state, Command::Undo);
    assert_eq!(editor_text(&state), long);
    assert_eq!(
        open_wizard(&state)
            .session
            .answers()
            .text("service.description"),
        Some(long.as_str())
    );
}

#[test]
fn ctrl_u_clears_a_yes_no_answer_at_once_and_ctrl_z_restores_it() {
    use crate::answers::Answer;
    let (mut state, _) = opened();
    focus(&mut state, "nnin.requested");
    command(&mut state, Command::SetYes);
    let effects = command(&mut state, Command::ClearField);
    assert!(
        matches!(effects.first(), Some(Effect::SaveDraft)),
        "{effects:?}"
    );
    assert_eq!(
        open_wizard(&state).session.answers().get("nnin.requested"),
        None
    );
    let effects = command(&mut state, Command::Undo);
    assert!(
        matches!(effects.first(), Some(Effect::SaveDraft)),
        "{effects:?}"
    );
    assert_eq!(
        open_wizard(&state).session.answers().get("nnin.requested"),
        Some(&Answer::Bool(true))
    );
    // Only once, and only on the row it was cleared on.
    command(&mut state, Command::SetNo);
    command(&mut state, Command::Undo);
    assert_eq!(
        open_wizard(&state).session.answers().get("nnin.requested"),
        Some(&Answer::Bool(false))
    );
}

#[test]
fn ctrl_d_on_an_entry_asks_first_naming_it() {
    let (mut state, _) = opened();
    focus(&mut state, "contacts.signatory");
    command(&mut state, Command::AddEntry);
    type_text(&mut state, "Kari Nordmann");
    let count = |state: &State| open_wizard(state).session.entry_count("contacts.signatory");
    assert_eq!(count(&state), 1);

    let effects = command(&mut state, Command::RemoveEntry);
    assert!(effects.is_empty(), "nothing removed yet: {effects:?}");
    let Some(Popup::RemoveEntry(remove)) = &state.popup else {
        panic!("Ctrl-D asks first");
    };
    assert!(remove.shown.contains("Kari Nordmann"), "{}", remove.shown);
    assert!(remove.shown.contains(" 1"), "{}", remove.shown);
    // Enter is no, as in every yes/no question: a key pressed too early removes nothing.
    let context = crate::tui::update::context(&state);
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    let Some(action) = crate::tui::keymap::resolve(context, enter) else {
        panic!("Enter does something");
    };
    update(&mut state, action);
    assert!(state.popup.is_none());
    assert_eq!(count(&state), 1);

    command(&mut state, Command::RemoveEntry);
    let effects = command(&mut state, Command::Confirm);
    assert!(state.popup.is_none());
    assert_eq!(count(&state), 0);
    assert!(
        matches!(effects.first(), Some(Effect::SaveDraft)),
        "{effects:?}"
    );
}

#[test]
fn one_path_that_fits_completes_in_place_several_are_offered() {
    let (mut state, _) = opened();
    focus(&mut state, "company.name");
    let row_id = "company.name".to_string();
    update(
        &mut state,
        Action::Completed {
            row_id: row_id.clone(),
            items: vec!["/home/kari/firmaattest.pdf".into()],
        },
    );
    assert!(state.popup.is_none(), "no list for one path");
    assert_eq!(editor_text(&state), "/home/kari/firmaattest.pdf");
    update(
        &mut state,
        Action::Completed {
            row_id,
            items: vec!["/a/one.pdf".into(), "/a/two.pdf".into()],
        },
    );
    assert!(matches!(state.popup, Some(Popup::Completions(_))));
}

#[test]
fn a_tilde_completes_from_the_home_folder() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("Documents")).unwrap();
    std::fs::write(home.path().join("Downloads.pdf"), b"%PDF").unwrap();
    let home_dir = home.path().display().to_string();
    let complete = |typed| crate::tui::app::complete_path_from(typed, Some(&home_dir));
    assert_eq!(
        complete("~/Doc"),
        [format!("{home_dir}/Documents/")],
        "written out, as the answer will hold it"
    );
    assert_eq!(
        complete("~"),
        [
            format!("{home_dir}/Documents/"),
            format!("{home_dir}/Downloads.pdf")
        ]
    );
    // A tilde inside a name is a letter.
    assert!(complete("a~/Doc").is_empty());
}
