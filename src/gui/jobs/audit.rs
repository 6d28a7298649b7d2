//! Verifying and exporting the audit trail (shown in the window's job bar with Cancel).

use std::path::PathBuf;

use crate::domain::audit::{AuditFilter, VerifyReport};
use crate::jobs::Progress;
use crate::services::{AuditReader, ExportSummary, ServiceError, ServiceResult};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// Verifies the audit chain on its own connection.
pub(in crate::gui) struct VerifyAudit(pub AuditReader);

impl WindowJob<PrivacyDeskApp> for VerifyAudit {
    type Output = ServiceResult<VerifyReport>;
    const IN_BAR: bool = true;

    fn label(&self) -> String {
        "Verifying the audit trail".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.0.verify(progress)
    }

    fn finish(output: Self::Output, app: &mut PrivacyDeskApp) {
        match output {
            Ok(report) => {
                let changed = report.changed_rows.len();
                app.notice = Some(match (&report.first_break, changed) {
                    (None, 0) => Notice::success(format!(
                        "The audit trail is intact: {} entries verified. No protected row was changed: {} rows checked.",
                        report.checked, report.rows_checked
                    )),
                    (None, n) => Notice::error(format!(
                        "{n} of {} protected rows were changed or added outside Privacy Desk (listed in the Audit log); the audit trail itself is intact ({} entries).",
                        report.rows_checked, report.checked
                    )),
                    (Some(brk), n) => Notice::error(format!(
                        "The audit trail is broken at entry {}: {brk}.{}",
                        brk.first_bad_seq(),
                        match n {
                            0 => String::new(),
                            n => format!(
                                " {n} protected rows were also changed or added outside Privacy Desk (listed in the Audit log)."
                            ),
                        }
                    )),
                });
                if let Screen::Main(main) = &mut app.screen {
                    main.verify = Some(report);
                }
            }
            Err(e) => app.notice = Some(cancelled_or(e)),
        }
    }
}

/// Exports the audit trail (or the entries a filter picks) to a CSV or JSON file.
pub(in crate::gui) struct ExportAudit {
    pub reader: AuditReader,
    pub path: PathBuf,
    pub filter: AuditFilter,
}

impl WindowJob<PrivacyDeskApp> for ExportAudit {
    type Output = ServiceResult<ExportSummary>;
    const IN_BAR: bool = true;

    fn label(&self) -> String {
        "Exporting the audit trail".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.reader.export(&self.path, &self.filter, progress)
    }

    fn finish(output: Self::Output, app: &mut PrivacyDeskApp) {
        match output {
            Ok(summary) => {
                let recorded = app
                    .session
                    .as_mut()
                    .map(|s| s.audit().record_audit_export(&summary));
                app.notice = Some(match recorded {
                    Some(Err(e)) => Notice::error(e.to_string()),
                    _ => Notice::success(format!(
                        "Exported {} entries to {}.",
                        summary.entries,
                        summary.path.display()
                    )),
                });
            }
            Err(e) => app.notice = Some(cancelled_or(e)),
        }
    }
}

fn cancelled_or(e: ServiceError) -> Notice {
    match e {
        ServiceError::Cancelled => Notice::info("Cancelled; nothing was changed."),
        e => Notice::error(e.to_string()),
    }
}
