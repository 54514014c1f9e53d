//! Renderers of a [`Document`](crate::document::Document): plain text (email body and preview), the
//! PDF for signing, the machine-readable answers and the complete email.

pub mod answers;
pub mod client_json;
pub mod email;
pub mod pdf;
pub mod text;
