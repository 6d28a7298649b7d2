//! The workflow of an assessment at the service level: draft ↔ in review (refused with what
//! is missing), the DPO's opinion (GDPR Art. 35(2)) and the people's views (Art. 35(9)), the
//! decision that freezes the version with its sign-off, and the next version of a decided one.
//! Each step needs [`Permission::EditAssessments`] and writes its audit entry (the status and
//! the version, never an opinion or a name) in the same transaction.

use chrono::Utc;
use uuid::Uuid;

use crate::domain::access::Permission;
use crate::domain::assessment::consultation::PriorConsultation;
use crate::domain::assessment::progress::review_blockers;
use crate::domain::assessment::workflow::decision_blockers;
use crate::domain::assessment::{Assessment, AssessmentStatus, DpoOpinion, SignOff, SubjectsViews};
use crate::domain::audit::AuditAction;

use crate::services::{ServiceError, ServiceResult};

impl super::Assessments<'_> {
    /// Whether a DPO is designated: the organisation profile names one (GDPR Art. 37). Then
    /// a decision needs the DPO's opinion (Art. 35(2)).
    pub fn dpo_designated(&self) -> ServiceResult<bool> {
        Ok(
            crate::store::profile::read(self.store.db(), &self.keys.field)?
                .is_some_and(|p| !p.dpo.name.trim().is_empty()),
        )
    }

    /// Sends a draft for review (refused, with what is missing, until every question is
    /// answered and every risk scored) or an assessment in review back to draft.
    pub fn set_assessment_status(
        &mut self,
        id: Uuid,
        to: AssessmentStatus,
    ) -> ServiceResult<Assessment> {
        self.require(Permission::EditAssessments)?;
        let mut a = self.assessment(id)?;
        if to.is_decided() {
            return Err(ServiceError::invalid(
                "Status",
                "a decision is recorded with its sign-off (decide), not by changing the status",
            ));
        }
        if !a.status.can_become(to) {
            return Err(ServiceError::invalid(
                "Status",
                format!(
                    "an assessment that is {} cannot become {}",
                    a.status.label().to_lowercase(),
                    to.label().to_lowercase()
                ),
            ));
        }
        if to == AssessmentStatus::InReview {
            let blockers = review_blockers(&a, &self.template_of(&a)?);
            if !blockers.is_empty() {
                return Err(ServiceError::invalid(
                    "Review",
                    format!("it cannot go to review yet: {}", blockers.join("; ")),
                ));
            }
        }
        let from = a.status;
        a.status = to;
        a.updated_at = Utc::now();
        let details = format!("version {}: {} → {}", a.version, from.code(), to.code());
        self.write_assessment(&a, AuditAction::AssessmentStatusChanged, details, false)?;
        Ok(a)
    }

    /// Records the DPO's opinion on a draft or an assessment in review (Art. 35(2)).
    pub fn record_dpo_opinion(
        &mut self,
        id: Uuid,
        opinion: &DpoOpinion,
    ) -> ServiceResult<Assessment> {
        self.require(Permission::EditAssessments)?;
        let mut a = self.editable(id, true)?;
        if opinion.name.trim().is_empty() {
            return Err(ServiceError::invalid(
                "DPO",
                "give the name of the DPO who gave the opinion",
            ));
        }
        a.dpo_opinion = Some(opinion.clone());
        a.updated_at = Utc::now();
        let details = format!(
            "version {}: DPO opinion recorded ({:?})",
            a.version, opinion.recommendation
        );
        self.write_assessment(&a, AuditAction::AssessmentSaved, details, false)?;
        Ok(a)
    }

    /// Records the people's views, or why they were not sought (Art. 35(9)).
    pub fn record_subjects_views(
        &mut self,
        id: Uuid,
        views: &SubjectsViews,
    ) -> ServiceResult<Assessment> {
        self.require(Permission::EditAssessments)?;
        let mut a = self.editable(id, true)?;
        let sought = match views {
            SubjectsViews::Sought { from, .. } if from.trim().is_empty() => {
                return Err(ServiceError::invalid(
                    "Views sought from",
                    "say whose views were sought (which people, how many, how)",
                ));
            }
            SubjectsViews::NotSought { reason } if reason.trim().is_empty() => {
                return Err(ServiceError::invalid(
                    "Reason",
                    "say why the people's views were not sought",
                ));
            }
            SubjectsViews::Sought { .. } => "sought",
            SubjectsViews::NotSought { .. } => "not sought",
        };
        a.subjects_views = Some(views.clone());
        a.updated_at = Utc::now();
        let details = format!("version {}: people's views recorded ({sought})", a.version);
        self.write_assessment(&a, AuditAction::AssessmentSaved, details, false)?;
        Ok(a)
    }

    /// What stops `sign_off` being recorded on `id` now (empty: it can be).
    pub fn assessment_decision_blockers(
        &self,
        id: Uuid,
        sign_off: &SignOff,
    ) -> ServiceResult<Vec<String>> {
        let a = self.assessment(id)?;
        let template = self.template_of(&a)?;
        Ok(decision_blockers(
            &a,
            &template,
            sign_off,
            self.dpo_designated()?,
        ))
    }

    /// Records the decision and freezes the version (its copy in the version history names the
    /// signed-in user). Refused, with every reason, while [`decision_blockers`] lists any.
    pub fn decide_assessment(&mut self, id: Uuid, sign_off: &SignOff) -> ServiceResult<Assessment> {
        self.require(Permission::EditAssessments)?;
        let blockers = self.assessment_decision_blockers(id, sign_off)?;
        if !blockers.is_empty() {
            return Err(ServiceError::invalid("Decision", blockers.join(" ")));
        }
        let mut a = self.assessment(id)?;
        let sign_off = SignOff {
            name: sign_off.name.trim().to_owned(),
            ..sign_off.clone()
        };
        a.status = sign_off.decision;
        a.sign_off = Some(sign_off);
        a.updated_at = Utc::now();
        let details = format!("version {}: {}", a.version, a.status.code());
        self.write_assessment(&a, AuditAction::AssessmentDecided, details, true)?;
        Ok(a)
    }

    /// Starts the next version of a decided assessment as a draft: a copy of the frozen
    /// version without its sign-off and DPO opinion (the DPO advises on the new version); the
    /// people's views are kept until changed.
    pub fn start_new_version(&mut self, id: Uuid) -> ServiceResult<Assessment> {
        self.require(Permission::EditAssessments)?;
        let mut a = self.assessment(id)?;
        if !a.status.is_decided() {
            return Err(ServiceError::invalid(
                "Assessment",
                format!(
                    "version {} is {}; it can still be edited as it is",
                    a.version,
                    a.status.label().to_lowercase()
                ),
            ));
        }
        a.version += 1;
        a.status = AssessmentStatus::Draft;
        a.sign_off = None;
        a.dpo_opinion = None;
        a.updated_at = Utc::now();
        let details = format!("version {} started", a.version);
        self.write_assessment(&a, AuditAction::AssessmentVersionStarted, details, false)?;
        Ok(a)
    }

    /// Records the prior consultation of the supervisory authority (GDPR Art. 36(1)): the day
    /// submitted, the authority, its reference and, once it came, the day of its advice
    /// (Art. 36(2)). A draft or an assessment in review only; the message names the field.
    pub fn record_prior_consultation(
        &mut self,
        id: Uuid,
        consultation: &PriorConsultation,
        today: chrono::NaiveDate,
    ) -> ServiceResult<Assessment> {
        self.require(Permission::EditAssessments)?;
        let mut a = self.editable(id, true)?;
        consultation
            .check(today)
            .map_err(|m| ServiceError::invalid("Prior consultation", m))?;
        a.prior_consultation = Some(PriorConsultation {
            authority: consultation.authority.trim().to_owned(),
            reference: consultation.reference.trim().to_owned(),
            ..consultation.clone()
        });
        a.updated_at = Utc::now();
        let details = format!(
            "version {}: prior consultation recorded (Art. 36){}",
            a.version,
            if consultation.advice_on.is_some() {
                ", with the authority's advice"
            } else {
                ""
            }
        );
        self.write_assessment(&a, AuditAction::AssessmentSaved, details, false)?;
        Ok(a)
    }
}
