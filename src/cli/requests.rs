//! `request …`, `erase` and `holiday …`: data-subject requests from the command line.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};

use crate::domain::request::fee::{self, FeeReason};
use crate::domain::request::know::{self, KnowVerification};
use crate::domain::request::{
    RefusalGround, RequestChannel, RequestDraft, RequestType, Requester, regime_code,
    regime_from_code,
};
use crate::services::{InboxRow, Session};

use super::dates::{date, date_or_today, today};
use super::request_show::{RequestJson, row_json};

/// `request …`
#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Files kept sealed with the record: attach, attachment (save), attachments (list), detach.
    #[command(flatten)]
    Files(super::attachments::AttachmentCommand),
    /// Take in a request; prints the new request's reference alone on the last line.
    Open(Box<OpenArgs>),
    /// Identity or clarification was asked for: the GDPR clock waits for the answer. Not for
    /// CCPA opt-out and limit requests, which need no verification.
    AskIdentity {
        /// The request's reference (R-0001) or id.
        id: String,
        /// The day it was asked for (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
    },
    /// Receipt of a CCPA request to know, delete or correct was confirmed (within 10 business
    /// days, 11 CCR § 7021(a)).
    Acknowledge {
        /// The request's reference (R-0001) or id.
        id: String,
        /// The day receipt was confirmed (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
    },
    /// The person was asked to clarify their request: under the UK GDPR the clock stops until
    /// the answer (Art. 12A); under the EU GDPR and the CCPA it keeps running.
    AskClarification {
        /// The request's reference (R-0001) or id.
        id: String,
        /// The day it was asked for (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
    },
    /// The clarification asked for arrived on this day; under the UK GDPR the days since the
    /// question are added to the due date.
    Clarified {
        /// The request's reference (R-0001) or id.
        id: String,
        /// The day it arrived (YYYY-MM-DD).
        #[arg(long)]
        on: String,
    },
    /// The identity or clarification asked for arrived on this day; a GDPR clock runs from it
    /// (never from before the day it was asked). Refused when nothing was asked: use `start`.
    Verify {
        /// The request's reference (R-0001) or id.
        id: String,
        /// The day it arrived (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
        /// CCPA requests to know: how many pieces of information the person gave matched
        /// reliable data we hold (2 allow categories, 3 with a signed declaration allow
        /// specific pieces; 11 CCR § 7062(b)–(c)).
        #[arg(long, value_name = "N")]
        data_points: Option<u32>,
        /// CCPA requests to know: a declaration signed under penalty of perjury arrived.
        #[arg(long)]
        signed_declaration: bool,
    },
    /// Record a reasonable fee asked for instead of refusing a manifestly unfounded or
    /// excessive request, or for further copies (GDPR Art. 12(5)(a), 15(3); Cal. Civ. Code
    /// § 1798.145(h)(3)). Refused where the law allows no fee (withdrawal of consent,
    /// objection to direct marketing, CCPA opt-out and limit).
    ChargeFee {
        /// The request's reference (R-0001) or id.
        id: String,
        /// The amount, like 10 or 12.50.
        #[arg(long)]
        amount: String,
        /// Why: further-copy, manifestly-unfounded or excessive.
        #[arg(long)]
        reason: String,
        /// EUR, GBP or USD (default: the regime's).
        #[arg(long)]
        currency: Option<String>,
        /// The day the fee was asked for (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
    },
    /// Start work on a request that needed no identity or clarification (the clock keeps the
    /// day of receipt).
    Start {
        /// The request's reference (R-0001) or id.
        id: String,
    },
    /// Extend the deadline (two more months under the GDPR, 45 days under the CCPA); refused
    /// when the person was told after the first period.
    Extend {
        /// The request's reference (R-0001) or id.
        id: String,
        /// Why more time is needed (told to the person).
        #[arg(long)]
        reason: String,
        /// The day the person was told (YYYY-MM-DD; default today).
        #[arg(long)]
        notified_on: Option<String>,
    },
    /// Mark a request completed. With tasks still open (`request show`), give --reason.
    Complete {
        /// The request's reference (R-0001) or id.
        id: String,
        /// What was done, in words.
        #[arg(long, default_value = "")]
        outcome: String,
        /// The day (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
        /// Why tasks stay open (kept, sealed, on each open task).
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Mark a task of the request (a system or vendor to reach, numbered as `request show`
    /// lists them) done or not applicable, with the day and a note.
    Task(super::request_tasks::TaskArgs),
    /// Refuse a request on a ground: manifestly-unfounded, excessive, identity-not-verified,
    /// exemption or suspected-fraud, optionally followed by ": facts"; any other text is taken
    /// as an exemption. Only the grounds the law allows for the request's type are accepted
    /// (`request show` lists them).
    Refuse {
        /// The request's reference (R-0001) or id.
        id: String,
        /// The ground.
        #[arg(long)]
        ground: String,
        /// The day (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
    },
    /// Record what an objection (Art. 21(1)) does to one purpose on legitimate interests or a
    /// public task: stopped (the default until grounds are recorded), or `--continue GROUND`
    /// (compelling-grounds or legal-claims) with `--reason`. Direct marketing always stops
    /// (Art. 21(3)).
    Object {
        /// The objection request's reference (R-0001) or id.
        id: String,
        /// The purpose's code (`purpose list`).
        #[arg(long)]
        purpose: String,
        /// Processing continues on this ground: compelling-grounds or legal-claims.
        #[arg(long = "continue", value_name = "GROUND")]
        continue_on: Option<String>,
        /// The grounds demonstrated and why they override the person's interests (sealed).
        #[arg(long, default_value = "")]
        reason: String,
        /// The purpose is direct marketing: processing must stop (Art. 21(2)-(3)).
        #[arg(long)]
        direct_marketing: bool,
        /// The day decided (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
    },
    /// Fulfil an erasure or delete request in part: without --keep, list the exceptions
    /// (GDPR Art. 17(3); CCPA § 1798.105(d)) and the parts kept; with --keep, record them.
    Partial {
        /// The erasure or delete request's reference (R-0001) or id.
        id: String,
        /// A part kept and its exception: a system of the inventory or a data category code,
        /// `=`, an exception code (e.g. invoices=legal-obligation); repeat it.
        #[arg(long, value_name = "PART=EXCEPTION")]
        keep: Vec<String>,
        /// Why the exceptions apply to this person's data (sealed).
        #[arg(long, default_value = "")]
        reason: String,
        /// The day decided (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
    },
    /// The person withdrew the request.
    Withdraw {
        /// The request's reference (R-0001) or id.
        id: String,
    },
    /// List requests by deadline.
    List {
        /// Only overdue requests.
        #[arg(long)]
        overdue: bool,
        /// Only open requests due within this many days (overdue ones included).
        #[arg(long, value_name = "DAYS")]
        due_within: Option<i64>,
        /// Closed requests too.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Show one request with its deadline and history.
    Show {
        /// The request's reference (R-0001) or id.
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write a letter about the request (acknowledgement, identity-request, extension-notice,
    /// completion, refusal; recipient-notice to one --vendor) as .txt, .html or .docx (Word,
    /// to edit).
    Letter {
        /// The request's reference (R-0001) or id.
        id: String,
        /// Which letter.
        #[arg(long)]
        kind: String,
        /// The file to write (.txt, .html or .docx).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The letter's language: en, de, fr or es (default: the one recorded on the request
        /// with `request set-language`, else en).
        #[arg(long)]
        lang: Option<String>,
        /// With --kind recipient-notice: the vendor told (its name or code).
        #[arg(long)]
        vendor: Option<String>,
    },
    /// Record the language the request's letters are written in (`request letter` uses it
    /// when --lang is not given).
    SetLanguage {
        /// The request's reference (R-0001) or id.
        id: String,
        /// en, de, fr or es.
        #[arg(long)]
        lang: String,
    },
}

/// Options of `request open`.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// access, rectification, erasure, restriction, portability, objection, withdraw-consent
    /// (GDPR, UK GDPR); know, delete, correct, opt-out, limit (CCPA).
    #[arg(long = "type")]
    pub kind: String,
    /// gdpr, uk-gdpr or ccpa.
    #[arg(long)]
    pub regime: String,
    /// The person's email address (their record is found, or created).
    #[arg(long)]
    pub email: String,
    /// The day the request arrived (YYYY-MM-DD).
    #[arg(long)]
    pub received: String,
    /// email, letter, web-form, phone, in-person, other (default email).
    #[arg(long, default_value = "email")]
    pub channel: String,
    /// The requester's name.
    #[arg(long, default_value = "")]
    pub name: String,
    /// An authorised agent acting for the person.
    #[arg(long, default_value = "")]
    pub agent: String,
    /// The agent's evidence of authority (required with --agent).
    #[arg(long, default_value = "")]
    pub agent_evidence: String,
    /// What was asked, in your words.
    #[arg(long, default_value = "")]
    pub details: String,
}

/// Runs a request command.
pub fn run(session: &mut Session, command: RequestCommand) -> anyhow::Result<()> {
    match command {
        RequestCommand::Files(files) => {
            super::attachments::run(session, super::attachments::OwnerKind::Request, files)?
        }
        RequestCommand::Open(a) => {
            let regime = regime_from_code(&a.regime).with_context(|| {
                format!(
                    "--regime: \"{}\" is not a regime; use gdpr, uk-gdpr or ccpa",
                    a.regime
                )
            })?;
            let kind = RequestType::from_code(&a.kind).with_context(|| {
                let valid: Vec<&str> = RequestType::for_regime(regime)
                    .into_iter()
                    .map(RequestType::code)
                    .collect();
                format!(
                    "--type: \"{}\" is not a request type; under {} use one of {}",
                    a.kind,
                    a.regime,
                    valid.join(", ")
                )
            })?;
            let channel = RequestChannel::from_code(&a.channel).with_context(|| {
                format!("--channel: \"{}\" is not a channel; use email, letter, web-form, phone, in-person or other", a.channel)
            })?;
            let draft = RequestDraft {
                regime,
                kind,
                received: date(&a.received, "--received")?,
                channel,
                email: a.email.clone(),
                requester: Requester {
                    name: a.name.clone(),
                    agent_name: a.agent.clone(),
                    agent_evidence: a.agent_evidence.clone(),
                },
                details: a.details.clone(),
            };
            let (id, reference) = session.requests().open_request(&draft, today())?;
            let detail = session.requests().request_detail(id, today())?;
            outln!(
                "Took in {} ({} {}), due {}.",
                reference,
                regime_code(regime),
                kind.code(),
                detail.deadline.due
            )?;
            if session.requests().repeat_within_12_months(id)? {
                outln!("Warning: {}", crate::domain::request::repeat::WARNING)?;
            }
            outln!("{reference}")?;
        }
        RequestCommand::AskIdentity { id, on } => {
            let id = session.requests().find_request(&id)?;
            let on = date_or_today(on.as_deref(), "--on")?;
            session.requests().ask_identity(id, on, today())?;
            let d = session.requests().request_detail(id, today())?;
            if d.deadline.rule.restarts_on_identity() {
                outln!(
                    "Recorded that identity or clarification was asked for; the clock waits for the answer."
                )?;
            } else {
                outln!(
                    "Recorded that identity was asked for; under the CCPA the clock keeps running: the answer is still due {}.",
                    d.deadline.due
                )?;
            }
        }
        RequestCommand::Acknowledge { id, on } => {
            let id = session.requests().find_request(&id)?;
            let on = date_or_today(on.as_deref(), "--on")?;
            session.requests().acknowledge_request(id, on, today())?;
            outln!("Recorded that receipt was confirmed on {on}.")?;
        }
        RequestCommand::AskClarification { id, on } => {
            let id = session.requests().find_request(&id)?;
            let on = date_or_today(on.as_deref(), "--on")?;
            session.requests().ask_clarification(id, on, today())?;
            let d = session.requests().request_detail(id, today())?;
            outln!(
                "Recorded that a clarification was asked for on {on}. {}",
                crate::domain::request::clarification::explain(
                    d.request.regime,
                    d.request.received
                )
            )?;
        }
        RequestCommand::Clarified { id, on } => {
            let id = session.requests().find_request(&id)?;
            let on = date_or_today(Some(&on), "--on")?;
            let added = session.requests().clarified(id, on, today())?;
            let d = session.requests().request_detail(id, today())?;
            outln!(
                "Clarification recorded as received on {on}; {added} days added; the answer is due {}.",
                d.deadline.due
            )?;
        }
        RequestCommand::Verify {
            id,
            on,
            data_points,
            signed_declaration,
        } => {
            let id = session.requests().find_request(&id)?;
            let on = date_or_today(on.as_deref(), "--on")?;
            let verification = match (data_points, signed_declaration) {
                (None, false) => None,
                (points, declaration) => Some(KnowVerification {
                    data_points: know::check_data_points(points.unwrap_or(0))
                        .map_err(anyhow::Error::msg)?,
                    signed_declaration: declaration,
                }),
            };
            session
                .requests()
                .verify_request_with(id, on, today(), verification)?;
            let d = session.requests().request_detail(id, today())?;
            outln!(
                "Identity recorded as received on {on}; the answer is due {}.",
                d.deadline.due
            )?;
            if let Some((_, level)) = session.requests().know_verification(id)? {
                outln!("Verification: {} — {}", level.code(), level.explain())?;
            }
        }
        RequestCommand::ChargeFee {
            id,
            amount,
            reason,
            currency,
            on,
        } => {
            let id = session.requests().find_request(&id)?;
            let reason = FeeReason::from_code(&reason).with_context(|| {
                let all: Vec<&str> = FeeReason::ALL.into_iter().map(FeeReason::code).collect();
                format!(
                    "--reason: \"{reason}\" is not a reason; use one of {}",
                    all.join(", ")
                )
            })?;
            let minor = fee::parse_amount(&amount).map_err(anyhow::Error::msg)?;
            let on = date_or_today(on.as_deref(), "--on")?;
            let fee = session.requests().charge_fee(
                id,
                reason,
                minor,
                currency.as_deref(),
                on,
                today(),
            )?;
            outln!(
                "Fee of {} {} recorded for {}.",
                fee::format_amount(fee.minor),
                fee.currency,
                reason.label(
                    session
                        .requests()
                        .request_detail(id, today())?
                        .request
                        .regime
                )
            )?;
        }
        RequestCommand::Start { id } => {
            let id = session.requests().find_request(&id)?;
            session.requests().start_work(id)?;
            let d = session.requests().request_detail(id, today())?;
            outln!(
                "Work started; the clock keeps the day of receipt: the answer is due {}.",
                d.deadline.due
            )?;
        }
        RequestCommand::Extend {
            id,
            reason,
            notified_on,
        } => {
            let id = session.requests().find_request(&id)?;
            let notified = date_or_today(notified_on.as_deref(), "--notified-on")?;
            let due = session
                .requests()
                .extend_request(id, &reason, notified, today())?;
            outln!("Extended; the answer is now due {due}.")?;
        }
        RequestCommand::Complete {
            id,
            outcome,
            on,
            reason,
        } => {
            let id = session.requests().find_request(&id)?;
            let on = date_or_today(on.as_deref(), "--on")?;
            if reason.trim().is_empty()
                && let Some(open) = session.requests().open_tasks(id)?
            {
                anyhow::bail!(
                    "tasks are still open: {open}. Mark each with `request task ID N --done` or `--not-applicable`, or give --reason saying why they stay open."
                );
            }
            let open = session
                .requests()
                .complete_request_with_reason(id, &outcome, on, &reason)?;
            match open {
                0 => outln!("Marked completed on {on}.")?,
                n => outln!("Marked completed on {on}; {n} task(s) left open with the reason.")?,
            }
        }
        RequestCommand::Task(a) => super::request_tasks::run(session, a)?,
        RequestCommand::Refuse { id, ground, on } => {
            let id = session.requests().find_request(&id)?;
            let ground =
                RefusalGround::parse(&ground).map_err(|m| anyhow::anyhow!("--ground: {m}"))?;
            let on = date_or_today(on.as_deref(), "--on")?;
            session.requests().refuse_request(id, &ground, on)?;
            outln!("Refused on {on}: {}", ground.sentence())?;
        }
        RequestCommand::Object {
            id,
            purpose,
            continue_on,
            reason,
            direct_marketing,
            on,
        } => super::request_objection::decide(
            session,
            &id,
            &purpose,
            continue_on.as_deref(),
            &reason,
            direct_marketing,
            on.as_deref(),
        )?,
        RequestCommand::Partial {
            id,
            keep,
            reason,
            on,
        } => super::request_partial::partial(session, &id, &keep, &reason, on.as_deref())?,
        RequestCommand::Withdraw { id } => {
            let id = session.requests().find_request(&id)?;
            session.requests().withdraw_request(id, today())?;
            outln!("Recorded as withdrawn by the person.")?;
        }
        RequestCommand::List {
            overdue,
            due_within,
            all,
            json,
        } => {
            let today = today();
            let rows: Vec<InboxRow> = session
                .requests()
                .inbox(today)?
                .into_iter()
                .filter(|r| all || r.urgency.is_some())
                .filter(|r| {
                    !overdue
                        || r.urgency == Some(crate::domain::request::deadline::Urgency::Overdue)
                })
                .filter(|r| {
                    due_within.is_none_or(|days| {
                        r.urgency.is_some()
                            && r.urgency != Some(crate::domain::request::deadline::Urgency::Paused)
                            && (r.deadline.due - today).num_days() <= days
                    })
                })
                .collect();
            if json {
                let list: Vec<RequestJson> = rows.iter().map(row_json).collect();
                outln!("{}", serde_json::to_string_pretty(&list)?)?;
            } else {
                outln!("{} request(s).", rows.len())?;
                for r in &rows {
                    let s = &r.summary;
                    outln!(
                        "  {:<8} {:<8} {:<18} {:<18} received {}  due {}  {}",
                        s.reference,
                        regime_code(s.regime),
                        s.kind.code(),
                        s.state.code(),
                        s.received,
                        r.deadline.due,
                        r.urgency.map(|u| u.label()).unwrap_or("closed")
                    )?;
                }
            }
        }
        RequestCommand::Show { id, json } => super::request_show::show(session, &id, json)?,
        RequestCommand::Letter {
            id,
            kind,
            out,
            lang,
            vendor,
        } => super::request_letter::write(
            session,
            &id,
            &kind,
            &out,
            lang.as_deref(),
            vendor.as_deref(),
        )?,
        RequestCommand::SetLanguage { id, lang } => {
            super::request_letter::set_language(session, &id, &lang)?
        }
    }
    Ok(())
}
