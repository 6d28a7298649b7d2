//! `vendor …`: the vendor register from the command line: list, add, show, review (the
//! due-diligence questionnaire's answers from a file or `--answer id=value`), remove, and the
//! questions themselves (`vendor questions --load FILE` replaces them with the officer's own,
//! `--reset` brings back the shipped ones).
//!
//! JSON output (field names are stable):
//! - `vendor list --json`: an array of `{code, name, role, countries, dpa, dpa_signed_on,
//!   rating, score, last_reviewed_on, next_review_on, due}`; `role` is `processor`,
//!   `sub-processor`, `independent-controller` or `joint-controller`; `dpa` is `not-needed`,
//!   `missing`, `requested` or `signed`; `rating` is `low`, `medium` or `high`, computed now;
//!   dates are `YYYY-MM-DD` or null; `due` is true when the next review is today or earlier.
//! - `vendor show --json`: the vendor's record (`code`, `name`, `role`, `services`,
//!   `data_categories`, `purposes`, `activities`, `countries`, `transfers` [{country,
//!   safeguard, note}], `dpa`, `dpa_signed_on`, `sub_processors` [{name, country, service}],
//!   `certifications`, `answers` {id: value}, `last_reviewed_on`, `next_review_on`, `notes`),
//!   then `rating` {level, score, reasons [{points, text}]}, `due`, `referred_by` and
//!   `assessments` (titles of the impact assessments that cover it).
//! - `vendor review --json`: `{code, rating, next_review_on}`.
//! - `vendor questions --json`: `{questions [{id, topic, text, guidance, kind, options
//!   [{value, label}], weight, risky}], thresholds {medium_at, high_at}, source}`; `source` is
//!   `{kind: "shipped"}` or `{kind: "loaded", file_name, loaded_on}`.

use std::path::PathBuf;

use anyhow::bail;
use chrono::{Local, NaiveDate};
use clap::Subcommand;
use serde_json::json;

use crate::domain::records::RecordCode;
use crate::domain::records::questionnaire::{AnswerKind, Answers};
use crate::services::Session;

