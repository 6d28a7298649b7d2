//! The record of processing activities (GDPR Art. 30(1)) and the data inventory of systems at
//! the service level: list, read, add or change, remove, reorder. Every link is checked against
//! what exists (purposes, retention rules, data categories, vendors, security measures,
//! activities) and the error names the field; an activity a system still serves cannot be
//! removed. Editing needs [`Permission::EditVendorsAndRecords`].

pub(in crate::services) mod export;
pub(in crate::services) mod import;
pub(in crate::services) mod links;
pub(in crate::services) mod minimisation;
pub(in crate::services) mod report;
mod report_roles;
pub(in crate::services) mod taxonomy;
pub(in crate::services) mod taxonomy_rows;

/// The records area of a session (see [`crate::services::front`]).
pub type Records<'s> = crate::services::front::Front<'s, crate::services::front::area::Records>;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::records::links::{
    activity_referrers, check_activity, check_system, referrers_sentence, tidy_activity,
    tidy_system,
};
use crate::domain::records::{Activity, DataSystem, RecordCode};
use crate::store::register_table::{self, Register, RegisterRow};

use super::{ServiceError, ServiceResult};
use crate::services::records::links::{known_for, on_screen, register_referrers};

/// A problem of a record's own fields ("Name: …") as a service error naming the field.
fn own_problem(message: String) -> ServiceError {
    match message.split_once(": ") {
        Some((field, rest)) => ServiceError::invalid(field, rest),
        None => ServiceError::invalid("Record", message),
    }
}

/// Whether the code is taken (for a new record) or missing (for a change).
fn check_new_or_existing(
    register: Register,
    exists: bool,
    new: bool,
    code: &RecordCode,
) -> ServiceResult<()> {
    match (new, exists) {
        (true, true) => Err(ServiceError::invalid(
            "Name",
            format!(
                "there is already a {} with the code {code}; choose another name",
                register.record_noun()
            ),
        )),
        (false, false) => Err(ServiceError::invalid(
            "Code",
            format!("there is no {} {code}", register.record_noun()),
        )),
        _ => Ok(()),
    }
}

/// The codes in the officer's new order: every code of the register exactly once.
fn checked_order(
    register: Register,
    current: Vec<RecordCode>,
    wanted: &[RecordCode],
) -> ServiceResult<()> {
    let mut a = current;
    let mut b = wanted.to_vec();
    a.sort();
    b.sort();
    if a != b {
        return Err(ServiceError::invalid(
            "Order",
            format!(
                "list every {} exactly once; the register changed meanwhile, so reload it and try again",
                register.record_noun()
            ),
        ));
    }
    Ok(())
}

