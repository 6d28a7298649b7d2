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
         ALTER TABLE subjects DROP COLUMN relationship_ended_on;
         ALTER TABLE subjects DROP COLUMN customer_since;
         ALTER TABLE subjects DROP COLUMN anonymised_on;
         DROP TABLE consent_reviews; DROP TABLE holiday_overrides; DROP TABLE erasures;
         DROP TABLE subject_changes; DROP TABLE request_steps; DROP TABLE requests;
         ALTER TABLE subjects DROP COLUMN restricted_on;
         DROP TABLE consent_events; DROP TABLE notices; DROP TABLE purposes;
         ALTER TABLE subjects DROP COLUMN undeliverable_at;
         ALTER TABLE subjects DROP COLUMN tags;
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
    assert!(session.audit().verify_audit().unwrap().is_intact());
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
