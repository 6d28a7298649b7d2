//! The minimisation review through the library and the CLI, and the review queue's reason for
//! people held for a consent-based purpose without any consent record (from the inventory).

use chrono::{Duration, Utc};
use privacy_desk::domain::consent::{
    Channel, ConsentEvent, ConsentEventKind, Evidence, ReviewReason,
};
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::domain::records::minimisation::{FindingKind, FixAt};
use privacy_desk::domain::records::{Activity, CategoryCode, DataSystem, RecordCode, SystemKind};
use privacy_desk::domain::retention::{Period, PeriodUnit};
use privacy_desk::services::Session;

use crate::common::{PASS, TempStore, draft};

fn newsletter_given(days_ago: i64) -> ConsentEvent {
    ConsentEvent {
        purpose: Some(PurposeCode::parse("newsletter").unwrap()),
        kind: ConsentEventKind::Given,
        at: Utc::now() - Duration::days(days_ago),
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: Evidence {
            form_id: "signup".into(),
            ..Evidence::default()
        },
        recorded_by: String::new(),
    }
}

/// The newsletter activity on an email platform that holds the whole register.
fn inventory(s: &mut Session, platform_categories: &[&str]) {
    let mut activity = Activity::named("Sending the newsletter");
    activity.purposes = vec![PurposeCode::parse("newsletter").unwrap()];
    activity.data_categories = vec![
        CategoryCode::parse("contact.email").unwrap(),
        CategoryCode::parse("identity.name").unwrap(),
    ];
    s.retention().adopt_default_retention().unwrap();
    let rule = s
        .retention()
        .retention_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.enabled)
        .unwrap();
    activity.retention_rules = vec![rule.code.clone()];
    let activity = s.records().save_activity(&activity, true).unwrap();
    let system = DataSystem {
        code: RecordCode::parse("mailchimp").unwrap(),
        name: "Mailchimp audience".into(),
        kind: SystemKind::EmailPlatform,
        location: "United States".into(),
        vendor: None,
        data_categories: platform_categories
            .iter()
            .map(|c| CategoryCode::parse(c).unwrap())
            .collect(),
        activities: vec![activity.code.clone()],
        holds_register: true,
        keeps_for: Some(Period {
            amount: 1,
            unit: PeriodUnit::Months,
        }),
        notes: String::new(),
    };
    s.records().save_data_system(&system, true).unwrap();
}

#[test]
fn people_held_for_a_consent_purpose_without_a_record_are_found_and_queued() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let with = s
        .subjects()
        .add_subject(&draft("Ada", "ada@example.org"))
        .unwrap();
    s.consent()
        .record_consent(with, &newsletter_given(10))
        .unwrap();
    let without = s
        .subjects()
        .add_subject(&draft("Bo", "bo@example.org"))
        .unwrap();

    // Before the inventory says where the register lives, nobody is queued for it.
    assert!(s.consent().review_queue(24, Utc::now()).unwrap().is_empty());

    inventory(&mut s, &["contact.email", "identity.name"]);
    let report = s.records().minimisation_review().unwrap();
    assert_eq!(report.register_gaps.len(), 1);
    assert_eq!(
        (
            report.register_gaps[0].people,
            report.register_gaps[0].without_record
        ),
        (2, 1)
    );
    let gap = report
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::ConsentWithoutRecords)
        .expect("a finding for the person without a record");
    assert!(
        gap.message
            .starts_with("1 of the 2 people held in Mailchimp audience"),
        "{}",
        gap.message
    );
    assert_eq!(gap.fix_at, FixAt::ConsentReview("newsletter".into()));

    let queue = s.consent().review_queue(24, Utc::now()).unwrap();
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert_eq!(queue[0].subject, without);
    assert_eq!(queue[0].reasons, [ReviewReason::NoConsentRecord]);

    // Expiring skips it (nothing to expire); marking it reviewed takes it off the queue.
    assert_eq!(s.consent().expire_consents(&queue).unwrap(), 0);
    s.consent().mark_reviewed(&queue).unwrap();
    assert!(s.consent().review_queue(24, Utc::now()).unwrap().is_empty());
}

#[test]
fn the_review_names_what_is_wrong_and_the_cli_prints_it() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    // The platform also holds phone numbers and dates of birth that nothing needs.
    inventory(
        &mut s,
        &[
            "contact.email",
            "identity.name",
            "contact.phone",
            "identity.date-of-birth",
        ],
    );
    let kinds: Vec<FindingKind> = s
        .records()
        .minimisation_review()
        .unwrap()
        .findings
        .iter()
        .map(|f| f.kind)
        .collect();
    assert!(
        kinds.contains(&FindingKind::CategoryWithoutPurpose),
        "{kinds:?}"
    );
    assert!(kinds.contains(&FindingKind::CategoryNotNeeded), "{kinds:?}");
    assert!(
        kinds.contains(&FindingKind::ConsentWithoutRecords),
        "no consent at all: {kinds:?}"
    );
    drop(s);
    let pass = store.secret_file("pass.txt", PASS);

    let out = store
        .cli_with(&pass)
        .args(["review", "minimisation", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["kind"] == "category-not-needed"
        && f["fix_at"]["place"] == "system"
        && f["fix_at"]["code"] == "mailchimp"));
    let out = store
        .cli_with(&pass)
        .args(["review", "minimisation"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("System holds data no activity needs"),
        "{text}"
    );
    assert!(text.contains("Telephone number (contact.phone)"), "{text}");
}
