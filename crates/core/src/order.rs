//! An order: a saved draft together with its questionnaire and typed answers. The operations the
//! command line and the front ends share (open, import, check) live here, so each front end stays thin.

use std::path::Path;

use crate::answers::{Answers, AnswersError, AnswersFile};
use crate::draft::{Draft, DraftError, DraftLock, DraftName, DraftStore};
use crate::form::{FormError, FormSpec, catalog};
use crate::prereq::Facts;
use crate::report::Report;
use crate::validate::{Context, Finding, Problem};
use crate::{document, t};

mod summary;
pub use summary::{DraftSummary, Summary, summaries};

#[derive(Debug, thiserror::Error)]
pub enum OrderError {
    #[error(transparent)]
    Draft(#[from] DraftError),
    #[error(transparent)]
    Answers(#[from] AnswersError),
    #[error("a shipped questionnaire is broken: {0}")]
    Form(#[from] FormError),
    #[error("unknown questionnaire {form:?}; the questionnaires are: {}", known.join(", "))]
    UnknownForm { form: String, known: Vec<String> },
    #[error("draft {name} exists; use edit {name} (eid-onboard edit {name})")]
    Exists { name: String },
    #[error(
        "cannot name the draft after {file:?}: give a NAME of letters, digits, '-' and '_' (eid-onboard import FILE NAME)"
    )]
    NoName { file: String },
}

impl OrderError {
    /// What went wrong, in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: crate::text::Lang) -> String {
        use crate::text::Lang;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (OrderError::Draft(e), Lang::Nb) => e.message(lang),
            (OrderError::Answers(e), Lang::Nb) => e.message(lang),
            (OrderError::Form(e), Lang::Nb) => format!("et medfølgende skjema er ødelagt: {e}"),
            (OrderError::UnknownForm { form, known }, Lang::Nb) => {
                format!("ukjent skjema {form:?}; skjemaene er: {}", known.join(", "))
            }
            (OrderError::Exists { name }, Lang::Nb) => format!(
                "utkastet {name} finnes allerede; bruk edit {name} (eid-onboard edit {name})"
            ),
            (OrderError::NoName { file }, Lang::Nb) => format!(
                "kan ikke gi utkastet navn etter {file:?}: oppgi et NAVN av bokstaver, sifre, '-' og '_' (eid-onboard import FIL NAVN)"
            ),
        }
    }
}

pub struct Order {
    pub name: DraftName,
    pub draft: Draft,
    pub spec: FormSpec,
    pub answers: Answers,
}

/// The shipped questionnaire with this id, or an error listing the known ones.
pub fn form(id: &str) -> Result<FormSpec, OrderError> {
    catalog::find(id)?.ok_or_else(|| OrderError::UnknownForm {
        form: id.to_string(),
        known: catalog::shipped_ids(),
    })
}

impl Order {
    /// Opens a saved draft read-only.
    pub fn open(store: &DraftStore, name: &DraftName) -> Result<Order, OrderError> {
        let draft = store.load(name)?;
        Order::from_draft(name.clone(), draft)
    }

    /// Opens a saved draft for editing: the lock is taken before the draft is read, so what is read
    /// is what the holder of the lock goes on to change.
    pub fn open_locked(
        store: &DraftStore,
        name: &DraftName,
    ) -> Result<(Order, DraftLock), OrderError> {
        let lock = store.lock(name)?;
        let order = Order::open(store, name)?;
        Ok((order, lock))
    }

    pub fn from_draft(name: DraftName, draft: Draft) -> Result<Order, OrderError> {
        let spec = form(&draft.form)?;
        let answers = Answers::from_table(&spec, &draft.answers);
        Ok(Order {
            name,
            draft,
            spec,
            answers,
        })
    }

    /// Validation problems and the prerequisite checklist.
    pub fn check(&self, ctx: &Context, facts: &Facts) -> Report {
        Report::build(&self.spec, &self.answers, ctx, facts)
    }
}

