//! The wizard: steps on the left, the current step's fields in the middle, the focused field's help
//! under them.

use ratatui::Frame;
use ratatui::layout::{Rect, Size};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{columns, ellipsize, inert, lists, split, wrap};
use crate::text::Lang;
use crate::tui::action::Command;
use crate::tui::context::screen_context;
use crate::tui::keymap;
use crate::tui::rows::{self, Row, RowKind};
use crate::tui::select::current_rows;
use crate::tui::state::{State, Status, StepRef, Wizard, step_ref};
use crate::tui::strings::strings;
use crate::validate::text::sanitize;
use crate::validate::{Problem, Severity};

/// Wide enough for the step list beside the fields.
const SIDEBAR_FROM_WIDTH: u16 = 76;
const SIDEBAR_WIDTH: u16 = 24;

pub fn draw(frame: &mut Frame, state: &State, wizard: &Wizard, area: Rect) {
    let (title, body) = split::top(area, 1);
    draw_title(frame, state, wizard, title);
    if area.width >= SIDEBAR_FROM_WIDTH {
        let (side, _) = split::left(body, SIDEBAR_WIDTH);
        draw_steps(frame, state, wizard, side);
    }
    let content = content_area(body);
    match wizard.step_ref() {
        StepRef::Checklist => lists::draw_checklist(frame, state, wizard, content),
        StepRef::Review => lists::draw_review(frame, state, wizard, content),
        StepRef::Form(i) => draw_form_step(frame, state, wizard, i, content),
    }
}

