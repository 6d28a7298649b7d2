//! cargo-fuzz target `sealed_open`: see [`harness::sealed_open`] (shared with the corpus replay in
//! tests/all/fuzz_corpus.rs, so every corpus file and crash also runs in `cargo test`).

#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::sealed_open(data));
