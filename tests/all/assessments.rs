//! Privacy impact assessments through the library: the workflow from draft to a frozen
//! validated version and a second version with its differences; the JSON round trip into a
//! fresh store (versions and a copied template included); bad files refused with the field and
//! nothing changed; the CNIL import; templates added from files.

use chrono::{Days, Local, NaiveDate};
use privacy_desk::domain::assessment::{
    Answer, Assessment, AssessmentStatus, DpoOpinion, DpoRecommendation, Level, Measure,
    MeasureStatus, QuestionKind, Score, SignOff, SubjectsViews, Template,
};
use privacy_desk::domain::organisation::Contact;
use privacy_desk::services::{
    AssessmentExportFormat, AssessmentSource, AssessmentVersionRef, Session,
};

use crate::common::{TempStore, profile};

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Answers every question of `t` and scores every risk.
fn complete(a: &mut Assessment, t: &Template) {
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
    for r in &mut a.risks {
        r.before = Some(Score {
            severity: Level::Significant,
            likelihood: Level::Limited,
        });
    }
    a.measures.push(Measure {
        id: "M1".into(),
        title: "Turn on two-factor sign-in".into(),
        description: "On the email platform.".into(),
        owner: "Office manager".into(),
        due_on: today().checked_sub_days(Days::new(3)),
        status: MeasureStatus::Planned,
        risks: vec!["R1".into()],
    });
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

fn audit(session: &Session) -> Vec<String> {
    let conn = &rusqlite::Connection::open(session.path()).unwrap();
    let mut stmt = conn
        .prepare("SELECT action || ' ' || details FROM audit_log ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A validated version 1 and a draft version 2 of an assessment on `template`.
fn decided_then_reopened(s: &mut Session, template: &str) -> Assessment {
    let mut a = s
        .assessments()
        .new_assessment("Personalised newsletter", template)
        .unwrap();
    let t = s.assessments().template_of(&a).unwrap();
    complete(&mut a, &t);
    s.assessments().save_assessment(&a).unwrap();
    s.assessments()
        .set_assessment_status(a.id, AssessmentStatus::InReview)
        .unwrap();
    s.assessments()
        .record_subjects_views(
            a.id,
            &SubjectsViews::NotSought {
                reason: "A survey would cost more than the newsletter.".into(),
            },
        )
        .unwrap();
    s.assessments()
        .decide_assessment(a.id, &sign(AssessmentStatus::ValidatedWithConditions))
        .unwrap();
    let mut v2 = s.assessments().start_new_version(a.id).unwrap();
    let first = t.sections[0].questions[0].id.clone();
    v2.answers.insert(
        first,
        Answer::Text("We now also send a birthday email.".into()),
    );
    s.assessments().save_assessment(&v2).unwrap()
}

#[test]
fn from_draft_to_a_frozen_version_and_a_second_one() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let mut a = s
        .assessments()
        .new_assessment("Personalised newsletter", "general-dpia")
        .unwrap();
    assert_eq!(
        (a.status, a.version, a.risks.len()),
        (AssessmentStatus::Draft, 1, 3)
    );

    let e = s
        .assessments()
        .set_assessment_status(a.id, AssessmentStatus::InReview)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("unanswered") && e.contains("give its severity"),
        "{e}"
    );

    let t = s.assessments().template_of(&a).unwrap();
    complete(&mut a, &t);
    a.status = AssessmentStatus::Validated; // ignored: the workflow decides the status
    let saved = s.assessments().save_assessment(&a).unwrap();
    assert_eq!(saved.status, AssessmentStatus::Draft);
    let rows = s.assessments().list(today()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].answered, rows[0].overdue_measures),
        (rows[0].questions, 1)
    );
    assert!(rows[0].questions > 10);

    s.assessments()
        .set_assessment_status(a.id, AssessmentStatus::InReview)
        .unwrap();
    let e = s
        .assessments()
        .save_assessment(&saved)
        .unwrap_err()
        .to_string();
    assert!(e.contains("in review"), "{e}");

    let e = s
        .assessments()
        .decide_assessment(a.id, &sign(AssessmentStatus::Validated))
        .unwrap_err()
        .to_string();
    assert!(e.contains("views of the people"), "{e}");
    s.assessments()
        .record_subjects_views(
            a.id,
            &SubjectsViews::Sought {
                from: "A panel of 12 customers".into(),
                views: "They want fewer emails.".into(),
            },
        )
        .unwrap();
    let mut p = profile("Crumb & Co");
    p.dpo = Contact {
        name: "Sam Okafor".into(),
        email: "dpo@crumb.example".into(),
        ..Contact::default()
    };
    s.settings().save_profile(&p).unwrap();
    assert!(s.assessments().dpo_designated().unwrap());
    let e = s
        .assessments()
        .decide_assessment(a.id, &sign(AssessmentStatus::Validated))
        .unwrap_err()
        .to_string();
    assert!(e.contains("DPO's opinion"), "{e}");
    s.assessments()
        .record_dpo_opinion(
            a.id,
            &DpoOpinion {
                name: "Sam Okafor".into(),
                recommendation: DpoRecommendation::Proceed,
                opinion: "Fine once two-factor sign-in is on.".into(),
                given_on: today(),
            },
        )
        .unwrap();
    let decided = s
        .assessments()
        .decide_assessment(a.id, &sign(AssessmentStatus::Validated))
        .unwrap();
    assert_eq!(decided.status, AssessmentStatus::Validated);

    let versions = s.assessments().assessment_versions(a.id).unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(
        (versions[0].version, versions[0].frozen_by.as_str()),
        (1, "owner")
    );
    assert_eq!(versions[0].assessment, decided);

    let e = s
        .assessments()
        .save_assessment(&decided)
        .unwrap_err()
        .to_string();
    assert!(e.contains("start a new version"), "{e}");
    let e = s
        .assessments()
        .record_dpo_opinion(a.id, decided.dpo_opinion.as_ref().unwrap())
        .unwrap_err()
        .to_string();
    assert!(e.contains("frozen"), "{e}");

    let mut v2 = s.assessments().start_new_version(a.id).unwrap();
    assert_eq!((v2.version, v2.status), (2, AssessmentStatus::Draft));
    assert!(v2.sign_off.is_none() && v2.dpo_opinion.is_none());
    v2.title = "Personalised newsletter and birthday emails".into();
    v2.measures[0].status = MeasureStatus::Done;
    s.assessments().save_assessment(&v2).unwrap();
    let changes = s
        .assessments()
        .assessment_differences(
            a.id,
            AssessmentVersionRef::Frozen(1),
            AssessmentVersionRef::Current,
        )
        .unwrap();
    let whats: Vec<&str> = changes.iter().map(|c| c.what.as_str()).collect();
    assert_eq!(whats, ["Title", "Measure M1"], "{changes:#?}");
    assert_eq!(
        s.assessments()
            .assessment_version(a.id, 1)
            .unwrap()
            .assessment
            .title,
        "Personalised newsletter"
    );

    let status = s.settings().status().unwrap();
    assert_eq!(
        (status.assessments.drafts, status.assessments.decided),
        (1, 0)
    );
    assert_eq!(
        status.assessments.overdue_measures, 0,
        "the measure is done in v2"
    );

    let log = audit(&s);
    for action in [
        "assessment.created",
        "assessment.saved",
        "assessment.status",
        "assessment.decided",
        "assessment.version_started",
    ] {
        assert!(
            log.iter().any(|l| l.starts_with(action)),
            "{action}: {log:#?}"
        );
    }
    assert!(
        !log.iter().any(|l| l.contains("Answer to")
            || l.contains("fewer emails")
            || l.contains("Sam Okafor")),
        "{log:#?}"
    );
}

