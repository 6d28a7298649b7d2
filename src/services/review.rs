//! The consent review queue: given consents that need the officer's attention because they are
//! older than the refresh period, were given under an outdated notice, or have no evidence
//! (rules in `domain::consent::review_reasons`), and the bulk action that expires them.
//!
//! Computed by streaming the ledger subject by subject; nothing is decrypted to build the
//! queue. (Subjects processed for a consent-based purpose without any consent record need a
//! record of processing per person, which the store does not hold yet.)

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::consent::{
    Channel, ConsentEvent, ConsentEventKind, ConsentState, ReviewMark, ReviewReason, current_state,
    open_reasons, review_reasons,
};
use crate::domain::purpose::PurposeCode;
use crate::jobs::Progress;
use crate::store::{StoreReader, consent, purposes};

use super::{ServiceError, ServiceResult, Session};

/// One consent that needs review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReviewItem {
    /// The subject.
    pub subject: Uuid,
    /// The purpose.
    pub purpose: PurposeCode,
    /// When it was last given or confirmed.
    pub confirmed_at: DateTime<Utc>,
    /// Why it needs review.
    pub reasons: Vec<ReviewReason>,
}

/// Computes the review queue on a read-only connection (no decryption needed).
pub struct ReviewReader {
    reader: StoreReader,
}

impl ReviewReader {
    /// The consents that need review at `now`, oldest first.
    pub fn queue(
        &self,
        refresh_months: u32,
        now: DateTime<Utc>,
        progress: &Progress,
    ) -> ServiceResult<Vec<ReviewItem>> {
        queue_on(self.reader.conn(), refresh_months, now, progress)
    }

    /// How many consents need review at `now`.
    pub fn count(
        &self,
        refresh_months: u32,
        now: DateTime<Utc>,
        progress: &Progress,
    ) -> ServiceResult<usize> {
        self.queue(refresh_months, now, progress).map(|q| q.len())
    }
}

/// The queue, read subject by subject from `conn`; cancellable through `progress`.
fn queue_on(
    conn: &rusqlite::Connection,
    refresh_months: u32,
    now: DateTime<Utc>,
    progress: &Progress,
) -> ServiceResult<Vec<ReviewItem>> {
    let catalogue = purposes::list(conn)?;
    let marks = crate::store::consent_reviews::all(conn)?;
    let mut queue = Vec::new();
    let mut seen = 0u64;
    consent::for_each_subject_with_id(conn, |subject, events| {
        seen += 1;
        if seen.is_multiple_of(1024) && progress.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        for row in &catalogue {
            let state = current_state(&row.purpose, events);
            let reasons = review_reasons(&state, Some(row.current_notice), refresh_months, now);
            if let (false, ConsentState::Given { confirmed_at, .. }) = (reasons.is_empty(), &state)
            {
                let mark = if marks.is_empty() {
                    None
                } else {
                    marks.get(&(subject, row.purpose.code.as_str().to_owned()))
                };
                let reasons = open_reasons(
                    reasons,
                    mark,
                    *confirmed_at,
                    row.current_notice,
                    refresh_months,
                    now,
                );
                if reasons.is_empty() {
                    continue;
                }
                queue.push(ReviewItem {
                    subject,
                    purpose: row.purpose.code.clone(),
                    confirmed_at: *confirmed_at,
                    reasons,
                });
            }
        }
        Ok(true)
    })?;
    queue.sort_by_key(|i| i.confirmed_at);
    Ok(queue)
}

impl Session {
    /// Every given consent that needs review at `now`, with the refresh period in months.
    pub fn review_queue(
        &self,
        refresh_months: u32,
        now: DateTime<Utc>,
    ) -> ServiceResult<Vec<ReviewItem>> {
        self.require(Permission::ViewPersonalData)?;
        queue_on(self.store.conn(), refresh_months, now, &Progress::default())
    }

    /// A reader that computes the queue on another thread (the review tab, the Dashboard's
    /// count).
    pub fn review_reader(&self) -> ServiceResult<ReviewReader> {
        self.require(Permission::ViewPersonalData)?;
        Ok(ReviewReader {
            reader: self.store.reader()?,
        })
    }

    /// Marks each item reviewed by the signed-in user (the officer checked it and keeps it):
    /// it leaves the queue until its consent ages past another refresh period, a newer notice
    /// is published, or the person acts again. One audit entry covers the batch (counts only).
    pub fn mark_reviewed(&mut self, items: &[ReviewItem]) -> ServiceResult<usize> {
        self.require(Permission::RecordConsent)?;
        if items.is_empty() {
            return Ok(0);
        }
        let notices: std::collections::HashMap<String, u32> = purposes::list(self.store.conn())?
            .into_iter()
            .map(|p| (p.purpose.code.as_str().to_owned(), p.current_notice))
            .collect();
        let entry = self.entry(
            crate::domain::audit::AuditAction::ConsentsReviewed,
            crate::domain::audit::EntityRef::new("review_queue", ""),
            format!("{} consents marked reviewed", items.len()),
        );
        let by = self.user.name.clone();
        let keys = std::sync::Arc::clone(&self.keys);
        let now = Utc::now();
        let mut w = self.store.write()?;
        for item in items {
            let mark = ReviewMark {
                reviewed_at: now,
                notice_version: notices.get(item.purpose.as_str()).copied().unwrap_or(0),
            };
            crate::store::consent_reviews::mark(
                &w,
                item.subject,
                item.purpose.as_str(),
                &mark,
                &by,
            )?;
        }
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(items.len())
    }

    /// Records an `expired` event for each item, each with its audit entry; returns how many
    /// were expired. Stops at the first failure, keeping what was already recorded.
    pub fn expire_consents(&mut self, items: &[ReviewItem]) -> ServiceResult<usize> {
        self.require(Permission::RecordConsent)?;
        let now = Utc::now();
        let mut done = 0;
        for item in items {
            let event = ConsentEvent {
                purpose: Some(item.purpose.clone()),
                kind: ConsentEventKind::Expired,
                at: now,
                channel: Channel::OfficerReview,
                notice_version: None,
                evidence: crate::domain::consent::Evidence {
                    note: "expired from the review queue".into(),
                    ..Default::default()
                },
                recorded_by: String::new(),
            };
            self.record_consent(item.subject, &event)?;
            done += 1;
        }
        Ok(done)
    }
}
