//! `number`: a whole number, within bounds, with an optional unit.

use super::{Around, Input, Kind, Shape, not_text};
use crate::t;
use crate::text::{Lang, Text};
use crate::validate::Finding;

pub struct Number<'a> {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub unit: Option<&'a Text>,
}

impl<'a> Kind<'a> for Number<'a> {
    fn input(&self) -> Input<'a> {
        Input::Number
    }

    fn shape(&self) -> Shape<'a> {
        Shape::Number {
            min: self.min,
            max: self.max,
            unit: self.unit,
        }
    }

    /// A number is stored as a number: text is of the wrong type.
    fn check(&self, _value: &str, _around: &Around) -> Vec<Finding> {
        not_text(self.shape())
    }

    fn hint(&self) -> Option<Text> {
        let whole = Text::new("heltall", "whole number");
        let parts_nb = [
            Some(whole.nb),
            range(self.min, self.max),
            self.unit.map(|u| u.nb.clone()),
        ];
        let parts_en = [
            Some(whole.en),
            range(self.min, self.max),
            self.unit.map(|u| u.en.clone()),
        ];
        let join =
            |parts: [Option<String>; 3]| parts.into_iter().flatten().collect::<Vec<_>>().join(" ");
        Some(Text::new(join(parts_nb), join(parts_en)))
    }
}

/// `1–10`, `≥ 1`, `≤ 10`; `None` without bounds.
fn range(min: Option<i64>, max: Option<i64>) -> Option<String> {
    match (min, max) {
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(format!("≥ {a}")),
        (None, Some(b)) => Some(format!("≤ {b}")),
        (None, None) => None,
    }
}

/// A number outside the bounds is an error.
pub fn check(n: i64, min: Option<i64>, max: Option<i64>, unit: Option<&Text>) -> Option<Finding> {
    let out_of_range = min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m);
    if !out_of_range {
        return None;
    }
    let range = range(min, max).unwrap_or_default();
    let unit = unit.cloned().unwrap_or_default();
    let (u_nb, u_en) = (&unit.nb, &unit.en);
    Some(Finding::error(t!(
        nb: "{n} er utenfor det tillatte området {range} {u_nb}.",
        en: "{n} is outside the allowed range {range} {u_en}.",
    )))
}

/// The number with its unit, as the request shows it.
pub fn display(n: i64, unit: Option<&Text>, lang: Lang) -> String {
    match unit {
        Some(unit) => format!("{n} {}", unit.get(lang)),
        None => n.to_string(),
    }
}
