//! Opening a shipped questionnaire: parsing and checking its TOML against decoding the ready
//! spec built from it ahead of time (crates/core/src/form/ready.rs). The wizard pays this before its first
//! frame.
//!
//! `cargo bench --bench forms`

use criterion::{Criterion, criterion_group, criterion_main};
use eid_onboard::form::catalog::SHIPPED;
use eid_onboard::form::{parse_form, ready};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("open questionnaire");
    for shipped in SHIPPED {
        let id = shipped.file.trim_start_matches("assets/forms/");
        group.bench_function(format!("{id}: parse and check the TOML"), |b| {
            b.iter(|| parse_form(shipped.file, shipped.source).expect("parse"))
        });
        group.bench_function(format!("{id}: decode the ready spec"), |b| {
            b.iter(|| ready::decode(shipped.source, shipped.ready).expect("current"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
