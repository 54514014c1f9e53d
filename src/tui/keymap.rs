//! The one keymap: it turns key presses into commands and it also draws the key hints, both from
//! the same tables, so the footer can never promise a key that does something else. A hint's key
//! label is made from the key events it covers, never written by hand.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Command};
use super::rows::RowKind;
use crate::text::Lang;

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
    /// A popup: it brings its own table (see `popup/`).
    Popup(PopupKeys),
}

/// The keys of a popup, declared in the popup's own file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PopupKeys {
    pub table: &'static [Binding],
    /// Unbound keys are typed into the popup (a filter, a name, a folder, a password).
    pub takes_text: bool,
    /// What is typed goes to a text editor, whose own editing keys work (the help lists them).
    pub editor: bool,
}

impl Context {
    /// A popup whose unbound keys do nothing.
    pub const fn popup(table: &'static [Binding]) -> Context {
        Context::Popup(PopupKeys {
            table,
            takes_text: false,
            editor: false,
        })
    }

    /// A popup with text to type: its unbound keys are typed.
    pub const fn popup_typing(table: &'static [Binding], takes_text: bool) -> Context {
        Context::Popup(PopupKeys {
            table,
            takes_text,
            editor: false,
        })
    }

    /// A popup whose unbound keys go to a text editor (a name, a folder): they are typed, and
    /// the editor's own editing keys work.
    pub const fn popup_editing(table: &'static [Binding]) -> Context {
        Context::popup_editing_when(table, true)
    }

    /// A popup with a text editor only some of the time (a password asked for only when the
    /// environment lacks it): then as [`Context::popup_editing`], else its unbound keys do nothing.
    pub const fn popup_editing_when(table: &'static [Binding], editing: bool) -> Context {
        Context::Popup(PopupKeys {
            table,
            takes_text: editing,
            editor: editing,
        })
    }
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
    /// A signatory's name with people from the register to pick.
    pub signer: bool,
    /// An empty line with a proposed answer (an email address, a display name) to take.
    pub proposal: bool,
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

/// A key and the command it gives, and how it shows in the footer and the help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    pub key: KeyEvent,
    pub command: Command,
    pub shown: Shown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// A hint of its own, with these words.
    Hint(Words),
    /// Its key joins the label of the hint before it (`↑↓`, `n/Esc`).
    WithPrevious,
    /// Works, but is not shown.
    Hidden,
}

/// What a hint says the key does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    pub nb: &'static str,
    pub en: &'static str,
}

/// A hint as drawn: the key label and what the key does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub words: Words,
}

impl Hint {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nb => self.words.nb,
            Lang::En => self.words.en,
        }
    }
}

// The vocabulary of the tables below (and of the popups' own tables).

pub const fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub const fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

pub const fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub const fn alt(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::ALT)
}

pub const fn shift(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::SHIFT)
}

/// A key shown with its own hint.
pub const fn hint(key: KeyEvent, command: Command, nb: &'static str, en: &'static str) -> Binding {
    Binding {
        key,
        command,
        shown: Shown::Hint(Words { nb, en }),
    }
}

/// A key shown in the label of the hint before it.
pub const fn also(key: KeyEvent, command: Command) -> Binding {
    Binding {
        key,
        command,
        shown: Shown::WithPrevious,
    }
}

/// A key that works without a hint.
pub const fn bind(key: KeyEvent, command: Command) -> Binding {
    Binding {
        key,
        command,
        shown: Shown::Hidden,
    }
}

use Command::*;
use KeyCode::{BackTab, Enter, Esc, F, Left, PageDown, PageUp, Right, Tab};

