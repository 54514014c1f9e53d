//! The home screen's update: the drafts list, and the popups it opens.

use super::super::action::{Action, Command, Effect};
use super::super::popup::{ConfirmDelete, MarkStatus, Popup};
use super::super::screen::Home;

pub(super) fn update(home: &mut Home, popup: &mut Option<Popup>, action: Action) -> Vec<Effect> {
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
