//! The rows of a step are the core session's (`eid_onboard_core::session::rows`).

pub use crate::session::rows::*;
