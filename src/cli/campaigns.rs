//! `campaign …`: the pre-flight check of an email campaign's audience (only the people it is
//! lawful to email for the purpose today are written out) and the list of send records.

use std::path::PathBuf;

use chrono::Utc;
use clap::Subcommand;

use crate::domain::campaign::{ExclusionReason, SendRecord};
use crate::domain::purpose::PurposeCode;
use crate::services::{CampaignCheck, Session};

/// `campaign …`
#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Check an audience export (Mailchimp, or any CSV with an email column) before a send:
    /// writes to --out only the rows it is lawful to email for --purpose today, and keeps the
    /// run as a send record (evidence under GDPR Art. 7(1)).
    Check {
        /// The audience file (CSV, UTF-8).
        #[arg(value_name = "AUDIENCE.csv")]
        audience: PathBuf,
        /// The purpose the campaign is sent for (`purpose list` shows them).
        #[arg(long)]
        purpose: String,
        /// Where the clean audience goes (.csv): the header and the sendable rows as read.
        #[arg(long, value_name = "CLEAN.csv")]
        out: PathBuf,
        /// The campaign's name in the send record (default: the audience file's name).
        #[arg(long)]
        name: Option<String>,
        /// Also write the left-out addresses, with their reason, as a suppression CSV for the
        /// email platform.
        #[arg(long, value_name = "FILE.csv")]
        suppression_out: Option<PathBuf>,
        /// Print JSON (`checked`, `sendable`, `excluded`) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List the send records, newest first.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a `campaign` command.
pub fn run(session: &mut Session, command: CampaignCommand) -> anyhow::Result<()> {
    match command {
        CampaignCommand::Check {
            audience,
            purpose,
            out,
            name,
            suppression_out,
            json,
        } => {
            let purpose = PurposeCode::parse(&purpose).map_err(|e| {
                anyhow::anyhow!(
                    "--purpose {purpose:?} is not a purpose code ({e}); `purpose list` shows them"
                )
            })?;
            let report = session.campaigns().check_audience(&CampaignCheck {
                audience,
                purpose,
                out: out.clone(),
                suppression_out: suppression_out.clone(),
                name,
                now: Utc::now(),
            })?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&report)?)?;
                return Ok(());
            }
            outln!(
                "Checked {} rows for {}: {} may be emailed, written to {}.",
                report.checked,
                report.record.purpose,
                report.sendable,
                out.display()
            )?;
            for reason in ExclusionReason::ALL {
                let n = report.excluded.get(reason);
                if n > 0 {
                    outln!("  left out, {}: {n}", reason.code())?;
                }
            }
            if let Some(s) = suppression_out {
                outln!(
                    "The {} left-out addresses were written to {}.",
                    report.excluded.total(),
                    s.display()
                )?;
            }
            outln!("Send record {} kept.", report.record.reference())?;
            Ok(())
        }
        CampaignCommand::List { json } => {
            let records = session.campaigns().send_records()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&records)?)?;
                return Ok(());
            }
            if records.is_empty() {
                outln!("No campaign has been checked yet (`campaign check`).")?;
            }
            for r in &records {
                outln!("{}", line(r))?;
            }
            Ok(())
        }
    }
}

/// One send record on one line.
fn line(r: &SendRecord) -> String {
    format!(
        "{}  {}  {}  purpose {} (notice v{})  checked {}  sendable {}  left out {}  by {}  sha256 {}",
        r.reference(),
        r.checked_at.format("%Y-%m-%d %H:%M"),
        r.name,
        r.purpose,
        r.notice_version,
        r.checked,
        r.sendable,
        r.excluded.total(),
        r.checked_by,
        &r.audience_sha256[..r.audience_sha256.len().min(12)]
    )
}
