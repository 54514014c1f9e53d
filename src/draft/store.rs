use std::path::PathBuf;

/// Placeholder, implemented in the store work.
pub struct DraftStore {
    pub root: PathBuf,
}
pub struct DraftLock;
pub struct DraftListing;