const HOME: &[Binding] = &[
    hint(key(Enter), Activate, "åpne", "open"),
    hint(ch('n'), NewOrder, "ny", "new"),
    hint(ch('d'), DeleteDraft, "slett", "delete"),
    hint(
        ch('m'),
        MarkStatus,
        "merk signert/mottatt",
        "mark signed/received",
    ),
    bind(key(KeyCode::Delete), DeleteDraft),
    bind(key(KeyCode::Up), Up),
    bind(key(KeyCode::Down), Down),
    bind(ch('k'), Up),
    bind(ch('j'), Down),
    hint(ch('q'), SaveAndQuit, "avslutt", "quit"),
];

const LINE: &[Binding] = &[
    bind(key(Enter), NextField),
    bind(key(KeyCode::Up), PrevField),
    bind(key(KeyCode::Down), NextField),
];

/// Enter in a multi-line field is a newline: only the common moves apply.
const MULTILINE: &[Binding] = &[];

/// Select and multi-select rows open their list.
const SELECT: &[Binding] = &[
    hint(key(Enter), Activate, "velg", "choose"),
    bind(ch(' '), Activate),
    bind(key(KeyCode::Up), PrevField),
    bind(key(KeyCode::Down), NextField),
];

const YES_NO: &[Binding] = &[
    hint(ch(' '), Toggle, "ja/nei", "yes/no"),
    bind(key(Left), Toggle),
    bind(key(Right), Toggle),
    bind(ch('y'), SetYes),
    bind(ch('j'), SetYes),
    bind(ch('n'), SetNo),
    bind(key(Enter), NextField),
    bind(key(KeyCode::Up), PrevField),
    bind(key(KeyCode::Down), NextField),
];

const ADD_ENTRY: &[Binding] = &[
    hint(key(Enter), AddEntry, "legg til", "add"),
    bind(ch('a'), AddEntry),
    bind(key(KeyCode::Up), PrevField),
    bind(key(KeyCode::Down), NextField),
];

/// An entry of a repeat: removed and moved.
const ENTRY: &[Binding] = &[
    hint(ctrl('d'), RemoveEntry, "fjern", "remove"),
    hint(alt(KeyCode::Up), MoveEntryUp, "flytt", "move"),
    also(alt(KeyCode::Down), MoveEntryDown),
];

/// An empty line with a proposal: → takes it and stays, Enter takes it and moves on (Tab moves on
/// and leaves the line empty).
const PROPOSAL: &[Binding] = &[
    hint(
        key(Right),
        TakeProposal,
        "ta forslaget",
        "take the proposal",
    ),
    also(key(Enter), TakeProposalAndNext),
];

const CONTACT: &[Binding] = &[hint(ctrl('o'), SameAs, "samme som", "same as")];

/// A signatory's name: pick one of the people the register lists with signing authority.
const SIGNER: &[Binding] = &[hint(
    ctrl('r'),
    Activate,
    "fra registeret",
    "from the register",
)];

/// Any answer row: emptied at once, and the old value back with Ctrl-Z (the textarea's own undo
/// is on Ctrl-U otherwise; here Ctrl-U clears, as in a shell's line editor).
const CLEAR: &[Binding] = &[
    hint(ctrl('u'), ClearField, "tøm/angre", "clear/undo"),
    also(ctrl('z'), Undo),
];

const FILE: &[Binding] = &[hint(
    ctrl('f'),
    CompletePath,
    "fullfør sti",
    "complete path",
)];

const LIST: &[Binding] = &[
    hint(key(Enter), Activate, "gå til feltet", "go to field"),
    bind(key(KeyCode::Up), Up),
    bind(key(KeyCode::Down), Down),
];

const REVIEW: &[Binding] = &[
    hint(ch('b'), CreateBundle, "lag pakke", "create bundle"),
    hint(ch('s'), Send, "send", "send"),
    hint(key(Enter), Activate, "gå til feltet", "go to field"),
    bind(key(KeyCode::Up), Up),
    bind(key(KeyCode::Down), Down),
];

