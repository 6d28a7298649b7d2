//! Undeliverable addresses at the service level: marking a subject's email as bouncing (with
//! its audit entry) and reading the mark. A bounce is not a withdrawal of consent.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::store::{subjects, undeliverable};

use crate::services::{ServiceError, ServiceResult};

impl super::Consent<'_> {
    /// Marks a subject's address undeliverable since `at`, with its audit entry (the id and
    /// the time only). Returns whether anything changed.
    pub fn mark_undeliverable(&mut self, subject: Uuid, at: DateTime<Utc>) -> ServiceResult<bool> {
        self.require(Permission::RecordSubjects)?;
        if subjects::get(self.store.db(), &self.keys.field, subject)?.is_none() {
            return Err(ServiceError::invalid(
                "Subject",
                format!("there is no subject {subject}"),
            ));
        }
        if at > Utc::now() + chrono::Duration::minutes(5) {
            return Err(ServiceError::invalid(
                "Time",
                "the time is in the future; give the time the address bounced",
            ));
        }
        let keys = std::sync::Arc::clone(self.keys);
        let entry = self.entry(
            AuditAction::SubjectMarkedUndeliverable,
            EntityRef::new("subject", subject.to_string()),
            format!("since {}", at.to_rfc3339()),
        );
        let w = self.store.write()?;
        let changed = undeliverable::set(&w, subject, at)?;
        if !changed {
            return Ok(false);
        }
        let mut w = w;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(true)
    }

    /// Since when a subject's address is undeliverable, if it is.
    pub fn undeliverable_since(&self, subject: Uuid) -> ServiceResult<Option<DateTime<Utc>>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(undeliverable::since(self.store.db(), subject)?)
    }

    /// How many subjects have an undeliverable address.
    pub fn undeliverable_count(&self) -> ServiceResult<i64> {
        Ok(undeliverable::count(self.store.db())?)
    }
}
