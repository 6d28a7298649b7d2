//! Applying the review queue's commands: computing the queue on a worker thread, marking the
//! listed consents reviewed, and expiring the stale ones.
//!
//! Expiring reads the whole ledger (to find the stale consents at this moment) and records one
//! event per consent, so it runs on a worker thread that holds the session, in batches between
//! which it looks at the cancel flag. Cancelling keeps what was already expired.

use chrono::Utc;

use crate::domain::consent::{DEFAULT_REFRESH_MONTHS, ReviewReason};
use crate::jobs::{Job, Progress};
use crate::services::{ReviewItem, ReviewReader, ServiceError, ServiceResult, Session};

use super::app::{PrivacyDeskApp, Screen};
use super::views::{REVIEW_SHOWN, ReviewRow};
use super::widgets::Notice;

/// Consents expired between looks at the cancel flag.
const EXPIRE_BATCH: usize = 256;

/// What expiring the stale consents did.
#[derive(Debug)]
pub(super) struct ExpireOutcome {
    /// How many were expired.
    expired: usize,
    /// Whether it ran to the end, or why not (`Cancelled` when stopped).
    result: ServiceResult<()>,
}

/// Reads the queue, then expires its stale consents batch by batch.
fn expire_on(session: &mut Session, reader: &ReviewReader, progress: &Progress) -> ExpireOutcome {
    let mut expired = 0;
    let result = (|| {
        let stale: Vec<ReviewItem> = reader
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
            expired += session.consent().expire_consents(batch)?;
            progress.set_done(expired as u64);
        }
        Ok(())
    })();
    ExpireOutcome { expired, result }
}

impl PrivacyDeskApp {
    /// Computes the review queue on a worker thread (it reads the whole ledger). Its length is
    /// the Dashboard's review count, so a count running meanwhile is stopped ("Counting…" until
    /// the queue is read); a summary asked for meanwhile waits for it.
    pub(super) fn load_review(&mut self) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        if main.review_load_job.is_some() {
            return;
        }
        match session.consent().review_reader() {
            Ok(reader) => {
                main.review_load_job = Some(Job::spawn("Reading the review queue", move |p| {
                    reader.queue(DEFAULT_REFRESH_MONTHS, chrono::Utc::now(), p)
                }));
                if let Some(job) = main.review_job.take() {
                    job.progress().cancel();
                    main.review_count = None;
                }
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// Shows the queue when it is ready, opening the emails of the rows shown only.
    pub(super) fn poll_review_load(&mut self) {
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        let Some(job) = main.review_load_job.as_mut() else {
            return;
        };
        let Some(result) = job.poll() else { return };
        main.review_load_job = None;
        let loaded = result
            .map_err(ServiceError::from_panic)
            .and_then(|r| r)
            .and_then(|items| {
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
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
        // The summary that waited for the queue goes first; without a queue the count is
        // counted after it.
        self.start_waiting_status();
        self.start_waiting_review_count();
    }

    /// Marks the listed consents reviewed (at most the rows shown, one transaction), then
    /// computes the queue again on a worker thread.
    pub(super) fn mark_reviewed(&mut self, items: &[ReviewItem]) {
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

    /// Expires the stale consents on a worker thread that holds the session; the queue is read
    /// again there first, so it is the one at this moment.
    pub(super) fn expire_stale(&mut self) {
        if self.importing() {
            self.notice = Some(Notice::info(super::apply_consent::BUSY));
            return;
        }
        let (Some(session), Screen::Main(main)) = (self.session.as_ref(), &mut self.screen) else {
            return;
        };
        let reader = match session.consent().review_reader() {
            Ok(reader) => reader,
            Err(e) => {
                self.notice = Some(Notice::error(e.to_string()));
                return;
            }
        };
        let Some(mut session) = self.session.take() else {
            return;
        };
        self.notice = None;
        main.consent_jobs.expire = Some(Job::spawn("Expiring the stale consents", move |p| {
            let outcome = expire_on(&mut session, &reader, p);
            (session, outcome)
        }));
    }

    /// Takes the session back when the stale consents are expired and says how many were.
    pub(super) fn poll_expire(&mut self) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let Some(job) = main.consent_jobs.expire.as_mut() else {
            return;
        };
        let Some(finished) = job.poll() else { return };
        main.consent_jobs.expire = None;
        let (session, outcome) = match finished {
            Ok(returned) => returned,
            Err(panicked) => {
                // The session went down with the thread; the keys are gone. Sign in again.
                self.lock(Some(format!("{panicked} Unlock to continue.")));
                return;
            }
        };
        self.session = Some(session);
        let n = outcome.expired;
        self.notice = Some(match outcome.result {
            Ok(()) => Notice::success(format!("{n} stale consents were marked expired.")),
            Err(ServiceError::Cancelled) => Notice::info(format!(
                "Stopped: {n} stale consents were marked expired before you cancelled; the others are still in the queue."
            )),
            Err(e) => Notice::error(format!(
                "{e} ({n} stale consents were marked expired before this.)"
            )),
        });
        self.requeue();
    }

    /// Reads the queue and the Dashboard's figures again after a change to it, one whole-store
    /// read at a time: the queue (whose length is the review count: no separate count), then
    /// the summary, which waits for it.
    fn requeue(&mut self) {
        if let Screen::Main(main) = &mut self.screen {
            main.review.invalidate();
            // Counts started before the change would show it undone.
            if let Some(job) = main.review_load_job.take() {
                job.progress().cancel();
            }
            if let Some(job) = main.review_job.take() {
                job.progress().cancel();
            }
            main.review_count = None;
        }
        self.load_review();
        self.start_status();
    }
}
