//! Applying the Audit log commands: fetching rows, and verifying or exporting the chain on a
//! worker thread with progress and Cancel.

use crate::domain::audit::AuditFilter;
use crate::jobs::Job;
use crate::services::{AuditReader, ServiceError};

use super::app::{BackgroundJob, PrivacyDeskApp, Screen};
use super::views::PAGE_SIZE;
use super::widgets::Notice;

impl PrivacyDeskApp {
    pub(super) fn load_audit_rows(&mut self, filter: AuditFilter, offset: i64) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        let result = session.audit().audit_count(&filter).and_then(|total| {
            Ok((
                total,
                session.audit().audit_page(&filter, offset, PAGE_SIZE)?,
            ))
        });
        match result {
            Ok((total, rows)) => main.audit.set_rows(filter, total, offset, rows),
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    pub(super) fn start_verify(&mut self) {
        self.start_audit_job(|reader| {
            BackgroundJob::Verify(Job::spawn("Verifying the audit trail", move |p| {
                reader.verify(p)
            }))
        });
    }

    pub(super) fn start_export(
        &mut self,
        path: std::path::PathBuf,
        filter: crate::domain::audit::AuditFilter,
    ) {
        self.start_audit_job(|reader| {
            BackgroundJob::Export(Job::spawn("Exporting the audit trail", move |p| {
                reader.export(&path, &filter, p)
            }))
        });
    }

    /// Starts background work on the audit trail unless some is already running.
    fn start_audit_job(&mut self, start: impl FnOnce(AuditReader) -> BackgroundJob) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        if main.job.is_some() {
            return;
        }
        match session.audit().audit_reader() {
            Ok(reader) => main.job = Some(start(reader)),
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    pub(super) fn poll_background(&mut self) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let Some(job) = main.job.as_mut() else { return };
        let finished = match job {
            BackgroundJob::Verify(j) => j.poll().map(|r| {
                r.map_err(ServiceError::from_panic)
                    .and_then(|r| r)
                    .map(Finished::Verified)
            }),
            BackgroundJob::Export(j) => j.poll().map(|r| {
                r.map_err(ServiceError::from_panic)
                    .and_then(|r| r)
                    .map(Finished::Exported)
            }),
        };
        let Some(finished) = finished else { return };
        main.job = None;
        match finished {
            Ok(Finished::Verified(report)) => {
                self.notice = Some(match &report.first_break {
                    None => Notice::success(format!(
                        "The audit trail is intact: {} entries verified.",
                        report.checked
                    )),
                    Some(brk) => Notice::error(format!(
                        "The audit trail is broken at entry {}: {brk}.",
                        brk.first_bad_seq()
                    )),
                });
                main.verify = Some(report);
            }
            Ok(Finished::Exported(summary)) => {
                let recorded = self
                    .session
                    .as_mut()
                    .map(|s| s.audit().record_audit_export(&summary));
                self.notice = Some(match recorded {
                    Some(Err(e)) => Notice::error(e.to_string()),
                    _ => Notice::success(format!(
                        "Exported {} entries to {}.",
                        summary.entries,
                        summary.path.display()
                    )),
                });
                main.audit.invalidate();
            }
            Err(ServiceError::Cancelled) => {
                self.notice = Some(Notice::info("Cancelled; nothing was changed."))
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }
}

enum Finished {
    Verified(crate::domain::audit::VerifyReport),
    Exported(crate::services::ExportSummary),
}
