//! The home screen: drafts to resume, and how to start a new order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{columns, ellipsize, split, wrap};
use crate::tui::state::{DraftRow, Home, State};
use crate::tui::strings::{Strings, strings};

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
    let table = DraftTable::new(state, home, width);
    let mut lines = vec![Line::styled(table.header(), theme.label())];
    let mut selected_bottom = 1;
    for (i, draft) in home.drafts.iter().enumerate() {
        let style = if i == home.selected {
            theme.focused()
        } else {
            Style::default()
        };
        lines.extend(
            table
                .row(draft)
                .into_iter()
                .map(|line| Line::styled(line, style)),
        );
        if i == home.selected {
            selected_bottom = lines.len();
        }
    }
    let room = body.height.saturating_sub(2) as usize;
    let offset = selected_bottom.saturating_sub(room) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((offset, 0)).block(block), body);
}

/// Columns between the cells.
const GAP: usize = 2;

/// The drafts as a table whose columns are as wide as their widest cell, so every status word
/// shows whole. When they do not all fit, the questionnaire's column goes first, then the time
/// of the last change, then the progress; the name takes what is left.
struct DraftTable {
    /// Each column shown and its width, the name first.
    columns: Vec<(Column, usize)>,
    width: usize,
    strings: &'static Strings,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Form,
    Progress,
    Status,
    Updated,
}

impl DraftTable {
    fn new(state: &State, home: &Home, width: usize) -> DraftTable {
        let s = strings(state.lang);
        let cell_width = |column: Column| -> usize {
            let header = match column {
                // As wide on any day: the columns beside it do not come and go with the date.
                Column::Updated => {
                    columns(header_of(s, column)).max(crate::text::widest_in_list(state.lang))
                }
                Column::Name | Column::Form | Column::Progress | Column::Status => {
                    columns(header_of(s, column))
                }
            };
            // A draft that cannot be opened shows its name, and its reason across the rest.
            home.drafts
                .iter()
                .filter(|d| d.error.is_none() || column == Column::Name)
                .map(|d| columns(&cell(d, column)))
                .chain([header])
                .max()
                .unwrap_or(header)
        };
        let mut shown: Vec<(Column, usize)> = [
            Column::Name,
            Column::Form,
            Column::Progress,
            Column::Status,
            Column::Updated,
        ]
        .into_iter()
        .map(|c| (c, cell_width(c)))
        .collect();
        let total = |shown: &[(Column, usize)]| -> usize {
            shown.iter().map(|(_, w)| w).sum::<usize>() + GAP * shown.len().saturating_sub(1)
        };
        for dropped in [Column::Form, Column::Updated, Column::Progress] {
            if total(&shown) <= width {
                break;
            }
            shown.retain(|(c, _)| *c != dropped);
        }
        let others = total(&shown[1..]) + GAP;
        shown[0].1 = shown[0].1.min(width.saturating_sub(others)).max(1);
        DraftTable {
            columns: shown,
            width,
            strings: s,
        }
    }

    fn header(&self) -> String {
        self.line(|column| header_of(self.strings, column).to_string())
    }

    /// A draft's line, or, for a draft that cannot be opened, its name and why, wrapped.
    fn row(&self, draft: &DraftRow) -> Vec<String> {
        match &draft.error {
            Some(error) => {
                let name_width = self.columns[0].1;
                let name = pad(&ellipsize(&draft.name, name_width), name_width);
                let room = self.width.saturating_sub(name_width + GAP);
                wrap(error, room)
                    .into_iter()
                    .enumerate()
                    .map(|(n, part)| {
                        let lead = if n == 0 {
                            name.clone()
                        } else {
                            " ".repeat(name_width)
                        };
                        format!("{lead}{}{part}", " ".repeat(GAP))
                    })
                    .collect()
            }
            None => vec![self.line(|column| cell(draft, column))],
        }
    }

    fn line(&self, text: impl Fn(Column) -> String) -> String {
        self.columns
            .iter()
            .map(|&(column, width)| pad(&ellipsize(&text(column), width), width))
            .collect::<Vec<_>>()
            .join(&" ".repeat(GAP))
            .trim_end()
            .to_string()
    }
}

fn header_of(s: &'static Strings, column: Column) -> &'static str {
    match column {
        Column::Name => s.col_name,
        Column::Form => s.col_form,
        Column::Progress => s.col_progress,
        Column::Status => s.col_status,
        Column::Updated => s.col_updated,
    }
}

/// What a column shows of a draft.
fn cell(draft: &DraftRow, column: Column) -> String {
    match column {
        Column::Name => draft.name.clone(),
        Column::Form => draft.form.clone(),
        Column::Progress => draft
            .progress
            .map(|p| format!("{}/{}", p.answered, p.required))
            .unwrap_or_default(),
        Column::Status => draft.status.clone(),
        Column::Updated => draft.updated.clone(),
    }
}

/// `text` and spaces after it to `width` columns.
fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(columns(text));
    format!("{text}{}", " ".repeat(fill))
}
