//! Create → lock → unlock → wrong passphrase.

use privacy_desk::crypto::{CryptoError, KdfParams};
use privacy_desk::services::{ServiceError, Session, Via};
use privacy_desk::store::StoreError;

use crate::common::{PASS, TempStore, draft, file_names, pass, store_err};

#[test]
fn created_store_locks_and_unlocks_with_its_data() {
    let store = TempStore::new();
    let (session, code) = store.create();
    let ada = session
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    assert_eq!(code.reveal().split('-').count(), 8);
    drop(session); // lock: the keys go with the session

    let session = store.unlock(PASS).expect("the right passphrase unlocks");
    let opened = session
        .subjects()
        .subject(ada)
        .unwrap()
        .expect("the subject is there");
    assert_eq!(opened.fields, draft("Ada Lovelace", "ada@example.org"));
    assert_eq!(session.subjects().subject_ids().unwrap(), vec![ada]);
    assert!(session.audit().verify_audit().unwrap().is_intact());
    let status = session.settings().status().unwrap();
    assert_eq!(status.counts.subjects, 1);
    // store.created, purposes.adopted, subject.created, session.unlocked
    assert_eq!(status.counts.audit_entries, 4);
}

#[test]
fn wrong_passphrase_is_refused_and_changes_nothing() {
    let store = TempStore::new();
    let (session, _) = store.create();
    session
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    drop(session);
    let entries_before = {
        let s = store.unlock(PASS).unwrap();
        s.settings().status().unwrap().counts.audit_entries
    };
    let files_before = file_names(&store.store_dir());
    let content_before = content_without_sign_in_counters(&store);

    let err = store_err(store.unlock("correct horse battery stapler"));
    assert!(matches!(err, StoreError::WrongPassphrase), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("does not open"), "{message}");
    assert!(message.contains("data was not touched"), "{message}");

    // Only the failure counter moved (issue 10: failed attempts are counted).
    assert_eq!(content_without_sign_in_counters(&store), content_before);
    assert_eq!(file_names(&store.store_dir()), files_before);
    let failures: i64 = store
        .raw()
        .query_row("SELECT failed_attempts FROM users", [], |r| r.get(0))
        .unwrap();
    assert_eq!(failures, 1);

    // The failed attempt wrote no audit entry: the next unlock adds exactly its own.
    let session = store.unlock(PASS).unwrap();
    assert_eq!(
        session.settings().status().unwrap().counts.audit_entries,
        entries_before + 1
    );
    assert!(session.audit().verify_audit().unwrap().is_intact());
}

#[test]
fn unlocking_with_the_right_passphrase_writes_an_audit_entry() {
    let store = TempStore::new().created();
    let session = store.unlock(PASS).unwrap();
    let last = session
        .audit()
        .audit_page(&Default::default(), 0, 1)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.action, "session.unlocked");
    assert_eq!(last.seq, 3);
}

#[test]
fn a_missing_store_is_not_found() {
    let store = TempStore::new();
    let err = store_err(store.unlock(PASS));
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert!(!store.path.exists());
}

#[test]
fn creating_over_an_existing_store_is_refused_untouched() {
    let store = TempStore::new().created();
    let before = store.hash();
    let err = store_err(Session::create(
        &store.path,
        "owner",
        &pass("another passphrase entirely"),
        KdfParams::FLOOR,
        Via::Cli,
    ));
    assert!(matches!(err, StoreError::AlreadyExists { .. }), "{err:?}");
    assert_eq!(store.hash(), before);
    drop(
        store
            .unlock(PASS)
            .expect("the original passphrase still opens it"),
    );
}

#[test]
fn a_short_passphrase_or_weak_kdf_creates_nothing() {
    let store = TempStore::new();
    let short = Session::create(
        &store.path,
        "owner",
        &pass("too short"),
        KdfParams::FLOOR,
        Via::Cli,
    );
    assert!(
        matches!(short, Err(ServiceError::Invalid { .. })),
        "{short:?}"
    );
    let weak = KdfParams {
        memory_kib: 8 * 1024,
        ..KdfParams::FLOOR
    };
    let weak = store_err(Session::create(
        &store.path,
        "owner",
        &pass(PASS),
        weak,
        Via::Cli,
    ));
    assert!(
        matches!(
            weak,
            StoreError::Crypto(CryptoError::UnsafeKdfParams { .. })
        ),
        "{weak:?}"
    );
    assert!(!store.path.exists());
}

#[test]
fn debug_output_shows_no_secret() {
    let store = TempStore::new();
    let (session, code) = store.create();
    let shown = format!("{session:?} {code:?} {:?}", pass(PASS));
    assert!(shown.contains("VaultKeys(***)"), "{shown}");
    assert!(!shown.contains(PASS), "{shown}");
    assert!(!shown.contains(&code.reveal()), "{shown}");
    drop(session);
    let err = store.unlock("correct horse battery stapler").unwrap_err();
    assert!(!format!("{err:?} {err}").contains("stapler"));
}

/// Every row of every table as text, leaving out the users' sign-in failure counters.
fn content_without_sign_in_counters(store: &TempStore) -> Vec<String> {
    let conn = store.raw();
    let mut out = Vec::new();
    for (table, columns) in [
        ("vault_header", "*"),
        ("audit_log", "*"),
        ("settings", "*"),
        ("organisation_profile", "*"),
        ("subjects", "*"),
        (
            "users",
            "id, name, role, passphrase_salt, wrapped_key, created_at, passphrase_changed_at",
        ),
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT {columns} FROM {table} ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}
