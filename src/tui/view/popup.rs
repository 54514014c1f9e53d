//! Popups over the screen: help, confirmations, pickers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{inert, wrap};
use crate::tui::keymap;
use crate::tui::select::screen_context;
use crate::tui::state::{Popup, Screen, State};
use crate::tui::strings::{fill, strings};

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

/// A list of lines with the selected one highlighted and kept in view.
fn list_lines(
    state: &State,
    items: &[String],
    selected: usize,
    height: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let offset = (selected + 1).saturating_sub(height);
    items
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, item)| {
            let text = inert(item, width);
            if i == selected {
                Line::styled(format!("▸ {text}"), state.theme.focused())
            } else {
                Line::raw(format!("  {text}"))
            }
        })
        .collect()
}

pub fn draw(frame: &mut Frame, state: &State, popup: &Popup, area: Rect) {
    let s = strings(state.lang);
    let theme = state.theme;
    let width = area.width.saturating_sub(8).min(72);
    let inner_width = width.saturating_sub(4) as usize;
    let (title, lines, height): (String, Vec<Line>, u16) = match popup {
        Popup::Help => {
            let mut lines: Vec<Line> = wrap(s.help_intro, inner_width)
                .into_iter()
                .map(Line::raw)
                .collect();
            lines.push(Line::default());
            // The keys of the screen under the help, from the keymap.
            let under = screen_context(state);
            for hint in keymap::hints(under) {
                lines.push(Line::from(vec![
                    Span::styled(format!("{:<12}", hint.key), theme.key()),
                    Span::raw(hint.get(state.lang)),
                ]));
            }
            let h = lines.len() as u16 + 2;
            (s.help_title.to_string(), lines, h)
        }
        Popup::ConfirmDelete { name } => {
            let text = fill(s.confirm_delete, &[("name", &inert(name, 40))]);
            let lines: Vec<Line> = wrap(&text, inner_width)
                .into_iter()
                .map(Line::raw)
                .collect();
            let h = lines.len() as u16 + 2;
            (s.home_drafts.to_string(), lines, h)
        }
        Popup::NewDraft(new) => {
            let forms = match &state.screen {
                Screen::Home(home) => home.forms.clone(),
                Screen::Wizard(_) => Vec::new(),
            };
            match &new.name {
                None => {
                    let items: Vec<String> = forms
                        .iter()
                        .map(|f| format!("{} — {}", f.id, f.title))
                        .collect();
                    let mut lines = list_lines(state, &items, new.form, 8, inner_width);
                    if let Some(form) = forms.get(new.form) {
                        lines.push(Line::default());
                        lines.extend(
                            wrap(&form.about, inner_width)
                                .into_iter()
                                .map(|l| Line::styled(l, theme.muted())),
                        );
                    }
                    let h = lines.len() as u16 + 2;
                    (s.home_pick_form.to_string(), lines, h)
                }
                Some(_) => {
                    let mut lines = vec![Line::raw(s.home_name_prompt), Line::default()];
                    if let Some(error) = &new.error {
                        lines.extend(
                            wrap(error, inner_width)
                                .into_iter()
                                .map(|l| Line::styled(l, theme.error())),
                        );
                    }
                    let h = lines.len() as u16 + 2;
                    (s.home_new.to_string(), lines, h)
                }
            }
        }
        Popup::Picker(picker) => {
            let filtered = picker.filtered();
            let items: Vec<String> = filtered
                .iter()
                .map(|&i| {
                    let (value, label) = &picker.options[i];
                    if picker.multi {
                        let mark = if picker.checked.contains(value) {
                            "[x]"
                        } else {
                            "[ ]"
                        };
                        format!("{mark} {label}")
                    } else {
                        label.clone()
                    }
                })
                .collect();
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("{}: ", s.filter), theme.label()),
                Span::styled(
                    inert(&picker.filter, inner_width.saturating_sub(10)),
                    theme.editor(),
                ),
            ])];
            let list_height = (area.height as usize).saturating_sub(8).clamp(3, 12);
            if items.is_empty() {
                let text = if picker.allow_other && !picker.filter.trim().is_empty() {
                    fill(
                        s.other_value,
                        &[("value", &inert(picker.filter.trim(), 40))],
                    )
                } else {
                    s.no_matches.to_string()
                };
                lines.push(Line::styled(text, theme.muted()));
            } else {
                lines.extend(list_lines(
                    state,
                    &items,
                    picker.selected,
                    list_height,
                    inner_width.saturating_sub(2),
                ));
            }
            let h = lines.len() as u16 + 2;
            (String::new(), lines, h)
        }
        Popup::SameAs(same) => {
            let items: Vec<String> = same
                .sources
                .iter()
                .map(|(_, label)| label.clone())
                .collect();
            let lines = list_lines(state, &items, same.selected, 8, inner_width);
            let h = lines.len() as u16 + 2;
            (s.same_as_title.to_string(), lines, h)
        }
        Popup::Replace(prefills) => {
            let mut lines: Vec<Line> = wrap(s.replace_intro, inner_width)
                .into_iter()
                .map(Line::raw)
                .collect();
            lines.push(Line::default());
            for p in prefills {
                lines.push(Line::styled(inert(&p.field, inner_width), theme.label()));
                let typed = p.replaces.as_deref().unwrap_or("");
                lines.push(Line::raw(format!(
                    "  {}",
                    inert(typed, inner_width.saturating_sub(2))
                )));
                lines.push(Line::styled(
                    format!("→ {}", inert(&p.value, inner_width.saturating_sub(2))),
                    theme.ok(),
                ));
            }
            let h = lines.len() as u16 + 2;
            (s.replace_title.to_string(), lines, h)
        }
        Popup::BundleTo(_) => {
            let lines = vec![Line::raw(s.bundle_to), Line::default()];
            (s.review_step.to_string(), lines, 4)
        }
        Popup::Info { title, lines } => {
            let lines: Vec<Line> = lines
                .iter()
                .flat_map(|l| wrap(l, inner_width))
                .map(Line::raw)
                .collect();
            let h = lines.len() as u16 + 2;
            (title.clone(), lines, h)
        }
        Popup::Preview(preview) => {
            let p = &preview.prepared;
            let mut lines: Vec<Line> = Vec::new();
            if let Some(why) = &preview.resend {
                lines.extend(
                    wrap(why, inner_width)
                        .into_iter()
                        .map(|l| Line::styled(l, theme.warning())),
                );
            }
            for (name, value) in p.headers() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{name}: "), theme.label()),
                    Span::raw(inert(&value, inner_width.saturating_sub(name.len() + 2))),
                ]));
            }
            lines.push(Line::styled(
                format!(
                    "{}: {}",
                    s.attachments,
                    p.attachments
                        .iter()
                        .map(|a| a.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                theme.muted(),
            ));
            for extra in &p.also {
                lines.push(Line::styled(
                    inert(
                        &fill(
                            s.also_sends,
                            &[("subject", &extra.subject), ("to", extra.to.email.as_ref())],
                        ),
                        inner_width,
                    ),
                    theme.label(),
                ));
            }
            lines.push(Line::default());
            // The body scrolls within what is left of the window.
            let fixed = lines.len() + if preview.password.is_some() { 3 } else { 0 };
            let room = (area.height as usize).saturating_sub(fixed + 3).max(3);
            let body: Vec<String> = p.body.lines().flat_map(|l| wrap(l, inner_width)).collect();
            let top = (preview.scroll as usize).min(body.len().saturating_sub(room));
            lines.extend(
                body.iter()
                    .skip(top)
                    .take(room)
                    .map(|l| Line::raw(l.clone())),
            );
            if preview.password.is_some() {
                lines.push(Line::default());
                lines.push(Line::styled(s.password_prompt, theme.label()));
                lines.push(Line::default());
            }
            let h = lines.len() as u16 + 2;
            (s.preview_title.to_string(), lines, h)
        }
        Popup::Sending { frame } => {
            const SPINNER: [&str; 4] = ["|", "/", "-", "\\"];
            let lines = vec![Line::raw(format!(
                "{} {}",
                SPINNER[frame % SPINNER.len()],
                s.sending
            ))];
            (s.sending.to_string(), lines, 3)
        }
        Popup::MarkStatus { name, selected } => {
            let items = [
                s.status_signed.to_string(),
                s.status_credentials.to_string(),
            ];
            let mut lines = vec![Line::raw(inert(name, inner_width)), Line::default()];
            lines.extend(list_lines(state, &items, *selected, 4, inner_width));
            let h = lines.len() as u16 + 2;
            (s.mark_title.to_string(), lines, h)
        }
        Popup::Completions(completions) => {
            let lines = list_lines(
                state,
                &completions.items,
                completions.selected,
                10,
                inner_width,
            );
            let h = lines.len() as u16 + 2;
            (s.completions.to_string(), lines, h)
        }
    };
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).title(title);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        rect,
    );
    // The password is a real (masked) text field on the preview's last line.
    if let Popup::Preview(preview) = popup
        && let Some(password) = &preview.password
    {
        let field = Rect {
            x: rect.x + 2,
            y: rect.y + rect.height.saturating_sub(2),
            width: rect.width.saturating_sub(4),
            height: 1,
        };
        frame.render_widget(password, field);
    }
    // The folder being typed is a real text field.
    if let Popup::BundleTo(area_text) = popup {
        let field = Rect {
            x: rect.x + 2,
            y: rect.y + 2,
            width: rect.width.saturating_sub(4),
            height: 1,
        };
        frame.render_widget(&**area_text, field);
    }
    // The name being typed is a real text field.
    if let Popup::NewDraft(new) = popup
        && let Some(area_text) = &new.name
    {
        let field = Rect {
            x: rect.x + 2,
            y: rect.y + 2,
            width: rect.width.saturating_sub(4),
            height: 1,
        };
        frame.render_widget(area_text, field);
    }
}
