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
            "Lim inn forespørselen under i skjemaet der.",
            "Last opp disse filene fra pakken der også:",
            "Det er ingen vedlegg å laste opp.",
        ),
        Lang::En => (
            format!("This is an access request, not an email: {desk} takes no email."),
            "Paste the request below into the form there.",
            "Upload these files of the bundle there too:",
            "There are no attachments to upload.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::answers::{Answer, Answers};
    use crate::form::catalog;

    const LONG_URL: &str = "https://desk.example.org/servicedesk/customer/portal/7/create/access-request-for-the-test-environment";

    fn doc(lang: Lang) -> Document {
        let mut spec = catalog::find("bankid-oidc").unwrap().unwrap();
        spec.document_lang = lang;
        let mut answers = Answers::new();
        answers.set("client.environment", Answer::Text("current".into()));
        answers.set("service.display_name", Answer::Text("Fjordlys".into()));
        let date = jiff::civil::date(2026, 11, 20);
        Document::build(&spec, &answers, &[], date, &BTreeMap::new())
    }

    #[test]
    fn says_what_it_is_where_to_file_it_and_what_to_upload_then_the_request() {
        let doc = doc(Lang::En);
        let place = format!("File it in the service desk's form at {LONG_URL} and submit it.");
        let uploads = ["attachments/logo.png".to_string(), "client.json".into()];
        let text = render(&doc, &place, &uploads);
        let desk = "BankID's service desk for the OIDC test environment";
        assert!(
            text.starts_with(&format!("Access request: {desk}\n")),
            "{text}"
        );
        assert!(
            text.contains("This is an access request, not an email: BankID's"),
            "{text}"
        );
        assert!(
            text.contains("there too:\n   attachments/logo.png\n   client.json\n"),
            "{text}"
        );
        assert!(
            text.contains(&format!("To: {desk} (access request)")),
            "{text}"
        );
        assert!(text.contains("Display name in the BankID dialogues: Fjordlys"));
        // Wrapped as the email body, the web address whole; the same input, the same text.
        assert!(text.lines().any(|l| l == LONG_URL), "{text}");
        for line in text.lines().filter(|l| !l.contains(LONG_URL)) {
            assert!(line.chars().count() <= text::WIDTH, "{line:?}");
        }
        assert_eq!(text, render(&doc, &place, &uploads));
    }

    #[test]
    fn speaks_the_documents_language_and_says_when_there_is_nothing_to_upload() {
        let text = render(&doc(Lang::Nb), "Send den i servicedesken.", &[]);
        assert!(
            text.starts_with("Tilgangsforespørsel: BankIDs servicedesk for OIDC-testmiljøet\n"),
            "{text}"
        );
        assert!(text.contains("Det er ingen vedlegg å laste opp."), "{text}");
        assert!(text.contains("(tilgangsforespørsel)"), "{text}");
        assert!(!text.contains("Upload"), "{text}");
    }
}
