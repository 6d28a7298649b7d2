//! `retention …`, `hold …` and `sweep`: the retention policy, legal holds and sweeps from the
//! command line (for cron or Task Scheduler: `privacy-desk sweep`).

use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::{Local, NaiveDate};
use clap::Subcommand;

use crate::domain::retention::hold::HoldTarget;
use crate::domain::retention::report::SweepReport;
use crate::jobs::Progress;
use crate::services::Session;

use super::dates::date;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// `retention …`
#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Adopt the default rules (assets/retention.toml); rules with the same code are replaced.
    Adopt,
    /// Load rules from a TOML file in the same format (all or nothing).
    Load {
        /// The file.
        file: PathBuf,
    },
    /// List the rules.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Remove a rule.
    Remove {
        /// The rule's code.
        code: String,
    },
    /// Write the policy as a document for your website or a regulator (.md, .html, .docx or
    /// .pdf; the extension decides).
    Policy {
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Set the days between sweeps (0 turns the schedule off).
    Interval {
        /// Days.
        days: u32,
    },
    /// Record the day a person became a customer (or clear it): marketing rules never remove a
    /// current customer, nor a former one inside the former-customers period.
    CustomerSince {
        /// The subject's email.
        email: String,
        /// The day (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
        /// Clear the recorded day.
        #[arg(long, conflicts_with = "on")]
        clear: bool,
    },
    /// Record the day a customer relationship ended (or clear it).
    EndRelationship {
        /// The subject's email.
        email: String,
        /// The day (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
        /// Clear the recorded end.
        #[arg(long, conflicts_with = "on")]
        clear: bool,
    },
}

/// `hold …`
#[derive(Debug, Subcommand)]
pub enum HoldCommand {
    /// Place a legal hold on a subject (by email) or a request (by reference).
    Add {
        /// The subject's email.
        #[arg(long, conflicts_with = "request", required_unless_present = "request")]
        email: Option<String>,
        /// The request's reference.
        #[arg(long)]
        request: Option<String>,
        /// Why the records must be kept.
        #[arg(long)]
        reason: String,
        /// The last day of the hold (YYYY-MM-DD; default: until released).
        #[arg(long)]
        until: Option<String>,
    },
    /// List the holds.
    List,
    /// Release a hold.
    Release {
        /// The hold's id (from `hold list`).
        id: String,
    },
}

/// Runs a retention command.
pub fn run(session: &mut Session, command: RetentionCommand) -> anyhow::Result<()> {
    match command {
        RetentionCommand::Adopt => {
            let n = session.retention().adopt_default_retention()?;
            outln!("Adopted the default retention policy: {n} rules.")?;
        }
        RetentionCommand::Load { file } => {
            let n = session.retention().load_retention_file(&file)?;
            outln!("Loaded {n} rules from {}.", file.display())?;
        }
        RetentionCommand::List { json } => {
            let rules = session.retention().retention_rules()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&rules)?)?;
            } else if rules.is_empty() {
                outln!("No retention rules yet. `retention adopt` adopts the default policy.")?;
            } else {
                for r in &rules {
                    outln!(
                        "{:<24} {:<9} {} {} {} — {}{}",
                        r.code,
                        r.action.code(),
                        r.kind.code(),
                        r.period,
                        r.from.label(),
                        r.name,
                        if r.enabled { "" } else { " (disabled)" }
                    )?;
                }
            }
        }
        RetentionCommand::Remove { code } => {
            if !session.retention().remove_retention_rule(&code)? {
                bail!("there is no rule {code}; `retention list` shows them");
            }
            outln!("Removed the rule {code}.")?;
        }
        RetentionCommand::Policy { out } => {
            session.exports().export_retention_policy(&out)?;
            outln!("Wrote the retention policy to {}.", out.display())?;
        }
        RetentionCommand::Interval { days } => {
            session.retention().set_sweep_interval(days)?;
            if days == 0 {
                outln!("Sweeps are no longer scheduled.")?;
            } else {
                outln!("A sweep is due every {days} days.")?;
            }
        }
        RetentionCommand::CustomerSince { email, on, clear } => {
            let found = session.subjects().find_subjects_by_email(&email)?;
            let Some(subject) = found.first() else {
                bail!("there is no subject with the email {:?}", email.trim());
            };
            let day = if clear {
                None
            } else {
                Some(
                    on.as_deref()
                        .map_or_else(|| Ok(today()), |d| date(d, "--on"))?,
                )
            };
            session
                .retention()
                .set_customer_since(subject.id, day, today())?;
            match day {
                Some(d) => outln!("Recorded that the person has been a customer since {d}.")?,
                None => outln!("Cleared the start of the customer relationship.")?,
            }
        }
        RetentionCommand::EndRelationship { email, on, clear } => {
            let found = session.subjects().find_subjects_by_email(&email)?;
            let Some(subject) = found.first() else {
                bail!("there is no subject with the email {:?}", email.trim());
            };
            let day = if clear {
                None
            } else {
                Some(
                    on.as_deref()
                        .map_or_else(|| Ok(today()), |d| date(d, "--on"))?,
                )
            };
            session.retention().set_relationship_end(subject.id, day)?;
            match day {
                Some(d) => outln!("Recorded that the customer relationship ended on {d}.")?,
                None => outln!("Cleared the end of the customer relationship.")?,
            }
        }
    }
    Ok(())
}

