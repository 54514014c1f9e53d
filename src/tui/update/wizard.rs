//! The wizard screen's update: moving between rows and steps, the commands on a row, and the
//! results of its effects (saved, recorded, opened, looked up).

use crossterm::event::KeyCode;

use super::super::action::{Action, Command, Effect};
use super::super::editing::{
    changed, clean_input, commit_editor, lookups_and_checks, open_editor, sync_editor,
};
use super::super::popup::{BundleTo, Picker, Popup, RemoveEntry, Replace, SameAs, UseParent};
use super::super::rows::{EntryChange, Row, RowKind, Slot};
use super::super::screen::{Screen, Status};
use super::super::select::{current_rows, focused_row, review_rows};
use super::super::state::State;
use super::super::strings::strings;
use super::super::wizard::{StepRef, Wizard, step_ref};
use crate::answers::Answer;
use crate::form::FieldKind;
use crate::kind::{self, Input};
use crate::registry::Lookup;
use crate::text::Lang;
use crate::validate::text::sanitize;

/// What the wizard's update may change besides the wizard: the popup and the status line.
pub(super) struct Ctx<'a> {
    pub popup: &'a mut Option<Popup>,
    pub status: &'a mut Option<Status>,
    pub cwd: &'a std::path::Path,
    pub lang: Lang,
    /// The terminal's size (how far the field help can scroll).
    pub size: ratatui::layout::Size,
}

