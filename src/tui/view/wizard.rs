//! The wizard: steps on the left, the current step's fields in the middle, the focused field's help
//! under them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{inert, lists, split, wrap};
use crate::text::Lang;
use crate::tui::rows::{self, Row, RowKind};
use crate::tui::select::current_rows;
use crate::tui::state::{State, StepRef, Wizard, step_ref};
use crate::tui::strings::strings;
use crate::validate::{Problem, Severity};

/// Wide enough for the step list beside the fields.
const SIDEBAR_FROM_WIDTH: u16 = 76;
const SIDEBAR_WIDTH: u16 = 24;

pub fn draw(frame: &mut Frame, state: &State, wizard: &Wizard, area: Rect) {
    let (title, body) = split::top(area, 1);
    draw_title(frame, state, wizard, title);
    let content = if area.width >= SIDEBAR_FROM_WIDTH {
        let (side, content) = split::left(body, SIDEBAR_WIDTH);
        draw_steps(frame, state, wizard, side);
        content
    } else {
        body
    };
    match wizard.step_ref() {
        StepRef::Checklist => lists::draw_checklist(frame, state, wizard, content),
        StepRef::Review => lists::draw_review(frame, state, wizard, content),
        StepRef::Form(i) => draw_form_step(frame, state, wizard, i, content),
    }
}

pub fn step_title(state: &State, wizard: &Wizard, step: usize) -> String {
    let s = strings(state.lang);
    match step_ref(step, wizard.spec().steps.len()) {
        StepRef::Checklist => s.checklist_step.to_string(),
        StepRef::Review => s.review_step.to_string(),
        StepRef::Form(i) => wizard.spec().steps[i].title.get(state.lang).to_string(),
    }
}

