//! Time to bundle a complete order: in memory (check, document, PDF, email, answers files, zip) and
//! written to disk (temporary folder, fsync, rename), plus the PDF alone.
//!
//! `cargo bench --bench bundle`

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use eid_onboard::bundle::{self, Options};
use eid_onboard::draft::DraftStore;
use eid_onboard::order::{self, Order};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/answers");

fn import(dir: &Path, fixture: &str, name: &str) -> Order {
    let store = DraftStore::open(dir.join("data")).expect("store");
    let now: jiff::Timestamp = "2026-11-20T08:15:00Z".parse().expect("time");
    order::import(&store, &Path::new(FIXTURES).join(fixture), Some(name), now).expect("import")
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("bundle");
    group.sample_size(20);
    group.measurement_time(std::time::Duration::from_secs(4));
    for (fixture, name) in [
        ("idura-complete.toml", "idura"),
        ("criipto-complete.toml", "criipto"),
    ] {
        let order = import(dir.path(), fixture, name);
        let out = dir.path().join("out");
        let options = Options {
            force: true,
            ..Options::default()
        };
        group.bench_function(format!("{name}: build in memory"), |b| {
            b.iter(|| bundle::build(&order, &options.facts).expect("build"))
        });
        group.bench_function(format!("{name}: create on disk"), |b| {
            b.iter(|| bundle::create(&order, &out, &options).expect("create"))
        });
        let built = bundle::build(&order, &options.facts).expect("build");
        group.bench_function(format!("{name}: request.pdf alone"), |b| {
            b.iter(|| eid_onboard::render::pdf::render(&built.document).expect("pdf"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
