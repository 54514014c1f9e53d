//! Who signs for the company: the answer `contacts.signatory`, by convention of the questionnaires.
//! It is a contact group (one signatory) or a repeat of contacts (one or more, signing jointly).
//! The document's signature block and the checklist's signatory item read it through here.

use crate::answers::{Answer, Answers, Record};

/// The field id of the signatories.
pub const FIELD: &str = "contacts.signatory";

/// Each signatory's non-blank parts (name, mobile, email, as stored), in the order given; an entry
/// with no part given is left out.
pub fn parts(answers: &Answers) -> Vec<Record> {
    let nonblank = |(part, value): (&String, &String)| {
        let value = value.trim();
        (!value.is_empty()).then(|| (part.clone(), value.to_string()))
    };
    match answers.get(FIELD) {
        Some(Answer::Records(records)) => records
            .iter()
            .map(|record| record.iter().filter_map(nonblank).collect::<Record>())
            .filter(|record| !record.is_empty())
            .collect(),
        _ => {
            let one: Record = ["name", "mobile", "email"]
                .into_iter()
                .filter_map(|part| {
                    let value = answers.text(&format!("{FIELD}.{part}"))?;
                    Some((part.to_string(), value.trim().to_string()))
                })
                .collect();
            if one.is_empty() {
                Vec::new()
            } else {
                vec![one]
            }
        }
    }
}

/// How many people sign.
pub fn count(answers: &Answers) -> usize {
    parts(answers).len()
}
