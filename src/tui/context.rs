//! Where the keyboard is, for the keymap, the footer and the help: a pure function of the state.

use super::keymap::{Context, FieldContext, FieldRowKind};
use super::rows::{RowKind, Slot};
use super::select::focused_row;
use super::state::{Screen, State, StepRef};
use crate::form::FieldKind;
use crate::session::same_as_target;

/// Where the keyboard is: a popup's keys, else the screen's.
pub fn context(state: &State) -> Context {
    match &state.popup {
        Some(popup) => popup.context(),
        None => screen_context(state),
    }
}

/// Where the keyboard is on the screen itself, under any popup (the help lists these keys).
pub fn screen_context(state: &State) -> Context {
    match &state.screen {
        Screen::Home(_) => Context::Home,
        Screen::Wizard(wizard) => match focused_row(wizard, state.lang) {
            Some(row) => Context::Field(FieldContext {
                kind: FieldRowKind::from(&row.kind),
                entry: matches!(row.slot, Slot::Entry { .. }),
                contact: same_as_target(wizard.spec(), &row).is_some(),
                file: matches!(row.value_kind, FieldKind::File(_)),
                signer: wizard.session.name_choices(&row).is_some(),
                proposal: matches!(row.kind, RowKind::Text { multiline: false })
                    && wizard.session.proposal(&row).is_some(),
            }),
            None if wizard.step_ref() == StepRef::Review => Context::Review,
            None => Context::List,
        },
    }
}
