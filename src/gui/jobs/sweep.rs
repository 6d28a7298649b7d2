//! The retention sweep: its dry run on a read connection, and the sweep itself on a worker
//! session (the rule in progress rolls back whole when cancelled).

use chrono::NaiveDate;

use crate::domain::retention::report::{SweepOutcome, SweepReport};
use crate::jobs::Progress;
use crate::services::{ServiceError, ServiceResult, Session};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::runner::WindowJob;
use super::super::widgets::Notice;
use super::{BuildSearchIndex, CountReview, ReadReviewQueue};

/// The plan, prepared by the caller on its own read connection.
type Plan = Box<dyn FnOnce(&Progress) -> ServiceResult<SweepReport> + Send>;

/// A dry run of the sweep.
pub(in crate::gui) struct PreviewSweep(pub Plan);

impl WindowJob<PrivacyDeskApp> for PreviewSweep {
    type Output = ServiceResult<SweepReport>;

    fn label(&self) -> String {
        "Previewing the sweep".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        (self.0)(progress)
    }

    fn finish(output: Self::Output, app: &mut PrivacyDeskApp) {
        let Screen::Main(main) = &mut app.screen else {
            return;
        };
        match output {
            Ok(plan) => main.retention.sweep.previewed(plan),
            Err(ServiceError::Cancelled) => {
                app.notice = Some(Notice::info("The preview was cancelled."));
            }
            Err(e) => app.notice = Some(Notice::error(e.to_string())),
        }
    }
}

/// The sweep itself, on a worker session, as of `today`.
pub(in crate::gui) struct ApplySweep {
    pub session: Session,
    pub today: NaiveDate,
}

impl WindowJob<PrivacyDeskApp> for ApplySweep {
    type Output = ServiceResult<SweepReport>;

    fn label(&self) -> String {
        "Applying the sweep".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.session.retention().apply_sweep(self.today, progress)
    }

    fn finish(result: Self::Output, app: &mut PrivacyDeskApp) {
        let Screen::Main(main) = &mut app.screen else {
            return;
        };
        app.notice = Some(match &result {
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
        }
        // People may have been deleted or anonymised: what shows them follows the store
        // generation (an open page of someone deleted closes), and the in-memory search index
        // is built anew.
        app.jobs.forget::<BuildSearchIndex>();
        main.search_index = None;
        // Counts and a queue started before the sweep would show it undone.
        app.jobs.forget::<CountReview>();
        app.jobs.forget::<ReadReviewQueue>();
        main.review_count = None;
        app.start_search_index();
        // The summary first; the count waits for it (and for the index): whole-store reads
        // run one at a time.
        app.start_review_count();
    }
}
