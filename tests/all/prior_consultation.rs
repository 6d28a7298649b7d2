//! Issue 16: an assessment whose residual risk stays very high cannot be validated until the
//! prior consultation of the supervisory authority is recorded (GDPR Art. 36(1)); `pia
//! consult` records it (Art. 36(2): the advice date later).

use chrono::{Local, NaiveDate};
use privacy_desk::domain::assessment::consultation::PriorConsultation;
use privacy_desk::domain::assessment::{
    Answer, AssessmentStatus, Level, QuestionKind, Score, SignOff, SubjectsViews,
};

use crate::common::TempStore;
use crate::common::desk::Desk;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn sign(decision: AssessmentStatus) -> SignOff {
    SignOff {
        name: "Joan Baker".into(),
        role: "Owner".into(),
        signed_on: today(),
        decision,
        comment: String::new(),
    }
}

#[test]
fn a_very_high_residual_risk_is_validated_only_after_the_prior_consultation() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let mut a = s
        .assessments()
        .new_assessment("Location tracking of drivers", "general-dpia")
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
    // R2 stays very high after the measures.
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
    let e = s
        .assessments()
        .decide_assessment(a.id, &sign(AssessmentStatus::Validated))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("Art. 36(1)") && e.contains("risk R2") && e.contains("pia consult"),
        "{e}"
    );
    let blockers = s
        .assessments()
        .assessment_decision_blockers(a.id, &sign(AssessmentStatus::Rejected))
        .unwrap();
    assert!(
        blockers.iter().all(|b| !b.contains("Art. 36")),
        "rejecting needs no consultation: {blockers:?}"
    );
    // A consultation without its reference is refused; nothing changes.
    let mut consultation = PriorConsultation {
        submitted_on: today(),
        authority: "ICO".into(),
        reference: " ".into(),
        advice_on: None,
    };
    let e = s
        .assessments()
        .record_prior_consultation(a.id, &consultation, today())
        .unwrap_err()
        .to_string();
    assert!(e.contains("--reference"), "{e}");
    assert_eq!(
        s.assessments().assessment(a.id).unwrap().prior_consultation,
        None
    );
    consultation.reference = "RFA0123456".into();
    consultation.advice_on = Some(today());
    s.assessments()
        .record_prior_consultation(a.id, &consultation, today())
        .unwrap();
    let decided = s
        .assessments()
        .decide_assessment(a.id, &sign(AssessmentStatus::Validated))
        .unwrap();
    assert_eq!(decided.status, AssessmentStatus::Validated);
    assert_eq!(decided.prior_consultation, Some(consultation));
}

#[test]
fn pia_consult_on_the_command_line() {
    let desk = Desk::new();
    let out = desk.ok(&[
        "pia",
        "new",
        "--title",
        "Location tracking",
        "--template",
        "general-dpia",
    ]);
    let id = out
        .stdout
        .split_whitespace()
        .nth(2)
        .expect("the id")
        .to_owned();
    let before = desk.json(&["pia", "show", &id, "--json"]);
    desk.fails(
        &[
            "pia",
            "consult",
            &id,
            "--submitted-on",
            "2026-03-02",
            "--authority",
            "",
            "--reference",
            "RFA1",
        ],
        "--authority",
    );
    desk.fails(
        &[
            "pia",
            "consult",
            &id,
            "--submitted-on",
            "2 March",
            "--authority",
            "ICO",
            "--reference",
            "RFA1",
        ],
        "--submitted-on: \"2 March\" is not a date",
    );
    assert_eq!(desk.json(&["pia", "show", &id, "--json"]), before);
    desk.ok(&[
        "pia",
        "consult",
        &id,
        "--submitted-on",
        "2026-03-02",
        "--authority",
        "ICO",
        "--reference",
        "RFA1",
        "--advice-on",
        "2026-04-20",
    ]);
    let doc = desk.json(&["pia", "show", &id, "--json"]);
    let c = &doc["assessment"]["prior_consultation"];
    assert_eq!(c["authority"], "ICO", "{doc}");
    assert_eq!(c["reference"], "RFA1", "{doc}");
    assert_eq!(c["submitted_on"], "2026-03-02", "{doc}");
    assert_eq!(c["advice_on"], "2026-04-20", "{doc}");
}