/// Runs a hold command.
pub fn hold(session: &mut Session, command: HoldCommand) -> anyhow::Result<()> {
    match command {
        HoldCommand::Add {
            email,
            request,
            reason,
            until,
        } => {
            let target = match (email, request) {
                (Some(email), _) => {
                    let found = session.subjects().find_subjects_by_email(&email)?;
                    let Some(s) = found.first() else {
                        bail!("there is no subject with the email {:?}", email.trim());
                    };
                    HoldTarget::Subject(s.id)
                }
                (None, Some(r)) => HoldTarget::Request(session.requests().find_request(&r)?),
                (None, None) => bail!("give --email or --request"),
            };
            let until = until.as_deref().map(|d| date(d, "--until")).transpose()?;
            let id = session
                .retention()
                .place_hold(target, &reason, until, today())?;
            outln!("Placed the hold {id}.")?;
        }
        HoldCommand::List => {
            let holds = session.retention().legal_holds()?;
            if holds.is_empty() {
                outln!("No legal holds.")?;
            }
            for h in holds {
                let on = match h.target {
                    HoldTarget::Subject(id) => format!("subject {id}"),
                    HoldTarget::Request(id) => format!("request {id}"),
                };
                outln!(
                    "{}  {on}  placed {} by {}{}{}  — {}",
                    h.id,
                    h.placed_on,
                    h.placed_by,
                    h.ends_on
                        .map(|d| format!(", until {d}"))
                        .unwrap_or_default(),
                    h.released_on
                        .map(|d| format!(", released {d}"))
                        .unwrap_or_default(),
                    h.reason
                )?;
            }
        }
        HoldCommand::Release { id } => {
            let id = uuid::Uuid::parse_str(id.trim())
                .with_context(|| format!("\"{id}\" is not a hold id; `hold list` shows them"))?;
            if !session.retention().release_hold(id, today())? {
                bail!("there is no hold {id} in force");
            }
            outln!("Released the hold {id}.")?;
        }
    }
    Ok(())
}

fn print_report(report: &SweepReport, json: bool) -> anyhow::Result<()> {
    if json {
        outln!("{}", serde_json::to_string_pretty(report)?)?;
        return Ok(());
    }
    outln!(
        "{} as of {}: {} records due, {} kept by legal holds.",
        if report.dry_run {
            "Dry run (nothing changed)"
        } else {
            "Sweep"
        },
        report.as_of,
        report.total_due(),
        report.total_held()
    )?;
    for r in &report.rules {
        outln!(
            "  {:<24} {:<9} {:>8} due  {:>5} held  {:>5} open request  {:?}",
            r.code,
            r.action.code(),
            r.due.len(),
            r.held.len(),
            r.open_request.len(),
            r.status
        )?;
    }
    Ok(())
}

/// Runs `sweep`.
pub fn sweep(session: &mut Session, dry_run: bool, json: bool) -> anyhow::Result<()> {
    if session
        .retention()
        .retention_rules()?
        .iter()
        .all(|r| !r.enabled)
    {
        bail!("there are no retention rules to apply; `retention adopt` adopts the default policy");
    }
    let progress = Progress::default();
    let report = if dry_run {
        session.retention().sweep_plan(today(), &progress)?
    } else {
        session.retention().apply_sweep(today(), &progress)?
    };
    print_report(&report, json)
}
