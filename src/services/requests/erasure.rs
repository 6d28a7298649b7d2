//! Erasure (GDPR Art. 17, CCPA § 1798.105): removes a subject's personal data everywhere in
//! the store, keeps what the law requires, leaves a pseudonymous erasure record, and gives a
//! certificate without personal data.
//!
//! What is kept (listed on the certificate): the requests' plain facts (reference, type,
//! regime, dates, states, outcome — the proof of compliance, Art. 5(2)) with who asked and
//! what they wrote emptied; the audit trail (it names record ids, never a person); the erasure
//! record (the keyed blind index of the email, the day and the request), so the same email
//! coming back in an import or a restored backup is caught.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::request::{RequestState, long_date};
use crate::store::erasure::{self, Removed};
use crate::store::{StoreError, requests};

use crate::services::{ServiceError, ServiceResult};

/// What the law keeps after an erasure, in words for the certificate and the confirmation.
pub const KEPT_AFTER_ERASURE: [&str; 3] = [
    "The requests' plain facts (reference, type, dates, states and outcome), kept as proof that the requests were answered (GDPR Art. 5(2)); who asked, what they wrote and the officer's own notes on them (extension reason, outcome, refusal facts, the reasons of ended legal holds) are removed.",
    "The audit trail, which names record ids and users, never the person.",
    "A pseudonymous erasure record (a keyed fingerprint of the email address, the day and the request), so the address is caught if it comes back in an import or a restored backup.",
];

/// Proof of an erasure, without personal data.
#[derive(Clone, Debug, Serialize)]
pub struct ErasureCertificate {
    /// The request answered, when there was one.
    pub request_reference: Option<String>,
    /// The subject's record id (random; identifies no one once the record is gone).
    pub subject_record: String,
    /// The day.
    pub erased_on: NaiveDate,
    /// When exactly (RFC 3339).
    pub erased_at: String,
    /// The user who erased.
    pub erased_by: String,
    /// What was removed, by kind of record.
    pub removed: Removed,
    /// What was kept and why.
    pub kept: Vec<String>,
    /// Whether the write-ahead log was emptied at once (otherwise at the next checkpoint,
    /// when no other reader holds it).
    pub log_cleared: bool,
    /// Backups and kept copies beside the store or in the automatic backup folder: they still
    /// hold the person (sealed) until they expire from the rotation or are deleted; restoring
    /// one erases the person again.
    #[serde(default)]
    pub copies_still_holding: u64,
}

/// The sentence about the copies that still hold an erased person.
pub fn copies_sentence(copies: u64) -> Option<String> {
    match copies {
        0 => None,
        1 => Some("1 backup or kept copy of the store still holds the person, sealed, until it expires from the backup rotation or is deleted; restoring it erases them again.".to_owned()),
        n => Some(format!("{n} backups or kept copies of the store still hold the person, sealed, until they expire from the backup rotation or are deleted; restoring one erases them again.")),
    }
}

impl ErasureCertificate {
    /// The certificate as a readable text.
    pub fn to_text(&self, organisation: &str) -> String {
        let mut t = String::new();
        t.push_str("ERASURE CERTIFICATE\n\n");
        if !organisation.trim().is_empty() {
            t.push_str(&format!("Controller: {}\n", organisation.trim()));
        }
        t.push_str(&format!(
            "Request: {}\n",
            self.request_reference
                .as_deref()
                .unwrap_or("none (erased by the officer)")
        ));
        t.push_str(&format!("Record: {}\n", self.subject_record));
        t.push_str(&format!(
            "Erased on: {} ({})\nErased by: {}\n\n",
            long_date(self.erased_on),
            self.erased_at,
            self.erased_by
        ));
        t.push_str("Removed:\n");
        t.push_str(&format!(
            "- identity record (email, name, phone, postal address, customer reference, notes, tags): {}\n",
            self.removed.subject
        ));
        t.push_str(&format!(
            "- consent events with their evidence: {}\n",
            self.removed.consent_events
        ));
        t.push_str(&format!(
            "- correction history entries: {}\n",
            self.removed.rectifications
        ));
        t.push_str(&format!(
            "- requests with the requester's details and the officer's notes emptied: {}\n",
            self.removed.requests_scrubbed
        ));
        t.push_str(&format!(
            "- reasons of ended legal holds replaced: {}\n\nKept:\n",
            self.removed.holds_scrubbed
        ));
        for k in &self.kept {
            t.push_str(&format!("- {k}\n"));
        }
        if let Some(copies) = copies_sentence(self.copies_still_holding) {
            t.push_str(&format!("\nCopies: {copies}\n"));
        }
        t
    }
}

