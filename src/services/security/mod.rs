//! The security measures register and staff training at the service level: list, add or
//! change, remove. The incident log is in `incidents.rs`, the Dashboard's figures in
//! `security_status.rs`.
//!
//! Editing needs [`Permission::EditVendorsAndRecords`] (the register is one of the
//! accountability records, beside the record of processing and the vendors). Every role may
//! read the measures (they describe the business, not people); the trainings name people, so
//! reading them needs [`Permission::ViewPersonalData`]. Audit entries name the measure or the
//! training's id, never the trainee.

pub(in crate::services) mod incidents;
pub(in crate::services) mod status;

/// The security area of a session (see [`crate::services::front`]).
pub type Security<'s> = crate::services::front::Front<'s, crate::services::front::area::Security>;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::records::links::{Referrer, referrers_sentence};
use crate::domain::records::{RecordCode, SecurityMeasure, Training};
use crate::store::register_table::{self, Register, RegisterRow};
use crate::store::security;

use super::{ServiceError, ServiceResult};

/// A domain problem ("Name: …") as an error naming the field.
pub(super) fn field_problem(message: String) -> ServiceError {
    match message.split_once(": ") {
        Some((field, rest)) => ServiceError::invalid(field, rest),
        None => ServiceError::invalid("Record", message),
    }
}

/// A measure with its text trimmed.
fn tidy(measure: &SecurityMeasure) -> SecurityMeasure {
    let mut m = measure.clone();
    for text in [
        &mut m.name,
        &mut m.description,
        &mut m.owner,
        &mut m.evidence,
    ] {
        *text = text.trim().to_owned();
    }
    m
}

impl Security<'_> {
    /// The security measures, in the officer's order.
    pub fn security_measures(&self) -> ServiceResult<Vec<SecurityMeasure>> {
        Ok(register_table::list(
            self.store.db(),
            Register::SecurityMeasures,
        )?)
    }

    /// The measure with `code`, if any.
    pub fn security_measure(&self, code: &RecordCode) -> ServiceResult<Option<SecurityMeasure>> {
        Ok(register_table::get(
            self.store.db(),
            Register::SecurityMeasures,
            code.as_str(),
        )?)
    }

    /// Adds (`new`: its code must be free) or changes (its code must exist) a measure, checked
    /// as of `today`; returns it as saved.
    pub fn save_security_measure(
        &mut self,
        measure: &SecurityMeasure,
        new: bool,
        today: NaiveDate,
    ) -> ServiceResult<SecurityMeasure> {
        self.require(Permission::EditVendorsAndRecords)?;
        let m = tidy(measure);
        m.check(today).map_err(field_problem)?;
        match (new, self.security_measure(&m.code)?.is_some()) {
            (true, true) => {
                return Err(ServiceError::invalid(
                    "Name",
                    format!(
                        "there is already a security measure with the code {}; choose another name or edit that measure",
                        m.code
                    ),
                ));
            }
            (false, false) => {
                return Err(ServiceError::invalid(
                    "Code",
                    format!("there is no security measure {}", m.code),
                ));
            }
            _ => {}
        }
        let entry = self.entry(
            AuditAction::SecurityMeasureSaved,
            EntityRef::new("security_measure", m.code.as_str()),
            format!(
                "{}; kind {}; review {}",
                if new { "added" } else { "changed" },
                m.kind.code(),
                m.review_on
                    .map_or_else(|| "none".to_owned(), |d| d.to_string())
            ),
        );
        let mut w = self.store.write()?;
        register_table::save(
            &w,
            Register::SecurityMeasures,
            &RegisterRow {
                code: m.code.as_str(),
                name: &m.name,
                date: m.review_on,
                record: &m,
            },
        )?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(m)
    }

    /// Removes a measure no processing activity names; otherwise the message says which do.
    pub fn remove_security_measure(&mut self, code: &RecordCode) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        if self.security_measure(code)?.is_none() {
            return Err(ServiceError::invalid(
                "Measure",
                format!("there is no security measure {code}; `measure list` shows them"),
            ));
        }
        let referrers: Vec<Referrer> = self
            .records()
            .activities()?
            .into_iter()
            .filter(|a| a.security_measures.contains(code))
            .map(|a| Referrer {
                noun: "processing activity",
                code: a.code.to_string(),
                name: a.name,
                field: "Security measures",
            })
            .collect();
        if !referrers.is_empty() {
            return Err(ServiceError::invalid(
                "Measure",
                format!(
                    "the measure {code} is still named by {}; remove it there first",
                    referrers_sentence(&referrers)
                ),
            ));
        }
        let entry = self.entry(
            AuditAction::SecurityMeasureRemoved,
            EntityRef::new("security_measure", code.as_str()),
            String::new(),
        );
        let mut w = self.store.write()?;
        register_table::remove(&w, Register::SecurityMeasures, code.as_str())?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// The measures whose review falls on or before `today` + 30 days, soonest first: (code,
    /// name, review day).
    pub fn security_measures_due(
        &self,
        today: NaiveDate,
    ) -> ServiceResult<Vec<(String, String, NaiveDate)>> {
        Ok(register_table::due_on_or_before(
            self.store.db(),
            Register::SecurityMeasures,
            crate::domain::records::security::due_horizon(today),
        )?)
    }

    /// Every training, names opened: renewals first, soonest first.
    pub fn trainings(&self) -> ServiceResult<Vec<Training>> {
        self.require(Permission::ViewPersonalData)?;
        Ok(security::list_trainings(self.store.db(), &self.keys.field)?)
    }

    /// Records a training (its `id` is ignored: a new one is made), checked as of `today`;
    /// returns the new id.
    pub fn record_training(
        &mut self,
        training: &Training,
        today: NaiveDate,
    ) -> ServiceResult<Uuid> {
        self.require(Permission::EditVendorsAndRecords)?;
        training.check(today).map_err(field_problem)?;
        let t = Training {
            id: Uuid::new_v4(),
            ..training.clone()
        };
        let entry = self.entry(
            AuditAction::TrainingRecorded,
            EntityRef::new("training", t.id.to_string()),
            renewal_words(&t),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let by = self.user.name.clone();
        let mut w = self.store.write()?;
        security::insert_training(&mut w, &keys.field, &t, &by)?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(t.id)
    }

    /// Corrects a training, checked as of `today`.
    pub fn update_training(&mut self, training: &Training, today: NaiveDate) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        training.check(today).map_err(field_problem)?;
        let entry = self.entry(
            AuditAction::TrainingUpdated,
            EntityRef::new("training", training.id.to_string()),
            renewal_words(training),
        );
        let keys = std::sync::Arc::clone(self.keys);
        let mut w = self.store.write()?;
        if !security::update_training(&mut w, &keys.field, training)? {
            return Err(no_training());
        }
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Removes a training.
    pub fn remove_training(&mut self, id: Uuid) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        let entry = self.entry(
            AuditAction::TrainingRemoved,
            EntityRef::new("training", id.to_string()),
            String::new(),
        );
        let mut w = self.store.write()?;
        if !security::remove_training(&w, id)? {
            return Err(no_training());
        }
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }
}

fn no_training() -> ServiceError {
    ServiceError::invalid(
        "Training",
        "there is no such training; it may have been removed meanwhile, so reload the list",
    )
}

/// The audit details of a training: the dates only (never the trainee, nor the topic, which
/// may name them).
fn renewal_words(t: &Training) -> String {
    format!(
        "completed {}; renew {}",
        t.completed_on,
        t.renew_on
            .map_or_else(|| "never".to_owned(), |d| d.to_string())
    )
}
