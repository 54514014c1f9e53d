//! The request PDF of a complete Idura order whose service description is SIZE bytes of prose,
//! written to OUT. The questionnaire takes at most 10 000 characters in one answer, so a longer one
//! cannot come through `import` and `bundle`; this puts it straight into the document, to time and
//! weigh the PDF (most of a bundle's work) on texts of 100 KB and 1 MB (`benches/bundle-sizes.py`).
//!
//! `cargo run --release --example long_answer_pdf -- SIZE OUT`

use std::path::Path;

use anyhow::{Context, Result, bail};
use eid_onboard::document::{Document, Value};
use eid_onboard::draft::DraftStore;
use eid_onboard::order;
use eid_onboard::prereq::Facts;
use eid_onboard::validate;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/answers/idura-complete.toml"
);
const DESCRIPTION: &str = "service.description";
const WORDS: &str = "Solgløtt Meglerportal is the client portal of our real estate agency: buyers \
    and sellers log in to sign assignment agreements, follow bidding rounds and read the documents \
    of their sale, https://login.solglott-eiendom.no/sak/2026-11-20?vis=alle.";

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(size), Some(out)) = (args.next(), args.next()) else {
        bail!("usage: long_answer_pdf SIZE OUT");
    };
    let size: usize = size.parse().context("SIZE: a number of bytes")?;
    let dir = tempfile::tempdir()?;
    let store = DraftStore::open(dir.path().join("data"))?;
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse()?;
    let order = order::import(&store, Path::new(FIXTURE), Some("long"), now)?;
    // As `bundle::build` makes it, short of rendering anything.
    let date = now.to_zoned(jiff::tz::TimeZone::UTC).date();
    let report = order.check(&validate::Context::on(date), &Facts::default());
    let mut document = Document::build(
        &order.spec,
        &order.answers,
        &report.checklist,
        date,
        &Default::default(),
    );
    let entry = document
        .sections
        .iter_mut()
        .flat_map(|section| section.entries.iter_mut())
        .find(|entry| entry.id == DESCRIPTION)
        .context("the fixture answers the service description")?;
    entry.value = Value::Text(prose(size));
    let pdf = eid_onboard::render::pdf::render(&document)?;
    std::fs::write(&out, pdf).with_context(|| out.clone())?;
    Ok(())
}

/// About `size` bytes of text in paragraphs of some 600 bytes, as `benches/bundle-sizes.py` writes.
fn prose(size: usize) -> String {
    let mut text = String::with_capacity(size + 200);
    for (i, word) in WORDS.split(' ').cycle().enumerate() {
        if text.len() >= size {
            break;
        }
        text.push_str(word);
        text.push_str(if (i + 1) % 90 == 0 { "\n\n" } else { " " });
    }
    text.trim_end().to_string()
}
