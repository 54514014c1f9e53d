//! `date`: a calendar day, stored as `YYYY-MM-DD`, optionally far enough ahead of today.
//!
//! Today comes from the validation context (`Around::today`), never from the clock.

use jiff::ToSpan;
use jiff::civil::Date;

use super::{Around, Kind, trimmed};
use crate::t;
use crate::text::{Lang, Text};
use crate::validate::Finding;

pub struct Day {
    pub warn_sooner_than_months: Option<u32>,
}

/// `2027-03-01`, or the Norwegian way of writing it, `1.3.2027` / `01.03.2027`.
pub fn parse(value: &str) -> Option<Date> {
    let value = value.trim();
    if let Ok(date) = value.parse::<Date>() {
        return Some(date);
    }
    let mut parts = value.split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

/// A warning when `date` is fewer than `months` months after `today` (or before it).
pub fn notice(date: Date, today: Date, months: u32) -> Option<Finding> {
    let earliest = today.checked_add(i64::from(months).months()).ok()?;
    if date >= earliest {
        return None;
    }
    Some(if date < today {
        Finding::warning(t!(
            nb: "Datoen {date} er passert (i dag er {today}). Oppgi datoen dere nå planlegger.",
            en: "The date {date} has passed (today is {today}). Give the date you now plan for.",
        ))
    } else {
        Finding::warning(t!(
            nb: "{date} er mindre enn {months} måned(er) fram i tid (i dag er {today}; tidligst {earliest}). Ta kontakt så tidlig som mulig, eller velg en senere dato.",
            en: "{date} is less than {months} month(s) away (today is {today}; {earliest} at the earliest). Get in touch as early as you can, or choose a later date.",
        ))
    })
}

impl<'a> Kind<'a> for Day {
    /// A day written the Norwegian way is stored as `YYYY-MM-DD`; anything else as typed.
    fn normalize(&self, input: &str) -> String {
        match parse(input) {
            Some(date) => date.to_string(),
            None => trimmed(input),
        }
    }

    fn check(&self, value: &str, around: &Around) -> Vec<Finding> {
        if value.trim().is_empty() {
            return Vec::new();
        }
        let Some(date) = parse(value) else {
            let value = crate::inert::quote(value.trim());
            return vec![Finding::error(t!(
                nb: "«{value}» er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, f.eks. 2027-03-01.",
                en: "\"{value}\" is not a date. Write it as YYYY-MM-DD, e.g. 2027-03-01.",
            ))];
        };
        self.warn_sooner_than_months
            .and_then(|months| notice(date, around.today, months))
            .into_iter()
            .collect()
    }

    fn display(&self, value: &str, lang: Lang) -> String {
        match (parse(value), lang) {
            (Some(date), Lang::Nb) => date.strftime("%d.%m.%Y").to_string(),
            (Some(date), Lang::En) => date.to_string(),
            (None, _) => trimmed(value),
        }
    }

    fn hint(&self) -> Option<Text> {
        Some(Text::new("ÅÅÅÅ-MM-DD", "YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn both_ways_of_writing_a_day_parse() {
        assert_eq!(parse("2027-03-01"), Some(date(2027, 3, 1)));
        assert_eq!(parse(" 1.3.2027 "), Some(date(2027, 3, 1)));
        assert_eq!(parse("01.03.2027"), Some(date(2027, 3, 1)));
        assert_eq!(parse("31.02.2027"), None);
        assert_eq!(parse("1.3.27"), None);
        assert_eq!(parse("mars"), None);
    }

    #[test]
    fn a_day_less_than_a_month_away_is_a_warning() {
        let today = date(2026, 12, 1);
        assert!(notice(date(2027, 1, 1), today, 1).is_none());
        assert!(notice(date(2027, 3, 1), today, 1).is_none());
        let soon = notice(date(2026, 12, 31), today, 1).unwrap();
        assert!(!soon.is_error());
        assert!(
            soon.message.en.contains("2027-01-01"),
            "{}",
            soon.message.en
        );
        let past = notice(date(2026, 11, 30), today, 1).unwrap();
        assert!(
            past.message.en.contains("has passed"),
            "{}",
            past.message.en
        );
    }
}
