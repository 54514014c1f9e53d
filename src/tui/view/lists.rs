//! The two list steps: the prerequisite checklist first, the review of every answer last.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{inert, wrap};
use crate::prereq::State as ItemState;
use crate::tui::rows;
use crate::tui::select::review_rows;
use crate::tui::state::{State, Wizard};
use crate::tui::strings::strings;
use crate::validate::Severity;

/// Lines for each entry; the selected entry is kept in view.
fn draw_entries(
    frame: &mut Frame,
    entries: Vec<Vec<Line<'static>>>,
    selected: usize,
    header: Vec<Line<'static>>,
    area: Rect,
) {
    let mut lines = header;
    let mut selected_bottom = lines.len();
    for (i, entry) in entries.into_iter().enumerate() {
        lines.extend(entry);
        if i == selected {
            selected_bottom = lines.len();
        }
    }
    let offset = selected_bottom.saturating_sub(area.height as usize) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((offset, 0)), area);
}

pub fn draw_checklist(frame: &mut Frame, state: &State, wizard: &Wizard, area: Rect) {
    let theme = state.theme;
    let s = strings(state.lang);
    let lang = state.lang;
    let width = area.width.saturating_sub(6) as usize;
    let entries = wizard
        .session
        .checklist()
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (mark, word, style) = match item.state {
                ItemState::Met => ("✓", s.state_met, theme.ok()),
                ItemState::NotMet => ("✗", s.state_not_met, theme.error()),
                ItemState::Unknown => ("?", s.state_unknown, theme.warning()),
            };
            let label_style = if i == wizard.focus {
                theme.focused()
            } else {
                theme.label()
            };
            let mut lines = vec![Line::from(vec![
                Span::styled(format!(" {mark} "), style),
                Span::styled(inert(item.label.get(lang), width), label_style),
                Span::styled(format!(" ({word})"), style),
            ])];
            for part in wrap(item.reason.get(lang), width) {
                lines.push(Line::raw(format!("   {part}")));
            }
            if item.state != ItemState::Met {
                for (n, part) in wrap(item.fix.get(lang), width).into_iter().enumerate() {
                    let lead = if n == 0 { "   → " } else { "     " };
                    lines.push(Line::styled(format!("{lead}{part}"), theme.muted()));
                }
            }
            lines.push(Line::default());
            lines
        })
        .collect();
    let mut header: Vec<Line> = wrap(wizard.spec().about.get(lang), area.width as usize)
        .into_iter()
        .map(|l| Line::styled(l, theme.muted()))
        .collect();
    header.push(Line::default());
    draw_entries(frame, entries, wizard.focus, header, area);
}

pub fn draw_review(frame: &mut Frame, state: &State, wizard: &Wizard, area: Rect) {
    let theme = state.theme;
    let s = strings(state.lang);
    let lang = state.lang;
    let errors = wizard
        .session
        .problems()
        .iter()
        .filter(|p| p.is_error())
        .count();
    let not_met = wizard
        .session
        .checklist()
        .iter()
        .filter(|i| i.state == ItemState::NotMet)
        .count();
    let verdict = if errors == 0 && not_met == 0 {
        Line::styled(s.review_ready.to_string(), theme.ok())
    } else {
        Line::styled((s.review_not_ready)(errors, not_met), theme.error())
    };
    let width = area.width.saturating_sub(2) as usize;
    let entries = review_rows(wizard, lang)
        .into_iter()
        .enumerate()
        .map(|(i, (_, row))| {
            let value = match row.kind {
                rows::RowKind::AddEntry => String::new(),
                rows::RowKind::YesNo => match wizard.session.answers().bool(&row.id) {
                    Some(true) => s.yes.to_string(),
                    Some(false) => s.no.to_string(),
                    None => String::new(),
                },
                _ => rows::display_text(wizard.spec(), wizard.session.answers(), &row, lang),
            };
            let shown = if value.trim().is_empty() && row.kind != rows::RowKind::AddEntry {
                s.empty_value.to_string()
            } else {
                value.lines().next().unwrap_or("").to_string()
            };
            let style = if i == wizard.focus {
                theme.focused()
            } else {
                theme.label()
            };
            let mut lines = vec![Line::from(vec![
                Span::styled(inert(&row.label, width / 2), style),
                Span::raw(": "),
                Span::raw(inert(&shown, width.saturating_sub(width / 2 + 2))),
            ])];
            for problem in wizard
                .session
                .problems()
                .iter()
                .filter(|p| p.field == row.id)
            {
                let (mark, style) = match problem.severity {
                    Severity::Error => ("✗", theme.error()),
                    Severity::Warning => ("!", theme.warning()),
                };
                for (n, part) in wrap(problem.message.get(lang), width.saturating_sub(4))
                    .into_iter()
                    .enumerate()
                {
                    let lead = if n == 0 {
                        format!("  {mark} ")
                    } else {
                        "    ".to_string()
                    };
                    lines.push(Line::styled(format!("{lead}{part}"), style));
                }
            }
            lines
        })
        .collect();
    draw_entries(
        frame,
        entries,
        wizard.focus,
        vec![verdict, Line::default()],
        area,
    );
}
