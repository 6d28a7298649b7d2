//! `export suppression --purpose CODE --out FILE` and `export receipt EMAIL --out FILE`.

use std::path::PathBuf;

use anyhow::bail;
use clap::Subcommand;

use crate::domain::purpose::PurposeCode;
use crate::jobs::Progress;
use crate::services::Session;

/// `export …`
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write a purpose's suppression list (the emails that must not be used for it: withdrawn,
    /// expired or opted out) as CSV, for upload to an email platform.
    Suppression {
        /// The purpose code (`purpose list` shows them).
        #[arg(long)]
        purpose: String,
        /// The file to write (.csv).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write a subject's consent receipt (Kantara Consent Receipt v1.1): JSON or a readable
    /// HTML page, by the file's extension.
    Receipt {
        /// The subject's email address.
        email: String,
        /// The file to write (.json or .html).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write a person's access package (GDPR Art. 15 / 20, CCPA right to know) into a folder:
    /// personal-data.json, CSV files and a readable report.html.
    Access {
        /// The subject's email address.
        email: String,
        /// The folder to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The request it answers (reference or id).
        #[arg(long)]
        request: Option<String>,
    },
    /// Write chosen fields of every subject and their consent for a vendor or for analysis,
    /// with identifiers replaced by keyed pseudonyms (one key per recipient), dates coarsened
    /// and free text dropped; refused when the k-anonymity is under --k unless --accept-low-k.
    Pseudonymised(super::export_pseudonymised::PseudonymisedArgs),
    /// Find the subject behind a pseudonym of an export to a recipient (audited).
    Reidentify(super::export_pseudonymised::ReidentifyArgs),
}

/// Runs an export command.
pub fn run(session: &mut Session, command: ExportCommand) -> anyhow::Result<()> {
    match command {
        ExportCommand::Suppression { purpose, out } => {
            let code =
                PurposeCode::parse(&purpose).map_err(|e| anyhow::anyhow!("--purpose: {e}"))?;
            let summary =
                session
                    .exports()
                    .export_suppression(&code, &out, &Progress::default())?;
            outln!(
                "Wrote the suppression list for {code} to {}: {} {}.",
                summary.path.display(),
                summary.count,
                if summary.count == 1 {
                    "email"
                } else {
                    "emails"
                }
            )?;
        }
        ExportCommand::Receipt { email, out } => {
            let mut found = session.subjects().find_subjects_by_email(&email)?;
            if found.is_empty() {
                bail!("there is no subject with the email {:?}", email.trim());
            }
            if found.len() > 1 {
                eprintln!(
                    "privacy-desk: {} subjects share this email; writing the receipt of the first recorded",
                    found.len()
                );
            }
            let subject = found.remove(0);
            let summary = session.exports().export_receipt(subject.id, &out)?;
            outln!(
                "Wrote the consent receipt to {} ({} {}).",
                summary.path.display(),
                summary.count,
                if summary.count == 1 {
                    "purpose"
                } else {
                    "purposes"
                }
            )?;
        }
        ExportCommand::Access {
            email,
            out,
            request,
        } => {
            let found = session.subjects().find_subjects_by_email(&email)?;
            let Some(subject) = found.first() else {
                bail!("there is no subject with the email {:?}", email.trim());
            };
            let request = request
                .as_deref()
                .map(|r| session.requests().find_request(r))
                .transpose()?;
            let package = session.exports().export_access_package(
                subject.id,
                &out,
                request,
                &Progress::default(),
            )?;
            outln!(
                "Wrote the access package to {}: {} files, {} consent events, {} requests.",
                package.dir.display(),
                package.files.len(),
                package.consent_events,
                package.requests
            )?;
        }
        ExportCommand::Pseudonymised(args) => super::export_pseudonymised::export(session, args)?,
        ExportCommand::Reidentify(args) => super::export_pseudonymised::reidentify(session, args)?,
    }
    Ok(())
}
