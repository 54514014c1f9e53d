//! Choosing from a list (a select or multi-select row), with type-to-filter.

use std::collections::BTreeSet;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Look;
use super::{Ctx, Dialog, Outcome, list_lines};
use crate::answers::Answer;
use crate::session::{ChoiceOption, OptionOrigin, select_choice};
use crate::text::Lang;
use crate::tui::action::{Action, Command};
use crate::tui::editing::changed;
use crate::tui::keymap::{Binding, Context, bind, hint, key};
use crate::tui::rows::{self, Row};
use crate::tui::screen::Screen;
use crate::tui::select::current_rows;
use crate::tui::strings::strings;
use crate::tui::view::inert;
use crate::tui::wizard::Wizard;
use crate::validate::text::sanitize;

pub const KEYS: &[Binding] = &[
    hint(key(KeyCode::Enter), Command::Confirm, "velg", "choose"),
    bind(key(KeyCode::Up), Command::Up),
    bind(key(KeyCode::Down), Command::Down),
    hint(key(KeyCode::Esc), Command::Cancel, "avbryt", "cancel"),
];

/// A multi-select: Space marks, Enter takes the marked ones. Where the list allows values of one's
/// own, a typed value that matches nothing is added (marked) by Space or Enter.
pub const MULTI_KEYS: &[Binding] = &[
    hint(key(KeyCode::Char(' ')), Command::Toggle, "merk", "mark"),
    hint(key(KeyCode::Enter), Command::Confirm, "ferdig", "done"),
    bind(key(KeyCode::Up), Command::Up),
    bind(key(KeyCode::Down), Command::Down),
    hint(key(KeyCode::Esc), Command::Cancel, "avbryt", "cancel"),
];

pub struct Picker {
    pub row_id: String,
    pub multi: bool,
    /// (value, shown label) of every option.
    pub options: Vec<(String, String)>,
    pub filter: String,
    /// Index into the filtered options.
    pub selected: usize,
    pub checked: BTreeSet<String>,
    pub allow_other: bool,
}

impl Picker {
    /// The list of a select row, filtered by `filter`; `None` for a row that is not a select.
    pub fn open(wizard: &Wizard, row: &Row, lang: Lang, filter: String) -> Option<Picker> {
        let session = &wizard.session;
        if let Some(names) = session.name_choices(row) {
            return Some(Picker::names(wizard, row, names, filter));
        }
        let multi = matches!(row.value_kind, crate::form::FieldKind::MultiSelect(_));
        let allow_other = select_choice(&row.value_kind)?.allow_other;
        let mut options: Vec<(String, String)> = session
            .choices(&row.value_kind, lang)?
            .into_iter()
            .map(|option| {
                let label = listed_label(&option);
                (option.value, label)
            })
            .collect();
        let answered: Vec<String> = match session.answers().get(&row.id) {
            Some(Answer::List(items)) => items.clone(),
            _ => Vec::new(),
        };
        // Values typed before are listed after the choices, so they stay when Enter takes the
        // marked ones.
        if multi && allow_other {
            for value in &answered {
                if !options.iter().any(|(v, _)| v == value) {
                    options.push((value.clone(), value.clone()));
                }
            }
        }
        let checked = answered.into_iter().collect();
        let current = rows::row_text(session.answers(), &row.slot);
        // Unfiltered, the list opens on the current answer; filtered, on the first match.
        let selected = if filter.is_empty() {
            options.iter().position(|(v, _)| *v == current).unwrap_or(0)
        } else {
            0
        };
        Some(Picker {
            row_id: row.id.clone(),
            multi,
            options,
            filter,
            selected,
            checked,
            allow_other,
        })
    }

    /// The people the register lists with signing authority, for a signatory's name row: each a
    /// proposal, and a typed name stays allowed.
    fn names(wizard: &Wizard, row: &Row, names: Vec<ChoiceOption>, filter: String) -> Picker {
        let options: Vec<(String, String)> = names
            .into_iter()
            .map(|option| {
                let label = listed_label(&option);
                (option.value, label)
            })
            .collect();
        let current = rows::row_text(wizard.session.answers(), &row.slot);
        let selected = options.iter().position(|(v, _)| *v == current).unwrap_or(0);
        Picker {
            row_id: row.id.clone(),
            multi: false,
            options,
            filter,
            selected,
            checked: BTreeSet::new(),
            allow_other: true,
        }
    }

    /// The options matching the filter (value or label contains it, case-insensitive), as indexes.
    pub fn filtered(&self) -> Vec<usize> {
        let needle = self.filter.trim().to_lowercase();
        self.options
            .iter()
            .enumerate()
            .filter(|(_, (value, label))| {
                needle.is_empty()
                    || value.to_lowercase().contains(&needle)
                    || label.to_lowercase().contains(&needle)
            })
            .map(|(i, _)| i)
            .collect()
    }

    pub fn update(mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        if ctx.wizard().is_none() {
            return Outcome::close();
        }
        match action {
            Action::Command(Command::Cancel) => return Outcome::close(),
            Action::Command(Command::Up) => self.selected = self.selected.saturating_sub(1),
            Action::Command(Command::Down) if self.selected + 1 < self.filtered().len() => {
                self.selected += 1
            }
            Action::Command(Command::Toggle) if self.multi => self.toggle_selected(),
            Action::Edit(key) => self.type_filter(key),
            Action::Paste(text) => {
                self.filter.push_str(&sanitize(&text, false));
                self.selected = 0;
            }
            Action::Command(Command::Confirm) => return self.confirm(ctx),
            _ => {}
        }
        Outcome::stay(self)
    }

