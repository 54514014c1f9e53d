//! The draft a mistyped name most likely meant: `acme1` for `acme-1`, `Acme-1` for `acme-1`.

/// The name in `names` closest to `typed`, if one is close enough to be a slip of the keyboard:
/// at most a third of its letters differ (at least one may), counting a swap of two as one, and
/// case not at all.
pub(super) fn closest(typed: &str, names: &[String]) -> Option<String> {
    let typed_lower = typed.to_lowercase();
    let allowed = (typed.chars().count() / 3).max(1);
    names
        .iter()
        .map(|name| {
            let distance = strsim::damerau_levenshtein(&typed_lower, &name.to_lowercase());
            (distance, name)
        })
        .filter(|(distance, _)| *distance <= allowed)
        .min()
        .map(|(_, name)| name.clone())
}

#[cfg(test)]
mod tests {
    use super::closest;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_missing_dash_or_a_swap_finds_the_draft() {
        let drafts = names(&["acme-1", "beta", "idura-no-bankid-1"]);
        assert_eq!(closest("acme1", &drafts).as_deref(), Some("acme-1"));
        assert_eq!(closest("btea", &drafts).as_deref(), Some("beta"));
        assert_eq!(closest("ACME-1", &drafts).as_deref(), Some("acme-1"));
        assert_eq!(
            closest("idura-no-bankid-2", &drafts).as_deref(),
            Some("idura-no-bankid-1")
        );
    }

    #[test]
    fn a_name_unlike_every_draft_gets_no_suggestion() {
        let drafts = names(&["acme-1", "beta"]);
        assert_eq!(closest("nobody", &drafts), None);
        assert_eq!(closest("x", &names(&[])), None);
    }

    #[test]
    fn the_closest_of_several_wins() {
        let drafts = names(&["acme-12", "acme-1"]);
        assert_eq!(closest("acme1", &drafts).as_deref(), Some("acme-1"));
    }
}