impl Records<'_> {
    /// The processing activities, in the officer's order.
    pub fn activities(&self) -> ServiceResult<Vec<Activity>> {
        Ok(register_table::list(self.store.db(), Register::Activities)?)
    }

    /// The activity with `code`, if any.
    pub fn activity(&self, code: &RecordCode) -> ServiceResult<Option<Activity>> {
        Ok(register_table::get(
            self.store.db(),
            Register::Activities,
            code.as_str(),
        )?)
    }

    /// Adds (`new`) or changes an activity after checking it and its links; returns it as
    /// saved (trimmed, without repeats).
    pub fn save_activity(&mut self, activity: &Activity, new: bool) -> ServiceResult<Activity> {
        self.require(Permission::EditVendorsAndRecords)?;
        let mut a = activity.clone();
        tidy_activity(&mut a);
        a.check().map_err(own_problem)?;
        let conn = self.store.db();
        let exists = self.activity(&a.code)?.is_some();
        check_new_or_existing(Register::Activities, exists, new, &a.code)?;
        let known = known_for(conn, std::slice::from_ref(&a), &[])?;
        check_activity(&a, &known).map_err(on_screen)?;
        let entry = self.entry(
            AuditAction::ActivitySaved,
            EntityRef::new("activity", a.code.as_str()),
            if new { "added" } else { "changed" }.into(),
        );
        let mut w = self.store.write()?;
        register_table::save(
            &w,
            Register::Activities,
            &RegisterRow {
                code: a.code.as_str(),
                name: &a.name,
                date: None,
                record: &a,
            },
        )?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(a)
    }

    /// Removes an activity no system, vendor or measure refers to; otherwise the message
    /// names who still does.
    pub fn remove_activity(&mut self, code: &RecordCode) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        let Some(activity) = self.activity(code)? else {
            return Err(ServiceError::invalid(
                "Activity",
                format!("there is no processing activity {code}"),
            ));
        };
        let mut referrers = activity_referrers(code, &self.data_systems()?);
        referrers.extend(register_referrers(
            self.store.db(),
            "activities",
            code.as_str(),
        )?);
        if !referrers.is_empty() {
            return Err(ServiceError::invalid(
                "Activity",
                format!(
                    "“{}” cannot be removed while {} refer{} to it; change {} first",
                    activity.name,
                    referrers_sentence(&referrers),
                    if referrers.len() == 1 { "s" } else { "" },
                    if referrers.len() == 1 { "it" } else { "them" },
                ),
            ));
        }
        self.remove_record(Register::Activities, AuditAction::ActivityRemoved, code)
    }

    /// Puts the activities in the order of `codes` (every code once).
    pub fn reorder_activities(&mut self, codes: &[RecordCode]) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        let current = self.activities()?.into_iter().map(|a| a.code).collect();
        checked_order(Register::Activities, current, codes)?;
        self.write_order(Register::Activities, "activities", codes)
    }

    /// The systems of the data inventory, in the officer's order.
    pub fn data_systems(&self) -> ServiceResult<Vec<DataSystem>> {
        Ok(register_table::list(self.store.db(), Register::Systems)?)
    }

    /// The system with `code`, if any.
    pub fn data_system(&self, code: &RecordCode) -> ServiceResult<Option<DataSystem>> {
        Ok(register_table::get(
            self.store.db(),
            Register::Systems,
            code.as_str(),
        )?)
    }

    /// Adds (`new`) or changes a system after checking it and its links; returns it as saved.
    pub fn save_data_system(
        &mut self,
        system: &DataSystem,
        new: bool,
    ) -> ServiceResult<DataSystem> {
        self.require(Permission::EditVendorsAndRecords)?;
        let mut s = system.clone();
        tidy_system(&mut s);
        s.check().map_err(own_problem)?;
        let exists = self.data_system(&s.code)?.is_some();
        check_new_or_existing(Register::Systems, exists, new, &s.code)?;
        let known = known_for(self.store.db(), &[], std::slice::from_ref(&s))?;
        check_system(&s, &known).map_err(on_screen)?;
        let entry = self.entry(
            AuditAction::SystemSaved,
            EntityRef::new("system", s.code.as_str()),
            if new { "added" } else { "changed" }.into(),
        );
        let mut w = self.store.write()?;
        register_table::save(
            &w,
            Register::Systems,
            &RegisterRow {
                code: s.code.as_str(),
                name: &s.name,
                date: None,
                record: &s,
            },
        )?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(s)
    }

    /// Removes a system.
    pub fn remove_data_system(&mut self, code: &RecordCode) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        if self.data_system(code)?.is_none() {
            return Err(ServiceError::invalid(
                "System",
                format!("there is no system {code}"),
            ));
        }
        self.remove_record(Register::Systems, AuditAction::SystemRemoved, code)
    }

    /// Puts the systems in the order of `codes` (every code once).
    pub fn reorder_data_systems(&mut self, codes: &[RecordCode]) -> ServiceResult<()> {
        self.require(Permission::EditVendorsAndRecords)?;
        let current = self.data_systems()?.into_iter().map(|s| s.code).collect();
        checked_order(Register::Systems, current, codes)?;
        self.write_order(Register::Systems, "systems", codes)
    }

    fn remove_record(
        &mut self,
        register: Register,
        action: AuditAction,
        code: &RecordCode,
    ) -> ServiceResult<()> {
        let kind = match register {
            Register::Activities => "activity",
            _ => "system",
        };
        let entry = self.entry(action, EntityRef::new(kind, code.as_str()), String::new());
        let mut w = self.store.write()?;
        register_table::remove(&w, register, code.as_str())?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    fn write_order(
        &mut self,
        register: Register,
        kind: &str,
        codes: &[RecordCode],
    ) -> ServiceResult<()> {
        let entry = self.entry(
            AuditAction::RecordsReordered,
            EntityRef::new(kind, ""),
            format!("{} records", codes.len()),
        );
        let codes: Vec<&str> = codes.iter().map(RecordCode::as_str).collect();
        let mut w = self.store.write()?;
        register_table::reorder(&w, register, &codes)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }
}
