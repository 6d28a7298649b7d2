//! The assessment editor's prior consultation (GDPR Art. 36): while a residual risk stays very
//! high and no consultation is recorded, the sign-off says why a validation cannot be signed
//! (Art. 36(1)); the consultation form records it, and the validation goes through.

use super::*;
use crate::domain::assessment::{
    Answer, AssessmentStatus, Level, QuestionKind, Score, SubjectsViews,
};

const TITLE: &str = "Location tracking of drivers";

/// An assessment in review whose risk R2 stays very high after the measures.
fn store_with_high_residual_risk(path: &Path) -> uuid::Uuid {
    prepared_store(path, 10);
    let s = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let mut a = s
        .assessments()
        .new_assessment(TITLE, "general-dpia")
        .unwrap();
    let t = s.assessments().template_of(&a).unwrap();
    for q in t.sections.iter().flat_map(|s| &s.questions) {
        let answer = match &q.kind {
            QuestionKind::Text => Answer::Text(format!("Answer to {}", q.id)),
            QuestionKind::SingleChoice { options } => Answer::Choice(options[0].clone()),
            QuestionKind::MultipleChoice { options } => Answer::Choices(vec![options[0].clone()]),
            QuestionKind::Checklist { items } => Answer::Choices(vec![items[0].clone()]),
            QuestionKind::YesNo => Answer::YesNo(true),
        };
        a.answers.insert(q.id.clone(), answer);
    }
    let max = Score {
        severity: Level::Maximum,
        likelihood: Level::Maximum,
    };
    for r in &mut a.risks {
        r.before = Some(max);
        r.after = Some(Score {
            severity: Level::Negligible,
            likelihood: Level::Negligible,
        });
    }
    a.risks[1].after = Some(max);
    s.assessments().save_assessment(&a).unwrap();
    s.assessments()
        .set_assessment_status(a.id, AssessmentStatus::InReview)
        .unwrap();
    s.assessments()
        .record_subjects_views(
            a.id,
            &SubjectsViews::NotSought {
                reason: "Drivers were told through their union.".into(),
            },
        )
        .unwrap();
    a.id
}

#[test]
fn a_very_high_residual_risk_is_signed_only_after_the_prior_consultation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let id = store_with_high_residual_risk(&path);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Impact assessments");
    click(&mut h, TITLE);
    click(&mut h, "Consultation and decision");

    assert!(
        h.query_by_label_contains("must be consulted before processing (GDPR Art. 36(1))")
            .is_some()
    );
    type_into(&mut h, "Signed by", "Joan Baker");
    click(&mut h, "Sign and freeze this version");
    let status = |h: &Harness<'_, PrivacyDeskApp>| {
        let s = h.state().session.as_ref().unwrap();
        s.assessments().assessment(id).unwrap().status
    };
    assert_eq!(
        status(&h),
        AssessmentStatus::InReview,
        "the button is disabled"
    );

    type_into(&mut h, "Authority consulted", "ICO");
    click(&mut h, "Record the prior consultation");
    assert!(
        h.query_by_label_contains("Problem: Consultation reference")
            .is_some()
    );
    type_into(&mut h, "Consultation reference", "RFA0123456");
    type_into(
        &mut h,
        "Submitted on (YYYY-MM-DD)",
        &crate::gui::areas::today().to_string(),
    );
    click(&mut h, "Record the prior consultation");
    assert!(h.query_by_label_contains("Submitted to ICO on").is_some());
    assert!(
        h.query_by_label_contains("must be consulted before processing")
            .is_none()
    );
    // Recording the consultation saved the assessment: the sign-off form starts again.
    type_into(&mut h, "Signed by", "Joan Baker");
    click(&mut h, "Sign and freeze this version");
    assert_eq!(
        status(&h),
        AssessmentStatus::Validated,
        "{:?}",
        h.state().notice_text()
    );
    let a = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .assessments()
        .assessment(id)
        .unwrap();
    assert_eq!(a.prior_consultation.unwrap().reference, "RFA0123456");
}
