//! The consent review queue: given consents that need the officer's attention because they are
//! older than the refresh period, were given under an outdated notice, or have no evidence
//! (rules in `domain::consent::review_reasons`), and the bulk action that expires them.
//!
//! A fourth reason comes from the data inventory: when a system holds everyone in the register
//! (e.g. the email platform the register was imported from) and serves an activity pursuing a
//! consent-based purpose, each person held there with no consent record for that purpose is
//! processed without consent on record. Those items carry the day the person was recorded as
//! their date.
//!
//! Computed by streaming the ledger subject by subject; nothing is decrypted to build the
//! queue.

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
use crate::services::consent::children::ChildIndex;
use crate::store::{StoreReader, consent, purposes};

use crate::services::{ServiceError, ServiceResult};

/// One consent that needs review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReviewItem {
    /// The subject.
    pub subject: Uuid,
    /// The purpose.
    pub purpose: PurposeCode,
    /// When it was last given or confirmed (for a missing record: when the person was
    /// recorded).
    pub confirmed_at: DateTime<Utc>,
    /// Why it needs review.
    pub reasons: Vec<ReviewReason>,
}

/// Computes the review queue on a read-only connection (no decryption needed).
pub struct ReviewReader {
    reader: StoreReader,
    /// To open the few recorded ages (children, GDPR Art. 8).
    keys: std::sync::Arc<crate::crypto::VaultKeys>,
}

impl ReviewReader {
    /// The consents that need review at `now`, oldest first.
    pub fn queue(
        &self,
        refresh_months: u32,
        now: DateTime<Utc>,
        progress: &Progress,
    ) -> ServiceResult<Vec<ReviewItem>> {
        // One snapshot: a change committed meanwhile is seen entirely or not at all.
        let snapshot = self.reader.db().snapshot()?;
        queue_on(&snapshot, &self.keys.field, refresh_months, now, progress)
    }

    /// How many consents need review at `now` (counted as found: the queue, which may hold
    /// hundreds of thousands of items in a large store, is never built).
    pub fn count(
        &self,
        refresh_months: u32,
        now: DateTime<Utc>,
        progress: &Progress,
    ) -> ServiceResult<usize> {
        let mut count = 0;
        // One snapshot, like the queue.
        let snapshot = self.reader.db().snapshot()?;
        visit_queue(
            &snapshot,
            &self.keys.field,
            refresh_months,
            now,
            progress,
            |_| {
                count += 1;
            },
        )?;
        Ok(count)
    }
}

/// The queue, read subject by subject from `conn`, oldest first; cancellable through
/// `progress`.
fn queue_on(
    conn: &crate::store::Db,
    key: &crate::crypto::SecretKey,
    refresh_months: u32,
    now: DateTime<Utc>,
    progress: &Progress,
) -> ServiceResult<Vec<ReviewItem>> {
    let mut queue = Vec::new();
    visit_queue(conn, key, refresh_months, now, progress, |item| {
        queue.push(item);
    })?;
    queue.sort_by_key(|i| i.confirmed_at);
    Ok(queue)
}

