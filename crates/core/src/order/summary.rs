//! What a list of drafts shows of each one (questionnaire, progress, status, last change), for
//! `list` and both home screens. Working it out means parsing the draft and its answers; it is kept
//! in the store's index (`<data dir>/summaries.bin`), so a list reads only the drafts that changed
//! since the last one and holds no draft's answers longer than it takes to count them.

use serde::{Deserialize, Serialize};

use super::{Order, OrderError};
use crate::answers::Progress;
use crate::draft::{Draft, DraftError, DraftIndex, DraftName, DraftStore, Status};
use crate::form::catalog;

/// The index file in the data folder.
const INDEX_FILE: &str = "summaries.bin";

/// Bump when what a summary holds, or how it is worked out (progress), changes: an index written
/// by another format or build is ignored.
const SUMMARY_FORMAT: u64 = 1;

/// What a list shows of one draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The questionnaire id.
    pub form: String,
    pub progress: Progress,
    pub status: Status,
    #[serde(with = "nanoseconds")]
    pub updated: jiff::Timestamp,
}

impl Summary {
    /// Works it out from the draft itself.
    pub fn of(name: DraftName, draft: Draft) -> Result<Summary, OrderError> {
        let status = draft.status;
        let updated = draft.updated;
        let order = Order::from_draft(name, draft)?;
        Ok(Summary {
            progress: order.answers.progress(&order.spec),
            form: order.spec.id,
            status,
            updated,
        })
    }
}

/// One draft of a list: its summary, or why it cannot be opened.
#[derive(Debug)]
pub struct DraftSummary {
    pub name: DraftName,
    pub summary: Result<Summary, OrderError>,
}

/// Every draft of the store, sorted by name, with its summary: from the index when the draft's file
/// is the one it was worked out from, else from the draft (and then kept). A draft that cannot be
/// read or opened is listed with its error and never kept, so the error is found again next time.
pub fn summaries(store: &DraftStore) -> Result<Vec<DraftSummary>, DraftError> {
    summaries_at(store, jiff::Timestamp::now())
}

/// [`summaries`] listed at `now`.
fn summaries_at(store: &DraftStore, now: jiff::Timestamp) -> Result<Vec<DraftSummary>, DraftError> {
    let mut index = DraftIndex::<Summary>::load(store.index_path(INDEX_FILE), index_key(), now);
    let mut listed = Vec::new();
    for entry in store.entries()? {
        let kept = entry
            .stamp
            .and_then(|stamp| index.get(&entry.name, stamp).cloned());
        let summary = match kept {
            Some(summary) => Ok(summary),
            None => match store.read_entry(&entry) {
                // Deleted since the folder was read: no longer a draft.
                Ok(None) => continue,
                Ok(Some(draft)) => Summary::of(entry.name.clone(), draft),
                Err(e) => Err(e.into()),
            },
        };
        if let (Some(stamp), Ok(summary)) = (entry.stamp, &summary) {
            index.insert(&entry.name, stamp, summary.clone());
        }
        listed.push(DraftSummary {
            name: entry.name,
            summary,
        });
    }
    // The index only saves time: one that cannot be written (a read-only data folder) costs the
    // next list its speed, and the list itself is complete.
    let _ = index.save();
    Ok(listed)
}

/// The shipped questionnaires and this format: a summary worked out under others may count
/// differently.
fn index_key() -> u64 {
    catalog::CATALOG_STAMP ^ SUMMARY_FORMAT.rotate_left(32)
}

/// A timestamp as its nanoseconds since the epoch: jiff writes it as text, which postcard (a format
/// without types on the wire) cannot read back.
mod nanoseconds {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(at: &jiff::Timestamp, s: S) -> Result<S::Ok, S::Error> {
        at.as_nanosecond().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<jiff::Timestamp, D::Error> {
        let nanoseconds = i128::deserialize(d)?;
        jiff::Timestamp::from_nanosecond(nanoseconds).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;

    const FIXTURE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/answers/idura-complete.toml"
    );

    fn now() -> jiff::Timestamp {
        "2026-11-20T08:15:00Z".parse().unwrap()
    }

    fn import(store: &DraftStore, name: &str) -> Order {
        super::super::import(store, Path::new(FIXTURE), Some(name), now()).unwrap()
    }

