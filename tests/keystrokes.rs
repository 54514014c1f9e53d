//! How much a user types for a complete order: the full-screen wizard on `TestBackend`, driven
//! with the keys a user would press (every key counted, moves included), for the Idura order of
//! `idura-typed.toml` with the register reachable on loopback. It prints the keys, the characters
//! of the final answers and their ratio, and what each way of answering cost and gave; it asserts
//! only that the order came out as wanted (the ratio is a benchmark figure, see the README).
//!
//! The typist answers each row the cheapest way the wizard offers it, as a user who knows the
//! wizard would: an answer already there (a default, the register's prefill) is kept; a proposal
//! that is the wanted answer is taken with its key; a signatory the register names is picked from
//! its list; a contact that is another role's is copied with "same as"; anything else is typed
//! (phone numbers without the `+47` the wizard assumes).

mod common;
mod tui_common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::brreg;
use common::http::Server;
use crossterm::event::{KeyCode, KeyModifiers};
use eid_onboard::answers::{Answer, Answers};
use eid_onboard::form::FieldKind;
use eid_onboard::registry::{Cache, Client, Registry};
use eid_onboard::text::Lang;
use eid_onboard::tui::rows::{self, Row, RowKind};
use eid_onboard::tui::state::{Popup, StepRef};
use eid_onboard::tui::update::focused_row;
use tui_common::{Harness, fixture, wanted_text};

/// How an answer (or a move) was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Way {
    /// Tab, Enter on an add row, the step moves: no answer of their own.
    Moving,
    /// Already there when the row was reached: a default, the register's prefill, a bank's number.
    AlreadyThere,
    /// Typed key by key.
    Typed,
    /// Picked from a list (a select, a multi-select, the register's signatories).
    Picked,
    /// A proposal taken with Enter (which also moves on).
    Proposal,
    /// Copied from another role ("same as").
    SameAs,
}

impl Way {
    fn name(self) -> &'static str {
        match self {
            Way::Moving => "moving",
            Way::AlreadyThere => "already there",
            Way::Typed => "typed",
            Way::Picked => "picked from a list",
            Way::Proposal => "proposal taken",
            Way::SameAs => "same as",
        }
    }
}

/// Keys pressed and answer characters gained, per way.
#[derive(Default)]
struct Tally {
    keys: BTreeMap<Way, usize>,
    chars: BTreeMap<Way, usize>,
    /// Per answer: the row, how it was given, its characters.
    rows: Vec<(String, Way, usize)>,
}

struct Typist {
    h: Harness,
    /// The order to type.
    wanted: Answers,
    tally: Tally,
    /// The way the keys pressed now are counted under.
    way: Way,
    /// Contacts "same as" filled before they were reached: their rows count no characters again.
    filled_ahead: Vec<String>,
    /// The ways of saving keys this typist uses (all of them, or one left out to see its worth).
    uses: Uses,
}

/// The ways of saving keys, each of which a run can leave out.
#[derive(Clone, Copy)]
struct Uses {
    /// Taking proposals (email addresses, the display name, the production domain).
    proposals: bool,
    /// "Same as" into several roles at once.
    several_roles: bool,
    /// The register's people for a contact's name (signatories' signers included).
    register_people: bool,
}

impl Uses {
    const ALL: Uses = Uses {
        proposals: true,
        several_roles: true,
        register_people: true,
    };
}

impl Typist {
    fn count(&mut self) {
        *self.tally.keys.entry(self.way).or_default() += 1;
    }

    fn key(&mut self, code: KeyCode) {
        self.count();
        self.h.key(code);
    }

    fn ctrl(&mut self, c: char) {
        self.count();
        self.h.key_with(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    /// Ctrl-`opens` a list, then down to item `at` (from 0) and Enter.
    fn choose(&mut self, opens: char, at: usize) {
        self.ctrl(opens);
        for _ in 0..at {
            self.key(KeyCode::Down);
        }
        self.key(KeyCode::Enter);
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\n' => self.key(KeyCode::Enter),
                c => self.key(KeyCode::Char(c)),
            }
        }
    }

    /// Lets the background lookups arrive, as the event loop does between keys.
    fn settle(&mut self) {
        let start = Instant::now();
        while self.h.app.is_waiting() {
            assert!(start.elapsed() < Duration::from_secs(20), "a lookup hung");
            std::thread::sleep(Duration::from_millis(5));
            self.h.app.tick();
        }
    }

