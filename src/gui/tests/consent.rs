//! Subjects & consent through the window: recording, notices, the review queue, and the
//! consent receipt refused to an auditor.

use super::*;

#[test]
fn record_a_subject_and_their_consent_through_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    // The list is read on a worker thread.
    settle(&mut h);
    assert!(h.query_by_label("0 subjects").is_some());
    click(&mut h, "Add a subject…");
    type_into(&mut h, "Email address", "ada@example.org");
    type_into(&mut h, "Full name", "Ada Lovelace");
    click(&mut h, "Save subject");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("subject was recorded")),
        "{:?}",
        h.state().notice_text()
    );
    // The subject's page opened: record a consent for the newsletter.
    click(&mut h, "For purpose");
    // "Newsletter" is also a row of the consent table; the menu's entry is drawn last.
    h.get_all_by_label("Newsletter").last().unwrap().click();
    h.run();
    type_into(&mut h, "Form or campaign", "spring-fair");
    type_into(&mut h, "IP address", "203.0.113.9");
    click(&mut h, "Record");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("consent ledger")),
        "{:?}",
        h.state().notice_text()
    );
    assert!(
        h.query_all_by_label_contains("given since")
            .next()
            .is_some()
    );

    // Back in the list, a search by part of the name finds her once the index is ready.
    click(&mut h, "Back to all subjects");
    settle(&mut h);
    type_into(&mut h, "Search name or email", "lovel");
    // The search runs on a worker thread.
    h.get_by_label("Search").click();
    settle(&mut h);
    assert!(h.query_by_label_contains("1 match").is_some());
    assert!(h.query_by_label("ada@example.org").is_some());
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let ada = s
        .subjects()
        .find_subjects_by_email("ada@example.org")
        .unwrap()
        .remove(0);
    let timeline = s.consent().consent_timeline(ada.id).unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0].evidence.ip, "203.0.113.9");
    assert_eq!(
        timeline[0].purpose.as_ref().map(|p| p.as_str()),
        Some("newsletter")
    );
    assert_eq!(timeline[0].recorded_by, "owner");
}

/// Issue 17, item 10: an address the parser refuses is refused in the window with the same
/// words as on the command line and in imports, and nothing is recorded.
#[test]
fn the_window_refuses_a_double_at_email() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    settle(&mut h);
    click(&mut h, "Add a subject…");
    type_into(&mut h, "Email address", "jane@@example.com");
    type_into(&mut h, "Full name", "Jane Doe");
    click(&mut h, "Save subject");
    let shown = "Email: this does not look like an email address (name@example.org).";
    assert!(h.query_by_label(shown).is_some(), "the form says why");
    drop(h);
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert!(
        s.subjects()
            .find_subjects_by_email("jane@@example.com")
            .unwrap()
            .is_empty()
    );
}

#[test]
fn publish_a_new_notice_version_through_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    click(&mut h, "Purposes & notices");
    h.run();
    click(&mut h, "Newsletter");
    h.run();
    click(&mut h, "Notice text");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Notice text")
        .type_text("Yes, email me the monthly newsletter. Unsubscribe any time.");
    h.run();
    click(&mut h, "Publish as a new version");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("new version of the notice")),
        "{:?}",
        h.state().notice_text()
    );
    assert!(h.query_by_label_contains("Version 2").is_some());
    drop(h);
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let code = crate::domain::purpose::PurposeCode::parse("newsletter").unwrap();
    let notices = s.consent().notices(&code).unwrap();
    assert_eq!(notices.len(), 2);
    assert!(notices[1].text.contains("monthly newsletter"));
    assert_ne!(notices[0].text, notices[1].text);
}

#[test]
fn expire_stale_consents_from_the_review_queue() {
    use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
    use crate::domain::purpose::PurposeCode;
    use crate::domain::subject::SubjectDraft;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let old = |email: &str, years_ago: i64| {
        (
            SubjectDraft {
                email: email.into(),
                ..Default::default()
            },
            ConsentEvent {
                purpose: Some(PurposeCode::parse("newsletter").unwrap()),
                kind: ConsentEventKind::Given,
                at: chrono::Utc::now() - chrono::Duration::days(365 * years_ago),
                channel: Channel::WebForm,
                notice_version: Some(1),
                evidence: Evidence {
                    form_id: "signup".into(),
                    ..Default::default()
                },
                recorded_by: String::new(),
            },
        )
    };
    for (draft, event) in [old("stale@example.org", 3), old("fresh@example.org", 1)] {
        let id = s.subjects().add_subject(&draft).unwrap();
        s.consent().record_consent(id, &event).unwrap();
    }
    drop(s);

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    // The Dashboard counts them in the background and leads to the queue.
    settle(&mut h);
    assert!(
        h.query_by_label_contains("1 consents need review")
            .is_some(),
        "{:#?}",
        h.root()
    );
    click(&mut h, "Open the review queue");
    // The queue is read on a worker thread.
    settle(&mut h);
    assert!(
        h.query_by_label("1 consents need review; 1 are stale")
            .is_some(),
        "{:#?}",
        h.root()
    );
    assert!(h.query_by_label("stale@example.org").is_some());
    assert!(h.query_by_label("fresh@example.org").is_none());
    click(&mut h, "Expire the stale consents…");
    click(&mut h, "Yes, expire 1 stale consents");
    // The queue is read again and the consents expired on a worker thread holding the session.
    settle(&mut h);
    assert!(h.state().is_unlocked());
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("1 stale consents were marked expired")),
        "{:?}",
        h.state().notice_text()
    );
    drop(h);
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let stale = s
        .subjects()
        .find_subjects_by_email("stale@example.org")
        .unwrap()
        .remove(0);
    let states = s.consent().current_consents(stale.id).unwrap();
    let newsletter = states
        .iter()
        .find(|(row, _)| row.purpose.code.as_str() == "newsletter")
        .unwrap();
    assert_eq!(newsletter.1.code(), "expired");
    assert!(
        s.consent()
            .review_queue(24, chrono::Utc::now())
            .unwrap()
            .is_empty()
    );
}

