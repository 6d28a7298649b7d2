//! The Subjects list sorted and filtered (what the window computes on a worker thread): a
//! filter by purpose and consent state (the ledger streamed, nothing decrypted), the order by
//! name from the search index, the newest-first order, and opening one page of the result by
//! id (what the window does on the UI thread as rows scroll into view). On a store filled by
//! the consent import, with a third of the people withdrawn. Size from
//! `PRIVACY_DESK_BENCH_SUBJECTS` (default 100,000; the target is 1,000,000).
//!
//! Run: `cargo bench --bench subject_list` (or with `PRIVACY_DESK_BENCH_SUBJECTS=1000000`).

use std::io::Write;

use criterion::{Criterion, criterion_group, criterion_main};
use privacy_desk::crypto::{KdfParams, Passphrase};
use privacy_desk::domain::import::Preset;
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{
    ConsentFilter, ImportOptions, Session, StateFilter, SubjectOrder, Via,
};

const PASS: &str = "benchmark passphrase 2026";

fn subject_list(c: &mut Criterion) {
    let n: usize = std::env::var("PRIVACY_DESK_BENCH_SUBJECTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("people.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&csv).expect("csv"));
    writeln!(out, "email,name,state,timestamp").expect("write");
    for i in 0..n {
        let state = if i % 3 == 0 { "withdrawn" } else { "given" };
        // Names in an order unrelated to the order recorded.
        let name = (i * 7919) % n;
        writeln!(
            out,
            "person{i}@example.org,Person {name},{state},2024-0{}-01 10:00:00",
            1 + i % 9
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
    let index = session
        .search_index_builder()
        .and_then(|b| b.build(&Progress::default()))
        .expect("index");
    let reader = session.subject_list_reader().expect("reader");
    let withdrawn = ConsentFilter {
        purpose: PurposeCode::parse("newsletter").expect("code"),
        state: StateFilter::Withdrawn,
    };

    let mut group = c.benchmark_group(format!("subject_list_{n}"));
    group.sample_size(10);
    group.bench_function("filter_withdrawn", |b| {
        b.iter(|| {
            let listing = reader
                .list(
                    Some(&withdrawn),
                    SubjectOrder::Oldest,
                    None,
                    &Progress::default(),
                )
                .expect("list");
            assert_eq!(listing.ids.len(), n.div_ceil(3));
            listing
        })
    });
    group.bench_function("filter_withdrawn_by_name", |b| {
        b.iter(|| {
            reader
                .list(
                    Some(&withdrawn),
                    SubjectOrder::Name,
                    Some(&index),
                    &Progress::default(),
                )
                .expect("list")
        })
    });
    group.bench_function("everyone_by_name", |b| {
        b.iter(|| {
            reader
                .list(None, SubjectOrder::Name, Some(&index), &Progress::default())
                .expect("list")
        })
    });
    group.bench_function("everyone_newest_first", |b| {
        b.iter(|| {
            reader
                .list(None, SubjectOrder::Newest, None, &Progress::default())
                .expect("list")
        })
    });
    let listing = reader
        .list(None, SubjectOrder::Name, Some(&index), &Progress::default())
        .expect("list");
    let middle = listing.ids.len() / 2;
    let page = &listing.ids[middle..(middle + 200).min(listing.ids.len())];
    group.bench_function("open_a_page_of_200_by_id", |b| {
        b.iter(|| {
            page.iter()
                .map(|id| session.subject(*id).expect("subject"))
                .collect::<Vec<_>>()
        })
    });
    group.finish();
}

criterion_group!(benches, subject_list);
criterion_main!(benches);