/// Moving through the wizard, from any field or list.
const WIZARD_MOVES: &[Binding] = &[
    hint(key(Tab), NextField, "neste", "next"),
    hint(shift(BackTab), PrevField, "forrige", "previous"),
    bind(key(BackTab), PrevField),
    hint(key(PageDown), NextStep, "steg", "step"),
    also(key(PageUp), PrevStep),
    hint(key(Esc), Cancel, "til utkastene", "to drafts"),
];

/// Everywhere: save, save and quit, help.
const GLOBAL: &[Binding] = &[
    hint(ctrl('s'), Save, "lagre", "save"),
    hint(ctrl('q'), SaveAndQuit, "lagre og avslutt", "save & quit"),
    // Ctrl-C arrives as a key in raw mode: it saves and quits too, so no text is lost.
    bind(ctrl('c'), SaveAndQuit),
    Binding {
        key: key(F(1)),
        command: ToggleHelp,
        shown: Shown::Hint(HELP_WORDS),
    },
];

/// The help's hint: the footer keeps it when it leaves others out, since the help lists them.
pub const HELP_WORDS: Words = Words {
    nb: "hjelp",
    en: "help",
};

/// On a form step: the focused field's help under the rows scrolls (its title names the key when
/// there is more).
const FIELD_HELP: &[Binding] = &[bind(alt(PageDown), ScrollDown), bind(alt(PageUp), ScrollUp)];

/// A key the text editor (ratatui-textarea) handles itself. It is no command: `resolve` hands it
/// on as typed. It is listed here so the help names it from the one keymap; a key a table above
/// binds in the same context does what its binding says, and the help leaves it out here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EditKey {
    pub key: KeyEvent,
    pub shown: Shown,
}

/// An editing key with what it does.
const fn edit(key: KeyEvent, nb: &'static str, en: &'static str) -> EditKey {
    EditKey {
        key,
        shown: Shown::Hint(Words { nb, en }),
    }
}

/// Another key for the editing key before it.
const fn edit_also(key: KeyEvent) -> EditKey {
    EditKey {
        key,
        shown: Shown::WithPrevious,
    }
}

const fn ctrl_key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::CONTROL)
}

const fn alt_ch(c: char) -> KeyEvent {
    alt(KeyCode::Char(c))
}

/// The editing keys of every text editor (the textarea's own bindings).
const EDITING: &[EditKey] = &[
    edit(
        key(Left),
        "ett tegn til venstre / høyre",
        "a character left / right",
    ),
    edit_also(key(Right)),
    edit(
        ctrl_key(Left),
        "ett ord til venstre / høyre",
        "a word left / right",
    ),
    edit_also(ctrl_key(Right)),
    edit_also(alt_ch('b')),
    edit_also(alt_ch('f')),
    edit(
        key(KeyCode::Home),
        "til starten av linjen",
        "to the start of the line",
    ),
    edit_also(ctrl('a')),
    edit(
        key(KeyCode::End),
        "til slutten av linjen",
        "to the end of the line",
    ),
    edit_also(ctrl('e')),
    edit(
        key(KeyCode::Backspace),
        "slett tegnet før",
        "delete the character before",
    ),
    edit_also(ctrl('h')),
    edit(
        key(KeyCode::Delete),
        "slett tegnet etter",
        "delete the character after",
    ),
    edit_also(ctrl('d')),
    edit(ctrl('w'), "slett ordet før", "delete the word before"),
    edit_also(alt(KeyCode::Backspace)),
    edit(alt_ch('d'), "slett ordet etter", "delete the word after"),
    edit_also(alt(KeyCode::Delete)),
    edit(
        ctrl('k'),
        "slett til slutten av linjen",
        "delete to the end of the line",
    ),
    edit(
        ctrl('j'),
        "slett til starten av linjen",
        "delete to the start of the line",
    ),
    edit(ctrl('u'), "angre", "undo"),
    edit(ctrl('r'), "gjør om", "redo"),
];

