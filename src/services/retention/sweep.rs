//! Retention sweeps: the plan (which records each rule reaches today, changing nothing) and
//! its application, one transaction per rule, with audit entries and a stored report.
//!
//! The plan reads plain columns only (dates, ledger kinds, evidence lengths), streaming the
//! subjects with their ledger, so a dry run over a million people takes seconds and decrypts
//! nothing. Applying re-plans each rule just before its transaction, so what one rule removed
//! is not counted again by the next.

use std::collections::HashMap;
use std::sync::Arc;

use crate::store::Db;
use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef, NewAuditEntry};
use crate::domain::purpose::{LegalBasis, Purpose};
use crate::domain::request::summary::RequestSummary;
use crate::domain::retention::keep::settle_keeps;
use crate::domain::retention::plan::PurposeFacts;
use crate::domain::retention::report::{RuleOutcome, RuleStatus, SweepOutcome, SweepReport};
use crate::domain::retention::{
    RecordFacts, RecordKind, RetentionAction, RetentionRule, Verdict, evaluate,
};
use crate::jobs::Progress;
use crate::store::holds::{self, HoldTarget};
use crate::store::{erasure, purposes, requests, retention_facts, retention_rules, sweeps};

use crate::services::{ServiceError, ServiceResult};

/// How many subjects are read between looks at the cancel flag.
const CHECK_EVERY: u64 = 4096;

fn outcome(rule: &RetentionRule) -> RuleOutcome {
    RuleOutcome {
        code: rule.code.clone(),
        name: rule.name.clone(),
        kind: rule.kind,
        action: rule.action,
        due: Vec::new(),
        held: Vec::new(),
        open_request: Vec::new(),
        status: RuleStatus::Planned,
    }
}

fn record(out: &mut RuleOutcome, id: Uuid, verdict: Verdict) {
    match verdict {
        Verdict::Due(_) => out.due.push(id.to_string()),
        Verdict::Held => out.held.push(id.to_string()),
        Verdict::OpenRequest => out.open_request.push(id.to_string()),
        Verdict::NotApplicable | Verdict::NotYet(_) | Verdict::Kept(_) => {}
    }
}

/// Per subject: (a request about them is open, or closed but its file still kept with their
/// details — the person stays while it does; the last day of request activity).
fn request_activity(all: &[RequestSummary]) -> HashMap<Uuid, (bool, NaiveDate)> {
    let mut out: HashMap<Uuid, (bool, NaiveDate)> = HashMap::new();
    for s in all {
        let Some(subject) = s.subject_id else {
            continue;
        };
        let last = s.closed_on.unwrap_or(s.received).max(s.received);
        let entry = out.entry(subject).or_insert((false, last));
        entry.0 |= !s.state.is_closed() || !s.anonymised;
        entry.1 = entry.1.max(last);
    }
    out
}

