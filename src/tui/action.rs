//! What can happen in the wizard. Keys become commands through the keymap; typed text, pastes and
//! the results of effects arrive as the other actions.

use crossterm::event::KeyEvent;

use super::screen::{DraftRow, FormRow};
use super::wizard::Wizard;
use crate::draft::Draft;

/// What a key can ask for: the keymap binds keys to these and draws their hints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Save,
    SaveAndQuit,
    ToggleHelp,
    /// Esc: close a popup; in the wizard, save and go back to the drafts.
    Cancel,
    NextField,
    PrevField,
    NextStep,
    PrevStep,
    Up,
    Down,
    /// Enter on a list item, a select, an add row.
    Activate,
    Toggle,
    SetYes,
    SetNo,
    AddEntry,
    RemoveEntry,
    MoveEntryUp,
    MoveEntryDown,
    SameAs,
    CompletePath,
    /// On an empty line with a proposal: take it (and, the second, move on).
    TakeProposal,
    TakeProposalAndNext,
    /// Empty the focused field (its text, pick or yes/no).
    ClearField,
    /// Take back the last edit of the focused field (a clear too).
    Undo,
    /// On the review: write the signed-ready bundle.
    CreateBundle,
    /// On the review: preview the email, then send it.
    Send,
    /// On the home screen: mark a draft signed / credentials received.
    MarkStatus,
    /// Scroll a long text by a page.
    ScrollUp,
    ScrollDown,
    NewOrder,
    DeleteDraft,
    Confirm,
}

pub enum Action {
    Command(Command),
    /// A key for the focused text editor or filter.
    Edit(KeyEvent),
    /// Bracketed paste: a single-line field drops the newlines.
    Paste(String),
    /// The terminal changed size: the next frame lays out anew; scrolling keeps to the new size.
    Resize(ratatui::layout::Size),
    /// The program is told to end (SIGTERM, SIGHUP): keep the typed text, save, leave, whatever
    /// shows.
    Terminate,
    // Results of effects.
    /// The draft was written at this time: it is the saved state from now on.
    Saved {
        draft: Box<Draft>,
        at: jiff::Timestamp,
    },
    /// A record was added to the draft on disk (a send, a bundle): keep the copy in step.
    Recorded(Box<Draft>),
    Failed(String),
    HomeLoaded {
        drafts: Vec<DraftRow>,
        forms: Vec<FormRow>,
    },
    /// A draft was opened. `check_now` validates it and asks the registry at once; otherwise
    /// that waits for `Recheck` (after the first frame).
    Opened {
        wizard: Box<Wizard>,
        check_now: bool,
    },
    Completed {
        row_id: String,
        items: Vec<String>,
    },
    /// The message to send is built: show it. `resend` says when it went before.
    Prepared {
        prepared: Box<crate::mail::Prepared>,
        /// What `send --dry-run` prints for it: the transport, headers, attachments with size
        /// and SHA-256, the body, the further messages.
        shown: String,
        resend: Option<String>,
        needs_password: bool,
    },
    /// The messages were sent and recorded, in order (the order first).
    Sent(Vec<crate::mail::SendRecord>),
    /// Time passes (spinners turn).
    Tick,
    /// The order cannot be sent by email (an access request): why, and where to file it.
    NotSendable(String),
    /// The bundle was written: its folder, zip and the zip's SHA-256; for an access request,
    /// where to file it.
    Bundled {
        dir: String,
        zip: String,
        sha256: String,
        access_request: Option<String>,
    },
    /// Validate the open draft, evaluate its checklist and ask the registry (after opening it).
    Recheck,
    /// The bank list with the registry's current names (read from the lookup cache).
    Banks(Vec<crate::registry::BankChoice>),
    /// A registry lookup came back.
    LookedUp(Box<crate::registry::Lookup>),
    /// The live check of the production domain came back (stale when the answer changed since).
    DomainChecked(Box<crate::domain_check::DomainCheck>),
    /// A lookup of the company's roles came back.
    RolesLookedUp(Box<crate::registry::RolesLookup>),
    /// An attached file was read.
    FileChecked {
        path: String,
        check: Box<crate::kind::file::FileCheck>,
    },
}

/// Work for the app loop: anything that touches the disk or the outside world.
#[derive(Debug)]
pub enum Effect {
    /// Save the open draft (atomically, through the store).
    SaveDraft,
    /// Load the drafts and questionnaires for the home screen.
    LoadHome,
    OpenDraft(String),
    CreateDraft {
        form: String,
        name: String,
    },
    DeleteDraft(String),
    /// List the paths that start with `prefix` for a file row.
    CompletePath {
        row_id: String,
        prefix: String,
    },
    /// Look an organisation number up in the registry, in the background.
    LookUp(String),
    /// Check the production domain of this answer live, in the background.
    CheckDomain {
        url: String,
    },
    /// Look the company's roles up in the registry, in the background.
    LookUpRoles(String),
    /// Read the bank list's names from the lookup cache (no request).
    LoadBanks,
    /// Read an attached file and check it against its rules.
    CheckFile(crate::session::FileToCheck),
    /// Write the signed-ready bundle of the open draft into this folder.
    CreateBundle(String),
    /// Build the email of the open draft for the preview.
    PrepareSend,
    /// Send the previewed message (on a thread) and record it.
    Send {
        prepared: Box<crate::mail::Prepared>,
        password: Option<zeroize::Zeroizing<String>>,
    },
    /// Mark a draft with a status (home screen).
    SetStatus {
        name: String,
        status: crate::draft::Status,
    },
    /// Let go of the open draft's lock (the program is leaving).
    ReleaseDraft,
}
