//! `list [--json]`: the drafts, with form, progress, status and last change.

use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::draft::DraftStore;
use eid_onboard::order::{self, DraftSummary};
use eid_onboard::text::Lang;

use super::strings::strings;
use super::{print, print_json};

pub(super) fn run(store: &DraftStore, lang: Lang, json: bool) -> Result<ExitCode> {
    // The JSON rows are also what the table is made from, so the two cannot disagree.
    let rows: Vec<serde_json::Value> = order::summaries(store)?.into_iter().map(row).collect();
    if json {
        print_json(serde_json::json!({ "drafts": rows }))?;
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        print(strings(lang).no_drafts)?;
        return Ok(ExitCode::SUCCESS);
    }
    print(&format_table(&table(&rows, lang)))?;
    Ok(ExitCode::SUCCESS)
}

/// One draft as a JSON row; a draft that cannot be opened is a row with its error.
fn row(listed: DraftSummary) -> serde_json::Value {
    let name = listed.name.to_string();
    match listed.summary {
        Ok(summary) => serde_json::json!({
            "name": name,
            "form": summary.form,
            "progress": summary.progress,
            "status": summary.status.as_str(),
            "updated": summary.updated.to_string(),
        }),
        Err(e) => serde_json::json!({ "name": name, "error": e.to_string() }),
    }
}

/// The header and a line per row, as cells.
fn table(rows: &[serde_json::Value], lang: Lang) -> Vec<Vec<String>> {
    let header = strings(lang).list_header;
    let mut table = vec![header.map(String::from).to_vec()];
    for row in rows {
        let cell = |key: &str| row[key].as_str().unwrap_or("").to_string();
        if let Some(error) = row["error"].as_str() {
            table.push(vec![
                cell("name"),
                format!("{}{error}", strings(lang).row_error),
            ]);
            continue;
        }
        let progress = &row["progress"];
        table.push(vec![
            cell("name"),
            cell("form"),
            format!(
                "{}/{}",
                progress["answered"].as_u64().unwrap_or(0),
                progress["required"].as_u64().unwrap_or(0)
            ),
            status_label(&cell("status"), lang),
            updated_in_words(&cell("updated"), lang),
        ]);
    }
    table
}

/// The RFC 3339 time of the JSON row as people read it in a list, in local time.
fn updated_in_words(timestamp: &str, lang: Lang) -> String {
    timestamp
        .parse::<jiff::Timestamp>()
        .map(|t| eid_onboard::text::local_time_in_list(t, lang))
        .unwrap_or_else(|_| timestamp.to_string())
}

/// A status name from the JSON row (as in the draft file) as a person reads it in `lang`.
fn status_label(name: &str, lang: Lang) -> String {
    serde_json::from_value::<eid_onboard::draft::Status>(serde_json::Value::String(name.into()))
        .map(|status| status.label(lang).to_string())
        .unwrap_or_else(|_| name.to_string())
}

/// Left-aligned columns; the last cell of a row is not padded.
fn format_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter(|r| r.len() > c + 1)
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let last = row.len().saturating_sub(1);
        for (i, cell) in row.iter().enumerate() {
            if i == last {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<w$}  ", w = widths[i]));
            }
        }
        out.push('\n');
    }
    out
}