fn draw_title(frame: &mut Frame, state: &State, wizard: &Wizard, area: Rect) {
    let theme = state.theme;
    let s = strings(state.lang);
    let step = (s.step_of)(wizard.step + 1, wizard.step_count());
    let progress = format!(
        "{}/{}",
        wizard.session.progress().answered,
        wizard.session.progress().required
    );
    let line = Line::from(vec![
        Span::styled(
            wizard.spec().title.get(state.lang).to_string(),
            theme.title(),
        ),
        Span::raw(" · "),
        Span::raw(wizard.session.name().to_string()),
        Span::raw(" · "),
        Span::styled(
            format!("{step}: {}", step_title(state, wizard, wizard.step)),
            theme.label(),
        ),
        Span::raw(" · "),
        Span::styled(progress, theme.muted()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// Whether a step is done (answered, no errors) or has problems.
fn step_marker(state: &State, wizard: &Wizard, step: usize) -> (&'static str, Style) {
    let theme = state.theme;
    if step == wizard.step {
        return ("▸", theme.label());
    }
    let StepRef::Form(i) = step_ref(step, wizard.spec().steps.len()) else {
        return (" ", Style::default());
    };
    let rows = wizard.session.step_rows(i, state.lang);
    let error = |r: &Row| problems_of(wizard, &r.id).any(|p| p.severity == Severity::Error);
    // An error shows once its row was left or holds text; done means none at all.
    let has_error = rows.iter().any(|r| {
        error(r)
            && (wizard.touched.contains(&r.id)
                || !rows::row_text(wizard.session.answers(), &r.slot).is_empty())
    });
    let error_free = !rows.iter().any(error);
    // Counted by the core, as the header's count is: defaults and multi-select picks count.
    let progress = wizard.session.step_progress(i);
    let complete = if progress.required > 0 {
        progress.answered == progress.required
    } else {
        // Nothing required: done once something was answered or visited.
        rows.iter().any(|r| {
            wizard.touched.contains(&r.id)
                || !rows::row_text(wizard.session.answers(), &r.slot).is_empty()
        })
    };
    if has_error {
        ("✗", theme.error())
    } else if complete && error_free {
        ("✓", theme.ok())
    } else {
        ("·", theme.muted())
    }
}

fn draw_steps(frame: &mut Frame, state: &State, wizard: &Wizard, area: Rect) {
    let theme = state.theme;
    let width = area.width.saturating_sub(4) as usize;
    let lines: Vec<Line> = (0..wizard.step_count())
        .map(|step| {
            let (marker, style) = step_marker(state, wizard, step);
            let title = inert(&step_title(state, wizard, step), width);
            let title_style = if step == wizard.step {
                theme.focused()
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::styled(format!("{marker} "), style),
                Span::styled(title, title_style),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::RIGHT)),
        area,
    );
}

pub fn problems_of<'a>(
    wizard: &'a Wizard,
    row_id: &'a str,
) -> impl Iterator<Item = &'a Problem> + 'a {
    wizard
        .session
        .problems()
        .iter()
        .filter(move |p| p.field == row_id)
}

/// Lines a text takes when wrapped at `width` (a close estimate; words may wrap a little earlier).
fn wrapped_height(text: &str, width: u16) -> u16 {
    let width = width.max(1) as usize;
    text.split('\n')
        .map(|line| line.chars().count().div_ceil(width).max(1))
        .sum::<usize>() as u16
}

struct Block_<'a> {
    row: &'a Row,
    height: u16,
    problems: Vec<&'a Problem>,
}

fn editor_height(wizard: &Wizard, row: &Row) -> u16 {
    match (&wizard.editor, &row.kind) {
        (Some(editor), RowKind::Text { multiline: true }) if editor.row_id == row.id => {
            (editor.lines() as u16).clamp(3, 6)
        }
        _ => 1,
    }
}

fn draw_form_step(frame: &mut Frame, state: &State, wizard: &Wizard, index: usize, area: Rect) {
    let lang = state.lang;
    let step = &wizard.spec().steps[index];
    let rows = current_rows(wizard, lang);
    let help_height = if area.height >= 18 { 5 } else { 0 };
    let intro = step
        .intro
        .as_ref()
        .map(|t| t.get(lang).to_string())
        .unwrap_or_default();
    let intro_height = if intro.is_empty() || area.height < 16 {
        0
    } else {
        wrapped_height(&intro, area.width.saturating_sub(2)).min(2)
    };
    let (intro_area, rest) = split::top(area, intro_height);
    let (fields_area, help_area) = split::bottom(rest, help_height);
    if intro_height > 0 {
        draw_muted(frame, state, &inert(&intro, 400), intro_area);
    }
    if rows.is_empty() {
        draw_muted(frame, state, strings(lang).step_empty, fields_area);
    }
    let blocks = row_blocks(wizard, &rows, lang, fields_area.width);
    draw_blocks(frame, state, wizard, &blocks, fields_area);
    if help_height > 0
        && let Some(row) = rows.get(wizard.focus)
    {
        let help = row.field(wizard.spec()).help.get(lang);
        // A signatory's row says first how the register says the company signs.
        let help = match wizard.session.signing_rule() {
            Some(rule) if crate::session::is_signatory_name(row) => {
                format!("{} {help}", rule.get(lang))
            }
            _ => help.to_string(),
        };
        let help = match proposal_basis(wizard, row, lang) {
            Some(basis) => format!("{basis} {help}"),
            None => help,
        };
        draw_field_help(frame, state, &help, help_area);
    }
}

/// A muted paragraph, wrapped, one column in from the sides.
fn draw_muted(frame: &mut Frame, state: &State, text: &str, area: Rect) {
    frame.render_widget(
        Paragraph::new(text.to_string())
            .style(state.theme.muted())
            .wrap(Wrap { trim: true }),
        area.inner(ratatui::layout::Margin::new(1, 0)),
    );
}

/// Each row with the problems it shows (once left) and the height it takes.
fn row_blocks<'a>(wizard: &'a Wizard, rows: &'a [Row], lang: Lang, width: u16) -> Vec<Block_<'a>> {
    // Problems are wrapped to the row width less the indent and the mark (see draw_row).
    let inner_width = width.saturating_sub(7);
    rows.iter()
        .map(|row| {
            let problems: Vec<&Problem> = if wizard.touched.contains(&row.id) {
                problems_of(wizard, &row.id).collect()
            } else {
                Vec::new()
            };
            let problem_lines: u16 = problems
                .iter()
                .map(|p| wrap(p.message.get(lang), inner_width as usize).len() as u16)
                .sum();
            Block_ {
                row,
                height: 1 + editor_height(wizard, row) + problem_lines,
                problems,
            }
        })
        .collect()
}

/// How far the rows are scrolled: just enough that the focused block fits.
fn scroll_offset(blocks: &[Block_], focus: usize, height: u16) -> u16 {
    let mut top = 0u16;
    for (i, block) in blocks.iter().enumerate() {
        if i == focus {
            let bottom = top + block.height;
            return bottom.saturating_sub(height);
        }
        top += block.height + 1;
    }
    0
}

/// The rows that fit, scrolled to keep the focused one in view.
fn draw_blocks(frame: &mut Frame, state: &State, wizard: &Wizard, blocks: &[Block_], area: Rect) {
    let offset = scroll_offset(blocks, wizard.focus, area.height);
    let mut y = 0u16;
    for (i, block) in blocks.iter().enumerate() {
        let start = y;
        y += block.height + 1;
        if start < offset {
            continue;
        }
        let visible_top = start - offset;
        if visible_top >= area.height {
            break;
        }
        let rect = Rect {
            x: area.x + 1,
            y: area.y + visible_top,
            width: area.width.saturating_sub(2),
            height: block.height.min(area.height - visible_top),
        };
        draw_row(frame, state, wizard, block, i == wizard.focus, rect);
    }
}

/// The focused field's help under the rows.
fn draw_field_help(frame: &mut Frame, state: &State, help: &str, area: Rect) {
    frame.render_widget(
        Paragraph::new(inert(help, 600))
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::TOP)
                    .title(strings(state.lang).help_title),
            )
            .style(state.theme.muted()),
        area,
    );
}