/// The editing keys of a multi-line text besides those of every editor.
const MULTILINE_EDITING: &[EditKey] = &[
    edit(key(Enter), "ny linje", "new line"),
    edit(key(KeyCode::Up), "en linje opp / ned", "a line up / down"),
    edit_also(key(KeyCode::Down)),
    edit(
        alt_ch('<'),
        "til starten / slutten av teksten",
        "to the start / end of the text",
    ),
    edit_also(alt_ch('>')),
];

/// The tables of a context, most specific first; the first binding of a key wins.
fn tables(context: Context) -> Vec<&'static [Binding]> {
    let mut tables = match context {
        Context::Home => vec![HOME],
        Context::Field(field) => {
            let kind = match field.kind {
                FieldRowKind::Line => LINE,
                FieldRowKind::Multiline => MULTILINE,
                FieldRowKind::Select | FieldRowKind::MultiSelect => SELECT,
                FieldRowKind::YesNo => YES_NO,
                FieldRowKind::AddEntry => ADD_ENTRY,
            };
            // A proposal's keys come first: Enter takes it before it moves on.
            let mut tables = if field.proposal {
                vec![PROPOSAL, kind]
            } else {
                vec![kind]
            };
            tables.extend(
                [
                    (field.entry, ENTRY),
                    (field.contact, CONTACT),
                    (field.signer, SIGNER),
                    (field.file, FILE),
                ]
                .into_iter()
                .filter_map(|(applies, table)| applies.then_some(table)),
            );
            tables.push(FIELD_HELP);
            tables.push(WIZARD_MOVES);
            tables
        }
        Context::List => vec![LIST, WIZARD_MOVES],
        Context::Review => vec![REVIEW, WIZARD_MOVES],
        Context::Popup(keys) => vec![keys.table],
    };
    tables.push(GLOBAL);
    // Editing keys come last among the hints: the footer keeps the moves, F1 lists them all.
    if let Context::Field(field) = context
        && field.kind != FieldRowKind::AddEntry
    {
        tables.push(CLEAR);
    }
    tables
}

/// The bindings of a context, in table order.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    tables(context).into_iter().flatten()
}

/// Whether a binding matches a key. Shift is ignored for characters (the character carries it).
fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    if binding.key.code != key.code {
        return false;
    }
    let mut modifiers = key.modifiers;
    if matches!(key.code, KeyCode::Char(_)) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    modifiers == binding.key.modifiers
}

/// Contexts where unbound keys are typed text.
fn takes_text(context: Context) -> bool {
    match context {
        Context::Field(f) => matches!(
            f.kind,
            FieldRowKind::Line | FieldRowKind::Multiline | FieldRowKind::Select
        ),
        Context::Popup(keys) => keys.takes_text,
        Context::Home | Context::List | Context::Review => false,
    }
}

/// The text editor's own keys that work in a context (none where no editor takes the keys).
fn editing_keys(context: Context) -> Vec<&'static EditKey> {
    let tables: &[&[EditKey]] = match context {
        Context::Field(field) => match field.kind {
            FieldRowKind::Line => &[EDITING],
            FieldRowKind::Multiline => &[MULTILINE_EDITING, EDITING],
            FieldRowKind::Select
            | FieldRowKind::MultiSelect
            | FieldRowKind::YesNo
            | FieldRowKind::AddEntry => &[],
        },
        Context::Popup(keys) if keys.editor => &[EDITING],
        Context::Popup(_) | Context::Home | Context::List | Context::Review => &[],
    };
    tables.iter().flat_map(|t| t.iter()).collect()
}

/// The action for a key in a context. Only presses count: terminals that report releases and
/// repeats would otherwise type every character twice.
pub fn resolve(context: Context, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if let Some(binding) = bindings(context).find(|b| matches(b, &key)) {
        return Some(Action::Command(binding.command));
    }
    takes_text(context).then_some(Action::Edit(key))
}

