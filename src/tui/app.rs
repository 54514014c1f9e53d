//! The app: the state, the terminal it draws on (any ratatui backend, so whole flows run on
//! `TestBackend`), and the effects that reach the disk. Keys go through the keymap to `update`;
//! effects run here and report back as actions.

use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;

use super::action::{Action, Effect};
use super::keymap;
use super::state::*;
use super::strings::strings;
use super::theme::Theme;
use super::update::{self, context};
use super::view;
use crate::bundle;
use crate::domain_check;
use crate::draft::{DraftError, DraftLock, DraftName, DraftStore, Position};
use crate::form::{Delivery, catalog};
use crate::mail;
use crate::order::{self, DraftSummary, Order};
use crate::registry::{self, Lookup, Registry};
use crate::session::Session;
use crate::text::Lang;

pub struct App<B: Backend> {
    pub terminal: Terminal<B>,
    pub state: State,
    store: DraftStore,
    /// Held while a draft is open, so no other process edits it.
    lock: Option<DraftLock>,
    now: fn() -> jiff::Timestamp,
    /// The registry, when lookups are on; answers arrive on these channels.
    registry: Option<Registry>,
    lookups: Vec<Receiver<Lookup>>,
    /// The live check of the production domain, when it is on; results arrive on these channels.
    domain: Option<domain_check::Checker>,
    domain_checks: Vec<Receiver<domain_check::DomainCheck>>,
    /// Roles lookups on their way.
    role_lookups: Vec<Receiver<crate::registry::RolesLookup>>,
    /// How to send mail, or why it cannot be sent (a broken setting), as loaded at start.
    mail: Result<mail::Config, String>,
    /// A send on its way.
    sending: Option<Sending>,
    /// Validate a draft opened at start only after the first frame (see `settle`).
    defer_first_check: bool,
    check_pending: bool,
    /// Signals when validation's data is loaded (see `warm_up_then_settle`).
    warming: Option<Receiver<()>>,
    /// Lookups and checks asked for before the first frame, started right after it (see
    /// `warm_up_then_settle`): their threads would compete with the first frame for the CPU.
    held: Option<Vec<Effect>>,
    /// Wakes the loop that waits for terminal events when a background result has arrived, so it
    /// shows at once (see [`App::with_waker`]).
    waker: Option<Waker>,
    /// A result is on its way that wakes nobody (no waker, or no thread to forward it): the loop
    /// must look now and then.
    unwatched: bool,
}

/// Called from any thread when a background result is ready to be collected by [`App::tick`].
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// How often the loop looks for results that wake nobody, and moves the send's spinner on.
pub const POLL_WHILE_UNWATCHED: Duration = Duration::from_millis(50);

/// A send on its way: one answer per message, in order, until the first failure.
struct Sending {
    rx: Receiver<Result<mail::Sent, mail::SendError>>,
    /// The messages not answered yet ([`mail::Outgoing::describe`]), in order.
    left: Vec<String>,
    /// The records of the messages sent (and recorded) so far.
    done: Vec<mail::SendRecord>,
}

/// Why the wizard could not start on a draft (shown by the command line before any screen).
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Draft(#[from] DraftError),
    #[error(transparent)]
    Order(#[from] crate::order::OrderError),
}

impl StartError {
    /// What went wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StartError::Draft(e) => e.message(lang),
            StartError::Order(e) => e.message(lang),
        }
    }
}

impl<B: Backend> App<B> {
    pub fn new(
        terminal: Terminal<B>,
        store: DraftStore,
        lang: Lang,
        theme: Theme,
        today: jiff::civil::Date,
    ) -> App<B> {
        let mut state = State::new(
            lang,
            theme,
            std::env::current_dir().unwrap_or_default(),
            today,
        );
        if let Ok(size) = terminal.size() {
            state.size = size;
        }
        App {
            terminal,
            state,
            store,
            lock: None,
            now: jiff::Timestamp::now,
            registry: None,
            lookups: Vec::new(),
            domain: None,
            domain_checks: Vec::new(),
            role_lookups: Vec::new(),
            mail: Err(String::new()),
            sending: None,
            defer_first_check: false,
            check_pending: false,
            warming: None,
            held: None,
            waker: None,
            unwatched: false,
        }
    }

