//! The one keymap: it turns key presses into commands and it also draws the key hints, both from
//! the same table, so the footer can never promise a key that does something else.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Command};
use super::rows::RowKind;
use crate::text::{Lang, Text};

/// Where the keyboard is: decides which bindings apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Home,
    /// A row of a form step.
    Field(FieldContext),
    /// The checklist: a list whose items jump to fields.
    List,
    /// The review: a list whose items jump to fields, and the order's finish.
    Review,
    /// A message to read: any of its keys closes it.
    Info,
    /// A folder to type (where the bundle goes).
    PathInput,
    /// The send preview; `password` when a password is typed into it.
    Preview {
        password: bool,
    },
    /// A message is being sent: only waiting (and quitting) is possible.
    Sending,
    /// Picking a status to mark a draft with.
    MarkStatus,
    Picker {
        multi: bool,
    },
    Confirm,
    Help,
    PickForm,
    NameInput,
    SameAs,
    Completions,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldContext {
    pub kind: FieldRowKind,
    /// An entry of a repeat: it can be removed and moved.
    pub entry: bool,
    /// A part of a contact: it can be copied from another role.
    pub contact: bool,
    /// A file path: it can be completed.
    pub file: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRowKind {
    Line,
    Multiline,
    Select,
    MultiSelect,
    YesNo,
    AddEntry,
}

impl From<&RowKind> for FieldRowKind {
    fn from(kind: &RowKind) -> Self {
        match kind {
            RowKind::Text { multiline: false } => FieldRowKind::Line,
            RowKind::Text { multiline: true } => FieldRowKind::Multiline,
            RowKind::Select => FieldRowKind::Select,
            RowKind::MultiSelect => FieldRowKind::MultiSelect,
            RowKind::YesNo => FieldRowKind::YesNo,
            RowKind::AddEntry => FieldRowKind::AddEntry,
        }
    }
}

/// A key and the command it gives, with the hint drawn for it (None: works, but not shown).
pub struct Binding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub command: Command,
    pub hint: Option<Hint>,
}

#[derive(Clone, Copy)]
pub struct Hint {
    pub key: &'static str,
    pub nb: &'static str,
    pub en: &'static str,
}

