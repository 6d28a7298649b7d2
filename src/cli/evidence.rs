//! `evidence bundle`: one zip to hand a regulator or a client — the reports, the year's logs,
//! the audit verification and the annual accountability report, with a manifest of SHA-256
//! hashes and a README on checking them (see `services::export::evidence`).

use std::path::PathBuf;

use chrono::{Datelike, Local};
use clap::Subcommand;

use crate::services::Session;

/// `evidence …`
#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Write the evidence bundle (.zip): record of processing, retention policy, assessments,
    /// the year's request log (references only), consent per purpose, breach log, vendor
    /// reviews, training, sweeps, audit verification, the accountability report (the year
    /// against the one before, ICO Accountability Framework), manifest.json with every file's
    /// SHA-256, and a README on checking it with sha256sum.
    Bundle {
        /// The file to write (.zip).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The year the logs cover (default: this year).
        #[arg(long)]
        year: Option<i32>,
        /// Print what was written as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs an `evidence` command.
pub fn run(session: &mut Session, command: EvidenceCommand) -> anyhow::Result<()> {
    match command {
        EvidenceCommand::Bundle { out, year, json } => {
            let today = Local::now().date_naive();
            let year = year.unwrap_or(today.year());
            let summary = session
                .exports()
                .export_evidence_bundle(&out, year, today)?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&summary)?)?;
            } else {
                outln!(
                    "Wrote the evidence bundle for {} to {}: {} files, {} bytes; audit chain head at entry {}. Check it with `sha256sum -c SHA256SUMS` after unzipping (see README.txt inside).",
                    summary.year,
                    out.display(),
                    summary.files,
                    summary.bytes,
                    summary.audit_head_seq
                )?;
            }
            Ok(())
        }
    }
}
