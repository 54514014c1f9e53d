//! Selectors: what the wizard's state means for the keyboard and the rows on screen. Pure
//! functions of the state, shared by `update`, the keymap's caller and drawing.

use super::keymap::{Context, FieldContext, FieldRowKind};
use super::rows::{self, Row, Slot};
use super::state::{Screen, State, StepRef, Wizard};
use crate::form::FieldKind;
use crate::text::Lang;

/// Where the keyboard is, for the keymap and the footer.
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
                contact: matches!(row.field(&wizard.spec).kind, FieldKind::Contact { .. }),
                file: matches!(row.value_kind, FieldKind::File(_)),
            }),
            None if wizard.step_ref() == StepRef::Review => Context::Review,
            None => Context::List,
        },
    }
}

/// The rows of the wizard's current step (empty on the checklist and the review).
pub fn current_rows(wizard: &Wizard, lang: Lang) -> Vec<Row> {
    match wizard.step_ref() {
        StepRef::Form(i) => rows::step_rows(
            &wizard.spec,
            &wizard.answers,
            &wizard.spec.steps[i].id,
            lang,
        ),
        _ => Vec::new(),
    }
}

pub fn focused_row(wizard: &Wizard, lang: Lang) -> Option<Row> {
    current_rows(wizard, lang).into_iter().nth(wizard.focus)
}

/// The review's entries: every visible row of every form step, in order, with its step.
pub fn review_rows(wizard: &Wizard, lang: Lang) -> Vec<(usize, Row)> {
    wizard
        .spec
        .steps
        .iter()
        .enumerate()
        .flat_map(|(i, step)| {
            rows::step_rows(&wizard.spec, &wizard.answers, &step.id, lang)
                .into_iter()
                .map(move |row| (i + 1, row))
        })
        .collect()
}
