//! `measure …` and `training …`: the security measures register and staff training from the
//! command line. The incident log (`incident …`) is in `incidents.rs`.

use anyhow::bail;
use chrono::{Local, NaiveDate};
use clap::Subcommand;
use serde::Serialize;

use crate::domain::records::security::DUE_WITHIN_DAYS;
use crate::domain::records::training::RenewalState;
use crate::domain::records::{MeasureKind, RecordCode, SecurityMeasure, Training};
use crate::services::Session;

use super::dates::date;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn parse_kind(text: &str) -> Result<MeasureKind, String> {
    MeasureKind::from_code(text).ok_or_else(|| {
        format!(
            "{text:?} is not a kind of measure; use one of {}",
            MeasureKind::codes()
        )
    })
}

/// `measure …`
#[derive(Debug, Subcommand)]
pub enum MeasureCommand {
    /// List the security measures with their review dates.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Add a security measure (its code is made from the name).
    Add {
        /// What it is called ("Laptop disk encryption").
        #[arg(long)]
        name: String,
        /// Its kind: encryption, access-control, backups, audits, training, physical, other.
        #[arg(long, value_parser = parse_kind)]
        kind: MeasureKind,
        /// Who is responsible: a role or a team.
        #[arg(long, default_value = "")]
        owner: String,
        /// What is done, in plain words.
        #[arg(long, default_value = "")]
        description: String,
        /// Where the proof is (a document, a report).
        #[arg(long, default_value = "")]
        evidence: String,
        /// Since when it is in place (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// When it is next reviewed (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        review_on: Option<String>,
    },
    /// Remove a measure no processing activity names.
    Remove {
        /// The measure's code (from `measure list`).
        code: String,
    },
}

/// `training …`
#[derive(Debug, Subcommand)]
pub enum TrainingCommand {
    /// Record a training someone completed.
    Add {
        /// Who was trained (stored encrypted).
        #[arg(long)]
        trainee: String,
        /// What it covered ("GDPR basics").
        #[arg(long)]
        topic: String,
        /// The day it was completed (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        completed_on: String,
        /// The day it is to be renewed (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        renew_on: Option<String>,
    },
    /// List the trainings, renewals due first.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Remove a training.
    Remove {
        /// The training's id (from `training list`).
        id: String,
    },
}

/// A measure as `measure list --json` prints it.
#[derive(Serialize)]
struct MeasureJson<'a> {
    #[serde(flatten)]
    measure: &'a SecurityMeasure,
    review_due: bool,
}

/// A training as `training list --json` prints it.
#[derive(Serialize)]
struct TrainingJson<'a> {
    #[serde(flatten)]
    training: &'a Training,
    renewal: RenewalState,
}

fn optional_date(text: Option<&str>, option: &str) -> anyhow::Result<Option<NaiveDate>> {
    text.map(|t| date(t, option)).transpose()
}

/// Runs a `measure` command.
pub fn measure(session: &mut Session, command: MeasureCommand) -> anyhow::Result<()> {
    let today = today();
    match command {
        MeasureCommand::List { json } => {
            let measures = session.security().security_measures()?;
            if json {
                let rows: Vec<MeasureJson<'_>> = measures
                    .iter()
                    .map(|m| MeasureJson {
                        measure: m,
                        review_due: m.review_due(today),
                    })
                    .collect();
                outln!("{}", serde_json::to_string_pretty(&rows)?)?;
            } else if measures.is_empty() {
                outln!("No security measures yet. `measure add --name N --kind K` adds one.")?;
            } else {
                for m in &measures {
                    outln!(
                        "{:<28} {:<15} {:<24} review {}{}",
                        m.code,
                        m.kind.code(),
                        if m.owner.is_empty() { "-" } else { &m.owner },
                        m.review_on
                            .map_or_else(|| "not set".to_owned(), |d| d.to_string()),
                        if m.review_due(today) {
                            format!(" (due within {DUE_WITHIN_DAYS} days)")
                        } else {
                            String::new()
                        }
                    )?;
                }
            }
        }
        MeasureCommand::Add {
            name,
            kind,
            owner,
            description,
            evidence,
            since,
            review_on,
        } => {
            let measure = SecurityMeasure {
                owner,
                description,
                evidence,
                in_place_since: optional_date(since.as_deref(), "--since")?,
                review_on: optional_date(review_on.as_deref(), "--review-on")?,
                ..SecurityMeasure::named(&name, kind)
            };
            let saved = session
                .security()
                .save_security_measure(&measure, true, today)?;
            outln!(
                "Added the security measure {} ({}).",
                saved.code,
                saved.name
            )?;
        }
        MeasureCommand::Remove { code } => {
            let code = RecordCode::parse(&code).map_err(anyhow::Error::msg)?;
            session.security().remove_security_measure(&code)?;
            outln!("Removed the security measure {code}.")?;
        }
    }
    Ok(())
}

/// Runs a `training` command.
pub fn training(session: &mut Session, command: TrainingCommand) -> anyhow::Result<()> {
    let today = today();
    match command {
        TrainingCommand::Add {
            trainee,
            topic,
            completed_on,
            renew_on,
        } => {
            let training = Training {
                id: uuid::Uuid::nil(),
                trainee,
                topic,
                completed_on: date(&completed_on, "--completed-on")?,
                renew_on: optional_date(renew_on.as_deref(), "--renew-on")?,
            };
            let id = session.security().record_training(&training, today)?;
            outln!("Recorded the training {id}.")?;
        }
        TrainingCommand::List { json } => {
            let trainings = session.security().trainings()?;
            if json {
                let rows: Vec<TrainingJson<'_>> = trainings
                    .iter()
                    .map(|t| TrainingJson {
                        training: t,
                        renewal: t.renewal(today),
                    })
                    .collect();
                outln!("{}", serde_json::to_string_pretty(&rows)?)?;
            } else if trainings.is_empty() {
                outln!(
                    "No training recorded yet. `training add --trainee NAME --topic T --completed-on DATE` records one."
                )?;
            } else {
                for t in &trainings {
                    outln!(
                        "{}  {:<24} {:<28} completed {}  renew {} ({})",
                        t.id,
                        t.trainee,
                        t.topic,
                        t.completed_on,
                        t.renew_on
                            .map_or_else(|| "never".to_owned(), |d| d.to_string()),
                        t.renewal(today).label().to_lowercase()
                    )?;
                }
            }
        }
        TrainingCommand::Remove { id } => {
            let Ok(id) = uuid::Uuid::parse_str(id.trim()) else {
                bail!("{id:?} is not a training id; `training list` shows them");
            };
            session.security().remove_training(id)?;
            outln!("Removed the training {id}.")?;
        }
    }
    Ok(())
}
