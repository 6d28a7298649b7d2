//! Applying the Audit log commands: verifying or exporting the chain on a
//! worker thread with progress and Cancel.

use crate::services::AuditReader;

use crate::gui::app::PrivacyDeskApp;
use crate::gui::jobs::{ExportAudit, VerifyAudit};
use crate::gui::widgets::Notice;

impl PrivacyDeskApp {
    pub(in crate::gui) fn start_verify(&mut self) {
        if let Some(reader) = self.audit_reader() {
            self.jobs.start(VerifyAudit(reader));
        }
    }

    pub(in crate::gui) fn start_export(
        &mut self,
        path: std::path::PathBuf,
        filter: crate::domain::audit::AuditFilter,
    ) {
        if let Some(reader) = self.audit_reader() {
            self.jobs.start(ExportAudit {
                reader,
                path,
                filter,
            });
        }
    }

    /// A reader for background work on the audit trail, unless some is already running.
    fn audit_reader(&mut self) -> Option<AuditReader> {
        let session = self.session.as_ref()?;
        if self.jobs.is_running::<VerifyAudit>() || self.jobs.is_running::<ExportAudit>() {
            return None;
        }
        match session.audit().audit_reader() {
            Ok(reader) => Some(reader),
            Err(e) => {
                self.notice = Some(Notice::error(e.to_string()));
                None
            }
        }
    }
}
