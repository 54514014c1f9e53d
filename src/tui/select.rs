//! Selectors: the rows on screen for the wizard's step and focus. Pure functions of the wizard,
//! shared by `update`, the popups and drawing.

use super::rows::Row;
use super::wizard::{StepRef, Wizard};
use crate::text::Lang;

/// The rows of the wizard's current step (empty on the checklist and the review).
pub fn current_rows(wizard: &Wizard, lang: Lang) -> Vec<Row> {
    match wizard.step_ref() {
        StepRef::Form(i) => wizard.session.step_rows(i, lang),
        StepRef::Checklist | StepRef::Review => Vec::new(),
    }
}

pub fn focused_row(wizard: &Wizard, lang: Lang) -> Option<Row> {
    current_rows(wizard, lang).into_iter().nth(wizard.focus)
}

/// The review's entries: every visible row of every form step, in order, with its step.
pub fn review_rows(wizard: &Wizard, lang: Lang) -> Vec<(usize, Row)> {
    (0..wizard.spec().steps.len())
        .flat_map(|i| {
            wizard
                .session
                .step_rows(i, lang)
                .into_iter()
                .map(move |row| (i + 1, row))
        })
        .collect()
}
