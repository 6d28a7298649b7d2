//! Applying the review queue's commands: computing the queue on a worker thread, marking the
//! listed consents reviewed, and expiring the stale ones.
//!
//! Expiring reads the whole ledger (to find the stale consents at this moment) and records one
//! event per consent, so it runs on a worker session (`jobs/expire.rs`), in batches between
//! which it looks at the cancel flag. Cancelling keeps what was already expired.

use crate::services::ReviewItem;

use crate::gui::app::{PrivacyDeskApp, Screen};
use crate::gui::jobs::{CountReview, ExpireStale, ReadReviewQueue};
use crate::gui::widgets::Notice;

impl PrivacyDeskApp {
    /// Computes the review queue on a worker thread (it reads the whole ledger). Its length is
    /// the Dashboard's review count, so a count running meanwhile is stopped ("Counting…" until
    /// the queue is read); a summary asked for meanwhile waits for it.
    pub(in crate::gui) fn load_review(&mut self) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        if self.jobs.is_running::<ReadReviewQueue>() {
            return;
        }
        match session.consent().review_reader() {
            Ok(reader) => {
                self.jobs.start(ReadReviewQueue(reader));
                if self.jobs.is_running::<CountReview>() {
                    self.jobs.forget::<CountReview>();
                    main.review_count = None;
                }
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// Marks the listed consents reviewed (at most the rows shown, one transaction), then
    /// computes the queue again on a worker thread.
    pub(in crate::gui) fn mark_reviewed(&mut self, items: &[ReviewItem]) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        self.notice = Some(match session.consent().mark_reviewed(items) {
            Ok(n) => Notice::success(format!(
                "{n} consents were marked reviewed; they leave the queue until they need attention again."
            )),
            Err(e) => Notice::error(e.to_string()),
        });
        self.requeue();
    }

    /// Expires the stale consents on a worker session; the queue is read again there first,
    /// so it is the one at this moment.
    pub(in crate::gui) fn expire_stale(&mut self) {
        let Some(reader) = self.session.as_ref().map(|s| s.consent().review_reader()) else {
            return;
        };
        let reader = match reader {
            Ok(reader) => reader,
            Err(e) => {
                self.notice = Some(Notice::error(e.to_string()));
                return;
            }
        };
        let Some(session) = self.worker() else {
            return;
        };
        self.notice = None;
        self.jobs.start(ExpireStale { session, reader });
    }

    /// Reads the queue (when it shows) and the Dashboard's figures again after a change to it,
    /// one whole-store read at a time: the queue (whose length is the review count: no
    /// separate count), then the summary, which waits for it.
    pub(in crate::gui) fn requeue(&mut self) {
        if let Screen::Main(main) = &mut self.screen {
            // Counts started before the change would show it undone.
            self.jobs.forget::<ReadReviewQueue>();
            self.jobs.forget::<CountReview>();
            main.review_count = None;
            main.review.asked(None);
        }
        self.prepare();
    }
}
