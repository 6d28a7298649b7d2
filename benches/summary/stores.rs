//! The stores the summary measures, per size: a demo store (`create_demo`, the default KDF
//! parameters a real store gets) with one subject given a long consent history, and a plain
//! SQLite copy of it (same rows, same columns and indexes, nothing sealed). Both are built
//! once and cached under `target/bench-stores/schema-v<N>-setup<M>/`, then copied to a work
//! folder for each run (a sweep changes them, and every unlock writes an audit entry).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, Utc};
use privacy_desk::crypto::{KdfParams, Passphrase};
use privacy_desk::demo::create_demo;
use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{Session, Via};
use privacy_desk::store::migrations::LATEST_VERSION;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Res;
use super::common::PASS;
use super::plain;

/// Bumped whenever what is cached changes shape.
const SETUP_VERSION: u32 = 1;
/// Consent events given to the subject whose access package is measured.
pub const LONG_HISTORY_EVENTS: usize = 1000;
/// People sampled for the lookups and search queries.
const SAMPLE: usize = 200;

/// What the cache knows about a store besides the files.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Facts {
    /// Subjects in the store.
    pub subjects: u64,
    /// The subject with the long history.
    pub long_history: Uuid,
    /// Emails of sampled people (made up), for exact lookups.
    pub emails: Vec<String>,
    /// Parts of sampled people's names, for substring search.
    pub queries: Vec<String>,
    /// How long building the demo store took.
    pub build_secs: f64,
}

/// A cached store and its plain copy.
#[derive(Clone, Debug)]
pub struct Cached {
    /// The Privacy Desk store.
    pub store: PathBuf,
    /// The plain SQLite copy.
    pub plain: PathBuf,
    /// What is in them.
    pub facts: Facts,
}

/// Where bench stores are kept: `<target>/bench-stores`.
pub fn bench_root() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-stores")
}

fn cache_dir() -> PathBuf {
    bench_root().join(format!("schema-v{LATEST_VERSION}-setup{SETUP_VERSION}"))
}

/// Removes a store file and its companions, ignoring what is not there.
pub fn remove_store(path: &Path) {
    for suffix in ["", "-wal", "-shm", ".lock", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// The cached store of `size` people from `seed`, built first when missing.
pub fn ensure(size: u64, seed: u64) -> Res<Cached> {
    let dir = cache_dir();
    std::fs::create_dir_all(&dir)?;
    let cached = |facts| Cached {
        store: dir.join(format!("{size}-{seed}.pdesk")),
        plain: dir.join(format!("{size}-{seed}.plain.sqlite")),
        facts,
    };
    let facts_path = dir.join(format!("{size}-{seed}.json"));
    if let Ok(text) = std::fs::read_to_string(&facts_path) {
        let found = cached(serde_json::from_str::<Facts>(&text)?);
        if found.store.is_file() && found.plain.is_file() {
            eprintln!("  using the cached store {}", found.store.display());
            return Ok(found);
        }
    }
    let building = dir.join(format!("{size}-{seed}.building.pdesk"));
    let building_plain = dir.join(format!("{size}-{seed}.building.plain.sqlite"));
    remove_store(&building);
    remove_store(&building_plain);
    eprintln!(
        "  building the demo store of {size} people (once; cached in {})",
        dir.display()
    );
    let started = Instant::now();
    let progress = Progress::new();
    let reporter = report_progress(Arc::clone(&progress));
    let made = create_demo(
        &building,
        "owner",
        &Passphrase::new(PASS),
        KdfParams::DEFAULT,
        size,
        seed,
        &progress,
    );
    progress.cancel();
    let _ = reporter.join();
    made?;
    let build_secs = started.elapsed().as_secs_f64();
    eprintln!("  demo store built in {build_secs:.1} s; adding a long history and the plain copy");
    let facts = finish(&building, &building_plain, size, build_secs)?;
    let done = cached(facts);
    remove_store(&done.store);
    std::fs::rename(&building, &done.store)?;
    std::fs::rename(&building_plain, &done.plain)?;
    remove_store(&building);
    remove_store(&building_plain);
    std::fs::write(&facts_path, serde_json::to_string_pretty(&done.facts)?)?;
    Ok(done)
}

/// Prints the build's progress every 15 s until `progress` is cancelled.
fn report_progress(progress: Arc<Progress>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut last = Instant::now();
        while !progress.is_cancelled() {
            std::thread::sleep(Duration::from_millis(200));
            if last.elapsed() >= Duration::from_secs(15) {
                let (done, total) = progress.counts();
                eprintln!("    … {done} of {total} steps");
                last = Instant::now();
            }
        }
    })
}

