//! The demo store's impact assessments: a screening that says a full assessment is needed, the
//! email-personalisation assessment it led to — answered, scored, consulted on and validated on
//! conditions, with an action plan that has one measure overdue — and a general assessment
//! still in draft.

use chrono::NaiveDate;

use crate::domain::assessment::{
    Answer, Assessment, AssessmentStatus, DpoOpinion, DpoRecommendation, Level, Measure,
    MeasureStatus, QuestionKind, Score, SignOff, SubjectsViews, Template,
};
use crate::domain::purpose::PurposeCode;
use crate::domain::records::RecordCode;

use crate::demo::records::{DemoRecords, months_after, months_before};
use crate::services::{ServiceResult, Session};

/// Every question of `template` answered: free text from `texts` (or a plain default), the
/// first option of a choice, the first items of a list, yes for yes/no — then `overrides`.
fn answer_all(
    a: &mut Assessment,
    template: &Template,
    texts: &[(&str, &str)],
    overrides: Vec<(&str, Answer)>,
) {
    for q in template.sections.iter().flat_map(|s| s.questions.iter()) {
        let answer = match &q.kind {
            QuestionKind::Text => Answer::Text(
                texts
                    .iter()
                    .find(|(id, _)| *id == q.id)
                    .map_or(
                        "Discussed with the team; nothing further to add.",
                        |(_, t)| t,
                    )
                    .to_owned(),
            ),
            QuestionKind::SingleChoice { options } => {
                Answer::Choice(options.first().cloned().unwrap_or_default())
            }
            QuestionKind::MultipleChoice { options: list }
            | QuestionKind::Checklist { items: list } => {
                Answer::Choices(list.iter().take(2).cloned().collect())
            }
            QuestionKind::YesNo => Answer::YesNo(true),
        };
        a.answers.insert(q.id.clone(), answer);
    }
    for (id, answer) in overrides {
        a.answers.insert(id.to_owned(), answer);
    }
}

fn items(template: &Template, id: &str, picks: &[usize]) -> Answer {
    let list = match template.question(id).map(|q| &q.kind) {
        Some(
            QuestionKind::Checklist { items: list }
            | QuestionKind::MultipleChoice { options: list },
        ) => list.clone(),
        _ => Vec::new(),
    };
    Answer::Choices(picks.iter().filter_map(|&i| list.get(i).cloned()).collect())
}

fn measure(
    id: &str,
    title: &str,
    owner: &str,
    due_on: NaiveDate,
    status: MeasureStatus,
    risks: &[&str],
) -> Measure {
    Measure {
        id: id.into(),
        title: title.into(),
        description: String::new(),
        owner: owner.into(),
        due_on: Some(due_on),
        status,
        risks: risks.iter().map(|r| (*r).to_owned()).collect(),
    }
}

fn score(severity: Level, likelihood: Level) -> Option<Score> {
    Some(Score {
        severity,
        likelihood,
    })
}

/// Sends `a` for review, records the consultation and signs `decision`.
fn decide(
    session: &mut Session,
    a: &Assessment,
    decision: AssessmentStatus,
    on: NaiveDate,
    comment: &str,
) -> ServiceResult<()> {
    session
        .assessments()
        .set_assessment_status(a.id, AssessmentStatus::InReview)?;
    session.assessments().record_dpo_opinion(
        a.id,
        &DpoOpinion {
            name: "Jordan Reed (external DPO)".into(),
            recommendation: if decision == AssessmentStatus::Validated {
                DpoRecommendation::Proceed
            } else {
                DpoRecommendation::ProceedWithConditions
            },
            opinion: "The processing can go ahead with the measures listed; review it when the email platform changes.".into(),
            given_on: on,
        },
    )?;
    session.assessments().record_subjects_views(
        a.id,
        &SubjectsViews::Sought {
            from: "Twelve regular customers, asked in the shop".into(),
            views: "Most like tailored offers; several asked to be able to turn off open tracking."
                .into(),
        },
    )?;
    session.assessments().decide_assessment(
        a.id,
        &SignOff {
            name: "Alex Baker".into(),
            role: "Owner".into(),
            signed_on: on,
            decision,
            comment: comment.into(),
        },
    )?;
    Ok(())
}

