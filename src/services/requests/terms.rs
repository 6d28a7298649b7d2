//! The terms of a request beyond its workflow: the CCPA "know" verification level reached,
//! a reasonable fee charged instead of a refusal (or for further copies), and the CCPA limit
//! of two requests to know in 12 months. The rules are in `domain::request::{know, fee,
//! repeat}`; each change writes its step and audit entry in one transaction.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::request::fee::{
    FeeReason, default_currency, fee_allowed, format_amount, reasons_allowed,
};
use crate::domain::request::know::{self, KnowLevel, KnowVerification};
use crate::domain::request::repeat::{Earlier, repeat_within_12_months};
use crate::domain::request::{RequestStep, long_date};
use crate::store::request_terms::{self, Fee, RequestTerms};
use crate::store::requests;

use super::Requests;
use super::workflow::check_day;
use crate::services::{ServiceError, ServiceResult};

impl Requests<'_> {
    /// The terms recorded on a request (verification, fee).
    pub fn request_terms(&self, id: Uuid) -> ServiceResult<RequestTerms> {
        self.require(Permission::ViewPersonalData)?;
        Ok(request_terms::get(self.store.db(), id)?)
    }

    /// For a CCPA request to know, what was verified and the level it reaches
    /// (`domain::request::know`); `None` for any other request.
    pub fn know_verification(
        &self,
        id: Uuid,
    ) -> ServiceResult<Option<(KnowVerification, KnowLevel)>> {
        let request = self.stored(id)?;
        if !know::applies(request.regime, request.kind) {
            return Ok(None);
        }
        let v = self.request_terms(id)?.verification;
        Ok(Some((v, know::level(v))))
    }

    /// Whether a request is a CCPA request to know beyond the two a year the business must
    /// answer for the same person (Cal. Civ. Code § 1798.130(b); `domain::request::repeat`).
    pub fn repeat_within_12_months(&self, id: Uuid) -> ServiceResult<bool> {
        self.require(Permission::ViewPersonalData)?;
        let request = self.stored(id)?;
        let Some(subject) = request.subject_id else {
            return Ok(false);
        };
        let earlier: Vec<Earlier> = requests::summaries_for_subject(self.store.db(), subject)?
            .into_iter()
            .filter(|s| {
                s.id != id && (s.received, &s.reference) <= (request.received, &request.reference)
            })
            .map(|s| Earlier {
                regime: s.regime,
                kind: s.kind,
                state: s.state,
                received: s.received,
            })
            .collect();
        Ok(repeat_within_12_months(
            request.regime,
            request.kind,
            request.received,
            &earlier,
        ))
    }

    /// Records a reasonable fee asked for on `on`: `minor` units of `currency` (default: the
    /// regime's) for `reason`. Refused, changing nothing, on a closed request, for a reason
    /// the law does not allow for the request's type (the message names those it allows;
    /// `domain::request::fee`), for an unknown currency or a day outside receipt..today.
    pub fn charge_fee(
        &mut self,
        id: Uuid,
        reason: FeeReason,
        minor: u32,
        currency: Option<&str>,
        on: NaiveDate,
        today: NaiveDate,
    ) -> ServiceResult<Fee> {
        self.require(Permission::ProcessRequests)?;
        let request = self.stored(id)?;
        if !request.is_open() {
            return Err(ServiceError::invalid(
                request.reference,
                "the request is closed; a fee is asked for while it is open",
            ));
        }
        if !fee_allowed(request.regime, request.kind, reason) {
            let allowed = reasons_allowed(request.regime, request.kind);
            return Err(ServiceError::invalid(
                "Reason",
                if allowed.is_empty() {
                    format!(
                        "no fee may be charged for {} under the {} (GDPR Art. 7(3), 21(3); 11 CCR § 7026(e), § 7027(f))",
                        request.kind.label().to_lowercase(),
                        request.regime.label()
                    )
                } else {
                    format!(
                        "{} is not a reason the law allows for {} under the {}; allowed: {}",
                        reason.code(),
                        request.kind.label().to_lowercase(),
                        request.regime.label(),
                        allowed.join(", ")
                    )
                },
            ));
        }
        let currency = match currency.map(|c| c.trim().to_ascii_uppercase()) {
            None => default_currency(request.regime),
            Some(c) => ["EUR", "GBP", "USD"]
                .into_iter()
                .find(|k| *k == c)
                .ok_or_else(|| {
                    ServiceError::invalid("Currency", format!("{c} is not one of EUR, GBP, USD"))
                })?,
        };
        check_day(
            "On",
            on,
            (request.received, "the request arrived"),
            today,
            "the fee was asked for",
        )?;
        let fee = Fee {
            minor,
            currency,
            reason,
            on,
        };
        let entry = self.entry(
            AuditAction::RequestUpdated,
            EntityRef::new("request", request.reference.clone()),
            format!("fee {} {currency}: {}", format_amount(minor), reason.code()),
        );
        let keys = Arc::clone(self.keys);
        let actor = self.user.name.clone();
        let mut w = self.store.write()?;
        request_terms::set_fee(&w, id, fee)?;
        requests::append_step(
            &w,
            id,
            &RequestStep {
                at: Utc::now(),
                from: Some(request.state),
                to: request.state,
                what: format!(
                    "Fee of {} {currency} asked for on {}: {}",
                    format_amount(minor),
                    long_date(on),
                    reason.label(request.regime)
                ),
                actor,
            },
        )?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(fee)
    }
}
