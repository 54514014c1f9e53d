//! Editing the focused row: the text editor opened on it, typed text written into the session as
//! typed, and committed (normalised) when the row is left. Shared by the wizard's update and the
//! popups that change answers; nothing here touches the disk.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::action::Effect;
use super::rows::{self, RowKind};
use super::select::{current_rows, focused_row};
use super::wizard::{Editor, Wizard};
use crate::text::Lang;

/// A text area holding `text`, the cursor at its end.
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
pub fn open_editor(wizard: &mut Wizard, lang: Lang) {
    wizard.editor = match focused_row(wizard, lang) {
        Some(row) => match row.kind {
            RowKind::Text { multiline } => {
                let value = rows::shown_text(wizard.spec(), wizard.session.answers(), &row);
                Some(Editor::new(row.id, &value, multiline))
            }
            RowKind::Select | RowKind::MultiSelect | RowKind::YesNo | RowKind::AddEntry => None,
        },
        None => None,
    };
}

/// Writes the editor's text into the answers as typed (live, so conditions follow at once).
pub fn sync_editor(wizard: &mut Wizard, lang: Lang) {
    let Some(editor) = &wizard.editor else { return };
    let Some(row) = focused_row(wizard, lang).filter(|r| r.id == editor.row_id) else {
        return;
    };
    let text = editor.text();
    wizard.session.set_text(&row, text);
}

/// Leaving a row: its text is stored in normal form (org number without spaces, phone as E.164).
pub fn commit_editor(wizard: &mut Wizard, lang: Lang) {
    sync_editor(wizard, lang);
    let Some(editor) = wizard.editor.take() else {
        return;
    };
    if let Some(row) = focused_row(wizard, lang).filter(|r| r.id == editor.row_id) {
        wizard.session.commit(&row);
    }
}

/// A key for a text editor, without control characters (a terminal can deliver raw ones).
pub fn clean_input(key: KeyEvent) -> Option<ratatui_textarea::Input> {
    if let KeyCode::Char(c) = key.code
        && c.is_control()
    {
        return None;
    }
    // Ctrl and Alt combinations the keymap did not take are the textarea's editing shortcuts.
    Some(ratatui_textarea::Input::from(key))
}

/// What the answers need from the network, in the background: valid company and bank numbers
/// not yet looked up, the company's roles, and the production domain not yet checked. Each is
/// handed out once (the session marks it pending).
pub fn lookups_and_checks(wizard: &mut Wizard) -> Vec<Effect> {
    let lookups = wizard
        .session
        .numbers_to_look_up()
        .into_iter()
        .map(Effect::LookUp);
    let roles = wizard
        .session
        .roles_to_look_up()
        .into_iter()
        .map(Effect::LookUpRoles);
    let domain = wizard
        .session
        .domain_to_check()
        .map(|url| Effect::CheckDomain { url });
    lookups.chain(roles).chain(domain).collect()
}

/// After a change that is complete at once (a toggle, a pick, a copy): mark the row left, check,
/// save, and read any attached file the change brought.
pub fn changed(wizard: &mut Wizard, row_id: &str) -> Vec<Effect> {
    wizard.touched.insert(row_id.to_string());
    wizard.session.recheck();
    let files = wizard
        .session
        .files_to_check()
        .into_iter()
        .map(Effect::CheckFile);
    std::iter::once(Effect::SaveDraft).chain(files).collect()
}

/// Removes entry `index` of repeat `field` (asked first, see `popup::remove_entry`); the focus
/// stays where it was, within the rows left.
pub fn remove_entry(
    wizard: &mut Wizard,
    lang: Lang,
    field: &str,
    index: usize,
    row_id: &str,
) -> Vec<Effect> {
    commit_editor(wizard, lang);
    wizard
        .session
        .edit_entry(field, index, crate::session::EntryChange::Remove);
    let len = current_rows(wizard, lang).len();
    wizard.focus = wizard.focus.min(len.saturating_sub(1));
    let effects = changed(wizard, row_id);
    open_editor(wizard, lang);
    effects
}
