//! Tamper evidence (issue 17, item 6): on a demo store, how long `audit verify` takes (the
//! chain and every protected row's tag), the bounded check made at every unlock, and a whole
//! unlock. Size from `PRIVACY_DESK_BENCH_SUBJECTS` (default 100,000).
//!
//! Run: `cargo bench --bench row_tags` (or with `PRIVACY_DESK_BENCH_SUBJECTS=1000000`).

mod common;

use std::time::{Duration, Instant};

use privacy_desk::crypto::{KdfParams, Passphrase};
use privacy_desk::demo::create_demo;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{Session, Via};

const PASS: &str = "correct horse battery staple";

fn main() {
    let n = common::bench_subjects();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("demo.pdesk");
    let pass = Passphrase::new(PASS);
    let started = Instant::now();
    create_demo(
        &path,
        "owner",
        &pass,
        KdfParams::FLOOR,
        n as u64,
        7,
        &Progress::default(),
    )
    .expect("demo store");
    println!(
        "demo store of {n} subjects made in {:.1?}",
        started.elapsed()
    );

    let mut unlocks = Vec::new();
    let mut checks = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let session = Session::unlock(&path, None, &pass, Via::Cli).expect("unlock");
        unlocks.push(started.elapsed());
        let check = session.integrity_at_unlock().expect("checked").clone();
        assert_eq!(check.changed, 0);
        checks.push((check.elapsed, check.checked, check.stopped_early));
    }
    let session = Session::unlock(&path, None, &pass, Via::Cli).expect("unlock");
    let mut verifies = Vec::new();
    let mut rows = 0;
    for _ in 0..3 {
        let started = Instant::now();
        let report = session.audit().verify_audit().expect("verify");
        verifies.push(started.elapsed());
        assert!(report.is_intact(), "{report:?}");
        rows = report.rows_checked;
    }
    let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
    let range = |ds: &[Duration]| {
        let lo = ds.iter().min().map_or(0.0, ms);
        let hi = ds.iter().max().map_or(0.0, ms);
        format!("{lo:.0}–{hi:.0} ms")
    };
    let check_times: Vec<Duration> = checks.iter().map(|c| c.0).collect();
    println!(
        "unlock check: {} rows in {} (stopped early: {})",
        checks[0].1,
        range(&check_times),
        checks.iter().any(|c| c.2)
    );
    println!("whole unlock (floor KDF): {}", range(&unlocks));
    println!(
        "audit verify, chain and {rows} protected rows: {}",
        range(&verifies)
    );
}
