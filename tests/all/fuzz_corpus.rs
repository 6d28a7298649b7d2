//! The fuzzing corpora in the normal test run: every file of `fuzz/corpus/<target>/` (seeds
//! and the minimised corpus of the long runs) and of `fuzz/regressions/<target>/` (inputs that
//! once crashed a target, kept after the fix) goes through the same entry point as the
//! cargo-fuzz target, `fuzz/harness.rs`. A panic names the file. See README.md, "Fuzzing".

#[path = "../../fuzz/harness.rs"]
mod harness;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = harness::files(&fuzz.join("corpus").join(target));
    files.extend(harness::files(&fuzz.join("regressions").join(target)));
    files
}

/// Runs `entry` on every input of `target`; fails naming each input that panicked.
fn replay(target: &str, minimum: usize, entry: fn(&[u8])) {
    let files = inputs(target);
    assert!(
        files.len() >= minimum,
        "{target}: expected at least {minimum} corpus files, found {}",
        files.len()
    );
    let panicked: Vec<String> = files
        .iter()
        .filter(|file| {
            let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            catch_unwind(AssertUnwindSafe(|| entry(&bytes))).is_err()
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(panicked.is_empty(), "{target}: panicked on {panicked:#?}");
}

#[test]
fn csv_import_corpus_replays_without_panic() {
    replay("csv_import", 10, harness::csv_import);
}

#[test]
fn store_open_corpus_replays_without_panic() {
    replay("store_open", 5, harness::store_open);
}

#[test]
fn sealed_open_corpus_replays_without_panic() {
    replay("sealed_open", 5, harness::sealed_open);
}

#[test]
fn pia_import_corpus_replays_without_panic() {
    replay("pia_import", 10, harness::pia_import);
}
