//! The consent review queue: which given consents need review and why, and expiring them.

use chrono::{Duration, Utc};
use privacy_desk::domain::access::Role;
use privacy_desk::domain::consent::{
    Channel, ConsentEvent, ConsentEventKind, Evidence, ReviewReason,
};
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::services::{ServiceError, Session};
use uuid::Uuid;

use crate::common::{TempStore, draft, pass, unlock_as};

fn event(kind: ConsentEventKind, days_ago: i64, evidence: bool) -> ConsentEvent {
    ConsentEvent {
        purpose: Some(PurposeCode::parse("newsletter").unwrap()),
        kind,
        at: Utc::now() - Duration::days(days_ago),
        channel: Channel::WebForm,
        notice_version: Some(1),
        evidence: if evidence {
            Evidence {
                form_id: "signup".into(),
                ..Evidence::default()
            }
        } else {
            Evidence::default()
        },
        recorded_by: String::new(),
    }
}

fn subject(s: &mut Session, email: &str, events: &[ConsentEvent]) -> Uuid {
    let id = s.subjects().add_subject(&draft("Someone", email)).unwrap();
    for e in events {
        s.consent().record_consent(id, e).unwrap();
    }
    id
}

#[test]
fn the_queue_lists_stale_and_unproven_consents_only() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    use ConsentEventKind::*;
    let stale = subject(&mut s, "stale@example.org", &[event(Given, 800, true)]);
    let refreshed = subject(
        &mut s,
        "refreshed@example.org",
        &[event(Given, 800, true), event(Refreshed, 30, true)],
    );
    let bare = subject(&mut s, "bare@example.org", &[event(Given, 10, false)]);
    let withdrawn = subject(
        &mut s,
        "withdrawn@example.org",
        &[event(Given, 800, true), event(Withdrawn, 400, true)],
    );
    let queue = s.consent().review_queue(24, Utc::now()).unwrap();
    let got: Vec<(Uuid, Vec<ReviewReason>)> = queue
        .iter()
        .map(|i| (i.subject, i.reasons.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (stale, vec![ReviewReason::Stale]),
            (bare, vec![ReviewReason::NoEvidence]),
        ],
        "oldest first; refreshed and withdrawn consents need no review"
    );
    assert!(
        !got.iter()
            .any(|(id, _)| *id == refreshed || *id == withdrawn)
    );
    // A shorter refresh period catches the refreshed one too.
    assert!(
        s.consent()
            .review_queue(1, Utc::now() + Duration::days(40))
            .unwrap()
            .iter()
            .any(|i| i.subject == refreshed)
    );
}

#[test]
fn expiring_marks_the_ledger_and_empties_the_queue() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let stale = subject(
        &mut s,
        "stale@example.org",
        &[event(ConsentEventKind::Given, 800, true)],
    );
    let queue = s.consent().review_queue(24, Utc::now()).unwrap();
    assert_eq!(s.consent().expire_consents(&queue).unwrap(), 1);
    let timeline = s.consent().consent_timeline(stale).unwrap();
    let last = timeline.last().unwrap();
    assert_eq!(last.kind, ConsentEventKind::Expired);
    assert_eq!(last.channel, Channel::OfficerReview);
    assert_eq!(last.recorded_by, "owner");
    assert!(s.consent().review_queue(24, Utc::now()).unwrap().is_empty());
    let newsletter = s
        .consent()
        .current_consents(stale)
        .unwrap()
        .into_iter()
        .find(|(row, _)| row.purpose.code.as_str() == "newsletter")
        .unwrap();
    assert_eq!(newsletter.1.code(), "expired");
}

#[test]
fn an_auditor_sees_the_queue_but_cannot_expire() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    subject(
        &mut s,
        "stale@example.org",
        &[event(ConsentEventKind::Given, 800, true)],
    );
    s.users()
        .add_user("audrey", Role::Auditor, &pass("audrey passphrase 1"))
        .unwrap();
    drop(s);
    let audrey = unlock_as(&store.path, "audrey", "audrey passphrase 1").unwrap();
    let queue = audrey.consent().review_queue(24, Utc::now()).unwrap();
    assert_eq!(queue.len(), 1);
    assert!(matches!(
        audrey.consent().expire_consents(&queue),
        Err(ServiceError::NotPermitted(_))
    ));
    assert_eq!(
        audrey.consent().review_queue(24, Utc::now()).unwrap().len(),
        1
    );
}