    /// The summaries as worked out from every draft afresh.
    fn from_drafts(store: &DraftStore) -> Vec<(String, Summary)> {
        store
            .list()
            .unwrap()
            .into_iter()
            .map(|l| {
                let summary = Summary::of(l.name.clone(), l.draft.unwrap()).unwrap();
                (l.name.to_string(), summary)
            })
            .collect()
    }

    /// A list made well after the drafts of a test were written, so its summaries are kept.
    fn later() -> jiff::Timestamp {
        jiff::Timestamp::now() + jiff::SignedDuration::from_secs(60)
    }

    fn listed(store: &DraftStore) -> Vec<(String, Summary)> {
        summaries_at(store, later())
            .unwrap()
            .into_iter()
            .map(|s| (s.name.to_string(), s.summary.unwrap()))
            .collect()
    }

    #[test]
    fn summaries_are_those_of_the_drafts_before_and_after_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::open(dir.path().join("data")).unwrap();
        import(&store, "b");
        let a = import(&store, "a");
        let first = listed(&store);
        assert_eq!(first, from_drafts(&store));
        assert_eq!(first[0].0, "a");
        assert_eq!(first[0].1.form, "idura-no-bankid");
        assert!(dir.path().join("data").join(INDEX_FILE).is_file());
        // From the index now, and the same.
        assert_eq!(listed(&store), first);

        // A change through the store: another answer count, another status.
        let lock = store.lock(&a.name).unwrap();
        let mut draft = store.load(&a.name).unwrap();
        draft.answers.remove("company");
        draft.status = Status::Bundled;
        store.save(&lock, &draft).unwrap();
        let after = listed(&store);
        assert_eq!(after, from_drafts(&store));
        assert_ne!(after[0].1.progress, first[0].1.progress);
        assert_eq!(after[0].1.status, Status::Bundled);
        assert_eq!(after[1], first[1]);
    }

    #[test]
    fn a_draft_edited_by_hand_or_deleted_is_seen_at_the_next_list() {
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::open(dir.path().join("data")).unwrap();
        let a = import(&store, "a");
        import(&store, "b");
        // Listed as it would be at once after the import (nothing is kept of a file changed
        // just now), then edited in place to the same length, within the same tick of the file
        // system's clock as likely as not.
        let before = summaries(&store).unwrap();
        assert!(before[0].summary.is_ok());
        let path = store.path_of(&a.name);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            text.replace("status = \"draft\"", "status = \"sent!\""),
        )
        .unwrap();
        let a_now = summaries(&store).unwrap().remove(0);
        assert!(a_now.summary.is_err(), "{:?}", a_now.summary);
        fs::remove_file(&path).unwrap();
        let names: Vec<String> = listed(&store).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["b"]);
    }

    #[test]
    fn what_is_listed_comes_from_the_index_while_the_file_is_the_same() {
        // An index entry that matches the file is taken as it is: the draft is not read again.
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::open(dir.path().join("data")).unwrap();
        let a = import(&store, "a");
        let path = store.path_of(&a.name);
        let stamp = crate::draft::FileStamp::of(&fs::symlink_metadata(&path).unwrap()).unwrap();
        let mut index =
            DraftIndex::<Summary>::load(store.index_path(INDEX_FILE), index_key(), later());
        let planted = Summary {
            form: "planted".into(),
            progress: Progress {
                answered: 1,
                required: 99,
            },
            status: Status::Signed,
            updated: now(),
        };
        index.insert(&a.name, stamp, planted.clone());
        index.save().unwrap();
        assert_eq!(listed(&store), [("a".to_string(), planted)]);
    }

    #[test]
    fn a_damaged_draft_is_listed_with_its_error_and_an_unwritable_index_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let store = DraftStore::open(&data).unwrap();
        import(&store, "a");
        fs::write(
            store.drafts_dir().join("b.toml"),
            "schema_version = 1\nform = [\n",
        )
        .unwrap();
        // A folder where the index would go: it can be neither read nor replaced.
        fs::create_dir(data.join(INDEX_FILE)).unwrap();
        for _ in 0..2 {
            let list = summaries(&store).unwrap();
            assert_eq!(list.len(), 2);
            assert_eq!(list[0].summary.as_ref().unwrap().form, "idura-no-bankid");
            assert!(matches!(
                list[1].summary,
                Err(OrderError::Draft(DraftError::Corrupt { line: 2, .. }))
            ));
        }
    }
}