impl Hint {
    pub fn text(&self) -> Text {
        Text::new(self.nb, self.en)
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nb => self.nb,
            Lang::En => self.en,
        }
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn bind(code: KeyCode, modifiers: KeyModifiers, command: Command) -> Binding {
    Binding {
        code,
        modifiers,
        command,
        hint: None,
    }
}

const fn hinted(
    code: KeyCode,
    modifiers: KeyModifiers,
    command: Command,
    key: &'static str,
    nb: &'static str,
    en: &'static str,
) -> Binding {
    Binding {
        code,
        modifiers,
        command,
        hint: Some(Hint { key, nb, en }),
    }
}

/// The bindings of a context, most specific first.
pub fn bindings(context: Context) -> Vec<Binding> {
    use Command::*;
    use KeyCode::*;
    let mut list = Vec::new();
    match context {
        Context::Home => {
            list.push(hinted(Enter, NONE, Activate, "Enter", "åpne", "open"));
            list.push(hinted(Char('n'), NONE, NewOrder, "n", "ny", "new"));
            list.push(hinted(Char('d'), NONE, DeleteDraft, "d", "slett", "delete"));
            list.push(hinted(
                Char('m'),
                NONE,
                MarkStatus,
                "m",
                "merk signert/mottatt",
                "mark signed/received",
            ));
            list.push(bind(Delete, NONE, DeleteDraft));
            list.push(bind(KeyCode::Up, NONE, Command::Up));
            list.push(bind(KeyCode::Down, NONE, Command::Down));
            list.push(bind(Char('k'), NONE, Command::Up));
            list.push(bind(Char('j'), NONE, Command::Down));
            list.push(hinted(Char('q'), NONE, SaveAndQuit, "q", "avslutt", "quit"));
        }
        Context::Field(field) => {
            match field.kind {
                FieldRowKind::Line => {
                    list.push(bind(Enter, NONE, NextField));
                    list.push(bind(KeyCode::Up, NONE, PrevField));
                    list.push(bind(KeyCode::Down, NONE, NextField));
                }
                FieldRowKind::Multiline => {}
                FieldRowKind::Select => {
                    list.push(hinted(Enter, NONE, Activate, "Enter", "velg", "choose"));
                    list.push(bind(Char(' '), NONE, Activate));
                    list.push(bind(KeyCode::Up, NONE, PrevField));
                    list.push(bind(KeyCode::Down, NONE, NextField));
                }
                FieldRowKind::MultiSelect => {
                    list.push(hinted(Enter, NONE, Activate, "Enter", "velg", "choose"));
                    list.push(bind(Char(' '), NONE, Activate));
                    list.push(bind(KeyCode::Up, NONE, PrevField));
                    list.push(bind(KeyCode::Down, NONE, NextField));
                }
                FieldRowKind::YesNo => {
                    list.push(hinted(Char(' '), NONE, Toggle, "Space", "ja/nei", "yes/no"));
                    list.push(bind(Left, NONE, Toggle));
                    list.push(bind(Right, NONE, Toggle));
                    list.push(bind(Char('y'), NONE, SetYes));
                    list.push(bind(Char('j'), NONE, SetYes));
                    list.push(bind(Char('n'), NONE, SetNo));
                    list.push(bind(Enter, NONE, NextField));
                    list.push(bind(KeyCode::Up, NONE, PrevField));
                    list.push(bind(KeyCode::Down, NONE, NextField));
                }
                FieldRowKind::AddEntry => {
                    list.push(hinted(Enter, NONE, AddEntry, "Enter", "legg til", "add"));
                    list.push(bind(Char('a'), NONE, AddEntry));
                    list.push(bind(KeyCode::Up, NONE, PrevField));
                    list.push(bind(KeyCode::Down, NONE, NextField));
                }
            }
            if field.entry {
                list.push(hinted(
                    Char('d'),
                    CTRL,
                    RemoveEntry,
                    "Ctrl-D",
                    "fjern",
                    "remove",
                ));
                list.push(hinted(
                    KeyCode::Up,
                    ALT,
                    MoveEntryUp,
                    "Alt-↑↓",
                    "flytt",
                    "move",
                ));
                list.push(bind(KeyCode::Down, ALT, MoveEntryDown));
            }
            if field.contact {
                list.push(hinted(
                    Char('o'),
                    CTRL,
                    SameAs,
                    "Ctrl-O",
                    "samme som",
                    "same as",
                ));
            }
            if field.file {
                list.push(hinted(
                    Char('f'),
                    CTRL,
                    CompletePath,
                    "Ctrl-F",
                    "fullfør sti",
                    "complete path",
                ));
            }
            wizard_moves(&mut list);
        }
        Context::Review => {
            list.push(hinted(
                Char('b'),
                NONE,
                CreateBundle,
                "b",
                "lag pakke",
                "create bundle",
            ));
            list.push(hinted(Char('s'), NONE, Send, "s", "send", "send"));
            list.push(hinted(
                Enter,
                NONE,
                Activate,
                "Enter",
                "gå til feltet",
                "go to field",
            ));
            list.push(bind(KeyCode::Up, NONE, Command::Up));
            list.push(bind(KeyCode::Down, NONE, Command::Down));
            wizard_moves(&mut list);
        }
        Context::Preview { .. } => {
            list.push(hinted(Enter, NONE, Confirm, "Enter", "send", "send"));
            list.push(hinted(Esc, NONE, Cancel, "Esc", "avbryt", "cancel"));
            list.push(hinted(
                KeyCode::Down,
                NONE,
                Command::Down,
                "↑↓ PgUp/PgDn",
                "bla",
                "scroll",
            ));
            list.push(bind(KeyCode::Up, NONE, Command::Up));
            list.push(bind(KeyCode::PageDown, NONE, Command::ScrollDown));
            list.push(bind(KeyCode::PageUp, NONE, Command::ScrollUp));
        }
        Context::Sending => {}
        Context::Info => {
            list.push(hinted(Enter, NONE, Cancel, "Enter/Esc", "lukk", "close"));
            list.push(bind(Esc, NONE, Cancel));
        }
        Context::PathInput => {
            list.push(hinted(
                Enter,
                NONE,
                Confirm,
                "Enter",
                "lag pakken",
                "create",
            ));
            list.push(hinted(Esc, NONE, Cancel, "Esc", "avbryt", "cancel"));
        }
        Context::List => {
            list.push(hinted(
                Enter,
                NONE,
                Activate,
                "Enter",
                "gå til feltet",
                "go to field",
            ));
            list.push(bind(KeyCode::Up, NONE, Command::Up));
            list.push(bind(KeyCode::Down, NONE, Command::Down));
            wizard_moves(&mut list);
        }
        Context::Picker { multi } => {
            if multi {
                list.push(hinted(Char(' '), NONE, Toggle, "Space", "merk", "mark"));
                list.push(hinted(Enter, NONE, Confirm, "Enter", "ferdig", "done"));
            } else {
                list.push(hinted(Enter, NONE, Confirm, "Enter", "velg", "choose"));
            }
            list.push(bind(KeyCode::Up, NONE, Command::Up));
            list.push(bind(KeyCode::Down, NONE, Command::Down));
            list.push(hinted(Esc, NONE, Cancel, "Esc", "avbryt", "cancel"));
        }
        Context::Confirm => {
            list.push(hinted(Char('y'), NONE, Confirm, "y", "ja", "yes"));
            list.push(bind(Char('j'), NONE, Confirm));
            list.push(hinted(Char('n'), NONE, Cancel, "n/Esc", "nei", "no"));
            list.push(bind(Esc, NONE, Cancel));
            list.push(bind(Enter, NONE, Cancel));
        }
        Context::Help => {
            list.push(hinted(Esc, NONE, Cancel, "Esc", "lukk", "close"));
            list.push(bind(F(1), NONE, Cancel));
            list.push(bind(Enter, NONE, Cancel));
        }
        Context::PickForm | Context::SameAs | Context::Completions | Context::MarkStatus => {
            list.push(hinted(Enter, NONE, Confirm, "Enter", "velg", "choose"));
            list.push(bind(KeyCode::Up, NONE, Command::Up));
            list.push(bind(KeyCode::Down, NONE, Command::Down));
            list.push(hinted(Esc, NONE, Cancel, "Esc", "avbryt", "cancel"));
        }
        Context::NameInput => {
            list.push(hinted(Enter, NONE, Confirm, "Enter", "opprett", "create"));
            list.push(hinted(Esc, NONE, Cancel, "Esc", "avbryt", "cancel"));
        }
    }
    // Everywhere: save, save and quit, help.
    list.push(hinted(Char('s'), CTRL, Save, "Ctrl-S", "lagre", "save"));
    list.push(hinted(
        Char('q'),
        CTRL,
        SaveAndQuit,
        "Ctrl-Q",
        "lagre og avslutt",
        "save & quit",
    ));
    // Ctrl-C arrives as a key in raw mode: it saves and quits too, so no text is lost.
    list.push(bind(Char('c'), CTRL, SaveAndQuit));
    list.push(hinted(F(1), NONE, ToggleHelp, "F1", "hjelp", "help"));
    list
}

/// Moving through the wizard, from any field or list.
fn wizard_moves(list: &mut Vec<Binding>) {
    use Command::*;
    use KeyCode::*;
    list.push(hinted(Tab, NONE, NextField, "Tab", "neste", "next"));
    list.push(hinted(
        BackTab,
        SHIFT,
        PrevField,
        "Shift-Tab",
        "forrige",
        "previous",
    ));
    list.push(bind(BackTab, NONE, PrevField));
    list.push(hinted(
        PageDown,
        NONE,
        NextStep,
        "PgDn/PgUp",
        "steg",
        "step",
    ));
    list.push(bind(PageUp, NONE, PrevStep));
    list.push(hinted(
        Esc,
        NONE,
        Cancel,
        "Esc",
        "til utkastene",
        "to drafts",
    ));
}

/// Whether a binding matches a key. Shift is ignored for characters (the character carries it).
fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    if binding.code != key.code {
        return false;
    }
    let mut modifiers = key.modifiers;
    if matches!(key.code, KeyCode::Char(_)) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    modifiers == binding.modifiers
}

