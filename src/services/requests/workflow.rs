//! The workflow steps of a request: each checks the domain rule that governs it (the state
//! machine, the identity step, when an extension counts, the refusal grounds allowed), then
//! writes the change, the step and the audit entry in one transaction.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::request::clarification;
use crate::domain::request::extension::check_extension;
use crate::domain::request::identity::identity_step_offered;
use crate::domain::request::know::{self, KnowVerification};
use crate::domain::request::refusal::check_ground;
use crate::domain::request::{
    RefusalGround, Request, RequestState, RequestStep, Transition, long_date,
};
use crate::store::StoreError;
use crate::store::{request_terms, requests};

use super::Requests;
use crate::services::{ServiceError, ServiceResult};

/// Checks that `on` lies between `not_before` (a day the request already had) and `today`.
pub(super) fn check_day(
    field: &str,
    on: NaiveDate,
    not_before: (NaiveDate, &str),
    today: NaiveDate,
    what: &str,
) -> ServiceResult<()> {
    if on < not_before.0 {
        return Err(ServiceError::invalid(
            field,
            format!(
                "{on} is before {} ({}); give the day {what}.",
                not_before.1, not_before.0
            ),
        ));
    }
    if on > today {
        return Err(ServiceError::invalid(
            field,
            format!("{on} is in the future; give the day {what}."),
        ));
    }
    Ok(())
}

