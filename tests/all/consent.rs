//! Purposes and the consent ledger (library level): the default catalogue in a new store,
//! events recorded through the session and read back in ledger order with their evidence,
//! one audit entry per event without personal data, refusals that change nothing, the
//! append-only table, sealed evidence that names a tampered event, no evidence in the clear in
//! any file, and the counts per purpose.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use privacy_desk::domain::access::Role;
use privacy_desk::domain::audit::AuditEntry;
use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::services::{ConsentCounts, ServiceError, ServiceResult, Session};
use privacy_desk::store::StoreError;
use privacy_desk::store::audit_log::AuditFilter;
use uuid::Uuid;

use crate::common::{
    PASS, TempStore, contains, draft, files_in, pass, query_i64, read_blob, store_err, unlock_as,
    write_blob,
};

use ConsentEventKind::*;

/// Audrey's passphrase (an auditor).
const AUDREY: &str = "audrey reads every record";
/// Alex's passphrase (an assistant).
const ALEX: &str = "alex answers the front desk";

fn code(text: &str) -> PurposeCode {
    PurposeCode::parse(text).unwrap()
}

/// Noon UTC on a day of 2025.
fn day(month: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, month, d, 12, 0, 0).unwrap()
}

/// An event without evidence, claiming to be recorded by someone who is not signed in.
fn event(
    purpose: Option<&str>,
    kind: ConsentEventKind,
    at: DateTime<Utc>,
    channel: Channel,
) -> ConsentEvent {
    ConsentEvent {
        purpose: purpose.map(code),
        kind,
        at,
        channel,
        notice_version: matches!(kind, Given | Refreshed).then_some(1),
        evidence: Evidence::default(),
        recorded_by: "mallory".into(),
    }
}

fn evidence(form_id: &str, ip: &str, document_ref: &str) -> Evidence {
    Evidence {
        form_id: form_id.into(),
        ip: ip.into(),
        confirmed_at: "2025-01-10T09:05:00Z".into(),
        document_ref: document_ref.into(),
        note: "ticked both boxes".into(),
    }
}

/// Records an event and returns its id, panicking with the error.
fn record(session: &mut Session, subject: Uuid, e: &ConsentEvent) -> Uuid {
    session
        .consent()
        .record_consent(subject, e)
        .unwrap_or_else(|err| panic!("record {:?} {:?}: {err}", e.kind, e.purpose))
}

/// Each purpose's state code for a subject, by purpose code.
fn states(session: &Session, subject: Uuid) -> BTreeMap<String, String> {
    session
        .consent()
        .current_consents(subject)
        .expect("current consents")
        .into_iter()
        .map(|(row, state)| (row.purpose.code.to_string(), state.code().to_owned()))
        .collect()
}

fn consent_entries(session: &Session) -> Vec<AuditEntry> {
    let filter = AuditFilter {
        action: Some("consent.recorded".into()),
        ..AuditFilter::default()
    };
    session
        .audit()
        .audit_page(&filter, 0, 10_000)
        .expect("audit page")
}

/// What a refused call must leave as it was: ledger rows, audit entries, seals.
fn snapshot(session: &Session) -> (i64, i64, i64) {
    let conn = &rusqlite::Connection::open(session.path()).unwrap();
    (
        query_i64(conn, "SELECT COUNT(*) FROM consent_events"),
        query_i64(conn, "SELECT COUNT(*) FROM audit_log"),
        query_i64(conn, "SELECT seal_count FROM vault_header"),
    )
}

fn assert_invalid<T: std::fmt::Debug>(result: ServiceResult<T>, field: &str, needle: &str) {
    match result {
        Err(ServiceError::Invalid { field: f, message }) => {
            assert_eq!(f, field, "{message}");
            assert!(
                message.contains(needle),
                "expected {needle:?} in {message:?}"
            );
        }
        other => panic!("expected Invalid({field}), got {other:?}"),
    }
}

// 1 -------------------------------------------------------------------------------------------

