//! `import consent FILE [--preset mailchimp|generic] [--purpose CODE] [--mapping FILE |
//! --saved-mapping NAME] [--skip-invalid]`: prints the counts, or exits 1 listing every problem
//! as `file:line: column: problem`. Without `--preset` the preset is told from the file's
//! header (and the choice and its reason printed); `--preset` wins when given; a header no
//! preset recognises is read with a saved mapping whose columns it has. Progress goes to
//! stderr when it is a terminal. `import mappings`, `import save-mapping` and
//! `import delete-mapping` manage the saved mappings (`import_mappings.rs`).

use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::domain::import::{Preset, expected_headers};
use crate::jobs::Progress;
use crate::services::{ImportOptions, ImportReport, MappingSource, Session};

use super::output::OutputError;

/// `import …`
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import consent from a CSV file. All or nothing unless --skip-invalid.
    Consent(Box<ImportConsentArgs>),
    /// List the column mappings saved by name (in the window's import or with save-mapping).
    Mappings(super::import_mappings::MappingsArgs),
    /// Save a column mapping (a TOML file with a [columns] table) under a name.
    SaveMapping(super::import_mappings::SaveMappingArgs),
    /// Delete a saved column mapping.
    DeleteMapping(super::import_mappings::DeleteMappingArgs),
}

/// Options of `import consent`.
#[derive(Debug, Args)]
pub struct ImportConsentArgs {
    /// The CSV file (UTF-8).
    pub file: PathBuf,
    /// How to read the columns: mailchimp (an audience export: the subscribed, unsubscribed or
    /// cleaned file) or generic (columns email, name, purpose, state, timestamp, …). Without
    /// it, the preset is told from the header; with --mapping, generic.
    #[arg(long, value_parser = ["mailchimp", "generic"])]
    pub preset: Option<String>,
    /// The purpose the rows consent to (`purpose list` shows the codes). Required for
    /// mailchimp; for generic, unless the file has a purpose column filled in every row.
    #[arg(long, value_name = "CODE")]
    pub purpose: Option<String>,
    /// A saved column mapping (TOML, `[columns]` "Source column" = "field") for generic files.
    #[arg(long, value_name = "FILE", conflicts_with = "saved_mapping")]
    pub mapping: Option<PathBuf>,
    /// A column mapping saved in the store by name (`import mappings` lists them), for
    /// generic files.
    #[arg(long, value_name = "NAME")]
    pub saved_mapping: Option<String>,
    /// Import the valid rows and write the invalid ones, with the reason, to
    /// <FILE stem>.rejected.csv beside the input.
    #[arg(long)]
    pub skip_invalid: bool,
}

/// Runs an import command.
pub fn run(session: &mut Session, command: ImportCommand) -> anyhow::Result<()> {
    let a = match command {
        ImportCommand::Consent(a) => a,
        ImportCommand::Mappings(m) => return super::import_mappings::list(session, &m),
        ImportCommand::SaveMapping(m) => return super::import_mappings::save(session, &m),
        ImportCommand::DeleteMapping(m) => return super::import_mappings::delete(session, &m),
    };
    let (preset, found) = choose_preset(session, &a)?;
    let mapping = match (a.mapping, a.saved_mapping) {
        (Some(file), _) => Some(MappingSource::File(file)),
        (None, Some(name)) => Some(MappingSource::Saved(name)),
        (None, None) => found.map(MappingSource::Saved),
    };
    let options = ImportOptions {
        preset,
        purpose: a.purpose,
        mapping,
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

/// The preset (and a saved mapping found for the file): `--preset` when given, generic with a
/// `--mapping` or `--saved-mapping`, else told from the header (the choice and why on
/// stderr). A header no preset recognises is read with the saved mapping whose columns it has;
/// without one it is an error listing every preset and the columns it expects.
fn choose_preset(
    session: &Session,
    a: &ImportConsentArgs,
) -> anyhow::Result<(Preset, Option<String>)> {
    if let Some(code) = &a.preset {
        let preset = Preset::from_code(code)
            .ok_or_else(|| anyhow::anyhow!("--preset must be mailchimp or generic"))?;
        return Ok((preset, None));
    }
    if a.mapping.is_some() || a.saved_mapping.is_some() {
        eprintln!(
            "privacy-desk: preset generic: a --mapping or --saved-mapping is read by the generic preset"
        );
        return Ok((Preset::Generic, None));
    }
    let found = session.consent().detect_import_preset(&a.file)?;
    match (found.detected, found.saved_mapping) {
        (Some(d), saved) => {
            eprintln!("privacy-desk: preset {}: {}", d.preset.code(), d.reason);
            if let Some(name) = saved {
                eprintln!(
                    "privacy-desk: the saved mapping {name:?} fits this file too; add --saved-mapping {name:?} to read it with that mapping"
                );
            }
            Ok((d.preset, None))
        }
        (None, Some(name)) => {
            eprintln!(
                "privacy-desk: preset generic with the saved mapping {name:?}: every column it names is in the header"
            );
            Ok((Preset::Generic, Some(name)))
        }
        (None, None) => {
            let expected: Vec<String> = Preset::ALL
                .into_iter()
                .map(|p| format!("  {}: {}", p.code(), expected_headers(p)))
                .collect();
            let header: Vec<String> = found
                .header
                .iter()
                .take(20)
                .map(|h| format!("{:?}", h.trim()))
                .collect();
            anyhow::bail!(
                "{}: no preset recognises its header ({}{}). The presets expect:\n{}\nRename the columns, give --saved-mapping NAME (`import mappings` lists them), or give --mapping FILE (the generic preset with a TOML [columns] table naming the field each column fills, e.g. \"E-mail\" = \"email\"). Nothing was imported.",
                a.file.display(),
                header.join(", "),
                if found.header.len() > 20 { ", …" } else { "" },
                expected.join("\n")
            )
        }
    }
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
