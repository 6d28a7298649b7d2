//! `request list` and `request show`: the JSON document and the text page of a request.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::request::RequestType;
use crate::domain::request::fee::format_amount;
use crate::domain::request::identity::{explain as identity_explain, identity_step_offered};
use crate::domain::request::know::{KnowLevel, KnowVerification};
use crate::domain::request::partial::KeptPart;
use crate::domain::request::refusal::{allowed_grounds, explain as refusal_explain};
use crate::domain::request::regime_code;
use crate::domain::request::terms::Fee;
use crate::services::{InboxRow, ObjectionPurpose, RequestDetail, Session};

use super::dates::today;

/// A request as `request show --json` and `request list --json` print it.
#[derive(Debug, Serialize)]
pub(super) struct RequestJson {
    id: String,
    reference: String,
    #[serde(rename = "type")]
    kind: &'static str,
    regime: &'static str,
    state: &'static str,
    received: String,
    identity_asked_on: Option<String>,
    clock_start: Option<String>,
    clarification_asked_on: Option<String>,
    clarified_on: Option<String>,
    clarification_paused_days: u32,
    acknowledgement_due: Option<String>,
    acknowledged_on: Option<String>,
    acknowledgement_pending: bool,
    due: String,
    first_period_end: String,
    extended: bool,
    extended_due: Option<String>,
    urgency: Option<&'static str>,
    clock_paused: bool,
    closed_on: Option<String>,
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(super) fn row_json(r: &InboxRow) -> RequestJson {
    let s = &r.summary;
    RequestJson {
        id: s.id.to_string(),
        reference: s.reference.clone(),
        kind: s.kind.code(),
        regime: regime_code(s.regime),
        state: s.state.code(),
        received: ymd(s.received),
        identity_asked_on: s.identity_asked_on.map(ymd),
        clock_start: s.clock_start.map(ymd),
        clarification_asked_on: s.clarification_asked_on.map(ymd),
        clarified_on: s.clarified_on.map(ymd),
        clarification_paused_days: s.clarification_paused_days,
        acknowledgement_due: r.deadline.acknowledge_by.map(ymd),
        acknowledged_on: s.acknowledged_on.map(ymd),
        acknowledgement_pending: crate::domain::request::acknowledgement::pending(
            r.deadline.acknowledge_by,
            s.acknowledged_on,
            !s.state.is_closed(),
        ),
        due: ymd(r.deadline.due),
        first_period_end: ymd(r.deadline.first_period_end),
        extended: s.extended,
        extended_due: r.deadline.extended_end.map(ymd),
        urgency: r.urgency.map(urgency_code),
        clock_paused: r.urgency == Some(crate::domain::request::deadline::Urgency::Paused),
        closed_on: s.closed_on.map(ymd),
    }
}

/// What `request show` adds from the request's terms (`services::requests::terms`).
pub(super) struct Terms {
    /// The CCPA know verification and its level, for a CCPA request to know.
    pub know: Option<(KnowVerification, KnowLevel)>,
    /// The fee charged, if any.
    pub fee: Option<Fee>,
    /// Cal. Civ. Code § 1798.130(b): a third request to know within 12 months.
    pub repeat_within_12_months: bool,
    /// The systems and vendors to reach (issue 18 item 5).
    pub tasks: Vec<crate::domain::request::task::RequestTask>,
    /// The language its letters are written in, when recorded (issue 20 item 4).
    pub language: Option<crate::domain::letters::Language>,
}

fn terms_json(t: &Terms) -> Vec<(&'static str, serde_json::Value)> {
    vec![
        (
            "know_verification",
            t.know.map(|(_, level)| level.code()).into(),
        ),
        (
            "know_data_points",
            t.know.map(|(v, _)| v.data_points).into(),
        ),
        (
            "signed_declaration",
            t.know.map(|(v, _)| v.signed_declaration).into(),
        ),
        (
            "fee",
            t.fee
                .map(|f| {
                    serde_json::json!({
                        "amount": format_amount(f.minor),
                        "currency": f.currency,
                        "reason": f.reason.code(),
                        "on": ymd(f.on),
                    })
                })
                .into(),
        ),
        ("repeat_within_12_months", t.repeat_within_12_months.into()),
        ("language", t.language.map(|l| l.code()).into()),
    ]
}

fn urgency_code(u: crate::domain::request::deadline::Urgency) -> &'static str {
    use crate::domain::request::deadline::Urgency::*;
    match u {
        Overdue => "overdue",
        DueSoon => "due-soon",
        OnTrack => "on-track",
        Paused => "waiting",
    }
}