/// The hints of a context, in table order, each key label once.
pub fn hints(context: Context) -> Vec<Hint> {
    let mut hints: Vec<(Hint, Option<KeyEvent>)> = Vec::new();
    for binding in bindings(context) {
        match (binding.shown, hints.last_mut()) {
            (Shown::Hint(words), _) => hints.push((
                Hint {
                    key: key_name(&binding.key),
                    words,
                },
                Some(binding.key),
            )),
            (Shown::WithPrevious, Some((hint, last))) => {
                join_key(&mut hint.key, last.as_ref(), &binding.key);
                *last = Some(binding.key);
            }
            // A joined key with no hint before it is a slip in a table; it still works.
            (Shown::WithPrevious, None) | (Shown::Hidden, _) => {}
        }
    }
    let mut seen = Vec::new();
    hints
        .into_iter()
        .map(|(hint, _)| hint)
        .filter(|hint| {
            let new = !seen.contains(&hint.key);
            seen.push(hint.key.clone());
            new
        })
        .collect()
}

/// Every key that works in a context, for the help: the hints' keys with the keys that do the
/// same without a hint of their own, then the text editor's own keys. A key an earlier table
/// takes is listed only with what it does there.
pub fn help(context: Context) -> Help {
    let (editing, commands): (Vec<HelpGroup>, Vec<HelpGroup>) = help_groups(context)
        .into_iter()
        .partition(|g| g.commands.is_empty());
    Help {
        commands: commands.into_iter().map(|g| g.hint).collect(),
        editing: editing.into_iter().map(|g| g.hint).collect(),
    }
}

/// The help of a context: the keys that give commands (the footer's hints and the keys that do
/// the same), then the text editor's own keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Help {
    pub commands: Vec<Hint>,
    pub editing: Vec<Hint>,
}

/// The help's lines with the keys each one covers.
fn help_groups(context: Context) -> Vec<HelpGroup> {
    let mut live: Vec<&Binding> = Vec::new();
    for binding in bindings(context) {
        if !live.iter().any(|b| matches(b, &binding.key)) {
            live.push(binding);
        }
    }
    let mut groups: Vec<HelpGroup> = Vec::new();
    for binding in &live {
        match (binding.shown, groups.last_mut()) {
            (Shown::Hint(words), _) => groups.push(HelpGroup::new(binding, words)),
            (Shown::WithPrevious, Some(group)) => group.join(binding.key, binding.command),
            (Shown::WithPrevious, None) | (Shown::Hidden, _) => {}
        }
    }
    for binding in live.iter().filter(|b| b.shown == Shown::Hidden) {
        let words = described(binding.command);
        let same = groups
            .iter()
            .rposition(|g| g.commands.contains(&binding.command))
            .or_else(|| groups.iter().position(|g| g.hint.words == words));
        match same {
            Some(at) => groups[at].join(binding.key, binding.command),
            None => groups.push(HelpGroup::new(binding, words)),
        }
    }
    let mut editing: Vec<HelpGroup> = Vec::new();
    for edit in editing_keys(context) {
        // A key a table binds does what the table says, not what the editor would.
        if live.iter().any(|b| matches(b, &edit.key)) {
            continue;
        }
        match (edit.shown, editing.last_mut()) {
            (Shown::Hint(words), _) => editing.push(HelpGroup {
                hint: Hint {
                    key: key_name(&edit.key),
                    words,
                },
                last: edit.key,
                keys: vec![edit.key],
                commands: Vec::new(),
            }),
            (Shown::WithPrevious, Some(group)) => group.join_key(edit.key),
            (Shown::WithPrevious, None) | (Shown::Hidden, _) => {}
        }
    }
    groups.into_iter().chain(editing).collect()
}

/// A line of the help while it is built: its label so far, the last key added (for joining) and
/// the commands its keys give.
struct HelpGroup {
    hint: Hint,
    last: KeyEvent,
    keys: Vec<KeyEvent>,
    commands: Vec<Command>,
}

