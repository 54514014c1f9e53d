//! Everything the wizard shows, in one place. `update` changes it; drawing only reads it.

use std::collections::{BTreeMap, BTreeSet};

use crate::answers::{Answers, Progress};
use crate::draft::{Draft, DraftName};
use crate::form::FormSpec;
use crate::prereq::Item;
use crate::registry::{BankChoice, Lookup};
use crate::text::Lang;
use crate::validate::Problem;

use super::theme::Theme;

/// The popups live in `popup/`, one file each; the state holds the one that shows.
pub use super::popup::Popup;

pub struct State {
    pub lang: Lang,
    pub theme: Theme,
    pub screen: Screen,
    pub popup: Option<Popup>,
    /// One line under the footer: what just happened (saved, an error to retry).
    pub status: Option<Status>,
    pub quit: bool,
    /// Where the program was started: the default folder for a bundle.
    pub cwd: std::path::PathBuf,
    /// Today's date for validation (certificate age), fixed per session so tests are stable.
    pub today: jiff::civil::Date,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

pub enum Screen {
    Home(Home),
    Wizard(Box<Wizard>),
}

/// A draft as the home screen lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftRow {
    pub name: String,
    pub form: String,
    pub progress: Option<Progress>,
    pub status: String,
    pub updated: String,
    /// Why the draft cannot be opened (corrupt, newer schema, unknown questionnaire).
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormRow {
    pub id: String,
    pub title: String,
    pub about: String,
}

pub struct Home {
    pub drafts: Vec<DraftRow>,
    pub forms: Vec<FormRow>,
    pub selected: usize,
}

/// A step of the wizard: the checklist first, the questionnaire's steps, the review last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepRef {
    Checklist,
    Form(usize),
    Review,
}

pub struct Wizard {
    pub name: DraftName,
    pub spec: FormSpec,
    pub answers: Answers,
    /// The draft as last saved (status, times); its answers table is refreshed on save.
    pub draft: Draft,
    /// 0 = checklist, 1..=steps = the questionnaire's steps, steps+1 = review.
    pub step: usize,
    /// The focused row (form steps), item (checklist) or entry (review).
    pub focus: usize,
    /// The text editor of the focused row, when it is edited as text.
    pub editor: Option<Editor>,
    /// Rows the user has left at least once: their problems are shown.
    pub touched: BTreeSet<String>,
    /// Validation problems and checklist, recomputed when answers change, never while drawing.
    pub problems: Vec<Problem>,
    pub checklist: Vec<Item>,
    pub progress: Progress,
    /// Answers changed since the last save.
    pub dirty: bool,
    pub saved_at: Option<jiff::Timestamp>,
    /// What the registry said, by organisation number (feeds the checklist and the prefill).
    pub lookups: BTreeMap<String, Lookup>,
    /// Numbers being looked up in the background.
    pub pending: BTreeSet<String>,
    /// The bank picker's banks, under the registry's current names where known.
    pub banks: Vec<BankChoice>,
}

pub use super::editor::Editor;

impl Wizard {
    pub fn step_count(&self) -> usize {
        self.spec.steps.len() + 2
    }

    pub fn step_ref(&self) -> StepRef {
        step_ref(self.step, self.spec.steps.len())
    }
}

pub fn step_ref(step: usize, form_steps: usize) -> StepRef {
    if step == 0 {
        StepRef::Checklist
    } else if step <= form_steps {
        StepRef::Form(step - 1)
    } else {
        StepRef::Review
    }
}
