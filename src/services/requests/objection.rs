//! Objection requests (GDPR and UK GDPR Art. 21(1)): the purposes on legitimate interests or a
//! public task that the objection reaches (from the purpose catalogue, with the activities of
//! the record of processing that use them), the officer's decision per purpose, and the
//! sentences the completion letter adds. The rule is `domain::request::objection`.

use std::sync::Arc;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::purpose::{LegalBasis, PurposeCode};
use crate::domain::request::objection::{
    self, ObjectionDecision, ObjectionOutcome, ObjectionReach,
};
use crate::domain::request::{Request, RequestType, long_date};
use crate::store::{StoreError, objections, requests};

use crate::services::{ServiceError, ServiceResult};

/// One purpose an objection reaches, with what applies to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectionPurpose {
    /// The purpose's code.
    pub code: PurposeCode,
    /// Its name.
    pub name: String,
    /// Its legal basis (legitimate interests or public task).
    pub basis: LegalBasis,
    /// The activities of the record of processing that use it (their names).
    pub activities: Vec<String>,
    /// The decision recorded, if any.
    pub decision: Option<ObjectionDecision>,
    /// What applies: the decision, or "stopped" while none is recorded.
    pub outcome: ObjectionOutcome,
}

impl super::Requests<'_> {
    fn objection_request(&self, request: Uuid) -> ServiceResult<Request> {
        let r = requests::get(self.store.db(), &self.keys.field, request)?
            .ok_or_else(|| StoreError::Corrupt(format!("request {request} is missing")))?;
        if r.kind != RequestType::Objection {
            return Err(ServiceError::invalid(
                r.reference,
                format!(
                    "it is a {} request; decisions per purpose are recorded on objection requests only (Art. 21(1)).",
                    r.kind.label().to_lowercase()
                ),
            ));
        }
        Ok(r)
    }

    /// The purposes an objection request reaches under Art. 21(1): every purpose of the
    /// catalogue whose basis is legitimate interests or a public task, with the activities of
    /// the record that use it and the decision recorded. Consent purposes are answered by
    /// withdrawal (Art. 7(3)) and are not listed.
    pub fn objection_purposes(&self, request: Uuid) -> ServiceResult<Vec<ObjectionPurpose>> {
        self.require(Permission::ViewPersonalData)?;
        let r = self.objection_request(request)?;
        let decisions = objections::for_request(self.store.db(), &self.keys.field, r.id)?;
        let activities = self.records().activities()?;
        let out = self
            .consent()
            .purposes()?
            .into_iter()
            .map(|row| row.purpose)
            .filter(|p| reach_of(p.legal_basis) == ObjectionReach::UnlessGrounds)
            .map(|p| {
                let decision = decisions.iter().find(|d| d.purpose == p.code).cloned();
                ObjectionPurpose {
                    activities: activities
                        .iter()
                        .filter(|a| a.purposes.contains(&p.code))
                        .map(|a| a.name.clone())
                        .collect(),
                    outcome: objection::effective(decision.as_ref()),
                    decision,
                    basis: p.legal_basis,
                    name: p.name,
                    code: p.code,
                }
            })
            .collect();
        Ok(out)
    }

    /// Records the decision for one purpose of an objection request: stopped, or continuing on
    /// a ground of Art. 21(1) with its reasons. Refused (naming the article) for a purpose the
    /// objection does not reach, for direct marketing continuing, for a closed request, or
    /// without reasons; nothing is changed then.
    pub fn decide_objection(
        &mut self,
        request: Uuid,
        decision: &ObjectionDecision,
        today: NaiveDate,
    ) -> ServiceResult<()> {
        self.require(Permission::ProcessRequests)?;
        let r = self.objection_request(request)?;
        if r.state.is_closed() {
            return Err(ServiceError::invalid(
                r.reference,
                "the request is closed; decisions are recorded while it is open.",
            ));
        }
        if decision.decided_on > today || decision.decided_on < r.received {
            return Err(ServiceError::invalid(
                "--on",
                format!(
                    "{} is outside the request ({} to today); give the day the decision was taken.",
                    decision.decided_on, r.received
                ),
            ));
        }
        let purpose = self
            .consent()
            .purposes()?
            .into_iter()
            .map(|row| row.purpose)
            .find(|p| p.code == decision.purpose)
            .ok_or_else(|| {
                ServiceError::invalid(
                    "--purpose",
                    format!(
                        "there is no purpose {}; `purpose list` shows them",
                        decision.purpose
                    ),
                )
            })?;
        objection::check(
            purpose.legal_basis,
            decision.direct_marketing,
            decision.outcome,
            &decision.reason,
        )
        .map_err(|m| ServiceError::invalid(format!("Purpose {}", purpose.code), m))?;
        let mut decision = decision.clone();
        decision.decided_by = self.user.name.clone();
        let what = match decision.outcome {
            ObjectionOutcome::Stopped => format!(
                "Objection: processing for {} stopped on {}",
                purpose.code,
                long_date(decision.decided_on)
            ),
            ObjectionOutcome::Continues(g) => format!(
                "Objection: processing for {} continues ({}), decided on {}",
                purpose.code,
                g.code(),
                long_date(decision.decided_on)
            ),
        };
        let entry = self.entry(
            AuditAction::RequestUpdated,
            EntityRef::new("request", r.id.to_string()),
            format!(
                "{}: objection {} {}",
                r.reference,
                purpose.code,
                decision.outcome.code()
            ),
        );
        let keys = Arc::clone(self.keys);
        let actor = self.user.name.clone();
        let mut w = self.store.write()?;
        objections::save(&mut w, &keys.field, r.id, &decision)?;
        Self::note_request_step(&w, r.id, r.state, what, &actor)?;
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// The sentences the completion letter of an objection request adds (empty for other
    /// types, or when the objection reaches no purpose).
    pub fn objection_letter_text(&self, request: Uuid) -> ServiceResult<String> {
        let r = requests::get(self.store.db(), &self.keys.field, request)?
            .ok_or_else(|| StoreError::Corrupt(format!("request {request} is missing")))?;
        if r.kind != RequestType::Objection {
            return Ok(String::new());
        }
        let pairs: Vec<(String, ObjectionOutcome)> = self
            .objection_purposes(request)?
            .into_iter()
            .map(|p| (p.name, p.outcome))
            .collect();
        Ok(objection::letter_sentences(&pairs))
    }
}

/// What an objection does for a purpose that is not recorded as direct marketing.
fn reach_of(basis: LegalBasis) -> ObjectionReach {
    objection::reach(basis, false)
}
