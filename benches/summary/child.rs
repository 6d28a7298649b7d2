//! Measurements that need a process of their own: the summary runs itself again with
//! `PRIVACY_DESK_SUMMARY_CHILD` set, so each figure starts from a fresh process.
//!
//! - `startup`: from the process's start to the unlock screen drawn (the store opened and its
//!   users read, egui's fonts laid out, two frames; no window or GPU).
//! - `memory`: unlock through the window, let the search index build, browse the subject list
//!   and the request inbox, then report the peak resident set (`VmHWM`).

use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use privacy_desk::gui::Area;

use super::Res;
use super::common::PASS;
use super::window::Window;

const MODE: &str = "PRIVACY_DESK_SUMMARY_CHILD";
const STORE: &str = "PRIVACY_DESK_SUMMARY_STORE";

/// Runs as a child when asked to; `None` when this is the parent.
pub fn run_if_child() -> Option<Res<()>> {
    let mode = std::env::var(MODE).ok()?;
    let store = PathBuf::from(std::env::var_os(STORE)?);
    Some(match mode.as_str() {
        "startup" => startup(&store),
        "memory" => memory(&store),
        other => Err(format!("unknown child mode {other}").into()),
    })
}

fn startup(store: &Path) -> Res<()> {
    let mut window = Window::open(store);
    // The first pass lays the screen out; the second draws it as it stays.
    window.frame(Vec::new());
    window.frame(Vec::new());
    if !window.locked() {
        return Err("the window did not start on the unlock screen".into());
    }
    println!("READY");
    std::io::stdout().flush()?;
    Ok(())
}

/// `VmHWM` (peak) and `VmRSS` (now) of this process, in KiB.
fn resident() -> Res<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .ok_or(format!("no {name} in /proc/self/status"))
    };
    Ok((field("VmHWM:")?, field("VmRSS:")?))
}

/// Prints the peak and current resident set after a step, on stderr.
fn step(what: &str) -> Res<()> {
    let (peak, now) = resident()?;
    eprintln!(
        "    memory after {what}: peak {} MB, now {} MB",
        peak * 1024 / 1_000_000,
        now * 1024 / 1_000_000
    );
    Ok(())
}

fn memory(store: &Path) -> Res<()> {
    let mut window = Window::open(store);
    step("opening")?;
    window.unlock(PASS)?;
    step("unlocking (search index built)")?;
    window.go(Area::Subjects)?;
    window.scroll_frames(400, true);
    window.idle_frames(20);
    step("browsing the subject list")?;
    window.go(Area::Requests)?;
    window.scroll_frames(60, true);
    step("browsing the request inbox")?;
    window.go(Area::Retention)?;
    window.idle_frames(10);
    step("opening Retention")?;
    println!("VMHWM_KIB {}", resident()?.0);
    Ok(())
}

fn child(mode: &str, store: &Path) -> Res<std::process::Child> {
    Ok(Command::new(std::env::current_exe()?)
        .env(MODE, mode)
        .env(STORE, store)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?)
}

/// From spawning a fresh process to its unlock screen drawn, `runs` times.
pub fn startup_times(store: &Path, runs: usize) -> Res<Vec<Duration>> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let mut process = child("startup", store)?;
        let out = process.stdout.take().ok_or("no child stdout")?;
        let mut line = String::new();
        BufReader::new(out).read_line(&mut line)?;
        let took = started.elapsed();
        let status = process.wait()?;
        if line.trim() != "READY" || !status.success() {
            return Err(format!("the startup child failed ({status})").into());
        }
        times.push(took);
    }
    Ok(times)
}

/// The peak resident set, in bytes, of a fresh process that unlocked and browsed `store`.
pub fn peak_memory(store: &Path) -> Res<u64> {
    let process = child("memory", store)?;
    let output = process.wait_with_output()?;
    if !output.status.success() {
        return Err(format!("the memory child failed ({})", output.status).into());
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let kib: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix("VMHWM_KIB "))
        .and_then(|v| v.trim().parse().ok())
        .ok_or("the memory child reported nothing")?;
    Ok(kib * 1024)
}