impl Requests<'_> {
    pub(super) fn stored(&self, id: Uuid) -> ServiceResult<Request> {
        Ok(requests::get(self.store.db(), &self.keys.field, id)?
            .ok_or_else(|| StoreError::Corrupt(format!("request {id} is missing")))?)
    }

    /// Applies one transition: checks it, lets `extra` write what goes with it, records the
    /// step and the audit entry, all in one transaction.
    pub(super) fn move_request(
        &mut self,
        id: Uuid,
        transition: Transition,
        what: String,
        closed_on: Option<NaiveDate>,
        extra: impl FnOnce(&mut crate::store::Write<'_>, &crate::crypto::VaultKeys) -> ServiceResult<()>,
    ) -> ServiceResult<RequestState> {
        let keys = Arc::clone(self.keys);
        let request = self.stored(id)?;
        let to = transition
            .check(request.state)
            .map_err(|e| ServiceError::invalid(request.reference.clone(), e.to_string()))?;
        let entry = self.entry(
            AuditAction::RequestUpdated,
            EntityRef::new("request", request.reference.clone()),
            format!("{} -> {}", request.state.code(), to.code()),
        );
        let actor = self.user.name.clone();
        let mut w = self.store.write()?;
        extra(&mut w, &keys)?;
        requests::set_state(&mut w, id, to, closed_on.filter(|_| to.is_closed()))?;
        requests::append_step(
            &w,
            id,
            &RequestStep {
                at: Utc::now(),
                from: Some(request.state),
                to,
                what,
                actor,
            },
        )?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(to)
    }

    /// Records that identity or clarification was asked for on `on` (a GDPR clock stops until
    /// the answer). Refused for CCPA opt-out and limit requests, which need no verification
    /// (Cal. Code Regs. tit. 11 § 7026(d), § 7027(e)).
    pub fn ask_identity(&mut self, id: Uuid, on: NaiveDate, today: NaiveDate) -> ServiceResult<()> {
        self.require(Permission::ProcessRequests)?;
        let request = self.stored(id)?;
        if !identity_step_offered(request.regime, request.kind) {
            return Err(ServiceError::invalid(
                request.reference,
                "opt-out and limit requests need no identity verification (Cal. Code Regs. tit. 11 § 7026(d), § 7027(e)); ask only for what you need to find the person's records, and start work.",
            ));
        }
        self.record_asked(
            id,
            (request.received, on, today),
            "Identity or clarification",
            requests::set_identity_asked,
        )
    }

    /// The step both asks share: `on` is not before receipt nor after today; the request
    /// waits for the person, and `set` records the day asked in the same write.
    fn record_asked(
        &mut self,
        id: Uuid,
        (received, on, today): (NaiveDate, NaiveDate, NaiveDate),
        what: &str,
        set: fn(&mut crate::store::Write<'_>, Uuid, NaiveDate) -> crate::store::StoreResult<()>,
    ) -> ServiceResult<()> {
        check_day(
            "On",
            on,
            (received, "the request arrived"),
            today,
            "you asked",
        )?;
        self.move_request(
            id,
            Transition::AskIdentity,
            format!("{what} asked for on {}", long_date(on)),
            None,
            |w, _| Ok(set(w, id, on)?),
        )?;
        Ok(())
    }

    /// Records that receipt of a CCPA request to know, delete or correct was confirmed on `on`
    /// (11 CCR § 7021(a): within 10 business days): the second deadline is met. Refused for a
    /// request with no such deadline, or a day before receipt or after today.
    pub fn acknowledge_request(
        &mut self,
        id: Uuid,
        on: NaiveDate,
        today: NaiveDate,
    ) -> ServiceResult<()> {
        self.require(Permission::ProcessRequests)?;
        let detail = self.request_detail(id, today)?;
        let request = detail.request;
        if detail.deadline.acknowledge_by.is_none() {
            return Err(ServiceError::invalid(
                request.reference,
                "no confirmation of receipt is due for this request: only CCPA requests to know, delete or correct have one (Cal. Code Regs. tit. 11 § 7021(a))",
            ));
        }
        check_day(
            "On",
            on,
            (request.received, "the request arrived"),
            today,
            "receipt was confirmed",
        )?;
        let keys = Arc::clone(self.keys);
        let entry = self.entry(
            AuditAction::RequestUpdated,
            EntityRef::new("request", request.reference.clone()),
            "receipt confirmed".to_owned(),
        );
        let step = RequestStep {
            at: Utc::now(),
            from: Some(request.state),
            to: request.state,
            what: format!("Receipt confirmed on {}", long_date(on)),
            actor: self.user.name.clone(),
        };
        let mut w = self.store.write()?;
        requests::set_acknowledged(&mut w, id, on)?;
        requests::append_step(&w, id, &step)?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// Records that the person was asked on `on` to clarify their request (its own step,
    /// beside identity): under the UK GDPR the clock stops until the answer (Art. 12A, Data
    /// (Use and Access) Act 2025); under the EU GDPR (EDPB Guidelines 01/2022) and the CCPA
    /// (§ 7021(b)) it keeps running (`domain::request::clarification`). The day is not before
    /// receipt nor after today.
    pub fn ask_clarification(
        &mut self,
        id: Uuid,
        on: NaiveDate,
        today: NaiveDate,
    ) -> ServiceResult<()> {
        self.require(Permission::ProcessRequests)?;
        let request = self.stored(id)?;
        self.record_asked(
            id,
            (request.received, on, today),
            "Clarification",
            requests::set_clarification_asked,
        )
    }

    /// Records that the clarification asked for arrived on `on` (not before the day it was
    /// asked, not after today); under the UK GDPR the days between are added to the due dates.
    /// Refused when no clarification is open. Returns the days added.
    pub fn clarified(&mut self, id: Uuid, on: NaiveDate, today: NaiveDate) -> ServiceResult<u32> {
        self.require(Permission::ProcessRequests)?;
        let request = self.stored(id)?;
        let Some(asked) = request.clarification_asked_on else {
            return Err(ServiceError::invalid(
                request.reference,
                "no clarification was asked for; record the question first with ask-clarification",
            ));
        };
        check_day(
            "On",
            on,
            (asked, "the day it was asked for"),
            today,
            "the clarification arrived",
        )?;
        let paused = u32::try_from(clarification::paused_days(
            request.regime,
            request.received,
            asked,
            on,
        ))
        .unwrap_or(u32::MAX);
        self.move_request(
            id,
            Transition::Verify,
            format!(
                "Clarification received on {} ({paused} days added to the due date)",
                long_date(on)
            ),
            None,
            |w, _| Ok(requests::set_clarified(w, id, on, paused)?),
        )?;
        Ok(paused)
    }

    /// Records that the identity or clarification asked for arrived on `on`: a GDPR month runs
    /// from it. Refused when nothing was asked (issue 16 item 3: the clock keeps the day of
    /// receipt; use [`Self::start_work`]) and for a day before the question.
    pub fn verify_request(
        &mut self,
        id: Uuid,
        on: NaiveDate,
        today: NaiveDate,
    ) -> ServiceResult<()> {
        self.verify_request_with(id, on, today, None)
    }

    /// [`Self::verify_request`], recording with it, for a CCPA request to know, the data
    /// points that matched and whether a signed declaration arrived (11 CCR § 7062(b)–(c);
    /// `domain::request::know`). Refused, changing nothing, for any other request.
    pub fn verify_request_with(
        &mut self,
        id: Uuid,
        on: NaiveDate,
        today: NaiveDate,
        verification: Option<KnowVerification>,
    ) -> ServiceResult<()> {
        self.require(Permission::ProcessRequests)?;
        let request = self.stored(id)?;
        if verification.is_some() && !know::applies(request.regime, request.kind) {
            return Err(ServiceError::invalid(
                request.reference,
                "data points and the signed declaration are recorded for CCPA requests to know only (11 CCR § 7062); verify this request without them",
            ));
        }
        if request.clarification_asked_on.is_some() {
            return Err(ServiceError::invalid(
                request.reference,
                "the open question is a clarification, not identity; record its answer with `request clarified` (the clarification step)",
            ));
        }
        Transition::Verify
            .check(request.state)
            .map_err(|e| ServiceError::invalid(request.reference.clone(), e.to_string()))?;
        let asked = request.identity_asked_on.unwrap_or(request.received);
        check_day(
            "On",
            on,
            (request.received, "the request arrived"),
            today,
            "the identity or clarification arrived",
        )?;
        check_day(
            "On",
            on,
            (asked, "the day it was asked for"),
            today,
            "the identity or clarification arrived",
        )?;
        self.move_request(
            id,
            Transition::Verify,
            match verification {
                Some(v) => format!(
                    "Identity received on {}: {} data point(s) matched, signed declaration {}; {}",
                    long_date(on),
                    v.data_points,
                    if v.signed_declaration {
                        "received"
                    } else {
                        "not received"
                    },
                    know::level(v).code()
                ),
                None => format!("Identity or clarification received on {}", long_date(on)),
            },
            None,
            |w, _| {
                requests::set_clock_start(w, id, on)?;
                if let Some(v) = verification {
                    request_terms::set_verification(w, id, v)?;
                }
                Ok(())
            },
        )?;
        Ok(())
    }

    /// Starts work on a request that needed no identity or clarification; the clock keeps the
    /// day of receipt.
    pub fn start_work(&mut self, id: Uuid) -> ServiceResult<()> {
        self.require(Permission::ProcessRequests)?;
        self.move_request(
            id,
            Transition::StartWork,
            "Work started (no identity or clarification asked for)".into(),
            None,
            |_, _| Ok(()),
        )?;
        Ok(())
    }

    /// Extends the deadline with a reason, the person told on `notified_on`; returns the new
    /// due date. A notice after the first period is refused and the due date stays
    /// (Art. 12(3); Cal. Civ. Code § 1798.130(a)(2)(A); Cal. Code Regs. tit. 11 § 7021(b)).
    pub fn extend_request(
        &mut self,
        id: Uuid,
        reason: &str,
        notified_on: NaiveDate,
        today: NaiveDate,
    ) -> ServiceResult<NaiveDate> {
        self.require(Permission::ProcessRequests)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ServiceError::invalid(
                "Reason",
                "an extension needs its reason (e.g. the number or complexity of the requests); it goes into the letter to the person.",
            ));
        }
        if notified_on > today {
            return Err(ServiceError::invalid(
                "Notified on",
                format!("{notified_on} is in the future."),
            ));
        }
        let detail = self.request_detail(id, today)?;
        let new_due = check_extension(&detail.deadline, notified_on)
            .map_err(|e| ServiceError::invalid(detail.request.reference.clone(), e.to_string()))?;
        let reason = reason.to_owned();
        self.move_request(
            id,
            Transition::Extend,
            format!(
                "Deadline extended to {}; person told on {}",
                long_date(new_due),
                long_date(notified_on),
            ),
            None,
            |w, keys| {
                Ok(requests::set_extension(
                    w,
                    &keys.field,
                    id,
                    &reason,
                    notified_on,
                )?)
            },
        )?;
        Ok(new_due)
    }

    /// Completes a request, recording what was done.
    pub fn complete_request(
        &mut self,
        id: Uuid,
        outcome: &str,
        on: NaiveDate,
    ) -> ServiceResult<()> {
        self.require(Permission::ProcessRequests)?;
        self.check_no_open_tasks(id)?;
        let outcome = outcome.trim().to_owned();
        self.move_request(
            id,
            Transition::Complete,
            format!("Completed on {}", long_date(on)),
            Some(on),
            |w, keys| {
                if !outcome.is_empty() {
                    requests::set_outcome(w, &keys.field, id, &outcome)?;
                }
                Ok(())
            },
        )?;
        Ok(())
    }

    /// Refuses a request on a ground, if the law allows that ground for the request's type and
    /// regime ([`crate::domain::request::refusal`]); otherwise the error names the grounds
    /// allowed.
    pub fn refuse_request(
        &mut self,
        id: Uuid,
        ground: &RefusalGround,
        on: NaiveDate,
    ) -> ServiceResult<()> {
        self.require(Permission::ProcessRequests)?;
        let request = self.stored(id)?;
        if !request.state.is_closed() {
            check_ground(request.regime, request.kind, ground.kind)
                .map_err(|e| ServiceError::invalid(request.reference.clone(), e.to_string()))?;
        }
        let ground = ground.clone();
        self.move_request(
            id,
            Transition::Refuse,
            format!("Refused on {}: {}", long_date(on), ground.kind.label()),
            Some(on),
            |w, keys| Ok(requests::set_refusal(w, &keys.field, id, &ground)?),
        )?;
        Ok(())
    }

    /// Records that the person withdrew the request.
    pub fn withdraw_request(&mut self, id: Uuid, on: NaiveDate) -> ServiceResult<()> {
        self.require(Permission::TakeInRequests)?;
        self.move_request(
            id,
            Transition::Withdraw,
            format!("Withdrawn by the person on {}", long_date(on)),
            Some(on),
            |_, _| Ok(()),
        )?;
        Ok(())
    }
}
