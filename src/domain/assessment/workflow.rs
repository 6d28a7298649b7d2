//! The workflow of an assessment: draft → in review → validated, validated with conditions, or
//! rejected. Sending for review needs every question answered and every risk scored; deciding
//! needs the DPO's opinion where a DPO is designated (Art. 35(2): the controller "shall seek
//! the advice" of the DPO), the people's views or the reason they were not sought (Art. 35(9)),
//! and a sign-off with a name and date. A decided assessment is frozen; editing it starts the
//! next version as a draft. A rejected one can be reworked the same way.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where an assessment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssessmentStatus {
    /// Being written.
    Draft,
    /// Complete, waiting for the DPO and the decision.
    InReview,
    /// Accepted: the processing may go ahead.
    Validated,
    /// Accepted on conditions (the open measures of the action plan).
    ValidatedWithConditions,
    /// Not accepted: the processing must not go ahead as described.
    Rejected,
}

impl AssessmentStatus {
    /// Every status.
    pub const ALL: [AssessmentStatus; 5] = [
        Self::Draft,
        Self::InReview,
        Self::Validated,
        Self::ValidatedWithConditions,
        Self::Rejected,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InReview => "in-review",
            Self::Validated => "validated",
            Self::ValidatedWithConditions => "validated-with-conditions",
            Self::Rejected => "rejected",
        }
    }

    /// The status for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::InReview => "In review",
            Self::Validated => "Validated",
            Self::ValidatedWithConditions => "Validated with conditions",
            Self::Rejected => "Rejected",
        }
    }

    /// Whether the version is frozen (decided).
    pub fn is_decided(self) -> bool {
        matches!(
            self,
            Self::Validated | Self::ValidatedWithConditions | Self::Rejected
        )
    }

    /// Whether a change from `self` to `to` is allowed.
    pub fn can_become(self, to: AssessmentStatus) -> bool {
        use AssessmentStatus::*;
        matches!(
            (self, to),
            (Draft, InReview)
                | (InReview, Draft)
                | (InReview, Validated)
                | (InReview, ValidatedWithConditions)
                | (InReview, Rejected)
        )
    }
}

/// What the DPO recommends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DpoRecommendation {
    /// The processing may go ahead.
    Proceed,
    /// It may go ahead once the conditions are met.
    ProceedWithConditions,
    /// It should not go ahead as described.
    DoNotProceed,
}

impl DpoRecommendation {
    /// Words for the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Proceed => "Go ahead",
            Self::ProceedWithConditions => "Go ahead on conditions",
            Self::DoNotProceed => "Do not go ahead",
        }
    }
}

/// The DPO's opinion (Art. 35(2), Art. 39(1)(c)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DpoOpinion {
    /// Who gave it.
    pub name: String,
    /// What they recommend.
    pub recommendation: DpoRecommendation,
    /// The opinion in their words.
    pub opinion: String,
    /// When.
    pub given_on: NaiveDate,
}

/// The views of the people concerned (Art. 35(9)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "sought", rename_all = "kebab-case")]
pub enum SubjectsViews {
    /// They were asked (a survey, a panel, customer feedback).
    Sought {
        /// Whose views (which people, how many, how).
        from: String,
        /// What they said.
        views: String,
    },
    /// They were not asked, and why ("where appropriate": e.g. disproportionate, or it would
    /// compromise confidentiality).
    NotSought {
        /// Why not.
        reason: String,
    },
}

/// The decision and who took it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    /// Who signed.
    pub name: String,
    /// Their role (owner, manager …).
    #[serde(default)]
    pub role: String,
    /// When.
    pub signed_on: NaiveDate,
    /// The decision.
    pub decision: AssessmentStatus,
    /// Conditions or reasons.
    #[serde(default)]
    pub comment: String,
}

/// Why a decision cannot be recorded yet; empty when it can.
pub fn decision_blockers(
    assessment: &super::Assessment,
    template: &super::Template,
    sign_off: &SignOff,
    dpo_designated: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    if assessment.status != AssessmentStatus::InReview {
        out.push(format!(
            "The assessment is {}; send it for review first.",
            assessment.status.label().to_lowercase()
        ));
    }
    if !sign_off.decision.is_decided() {
        out.push("Choose the decision: validated, validated with conditions, or rejected.".into());
    }
    if sign_off.name.trim().is_empty() {
        out.push("Sign-off: give the name of the person who decides.".into());
    }
    if dpo_designated && assessment.dpo_opinion.is_none() {
        out.push("Record the DPO's opinion first (GDPR Art. 35(2)).".into());
    }
    match &assessment.subjects_views {
        None => out.push(
            "Record the views of the people concerned, or why they were not sought (Art. 35(9))."
                .into(),
        ),
        Some(SubjectsViews::NotSought { reason }) if reason.trim().is_empty() => {
            out.push("Say why the people's views were not sought.".into())
        }
        Some(_) => {}
    }
    if sign_off.decision == AssessmentStatus::ValidatedWithConditions
        && assessment
            .measures
            .iter()
            .all(|m| m.status == super::MeasureStatus::Done)
    {
        out.push("Validating with conditions needs at least one open measure in the action plan (the conditions).".into());
    }
    // Art. 36(1): validating processing whose residual risk stays very high needs the prior
    // consultation of the supervisory authority; rejecting it does not.
    if matches!(
        sign_off.decision,
        AssessmentStatus::Validated | AssessmentStatus::ValidatedWithConditions
    ) {
        out.extend(super::consultation::consultation_blocker(
            &assessment.risks,
            assessment.prior_consultation.as_ref(),
        ));
    }
    out.extend(super::progress::review_blockers(assessment, template));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use AssessmentStatus::*;

    #[test]
    fn transitions() {
        let allowed = [
            (Draft, InReview),
            (InReview, Draft),
            (InReview, Validated),
            (InReview, ValidatedWithConditions),
            (InReview, Rejected),
        ];
        for from in AssessmentStatus::ALL {
            for to in AssessmentStatus::ALL {
                assert_eq!(
                    from.can_become(to),
                    allowed.contains(&(from, to)),
                    "{from:?} → {to:?}"
                );
            }
        }
        for s in AssessmentStatus::ALL {
            assert_eq!(AssessmentStatus::from_code(s.code()), Some(s));
        }
    }
}
