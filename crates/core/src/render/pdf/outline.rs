//! The PDF's outline (bookmarks): the title, and under it every heading, each pointing at its
//! page. PDF/UA-1 asks for one, so a reader can move through the questions.

use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::outline::{Outline, OutlineNode};
use std::num::NonZeroU16;

/// A heading where the layout placed it.
pub(super) struct Heading {
    /// The page's index, from 0.
    pub(super) page: usize,
    /// The top of its first line, in points from the top of the page.
    pub(super) y: f32,
    pub(super) level: NonZeroU16,
    pub(super) title: String,
}

/// The outline of `headings` (in reading order): each one under the last heading of a lower
/// level before it, or at the top.
pub(super) fn outline(headings: &[Heading]) -> Outline {
    // The open branch: the nodes (with their levels) that a deeper heading goes under.
    let mut branch: Vec<(NonZeroU16, OutlineNode)> = Vec::new();
    let mut outline = Outline::new();
    for heading in headings {
        let node = OutlineNode::new(
            heading.title.clone(),
            XyzDestination::new(heading.page, Point::from_xy(0.0, heading.y)),
        )
        .with_open(true);
        while branch
            .last()
            .is_some_and(|(level, _)| *level >= heading.level)
        {
            close(&mut branch, &mut outline);
        }
        branch.push((heading.level, node));
    }
    while !branch.is_empty() {
        close(&mut branch, &mut outline);
    }
    outline
}

/// Ends the innermost open node: it becomes a child of the node above it, or a top entry.
fn close(branch: &mut Vec<(NonZeroU16, OutlineNode)>, outline: &mut Outline) {
    if let Some((_, node)) = branch.pop() {
        match branch.last_mut() {
            Some((_, parent)) => parent.push_child(node),
            None => outline.push_child(node),
        }
    }
}
