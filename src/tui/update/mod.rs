//! `update(state, action) -> effects`: the only place the wizard's state changes. Nothing here
//! touches the disk or the terminal; saving, loading, lookups, reading attached files and path
//! listing are effects for the app loop, which report back as actions.
//!
//! Split per screen: `home` (the drafts list), `wizard` (moving between rows and steps, the
//! commands on a row, lookups); editing a row's text is `super::editing`, and a popup's own
//! update is in its file under `super::popup`.

mod home;
#[cfg(test)]
mod tests;
mod wizard;

use super::action::{Action, Command, Effect};
use super::editing::commit_editor;
use super::popup::{self, Completions, Info, Popup, Preview};
use super::state::*;
use super::strings::strings;

// The selectors live in `select` and `context`; re-exported here, where callers (and tests)
// have found them.
pub use super::context::{context, screen_context};
pub use super::select::{current_rows, focused_row, review_rows};

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Resize(size) => {
            state.size = size;
            Vec::new()
        }
        action @ (Action::Saved { .. }
        | Action::Recorded(_)
        | Action::Opened { .. }
        | Action::Banks(_)
        | Action::Recheck
        | Action::LookedUp(_)
        | Action::DomainChecked(_)
        | Action::RolesLookedUp(_)
        | Action::FileChecked { .. }) => wizard::effect_came_back(state, action),
        action @ (Action::Failed(_)
        | Action::NotSendable(_)
        | Action::Tick
        | Action::Prepared { .. }
        | Action::Sent(_)
        | Action::HomeLoaded { .. }
        | Action::Bundled { .. }
        | Action::Completed { .. }) => {
            came_back(state, action);
            Vec::new()
        }
        Action::Command(Command::ToggleHelp) => {
            popup::help::toggle_in(state);
            Vec::new()
        }
        Action::Command(Command::SaveAndQuit) => save_and_quit(state),
        Action::Terminate => terminate(state),
        action if state.popup.is_some() => popup_update(state, action),
        action => match &mut state.screen {
            Screen::Home(home) => home::update(home, &mut state.popup, action),
            Screen::Wizard(wizard) => {
                let mut ctx = wizard::Ctx {
                    popup: &mut state.popup,
                    status: &mut state.status,
                    cwd: &state.cwd,
                    lang: state.lang,
                    size: state.size,
                };
                wizard::update(wizard, &mut ctx, action)
            }
        },
    }
}

/// The result of an effect that changes what shows (a popup, the status line, the home screen),
/// whatever the screen.
fn came_back(state: &mut State, action: Action) {
    match action {
        Action::Failed(message) => {
            // A failed send is explained in full; the draft is as it was.
            if state.popup.as_ref().is_some_and(Popup::is_sending) {
                state.popup = Some(Popup::Info(Info::not_sent(&message, state.lang)));
            }
            state.status = Some(Status::error(message));
        }
        Action::Tick => {
            if let Some(Popup::Sending(sending)) = &mut state.popup {
                sending.tick();
            }
        }
        Action::Prepared {
            prepared,
            shown,
            resend,
            needs_password,
        } => {
            state.popup = Some(Popup::Preview(Box::new(Preview::new(
                *prepared,
                shown,
                resend,
                needs_password,
            ))));
        }
        Action::Sent(records) => {
            let (info, first) = Info::sent(&records, state.lang);
            state.popup = Some(Popup::Info(info));
            state.status = Some(Status::info(first));
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
        }
        Action::NotSendable(message) => {
            state.popup = Some(Popup::Info(Info::not_sendable(&message, state.lang)));
            state.status = Some(Status::error(strings(state.lang).not_sent.to_string()));
        }
        Action::Bundled {
            dir,
            zip,
            sha256,
            access_request,
        } => {
            let mut info = Info::bundled(&dir, &zip, &sha256, state.lang);
            info.lines.extend(access_request);
            state.popup = Some(Popup::Info(info));
        }
        // One path that fits is put in at once, as a shell's Tab does; several are offered.
        Action::Completed { row_id, items } => match <[String; 1]>::try_from(items) {
            Ok([only]) => {
                Completions::new(row_id, vec![only]).complete_in(&mut state.screen, state.lang)
            }
            Err(items) if items.is_empty() => {}
            Err(items) => state.popup = Some(Popup::Completions(Completions::new(row_id, items))),
        },
        _ => {}
    }
}

/// Ctrl-Q from any screen: the typed text is kept, the draft saved, the program left.
fn save_and_quit(state: &mut State) -> Vec<Effect> {
    // Quitting while a message is on its way would lose its send record: wait for it.
    if state.popup.as_ref().is_some_and(Popup::is_sending) {
        return Vec::new();
    }
    leave(state)
}

/// A signal to end: as Ctrl-Q, but without waiting for anything, since the system will not wait
/// either (a message on its way may then go unrecorded; its kept copy says what went).
fn terminate(state: &mut State) -> Vec<Effect> {
    leave(state)
}

/// Keeps the typed text, saves the draft and releases it, and ends the program.
fn leave(state: &mut State) -> Vec<Effect> {
    state.popup = None;
    state.quit = true;
    match &mut state.screen {
        Screen::Wizard(wizard) => {
            commit_editor(wizard, state.lang);
            vec![Effect::SaveDraft, Effect::ReleaseDraft]
        }
        Screen::Home(_) => vec![Effect::ReleaseDraft],
    }
}

/// An action while a popup shows goes to the popup, which says what shows next.
fn popup_update(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(popup) = state.popup.take() else {
        return Vec::new();
    };
    let mut ctx = popup::Ctx {
        screen: &mut state.screen,
        status: &mut state.status,
        cwd: &state.cwd,
        today: state.today,
        lang: state.lang,
        size: state.size,
    };
    let outcome = popup.update(&mut ctx, action);
    state.popup = outcome.next;
    outcome.effects
}