/// The `objection` member of `request show --json`: per purpose the objection reaches
/// (Art. 21(1)), whether processing stopped or continues and on which ground.
fn objection_json(purposes: &[ObjectionPurpose]) -> serde_json::Value {
    use crate::domain::request::objection::ObjectionOutcome;
    let one = |p: &ObjectionPurpose| {
        serde_json::json!({
            "purpose": p.code.as_str(),
            "name": p.name,
            "legal_basis": p.basis.code(),
            "activities": p.activities,
            "decided": p.decision.is_some(),
            "decided_on": p.decision.as_ref().map(|d| ymd(d.decided_on)),
            "ground": match p.outcome {
                ObjectionOutcome::Stopped => None,
                ObjectionOutcome::Continues(g) => Some(g.code()),
            },
        })
    };
    let of = |stopped: bool| -> Vec<serde_json::Value> {
        purposes
            .iter()
            .filter(|p| (p.outcome == ObjectionOutcome::Stopped) == stopped)
            .map(one)
            .collect()
    };
    serde_json::json!({ "stopped": of(true), "continues": of(false) })
}

/// The `partial` member of `request show --json` for erasure and delete requests: each part
/// kept, with its exception code, citation and day (GDPR Art. 17(3); § 1798.105(d)). The
/// reason is left out (it is sealed, shown by `request partial ID`).
fn partial_json(kept: &[KeptPart]) -> serde_json::Value {
    kept.iter()
        .map(|k| {
            serde_json::json!({
                "part": k.part,
                "exception": k.exception.code(),
                "citation": k.exception.citation(),
                "decided_on": ymd(k.decided_on),
                "decided_by": k.decided_by,
            })
        })
        .collect()
}

/// Prints a request; `objection` holds the purposes an objection request reaches (empty for
/// other types).
/// `request show ID [--json]`: the request, its deadline, terms, tasks, objection purposes
/// and kept parts.
pub(super) fn show(session: &Session, id: &str, json: bool) -> anyhow::Result<()> {
    let id = session.requests().find_request(id)?;
    let d = session.requests().request_detail(id, today())?;
    let terms = Terms {
        know: session.requests().know_verification(id)?,
        fee: session.requests().request_terms(id)?.fee,
        repeat_within_12_months: session.requests().repeat_within_12_months(id)?,
        tasks: session.requests().request_tasks(id)?,
        language: session.requests().letter_language(id)?,
    };
    let objection = if d.request.kind == RequestType::Objection {
        session.requests().objection_purposes(id)?
    } else {
        Vec::new()
    };
    let kept = session.requests().kept_parts(id)?;
    print_detail(&d, &terms, (&objection, &kept), json)?;
    Ok(())
}