#[test]
fn a_new_store_has_the_default_catalogue_with_notice_version_1() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let purposes = session.consent().purposes().unwrap();
    assert!(purposes.len() >= 5, "{purposes:?}");
    let codes: Vec<&str> = purposes.iter().map(|p| p.purpose.code.as_str()).collect();
    assert!(codes.contains(&"newsletter"), "{codes:?}");
    assert!(
        purposes
            .iter()
            .any(|p| p.purpose.code.as_str() == "partner-sharing" && p.purpose.ccpa_sale_or_share),
        "partner-sharing is the sale/share purpose: {codes:?}"
    );
    assert!(
        !purposes
            .iter()
            .any(|p| p.purpose.code.as_str() == "newsletter" && p.purpose.ccpa_sale_or_share)
    );
    for row in &purposes {
        let c = &row.purpose.code;
        assert_eq!(row.current_notice, 1, "{c}");
        assert!(!row.purpose.name.trim().is_empty(), "{c}");
        assert!(!row.purpose.description.trim().is_empty(), "{c}");
        let notices = session.consent().notices(c).unwrap();
        assert_eq!(notices.len(), 1, "{c}: {notices:?}");
        assert_eq!((&notices[0].purpose, notices[0].version), (c, 1));
        assert!(!notices[0].text.trim().is_empty(), "{c}");
        DateTime::parse_from_rfc3339(&notices[0].published_at).expect("RFC 3339");
    }
    assert!(session.consent().notices(&code("nope")).unwrap().is_empty());
    drop(session);

    // Unlocking again neither adopts the catalogue twice nor changes it.
    let session = store.unlock(PASS).unwrap();
    assert_eq!(session.consent().purposes().unwrap(), purposes);
    let adopted = session
        .audit()
        .audit_page(
            &AuditFilter {
                action: Some("purposes.adopted".into()),
                ..AuditFilter::default()
            },
            0,
            100,
        )
        .unwrap();
    assert_eq!(adopted.len(), 1, "{adopted:?}");
}

// 2 -------------------------------------------------------------------------------------------

#[test]
fn the_timeline_keeps_ledger_order_and_evidence_and_the_states_follow_the_rules() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let ada = session
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    let bob = session
        .subjects()
        .add_subject(&draft("Bob Builder", "bob@example.org"))
        .unwrap();

    let mut given_news = event(
        Some("newsletter"),
        Given,
        day(1, 10),
        Channel::DoubleOptInEmail,
    );
    given_news.evidence = evidence("signup-2025", "192.0.2.7", "");
    let mut given_recs = event(
        Some("product-recommendations"),
        Given,
        day(1, 11),
        Channel::Paper,
    );
    given_recs.evidence = Evidence {
        document_ref: "scan-0042.pdf".into(),
        note: "signed at the counter".into(),
        ..Evidence::default()
    };
    let withdrawn_recs = event(
        Some("product-recommendations"),
        Withdrawn,
        day(2, 1),
        Channel::Phone,
    );
    let given_partners = event(Some("partner-sharing"), Given, day(2, 2), Channel::WebForm);
    let gpc = event(
        None,
        GlobalPrivacyControl,
        day(3, 1),
        Channel::BrowserSignal,
    );
    // Recorded last but happened first: the timeline keeps the ledger's order.
    let mut late_entry = event(Some("email-tracking"), Given, day(1, 2), Channel::InStore);
    late_entry.evidence.form_id = "till-card".into();
    let ledger = [
        given_news,
        given_recs,
        withdrawn_recs,
        given_partners,
        gpc,
        late_entry,
    ];
    let mut ids = Vec::new();
    for e in &ledger {
        ids.push(record(&mut session, ada, e));
    }
    let all_ids: std::collections::BTreeSet<Uuid> = ids.iter().copied().collect();
    assert_eq!(all_ids.len(), ledger.len(), "every event has its own id");
    // Another subject's event does not show in Ada's timeline.
    record(
        &mut session,
        bob,
        &event(Some("newsletter"), Withdrawn, day(1, 5), Channel::WebForm),
    );

    let expected: Vec<ConsentEvent> = ledger
        .iter()
        .cloned()
        .map(|mut e| {
            e.recorded_by = "owner".into();
            e
        })
        .collect();
    assert_eq!(session.consent().consent_timeline(ada).unwrap(), expected);

    let expected_states: BTreeMap<String, String> = [
        ("newsletter", "given"),
        ("product-recommendations", "withdrawn"),
        ("partner-sharing", "opted_out"),
        ("email-tracking", "given"),
        ("profiling-segmentation", "none"),
    ]
    .into_iter()
    .map(|(p, s)| (p.to_owned(), s.to_owned()))
    .collect();
    let mut ada_states = states(&session, ada);
    ada_states.retain(|p, _| expected_states.contains_key(p));
    assert_eq!(ada_states, expected_states);
    let consents = session.consent().current_consents(ada).unwrap();
    let of = |c: &str| {
        consents
            .iter()
            .find(|(row, _)| row.purpose.code.as_str() == c)
            .map(|(_, s)| s.clone())
            .unwrap()
    };
    assert_eq!(of("newsletter").since(), Some(day(1, 10)));
    assert!(of("newsletter").permits_processing());
    assert_eq!(of("product-recommendations").since(), Some(day(2, 1)));
    assert_eq!(of("partner-sharing").since(), Some(day(3, 1)));
    assert!(!of("partner-sharing").permits_processing());

    let bob_states = states(&session, bob);
    assert_eq!(bob_states["newsletter"], "withdrawn");
    assert_eq!(bob_states["partner-sharing"], "none");
    drop(session);

    // The same after locking and unlocking.
    let session = store.unlock(PASS).unwrap();
    assert_eq!(session.consent().consent_timeline(ada).unwrap(), expected);
    assert_eq!(
        session.consent().consent_timeline(bob).unwrap().len(),
        1,
        "only Bob's own event"
    );
}