/// Where a step's content goes: right of the step list when the window is wide enough for it.
fn content_area(body: Rect) -> Rect {
    if body.width >= SIDEBAR_FROM_WIDTH {
        split::left(body, SIDEBAR_WIDTH).1
    } else {
        body
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
    let progress = wizard.session.progress();
    let parts = TitleParts {
        form: wizard.spec().title.get(state.lang).to_string(),
        draft: sanitize(wizard.session.name().as_ref(), false),
        step: format!(
            "{}: {}",
            (s.step_of)(wizard.step + 1, wizard.step_count()),
            step_title(state, wizard, wizard.step)
        ),
        progress: format!("{}/{}", progress.answered, progress.required),
    };
    let [form, draft, step, progress] = parts.fit(area.width as usize);
    let mut spans = Vec::new();
    for (text, style) in [
        (form, theme.title()),
        (draft, Style::default()),
        (step, theme.label()),
        (progress, theme.muted()),
    ] {
        if text.is_empty() {
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::raw(SEPARATOR));
        }
        spans.push(Span::styled(text, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

const SEPARATOR: &str = " · ";

/// The title line's parts: the questionnaire, the draft, the step, the progress.
struct TitleParts {
    form: String,
    draft: String,
    step: String,
    progress: String,
}

impl TitleParts {
    /// The parts as they fit `width`: the questionnaire's title gives way first (cut between
    /// words, then left out), then the draft's name, then the step's title; the progress is
    /// never cut.
    fn fit(self, width: usize) -> [String; 4] {
        let total = |parts: &[&str]| -> usize {
            let shown: Vec<&&str> = parts.iter().filter(|p| !p.is_empty()).collect();
            shown.iter().map(|p| columns(p)).sum::<usize>()
                + columns(SEPARATOR) * shown.len().saturating_sub(1)
        };
        let TitleParts {
            mut form,
            mut draft,
            mut step,
            progress,
        } = self;
        if total(&[&form, &draft, &step, &progress]) <= width {
            return [form, draft, step, progress];
        }
        let rest = total(&["x", &draft, &step, &progress]) - 1;
        form = if width.saturating_sub(rest) >= MIN_CUT {
            ellipsize(&form, width - rest)
        } else {
            String::new()
        };
        if total(&[&form, &draft, &step, &progress]) <= width {
            return [form, draft, step, progress];
        }
        let rest = total(&["x", &step, &progress]) - 1;
        draft = if width.saturating_sub(rest) >= MIN_CUT {
            ellipsize(&draft, width - rest)
        } else {
            String::new()
        };
        let rest = total(&[&draft, "x", &progress]) - 1;
        step = ellipsize(&step, width.saturating_sub(rest));
        [form, draft, step, progress]
    }
}

/// A part cut shorter than this says too little: it is left out instead.
const MIN_CUT: usize = 10;

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

/// The steps, each title wrapped under its mark; the current one kept in view.
fn draw_steps(frame: &mut Frame, state: &State, wizard: &Wizard, area: Rect) {
    let theme = state.theme;
    // The border takes a column, the mark and its space two.
    let width = area.width.saturating_sub(3) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut current_bottom = 0;
    for step in 0..wizard.step_count() {
        let (marker, style) = step_marker(state, wizard, step);
        let title_style = if step == wizard.step {
            theme.focused()
        } else {
            Style::default()
        };
        for (n, part) in wrap(&step_title(state, wizard, step), width)
            .into_iter()
            .enumerate()
        {
            let lead = if n == 0 {
                Span::styled(format!("{marker} "), style)
            } else {
                Span::raw("  ")
            };
            lines.push(Line::from(vec![lead, Span::styled(part, title_style)]));
        }
        if step == wizard.step {
            current_bottom = lines.len();
        }
    }
    let offset = current_bottom.saturating_sub(area.height as usize) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((offset, 0))
            .block(Block::default().borders(Borders::RIGHT)),
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

struct Block_<'a> {
    row: &'a Row,
    /// The label, wrapped.
    label: Vec<String>,
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

/// The focused row's help, as the panel under the rows shows it.
pub fn field_help(wizard: &Wizard, row: &Row, lang: Lang) -> String {
    let help = row.field(wizard.spec()).help.get(lang);
    // A signatory's row says first how the register says the company signs.
    let help = match wizard.session.signing_rule() {
        Some(rule) if crate::session::is_signatory_name(row) => {
            format!("{} {help}", rule.get(lang))
        }
        _ => help.to_string(),
    };
    // A proposal says first what it was made from.
    match proposal_basis(wizard, row, lang) {
        Some(basis) => format!("{basis} {help}"),
        None => help,
    }
}

/// Lines Alt-PgUp / Alt-PgDn scroll the help by.
const HELP_PAGE: u16 = 2;

/// Where the help of `row` is after one scroll from `now`, on a terminal of `size`: never past
/// the line that shows its end.
pub fn scroll_help(
    wizard: &Wizard,
    row: &Row,
    lang: Lang,
    size: Size,
    status: Option<&Status>,
    now: u16,
    down: bool,
) -> u16 {
    let area = super::main_area(Rect::new(0, 0, size.width, size.height), status);
    let (_, body) = split::top(area, 1);
    let content = content_area(body);
    let rows = help_rows(content.height) as usize;
    let lines = wrap(&field_help(wizard, row, lang), content.width as usize).len();
    let last = lines.saturating_sub(rows) as u16;
    if down {
        (now + HELP_PAGE).min(last)
    } else {
        now.min(last).saturating_sub(HELP_PAGE)
    }
}

/// Rows of help text under the fields, for a step area this tall (none when it is very low).
fn help_rows(height: u16) -> u16 {
    if height < 12 {
        0
    } else {
        (height / 5).clamp(2, 4)
    }
}

fn draw_form_step(frame: &mut Frame, state: &State, wizard: &Wizard, index: usize, area: Rect) {
    let lang = state.lang;
    let step = &wizard.spec().steps[index];
    let rows = current_rows(wizard, lang);
    let focused = rows.get(wizard.focus);
    let help = focused.map(|row| field_help(wizard, row, lang));
    let help_height = match &help {
        Some(help) if !help.trim().is_empty() => {
            help_rows(area.height) + u16::from(help_rows(area.height) > 0)
        }
        _ => 0,
    };
    let (fields_area, help_area) = split::bottom(area, help_height);
    let inner_width = fields_area.width.saturating_sub(2) as usize;
    // The intro heads the rows and scrolls with them: whole at the first row, out of the way
    // further down.
    let mut intro: Vec<String> = step
        .intro
        .as_ref()
        .map(|t| wrap(t.get(lang), inner_width))
        .unwrap_or_default();
    if !intro.is_empty() {
        intro.push(String::new());
    }
    if rows.is_empty() {
        intro.extend(wrap(strings(lang).step_empty, inner_width));
    }
    let blocks = row_blocks(wizard, &rows, lang, fields_area.width);
    draw_column(frame, state, wizard, &intro, &blocks, fields_area);
    if help_height > 0
        && let (Some(help), Some(row)) = (help, focused)
    {
        let scroll = wizard.help_scroll.of(&row.id);
        draw_field_help(frame, state, &help, scroll, help_area);
    }
}

/// Each row with its wrapped label, the problems it shows (once left) and the height it takes.
fn row_blocks<'a>(wizard: &'a Wizard, rows: &'a [Row], lang: Lang, width: u16) -> Vec<Block_<'a>> {
    // Labels are wrapped after the pointer, the mark and a space (see draw_row); problems to the
    // row width less the indent and the mark.
    let label_width = width.saturating_sub(5) as usize;
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
            let label = wrap(&row.label, label_width);
            Block_ {
                row,
                height: label.len() as u16 + editor_height(wizard, row) + problem_lines,
                label,
                problems,
            }
        })
        .collect()
}

/// How far the column is scrolled: just enough that the focused block fits (its top first,
/// when it is taller than the room).
fn scroll_offset(header: u16, blocks: &[Block_], focus: usize, height: u16) -> u16 {
    let mut top = header;
    for (i, block) in blocks.iter().enumerate() {
        if i == focus {
            let bottom = top + block.height;
            return bottom.saturating_sub(height).min(top);
        }
        top += block.height + 1;
    }
    0
}

/// The intro lines, then the rows, scrolled to keep the focused row in view.
fn draw_column(
    frame: &mut Frame,
    state: &State,
    wizard: &Wizard,
    intro: &[String],
    blocks: &[Block_],
    area: Rect,
) {
    let header = intro.len() as u16;
    let offset = scroll_offset(header, blocks, wizard.focus, area.height);
    let intro_lines: Vec<Line> = intro
        .iter()
        .skip(offset as usize)
        .map(|l| Line::styled(l.clone(), state.theme.muted()))
        .collect();
    let intro_shown = (intro_lines.len() as u16).min(area.height);
    frame.render_widget(
        Paragraph::new(intro_lines),
        Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(2),
            height: intro_shown,
            ..area
        },
    );
    let mut y = header;
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

/// The focused field's help under the rows, wrapped; when it is longer than its room, its title
/// names the keys that scroll it.
fn draw_field_help(frame: &mut Frame, state: &State, help: &str, scroll: u16, area: Rect) {
    let lines = wrap(help, area.width as usize);
    let room = area.height.saturating_sub(1) as usize;
    let top = (scroll as usize).min(lines.len().saturating_sub(room));
    let context = screen_context(state);
    let mut title = strings(state.lang).help_title.to_string();
    if top > 0
        && let Some(up) = keymap::key_for(context, Command::ScrollUp)
    {
        title.push_str(&format!(" ↑ {up}"));
    }
    if top + room < lines.len()
        && let Some(down) = keymap::key_for(context, Command::ScrollDown)
    {
        title.push_str(&format!(" ↓ {down}"));
    }
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(room)
        .map(Line::raw)
        .collect();
    frame.render_widget(
        Paragraph::new(shown)
            .block(Block::default().borders(Borders::TOP).title(title))
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
    let mut lines: Vec<Line> = block
        .label
        .iter()
        .enumerate()
        .map(|(n, part)| {
            let lead = if n == 0 {
                vec![
                    Span::raw(pointer),
                    Span::styled(marker.to_string(), theme.error()),
                    Span::raw(" "),
                ]
            } else {
                vec![Span::raw("   ")]
            };
            let mut spans = lead;
            spans.push(Span::styled(part.clone(), label_style));
            Line::from(spans)
        })
        .collect();
    let label_rows = lines.len() as u16;
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
            y: area.y + label_rows,
            width: area.width.saturating_sub(3),
            height: editor_rows.min(area.height.saturating_sub(label_rows)),
        };
        frame.render_widget(&editor.area, rect);
        draw_proposal(frame, state, wizard, row, editor, rect);
    }
    let problem_y = area.y + label_rows + editor_rows;
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
        // The whole answer shows in the editor when the row is focused.
        let room = width.saturating_sub(5);
        let shown = ellipsize(first, room);
        let more = if text.contains('\n') && !shown.ends_with('…') {
            " …"
        } else {
            ""
        };
        Line::raw(format!("   {shown}{more}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> TitleParts {
        TitleParts {
            form: "Norwegian BankID through Idura".into(),
            draft: "solglott-eiendom".into(),
            step: "Step 9 of 12: National identity number".into(),
            progress: "27/29".into(),
        }
    }

    fn line(parts: [String; 4]) -> String {
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(SEPARATOR)
    }

    /// However narrow, the title line fits, the progress stays whole and nothing is cut inside a
    /// word without saying so.
    #[test]
    fn the_title_line_gives_way_part_by_part() {
        let full = line(parts().fit(200));
        assert_eq!(
            full,
            "Norwegian BankID through Idura · solglott-eiendom · Step 9 of 12: National identity number · 27/29"
        );
        for width in 30..120 {
            let shown = line(parts().fit(width));
            assert!(columns(&shown) <= width, "{width}: {shown}");
            assert!(shown.ends_with(" · 27/29"), "{width}: {shown}");
        }
        assert_eq!(
            line(parts().fit(90)),
            "Norwegian BankID … · solglott-eiendom · Step 9 of 12: National identity number · 27/29"
        );
        // The questionnaire is left out before the draft's name is cut.
        assert_eq!(
            line(parts().fit(60)),
            "solglott-e… · Step 9 of 12: National identity number · 27/29"
        );
    }
}
