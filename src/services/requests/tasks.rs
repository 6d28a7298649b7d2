//! A request's tasks (rules in `domain::request::task`): built from the data inventory when an
//! erasure, rectification, restriction, objection, withdrawal, opt-out or limit request is
//! opened (and on first reading for one opened before there were tasks), listed, set done or
//! not applicable with a day and a sealed note, and checked when the request is completed:
//! open tasks need a reason, which stays (sealed) on each of them.
//!
//! Every change is audited as `request.task_updated` in its own `Write`, with numbers and
//! codes only: the note is the officer's and may name the person.

use std::sync::Arc;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::purpose::{Purpose, PurposeCode};
use crate::domain::records::{DataSystem, Vendor};
use crate::domain::request::task::{
    PersonScope, RequestTask, TaskStatus, TaskTarget, open_tasks_sentence, plan,
};
use crate::domain::request::{Request, RequestType, Transition, long_date};
use crate::domain::subject::SubjectDraft;
use crate::store::register_table::{self, Register};
use crate::store::{Db, consent, purposes, request_tasks, requests, subjects};

use super::Requests;
use super::workflow::check_day;
use crate::services::{ServiceError, ServiceResult};

/// The tasks planned for a request of `kind` about a person whose register fields are
/// `fields` and whose ledger is that of `subject` (none for a person new to the store).
pub(super) fn plan_on(
    conn: &Db,
    key: &crate::crypto::SecretKey,
    kind: RequestType,
    subject: Option<Uuid>,
    fields: &SubjectDraft,
) -> ServiceResult<Vec<(TaskTarget, String)>> {
    if crate::domain::request::task::action(kind, false).is_none() {
        return Ok(Vec::new());
    }
    let systems: Vec<DataSystem> = register_table::list(conn, Register::Systems)?;
    let vendors: Vec<Vendor> = register_table::list(conn, Register::Vendors)?;
    if systems.is_empty() && vendors.is_empty() {
        return Ok(Vec::new());
    }
    let ledger: Vec<PurposeCode> = match subject {
        Some(id) => consent::for_subject(conn, key, id)?
            .into_iter()
            .filter_map(|e| e.purpose)
            .collect(),
        None => Vec::new(),
    };
    let catalogue: Vec<Purpose> = purposes::list(conn)?
        .into_iter()
        .map(|r| r.purpose)
        .collect();
    let scope = PersonScope::of(fields, &ledger, &catalogue);
    Ok(plan(kind, &scope, &systems, &vendors))
}

/// The audit detail for tasks made: how many, of which kind.
pub(super) fn planned_detail(tasks: &[(TaskTarget, String)]) -> String {
    let systems = tasks
        .iter()
        .filter(|(t, _)| matches!(t, TaskTarget::System(_)))
        .count();
    format!(
        "{} tasks made ({systems} systems, {} vendors)",
        tasks.len(),
        tasks.len() - systems
    )
}