// 3 -------------------------------------------------------------------------------------------

#[test]
fn each_recorded_event_writes_one_audit_entry_naming_only_the_subject_id() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let ada = session
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    let mut given = event(Some("newsletter"), Given, day(1, 10), Channel::WebForm);
    given.evidence = evidence("spring-form-7", "198.51.100.23", "scan-77.pdf");
    let gpc = event(
        None,
        GlobalPrivacyControl,
        day(1, 11),
        Channel::BrowserSignal,
    );

    for (n, e) in [given, gpc].iter().enumerate() {
        let total_before = query_i64(
            &rusqlite::Connection::open(session.path()).unwrap(),
            "SELECT COUNT(*) FROM audit_log",
        );
        let id = record(&mut session, ada, e);
        assert_eq!(
            query_i64(
                &rusqlite::Connection::open(session.path()).unwrap(),
                "SELECT COUNT(*) FROM audit_log"
            ),
            total_before + 1,
            "exactly one audit entry per event"
        );
        let entries = consent_entries(&session);
        assert_eq!(entries.len(), n + 1, "{entries:?}");
        let newest = &entries[0];
        assert_eq!(newest.action, "consent.recorded");
        assert_eq!(newest.actor, "owner");
        assert_eq!(newest.entity_kind, "subject");
        assert_eq!(newest.entity_id, ada.to_string());
        assert!(newest.details.contains(e.kind.code()), "{newest:?}");
        assert!(newest.details.contains(&id.to_string()), "{newest:?}");
        let text = format!("{} {}", newest.entity_id, newest.details);
        for secret in [
            "198.51.100.23",
            "spring-form-7",
            "scan-77.pdf",
            "ticked both boxes",
            "ada@example.org",
            "Ada",
            "Lovelace",
        ] {
            assert!(!text.contains(secret), "{secret:?} in {newest:?}");
        }
    }
    assert!(session.audit().verify_audit().unwrap().is_intact());
}

// 4 -------------------------------------------------------------------------------------------

