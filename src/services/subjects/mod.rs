//! Data subjects at the service level: record one (audited), open one, find by email.

pub(in crate::services) mod filter;
pub(in crate::services) mod search;

/// The subjects area of a session (see [`crate::services::front`]).
pub type Subjects<'s> = crate::services::front::Front<'s, crate::services::front::area::Subjects>;

use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::subject::{Subject, SubjectDates, SubjectDraft};
use crate::store::{retention_facts, subjects};

use super::{ServiceError, ServiceResult};

impl Subjects<'_> {
    /// Records a new subject, with its audit entry (the id only).
    pub fn add_subject(&mut self, draft: &SubjectDraft) -> ServiceResult<Uuid> {
        self.add_subject_recorded_on(draft, None, chrono::Utc::now().date_naive())
    }

    /// Adds a subject whose data was first collected on `recorded_on` (an earlier day than
    /// today, e.g. from a customer list kept elsewhere): retention counts from that day, not
    /// from the day they were typed in (GDPR Art. 5(1)(e): storage is limited from the time
    /// the data was collected). `None` means today. A day after `today` is refused.
    pub fn add_subject_recorded_on(
        &mut self,
        draft: &SubjectDraft,
        recorded_on: Option<chrono::NaiveDate>,
        today: chrono::NaiveDate,
    ) -> ServiceResult<Uuid> {
        self.add_subject_with(
            draft,
            &SubjectDates {
                recorded_on,
                ..SubjectDates::default()
            },
            today,
        )
    }

    /// Adds a subject with the days known about them: when their data was first collected
    /// (see [`Self::add_subject_recorded_on`]) and their customer relationship (customer since,
    /// optionally until). A customer is never removed by a marketing retention rule (GDPR
    /// Art. 6(1)(b); see `domain::retention::keep`). The subject form calls this. A day in the
    /// future, or an end before the start, is refused naming the field; nothing is recorded.
    pub fn add_subject_with(
        &mut self,
        draft: &SubjectDraft,
        dates: &SubjectDates,
        today: chrono::NaiveDate,
    ) -> ServiceResult<Uuid> {
        self.require(Permission::RecordSubjects)?;
        let recorded_on = dates.recorded_on;
        dates
            .customer
            .check(today)
            .map_err(|(field, m)| ServiceError::invalid(field, m))?;
        if let Some(day) = recorded_on
            && day > today
        {
            return Err(ServiceError::invalid(
                "Recorded on",
                format!(
                    "{day} is in the future; give the day the person's data was first collected."
                ),
            ));
        }
        draft
            .check()
            .map_err(|m| ServiceError::invalid("Subject", m))?;
        let email = draft.email.trim();
        if !email.is_empty()
            && !subjects::find_by_email(
                self.store.db(),
                &self.keys.field,
                &self.keys.email_index,
                email,
            )?
            .is_empty()
        {
            return Err(crate::store::StoreError::Conflict(format!(
                "A subject with the email {email} already exists; find them instead of adding them again."
            ))
            .into());
        }
        let id = Uuid::new_v4();
        let keys = std::sync::Arc::clone(self.keys);
        let entry = self.entry(
            AuditAction::SubjectCreated,
            EntityRef::new("subject", id.to_string()),
            String::new(),
        );
        let mut w = self.store.write()?;
        match recorded_on {
            None => subjects::insert(&mut w, &keys.field, &keys.email_index, id, draft)?,
            Some(day) => subjects::insert_at(
                &mut w,
                &keys.field,
                &keys.email_index,
                id,
                draft,
                day.and_time(chrono::NaiveTime::MIN).and_utc(),
            )?,
        }
        if dates.customer.since.is_some() {
            retention_facts::set_customer_since(&w, id, dates.customer.since)?;
        }
        if dates.customer.until.is_some() {
            retention_facts::set_relationship_end(&w, id, dates.customer.until)?;
        }
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(id)
    }

    /// Opens one subject.
    pub fn subject(&self, id: Uuid) -> ServiceResult<Option<Subject>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(subjects::get(self.store.db(), &self.keys.field, id)?)
    }

    /// Finds subjects by exact email (case and white space ignored).
    pub fn find_subjects_by_email(&self, email: &str) -> ServiceResult<Vec<Subject>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(subjects::find_by_email(
            self.store.db(),
            &self.keys.field,
            &self.keys.email_index,
            email,
        )?)
    }

    /// Every subject id, oldest first.
    pub fn subject_ids(&self) -> ServiceResult<Vec<Uuid>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(subjects::ids(self.store.db())?)
    }
}
