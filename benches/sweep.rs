//! A retention sweep's dry run (the plan: every subject streamed with their ledger, every
//! enabled default rule evaluated, nothing decrypted) on a store filled by the consent import,
//! with a third of the people withdrawn. Size from `PRIVACY_DESK_BENCH_SUBJECTS` (default
//! 100,000; the target is 1,000,000 in under 3 s).
//!
//! Run: `cargo bench --bench sweep` (or with `PRIVACY_DESK_BENCH_SUBJECTS=1000000`).

mod common;

use chrono::NaiveDate;
use common::Rows;
use criterion::{Criterion, criterion_group, criterion_main};
use privacy_desk::jobs::Progress;

fn sweep(c: &mut Criterion) {
    let n = common::bench_subjects();
    let dir = tempfile::tempdir().expect("temp dir");
    let session = common::imported_store(dir.path(), n, Rows::Sequential);
    session
        .retention()
        .adopt_default_retention()
        .expect("adopt");
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");

    let mut group = c.benchmark_group(format!("sweep_{n}"));
    group.sample_size(10);
    group.bench_function("dry_run", |b| {
        b.iter(|| {
            let report = session
                .retention()
                .sweep_plan(today, &Progress::default())
                .expect("plan");
            assert!(report.total_due() > 0);
            report
        });
    });
    group.finish();
}

criterion_group!(benches, sweep);
criterion_main!(benches);
