//! Partial compliance with an erasure (GDPR, UK GDPR Art. 17) or delete (CCPA § 1798.105)
//! request: the officer records, per data category or system, the exception that keeps it
//! (Art. 17(3)(a)–(e); Cal. Civ. Code § 1798.105(d)(1)–(8)); the rest is erased with `erase`.
//! The letter then names the kept parts with their exceptions and, for the CCPA, the denial
//! duties of 11 CCR § 7022(f). The rule is `domain::request::partial`.

use std::sync::Arc;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::records::CategoryCode;
use crate::domain::request::partial::{self, ErasureException, KeptPart};
use crate::domain::request::task::{TaskStatus, TaskTarget};
use crate::domain::request::{Request, RequestType};
use crate::store::{StoreError, erasure_exceptions, request_tasks, requests};

use crate::services::{ServiceError, ServiceResult};

/// The most parts kept in one go.
const MAX_PARTS: usize = 50;

impl super::Requests<'_> {
    fn erasure_request(&self, request: Uuid) -> ServiceResult<Request> {
        let r = requests::get(self.store.db(), &self.keys.field, request)?
            .ok_or_else(|| StoreError::Corrupt(format!("request {request} is missing")))?;
        if !matches!(r.kind, RequestType::Erasure | RequestType::Delete) {
            return Err(ServiceError::invalid(
                r.reference,
                format!(
                    "it is a {} request; parts are kept on exceptions only on erasure (Art. 17(3)) and delete (§ 1798.105(d)) requests.",
                    r.kind.label().to_lowercase()
                ),
            ));
        }
        Ok(r)
    }

    /// The parts kept on an erasure or delete request (empty for other types).
    pub fn kept_parts(&self, request: Uuid) -> ServiceResult<Vec<KeptPart>> {
        self.require(Permission::ViewPersonalData)?;
        let r = requests::get(self.store.db(), &self.keys.field, request)?
            .ok_or_else(|| StoreError::Corrupt(format!("request {request} is missing")))?;
        if !matches!(r.kind, RequestType::Erasure | RequestType::Delete) {
            return Ok(Vec::new());
        }
        Ok(erasure_exceptions::for_request(
            self.store.db(),
            &self.keys.field,
            r.id,
            r.regime,
        )?)
    }

    /// The part as the inventory names it: a system's name (any case) or a data category's
    /// code; otherwise a sentence listing what may be named.
    fn known_part(&self, part: &str) -> ServiceResult<String> {
        let part = part.trim();
        let systems = self.records().data_systems()?;
        if let Some(s) = systems.iter().find(|s| s.name.eq_ignore_ascii_case(part)) {
            return Ok(s.name.clone());
        }
        let taxonomy = self.records().data_taxonomy()?;
        if let Ok(code) = CategoryCode::parse(part)
            && taxonomy.get(&code).is_some()
        {
            return Ok(code.as_str().to_owned());
        }
        let names: Vec<&str> = systems.iter().map(|s| s.name.as_str()).collect();
        Err(ServiceError::invalid(
            "--keep",
            format!(
                "\"{part}\" is neither a system of the data inventory ({}; `system list`) nor a data category code of its taxonomy (such as contact.email); name what is kept as the inventory does",
                if names.is_empty() {
                    "none recorded".to_owned()
                } else {
                    names.join(", ")
                }
            ),
        ))
    }

    /// Records the parts of an erasure or delete request kept on exceptions, each `(part,
    /// exception code)`, with one reason and the day decided, in one write with its audit
    /// entry. Refused, changing nothing, for another type, a closed request, an exception the
    /// regime does not list (naming those it does), a part the inventory does not know, a day
    /// outside the request, or without a reason.
    pub fn keep_parts(
        &mut self,
        request: Uuid,
        parts: &[(String, String)],
        reason: &str,
        on: NaiveDate,
        today: NaiveDate,
    ) -> ServiceResult<Vec<KeptPart>> {
        self.require(Permission::ProcessRequests)?;
        let r = self.erasure_request(request)?;
        if r.state.is_closed() {
            return Err(ServiceError::invalid(
                r.reference,
                "the request is closed; kept parts are recorded while it is open.",
            ));
        }
        if parts.is_empty() || parts.len() > MAX_PARTS {
            return Err(ServiceError::invalid(
                "--keep",
                format!("give between 1 and {MAX_PARTS} parts as PART=EXCEPTION"),
            ));
        }
        if on > today || on < r.received {
            return Err(ServiceError::invalid(
                "--on",
                format!(
                    "{on} is outside the request ({} to today); give the day the decision was taken.",
                    r.received
                ),
            ));
        }
        partial::check_reason(reason).map_err(|m| ServiceError::invalid("--reason", m))?;
        let mut kept = Vec::with_capacity(parts.len());
        for (part, code) in parts {
            let exception = ErasureException::parse(r.regime, code)
                .map_err(|m| ServiceError::invalid("--keep", m))?;
            kept.push(KeptPart {
                part: self.known_part(part)?,
                exception,
                reason: reason.trim().to_owned(),
                decided_on: on,
                decided_by: self.user.name.clone(),
            });
        }
        let codes: Vec<&str> = kept.iter().map(|k| k.exception.code()).collect();
        let mut entry = self.entry(
            AuditAction::RequestUpdated,
            EntityRef::new("request", r.id.to_string()),
            format!(
                "{}: erasure in part, {} part(s) kept ({})",
                r.reference,
                kept.len(),
                codes.join(", ")
            ),
        );
        let what = format!(
            "Erasure in part: {} part(s) kept on {} ({})",
            kept.len(),
            partial::source(r.regime),
            codes.join(", ")
        );
        // A system kept under an exception is not to be erased: its open task is closed as
        // not applicable, naming the exception (issue 18 item 5 meets Art. 17(3)).
        let covered: Vec<(i64, String)> = self
            .request_tasks(r.id)?
            .into_iter()
            .filter(|t| t.status == TaskStatus::Open)
            .filter_map(|t| match &t.target {
                TaskTarget::System(name) => kept
                    .iter()
                    .find(|k| k.part.eq_ignore_ascii_case(name))
                    .map(|k| {
                        (
                            t.number,
                            format!(
                                "Kept under an exception: {} ({})",
                                k.exception.code(),
                                k.exception.citation()
                            ),
                        )
                    }),
                TaskTarget::Vendor(_) => None,
            })
            .collect();
        if !covered.is_empty() {
            entry
                .details
                .push_str(&format!("; {} task(s) not applicable: kept", covered.len()));
        }
        let keys = Arc::clone(self.keys);
        let actor = self.user.name.clone();
        let mut w = self.store.write()?;
        for k in &kept {
            erasure_exceptions::save(&mut w, &keys.field, r.id, k)?;
        }
        for (number, note) in &covered {
            request_tasks::set_status(
                &mut w,
                &keys.field,
                r.id,
                *number,
                TaskStatus::NotApplicable,
                on,
                note,
            )?;
        }
        Self::note_request_step(&w, r.id, r.state, what, &actor)?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        self.kept_parts(r.id)
    }

    /// The sentences the completion letter adds for the kept parts (empty when none).
    pub fn partial_letter_text(&self, request: Uuid) -> ServiceResult<String> {
        let r = requests::get(self.store.db(), &self.keys.field, request)?
            .ok_or_else(|| StoreError::Corrupt(format!("request {request} is missing")))?;
        let parts = self.kept_parts(request)?;
        Ok(partial::letter_sentences(r.regime, &parts))
    }
}
