//! The CNIL mapping on realistic exports (tests/data/cnil_pia_*.json, written in the tool's
//! structure) and on broken ones.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::assessment::{
    AssessmentStatus, DpoRecommendation, Level::*, Score, SubjectsViews,
};

const VALIDATED: &str = include_str!("../../../../tests/data/cnil_pia_validated.json");
const DRAFT: &str = include_str!("../../../../tests/data/cnil_pia_draft.json");
const BAD_GAUGE: &str = include_str!("../../../../tests/data/cnil_pia_bad_gauge.json");

fn template() -> Template {
    Template::shipped()
        .unwrap()
        .into_iter()
        .find(|t| t.code == CNIL_TEMPLATE)
        .unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap()
}

fn text<'a>(a: &'a Assessment, id: &str) -> &'a str {
    match a.answers.get(id) {
        Some(Answer::Text(t)) => t,
        other => panic!("{id}: {other:?}"),
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_validated_pia_keeps_answers_risks_measures_and_opinions() {
    let imported = from_cnil_json(VALIDATED, &template(), now()).unwrap();
    let a = &imported.assessment;
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    assert_eq!(a.title, "Loyalty card & personalised offers");
    assert_eq!(a.template, "cnil-pia");
    assert_eq!(a.created_at.to_rfc3339(), "2025-03-03T08:45:10.123+00:00");
    assert_eq!(
        text(a, "q112"),
        "Responsibilities:\n- Controller: Crumb & Co Ltd;\n- Processors: the till software provider and the email platform."
    );
    assert!(text(a, "q121").contains("(kept while the card is active, then 12 months);"));
    assert_eq!(
        text(a, "q211"),
        "Two purposes: running the loyalty scheme, and sending offers that fit what people buy. Both are stated on the sign-up form.\n\nEvaluation (acceptable): The purposes are explicit."
    );
    assert_eq!(a.answers.len(), 19, "18 questions and the evaluation notes");

    let r = &a.risks;
    assert_eq!(
        r[0].impacts,
        "Unwanted marketing; Embarrassment about purchases being known\n\nSeverity: Purchases of a bakery reveal little; limited impact."
    );
    assert_eq!(
        r[0].threats,
        "Stolen staff password; Misdirected export\n\nLikelihood: Staff accounts have no second factor yet."
    );
    assert_eq!(r[0].sources, "Employee; Attacker");
    let s = |severity, likelihood| {
        Some(Score {
            severity,
            likelihood,
        })
    };
    assert_eq!(r[0].before, s(Limited, Significant));
    assert_eq!(
        r[0].after,
        s(Limited, Negligible),
        "gauges x = severity, y = likelihood"
    );
    assert_eq!(
        (r[1].before, r[1].after),
        (s(Negligible, Limited), s(Negligible, Negligible))
    );
    assert_eq!(
        (r[2].before, r[2].after),
        (s(Negligible, Negligible), None),
        "0 = not scored"
    );

    let m = &a.measures;
    let titles: Vec<&str> = m.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Encryption",
            "Logical access control",
            "Backups",
            "Corrective action (2.1.215): How long are the data kept?",
            "Corrective action (3.2): Illegitimate access to data",
        ]
    );
    assert_eq!(
        (m[0].status, m[0].risks.clone()),
        (MeasureStatus::Done, vec!["R1".to_owned()])
    );
    assert_eq!(m[1].status, MeasureStatus::Planned);
    assert_eq!(
        (m[1].owner.as_str(), m[1].due_on),
        ("IT contractor", Some(day(2025, 4, 30)))
    );
    assert!(m[1].description.starts_with("Each employee has an own account; two-factor authentication is being rolled out.\n\nEvaluation (improvable): Second factor"));
    assert!(
        m[1].description
            .ends_with("Corrective action: Finish the roll-out of two-factor authentication.")
    );
    assert_eq!(m[2].risks, ["R2", "R3"]);
    assert_eq!(
        m[3].description,
        "Justify the period or shorten it to 12 months."
    );
    assert_eq!(
        (m[3].owner.as_str(), m[3].due_on),
        ("Office manager", Some(day(2025, 6, 30)))
    );
    assert_eq!(
        (m[4].risks.clone(), m[4].due_on),
        (vec!["R1".to_owned()], Some(day(2025, 5, 31)))
    );

    let notes = text(a, EVALUATION_QUESTION);
    assert!(notes.starts_with("In the CNIL PIA tool: written by Priya Natarajan; evaluated by Tom Ellery; validated by Joan Baker."), "{notes}");
    assert!(
        notes.contains("Overview (1.1): acceptable. Clear and complete."),
        "{notes}"
    );
    assert!(
        notes.contains("Disappearance of data (3.4): acceptable. Backups cover it."),
        "{notes}"
    );

    let dpo = a.dpo_opinion.as_ref().unwrap();
    assert_eq!(
        (dpo.name.as_str(), dpo.recommendation, dpo.given_on),
        (
            "Sam Okafor (DPO)",
            DpoRecommendation::Proceed,
            day(2025, 3, 10)
        )
    );
    assert!(dpo.opinion.starts_with("The processing may go ahead"));
    let Some(SubjectsViews::Sought { from, views }) = &a.subjects_views else {
        panic!("{:?}", a.subjects_views);
    };
    assert_eq!(from, "A survey of 40 loyalty-card holders");
    assert!(views.ends_with("\n\nOverall they were in favour of the processing."));

    assert_eq!(a.status, AssessmentStatus::Validated);
    let sign = a.sign_off.as_ref().unwrap();
    assert_eq!(
        (sign.name.as_str(), sign.signed_on, sign.decision),
        ("Joan Baker", day(2025, 3, 10), AssessmentStatus::Validated)
    );
    assert!(sign.comment.contains("signed"));
    assert!(a.check(&template()).is_ok());
}

