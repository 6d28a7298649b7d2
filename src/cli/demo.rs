//! `demo --subjects N [--seed S]`: a new store full of made-up people, to try Privacy Desk at
//! any size. Like `init` it reads the new passphrase from --passphrase-file,
//! PRIVACY_DESK_PASSPHRASE or a prompt, and never touches an existing file. Progress goes to
//! stderr when it is a terminal.

use std::io::{IsTerminal, Write as _};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::bail;
use clap::Args;

use crate::crypto::KdfParams;
use crate::demo::{DEFAULT_DEMO_SEED, DemoSummary, MIN_DEMO_SUBJECTS, create_demo};
use crate::jobs::Progress;
use crate::services::DEFAULT_OWNER_NAME;

use super::output::OutputError;
use super::secrets::{self, PASSPHRASE_VAR};
use super::sign_in::Globals;

/// Options of `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many data subjects to make up (at least 100; a million takes minutes).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(MIN_DEMO_SUBJECTS..))]
    pub subjects: u64,
    /// The seed: the same seed makes the same people, consents and requests.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_DEMO_SEED)]
    pub seed: u64,
    /// Argon2id memory in MiB (at least 19; default 64).
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    pub kdf_memory_mib: u32,
    /// Argon2id passes (at least 2; default 3).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub kdf_iterations: u32,
}

/// Runs `demo`.
pub fn run(store: &Path, g: &Globals<'_>, args: &DemoArgs) -> anyhow::Result<()> {
    if store.exists() {
        bail!(
            "{} already exists; it was left as it is. The demo makes a new store: choose a --store path where there is none",
            store.display()
        );
    }
    let kdf = KdfParams {
        memory_kib: args.kdf_memory_mib.saturating_mul(1024),
        iterations: args.kdf_iterations,
        parallelism: 1,
    };
    kdf.validate()?;
    let owner = g.user.unwrap_or(DEFAULT_OWNER_NAME);
    let passphrase =
        secrets::new_passphrase(g.passphrase_file, PASSPHRASE_VAR, "--passphrase-file")?;
    let started = Instant::now();
    let progress = Progress::default();
    let work = || {
        create_demo(
            store,
            owner,
            &passphrase,
            kdf,
            args.subjects,
            args.seed,
            &progress,
        )
    };
    let (summary, code) = if std::io::stderr().is_terminal() {
        with_progress_line(&progress, work)?
    } else {
        work()?
    };
    let show = || {
        print_summary(store, owner, &summary, started.elapsed())?;
        outln!()?;
        outln!(
            "Recovery code (shown only now; store it somewhere safe, away from this computer):"
        )?;
        outln!()?;
        outln!("    {}", code.reveal())?;
        outln!()?;
        outln!(
            "Every person in this store is made up. Open it with `privacy-desk --store {}`.",
            store.display()
        )
    };
    super::output::shown_once(
        show,
        &format!(
            "the demo store was created at {}, but its recovery code could not be shown; delete that store and run `demo` again with the output going to a terminal or a file",
            store.display()
        ),
    )
}

/// Runs `work` while a thread redraws "\r… %" on stderr.
fn with_progress_line<T>(progress: &Progress, work: impl FnOnce() -> T) -> T {
    let finished = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut stderr = std::io::stderr();
            while !finished.load(Ordering::Relaxed) {
                let (done, total) = progress.counts();
                let _ = write!(
                    stderr,
                    "\rmaking up the demo store: {done} of {total} steps ({:.0} %) ",
                    progress.fraction() * 100.0
                );
                let _ = stderr.flush();
                std::thread::sleep(Duration::from_millis(200));
            }
            let _ = write!(stderr, "\r{:70}\r", "");
        });
        let result = work();
        finished.store(true, Ordering::Relaxed);
        result
    })
}

fn print_summary(
    store: &Path,
    owner: &str,
    s: &DemoSummary,
    took: Duration,
) -> Result<(), OutputError> {
    outln!(
        "Created a demo store at {}, owned by {owner}: {}, seed {}.",
        store.display(),
        s.organisation,
        s.seed
    )?;
    outln!(
        "  subjects:           {} ({} sign-ups never confirmed, {} undeliverable)",
        s.subjects,
        s.unconfirmed_sign_ups,
        s.undeliverable
    )?;
    let kinds: Vec<String> = s
        .events_by_kind
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{} {n}", k.code()))
        .collect();
    outln!(
        "  consent events:     {} ({})",
        s.consent_events,
        kinds.join(", ")
    )?;
    let states: Vec<String> = s
        .requests_by_state
        .iter()
        .map(|(state, n)| format!("{} {n}", state.code()))
        .collect();
    outln!(
        "  requests:           {} ({})",
        s.requests(),
        states.join(", ")
    )?;
    outln!("  overdue:            {}", s.requests_overdue)?;
    outln!(
        "  erased:             {} (completed erasure requests)",
        s.erased
    )?;
    outln!("  legal holds:        {}", s.legal_holds)?;
    outln!("  relationship ends:  {}", s.relationship_ends)?;
    outln!(
        "  retention rules:    {} (the default policy)",
        s.retention_rules
    )?;
    outln!(
        "  records:            {} activities, {} systems, {} vendors, {} security measures",
        s.activities,
        s.systems,
        s.vendors,
        s.security_measures
    )?;
    outln!("  assessments:        {}", s.assessments)?;
    outln!("  took:               {:.1} s", took.as_secs_f64())?;
    Ok(())
}
