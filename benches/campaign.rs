//! Campaign pre-flight: a 100,000-row audience checked for a purpose against a store filled by
//! the consent import (everyone consented in June 2025). Four in five audience addresses are in
//! the store, one in five is unknown (`no-record`). Store size from
//! `PRIVACY_DESK_BENCH_SUBJECTS` (default 100,000; the target is 1,000,000); audience size
//! from `PRIVACY_DESK_BENCH_AUDIENCE` (default 100,000).
//!
//! Run: `PRIVACY_DESK_BENCH_SUBJECTS=1000000 cargo bench --bench campaign`.

mod common;

use std::io::Write as _;

use chrono::Utc;
use common::Rows;
use criterion::{Criterion, criterion_group, criterion_main};
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::services::CampaignCheck;

fn audience_rows() -> usize {
    std::env::var("PRIVACY_DESK_BENCH_AUDIENCE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

fn campaign(c: &mut Criterion) {
    let n = common::bench_subjects();
    let rows = audience_rows();
    let dir = tempfile::tempdir().expect("temp dir");
    let session = common::imported_store(dir.path(), n, Rows::Multilingual);
    let audience = dir.path().join("audience.csv");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&audience).expect("audience"));
        writeln!(out, "Email Address,First Name,Last Name").expect("write");
        for i in 0..rows {
            // Spread over the store; every fifth address is unknown to it.
            let who = (i * 7) % n.max(1);
            if i % 5 == 4 {
                writeln!(out, "stranger{i}@example.net,Stranger,{i}").expect("write");
            } else {
                writeln!(out, "person{who}@example.org,Person,{who}").expect("write");
            }
        }
        out.flush().expect("flush");
    }
    let spec = CampaignCheck {
        audience,
        purpose: PurposeCode::parse(common::PURPOSE).expect("purpose"),
        out: dir.path().join("clean.csv"),
        suppression_out: Some(dir.path().join("suppression.csv")),
        name: Some("bench".into()),
        now: Utc::now(),
    };
    let mut group = c.benchmark_group(format!("campaign_check_{rows}_of_{n}"));
    group.sample_size(10);
    group.bench_function("check_audience", |b| {
        b.iter(|| {
            session
                .campaigns()
                .check_audience(&spec)
                .expect("check")
                .sendable
        })
    });
    group.finish();
}

criterion_group!(benches, campaign);
criterion_main!(benches);
