//! Issue 17, item 3: key rotation revokes what a former colleague may still hold.
//!
//! After `rotate_key` every sealed cell is new ciphertext under a new key and still opens;
//! lookups by email and earlier pseudonyms still match (their keys are carried over); the
//! audit trail verifies under the new key; the owner keeps their passphrase, every other user's
//! old passphrase and the old recovery code stop opening the store and the one-time ones work;
//! a backup taken before still opens with the passphrase valid then. Cancel, a wrong
//! passphrase, a non-owner and a broken audit trail change nothing. The crash points are in
//! `key_rotate_crash.rs`, the command line in `key_rotate_cli.rs`.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use privacy_desk::crypto::RecoveryCode;
use privacy_desk::domain::access::Role;
use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::pseudonymise::{DateGranularity, parse_fields};
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use privacy_desk::domain::retention::hold::HoldTarget;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{
    KeyRotation, PseudonymisedSpec, RestoreOptions, ServiceError, Session, Via,
};
use privacy_desk::store::StoreError;
use privacy_desk::store::rekey::SEALED_TABLES;
use uuid::Uuid;

use crate::common::{
    NEW_PASS, PASS, TempStore, draft, drop_audit_triggers, pass, profile, query_i64, read_blob,
    store_err, unlock_as,
};

/// The passphrase of the second user, an officer.
const CLERK_PASS: &str = "clerk passphrase of decent length";
const EMAIL: &str = "tamsin.ardleigh@example.net";
const NAME: &str = "Tamsin Ardleigh";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A store with a person, a consent with evidence, a request, a hold, a profile, a
/// pseudonymised export and a second user; returns the person's id and their pseudonym.
pub(crate) fn furnished(store: &TempStore) -> (Session, RecoveryCode, Uuid, String) {
    let (mut session, code) = store.create();
    session
        .settings()
        .save_profile(&profile("Ardleigh Bakery"))
        .expect("profile");
    let subject = session
        .subjects()
        .add_subject(&draft(NAME, EMAIL))
        .expect("add");
    session
        .consent()
        .record_consent(
            subject,
            &ConsentEvent {
                purpose: Some(PurposeCode::parse("newsletter").expect("purpose")),
                kind: ConsentEventKind::Given,
                at: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(),
                channel: Channel::WebForm,
                notice_version: Some(1),
                evidence: Evidence {
                    note: "Tamsin ticked the box at the till".into(),
                    ..Evidence::default()
                },
                recorded_by: "owner".into(),
            },
        )
        .expect("consent");
    // Issue 16: a child's age and a parent's authorisation, both sealed.
    session
        .consent()
        .set_age(
            subject,
            privacy_desk::domain::children::AgeValue::BirthYear(2013),
            None,
            day("2026-11-01"),
        )
        .expect("age");
    let event = session
        .consent()
        .child_view(subject, false)
        .expect("lines")
        .lines[0]
        .event;
    session
        .consent()
        .record_parental_authorisation(
            subject,
            event,
            &privacy_desk::domain::children::ParentalAuthorisation {
                authorised_by: "Orla Ardleigh".into(),
                method: privacy_desk::domain::children::VerificationMethod::SignedForm,
                authorised_on: day("2026-11-01"),
            },
        )
        .expect("authorisation");
    let request = session
        .requests()
        .open_request(
            &RequestDraft {
                regime: Regime::Gdpr,
                kind: RequestType::Access,
                received: day("2026-11-02"),
                channel: RequestChannel::Email,
                email: EMAIL.into(),
                requester: Requester {
                    name: NAME.into(),
                    ..Requester::default()
                },
                details: "Tamsin asks for her loyalty card data".into(),
            },
            day("2026-11-30"),
        )
        .expect("open")
        .0;
    session
        .retention()
        .place_hold(
            HoldTarget::Request(request),
            "Tamsin's solicitor asked us to keep it",
            None,
            day("2026-11-10"),
        )
        .expect("hold");
    let out = store.dir.path().join("pseudonymised.csv");
    session
        .exports()
        .export_pseudonymised(
            &PseudonymisedSpec {
                recipient: "analysis".into(),
                fields: parse_fields("email-domain").expect("fields"),
                quasi: None,
                dates: DateGranularity::Month,
                k_threshold: 5,
                accept_low_k: true,
            },
            &out,
            &Progress::default(),
        )
        .expect("export");
    let pseudonym = crate::pseudonymised_export::rows(&out)[0][0].clone();
    session
        .users()
        .add_user("clerk", Role::Officer, &pass(CLERK_PASS))
        .expect("add clerk");
    (session, code, subject, pseudonym)
}

