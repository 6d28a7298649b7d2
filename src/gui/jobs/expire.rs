//! Expiring the stale consents of the review queue, on a worker session: the queue is read
//! again first (so it is the one at this moment), then one event per consent is recorded in
//! batches, between which the cancel flag is looked at. Cancelling keeps what was expired.

use chrono::Utc;

use crate::domain::consent::{DEFAULT_REFRESH_MONTHS, ReviewReason};
use crate::jobs::Progress;
use crate::services::{ReviewItem, ReviewReader, ServiceError, ServiceResult, Session};

use super::super::app::PrivacyDeskApp;
use super::super::runner::WindowJob;
use super::super::widgets::Notice;

/// Consents expired between looks at the cancel flag.
const EXPIRE_BATCH: usize = 256;

/// Expiring: the worker session and a reader for the queue.
pub(in crate::gui) struct ExpireStale {
    pub session: Session,
    pub reader: ReviewReader,
}

/// What expiring the stale consents did.
#[derive(Debug)]
pub(in crate::gui) struct ExpireOutcome {
    /// How many were expired.
    expired: usize,
    /// Whether it ran to the end, or why not (`Cancelled` when stopped).
    result: ServiceResult<()>,
}

impl WindowJob<PrivacyDeskApp> for ExpireStale {
    type Output = ExpireOutcome;

    fn label(&self) -> String {
        "Expiring the stale consents".into()
    }

    fn run(self, progress: &Progress) -> ExpireOutcome {
        let mut expired = 0;
        let result = (|| {
            let stale: Vec<ReviewItem> = self
                .reader
                .queue(DEFAULT_REFRESH_MONTHS, Utc::now(), progress)?
                .into_iter()
                .filter(|i| i.reasons.contains(&ReviewReason::Stale))
                .collect();
            progress.set_total(stale.len() as u64);
            progress.set_done(0);
            for batch in stale.chunks(EXPIRE_BATCH) {
                if progress.is_cancelled() {
                    return Err(ServiceError::Cancelled);
                }
                expired += self.session.consent().expire_consents(batch)?;
                progress.set_done(expired as u64);
            }
            Ok(())
        })();
        ExpireOutcome { expired, result }
    }

    fn finish(outcome: ExpireOutcome, app: &mut PrivacyDeskApp) {
        let n = outcome.expired;
        app.notice = Some(match outcome.result {
            Ok(()) => Notice::success(format!("{n} stale consents were marked expired.")),
            Err(ServiceError::Cancelled) => Notice::info(format!(
                "Stopped: {n} stale consents were marked expired before you cancelled; the others are still in the queue."
            )),
            Err(e) => Notice::error(format!(
                "{e} ({n} stale consents were marked expired before this.)"
            )),
        });
        app.requeue();
    }
}