    fn toggle_selected(&mut self) {
        if self.add_typed() {
            return;
        }
        if let Some(&i) = self.filtered().get(self.selected) {
            let value = self.options[i].0.clone();
            if !self.checked.remove(&value) {
                self.checked.insert(value);
            }
        }
    }

    /// In a multi-select that allows values of one's own, a typed value that matches no choice is
    /// added to the list, marked, and the filter cleared. Whether it was.
    fn add_typed(&mut self) -> bool {
        let typed = self.filter.trim().to_string();
        if !self.multi || !self.allow_other || typed.is_empty() || !self.filtered().is_empty() {
            return false;
        }
        self.options.push((typed.clone(), typed.clone()));
        self.checked.insert(typed);
        self.filter.clear();
        self.selected = self.options.len() - 1;
        true
    }

    /// Typing edits the filter; the selection goes back to the first match.
    fn type_filter(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Backspace => {
                self.filter.pop();
            }
            KeyCode::Char(c)
                if !c.is_control() && !key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                self.filter.push(c)
            }
            _ => {}
        }
        self.selected = 0;
    }

    /// The value Enter picks: the selected match, else (where allowed) the filter as typed.
    fn chosen(&self) -> Option<String> {
        match self.filtered().get(self.selected) {
            Some(&i) => Some(self.options[i].0.clone()),
            None if self.allow_other && !self.filter.trim().is_empty() => {
                Some(self.filter.trim().to_string())
            }
            None => None,
        }
    }

    /// Enter: the checked values (multi) or the chosen one go into the row, and the list closes;
    /// with nothing to choose it stays open.
    fn confirm(mut self, ctx: &mut Ctx) -> Outcome {
        let lang = ctx.lang;
        self.add_typed();
        let Screen::Wizard(wizard) = &mut *ctx.screen else {
            return Outcome::close();
        };
        let Some(row) = current_rows(wizard, lang)
            .into_iter()
            .find(|r| r.id == self.row_id)
        else {
            return Outcome::close();
        };
        if self.multi {
            let values: Vec<String> = self
                .options
                .iter()
                .filter(|(v, _)| self.checked.contains(v))
                .map(|(v, _)| v.clone())
                .collect();
            wizard
                .session
                .set_answer(row.id.clone(), Answer::List(values));
            return Outcome::close_with(changed(wizard, &row.id));
        }
        let Some(value) = self.chosen() else {
            return Outcome::stay(self);
        };
        // A bank picked from the bank list brings its organisation number.
        let filled = wizard.session.pick(&row, value);
        let effects = changed(wizard, &row.id);
        // A name picked for a text row shows in its editor.
        if matches!(row.kind, crate::session::RowKind::Text { .. }) {
            crate::tui::editing::open_editor(wizard, lang);
        }
        if let Some(filled) = filled {
            ctx.set_status((strings(lang).bank_filled)(&filled.bank.name), false);
        }
        Outcome::close_with(effects)
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let s = strings(look.lang);
        let theme = look.theme;
        let dialog = Dialog::over(area);
        let width = dialog.inner_width;
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{}: ", s.filter), theme.label()),
            Span::styled(
                inert(&self.filter, width.saturating_sub(10)),
                theme.editor(),
            ),
        ])];
        let items = self.item_labels();
        if items.is_empty() {
            let text = if self.allow_other && !self.filter.trim().is_empty() {
                let typed = inert(self.filter.trim(), 40);
                if self.multi {
                    (s.other_value_marked)(&typed)
                } else {
                    (s.other_value)(&typed)
                }
            } else {
                s.no_matches.to_string()
            };
            lines.push(Line::styled(text, theme.muted()));
        } else {
            let list_height = (area.height as usize).saturating_sub(8).clamp(3, 12);
            lines.extend(list_lines(look, &items, self.selected, list_height, width));
        }
        dialog.draw(frame, "", lines);
    }

    /// The matching options as listed: with a check box in a multi-select.
    fn item_labels(&self) -> Vec<String> {
        self.filtered()
            .iter()
            .map(|&i| {
                let (value, label) = &self.options[i];
                if !self.multi {
                    label.clone()
                } else if self.checked.contains(value) {
                    format!("[x] {label}")
                } else {
                    format!("[ ] {label}")
                }
            })
            .collect()
    }

    pub fn context(&self) -> Context {
        // Typed keys filter the list.
        Context::popup_typing(if self.multi { MULTI_KEYS } else { KEYS }, true)
    }
}

/// A choice as the list shows it: a bank with its organisation number, a legal basis with what
/// it is, an option by its label.
fn listed_label(option: &ChoiceOption) -> String {
    match &option.origin {
        OptionOrigin::Listed => option.label_or_value().to_string(),
        OptionOrigin::Bank { orgnr } => format!("{} ({orgnr})", option.value),
        OptionOrigin::LegalBasis => format!("{} — {}", option.value, option.label_or_value()),
        OptionOrigin::Signatory { role } | OptionOrigin::RoleHolder { role } => {
            format!("{} — {role}", option.value)
        }
    }
}