impl HelpGroup {
    fn new(binding: &Binding, words: Words) -> HelpGroup {
        HelpGroup {
            hint: Hint {
                key: key_name(&binding.key),
                words,
            },
            last: binding.key,
            keys: vec![binding.key],
            commands: vec![binding.command],
        }
    }

    fn join(&mut self, key: KeyEvent, command: Command) {
        self.join_key(key);
        if !self.commands.contains(&command) {
            self.commands.push(command);
        }
    }

    /// Adds a key to the label, unless it is named there already (BackTab and Shift-BackTab are
    /// both "Shift-Tab").
    fn join_key(&mut self, key: KeyEvent) {
        self.keys.push(key);
        let name = key_name(&key);
        let named = self.hint.key.split(['/', ' ']).any(|part| part == name);
        if !named {
            join_key(&mut self.hint.key, Some(&self.last), &key);
            self.last = key;
        }
    }
}

/// What a command does, for a key that works without a hint (and no hinted key does the same in
/// its context).
fn described(command: Command) -> Words {
    let (nb, en) = match command {
        Save => ("lagre", "save"),
        SaveAndQuit => ("lagre og avslutt", "save & quit"),
        ToggleHelp => ("hjelp", "help"),
        Cancel => ("lukk", "close"),
        NextField => ("neste", "next"),
        PrevField => ("forrige", "previous"),
        NextStep | PrevStep => ("steg", "step"),
        Up | Down => ("opp / ned i listen", "up / down the list"),
        Activate => ("velg", "choose"),
        Toggle => ("ja/nei", "yes/no"),
        SetYes => ("ja", "yes"),
        SetNo => ("nei", "no"),
        AddEntry => ("legg til", "add"),
        RemoveEntry => ("fjern", "remove"),
        MoveEntryUp | MoveEntryDown => ("flytt", "move"),
        SameAs => ("samme som", "same as"),
        CompletePath => ("fullfør sti", "complete path"),
        TakeProposal | TakeProposalAndNext => ("ta forslaget", "take the proposal"),
        ClearField => ("tøm feltet", "clear the field"),
        Undo => ("angre", "undo"),
        CreateBundle => ("lag pakke", "create bundle"),
        Send => ("send", "send"),
        MarkStatus => ("merk", "mark"),
        ScrollUp | ScrollDown => ("bla i hjelpeteksten", "scroll the help text"),
        NewOrder => ("ny", "new"),
        DeleteDraft => ("slett", "delete"),
        Confirm => ("ja", "yes"),
    };
    Words { nb, en }
}

/// The label of the keys that give `command` in a context (`Alt-PgDn`), for text that names the
/// key where it applies.
pub fn key_for(context: Context, command: Command) -> Option<String> {
    bindings(context)
        .find(|b| b.command == command)
        .map(|b| key_name(&b.key))
}

/// Adds `key` to a hint's label: arrows with the same modifiers run together (`Alt-↑↓`), other
/// keys after a slash (`n/Esc`), and after arrows a space (`↑↓ PgUp/PgDn`).
fn join_key(label: &mut String, last: Option<&KeyEvent>, key: &KeyEvent) {
    let last_arrow = last.filter(|k| is_arrow(k.code));
    match last_arrow {
        Some(last) if is_arrow(key.code) && last.modifiers == key.modifiers => {
            label.push_str(&code_name(key.code));
        }
        Some(_) => {
            label.push(' ');
            label.push_str(&key_name(key));
        }
        None => {
            label.push('/');
            label.push_str(&key_name(key));
        }
    }
}

fn is_arrow(code: KeyCode) -> bool {
    matches!(
        code,
        KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right
    )
}

