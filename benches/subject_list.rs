//! The Subjects list sorted and filtered (what the window computes on a worker thread): a
//! filter by purpose and consent state (the ledger streamed, nothing decrypted), the order by
//! name from the search index, the newest-first order, and opening one page of the result by
//! id (what the window does on the UI thread as rows scroll into view). On a store filled by
//! the consent import, with a third of the people withdrawn. Size from
//! `PRIVACY_DESK_BENCH_SUBJECTS` (default 100,000; the target is 1,000,000).
//!
//! Run: `cargo bench --bench subject_list` (or with `PRIVACY_DESK_BENCH_SUBJECTS=1000000`).

mod common;

use common::Rows;
use criterion::{Criterion, criterion_group, criterion_main};
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{ConsentFilter, StateFilter, SubjectOrder};

fn subject_list(c: &mut Criterion) {
    let n = common::bench_subjects();
    let dir = tempfile::tempdir().expect("temp dir");
    let session = common::imported_store(dir.path(), n, Rows::Shuffled);
    let index = session
        .subjects()
        .search_index_builder()
        .and_then(|b| b.build(&Progress::default()))
        .expect("index");
    let reader = session.subjects().subject_list_reader().expect("reader");
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
                .map(|id| session.subjects().subject(*id).expect("subject"))
                .collect::<Vec<_>>()
        })
    });
    group.finish();
}

criterion_group!(benches, subject_list);
criterion_main!(benches);
