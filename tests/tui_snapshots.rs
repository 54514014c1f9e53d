//! Pins what every step looks like: each step of a complete Idura order at 80×24, the review at
//! 60×20, and the size message on a 20×6 terminal; and every questionnaire's steps, help and
//! review at 80×24 and 60×20 in both languages, with nothing cut that cannot be read.

mod common;
mod tui_common;

use crossterm::event::{KeyCode, KeyModifiers};
use eid_onboard::draft::DraftStore;
use eid_onboard::order;
use eid_onboard::text::Lang;
use eid_onboard::tui::rows::RowKind;
use eid_onboard::tui::state::StepRef;
use eid_onboard::tui::update::focused_row;
use tui_common::Harness;

/// A complete order imported from the fixture, opened in the wizard.
fn complete(dir: &std::path::Path, width: u16, height: u16) -> Harness {
    let store = DraftStore::open(dir).unwrap();
    let file = std::path::Path::new(common::FIXTURES).join("idura-complete.toml");
    order::import(&store, &file, Some("acme"), tui_common::fixed_now()).unwrap();
    let mut h = Harness::new(dir, width, height, Lang::En);
    h.app.start_edit("acme").unwrap();
    h
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    // The save time is drawn in the local time zone.
    settings.add_filter(r"Saved \d\d:\d\d:\d\d", "Saved [time]");
    settings.add_filter(r"Lagret \d\d:\d\d:\d\d", "Lagret [time]");
    // Attached files show with their path in a temporary folder (always as long).
    settings.add_filter(r"/tmp/eid[0-9A-Za-z]{6}", "/tmp/[folder]");
    // A draft's last change is drawn in words, in the local time zone; the words are as long as
    // the day and month, so the room up to the border goes too.
    settings.add_filter(
        r"\d{1,2}\.? [a-zA-Z]+ (kl\. )?\d\d[:.]\d\d *│",
        "[local time] │",
    );
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[test]
fn every_step_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = complete(dir.path(), 80, 24);
    let steps = h.wizard().step_count();
    settings().bind(|| {
        for step in 0..steps {
            let screen = h.screen();
            insta::assert_snapshot!(format!("idura_step_{step:02}"), screen);
            h.key(KeyCode::PageDown);
        }
    });
}

#[test]
fn the_review_at_60x20() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = complete(dir.path(), 60, 20);
    for _ in 0..20 {
        h.key(KeyCode::PageDown);
    }
    let screen = h.screen();
    settings().bind(|| insta::assert_snapshot!("idura_review_60x20", screen));
}

#[test]
fn the_review_lists_problems_of_an_incomplete_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(dir.path(), 60, 20, Lang::En);
    h.app
        .start_new("criipto-no-bankid", Some("partial"))
        .unwrap();
    for _ in 0..20 {
        h.key(KeyCode::PageDown);
    }
    let screen = h.screen();
    assert!(screen.contains("Not ready"), "{screen}");
    settings().bind(|| insta::assert_snapshot!("criipto_review_empty_60x20", screen));
}

#[test]
fn a_20x6_terminal_shows_the_size_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = complete(dir.path(), 20, 6);
    let screen = h.screen();
    settings().bind(|| insta::assert_snapshot!("too_small_20x6", screen));
}

#[test]
fn the_home_screen_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = complete(dir.path(), 80, 24);
    h.key(KeyCode::Esc);
    let screen = h.screen();
    settings().bind(|| insta::assert_snapshot!("home_80x24", screen,));
}

/// Each questionnaire with its complete order.
const QUESTIONNAIRES: [(&str, &str); 4] = [
    ("idura-no-bankid", "idura-complete.toml"),
    ("criipto-no-bankid", "criipto-complete.toml"),
    ("bankid-oidc", "bankid-oidc-complete.toml"),
    ("idporten-oidc", "idporten-oidc-complete.toml"),
];

/// A complete order of a fixture, imported from a copy in a folder whose path is always as long
/// (attached files show with their whole path, and its length decides where lines break).
fn opened(
    data: &std::path::Path,
    fixture: &str,
    width: u16,
    height: u16,
    lang: Lang,
) -> (Harness, tempfile::TempDir) {
    let files = tempfile::Builder::new()
        .prefix("eid")
        .tempdir_in("/tmp")
        .unwrap();
    for entry in std::fs::read_dir(common::FIXTURES).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), files.path().join(entry.file_name())).unwrap();
    }
    let store = DraftStore::open(data).unwrap();
    order::import(
        &store,
        &files.path().join(fixture),
        Some("acme"),
        tui_common::fixed_now(),
    )
    .unwrap();
    let mut h = Harness::new(data, width, height, lang);
    h.app.start_edit("acme").unwrap();
    (h, files)
}

