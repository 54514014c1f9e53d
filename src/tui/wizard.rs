//! The wizard screen's own state: the core session it drives, and what is the front end's alone
//! (which step and row has the focus, the text editor, which rows the user has left).

use std::collections::BTreeSet;

use crate::form::FormSpec;
use crate::session::Session;

pub use super::editor::Editor;

/// A step of the wizard: the checklist first, the questionnaire's steps, the review last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepRef {
    Checklist,
    Form(usize),
    Review,
}

pub struct Wizard {
    /// The answers and everything derived from them.
    pub session: Session,
    /// 0 = checklist, 1..=steps = the questionnaire's steps, steps+1 = review.
    pub step: usize,
    /// The focused row (form steps), item (checklist) or entry (review).
    pub focus: usize,
    /// The text editor of the focused row, when it is edited as text.
    pub editor: Option<Editor>,
    /// Rows the user has left at least once: their problems are shown.
    pub touched: BTreeSet<String>,
    pub saved_at: Option<jiff::Timestamp>,
    /// The answer of a row without a text editor (a pick, yes/no) as it was before Ctrl-U
    /// cleared it, so Ctrl-Z brings it back.
    pub cleared: Option<(String, crate::answers::Answer)>,
    /// How far the focused row's help is scrolled.
    pub help_scroll: HelpScroll,
}

/// Lines of a row's help scrolled off the top. It belongs to one row: the next row's help starts
/// at its top, without the moves having to reset it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelpScroll {
    row_id: String,
    lines: u16,
}

impl HelpScroll {
    /// Lines scrolled in the help of `row_id`.
    pub fn of(&self, row_id: &str) -> u16 {
        if self.row_id == row_id { self.lines } else { 0 }
    }

    pub fn set(&mut self, row_id: &str, lines: u16) {
        self.row_id = row_id.to_string();
        self.lines = lines;
    }
}

impl Wizard {
    /// A wizard on a session, on the checklist.
    pub fn new(session: Session) -> Wizard {
        let saved_at = Some(session.draft().updated);
        Wizard {
            session,
            step: 0,
            focus: 0,
            editor: None,
            touched: BTreeSet::new(),
            saved_at,
            cleared: None,
            help_scroll: HelpScroll::default(),
        }
    }

    pub fn spec(&self) -> &FormSpec {
        self.session.spec()
    }

    pub fn step_count(&self) -> usize {
        self.spec().steps.len() + 2
    }

    pub fn step_ref(&self) -> StepRef {
        step_ref(self.step, self.spec().steps.len())
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
