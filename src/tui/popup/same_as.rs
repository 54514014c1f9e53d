//! Copying a contact from another role ("same as").

use std::collections::BTreeSet;

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::Look;
use super::{Ctx, Dialog, Outcome, list_lines, step_selection};
use crate::session::same_as_target;
use crate::text::Lang;
use crate::tui::action::{Action, Command};
use crate::tui::editing::{changed, open_editor};
use crate::tui::keymap::{Binding, Context, bind, hint, key};
use crate::tui::rows::Row;
use crate::tui::screen::Screen;
use crate::tui::strings::strings;
use crate::tui::wizard::Wizard;

/// Filling the other unnamed contacts too, once one was copied: several roles at once.
pub const ALSO_KEYS: &[Binding] = &[
    hint(key(KeyCode::Char(' ')), Command::Toggle, "merk", "mark"),
    hint(key(KeyCode::Enter), Command::Confirm, "fyll inn", "fill in"),
    bind(key(KeyCode::Up), Command::Up),
    bind(key(KeyCode::Down), Command::Down),
    hint(
        key(KeyCode::Esc),
        Command::Cancel,
        "bare denne",
        "only this one",
    ),
];

pub struct SameAs {
    /// The contact to fill: a contact field, or an entry of a repeated contact (`contacts.signatory[2]`).
    pub target: String,
    /// (contact id, label) of the other contact roles and entries, the company's own first.
    pub sources: Vec<(String, String)>,
    /// The chosen source; none at first when the only ones are another party's (a partner is
    /// never the default for one of the company's people).
    pub selected: Option<usize>,
    /// After the copy: the other contacts without a name that the same person may fill too.
    pub also: Option<AlsoFill>,
}

/// The second question of "same as": which other unnamed roles the copied person fills too.
pub struct AlsoFill {
    pub source: String,
    /// The source as listed (`General contact (Kari Nordmann)`).
    pub label: String,
    /// (contact id, label) of the roles without a name.
    pub others: Vec<(String, String)>,
    pub checked: BTreeSet<usize>,
    pub selected: usize,
}

impl SameAs {
    /// The other visible contact roles to copy the focused row's contact from; `None` when there
    /// is none.
    pub fn open(wizard: &Wizard, row: &Row, lang: Lang) -> Option<SameAs> {
        let target = same_as_target(wizard.spec(), row)?;
        let found = wizard.session.same_as_sources(&target, lang);
        let own_target = !wizard.session.is_other_party_contact(&target);
        let selected = match found.first() {
            Some(first) if first.other_party && own_target => None,
            Some(_) => Some(0),
            None => return None,
        };
        let sources = found
            .into_iter()
            .map(|source| {
                let label = source.shown();
                (source.field, label)
            })
            .collect();
        Some(SameAs {
            target,
            sources,
            selected,
            also: None,
        })
    }

    pub fn update(mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        if ctx.wizard().is_none() {
            return Outcome::close();
        }
        if self.also.is_some() {
            return self.update_also(ctx, action);
        }
        match action {
            Action::Command(Command::Cancel) => Outcome::close(),
            Action::Command(c @ (Command::Up | Command::Down)) => {
                self.selected = Some(match self.selected {
                    Some(i) => step_selection(i, c == Command::Up, self.sources.len()),
                    None => 0,
                });
                Outcome::stay(self)
            }
            Action::Command(Command::Confirm) => self.copy(ctx),
            _ => Outcome::stay(self),
        }
    }

    /// Copies every part of the chosen contact into the target; then asks which other unnamed
    /// roles it fills too, when there are any.
    fn copy(mut self, ctx: &mut Ctx) -> Outcome {
        let lang = ctx.lang;
        let Some((source, label)) = self.selected.and_then(|i| self.sources.get(i)).cloned() else {
            return Outcome::stay(self);
        };
        let Screen::Wizard(wizard) = &mut *ctx.screen else {
            return Outcome::close();
        };
        wizard.session.copy_contact(&self.target, &source);
        let effects = changed(wizard, &self.target);
        open_editor(wizard, lang);
        let others = wizard.session.unnamed_contacts(&self.target, lang);
        ctx.set_status((strings(lang).copied_from)(label.trim()), false);
        if others.is_empty() {
            return Outcome::close_with(effects);
        }
        self.also = Some(AlsoFill {
            source,
            label,
            others,
            checked: BTreeSet::new(),
            selected: 0,
        });
        Outcome::stay_with(self, effects)
    }

    fn update_also(mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        let Some(also) = self.also.as_mut() else {
            return Outcome::close();
        };
        match action {
            Action::Command(Command::Cancel) => Outcome::close(),
            Action::Command(c @ (Command::Up | Command::Down)) => {
                also.selected = step_selection(also.selected, c == Command::Up, also.others.len());
                Outcome::stay(self)
            }
            Action::Command(Command::Toggle) => {
                if !also.checked.remove(&also.selected) {
                    also.checked.insert(also.selected);
                }
                Outcome::stay(self)
            }
            Action::Command(Command::Confirm) => fill_also(also, ctx),
            _ => Outcome::stay(self),
        }
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let dialog = Dialog::over(area);
        let s = strings(look.lang);
        if let Some(also) = &self.also {
            let items: Vec<String> = also
                .others
                .iter()
                .enumerate()
                .map(|(i, (_, label))| {
                    let mark = if also.checked.contains(&i) {
                        "[x]"
                    } else {
                        "[ ]"
                    };
                    format!("{mark} {label}")
                })
                .collect();
            let mut lines = vec![Line::raw((s.same_as_also)(also.label.trim()))];
            lines.extend(list_lines(
                look,
                &items,
                also.selected,
                8,
                dialog.inner_width,
            ));
            dialog.draw(frame, s.same_as_title, lines);
            return;
        }
        let items: Vec<String> = self
            .sources
            .iter()
            .map(|(_, label)| label.clone())
            .collect();
        // With nothing chosen yet, no line is highlighted.
        let selected = self.selected.unwrap_or(usize::MAX);
        let lines = list_lines(look, &items, selected, 8, dialog.inner_width);
        dialog.draw(frame, s.same_as_title, lines);
    }

    pub fn context(&self) -> Context {
        match self.also {
            Some(_) => Context::popup(ALSO_KEYS),
            None => Context::popup(super::CHOOSE),
        }
    }
}

/// Enter on the second question: the person copied into every marked role too.
fn fill_also(also: &AlsoFill, ctx: &mut Ctx) -> Outcome {
    let lang = ctx.lang;
    let Screen::Wizard(wizard) = &mut *ctx.screen else {
        return Outcome::close();
    };
    let mut filled = Vec::new();
    let mut effects = Vec::new();
    for &i in &also.checked {
        let Some((id, label)) = also.others.get(i) else {
            continue;
        };
        if wizard.session.copy_contact(id, &also.source) > 0 {
            effects = changed(wizard, id);
            filled.push(label.clone());
        }
    }
    if !filled.is_empty() {
        let message = (strings(lang).copied_to)(also.label.trim(), &filled.join(", "));
        ctx.set_status(message, false);
    }
    Outcome::close_with(effects)
}