    fn gained(&mut self, row: &Row, way: Way, chars: usize) {
        let ahead = self
            .filled_ahead
            .iter()
            .any(|id| row.id.starts_with(&format!("{id}.")));
        if ahead && way == Way::AlreadyThere {
            self.tally.rows.push((row.id.clone(), Way::SameAs, 0));
            return;
        }
        *self.tally.chars.entry(way).or_default() += chars;
        self.tally.rows.push((row.id.clone(), way, chars));
    }

    fn row_text(&self, row: &Row) -> String {
        rows::row_text(self.h.wizard().session.answers(), &row.slot)
    }
}

/// What a user types for an answer: a Norwegian mobile without the `+47` the wizard assumes and
/// without the spaces it adds.
fn as_typed(row: &Row, wanted: &str) -> String {
    match (&row.value_kind, wanted.strip_prefix("+47 ")) {
        (FieldKind::Phone { .. }, Some(national)) => national.replace(' ', ""),
        (FieldKind::Phone { .. }, None) if wanted.starts_with("+47") => wanted[3..].to_string(),
        _ => wanted.to_string(),
    }
}

/// Answers the focused text row; true when that moved on (a proposal taken with Enter).
fn answer_text(t: &mut Typist, row: &Row, wanted: &str) -> bool {
    // What the editor shows: a default is there before it is stored.
    let current = match &t.h.wizard().editor {
        Some(editor) => editor.text(),
        None => t.row_text(row),
    };
    if current == wanted {
        t.gained(row, Way::AlreadyThere, wanted.chars().count());
        return false;
    }
    if current.is_empty()
        && t.uses.proposals
        && t.h
            .wizard()
            .session
            .proposal(row)
            .map(|p| p.value)
            .as_deref()
            == Some(wanted)
    {
        t.way = Way::Proposal;
        t.key(KeyCode::Enter);
        t.gained(row, Way::Proposal, wanted.chars().count());
        return true;
    }
    if pick_signer(t, row, wanted) || copy_same_as(t, row) {
        return false;
    }
    t.way = Way::Typed;
    if !current.is_empty() {
        // Ctrl-A Ctrl-K empties a line; a user retypes what is wrong.
        t.ctrl('a');
        t.ctrl('k');
    }
    t.text(&as_typed(row, wanted));
    t.gained(row, Way::Typed, wanted.chars().count());
    false
}

/// A signatory's name the register lists: Ctrl-R, down to it, Enter.
fn pick_signer(t: &mut Typist, row: &Row, wanted: &str) -> bool {
    if !t.uses.register_people {
        return false;
    }
    let Some(choices) = t.h.wizard().session.name_choices(row) else {
        return false;
    };
    let Some(at) = choices.iter().position(|c| c.value == wanted) else {
        return false;
    };
    t.way = Way::Picked;
    t.choose('r', at);
    assert_eq!(t.row_text(row), wanted, "picking {wanted} for {}", row.id);
    t.gained(row, Way::Picked, wanted.chars().count());
    true
}

/// A whole contact that another role already holds, copied at its first row: Ctrl-O, down to the
/// role, Enter. Counts every part copied.
fn copy_same_as(t: &mut Typist, row: &Row) -> bool {
    let Some(target) = eid_onboard::session::same_as_target(t.h.wizard().spec(), row) else {
        return false;
    };
    let Some(want) = t.wanted_contact(&target) else {
        return false;
    };
    let session = &t.h.wizard().session;
    let sources = session.same_as_sources(&target, t.h.app.state.lang);
    let Some(at) = sources
        .iter()
        .position(|s| session.contact_record(&s.field).as_ref() == Some(&want))
    else {
        return false;
    };
    t.way = Way::SameAs;
    t.choose('o', at);
    let got = t.h.wizard().session.contact_record(&target);
    assert_eq!(got.as_ref(), Some(&want), "same as for {target}");
    let chars = want.values().map(|v| v.chars().count()).sum();
    t.gained(row, Way::SameAs, chars);
    // Its other parts are there when reached: counted here, not again.
    t.filled_ahead.push(target);
    fill_other_roles(t, &want);
    true
}

/// The second question of "same as": marks every other role the same person is wanted in
/// (Space, Down between), Enter; or Esc when there is none.
fn fill_other_roles(t: &mut Typist, person: &eid_onboard::answers::Record) {
    let Some(Popup::SameAs(same)) = &t.h.app.state.popup else {
        return;
    };
    let Some(also) = &same.also else {
        return;
    };
    if !t.uses.several_roles {
        t.key(KeyCode::Esc);
        return;
    }
    let wanted: Vec<(usize, String)> = also
        .others
        .iter()
        .enumerate()
        .filter(|(_, (id, _))| t.wanted_contact(id).as_ref() == Some(person))
        .map(|(i, (id, _))| (i, id.clone()))
        .collect();
    let Some(&(last, _)) = wanted.last() else {
        t.key(KeyCode::Esc);
        return;
    };
    for i in 0..=last {
        if wanted.iter().any(|(w, _)| *w == i) {
            t.key(KeyCode::Char(' '));
        }
        if i < last {
            t.key(KeyCode::Down);
        }
    }
    t.key(KeyCode::Enter);
    let chars: usize = person.values().map(|v| v.chars().count()).sum();
    for (_, id) in wanted {
        let got = t.h.wizard().session.contact_record(&id);
        assert_eq!(got.as_ref(), Some(person), "also filled: {id}");
        t.filled_ahead.push(id);
        *t.tally.chars.entry(Way::SameAs).or_default() += chars;
    }
}

