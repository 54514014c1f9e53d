//! Renderers of a [`Document`](crate::document::Document): plain text (email body and preview), the
//! PDF for signing, the machine-readable answers and the complete email.

pub mod access_request;
pub mod answers;
pub mod client_json;
pub mod email;
pub mod encoded_words;
pub mod pdf;
pub mod text;

use crate::form::Output;

/// (field id, kind) of every field the renderer of an extra bundle file reads; the loader refuses
/// a questionnaire that asks for the file without them.
pub fn reads(output: Output) -> &'static [(&'static str, &'static str)] {
    match output {
        Output::ClientJson => client_json::READS,
    }
}
