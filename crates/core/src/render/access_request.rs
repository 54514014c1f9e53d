//! `access-request.txt`: an order that is filed by hand in a provider's web form (an access request,
//! see `[access_request]` in FORMAT.md) instead of sent by email. A short header says what it is,
//! where to file it and which of the bundle's files to upload there, then the request as the email
//! body gives it (the answers in question order), wrapped the same way: plain UTF-8, lines of at
//! most [`text::WIDTH`] characters but long web addresses, which stay whole. The same document
//! gives the same text.

use crate::document::Document;
use crate::render::text::{self, INDENT, push_wrapped};
use crate::text::Lang;

/// The text for `doc`: `place` says where and how to file it; `uploads` are the bundle's files
/// to upload with it (paths inside the bundle folder), in order.
pub fn render(doc: &Document, place: &str, uploads: &[String]) -> String {
    let mut out = String::new();
    let desk = doc.access_request.as_deref().unwrap_or(&doc.provider);
    let heading = match doc.lang {
        Lang::Nb => format!("Tilgangsforespørsel: {desk}"),
        Lang::En => format!("Access request: {desk}"),
    };
    out.push_str(&heading);
    out.push('\n');
    out.push_str(&"=".repeat(heading.chars().count().min(text::WIDTH)));
    out.push('\n');
    let (what, paste, upload, none) = words(doc.lang, desk);
    push_wrapped(&mut out, "", "", &what);
    out.push('\n');
    push_wrapped(&mut out, "", "", place);
    out.push('\n');
    push_wrapped(&mut out, "", "", paste);
    if uploads.is_empty() {
        push_wrapped(&mut out, "", "", none);
    } else {
        push_wrapped(&mut out, "", "", upload);
        for file in uploads {
            push_wrapped(&mut out, INDENT, INDENT, file);
        }
    }
    out.push('\n');
    out.push_str(&text::preview(doc));
    out
}

/// What this is; to paste the request; to upload the files; that there are none.
fn words(lang: Lang, desk: &str) -> (String, &'static str, &'static str, &'static str) {
    match lang {
        Lang::Nb => (
            format!(
                "Dette er en tilgangsforespørsel, ikke en e-post: {desk} tar ikke imot e-post."
            ),
            "Lim inn forespørselen under i skjemaet der, og send det inn.",
            "Last opp disse filene fra pakken der også:",
            "Det er ingen vedlegg å laste opp.",
        ),
        Lang::En => (
            format!("This is an access request, not an email: {desk} takes no email."),
            "Paste the request below into the form there and submit it.",
            "Upload these files of the bundle there too:",
            "There are no attachments to upload.",
        ),
    }
}
