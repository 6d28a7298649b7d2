//! Writing a purpose's suppression list, on a worker session (it writes an audit entry).

use std::path::PathBuf;

use crate::domain::purpose::PurposeCode;
use crate::jobs::Progress;
use crate::services::{DataExportSummary, ServiceError, ServiceResult, Session};

use super::super::app::PrivacyDeskApp;
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// A suppression list: the worker session, the purpose and the file.
pub(in crate::gui) struct WriteSuppression {
    pub session: Session,
    pub purpose: PurposeCode,
    pub path: PathBuf,
}

impl WindowJob<PrivacyDeskApp> for WriteSuppression {
    type Output = ServiceResult<DataExportSummary>;

    fn label(&self) -> String {
        "Writing the suppression list".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.session
            .exports()
            .export_suppression(&self.purpose, &self.path, progress)
    }

    fn finish(result: Self::Output, app: &mut PrivacyDeskApp) {
        app.notice = Some(match result {
            Ok(summary) => Notice::success(format!(
                "The suppression list ({} email addresses) was written to {}.",
                summary.count,
                summary.path.display()
            )),
            Err(ServiceError::Cancelled) => {
                Notice::info("The export was cancelled; no file of it was left behind.")
            }
            Err(e) => Notice::error(e.to_string()),
        });
    }
}
