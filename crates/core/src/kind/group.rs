//! `address` and `contact`: groups whose parts (`FieldKind::group_parts`) are answered and
//! checked one by one under `<id>.<part>`, each by its own kind.

use super::{Around, Input, Kind, Shape, not_text};
use crate::text::Text;
use crate::validate::Finding;

pub struct Group;

impl<'a> Kind<'a> for Group {
    fn input(&self) -> Input<'a> {
        Input::Parts
    }

    fn shape(&self) -> Shape<'a> {
        Shape::Group
    }

    /// The group itself holds no text; its parts do.
    fn check(&self, _value: &str, _around: &Around) -> Vec<Finding> {
        not_text(self.shape())
    }

    fn hint(&self) -> Option<Text> {
        None
    }
}