#[test]
fn overdue_measures_reach_the_dashboard() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let mut a = s
        .assessments()
        .new_assessment("Loyalty card", "email-personalisation")
        .unwrap();
    let t = s.assessments().template_of(&a).unwrap();
    complete(&mut a, &t);
    s.assessments().save_assessment(&a).unwrap();
    let overdue = s
        .assessments()
        .overdue_assessment_measures(today())
        .unwrap();
    assert_eq!(overdue.len(), 1);
    assert_eq!(
        (
            overdue[0].assessment_title.as_str(),
            overdue[0].measure_id.as_str(),
            overdue[0].owner.as_str()
        ),
        ("Loyalty card", "M1", "Office manager")
    );
    assert_eq!(
        s.settings().status().unwrap().assessments.overdue_measures,
        1
    );
    assert!(
        s.assessments()
            .overdue_assessment_measures(today().checked_sub_days(Days::new(10)).unwrap())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_json_file_round_trips_into_a_fresh_store() {
    let (one, two) = (TempStore::new(), TempStore::new());
    let (mut a_side, _) = one.create();
    a_side
        .assessments()
        .copy_assessment_template("general-dpia", "our-dpia", "Our DPIA")
        .unwrap();
    let original = decided_then_reopened(&mut a_side, "our-dpia");
    let file = one.dir.path().join("newsletter.json");
    a_side
        .exports()
        .export_assessment(original.id, AssessmentExportFormat::Json, &file, today())
        .unwrap();

    let (b_side, _) = two.create();
    let summary = b_side.assessments().import_assessment(&file).unwrap();
    assert_eq!(
        (summary.id, summary.source, summary.versions),
        (original.id, AssessmentSource::PrivacyDesk, 1)
    );
    assert_eq!(summary.template_added.as_deref(), Some("our-dpia"));
    assert_eq!(
        b_side.assessments().assessment(original.id).unwrap(),
        a_side.assessments().assessment(original.id).unwrap()
    );
    assert_eq!(
        b_side
            .assessments()
            .assessment_versions(original.id)
            .unwrap(),
        a_side
            .assessments()
            .assessment_versions(original.id)
            .unwrap()
    );
    assert_eq!(
        b_side.assessments().assessment_file(original.id).unwrap(),
        a_side.assessments().assessment_file(original.id).unwrap()
    );
    assert_eq!(
        b_side
            .assessments()
            .assessment_template("our-dpia")
            .unwrap()
            .name,
        "Our DPIA"
    );

    let e = b_side
        .assessments()
        .import_assessment(&file)
        .unwrap_err()
        .to_string();
    assert!(e.contains("already has assessment"), "{e}");
    assert_eq!(b_side.assessments().list(today()).unwrap().len(), 1);
}

#[test]
fn a_bad_file_names_the_field_and_changes_nothing() {
    let (one, two) = (TempStore::new(), TempStore::new());
    let (mut a_side, _) = one.create();
    let original = decided_then_reopened(&mut a_side, "general-dpia");
    let json =
        serde_json::to_string_pretty(&a_side.assessments().assessment_file(original.id).unwrap())
            .unwrap();

    let (s, _) = two.create();
    let entries_before = audit(&s).len();
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["assessment"]["risks"][0]["before"]["severity"] = "huge".into();
    let bad_level = serde_json::to_string_pretty(&value).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["versions"][0]["assessment"]["id"] = uuid::Uuid::new_v4().to_string().into();
    let other_id = value.to_string();
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["version"] = 2.into();
    let newer = value.to_string();
    let cases = [
        (
            bad_level.as_str(),
            "assessment.risks[0].before.severity: unknown variant `huge`",
        ),
        (other_id.as_str(), "versions[0].assessment.id"),
        (newer.as_str(), "format version 2"),
        (
            "{\"format\": \"privacy-desk-assessment\", \"version\": 1,\n \"assessment\": 3 }",
            "assessment: invalid type: integer `3`, expected struct Assessment at line 2",
        ),
        (
            "{ not json",
            "it is not JSON (key must be a string at line 1 column 3)",
        ),
        ("{\"records\": []}", "neither a Privacy Desk assessment"),
    ];
    for (text, expected) in cases {
        let e = s
            .assessments()
            .import_assessment_text(text, "file.json")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(expected) && e.contains("Nothing was imported"),
            "{expected}: {e}"
        );
    }
    assert!(s.assessments().list(today()).unwrap().is_empty());
    assert_eq!(audit(&s).len(), entries_before);
}

