//! Helpers of the kill harness (`crash_kill.rs`): how many kills to make, a seeded random
//! source, fresh copies of a prepared store, and running the built binary until it either
//! finishes or is killed (SIGKILL) after a given delay.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand::rngs::StdRng;

use super::{Run, TempStore};

/// The environment variable giving the number of kills per operation.
pub const KILLS_VAR: &str = "PRIVACY_DESK_KILLS";
/// The environment variable giving the random seed (decimal or 0x-prefixed hexadecimal).
pub const SEED_VAR: &str = "PRIVACY_DESK_KILL_SEED";
/// Kills per operation in an ordinary `cargo test` run.
pub const DEFAULT_KILLS: usize = 3;
/// The seed when none is given, so a failing run can be repeated.
pub const DEFAULT_SEED: u64 = 0x5EED_0FC0_FFEE;

/// How many kills to make per operation: `PRIVACY_DESK_KILLS`, else [`DEFAULT_KILLS`].
pub fn kills_per_operation() -> usize {
    match std::env::var(KILLS_VAR) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{KILLS_VAR}={text:?} is not a number")),
        Err(_) => DEFAULT_KILLS,
    }
}

/// The seed: `PRIVACY_DESK_KILL_SEED`, else [`DEFAULT_SEED`].
pub fn seed() -> u64 {
    match std::env::var(SEED_VAR) {
        Ok(text) => {
            let t = text.trim();
            let parsed = match t.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => t.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("{SEED_VAR}={text:?} is not a number"))
        }
        Err(_) => DEFAULT_SEED,
    }
}

/// A random source for one operation: the seed mixed with the operation's name, so each
/// operation draws its own delays however the tests are scheduled.
pub fn rng_for(operation: &str) -> StdRng {
    let mixed = operation.bytes().fold(seed(), |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    });
    StdRng::seed_from_u64(mixed)
}

/// The write-ahead log beside a store file.
pub fn wal_of(store: &Path) -> PathBuf {
    let mut name = store.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// A fresh temporary store holding a copy of `pristine` (closed: its session dropped). The
/// write-ahead log is copied too when one is left; the shared-memory index never is (SQLite
/// rebuilds it from the log).
pub fn copy_of(pristine: &Path) -> TempStore {
    let copy = TempStore::new();
    fs::create_dir_all(copy.store_dir()).expect("create the copy's folder");
    fs::copy(pristine, &copy.path).expect("copy the pristine store");
    let wal = wal_of(pristine);
    if wal.is_file() {
        fs::copy(&wal, wal_of(&copy.path)).expect("copy the pristine store's log");
    }
    copy
}

/// How a run that was to be killed ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// SIGKILL ended it.
    Killed,
    /// It exited successfully before the kill came.
    Finished,
}

/// A run of the binary with a kill scheduled after `delay`.
pub struct KilledRun {
    /// The delay before the kill.
    pub delay: Duration,
    /// How it ended.
    pub ending: Ending,
    /// What it printed and its status.
    pub run: Run,
}

/// Starts `cmd` (stdin closed, output captured), sends SIGKILL after `delay` (nothing happens
/// when it has already exited) and waits for it. Panics when it exited with an error: the
/// operation itself must succeed when it is not killed.
pub fn run_and_kill(cmd: &mut Command, delay: Duration) -> KilledRun {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start privacy-desk");
    std::thread::sleep(delay);
    // A child that already exited is no error: the kill came too late, which is counted.
    let _ = child.kill();
    let output = child.wait_with_output().expect("wait for privacy-desk");
    let status = output.status;
    let run = Run {
        code: status.code(),
        success: status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        status,
    };
    let ending = match status.signal() {
        Some(9) => Ending::Killed,
        None if status.success() => Ending::Finished,
        _ => panic!("after {delay:?} the run neither finished nor was killed: {run:?}"),
    };
    KilledRun { delay, ending, run }
}

/// Runs `cmd` to completion and returns how long it took; panics when it fails.
pub fn time_to_completion(cmd: &mut Command) -> Duration {
    cmd.stdin(Stdio::null());
    let started = Instant::now();
    let output = cmd.output().expect("run privacy-desk");
    let took = started.elapsed();
    assert!(
        output.status.success(),
        "the timed run failed: {:?}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    took
}

/// Where in the operation a kill landed, judged by the state the store was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Before the process signed in: the store is as it was.
    Before,
    /// After signing in, before the operation committed (or, for a sweep, between rules).
    Mid,
    /// After the operation committed (killed while finishing, or finished first).
    After,
}

/// Counts of outcomes per operation, printed as one line.
#[derive(Default)]
pub struct Tally {
    /// Per phase and state found: (killed, finished first).
    outcomes: BTreeMap<(Phase, String), (usize, usize)>,
}

impl Tally {
    /// Counts one run: how it ended, where it was, and the state the store was found in.
    pub fn add(&mut self, ending: Ending, phase: Phase, outcome: impl Into<String>) {
        let counts = self.outcomes.entry((phase, outcome.into())).or_default();
        match ending {
            Ending::Killed => counts.0 += 1,
            Ending::Finished => counts.1 += 1,
        }
    }

    /// How many runs landed in `phase`.
    pub fn in_phase(&self, phase: Phase) -> usize {
        self.outcomes
            .iter()
            .filter(|((p, _), _)| *p == phase)
            .map(|(_, (k, f))| k + f)
            .sum()
    }

    /// The one-line summary.
    pub fn summary(&self, operation: &str, typical: Duration) -> String {
        let killed: usize = self.outcomes.values().map(|(k, _)| k).sum();
        let finished: usize = self.outcomes.values().map(|(_, f)| f).sum();
        let outcomes: Vec<String> = self
            .outcomes
            .iter()
            .map(|((_, what), (k, f))| match (k, f) {
                (k, 0) => format!("{k} {what}"),
                (0, f) => format!("{f} {what} (finished first)"),
                (k, f) => format!("{} {what} ({k} killed, {f} finished first)", k + f),
            })
            .collect();
        format!(
            "crash_kill {operation}: {} runs (seed {:#x}, delays 0..{} ms): {killed} killed, {finished} finished first; landed {} before signing in, {} mid-operation, {} after the commit; found: {}; nothing lost or half-done",
            killed + finished,
            seed(),
            typical.as_millis(),
            self.in_phase(Phase::Before),
            self.in_phase(Phase::Mid),
            self.in_phase(Phase::After),
            outcomes.join(", ")
        )
    }
}
