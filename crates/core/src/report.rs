//! The result of checking an order, and its text and JSON forms for `check`.

use serde::Serialize;

use crate::answers::{Answers, Progress};
use crate::form::FormSpec;
use crate::prereq::{self, Facts, Item, State};
use crate::text::Lang;
use crate::validate::{self, Context, Problem, Severity};

#[derive(Clone, Debug)]
pub struct Report {
    pub progress: Progress,
    pub problems: Vec<Problem>,
    pub checklist: Vec<Item>,
}

impl Report {
    /// Problems and checklist of answers as they are (saved or not).
    pub fn build(spec: &FormSpec, answers: &Answers, ctx: &Context, facts: &Facts) -> Report {
        let problems = validate::validate(spec, answers, ctx);
        let checklist = prereq::evaluate(spec, answers, &problems, facts);
        Report {
            progress: answers.progress(spec),
            problems,
            checklist,
        }
    }

    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }

    pub fn not_met(&self) -> usize {
        self.checklist
            .iter()
            .filter(|i| i.state == State::NotMet)
            .count()
    }

    /// Nothing blocks bundle and send: no error and no prerequisite not met.
    pub fn ready(&self) -> bool {
        self.errors() == 0 && prereq::all_met_or_unknown(&self.checklist)
    }

    /// `field.id: message` lines, then the checklist, then a one-line verdict.
    pub fn to_text(&self, lang: Lang) -> String {
        let nb = lang == Lang::Nb;
        let mut out = String::new();
        let (answered, required) = (self.progress.answered, self.progress.required);
        out.push_str(&if nb {
            format!("{answered} av {required} påkrevde svar er gitt.\n")
        } else {
            format!("{answered} of {required} required answers given.\n")
        });
        if !self.problems.is_empty() {
            out.push_str(if nb {
                "\nProblemer:\n"
            } else {
                "\nProblems:\n"
            });
            for p in &self.problems {
                let severity = match (p.severity, nb) {
                    (Severity::Error, true) => "feil    ",
                    (Severity::Error, false) => "error   ",
                    (Severity::Warning, true) => "advarsel",
                    (Severity::Warning, false) => "warning ",
                };
                out.push_str(&format!(
                    "  {severity} {}: {}\n",
                    p.field,
                    p.message.get(lang)
                ));
            }
        }
        if !self.checklist.is_empty() {
            out.push_str(if nb {
                "\nForutsetninger:\n"
            } else {
                "\nPrerequisites:\n"
            });
            for item in &self.checklist {
                let mark = match (item.state, nb) {
                    (State::Met, true) => "[oppfylt]     ",
                    (State::Met, false) => "[met]         ",
                    (State::NotMet, true) => "[ikke oppfylt]",
                    (State::NotMet, false) => "[not met]     ",
                    (State::Unknown, true) => "[ukjent]      ",
                    (State::Unknown, false) => "[unknown]     ",
                };
                out.push_str(&format!(
                    "  {mark} {}: {}\n",
                    item.label.get(lang),
                    item.reason.get(lang)
                ));
                if item.state != State::Met {
                    let fix = if nb { "Slik" } else { "Fix" };
                    out.push_str(&format!("                 {fix}: {}\n", item.fix.get(lang)));
                }
            }
        }
        let (errors, warnings, not_met) = (self.errors(), self.warnings(), self.not_met());
        out.push('\n');
        let count = counted;
        out.push_str(&match (self.ready(), nb) {
            (true, true) => format!(
                "Klar: ingenting blokkerer ({}).\n",
                count(warnings, "advarsel", "advarsler")
            ),
            (true, false) => format!(
                "Ready: nothing blocks ({}).\n",
                count(warnings, "warning", "warnings")
            ),
            (false, true) => format!(
                "Ikke klar: {}, {} ikke oppfylt, {}.\n",
                count(errors, "feil", "feil"),
                count(not_met, "forutsetning", "forutsetninger"),
                count(warnings, "advarsel", "advarsler")
            ),
            (false, false) => format!(
                "Not ready: {}, {} not met, {}.\n",
                count(errors, "error", "errors"),
                count(not_met, "prerequisite", "prerequisites"),
                count(warnings, "warning", "warnings")
            ),
        });
        out
    }

    /// The report for scripts, messages in `lang`.
    pub fn to_json(&self, lang: Lang, draft: &str, form: &str) -> serde_json::Value {
        #[derive(Serialize)]
        struct ProblemJson<'a> {
            field: &'a str,
            severity: Severity,
            message: &'a str,
        }
        #[derive(Serialize)]
        struct ItemJson<'a> {
            id: &'a str,
            field: &'a str,
            state: State,
            label: &'a str,
            reason: &'a str,
            fix: &'a str,
        }
        serde_json::json!({
            "draft": draft,
            "form": form,
            "ready": self.ready(),
            "errors": self.errors(),
            "warnings": self.warnings(),
            "progress": self.progress,
            "problems": self.problems.iter().map(|p| ProblemJson {
                field: &p.field,
                severity: p.severity,
                message: p.message.get(lang),
            }).collect::<Vec<_>>(),
            "prerequisites": self.checklist.iter().map(|i| ItemJson {
                id: &i.id,
                field: &i.field,
                state: i.state,
                label: i.label.get(lang),
                reason: i.reason.get(lang),
                fix: i.fix.get(lang),
            }).collect::<Vec<_>>(),
        })
    }
}

/// A count with its word in the right number: "1 warning", "2 warnings".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
