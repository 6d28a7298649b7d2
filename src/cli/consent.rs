//! `subject add | show`, `consent record`, `purpose list`.

use anyhow::Context;
use chrono::{DateTime, NaiveDateTime, Utc};
use clap::{Args, Subcommand};
use serde_json::json;

use super::find_subject::one_subject;
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, ConsentState, Evidence};
use crate::domain::customer::CustomerRelationship;
use crate::domain::purpose::PurposeCode;
use crate::domain::subject::{SubjectDates, SubjectDraft};
use crate::services::Session;

/// Parses a time given on the command line: RFC 3339, or "YYYY-MM-DD HH:MM:SS" in UTC.
pub fn parse_time(text: &str) -> anyhow::Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(t.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M:%S")
        .map(|t| t.and_utc())
        .with_context(|| {
            format!("{text:?} is not a time; use RFC 3339 (2026-11-29T10:00:00Z) or \"2026-11-29 10:00:00\" (UTC)")
        })
}

fn short_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Runs a subject command.
pub fn subject(session: &mut Session, command: SubjectCommand) -> anyhow::Result<()> {
    match command {
        SubjectCommand::Add(a) => {
            let draft = SubjectDraft {
                email: a.email,
                name: a.name,
                phone: a.phone,
                postal_address: a.address,
                customer_ref: a.customer_ref,
                notes: a.notes,
                tags: a.tags,
            };
            let dates = subject_dates(a.recorded_on, a.customer_since, a.customer_until);
            let id = session.subjects().add_subject_with(
                &draft,
                &dates,
                chrono::Local::now().date_naive(),
            )?;
            outln!("Added subject {id}.")?;
        }
        SubjectCommand::Correct(args) => super::subject_correct::run(session, *args)?,
        SubjectCommand::SetAge(args) => super::children::set_age(session, *args)?,
        SubjectCommand::Show {
            email,
            json,
            with_parent_names,
        } => {
            let s = one_subject(session, &email)?;
            let child = session.consent().child_view(s.id, with_parent_names)?;
            let consents = session.consent().current_consents(s.id)?;
            let timeline = session.consent().consent_timeline(s.id)?;
            let undeliverable = session.consent().undeliverable_since(s.id)?;
            let customer = session.retention().customer_relationship(s.id)?;
            let ccpa = crate::domain::consent::ccpa_choices(&timeline);
            if json {
                let consents: Vec<_> = consents
                    .iter()
                    .filter(|(_, state)| *state != ConsentState::NoRecord)
                    .map(|(row, state)| {
                        json!({
                            "purpose": row.purpose.code,
                            "state": state.code(),
                            "since": state.since().map(short_time),
                            "channel": match state {
                                ConsentState::Given { channel, .. } => Some(channel.code()),
                                _ => None,
                            },
                        })
                    })
                    .collect();
                let doc = json!({
                    "id": s.id,
                    "email": s.fields.email,
                    "name": s.fields.name,
                    "phone": s.fields.phone,
                    "postal_address": s.fields.postal_address,
                    "customer_ref": s.fields.customer_ref,
                    "tags": s.fields.tags,
                    "undeliverable_since": undeliverable.map(short_time),
                    "created_at": s.created_at.to_rfc3339(),
                    "customer_since": customer.since,
                    "customer_until": customer.until,
                    "ccpa": {
                        "sale_or_share_opted_out_since": ccpa.sale_or_share_opted_out_since.map(short_time),
                        "sensitive_limited_since": ccpa.sensitive_limited_since.map(short_time),
                        "may_ask_again_from": ccpa.may_ask_again_from.map(short_time),
                    },
                    "consents": consents,
                    "timeline": timeline,
                });
                let (age, authorisations) = super::children::json_of(&child);
                let mut doc = doc;
                if let Some(map) = doc.as_object_mut() {
                    map.insert("age".into(), age);
                    map.insert("parental_authorisations".into(), authorisations);
                }
                outln!("{}", serde_json::to_string_pretty(&doc)?)?;
            } else {
                outln!("Subject {}", s.id)?;
                outln!("  email:  {}", s.fields.email)?;
                outln!("  name:   {}", s.fields.name)?;
                if !s.fields.tags.is_empty() {
                    outln!("  tags:   {}", s.fields.tags)?;
                }
                for line in super::children::text_of(&child) {
                    outln!("{line}")?;
                }
                if customer != CustomerRelationship::default() {
                    outln!("  {}", customer.describe(chrono::Local::now().date_naive()))?;
                }
                if let Some(since) = undeliverable {
                    outln!(
                        "  email undeliverable since {} (bounced; not a withdrawal)",
                        short_time(since)
                    )?;
                }
                if let Some(from) = ccpa.may_ask_again_from {
                    outln!(
                        "  CCPA: opted out of sale/sharing or limited sensitive use; do not ask them to opt in again before {} (Cal. Civ. Code § 1798.135(c)(4)); only a two-step opt-in lifts an opt-out (11 CCR § 7028(a))",
                        short_time(from)
                    )?;
                }
                outln!("Consent now:")?;
                for (row, state) in &consents {
                    let since = state
                        .since()
                        .map(|t| format!(" since {}", short_time(t)))
                        .unwrap_or_default();
                    outln!("  {:<28} {}{since}", row.purpose.code, state.code())?;
                }
                outln!("Ledger:")?;
                for e in &timeline {
                    outln!(
                        "  {}  {:<30} {:<24} {:<20} notice v{}  by {}",
                        short_time(e.at),
                        e.kind.code(),
                        e.purpose
                            .as_ref()
                            .map_or("(person-wide)", PurposeCode::as_str),
                        e.channel.code(),
                        e.notice_version.map_or("-".into(), |v| v.to_string()),
                        e.recorded_by
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// Runs a consent command.
pub fn consent(session: &mut Session, command: ConsentCommand) -> anyhow::Result<()> {
    let ConsentCommand::Record(a) = command;
    let kind = ConsentEventKind::from_code(&a.event).with_context(|| {
        let all: Vec<&str> = ConsentEventKind::ALL.iter().map(|k| k.code()).collect();
        format!(
            "--event {:?} is not known; use one of {}",
            a.event,
            all.join(", ")
        )
    })?;
    let channel = Channel::from_code(&a.channel).with_context(|| {
        let all: Vec<&str> = Channel::ALL.iter().map(|c| c.code()).collect();
        format!(
            "--channel {:?} is not known; use one of {}",
            a.channel,
            all.join(", ")
        )
    })?;
    let purpose = a
        .purpose
        .as_deref()
        .map(PurposeCode::parse)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--purpose: {e}"))?;
    let at = match &a.at {
        Some(t) => parse_time(t).context("--at")?,
        None => Utc::now(),
    };
    let notice_version = match (a.notice_version, &purpose, kind) {
        (Some(v), _, _) => Some(v),
        (None, Some(code), ConsentEventKind::Given | ConsentEventKind::Refreshed) => session
            .consent()
            .purposes()?
            .into_iter()
            .find(|p| &p.purpose.code == code)
            .map(|p| p.current_notice),
        _ => None,
    };
    let authorisation = super::children::authorisation(
        a.parental_authorisation_by.as_deref(),
        a.verified_by.as_deref(),
        a.authorised_on.as_deref(),
    )?;
    let subject = one_subject(session, &a.email)?;
    let event = ConsentEvent {
        purpose,
        kind,
        at,
        channel,
        notice_version,
        evidence: Evidence {
            form_id: a.form_id,
            ip: a.ip,
            confirmed_at: match a.confirmed_at.trim() {
                "" => String::new(),
                t => short_time(parse_time(t).context("--confirmed-at")?),
            },
            document_ref: a.document_ref,
            note: a.note,
        },
        recorded_by: String::new(),
    };
    let id = match &authorisation {
        Some(auth) => session
            .consent()
            .record_consent_authorised(subject.id, &event, auth)?,
        None => session.consent().record_consent(subject.id, &event)?,
    };
    outln!(
        "Recorded {} (event {id}){}.",
        kind.code(),
        authorisation.map_or(String::new(), |a| format!(
            " with a parent's authorisation verified by {}",
            a.method.code()
        ))
    )?;
    Ok(())
}

/// Runs a purpose command.
pub fn purpose(session: &Session, command: PurposeCommand) -> anyhow::Result<()> {
    let PurposeCommand::List { json } = command;
    let purposes = session.consent().purposes()?;
    if json {
        let list: Vec<_> = purposes
            .iter()
            .map(|p| json!({ "purpose": p.purpose, "current_notice": p.current_notice }))
            .collect();
        outln!("{}", serde_json::to_string_pretty(&list)?)?;
    } else {
        for p in purposes {
            outln!(
                "{:<28} {:<40} notice v{}{}",
                p.purpose.code,
                p.purpose.legal_basis.label(),
                p.current_notice,
                if p.purpose.ccpa_sale_or_share {
                    "  (CCPA sale/share)"
                } else {
                    ""
                }
            )?;
        }
    }
    Ok(())
}

/// `subject …`
#[derive(Debug, Subcommand)]
pub enum SubjectCommand {
    /// Add a data subject.
    Add(Box<SubjectAddArgs>),
    /// Correct a subject's details (rectification): give the fields to change.
    Correct(Box<super::subject_correct::SubjectCorrectArgs>),
    /// Show a subject (found by email, case and spaces ignored) with their consents.
    Show {
        /// Their email address.
        email: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Show the names of the parents who authorised a child's consents (left out unless
        /// asked for).
        #[arg(long)]
        with_parent_names: bool,
    },
    /// Record a person's age (GDPR Art. 8; Cal. Civ. Code § 1798.120(c)): a birth year or an
    /// age band, as stated by them or verified.
    SetAge(Box<super::children::SetAgeArgs>),
}

/// Options of `subject add`.
#[derive(Debug, Args)]
pub struct SubjectAddArgs {
    /// Email address.
    #[arg(long)]
    pub email: String,
    /// Full name.
    #[arg(long, default_value = "")]
    pub name: String,
    /// Telephone number.
    #[arg(long, default_value = "")]
    pub phone: String,
    /// Postal address.
    #[arg(long, default_value = "")]
    pub address: String,
    /// Your own customer reference.
    #[arg(long, default_value = "")]
    pub customer_ref: String,
    /// Free-text notes.
    #[arg(long, default_value = "")]
    pub notes: String,
    /// Tags, comma-separated ("wholesale, vip").
    #[arg(long, default_value = "")]
    pub tags: String,
    /// The day the person's data was first collected (YYYY-MM-DD), when earlier than today:
    /// retention counts from it.
    #[arg(long, value_name = "DATE", value_parser = parse_recorded_on)]
    pub recorded_on: Option<chrono::NaiveDate>,
    /// The day the person became a customer (YYYY-MM-DD): marketing retention rules never
    /// remove a current customer.
    #[arg(long, value_name = "DATE", value_parser = parse_recorded_on)]
    pub customer_since: Option<chrono::NaiveDate>,
    /// The day the customer relationship ended (YYYY-MM-DD), with --customer-since.
    #[arg(
        long,
        value_name = "DATE",
        value_parser = parse_recorded_on,
        requires = "customer_since"
    )]
    pub customer_until: Option<chrono::NaiveDate>,
}

fn subject_dates(
    recorded_on: Option<chrono::NaiveDate>,
    since: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
) -> SubjectDates {
    SubjectDates {
        recorded_on,
        customer: CustomerRelationship { since, until },
    }
}

fn parse_recorded_on(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date; write it as YYYY-MM-DD"))
}

/// `consent …`
#[derive(Debug, Subcommand)]
pub enum ConsentCommand {
    /// Record a consent event for the subject with this email.
    Record(Box<ConsentRecordArgs>),
}

/// Options of `consent record`.
#[derive(Debug, Args)]
pub struct ConsentRecordArgs {
    /// The subject's email address.
    pub email: String,
    /// The purpose code (not needed for opted_out_of_sale_or_sharing, opted_in_to_sale_or_sharing,
    /// limited_sensitive_use, global_privacy_control).
    #[arg(long)]
    pub purpose: Option<String>,
    /// What happened: given, withdrawn, refreshed, expired, opted_out_of_sale_or_sharing,
    /// opted_in_to_sale_or_sharing, limited_sensitive_use, global_privacy_control,
    /// sign_up_pending (a double opt-in email sent and not yet followed).
    #[arg(long)]
    pub event: String,
    /// How: web-form, double-opt-in-email, paper, phone, in-store, import, browser-signal.
    #[arg(long)]
    pub channel: String,
    /// When it happened: RFC 3339 or "YYYY-MM-DD HH:MM:SS" in UTC (default: now).
    #[arg(long)]
    pub at: Option<String>,
    /// The notice version shown (default: the purpose's current one, for given/refreshed).
    #[arg(long)]
    pub notice_version: Option<u32>,
    /// Evidence: the form or campaign.
    #[arg(long, default_value = "")]
    pub form_id: String,
    /// Evidence: the IP address.
    #[arg(long, default_value = "")]
    pub ip: String,
    /// Evidence: when a double opt-in was confirmed.
    #[arg(long, default_value = "")]
    pub confirmed_at: String,
    /// Evidence: a reference to a document (scan, recording).
    #[arg(long, default_value = "")]
    pub document_ref: String,
    /// Evidence: a note.
    #[arg(long, default_value = "")]
    pub note: String,
    /// A child's consent: the parent or guardian who authorised it (GDPR Art. 8(1); Cal. Civ.
    /// Code § 1798.120(c)), with --verified-by.
    #[arg(long, value_name = "NAME")]
    pub parental_authorisation_by: Option<String>,
    /// How the parent's authorisation was verified: signed-form, payment-card, phone-call,
    /// video-call, in-person, government-id, parent-email (GDPR only).
    #[arg(long, value_name = "METHOD")]
    pub verified_by: Option<String>,
    /// The day the parent authorised it (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    pub authorised_on: Option<String>,
}

/// `purpose …`
#[derive(Debug, Subcommand)]
pub enum PurposeCommand {
    /// List the purposes with their legal basis and current notice version.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}
