//! Purposes and the consent ledger at the service level: the catalogue, recording events
//! (audited), each subject's current consent per purpose and timeline, and counts.

pub(in crate::services) mod catalogue;
pub(in crate::services) mod children;
pub(in crate::services) mod import;
pub(in crate::services) mod import_file;
pub(in crate::services) mod import_mappings;
pub(in crate::services) mod import_preview;
pub(in crate::services) mod review;
pub(in crate::services) mod undeliverable;

/// The consent area of a session (see [`crate::services::front`]).
pub type Consent<'s> = crate::services::front::Front<'s, crate::services::front::area::Consent>;

use std::collections::BTreeMap;

use chrono::Utc;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::consent::{ConsentEvent, ConsentState, current_state};
use crate::domain::purpose::{Notice, PurposeCode};
use crate::store::purposes::{self, PurposeRow};
use crate::store::{StoreError, audit_log, consent, subjects};

use super::{ServiceError, ServiceResult};

/// How many people are in each state for one purpose.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ConsentCounts {
    /// Consent stands.
    pub given: u64,
    /// Withdrawn.
    pub withdrawn: u64,
    /// Lapsed.
    pub expired: u64,
    /// Stopped by a CCPA opt-out or a GPC signal.
    pub opted_out: u64,
}

impl Consent<'_> {
    /// The purpose catalogue with each purpose's current notice version.
    pub fn purposes(&self) -> ServiceResult<Vec<PurposeRow>> {
        Ok(purposes::list(self.store.db())?)
    }

    /// Every notice version of a purpose.
    pub fn notices(&self, code: &PurposeCode) -> ServiceResult<Vec<Notice>> {
        Ok(purposes::notices(self.store.db(), code)?)
    }

    /// Adopts the shipped purpose catalogue when the store has none (a store upgraded from a
    /// version without purposes), with its audit entry.
    pub(super) fn adopt_default_purposes_if_empty(&mut self) -> ServiceResult<()> {
        if purposes::count(self.store.db())? > 0 {
            return Ok(());
        }
        let catalogue = super::session::default_catalogue()?;
        let entry = self.entry(
            AuditAction::PurposesAdopted,
            EntityRef::new("purposes", ""),
            format!("{} purposes from assets/purposes.toml", catalogue.len()),
        );
        let w = self.store.write()?;
        for p in &catalogue {
            purposes::insert(&w, &p.purpose, &p.notice)?;
        }
        audit_log::append(&w, &self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Appends an event to a subject's consent ledger, with its audit entry. The event is
    /// recorded as by the signed-in user whatever `recorded_by` says.
    pub fn record_consent(&mut self, subject: Uuid, event: &ConsentEvent) -> ServiceResult<Uuid> {
        let event = self.checked_event(subject, event)?;
        let keys = std::sync::Arc::clone(self.keys);
        let (id, entry) = self.consent_entry(subject, &event);
        let mut w = self.store.write()?;
        consent::append(&mut w, &keys.field, subject, id, &event)?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(id)
    }

    /// Checks an event for `subject` as [`Self::record_consent`] does, and returns it as
    /// recorded by the signed-in user.
    pub(in crate::services) fn checked_event(
        &self,
        subject: Uuid,
        event: &ConsentEvent,
    ) -> ServiceResult<ConsentEvent> {
        self.require(Permission::RecordConsent)?;
        if subjects::get(self.store.db(), &self.keys.field, subject)?.is_none() {
            return Err(ServiceError::invalid(
                "Subject",
                format!("there is no subject {subject}"),
            ));
        }
        match (&event.purpose, event.kind.is_per_purpose()) {
            (None, true) => {
                return Err(ServiceError::invalid(
                    "Purpose",
                    format!("a {} event needs a purpose", event.kind.code()),
                ));
            }
            (Some(code), _) if !purposes::exists(self.store.db(), code)? => {
                return Err(ServiceError::invalid(
                    "Purpose",
                    format!("there is no purpose {code}; `purpose list` shows them"),
                ));
            }
            _ => {}
        }
        if event.purpose.is_some() && !event.kind.is_per_purpose() {
            return Err(ServiceError::invalid(
                "Purpose",
                format!(
                    "a {} event applies to the whole person; leave the purpose out",
                    event.kind.code()
                ),
            ));
        }
        if let (Some(code), Some(version)) = (&event.purpose, event.notice_version) {
            let current = purposes::list(self.store.db())?
                .into_iter()
                .find(|p| &p.purpose.code == code)
                .map_or(0, |p| p.current_notice);
            if version == 0 || version > current {
                return Err(ServiceError::invalid(
                    "Notice version",
                    format!(
                        "{code} has notice versions 1 to {current}; {version} was never published"
                    ),
                ));
            }
        }
        if event.kind == crate::domain::consent::ConsentEventKind::OptedInToSaleOrSharing
            && !crate::domain::consent::is_two_step_opt_in(event)
        {
            return Err(ServiceError::invalid(
                "Confirmed at",
                "an opt-in to the sale or sharing of personal information must be made in two steps: the person asks, then separately confirms; record when they confirmed (--confirmed-at). Cal. Code Regs. tit. 11 § 7028(a)",
            ));
        }
        if event.at > Utc::now() + chrono::Duration::minutes(5) {
            return Err(ServiceError::invalid(
                "Time",
                "the event is in the future; give the time it happened",
            ));
        }
        let mut event = event.clone();
        event.recorded_by = self.user.name.clone();
        Ok(event)
    }

    /// A new event id and the audit entry recording `event` under it.
    pub(in crate::services) fn consent_entry(
        &self,
        subject: Uuid,
        event: &ConsentEvent,
    ) -> (Uuid, crate::domain::audit::NewAuditEntry) {
        let details = format!(
            "{} {}",
            event.kind.code(),
            event
                .purpose
                .as_ref()
                .map_or("(all sale/share)", PurposeCode::as_str)
        );
        let id = Uuid::new_v4();
        let entry = self.entry(
            AuditAction::ConsentRecorded,
            EntityRef::new("subject", subject.to_string()),
            format!("{details}; event {id}"),
        );
        (id, entry)
    }

    /// A subject's whole consent ledger, in order.
    pub fn consent_timeline(&self, subject: Uuid) -> ServiceResult<Vec<ConsentEvent>> {
        self.require(Permission::ViewPersonalData)?;
        if !subjects::exists(self.store.db(), subject)? {
            return Err(ServiceError::invalid(
                "Subject",
                format!("there is no subject {subject}"),
            ));
        }
        Ok(consent::for_subject(
            self.store.db(),
            &self.keys.field,
            subject,
        )?)
    }

    /// A subject's current state for every purpose.
    pub fn current_consents(
        &self,
        subject: Uuid,
    ) -> ServiceResult<Vec<(PurposeRow, ConsentState)>> {
        let events = self.consent_timeline(subject)?;
        Ok(self
            .purposes()?
            .into_iter()
            .map(|row| {
                let state = current_state(&row.purpose, &events);
                (row, state)
            })
            .collect())
    }

    /// How many people are in each state, per purpose (reads no personal data).
    pub fn consent_counts(&self) -> ServiceResult<BTreeMap<String, ConsentCounts>> {
        consent_counts_on(self.store.db())
    }
}

/// The consent counts, read from any connection to the store (nothing is decrypted).
pub(super) fn consent_counts_on(
    conn: &crate::store::Db,
) -> ServiceResult<BTreeMap<String, ConsentCounts>> {
    let purposes = purposes::list(conn)?;
    let mut counts: BTreeMap<String, ConsentCounts> = purposes
        .iter()
        .map(|p| (p.purpose.code.to_string(), ConsentCounts::default()))
        .collect();
    consent::for_each_subject(conn, |events| {
        for row in &purposes {
            let Some(c) = counts.get_mut(row.purpose.code.as_str()) else {
                continue;
            };
            match current_state(&row.purpose, events) {
                ConsentState::Given { .. } => c.given += 1,
                ConsentState::Withdrawn { .. } => c.withdrawn += 1,
                ConsentState::Expired { .. } => c.expired += 1,
                ConsentState::OptedOut { .. } => c.opted_out += 1,
                ConsentState::NoRecord => {}
            }
        }
    })
    .map_err(|e: StoreError| ServiceError::from(e))?;
    Ok(counts)
}
