//! Applying the sweep commands: the schedule and history, the dry run and the sweep itself on
//! worker threads, and opening one page of a report's records for the drill-down.
//!
//! The dry run reads through a connection of its own (`plan_on` on a `StoreReader`); the sweep
//! runs on a worker session (`jobs/sweep.rs`). Locking meanwhile cancels the sweep (the rule in
//! progress rolls back whole) and sets the job aside until its thread has finished.

use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::retention::RecordKind;
use crate::domain::retention::report::{SweepOutcome, SweepReport};
use crate::services::{ServiceResult, Session, plan_on};

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::areas::ReportSlot;
use crate::gui::areas::retention::command::RetentionCommand;
use crate::gui::jobs::{ApplySweep, PreviewSweep};
use crate::gui::widgets::Notice;

/// One label per record id: a person's email and name, a request's reference.
fn record_labels(
    session: &Session,
    kind: RecordKind,
    ids: &[String],
    today: NaiveDate,
) -> ServiceResult<Vec<String>> {
    const GONE: &str = "no longer in the store";
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let Ok(id) = Uuid::parse_str(id) else {
            out.push(GONE.to_owned());
            continue;
        };
        out.push(match kind {
            RecordKind::Subject => match session.subjects().subject(id)? {
                Some(s) => {
                    let parts: Vec<&str> = [s.fields.email.as_str(), s.fields.name.as_str()]
                        .into_iter()
                        .filter(|p| !p.is_empty())
                        .collect();
                    if parts.is_empty() {
                        "no name or email (anonymised)".to_owned()
                    } else {
                        parts.join(" · ")
                    }
                }
                None => GONE.to_owned(),
            },
            RecordKind::Request => session
                .requests()
                .request_detail(id, today)
                .map_or_else(|_| GONE.to_owned(), |d| d.request.reference),
            RecordKind::ConsentEvidence => String::new(),
        });
    }
    Ok(out)
}

impl PrivacyDeskApp {
    /// Applies a sweep command of the Retention area.
    pub(in crate::gui) fn apply_sweep_command(
        &mut self,
        command: RetentionCommand,
        today: NaiveDate,
    ) {
        match command {
            RetentionCommand::Preview => self.start_preview(today),
            RetentionCommand::Apply => self.start_sweep(today),
            RetentionCommand::CancelPreview => self.jobs.cancel::<PreviewSweep>(),
            RetentionCommand::CancelApply => self.jobs.cancel::<ApplySweep>(),
            RetentionCommand::ResolveRecords { slot, kind, ids } => {
                self.resolve_records(slot, kind, &ids, today);
            }
            _ => {}
        }
    }

    fn start_preview(&mut self, today: NaiveDate) {
        let (Some(session), Screen::Main(_)) = (self.session.as_ref(), &self.screen) else {
            return;
        };
        if self.jobs.is_running::<PreviewSweep>() || self.jobs.is_running::<ApplySweep>() {
            return;
        }
        if !session.can(Permission::ViewReports) {
            self.notice = Some(Notice::error(
                Permission::ViewReports.why_not(session.user().role),
            ));
            return;
        }
        let run_by = session.user().name.clone();
        let prepared = session
            .retention()
            .retention_rules()
            .and_then(|rules| Ok((rules, session.store().reader()?)));
        match prepared {
            Ok((rules, reader)) => {
                self.notice = None;
                self.jobs.start(PreviewSweep(Box::new(move |p| {
                    let started_at = Utc::now().to_rfc3339();
                    let planned = plan_on(reader.db(), &rules, today, p)?;
                    Ok(SweepReport {
                        id: Uuid::new_v4().to_string(),
                        dry_run: true,
                        as_of: today.format("%Y-%m-%d").to_string(),
                        started_at,
                        finished_at: Utc::now().to_rfc3339(),
                        run_by,
                        outcome: SweepOutcome::Completed,
                        rules: planned,
                    })
                })));
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    fn start_sweep(&mut self, today: NaiveDate) {
        if self.jobs.is_running::<PreviewSweep>() {
            return;
        }
        let Some(session) = self.worker() else {
            return;
        };
        self.notice = None;
        self.jobs.start(ApplySweep { session, today });
    }

    fn resolve_records(
        &mut self,
        slot: ReportSlot,
        kind: RecordKind,
        ids: &[String],
        today: NaiveDate,
    ) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        let labels = match record_labels(session, kind, ids, today) {
            Ok(labels) => labels,
            Err(e) => {
                self.notice = Some(Notice::error(e.to_string()));
                vec![String::new(); ids.len()]
            }
        };
        if let Some(panel) = main.retention.sweep.panel(slot) {
            panel.set_labels(labels);
        }
    }
}