fn rotate(session: &mut Session) -> KeyRotation {
    session
        .users()
        .rotate_key(&pass(PASS), &Progress::default())
        .expect("rotate")
}

/// Every sealed cell of the file, by table, column and rowid.
fn sealed_cells(path: &Path) -> BTreeSet<(String, String, i64, Vec<u8>)> {
    let conn = crate::common::raw(path);
    let mut cells = BTreeSet::new();
    for t in SEALED_TABLES {
        for column in t.columns {
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT rowid, {column} FROM {} WHERE {column} IS NOT NULL",
                    t.table
                ))
                .expect("select");
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))
                .expect("query");
            for row in rows {
                let (rowid, bytes) = row.expect("row");
                cells.insert((t.table.to_owned(), (*column).to_owned(), rowid, bytes));
            }
        }
    }
    cells
}

fn recover(path: &Path, code: &str) -> Result<Session, ServiceError> {
    Session::recover(
        path,
        None,
        &RecoveryCode::parse(code).expect("code"),
        &pass(NEW_PASS),
        Via::Cli,
    )
}

#[test]
fn a_rotation_reseals_every_field_and_keeps_lookups_and_pseudonyms() {
    let store = TempStore::new();
    let (mut session, old_code, subject, pseudonym) = furnished(&store);
    let old_code = old_code.reveal();
    let index_before = read_blob(&store.raw(), "subjects", "email_index", subject.as_bytes());
    let before = sealed_cells(&store.path);
    assert!(before.len() >= 15, "{}", before.len());

    let rotation = rotate(&mut session);
    assert_eq!(rotation.resealed as usize, before.len());
    assert_eq!(rotation.one_time.len(), 1);
    assert_eq!(rotation.one_time[0].user, "clerk");

    // Every sealed cell is new ciphertext, and none of the old ones is left anywhere.
    let after = sealed_cells(&store.path);
    assert_eq!(after.len(), before.len());
    let old_bytes: BTreeSet<_> = before.iter().map(|c| c.3.clone()).collect();
    assert!(after.iter().all(|c| !old_bytes.contains(&c.3)));
    // The blind index is carried over: it is the same, and lookups by email still find her.
    assert_eq!(
        read_blob(&store.raw(), "subjects", "email_index", subject.as_bytes()),
        index_before
    );
    let found = session
        .subjects()
        .find_subjects_by_email(EMAIL)
        .expect("find");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].fields.name, NAME);
    // The session goes on with the new key; the audit trail verifies under it.
    assert!(session.audit().verify_audit().unwrap().is_intact());
    let last = session
        .audit()
        .audit_page(&Default::default(), 0, 1)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.action, "key.rotated");
    for personal in [EMAIL, NAME, "Tamsin", "clerk", "analysis"] {
        assert!(!last.details.contains(personal), "{}", last.details);
    }
    assert_eq!(
        session.store().header().unwrap().seal_count,
        rotation.resealed as i64
    );
    drop(session);

    // Signed in again: everything opens; the pseudonym of the earlier export still leads to her.
    let session = store.unlock(PASS).expect("owner keeps their passphrase");
    assert!(session.audit().verify_audit().unwrap().is_intact());
    let person = session.subjects().subject(subject).unwrap().unwrap();
    assert_eq!(person.fields.email, EMAIL);
    let timeline = session.consent().consent_timeline(subject).unwrap();
    assert_eq!(
        timeline[0].evidence.note,
        "Tamsin ticked the box at the till"
    );
    assert_eq!(
        session.settings().profile().unwrap().name,
        "Ardleigh Bakery"
    );
    assert_eq!(
        session.retention().legal_holds().unwrap()[0].reason,
        "Tamsin's solicitor asked us to keep it"
    );
    let again = session
        .exports()
        .reidentify("analysis", &pseudonym, &Progress::default())
        .expect("reidentify")
        .expect("the earlier pseudonym still matches");
    assert_eq!(again.id, subject);
    let child = session.consent().child_view(subject, true).unwrap();
    assert_eq!(
        child.age.map(|a| a.value),
        Some(privacy_desk::domain::children::AgeValue::BirthYear(2013))
    );
    assert_eq!(
        child.lines[0]
            .authorisation
            .as_ref()
            .and_then(|a| a.authorised_by.as_deref()),
        Some("Orla Ardleigh")
    );
    drop(session);

    // The clerk's old passphrase and the old recovery code are revoked; the new ones work.
    let err = store_err(unlock_as(&store.path, "clerk", CLERK_PASS));
    assert!(matches!(err, StoreError::WrongPassphrase), "{err:?}");
    let given = rotation.one_time[0].reveal();
    drop(unlock_as(&store.path, "clerk", &given).expect("one-time passphrase opens"));
    let err = store_err(recover(&store.path, &old_code));
    assert!(matches!(err, StoreError::WrongRecoveryCode), "{err:?}");
    let recovered = recover(&store.path, &rotation.recovery.reveal()).expect("new code opens");
    assert!(recovered.audit().verify_audit().unwrap().is_intact());
}

