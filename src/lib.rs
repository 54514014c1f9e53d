//! eid-onboard's front ends over the domain core (`crates/core`): the full-screen wizard
//! ([`tui`]) and the line-by-line wizard ([`plain`]). The binary adds the command line.
//!
//! The core's modules are re-exported under their own names, so `eid_onboard::answers` and
//! `eid_onboard_core::answers` are the same module.

pub use eid_onboard_core::{
    answers, assets, bundle, config, document, domain_check, draft, form, inert, kind, mail, order,
    prereq, registry, render, report, session, text, validate,
};

pub mod plain;
pub mod tui;
