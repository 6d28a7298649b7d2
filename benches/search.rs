//! Finding subjects: building the decrypted search index after unlock, a substring search over
//! it, and an exact email lookup through the blind index, on a store filled by the consent
//! import. Size from `PRIVACY_DESK_BENCH_SUBJECTS` (default 100,000; the target is 1,000,000).
//!
//! Run: `cargo bench --bench search` (or with `PRIVACY_DESK_BENCH_SUBJECTS=1000000`).

mod common;

use common::Rows;
use criterion::{Criterion, criterion_group, criterion_main};
use privacy_desk::jobs::Progress;

fn search(c: &mut Criterion) {
    let n = common::bench_subjects();
    let dir = tempfile::tempdir().expect("temp dir");
    let session = common::imported_store(dir.path(), n, Rows::Multilingual);

    let mut group = c.benchmark_group(format!("search_{n}"));
    group.sample_size(10);
    group.bench_function("build_index", |b| {
        b.iter(|| {
            session
                .subjects()
                .search_index_builder()
                .and_then(|builder| builder.build(&Progress::default()))
                .map(|index| index.len())
        })
    });
    let index = session
        .subjects()
        .search_index_builder()
        .and_then(|b| b.build(&Progress::default()))
        .expect("index");
    group.bench_function("substring_search", |b| {
        b.iter(|| index.search("kierkeg", 200))
    });
    group.bench_function("exact_email_lookup", |b| {
        b.iter(|| {
            session
                .subjects()
                .find_subjects_by_email("Person4242@Example.org")
                .map(|v| v.len())
        })
    });
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
