//! `status NAME sent|signed|credentials-received [--json]`: records what happened to the order
//! outside the program; refused (exit 1) when the draft is not far enough along.

use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::draft::{DraftStore, Status};
use eid_onboard::mail::{self, StatusError};
use eid_onboard::text::Lang;

use super::{NOT_READY, existing_draft, print, print_json};
use crate::cli::StatusArg;

pub(super) fn run(
    store: &DraftStore,
    name: &str,
    wanted: StatusArg,
    lang: Lang,
    json: bool,
) -> Result<ExitCode> {
    let wanted = match wanted {
        StatusArg::Sent => Status::Sent,
        StatusArg::Signed => Status::Signed,
        StatusArg::CredentialsReceived => Status::CredentialsReceived,
    };
    let name = existing_draft(store, name, lang)?;
    let lock = store.lock(&name)?;
    match mail::set_status(store, &lock, wanted) {
        // The status is its name in the draft file, the same in both languages.
        Ok(draft) if json => {
            print_json(serde_json::json!({
                "draft": name.as_str(),
                "status": draft.status.as_str(),
                "changed": true,
            }))?;
            Ok(ExitCode::SUCCESS)
        }
        Ok(draft) => {
            print(&format!("{name}: {}\n", draft.status.label(lang)))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(StatusError::Draft(e)) => Err(e.into()),
        Err(e) if json => {
            print_json(serde_json::json!({
                "draft": name.as_str(),
                "wanted": wanted.as_str(),
                "changed": false,
                "refusal": e.to_string(),
            }))?;
            Ok(ExitCode::from(NOT_READY))
        }
        Err(e) => {
            print(&format!("{name}: {}\n", e.message(lang)))?;
            Ok(ExitCode::from(NOT_READY))
        }
    }
}
