//! `update(state, action) -> effects`: the only place the wizard's state changes. Nothing here
//! touches the disk or the terminal; saving, loading and path listing are effects for the app loop.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::action::{Action, Command, Effect};
use super::rows::{self, EntryChange, Row, RowKind, Slot};
use super::state::*;
use super::strings::{fill, strings};
use crate::answers::Answer;
use crate::assets;
use crate::form::{FieldKind, OptionSource};
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
            if matches!(state.popup, Some(Popup::Sending { .. })) {
                let s = strings(lang);
                state.popup = Some(Popup::Info {
                    title: s.not_sent.to_string(),
                    lines: vec![
                        message.clone(),
                        String::new(),
                        s.draft_unchanged.to_string(),
                    ],
                });
            }
            state.status = Some(Status {
                text: message,
                is_error: true,
            });
            Vec::new()
        }
        Action::Tick => {
            if let Some(Popup::Sending { frame }) = &mut state.popup {
                *frame = frame.wrapping_add(1);
            }
            Vec::new()
        }
        Action::Prepared {
            prepared,
            resend,
            needs_password,
        } => {
            state.popup = Some(Popup::Preview(Box::new(Preview {
                prepared: *prepared,
                scroll: 0,
                resend,
                password: needs_password.then(|| {
                    let mut area = TextArea::default();
                    area.set_mask_char('•');
                    area
                }),
            })));
            Vec::new()
        }
        Action::Sent(records) => {
            let s = strings(lang);
            let mut lines = Vec::new();
            let mut first = None;
            for record in &records {
                let time = record
                    .time
                    .to_zoned(jiff::tz::TimeZone::system())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string();
                let line = fill(s.sent_to, &[("to", &record.to), ("time", &time)]);
                first.get_or_insert_with(|| line.clone());
                lines.push(line);
                lines.push(format!("Message-ID: {}", record.message_id));
            }
            if let Some(record) = records.last() {
                lines.push(record.transport.clone());
            }
            lines.push(String::new());
            lines.push(s.sent_next.to_string());
            state.popup = Some(Popup::Info {
                title: s.sent_title.to_string(),
                lines,
            });
            state.status = Some(Status {
                text: first.unwrap_or_default(),
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
            let s = strings(lang);
            state.popup = Some(Popup::Info {
                title: s.bundle_done.to_string(),
                lines: vec![
                    format!("{}: {dir}", s.bundle_folder),
                    format!("zip: {zip}"),
                    format!("SHA-256: {sha256}"),
                    String::new(),
                    fill(s.bundle_next, &[("dir", &dir)]),
                ],
            });
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
                state.popup = Some(Popup::Completions(Completions {
                    row_id,
                    items,
                    selected: 0,
                }));
            }
            Vec::new()
        }
        Action::Command(Command::ToggleHelp) => {
            state.popup = match state.popup {
                Some(Popup::Help) => None,
                _ => Some(Popup::Help),
            };
            Vec::new()
        }
        // Quitting while a message is on its way would lose its send record: wait for it.
        Action::Command(Command::SaveAndQuit)
            if matches!(state.popup, Some(Popup::Sending { .. })) =>
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
            *popup = Some(Popup::NewDraft(Box::new(NewDraft {
                form: 0,
                name: None,
                error: None,
            })));
            Vec::new()
        }
        Action::Command(Command::MarkStatus) => {
            if let Some(row) = home.drafts.get(home.selected).filter(|r| r.error.is_none()) {
                *popup = Some(Popup::MarkStatus {
                    name: row.name.clone(),
                    selected: 0,
                });
            }
            Vec::new()
        }
        Action::Command(Command::DeleteDraft) => {
            if let Some(row) = home.drafts.get(home.selected) {
                *popup = Some(Popup::ConfirmDelete {
                    name: row.name.clone(),
                });
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn popup_update(state: &mut State, action: Action) -> Vec<Effect> {
    let lang = state.lang;
    let Some(popup) = state.popup.take() else {
        return Vec::new();
    };
    match popup {
        Popup::Help => {
            if !matches!(action, Action::Command(Command::Cancel)) {
                state.popup = Some(Popup::Help);
            }
            Vec::new()
        }
        Popup::ConfirmDelete { name } => match action {
            Action::Command(Command::Confirm) => vec![Effect::DeleteDraft(name), Effect::LoadHome],
            Action::Command(Command::Cancel) => Vec::new(),
            _ => {
                state.popup = Some(Popup::ConfirmDelete { name });
                Vec::new()
            }
        },
        Popup::NewDraft(new) => new_draft_update(state, new, action),
        Popup::Preview(preview) => preview_update(state, preview, action),
        Popup::Sending { frame } => {
            state.popup = Some(Popup::Sending { frame });
            Vec::new()
        }
        Popup::MarkStatus { name, selected } => match action {
            Action::Command(Command::Cancel) => Vec::new(),
            Action::Command(Command::Up) => {
                state.popup = Some(Popup::MarkStatus {
                    name,
                    selected: selected.saturating_sub(1),
                });
                Vec::new()
            }
            Action::Command(Command::Down) => {
                state.popup = Some(Popup::MarkStatus {
                    name,
                    selected: (selected + 1).min(MARKABLE.len() - 1),
                });
                Vec::new()
            }
            Action::Command(Command::Confirm) => vec![
                Effect::SetStatus {
                    name,
                    status: MARKABLE[selected.min(MARKABLE.len() - 1)],
                },
                Effect::LoadHome,
            ],
            _ => {
                state.popup = Some(Popup::MarkStatus { name, selected });
                Vec::new()
            }
        },
        Popup::Info { title, lines } => {
            if !matches!(action, Action::Command(Command::Cancel)) {
                state.popup = Some(Popup::Info { title, lines });
            }
            Vec::new()
        }
        Popup::BundleTo(mut area) => match action {
            Action::Command(Command::Cancel) => Vec::new(),
            Action::Command(Command::Confirm) => {
                let dir = area.lines().join("").trim().to_string();
                let dir = if dir.is_empty() {
                    state.cwd.display().to_string()
                } else {
                    dir
                };
                vec![Effect::SaveDraft, Effect::CreateBundle(dir)]
            }
            Action::Edit(key) => {
                if let Some(input) = clean_input(key) {
                    area.input(input);
                }
                state.popup = Some(Popup::BundleTo(area));
                Vec::new()
            }
            Action::Paste(text) => {
                area.insert_str(sanitize(&text, false));
                state.popup = Some(Popup::BundleTo(area));
                Vec::new()
            }
            _ => {
                state.popup = Some(Popup::BundleTo(area));
                Vec::new()
            }
        },
        Popup::Replace(prefills) => match (action, &mut state.screen) {
            (Action::Command(Command::Confirm), Screen::Wizard(wizard)) => {
                registry::apply(&mut wizard.answers, &prefills);
                open_editor(wizard, lang);
                let first = prefills
                    .first()
                    .map(|p| p.field.clone())
                    .unwrap_or_default();
                changed(wizard, state.today, &first)
            }
            (Action::Command(Command::Cancel), _) => Vec::new(),
            _ => {
                state.popup = Some(Popup::Replace(prefills));
                Vec::new()
            }
        },
        Popup::Picker(picker) => match &mut state.screen {
            Screen::Wizard(wizard) => picker_update(
                wizard,
                &mut state.popup,
                &mut state.status,
                state.today,
                lang,
                picker,
                action,
            ),
            Screen::Home(_) => Vec::new(),
        },
        Popup::SameAs(same) => match &mut state.screen {
            Screen::Wizard(wizard) => same_as_update(
                wizard,
                &mut state.popup,
                &mut state.status,
                state.today,
                lang,
                same,
                action,
            ),
            Screen::Home(_) => Vec::new(),
        },
        Popup::Completions(mut completions) => match action {
            Action::Command(Command::Up) => {
                completions.selected = completions.selected.saturating_sub(1);
                state.popup = Some(Popup::Completions(completions));
                Vec::new()
            }
            Action::Command(Command::Down) => {
                if completions.selected + 1 < completions.items.len() {
                    completions.selected += 1;
                }
                state.popup = Some(Popup::Completions(completions));
                Vec::new()
            }
            Action::Command(Command::Confirm) => {
                if let (Screen::Wizard(wizard), Some(path)) = (
                    &mut state.screen,
                    completions.items.get(completions.selected),
                ) && let Some(editor) = wizard
                    .editor
                    .as_mut()
                    .filter(|e| e.row_id == completions.row_id)
                {
                    editor.replace(path);
                    sync_editor(wizard, lang);
                }
                Vec::new()
            }
            Action::Command(Command::Cancel) => Vec::new(),
            _ => {
                state.popup = Some(Popup::Completions(completions));
                Vec::new()
            }
        },
    }
}

fn new_draft_update(state: &mut State, mut new: Box<NewDraft>, action: Action) -> Vec<Effect> {
    let Screen::Home(home) = &state.screen else {
        return Vec::new();
    };
    match (&mut new.name, action) {
        (_, Action::Command(Command::Cancel)) => return Vec::new(),
        (None, Action::Command(Command::Up)) => new.form = new.form.saturating_sub(1),
        (None, Action::Command(Command::Down)) if new.form + 1 < home.forms.len() => new.form += 1,
        (None, Action::Command(Command::Confirm)) => {
            let Some(form) = home.forms.get(new.form) else {
                return Vec::new();
            };
            let suggestion = free_name(&form.id, &home.drafts);
            new.name = Some(text_area(&suggestion, false));
        }
        (Some(area), Action::Edit(key)) => {
            if let Some(input) = clean_input(key) {
                area.input(input);
            }
            new.error = None;
        }
        (Some(area), Action::Paste(text)) => {
            area.insert_str(sanitize(&text, false));
        }
        (Some(area), Action::Command(Command::Confirm)) => {
            let name = area.lines().join("");
            let name = name.trim();
            let Some(form) = home.forms.get(new.form) else {
                return Vec::new();
            };
            if let Err(e) = crate::draft::DraftName::parse(name) {
                new.error = Some(e.to_string());
            } else if home.drafts.iter().any(|d| d.name == name) {
                new.error = Some(fill(
                    match state.lang {
                        Lang::Nb => "Utkastet {name} finnes allerede.",
                        Lang::En => "A draft named {name} exists already.",
                    },
                    &[("name", name)],
                ));
            } else {
                return vec![Effect::CreateDraft {
                    form: form.id.clone(),
                    name: name.to_string(),
                }];
            }
        }
        _ => {}
    }
    state.popup = Some(Popup::NewDraft(new));
    Vec::new()
}

/// `form-1`, `form-2`, …: the first name no draft uses.
fn free_name(form: &str, drafts: &[DraftRow]) -> String {
    (1..)
        .map(|n| format!("{form}-{n}"))
        .find(|name| !drafts.iter().any(|d| &d.name == name))
        .unwrap_or_else(|| form.to_string())
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
                *popup = open_picker(wizard, &row, lang, String::new()).map(Popup::Picker);
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
            let target = row.field(&wizard.spec).id.clone();
            let sources: Vec<(String, String)> = wizard
                .spec
                .fields
                .iter()
                .filter(|f| matches!(f.kind, FieldKind::Contact { .. }) && f.id != target)
                .filter(|f| wizard.answers.is_visible(&wizard.spec, f))
                .map(|f| {
                    let name = wizard
                        .answers
                        .text(&format!("{}.name", f.id))
                        .unwrap_or("")
                        .to_string();
                    (
                        f.id.clone(),
                        format!(
                            "{} {}",
                            f.label.get(lang),
                            if name.is_empty() {
                                String::new()
                            } else {
                                format!("({name})")
                            }
                        ),
                    )
                })
                .collect();
            if !sources.is_empty() {
                commit_editor(wizard, lang);
                *popup = Some(Popup::SameAs(SameAs {
                    target,
                    sources,
                    selected: 0,
                }));
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
                    text: fill(
                        strings(lang).bundle_blocked,
                        &[
                            ("errors", &errors.to_string()),
                            ("not_met", &not_met.to_string()),
                        ],
                    ),
                    is_error: true,
                });
            } else {
                let folder = text_area(&cwd.display().to_string(), false);
                *popup = Some(Popup::BundleTo(Box::new(folder)));
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
                        *popup = open_picker(wizard, row, lang, c.to_string()).map(Popup::Picker);
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
            text: fill(strings(lang).prefilled, &[("fields", &fields.join(", "))]),
            is_error: false,
        });
    }
    if !ask.is_empty() && popup.is_none() {
        *popup = Some(Popup::Replace(ask));
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
fn changed(wizard: &mut Wizard, today: jiff::civil::Date, row_id: &str) -> Vec<Effect> {
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
fn open_editor(wizard: &mut Wizard, lang: Lang) {
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
fn sync_editor(wizard: &mut Wizard, lang: Lang) {
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
fn clean_input(key: KeyEvent) -> Option<ratatui_textarea::Input> {
    if let KeyCode::Char(c) = key.code
        && c.is_control()
    {
        return None;
    }
    // Ctrl and Alt combinations the keymap did not take are the textarea's editing shortcuts.
    Some(ratatui_textarea::Input::from(key))
}

/// The list of a select row, filtered by `filter`; `None` for a row that is not a select.
fn open_picker(wizard: &Wizard, row: &Row, lang: Lang, filter: String) -> Option<Picker> {
    let (choice, multi) = match &row.value_kind {
        FieldKind::Select(choice) => (choice, false),
        FieldKind::MultiSelect(choice) => (choice, true),
        _ => return None,
    };
    let mut options: Vec<(String, String)> = choice
        .options
        .iter()
        .map(|o| (o.value.clone(), o.label.get(lang).to_string()))
        .collect();
    match choice.source {
        Some(OptionSource::Banks) => options.extend(
            wizard
                .banks
                .iter()
                .map(|b| (b.name.clone(), format!("{} ({})", b.name, b.orgnr))),
        ),
        Some(OptionSource::LegalBases) => options.extend(assets::legal_bases().iter().map(|b| {
            (
                b.value.clone(),
                format!("{} — {}", b.value, b.label.get(lang)),
            )
        })),
        None => {}
    }
    let checked = match wizard.answers.get(&row.id) {
        Some(Answer::List(items)) => items.iter().cloned().collect(),
        _ => Default::default(),
    };
    let current = rows::row_text(&wizard.answers, &row.slot);
    let selected = if filter.is_empty() {
        options.iter().position(|(v, _)| *v == current).unwrap_or(0)
    } else {
        0
    };
    Some(Picker {
        row_id: row.id.clone(),
        multi,
        options,
        filter,
        selected,
        checked,
        allow_other: choice.allow_other,
    })
}

fn picker_update(
    wizard: &mut Wizard,
    popup: &mut Option<Popup>,
    status: &mut Option<Status>,
    today: jiff::civil::Date,
    lang: Lang,
    mut picker: Picker,
    action: Action,
) -> Vec<Effect> {
    let filtered = picker.filtered();
    match action {
        Action::Command(Command::Cancel) => return Vec::new(),
        Action::Command(Command::Up) => picker.selected = picker.selected.saturating_sub(1),
        Action::Command(Command::Down) if picker.selected + 1 < filtered.len() => {
            picker.selected += 1
        }
        Action::Command(Command::Toggle) if picker.multi => {
            if let Some(&i) = filtered.get(picker.selected) {
                let value = picker.options[i].0.clone();
                if !picker.checked.remove(&value) {
                    picker.checked.insert(value);
                }
            }
        }
        Action::Edit(key) => {
            match key.code {
                KeyCode::Backspace => {
                    picker.filter.pop();
                }
                KeyCode::Char(c)
                    if !c.is_control() && !key.modifiers.contains(KeyModifiers::CONTROL) =>
                {
                    picker.filter.push(c)
                }
                _ => {}
            }
            picker.selected = 0;
        }
        Action::Paste(text) => {
            picker.filter.push_str(&sanitize(&text, false));
            picker.selected = 0;
        }
        Action::Command(Command::Confirm) => {
            let Some(row) = current_rows(wizard, lang)
                .into_iter()
                .find(|r| r.id == picker.row_id)
            else {
                return Vec::new();
            };
            if picker.multi {
                let values: Vec<String> = picker
                    .options
                    .iter()
                    .filter(|(v, _)| picker.checked.contains(v))
                    .map(|(v, _)| v.clone())
                    .collect();
                wizard.answers.set(row.id.clone(), Answer::List(values));
                return changed(wizard, today, &row.id);
            }
            let value = match filtered.get(picker.selected) {
                Some(&i) => picker.options[i].0.clone(),
                None if picker.allow_other && !picker.filter.trim().is_empty() => {
                    picker.filter.trim().to_string()
                }
                None => {
                    *popup = Some(Popup::Picker(picker));
                    return Vec::new();
                }
            };
            rows::set_row_text(&mut wizard.answers, &row, value.clone());
            fill_bank_orgnr(wizard, &row, &value, status, lang);
            return changed(wizard, today, &row.id);
        }
        _ => {}
    }
    *popup = Some(Popup::Picker(picker));
    Vec::new()
}

/// Picking a bank from the list fills its organisation number when that is still empty.
fn fill_bank_orgnr(
    wizard: &mut Wizard,
    row: &Row,
    value: &str,
    status: &mut Option<Status>,
    lang: Lang,
) {
    let field = row.field(&wizard.spec).clone();
    if let Some((_, bank)) = registry::fill_bank_orgnr(
        &wizard.spec,
        &mut wizard.answers,
        &field,
        value,
        &wizard.banks,
    ) {
        *status = Some(Status {
            text: fill(strings(lang).bank_filled, &[("bank", &bank.name)]),
            is_error: false,
        });
    }
}

fn same_as_update(
    wizard: &mut Wizard,
    popup: &mut Option<Popup>,
    status: &mut Option<Status>,
    today: jiff::civil::Date,
    lang: Lang,
    mut same: SameAs,
    action: Action,
) -> Vec<Effect> {
    match action {
        Action::Command(Command::Cancel) => return Vec::new(),
        Action::Command(Command::Up) => same.selected = same.selected.saturating_sub(1),
        Action::Command(Command::Down) if same.selected + 1 < same.sources.len() => {
            same.selected += 1
        }
        Action::Command(Command::Confirm) => {
            let Some((source, label)) = same.sources.get(same.selected).cloned() else {
                return Vec::new();
            };
            let parts = wizard
                .spec
                .field(&same.target)
                .and_then(|f| f.kind.group_parts())
                .unwrap_or_default();
            for (part, _) in parts {
                let value = wizard
                    .answers
                    .text(&format!("{source}.{part}"))
                    .map(str::to_string);
                if let Some(value) = value {
                    wizard
                        .answers
                        .set(format!("{}.{part}", same.target), Answer::Text(value));
                }
            }
            *status = Some(Status {
                text: fill(strings(lang).copied_from, &[("role", label.trim())]),
                is_error: false,
            });
            let effects = changed(wizard, today, &same.target);
            open_editor(wizard, lang);
            return effects;
        }
        _ => {}
    }
    *popup = Some(Popup::SameAs(same));
    Vec::new()
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
        text: fill(
            strings(lang).not_ready_to_go,
            &[
                ("errors", &errors.to_string()),
                ("not_met", &not_met.to_string()),
            ],
        ),
        is_error: true,
    })
}

/// The send preview: scroll, type the password, send or cancel.
fn preview_update(state: &mut State, mut preview: Box<Preview>, action: Action) -> Vec<Effect> {
    const PAGE: u16 = 10;
    match action {
        Action::Command(Command::Cancel) => return Vec::new(),
        Action::Command(Command::Up) => preview.scroll = preview.scroll.saturating_sub(1),
        Action::Command(Command::Down) => preview.scroll = preview.scroll.saturating_add(1),
        Action::Command(Command::ScrollUp) => preview.scroll = preview.scroll.saturating_sub(PAGE),
        Action::Command(Command::ScrollDown) => {
            preview.scroll = preview.scroll.saturating_add(PAGE)
        }
        Action::Edit(key) => {
            if let (Some(area), Some(input)) = (preview.password.as_mut(), clean_input(key)) {
                area.input(input);
            }
        }
        Action::Paste(text) => {
            if let Some(area) = preview.password.as_mut() {
                area.insert_str(sanitize(&text, false));
            }
        }
        Action::Command(Command::Confirm) => {
            let password = preview
                .password
                .as_ref()
                .map(|area| zeroize::Zeroizing::new(area.lines().join("")));
            if password.as_ref().is_some_and(|p| p.is_empty()) {
                state.status = Some(Status {
                    text: strings(state.lang).password_needed.to_string(),
                    is_error: true,
                });
            } else {
                state.popup = Some(Popup::Sending { frame: 0 });
                return vec![Effect::Send {
                    prepared: Box::new(preview.prepared),
                    password,
                }];
            }
        }
        _ => {}
    }
    state.popup = Some(Popup::Preview(preview));
    Vec::new()
}
