//! The questionnaires shipped in the binary, so it runs without any files beside it.

use std::sync::OnceLock;

use super::{FormError, FormSpec, parse_form, ready};

/// One questionnaire shipped in the binary.
pub struct Shipped {
    /// Where it lives in the source tree, for messages: `assets/forms/<id>.toml`.
    pub file: &'static str,
    pub source: &'static str,
    /// The spec built from `source` ahead of time (see `form::ready`); empty when
    /// `assets/forms/ready/<id>.bin` is not committed, and then the TOML is parsed.
    pub ready: &'static [u8],
}

// `SHIPPED`: every `assets/forms/*.toml`, in the order `forms` lists them (the README's
// questionnaire table; see crates/core/build.rs).
include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

impl Shipped {
    /// Its spec: the ready encoding when it was built from this very TOML, else parsed and
    /// checked from the TOML. Decoded once per process (see [`decoded`]); later calls clone it.
    pub fn spec(&self) -> Result<FormSpec, FormError> {
        match ready::decode(self.source, self.ready) {
            Some(spec) => Ok(spec),
            None => parse_form(self.file, self.source),
        }
    }
}

/// The spec of `SHIPPED[index]`, decoded (a SHA-256 over the TOML and a decode) on first use
/// only: `list` and the home screen open every draft, and there are only a few questionnaires.
/// A form that fails to load is not kept, so its error is reported each time.
fn decoded(index: usize) -> Result<FormSpec, FormError> {
    static DECODED: OnceLock<Box<[OnceLock<FormSpec>]>> = OnceLock::new();
    let cells = DECODED.get_or_init(|| SHIPPED.iter().map(|_| OnceLock::new()).collect());
    if let Some(spec) = cells[index].get() {
        return Ok(spec.clone());
    }
    let spec = SHIPPED[index].spec()?;
    Ok(cells[index].get_or_init(|| spec).clone())
}

/// Every shipped questionnaire. A form that fails its own checks is a build defect (the tests load
/// them all), reported here as an error rather than a panic.
pub fn shipped() -> Result<Vec<FormSpec>, FormError> {
    (0..SHIPPED.len()).map(decoded).collect()
}

/// The shipped questionnaire with this id. Only that one is decoded (files are named after their
/// id, which the tests check), so opening a draft does not pay for every questionnaire.
pub fn find(id: &str) -> Result<Option<FormSpec>, FormError> {
    let file = format!("assets/forms/{id}.toml");
    SHIPPED
        .iter()
        .position(|shipped| shipped.file == file)
        .map(decoded)
        .transpose()
}

/// The ids of the shipped questionnaires, for messages.
pub fn shipped_ids() -> Vec<String> {
    shipped()
        .map(|forms| forms.into_iter().map(|f| f.id).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::{Path, PathBuf};

    use super::SHIPPED;

    fn workspace_root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// The id of a shipped entry, from its file name.
    fn id_of(file: &str) -> &str {
        file.strip_prefix("assets/forms/")
            .and_then(|name| name.strip_suffix(".toml"))
            .unwrap_or_else(|| panic!("{file}: not assets/forms/<id>.toml"))
    }

    /// The ids of the `*.toml` files in `assets/forms` now, read here rather than by the build
    /// script, sorted.
    fn ids_in_folder() -> Vec<String> {
        let dir = workspace_root().join("assets/forms");
        let mut ids: Vec<String> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "toml"))
            .map(|path| path.file_stem().unwrap().to_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    }

    /// The ids in the README's questionnaire table (`| id | for | sent to |`), in its order.
    fn readme_table_ids() -> Vec<String> {
        let readme = fs::read_to_string(workspace_root().join("README.md")).unwrap();
        let table = readme
            .split_once("| id | for | sent to |\n")
            .expect("the README has its questionnaire table")
            .1;
        table
            .lines()
            .skip(1) // |---|---|---|
            .take_while(|line| line.starts_with('|'))
            .map(|row| {
                let first = row.split('|').nth(1).unwrap().trim();
                first.trim_matches('`').to_string()
            })
            .collect()
    }

    #[test]
    fn the_shipped_list_is_the_folder() {
        let mut shipped: Vec<&str> = SHIPPED.iter().map(|s| id_of(s.file)).collect();
        shipped.sort();
        assert_eq!(
            shipped,
            ids_in_folder(),
            "every assets/forms/*.toml is shipped"
        );
        for entry in SHIPPED {
            let toml = workspace_root().join(entry.file);
            assert_eq!(
                entry.source,
                fs::read_to_string(&toml).unwrap(),
                "{}",
                entry.file
            );
            let ready = workspace_root()
                .join("assets/forms/ready")
                .join(format!("{}.bin", id_of(entry.file)));
            match fs::read(&ready) {
                Ok(bytes) => assert_eq!(entry.ready, bytes, "{}", ready.display()),
                Err(_) => assert!(entry.ready.is_empty(), "{}: no ready encoding", entry.file),
            }
        }
    }

    /// `forms` lists them in the README's order: the row each needs also places it.
    #[test]
    fn forms_are_in_the_readme_order() {
        let shipped: Vec<&str> = SHIPPED.iter().map(|s| id_of(s.file)).collect();
        let readme = readme_table_ids();
        for id in &shipped {
            assert!(
                readme.iter().any(|row| row == id),
                "{id}: add its row to the questionnaire table in README.md"
            );
        }
        assert_eq!(
            shipped, readme,
            "SHIPPED follows the README's questionnaire table"
        );
    }

    #[test]
    fn every_shipped_form_loads() {
        let forms = super::shipped().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(forms.len(), super::SHIPPED.len());
        for (shipped, form) in super::SHIPPED.iter().zip(&forms) {
            assert_eq!(
                shipped.file,
                format!("assets/forms/{}.toml", form.id),
                "a form file is named after its id"
            );
            assert_eq!(super::find(&form.id).unwrap().as_ref(), Some(form));
            let parsed = super::parse_form(shipped.file, shipped.source).unwrap();
            assert_eq!(&parsed, form, "the ready spec is the parsed one");
        }
    }
}
