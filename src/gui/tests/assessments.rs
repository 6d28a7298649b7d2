//! Privacy impact assessments through the window: start one from a template, answer a question,
//! score a risk and see it on the map, add a measure, save, and be told what is missing before
//! it can go to review.

use super::*;
use crate::domain::assessment::{Answer, AssessmentStatus, Level};

/// Clicks the option of the open drop-down (drawn last, above the map's labels).
fn pick(h: &mut Harness<'_, PrivacyDeskApp>, option: &str) {
    h.get_all_by_label(option).last().unwrap().click();
    h.run();
}

#[test]
fn an_officer_starts_answers_and_scores_an_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);

    click(&mut h, "Impact assessments");
    assert_eq!(h.state().area(), Some(Area::Assessments));
    assert!(h.query_by_label("No assessments yet.").is_some());
    type_into(&mut h, "Title", "Personalised newsletter");
    click(&mut h, "Start");
    assert!(
        h.query_by_label("Back to all assessments").is_some(),
        "the editor opened"
    );

    let question = "What is the processing? What will you do with the data, and how?";
    type_into(
        &mut h,
        question,
        "We choose the products in each newsletter from past orders.",
    );
    click(&mut h, "Save");

    click(&mut h, "Risks");
    click(&mut h, "R1 severity before");
    pick(&mut h, "Significant");
    click(&mut h, "R1 likelihood before");
    pick(&mut h, "Limited");
    click(&mut h, "Save");
    assert!(h.query_by_label("R1").is_some(), "R1 is on the map");

    click(&mut h, "Action plan");
    click(&mut h, "Add a measure");
    type_into(&mut h, "Owner of M1", "Owner");
    click(&mut h, "R1 Illegitimate access to data (M1)");
    click(&mut h, "Save");

    click(&mut h, "Send for review");
    assert!(
        h.query_by_label_contains("unanswered").is_some(),
        "what is missing is listed: {:#?}",
        h.root()
    );

    let session = h.state().session.as_ref().unwrap();
    let list = session
        .assessments()
        .list(chrono::Local::now().date_naive())
        .unwrap();
    assert_eq!(list.len(), 1);
    let a = session.assessments().assessment(list[0].id).unwrap();
    assert_eq!(a.status, AssessmentStatus::Draft);
    assert_eq!(
        a.answers.get("description.nature"),
        Some(&Answer::Text(
            "We choose the products in each newsletter from past orders.".into()
        ))
    );
    let r1 = a.risks[0].before.unwrap();
    assert_eq!(
        (r1.severity, r1.likelihood),
        (Level::Significant, Level::Limited)
    );
    assert_eq!(a.measures.len(), 1);
    assert_eq!(a.measures[0].owner, "Owner");
    assert_eq!(a.measures[0].risks, ["R1"]);
}

#[test]
fn an_owner_records_the_views_signs_and_starts_the_next_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    {
        let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        let mut a = s
            .assessments()
            .new_assessment("Newsletter screening", "screening")
            .unwrap();
        a.answers
            .insert("summary".into(), Answer::Text("Send a newsletter.".into()));
        a.answers.insert(
            "criteria".into(),
            Answer::Choices(vec![
                "Processing on a large scale (many people, much data, a long time or a wide area)"
                    .into(),
            ]),
        );
        a.answers.insert(
            "decision".into(),
            Answer::Text("One criterion only.".into()),
        );
        let a = s.assessments().save_assessment(&a).unwrap();
        s.assessments()
            .set_assessment_status(a.id, AssessmentStatus::InReview)
            .unwrap();
    }
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Impact assessments");
    click(&mut h, "Newsletter screening");
    assert!(
        h.query_by_label_contains("1 of the high-risk criteria apply")
            .is_some()
    );
    click(&mut h, "Consultation and decision");
    click(&mut h, "Their views were not sought");
    type_into(
        &mut h,
        "Why their views were not sought",
        "A screening only; no new processing yet.",
    );
    click(&mut h, "Record the people's views");
    type_into(&mut h, "Signed by", "Alex Baker");
    click(&mut h, "Sign and freeze this version");
    assert!(
        h.query_by_label_contains("Version 1: Validated").is_some(),
        "{:#?}",
        h.root()
    );

    click(&mut h, "Start a new version");
    click(&mut h, "Questions");
    h.get_by_label_contains("High-risk criteria").click();
    h.run();
    type_into(
        &mut h,
        "If fewer than two criteria apply, why is the risk not high?",
        " Checked again.",
    );
    click(&mut h, "Save");
    click(&mut h, "Consultation and decision");
    click(&mut h, "Changes since version 1");
    assert!(
        h.query_by_label_contains("One criterion only. Checked again.")
            .is_some(),
        "{:#?}",
        h.root()
    );

    let session = h.state().session.as_ref().unwrap();
    let id = session
        .assessments()
        .list(chrono::Local::now().date_naive())
        .unwrap()[0]
        .id;
    let now = session.assessments().assessment(id).unwrap();
    assert_eq!((now.version, now.status), (2, AssessmentStatus::Draft));
    let v1 = session.assessments().assessment_version(id, 1).unwrap();
    assert_eq!(v1.status, AssessmentStatus::Validated);
    assert_eq!(v1.assessment.sign_off.unwrap().name, "Alex Baker");
}