#[test]
fn refused_events_change_nothing_and_roles_are_enforced() {
    let store = TempStore::new();
    let (mut owner, _) = store.create();
    owner
        .users()
        .add_user("audrey", Role::Auditor, &pass(AUDREY))
        .unwrap();
    owner
        .users()
        .add_user("alex", Role::Assistant, &pass(ALEX))
        .unwrap();
    let ada = owner
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    record(
        &mut owner,
        ada,
        &event(Some("newsletter"), Given, day(1, 10), Channel::WebForm),
    );

    let before = snapshot(&owner);
    assert_eq!(before.0, 1);
    assert_invalid(
        owner.consent().record_consent(
            ada,
            &event(Some("nope"), Given, day(1, 11), Channel::WebForm),
        ),
        "Purpose",
        "nope",
    );
    assert_eq!(snapshot(&owner), before, "unknown purpose");
    assert_invalid(
        owner
            .consent()
            .record_consent(ada, &event(None, Given, day(1, 11), Channel::WebForm)),
        "Purpose",
        "needs a purpose",
    );
    assert_eq!(snapshot(&owner), before, "given without a purpose");
    assert_invalid(
        owner
            .consent()
            .record_consent(ada, &event(None, Withdrawn, day(1, 11), Channel::WebForm)),
        "Purpose",
        "needs a purpose",
    );
    assert_eq!(snapshot(&owner), before, "withdrawn without a purpose");
    assert_invalid(
        owner.consent().record_consent(
            Uuid::new_v4(),
            &event(Some("newsletter"), Given, day(1, 11), Channel::WebForm),
        ),
        "Subject",
        "no subject",
    );
    assert_eq!(snapshot(&owner), before, "unknown subject");
    let future = Utc::now() + chrono::Duration::hours(1);
    assert_invalid(
        owner.consent().record_consent(
            ada,
            &event(Some("newsletter"), Withdrawn, future, Channel::WebForm),
        ),
        "Time",
        "future",
    );
    assert_eq!(snapshot(&owner), before, "an event in the future");
    assert_eq!(states(&owner, ada)["newsletter"], "given");
    drop(owner);

    // An auditor reads but records nothing.
    let audrey = unlock_as(&store.path, "audrey", AUDREY).unwrap();
    let before = snapshot(&audrey);
    match audrey.consent().record_consent(
        ada,
        &event(Some("newsletter"), Withdrawn, day(1, 12), Channel::Phone),
    ) {
        Err(ServiceError::NotPermitted(message)) => assert!(!message.is_empty()),
        other => panic!("expected NotPermitted, got {other:?}"),
    }
    assert_eq!(snapshot(&audrey), before, "the auditor's refusal");
    assert_eq!(audrey.consent().consent_timeline(ada).unwrap().len(), 1);
    drop(audrey);

    // An assistant records consent, as themselves.
    let mut alex = unlock_as(&store.path, "alex", ALEX).unwrap();
    let before = snapshot(&alex);
    record(
        &mut alex,
        ada,
        &event(Some("newsletter"), Withdrawn, day(1, 12), Channel::Phone),
    );
    let after = snapshot(&alex);
    assert_eq!((after.0, after.1), (before.0 + 1, before.1 + 1));
    let timeline = alex.consent().consent_timeline(ada).unwrap();
    assert_eq!(timeline.len(), 2);
    assert_eq!(timeline[1].recorded_by, "alex");
    assert_eq!(timeline[0].recorded_by, "owner");
    let (actor, action): (String, String) = rusqlite::Connection::open(alex.path())
        .expect("open the store file")
        .query_row(
            "SELECT actor, action FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (actor.as_str(), action.as_str()),
        ("alex", "consent.recorded")
    );
    assert_eq!(states(&alex, ada)["newsletter"], "withdrawn");
}

// 5 -------------------------------------------------------------------------------------------

