//! `incident …`: the incident log (GDPR Art. 33(5)) from the command line — enter a breach,
//! record the notification to the supervisory authority (with the reasons for a delay after
//! the 72 hours of Art. 33(1)), assess the risk, record that the people were told (Art. 34),
//! close, list with the deadline and where the notification stands.

use chrono::{DateTime, Local, Utc};
use clap::Subcommand;
use serde::Serialize;

use crate::domain::letters::Language;
use crate::domain::records::incident::{
    Art34Exception, Art34Ground, BreachRisk, CommunicationMethod, parse_time, time_left_words,
};
use crate::domain::records::{Incident, IncidentDetails, IncidentEntry, NotificationStatus};
use crate::services::{ServiceError, Session};

use super::dates::date;

fn time(text: &str, option: &str) -> anyhow::Result<DateTime<Utc>> {
    parse_time(option, text).map_err(anyhow::Error::msg)
}

fn parse_risk(text: &str) -> Result<BreachRisk, String> {
    BreachRisk::from_code(text).ok_or_else(|| {
        format!("{text:?} is not a risk level; use not-assessed, unlikely, risk or high-risk")
    })
}

fn parse_method(text: &str) -> Result<CommunicationMethod, String> {
    CommunicationMethod::from_code(text).ok_or_else(|| {
        let all: Vec<&str> = CommunicationMethod::ALL
            .into_iter()
            .map(CommunicationMethod::code)
            .collect();
        format!(
            "{text:?} is not a way of telling people; use {}",
            all.join(", ")
        )
    })
}

fn parse_ground(text: &str) -> Result<Art34Ground, String> {
    Art34Ground::from_code(text).ok_or_else(|| {
        format!("{text:?} is not a ground of GDPR Art. 34(3); use a (unintelligible, e.g. encrypted), b (high risk no longer likely) or c (disproportionate effort, with a public communication)")
    })
}

/// `incident …`
#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    /// Files kept sealed with the record: attach, attachment (save), attachments (list), detach.
    #[command(flatten)]
    Files(super::attachments::AttachmentCommand),
    /// Enter a personal data breach in the log; the 72-hour clock runs from --aware-at.
    Add {
        /// When you became aware of the breach: RFC 3339, or "YYYY-MM-DD HH:MM" in UTC.
        #[arg(long, value_name = "TIME")]
        aware_at: String,
        /// What happened, how it was found, what data and whom it concerns (stored encrypted).
        #[arg(long)]
        facts: String,
        /// Its effects and likely consequences for the people (stored encrypted).
        #[arg(long)]
        effects: String,
        /// What was done or is proposed about it (stored encrypted).
        #[arg(long)]
        remedial: String,
        /// The day it happened, when known (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        occurred_on: Option<String>,
        /// The risk to people: not-assessed (default), unlikely, risk, high-risk.
        #[arg(long, value_parser = parse_risk)]
        risk: Option<BreachRisk>,
    },
    /// Record that the supervisory authority was notified.
    Notify {
        /// The incident's reference (INC-0001).
        id: String,
        /// When it was notified: RFC 3339, or "YYYY-MM-DD HH:MM" in UTC.
        #[arg(long, value_name = "TIME")]
        at: String,
        /// Why it was not notified within 72 hours (required when late, GDPR Art. 33(1)).
        #[arg(long, value_name = "TEXT")]
        reason_for_delay: Option<String>,
    },
    /// Record the risk assessment (unlikely: no notification needed, Art. 33(1)).
    Assess {
        /// The incident's reference (INC-0001).
        id: String,
        /// not-assessed, unlikely, risk or high-risk.
        #[arg(long, value_parser = parse_risk)]
        risk: BreachRisk,
        /// Why (e.g. "the lost laptop was encrypted"; stored encrypted).
        #[arg(long, default_value = "")]
        reasoning: String,
    },
    /// Record that the people concerned were told (GDPR Art. 34(1)): when and how.
    #[command(alias = "people-told")]
    NotifyPeople {
        /// The incident's reference (INC-0001).
        id: String,
        /// The day they were told (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// How: email, letter, phone, in-app or public-notice.
        #[arg(long, value_parser = parse_method)]
        method: CommunicationMethod,
    },
    /// Record why the people need not be told (GDPR Art. 34(3)): a, b or c, with the reasons.
    Exception {
        /// The incident's reference (INC-0001).
        id: String,
        /// a: the data was unintelligible (e.g. encrypted); b: measures taken since mean the high
        /// risk is no longer likely; c: telling each person would be disproportionate.
        #[arg(long, value_parser = parse_ground)]
        ground: Art34Ground,
        /// Why the ground applies (stored encrypted).
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Ground c: the day of the public communication that informs the people instead.
        #[arg(long, value_name = "DATE")]
        public_notice_on: Option<String>,
    },
    /// Write the Art. 34 letter to the people concerned (nature of the breach, contact point,
    /// likely consequences, measures: GDPR Art. 34(2)).
    Letter {
        /// The incident's reference (INC-0001).
        id: String,
        /// The file to write (.txt, .html or .docx).
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
        /// The letter's language: en (default), de, fr or es.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Close an incident once the notification is decided and the record complete.
    Close {
        /// The incident's reference (INC-0001).
        id: String,
        /// The day (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// List the incident log with each notification deadline and status.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// An entry as `incident list --json` prints it.
#[derive(Serialize)]
struct IncidentJson<'a> {
    reference: String,
    #[serde(flatten)]
    incident: &'a Incident,
    deadline: DateTime<Utc>,
    status: NotificationStatus,
    time_left: Option<String>,
    people_to_tell: bool,
}

fn json_row(incident: &Incident, now: DateTime<Utc>) -> IncidentJson<'_> {
    let status = incident.entry.status(now);
    IncidentJson {
        reference: incident.reference(),
        deadline: incident.entry.deadline(),
        time_left: status
            .needs_decision()
            .then(|| time_left_words(incident.entry.deadline(), now)),
        status,
        people_to_tell: incident.entry.people_to_tell(),
        incident,
    }
}

