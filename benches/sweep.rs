//! A retention sweep's dry run (the plan: every subject streamed with their ledger, every
//! enabled default rule evaluated, nothing decrypted) on a store filled by the consent import,
//! with a third of the people withdrawn. Size from `PRIVACY_DESK_BENCH_SUBJECTS` (default
//! 100,000; the target is 1,000,000 in under 3 s).
//!
//! Run: `cargo bench --bench sweep` (or with `PRIVACY_DESK_BENCH_SUBJECTS=1000000`).

use std::io::Write;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use privacy_desk::crypto::{KdfParams, Passphrase};
use privacy_desk::domain::import::Preset;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{ImportOptions, Session, Via};

const PASS: &str = "benchmark passphrase 2026";

fn sweep(c: &mut Criterion) {
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
        writeln!(
            out,
            "person{i}@example.org,Person {i},{state},2024-0{}-01 10:00:00",
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
    session.adopt_default_retention().expect("adopt");
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");

    let mut group = c.benchmark_group(format!("sweep_{n}"));
    group.sample_size(10);
    group.bench_function("dry_run", |b| {
        b.iter(|| {
            let report = session
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