#[test]
fn the_ledger_is_append_only_and_goes_with_its_subject() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let ada = session
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    let bob = session
        .subjects()
        .add_subject(&draft("Bob Builder", "bob@example.org"))
        .unwrap();
    let ada_event = record(
        &mut session,
        ada,
        &event(Some("newsletter"), Given, day(1, 10), Channel::WebForm),
    );
    record(
        &mut session,
        ada,
        &event(None, OptedOutOfSaleOrSharing, day(1, 11), Channel::Phone),
    );
    record(
        &mut session,
        bob,
        &event(Some("newsletter"), Given, day(1, 12), Channel::WebForm),
    );
    drop(session);

    let conn = store.raw();
    for sql in [
        "UPDATE consent_events SET kind = 'withdrawn' WHERE id = ?1",
        "UPDATE consent_events SET at = '2020-01-01T00:00:00+00:00' WHERE id = ?1",
        "UPDATE consent_events SET recorded_by = 'mallory' WHERE id = ?1",
        "UPDATE consent_events SET subject_id = x'00' WHERE id = ?1",
    ] {
        let err = conn
            .execute(sql, [ada_event.as_bytes().as_slice()])
            .expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    let kind: String = conn
        .query_row(
            "SELECT kind FROM consent_events WHERE id = ?1",
            [ada_event.as_bytes().as_slice()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kind, "given");

    // Erasing the subject's row takes their ledger with it, and only theirs.
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let deleted = conn
        .execute(
            "DELETE FROM subjects WHERE id = ?1",
            [ada.as_bytes().as_slice()],
        )
        .unwrap();
    assert_eq!(deleted, 1);
    assert_eq!(
        query_i64(&conn, "SELECT COUNT(*) FROM consent_events"),
        1,
        "only Bob's event is left"
    );
    drop(conn);

    let session = store.unlock(PASS).unwrap();
    // Ada is gone, and so is her ledger.
    assert!(session.consent().consent_timeline(ada).is_err());
    assert_eq!(session.consent().consent_timeline(bob).unwrap().len(), 1);
    let counts = session.consent().consent_counts().unwrap();
    assert_eq!(counts["newsletter"].given, 1);
    assert_eq!(counts["partner-sharing"], ConsentCounts::default());
}

// 6 -------------------------------------------------------------------------------------------

fn assert_event_tampered(result: ServiceResult<Vec<ConsentEvent>>, event: Uuid) {
    let err = store_err(result);
    match &err {
        StoreError::FieldTampered {
            table,
            column,
            record,
        } => assert_eq!(
            (*table, *column, *record),
            ("consent_events", "evidence", event)
        ),
        other => panic!("expected FieldTampered for event {event}, got {other:?}"),
    }
    assert!(err.to_string().contains(&event.to_string()), "{err}");
}

#[test]
fn a_tampered_evidence_names_its_event_and_other_subjects_still_open() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let [ada, bob, cleo] = [
        ("Ada Lovelace", "ada@example.org"),
        ("Bob Builder", "bob@example.org"),
        ("Cleo Conti", "cleo@example.org"),
    ]
    .map(|(name, email)| session.subjects().add_subject(&draft(name, email)).unwrap());
    let mut with_evidence = event(Some("newsletter"), Given, day(1, 10), Channel::WebForm);
    with_evidence.evidence = evidence("form-a", "192.0.2.1", "doc-a");
    let ada_event = record(&mut session, ada, &with_evidence);
    let bob_event = record(&mut session, bob, &with_evidence);
    let cleo_event = record(&mut session, cleo, &with_evidence);
    drop(session);

    let conn = store.raw();
    // An attacker with the file drops the trigger first.
    conn.execute_batch("DROP TRIGGER consent_events_no_update")
        .unwrap();
    // A byte flipped in Bob's sealed evidence.
    let mut sealed = read_blob(&conn, "consent_events", "evidence", bob_event.as_bytes());
    let middle = sealed.len() / 2;
    sealed[middle] ^= 0x01;
    write_blob(
        &conn,
        "consent_events",
        "evidence",
        bob_event.as_bytes(),
        &sealed,
    );
    // Ada's sealed evidence copied over Cleo's (an intact ciphertext in the wrong row).
    let adas = read_blob(&conn, "consent_events", "evidence", ada_event.as_bytes());
    write_blob(
        &conn,
        "consent_events",
        "evidence",
        cleo_event.as_bytes(),
        &adas,
    );
    drop(conn);

    let session = store.unlock(PASS).expect("the header is intact");
    assert_event_tampered(session.consent().consent_timeline(bob), bob_event);
    assert_event_tampered(session.consent().consent_timeline(cleo), cleo_event);
    assert!(matches!(
        session.consent().current_consents(bob),
        Err(ServiceError::Store(StoreError::FieldTampered { .. }))
    ));
    let adas = session
        .consent()
        .consent_timeline(ada)
        .expect("Ada's ledger opens");
    assert_eq!(adas.len(), 1);
    assert_eq!(adas[0].evidence, with_evidence.evidence);
    assert_eq!(states(&session, ada)["newsletter"], "given");
    // The counts read no evidence, so they still work.
    assert_eq!(
        session.consent().consent_counts().unwrap()["newsletter"].given,
        3
    );
}