/// A key as the hints name it: `Ctrl-S`, `Alt-↑`, `Shift-Tab`, `Space`, `q`.
pub fn key_name(key: &KeyEvent) -> String {
    let mut name = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        name.push_str("Ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        name.push_str("Alt-");
    }
    // Shift is in a character itself, and in BackTab's name.
    if key.modifiers.contains(KeyModifiers::SHIFT)
        && !matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab)
    {
        name.push_str("Shift-");
    }
    match key.code {
        // With Ctrl or Alt a letter is named in capitals, as terminals and manuals write it.
        KeyCode::Char(c)
            if key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            name.extend(c.to_uppercase())
        }
        code => name.push_str(&code_name(code)),
    }
    name
}

/// A key code's own name, without modifiers.
fn code_name(code: KeyCode) -> String {
    match code {
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        // Named here rather than by crossterm, which calls it "Return" on macOS.
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        code @ (KeyCode::Backspace
        | KeyCode::Home
        | KeyCode::End
        | KeyCode::Tab
        | KeyCode::Delete
        | KeyCode::Insert
        | KeyCode::F(_)
        | KeyCode::Null
        | KeyCode::CapsLock
        | KeyCode::ScrollLock
        | KeyCode::NumLock
        | KeyCode::PrintScreen
        | KeyCode::Pause
        | KeyCode::Menu
        | KeyCode::KeypadBegin
        | KeyCode::Media(_)
        | KeyCode::Modifier(_)) => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::popup;

    const NONE: KeyModifiers = KeyModifiers::NONE;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn line() -> Context {
        field(FieldRowKind::Line, true)
    }

    fn field(kind: FieldRowKind, all: bool) -> Context {
        Context::Field(FieldContext {
            kind,
            entry: all,
            contact: all,
            file: all,
            signer: all,
            proposal: all,
        })
    }

    fn contexts() -> Vec<Context> {
        let mut contexts = vec![Context::Home, Context::List, Context::Review];
        for kind in [
            FieldRowKind::Line,
            FieldRowKind::Multiline,
            FieldRowKind::Select,
            FieldRowKind::MultiSelect,
            FieldRowKind::YesNo,
            FieldRowKind::AddEntry,
        ] {
            contexts.push(field(kind, false));
            contexts.push(field(kind, true));
        }
        contexts.extend(popup::all_contexts());
        contexts
    }

    /// A shown key gives the command of the first binding of that key (an earlier table may take
    /// it: in the help, F1 closes the help as Esc does).
    #[test]
    fn every_shown_key_resolves_to_its_first_binding() {
        for context in contexts() {
            for binding in bindings(context).filter(|b| b.shown != Shown::Hidden) {
                let first = bindings(context)
                    .find(|b| matches(b, &binding.key))
                    .map(|b| b.command);
                let resolved = match resolve(context, binding.key) {
                    Some(Action::Command(command)) => Some(command),
                    _ => None,
                };
                assert_eq!(
                    resolved,
                    first,
                    "{context:?}: {} does not do what its hint says",
                    key_name(&binding.key)
                );
            }
        }
    }

    #[test]
    fn labels_come_from_the_keys() {
        let labels =
            |context| -> Vec<String> { hints(context).into_iter().map(|h| h.key).collect() };
        assert_eq!(
            labels(line()),
            [
                "→ Enter",
                "Ctrl-D",
                "Alt-↑↓",
                "Ctrl-O",
                "Ctrl-R",
                "Ctrl-F",
                "Tab",
                "Shift-Tab",
                "PgDn/PgUp",
                "Esc",
                "Ctrl-S",
                "Ctrl-Q",
                "F1",
                "Ctrl-U/Ctrl-Z"
            ]
        );
        assert_eq!(
            labels(Context::popup(popup::preview::KEYS)),
            ["Enter", "Esc", "↑↓ PgUp/PgDn", "Ctrl-S", "Ctrl-Q", "F1"]
        );
        assert_eq!(
            labels(Context::popup(popup::YES_NO))[..2],
            ["y".to_string(), "n/Esc".to_string()]
        );
        assert_eq!(labels(Context::popup(popup::info::KEYS))[0], "Enter/Esc");
        assert_eq!(labels(field(FieldRowKind::YesNo, false))[0], "Space");
    }

    /// Every key that does something in a context is in its help: a binding that an earlier one
    /// does not shadow, and an editing key no binding takes.
    #[test]
    fn the_help_lists_every_key_that_works() {
        for context in contexts() {
            let groups = help_groups(context);
            // The editor's own keys are the lines that give no command.
            let edits: Vec<KeyEvent> = groups
                .iter()
                .filter(|g| g.commands.is_empty())
                .flat_map(|g| g.keys.clone())
                .collect();
            for binding in bindings(context) {
                let works = bindings(context).find(|b| matches(b, &binding.key)) == Some(binding);
                let listed_so = groups.iter().any(|g| {
                    g.keys.contains(&binding.key) && g.commands.contains(&binding.command)
                });
                assert_eq!(listed_so, works, "{context:?}: {}", key_name(&binding.key));
            }
            for edit in editing_keys(context) {
                let typed = matches!(resolve(context, edit.key), Some(Action::Edit(_)));
                assert_eq!(
                    edits.contains(&edit.key),
                    typed,
                    "{context:?}: {}",
                    key_name(&edit.key)
                );
            }
        }
    }

    #[test]
    fn the_help_of_a_text_field_names_its_editing_keys() {
        let words = |context: Context| -> Vec<(String, &'static str)> {
            let help = help(context);
            help.commands
                .into_iter()
                .chain(help.editing)
                .map(|h| (h.key.clone(), h.get(Lang::En)))
                .collect()
        };
        let plain = words(field(FieldRowKind::Line, false));
        for (key, does) in [
            ("Home/Ctrl-A", "to the start of the line"),
            ("End/Ctrl-E", "to the end of the line"),
            ("Ctrl-W/Alt-Backspace", "delete the word before"),
            ("Ctrl-K", "delete to the end of the line"),
            ("Del/Ctrl-D", "delete the character after"),
            ("Ctrl-←→ Alt-B/Alt-F", "a word left / right"),
            ("Tab/Enter/↓", "next"),
        ] {
            assert!(
                plain.contains(&(key.to_string(), does)),
                "{key} {does}: {plain:?}"
            );
        }
        // In an entry Ctrl-D removes it: the help says so, and not that it deletes a character.
        let entry = words(line());
        assert!(
            entry.contains(&("Ctrl-D".to_string(), "remove")),
            "{entry:?}"
        );
        assert!(entry.contains(&("Del".to_string(), "delete the character after")));
        let multiline = words(field(FieldRowKind::Multiline, false));
        assert!(multiline.contains(&("Enter".to_string(), "new line")));
        assert!(multiline.contains(&("↑↓".to_string(), "a line up / down")));
        // The review's arrows are listed, though the footer leaves them out.
        assert!(words(Context::Review).contains(&("↑↓".to_string(), "up / down the list")));
        // No editor, no editing keys.
        assert!(!words(Context::Home).iter().any(|(_, d)| *d == "undo"));
    }

    #[test]
    fn releases_are_ignored() {
        let mut release = press(KeyCode::Char('a'), NONE);
        release.kind = KeyEventKind::Release;
        assert!(resolve(line(), release).is_none());
        assert!(matches!(
            resolve(line(), press(KeyCode::Char('a'), NONE)),
            Some(Action::Edit(_))
        ));
    }

    #[test]
    fn ctrl_q_saves_and_quits_everywhere() {
        for context in contexts() {
            assert!(matches!(
                resolve(context, press(KeyCode::Char('q'), KeyModifiers::CONTROL)),
                Some(Action::Command(Command::SaveAndQuit))
            ));
        }
    }

    #[test]
    fn a_capital_letter_is_typed_not_dropped() {
        assert!(matches!(
            resolve(line(), press(KeyCode::Char('A'), KeyModifiers::SHIFT)),
            Some(Action::Edit(_))
        ));
    }
}
