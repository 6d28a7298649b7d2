//! A second process (the built CLI) on a store this process holds open is refused with the
//! holder's pid, and nothing in the store is harmed.

use privacy_desk::store::StoreError;

use crate::common::{PASS, TempStore, draft, run, store_err};

#[test]
fn a_second_process_is_refused_naming_the_holder() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let id = session
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    let entries = session.settings().status().unwrap().counts.audit_entries;
    let pass_file = store.secret_file("pass.txt", PASS);

    let out = run(store.cli_with(&pass_file).arg("status"));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("open in another"), "{out:?}");
    let pid = std::process::id().to_string();
    assert!(
        out.stderr.contains(&pid),
        "stderr should name this process ({pid}): {out:?}"
    );
    assert!(out.stdout.is_empty(), "{out:?}");

    // A writing command is refused the same way.
    let out = run(store.cli_with(&pass_file).args(["audit", "verify"]));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("open in another"), "{out:?}");

    // The holder carries on unharmed: nothing was written by the refused processes.
    assert_eq!(session.store().integrity_check().unwrap(), None);
    assert!(session.audit().verify_audit().unwrap().is_intact());
    assert_eq!(
        session.settings().status().unwrap().counts.audit_entries,
        entries
    );
    assert!(session.subjects().subject(id).unwrap().is_some());
    session
        .subjects()
        .add_subject(&draft("Grace Hopper", "grace@example.org"))
        .unwrap();
    drop(session);

    // Once the holder has gone, the CLI opens it.
    let out = run(store.cli_with(&pass_file).arg("status"));
    assert_eq!(out.code, Some(0), "{out:?}");
    let session = store.unlock(PASS).unwrap();
    assert_eq!(session.store().integrity_check().unwrap(), None);
    assert!(session.audit().verify_audit().unwrap().is_intact());
    assert_eq!(session.settings().status().unwrap().counts.subjects, 2);
}

#[test]
fn a_second_session_in_the_same_process_is_refused() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let err = store_err(store.unlock(PASS));
    match err {
        StoreError::InUse { pid } => assert_eq!(pid, Some(std::process::id())),
        other => panic!("expected InUse, got {other:?}"),
    }
    assert!(session.audit().verify_audit().unwrap().is_intact());
    drop(session);
    drop(
        store
            .unlock(PASS)
            .expect("unlocks once the first session is gone"),
    );
}
