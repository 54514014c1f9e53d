//! Turning a typed line into an answer for one kind: picking from a list, yes / no, whole numbers,
//! file paths. Pure functions; the wizard decides what to print and where to go.

/// Lists longer than this are searched rather than printed in full (the bank list has 122 entries).
pub const LONG_LIST: usize = 12;
/// How many search results are shown at once.
pub const SHOWN_MATCHES: usize = 10;

/// One choice of a select: the session's (`Session::choices_of`), banks under their registry names.
pub type Opt = crate::session::ChoiceOption;

/// The value or the label, in any case (`sparebank 1 østlandet` is the bank's name too).
fn is(option: &Opt, typed: &str) -> bool {
    let typed = typed.to_lowercase();
    option.value.to_lowercase() == typed
        || option
            .label
            .as_ref()
            .is_some_and(|l| l.to_lowercase() == typed)
}

fn contains(option: &Opt, needle: &str) -> bool {
    option.value.to_lowercase().contains(needle)
        || option
            .label
            .as_ref()
            .is_some_and(|l| l.to_lowercase().contains(needle))
}

/// What a typed line picks from a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pick {
    /// A listed choice; `searched` when it was found by number or by part of its name, so the user
    /// is told which one it was.
    Listed {
        value: String,
        searched: bool,
    },
    /// Free text, where the select allows it.
    Other(String),
    /// Several choices match (indices into the options): show them and ask again.
    Several(Vec<usize>),
    NoMatch,
    BadNumber {
        n: usize,
        max: usize,
    },
}

/// Picks from `options`. `numbered` is what a number refers to (every option of a short list, or
/// the matches last shown), `again` is true when the same text was just searched, which with
/// `allow_other` means "use it as written".
pub fn pick(
    options: &[Opt],
    typed: &str,
    numbered: &[usize],
    allow_other: bool,
    again: bool,
) -> Pick {
    let typed = typed.trim();
    if let Ok(n) = typed.parse::<usize>()
        && !numbered.is_empty()
    {
        return match n.checked_sub(1).and_then(|i| numbered.get(i)) {
            Some(&index) => Pick::Listed {
                value: options[index].value.clone(),
                searched: true,
            },
            None => Pick::BadNumber {
                n,
                max: numbered.len(),
            },
        };
    }
    if let Some(exact) = options.iter().find(|o| is(o, typed)) {
        return Pick::Listed {
            value: exact.value.clone(),
            searched: false,
        };
    }
    let needle = typed.to_lowercase();
    let found: Vec<usize> = (0..options.len())
        .filter(|&i| contains(&options[i], &needle))
        .collect();
    match found.as_slice() {
        [one] => Pick::Listed {
            value: options[*one].value.clone(),
            searched: true,
        },
        [] if allow_other => Pick::Other(typed.to_string()),
        [] => Pick::NoMatch,
        _ if allow_other && again => Pick::Other(typed.to_string()),
        _ => Pick::Several(found),
    }
}

/// Comma-separated numbers or values for a multi-select; `Err` names the first item that picks
/// nothing (or is ambiguous).
pub fn pick_many(options: &[Opt], typed: &str, allow_other: bool) -> Result<Vec<String>, String> {
    let all: Vec<usize> = (0..options.len()).collect();
    let mut values: Vec<String> = Vec::new();
    for item in typed.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let value = match pick(options, item, &all, allow_other, false) {
            Pick::Listed { value, .. } | Pick::Other(value) => value,
            _ => return Err(item.to_string()),
        };
        if !values.contains(&value) {
            values.push(value);
        }
    }
    Ok(values)
}

/// y / yes / j / ja and n / no / nei, in any case.
pub fn yes_no(typed: &str) -> Option<bool> {
    match typed.trim().to_lowercase().as_str() {
        "y" | "yes" | "j" | "ja" => Some(true),
        "n" | "no" | "nei" => Some(false),
        _ => None,
    }
}

/// A whole number; spaces (also non-breaking) and `_` between digits are allowed (`10 000`).
pub fn whole_number(typed: &str) -> Option<i64> {
    let compact: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    compact.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::OptionOrigin;

    fn banks() -> Vec<Opt> {
        crate::assets::banks()
            .iter()
            .map(|b| Opt {
                value: b.name.clone(),
                label: None,
                origin: OptionOrigin::Bank {
                    orgnr: b.orgnr.clone(),
                },
            })
            .collect()
    }

    #[test]
    fn a_unique_part_of_a_name_picks_the_bank() {
        let banks = banks();
        assert_eq!(banks.len(), 122);
        assert_eq!(
            pick(&banks, "smn", &[], true, false),
            Pick::Listed {
                value: "SPAREBANK 1 SMN".into(),
                searched: true
            }
        );
        assert_eq!(
            pick(&banks, "sparebank 1 smn", &[], true, false),
            Pick::Listed {
                value: "SPAREBANK 1 SMN".into(),
                searched: false
            }
        );
        // An exact name wins over the longer names containing it.
        assert_eq!(
            pick(&banks, "dnb", &[], true, false),
            Pick::Listed {
                value: "DNB".into(),
                searched: false
            }
        );
    }

    #[test]
    fn several_matches_are_listed_then_numbers_pick_from_them() {
        let banks = banks();
        let Pick::Several(found) = pick(&banks, "sparebank 1", &[], true, false) else {
            panic!("expected several matches");
        };
        assert!(found.len() > SHOWN_MATCHES);
        let Pick::Listed { value, .. } = pick(&banks, "2", &found, true, false) else {
            panic!("a number picks a match");
        };
        assert_eq!(value, banks[found[1]].value);
        assert_eq!(
            pick(&banks, "99", &found[..3], true, false),
            Pick::BadNumber { n: 99, max: 3 }
        );
        // Typed again: the user means the text itself.
        assert_eq!(
            pick(&banks, "sparebank 1", &found, true, true),
            Pick::Other("sparebank 1".into())
        );
    }

    #[test]
    fn free_text_only_where_allowed() {
        let opts = vec![
            Opt {
                value: "no-bankid".into(),
                label: Some("Norwegian BankID".into()),
                origin: OptionOrigin::Listed,
            },
            Opt {
                value: "se-bankid".into(),
                label: Some("Swedish BankID".into()),
                origin: OptionOrigin::Listed,
            },
        ];
        assert_eq!(pick(&opts, "Finnish", &[0, 1], false, false), Pick::NoMatch);
        assert_eq!(
            pick(&opts, "Finnish", &[0, 1], true, false),
            Pick::Other("Finnish".into())
        );
        assert_eq!(
            pick(&opts, "swedish bankid", &[0, 1], false, false),
            Pick::Listed {
                value: "se-bankid".into(),
                searched: false
            }
        );
        assert_eq!(
            pick_many(&opts, "2, no-bankid", false),
            Ok(vec!["se-bankid".into(), "no-bankid".into()])
        );
        assert_eq!(pick_many(&opts, "1, dk", false), Err("dk".into()));
        // Where values of one's own are allowed, typed ones join the picked ones.
        assert_eq!(
            pick_many(&opts, "1, permissions/read", true),
            Ok(vec!["no-bankid".into(), "permissions/read".into()])
        );
    }

    #[test]
    fn yes_no_and_numbers() {
        for (typed, want) in [("J", Some(true)), ("nei", Some(false)), ("maybe", None)] {
            assert_eq!(yes_no(typed), want);
        }
        assert_eq!(whole_number("10 000"), Some(10_000));
        assert_eq!(whole_number("ten"), None);
    }
}
