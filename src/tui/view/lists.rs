//! The two list steps: the prerequisite checklist first, the review of every answer last.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{columns, wrap, wrap_paragraphs};
use crate::answers::Answer;
use crate::prereq::State as ItemState;
use crate::tui::rows;
use crate::tui::select::review_rows;
use crate::tui::state::{State, Wizard};
use crate::tui::strings::strings;
use crate::validate::text::sanitize;
use crate::validate::{Problem, Severity};

/// Lines for each entry under a header; the selected entry is kept in view, its start first.
fn draw_entries(
    frame: &mut Frame,
    entries: Vec<Vec<Line<'static>>>,
    selected: usize,
    header: Vec<Line<'static>>,
    area: Rect,
) {
    let mut lines = header;
    let (mut selected_top, mut selected_bottom) = (0, lines.len());
    for (i, entry) in entries.into_iter().enumerate() {
        // The first entry takes the header with it: at the top of the list it shows whole.
        let top = if i == 0 { 0 } else { lines.len() };
        lines.extend(entry);
        if i == selected {
            (selected_top, selected_bottom) = (top, lines.len());
        }
    }
    // Scrolled just enough to show the selected entry's end, but never past its start.
    let offset = selected_bottom
        .saturating_sub(area.height as usize)
        .min(selected_top) as u16;
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
            let mut lines = titled(
                Span::styled(format!(" {mark} "), style),
                item.label.get(lang),
                label_style,
                Span::styled(format!("({word})"), style),
                width,
            );
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
    let (errors, not_met) = wizard.session.blockers();
    let s = strings(state.lang);
    let verdict = if errors == 0 && not_met == 0 {
        Line::styled(s.review_ready.to_string(), state.theme.ok())
    } else {
        Line::styled((s.review_not_ready)(errors, not_met), state.theme.error())
    };
    let width = area.width.saturating_sub(2) as usize;
    let entries = review_rows(wizard, state.lang)
        .into_iter()
        .enumerate()
        .map(|(i, (_, row))| review_entry(state, wizard, &row, i == wizard.focus, width))
        .collect();
    draw_entries(
        frame,
        entries,
        wizard.focus,
        vec![verdict, Line::default()],
        area,
    );
}

/// A title wrapped after `lead` (its continuation lines indented as far), with `tail` after its
/// last word, or on a line of its own when it does not fit there: the tail is never cut.
fn titled(
    lead: Span<'static>,
    title: &str,
    style: ratatui::style::Style,
    tail: Span<'static>,
    width: usize,
) -> Vec<Line<'static>> {
    let indent = " ".repeat(lead.width());
    let mut parts = wrap(title, width);
    let last_fits = parts.last().map_or(0, |l| columns(l)) + 1 + tail.width() <= width;
    let mut lines: Vec<Line> = Vec::new();
    let count = parts.len();
    for (n, part) in parts.drain(..).enumerate() {
        let mut spans = vec![if n == 0 {
            lead.clone()
        } else {
            Span::raw(indent.clone())
        }];
        spans.push(Span::styled(part, style));
        if n + 1 == count && last_fits {
            spans.push(Span::raw(" "));
            spans.push(tail.clone());
        }
        lines.push(Line::from(spans));
    }
    if !last_fits {
        lines.push(Line::from(vec![Span::raw(indent), tail]));
    }
    lines
}

/// One answer of the review: `label: value` on one line when it fits, else the label wrapped
/// and the whole value under it; then its problems.
fn review_entry(
    state: &State,
    wizard: &Wizard,
    row: &rows::Row,
    focused: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let theme = state.theme;
    let shown = review_value(state, wizard, row);
    let style = if focused {
        theme.focused()
    } else {
        theme.label()
    };
    let label = sanitize(&row.label, false);
    let one_line =
        !shown.contains('\n') && columns(&label) + 2 + columns(&sanitize(&shown, false)) <= width;
    let mut lines = if one_line {
        vec![Line::from(vec![
            Span::styled(label, style),
            Span::raw(": "),
            Span::raw(sanitize(&shown, false)),
        ])]
    } else {
        let parts = wrap(&label, width.saturating_sub(1));
        let last = parts.len().saturating_sub(1);
        // The colon after the label's last word.
        let mut lines: Vec<Line> = parts
            .into_iter()
            .enumerate()
            .map(|(n, part)| {
                let colon = if n == last { ":" } else { "" };
                Line::from(vec![Span::styled(part, style), Span::raw(colon)])
            })
            .collect();
        lines.extend(
            wrap_paragraphs(&shown, width.saturating_sub(VALUE_INDENT.len()))
                .into_iter()
                .map(|part| Line::raw(format!("{VALUE_INDENT}{part}"))),
        );
        lines
    };
    for problem in wizard
        .session
        .problems()
        .iter()
        .filter(|p| p.field == row.id)
    {
        lines.extend(problem_lines(state, problem, width));
    }
    lines
}

/// How far a value under its label is indented.
const VALUE_INDENT: &str = "  ";

/// An answer as the review shows it: a choice by its label, yes / no in words, the whole of a
/// long text, or "(empty)".
fn review_value(state: &State, wizard: &Wizard, row: &rows::Row) -> String {
    let s = strings(state.lang);
    let answers = wizard.session.answers();
    let value = match row.kind {
        rows::RowKind::AddEntry => return String::new(),
        rows::RowKind::YesNo => match answers.answer_or_default(row.field(wizard.spec())) {
            Some(Answer::Bool(true)) => s.yes.to_string(),
            Some(Answer::Bool(false)) => s.no.to_string(),
            _ => String::new(),
        },
        rows::RowKind::Text { .. } | rows::RowKind::Select | rows::RowKind::MultiSelect => {
            rows::display_text(wizard.spec(), answers, row, state.lang)
        }
    };
    if value.trim().is_empty() {
        s.empty_value.to_string()
    } else {
        value
    }
}

/// A problem under an answer: its mark, then its message wrapped under it.
fn problem_lines(state: &State, problem: &Problem, width: usize) -> Vec<Line<'static>> {
    let theme = state.theme;
    let (mark, style) = match problem.severity {
        Severity::Error => ("✗", theme.error()),
        Severity::Warning => ("!", theme.warning()),
    };
    wrap(problem.message.get(state.lang), width.saturating_sub(4))
        .into_iter()
        .enumerate()
        .map(|(n, part)| {
            let lead = if n == 0 {
                format!("  {mark} ")
            } else {
                "    ".to_string()
            };
            Line::styled(format!("{lead}{part}"), style)
        })
        .collect()
}
