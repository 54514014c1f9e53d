//! Questionnaires as data: the typed spec, its loader and the questionnaires shipped in the binary.

mod answered;
pub mod catalog;
mod load;
mod raw;
mod reads;
pub mod ready;
pub mod spec;

pub use answered::Delivery;
pub use load::{DEFAULT_MAX_BYTES, FormError, parse_form, placeholders};
pub use spec::*;