impl Typist {
    /// The wanted parts of a contact (a field or an entry), as the session's records hold them.
    fn wanted_contact(&self, target: &str) -> Option<eid_onboard::answers::Record> {
        let record: eid_onboard::answers::Record = ["name", "mobile", "email"]
            .iter()
            .filter_map(|part| {
                let id = format!("{target}.{part}");
                Some((part.to_string(), wanted_text(&self.wanted, &id)?))
            })
            .collect();
        (!record.is_empty()).then_some(record)
    }
}

/// Answers a select row from its list: Enter, a few letters, Enter.
fn answer_select(t: &mut Typist, row: &Row, wanted: &str) {
    if t.row_text(row) == wanted {
        t.gained(row, Way::AlreadyThere, wanted.chars().count());
        return;
    }
    t.way = Way::Picked;
    t.key(KeyCode::Enter);
    // Letters of the wanted value until the list's selection is it.
    for c in wanted.chars() {
        if picker_selection(t).as_deref() == Some(wanted) {
            break;
        }
        t.key(KeyCode::Char(c));
    }
    t.key(KeyCode::Enter);
    assert_eq!(t.row_text(row), wanted, "picking {wanted} for {}", row.id);
    t.gained(row, Way::Picked, wanted.chars().count());
}

/// The value the open list would take on Enter.
fn picker_selection(t: &Typist) -> Option<String> {
    let Some(Popup::Picker(picker)) = &t.h.app.state.popup else {
        return None;
    };
    let index = *picker.filtered().get(picker.selected)?;
    picker.options.get(index).map(|(value, _)| value.clone())
}

/// Marks the wanted choices of a multi-select: Enter, Space on each, Down between, Enter.
fn answer_multi(t: &mut Typist, row: &Row, wanted: &[String]) {
    let now = match t.h.wizard().session.answers().get(&row.id) {
        Some(Answer::List(items)) => items.clone(),
        _ => Vec::new(),
    };
    let chars = wanted.iter().map(|v| v.chars().count()).sum();
    if now == wanted {
        t.gained(row, Way::AlreadyThere, chars);
        return;
    }
    let FieldKind::MultiSelect(choice) = &row.value_kind else {
        unreachable!("a multi-select row")
    };
    t.way = Way::Picked;
    t.key(KeyCode::Enter);
    let values: Vec<&String> = choice.options.iter().map(|o| &o.value).collect();
    let last = values
        .iter()
        .rposition(|v| wanted.contains(v) != now.contains(v))
        .unwrap_or(0);
    for value in &values[..=last] {
        if wanted.contains(value) != now.contains(value) {
            t.key(KeyCode::Char(' '));
        }
        if *value != values[last] {
            t.key(KeyCode::Down);
        }
    }
    t.key(KeyCode::Enter);
    assert_eq!(
        t.h.wizard().session.answers().get(&row.id),
        Some(&Answer::List(wanted.to_vec())),
        "marking {}",
        row.id
    );
    t.gained(row, Way::Picked, chars);
}

/// Types the whole order, row by row, until the review.
fn type_order(t: &mut Typist, wanted: &Answers) {
    for _ in 0..600 {
        t.settle();
        t.way = Way::Moving;
        match t.h.wizard().step_ref() {
            StepRef::Review => return,
            StepRef::Checklist => {
                t.key(KeyCode::Tab);
                continue;
            }
            StepRef::Form(_) => {}
        }
        let Some(row) = focused_row(t.h.wizard(), t.h.app.state.lang) else {
            t.key(KeyCode::Tab);
            continue;
        };
        match &row.kind {
            RowKind::Text { .. } => {
                if let Some(value) = wanted_text(wanted, &row.id)
                    && answer_text(t, &row, &value)
                {
                    continue;
                }
            }
            RowKind::Select => {
                if let Some(value) = wanted_text(wanted, &row.id) {
                    answer_select(t, &row, &value);
                }
            }
            RowKind::YesNo => {
                if let Some(value) = wanted_text(wanted, &row.id)
                    && t.row_text(&row) != value
                {
                    t.way = Way::Picked;
                    t.key(KeyCode::Char(if value == "true" { 'y' } else { 'n' }));
                }
            }
            RowKind::MultiSelect => {
                if let Some(Answer::List(items)) = wanted.get(&row.id) {
                    answer_multi(t, &row, items);
                }
            }
            RowKind::AddEntry => {
                let have = rows::entry_count(t.h.wizard().session.answers(), &row.id);
                if have < rows::entry_count(wanted, &row.id) {
                    // The new entry's first row takes the add row's place: answered next.
                    t.key(KeyCode::Enter);
                    continue;
                }
            }
        }
        t.way = Way::Moving;
        t.key(KeyCode::Tab);
    }
    panic!("the review was never reached");
}