/// The prepared store with people whose newsletter consent was given `years_ago` with
/// evidence, in this order; returns their ids.
pub(super) fn store_with_consents(path: &Path, people: &[(&str, i64)]) -> Vec<uuid::Uuid> {
    use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
    use crate::domain::purpose::PurposeCode;
    use crate::domain::subject::SubjectDraft;

    prepared_store(path, 10);
    let s = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let mut ids = Vec::new();
    for (email, years_ago) in people {
        let id = s
            .subjects()
            .add_subject(&SubjectDraft {
                email: (*email).into(),
                ..Default::default()
            })
            .unwrap();
        let event = ConsentEvent {
            purpose: Some(PurposeCode::parse("newsletter").unwrap()),
            kind: ConsentEventKind::Given,
            at: chrono::Utc::now() - chrono::Duration::days(365 * years_ago),
            channel: Channel::WebForm,
            notice_version: Some(1),
            evidence: Evidence {
                form_id: "signup".into(),
                ..Default::default()
            },
            recorded_by: String::new(),
        };
        s.consent().record_consent(id, &event).unwrap();
        ids.push(id);
    }
    ids
}

#[test]
fn mark_reviewed_empties_the_queue_of_the_marked_items() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let _ = store_with_consents(&path, &[("old@example.org", 3), ("older@example.org", 4)]);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    settle(&mut h);
    click(&mut h, "Open the review queue");
    settle(&mut h);
    assert!(
        h.query_by_label("2 consents need review; 2 are stale")
            .is_some()
    );
    click(&mut h, "Mark all listed as reviewed…");
    assert!(
        h.query_by_label_contains("You checked these 2 consents")
            .is_some()
    );
    click(&mut h, "Yes, mark 2 consents as reviewed");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("2 consents were marked reviewed")),
        "{:?}",
        h.state().notice_text()
    );
    // The queue is computed again on a worker thread.
    settle(&mut h);
    assert!(
        h.query_by_label("0 consents need review; 0 are stale")
            .is_some(),
        "{:#?}",
        h.root()
    );
    assert!(h.query_by_label("old@example.org").is_none());
    drop(h);
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert!(
        s.consent()
            .review_queue(24, chrono::Utc::now())
            .unwrap()
            .is_empty()
    );
    // Marked reviewed, not expired: the consent still stands.
    let old = s
        .subjects()
        .find_subjects_by_email("old@example.org")
        .unwrap()
        .remove(0);
    assert!(
        s.consent()
            .current_consents(old.id)
            .unwrap()
            .iter()
            .any(
                |(row, state)| row.purpose.code.as_str() == "newsletter" && state.code() == "given"
            )
    );
}

#[test]
fn an_auditor_sees_the_consent_exports_disabled_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let _ = store_with_consents(&path, &[("ada@example.org", 1)]);
    let mut owner = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    owner
        .users()
        .add_user(
            "ava",
            Role::Auditor,
            &Passphrase::new("auditor passphrase 1"),
        )
        .unwrap();
    drop(owner);
    let mut h = harness(&path, 1.0 / 60.0);
    super::requests::sign_in_as(&mut h, "ava (Auditor (read-only))", "auditor passphrase 1");
    click(&mut h, "Subjects & consent");
    settle(&mut h);
    click(&mut h, "ada@example.org");
    let receipt = h.get_by_label("Consent receipt…");
    assert!(super::requests::disabled(&receipt));
    assert!(
        h.query_by_label_contains("does not allow you to export personal data")
            .is_some(),
        "{:#?}",
        h.root()
    );
    click(&mut h, "Back to all subjects");
    click(&mut h, "Purposes & notices");
    click(&mut h, "Newsletter");
    let export = h.get_by_label("Export suppression list…");
    assert!(super::requests::disabled(&export));
    assert!(
        h.query_by_label_contains("does not allow you to export personal data")
            .is_some()
    );
}

#[test]
fn an_owner_writes_a_consent_receipt_from_the_subject_page() {
    use crate::gui::{Command, ConsentCommand};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let subject = store_with_consents(&path, &[("ada@example.org", 1)])[0];
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    settle(&mut h);
    click(&mut h, "ada@example.org");
    let receipt = h.get_by_label("Consent receipt…");
    assert!(!super::requests::disabled(&receipt));
    // The button opens a save dialog; the command it sends is applied directly here.
    let out = dir.path().join("receipt.json");
    h.state_mut()
        .apply(Command::Consent(ConsentCommand::ExportReceipt {
            subject,
            path: out.clone(),
        }));
    h.run();
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("consent receipt was written")),
        "{:?}",
        h.state().notice_text()
    );
    let json = std::fs::read_to_string(&out).unwrap();
    assert!(json.contains("ada@example.org"), "{json}");
}