#[test]
fn a_draft_from_a_later_version_reads_text_numbers_and_nulls() {
    let imported = from_cnil_json(DRAFT, &template(), now()).unwrap();
    let a = &imported.assessment;
    assert_eq!(a.status, AssessmentStatus::Draft);
    assert!(a.sign_off.is_none() && a.dpo_opinion.is_none());
    assert_eq!(
        text(a, "q111"),
        "A shared app where staff see and swap shifts."
    );
    assert_eq!(text(a, "q121"), "Names, phone numbers and shift times.");
    assert_eq!(a.risks[0].before, None);
    assert_eq!(
        a.subjects_views,
        Some(SubjectsViews::NotSought {
            reason: "The app only holds shift times the staff already share; asking them was judged disproportionate.".into()
        })
    );
    assert_eq!(
        text(a, EVALUATION_QUESTION),
        "In the CNIL PIA tool: written by Priya Natarajan."
    );
    assert_eq!(imported.notes.len(), 2, "{:?}", imported.notes);
    assert!(
        imported.notes[0].contains("question 999"),
        "{:?}",
        imported.notes
    );
    assert!(
        imported.notes[1].contains("only one of severity and likelihood"),
        "{:?}",
        imported.notes
    );
}

#[test]
fn bad_input_names_the_field() {
    let t = template();
    let cases: &[(&str, &str)] = &[
        ("not json", "expected ident at line 1 column 2"),
        ("{\"answers\": []}", "missing field `pia`"),
        (
            BAD_GAUGE,
            "answers[0].data.gauge: expected a whole number, found \"high\"",
        ),
        (
            "{\"pia\": {\"name\": 3}}",
            "pia.name: invalid type: integer `3`, expected a string",
        ),
        (
            "{\"pia\": {\"status\": 9}}",
            "pia.status: 9 is not a status of the tool",
        ),
        (
            "{\"pia\": {\"dpos_names\": \"D\", \"dpo_status\": 5}}",
            "pia.dpo_status: 5",
        ),
        (
            "{\"pia\": {\"created_at\": \"yesterday\"}}",
            "pia.created_at: \"yesterday\" is not a date",
        ),
        (
            "{\"pia\": {}, \"answers\": [{\"reference_to\": 325, \"data\": {\"gauge\": 7}}]}",
            "answers[0].data.gauge: 7 is not on the tool's scale",
        ),
        (
            "{\"pia\": {}, \"evaluations\": [{\"reference_to\": \"3.2\", \"gauges\": {\"x\": 2, \"y\": 9}}]}",
            "evaluations[0].gauges.y: 9",
        ),
        (
            "{\"pia\": {}, \"evaluations\": [{\"reference_to\": \"2.1.211\", \"action_plan_comment\": \"x\", \"estimated_implementation_date\": \"soon\"}]}",
            "evaluations[0].estimated_implementation_date",
        ),
        ("{\"pia\": {}} trailing", "trailing characters"),
    ];
    for (json, expected) in cases {
        let e = from_cnil_json(json, &t, now()).unwrap_err();
        assert!(e.contains(expected), "{json}: {e}");
    }
}

#[test]
fn the_numbers_of_the_tool() {
    let t = template();
    let with = |pia: &str| {
        from_cnil_json(&format!("{{\"pia\": {pia}}}"), &t, now())
            .unwrap()
            .assessment
    };
    let refused = with(
        "{\"status\": 1, \"validator_name\": \"V\", \"rejection_reason\": \"<p>Incomplete</p>\"}",
    );
    assert_eq!(refused.status, AssessmentStatus::Rejected);
    assert_eq!(refused.sign_off.unwrap().comment, "Incomplete");
    assert_eq!(with("{\"status\": 2}").status, AssessmentStatus::Validated);
    assert_eq!(with("{\"status\": 4}").status, AssessmentStatus::Draft);
    let dpo = with("{\"dpos_names\": \"D\", \"dpo_status\": \"0\", \"dpo_opinion\": \"No\"}");
    assert_eq!(
        dpo.dpo_opinion.unwrap().recommendation,
        DpoRecommendation::DoNotProceed
    );
    assert_eq!(
        with("{\"name\": \"\"}").title,
        "PIA imported from the CNIL tool"
    );
    assert_eq!(with("{}").created_at, now());
    assert!(looks_like_cnil(&serde_json::json!({"pia": {}})));
    assert!(!looks_like_cnil(
        &serde_json::json!({"format": "privacy-desk-assessment"})
    ));
}
