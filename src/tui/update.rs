//! `update(state, action) -> effects`: the only place the wizard's state changes. Nothing here
//! touches the disk or the terminal; saving, loading and path listing are effects for the app loop.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::action::{Action, Command, Effect};
use super::popup::{
    self, BundleTo, Completions, ConfirmDelete, Info, MarkStatus, Picker, Popup, Preview, Replace,
    SameAs,
};
use super::rows::{self, EntryChange, Row, RowKind, Slot};
use super::state::*;
use super::strings::strings;
use crate::answers::Answer;
use crate::form::FieldKind;
use crate::prereq;
use crate::registry::{self, Lookup};
use crate::text::Lang;
use crate::validate::{self, Context as ValidationContext, text::sanitize};

// The selectors live in `select`; re-exported here, where callers (and tests) have found them.
pub use super::select::{context, current_rows, focused_row, review_rows, screen_context};

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let lang = state.lang;
    match action {
        Action::Resize => Vec::new(),
        Action::Saved(at) => {
            if let Screen::Wizard(wizard) = &mut state.screen {
                wizard.saved_at = Some(at);
                wizard.dirty = false;
            }
            Vec::new()
        }
        Action::Failed(message) => {
            // A failed send is explained in full; the draft is as it was.
            if state.popup.as_ref().is_some_and(Popup::is_sending) {
                state.popup = Some(Popup::Info(Info::not_sent(&message, lang)));
            }
            state.status = Some(Status {
                text: message,
                is_error: true,
            });
            Vec::new()
        }
        Action::Tick => {
            if let Some(Popup::Sending(sending)) = &mut state.popup {
                sending.tick();
            }
            Vec::new()
        }
        Action::Prepared {
            prepared,
            resend,
            needs_password,
        } => {
            state.popup = Some(Popup::Preview(Box::new(Preview::new(
                *prepared,
                resend,
                needs_password,
            ))));
            Vec::new()
        }
        Action::Sent(records) => {
            let (info, first) = Info::sent(&records, lang);
            state.popup = Some(Popup::Info(info));
            state.status = Some(Status {
                text: first,
                is_error: false,
            });
            Vec::new()
        }
        Action::HomeLoaded { drafts, forms } => {
            let selected = match &state.screen {
                Screen::Home(home) => home.selected.min(drafts.len().saturating_sub(1)),
                Screen::Wizard(_) => 0,
            };
            state.screen = Screen::Home(Home {
                drafts,
                forms,
                selected,
            });
            state.popup = None;
            Vec::new()
        }
        Action::Opened(mut wizard) => {
            // Validation waits for `Recheck`, so the first frame need not wait for it.
            wizard.progress = wizard.answers.progress(&wizard.spec);
            open_editor(&mut wizard, lang);
            state.screen = Screen::Wizard(wizard);
            state.popup = None;
            state.status = None;
            Vec::new()
        }
        Action::Bundled { dir, zip, sha256 } => {
            state.popup = Some(Popup::Info(Info::bundled(&dir, &zip, &sha256, lang)));
            Vec::new()
        }
        Action::Banks(banks) => {
            if let Screen::Wizard(wizard) = &mut state.screen {
                wizard.banks = banks;
            }
            Vec::new()
        }
        // After opening (and after the first frame): check, and ask the registry about the numbers.
        Action::Recheck => match &mut state.screen {
            Screen::Wizard(wizard) => {
                recheck(wizard, state.today);
                look_up_new_numbers(wizard)
            }
            Screen::Home(_) => Vec::new(),
        },
        Action::LookedUp(lookup) => match &mut state.screen {
            Screen::Wizard(wizard) => looked_up(
                wizard,
                &mut state.popup,
                &mut state.status,
                state.today,
                lang,
                *lookup,
            ),
            Screen::Home(_) => Vec::new(),
        },
        Action::Completed { row_id, items } => {
            if !items.is_empty() {
                state.popup = Some(Popup::Completions(Completions::new(row_id, items)));
            }
            Vec::new()
        }
        Action::Command(Command::ToggleHelp) => {
            state.popup = popup::help::toggle(state.popup.take());
            Vec::new()
        }
        // Quitting while a message is on its way would lose its send record: wait for it.
        Action::Command(Command::SaveAndQuit)
            if state.popup.as_ref().is_some_and(Popup::is_sending) =>
        {
            Vec::new()
        }
        Action::Command(Command::SaveAndQuit) => {
            state.popup = None;
            match &mut state.screen {
                Screen::Wizard(wizard) => {
                    commit_editor(wizard, lang);
                    vec![Effect::SaveDraft, Effect::Quit]
                }
                Screen::Home(_) => vec![Effect::Quit],
            }
        }
        action if state.popup.is_some() => popup_update(state, action),
        action => match &mut state.screen {
            Screen::Home(home) => home_update(home, &mut state.popup, action),
            Screen::Wizard(wizard) => wizard_update(
                wizard,
                &mut state.popup,
                &mut state.status,
                &state.cwd,
                state.today,
                lang,
                action,
            ),
        },
    }
}

