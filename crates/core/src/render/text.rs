//! The request as plain text: the email body, and the preview a front end shows before bundling.
//! Lines are wrapped at [`WIDTH`] characters; answers keep their own line breaks.

use crate::document::{Document, REQUEST_PDF, Section, Value, Word};
use crate::prereq::State;

/// The longest line of the body, in characters (email convention: under 78).
pub const WIDTH: usize = 76;
pub(crate) const INDENT: &str = "   ";
/// The longest line a URL left whole may make, in octets: under the 998 a mail line may hold.
const MAX_URL_LINE: usize = 990;

/// Whether `word` (no white space in it) reads as a web address or an email address: wrapping
/// keeps it whole.
pub(crate) fn is_url(word: &str) -> bool {
    word.contains("://") || word.starts_with("www.") || (word.contains('@') && word.contains('.'))
}

/// The email body: greeting, the numbered answers, attachments, checklist and the sender's name.
pub fn body(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} {},\n\n",
        doc.word(Word::Greeting),
        doc.provider
    ));
    push_wrapped(&mut out, "", "", doc.word(Word::Intro));
    out.push('\n');
    out.push_str(&preview(doc));
    out.push('\n');
    out.push_str(doc.word(Word::Regards));
    out.push('\n');
    if let Some(name) = &doc.sender.name {
        out.push_str(name);
        out.push('\n');
    }
    if let Some(company) = &doc.company {
        out.push_str(company);
        out.push('\n');
    }
    out
}

/// The request itself: heading, numbered answers, attachments and checklist.
pub fn preview(doc: &Document) -> String {
    let mut out = String::new();
    push_title_and_header(&mut out, doc);
    for section in &doc.sections {
        push_section(&mut out, doc, section);
    }
    push_attachments(&mut out, doc);
    if !doc.checklist.is_empty() {
        push_checklist(&mut out, doc);
    }
    out
}

/// "Order: <title>", underlined, then the header lines (to, company, subject, date).
fn push_title_and_header(out: &mut String, doc: &Document) {
    let title = format!("{}: {}", doc.word(Word::Order), doc.title);
    out.push_str(&title);
    out.push('\n');
    // Dashes, not '=': the body is sent quoted-printable, where '=' is the escape character.
    out.push_str(&"-".repeat(title.chars().count().min(WIDTH)));
    out.push('\n');
    for (word, value) in doc.header() {
        push_wrapped(out, "", INDENT, &format!("{}: {value}", doc.word(word)));
    }
}

/// A question after a blank line: its heading, then its one value, or each entry under its
/// label (a one-line text on the label's line).
fn push_section(out: &mut String, doc: &Document, section: &Section) {
    out.push('\n');
    push_wrapped(out, "", INDENT, &section.heading());
    if let Some(entry) = section.lone_entry() {
        push_value(out, doc, INDENT, &entry.value);
        return;
    }
    for entry in &section.entries {
        match &entry.value {
            Value::Text(text) if !text.contains('\n') => push_wrapped(
                out,
                INDENT,
                &format!("{INDENT}{INDENT}"),
                &format!("{} {text}", with_colon(&entry.label)),
            ),
            value => {
                push_wrapped(out, INDENT, INDENT, &with_colon(&entry.label));
                push_value(out, doc, &format!("{INDENT}{INDENT}"), value);
            }
        }
    }
}

/// `request.pdf` itself, then each attachment with its size and SHA-256 where known.
fn push_attachments(out: &mut String, doc: &Document) {
    out.push('\n');
    out.push_str(doc.word(Word::Attachments));
    out.push('\n');
    push_wrapped(
        out,
        INDENT,
        INDENT,
        &format!("{REQUEST_PDF}: {}", doc.word(Word::ThisRequest)),
    );
    for attachment in &doc.attachments {
        let mut line = format!("{}: {}", attachment.name, attachment.label);
        if let Some(digest) = &attachment.digest {
            line.push_str(&format!(" ({} {})", digest.size, doc.word(Word::Bytes)));
        }
        push_wrapped(out, INDENT, &format!("{INDENT}{INDENT}"), &line);
        if let Some(digest) = &attachment.digest {
            // 3 + 8 + 64 characters: within the width.
            out.push_str(&format!("{INDENT}SHA-256 {}\n", digest.sha256));
        }
    }
}

