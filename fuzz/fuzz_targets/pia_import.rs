//! cargo-fuzz target `pia_import`: see [`harness::pia_import`] (shared with the corpus replay in
//! tests/all/fuzz_corpus.rs, so every corpus file and crash also runs in `cargo test`).

#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::pia_import(data));
