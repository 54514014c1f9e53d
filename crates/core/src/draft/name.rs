use std::fmt;
use std::str::FromStr;

use super::DraftError;

/// The longest draft name accepted, in characters (all ASCII, so also bytes).
const MAX_LEN: usize = 64;

/// A validated draft name: 1 to 64 ASCII letters, digits, `-` and `_`, not starting with `-`.
///
/// The name becomes part of file names (`NAME.toml`, `.NAME.lock`, temporary files), so the rules are
/// strict on purpose: no `/` or `..` (no way out of the drafts folder), no leading `.` (no hidden file,
/// no clash with the store's own hidden lock and temporary files), no leading `-` (a file name that
/// looks like an option to shell tools), and ASCII only (the same bytes on every file system, no
/// Unicode normalisation surprises).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DraftName(String);

impl DraftName {
    /// Checks a user-typed name.
    pub fn parse(s: &str) -> Result<DraftName, DraftError> {
        let valid = !s.is_empty()
            && s.len() <= MAX_LEN
            && !s.starts_with(['-', '.'])
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if valid {
            Ok(DraftName(s.to_owned()))
        } else {
            Err(DraftError::InvalidName { name: s.to_owned() })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The stem of the files made from this draft of questionnaire `form` (the bundle's folder
    /// and zip, a written message): `<NAME>-<form>`, or the name alone when it already begins
    /// with the form id, as the default names `<form>-1`, `<form>-2` do.
    pub fn with_form(&self, form: &str) -> String {
        let has_form = self
            .0
            .strip_prefix(form)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'));
        if has_form {
            self.0.clone()
        } else {
            format!("{}-{form}", self.0)
        }
    }
}

impl fmt::Display for DraftName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for DraftName {
    type Err = DraftError;

    fn from_str(s: &str) -> Result<DraftName, DraftError> {
        DraftName::parse(s)
    }
}

impl AsRef<str> for DraftName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_form_id_appears_once_in_a_file_stem() {
        let stem = |name: &str| {
            super::DraftName::parse(name)
                .unwrap()
                .with_form("idura-no-bankid")
        };
        assert_eq!(stem("acme"), "acme-idura-no-bankid");
        assert_eq!(stem("idura-no-bankid-1"), "idura-no-bankid-1");
        assert_eq!(stem("idura-no-bankid"), "idura-no-bankid");
        // Only a whole id counts, not a name that merely starts with its letters.
        assert_eq!(stem("idura-no-bankidx"), "idura-no-bankidx-idura-no-bankid");
    }

    use super::*;

    #[test]
    fn accepts_plain_names() {
        for ok in [
            "a",
            "Acme-2026",
            "ola_nordmann",
            "x1",
            "_draft",
            &"a".repeat(64),
        ] {
            let name = DraftName::parse(ok).unwrap();
            assert_eq!(name.as_str(), ok);
            assert_eq!(name.to_string(), ok);
        }
    }

    #[test]
    fn refuses_unsafe_names() {
        let too_long = "a".repeat(65);
        for bad in [
            "",
            "../x",
            "..",
            ".",
            "a/b",
            "/abs",
            ".hidden",
            "-rf",
            "two words",
            " lead",
            "trail ",
            "æ",
            "blåbær",
            "a.toml",
            "a\\b",
            "a\0b",
            "tab\t",
            too_long.as_str(),
        ] {
            match DraftName::parse(bad) {
                Err(DraftError::InvalidName { name }) => assert_eq!(name, bad),
                other => panic!("{bad:?} should be refused, got {other:?}"),
            }
        }
    }
}