/// Writes the assessments.
pub(crate) fn write_assessments(
    session: &mut Session,
    today: NaiveDate,
    n: &mut DemoRecords,
) -> ServiceResult<()> {
    let screening = session
        .assessments()
        .new_assessment("Should we personalise the newsletter?", "screening")?;
    let template = session.assessments().template_of(&screening)?;
    let mut s = screening.clone();
    answer_all(
        &mut s,
        &template,
        &[
            (
                "summary",
                "Use past orders and email clicks to choose the products in each newsletter.",
            ),
            (
                "decision",
                "Three criteria apply, so we carry out a full assessment.",
            ),
        ],
        vec![("criteria", items(&template, "criteria", &[0, 2, 4]))],
    );
    let s = session.assessments().save_assessment(&s)?;
    decide(
        session,
        &s,
        AssessmentStatus::Validated,
        months_before(today, 3),
        "A full assessment follows.",
    )?;
    n.assessments += 1;

    let dpia = session
        .assessments()
        .new_assessment("Personalised newsletter", "email-personalisation")?;
    let template = session.assessments().template_of(&dpia)?;
    let mut a = dpia.clone();
    answer_all(
        &mut a,
        &template,
        &[
            (
                "context.platform",
                "Mailchimp (United States, under the EU–US Data Privacy Framework).",
            ),
            (
                "context.people",
                "About 40,000 subscribers, most of them customers of the shop.",
            ),
            (
                "lawfulness.notice",
                "On the sign-up form, with separate boxes for the newsletter, tracking and recommendations.",
            ),
            (
                "lawfulness.withdraw",
                "The unsubscribe link in every email; the suppression list is uploaded weekly.",
            ),
            (
                "profiling.children",
                "We sell to adults; the sign-up form asks people to confirm they are 16 or over.",
            ),
            (
                "retention.inactive",
                "Consent expires after 24 months without an open; the retention sweep removes them.",
            ),
        ],
        vec![
            (
                "context.personalisation",
                items(&template, "context.personalisation", &[0, 1, 2, 3]),
            ),
            (
                "lawfulness.gpc",
                Answer::Choice("No Californian customers".into()),
            ),
            (
                "profiling.inferences",
                Answer::Choice("Possibly, and we exclude such products or segments".into()),
            ),
            ("profiling.decisions", Answer::YesNo(false)),
            (
                "retention.engagement",
                Answer::Choice("Up to 12 months".into()),
            ),
            (
                "measures.chosen",
                items(&template, "measures.chosen", &[0, 1, 2, 3, 4]),
            ),
        ],
    );
    a.risks[0].sources =
        "A former employee's account; an attacker who phishes the platform login.".into();
    a.risks[0].impacts = "Purchase histories exposed: embarrassment, targeted scams.".into();
    a.risks[0].before = score(Level::Significant, Level::Significant);
    a.risks[0].after = score(Level::Significant, Level::Limited);
    a.risks[1].sources = "A mistaken segment import.".into();
    a.risks[1].impacts = "Offers sent to the wrong people.".into();
    a.risks[1].before = score(Level::Limited, Level::Limited);
    a.risks[1].after = score(Level::Limited, Level::Negligible);
    a.risks[2].sources = "The platform closes the account.".into();
    a.risks[2].impacts = "Consent records lost (we keep them in Privacy Desk too).".into();
    a.risks[2].before = score(Level::Limited, Level::Negligible);
    a.risks[2].after = score(Level::Negligible, Level::Negligible);
    a.measures = vec![
        measure(
            "M1",
            "Two-factor sign-in for every Mailchimp account",
            "Owner",
            months_before(today, 2),
            MeasureStatus::Done,
            &["R1"],
        ),
        measure(
            "M2",
            "Delete opens and clicks older than 12 months",
            "Marketing",
            months_before(today, 1),
            MeasureStatus::InProgress,
            &["R1", "R2"],
        ),
        measure(
            "M3",
            "Separate consent box for open tracking",
            "Marketing",
            months_after(today, 2),
            MeasureStatus::Planned,
            &["R1"],
        ),
    ];
    a.links.activities = vec![
        RecordCode::from_name("Sending the newsletter"),
        RecordCode::from_name("Personalised product recommendations"),
    ];
    a.links.purposes = ["newsletter", "email-tracking", "product-recommendations"]
        .iter()
        .filter_map(|p| PurposeCode::parse(p).ok())
        .collect();
    a.links.vendors = vec![RecordCode::from_name("Mailchimp")];
    let a = session.assessments().save_assessment(&a)?;
    decide(
        session,
        &a,
        AssessmentStatus::ValidatedWithConditions,
        months_before(today, 2),
        "On condition that M2 and M3 are done by their dates.",
    )?;
    n.assessments += 1;

    let draft = session
        .assessments()
        .new_assessment("Loyalty card", "general-dpia")?;
    let mut d = draft.clone();
    d.answers.insert(
        "description.nature".into(),
        Answer::Text(
            "A stamp card in the app: every tenth coffee free. We would record each purchase."
                .into(),
        ),
    );
    session.assessments().save_assessment(&d)?;
    n.assessments += 1;
    Ok(())
}