/// Which records each rule reaches on `today`, on any connection (a worker thread's reader
/// for a dry run). Only enabled rules are planned; nothing is changed.
pub fn plan_on(
    conn: &Db,
    rules: &[RetentionRule],
    today: NaiveDate,
    progress: &Progress,
) -> ServiceResult<Vec<RuleOutcome>> {
    let rules: Vec<&RetentionRule> = rules.iter().filter(|r| r.enabled).collect();
    let catalogue: Vec<Purpose> = purposes::list(conn)?
        .into_iter()
        .map(|p| p.purpose)
        .collect();
    let held = holds::in_force(conn, today)?;
    let all_requests = requests::summaries(conn)?;
    let activity = request_activity(&all_requests);
    let mut outcomes: Vec<RuleOutcome> = rules.iter().map(|r| outcome(r)).collect();
    let people: Vec<usize> = (0..rules.len())
        .filter(|&i| rules[i].kind != RecordKind::Request)
        .collect();
    let total = crate::store::status::counts(conn)?.subjects.max(0) as u64;
    progress.set_total(total + 1);
    if !people.is_empty() {
        // Each rule's scope as catalogue indexes: one purpose, or every consent-based one.
        let consent_based: Vec<usize> = (0..catalogue.len())
            .filter(|&i| catalogue[i].legal_basis == LegalBasis::Consent)
            .collect();
        let scopes: Vec<Option<Vec<usize>>> = rules
            .iter()
            .map(|r| match &r.purpose {
                None => Some(consent_based.clone()),
                Some(code) => catalogue
                    .iter()
                    .position(|p| &p.code == code)
                    .map(|i| vec![i]),
            })
            .collect();
        let mut seen = 0u64;
        let mut facts_by_purpose: Vec<PurposeFacts> = Vec::with_capacity(catalogue.len());
        let mut subject_rules: Vec<usize> = Vec::with_capacity(people.len());
        let mut verdicts: Vec<Verdict> = Vec::with_capacity(people.len());
        retention_facts::for_each_subject(conn, |row, events, metas| -> ServiceResult<bool> {
            seen += 1;
            if seen.is_multiple_of(CHECK_EVERY) {
                progress.set_done(seen);
                if progress.is_cancelled() {
                    return Err(ServiceError::Cancelled);
                }
            }
            facts_by_purpose.clear();
            facts_by_purpose.extend(catalogue.iter().map(|p| {
                if events.is_empty() {
                    PurposeFacts::default()
                } else {
                    PurposeFacts::of(p, events)
                }
            }));
            let (open, request_day) = activity
                .get(&row.id)
                .map_or((false, None), |(o, d)| (*o, Some(*d)));
            let last_activity = [
                Some(row.updated),
                events.last().map(|e| e.at.date_naive()),
                request_day,
            ]
            .into_iter()
            .flatten()
            .max();
            let base = RecordFacts {
                created: Some(row.created),
                last_activity,
                relationship_ended: row.relationship_ended,
                customer_since: row.customer_since,
                held: held.contains(&HoldTarget::Subject(row.id)),
                open_request: open,
                ..RecordFacts::default()
            };
            // The person under every subject rule, settled together (domain::retention::keep).
            subject_rules.clear();
            verdicts.clear();
            for &i in &people {
                let Some(scope) = &scopes[i] else {
                    continue;
                };
                let rule = rules[i];
                match rule.kind {
                    RecordKind::Subject => {
                        let c = PurposeFacts::combine(scope.iter().map(|&p| facts_by_purpose[p]));
                        let facts = RecordFacts {
                            ever_consented: c.ever,
                            active_consent: c.active,
                            consent_ended: c.ended,
                            pending_sign_up: c.pending,
                            ..base
                        };
                        subject_rules.push(i);
                        verdicts.push(evaluate(rule, &facts, today));
                    }
                    RecordKind::ConsentEvidence => {
                        for (e, m) in events.iter().zip(metas).filter(|(_, m)| m.has_evidence) {
                            let Some(code) = &e.purpose else {
                                continue;
                            };
                            let Some(p) =
                                scope.iter().copied().find(|&p| &catalogue[p].code == code)
                            else {
                                continue;
                            };
                            let c = facts_by_purpose[p];
                            let facts = RecordFacts {
                                created: Some(e.at.date_naive()),
                                active_consent: c.active,
                                consent_ended: c.ended,
                                ..base
                            };
                            record(&mut outcomes[i], m.id, evaluate(rule, &facts, today));
                        }
                    }
                    RecordKind::Request => {}
                }
            }
            let settled: Vec<&RetentionRule> = subject_rules.iter().map(|&i| rules[i]).collect();
            settle_keeps(&settled, &mut verdicts, &base, today);
            for (&i, &verdict) in subject_rules.iter().zip(verdicts.iter()) {
                record(&mut outcomes[i], row.id, verdict);
            }
            Ok(true)
        })?;
    }
    for (i, rule) in rules.iter().enumerate() {
        if rule.kind != RecordKind::Request {
            continue;
        }
        for s in all_requests.iter().filter(|s| !s.anonymised) {
            let facts = RecordFacts {
                created: Some(s.received),
                request_closed: s.closed_on.filter(|_| s.state.is_closed()),
                held: held.contains(&HoldTarget::Request(s.id))
                    || s.subject_id
                        .is_some_and(|sid| held.contains(&HoldTarget::Subject(sid))),
                ..RecordFacts::default()
            };
            record(&mut outcomes[i], s.id, evaluate(rule, &facts, today));
        }
    }
    crate::domain::retention::overlap::settle_overlaps(&mut outcomes);
    progress.set_done(total + 1);
    Ok(outcomes)
}

