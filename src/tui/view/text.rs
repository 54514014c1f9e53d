//! Text from answers, drafts, the registry or a server, as the screen shows it: inert (no control
//! characters, so nothing can move the cursor or change the terminal) and fitted to its room.

use crate::validate::text::sanitize;

/// Text from answers, made inert and cut to what can show: a draft can never move the cursor.
pub fn inert(text: &str, max_chars: usize) -> String {
    let cut: String = text
        .chars()
        .take(max_chars.saturating_mul(4).max(16))
        .collect();
    let clean = sanitize(&cut, false);
    if clean.chars().count() > max_chars {
        let mut short: String = clean.chars().take(max_chars.saturating_sub(1)).collect();
        short.push('…');
        short
    } else {
        clean
    }
}

/// Word-wraps inert text to `width` columns (long words are cut), so heights are known exactly.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let clean = sanitize(text, false);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in clean.split(' ').filter(|w| !w.is_empty()) {
        let mut word: String = word.to_string();
        while word.chars().count() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
        }
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}
