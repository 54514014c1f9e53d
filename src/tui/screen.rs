//! What fills the screen under any popup: the home screen's lists or a wizard, and the status
//! line.

use crate::answers::Progress;

use super::wizard::Wizard;

pub enum Screen {
    Home(Home),
    Wizard(Box<Wizard>),
}

/// One line under the footer: what just happened (saved, an error to retry).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

impl Status {
    pub fn info(text: String) -> Status {
        Status {
            text,
            is_error: false,
        }
    }

    pub fn error(text: String) -> Status {
        Status {
            text,
            is_error: true,
        }
    }
}

pub struct Home {
    pub drafts: Vec<DraftRow>,
    pub forms: Vec<FormRow>,
    pub selected: usize,
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