    /// Wakes the caller's loop through `waker` whenever a lookup, a check, the warm-up or a sent
    /// message comes back: the loop then blocks on its events alone, with no time-out.
    pub fn with_waker(mut self, waker: Waker) -> App<B> {
        self.waker = Some(waker);
        self
    }

    /// How long the loop may wait for an event before calling [`App::tick`]: for ever (`None`)
    /// unless a result is out that wakes nobody, or the send's spinner turns.
    pub fn poll_interval(&self) -> Option<Duration> {
        let unwatched = self.waker.is_none() || self.unwatched;
        if self.sending.is_some() || (unwatched && self.is_waiting()) {
            Some(POLL_WHILE_UNWATCHED)
        } else {
            None
        }
    }

    fn wake(&self) -> impl Fn() + Send + 'static {
        let waker = self.waker.clone();
        move || {
            if let Some(waker) = &waker {
                waker();
            }
        }
    }

    /// `rx`, passed on by a thread that wakes the loop when its results arrive. Without a waker,
    /// or when no thread can be started, `rx` itself (and the loop polls).
    fn watched<T: Send + 'static>(&mut self, rx: Receiver<T>) -> Receiver<T> {
        let Some(waker) = self.waker.clone() else {
            return rx;
        };
        let (tx, forwarded) = std::sync::mpsc::channel();
        // Kept here too, so the receiver is not lost when the thread cannot start.
        let slot = Arc::new(Mutex::new(Some(rx)));
        let theirs = slot.clone();
        let spawned = std::thread::Builder::new()
            .name("wake-on-result".into())
            .spawn(move || {
                let Some(rx) = theirs.lock().ok().and_then(|mut rx| rx.take()) else {
                    return;
                };
                for result in rx {
                    if tx.send(result).is_err() {
                        return;
                    }
                    waker();
                }
                // The sender is gone: `tick` sees the channel closed.
                drop(tx);
                waker();
            });
        if spawned.is_ok() {
            return forwarded;
        }
        self.unwatched = true;
        let kept = slot.lock().ok().and_then(|mut rx| rx.take());
        kept.unwrap_or(forwarded)
    }

    /// The draft opened at start is validated by `settle`, after the first frame is drawn:
    /// validation loads libphonenumber's metadata, which takes longer than drawing the frame.
    pub fn with_deferred_first_check(mut self) -> App<B> {
        self.defer_first_check = true;
        self.held = Some(Vec::new());
        self
    }

    /// Does the work put off for the first frame.
    pub fn settle(&mut self) {
        if std::mem::take(&mut self.check_pending) {
            self.dispatch(Action::Recheck);
        }
    }

    /// After the first frame: loads what validation needs (libphonenumber's metadata, a few
    /// milliseconds) on a thread, and validates when it is there (`tick`). Keys work meanwhile.
    pub fn warm_up_then_settle(&mut self) {
        if let Some(held) = self.held.take() {
            self.run_effects(held);
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let wake = self.wake();
        let spawned = std::thread::Builder::new()
            .name("warm-up".into())
            .spawn(move || {
                crate::validate::phone::warm_up();
                let _ = tx.send(());
                wake();
            });
        match spawned {
            Ok(_) => self.warming = Some(rx),
            // No thread: validate here, a little later than hoped.
            Err(_) => self.settle(),
        }
    }

    /// Looks organisation numbers up in this registry (in the background; typing never waits).
    pub fn with_registry(mut self, registry: Registry) -> App<B> {
        self.registry = Some(registry);
        self
    }

    /// Checks the production domain with this checker (in the background; typing never waits).
    pub fn with_domain_check(mut self, checker: domain_check::Checker) -> App<B> {
        self.domain = Some(checker);
        self
    }

    /// Sends mail this way (the configured sender also signs the bundle's email).
    pub fn with_mail(mut self, mail: Result<mail::Config, String>) -> App<B> {
        self.set_mail(mail);
        self
    }

    pub fn set_mail(&mut self, mail: Result<mail::Config, String>) {
        self.mail = mail;
    }

    /// Whether lookups, a send or the warm-up are still on their way.
    pub fn is_waiting(&self) -> bool {
        !self.lookups.is_empty()
            || !self.domain_checks.is_empty()
            || !self.role_lookups.is_empty()
            || self.sending.is_some()
            || self.warming.is_some()
    }

    /// Collects the lookups that have come back; called by the loop between key presses.
    pub fn tick(&mut self) {
        if let Some(rx) = &self.warming
            && !matches!(rx.try_recv(), Err(TryRecvError::Empty))
        {
            self.warming = None;
            self.settle();
        }
        let mut arrived = Vec::new();
        self.lookups.retain(|rx| match rx.try_recv() {
            Ok(lookup) => {
                arrived.push(lookup);
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => false,
        });
        for lookup in arrived {
            self.dispatch(Action::LookedUp(Box::new(lookup)));
        }
        let mut checked = Vec::new();
        self.domain_checks.retain(|rx| match rx.try_recv() {
            Ok(check) => {
                checked.push(check);
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => false,
        });
        for check in checked {
            self.dispatch(Action::DomainChecked(Box::new(check)));
        }
        let mut roles = Vec::new();
        self.role_lookups.retain(|rx| match rx.try_recv() {
            Ok(lookup) => {
                roles.push(lookup);
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => false,
        });
        for lookup in roles {
            self.dispatch(Action::RolesLookedUp(Box::new(lookup)));
        }
        if let Some(sending) = &self.sending {
            match sending.rx.try_recv() {
                Ok(result) => {
                    for action in self.sent(result) {
                        self.dispatch(action);
                    }
                }
                Err(TryRecvError::Empty) => self.dispatch(Action::Tick),
                Err(TryRecvError::Disconnected) => {
                    self.sending = None;
                    self.dispatch(Action::Failed("the send stopped unexpectedly".into()));
                }
            }
        }
        if !self.is_waiting() {
            self.unwatched = false;
        }
    }

    /// A message of the send came back: record it on the draft at once, and report the record
    /// (the state keeps its copy of the draft in step) and, after the last one, the send.
    fn sent(&mut self, result: Result<mail::Sent, mail::SendError>) -> Vec<Action> {
        let Some(mut sending) = self.sending.take() else {
            return Vec::new();
        };
        let sent = match result {
            Ok(sent) => sent,
            Err(e) if sending.done.is_empty() && sending.left.len() == 1 => {
                return vec![Action::Failed(e.message(self.state.lang))];
            }
            // Say exactly what went and what did not.
            Err(e) => {
                return vec![Action::Failed(
                    mail::MailError::NotAllSent {
                        sent: sending.done,
                        not_sent: sending.left,
                        source: Box::new(e),
                    }
                    .to_string(),
                )];
            }
        };
        let Some(lock) = self.lock.as_ref() else {
            return vec![Action::Failed(String::new())];
        };
        // The exact bytes sent are kept beside the draft, then the record names them.
        let fallback = sent.record.clone();
        let record = match mail::keep_sent(&self.store, lock, sent) {
            Ok(record) => record,
            Err(e) => {
                return vec![Action::Failed(
                    mail::MailError::NotRecorded {
                        record: Box::new(fallback),
                        source: e,
                    }
                    .to_string(),
                )];
            }
        };
        match mail::record_sent(&self.store, lock, &record) {
            Ok(draft) => {
                sending.done.push(record);
                if !sending.left.is_empty() {
                    sending.left.remove(0);
                }
                let mut actions = vec![Action::Recorded(Box::new(draft))];
                if sending.left.is_empty() {
                    actions.push(Action::Sent(sending.done));
                } else {
                    self.sending = Some(sending);
                }
                actions
            }
            // Sent, but not recorded: say so plainly, it must not be sent twice by mistake.
            Err(e) => vec![Action::Failed(
                mail::MailError::NotRecorded {
                    record: Box::new(record),
                    source: e,
                }
                .to_string(),
            )],
        }
    }

    /// Fixes the clock (tests and benchmarks).
    pub fn with_clock(mut self, now: fn() -> jiff::Timestamp) -> App<B> {
        self.now = now;
        self
    }

    pub fn start_home(&mut self) {
        self.run_effects(vec![Effect::LoadHome]);
    }

    /// Opens a draft, or says why not.
    pub fn start_edit(&mut self, name: &str) -> Result<(), StartError> {
        let wizard = self.open(name)?;
        self.opened(wizard);
        Ok(())
    }

    fn opened(&mut self, wizard: Box<Wizard>) {
        let check_now = !self.defer_first_check;
        self.check_pending = !check_now;
        self.dispatch(Action::Opened { wizard, check_now });
    }

    /// Creates a draft of a questionnaire and opens it.
    pub fn start_new(&mut self, form: &str, name: Option<&str>) -> Result<(), StartError> {
        let wizard = self.create(form, name)?;
        self.opened(wizard);
        Ok(())
    }

    pub fn should_quit(&self) -> bool {
        self.state.quit
    }

    pub fn draw(&mut self) -> Result<(), B::Error> {
        let state = &self.state;
        self.terminal.draw(|frame| view::draw(frame, state))?;
        Ok(())
    }

    /// A terminal event: a key through the keymap, a paste, a resize.
    pub fn handle_event(&mut self, event: Event) {
        let action = match event {
            Event::Key(key) => keymap::resolve(context(&self.state), key),
            Event::Paste(text) => Some(Action::Paste(text)),
            Event::Resize(width, height) => {
                Some(Action::Resize(ratatui::layout::Size::new(width, height)))
            }
            _ => None,
        };
        if let Some(action) = action {
            self.dispatch(action);
        }
    }

    pub fn dispatch(&mut self, action: Action) {
        let effects = update::update(&mut self.state, action);
        self.run_effects(effects);
    }

    fn run_effects(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            for action in self.run_effect(effect) {
                self.dispatch(action);
            }
        }
    }

    /// Runs one effect; what came of it comes back as actions, in order.
    fn run_effect(&mut self, effect: Effect) -> Vec<Action> {
        if let Some(held) = &mut self.held
            && matches!(
                effect,
                Effect::LookUp(_) | Effect::LookUpRoles(_) | Effect::CheckDomain { .. }
            )
        {
            held.push(effect);
            return Vec::new();
        }
        match effect {
            Effect::SaveDraft => self.save().into_iter().collect(),
            Effect::LoadHome => {
                self.lock = None;
                vec![self.load_home()]
            }
            Effect::OpenDraft(name) => {
                let opened = self.open(&name);
                vec![opened_now(opened, self.state.lang)]
            }
            Effect::CreateDraft { form, name } => {
                let opened = self.create(&form, Some(&name));
                vec![opened_now(opened, self.state.lang)]
            }
            Effect::DeleteDraft(name) => {
                let result = DraftName::parse(&name).and_then(|name| {
                    let lock = self.store.lock(&name)?;
                    self.store.delete(lock)
                });
                result
                    .err()
                    .map(|e| Action::Failed(e.message(self.state.lang)))
                    .into_iter()
                    .collect()
            }
            Effect::CompletePath { row_id, prefix } => vec![Action::Completed {
                row_id,
                items: complete_path(&prefix),
            }],
            Effect::LookUp(number) => {
                if let Some(rx) = self.registry.as_ref().map(|r| r.spawn_lookup(&number)) {
                    let rx = self.watched(rx);
                    self.lookups.push(rx);
                }
                Vec::new()
            }
            Effect::CheckDomain { url } => {
                if let Some(rx) = self.domain.as_ref().map(|c| c.spawn(&url)) {
                    let rx = self.watched(rx);
                    self.domain_checks.push(rx);
                }
                Vec::new()
            }
            Effect::LookUpRoles(number) => {
                if let Some(rx) = self.registry.as_ref().map(|r| r.spawn_roles(&number)) {
                    let rx = self.watched(rx);
                    self.role_lookups.push(rx);
                }
                Vec::new()
            }
            Effect::CheckFile(file) => {
                let check =
                    crate::kind::file::check_file(&file.path, &file.rules, self.state.today);
                vec![Action::FileChecked {
                    path: file.path,
                    check: Box::new(check),
                }]
            }
            Effect::LoadBanks => match &self.registry {
                Some(registry) => vec![Action::Banks(registry::bank_choices(registry.cache()))],
                None => Vec::new(),
            },
            Effect::CreateBundle(dir) => self.create_bundle(Path::new(&dir)),
            Effect::PrepareSend => vec![self.prepare_send()],
            Effect::Send { prepared, password } => {
                self.start_send(*prepared, password).into_iter().collect()
            }
            Effect::SetStatus { name, status } => {
                let result = DraftName::parse(&name)
                    .map_err(|e| e.message(self.state.lang))
                    .and_then(|name| {
                        self.store
                            .lock(&name)
                            .map_err(|e| e.message(self.state.lang))
                    })
                    .and_then(|lock| {
                        mail::set_status(&self.store, &lock, status)
                            .map_err(|e| e.message(self.state.lang))
                    });
                result.err().map(Action::Failed).into_iter().collect()
            }
            Effect::ReleaseDraft => {
                self.lock = None;
                Vec::new()
            }
        }
    }

    /// Saves the open draft through the store (atomic), with where the user is.
    fn save(&mut self) -> Option<Action> {
        let Screen::Wizard(wizard) = &self.state.screen else {
            return None;
        };
        let lock = self.lock.as_ref()?;
        let now = (self.now)();
        let draft = wizard
            .session
            .draft_to_save(Some(position(wizard, self.state.lang)), now);
        Some(match self.store.save(lock, &draft) {
            Ok(()) => Action::Saved {
                draft: Box::new(draft),
                at: now,
            },
            Err(e) => Action::Failed(e.message(self.state.lang)),
        })
    }

    /// Builds the email of the open draft for the preview.
    fn prepare_send(&mut self) -> Action {
        let config = match &self.mail {
            Ok(config) => config,
            Err(problem) => return Action::Failed(problem.clone()),
        };
        let Screen::Wizard(wizard) = &self.state.screen else {
            return Action::Failed(String::new());
        };
        let session = &wizard.session;
        match mail::prepare(
            &session.order(),
            config,
            &session.facts(),
            session.context(),
        ) {
            Ok(prepared) => Action::Prepared {
                // The wizard sends every message (the preview warns when it went before).
                shown: prepared.send_preview(
                    &prepared.all_files(),
                    config.transport.as_ref(),
                    self.state.lang,
                ),
                prepared: Box::new(prepared),
                resend: mail::already_sent(session.draft()).map(|why| why.to_string()),
                needs_password: config.needs_password() && mail::password_from_env().is_none(),
            },
            Err(mail::MailError::AccessRequest {
                draft,
                title,
                place,
            }) => Action::NotSendable(mail::access_request_refusal(
                &draft,
                &title,
                &place,
                self.state.lang,
            )),
            Err(e) => Action::Failed(e.message(self.state.lang)),
        }
    }

    /// Sends on a thread, so the screen keeps drawing; `tick` collects the answer.
    fn start_send(
        &mut self,
        prepared: mail::Prepared,
        password: Option<zeroize::Zeroizing<String>>,
    ) -> Option<Action> {
        let Ok(config) = self.mail.clone() else {
            return Some(Action::Failed(String::new()));
        };
        // What is sent must be what was previewed: a draft changed since (in another way) is refused.
        if let Screen::Wizard(wizard) = &self.state.screen
            && wizard.session.draft().updated != prepared.draft_updated
        {
            return Some(Action::Failed(mail::MailError::Changed.to_string()));
        }
        let password = password.or_else(mail::password_from_env);
        let left = prepared
            .messages()
            .iter()
            .map(mail::Outgoing::describe)
            .collect();
        let (tx, rx) = std::sync::mpsc::channel();
        let wake = self.wake();
        // Every message, in order (the preview said when it went before); `tick` records each
        // answer as it comes, and the first failure stops the rest.
        std::thread::Builder::new()
            .name("send".into())
            .spawn(move || {
                let password = password.as_deref().map(|p| p.as_str());
                for message in prepared.messages() {
                    let result = mail::send_message(&prepared, &message, &config, password);
                    let failed = result.is_err();
                    let gone = tx.send(result).is_err();
                    wake();
                    if gone || failed {
                        break;
                    }
                }
            })
            .ok()?;
        self.sending = Some(Sending {
            rx,
            left,
            done: Vec::new(),
        });
        None
    }

    /// Writes the bundle of the open draft and records it on the draft.
    fn create_bundle(&mut self, dir: &Path) -> Vec<Action> {
        let (Screen::Wizard(wizard), Some(lock)) = (&self.state.screen, self.lock.as_ref()) else {
            return vec![Action::Failed(String::new())];
        };
        let order = wizard.session.order();
        // The bundle's checklist says what the registry said, as on the command line.
        let options = bundle::Options {
            facts: wizard.session.facts(),
            force: false,
            sender: self.mail.as_ref().ok().and_then(|m| m.sender().cloned()),
        };
        let result = bundle::create(&order, dir, &options).and_then(|outcome| {
            bundle::record(&self.store, lock, &outcome, (self.now)())?;
            Ok(outcome)
        });
        match result {
            Ok(outcome) => {
                let mut actions = Vec::new();
                // The record is on disk; the copy in memory follows, so the next save keeps it.
                if let Ok(draft) = self.store.load(&order.name) {
                    actions.push(Action::Recorded(Box::new(draft)));
                }
                let lang = self.state.lang;
                let access_request = match order.spec.delivery(&order.answers) {
                    Delivery::AccessRequest { title, place } => Some((strings(lang)
                        .bundle_access_request)(
                        title.get(lang),
                        place.get(lang),
                    )),
                    Delivery::Email { .. } | Delivery::Missing { .. } => None,
                };
                actions.push(Action::Bundled {
                    dir: outcome.dir.display().to_string(),
                    zip: outcome.zip.display().to_string(),
                    sha256: outcome.zip_sha256,
                    access_request,
                });
                actions
            }
            Err(e) => vec![Action::Failed(e.message(self.state.lang))],
        }
    }

    fn load_home(&self) -> Action {
        let lang = self.state.lang;
        let drafts = match order::summaries(&self.store) {
            Ok(listed) => listed
                .into_iter()
                .map(|listed| draft_row(listed, lang))
                .collect(),
            Err(e) => return Action::Failed(e.message(self.state.lang)),
        };
        let forms = catalog::shipped()
            .map(|forms| {
                forms
                    .into_iter()
                    .map(|f| FormRow {
                        id: f.id.clone(),
                        title: f.title.get(lang).to_string(),
                        about: f.about.get(lang).to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Action::HomeLoaded { drafts, forms }
    }

    fn open(&mut self, name: &str) -> Result<Box<Wizard>, StartError> {
        let name = DraftName::parse(name)?;
        let (order, lock) = Order::open_locked(&self.store, &name)?;
        self.lock = Some(lock);
        Ok(build_wizard(order, &self.state))
    }

    /// A new draft of a questionnaire; without a name, the first free `<form>-<n>`.
    fn create(&mut self, form: &str, name: Option<&str>) -> Result<Box<Wizard>, StartError> {
        let spec = crate::order::form(form)?;
        let name = match name {
            Some(name) => DraftName::parse(name)?,
            None => crate::order::free_name(&self.store, &spec.id),
        };
        let (order, lock) = crate::order::create(&self.store, spec, &name, (self.now)())?;
        self.lock = Some(lock);
        Ok(build_wizard(order, &self.state))
    }
}

/// Where the user is, to come back to it on resume.
/// A draft as the home screen lists it.
fn draft_row(listed: DraftSummary, lang: Lang) -> DraftRow {
    let name = listed.name.to_string();
    match listed.summary {
        Ok(summary) => DraftRow {
            name,
            form: summary.form,
            progress: Some(summary.progress),
            status: summary.status.label(lang).to_string(),
            updated: crate::text::local_time_in_list(summary.updated, lang),
            error: None,
        },
        Err(e) => DraftRow {
            name,
            form: String::new(),
            progress: None,
            status: String::new(),
            updated: String::new(),
            error: Some(e.to_string()),
        },
    }
}

fn position(wizard: &Wizard, lang: Lang) -> Position {
    let step = match wizard.step_ref() {
        StepRef::Checklist => "checklist".to_string(),
        StepRef::Review => "review".to_string(),
        StepRef::Form(i) => wizard.spec().steps[i].id.clone(),
    };
    Position {
        step,
        field: update::focused_row(wizard, lang).map(|r| r.id),
    }
}

/// A draft opened from the home screen: validated at once, the screen is already up.
fn opened_now(opened: Result<Box<Wizard>, StartError>, lang: Lang) -> Action {
    match opened {
        Ok(wizard) => Action::Opened {
            wizard,
            check_now: true,
        },
        Err(e) => Action::Failed(e.message(lang)),
    }
}

/// A wizard on an opened order, at the step and field where the user left it.
fn build_wizard(order: Order, state: &State) -> Box<Wizard> {
    let (lang, today) = (state.lang, state.today);
    let mut session = Session::new(order, today);
    session.set_base_dir(&state.cwd);
    let mut wizard = Box::new(Wizard::new(session));
    let Some(position) = wizard.session.draft().position.clone() else {
        return wizard;
    };
    let steps = wizard.spec().steps.len();
    wizard.step = match position.step.as_str() {
        "checklist" => 0,
        "review" => steps + 1,
        id => wizard
            .spec()
            .steps
            .iter()
            .position(|s| s.id == id)
            .map_or(0, |i| i + 1),
    };
    if let (StepRef::Form(i), Some(field)) = (wizard.step_ref(), position.field) {
        let rows = wizard.session.step_rows(i, lang);
        wizard.focus = rows.iter().position(|r| r.id == field).unwrap_or(0);
    }
    wizard
}

/// Paths starting with `prefix` (a folder's entries when it ends with `/`), folders marked `/`.
pub fn complete_path(prefix: &str) -> Vec<String> {
    let home = directories::BaseDirs::new().map(|d| d.home_dir().display().to_string());
    complete_path_from(prefix, home.as_deref())
}

/// [`complete_path`] with `~` standing for `home`: `~/Doc` lists `/home/kari/Documents/`, the
/// home folder written out, as the answer will hold it.
pub fn complete_path_from(prefix: &str, home: Option<&str>) -> Vec<String> {
    let prefix = prefix.trim();
    let expanded = match (prefix, prefix.strip_prefix("~/"), home) {
        ("~", _, Some(home)) => format!("{}/", home.trim_end_matches('/')),
        (_, Some(rest), Some(home)) => format!("{}/{rest}", home.trim_end_matches('/')),
        _ => prefix.to_string(),
    };
    let prefix = expanded.as_str();
    let (dir, start) = match prefix.rfind('/') {
        Some(i) => (&prefix[..=i], &prefix[i + 1..]),
        None => ("", prefix),
    };
    let read_from = if dir.is_empty() {
        Path::new(".")
    } else {
        Path::new(dir)
    };
    let Ok(entries) = std::fs::read_dir(read_from) else {
        return Vec::new();
    };
    let mut items: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            if !name.starts_with(start) || (name.starts_with('.') && !start.starts_with('.')) {
                return None;
            }
            let slash = if entry.file_type().ok()?.is_dir() {
                "/"
            } else {
                ""
            };
            Some(format!("{dir}{name}{slash}"))
        })
        .collect();
    items.sort();
    items.truncate(200);
    items
}
