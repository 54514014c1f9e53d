//! Cutting a rectangle into bands. The screens are fixed bands around one part that takes the
//! rest, which needs no constraint solver: `Layout` solves a linear system for every split, and on
//! the first frame, before its cache is warm, that was a tenth of the time to draw.

use ratatui::layout::Rect;

/// (the top `height` rows, the rest below).
pub fn top(area: Rect, height: u16) -> (Rect, Rect) {
    let height = height.min(area.height);
    let top = Rect { height, ..area };
    let rest = Rect {
        y: area.y + height,
        height: area.height - height,
        ..area
    };
    (top, rest)
}

/// (the rest above, the bottom `height` rows).
pub fn bottom(area: Rect, height: u16) -> (Rect, Rect) {
    let (rest, bottom) = top(area, area.height - height.min(area.height));
    (rest, bottom)
}

/// (the left `width` columns, the rest to the right).
pub fn left(area: Rect, width: u16) -> (Rect, Rect) {
    let width = width.min(area.width);
    let left = Rect { width, ..area };
    let rest = Rect {
        x: area.x + width,
        width: area.width - width,
        ..area
    };
    (left, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Constraint, Layout};

    /// The bands are the ones `Layout` gives for the same constraints.
    #[test]
    fn bands_match_the_layout_solver() {
        for area in [
            Rect::new(0, 0, 80, 24),
            Rect::new(3, 5, 61, 19),
            Rect::new(0, 0, 50, 12),
        ] {
            let [a, b] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
            assert_eq!(top(area, 1), (a, b));
            let [a, b, c] = Layout::vertical([
                Constraint::Min(1),
                Constraint::Length(1),
                Constraint::Length(1),
            ])
            .areas(area);
            let (rest, status) = bottom(area, 1);
            assert_eq!(bottom(rest, 1), (a, b));
            assert_eq!(status, c);
            let [a, b] =
                Layout::horizontal([Constraint::Length(24), Constraint::Min(1)]).areas(area);
            assert_eq!(left(area, 24), (a, b));
            let [a, b, c] = Layout::vertical([
                Constraint::Length(2),
                Constraint::Min(1),
                Constraint::Length(5),
            ])
            .areas(area);
            let (intro, rest) = top(area, 2);
            assert_eq!((intro, bottom(rest, 5)), (a, (b, c)));
        }
    }

    #[test]
    fn a_band_taller_than_the_area_takes_all_of_it() {
        let area = Rect::new(2, 3, 10, 4);
        assert_eq!(top(area, 9), (area, Rect::new(2, 7, 10, 0)));
        assert_eq!(bottom(area, 9), (Rect::new(2, 3, 10, 0), area));
        assert_eq!(left(area, 99), (area, Rect::new(12, 3, 0, 4)));
    }
}
