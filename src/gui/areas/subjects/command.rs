//! What the consent area asks the app to do beyond recording: the Subjects list's sort and
//! filter, the exports of suppression lists and consent receipts, and the review queue's bulk
//! actions. Wrapped in [`crate::gui::Command::Consent`] and applied after drawing
//! (`apply_consent.rs`, `apply_review.rs`).

use std::path::PathBuf;

use uuid::Uuid;

use crate::domain::purpose::PurposeCode;
use crate::services::{ConsentFilter, ReviewItem, SubjectOrder};

/// A request from the consent area.
#[derive(Debug)]
#[must_use]
pub enum ConsentCommand {
    /// List the subjects in `order`, only those matching `filter`, on a worker thread.
    ListSubjects {
        /// Purpose and consent state (everyone when `None`).
        filter: Option<ConsentFilter>,
        /// The order asked for.
        order: SubjectOrder,
    },
    /// Stop listing; the list goes back to everyone in the order recorded.
    CancelList,
    /// Write a purpose's suppression list (.csv) on a worker thread.
    ExportSuppression {
        /// The purpose.
        purpose: PurposeCode,
        /// Target file.
        path: PathBuf,
    },
    /// Stop writing the suppression list; no file is left.
    CancelSuppression,
    /// Write a subject's consent receipt (.json or .html).
    ExportReceipt {
        /// The subject.
        subject: Uuid,
        /// Target file; its extension picks the format.
        path: PathBuf,
    },
    /// Mark these review-queue items reviewed: they leave the queue.
    MarkReviewed(Vec<ReviewItem>),
    /// Stop expiring stale consents; those already expired stay expired.
    CancelExpire,
    /// Record a person's age (GDPR Art. 8; Cal. Civ. Code § 1798.120(c)).
    SetAge {
        /// The person.
        subject: Uuid,
        /// Their birth year or band.
        value: crate::domain::children::AgeValue,
        /// How it was verified (`None`: stated).
        verified_by: Option<crate::domain::children::VerificationMethod>,
    },
    /// Record a parent's authorisation of one of the person's consents.
    AuthoriseConsent {
        /// The person.
        subject: Uuid,
        /// The consent event.
        event: Uuid,
        /// Who, how verified, when.
        auth: crate::domain::children::ParentalAuthorisation,
    },
}
