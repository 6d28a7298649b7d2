//! `erase`: erasing a person in answer to an erasure (or CCPA delete) request, with the
//! certificate.

use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

use crate::services::Session;

use super::dates::today;

/// Options of `erase`.
#[derive(Debug, Args)]
pub struct EraseArgs {
    /// The person's email address.
    pub email: String,
    /// The erasure (or CCPA delete) request this answers.
    #[arg(long)]
    pub request: String,
    /// Also write the erasure certificate (.txt or .json; no personal data).
    #[arg(long, value_name = "FILE")]
    pub certificate: Option<PathBuf>,
}

/// Runs `erase`.
pub fn erase(session: &mut Session, args: &EraseArgs) -> anyhow::Result<()> {
    let request = session.requests().find_request(&args.request)?;
    let found = session.subjects().find_subjects_by_email(&args.email)?;
    let Some(subject) = found.first() else {
        if let Some((day, reference)) = session.requests().erasure_of(&args.email)? {
            bail!(
                "this email was already erased on {day}{}; nothing was changed",
                reference
                    .map(|r| format!(" (request {r})"))
                    .unwrap_or_default()
            );
        }
        bail!(
            "there is no subject with the email {:?}; nothing was changed",
            args.email.trim()
        );
    };
    let cert = session
        .requests()
        .erase_subject(subject.id, Some(request), today())?;
    // The certificate is written even when the output is closed; the error comes after.
    let said = outln!(
        "Erased: the identity record, {} consent events and {} corrections; {} request(s) kept with the requester's details emptied.",
        cert.removed.consent_events,
        cert.removed.rectifications,
        cert.removed.requests_scrubbed
    );
    if !cert.log_cleared {
        eprintln!(
            "privacy-desk: another reader of this store (a window or a command) kept the write-ahead log open, so it still holds the erased pages; it is emptied at the next checkpoint after that reader closes."
        );
    }
    if let Some(path) = &args.certificate {
        session.exports().export_erasure_certificate(&cert, path)?;
    }
    said?;
    if let Some(copies) = crate::services::copies_sentence(cert.copies_still_holding) {
        outln!("{copies}")?;
    }
    if let Some(path) = &args.certificate {
        outln!("Wrote the erasure certificate to {}.", path.display())?;
    }
    Ok(())
}