/// What is on the screen, with what it is, checked for text cut without a way to read it: the
/// key bar keeps the help's key and cuts only between hints, and the title line ends with the
/// whole progress count.
fn take(h: &mut Harness, what: &str, out: &mut String) -> String {
    let screen = h.screen();
    let lines: Vec<&str> = screen.split('\n').collect();
    let footer = lines[lines.len() - 2];
    let help = match h.app.state.lang {
        Lang::En => "F1 help",
        Lang::Nb => "F1 hjelp",
    };
    assert!(footer.ends_with(help), "{what}: the key bar {footer:?}");
    if let eid_onboard::tui::state::Screen::Wizard(_) = h.app.state.screen
        && h.app.state.popup.is_none()
    {
        let title = lines[0];
        let count = title.rsplit(' ').next().unwrap_or("");
        let parts: Vec<&str> = count.split('/').collect();
        assert!(
            parts.len() == 2 && parts.iter().all(|p| p.parse::<u32>().is_ok()),
            "{what}: the title line {title:?}"
        );
    }
    out.push_str(&format!("── {what}\n{screen}\n"));
    screen
}

/// The screen's text as words in reading order, lines joined (a line ending in a hyphen or a dash
/// inside a word runs on).
fn words_of(screen: &str) -> String {
    let mut text = String::new();
    for line in screen.lines() {
        // Beside the step list, only the column right of its border.
        let line = line.rsplit('│').next().unwrap_or(line).trim();
        // A line may end after a hyphen or dash inside a word ("7–" then "10").
        let mut end = text.chars().rev();
        let runs_on = matches!(end.next(), Some('-' | '–' | '—' | '/'))
            && end.next().is_some_and(|c| !c.is_whitespace());
        if !text.is_empty() && !runs_on {
            text.push(' ');
        }
        text.push_str(line);
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every step with its first row focused (the step's intro must be there whole), the help over a
/// text field and over the review, the review's last answers, and the drafts list.
fn walk(fixture: &str, width: u16, height: u16, lang: Lang) -> String {
    let data = tempfile::tempdir().unwrap();
    let (mut h, _files) = opened(data.path(), fixture, width, height, lang);
    let mut out = String::new();
    let mut helped = false;
    for step in 0..h.wizard().step_count() {
        let screen = take(&mut h, &format!("step {}", step + 1), &mut out);
        // A step's intro, and the checklist's account of the questionnaire.
        let intro = match h.wizard().step_ref() {
            StepRef::Form(i) => h.wizard().spec().steps[i].intro.clone(),
            StepRef::Checklist => Some(h.wizard().spec().about.clone()),
            StepRef::Review => None,
        };
        if let Some(intro) = intro {
            let intro = intro
                .get(lang)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                words_of(&screen).contains(&intro),
                "step {}: the intro is not whole:\n{screen}",
                step + 1
            );
        }
        let single_line = focused_row(h.wizard(), lang)
            .is_some_and(|row| row.kind == RowKind::Text { multiline: false });
        if single_line && !helped {
            helped = true;
            h.key(KeyCode::F(1));
            take(&mut h, "help on a text field", &mut out);
            h.key(KeyCode::PageDown);
            take(&mut h, "the help scrolled", &mut out);
            h.key(KeyCode::Esc);
            h.key_with(KeyCode::PageDown, KeyModifiers::ALT);
            take(&mut h, "the field's help scrolled", &mut out);
        }
        h.key(KeyCode::PageDown);
    }
    for _ in 0..200 {
        h.key(KeyCode::Down);
    }
    take(&mut h, "the review's last answers", &mut out);
    h.key(KeyCode::F(1));
    take(&mut h, "help on the review", &mut out);
    h.key(KeyCode::Esc).key(KeyCode::Esc);
    take(&mut h, "the drafts", &mut out);
    out
}

#[test]
fn every_questionnaire_at_80x24_and_60x20_in_both_languages() {
    for (form, fixture) in QUESTIONNAIRES {
        for (width, height) in [(80, 24), (60, 20)] {
            for (lang, code) in [(Lang::En, "en"), (Lang::Nb, "nb")] {
                let screens = walk(fixture, width, height, lang);
                settings().bind(|| {
                    insta::assert_snapshot!(format!("{form}_{width}x{height}_{code}"), screens)
                });
            }
        }
    }
}

/// F1 over a list lists the list's own keys (not the wizard's), and closing the help gives the
/// list back as it was, filter and all.
#[test]
fn the_help_over_a_dialog_lists_its_keys_and_gives_it_back() {
    let data = tempfile::tempdir().unwrap();
    let (mut h, _files) = opened(data.path(), "idura-complete.toml", 80, 24, Lang::En);
    while focused_row(h.wizard(), Lang::En).map(|r| r.id) != Some("bank.name".into()) {
        h.key(KeyCode::Tab);
    }
    h.key(KeyCode::Enter).text("dnb");
    let list = h.screen();
    assert!(list.contains("Filter: dnb"), "{list}");
    h.key(KeyCode::F(1));
    let help = h.screen();
    assert!(help.contains("cancel"), "the list's Esc: {help}");
    assert!(
        help.contains("up / down the list"),
        "the list's arrows: {help}"
    );
    assert!(!help.contains("to drafts"), "not the wizard's Esc: {help}");
    h.key(KeyCode::Esc);
    assert_eq!(h.screen(), list, "the list is back as it was");
}

/// A field's help longer than its room says which key shows more; that key scrolls it, to its
/// end and no further, and the next row's help starts at its top.
#[test]
fn a_long_field_help_scrolls_with_its_keys() {
    let data = tempfile::tempdir().unwrap();
    let (mut h, _files) = opened(data.path(), "idura-complete.toml", 60, 20, Lang::En);
    h.key(KeyCode::PageDown);
    let help_title = |screen: &str| {
        screen
            .lines()
            .find(|l| l.starts_with("Help"))
            .unwrap_or("")
            .trim_end_matches('─')
            .to_string()
    };
    let first = h.screen();
    assert_eq!(help_title(&first), "Help ↓ Alt-PgDn", "{first}");
    let mut seen = vec![first.clone()];
    for _ in 0..40 {
        h.key_with(KeyCode::PageDown, KeyModifiers::ALT);
        let screen = h.screen();
        if seen.last() == Some(&screen) {
            break;
        }
        seen.push(screen);
    }
    let last = seen.last().unwrap();
    assert!(seen.len() > 1, "the help scrolled");
    assert_eq!(help_title(last), "Help ↑ Alt-PgUp", "at its end: {last}");
    // The whole help was shown on the way, every word of it.
    let row = focused_row(h.wizard(), Lang::En).unwrap();
    let help = row.field(h.wizard().spec()).help.get(Lang::En).to_string();
    let shown: String = seen
        .iter()
        .map(|s| words_of(s))
        .collect::<Vec<_>>()
        .join(" ");
    for word in help.split_whitespace() {
        assert!(shown.contains(word), "{word} never showed");
    }
    h.key_with(KeyCode::PageUp, KeyModifiers::ALT);
    assert_ne!(&h.screen(), last, "it scrolls back");
    h.key(KeyCode::Tab)
        .key_with(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(
        h.screen(),
        first,
        "back on the row, its help starts at the top"
    );
}

/// The help longer than the window scrolls to its last line and no further: the first key back
/// moves it at once.
#[test]
fn the_help_scrolls_to_its_end_and_back() {
    let data = tempfile::tempdir().unwrap();
    let (mut h, _files) = opened(data.path(), "idura-complete.toml", 60, 20, Lang::En);
    while focused_row(h.wizard(), Lang::En)
        .is_none_or(|r| r.kind != RowKind::Text { multiline: false })
    {
        h.key(KeyCode::Tab);
    }
    let keys =
        eid_onboard::tui::keymap::help(eid_onboard::tui::update::screen_context(&h.app.state));
    let last = keys.editing.last().or(keys.commands.last()).unwrap();
    let last = last.get(Lang::En);
    h.key(KeyCode::F(1));
    let top = h.screen();
    assert!(top.contains("Help ↓"), "{top}");
    for _ in 0..100 {
        h.key(KeyCode::Down);
    }
    let end = h.screen();
    assert!(end.contains("Help ↑─"), "at the end: {end}");
    assert!(end.contains(last), "the last line shows: {end}");
    h.key(KeyCode::Up);
    assert_ne!(h.screen(), end, "one key back moves it");
    h.key(KeyCode::PageUp)
        .key(KeyCode::PageUp)
        .key(KeyCode::PageUp);
    assert_eq!(h.screen(), top);
}

/// The drafts list at 60×20 shows a long status word whole, and a draft that cannot be opened
/// with all of its reason.
#[test]
fn the_drafts_list_shows_whole_status_words_and_reasons() {
    // The reason names the draft's path: in a folder whose path is always as long.
    let data = tempfile::Builder::new()
        .prefix("eid")
        .tempdir_in("/tmp")
        .unwrap();
    let (mut h, _files) = opened(data.path(), "idura-complete.toml", 60, 20, Lang::En);
    h.key(KeyCode::Esc);
    drop(h);
    let store = DraftStore::open(data.path()).unwrap();
    let name = eid_onboard::draft::DraftName::parse("acme").unwrap();
    let lock = store.lock(&name).unwrap();
    let mut draft = store.load(&name).unwrap();
    draft.status = eid_onboard::draft::Status::CredentialsReceived;
    store.save(&lock, &draft).unwrap();
    drop(lock);
    std::fs::write(store.drafts_dir().join("broken.toml"), "form = [").unwrap();
    let mut h = Harness::new(data.path(), 60, 20, Lang::En);
    h.app.start_home();
    let screen = h.screen();
    assert!(screen.contains("credentials-received"), "{screen}");
    let broken: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("broken"))
        .take_while(|l| !l.starts_with('└'))
        .collect();
    assert!(broken.len() > 1, "the reason wraps: {screen}");
    settings().bind(|| insta::assert_snapshot!("drafts_60x20", screen));
}

/// A long message at the bottom takes the lines it needs (up to three), whole.
#[test]
fn a_long_status_message_wraps_whole() {
    let data = tempfile::tempdir().unwrap();
    let (mut h, _files) = opened(data.path(), "idura-complete.toml", 60, 20, Lang::En);
    let message = "Could not save the draft: the disk is full. Free some space and press Ctrl-S \
                   to try again; what you typed is kept.";
    h.app
        .dispatch(eid_onboard::tui::Action::Failed(message.to_string()));
    let screen = h.screen();
    let bottom: Vec<&str> = screen.split('\n').rev().take(2).collect();
    let shown = words_of(&bottom.into_iter().rev().collect::<Vec<_>>().join("\n"));
    assert_eq!(
        shown,
        message.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    assert!(
        screen
            .split('\n')
            .rev()
            .nth(2)
            .unwrap()
            .ends_with("F1 help"),
        "{screen}"
    );
}

/// At the smallest size there is no room for the field's help under the rows: F1 shows it.
#[test]
fn at_the_smallest_size_f1_shows_the_fields_help() {
    let data = tempfile::tempdir().unwrap();
    let (mut h, _files) = opened(data.path(), "idura-complete.toml", 50, 12, Lang::En);
    while focused_row(h.wizard(), Lang::En).map(|r| r.id) != Some("company.name".into()) {
        h.key(KeyCode::Tab);
    }
    let row = focused_row(h.wizard(), Lang::En).unwrap();
    let help = row.field(h.wizard().spec()).help.get(Lang::En).to_string();
    let first_words: String = help
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        !words_of(&h.screen()).contains(&first_words),
        "no panel here"
    );
    // The text inside the help's box.
    let inside = |screen: String| -> String {
        let lines: Vec<&str> = screen
            .lines()
            .filter_map(|l| {
                let start = l.find('│')? + '│'.len_utf8();
                let end = l.rfind('│')?;
                (start <= end).then(|| &l[start..end])
            })
            .collect();
        words_of(&lines.join("\n"))
    };
    h.key(KeyCode::F(1));
    let mut shown = inside(h.screen());
    for _ in 0..3 {
        h.key(KeyCode::PageDown);
        shown.push(' ');
        shown.push_str(&inside(h.screen()));
    }
    for word in help.split_whitespace() {
        assert!(shown.contains(word), "{word} never showed: {shown}");
    }
}
