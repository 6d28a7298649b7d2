//! Upgrading a store written by the previous format (schema 1, before the consent ledger):
//! only after the passphrase is proven, with a sealed backup first, and with the default
//! purposes adopted and audited.

use crate::common::{PASS, TempStore, contains, draft, file_names, files_in, query_i64, store_err};
use privacy_desk::store::StoreError;

/// A store as schema 1 left it: no consent tables (schema 2), no undeliverable mark
/// (schema 3), no tags (schema 4), no requests (schema 5), no retention (schema 6), none of
/// the later tables, `user_version` 1.
fn schema_one_store() -> TempStore {
    let store = TempStore::new();
    let (session, _) = store.create();
    session
        .subjects()
        .add_subject(&draft("Zebulon Quattrocchi", "zebulon.q@example.org"))
        .unwrap();
    drop(session);
    let conn = store.raw();
    // Every table a later schema added goes (schema 1 had these six).
    let later: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT IN ('vault_header', 'users', 'audit_log', 'settings',
                              'organisation_profile', 'subjects', 'consent_events', 'notices',
                              'purposes', 'sweeps', 'legal_holds', 'retention_rules',
                              'consent_reviews', 'holiday_overrides', 'erasures',
                              'subject_changes', 'request_steps', 'requests')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for table in later {
        conn.execute_batch(&format!("DROP TABLE {table};")).unwrap();
    }
    conn.execute_batch(
        "DROP INDEX subjects_live_dates;
         DROP TABLE sweeps; DROP TABLE legal_holds; DROP TABLE retention_rules;
         ALTER TABLE subjects DROP COLUMN row_mac;
         ALTER TABLE users DROP COLUMN row_mac;
         ALTER TABLE subjects DROP COLUMN relationship_ended_on;
         ALTER TABLE subjects DROP COLUMN customer_since;
         ALTER TABLE subjects DROP COLUMN anonymised_on;
         DROP TABLE consent_reviews; DROP TABLE holiday_overrides; DROP TABLE erasures;
         DROP TABLE subject_changes; DROP TABLE request_steps; DROP TABLE requests;
         ALTER TABLE subjects DROP COLUMN restricted_on;
         DROP TABLE consent_events; DROP TABLE notices; DROP TABLE purposes;
         ALTER TABLE subjects DROP COLUMN undeliverable_at;
         ALTER TABLE subjects DROP COLUMN tags;
         ALTER TABLE vault_header DROP COLUMN carried_keys;
         ALTER TABLE organisation_profile DROP COLUMN roles;
         ALTER TABLE organisation_profile DROP COLUMN automated_decisions;
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    store
}

fn backups(store: &TempStore) -> Vec<String> {
    file_names(&store.store_dir())
        .into_iter()
        .filter(|n| n.contains("before-upgrade-from-v1"))
        .collect()
}

#[test]
fn a_wrong_passphrase_does_not_upgrade() {
    let store = schema_one_store();
    let err = store_err(store.unlock("not the passphrase at all"));
    assert!(matches!(err, StoreError::WrongPassphrase), "{err:?}");
    assert_eq!(query_i64(&store.raw(), "PRAGMA user_version"), 1);
    assert_eq!(
        privacy_desk::store::file_schema_version(&store.path).unwrap(),
        1
    );
    assert!(!privacy_desk::services::store_needs_upgrade(
        &store.path.with_file_name("missing.pdesk")
    ));
    assert!(backups(&store).is_empty());
}

#[test]
fn the_right_passphrase_backs_up_then_upgrades_and_adopts_the_purposes() {
    let store = schema_one_store();
    // The unlock screen can tell the wait will be longer.
    assert!(privacy_desk::services::store_needs_upgrade(&store.path));
    let session = store.unlock(PASS).unwrap();
    assert_eq!(
        session.store().schema_version().unwrap(),
        privacy_desk::store::migrations::LATEST_VERSION
    );
    let backup = session
        .store()
        .pre_migration_backup()
        .expect("a backup was written")
        .to_owned();
    assert_eq!(backups(&store).len(), 1);
    assert!(session.consent().purposes().unwrap().len() >= 5);
    let adopted = session
        .audit()
        .audit_page(&Default::default(), 0, 1)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(adopted.action, "purposes.adopted");
    assert_eq!(adopted.actor, "owner");
    // The chain only: this made-up old store was made (and its rows tagged) by this build, as
    // its trail says, so the tags dropped with their columns are not made again. A real old
    // store is tagged once: `a_store_upgraded_from_format_11_…`.
    assert!(
        session
            .audit()
            .verify_audit()
            .unwrap()
            .first_break
            .is_none()
    );
    let ids = session.subjects().subject_ids().unwrap();
    assert_eq!(ids.len(), 1);
    assert_eq!(
        session
            .subjects()
            .subject(ids[0])
            .unwrap()
            .unwrap()
            .fields
            .name,
        "Zebulon Quattrocchi"
    );
    drop(session);
    // Closed (its write-ahead log folded in), the file says it is current.
    assert!(!privacy_desk::services::store_needs_upgrade(&store.path));

    // The backup is the schema-1 store, still sealed.
    let old = rusqlite::Connection::open(&backup).unwrap();
    assert_eq!(query_i64(&old, "PRAGMA user_version"), 1);
    assert_eq!(query_i64(&old, "SELECT COUNT(*) FROM subjects"), 1);
    drop(old);
    for (path, bytes) in files_in(&store.store_dir()) {
        assert!(
            !contains(&bytes, b"Quattrocchi"),
            "{} holds a name in the clear",
            path.display()
        );
    }

    // A second unlock does not upgrade again.
    let again = store.unlock(PASS).unwrap();
    assert!(again.store().pre_migration_backup().is_none());
    assert_eq!(backups(&store).len(), 1);
}

/// A store written by format 11 (before row tags): `tests/data/format11.pdesk`, made by the
/// program at commit 6c53bc5 with the passphrase [`PASS`] and the floor KDF: two people (one
/// erased), a consent, a second user (an officer), a request, a hold and the default rules.
/// Returns the copy and the remaining person's id.
fn format_eleven_store() -> (TempStore, uuid::Uuid) {
    let store = TempStore::new();
    std::fs::create_dir_all(store.store_dir()).unwrap();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/format11.pdesk");
    std::fs::copy(fixture, &store.path).unwrap();
    assert_eq!(
        privacy_desk::store::file_schema_version(&store.path).unwrap(),
        11
    );
    let ada: Vec<u8> = store
        .raw()
        .query_row("SELECT id FROM subjects", [], |r| r.get(0))
        .unwrap();
    (store, uuid::Uuid::from_slice(&ada).unwrap())
}

/// Issue 17, item 6: rows written by format 11 are tagged once, at the first unlock after the
/// upgrade, with an audit entry; the upgraded store's rows verify clean and are not tagged
/// again.
#[test]
fn a_store_upgraded_from_format_11_is_tagged_once_and_verifies_clean() {
    let (store, ada) = format_eleven_store();
    let session = store.unlock(PASS).unwrap();
    assert!(session.store().pre_migration_backup().is_some());
    let report = session.audit().verify_audit().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert!(report.rows_checked > 10, "{report:?}");
    assert_eq!(session.integrity_at_unlock().unwrap().changed, 0);
    let filter = privacy_desk::store::audit_log::AuditFilter {
        action: Some("store.rows_tagged".into()),
        ..Default::default()
    };
    let tagged = session.audit().audit_page(&filter, 0, 10).unwrap();
    assert_eq!(tagged.len(), 1, "{tagged:?}");
    assert!(tagged[0].details.ends_with("rows written before format 13"));
    drop(session);

    // Edited after the upgrade, the row is caught; unlocking again tags nothing more.
    let conn = store.raw();
    conn.execute(
        "UPDATE subjects SET restricted_on = '2026-01-01' WHERE id = ?1",
        [ada.as_bytes()],
    )
    .unwrap();
    drop(conn);
    let session = store.unlock(PASS).unwrap();
    let report = session.audit().verify_audit().unwrap();
    assert_eq!(report.changed_rows.len(), 1, "{report:?}");
    assert_eq!(report.changed_rows[0].record, ada.to_string());
    assert_eq!(session.integrity_at_unlock().unwrap().changed, 1);
    assert_eq!(session.audit().audit_page(&filter, 0, 10).unwrap().len(), 1);
}

/// A fresh store's rows verify clean (its own rows are tagged when it is created).
#[test]
fn a_fresh_store_verifies_clean() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let report = session.audit().verify_audit().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert!(report.rows_checked >= 1, "the owner at least: {report:?}");
}
