//! `repeat`: entries of an item kind (a scalar kind, or a group), between `min` and `max` of them.
//! Each entry is normalised and checked by the item's kind.

use super::{Around, Input, Kind, Shape, not_text};
use crate::form::FieldKind;
use crate::t;
use crate::text::Text;
use crate::validate::Finding;

pub struct Repeat<'a> {
    pub item: &'a FieldKind,
    pub min: usize,
    pub max: Option<usize>,
}

impl<'a> Kind<'a> for Repeat<'a> {
    fn input(&self) -> Input<'a> {
        Input::Entries
    }

    fn shape(&self) -> Shape<'a> {
        Shape::Repeat {
            item: self.item,
            min: self.min,
            max: self.max,
        }
    }

    /// A repeat is stored as a list: one text is of the wrong type.
    fn check(&self, _value: &str, _around: &Around) -> Vec<Finding> {
        not_text(self.shape())
    }

    fn hint(&self) -> Option<Text> {
        let (min, max) = (self.min, self.max);
        match max {
            Some(max) => Some(t!(nb: "{min}–{max} oppføringer", en: "{min}–{max} entries")),
            None if min > 1 => {
                Some(t!(nb: "minst {min} oppføringer", en: "at least {min} entries"))
            }
            None => None,
        }
    }
}
