//! Applying the sweep commands: the schedule and history, the dry run and the sweep itself on
//! worker threads, and opening one page of a report's records for the drill-down.
//!
//! The dry run reads through a connection of its own (`plan_on` on a `StoreReader`), so the
//! window keeps its session. Applying needs the session mutably for its whole run, so it is
//! handed over as for an import (`apply_import.rs`): it moves into the job and comes back with
//! the report. Locking meanwhile cancels the sweep (the rule in progress rolls back whole) and
//! sets the job aside until its thread has finished.

use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::retention::RecordKind;
use crate::domain::retention::report::{SweepOutcome, SweepReport};
use crate::jobs::Job;
use crate::services::{ServiceError, ServiceResult, Session, SweepSchedule, plan_on};

use super::app::{PrivacyDeskApp, Screen};
use super::retention_command::RetentionCommand;
use super::views::ReportSlot;
use super::widgets::Notice;

/// How many past sweeps the history lists.
const HISTORY: i64 = 20;

/// A dry run on a worker thread.
pub(super) type PreviewJob = Job<ServiceResult<SweepReport>>;

/// A sweep being applied: the session goes in and comes back with the report.
pub(super) type ApplyJob = Job<(Session, ServiceResult<SweepReport>)>;

/// The sweep jobs under way.
#[derive(Default)]
pub(super) struct SweepJobs {
    /// The dry run.
    pub preview: Option<PreviewJob>,
    /// The sweep itself; it holds the session.
    pub apply: Option<ApplyJob>,
}

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
    pub(super) fn apply_sweep_command(&mut self, command: RetentionCommand, today: NaiveDate) {
        match command {
            RetentionCommand::LoadSweeps => self.load_sweeps(today),
            RetentionCommand::Preview => self.start_preview(today),
            RetentionCommand::Apply => self.start_sweep(today),
            RetentionCommand::CancelPreview => {
                if let Screen::Main(main) = &self.screen
                    && let Some(job) = &main.sweep_jobs.preview
                {
                    job.progress().cancel();
                }
            }
            RetentionCommand::CancelApply => {
                if let Screen::Main(main) = &self.screen
                    && let Some(job) = &main.sweep_jobs.apply
                {
                    job.progress().cancel();
                }
            }
            RetentionCommand::ResolveRecords { slot, kind, ids } => {
                self.resolve_records(slot, kind, &ids, today);
            }
            _ => {}
        }
    }

    fn load_sweeps(&mut self, today: NaiveDate) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        let loaded = session
            .retention()
            .sweep_schedule(today)
            .and_then(|schedule| {
                let history = if session.can(Permission::ViewReports) {
                    session.retention().sweep_history(HISTORY)?
                } else {
                    Vec::new()
                };
                Ok((schedule, history))
            });
        match loaded {
            Ok((schedule, history)) => main.retention.sweep.set_loaded(schedule, history),
            Err(e) => {
                // Something to show, so the tab does not ask again every frame.
                let none = SweepSchedule {
                    interval_days: None,
                    last_run: None,
                    next_due: None,
                    due: false,
                };
                main.retention.sweep.set_loaded(none, Vec::new());
                self.notice = Some(Notice::error(e.to_string()));
            }
        }
    }

    fn start_preview(&mut self, today: NaiveDate) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        if main.sweep_jobs.preview.is_some() || main.sweep_jobs.apply.is_some() {
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
                main.sweep_jobs.preview = Some(Job::spawn("Previewing the sweep", move |p| {
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
                }));
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    fn start_sweep(&mut self, today: NaiveDate) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        if main.sweep_jobs.apply.is_some() || main.sweep_jobs.preview.is_some() {
            return;
        }
        let Some(session) = self.session.take() else {
            return;
        };
        self.notice = None;
        main.sweep_jobs.apply = Some(Job::spawn("Applying the sweep", move |p| {
            let result = session.retention().apply_sweep(today, p);
            (session, result)
        }));
    }

    /// Collects a finished dry run or sweep; a sweep hands the session back.
    pub(super) fn poll_sweeps(&mut self) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        if let Some(job) = main.sweep_jobs.preview.as_mut()
            && let Some(result) = job.poll()
        {
            main.sweep_jobs.preview = None;
            match result.map_err(ServiceError::from_panic).and_then(|r| r) {
                Ok(plan) => main.retention.sweep.previewed(plan),
                Err(ServiceError::Cancelled) => {
                    self.notice = Some(Notice::info("The preview was cancelled."));
                }
                Err(e) => self.notice = Some(Notice::error(e.to_string())),
            }
        }
        let Some(job) = main.sweep_jobs.apply.as_mut() else {
            return;
        };
        let Some(finished) = job.poll() else { return };
        main.sweep_jobs.apply = None;
        let (session, result) = match finished {
            Ok(returned) => returned,
            Err(panicked) => {
                // The session went down with the thread; the rule in progress was not
                // committed, and the keys are gone. Sign in again.
                self.lock(Some(format!("{panicked} Unlock to continue.")));
                return;
            }
        };
        self.session = Some(session);
        self.notice = Some(match &result {
            Ok(report) => match report.outcome {
                SweepOutcome::Completed => Notice::success(format!(
                    "The sweep was applied: {} reached, {} kept by legal holds. Its report is below and in the history.",
                    match report.total_due() {
                        1 => "1 record".to_owned(),
                        n => format!("{n} records"),
                    },
                    report.total_held()
                )),
                _ => Notice::info(
                    "The sweep was cancelled: the rule in progress rolled back whole; rules finished before it stay applied. Its report is below.",
                ),
            },
            Err(e) => Notice::error(format!(
                "The sweep stopped: {e} The rule in progress rolled back whole; the report is in the history."
            )),
        });
        if let Ok(report) = result {
            main.retention.sweep.applied(report);
        } else {
            main.retention.sweep.invalidate();
        }
        // People may have been deleted or anonymised: everything that showed them is read
        // again, and the in-memory search index is built anew.
        main.subjects.invalidate();
        main.review.invalidate();
        main.requests.invalidate();
        main.subject_page = None;
        if let Some(job) = main.index_job.take() {
            job.progress().cancel();
        }
        main.search_index = None;
        // Counts and a queue started before the sweep would show it undone.
        if let Some(job) = main.review_job.take() {
            job.progress().cancel();
        }
        if let Some(job) = main.review_load_job.take() {
            job.progress().cancel();
        }
        main.review_count = None;
        self.start_search_index();
        // The summary first; the count waits for it (and for the index): whole-store reads
        // run one at a time.
        self.start_status();
        self.start_review_count();
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
