//! `status NAME sent|signed|credentials-received`: records what happened to the order outside
//! the program; refused (exit 1) when the draft is not far enough along.

use std::process::ExitCode;

use anyhow::Result;
use eid_onboard::draft::{DraftName, DraftStore, Status};
use eid_onboard::mail::{self, StatusError};
use eid_onboard::text::Lang;

use super::{NOT_READY, print};
use crate::cli::StatusArg;

pub(super) fn run(
    store: &DraftStore,
    name: &str,
    wanted: StatusArg,
    lang: Lang,
) -> Result<ExitCode> {
    let wanted = match wanted {
        StatusArg::Sent => Status::Sent,
        StatusArg::Signed => Status::Signed,
        StatusArg::CredentialsReceived => Status::CredentialsReceived,
    };
    let name = DraftName::parse(name)?;
    let lock = store.lock(&name)?;
    match mail::set_status(store, &lock, wanted) {
        Ok(draft) => {
            print(&format!("{name}: {}\n", draft.status.label(lang)))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(StatusError::Draft(e)) => Err(e.into()),
        Err(e) => {
            print(&format!("{name}: {}\n", e.message(lang)))?;
            Ok(ExitCode::from(NOT_READY))
        }
    }
}
