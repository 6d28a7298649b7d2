//! Counting the consents that need review (the Dashboard's figure) on its own connection.

use crate::domain::consent::DEFAULT_REFRESH_MONTHS;
use crate::jobs::Progress;
use crate::services::{ReviewReader, ServiceError, ServiceResult};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// The count, on its reader.
pub(in crate::gui) struct CountReview(pub ReviewReader);

impl WindowJob<PrivacyDeskApp> for CountReview {
    type Output = ServiceResult<usize>;

    fn label(&self) -> String {
        "Counting consents to review".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.0
            .count(DEFAULT_REFRESH_MONTHS, chrono::Utc::now(), progress)
    }

    fn finish(result: Self::Output, app: &mut PrivacyDeskApp) {
        let Screen::Main(main) = &mut app.screen else {
            return;
        };
        match result {
            Ok(count) => main.review_count = Some(count),
            // Cancelled: a newer count or the queue's length replaces it.
            Err(ServiceError::Cancelled) => {}
            // The Dashboard keeps "Counting…"; the next change of the store counts again.
            Err(e) => {
                app.notice = Some(Notice::error(format!(
                    "The consents to review could not be counted: {e}"
                )));
            }
        }
        app.start_waiting_status();
    }
}
