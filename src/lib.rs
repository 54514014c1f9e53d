//! eid-onboard core: questionnaires as data, answers, validation, prerequisite checklist and drafts.
//!
//! Nothing in this library knows about terminals. Front ends (the CLI commands, the wizard, the plain
//! prompt mode) read a [`form::FormSpec`], edit [`answers::Answers`] and call the core to validate,
//! evaluate prerequisites and persist drafts.

pub mod answers;
pub mod assets;
pub mod bundle;
pub mod config;
pub mod document;
pub mod draft;
pub mod form;
pub mod mail;
pub mod order;
pub mod plain;
pub mod prereq;
pub mod registry;
pub mod render;
pub mod report;
pub mod text;
pub mod tui;
pub mod validate;
