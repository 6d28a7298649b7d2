//! Setup shared by the benches: a generic consent CSV of made-up people, and a new store (the
//! floor KDF parameters, so setup stays quick) filled by importing it.
//!
//! Each bench includes this file with `mod common;` and uses part of it.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

use privacy_desk::crypto::{KdfParams, Passphrase};
use privacy_desk::domain::import::Preset;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{ImportOptions, ImportReport, ServiceResult, Session, Via};

/// The passphrase of every bench store.
pub const PASS: &str = "benchmark passphrase 2026";

/// The purpose the CSV rows consent to.
pub const PURPOSE: &str = "newsletter";

/// Subjects per bench store: `PRIVACY_DESK_BENCH_SUBJECTS`, or 100,000.
pub fn bench_subjects() -> usize {
    std::env::var("PRIVACY_DESK_BENCH_SUBJECTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// How the rows of a bench CSV look.
#[derive(Clone, Copy, Debug)]
pub enum Rows {
    /// Everyone gave consent on the same day; names from several languages
    /// ("Zoë Müller 42"), for substring search.
    Multilingual,
    /// A third withdrew, dates spread over nine months; names "Person K" with K in an order
    /// unrelated to the order recorded (for sorting by name).
    Shuffled,
    /// As `Shuffled`, with names "Person I" in the order recorded.
    Sequential,
}

const FIRST: [&str; 8] = [
    "Ada",
    "Zoë",
    "José",
    "Aiko",
    "Oluwaseun",
    "Łukasz",
    "Priya",
    "Søren",
];
const LAST: [&str; 8] = [
    "Lovelace",
    "Müller",
    "García",
    "Tanaka",
    "Adeyemi",
    "Nowak",
    "Iyer",
    "Kierkegaard",
];

/// One data row (without the line end) of a CSV of `n` people.
pub fn csv_row(rows: Rows, i: usize, n: usize) -> String {
    match rows {
        Rows::Multilingual => {
            let (f, l) = (FIRST[i % 8], LAST[(i / 8) % 8]);
            format!("person{i}@example.org,{f} {l} {i},given,2025-06-01 10:00:00")
        }
        Rows::Shuffled | Rows::Sequential => {
            let state = if i.is_multiple_of(3) {
                "withdrawn"
            } else {
                "given"
            };
            let name = match rows {
                Rows::Shuffled => (i * 7919) % n,
                _ => i,
            };
            format!(
                "person{i}@example.org,Person {name},{state},2024-0{}-01 10:00:00",
                1 + i % 9
            )
        }
    }
}

/// Writes a generic consent CSV (`email,name,state,timestamp`) of `n` people to `path`.
pub fn write_consent_csv(path: &Path, n: usize, rows: Rows) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "email,name,state,timestamp")?;
    for i in 0..n {
        writeln!(out, "{}", csv_row(rows, i, n))?;
    }
    out.flush()
}

/// The options of a generic import for [`PURPOSE`].
pub fn import_options() -> ImportOptions {
    ImportOptions {
        preset: Preset::Generic,
        purpose: Some(PURPOSE.into()),
        mapping: None,
        skip_invalid: false,
    }
}

/// A new store at `path` (floor KDF parameters), unlocked.
pub fn new_store(path: &Path) -> ServiceResult<Session> {
    Session::create(
        path,
        "owner",
        &Passphrase::new(PASS),
        KdfParams::FLOOR,
        Via::Cli,
    )
    .map(|(session, _code)| session)
}

/// Imports the CSV at `csv` into `session`.
pub fn import(session: &mut Session, csv: &Path) -> ServiceResult<ImportReport> {
    session
        .consent()
        .import_consent(csv, &import_options(), &Progress::default())
}

/// A new store in `dir` holding `n` people imported from a CSV of `rows`.
pub fn imported_store(dir: &Path, n: usize, rows: Rows) -> Session {
    let csv = dir.join("people.csv");
    write_consent_csv(&csv, n, rows).expect("write the CSV");
    let mut session = new_store(&dir.join("bench.pdesk")).expect("create the store");
    import(&mut session, &csv).expect("import");
    session
}