/// Gives one subject a long history, samples lookups and queries, and writes the plain copy.
fn finish(store: &Path, plain_path: &Path, size: u64, build_secs: f64) -> Res<Facts> {
    let mut session = Session::unlock(store, None, &Passphrase::new(PASS), Via::Cli)?;
    let ids = session.subjects().subject_ids()?;
    let long_history = *ids.get(ids.len() / 2).ok_or("the demo store has nobody")?;
    add_history(&mut session, long_history)?;
    let step = (ids.len() / SAMPLE).max(1);
    let mut emails = Vec::new();
    let mut queries = Vec::new();
    for id in ids.iter().step_by(step).take(SAMPLE) {
        let Some(s) = session.subjects().subject(*id)? else {
            continue;
        };
        if !s.fields.email.is_empty() {
            emails.push(s.fields.email.clone());
        }
        let name: Vec<char> = s.fields.name.to_lowercase().chars().collect();
        if queries.len() < 12 && name.len() >= 6 {
            queries.push(name[1..5].iter().collect::<String>());
        }
    }
    plain::copy_from(&session, &ids, plain_path)?;
    drop(session);
    plain::attach_copy(plain_path, store, long_history)?;
    Ok(Facts {
        subjects: size,
        long_history,
        emails,
        queries,
        build_secs,
    })
}

/// Records [`LONG_HISTORY_EVENTS`] consent events for `subject`, a day apart, ending yesterday.
fn add_history(session: &mut Session, subject: Uuid) -> Res<()> {
    let purposes = ["newsletter", "product-recommendations", "email-tracking"];
    let start = Utc::now() - Days::days(LONG_HISTORY_EVENTS as i64 + 1);
    for i in 0..LONG_HISTORY_EVENTS {
        let kind = if i % 2 == 0 {
            ConsentEventKind::Given
        } else {
            ConsentEventKind::Withdrawn
        };
        let event = ConsentEvent {
            purpose: Some(PurposeCode::parse(purposes[(i / 2) % purposes.len()])?),
            kind,
            at: start + Days::days(i as i64),
            channel: Channel::ALL[i % Channel::ALL.len().min(3)],
            notice_version: Some(1),
            evidence: Evidence {
                form_id: format!("preferences-{}", i % 7),
                ip: format!("192.0.2.{}", i % 250),
                ..Evidence::default()
            },
            recorded_by: String::new(),
        };
        session.consent().record_consent(subject, &event)?;
    }
    Ok(())
}

/// A run's own copies of a cached store and its plain copy, removed when dropped.
pub struct WorkCopy {
    _dir: tempfile::TempDir,
    /// The Privacy Desk store.
    pub store: PathBuf,
    /// The plain copy.
    pub plain: PathBuf,
}

impl WorkCopy {
    /// Copies `cached` into a new folder beside the cache (not a memory file system).
    pub fn new(cached: &Cached) -> Res<Self> {
        let root = bench_root();
        std::fs::create_dir_all(&root)?;
        let dir = tempfile::tempdir_in(&root)?;
        let store = dir.path().join("store.pdesk");
        let plain = dir.path().join("plain.sqlite");
        std::fs::copy(&cached.store, &store)?;
        std::fs::copy(&cached.plain, &plain)?;
        Ok(Self {
            _dir: dir,
            store,
            plain,
        })
    }
}
