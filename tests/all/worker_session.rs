//! A worker session (a second connection of the same user, for a long change on another
//! thread): it writes with the same keys, the window's session keeps reading, a change through
//! the window's session meanwhile is refused with a sentence, the store stays locked until
//! both are dropped, and every committed change moves the generation counter.

use privacy_desk::store::StoreError;

use crate::common::{PASS, TempStore, draft, store_err};

#[test]
fn a_worker_writes_while_the_session_reads_and_refuses_its_own_changes() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let before = session.generation();
    let first = session
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    assert_eq!(
        session.generation(),
        before + 1,
        "a commit moves the generation"
    );

    let worker = session.worker().unwrap();
    let second = worker
        .subjects()
        .add_subject(&draft("Grace Hopper", "grace@example.org"))
        .unwrap();
    assert_eq!(
        session.generation(),
        before + 2,
        "the worker's commit moves the shared generation"
    );

    // The window's session still reads, the worker's subject included (sealed with the
    // same keys).
    assert_eq!(
        session
            .subjects()
            .subject(second)
            .unwrap()
            .unwrap()
            .fields
            .name,
        "Grace Hopper"
    );
    // A change meanwhile is refused, naming why, and changes nothing.
    let refused = store_err(
        session
            .subjects()
            .add_subject(&draft("Alan Turing", "alan@example.org")),
    );
    assert!(matches!(refused, StoreError::WorkerWriting), "{refused:?}");
    assert!(
        refused
            .to_string()
            .contains("Try again when it has finished")
    );
    assert_eq!(session.generation(), before + 2);

    drop(session);
    // The worker still holds the store's lock.
    assert!(
        store.unlock(PASS).is_err(),
        "the worker keeps the store locked"
    );
    drop(worker);
    let again = store.unlock(PASS).unwrap();
    assert!(again.subjects().subject(first).unwrap().is_some());
    assert!(again.subjects().subject(second).unwrap().is_some());
    assert!(again.audit().verify_audit().unwrap().is_intact());
}

#[test]
fn changes_are_accepted_again_once_the_worker_is_dropped() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let worker = session.worker().unwrap();
    assert!(
        session
            .subjects()
            .add_subject(&draft("Ada Lovelace", "ada@example.org"))
            .is_err()
    );
    drop(worker);
    session
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
}
