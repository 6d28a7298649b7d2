//! The consultation and the decision of a CNIL PIA: the DPO's opinion (`dpo_status` 1 = the
//! processing may go ahead, 0 = it should not), the people's views or why they were not sought,
//! and the status (0 doing, 1 refused, 2 validated, 3 validated and signed, 4 archived).

use chrono::{DateTime, Utc};

use super::super::{
    Assessment, AssessmentStatus, DpoOpinion, DpoRecommendation, SignOff, SubjectsViews,
};
use super::clean;
use super::input;

/// The DPO's opinion and the people's views.
pub(super) fn opinions(
    a: &mut Assessment,
    pia: &input::Pia,
    updated: DateTime<Utc>,
    summary: &mut Vec<String>,
) -> Result<(), String> {
    let (names, opinion) = (clean(&pia.dpos_names), clean(&pia.dpo_opinion));
    if !names.is_empty() || !opinion.is_empty() {
        let recommendation = match pia.dpo_status {
            Some(1) => Some(DpoRecommendation::Proceed),
            Some(0) => Some(DpoRecommendation::DoNotProceed),
            None => None,
            Some(n) => {
                return Err(format!(
                    "pia.dpo_status: {n} is not an opinion of the tool (1 = the processing may go ahead, 0 = it should not)"
                ));
            }
        };
        let name = if names.is_empty() {
            "DPO (not named in the CNIL file)".to_owned()
        } else {
            names
        };
        match recommendation {
            Some(recommendation) => {
                a.dpo_opinion = Some(DpoOpinion {
                    name,
                    recommendation,
                    opinion,
                    given_on: updated.date_naive(),
                });
            }
            None => summary.push(format!(
                "Opinion of {name}, without a recommendation: {opinion}"
            )),
        }
    }
    let views = clean(&pia.concerned_people_opinion);
    let stance = match pia.concerned_people_status {
        Some(1) => "Overall they were in favour of the processing.",
        Some(0) => "Overall they were against the processing.",
        _ => "",
    };
    a.subjects_views = match pia.concerned_people_searched_opinion {
        Some(false) => Some(SubjectsViews::NotSought {
            reason: clean(&pia.concerned_people_searched_content),
        }),
        Some(true) => Some(SubjectsViews::Sought {
            from: clean(&pia.people_names),
            views: [views, stance.to_owned()]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n"),
        }),
        None if !views.is_empty() => Some(SubjectsViews::Sought {
            from: clean(&pia.people_names),
            views,
        }),
        None => None,
    };
    Ok(())
}

/// The status, and the sign-off of a refused or validated PIA.
pub(super) fn decision(
    a: &mut Assessment,
    pia: &input::Pia,
    updated: DateTime<Utc>,
    notes: &mut Vec<String>,
    summary: &mut Vec<String>,
) -> Result<(), String> {
    let adjustments = clean(&pia.applied_adjustments);
    if !adjustments.is_empty() {
        summary.push(format!("Adjustments applied: {adjustments}"));
    }
    let (decision, comment) = match pia.status.unwrap_or(0) {
        0 => return Ok(()),
        1 => (AssessmentStatus::Rejected, clean(&pia.rejection_reason)),
        2 => (
            AssessmentStatus::Validated,
            "Validated in the CNIL PIA tool.".to_owned(),
        ),
        3 => (
            AssessmentStatus::Validated,
            "Validated and signed in the CNIL PIA tool.".to_owned(),
        ),
        4 => {
            notes.push("The PIA was archived in the CNIL tool, which does not say whether it was validated; it is imported as a draft.".into());
            return Ok(());
        }
        n => {
            return Err(format!(
                "pia.status: {n} is not a status of the tool (0 = in progress, 1 = refused, 2 = validated, 3 = validated and signed, 4 = archived)"
            ));
        }
    };
    let validator = clean(&pia.validator_name);
    a.status = decision;
    a.sign_off = Some(SignOff {
        name: if validator.is_empty() {
            "Validator not named in the CNIL file".into()
        } else {
            validator
        },
        role: "Validator (CNIL PIA tool)".into(),
        signed_on: updated.date_naive(),
        decision,
        comment,
    });
    Ok(())
}
