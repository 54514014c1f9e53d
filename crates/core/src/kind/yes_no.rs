//! `yes-no`: stored as `true` / `false`.

use super::{Around, Input, Kind, Shape, not_text};
use crate::text::Text;
use crate::validate::Finding;

pub struct YesNo;

impl<'a> Kind<'a> for YesNo {
    fn input(&self) -> Input<'a> {
        Input::YesNo
    }

    fn shape(&self) -> Shape<'a> {
        Shape::YesNo
    }

    fn check(&self, _value: &str, _around: &Around) -> Vec<Finding> {
        not_text(self.shape())
    }

    fn hint(&self) -> Option<Text> {
        Some(Text::new("ja eller nei", "yes or no"))
    }
}