use super::dates::date;
use super::vendor_input::{AddArgs, answers_file, vendor_from};

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// `vendor …`
#[derive(Debug, Subcommand)]
pub enum VendorCommand {
    /// Files kept sealed with the record: attach, attachment (save), attachments (list), detach.
    #[command(flatten)]
    Files(super::attachments::AttachmentCommand),
    /// List the vendors: role, countries, DPA, rating, next review.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Add a vendor (a new vendor is due for review today).
    Add(Box<AddArgs>),
    /// Show a vendor with its rating and the reasons for it.
    Show {
        /// The vendor's code (from `vendor list`).
        code: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Record a due-diligence review: the answers replace the previous ones; questions left
    /// out count as risky.
    Review {
        /// The vendor's code.
        code: String,
        /// A TOML or JSON file of answers: `question-id = "value"` (yes/no answers may be
        /// true/false).
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
        /// One answer, `question-id=value`; repeat it. Overrides the file's answer.
        #[arg(long = "answer", value_name = "ID=VALUE")]
        answer: Vec<String>,
        /// The day of the review (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print the due-diligence questions, their ids and accepted answers, and which
    /// questionnaire is in use; or replace it with your own file, or go back to the shipped one.
    Questions {
        /// Use the questionnaire in this TOML file (the format of the shipped
        /// vendor_questionnaire.toml) instead of the shipped one.
        #[arg(long, value_name = "FILE", conflicts_with = "reset")]
        load: Option<PathBuf>,
        /// Use the questionnaire shipped with Privacy Desk again.
        #[arg(long)]
        reset: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Remove a vendor no activity or system refers to.
    Remove {
        /// The vendor's code.
        code: String,
    },
}

fn code_arg(code: &str) -> anyhow::Result<RecordCode> {
    RecordCode::parse(code.trim()).map_err(|m| anyhow::anyhow!("vendor {m}"))
}

fn or_dash(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "-".to_owned(), |d| d.to_string())
}

/// Runs a vendor command.
pub fn run(session: &mut Session, command: VendorCommand) -> anyhow::Result<()> {
    let today = today();
    match command {
        VendorCommand::Files(files) => {
            super::attachments::run(session, super::attachments::OwnerKind::Vendor, files)?
        }
        VendorCommand::List { json } => {
            let rows = session.vendors().vendor_summaries(today)?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&rows)?)?;
            } else if rows.is_empty() {
                outln!("No vendors yet. `vendor add --name NAME` adds one.")?;
            } else {
                for r in &rows {
                    outln!(
                        "{:<24} {:<28} {:<22} DPA {:<10} {:<6} next review {}{}  {}",
                        r.code,
                        r.name,
                        r.role.code(),
                        r.dpa.code(),
                        r.rating.code(),
                        or_dash(r.next_review_on),
                        if r.due { " (due)" } else { "" },
                        r.countries.join(", ")
                    )?;
                }
            }
        }
        VendorCommand::Add(args) => {
            let v = vendor_from(&args)?;
            let v = session.vendors().save_vendor(&v, true, today)?;
            outln!(
                "Added the vendor {} ({}). Its due-diligence review is due {}: `vendor review {}`.",
                v.name,
                v.code,
                or_dash(v.next_review_on),
                v.code
            )?;
        }
        VendorCommand::Show { code, json } => {
            let d = session.vendors().vendor_detail(&code_arg(&code)?, today)?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&d)?)?;
                return Ok(());
            }
            let v = &d.vendor;
            outln!("{} ({})", v.name, v.code)?;
            outln!("Role:          {}", v.role.label())?;
            outln!("Services:      {}", v.services)?;
            for l in v.locations() {
                outln!(
                    "Country:       {}{}",
                    l.country,
                    l.safeguard
                        .map(|s| format!(" (transfer: {})", s.label()))
                        .unwrap_or_default()
                )?;
            }
            outln!(
                "DPA:           {}{}",
                v.dpa.label(),
                v.dpa_signed_on
                    .map(|d| format!(" on {d}"))
                    .unwrap_or_default()
            )?;
            outln!(
                "Rating:        {} (score {})",
                d.rating.level.label(),
                d.rating.score
            )?;
            for r in &d.rating.reasons {
                outln!("  +{:<2} {}", r.points, r.text)?;
            }
            outln!("Last review:   {}", or_dash(v.last_reviewed_on))?;
            outln!(
                "Next review:   {}{}",
                or_dash(v.next_review_on),
                if d.due { " (due)" } else { "" }
            )?;
            for r in &d.referred_by {
                outln!("Referred to by {r}")?;
            }
            for a in &d.assessments {
                outln!("Assessed in   {a}")?;
            }
        }
        VendorCommand::Review {
            code,
            answers,
            answer,
            on,
            json,
        } => {
            let mut given = match &answers {
                Some(file) => answers_file(file)?,
                None => Answers::new(),
            };
            for a in &answer {
                let Some((id, value)) = a.split_once('=') else {
                    bail!("--answer: write it as question-id=value (got {a:?})");
                };
                given.insert(id.trim().to_owned(), value.trim().to_owned());
            }
            if given.is_empty() {
                bail!(
                    "give the answers with --answers FILE or --answer id=value; `vendor questions` lists the questions"
                );
            }
            let on = on.as_deref().map_or(Ok(today), |d| date(d, "--on"))?;
            let (v, rating) = session
                .vendors()
                .review_vendor(&code_arg(&code)?, &given, on)?;
            if json {
                let out = json!({
                    "code": v.code,
                    "rating": rating,
                    "next_review_on": v.next_review_on,
                });
                outln!("{}", serde_json::to_string_pretty(&out)?)?;
            } else {
                outln!(
                    "Reviewed {}: rating {} (score {}). Next review {}.",
                    v.name,
                    rating.level.label(),
                    rating.score,
                    or_dash(v.next_review_on)
                )?;
                for r in &rating.reasons {
                    outln!("  +{:<2} {}", r.points, r.text)?;
                }
            }
        }
        VendorCommand::Questions { load, reset, json } => {
            if let Some(file) = &load {
                let q = session.vendors().load_vendor_questionnaire(file, today)?;
                outln!(
                    "Loaded the questionnaire from {}: {} questions. Vendors keep their answers; new questions count as not answered until their next review.",
                    file.display(),
                    q.questions.len()
                )?;
                return Ok(());
            }
            if reset {
                if session.vendors().restore_shipped_vendor_questionnaire()? {
                    outln!("The questionnaire shipped with Privacy Desk is in use again.")?;
                } else {
                    outln!("The questionnaire shipped with Privacy Desk is already in use.")?;
                }
                return Ok(());
            }
            let in_use = session.vendors().vendor_questionnaire_in_use()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&in_use)?)?;
                return Ok(());
            }
            let q = &in_use.questionnaire;
            outln!(
                "In use: {} ({} questions).",
                in_use.source.describe(),
                q.questions.len()
            )?;
            for question in &q.questions {
                let accepts = match question.kind {
                    AnswerKind::YesNo => "yes | no".to_owned(),
                    AnswerKind::Text => "free text".to_owned(),
                    AnswerKind::Choice => question
                        .options
                        .iter()
                        .map(|o| o.value.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                };
                outln!("{:<24} {}", question.id, question.text)?;
                outln!("{:<24} answers: {accepts}", "")?;
            }
        }
        VendorCommand::Remove { code } => {
            let code = code_arg(&code)?;
            session.vendors().remove_vendor(&code)?;
            outln!("Removed the vendor {code}.")?;
        }
    }
    Ok(())
}