/// Creates a new, empty draft of a questionnaire and saves it at once (so it is listed even if the
/// user types nothing), keeping its lock for the editor. An existing draft of that name is an error:
/// it is never replaced by an empty one.
pub fn create(
    store: &DraftStore,
    spec: FormSpec,
    name: &DraftName,
    now: jiff::Timestamp,
) -> Result<(Order, DraftLock), OrderError> {
    let exists = || OrderError::Exists {
        name: name.to_string(),
    };
    if store.exists(name) {
        return Err(exists());
    }
    let lock = store.lock(name)?;
    // Checked again under the lock: another process may have created it meanwhile.
    if store.exists(name) {
        return Err(exists());
    }
    let draft = Draft::new(&spec.id, now);
    store.save(&lock, &draft)?;
    let order = Order {
        name: name.clone(),
        draft,
        spec,
        answers: Answers::new(),
    };
    Ok((order, lock))
}

/// The first free draft name `<form>-1`, `<form>-2`, …; `draft-N` when the form id cannot be part of
/// a draft name.
pub fn free_name(store: &DraftStore, form: &str) -> DraftName {
    // The stem is kept only if every number fits behind it within the name's length limit.
    let fits = DraftName::parse(&format!("{form}-{}", u64::MAX)).is_ok();
    let stem = if fits { form } else { "draft" };
    let mut n: u64 = 1;
    loop {
        if let Ok(name) = DraftName::parse(&format!("{stem}-{n}"))
            && !store.exists(&name)
        {
            return name;
        }
        n += 1;
    }
}

/// Creates or replaces a draft from an answers file. Relative attachment paths resolve against the
/// file's folder; values are stored normalised. The draft keeps its creation time and status.
pub fn import(
    store: &DraftStore,
    file: &Path,
    name: Option<&str>,
    now: jiff::Timestamp,
) -> Result<Order, OrderError> {
    let name = match name {
        Some(name) => DraftName::parse(name)?,
        None => file
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| DraftName::parse(s).ok())
            .ok_or_else(|| OrderError::NoName {
                file: file.display().to_string(),
            })?,
    };
    let parsed = AnswersFile::read(file)?;
    let spec = form(&parsed.form)?;
    let mut answers = Answers::from_table(&spec, &parsed.table);
    let base = file
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .unwrap_or(Path::new("."));
    let base = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    answers.resolve_files(&spec, &base);
    answers.normalize(&spec);

    let lock = store.lock(&name)?;
    let mut draft = match store.load(&name) {
        Ok(existing) => existing,
        Err(DraftError::NotFound { .. }) => Draft::new(&spec.id, now),
        // A corrupt draft or one from a newer version is never overwritten.
        Err(e) => return Err(e.into()),
    };
    // An identical file changes nothing: the draft's time (which dates its documents) stays.
    let table = answers.to_table(&spec);
    if draft.form != spec.id || draft.answers != table {
        draft.form = spec.id.clone();
        draft.answers = table;
        draft.updated = now;
    }
    store.save(&lock, &draft)?;
    Ok(Order {
        name,
        draft,
        spec,
        answers,
    })
}

/// A warning for each attached file outside the folder of `answers_file` (after links are
/// followed), naming the file: an answers file from someone else can name any file the user may
/// read, a private key say, and the order would attach it and mail it. Files inside the folder are
/// the ones sent along with the answers file; the rest may well be meant too, so this warns.
pub fn attachments_outside(order: &Order, answers_file: &Path) -> Vec<Problem> {
    let folder = match answers_file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let folder = real_path(folder);
    document::attachment_plan(&order.spec, &order.answers)
        .into_iter()
        .filter_map(|file| {
            let path = real_path(&file.source);
            if path.starts_with(&folder) {
                return None;
            }
            let (shown, inside) = (path.display(), folder.display());
            Some(Problem::new(
                file.field,
                Finding::warning(t!(
                    nb: "Vedlegget {shown} ligger utenfor mappen til svarfilen ({inside}). Sjekk at det er filen du vil sende: den legges ved bestillingen og sendes med e-posten.",
                    en: "The attachment {shown} is outside the answers file's folder ({inside}). Check that it is the file you mean to send: it is attached to the order and mailed with it.",
                )),
            ))
        })
        .collect()
}

/// The path with links followed and `..` resolved; when it does not exist, absolute with `.` and
/// `..` resolved by name.
fn real_path(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = std::path::PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            Component::Prefix(_) | Component::RootDir | Component::Normal(_) => out.push(part),
        }
    }
    out
}

/// Problems and checklist for answers that are not saved anywhere (used by import's summary too).
pub fn check_answers(spec: &FormSpec, answers: &Answers, ctx: &Context, facts: &Facts) -> Report {
    Report::build(spec, answers, ctx, facts)
}