fn draw_row(
    frame: &mut Frame,
    state: &State,
    wizard: &Wizard,
    block: &Block_,
    focused: bool,
    area: Rect,
) {
    let theme = state.theme;
    let s = strings(state.lang);
    let row = block.row;
    let width = area.width as usize;
    let marker = if row.required { s.required_marker } else { " " };
    let label_style = if focused {
        theme.focused()
    } else {
        theme.label()
    };
    // A pointer as well as the highlight, so focus shows without colour too.
    let pointer = if focused { "▸" } else { " " };
    let mut lines = vec![Line::from(vec![
        Span::raw(pointer),
        Span::styled(marker.to_string(), theme.error()),
        Span::raw(" "),
        Span::styled(inert(&row.label, width.saturating_sub(2)), label_style),
    ])];
    let editor_rows = editor_height(wizard, row);
    let editing = focused && wizard.editor.as_ref().is_some_and(|e| e.row_id == row.id);
    if !editing {
        lines.push(value_line(state, wizard, row, width.saturating_sub(2)));
    }
    let height = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines), Rect { height, ..area });
    if editing && let Some(editor) = &wizard.editor {
        let rect = Rect {
            x: area.x + 3,
            y: area.y + 1,
            width: area.width.saturating_sub(3),
            height: editor_rows.min(area.height.saturating_sub(1)),
        };
        frame.render_widget(&editor.area, rect);
        draw_proposal(frame, state, wizard, row, editor, rect);
    }
    let problem_y = area.y + 1 + editor_rows;
    if problem_y < area.y + area.height {
        let inner_width = area.width.saturating_sub(5) as usize;
        let problem_lines: Vec<Line> = block
            .problems
            .iter()
            .flat_map(|p| {
                let (mark, style) = match p.severity {
                    Severity::Error => ("✗ ", theme.error()),
                    Severity::Warning => ("! ", theme.warning()),
                };
                wrap(p.message.get(state.lang), inner_width)
                    .into_iter()
                    .enumerate()
                    .map(move |(n, part)| {
                        let lead = if n == 0 { mark } else { "  " };
                        Line::styled(format!("{lead}{part}"), style)
                    })
            })
            .collect();
        frame.render_widget(
            Paragraph::new(problem_lines),
            Rect {
                x: area.x + 3,
                y: problem_y,
                width: area.width.saturating_sub(3),
                height: area.y + area.height - problem_y,
            },
        );
    }
}

/// A proposal in an empty line, muted and marked as one (it is not the answer until taken).
fn draw_proposal(
    frame: &mut Frame,
    state: &State,
    wizard: &Wizard,
    row: &Row,
    editor: &crate::tui::wizard::Editor,
    rect: Rect,
) {
    if editor.multiline || !editor.text().is_empty() {
        return;
    }
    let Some(proposal) = wizard.session.proposal(row) else {
        return;
    };
    // After the cursor's cell, which stays visible.
    let ghost = Rect {
        x: rect.x + 1,
        width: rect.width.saturating_sub(1),
        height: 1,
        ..rect
    };
    let text = format!(
        "{}  {}",
        inert(&proposal.value, ghost.width as usize),
        strings(state.lang).proposed
    );
    frame.render_widget(Paragraph::new(text).style(state.theme.muted()), ghost);
}

/// What the help says a proposal is made from.
fn proposal_basis(wizard: &Wizard, row: &Row, lang: Lang) -> Option<String> {
    let proposal = wizard.session.proposal(row)?;
    let s = strings(lang);
    Some(match proposal.basis {
        crate::session::Basis::EmailLike { example } => (s.proposed_email_like)(&example),
        crate::session::Basis::NameOf { field } => {
            let label = wizard
                .spec()
                .field(&field)
                .map_or(field.clone(), |f| f.label.get(lang).to_string());
            (s.proposed_name_of)(&label)
        }
        crate::session::Basis::Domain { domain } => (s.proposed_domain)(&domain),
    })
}

/// How a row's answer reads when it is not being edited.
fn value_line<'a>(state: &State, wizard: &Wizard, row: &Row, width: usize) -> Line<'a> {
    let theme = state.theme;
    let s = strings(state.lang);
    let text = match row.kind {
        RowKind::AddEntry => return Line::styled(format!("   {}", s.add_entry), theme.key()),
        RowKind::YesNo => {
            let value = match wizard.session.answers().get(&row.id) {
                Some(crate::answers::Answer::Bool(b)) => Some(*b),
                _ => row
                    .field(wizard.spec())
                    .default
                    .as_ref()
                    .and_then(|d| d.as_bool()),
            };
            match value {
                Some(true) => format!(" [x] {}   [ ] {}", s.yes, s.no),
                Some(false) => format!(" [ ] {}   [x] {}", s.yes, s.no),
                None => format!(" [ ] {}   [ ] {}", s.yes, s.no),
            }
        }
        _ => rows::display_text(wizard.spec(), wizard.session.answers(), row, state.lang),
    };
    if text.trim().is_empty() {
        Line::styled(format!("   {}", s.empty_value), theme.muted())
    } else {
        let first = text.lines().next().unwrap_or("");
        let more = if text.contains('\n') { " …" } else { "" };
        Line::raw(format!(
            "   {}{more}",
            inert(first, width.saturating_sub(5))
        ))
    }
}
