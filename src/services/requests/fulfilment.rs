//! Fulfilling rectification, restriction and objection / opt-out requests: corrections with
//! their before/after history, the Art. 18 restriction mark, and withdrawals written through
//! the consent ledger.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::request::fulfilment::ledger_event_time;
use crate::domain::request::{Fulfilment, long_date};
use crate::domain::subject::SubjectDraft;
use crate::store::rectification::{self, FieldChange};
use crate::store::{StoreError, requests, subjects};

use crate::services::{ServiceError, ServiceResult};

/// The identity fields that can be corrected, with their labels.
pub const CORRECTABLE_FIELDS: [(&str, &str); 7] = [
    ("email", "Email"),
    ("name", "Name"),
    ("phone", "Phone"),
    ("postal_address", "Postal address"),
    ("customer_ref", "Customer reference"),
    ("notes", "Notes"),
    ("tags", "Tags"),
];

fn field_values(d: &SubjectDraft) -> [&str; 7] {
    [
        &d.email,
        &d.name,
        &d.phone,
        &d.postal_address,
        &d.customer_ref,
        &d.notes,
        &d.tags,
    ]
}

impl super::Requests<'_> {
    /// Corrects a subject: every field of `corrected` that differs from the record is rewritten,
    /// its old and new values kept (sealed) in the subject's history, one audit entry per field
    /// naming the field only. `request` links the change to a rectification request. Returns
    /// how many fields changed.
    pub fn rectify_subject(
        &mut self,
        subject: Uuid,
        corrected: &SubjectDraft,
        request: Option<Uuid>,
    ) -> ServiceResult<usize> {
        self.require(Permission::RecordSubjects)?;
        if request.is_some() {
            self.require(Permission::ProcessRequests)?;
        }
        corrected
            .check()
            .map_err(|m| ServiceError::invalid("Subject", m))?;
        let keys = Arc::clone(self.keys);
        let current = subjects::get(self.store.db(), &keys.field, subject)?.ok_or_else(|| {
            ServiceError::invalid("Subject", format!("there is no subject {subject}"))
        })?;
        let new_email = corrected.email.trim();
        if !new_email.is_empty()
            && !new_email.eq_ignore_ascii_case(current.fields.email.trim())
            && subjects::find_by_email(self.store.db(), &keys.field, &keys.email_index, new_email)?
                .iter()
                .any(|s| s.id != subject)
        {
            return Err(ServiceError::invalid(
                "Email",
                format!(
                    "another subject already has the email {new_email}; correct or erase that record instead."
                ),
            ));
        }
        let before = field_values(&current.fields);
        let after = field_values(corrected);
        let changed: Vec<usize> = (0..CORRECTABLE_FIELDS.len())
            .filter(|&i| {
                let normal = |s: &str, i: usize| {
                    if CORRECTABLE_FIELDS[i].0 == "notes" {
                        s.to_owned()
                    } else if CORRECTABLE_FIELDS[i].0 == "tags" {
                        crate::domain::subject::normalise_tags(s)
                    } else {
                        s.trim().to_owned()
                    }
                };
                normal(before[i], i) != normal(after[i], i)
            })
            .collect();
        if changed.is_empty() {
            return Ok(0);
        }
        let request_row = match request {
            Some(r) => {
                let row = requests::get(self.store.db(), &keys.field, r)?
                    .ok_or_else(|| StoreError::Corrupt(format!("request {r} is missing")))?;
                // A correction answers a rectification request about this very person.
                if row.kind.fulfilment() != Fulfilment::Rectification {
                    return Err(ServiceError::invalid(
                        row.reference.clone(),
                        format!(
                            "it is a {} request; only a rectification (or CCPA correction) request is answered by correcting the record.",
                            row.kind.label().to_lowercase()
                        ),
                    ));
                }
                if row.subject_id != Some(subject) {
                    return Err(ServiceError::invalid(
                        row.reference.clone(),
                        "the request is about someone else; correct the record of the person who asked.",
                    ));
                }
                Some(row)
            }
            None => None,
        };
        let entries: Vec<_> = changed
            .iter()
            .map(|&i| {
                self.entry(
                    AuditAction::SubjectRectified,
                    EntityRef::new("subject", subject.to_string()),
                    match &request_row {
                        Some(r) => format!("{} (request {})", CORRECTABLE_FIELDS[i].0, r.reference),
                        None => CORRECTABLE_FIELDS[i].0.to_owned(),
                    },
                )
            })
            .collect();
        let actor = self.user.name.clone();
        let mut w = self.store.write()?;
        for &i in &changed {
            rectification::change_field(
                &mut w,
                &keys.field,
                &keys.email_index,
                subject,
                CORRECTABLE_FIELDS[i].0,
                before[i],
                after[i],
                request,
                &actor,
            )?;
        }
        if let Some(r) = &request_row {
            let fields: Vec<&str> = changed.iter().map(|&i| CORRECTABLE_FIELDS[i].1).collect();
            Self::note_request_step(
                &w,
                r.id,
                r.state,
                format!("Corrected: {}", fields.join(", ")),
                &actor,
            )?;
        }
        for e in &entries {
            w.append_audit(&keys.audit, e)?;
        }
        w.commit()?;
        Ok(changed.len())
    }

    /// A subject's corrections, oldest first, with the values before and after.
    pub fn subject_changes(&self, subject: Uuid) -> ServiceResult<Vec<FieldChange>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(rectification::history(
            self.store.db(),
            &self.keys.field,
            subject,
        )?)
    }

    /// Since when a subject's processing is restricted (Art. 18), as YYYY-MM-DD.
    pub fn restricted_on(&self, subject: Uuid) -> ServiceResult<Option<String>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(rectification::restricted_on(self.store.db(), subject)?)
    }

    /// Restricts a subject's processing from `today` (or lifts the restriction): restricted
    /// people are left out of re-permission exports and listed on every suppression list.
    pub fn set_restricted(
        &mut self,
        subject: Uuid,
        restricted: bool,
        request: Option<Uuid>,
        today: NaiveDate,
    ) -> ServiceResult<()> {
        self.require(Permission::ProcessRequests)?;
        let keys = Arc::clone(self.keys);
        let request_row = match request {
            Some(r) => requests::get(self.store.db(), &keys.field, r)?,
            None => None,
        };
        let entry = self.entry(
            AuditAction::SubjectRestricted,
            EntityRef::new("subject", subject.to_string()),
            match (&request_row, restricted) {
                (Some(r), true) => format!("restricted (request {})", r.reference),
                (None, true) => "restricted".into(),
                (_, false) => "restriction lifted".into(),
            },
        );
        let actor = self.user.name.clone();
        let mut w = self.store.write()?;
        rectification::set_restricted(&w, subject, restricted.then_some(today))?;
        if let Some(r) = &request_row {
            Self::note_request_step(
                &w,
                r.id,
                r.state,
                if restricted {
                    format!("Processing restricted from {}", long_date(today))
                } else {
                    "Restriction lifted".into()
                },
                &actor,
            )?;
        }
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Fulfils an objection, a withdrawal of consent, a CCPA opt-out or a limit request
    /// through the consent ledger: withdrawals for `purposes` (GDPR; empty means every
    /// purpose the person's consent currently permits), or the person-wide CCPA opt-out /
    /// limit event. Returns how many events were recorded.
    pub fn opt_out_for_request(
        &mut self,
        request: Uuid,
        purposes: &[String],
    ) -> ServiceResult<usize> {
        self.require(Permission::ProcessRequests)?;
        let r = requests::get(self.store.db(), &self.keys.field, request)?
            .ok_or_else(|| StoreError::Corrupt(format!("request {request} is missing")))?;
        if !r.kind.is_opt_out() {
            return Err(ServiceError::invalid(
                r.reference,
                format!(
                    "a {} request is not fulfilled through the consent ledger.",
                    r.kind.label().to_lowercase()
                ),
            ));
        }
        let subject = r.subject_id.ok_or_else(|| {
            ServiceError::invalid(
                r.reference.clone(),
                "the person has been erased; there is nothing left to withdraw.",
            )
        })?;
        let evidence = Evidence {
            document_ref: r.reference.clone(),
            note: format!("{} request", r.kind.label()),
            ..Evidence::default()
        };
        // Dated when the person made it (Art. 7(3); Cal. Code Regs. tit. 11 § 7026(f)).
        let at = ledger_event_time(r.received, Utc::now());
        let event = |purpose, kind| ConsentEvent {
            purpose,
            kind,
            at,
            channel: Channel::OfficerReview,
            notice_version: None,
            evidence: evidence.clone(),
            recorded_by: String::new(),
        };
        let events: Vec<ConsentEvent> = match r.kind.fulfilment() {
            Fulfilment::OptOutOfSale => {
                vec![event(None, ConsentEventKind::OptedOutOfSaleOrSharing)]
            }
            Fulfilment::LimitSensitiveUse => {
                vec![event(None, ConsentEventKind::LimitedSensitiveUse)]
            }
            Fulfilment::AccessPackage
            | Fulfilment::Rectification
            | Fulfilment::Erasure
            | Fulfilment::Restriction => {
                return Err(ServiceError::invalid(
                    r.reference.clone(),
                    format!(
                        "a {} request is not fulfilled through the consent ledger.",
                        r.kind.label().to_lowercase()
                    ),
                ));
            }
            Fulfilment::ConsentWithdrawal => {
                let current = self.consent().current_consents(subject)?;
                let chosen: Vec<_> = current
                    .into_iter()
                    .filter(|(row, state)| {
                        if purposes.is_empty() {
                            state.permits_processing()
                        } else {
                            purposes.iter().any(|p| p == row.purpose.code.as_str())
                        }
                    })
                    .map(|(row, _)| row.purpose.code)
                    .collect();
                if chosen.is_empty() {
                    return Err(ServiceError::invalid(
                        "Purposes",
                        "the person's consent permits no purpose to withdraw; nothing was recorded.",
                    ));
                }
                chosen
                    .into_iter()
                    .map(|code| event(Some(code), ConsentEventKind::Withdrawn))
                    .collect()
            }
        };
        let n = events.len();
        for e in &events {
            self.consent().record_consent(subject, e)?;
        }
        let actor = self.user.name.clone();
        let w = self.store.write()?;
        Self::note_request_step(
            &w,
            r.id,
            r.state,
            format!("{n} consent event(s) recorded in the ledger"),
            &actor,
        )?;
        w.commit()?;
        Ok(n)
    }
}
