//! Marking where an order is after it left: *sent* (by other means), *signed*, *credentials
//! received*. *draft* and *bundled* are never set by hand: they follow from what was done.
//!
//! The rules, in the order's life draft → bundled → sent → signed → credentials-received:
//!
//! | mark | allowed when the order is |
//! |---|---|
//! | `sent` | bundled or later (sent by other means, e.g. the bundle's message.eml from a mail program; or back from a mark set by mistake) |
//! | `signed` | bundled or later (the signatory signed the bundle's request.pdf) |
//! | `credentials-received` | signed or later |
//!
//! Setting the same status again changes nothing. Going back to an earlier allowed status corrects
//! a mistake. The draft's `updated` time is never changed (it dates the order's documents).

use super::{Draft, DraftError, DraftLock, DraftStore, Status};

#[derive(Debug, thiserror::Error)]
pub enum StatusError {
    #[error(
        "{wanted} is set by eid-onboard itself (draft while answers are edited, bundled by `bundle`); mark sent, signed or credentials-received"
    , wanted = .wanted.as_str())]
    NotManual { wanted: Status },
    #[error(
        "the order is {current}; it can be marked {wanted} only after {needed} (eid-onboard {how})",
        current = .current.as_str(), wanted = .wanted.as_str(), needed = .needed.as_str(),
        how = if *.needed == Status::Bundled { "bundle NAME or send NAME" } else { "status NAME signed" }
    )]
    TooEarly {
        current: Status,
        wanted: Status,
        needed: Status,
    },
    #[error(transparent)]
    Draft(#[from] DraftError),
}

impl StatusError {
    /// Why the status was not set, in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: crate::text::Lang) -> String {
        use crate::text::Lang;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (StatusError::NotManual { wanted }, Lang::Nb) => format!(
                "«{}» setter eid-onboard selv (utkast mens svarene endres, pakket av `bundle`); merk sent, signed eller credentials-received",
                wanted.label(lang)
            ),
            (
                StatusError::TooEarly {
                    current,
                    wanted,
                    needed,
                },
                Lang::Nb,
            ) => format!(
                "bestillingen er «{}»; den kan merkes «{}» først når den er «{}» (`eid-onboard {}`)",
                current.label(lang),
                wanted.label(lang),
                needed.label(lang),
                if *needed == Status::Bundled {
                    "bundle NAVN` eller `eid-onboard send NAVN"
                } else {
                    "status NAVN signed"
                }
            ),
            (StatusError::Draft(e), Lang::Nb) => e.message(lang),
        }
    }
}

/// The place of a status in the order's life.
pub fn rank(status: Status) -> u8 {
    match status {
        Status::Draft => 0,
        Status::Bundled => 1,
        Status::Sent => 2,
        Status::Signed => 3,
        Status::CredentialsReceived => 4,
    }
}

/// Whether `wanted` may be set on a draft of status `current` (see the module's rules).
pub fn check(current: Status, wanted: Status) -> Result<(), StatusError> {
    let needed = match wanted {
        Status::Draft | Status::Bundled => return Err(StatusError::NotManual { wanted }),
        Status::Sent | Status::Signed => Status::Bundled,
        Status::CredentialsReceived => Status::Signed,
    };
    if rank(current) < rank(needed) {
        return Err(StatusError::TooEarly {
            current,
            wanted,
            needed,
        });
    }
    Ok(())
}

/// The status after the order was sent by email: *sent*, unless it is already further on.
pub fn after_send(current: Status) -> Status {
    at_least(current, Status::Sent)
}

/// The status after the order was bundled: *bundled*, unless it is already further on (a bundle
/// made again after a send keeps *sent*: a status never goes back by itself).
pub fn after_bundle(current: Status) -> Status {
    at_least(current, Status::Bundled)
}

fn at_least(current: Status, reached: Status) -> Status {
    if rank(current) < rank(reached) {
        reached
    } else {
        current
    }
}

/// Sets the status under the draft's lock and returns the draft as saved (a front end holding the
/// draft must take it).
pub fn set_status(
    store: &DraftStore,
    lock: &DraftLock,
    wanted: Status,
) -> Result<Draft, StatusError> {
    let mut draft = store.load(lock.name())?;
    check(draft.status, wanted)?;
    if draft.status != wanted {
        draft.status = wanted;
        store.save(lock, &draft)?;
    }
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules() {
        use Status::*;
        let all = [Draft, Bundled, Sent, Signed, CredentialsReceived];
        for current in all {
            for wanted in all {
                let allowed = check(current, wanted).is_ok();
                let expected = match wanted {
                    Draft | Bundled => false,
                    Sent | Signed => current != Draft,
                    CredentialsReceived => matches!(current, Signed | CredentialsReceived),
                };
                assert_eq!(allowed, expected, "{current:?} -> {wanted:?}");
            }
        }
        assert_eq!(after_send(Draft), Sent);
        assert_eq!(after_send(Bundled), Sent);
        assert_eq!(after_send(Signed), Signed);
        let e = check(Draft, Signed).unwrap_err().to_string();
        assert!(e.contains("only after bundled"), "{e}");
        let e = check(Sent, CredentialsReceived).unwrap_err().to_string();
        assert!(e.contains("only after signed"), "{e}");
    }
}