#[test]
fn a_second_rotation_still_carries_the_first_keys() {
    let store = TempStore::new();
    let (mut session, _, subject, pseudonym) = furnished(&store);
    rotate(&mut session);
    drop(session);
    let mut session = store.unlock(PASS).expect("unlock");
    rotate(&mut session);
    drop(session);
    let session = store.unlock(PASS).expect("unlock");
    assert_eq!(
        session.subjects().find_subjects_by_email(EMAIL).unwrap()[0].id,
        subject
    );
    let again = session
        .exports()
        .reidentify("analysis", &pseudonym, &Progress::default())
        .unwrap();
    assert_eq!(again.map(|s| s.id), Some(subject));
    assert!(session.audit().verify_audit().unwrap().is_intact());
}

#[test]
fn a_backup_taken_before_a_rotation_opens_with_the_passphrases_valid_then() {
    let store = TempStore::new();
    let (mut session, _, subject, _) = furnished(&store);
    let backup = store.dir.path().join("backups").join("before.pdesk");
    session.backups().backup(&backup).expect("backup");
    rotate(&mut session);
    drop(session);
    let target = store.dir.path().join("restored").join("store.pdesk");
    Session::restore(
        &backup,
        &target,
        &pass(CLERK_PASS),
        Some("clerk"),
        Via::Cli,
        &RestoreOptions {
            replace: false,
            erasures_from: Some(store.path.clone()),
            authority: None,
        },
    )
    .expect("the clerk's old passphrase opens the old backup");
    let restored = unlock_as(&target, "clerk", CLERK_PASS).expect("unlock restored");
    assert_eq!(
        restored
            .subjects()
            .subject(subject)
            .unwrap()
            .unwrap()
            .fields
            .name,
        NAME
    );
}

#[test]
fn cancel_before_the_commit_leaves_the_old_key() {
    let store = TempStore::new();
    let (mut session, code, _, _) = furnished(&store);
    let header = session.store().header().unwrap();
    let before = sealed_cells(&store.path);
    let progress = Progress::default();
    progress.cancel();
    let result = session.users().rotate_key(&pass(PASS), &progress);
    assert!(matches!(result, Err(ServiceError::Cancelled)), "{result:?}");
    assert_eq!(session.store().header().unwrap(), header);
    assert!(session.audit().verify_audit().unwrap().is_intact());
    drop(session);
    assert_eq!(sealed_cells(&store.path), before);
    drop(unlock_as(&store.path, "clerk", CLERK_PASS).expect("old passphrase still opens"));
    drop(recover(&store.path, &code.reveal()).expect("old code still opens"));
    // The triggers came back with the rollback: the audit log is still append-only.
    let conn = store.raw();
    assert!(
        conn.execute("UPDATE audit_log SET details = 'x' WHERE seq = 1", [])
            .is_err()
    );
}

#[test]
fn the_triggers_are_back_after_a_rotation() {
    let store = TempStore::new();
    let (mut session, _, _, _) = furnished(&store);
    let triggers = |store: &TempStore| {
        query_i64(
            &store.raw(),
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'",
        )
    };
    drop(session);
    let count = triggers(&store);
    session = store.unlock(PASS).unwrap();
    rotate(&mut session);
    drop(session);
    assert_eq!(triggers(&store), count);
    let conn = store.raw();
    assert!(
        conn.execute("UPDATE consent_events SET channel = 'phone'", [])
            .is_err()
    );
}

