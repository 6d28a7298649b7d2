//! Editing the purpose catalogue: adding a purpose, changing one, publishing notice versions;
//! who may do it, what the audit trail records, and that old notice versions never change.

use chrono::Utc;
use privacy_desk::domain::access::Role;
use privacy_desk::domain::consent::{
    Channel, ConsentEvent, ConsentEventKind, Evidence, ReviewReason,
};
use privacy_desk::domain::purpose::{LegalBasis, Purpose, PurposeCode};
use privacy_desk::services::{ServiceError, Session};
use privacy_desk::store::StoreError;

use crate::common::{PASS, TempStore, draft, pass, query_i64, unlock_as};

fn code(text: &str) -> PurposeCode {
    PurposeCode::parse(text).unwrap()
}

fn loyalty() -> Purpose {
    Purpose {
        code: code("loyalty-points"),
        name: "Loyalty points".into(),
        description: "Counting points on purchases for the loyalty scheme.".into(),
        legal_basis: LegalBasis::Contract,
        data_categories: vec!["purchase.history".into()],
        ccpa_sale_or_share: false,
    }
}

fn audit_actions(session: &Session) -> Vec<String> {
    session
        .audit()
        .audit_page(&Default::default(), 0, 1000)
        .unwrap()
        .into_iter()
        .map(|e| format!("{} {} {}", e.action, e.entity_id, e.details))
        .collect()
}

#[test]
fn a_purpose_is_added_with_notice_version_1_and_audited() {
    let store = TempStore::new();
    let (s, _) = store.create();
    s.consent()
        .add_purpose(&loyalty(), "We count your points.")
        .unwrap();
    let row = s
        .consent()
        .purposes()
        .unwrap()
        .into_iter()
        .find(|p| p.purpose.code == code("loyalty-points"))
        .expect("added");
    assert_eq!(row.purpose, loyalty());
    assert_eq!(row.current_notice, 1);
    assert!(audit_actions(&s)[0].starts_with("purpose.added loyalty-points basis contract"));

    let again = s.consent().add_purpose(&loyalty(), "again").unwrap_err();
    assert!(
        matches!(again, ServiceError::Store(StoreError::Conflict(_))),
        "{again:?}"
    );
    let empty = s.consent().add_purpose(&loyalty(), "   ").unwrap_err();
    assert!(matches!(empty, ServiceError::Invalid { .. }), "{empty:?}");
}

#[test]
fn only_owners_and_officers_edit_purposes_and_a_refusal_changes_nothing() {
    let store = TempStore::new();
    let (mut owner, _) = store.create();
    for (name, role) in [
        ("sam", Role::Officer),
        ("alex", Role::Assistant),
        ("audrey", Role::Auditor),
    ] {
        owner
            .users()
            .add_user(name, role, &pass(&format!("{name} passphrase 123")))
            .unwrap();
    }
    drop(owner);
    for (name, allowed) in [("sam", true), ("alex", false), ("audrey", false)] {
        let s = unlock_as(&store.path, name, &format!("{name} passphrase 123")).unwrap();
        let before = s.settings().status().unwrap().counts.audit_entries;
        let mut p = loyalty();
        p.code = code(&format!("loyalty-{name}"));
        let added = s.consent().add_purpose(&p, "text");
        let published = s
            .consent()
            .publish_notice(&code("newsletter"), &format!("new words by {name}"));
        let mut news = s
            .consent()
            .purposes()
            .unwrap()
            .into_iter()
            .find(|r| r.purpose.code == code("newsletter"))
            .unwrap()
            .purpose;
        news.description = format!("edited by {name}");
        let updated = s.consent().update_purpose(&news);
        for (what, result) in [
            ("add", added.map(drop)),
            ("publish", published.map(drop)),
            ("update", updated),
        ] {
            match (allowed, result) {
                (true, Ok(())) => {}
                (false, Err(ServiceError::NotPermitted(message))) => {
                    assert!(message.contains("edit purposes"), "{message}")
                }
                (_, other) => panic!("{name} {what}: {other:?}"),
            }
        }
        let after = s.settings().status().unwrap().counts.audit_entries;
        if !allowed {
            // Only this session's own unlock entry was written before the refusals.
            assert_eq!(after, before, "{name}");
        }
    }
}

#[test]
fn an_update_audits_the_changed_fields_and_a_no_op_writes_nothing() {
    let store = TempStore::new();
    let (s, _) = store.create();
    s.consent()
        .add_purpose(&loyalty(), "We count your points.")
        .unwrap();
    let mut changed = loyalty();
    changed.legal_basis = LegalBasis::LegitimateInterests;
    changed.ccpa_sale_or_share = true;
    s.consent().update_purpose(&changed).unwrap();
    assert!(
        audit_actions(&s)[0]
            .starts_with("purpose.updated loyalty-points fields: legal_basis, ccpa_sale_or_share")
    );
    let entries = s.settings().status().unwrap().counts.audit_entries;
    s.consent().update_purpose(&changed).unwrap();
    assert_eq!(s.settings().status().unwrap().counts.audit_entries, entries);
    let mut missing = loyalty();
    missing.code = code("not-there");
    assert!(matches!(
        s.consent().update_purpose(&missing),
        Err(ServiceError::Invalid { .. })
    ));
}

#[test]
fn publishing_keeps_old_versions_and_flags_consents_given_under_them() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let news = code("newsletter");
    let v1 = s.consent().notices(&news).unwrap().remove(0);
    let ada = s
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    s.consent()
        .record_consent(
            ada,
            &ConsentEvent {
                purpose: Some(news.clone()),
                kind: ConsentEventKind::Given,
                at: Utc::now(),
                channel: Channel::WebForm,
                notice_version: Some(1),
                evidence: Evidence {
                    form_id: "signup".into(),
                    ..Evidence::default()
                },
                recorded_by: String::new(),
            },
        )
        .unwrap();
    assert!(s.consent().review_queue(24, Utc::now()).unwrap().is_empty());

    assert_eq!(
        s.consent()
            .publish_notice(&news, "Monthly news, by email.")
            .unwrap(),
        2
    );
    let same = s
        .consent()
        .publish_notice(&news, " Monthly news, by email. ")
        .unwrap_err();
    assert!(same.to_string().contains("same as version 2"), "{same}");
    let notices = s.consent().notices(&news).unwrap();
    assert_eq!(notices.len(), 2);
    assert_eq!(notices[0], v1, "version 1 is untouched");
    assert_eq!(notices[1].text, "Monthly news, by email.");
    assert!(audit_actions(&s)[0].starts_with("notice.published newsletter version 2"));

    let queue = s.consent().review_queue(24, Utc::now()).unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].subject, ada);
    assert_eq!(queue[0].reasons, vec![ReviewReason::OutdatedNotice]);

    // A notice version can never be rewritten, even with raw SQL.
    drop(s);
    let conn = store.raw();
    assert!(
        conn.execute("UPDATE notices SET text = 'x' WHERE version = 1", [])
            .is_err()
    );
    assert_eq!(
        query_i64(
            &conn,
            "SELECT COUNT(*) FROM notices WHERE purpose_code = 'newsletter'"
        ),
        2
    );
    drop(conn);
    let _ = store.unlock(PASS).unwrap();
}