fn home_update(home: &mut Home, popup: &mut Option<Popup>, action: Action) -> Vec<Effect> {
    match action {
        Action::Command(Command::Up) => {
            home.selected = home.selected.saturating_sub(1);
            Vec::new()
        }
        Action::Command(Command::Down) => {
            if home.selected + 1 < home.drafts.len() {
                home.selected += 1;
            }
            Vec::new()
        }
        Action::Command(Command::Activate) => match home.drafts.get(home.selected) {
            Some(row) if row.error.is_none() => vec![Effect::OpenDraft(row.name.clone())],
            _ => Vec::new(),
        },
        Action::Command(Command::NewOrder) => {
            *popup = Some(Popup::NewDraft(Box::default()));
            Vec::new()
        }
        Action::Command(Command::MarkStatus) => {
            if let Some(row) = home.drafts.get(home.selected).filter(|r| r.error.is_none()) {
                *popup = Some(Popup::MarkStatus(MarkStatus::new(row.name.clone())));
            }
            Vec::new()
        }
        Action::Command(Command::DeleteDraft) => {
            if let Some(row) = home.drafts.get(home.selected) {
                *popup = Some(Popup::ConfirmDelete(ConfirmDelete {
                    name: row.name.clone(),
                }));
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// An action while a popup shows goes to the popup, which says what shows next.
fn popup_update(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(popup) = state.popup.take() else {
        return Vec::new();
    };
    let mut ctx = popup::Ctx {
        screen: &mut state.screen,
        status: &mut state.status,
        cwd: &state.cwd,
        today: state.today,
        lang: state.lang,
    };
    let outcome = popup.update(&mut ctx, action);
    state.popup = outcome.next;
    outcome.effects
}

#[allow(clippy::too_many_arguments)]
fn wizard_update(
    wizard: &mut Wizard,
    popup: &mut Option<Popup>,
    status: &mut Option<Status>,
    cwd: &std::path::Path,
    today: jiff::civil::Date,
    lang: Lang,
    action: Action,
) -> Vec<Effect> {
    let row = focused_row(wizard, lang);
    match action {
        Action::Command(Command::Save) => {
            commit_editor(wizard, lang);
            recheck(wizard, today);
            vec![Effect::SaveDraft]
        }
        Action::Command(Command::Cancel) => {
            commit_editor(wizard, lang);
            vec![Effect::SaveDraft, Effect::LoadHome]
        }
        Action::Command(Command::NextField) => move_focus(wizard, today, lang, 1),
        Action::Command(Command::PrevField) => move_focus(wizard, today, lang, -1),
        Action::Command(Command::NextStep) => {
            let step = (wizard.step + 1).min(wizard.step_count() - 1);
            go_to(wizard, today, lang, step, 0, true)
        }
        Action::Command(Command::PrevStep) => {
            let step = wizard.step.saturating_sub(1);
            go_to(wizard, today, lang, step, 0, false)
        }
        Action::Command(Command::Up) => {
            wizard.focus = wizard.focus.saturating_sub(1);
            Vec::new()
        }
        Action::Command(Command::Down) => {
            let len = list_len(wizard, lang);
            if wizard.focus + 1 < len {
                wizard.focus += 1;
            }
            Vec::new()
        }
        Action::Command(Command::Activate) => match (wizard.step_ref(), row) {
            (StepRef::Checklist, _) => {
                let field = wizard.checklist.get(wizard.focus).map(|i| i.field.clone());
                field
                    .map(|f| jump_to_field(wizard, today, lang, &f))
                    .unwrap_or_default()
            }
            (StepRef::Review, _) => {
                let target = review_rows(wizard, lang).into_iter().nth(wizard.focus);
                match target {
                    Some((step, row)) => {
                        let index = rows_index(wizard, lang, step, &row.id);
                        go_to(wizard, today, lang, step, index, false)
                    }
                    None => Vec::new(),
                }
            }
            (StepRef::Form(_), Some(row))
                if matches!(row.kind, RowKind::Select | RowKind::MultiSelect) =>
            {
                *popup = Picker::open(wizard, &row, lang, String::new()).map(Popup::Picker);
                Vec::new()
            }
            _ => Vec::new(),
        },
        Action::Command(Command::Toggle | Command::SetYes | Command::SetNo) => {
            let Some(row) = row.filter(|r| r.kind == RowKind::YesNo) else {
                return Vec::new();
            };
            let current = matches!(wizard.answers.get(&row.id), Some(Answer::Bool(true)))
                || (wizard.answers.get(&row.id).is_none()
                    && row.field(&wizard.spec).default == Some(toml::Value::Boolean(true)));
            let value = match action {
                Action::Command(Command::SetYes) => true,
                Action::Command(Command::SetNo) => false,
                _ => !current,
            };
            wizard.answers.set(row.id.clone(), Answer::Bool(value));
            changed(wizard, today, &row.id)
        }
        Action::Command(Command::AddEntry) => {
            let Some(row) = row.filter(|r| r.kind == RowKind::AddEntry) else {
                return Vec::new();
            };
            let field = row.field(&wizard.spec).clone();
            rows::add_entry(&mut wizard.answers, &field);
            // The focus stays put: the new entry's first row now sits where the add row was.
            let effects = changed(wizard, today, &row.id);
            open_editor(wizard, lang);
            effects
        }
        Action::Command(
            c @ (Command::RemoveEntry | Command::MoveEntryUp | Command::MoveEntryDown),
        ) => {
            let Some(Row {
                slot: Slot::Entry { field, index, .. },
                id,
                ..
            }) = row
            else {
                return Vec::new();
            };
            commit_editor(wizard, lang);
            let change = match c {
                Command::RemoveEntry => EntryChange::Remove,
                Command::MoveEntryUp => EntryChange::MoveUp,
                _ => EntryChange::MoveDown,
            };
            rows::edit_entries(&mut wizard.answers, &field, index, change);
            let parts = parts_per_entry(wizard, &field);
            match change {
                EntryChange::MoveUp if index > 0 => wizard.focus -= parts,
                EntryChange::MoveDown if index + 1 < rows::entry_count(&wizard.answers, &field) => {
                    wizard.focus += parts
                }
                _ => {}
            }
            let len = current_rows(wizard, lang).len();
            wizard.focus = wizard.focus.min(len.saturating_sub(1));
            let effects = changed(wizard, today, &id);
            open_editor(wizard, lang);
            effects
        }
        Action::Command(Command::SameAs) => {
            let Some(row) = row else { return Vec::new() };
            if let Some(same) = SameAs::open(wizard, &row, lang) {
                commit_editor(wizard, lang);
                *popup = Some(Popup::SameAs(same));
            }
            Vec::new()
        }
        Action::Command(Command::Send) => {
            if let Some(blocked) = blocked(wizard, lang) {
                *status = Some(blocked);
                return Vec::new();
            }
            commit_editor(wizard, lang);
            vec![Effect::SaveDraft, Effect::PrepareSend]
        }
        Action::Command(Command::CreateBundle) => {
            let errors = wizard.problems.iter().filter(|p| p.is_error()).count();
            let not_met = wizard
                .checklist
                .iter()
                .filter(|i| i.state == prereq::State::NotMet)
                .count();
            if errors + not_met > 0 {
                *status = Some(Status {
                    text: (strings(lang).bundle_blocked)(errors, not_met),
                    is_error: true,
                });
            } else {
                *popup = Some(Popup::BundleTo(BundleTo::new(cwd)));
            }
            Vec::new()
        }
        Action::Command(Command::CompletePath) => match (&row, &wizard.editor) {
            (Some(row), Some(editor)) if matches!(row.value_kind, FieldKind::File(_)) => {
                vec![Effect::CompletePath {
                    row_id: row.id.clone(),
                    prefix: editor.text(),
                }]
            }
            _ => Vec::new(),
        },
        Action::Edit(key) => {
            match (&row, wizard.editor.as_mut()) {
                (Some(_), Some(editor)) => {
                    if let Some(input) = clean_input(key) {
                        editor.input(input);
                        sync_editor(wizard, lang);
                    }
                }
                // Typing on a select opens its list, filtered by what was typed.
                (Some(row), None) if row.kind == RowKind::Select => {
                    if let KeyCode::Char(c) = key.code
                        && !c.is_control()
                    {
                        *popup = Picker::open(wizard, row, lang, c.to_string()).map(Popup::Picker);
                    }
                }
                _ => {}
            }
            Vec::new()
        }
        Action::Paste(text) => {
            if let Some(editor) = wizard.editor.as_mut() {
                let clean = sanitize(&text, editor.multiline);
                editor.insert_str(&clean);
                sync_editor(wizard, lang);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// How many items the list of the current step has (checklist items, review entries, rows).
fn list_len(wizard: &Wizard, lang: Lang) -> usize {
    match wizard.step_ref() {
        StepRef::Checklist => wizard.checklist.len(),
        StepRef::Review => review_rows(wizard, lang).len(),
        StepRef::Form(_) => current_rows(wizard, lang).len(),
    }
}

fn parts_per_entry(wizard: &Wizard, field: &str) -> usize {
    match wizard.spec.field(field).map(|f| &f.kind) {
        Some(FieldKind::Repeat { item, .. }) => item.group_parts().map_or(1, |p| p.len()),
        _ => 1,
    }
}

fn rows_index(wizard: &Wizard, lang: Lang, step: usize, row_id: &str) -> usize {
    match step_ref(step, wizard.spec.steps.len()) {
        StepRef::Form(i) => rows::step_rows(
            &wizard.spec,
            &wizard.answers,
            &wizard.spec.steps[i].id,
            lang,
        )
        .iter()
        .position(|r| r.id == row_id)
        .unwrap_or(0),
        _ => 0,
    }
}

/// Jumps to the first row of a field (or of its parts), wherever it is.
fn jump_to_field(
    wizard: &mut Wizard,
    today: jiff::civil::Date,
    lang: Lang,
    field: &str,
) -> Vec<Effect> {
    for (i, step) in wizard.spec.steps.iter().enumerate() {
        let rows = rows::step_rows(&wizard.spec, &wizard.answers, &step.id, lang);
        if let Some(index) = rows.iter().position(|r| {
            r.id == field
                || r.id.starts_with(&format!("{field}."))
                || r.id.starts_with(&format!("{field}["))
        }) {
            return go_to(wizard, today, lang, i + 1, index, false);
        }
    }
    Vec::new()
}

/// Tab / Shift-Tab: the next or previous row, across steps; never blocked.
fn move_focus(
    wizard: &mut Wizard,
    today: jiff::civil::Date,
    lang: Lang,
    delta: i32,
) -> Vec<Effect> {
    let len = list_len(wizard, lang);
    let is_form = matches!(wizard.step_ref(), StepRef::Form(_));
    if delta > 0 {
        if is_form && wizard.focus + 1 < len {
            let focus = wizard.focus + 1;
            return go_to(wizard, today, lang, wizard.step, focus, false);
        }
        if wizard.step + 1 < wizard.step_count() {
            return go_to(wizard, today, lang, wizard.step + 1, 0, true);
        }
        Vec::new()
    } else {
        if is_form && wizard.focus > 0 {
            let focus = wizard.focus - 1;
            return go_to(wizard, today, lang, wizard.step, focus, false);
        }
        if wizard.step > 0 {
            let step = wizard.step - 1;
            let last = match step_ref(step, wizard.spec.steps.len()) {
                StepRef::Form(i) => rows::step_rows(
                    &wizard.spec,
                    &wizard.answers,
                    &wizard.spec.steps[i].id,
                    lang,
                )
                .len()
                .saturating_sub(1),
                _ => 0,
            };
            return go_to(wizard, today, lang, step, last, false);
        }
        Vec::new()
    }
}

/// Leaves the focused row (committing and checking it), then focuses `index` of `step`.
/// `submit` marks every row of the step being left as touched, so its errors show.
fn go_to(
    wizard: &mut Wizard,
    today: jiff::civil::Date,
    lang: Lang,
    step: usize,
    index: usize,
    submit: bool,
) -> Vec<Effect> {
    let leaving = focused_row(wizard, lang);
    commit_editor(wizard, lang);
    if let Some(row) = &leaving {
        wizard.touched.insert(row.id.clone());
    }
    if submit && step != wizard.step {
        for row in current_rows(wizard, lang) {
            wizard.touched.insert(row.id);
        }
    }
    recheck(wizard, today);
    wizard.step = step.min(wizard.step_count() - 1);
    wizard.focus = index;
    open_editor(wizard, lang);
    let mut effects = look_up_new_numbers(wizard);
    if wizard.dirty {
        effects.insert(0, Effect::SaveDraft);
    }
    effects
}

/// Valid company and bank numbers not yet looked up go to the registry (in the background).
fn look_up_new_numbers(wizard: &mut Wizard) -> Vec<Effect> {
    let new: Vec<String> = registry::numbers_to_check(&wizard.spec, &wizard.answers)
        .into_iter()
        .filter(|n| !wizard.lookups.contains_key(n) && !wizard.pending.contains(n))
        .collect();
    wizard.pending.extend(new.iter().cloned());
    new.into_iter().map(Effect::LookUp).collect()
}

/// A lookup came back: the checklist uses it, and the registered name and address fill empty fields
/// (or, where the user typed something else, the user is asked first).
fn looked_up(
    wizard: &mut Wizard,
    popup: &mut Option<Popup>,
    status: &mut Option<Status>,
    today: jiff::civil::Date,
    lang: Lang,
    lookup: Lookup,
) -> Vec<Effect> {
    wizard.pending.remove(&lookup.orgnr);
    let mut filled = Vec::new();
    let mut ask = Vec::new();
    for parent in ["company", "bank"] {
        for proposal in registry::prefill(&wizard.spec, parent, &lookup, &wizard.answers) {
            if proposal.replaces.is_some() {
                ask.push(proposal);
            } else {
                filled.push(proposal);
            }
        }
    }
    // A bank found under a newer name is offered under that name from now on.
    if let Some(name) = lookup
        .outcome
        .enhet()
        .filter(|e| !e.is_deleted())
        .and_then(|e| e.name())
        && let Some(bank) = wizard.banks.iter_mut().find(|b| b.orgnr == lookup.orgnr)
    {
        bank.name = name;
        bank.from_registry = true;
    }
    wizard.lookups.insert(lookup.orgnr.clone(), lookup);
    let focused = focused_row(wizard, lang).map(|r| r.id);
    registry::apply(&mut wizard.answers, &filled);
    if filled.iter().any(|p| Some(&p.field) == focused.as_ref()) {
        open_editor(wizard, lang);
    }
    if !filled.is_empty() {
        let fields: Vec<&str> = filled.iter().map(|p| p.field.as_str()).collect();
        *status = Some(Status {
            text: (strings(lang).prefilled)(&fields.join(", ")),
            is_error: false,
        });
    }
    if !ask.is_empty() && popup.is_none() {
        *popup = Some(Popup::Replace(Replace { prefills: ask }));
    }
    recheck(wizard, today);
    if filled.is_empty() {
        Vec::new()
    } else {
        wizard.dirty = true;
        vec![Effect::SaveDraft]
    }
}

/// After a change that is complete at once (a toggle, a pick): check, mark, save.
pub(super) fn changed(wizard: &mut Wizard, today: jiff::civil::Date, row_id: &str) -> Vec<Effect> {
    wizard.dirty = true;
    wizard.touched.insert(row_id.to_string());
    recheck(wizard, today);
    vec![Effect::SaveDraft]
}

/// Recomputes problems, checklist and progress: after answers change, never while drawing.
pub fn recheck(wizard: &mut Wizard, today: jiff::civil::Date) {
    let ctx = ValidationContext { today };
    wizard.problems = validate::validate(&wizard.spec, &wizard.answers, &ctx);
    let lookups: Vec<Lookup> = wizard.lookups.values().cloned().collect();
    let facts = registry::facts(&lookups);
    wizard.checklist = prereq::evaluate(&wizard.spec, &wizard.answers, &wizard.problems, &facts);
    wizard.progress = wizard.answers.progress(&wizard.spec);
}

pub fn text_area(text: &str, multiline: bool) -> TextArea<'static> {
    let lines: Vec<String> = if multiline {
        text.split('\n').map(str::to_string).collect()
    } else {
        vec![text.replace('\n', " ")]
    };
    let mut area = TextArea::new(lines);
    if multiline {
        // Long paragraphs wrap instead of scrolling sideways; only the visible rows are drawn.
        area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    }
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// Opens the text editor for the focused row when it is edited as text.
pub(super) fn open_editor(wizard: &mut Wizard, lang: Lang) {
    wizard.editor = match focused_row(wizard, lang) {
        Some(row) => match row.kind {
            RowKind::Text { multiline } => {
                let value = rows::shown_text(&wizard.spec, &wizard.answers, &row);
                Some(Editor::new(row.id, &value, multiline))
            }
            _ => None,
        },
        None => None,
    };
}

/// Writes the editor's text into the answers as typed (live, so conditions follow at once).
pub(super) fn sync_editor(wizard: &mut Wizard, lang: Lang) {
    let Some(editor) = &wizard.editor else { return };
    let Some(row) = focused_row(wizard, lang).filter(|r| r.id == editor.row_id) else {
        return;
    };
    let text = editor.text();
    if rows::row_text(&wizard.answers, &row.slot) != text {
        rows::set_row_text(&mut wizard.answers, &row, text);
        wizard.dirty = true;
    }
}

/// Leaving a row: its text is stored in normal form (org number without spaces, phone as E.164).
fn commit_editor(wizard: &mut Wizard, lang: Lang) {
    sync_editor(wizard, lang);
    let Some(editor) = wizard.editor.take() else {
        return;
    };
    let Some(row) = focused_row(wizard, lang).filter(|r| r.id == editor.row_id) else {
        return;
    };
    let text = rows::row_text(&wizard.answers, &row.slot);
    let normal = validate::normalize(&row.value_kind, &text);
    if normal != text {
        rows::set_row_text(&mut wizard.answers, &row, normal);
        wizard.dirty = true;
    }
}

/// A key for a text editor, without control characters (a terminal can deliver raw ones).
pub(super) fn clean_input(key: KeyEvent) -> Option<ratatui_textarea::Input> {
    if let KeyCode::Char(c) = key.code
        && c.is_control()
    {
        return None;
    }
    // Ctrl and Alt combinations the keymap did not take are the textarea's editing shortcuts.
    Some(ratatui_textarea::Input::from(key))
}

/// Why the order cannot go yet (bundle or send), or `None`.
fn blocked(wizard: &Wizard, lang: Lang) -> Option<Status> {
    let errors = wizard.problems.iter().filter(|p| p.is_error()).count();
    let not_met = wizard
        .checklist
        .iter()
        .filter(|i| i.state == prereq::State::NotMet)
        .count();
    (errors + not_met > 0).then(|| Status {
        text: (strings(lang).not_ready_to_go)(errors, not_met),
        is_error: true,
    })
}
