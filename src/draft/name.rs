/// A validated draft name: letters, digits, `-` and `_` (placeholder, implemented in the store work).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DraftName(String);
