//! A store written by a newer version, a file that is not a store, and an empty file are all
//! refused with a message that says so, and left byte-for-byte as they were.

use std::fs;
use std::path::PathBuf;

use privacy_desk::store::StoreError;
use privacy_desk::store::migrations::LATEST_VERSION;

use crate::common::{PASS, TempStore, file_names, run, store_err};

fn wal_of(store: &TempStore) -> PathBuf {
    PathBuf::from(format!("{}-wal", store.path.display()))
}

/// A real store whose schema version was raised to 99 by "a newer build"; no WAL left.
fn newer_store() -> TempStore {
    let store = TempStore::new().created();
    let conn = store.raw();
    conn.pragma_update(None, "user_version", 99).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    conn.close().map_err(|(_, e)| e).unwrap();
    assert!(
        !wal_of(&store).exists() || fs::metadata(wal_of(&store)).unwrap().len() == 0,
        "the WAL should be checkpointed away"
    );
    store
}

#[test]
fn a_newer_store_is_refused_untouched() {
    let store = newer_store();
    let before = store.hash();
    let files_before = file_names(&store.store_dir());

    let err = store_err(store.unlock(PASS));
    match &err {
        StoreError::NewerVersion { found, supported } => {
            assert_eq!(*found, 99);
            assert_eq!(*supported, LATEST_VERSION);
        }
        other => panic!("expected NewerVersion, got {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains("newer version"), "{message}");
    assert!(message.contains("not changed"), "{message}");
    assert_eq!(store.hash(), before, "the newer store was modified");
    assert_eq!(file_names(&store.store_dir()), files_before);

    // Recovery is refused the same way, before anything is written.
    let code = privacy_desk::crypto::RecoveryCode::generate().unwrap();
    let err = store_err(privacy_desk::services::Session::recover(
        &store.path,
        None,
        &code,
        &crate::common::pass(crate::common::NEW_PASS),
        privacy_desk::services::Via::Cli,
    ));
    assert!(
        matches!(err, StoreError::NewerVersion { found: 99, .. }),
        "{err:?}"
    );
    assert_eq!(store.hash(), before);

    // Still untouched from the newer build's point of view.
    let conn = store.raw();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}

#[test]
fn the_cli_refuses_a_newer_store_untouched() {
    let store = newer_store();
    let before = store.hash();
    let pass_file = store.secret_file("pass.txt", PASS);
    let out = run(store.cli_with(&pass_file).arg("status"));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("newer version"), "{out:?}");
    assert_eq!(store.hash(), before);
}

#[test]
fn a_newer_schema_still_in_the_wal_is_refused() {
    // The newer build has the store open (so its change sits in the WAL, not in the main
    // file's header): the version is asked of SQLite, not just read from the file header.
    let store = TempStore::new().created();
    let newer = store.raw();
    newer.pragma_update(None, "user_version", 99).unwrap();
    let before = store.hash();

    let err = store_err(store.unlock(PASS));
    assert!(
        matches!(err, StoreError::NewerVersion { found: 99, .. }),
        "{err:?}"
    );
    assert_eq!(store.hash(), before);
    let v: i64 = newer
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}

fn assert_not_a_store(contents: &[u8], why: &str) {
    let store = TempStore::new();
    fs::create_dir_all(store.store_dir()).unwrap();
    fs::write(&store.path, contents).unwrap();
    let before = store.hash();

    let err = store_err(store.unlock(PASS));
    match &err {
        StoreError::NotAStore { why: w, .. } => assert!(w.contains(why), "{w}"),
        other => panic!("expected NotAStore, got {other:?}"),
    }
    assert!(
        err.to_string().contains("not a Privacy Desk store"),
        "{err}"
    );
    assert_eq!(store.hash(), before);
    assert_eq!(fs::read(&store.path).unwrap(), contents);
    assert!(!wal_of(&store).exists());

    let pass_file = store.secret_file("pass.txt", PASS);
    let out = run(store.cli_with(&pass_file).arg("status"));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("not a Privacy Desk store"), "{out:?}");
    assert_eq!(store.hash(), before);
}

#[test]
fn random_bytes_are_not_a_store() {
    let bytes: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_not_a_store(&bytes, "not a database");
}

#[test]
fn a_text_file_is_not_a_store() {
    assert_not_a_store(
        b"Dear customer, this is a letter, not a database.\n",
        "not a database",
    );
}

#[test]
fn an_empty_file_is_not_a_store() {
    assert_not_a_store(b"", "empty");
}

#[test]
fn another_apps_database_is_not_a_store() {
    let store = TempStore::new();
    fs::create_dir_all(store.store_dir()).unwrap();
    {
        let conn = store.raw();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');")
            .unwrap();
    }
    let before = store.hash();
    let err = store_err(store.unlock(PASS));
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err:?}");
    assert_eq!(store.hash(), before);
}