impl Requests<'_> {
    /// The tasks of a request, in order. An open request of a type with tasks that has none
    /// yet (opened before the inventory listed its systems, or before tasks existed) gets them
    /// first, built from the inventory, when the user may process requests.
    pub fn request_tasks(&self, id: Uuid) -> ServiceResult<Vec<RequestTask>> {
        self.require(Permission::ViewPersonalData)?;
        let tasks = request_tasks::for_request(self.store.db(), &self.keys.field, id)?;
        if !tasks.is_empty() || !self.can(Permission::ProcessRequests) {
            return Ok(tasks);
        }
        let request = self.stored(id)?;
        if !request.is_open() {
            return Ok(tasks);
        }
        let planned = self.plan_for(&request)?;
        if planned.is_empty() {
            return Ok(tasks);
        }
        let entry = self.entry(
            AuditAction::RequestTaskUpdated,
            EntityRef::new("request", request.reference.clone()),
            planned_detail(&planned),
        );
        let mut w = self.store.write()?;
        request_tasks::insert_all(&w, id, &planned)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(request_tasks::for_request(
            self.store.db(),
            &self.keys.field,
            id,
        )?)
    }

    /// The tasks the inventory gives `request` today.
    fn plan_for(&self, request: &Request) -> ServiceResult<Vec<(TaskTarget, String)>> {
        let conn = self.store.db();
        let fields = match request.subject_id {
            Some(s) => subjects::get(conn, &self.keys.field, s)?.map(|s| s.fields),
            None => None,
        }
        .unwrap_or_else(|| SubjectDraft {
            name: request.requester.name.clone(),
            ..SubjectDraft::default()
        });
        plan_on(
            conn,
            &self.keys.field,
            request.kind,
            request.subject_id,
            &fields,
        )
    }

    /// Sets task `number` of a request done or not applicable on `on` (not before the request
    /// arrived, not after `today`), with the officer's note (sealed; empty for none). Audited
    /// as `request.task_updated` with the number and status only. Returns the task as saved.
    pub fn set_request_task(
        &self,
        id: Uuid,
        number: i64,
        status: TaskStatus,
        on: NaiveDate,
        note: &str,
        today: NaiveDate,
    ) -> ServiceResult<RequestTask> {
        self.require(Permission::ProcessRequests)?;
        let request = self.stored(id)?;
        if status == TaskStatus::Open {
            return Err(ServiceError::invalid(
                "Status",
                "a task is set done or not applicable; it starts open",
            ));
        }
        let tasks = self.request_tasks(id)?;
        if !tasks.iter().any(|t| t.number == number) {
            let numbers: Vec<String> = tasks.iter().map(|t| t.number.to_string()).collect();
            return Err(ServiceError::invalid(
                "Task",
                if numbers.is_empty() {
                    format!(
                        "{} has no tasks: its type has none, or the data inventory lists no system or vendor holding the person's data",
                        request.reference
                    )
                } else {
                    format!(
                        "{} has no task {number}; its tasks are {} (`request show` lists them)",
                        request.reference,
                        numbers.join(", ")
                    )
                },
            ));
        }
        check_day(
            "On",
            on,
            (request.received, "the request arrived"),
            today,
            "the task was done",
        )?;
        let entry = self.entry(
            AuditAction::RequestTaskUpdated,
            EntityRef::new("request", request.reference.clone()),
            format!("task {number} {} on {on}", status.code()),
        );
        let keys = Arc::clone(self.keys);
        let mut w = self.store.write()?;
        request_tasks::set_status(&mut w, &keys.field, id, number, status, on, note.trim())?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        request_tasks::for_request(self.store.db(), &keys.field, id)?
            .into_iter()
            .find(|t| t.number == number)
            .ok_or_else(|| {
                crate::store::StoreError::Corrupt(format!("task {number} is missing")).into()
            })
    }

    /// The sentence naming the request's open tasks, or `None` when none is open.
    pub fn open_tasks(&self, id: Uuid) -> ServiceResult<Option<String>> {
        Ok(open_tasks_sentence(&self.request_tasks(id)?))
    }

    /// Refuses to complete a request while tasks are open, naming them.
    pub(super) fn check_no_open_tasks(&self, id: Uuid) -> ServiceResult<()> {
        match self.open_tasks(id)? {
            None => Ok(()),
            Some(open) => Err(ServiceError::invalid(
                self.stored(id)?.reference,
                format!(
                    "tasks are still open: {open}. Mark each done or not applicable, or complete the request with the reason they stay open"
                ),
            )),
        }
    }

    /// Completes a request like [`Self::complete_request`]; with tasks open, `reason` (why
    /// they stay open) is required: it is added, sealed, to the note of each open task, the
    /// history says how many stayed open, and the audit entry counts them. Returns how many
    /// tasks stayed open.
    pub fn complete_request_with_reason(
        &mut self,
        id: Uuid,
        outcome: &str,
        on: NaiveDate,
        reason: &str,
    ) -> ServiceResult<usize> {
        self.require(Permission::ProcessRequests)?;
        let open = self
            .request_tasks(id)?
            .iter()
            .filter(|t| t.status == TaskStatus::Open)
            .count();
        if open == 0 {
            self.complete_request(id, outcome, on)?;
            return Ok(0);
        }
        let reason = reason.trim();
        if reason.is_empty() {
            self.check_no_open_tasks(id)?;
        }
        let request = self.stored(id)?;
        let entry = self.entry(
            AuditAction::RequestTaskUpdated,
            EntityRef::new("request", request.reference.clone()),
            format!("{open} tasks left open at completion, reason recorded"),
        );
        let outcome = outcome.trim().to_owned();
        let note = format!("Left open when the request was completed: {reason}");
        self.move_request(
            id,
            Transition::Complete,
            format!(
                "Completed on {} with {open} task(s) still open (the reason is on each)",
                long_date(on)
            ),
            Some(on),
            |w, keys| {
                if !outcome.is_empty() {
                    requests::set_outcome(w, &keys.field, id, &outcome)?;
                }
                request_tasks::note_open(w, &keys.field, id, &note)?;
                w.append_audit(&keys.audit, &entry)?;
                Ok(())
            },
        )?;
        Ok(open)
    }
}