#[test]
fn a_validated_cnil_pia_arrives_decided_with_its_version_frozen() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cnil_pia_validated.json");
    let summary = s.assessments().import_assessment(&fixture).unwrap();
    assert_eq!(
        (summary.source, summary.status, summary.versions),
        (AssessmentSource::CnilPia, AssessmentStatus::Validated, 1)
    );
    let a = s.assessments().assessment(summary.id).unwrap();
    assert_eq!(
        (a.template.as_str(), a.measures.len(), a.risks.len()),
        ("cnil-pia", 5, 3)
    );
    assert_eq!(
        s.assessments().assessment_versions(a.id).unwrap()[0].frozen_at,
        "2025-03-10T16:20:00+00:00"
    );
    let e = s.assessments().save_assessment(&a).unwrap_err().to_string();
    assert!(e.contains("frozen"), "{e}");
    let draft =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cnil_pia_draft.json");
    let summary = s.assessments().import_assessment(&draft).unwrap();
    assert_eq!(
        (summary.status, summary.versions, summary.notes.len()),
        (AssessmentStatus::Draft, 0, 2)
    );
}

#[test]
fn templates_from_files_are_checked_whole() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let good = store.secret_file("shop.toml", "code = \"shop-dpia\"\nname = \"Shop DPIA\"\nkind = \"dpia\"\n[[section]]\nid = \"a\"\ntitle = \"About\"\n[[section.question]]\nid = \"a.what\"\ntext = \"What?\"\nkind = \"text\"");
    let t = s.assessments().add_assessment_template(&good).unwrap();
    assert_eq!(t.code, "shop-dpia");
    let e = s
        .assessments()
        .add_assessment_template(&good)
        .unwrap_err()
        .to_string();
    assert!(e.contains("already exists"), "{e}");
    let clash = store.secret_file("clash.toml", "code = \"general-dpia\"\nname = \"Mine\"\nkind = \"dpia\"\n[[section]]\nid = \"a\"\ntitle = \"A\"");
    assert!(
        s.assessments()
            .add_assessment_template(&clash)
            .unwrap_err()
            .to_string()
            .contains("already exists")
    );
    let bad = store.secret_file(
        "bad.toml",
        "code = \"bad\"\nname = \"Bad\"\nkind = \"dpia\"\n[[section]]\nid = \"a\"\ntitle = 3",
    );
    let e = s
        .assessments()
        .add_assessment_template(&bad)
        .unwrap_err()
        .to_string();
    assert!(e.contains("bad.toml, line 6"), "{e}");

    let e = s
        .assessments()
        .save_assessment_template_source(
            "shop-dpia",
            "code = \"shop-dpia\"\nname = \"Shop\"\nkind = \"dpia\"\nsection = 4\n",
        )
        .unwrap_err()
        .to_string();
    assert!(e.contains("line 4"), "{e}");
    let e = s
        .assessments()
        .save_assessment_template_source("general-dpia", "")
        .unwrap_err()
        .to_string();
    assert!(e.contains("shipped templates cannot be changed"), "{e}");
    let copy = s
        .assessments()
        .copy_assessment_template("cnil-pia", "cnil-pia-ours", "CNIL method, our wording")
        .unwrap();
    let entries = s.assessments().assessment_templates().unwrap();
    let stored = entries
        .iter()
        .find(|e| e.template.code == "cnil-pia-ours")
        .unwrap();
    assert_eq!(stored.template, copy);
    let edited = stored
        .source
        .as_ref()
        .unwrap()
        .replace("CNIL method, our wording", "Our PIA");
    assert_eq!(
        s.assessments()
            .save_assessment_template_source("cnil-pia-ours", &edited)
            .unwrap()
            .name,
        "Our PIA"
    );
    assert_eq!(entries.len(), 6, "four shipped, two added");
}

#[test]
fn a_vendor_shows_the_assessments_that_cover_it() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let vendor = privacy_desk::domain::records::Vendor::named("Mailchimp");
    let vendor = s.vendors().save_vendor(&vendor, true, today()).unwrap();
    assert!(
        s.vendors()
            .vendor_detail(&vendor.code, today())
            .unwrap()
            .assessments
            .is_empty()
    );
    let mut a = s
        .assessments()
        .new_assessment("Personalised newsletter", "email-personalisation")
        .unwrap();
    a.links.vendors = vec![vendor.code.clone()];
    s.assessments().save_assessment(&a).unwrap();
    let detail = s.vendors().vendor_detail(&vendor.code, today()).unwrap();
    assert_eq!(
        detail.assessments,
        ["Personalised newsletter (version 1, draft)"]
    );
}
