//! The home screen: drafts to resume, and how to start a new order.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Wrap};

use super::{inert, split};
use crate::tui::state::{Home, State};
use crate::tui::strings::strings;

pub fn draw(frame: &mut Frame, state: &State, home: &Home, area: Rect) {
    let theme = state.theme;
    let s = strings(state.lang);
    let (title, body) = split::top(area, 1);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(s.app_title, theme.title()),
            Span::raw(" — "),
            Span::styled(s.home_drafts, theme.label()),
        ])),
        title,
    );
    let block = Block::default().borders(Borders::ALL).title(s.home_drafts);
    if home.drafts.is_empty() {
        frame.render_widget(
            Paragraph::new(s.home_no_drafts)
                .wrap(Wrap { trim: true })
                .block(block),
            body,
        );
        return;
    }
    let width = body.width.saturating_sub(2) as usize;
    let rows = home.drafts.iter().enumerate().map(|(i, d)| {
        let style = if i == home.selected {
            theme.focused()
        } else {
            Default::default()
        };
        let cells = match &d.error {
            Some(error) => vec![inert(&d.name, 24), inert(error, width.saturating_sub(26))],
            None => vec![
                inert(&d.name, 24),
                inert(&d.form, 20),
                d.progress
                    .map(|p| format!("{}/{}", p.answered, p.required))
                    .unwrap_or_default(),
                d.status.clone(),
                d.updated.clone(),
            ],
        };
        Row::new(cells).style(style)
    });
    let header = Row::new(vec![
        s.col_name,
        s.col_form,
        s.col_progress,
        s.col_status,
        s.col_updated,
    ])
    .style(theme.label());
    let table = Table::new(
        rows,
        [
            Constraint::Min(12),
            Constraint::Min(16),
            Constraint::Length(9),
            Constraint::Length(10),
            Constraint::Length(16),
        ],
    )
    .header(header)
    .block(block);
    frame.render_widget(table, body);
}