// 7 -------------------------------------------------------------------------------------------

#[test]
fn no_evidence_in_the_clear_in_any_file_of_the_store_folder() {
    const IP: &str = "203.0.113.77";
    const FORM: &str = "spring-fair-2026-form";
    const DOCUMENT: &str = "archive/paper-forms/box-31-sheet-0917.pdf";
    const NOTE: &str = "signed with a green fountain pen";
    const EMAIL: &str = "wilhelmina.quist@example.org";
    const NAME: &str = "Wilhelmina Quist";

    let needles: Vec<String> = [IP, FORM, DOCUMENT, NOTE, EMAIL, NAME]
        .iter()
        .flat_map(|v| [v.to_string(), v.to_lowercase(), v.to_uppercase()])
        .collect();
    let scan = |store: &TempStore| {
        let files = files_in(&store.store_dir());
        assert!(!files.is_empty());
        for (path, bytes) in &files {
            for needle in &needles {
                assert!(
                    !contains(bytes, needle.as_bytes()),
                    "{needle:?} appears in {}",
                    path.display()
                );
            }
        }
        // The control: plain values of the same events are found by the same scan.
        for control in ["consent.recorded", "double-opt-in-email"] {
            assert!(
                files.iter().any(|(_, b)| contains(b, control.as_bytes())),
                "control {control:?} not found"
            );
        }
    };

    let store = TempStore::new();
    let (mut session, _) = store.create();
    let subject = session.subjects().add_subject(&draft(NAME, EMAIL)).unwrap();
    let mut given = event(
        Some("newsletter"),
        Given,
        day(4, 1),
        Channel::DoubleOptInEmail,
    );
    given.evidence = Evidence {
        form_id: FORM.into(),
        ip: IP.into(),
        confirmed_at: "2025-04-01T12:03:00Z".into(),
        document_ref: DOCUMENT.into(),
        note: NOTE.into(),
    };
    record(&mut session, subject, &given);
    let mut paper = event(Some("partner-sharing"), Given, day(4, 2), Channel::Paper);
    paper.evidence = Evidence {
        form_id: FORM.into(),
        document_ref: DOCUMENT.into(),
        ..Evidence::default()
    };
    record(&mut session, subject, &paper);
    let mut withdrawn = event(Some("newsletter"), Withdrawn, day(4, 3), Channel::WebForm);
    withdrawn.evidence.ip = IP.into();
    record(&mut session, subject, &withdrawn);

    // Open: the events sit in the WAL.
    scan(&store);
    // The evidence really is there, readable with the key.
    let timeline = session.consent().consent_timeline(subject).unwrap();
    assert_eq!(timeline[0].evidence.ip, IP);
    assert_eq!(timeline[1].evidence.document_ref, DOCUMENT);
    drop(session);

    // Closed: checkpointed into the main file.
    scan(&store);
    drop(store.unlock(PASS).unwrap());
    scan(&store);
}

// 8 -------------------------------------------------------------------------------------------

fn counts(given: u64, withdrawn: u64, expired: u64, opted_out: u64) -> ConsentCounts {
    ConsentCounts {
        given,
        withdrawn,
        expired,
        opted_out,
    }
}

