//! Attached files in the session: which files to read, and what reading them found. The front end
//! reads each file as an effect (`kind::file::check_file`) and hands the result back; validation
//! uses it and never opens a file itself.

use super::Session;
use crate::answers::Answer;
use crate::form::{FieldKind, FileRules};
use crate::kind::file::{FileCheck, FileChecks, Files};

/// A file answer to read: its path as answered, and the rules it is checked against.
#[derive(Clone, Debug, PartialEq)]
pub struct FileToCheck {
    pub path: String,
    pub rules: FileRules,
}

impl Session {
    /// The file answers of visible fields not read yet (for these rules and this day).
    pub fn files_to_check(&self) -> Vec<FileToCheck> {
        let today = self.ctx.today;
        let Files::Checked(checks) = &self.ctx.files else {
            return Vec::new();
        };
        self.file_answers()
            .into_iter()
            .filter(|file| checks.findings(&file.path, &file.rules, today).is_none())
            .collect()
    }

    /// A file was read: validation reports what it found from now on. The report is recomputed.
    pub fn file_checked(&mut self, path: String, check: FileCheck) {
        self.checks_mut().insert(path, check);
        self.recheck();
    }

    /// Drops what was found for `path`, so it is read again.
    pub(super) fn forget_file(&mut self, path: &str) {
        self.checks_mut().forget(path);
    }

    fn checks_mut(&mut self) -> &mut FileChecks {
        if !matches!(self.ctx.files, Files::Checked(_)) {
            self.ctx.files = Files::Checked(FileChecks::default());
        }
        match &mut self.ctx.files {
            Files::Checked(checks) => checks,
            Files::Read => unreachable!("set to Checked just above"),
        }
    }

    /// Every non-empty path answered for a visible file field or a file entry of a repeat.
    fn file_answers(&self) -> Vec<FileToCheck> {
        let mut files = Vec::new();
        for field in &self.spec.fields {
            if !self.answers.is_visible(&self.spec, field) {
                continue;
            }
            let rules =
                file_rules(&field.kind).or_else(|| repeat_item(&field.kind).and_then(file_rules));
            let (Some(rules), Some(answer)) = (rules, self.answers.get(&field.id)) else {
                continue;
            };
            let paths: Vec<&String> = match answer {
                Answer::Text(path) => vec![path],
                Answer::List(paths) => paths.iter().collect(),
                Answer::Bool(_)
                | Answer::Number(_)
                | Answer::Records(_)
                | Answer::Invalid(_)
                | Answer::Unknown(_) => Vec::new(),
            };
            files.extend(
                paths
                    .into_iter()
                    .map(|p| p.trim())
                    .filter(|p| !p.is_empty())
                    .map(|path| FileToCheck {
                        path: path.to_string(),
                        rules: rules.clone(),
                    }),
            );
        }
        files
    }
}

fn file_rules(kind: &FieldKind) -> Option<&FileRules> {
    if let FieldKind::File(rules) = kind {
        Some(rules)
    } else {
        None
    }
}

fn repeat_item(kind: &FieldKind) -> Option<&FieldKind> {
    if let FieldKind::Repeat { item, .. } = kind {
        Some(item)
    } else {
        None
    }
}