/// Contexts where unbound keys are typed text.
fn takes_text(context: Context) -> bool {
    match context {
        Context::Field(f) => matches!(
            f.kind,
            FieldRowKind::Line | FieldRowKind::Multiline | FieldRowKind::Select
        ),
        Context::Picker { .. } | Context::NameInput | Context::PathInput => true,
        Context::Preview { password } => password,
        _ => false,
    }
}

/// The action for a key in a context. Only presses count: terminals that report releases and
/// repeats would otherwise type every character twice.
pub fn resolve(context: Context, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if let Some(binding) = bindings(context).into_iter().find(|b| matches(b, &key)) {
        return Some(Action::Command(binding.command));
    }
    takes_text(context).then_some(Action::Edit(key))
}

/// The hints of a context, in table order, each key once.
pub fn hints(context: Context) -> Vec<Hint> {
    let mut seen = Vec::new();
    bindings(context)
        .into_iter()
        .filter_map(|b| b.hint)
        .filter(|h| {
            let new = !seen.contains(&h.key);
            seen.push(h.key);
            new
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn line() -> Context {
        Context::Field(FieldContext {
            kind: FieldRowKind::Line,
            entry: false,
            contact: false,
            file: false,
        })
    }

    #[test]
    fn every_hinted_key_resolves_to_its_own_command() {
        let contexts = [
            Context::Home,
            line(),
            Context::List,
            Context::Picker { multi: true },
            Context::Confirm,
            Context::Help,
            Context::PickForm,
            Context::NameInput,
            Context::Review,
            Context::Info,
            Context::PathInput,
            Context::Preview { password: true },
        ];
        for context in contexts {
            for binding in bindings(context).iter().filter(|b| b.hint.is_some()) {
                let resolved = resolve(context, key(binding.code, binding.modifiers));
                let first = bindings(context)
                    .into_iter()
                    .find(|b| matches(b, &key(binding.code, binding.modifiers)))
                    .map(|b| b.command);
                assert!(
                    matches!(resolved, Some(Action::Command(c)) if Some(c) == first),
                    "{context:?}: {} does not do what its hint says",
                    binding.hint.map(|h| h.key).unwrap_or_default()
                );
            }
        }
    }

    #[test]
    fn releases_are_ignored() {
        let mut release = key(KeyCode::Char('a'), NONE);
        release.kind = KeyEventKind::Release;
        assert!(resolve(line(), release).is_none());
        assert!(matches!(
            resolve(line(), key(KeyCode::Char('a'), NONE)),
            Some(Action::Edit(_))
        ));
    }

    #[test]
    fn ctrl_q_saves_and_quits_everywhere() {
        for context in [Context::Home, line(), Context::List, Context::Confirm] {
            assert!(matches!(
                resolve(context, key(KeyCode::Char('q'), CTRL)),
                Some(Action::Command(Command::SaveAndQuit))
            ));
        }
    }

    #[test]
    fn a_capital_letter_is_typed_not_dropped() {
        assert!(matches!(
            resolve(line(), key(KeyCode::Char('A'), SHIFT)),
            Some(Action::Edit(_))
        ));
    }
}
