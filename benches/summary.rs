//! The performance summary of issue #8: every operation the issue names, at each size, on
//! Privacy Desk and on plain unencrypted SQLite holding the same rows, printed as one
//! Markdown table with the ratio and the target.
//!
//! Run: `cargo bench --bench summary` (10,000 and 100,000 subjects), or
//! `cargo bench --bench summary -- --sizes 10000,100000,1000000` for the full run. Options:
//! `--sizes N,N,…` and `--seed S` (the demo stores' seed, 2026).
//!
//! Each size's demo store (default KDF parameters, built by `create_demo`: about two minutes
//! at a million) and its plain copy are built once and cached under `target/bench-stores`,
//! keyed by the schema version; each run works on fresh copies. Start-up and peak memory are
//! measured in child processes (this program run again), so each figure is independent.

#[path = "summary/child.rs"]
mod child;
mod common;
#[path = "summary/operations.rs"]
mod operations;
#[path = "summary/plain.rs"]
mod plain;
#[path = "summary/plain_sweep.rs"]
mod plain_sweep;
#[path = "summary/stores.rs"]
mod stores;
#[path = "summary/table.rs"]
mod table;
#[path = "summary/window.rs"]
mod window;

use std::time::{Duration, Instant};

use common::Rows;
use privacy_desk::gui::Area;
use table::{Row, Target, Value, median, percentile};

/// Errors of the summary (a bench: any failure stops it with its message).
pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// The "under 4 ms" for a frame of a list.
const FRAME_TARGET: Value = Value::Time(Duration::from_millis(4));

fn main() {
    let result = match child::run_if_child() {
        Some(result) => result,
        None => run(),
    };
    if let Err(e) = result {
        eprintln!("summary: {e}");
        std::process::exit(1);
    }
}

/// `--sizes` and `--seed`; other arguments (cargo's `--bench`) are ignored.
fn args() -> Res<(Vec<u64>, u64)> {
    let mut sizes = vec![10_000, 100_000];
    let mut seed = privacy_desk::demo::DEFAULT_DEMO_SEED;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or("a value is missing")
        };
        match name.as_str() {
            "--sizes" => {
                sizes = value()?
                    .split(',')
                    .map(|s| s.trim().replace('_', "").parse::<u64>())
                    .collect::<Result<_, _>>()?;
            }
            "--seed" => seed = value()?.parse()?,
            _ => {}
        }
    }
    if sizes
        .iter()
        .any(|&n| n < privacy_desk::demo::MIN_DEMO_SUBJECTS)
    {
        return Err("each size must be at least 100 (the smallest demo store)".into());
    }
    Ok((sizes, seed))
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let ram = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or("unknown RAM".into(), |kib| {
            format!("{:.1} GiB RAM", kib as f64 / 1024.0 / 1024.0)
        });
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores ({cpu}), {ram}")
}

fn run() -> Res<()> {
    let (sizes, seed) = args()?;
    eprintln!("Privacy Desk performance summary: sizes {sizes:?}, seed {seed}");
    eprintln!("machine: {}", machine());
    let started = Instant::now();
    let mut rows = Vec::new();
    let mut timings = Vec::new();
    for &size in &sizes {
        let at = Instant::now();
        rows.extend(measure(size, seed)?);
        timings.push((size, at.elapsed()));
    }
    println!();
    println!("Machine: {}", machine());
    println!();
    print!("{}", table::markdown(&rows));
    println!();
    for (size, took) in timings {
        println!("{size} subjects measured in {:.0} s", took.as_secs_f64());
    }
    println!("Whole run: {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Every row for one size.
fn measure(size: u64, seed: u64) -> Res<Vec<Row>> {
    eprintln!("== {size} subjects");
    let mut rows = vec![import(size)?];
    let cached = stores::ensure(size, seed)?;
    let work = stores::WorkCopy::new(&cached)?;
    eprintln!("  start-up and peak memory (child processes)");
    let startup = median(&child::startup_times(&work.store, 5)?);
    rows.push(
        Row::new(
            "start to unlock screen (headless)",
            size,
            Value::Time(startup),
        )
        .target(Target::Under(Value::Time(Duration::from_secs(1)))),
    );
    let peak = child::peak_memory(&work.store)?;
    rows.push(
        Row::new(
            "peak memory, unlocked and browsed",
            size,
            Value::Bytes(peak),
        )
        .target(Target::Under(Value::Bytes(400_000_000))),
    );
    rows.extend(frames(&work, size)?);
    rows.extend(operations::measure(&work, &cached.facts, size)?);
    Ok(rows)
}

/// The consent import of a generic CSV of `size` rows into a new store, and into a new plain
/// database.
fn import(size: u64) -> Res<Row> {
    eprintln!("  import of {size} CSV rows");
    let root = stores::bench_root();
    std::fs::create_dir_all(&root)?;
    let dir = tempfile::tempdir_in(&root)?;
    let csv = dir.path().join("people.csv");
    common::write_consent_csv(&csv, usize::try_from(size)?, Rows::Sequential)?;
    let mut session = common::new_store(&dir.path().join("import.pdesk"))?;
    let started = Instant::now();
    let report = common::import(&mut session, &csv)?;
    let ours = started.elapsed();
    if report.subjects_created != size {
        return Err(format!("the import created {} subjects", report.subjects_created).into());
    }
    drop(session);
    let mut conn = plain::create(&dir.path().join("import.sqlite"))?;
    let started = Instant::now();
    plain::import_csv(&mut conn, &csv, common::PURPOSE)?;
    let theirs = started.elapsed();
    let row = Row::new("import of a generic consent CSV", size, Value::Time(ours))
        .plain(Value::Time(theirs));
    // The issue sets this target for a million rows; below, fixed costs weigh more.
    Ok(if size >= 1_000_000 {
        row.target(Target::RatioAtMost(3.0))
    } else {
        row
    })
}

/// Frames of the subject list and the request inbox, in the window on the work store.
fn frames(work: &stores::WorkCopy, size: u64) -> Res<Vec<Row>> {
    eprintln!("  frames of the subject list and the request inbox");
    let mut window = window::Window::open(&work.store);
    window.unlock(common::PASS)?;
    window.go(Area::Subjects)?;
    let idle = window.idle_frames(120);
    let scrolled = window.scroll_frames(300, true);
    window.go(Area::Requests)?;
    let inbox_idle = window.idle_frames(120);
    let inbox_scrolled = window.scroll_frames(120, true);
    drop(window);
    let frame = |name: &str, times: &[Duration]| {
        Row::new(name, size, Value::Time(median(times))).target(Target::Under(FRAME_TARGET))
    };
    let worst =
        |name: &str, times: &[Duration]| Row::new(name, size, Value::Time(percentile(times, 100)));
    Ok(vec![
        frame("subject list frame, idle (median)", &idle),
        frame("subject list frame, scrolling (median)", &scrolled),
        Row::new(
            "subject list frame, scrolling (95th percentile)",
            size,
            Value::Time(percentile(&scrolled, 95)),
        ),
        worst("subject list frame, scrolling (slowest)", &scrolled),
        frame("request inbox frame, idle (median)", &inbox_idle),
        frame("request inbox frame, scrolling (median)", &inbox_scrolled),
        worst("request inbox frame, scrolling (slowest)", &inbox_scrolled),
    ])
}