/// Hands each item of the queue to `emit`, in ledger order.
fn visit_queue(
    conn: &crate::store::Db,
    key: &crate::crypto::SecretKey,
    refresh_months: u32,
    now: DateTime<Utc>,
    progress: &Progress,
    mut emit: impl FnMut(ReviewItem),
) -> ServiceResult<()> {
    let catalogue = purposes::list(conn)?;
    let marks = crate::store::consent_reviews::all(conn)?;
    let mark_of = |subject: Uuid, purpose: &PurposeCode| {
        if marks.is_empty() {
            None
        } else {
            marks.get(&(subject, purpose.as_str().to_owned()))
        }
    };
    // Consent-based purposes served by a system holding the whole register.
    let scope: Vec<PurposeCode> = crate::services::records::minimisation::register_scope(conn)?
        .into_keys()
        .collect();
    let live = if scope.is_empty() {
        Vec::new()
    } else {
        crate::store::subjects::live_ids_by_id(conn)?
    };
    let mut visited = vec![false; live.len()];
    // Children (GDPR and UK GDPR Art. 8(1); Cal. Civ. Code § 1798.120(c)): the few people with
    // an age on record have their full ledger read to judge their consents.
    let children = ChildIndex::load(conn, key)?;
    let mut seen = 0u64;
    consent::for_each_subject_with_id(conn, |subject, events| {
        seen += 1;
        if seen.is_multiple_of(1024) && progress.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        let child = if children.is_empty() {
            None
        } else {
            children.ledger(conn, key, subject)?
        };
        for row in &catalogue {
            let state = current_state(&row.purpose, events);
            let mut reasons = review_reasons(&state, Some(row.current_notice), refresh_months, now);
            if let Some(child) = &child {
                let full = current_state(&row.purpose, child.events());
                if children.fails(child, &row.purpose, &full, now) {
                    reasons.push(ReviewReason::ChildWithoutParentalConsent);
                }
            }
            if let (false, ConsentState::Given { confirmed_at, .. }) = (reasons.is_empty(), &state)
            {
                let reasons = open_reasons(
                    reasons,
                    mark_of(subject, &row.purpose.code),
                    *confirmed_at,
                    row.current_notice,
                    refresh_months,
                    now,
                );
                if reasons.is_empty() {
                    continue;
                }
                emit(ReviewItem {
                    subject,
                    purpose: row.purpose.code.clone(),
                    confirmed_at: *confirmed_at,
                    reasons,
                });
            }
        }
        if let Ok(i) = live.binary_search_by_key(subject.as_bytes(), |(id, _)| *id) {
            visited[i] = true;
            for purpose in &scope {
                let recorded = events.iter().any(|e| e.purpose.as_ref() == Some(purpose));
                if !recorded {
                    push_missing(
                        &mut emit,
                        subject,
                        purpose,
                        live[i].1,
                        mark_of(subject, purpose),
                    );
                }
            }
        }
        Ok(true)
    })?;
    for ((id, recorded_at), _) in live.iter().zip(&visited).filter(|(_, v)| !**v) {
        let subject = Uuid::from_bytes(*id);
        for purpose in &scope {
            push_missing(
                &mut emit,
                subject,
                purpose,
                *recorded_at,
                mark_of(subject, purpose),
            );
        }
    }
    Ok(())
}

/// Queues a person held for a consent-based purpose without any record for it, unless the
/// officer marked that reviewed after the person was recorded.
fn push_missing(
    emit: &mut impl FnMut(ReviewItem),
    subject: Uuid,
    purpose: &PurposeCode,
    recorded_at: DateTime<Utc>,
    mark: Option<&ReviewMark>,
) {
    if mark.is_some_and(|m| m.reviewed_at >= recorded_at) {
        return;
    }
    emit(ReviewItem {
        subject,
        purpose: purpose.clone(),
        confirmed_at: recorded_at,
        reasons: vec![ReviewReason::NoConsentRecord],
    });
}

impl super::Consent<'_> {
    /// Every given consent that needs review at `now`, with the refresh period in months.
    pub fn review_queue(
        &self,
        refresh_months: u32,
        now: DateTime<Utc>,
    ) -> ServiceResult<Vec<ReviewItem>> {
        self.require(Permission::ViewPersonalData)?;
        queue_on(
            self.store.db(),
            &self.keys.field,
            refresh_months,
            now,
            &Progress::default(),
        )
    }

    /// A reader that computes the queue on another thread (the review tab, the Dashboard's
    /// count).
    pub fn review_reader(&self) -> ServiceResult<ReviewReader> {
        self.require(Permission::ViewPersonalData)?;
        Ok(ReviewReader {
            reader: self.store.reader()?,
            keys: std::sync::Arc::clone(self.keys),
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
        let notices: std::collections::HashMap<String, u32> = purposes::list(self.store.db())?
            .into_iter()
            .map(|p| (p.purpose.code.as_str().to_owned(), p.current_notice))
            .collect();
        let entry = self.entry(
            crate::domain::audit::AuditAction::ConsentsReviewed,
            crate::domain::audit::EntityRef::new("review_queue", ""),
            format!("{} consents marked reviewed", items.len()),
        );
        let by = self.user.name.clone();
        let keys = std::sync::Arc::clone(self.keys);
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
    /// were expired. Items without any consent on record have nothing to expire and are
    /// skipped. Stops at the first failure, keeping what was already recorded.
    pub fn expire_consents(&mut self, items: &[ReviewItem]) -> ServiceResult<usize> {
        self.require(Permission::RecordConsent)?;
        let now = Utc::now();
        let mut done = 0;
        for item in items
            .iter()
            .filter(|i| i.reasons != [ReviewReason::NoConsentRecord])
        {
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
