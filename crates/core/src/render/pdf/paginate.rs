//! The document's rows cut into pages: a heading never ends a page, what is glued stays together,
//! and the signature block is not left alone on the last page.

use std::num::NonZeroU16;
use std::ops::Range;

use super::PAGE_ROOM;
use super::op::Op;

/// One row of the document: a line of text (or a rule, or the signature's lines) with what is
/// drawn in it, placed relative to the row's top. Rows are laid out first and cut into pages
/// after ([`paginate`]), so a page break can be chosen knowing what follows.
pub(super) struct Row {
    /// White space above the row; dropped when the row opens a page.
    pub(super) space_before: f32,
    pub(super) height: f32,
    pub(super) ops: Vec<Op>,
    /// The row stays on the page of the row after it (a heading with its answer, the lines of a
    /// contact, the signature block).
    pub(super) glue_next: bool,
    /// The row is the heading that opens a section.
    pub(super) opens_section: bool,
    /// The row is a heading's first line: its level and whole text, for the outline.
    pub(super) heading: Option<(NonZeroU16, String)>,
}

impl Row {
    pub(super) fn blank(space_before: f32, height: f32) -> Row {
        Row {
            space_before,
            height,
            ops: Vec::new(),
            glue_next: false,
            opens_section: false,
            heading: None,
        }
    }
}

/// The height of `rows` on a page, the first one opening the page (its space above dropped).
pub(super) fn span(rows: &[Row]) -> f32 {
    rows.iter()
        .enumerate()
        .map(|(i, row)| row.height + if i == 0 { 0.0 } else { row.space_before })
        .sum()
}

/// The end (exclusive) of the run of rows glued to `start`.
fn chain_end(rows: &[Row], start: usize) -> usize {
    let mut end = start;
    while end + 1 < rows.len() && rows[end].glue_next {
        end += 1;
    }
    end + 1
}

/// The rows cut into pages, each page a range of rows.
///
/// Greedy, run by run of glued rows: a run that does not fit on what is left of the page starts
/// the next page; one taller than a page breaks where it overflows. Then the last page is looked
/// at: when it holds nothing but the signature block (the rows from `signature`), the end of the
/// page before moves over to it, so the block is not alone (see [`not_alone`]).
pub(super) fn paginate(rows: &[Row], signature: Option<usize>) -> Vec<Range<usize>> {
    let mut pages = Vec::new();
    let mut start = 0;
    let mut used = 0.0;
    let mut at = 0;
    // The space above row `i` when the page began at `start`.
    let above = |i: usize, start: usize| {
        if i == start {
            0.0
        } else {
            rows[i].space_before
        }
    };
    while at < rows.len() {
        let end = chain_end(rows, at);
        let chain = span(&rows[at..end]) + above(at, start);
        if at > start && used + chain > PAGE_ROOM {
            pages.push(start..at);
            start = at;
            used = 0.0;
        }
        for (i, row) in rows.iter().enumerate().take(end).skip(at) {
            if i > start && used + above(i, start) + row.height > PAGE_ROOM {
                pages.push(start..i);
                start = i;
                used = 0.0;
            }
            used += above(i, start) + row.height;
        }
        at = end;
    }
    pages.push(start..rows.len());
    if let Some(signature) = signature {
        not_alone(rows, &mut pages, signature);
    }
    pages
}

/// When the last page holds only the signature block (the rows from `signature`), moves onto it
/// the last section of the page before, when that section and the block fit on one page; else the
/// shortest tail of that page that may be cut off (the row before it is not glued to it, so a
/// heading never stays behind without its answer). The page before always keeps a row. When
/// nothing fits, the block stays alone.
fn not_alone(rows: &[Row], pages: &mut [Range<usize>], signature: usize) {
    let [.., before, last] = pages else {
        return;
    };
    if last.start != signature {
        return;
    }
    let may_cut = |k: &usize| !rows[k - 1].glue_next;
    let fits = |k: &usize| span(&rows[*k..]) <= PAGE_ROOM;
    let mut cuts = (before.start + 1..before.end).rev().filter(may_cut);
    let section = cuts.clone().find(|k| rows[*k].opens_section);
    let cut = section.filter(fits).or_else(|| cuts.next().filter(fits));
    if let Some(cut) = cut {
        before.end = cut;
        last.start = cut;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` rows of `height`, the first opening a section glued to the next when `heading`.
    fn rows(n: usize, height: f32, heading: bool) -> Vec<Row> {
        (0..n)
            .map(|i| {
                let mut row = Row::blank(0.0, height);
                if heading && i == 0 {
                    row.glue_next = true;
                    row.opens_section = true;
                }
                row
            })
            .collect()
    }

    /// A signature block of three rows of 20 points, glued.
    fn signature() -> Vec<Row> {
        let mut block = rows(3, 20.0, true);
        block[1].glue_next = true;
        block
    }

    #[test]
    fn a_heading_that_fits_but_its_answer_does_not_moves_to_the_next_page() {
        // 690 points of text, then a heading and its answer of 10 points each: the heading would
        // fit at the bottom of the page (705.89 points), its answer not.
        let mut all = rows(69, 10.0, false);
        all.extend(rows(2, 10.0, true));
        assert_eq!(paginate(&all, None), [0..69, 69..71]);
        // Not glued, the heading would end the page.
        all[69].glue_next = false;
        assert_eq!(paginate(&all, None), [0..70, 70..71]);
    }

    #[test]
    fn a_run_taller_than_a_page_starts_a_page_and_breaks_where_it_overflows() {
        let mut all = rows(10, 10.0, false);
        let mut tall = rows(80, 10.0, false);
        tall.iter_mut().for_each(|row| row.glue_next = true);
        all.extend(tall);
        assert_eq!(paginate(&all, None), [0..10, 10..80, 80..90]);
    }

    #[test]
    fn the_signature_block_alone_on_the_last_page_takes_the_last_section_with_it() {
        // Section A: 410 points; section B: 260; the block (60) no longer fits after them.
        let mut all = rows(41, 10.0, true);
        all.extend(rows(26, 10.0, true));
        all.extend(signature());
        assert_eq!(
            paginate(&all, None),
            [0..67, 67..70],
            "alone without the rule"
        );
        assert_eq!(paginate(&all, Some(67)), [0..41, 41..70]);
    }

    #[test]
    fn when_the_last_section_and_the_block_do_not_fit_the_shortest_tail_moves() {
        // Section A: 40 points; section B: 660, too tall to go with the block (60).
        let mut all = rows(4, 10.0, true);
        all.extend(rows(66, 10.0, true));
        all.extend(signature());
        assert_eq!(paginate(&all, Some(70)), [0..69, 69..73]);
        // The last row glued to the one before (a contact's lines): both move.
        all[68].glue_next = true;
        assert_eq!(paginate(&all, Some(70)), [0..68, 68..73]);
    }

    #[test]
    fn the_block_stays_alone_when_nothing_before_it_may_be_cut_off() {
        let mut all = rows(67, 10.0, false);
        all.iter_mut().for_each(|row| row.glue_next = true);
        all[66].glue_next = false;
        all.extend(signature());
        assert_eq!(paginate(&all, Some(67)), [0..67, 67..70]);
    }

    #[test]
    fn space_above_a_row_that_opens_a_page_is_dropped() {
        // 600 points, then a row with 100 above it: it opens page 2, where 69 more rows fit
        // after it only without that space.
        let mut all = rows(60, 10.0, false);
        all.push(Row::blank(100.0, 10.0));
        all.extend(rows(69, 10.0, false));
        assert_eq!(paginate(&all, None), [0..60, 60..130]);
    }
}
