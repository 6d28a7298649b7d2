//! Finding subjects: building the decrypted search index after unlock, a substring search over
//! it, and an exact email lookup through the blind index, on a store filled by the consent
//! import. Size from `PRIVACY_DESK_BENCH_SUBJECTS` (default 100,000; the target is 1,000,000).
//!
//! Run: `cargo bench --bench search` (or with `PRIVACY_DESK_BENCH_SUBJECTS=1000000`).

use std::io::Write;

use criterion::{Criterion, criterion_group, criterion_main};
use privacy_desk::crypto::{KdfParams, Passphrase};
use privacy_desk::domain::import::Preset;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{ImportOptions, Session, Via};

const PASS: &str = "benchmark passphrase 2026";
const FIRST: [&str; 8] = [
    "Ada",
    "Zoë",
    "José",
    "Aiko",
    "Oluwaseun",
    "Łukasz",
    "Priya",
    "Søren",
];
const LAST: [&str; 8] = [
    "Lovelace",
    "Müller",
    "García",
    "Tanaka",
    "Adeyemi",
    "Nowak",
    "Iyer",
    "Kierkegaard",
];

fn search(c: &mut Criterion) {
    let n: usize = std::env::var("PRIVACY_DESK_BENCH_SUBJECTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("people.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&csv).expect("csv"));
    writeln!(out, "email,name,state,timestamp").expect("write");
    for i in 0..n {
        let (f, l) = (FIRST[i % 8], LAST[(i / 8) % 8]);
        writeln!(
            out,
            "person{i}@example.org,{f} {l} {i},given,2025-06-01 10:00:00"
        )
        .expect("write");
    }
    drop(out);
    let path = dir.path().join("bench.pdesk");
    let (mut session, _) = Session::create(
        &path,
        "owner",
        &Passphrase::new(PASS),
        KdfParams::FLOOR,
        Via::Cli,
    )
    .expect("create");
    let options = ImportOptions {
        preset: Preset::Generic,
        purpose: Some("newsletter".into()),
        mapping: None,
        skip_invalid: false,
    };
    session
        .import_consent(&csv, &options, &Progress::default())
        .expect("import");

    let mut group = c.benchmark_group(format!("search_{n}"));
    group.sample_size(10);
    group.bench_function("build_index", |b| {
        b.iter(|| {
            session
                .search_index_builder()
                .and_then(|builder| builder.build(&Progress::default()))
                .map(|index| index.len())
        })
    });
    let index = session
        .search_index_builder()
        .and_then(|b| b.build(&Progress::default()))
        .expect("index");
    group.bench_function("substring_search", |b| {
        b.iter(|| index.search("kierkeg", 200))
    });
    group.bench_function("exact_email_lookup", |b| {
        b.iter(|| {
            session
                .find_subjects_by_email("Person4242@Example.org")
                .map(|v| v.len())
        })
    });
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
