//! The evidence bundle (Dashboard → "Evidence bundle…"), written on a worker session: it
//! verifies the whole audit chain and writes its own audit entry.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::jobs::Progress;
use crate::services::{BundleSummary, ServiceResult, Session};

use super::super::app::PrivacyDeskApp;
use super::super::runner::WindowJob;
use super::super::widgets::{Notice, size};

/// Writes the evidence bundle for `year` to `path`.
pub(in crate::gui) struct EvidenceBundle {
    pub session: Session,
    pub path: PathBuf,
    pub year: i32,
    pub today: NaiveDate,
}

/// What the job did, with the file it wrote to.
pub(in crate::gui) struct EvidenceOutcome {
    path: PathBuf,
    result: ServiceResult<BundleSummary>,
}

impl WindowJob<PrivacyDeskApp> for EvidenceBundle {
    type Output = EvidenceOutcome;

    fn label(&self) -> String {
        format!("Writing the evidence bundle for {}", self.year)
    }

    fn run(self, _: &Progress) -> Self::Output {
        let result = self
            .session
            .exports()
            .export_evidence_bundle(&self.path, self.year, self.today);
        EvidenceOutcome {
            path: self.path,
            result,
        }
    }

    fn finish(outcome: Self::Output, app: &mut PrivacyDeskApp) {
        app.notice = Some(match outcome.result {
            Ok(s) => Notice::success(format!(
                "Evidence bundle for {} written to {}: {} files, {}. Its README.txt says how anyone can check it with standard tools.",
                s.year,
                outcome.path.display(),
                s.files,
                size(s.bytes)
            )),
            Err(e) => Notice::error(e.to_string()),
        });
    }
}