#[test]
fn a_wrong_passphrase_or_a_non_owner_changes_nothing() {
    let store = TempStore::new();
    let (mut session, _, _, _) = furnished(&store);
    let header = session.store().header().unwrap();
    let wrong = session
        .users()
        .rotate_key(&pass("not the passphrase at all"), &Progress::default());
    assert!(
        matches!(&wrong, Err(ServiceError::Invalid { .. })),
        "{wrong:?}"
    );
    drop(session);
    let mut clerk = unlock_as(&store.path, "clerk", CLERK_PASS).unwrap();
    let refused = clerk
        .users()
        .rotate_key(&pass(CLERK_PASS), &Progress::default());
    assert!(
        matches!(&refused, Err(ServiceError::NotPermitted(_))),
        "{refused:?}"
    );
    assert_eq!(
        clerk.store().header().unwrap().wrapped_key_recovery,
        header.wrapped_key_recovery
    );
}

#[test]
fn a_broken_audit_trail_is_refused_not_signed_again() {
    let store = TempStore::new();
    let (session, _, _, _) = furnished(&store);
    drop(session);
    {
        let conn = store.raw();
        drop_audit_triggers(&conn);
        conn.execute("UPDATE audit_log SET details = 'edited' WHERE seq = 2", [])
            .unwrap();
    }
    let mut session = store.unlock(PASS).unwrap();
    let header = session.store().header().unwrap();
    let refused = session
        .users()
        .rotate_key(&pass(PASS), &Progress::default());
    match refused {
        Err(ServiceError::Invalid { message, .. }) => {
            assert!(message.contains("broken at entry 2"), "{message}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(session.store().header().unwrap(), header);
}

/// `BLOB` columns that hold no seal under the field key: ids, blind indexes, MACs, salts and
/// the key wraps (replaced by the rotation itself).
const NOT_SEALED_BY_THE_FIELD_KEY: &[(&str, &str)] = &[
    ("vault_header", "store_id"),
    ("vault_header", "recovery_salt"),
    ("vault_header", "wrapped_key_recovery"),
    ("vault_header", "audit_head_mac"),
    ("vault_header", "carried_keys"),
    ("users", "id"),
    ("users", "passphrase_salt"),
    ("users", "wrapped_key"),
    ("audit_log", "prev_mac"),
    ("audit_log", "mac"),
    ("subjects", "email_index"),
    ("erasures", "email_index"),
    ("inbox_messages", "fingerprint"),
    ("inbox_messages", "sender_index"),
    ("inbox_messages", "follow_up_of"),
    ("inbox_messages", "thread_of"),
    ("inbox_messages", "accepted_request"),
    ("inbox_imap_seen", "account"),
    ("attachments", "owner_key"),
    ("consent_events", "row_mac"),
    ("users", "row_mac"),
    ("subjects", "row_mac"),
    ("request_terms", "row_mac"),
    ("erasures", "row_mac"),
    ("retention_rules", "row_mac"),
    ("legal_holds", "row_mac"),
    ("requests", "row_mac"),
];

#[test]
fn every_sealed_column_of_the_store_is_resealed() {
    let store = TempStore::new().created();
    let conn = store.raw();
    let mut problems = Vec::new();
    let mut stmt = conn
        .prepare(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND p.type = 'BLOB' ORDER BY 1, 2",
        )
        .unwrap();
    let columns: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(columns.len() > 30, "{columns:?}");
    for (table, column) in columns {
        let resealed = SEALED_TABLES
            .iter()
            .any(|t| t.table == table && t.columns.contains(&column.as_str()));
        let plain = NOT_SEALED_BY_THE_FIELD_KEY.contains(&(table.as_str(), column.as_str()));
        let is_an_id = column == "id" || column.ends_with("_id");
        if !(resealed || plain || is_an_id) {
            problems.push(format!(
                "{table}.{column} is a BLOB column a key rotation does not re-seal: add it to store::rekey::SEALED_TABLES, or to NOT_SEALED_BY_THE_FIELD_KEY here if it holds no seal"
            ));
        }
        if resealed && plain {
            problems.push(format!(
                "{table}.{column} is listed as both sealed and plain"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