pub(super) fn print_detail(
    d: &RequestDetail,
    t: &Terms,
    (objection, kept): (&[ObjectionPurpose], &[KeptPart]),
    json: bool,
) -> anyhow::Result<()> {
    let r = &d.request;
    let row = InboxRow {
        summary: crate::domain::request::summary::RequestSummary {
            id: r.id,
            reference: r.reference.clone(),
            subject_id: r.subject_id,
            regime: r.regime,
            kind: r.kind,
            state: r.state,
            received: r.received,
            identity_asked_on: r.identity_asked_on,
            clock_start: r.clock_start,
            clarification_asked_on: r.clarification_asked_on,
            clarified_on: r.clarified_on,
            clarification_paused_days: r.clarification_paused_days,
            acknowledged_on: r.acknowledged_on,
            extended: r.is_extended(),
            closed_on: r.closed_on,
            anonymised: false,
        },
        deadline: d.deadline,
        urgency: d.urgency,
    };
    if json {
        let mut v = serde_json::to_value(row_json(&row))?;
        if let Some(obj) = v.as_object_mut() {
            obj.insert("channel".into(), r.channel.code().into());
            obj.insert("created_by".into(), r.created_by.clone().into());
            obj.insert(
                "extension_notice_late".into(),
                d.extension_notice_late.into(),
            );
            obj.insert(
                "refusal_ground".into(),
                r.refusal.as_ref().map(|g| g.kind.code()).into(),
            );
            obj.insert(
                "refusal_grounds_allowed".into(),
                allowed_grounds(r.regime, r.kind)
                    .iter()
                    .map(|g| g.kind.code())
                    .collect::<Vec<_>>()
                    .into(),
            );
            if r.kind == crate::domain::request::RequestType::Objection {
                obj.insert("objection".into(), objection_json(objection));
            }
            if matches!(
                r.kind,
                crate::domain::request::RequestType::Erasure
                    | crate::domain::request::RequestType::Delete
            ) {
                obj.insert("partial".into(), partial_json(kept));
            }
            obj.insert(
                "identity_step".into(),
                identity_step_offered(r.regime, r.kind).into(),
            );
            for (key, value) in terms_json(t) {
                obj.insert(key.into(), value);
            }
            obj.insert("tasks".into(), super::request_tasks::tasks_json(&t.tasks)?);
            obj.insert(
                "steps".into(),
                serde_json::Value::Array(
                    d.steps
                        .iter()
                        .map(|s| {
                            serde_json::json!({
                                "at": s.at.to_rfc3339(),
                                "from": s.from.map(|f| f.code()),
                                "to": s.to.code(),
                                "what": s.what,
                                "actor": s.actor,
                            })
                        })
                        .collect(),
                ),
            );
        }
        outln!("{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(());
    }
    outln!(
        "Request {} — {} ({})",
        r.reference,
        r.kind.label(),
        r.regime.label()
    )?;
    outln!("State:     {}", r.state.label())?;
    outln!(
        "Received:  {} by {}",
        r.received,
        r.channel.label().to_lowercase()
    )?;
    if let Some(a) = r.identity_asked_on {
        outln!("Identity:  asked {a}")?;
    }
    if let Some(c) = r.clock_start {
        outln!("Identity:  received {c}")?;
    }
    if let Some((v, level)) = t.know {
        outln!(
            "Verified:  {} data point(s), signed declaration {}: {}",
            v.data_points,
            if v.signed_declaration {
                "received"
            } else {
                "not received"
            },
            level.explain()
        )?;
    }
    if let Some(f) = t.fee {
        outln!(
            "Fee:       {} {} asked on {} for {}",
            format_amount(f.minor),
            f.currency,
            f.on,
            f.reason.label(r.regime)
        )?;
    }
    if let Some(lang) = t.language {
        outln!("Letters:   in {} ({})", lang.label(), lang.code())?;
    }
    if t.repeat_within_12_months {
        outln!("Warning:   {}", crate::domain::request::repeat::WARNING)?;
    }
    if let Some(by) = d.deadline.acknowledge_by {
        match r.acknowledged_on {
            Some(on) => outln!("Receipt:   confirmed {on} (due by {by})")?,
            None => outln!(
                "Receipt:   to confirm by {by}: {}",
                crate::domain::request::acknowledgement::EXPLAIN
            )?,
        }
    }
    if let Some(a) = r.clarification_asked_on {
        outln!("Clarification: asked {a}, not yet answered")?;
    }
    if let Some(c) = r.clarified_on {
        outln!(
            "Clarification: answered {c}; {} days added to the due date",
            r.clarification_paused_days
        )?;
    }
    outln!(
        "Due:       {}{}",
        d.deadline.due,
        if r.is_extended() { " (extended)" } else { "" }
    )?;
    if let Some(u) = d.urgency {
        outln!("Status:    {}", u.label())?;
    }
    outln!("Rule:      {}", d.deadline.rule.explain())?;
    outln!("Identity:  {}", identity_explain(r.regime, r.kind))?;
    outln!(
        "Clarification: {}",
        crate::domain::request::clarification::explain(r.regime, r.received)
    )?;
    let grounds: Vec<&str> = allowed_grounds(r.regime, r.kind)
        .iter()
        .map(|g| g.kind.code())
        .collect();
    outln!(
        "Refusal:   grounds allowed: {}. {}",
        grounds.join(", "),
        refusal_explain(r.regime, r.kind)
    )?;
    for p in objection {
        let what = match p.outcome {
            crate::domain::request::objection::ObjectionOutcome::Stopped
                if p.decision.is_none() =>
            {
                "stopped (no grounds recorded; Art. 21(1))".to_owned()
            }
            crate::domain::request::objection::ObjectionOutcome::Stopped => "stopped".to_owned(),
            crate::domain::request::objection::ObjectionOutcome::Continues(g) => {
                format!("continues: {}", g.code())
            }
        };
        outln!("Objection: {} ({}): {what}", p.code, p.basis.label())?;
    }
    super::request_tasks::print_tasks(&t.tasks)?;
    for k in kept {
        outln!(
            "Kept:      {} on {} ({})",
            k.part,
            k.exception.code(),
            k.exception.citation()
        )?;
    }
    outln!("History:")?;
    for s in &d.steps {
        outln!(
            "  {}  {}  ({})",
            s.at.format("%Y-%m-%d %H:%M"),
            s.what,
            s.actor
        )?;
    }
    Ok(())
}
