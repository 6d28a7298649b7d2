//! `import consent FILE --preset mailchimp|generic [--purpose CODE] [--mapping FILE]
//! [--skip-invalid]`: prints the counts, or exits 1 listing every problem as
//! `file:line: column: problem`. Progress goes to stderr when it is a terminal.

use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::domain::import::Preset;
use crate::jobs::Progress;
use crate::services::{ImportOptions, ImportReport, Session};

use super::output::OutputError;

/// `import …`
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import consent from a CSV file. All or nothing unless --skip-invalid.
    Consent(Box<ImportConsentArgs>),
}

/// Options of `import consent`.
#[derive(Debug, Args)]
pub struct ImportConsentArgs {
    /// The CSV file (UTF-8).
    pub file: PathBuf,
    /// How to read the columns: mailchimp (an audience export: the subscribed, unsubscribed or
    /// cleaned file) or generic (columns email, name, purpose, state, timestamp, …).
    #[arg(long, value_parser = ["mailchimp", "generic"])]
    pub preset: String,
    /// The purpose the rows consent to (`purpose list` shows the codes). Required for
    /// mailchimp; for generic, unless the file has a purpose column filled in every row.
    #[arg(long, value_name = "CODE")]
    pub purpose: Option<String>,
    /// A saved column mapping (TOML, `[columns]` "Source column" = "field") for generic files.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Import the valid rows and write the invalid ones, with the reason, to
    /// <FILE stem>.rejected.csv beside the input.
    #[arg(long)]
    pub skip_invalid: bool,
}

/// Runs an import command.
pub fn run(session: &mut Session, command: ImportCommand) -> anyhow::Result<()> {
    let ImportCommand::Consent(a) = command;
    let preset = Preset::from_code(&a.preset)
        .ok_or_else(|| anyhow::anyhow!("--preset must be mailchimp or generic"))?;
    let options = ImportOptions {
        preset,
        purpose: a.purpose,
        mapping: a.mapping,
        skip_invalid: a.skip_invalid,
    };
    let progress = Progress::default();
    let report = if std::io::stderr().is_terminal() {
        with_progress_line(&progress, || {
            session
                .consent()
                .import_consent(&a.file, &options, &progress)
        })?
    } else {
        session
            .consent()
            .import_consent(&a.file, &options, &progress)?
    };
    print_report(&a.file, &report)?;
    Ok(())
}

/// Runs `work` while a thread redraws "\r… rows" on stderr.
fn with_progress_line<T>(progress: &Progress, work: impl FnOnce() -> T) -> T {
    let finished = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut stderr = std::io::stderr();
            while !finished.load(Ordering::Relaxed) {
                let (done, total) = progress.counts();
                let _ = if total == 0 {
                    write!(stderr, "\rchecking: {done} rows ")
                } else {
                    let half = total / 2;
                    write!(
                        stderr,
                        "\rimporting: {} of {half} rows ",
                        done.saturating_sub(half)
                    )
                };
                let _ = stderr.flush();
                std::thread::sleep(Duration::from_millis(200));
            }
            let _ = write!(stderr, "\r{:40}\r", "");
        });
        let result = work();
        finished.store(true, Ordering::Relaxed);
        result
    })
}

fn print_report(file: &std::path::Path, r: &ImportReport) -> Result<(), OutputError> {
    for w in &r.warnings {
        eprintln!("privacy-desk: warning: {w}");
    }
    outln!(
        "Imported {} ({} file): {} rows read.",
        file.display(),
        r.file_kind,
        r.rows_read
    )?;
    outln!("  subjects created:          {}", r.subjects_created)?;
    outln!("  subjects matched:          {}", r.subjects_matched)?;
    outln!("  events recorded:           {}", r.events_recorded)?;
    outln!("  already in the ledger:     {}", r.events_already_recorded)?;
    outln!("  superseded by later rows:  {}", r.rows_superseded)?;
    outln!("  marked undeliverable:      {}", r.marked_undeliverable)?;
    match &r.rejected_file {
        Some(path) => outln!(
            "  rejected:                  {} (written with the reasons to {}; it holds personal data, delete it when done)",
            r.rows_rejected,
            path.display()
        )?,
        None => outln!("  rejected:                  {}", r.rows_rejected)?,
    }
    Ok(())
}
