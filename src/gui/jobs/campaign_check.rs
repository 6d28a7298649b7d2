//! Checking a campaign's audience (Campaigns → "Check an audience…"), on a worker session:
//! the clean audience is written, the suppression file if asked, and the run kept as a send
//! record with its audit entry.

use crate::jobs::Progress;
use crate::services::{CampaignCheck, CheckReport, ServiceResult, Session};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// A check: the worker session and what to check.
pub(in crate::gui) struct CheckAudience {
    pub session: Session,
    pub spec: CampaignCheck,
}

impl WindowJob<PrivacyDeskApp> for CheckAudience {
    type Output = ServiceResult<CheckReport>;

    fn label(&self) -> String {
        "Checking the audience".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.session
            .campaigns()
            .check_audience_with(&self.spec, progress)
    }

    fn finish(output: Self::Output, app: &mut PrivacyDeskApp) {
        match output {
            Ok(report) => {
                app.notice = Some(Notice::success(format!(
                    "Checked {} rows: {} may be emailed, {} left out. Send record {} kept.",
                    report.checked,
                    report.sendable,
                    report.excluded.total(),
                    report.record.reference()
                )));
                if let Screen::Main(main) = &mut app.screen {
                    main.campaigns.checked(report);
                }
            }
            Err(crate::services::ServiceError::Cancelled) => {
                app.notice = Some(Notice::info(
                    "The check was cancelled: no file was written and no send record kept.",
                ));
            }
            Err(e) => {
                app.notice = Some(Notice::error(format!("The audience was not checked: {e}")));
            }
        }
    }
}