impl super::Requests<'_> {
    /// Erases `subject` in one transaction, answering `request` (an erasure or delete request
    /// that is open and not waiting for identity) when given; writes the erasure record, a
    /// step on the request and one audit entry, then empties the write-ahead log.
    pub fn erase_subject(
        &mut self,
        subject: Uuid,
        request: Option<Uuid>,
        today: NaiveDate,
    ) -> ServiceResult<ErasureCertificate> {
        self.require(Permission::EraseSubjects)?;
        let keys = Arc::clone(self.keys);
        let request_row = match request {
            Some(r) => Some(
                requests::get(self.store.db(), &keys.field, r)?
                    .ok_or_else(|| StoreError::Corrupt(format!("request {r} is missing")))?,
            ),
            None => None,
        };
        if let Some(r) = &request_row {
            if !r.kind.is_erasure() {
                return Err(ServiceError::invalid(
                    r.reference.clone(),
                    format!(
                        "this is a request of type {}, not an erasure request.",
                        r.kind.code()
                    ),
                ));
            }
            if r.subject_id != Some(subject) {
                return Err(ServiceError::invalid(
                    r.reference.clone(),
                    "the request is about another person (or they are already erased).",
                ));
            }
            if r.state.is_closed() {
                return Err(ServiceError::invalid(
                    r.reference.clone(),
                    format!("the request is already {}.", r.state.label().to_lowercase()),
                ));
            }
            if r.state == RequestState::AwaitingIdentity {
                return Err(ServiceError::invalid(
                    r.reference.clone(),
                    "the person's identity has not been confirmed yet; record it (verify) before erasing.",
                ));
            }
        }
        if crate::store::holds::is_held(
            self.store.db(),
            crate::domain::retention::hold::HoldTarget::Subject(subject),
            today,
        )? {
            return Err(ServiceError::invalid(
                "Legal hold",
                "a legal hold keeps this person's records (GDPR Art. 17(3)(e): legal claims). Release the hold first, or refuse the request on that exemption.",
            ));
        }
        let index = erasure::email_index_of(self.store.db(), subject)?;
        if !crate::store::subjects::exists(self.store.db(), subject)? {
            return Err(ServiceError::invalid(
                "Subject",
                format!("there is no subject {subject}; they may already be erased."),
            ));
        }
        // Parts kept on an exception (Art. 17(3); § 1798.105(d)) are listed on the certificate.
        let kept_parts = match &request_row {
            Some(r) => self.kept_parts(r.id)?,
            None => Vec::new(),
        };
        let reference = request_row.as_ref().map(|r| r.reference.clone());
        let actor = self.user.name.clone();
        let via = self.via.code().to_owned();
        let mut w = self.store.write()?;
        let removed = erasure::erase_subject_rows(&mut w, &keys.field, subject, today)?;
        erasure::record(
            &w,
            subject,
            index.as_deref(),
            today,
            reference.as_deref(),
            &removed,
        )?;
        if let Some(r) = &request_row {
            Self::note_request_step(
                &w,
                r.id,
                r.state,
                format!(
                    "Personal data erased on {} ({} consent events, {} corrections)",
                    long_date(today),
                    removed.consent_events,
                    removed.rectifications
                ),
                &actor,
            )?;
        }
        let entry = crate::domain::audit::NewAuditEntry {
            actor: actor.clone(),
            via,
            action: AuditAction::SubjectErased,
            entity: EntityRef::new("subject", subject.to_string()),
            details: format!(
                "{}{} consent events, {} corrections, {} requests scrubbed",
                reference
                    .as_deref()
                    .map(|r| format!("request {r}; "))
                    .unwrap_or_default(),
                removed.consent_events,
                removed.rectifications,
                removed.requests_scrubbed
            ),
        };
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        // The log still holds the deleted pages as they were. The checkpoint waits for readers
        // (the connection's busy timeout, 5 s); the window stops its search-index build first.
        let log_cleared = self.store.checkpoint_truncate()?;
        let copies_still_holding = self.copies_holding_the_erased()?;
        Ok(ErasureCertificate {
            request_reference: reference,
            subject_record: subject.to_string(),
            erased_on: today,
            erased_at: Utc::now().to_rfc3339(),
            erased_by: actor,
            removed,
            kept: KEPT_AFTER_ERASURE
                .iter()
                .map(|s| (*s).to_owned())
                .chain(kept_parts.iter().map(|k| {
                    format!(
                        "Kept on an exception: {} ({}, {}).",
                        k.part,
                        k.exception.code(),
                        k.exception.citation()
                    )
                }))
                .collect(),
            log_cleared,
            copies_still_holding,
        })
    }

    /// How many side copies (backups, copies kept before an upgrade or a restore) lie beside
    /// the store or in the automatic backup folder: each still holds everyone erased since it
    /// was made.
    pub fn copies_holding_the_erased(&self) -> ServiceResult<u64> {
        let mut dirs = Vec::new();
        if let Some(dir) = self.store.path().parent() {
            dirs.push(dir.to_owned());
        }
        if let Some((dir, _)) = self.backups().backup_rotation()?
            && !dirs.contains(&dir)
        {
            dirs.push(dir);
        }
        Ok(dirs
            .iter()
            .map(|d| crate::store::side_copies_in(d).len() as u64)
            .sum())
    }

    /// The erasure record of an email, when that address was erased: (day, request).
    pub fn erasure_of(&self, email: &str) -> ServiceResult<Option<(String, Option<String>)>> {
        let index = crate::crypto::EmailIndex::of(&self.keys.email_index, email);
        Ok(erasure::find(self.store.db(), &index.0)?.map(|r| (r.erased_on, r.request_reference)))
    }
}