/// Every answer's characters: texts, and the values of lists (yes / no counts none).
fn answer_chars(answers: &Answers) -> usize {
    answers
        .iter()
        .map(|(_, answer)| match answer {
            Answer::Text(s) => s.chars().count(),
            Answer::List(items) => items.iter().map(|s| s.chars().count()).sum(),
            Answer::Records(records) => records
                .iter()
                .flat_map(|r| r.values())
                .map(|s| s.chars().count())
                .sum(),
            Answer::Number(n) => n.to_string().chars().count(),
            Answer::Bool(_) | Answer::Invalid(_) | Answer::Unknown(_) => 0,
        })
        .sum()
}

/// Types the order of `fixture` and prints the figures under `title`; then again leaving out each
/// way of saving keys, to show what each saved.
fn type_and_report(fixture_name: &str, title: &str) {
    let all = type_and_count(fixture_name, title, Uses::ALL, true);
    let without = [
        (
            "proposals",
            Uses {
                proposals: false,
                ..Uses::ALL
            },
        ),
        (
            "same as into several roles",
            Uses {
                several_roles: false,
                ..Uses::ALL
            },
        ),
        (
            "the register's people",
            Uses {
                register_people: false,
                ..Uses::ALL
            },
        ),
    ];
    for (name, uses) in without {
        let keys = type_and_count(fixture_name, title, uses, false);
        println!(
            "  without {name}: {keys} keys ({} more)",
            keys.saturating_sub(all)
        );
    }
}

/// Types the order of `fixture` the way `uses` says; returns the keys pressed, and prints the
/// figures when `report`.
fn type_and_count(fixture_name: &str, title: &str, uses: Uses, report: bool) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(brreg::routes());
    let registry = Registry::from_parts(
        Some(Client::new(&server.url(), Duration::from_secs(20))),
        Some(Cache::new(dir.path().join("cache"))),
    );
    let h = Harness::with_registry(&dir.path().join("data"), 80, 24, Lang::En, Some(registry));
    let wanted = fixture(fixture_name);
    let mut t = Typist {
        h,
        wanted: wanted.clone(),
        tally: Tally::default(),
        way: Way::Moving,
        filled_ahead: Vec::new(),
        uses,
    };
    t.h.app.start_new("idura-no-bankid", Some("typed")).unwrap();
    type_order(&mut t, &wanted);

    let got = t.h.wizard().session.answers().clone();
    for (id, answer) in wanted.iter() {
        assert_eq!(got.get(id), Some(answer), "{id}");
    }
    let chars = answer_chars(&got);
    let keys: usize = t.tally.keys.values().sum();
    assert_eq!(
        t.tally.chars.values().sum::<usize>(),
        chars,
        "every answer character is accounted for"
    );
    if !report {
        return keys;
    }
    println!(
        "keystrokes, {title}: {keys} keys for {chars} answer characters: {:.2} keys per character",
        keys as f64 / chars as f64
    );
    for way in [
        Way::Moving,
        Way::AlreadyThere,
        Way::Typed,
        Way::Picked,
        Way::Proposal,
        Way::SameAs,
    ] {
        let k = t.tally.keys.get(&way).copied().unwrap_or(0);
        let c = t.tally.chars.get(&way).copied().unwrap_or(0);
        println!("  {:<20} {k:>4} keys {c:>5} characters", way.name());
    }
    for (row, way, chars) in &t.tally.rows {
        println!("    {row:<36} {:<20} {chars:>4}", way.name());
    }
    keys
}

#[test]
fn the_idura_order_with_five_different_people() {
    type_and_report("idura-typed.toml", "five different people");
}

#[test]
fn the_idura_order_of_a_small_company_where_one_person_has_three_roles() {
    type_and_report(
        "idura-typed-shared.toml",
        "the general contact also receives the keys and can block",
    );
}