impl super::Retention<'_> {
    /// The dry run: what each enabled rule would do on `today`; nothing is changed or stored.
    pub fn sweep_plan(&self, today: NaiveDate, progress: &Progress) -> ServiceResult<SweepReport> {
        self.require(Permission::ViewReports)?;
        let started = Utc::now().to_rfc3339();
        let rules = retention_rules::list(self.store.db())?;
        let planned = plan_on(self.store.db(), &rules, today, progress)?;
        Ok(SweepReport {
            id: Uuid::new_v4().to_string(),
            dry_run: true,
            as_of: today.format("%Y-%m-%d").to_string(),
            started_at: started,
            finished_at: Utc::now().to_rfc3339(),
            run_by: self.user.name.clone(),
            outcome: SweepOutcome::Completed,
            rules: planned,
        })
    }

    /// Applies every enabled rule on `today`, one transaction per rule (a cancelled or failed
    /// rule rolls back whole; later rules do not run), writes an audit entry per rule and the
    /// report, and returns the report.
    pub fn apply_sweep(
        &mut self,
        today: NaiveDate,
        progress: &Progress,
    ) -> ServiceResult<SweepReport> {
        self.require(Permission::ApplyRetentionSweep)?;
        let started = Utc::now().to_rfc3339();
        let rules: Vec<RetentionRule> = retention_rules::list(self.store.db())?
            .into_iter()
            .filter(|r| r.enabled)
            .collect();
        // One plan for every rule; after a rule that changed records, the rules still to run
        // are planned again (one pass), so what one rule removed is not counted by the next.
        let mut plan: std::collections::VecDeque<RuleOutcome> =
            plan_on(self.store.db(), &rules, today, &Progress::default())?.into();
        let total: u64 = plan.iter().map(|o| o.due.len() as u64).sum();
        progress.set_total(total.max(1));
        let mut done = 0u64;
        let mut results: Vec<RuleOutcome> = Vec::with_capacity(rules.len());
        let mut sweep_outcome = SweepOutcome::Completed;
        let mut failure: Option<ServiceError> = None;
        let mut erased_any = false;
        for (i, rule) in rules.iter().enumerate() {
            if sweep_outcome != SweepOutcome::Completed {
                let mut o = outcome(rule);
                o.status = RuleStatus::NotRun;
                results.push(o);
                continue;
            }
            let Some(mut o) = plan.pop_front() else {
                continue;
            };
            let changes = rule.action != RetentionAction::Flag && !o.due.is_empty();
            match self.apply_rule(rule, &o, today, progress, &mut done) {
                Ok(()) => {
                    o.status = if rule.action == RetentionAction::Flag {
                        RuleStatus::Flagged
                    } else {
                        RuleStatus::Applied
                    };
                    erased_any |= rule.kind == RecordKind::Subject && changes;
                    if changes && i + 1 < rules.len() {
                        plan = plan_on(
                            self.store.db(),
                            &rules[i + 1..],
                            today,
                            &Progress::default(),
                        )?
                        .into();
                    }
                }
                Err(ServiceError::Cancelled) => {
                    o.status = RuleStatus::RolledBack;
                    sweep_outcome = SweepOutcome::Cancelled;
                }
                Err(e) => {
                    o.status = RuleStatus::RolledBack;
                    sweep_outcome = SweepOutcome::Failed;
                    failure = Some(e);
                }
            }
            results.push(o);
        }
        let report = SweepReport {
            id: Uuid::new_v4().to_string(),
            dry_run: false,
            as_of: today.format("%Y-%m-%d").to_string(),
            started_at: started,
            finished_at: Utc::now().to_rfc3339(),
            run_by: self.user.name.clone(),
            outcome: sweep_outcome,
            rules: results,
        };
        let entry = self.entry(
            AuditAction::SweepRun,
            EntityRef::new("sweep", report.id.clone()),
            format!(
                "{}: {} records due, {} held",
                report.outcome.code(),
                report.total_due(),
                report.total_held()
            ),
        );
        let keys = Arc::clone(self.keys);
        let via = self.via.code().to_owned();
        let mut w = self.store.write()?;
        sweeps::insert(&w, &report, &via)?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        if erased_any {
            self.store.checkpoint_truncate()?;
        }
        match failure {
            Some(e) => Err(e),
            None => Ok(report),
        }
    }

    /// Applies one rule's plan in one transaction.
    fn apply_rule(
        &mut self,
        rule: &RetentionRule,
        plan: &RuleOutcome,
        today: NaiveDate,
        progress: &Progress,
        done: &mut u64,
    ) -> ServiceResult<()> {
        let keys = Arc::clone(self.keys);
        let entry = NewAuditEntry {
            actor: self.user.name.clone(),
            via: self.via.code().to_owned(),
            action: AuditAction::RetentionApplied,
            entity: EntityRef::new("retention_rule", rule.code.clone()),
            details: format!(
                "{} {} {}; {} held, {} with an open request",
                rule.action.code(),
                plan.due.len(),
                rule.kind.code(),
                plan.held.len(),
                plan.open_request.len()
            ),
        };
        let reference = format!("retention rule {}", rule.code);
        let mut w = self.store.write()?;
        for (n, id) in plan.due.iter().enumerate() {
            if n % 256 == 0 {
                progress.set_done(*done);
                if progress.is_cancelled() {
                    return Err(ServiceError::Cancelled);
                }
            }
            let id = Uuid::parse_str(id)
                .map_err(|_| ServiceError::invalid("Sweep", "a planned record id is malformed"))?;
            match (rule.kind, rule.action) {
                (_, RetentionAction::Flag) => {}
                (RecordKind::Subject, RetentionAction::Delete) => {
                    let index = erasure::email_index_of(&w, id)?;
                    let removed = erasure::erase_subject_rows(&mut w, &keys.field, id, today)?;
                    erasure::record(&w, id, index.as_deref(), today, Some(&reference), &removed)?;
                }
                (RecordKind::Subject, RetentionAction::Anonymise) => {
                    let index = erasure::email_index_of(&w, id)?;
                    let holds = holds::scrub_ended_for_subject(&mut w, &keys.field, id, today)?;
                    let scrubbed = requests::scrub_for_subject(&mut w, &keys.field, id, today)?;
                    let inbox = erasure::erase_inbox_of(&w, id)?;
                    let emptied = retention_facts::anonymise_subject(&mut w, &keys.field, id)?;
                    let removed = erasure::Removed {
                        subject: 1,
                        consent_events: emptied,
                        rectifications: 0,
                        requests_scrubbed: scrubbed as u64,
                        holds_scrubbed: holds as u64,
                        inbox_messages: inbox,
                    };
                    erasure::record(&w, id, index.as_deref(), today, Some(&reference), &removed)?;
                }
                (RecordKind::ConsentEvidence, _) => {
                    retention_facts::empty_evidence(&mut w, &keys.field, id)?;
                }
                (RecordKind::Request, RetentionAction::Delete) => {
                    retention_facts::delete_request(&w, id)?;
                }
                (RecordKind::Request, RetentionAction::Anonymise) => {
                    retention_facts::anonymise_request(&mut w, &keys.field, id)?;
                }
            }
            *done += 1;
        }
        if progress.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        w.append_audit(&keys.audit, &entry)?;
        crate::crash_point::crash_point("sweep-before-commit");
        w.commit()?;
        progress.set_done(*done);
        Ok(())
    }

    /// The stored sweep reports, newest first.
    pub fn sweep_history(&self, limit: i64) -> ServiceResult<Vec<SweepReport>> {
        self.require(Permission::ViewReports)?;
        Ok(sweeps::list(self.store.db(), limit)?)
    }
}