/// The prerequisites, each a mark ([x], [ ], [?]) and its label with its state.
fn push_checklist(out: &mut String, doc: &Document) {
    out.push('\n');
    out.push_str(doc.word(Word::Prerequisites));
    out.push('\n');
    for item in &doc.checklist {
        let mark = match item.state {
            State::Met => "[x]",
            State::NotMet => "[ ]",
            State::Unknown => "[?]",
        };
        push_wrapped(
            out,
            &format!("{INDENT}{mark} "),
            &format!("{INDENT}    "),
            &format!("{} ({})", item.label, item.state_label),
        );
        if !item.reason.is_empty() {
            push_wrapped(
                out,
                &format!("{INDENT}    "),
                &format!("{INDENT}    "),
                &item.reason,
            );
        }
    }
}

/// `Label:`, or a question as it is (`Does it need …?`).
fn with_colon(label: &str) -> String {
    if label.ends_with(['?', ':']) {
        label.to_string()
    } else {
        format!("{label}:")
    }
}

fn push_value(out: &mut String, doc: &Document, indent: &str, value: &Value) {
    match value {
        Value::Text(text) => {
            for paragraph in text.lines() {
                push_wrapped(out, indent, indent, paragraph);
            }
        }
        Value::Parts(parts) => {
            for part in parts {
                push_wrapped(
                    out,
                    indent,
                    &format!("{indent}{INDENT}"),
                    &format!("{}: {}", part.label, part.value),
                );
            }
        }
        Value::Entries(entries) => {
            for (i, entry) in entries.iter().enumerate() {
                push_wrapped(
                    out,
                    indent,
                    indent,
                    &format!("{} {}:", doc.word(Word::Entry), i + 1),
                );
                push_value(out, doc, &format!("{indent}{INDENT}"), entry);
            }
        }
        Value::File(name) => push_wrapped(
            out,
            indent,
            indent,
            &format!("{name} ({})", doc.word(Word::Attached)),
        ),
        Value::Missing => push_wrapped(
            out,
            indent,
            indent,
            &format!("({})", doc.word(Word::NotAnswered)),
        ),
    }
}

/// Appends `text` wrapped at [`WIDTH`]: the first line after `first`, the others after `rest`.
/// A word longer than a line is cut.
pub(crate) fn push_wrapped(out: &mut String, first: &str, rest: &str, text: &str) {
    for line in wrap(text, first, rest) {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn wrap(text: &str, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    let width = |s: &str| s.chars().count();
    for word in text.split_whitespace() {
        let prefix_len = if lines.is_empty() {
            width(first)
        } else {
            width(rest)
        };
        let needed = if empty { width(word) } else { width(word) + 1 };
        if !empty && width(&line) + needed > WIDTH {
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        // A word too long for any line is cut into pieces that fit; a URL is left whole on a
        // line of its own (a mail line may hold 998 octets), so it can still be followed.
        let room = WIDTH.saturating_sub(prefix_len.max(width(rest))).max(8);
        let whole = is_url(word) && rest.len() + word.len() <= MAX_URL_LINE;
        let mut word = word;
        while width(word) > room && empty && !whole {
            let cut = word.char_indices().nth(room).map_or(word.len(), |(i, _)| i);
            line.push_str(&word[..cut]);
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            word = &word[cut..];
        }
        line.push_str(word);
        empty = false;
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_width_with_hanging_indent() {
        let text = "word ".repeat(40);
        let lines = wrap(&text, "- ", "  ");
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        assert!(lines[0].starts_with("- word"));
        assert!(lines[1].starts_with("  word"));
    }

    #[test]
    fn leaves_a_long_url_whole_on_its_own_line() {
        let url = format!("https://example.com/{}", "callback/".repeat(15));
        let lines = wrap(&format!("- Redirect: {url} and more"), "", INDENT);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[1], format!("{INDENT}{url}"));
        assert!(lines[2].ends_with("and more"));
    }

    #[test]
    fn cuts_a_word_longer_than_a_line() {
        let long = "x".repeat(200);
        let lines = wrap(&long, "", "");
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        assert_eq!(lines.concat(), long);
    }
}
