//! eid-onboard's domain: questionnaires as data, answers, validation, the prerequisite checklist,
//! drafts, the registry lookup, the request document and its renderers, the bundle and the mail.
//!
//! Nothing here knows about terminals: Cargo keeps ratatui, crossterm, clap and anyhow out of this
//! package's dependencies. Front ends (the CLI commands, the full-screen wizard, the plain wizard)
//! read a [`form::FormSpec`], edit [`answers::Answers`] and call the core to validate, evaluate
//! prerequisites and persist drafts.

pub mod answers;
pub mod assets;
pub mod bounded_read;
pub mod bundle;
pub mod config;
pub mod document;
pub mod domain_check;
pub mod draft;
pub mod form;
pub mod inert;
pub mod kind;
pub mod mail;
pub mod net;
pub mod order;
pub mod prereq;
pub mod registry;
pub mod render;
pub mod report;
pub mod roles;
pub mod session;
pub mod signatory;
pub mod text;
pub mod validate;