#[test]
fn the_cli_lists_and_expires_the_queue() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    let stale = subject(
        &mut s,
        "stale@example.org",
        &[event(ConsentEventKind::Given, 800, true)],
    );
    drop(s);
    let pass_file = store.secret_file("pass.txt", crate::common::PASS);
    let out = crate::common::run(
        store
            .cli_with(&pass_file)
            .args(["review", "list", "--json"]),
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json[0]["subject"], stale.to_string());
    assert_eq!(json[0]["reasons"][0], "stale");
    assert!(
        !out.stdout.contains("stale@example.org"),
        "ids only, no emails"
    );

    let out = crate::common::run(store.cli_with(&pass_file).args(["review", "expire-stale"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("Marked 1 stale"), "{out:?}");
    let out = crate::common::run(
        store
            .cli_with(&pass_file)
            .args(["review", "list", "--json"]),
    );
    assert_eq!(out.stdout.trim(), "[]", "{out:?}");
}

#[test]
fn the_queue_exports_for_a_re_permission_campaign_and_only_for_those_allowed() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    subject(
        &mut s,
        "=stale@example.org",
        &[event(ConsentEventKind::Given, 800, true)],
    );
    subject(
        &mut s,
        "fresh@example.org",
        &[event(ConsentEventKind::Given, 10, true)],
    );
    let out = store.dir.path().join("review.csv");
    let summary = s
        .exports()
        .export_review_list(24, Utc::now(), &out)
        .unwrap();
    assert_eq!(summary.count, 1);
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "email,name,purpose,confirmed_at,reasons");
    assert!(
        lines[1].starts_with("'=stale@example.org,Someone,newsletter,"),
        "{text}"
    );
    assert!(lines[1].ends_with(",stale"), "{text}");
    assert_eq!(lines.len(), 2);
    let last = s
        .audit()
        .audit_page(&Default::default(), 0, 1)
        .unwrap()
        .remove(0);
    assert_eq!(last.action, "personal_data.exported");
    assert!(!last.details.contains("stale@example.org") && !last.details.contains("review.csv"));
    assert!(
        s.exports()
            .export_review_list(24, Utc::now(), &store.dir.path().join("review.txt"))
            .is_err()
    );

    s.users()
        .add_user("alex", Role::Assistant, &pass("alex passphrase 12"))
        .unwrap();
    drop(s);
    let alex = unlock_as(&store.path, "alex", "alex passphrase 12").unwrap();
    let refused = store.dir.path().join("alex.csv");
    assert!(matches!(
        alex.exports().export_review_list(24, Utc::now(), &refused),
        Err(ServiceError::NotPermitted(_))
    ));
    assert!(!refused.exists());
}

#[test]
fn marked_reviewed_consents_leave_the_queue_until_something_changes() {
    let store = TempStore::new();
    let (mut s, _) = store.create();
    use ConsentEventKind::*;
    let stale = subject(&mut s, "stale@example.org", &[event(Given, 800, true)]);
    let bare = subject(&mut s, "bare@example.org", &[event(Given, 10, false)]);
    let queue = s.consent().review_queue(24, Utc::now()).unwrap();
    assert_eq!(queue.len(), 2);
    let marked: Vec<_> = queue
        .iter()
        .filter(|i| i.subject == stale)
        .cloned()
        .collect();
    assert_eq!(s.consent().mark_reviewed(&marked).unwrap(), 1);
    let after = s.consent().review_queue(24, Utc::now()).unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].subject, bare);
    // The review ages like consent: 25 months on, the stale consent is back.
    let later = s
        .consent()
        .review_queue(24, Utc::now() + Duration::days(25 * 31))
        .unwrap();
    assert!(later.iter().any(|i| i.subject == stale));
    // A new event from the person makes the old mark count for nothing.
    s.consent()
        .record_consent(stale, &event(Given, 0, false))
        .unwrap();
    let again = s.consent().review_queue(24, Utc::now()).unwrap();
    assert!(again.iter().any(|i| i.subject == stale));
    // The batch is audited, counts only.
    let log = s.audit().audit_page(&Default::default(), 0, 50).unwrap();
    assert!(log.iter().any(|e| e.action == "consent.reviewed"));
}
