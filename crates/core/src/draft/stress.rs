//! The save loop of the crash test (tests/draft_crash.rs), which kills it with SIGKILL at a
//! random moment and checks that the draft and its backup are still complete files.

use std::convert::Infallible;
use std::io::Write;
use std::path::Path;

use super::store::corrupt;
use super::{Draft, DraftError, DraftName, DraftStore};

/// Saves draft `name` forever, alternating the answers of answers files `a` and `b` (TOML with a
/// top-level `form = "…"`; the rest of the table are the answers). Creates the draft (with A's form;
/// B's is not used) if missing. Prints `ready` on stdout after the first save. Holds the draft's lock
/// throughout, so a second loop on the same draft fails with `Locked`. Returns only on error.
pub fn save_loop(
    store: &DraftStore,
    name: &DraftName,
    a: &Path,
    b: &Path,
) -> Result<Infallible, DraftError> {
    let (form, answers_a) = read_answers(a)?;
    let (_, answers_b) = read_answers(b)?;
    let lock = store.lock(name)?;
    let mut draft = match store.load(name) {
        Ok(draft) => draft,
        Err(DraftError::NotFound { .. }) => Draft::new(form, jiff::Timestamp::now()),
        Err(e) => return Err(e),
    };
    let mut ready = false;
    loop {
        for answers in [&answers_a, &answers_b] {
            draft.answers = answers.clone();
            draft.updated = jiff::Timestamp::now();
            store.save(&lock, &draft)?;
            if !ready {
                let mut out = std::io::stdout().lock();
                writeln!(out, "ready")
                    .and_then(|()| out.flush())
                    .map_err(|source| DraftError::Io {
                        path: "<stdout>".into(),
                        source,
                    })?;
                ready = true;
            }
        }
    }
}

/// Reads an answers file: its `form` and the answers (the rest of the top-level table).
fn read_answers(path: &Path) -> Result<(String, toml::Table), DraftError> {
    let text = crate::bounded_read::read_to_string(path, crate::bounded_read::ANSWERS_CAP)
        .map_err(|source| DraftError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    let mut answers: toml::Table = toml::from_str(&text).map_err(|e| corrupt(path, &text, &e))?;
    match answers.remove("form") {
        Some(toml::Value::String(form)) => Ok((form, answers)),
        _ => Err(DraftError::Corrupt {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "an answers file needs a top-level `form = \"…\"`".to_owned(),
        }),
    }
}
