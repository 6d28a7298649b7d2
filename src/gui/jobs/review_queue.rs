//! Reading the review queue (the whole ledger) on its own connection; the emails of the rows
//! shown are opened with the window's session when it is ready. Its length is the Dashboard's
//! review count.

use crate::domain::consent::{DEFAULT_REFRESH_MONTHS, ReviewReason};
use crate::jobs::Progress;
use crate::services::{ReviewItem, ReviewReader, ServiceResult};

use super::super::app::{PrivacyDeskApp, Screen};
use super::super::areas::{REVIEW_SHOWN, ReviewRow};
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// The queue, on its reader.
pub(in crate::gui) struct ReadReviewQueue(pub ReviewReader);

impl WindowJob<PrivacyDeskApp> for ReadReviewQueue {
    type Output = ServiceResult<Vec<ReviewItem>>;

    fn label(&self) -> String {
        "Reading the review queue".into()
    }

    fn run(self, progress: &Progress) -> Self::Output {
        self.0
            .queue(DEFAULT_REFRESH_MONTHS, chrono::Utc::now(), progress)
    }

    fn finish(result: Self::Output, app: &mut PrivacyDeskApp) {
        let (Some(session), Screen::Main(main)) = (app.session.as_ref(), &mut app.screen) else {
            return;
        };
        let loaded = result.and_then(|items| {
            let total = items.len();
            let stale = items
                .iter()
                .filter(|i| i.reasons.contains(&ReviewReason::Stale))
                .count();
            let mut rows = Vec::new();
            for item in items.into_iter().take(REVIEW_SHOWN) {
                let email = session
                    .subjects()
                    .subject(item.subject)?
                    .map(|s| s.fields.email)
                    .unwrap_or_default();
                rows.push(ReviewRow { item, email });
            }
            Ok((rows, total, stale))
        });
        match loaded {
            Ok((rows, total, stale)) => {
                main.review_count = Some(total);
                main.review.set_rows(rows, total, stale);
            }
            Err(e) => app.notice = Some(Notice::error(e.to_string())),
        }
        // The summary that waited for the queue goes first; without a queue the count is
        // counted after it.
        app.start_waiting_status();
        app.start_waiting_review_count();
    }

    fn failed(message: String, app: &mut PrivacyDeskApp) {
        app.notice = Some(Notice::error(message));
        app.start_waiting_status();
        app.start_waiting_review_count();
    }
}