pub(super) fn update(wizard: &mut Wizard, ctx: &mut Ctx, action: Action) -> Vec<Effect> {
    let lang = ctx.lang;
    match action {
        Action::Command(command) => command_update(wizard, ctx, command),
        Action::Edit(key) => {
            let row = focused_row(wizard, lang);
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
                        *ctx.popup =
                            Picker::open(wizard, row, lang, c.to_string()).map(Popup::Picker);
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

fn command_update(wizard: &mut Wizard, ctx: &mut Ctx, command: Command) -> Vec<Effect> {
    let lang = ctx.lang;
    match command {
        Command::Save => {
            commit_editor(wizard, lang);
            wizard.session.recheck();
            let mut effects = vec![Effect::SaveDraft];
            effects.extend(outside_work(wizard));
            effects
        }
        Command::Cancel => {
            commit_editor(wizard, lang);
            vec![Effect::SaveDraft, Effect::LoadHome]
        }
        Command::NextField => move_focus(wizard, lang, Direction::Forward),
        Command::PrevField => move_focus(wizard, lang, Direction::Back),
        Command::NextStep => {
            let step = (wizard.step + 1).min(wizard.step_count() - 1);
            go_to(wizard, lang, step, 0, true)
        }
        Command::PrevStep => {
            let step = wizard.step.saturating_sub(1);
            go_to(wizard, lang, step, 0, false)
        }
        Command::Up => {
            wizard.focus = wizard.focus.saturating_sub(1);
            Vec::new()
        }
        Command::Down => {
            if wizard.focus + 1 < list_len(wizard, lang) {
                wizard.focus += 1;
            }
            Vec::new()
        }
        Command::Activate => activate(wizard, ctx),
        Command::Toggle | Command::SetYes | Command::SetNo => set_yes_no(wizard, lang, command),
        Command::AddEntry => add_entry(wizard, lang),
        Command::RemoveEntry => ask_to_remove_entry(wizard, ctx),
        Command::MoveEntryUp => move_entry(wizard, lang, EntryChange::MoveUp),
        Command::MoveEntryDown => move_entry(wizard, lang, EntryChange::MoveDown),
        Command::SameAs => open_same_as(wizard, ctx),
        Command::Send => send(wizard, ctx),
        Command::CreateBundle => create_bundle(wizard, ctx),
        Command::CompletePath => complete_path(wizard, lang),
        Command::TakeProposal => take_proposal(wizard, lang, false),
        Command::TakeProposalAndNext => take_proposal(wizard, lang, true),
        Command::ClearField => clear_field(wizard, ctx),
        Command::Undo => undo(wizard, lang),
        Command::ScrollUp | Command::ScrollDown => {
            scroll_help(wizard, ctx, command == Command::ScrollDown)
        }
        // Handled before the screen (help, quit), by a popup, or only on the home screen.
        Command::SaveAndQuit
        | Command::ToggleHelp
        | Command::NewOrder
        | Command::DeleteDraft
        | Command::MarkStatus
        | Command::Confirm => Vec::new(),
    }
}

/// → or Enter on an empty line with a proposal: the proposal is the line's text, as if typed;
/// Enter then moves on (committing it).
fn take_proposal(wizard: &mut Wizard, lang: Lang, and_next: bool) -> Vec<Effect> {
    let proposal = focused_row(wizard, lang).and_then(|row| wizard.session.proposal(&row));
    if let (Some(proposal), Some(editor)) = (proposal, &mut wizard.editor) {
        editor.insert_str(&proposal.value);
        sync_editor(wizard, lang);
    }
    if and_next {
        return move_focus(wizard, lang, Direction::Forward);
    }
    Vec::new()
}

/// Alt-PgDn / Alt-PgUp: the focused row's help scrolls, never past its last line.
fn scroll_help(wizard: &mut Wizard, ctx: &Ctx, down: bool) -> Vec<Effect> {
    if let Some(row) = focused_row(wizard, ctx.lang) {
        let now = wizard.help_scroll.of(&row.id);
        let status = ctx.status.as_ref();
        let next =
            crate::tui::view::scroll_help(wizard, &row, ctx.lang, ctx.size, status, now, down);
        wizard.help_scroll.set(&row.id, next);
    }
    Vec::new()
}

/// Ctrl-U: the focused field emptied. Text is cleared in its editor (saved when the row is left,
/// as typing is); a pick or yes/no at once, its old answer kept for Ctrl-Z.
fn clear_field(wizard: &mut Wizard, ctx: &mut Ctx) -> Vec<Effect> {
    let lang = ctx.lang;
    let Some(row) = focused_row(wizard, lang) else {
        return Vec::new();
    };
    let effects = match (&row.kind, wizard.editor.as_mut()) {
        (RowKind::Text { .. }, Some(editor)) => {
            if editor.text().is_empty() {
                return Vec::new();
            }
            editor.clear();
            sync_editor(wizard, lang);
            Vec::new()
        }
        (RowKind::Select | RowKind::MultiSelect | RowKind::YesNo, _) => {
            let Slot::Leaf(id) = &row.slot else {
                return Vec::new();
            };
            let Some(old) = wizard.session.answers().get(id).cloned() else {
                return Vec::new();
            };
            wizard.session.clear(id);
            wizard.cleared = Some((id.clone(), old));
            changed(wizard, &row.id)
        }
        (RowKind::Text { .. } | RowKind::AddEntry, _) => return Vec::new(),
    };
    *ctx.status = Some(Status::info(strings(lang).field_cleared.to_string()));
    effects
}

/// Ctrl-Z: the editor's last edit taken back; on a pick or yes/no, the answer Ctrl-U cleared.
fn undo(wizard: &mut Wizard, lang: Lang) -> Vec<Effect> {
    if let Some(editor) = wizard.editor.as_mut() {
        if editor.undo() {
            sync_editor(wizard, lang);
        }
        return Vec::new();
    }
    let Some(row) = focused_row(wizard, lang) else {
        return Vec::new();
    };
    match wizard.cleared.take() {
        Some((id, old)) if row.slot == Slot::Leaf(id.clone()) => {
            wizard.session.set_answer(id, old);
            changed(wizard, &row.id)
        }
        other => {
            wizard.cleared = other;
            Vec::new()
        }
    }
}

/// Ctrl-O on a contact: the other roles to copy it from.
fn open_same_as(wizard: &mut Wizard, ctx: &mut Ctx) -> Vec<Effect> {
    let lang = ctx.lang;
    if let Some(row) = focused_row(wizard, lang)
        && let Some(same) = SameAs::open(wizard, &row, lang)
    {
        commit_editor(wizard, lang);
        *ctx.popup = Some(Popup::SameAs(same));
    }
    Vec::new()
}

/// On the review: save, then build the message to preview; refused while the order is not ready.
fn send(wizard: &mut Wizard, ctx: &mut Ctx) -> Vec<Effect> {
    if let Some(blocked) = blocked(wizard, ctx.lang) {
        *ctx.status = Some(blocked);
        return Vec::new();
    }
    commit_editor(wizard, ctx.lang);
    vec![Effect::SaveDraft, Effect::PrepareSend]
}

/// On the review: ask where to write the bundle; refused while the order is not ready.
fn create_bundle(wizard: &mut Wizard, ctx: &mut Ctx) -> Vec<Effect> {
    let (errors, not_met) = wizard.session.blockers();
    if errors + not_met > 0 {
        *ctx.status = Some(Status::error((strings(ctx.lang).bundle_blocked)(
            errors, not_met,
        )));
    } else {
        *ctx.popup = Some(Popup::BundleTo(BundleTo::new(ctx.cwd)));
    }
    Vec::new()
}

/// Tab in a file row's editor: list the paths that start with what was typed.
fn complete_path(wizard: &Wizard, lang: Lang) -> Vec<Effect> {
    match (focused_row(wizard, lang), &wizard.editor) {
        (Some(row), Some(editor)) if matches!(kind::input(&row.value_kind), Input::Path) => {
            vec![Effect::CompletePath {
                row_id: row.id.clone(),
                prefix: editor.text(),
            }]
        }
        _ => Vec::new(),
    }
}

/// Enter: on the checklist, go to the item's field; on the review, go to the entry's row; on a
/// select, open its list.
fn activate(wizard: &mut Wizard, ctx: &mut Ctx) -> Vec<Effect> {
    let lang = ctx.lang;
    match wizard.step_ref() {
        StepRef::Checklist => {
            let field = wizard
                .session
                .checklist()
                .get(wizard.focus)
                .map(|i| i.field.clone());
            field
                .map(|f| jump_to_field(wizard, lang, &f))
                .unwrap_or_default()
        }
        StepRef::Review => match review_rows(wizard, lang).into_iter().nth(wizard.focus) {
            Some((step, row)) => {
                let index = rows_index(wizard, lang, step, &row.id);
                go_to(wizard, lang, step, index, false)
            }
            None => Vec::new(),
        },
        StepRef::Form(_) => {
            if let Some(row) = focused_row(wizard, lang)
                && matches!(row.kind, RowKind::Select | RowKind::MultiSelect)
            {
                *ctx.popup = Picker::open(wizard, &row, lang, String::new()).map(Popup::Picker);
            } else if let Some(row) = focused_row(wizard, lang)
                && wizard.session.name_choices(&row).is_some()
            {
                // A signatory's name: the people the register lists, as proposals.
                commit_editor(wizard, lang);
                *ctx.popup = Picker::open(wizard, &row, lang, String::new()).map(Popup::Picker);
            }
            Vec::new()
        }
    }
}

fn set_yes_no(wizard: &mut Wizard, lang: Lang, command: Command) -> Vec<Effect> {
    let Some(row) = focused_row(wizard, lang).filter(|r| r.kind == RowKind::YesNo) else {
        return Vec::new();
    };
    let field = row.field(wizard.spec());
    let current = matches!(
        wizard.session.answers().answer_or_default(field),
        Some(Answer::Bool(true))
    );
    let value = match command {
        Command::SetYes => true,
        Command::SetNo => false,
        _ => !current,
    };
    wizard
        .session
        .set_answer(row.id.clone(), Answer::Bool(value));
    changed(wizard, &row.id)
}

fn add_entry(wizard: &mut Wizard, lang: Lang) -> Vec<Effect> {
    let Some(row) = focused_row(wizard, lang).filter(|r| r.kind == RowKind::AddEntry) else {
        return Vec::new();
    };
    let field = row.field(wizard.spec()).id.clone();
    wizard.session.add_entry(&field);
    // The focus stays put: the new entry's first row now sits where the add row was.
    let effects = changed(wizard, &row.id);
    open_editor(wizard, lang);
    effects
}

/// Ctrl-D on an entry: asks before removing it.
fn ask_to_remove_entry(wizard: &mut Wizard, ctx: &mut Ctx) -> Vec<Effect> {
    let lang = ctx.lang;
    let Some(Row {
        slot: Slot::Entry { field, index, .. },
        id,
        ..
    }) = focused_row(wizard, lang)
    else {
        return Vec::new();
    };
    // What was typed is in the answers before the question names the entry by it.
    sync_editor(wizard, lang);
    let remove = RemoveEntry::new(wizard, &field, index, &id, lang);
    *ctx.popup = Some(Popup::RemoveEntry(remove));
    Vec::new()
}

/// Moves the focused entry (the focus goes with it).
fn move_entry(wizard: &mut Wizard, lang: Lang, change: EntryChange) -> Vec<Effect> {
    let Some(Row {
        slot: Slot::Entry { field, index, .. },
        id,
        ..
    }) = focused_row(wizard, lang)
    else {
        return Vec::new();
    };
    commit_editor(wizard, lang);
    let count = wizard.session.entry_count(&field);
    wizard.session.edit_entry(&field, index, change);
    let parts = parts_per_entry(wizard, &field);
    match change {
        EntryChange::MoveUp if index > 0 => wizard.focus -= parts,
        EntryChange::MoveDown if index + 1 < count => wizard.focus += parts,
        EntryChange::MoveUp | EntryChange::MoveDown | EntryChange::Remove => {}
    }
    let len = current_rows(wizard, lang).len();
    wizard.focus = wizard.focus.min(len.saturating_sub(1));
    let effects = changed(wizard, &id);
    open_editor(wizard, lang);
    effects
}

/// How many items the list of the current step has (checklist items, review entries, rows).
fn list_len(wizard: &Wizard, lang: Lang) -> usize {
    match wizard.step_ref() {
        StepRef::Checklist => wizard.session.checklist().len(),
        StepRef::Review => review_rows(wizard, lang).len(),
        StepRef::Form(_) => current_rows(wizard, lang).len(),
    }
}

fn parts_per_entry(wizard: &Wizard, field: &str) -> usize {
    let Some(FieldKind::Repeat { item, .. }) = wizard.spec().field(field).map(|f| &f.kind) else {
        return 1;
    };
    item.group_parts().map_or(1, |p| p.len())
}

/// The index of a row among the rows of wizard step `step`.
fn rows_index(wizard: &Wizard, lang: Lang, step: usize, row_id: &str) -> usize {
    match step_ref(step, wizard.spec().steps.len()) {
        StepRef::Form(i) => wizard
            .session
            .step_rows(i, lang)
            .iter()
            .position(|r| r.id == row_id)
            .unwrap_or(0),
        StepRef::Checklist | StepRef::Review => 0,
    }
}

/// Jumps to the first row of a field (or of its parts), wherever it is.
fn jump_to_field(wizard: &mut Wizard, lang: Lang, field: &str) -> Vec<Effect> {
    for i in 0..wizard.spec().steps.len() {
        let rows = wizard.session.step_rows(i, lang);
        if let Some(index) = rows.iter().position(|r| {
            r.id == field
                || r.id.starts_with(&format!("{field}."))
                || r.id.starts_with(&format!("{field}["))
        }) {
            return go_to(wizard, lang, i + 1, index, false);
        }
    }
    Vec::new()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Forward,
    Back,
}

/// Tab / Shift-Tab: the next or previous row, across steps; never blocked.
fn move_focus(wizard: &mut Wizard, lang: Lang, direction: Direction) -> Vec<Effect> {
    let len = list_len(wizard, lang);
    let is_form = matches!(wizard.step_ref(), StepRef::Form(_));
    match direction {
        Direction::Forward if is_form && wizard.focus + 1 < len => {
            let focus = wizard.focus + 1;
            go_to(wizard, lang, wizard.step, focus, false)
        }
        Direction::Forward if wizard.step + 1 < wizard.step_count() => {
            go_to(wizard, lang, wizard.step + 1, 0, true)
        }
        Direction::Back if is_form && wizard.focus > 0 => {
            let focus = wizard.focus - 1;
            go_to(wizard, lang, wizard.step, focus, false)
        }
        Direction::Back if wizard.step > 0 => {
            let step = wizard.step - 1;
            let last = match step_ref(step, wizard.spec().steps.len()) {
                StepRef::Form(i) => wizard.session.step_rows(i, lang).len().saturating_sub(1),
                StepRef::Checklist | StepRef::Review => 0,
            };
            go_to(wizard, lang, step, last, false)
        }
        Direction::Forward | Direction::Back => Vec::new(),
    }
}

/// Leaves the focused row (committing and checking it), then focuses `index` of `step`.
/// `submit` marks every row of the step being left as touched, so its errors show.
fn go_to(wizard: &mut Wizard, lang: Lang, step: usize, index: usize, submit: bool) -> Vec<Effect> {
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
    wizard.session.recheck();
    wizard.step = step.min(wizard.step_count() - 1);
    wizard.focus = index;
    open_editor(wizard, lang);
    let mut effects = outside_work(wizard);
    if wizard.session.is_dirty() {
        effects.insert(0, Effect::SaveDraft);
    }
    effects
}

/// What the answers need from outside: the registry's answers and the domain check (see
/// [`lookups_and_checks`]), and attached files not yet read.
fn outside_work(wizard: &mut Wizard) -> Vec<Effect> {
    let mut effects = lookups_and_checks(wizard);
    effects.extend(
        wizard
            .session
            .files_to_check()
            .into_iter()
            .map(Effect::CheckFile),
    );
    effects
}

/// Why the order cannot go yet (bundle or send), or `None`.
fn blocked(wizard: &Wizard, lang: Lang) -> Option<Status> {
    let (errors, not_met) = wizard.session.blockers();
    (errors + not_met > 0).then(|| Status::error((strings(lang).not_ready_to_go)(errors, not_met)))
}

// --- Effects reporting back ----------------------------------------------------------------------

/// The result of an effect of the wizard's: a save, a record, an opened draft, a lookup.
pub(super) fn effect_came_back(state: &mut State, action: Action) -> Vec<Effect> {
    let lang = state.lang;
    if let Action::Opened { wizard, check_now } = action {
        return opened(state, wizard, check_now);
    }
    let Screen::Wizard(wizard) = &mut state.screen else {
        return Vec::new();
    };
    match action {
        Action::Saved { draft, at } => {
            wizard.session.saved(*draft);
            wizard.saved_at = Some(at);
            Vec::new()
        }
        Action::Recorded(draft) => {
            wizard.session.recorded(*draft);
            Vec::new()
        }
        Action::Banks(banks) => {
            wizard.session.set_banks(banks);
            Vec::new()
        }
        Action::Recheck => check_and_look_up(wizard),
        Action::FileChecked { path, check } => {
            wizard.session.file_checked(path, *check);
            Vec::new()
        }
        Action::DomainChecked(check) => {
            // A stale result (the domain changed since) is dropped by the session.
            wizard.session.domain_checked(*check);
            Vec::new()
        }
        Action::LookedUp(lookup) => {
            let mut ctx = Ctx {
                popup: &mut state.popup,
                status: &mut state.status,
                cwd: &state.cwd,
                lang,
                size: state.size,
            };
            looked_up(wizard, &mut ctx, *lookup)
        }
        Action::RolesLookedUp(lookup) => {
            wizard.session.roles_looked_up(*lookup);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// A draft was opened: the editor opens on the focused row; checking it may wait for the first
/// frame (`Recheck`). The registry and the domain are asked at once either way: their answers
/// need no validation, and the screen is settled only when they are in.
fn opened(state: &mut State, mut wizard: Box<Wizard>, check_now: bool) -> Vec<Effect> {
    open_editor(&mut wizard, state.lang);
    let effects = if check_now {
        check_and_look_up(&mut wizard)
    } else {
        lookups_and_checks(&mut wizard)
    };
    state.screen = Screen::Wizard(wizard);
    state.popup = None;
    state.status = None;
    effects
}

/// Validates, evaluates the checklist, and asks the registry about the numbers and the cache
/// about the banks' names.
fn check_and_look_up(wizard: &mut Wizard) -> Vec<Effect> {
    wizard.session.recheck();
    let mut effects = outside_work(wizard);
    effects.push(Effect::LoadBanks);
    effects
}

/// A lookup came back: the checklist uses it, and the registered name and address fill empty
/// fields (or, where the user typed something else, the user is asked first).
fn looked_up(wizard: &mut Wizard, ctx: &mut Ctx, lookup: Lookup) -> Vec<Effect> {
    let lang = ctx.lang;
    let focused = focused_row(wizard, lang).map(|r| r.id);
    let result = wizard.session.looked_up(lookup);
    if result
        .filled
        .iter()
        .any(|p| Some(&p.field) == focused.as_ref())
    {
        open_editor(wizard, lang);
    }
    if !result.filled.is_empty() {
        let fields: Vec<String> = result
            .filled
            .iter()
            .map(|p| wizard.session.label_of(&p.field, lang))
            .collect();
        *ctx.status = Some(Status::info((strings(lang).prefilled)(&fields.join(", "))));
    }
    if !result.ask.is_empty() && ctx.popup.is_none() {
        *ctx.popup = Some(Popup::Replace(Replace {
            prefills: result.ask,
            scroll: Default::default(),
        }));
    }
    // A sub-unit: offer the parent's number (the legal entity's); the core made the proposal.
    if let Some(proposal) = result.use_parent.into_iter().next()
        && ctx.popup.is_none()
    {
        *ctx.popup = Some(Popup::UseParent(UseParent {
            proposal,
            scroll: Default::default(),
        }));
    }
    if result.filled.is_empty() {
        Vec::new()
    } else {
        vec![Effect::SaveDraft]
    }
}
