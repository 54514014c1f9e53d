//! A new order from the home screen: pick the questionnaire, then name the draft.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui_textarea::TextArea;

use super::Look;
use super::{Ctx, Dialog, Outcome, field_at, list_lines};
use crate::draft::DraftName;
use crate::text::Lang;
use crate::tui::action::{Action, Command, Effect};
use crate::tui::editing::{clean_input, text_area};
use crate::tui::keymap::{Binding, Context, hint, key};
use crate::tui::screen::{DraftRow, FormRow, Home, Screen};
use crate::tui::strings::strings;
use crate::tui::view::wrap;
use crate::validate::text::sanitize;

/// While the name is typed.
pub const NAME_KEYS: &[Binding] = &[
    hint(key(KeyCode::Enter), Command::Confirm, "opprett", "create"),
    hint(key(KeyCode::Esc), Command::Cancel, "avbryt", "cancel"),
];

#[derive(Default)]
pub struct NewDraft {
    /// Index into the home screen's forms.
    pub form: usize,
    /// `None` while picking the questionnaire, then the name being typed.
    pub name: Option<TextArea<'static>>,
    /// The name shown is still the one proposed: typing replaces it, editing keys keep it.
    pub proposed: bool,
    pub error: Option<String>,
}

impl NewDraft {
    pub fn update(mut self: Box<Self>, ctx: &mut Ctx, action: Action) -> Outcome {
        let Screen::Home(home) = &*ctx.screen else {
            return Outcome::close();
        };
        if let Action::Command(Command::Cancel) = action {
            return Outcome::close();
        }
        let effects = match self.name.take() {
            None => self.pick_form(home, action),
            Some(area) => self.name_draft(home, area, ctx.lang, action),
        };
        match effects {
            Some(effects) => Outcome::close_with(effects),
            None => Outcome::stay(self),
        }
    }

    /// Choosing the questionnaire; Enter goes on to the name, with a free one suggested.
    fn pick_form(&mut self, home: &Home, action: Action) -> Option<Vec<Effect>> {
        match action {
            Action::Command(Command::Up) => self.form = self.form.saturating_sub(1),
            Action::Command(Command::Down) if self.form + 1 < home.forms.len() => self.form += 1,
            Action::Command(Command::Confirm) => {
                let Some(form) = home.forms.get(self.form) else {
                    return Some(Vec::new());
                };
                self.name = Some(text_area(&free_name(&form.id, &home.drafts), false));
                self.proposed = true;
            }
            _ => {}
        }
        None
    }

    /// Typing the name; Enter creates the draft unless the name is bad or taken. `Some` closes.
    fn name_draft(
        &mut self,
        home: &Home,
        mut area: TextArea<'static>,
        lang: Lang,
        action: Action,
    ) -> Option<Vec<Effect>> {
        match action {
            Action::Edit(key) => {
                if let Some(input) = clean_input(key) {
                    if self.proposed && types_a_character(&input) {
                        area = text_area("", false);
                    }
                    area.input(input);
                }
                self.proposed = false;
                self.error = None;
            }
            Action::Paste(text) => {
                if self.proposed {
                    area = text_area("", false);
                }
                self.proposed = false;
                area.insert_str(sanitize(&text, false));
            }
            Action::Command(Command::Confirm) => {
                let typed = area.lines().join("");
                let name = typed.trim();
                let Some(form) = home.forms.get(self.form) else {
                    return Some(Vec::new());
                };
                match name_problem(name, &home.drafts, lang) {
                    Some(problem) => self.error = Some(problem),
                    None => {
                        return Some(vec![Effect::CreateDraft {
                            form: form.id.clone(),
                            name: name.to_string(),
                        }]);
                    }
                }
            }
            _ => {}
        }
        self.name = Some(area);
        None
    }

    pub fn draw(&self, frame: &mut Frame, look: &Look, area: Rect) {
        let s = strings(look.lang);
        let dialog = Dialog::over(area);
        match &self.name {
            None => {
                let forms: &[FormRow] = match &look.screen {
                    Screen::Home(home) => &home.forms,
                    Screen::Wizard(_) => &[],
                };
                let lines = self.form_lines(look, forms, dialog.inner_width);
                dialog.draw(frame, s.home_pick_form, lines);
            }
            Some(name) => {
                let mut lines = vec![Line::raw(s.home_name_prompt), Line::default()];
                if let Some(error) = &self.error {
                    lines.extend(
                        wrap(error, dialog.inner_width)
                            .into_iter()
                            .map(|l| Line::styled(l, look.theme.error())),
                    );
                }
                let rect = dialog.draw(frame, s.home_new, lines);
                // The name being typed is a real text field.
                frame.render_widget(name, field_at(rect, rect.y + 2));
            }
        }
    }

    /// The questionnaires, the chosen one's description under them.
    fn form_lines(&self, look: &Look, forms: &[FormRow], width: usize) -> Vec<Line<'static>> {
        let items: Vec<String> = forms
            .iter()
            .map(|f| format!("{} — {}", f.id, f.title))
            .collect();
        let mut lines = list_lines(look, &items, self.form, 8, width);
        if let Some(form) = forms.get(self.form) {
            lines.push(Line::default());
            lines.extend(
                wrap(&form.about, width)
                    .into_iter()
                    .map(|l| Line::styled(l, look.theme.muted())),
            );
        }
        lines
    }

    pub fn context(&self) -> Context {
        match self.name {
            Some(_) => Context::popup_editing(NAME_KEYS),
            None => Context::popup(super::CHOOSE),
        }
    }
}

/// Why a typed name cannot be a new draft's, or `None`.
fn name_problem(name: &str, drafts: &[DraftRow], lang: Lang) -> Option<String> {
    if let Err(e) = DraftName::parse(name) {
        Some(e.to_string())
    } else if drafts.iter().any(|d| d.name == name) {
        Some((strings(lang).draft_exists)(name))
    } else {
        None
    }
}

/// `form-1`, `form-2`, …: the first name no draft uses.
fn free_name(form: &str, drafts: &[DraftRow]) -> String {
    (1..)
        .map(|n| format!("{form}-{n}"))
        .find(|name| !drafts.iter().any(|d| &d.name == name))
        .unwrap_or_else(|| form.to_string())
}

/// A key that types a character (not a movement, deletion or shortcut).
fn types_a_character(input: &ratatui_textarea::Input) -> bool {
    matches!(input.key, ratatui_textarea::Key::Char(_)) && !input.ctrl && !input.alt
}