#[test]
fn counts_per_purpose_follow_each_subjects_current_state() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let [ada, bob, cleo, _dora] = [
        ("Ada Lovelace", "ada@example.org"),
        ("Bob Builder", "bob@example.org"),
        ("Cleo Conti", "cleo@example.org"),
        ("Dora Dent", "dora@example.org"),
    ]
    .map(|(name, email)| session.subjects().add_subject(&draft(name, email)).unwrap());

    let empty = session.consent().consent_counts().unwrap();
    assert!(empty.len() >= 5);
    assert!(
        empty.values().all(|c| *c == ConsentCounts::default()),
        "{empty:?}"
    );

    // Ada: newsletter and partner sharing given.
    for e in [
        event(Some("newsletter"), Given, day(1, 1), Channel::WebForm),
        event(Some("partner-sharing"), Given, day(1, 2), Channel::WebForm),
    ] {
        record(&mut session, ada, &e);
    }
    // Bob: newsletter withdrawn, partner sharing stopped by GPC, recommendations expired,
    // tracking given twice (one person, counted once).
    for e in [
        event(Some("newsletter"), Given, day(1, 1), Channel::WebForm),
        event(Some("newsletter"), Withdrawn, day(2, 1), Channel::WebForm),
        event(Some("partner-sharing"), Given, day(1, 2), Channel::WebForm),
        event(
            None,
            GlobalPrivacyControl,
            day(3, 1),
            Channel::BrowserSignal,
        ),
        event(
            Some("product-recommendations"),
            Given,
            day(1, 3),
            Channel::Paper,
        ),
        event(
            Some("product-recommendations"),
            Expired,
            day(4, 1),
            Channel::Import,
        ),
        event(Some("email-tracking"), Given, day(1, 4), Channel::WebForm),
        event(
            Some("email-tracking"),
            Refreshed,
            day(5, 4),
            Channel::WebForm,
        ),
    ] {
        record(&mut session, bob, &e);
    }
    // Cleo: recommendations given, an opt-out of sale/sharing without any consent, and a
    // newsletter withdrawal recorded before (in the ledger) an earlier-dated consent.
    for e in [
        event(
            Some("product-recommendations"),
            Given,
            day(1, 5),
            Channel::InStore,
        ),
        event(None, OptedOutOfSaleOrSharing, day(1, 6), Channel::Phone),
        event(Some("newsletter"), Withdrawn, day(6, 1), Channel::Phone),
        event(Some("newsletter"), Given, day(5, 1), Channel::Phone),
    ] {
        record(&mut session, cleo, &e);
    }
    // Dora: nothing.

    let mut expected: BTreeMap<String, ConsentCounts> = empty;
    expected.insert("newsletter".into(), counts(1, 2, 0, 0));
    expected.insert("partner-sharing".into(), counts(1, 0, 0, 2));
    expected.insert("product-recommendations".into(), counts(1, 0, 1, 0));
    expected.insert("email-tracking".into(), counts(1, 0, 0, 0));
    assert_eq!(session.consent().consent_counts().unwrap(), expected);

    let status = session.settings().status().unwrap();
    assert_eq!(status.subjects, 4);
    assert_eq!(status.consent, expected);

    // The counts agree with each subject's own page.
    let mut from_pages: BTreeMap<String, ConsentCounts> = expected
        .keys()
        .map(|k| (k.clone(), ConsentCounts::default()))
        .collect();
    for id in session.subjects().subject_ids().unwrap() {
        for (purpose, state) in states(&session, id) {
            let c = from_pages.get_mut(&purpose).unwrap();
            match state.as_str() {
                "given" => c.given += 1,
                "withdrawn" => c.withdrawn += 1,
                "expired" => c.expired += 1,
                "opted_out" => c.opted_out += 1,
                _ => {}
            }
        }
    }
    assert_eq!(from_pages, expected);
    drop(session);

    // And after unlocking again.
    let session = store.unlock(PASS).unwrap();
    assert_eq!(session.settings().status().unwrap().consent, expected);
}
