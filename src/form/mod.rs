//! Questionnaires as data: the typed spec and its loader.

pub mod spec;

pub use spec::*;