fn print_list(session: &Session, json: bool, now: DateTime<Utc>) -> anyhow::Result<()> {
    let incidents = session.security().incidents()?;
    if json {
        let rows: Vec<IncidentJson<'_>> = incidents.iter().map(|i| json_row(i, now)).collect();
        outln!("{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(());
    }
    if incidents.is_empty() {
        outln!("The incident log is empty.")?;
        return Ok(());
    }
    for i in &incidents {
        let row = json_row(i, now);
        outln!(
            "{}  aware {}  deadline {}  {}{}{}{}",
            row.reference,
            i.entry.aware_at.format("%Y-%m-%d %H:%M UTC"),
            row.deadline.format("%Y-%m-%d %H:%M UTC"),
            row.status.label(),
            row.time_left.map(|t| format!(" ({t})")).unwrap_or_default(),
            if row.people_to_tell {
                "; tell the people (high risk)"
            } else {
                ""
            },
            i.closed_on
                .map(|d| format!("; closed {d}"))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}

/// Runs an `incident` command.
pub fn run(session: &mut Session, command: IncidentCommand) -> anyhow::Result<()> {
    let now = Utc::now();
    match command {
        IncidentCommand::Files(files) => {
            super::attachments::run(session, super::attachments::OwnerKind::Incident, files)?
        }
        IncidentCommand::Add {
            aware_at,
            facts,
            effects,
            remedial,
            occurred_on,
            risk,
        } => {
            let mut entry = IncidentEntry::new(
                time(&aware_at, "--aware-at")?,
                IncidentDetails {
                    facts,
                    effects,
                    remedial_action: remedial,
                    risk: risk.unwrap_or_default(),
                    ..IncidentDetails::default()
                },
            );
            entry.occurred_on = occurred_on
                .as_deref()
                .map(|d| date(d, "--occurred-on"))
                .transpose()?;
            let incident = session.security().record_incident(&entry, now)?;
            let status = incident.entry.status(now);
            outln!(
                "Entered {} in the incident log. Notify the supervisory authority by {} ({}).",
                incident.reference(),
                incident.entry.deadline().format("%Y-%m-%d %H:%M UTC"),
                if status.needs_decision() {
                    time_left_words(incident.entry.deadline(), now)
                } else {
                    status.label().to_lowercase()
                }
            )?;
        }
        IncidentCommand::Notify {
            id,
            at,
            reason_for_delay,
        } => {
            let id = session.security().find_incident(&id)?;
            let at = time(&at, "--at")?;
            let incident = session
                .security()
                .notify_authority(id, at, reason_for_delay.as_deref(), now)
                .map_err(|e| match &e {
                    ServiceError::Invalid { field, .. } if field == "Reason for delay" => {
                        anyhow::anyhow!("{e}; give them with --reason-for-delay TEXT")
                    }
                    _ => e.into(),
                })?;
            outln!(
                "Recorded that the supervisory authority was notified of {}: {}.",
                incident.reference(),
                incident.entry.status(now).label().to_lowercase()
            )?;
        }
        IncidentCommand::Assess {
            id,
            risk,
            reasoning,
        } => {
            let id = session.security().find_incident(&id)?;
            let Some(mut incident) = session.security().incident(id)? else {
                anyhow::bail!("the incident was not found");
            };
            incident.entry.details.risk = risk;
            if !reasoning.trim().is_empty() {
                incident.entry.details.risk_reasoning = reasoning.trim().to_owned();
            }
            let incident = session
                .security()
                .update_incident(id, &incident.entry, now)?;
            outln!(
                "Recorded the risk of {}: {}. {}.",
                incident.reference(),
                risk.label().to_lowercase(),
                incident.entry.status(now).label()
            )?;
        }
        IncidentCommand::NotifyPeople { id, on, method } => {
            let id = session.security().find_incident(&id)?;
            let on = match on {
                Some(d) => date(&d, "--on")?,
                None => Local::now().date_naive(),
            };
            let incident = session.security().notify_people(id, on, method, now)?;
            outln!(
                "Recorded that the people concerned by {} were told on {on} ({}).",
                incident.reference(),
                method.label().to_lowercase()
            )?;
        }
        IncidentCommand::Exception {
            id,
            ground,
            reason,
            public_notice_on,
        } => {
            let id = session.security().find_incident(&id)?;
            let exception = Art34Exception {
                ground,
                reason,
                public_notice_on: public_notice_on
                    .as_deref()
                    .map(|d| date(d, "--public-notice-on"))
                    .transpose()?,
            };
            let incident = session
                .security()
                .record_art34_exception(id, &exception, now)
                .map_err(|e| match &e {
                    ServiceError::Invalid { message, .. }
                        if message.contains("public communication") =>
                    {
                        anyhow::anyhow!("{e}; give it with --public-notice-on DATE")
                    }
                    _ => e.into(),
                })?;
            outln!(
                "Recorded the exception for {}: {}.",
                incident.reference(),
                ground.label()
            )?;
        }
        IncidentCommand::Letter { id, out, lang } => {
            let lang = Language::from_code(&lang).ok_or_else(|| {
                let all: Vec<&str> = Language::ALL.into_iter().map(Language::code).collect();
                anyhow::anyhow!(
                    "--lang: \"{lang}\" is not a language of the letters; use one of {}",
                    all.join(", ")
                )
            })?;
            let id = session.security().find_incident(&id)?;
            let letter =
                session
                    .security()
                    .breach_letter_in(id, lang, Local::now().date_naive())?;
            session.exports().export_breach_letter(id, &letter, &out)?;
            outln!("Wrote the Art. 34 letter to {}.", out.display())?;
        }
        IncidentCommand::Close { id, on } => {
            let id = session.security().find_incident(&id)?;
            let on = match on {
                Some(d) => date(&d, "--on")?,
                None => Local::now().date_naive(),
            };
            session
                .security()
                .close_incident(id, on, now)
                .map_err(|e| match &e {
                    ServiceError::Invalid { field, .. } if field == "Tell the people" => {
                        anyhow::anyhow!(
                            "{e}; use `incident notify-people ID --on DATE --method METHOD` or `incident exception ID --ground a|b|c --reason TEXT`"
                        )
                    }
                    _ => e.into(),
                })?;
            outln!("Closed the incident on {on}.")?;
        }
        IncidentCommand::List { json } => print_list(session, json, now)?,
    }
    Ok(())
}
