//! Unlock cost: Argon2id key derivation alone, and a whole unlock (open the store, derive the
//! key, unwrap the vault key, write the audit entry), with the default parameters
//! (64 MiB, 3 passes) and with the floor (19 MiB, 2 passes).
//!
//! Run: `cargo bench --bench unlock`.

use criterion::{Criterion, criterion_group, criterion_main};
use privacy_desk::crypto::{KdfParams, Passphrase, derive_kek};
use privacy_desk::services::{Session, Via};

const PASS: &str = "benchmark passphrase 2026";

fn unlock(c: &mut Criterion) {
    let mut group = c.benchmark_group("unlock");
    group.sample_size(10);
    for (name, params) in [("default", KdfParams::DEFAULT), ("floor", KdfParams::FLOOR)] {
        group.bench_function(format!("argon2id_{name}"), |b| {
            b.iter(|| derive_kek(PASS.as_bytes(), &[7u8; 16], params).map(drop))
        });
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bench.pdesk");
        drop(
            Session::create(&path, "owner", &Passphrase::new(PASS), params, Via::Cli)
                .expect("create"),
        );
        group.bench_function(format!("session_unlock_{name}"), |b| {
            b.iter(|| Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).map(drop))
        });
    }
    group.finish();
}

criterion_group!(benches, unlock);
criterion_main!(benches);
