//! `review list`, `review expire-stale` and `review minimisation`: the consent review queue and
//! the data-minimisation review, for scripts and cron.

use chrono::Utc;
use clap::Subcommand;

use crate::domain::consent::{DEFAULT_REFRESH_MONTHS, ReviewReason};
use crate::services::Session;

use super::output::OutputError;

/// `review …`
#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// List the given consents that need review (stale, outdated notice, no evidence).
    List {
        /// Refresh period in months (default 24).
        #[arg(long, default_value_t = DEFAULT_REFRESH_MONTHS)]
        months: u32,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write the queue with emails and names to a CSV, for a re-permission campaign.
    Export {
        /// The file to write (.csv).
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
        /// Refresh period in months (default 24).
        #[arg(long, default_value_t = DEFAULT_REFRESH_MONTHS)]
        months: u32,
    },
    /// Mark consents reviewed (you checked them and keep them): one subject's consent for a
    /// purpose, or with --all the whole queue. They leave the queue until they age past
    /// another refresh period, a newer notice is published, or the person acts again.
    MarkReviewed {
        /// The subject's email (with --purpose).
        email: Option<String>,
        /// The purpose code.
        #[arg(long)]
        purpose: Option<String>,
        /// Every consent in the queue.
        #[arg(long, conflicts_with_all = ["email", "purpose"])]
        all: bool,
        /// Refresh period in months (default 24).
        #[arg(long, default_value_t = DEFAULT_REFRESH_MONTHS)]
        months: u32,
    },
    /// Mark every stale consent expired (one ledger event and audit entry each).
    ExpireStale {
        /// Refresh period in months (default 24).
        #[arg(long, default_value_t = DEFAULT_REFRESH_MONTHS)]
        months: u32,
    },
    /// The data-minimisation review: categories collected for no purpose, processing without
    /// a legal basis, consent-based purposes without consent records, special categories
    /// without an Art. 9 condition, systems holding data no activity needs, data kept longer
    /// than the retention policy allows.
    Minimisation {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn reason_code(r: ReviewReason) -> &'static str {
    match r {
        ReviewReason::Stale => "stale",
        ReviewReason::OutdatedNotice => "outdated_notice",
        ReviewReason::NoEvidence => "no_evidence",
        ReviewReason::NoConsentRecord => "no_consent_record",
        ReviewReason::ChildWithoutParentalConsent => "child-without-parental-consent",
    }
}

/// Runs a review command.
pub fn run(session: &mut Session, command: ReviewCommand) -> anyhow::Result<()> {
    match command {
        ReviewCommand::List { months, json } => {
            let queue = session.consent().review_queue(months, Utc::now())?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&queue)?)?;
            } else {
                outln!("{} consents need review.", queue.len())?;
                for item in &queue {
                    let why: Vec<&str> = item.reasons.iter().map(|r| reason_code(*r)).collect();
                    outln!(
                        "  {}  {:<28} confirmed {}  {}",
                        item.subject,
                        item.purpose,
                        item.confirmed_at.format("%Y-%m-%d"),
                        why.join(", ")
                    )?;
                }
            }
        }
        ReviewCommand::Export { out, months } => {
            let summary = session
                .exports()
                .export_review_list(months, Utc::now(), &out)?;
            outln!(
                "Wrote {} consents to review to {}.",
                summary.count,
                summary.path.display()
            )?;
        }
        ReviewCommand::MarkReviewed {
            email,
            purpose,
            all,
            months,
        } => {
            let queue = session.consent().review_queue(months, Utc::now())?;
            let chosen: Vec<_> = if all {
                queue
            } else {
                let (Some(email), Some(purpose)) = (email, purpose) else {
                    anyhow::bail!("give an email and --purpose, or --all for the whole queue");
                };
                let subjects = session.subjects().find_subjects_by_email(&email)?;
                let Some(subject) = subjects.first() else {
                    anyhow::bail!("there is no subject with the email {:?}", email.trim());
                };
                let picked: Vec<_> = queue
                    .into_iter()
                    .filter(|i| i.subject == subject.id && i.purpose.as_str() == purpose.trim())
                    .collect();
                if picked.is_empty() {
                    anyhow::bail!(
                        "that consent is not in the review queue (nothing to mark); `review list` shows the queue"
                    );
                }
                picked
            };
            let n = session.consent().mark_reviewed(&chosen)?;
            outln!("Marked {n} consents reviewed.")?;
        }
        ReviewCommand::ExpireStale { months } => {
            let stale: Vec<_> = session
                .consent()
                .review_queue(months, Utc::now())?
                .into_iter()
                .filter(|i| i.reasons.contains(&ReviewReason::Stale))
                .collect();
            let n = session.consent().expire_consents(&stale)?;
            outln!("Marked {n} stale consents expired.")?;
        }
        ReviewCommand::Minimisation { json } => {
            let report = session.records().minimisation_review()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&report)?)?;
            } else {
                print_minimisation(&report)?;
            }
        }
    }
    Ok(())
}

fn print_minimisation(report: &crate::services::MinimisationReport) -> Result<(), OutputError> {
    if report.findings.is_empty() {
        outln!(
            "No findings: every category collected has a purpose, every purpose a basis, and nothing is kept longer than the policy allows."
        )?;
    } else {
        outln!("{} findings:", report.findings.len())?;
    }
    let mut last = None;
    for f in &report.findings {
        if last != Some(f.kind) {
            outln!("\n{}", f.kind.title())?;
            last = Some(f.kind);
        }
        outln!("  - {}\n    {}", f.message, f.remedy)?;
    }
    for gap in &report.register_gaps {
        outln!(
            "\nChecked {} people held in {} for consent to {}: {} without a record.",
            gap.people,
            gap.systems.join(", "),
            gap.purpose,
            gap.without_record
        )?;
    }
    Ok(())
}
