//! "Same as" in the full-screen wizard: only contacts with a name are offered, the company's own
//! people before another party's (a BankID partner, never the default for one of ours), and one
//! copy can fill several unnamed roles at once.

mod common;
mod tui_common;

use crossterm::event::KeyCode;
use eid_onboard::text::Lang;
use tui_common::Harness;

fn focus(h: &mut Harness, id: &str) {
    for _ in 0..120 {
        if h.focused_id().as_deref() == Some(id) {
            return;
        }
        h.key(KeyCode::Tab);
    }
    panic!("never reached {id}");
}

fn type_into(h: &mut Harness, id: &str, text: &str) {
    focus(h, id);
    h.text(text);
}

#[test]
fn one_copy_fills_the_marked_unnamed_roles_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 80, 24, Lang::En);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    type_into(&mut h, "contacts.general.name", "Kari Nordmann");
    type_into(&mut h, "contacts.general.mobile", "91234567");
    type_into(
        &mut h,
        "contacts.general.email",
        "kari.nordmann@fjordlys.no",
    );
    focus(&mut h, "contacts.credentials.name");
    h.ctrl('o');
    let screen = h.screen();
    assert!(
        screen.contains("▸ General contact (Kari Nordmann)"),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    let screen = h.screen();
    assert!(
        screen.contains("These roles without a name too, with General contact (Kari Nordmann)?"),
        "{screen}"
    );
    assert!(screen.contains("[ ] Contact for blocking"), "{screen}");
    assert!(screen.contains("Space mark"), "{screen}");
    let answers = h.wizard().session.answers();
    assert_eq!(
        answers.text("contacts.credentials.name"),
        Some("Kari Nordmann")
    );
    assert_eq!(
        answers.text("contacts.revocation.name"),
        None,
        "only when marked"
    );
    h.key(KeyCode::Char(' '));
    assert!(h.screen().contains("[x] Contact for blocking"));
    h.key(KeyCode::Enter);
    let answers = h.wizard().session.answers();
    assert_eq!(
        answers.text("contacts.revocation.name"),
        Some("Kari Nordmann")
    );
    assert_eq!(
        answers.text("contacts.revocation.email"),
        Some("kari.nordmann@fjordlys.no")
    );
    let screen = h.screen();
    assert!(
        screen.contains("Copied General contact (Kari Nordmann) to Contact for blocking."),
        "{screen}"
    );
}

#[test]
fn esc_on_the_second_question_fills_only_the_first_role() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 80, 24, Lang::En);
    h.app.start_new("idura-no-bankid", Some("acme")).unwrap();
    type_into(&mut h, "contacts.general.name", "Kari Nordmann");
    focus(&mut h, "contacts.credentials.name");
    h.ctrl('o')
        .key(KeyCode::Enter)
        .key(KeyCode::Char(' '))
        .key(KeyCode::Esc);
    let answers = h.wizard().session.answers();
    assert_eq!(
        answers.text("contacts.credentials.name"),
        Some("Kari Nordmann")
    );
    assert_eq!(answers.text("contacts.revocation.name"), None);
}

#[test]
fn a_partner_is_offered_last_and_never_chosen_for_one_of_the_company_s_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 80, 24, Lang::En);
    h.app.start_new("bankid-oidc", Some("acme")).unwrap();
    type_into(&mut h, "partner.name", "Per Partner");
    type_into(&mut h, "partner.email", "per@nordsignering.no");
    focus(&mut h, "contacts.technical.name");
    h.ctrl('o');
    let screen = h.screen();
    assert!(screen.contains("(Per Partner)"), "{screen}");
    assert!(
        !screen.contains("▸ The BankID partner"),
        "nothing chosen at first:\n{screen}"
    );
    // Enter with nothing chosen copies nothing and keeps the list open.
    h.key(KeyCode::Enter);
    assert_eq!(
        h.wizard().session.answers().text("contacts.technical.name"),
        None
    );
    assert!(h.screen().contains("(Per Partner)"));
    // Chosen on purpose, it is copied.
    h.key(KeyCode::Down).key(KeyCode::Enter);
    assert_eq!(
        h.wizard().session.answers().text("contacts.technical.name"),
        Some("Per Partner")
    );
}
