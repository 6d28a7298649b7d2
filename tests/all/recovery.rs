//! The recovery code shown at creation unlocks the store and sets a new passphrase; a wrong
//! code changes nothing.

use privacy_desk::crypto::{KdfParams, RecoveryCode};
use privacy_desk::services::{ServiceError, Session, Via};
use privacy_desk::store::StoreError;

use crate::common::{
    NEW_PASS, PASS, TempStore, cli_init, draft, pass, recovery_code_in, run, store_err,
};

#[test]
fn the_recovery_code_sets_a_new_passphrase() {
    let store = TempStore::new();
    let (session, code) = store.create();
    let id = session
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    drop(session);

    let session = Session::recover(&store.path, None, &code, &pass(NEW_PASS), Via::Cli)
        .expect("the recovery code opens the store");
    assert!(session.subjects().subject(id).unwrap().is_some());
    let last = session
        .audit()
        .audit_page(&Default::default(), 0, 1)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.action, "session.recovered_with_code");
    drop(session);

    let err = store_err(store.unlock(PASS));
    assert!(matches!(err, StoreError::WrongPassphrase), "{err:?}");
    let session = store.unlock(NEW_PASS).expect("the new passphrase opens it");
    assert_eq!(
        session.subjects().subject(id).unwrap().unwrap().fields.name,
        "Ada Lovelace"
    );
    assert!(session.audit().verify_audit().unwrap().is_intact());
    assert_eq!(session.store().integrity_check().unwrap(), None);
    drop(session);

    // The code keeps working (typed sloppily, as a person would).
    let sloppy = RecoveryCode::parse(&code.reveal().to_lowercase().replace('-', " ")).unwrap();
    let third = "yet another passphrase here";
    drop(Session::recover(&store.path, None, &sloppy, &pass(third), Via::Cli).unwrap());
    drop(store.unlock(third).unwrap());
}

#[test]
fn a_wrong_recovery_code_changes_nothing() {
    let store = TempStore::new().created();
    let before = store.hash();
    let wrong = RecoveryCode::generate().unwrap();
    let err = store_err(Session::recover(
        &store.path,
        None,
        &wrong,
        &pass(NEW_PASS),
        Via::Cli,
    ));
    assert!(matches!(err, StoreError::WrongRecoveryCode), "{err:?}");
    assert!(
        err.to_string().contains("recovery code does not open"),
        "{err}"
    );
    assert_eq!(store.hash(), before);
    drop(store.unlock(PASS).expect("the old passphrase still works"));
    let err = store_err(store.unlock(NEW_PASS));
    assert!(matches!(err, StoreError::WrongPassphrase), "{err:?}");
}

#[test]
fn recovery_refuses_a_weak_new_passphrase() {
    let store = TempStore::new();
    let (session, code) = store.create();
    drop(session);
    let before = store.hash();
    let result = Session::recover(&store.path, None, &code, &pass("short"), Via::Cli);
    assert!(
        matches!(result, Err(ServiceError::Invalid { .. })),
        "{result:?}"
    );
    assert_eq!(store.hash(), before);
    drop(store.unlock(PASS).unwrap());
}

#[test]
fn the_cli_recovers_with_the_code_printed_by_init() {
    let store = TempStore::new();
    let out = cli_init(&store);
    assert_eq!(out.code, Some(0), "{out:?}");
    let code = recovery_code_in(&out.stdout).expect("init prints the recovery code");
    let code_file = store.secret_file("code.txt", &code);
    let new_file = store.secret_file("new.txt", NEW_PASS);

    let out = run(store
        .cli()
        .arg("recover")
        .arg("--recovery-code-file")
        .arg(&code_file)
        .arg("--new-passphrase-file")
        .arg(&new_file));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        !out.stdout.contains(&code),
        "the code is not echoed: {out:?}"
    );

    let err = store_err(store.unlock(PASS));
    assert!(matches!(err, StoreError::WrongPassphrase), "{err:?}");
    let session = store.unlock(NEW_PASS).unwrap();
    assert!(session.audit().verify_audit().unwrap().is_intact());
    drop(session);

    // A wrong code through the CLI: exit 1, a sentence, nothing changed.
    let wrong = RecoveryCode::generate().unwrap().reveal();
    let wrong_file = store.secret_file("wrong.txt", &wrong);
    let before = store.hash();
    let out = run(store
        .cli()
        .arg("recover")
        .arg("--recovery-code-file")
        .arg(&wrong_file)
        .arg("--new-passphrase-file")
        .arg(&new_file));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr.contains("recovery code does not open"),
        "{out:?}"
    );
    assert_eq!(store.hash(), before);

    // A malformed code is refused before the store is even opened.
    let bad_file = store.secret_file("bad.txt", "ABCD-EFGH");
    let out = run(store
        .cli()
        .arg("recover")
        .arg("--recovery-code-file")
        .arg(&bad_file)
        .arg("--new-passphrase-file")
        .arg(&new_file));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("recovery code"), "{out:?}");
    assert_eq!(store.hash(), before);
}

/// The owner's key wrap parameters as stored.
fn owner_kdf(store: &TempStore) -> KdfParams {
    let opened = privacy_desk::store::Store::open(&store.path).unwrap();
    privacy_desk::store::users::find(opened.db(), "owner")
        .unwrap()
        .unwrap()
        .1
        .kdf
}

/// Issue 17, item 9: a recovery re-wraps with the strongest of the stored, the header's and
/// the default parameters, so it never leaves (or keeps) a weak wrap.
#[test]
fn recovery_rewraps_with_the_strongest_parameters() {
    // Created at the floor: the default is stronger than the stored and the header's.
    let store = TempStore::new();
    let (session, code) = store.create();
    drop(session);
    assert_eq!(owner_kdf(&store), KdfParams::FLOOR);
    drop(Session::recover(&store.path, None, &code, &pass(NEW_PASS), Via::Cli).unwrap());
    assert_eq!(owner_kdf(&store), KdfParams::DEFAULT);
    drop(store.unlock(NEW_PASS).expect("the new passphrase opens it"));

    // The header's are the strongest; the owner's wrap was lowered to the floor with a
    // plain SQLite tool (it no longer opens, but the recovery code does).
    let strong = KdfParams {
        memory_kib: 96 * 1024,
        ..KdfParams::DEFAULT
    };
    let store = TempStore::new();
    let (session, code) =
        Session::create(&store.path, "owner", &pass(PASS), strong, Via::Cli).unwrap();
    drop(session);
    store
        .raw()
        .execute(
            "UPDATE users SET kdf_memory_kib = ?1, kdf_iterations = ?2",
            [KdfParams::FLOOR.memory_kib, KdfParams::FLOOR.iterations],
        )
        .unwrap();
    drop(Session::recover(&store.path, None, &code, &pass(NEW_PASS), Via::Cli).unwrap());
    assert_eq!(owner_kdf(&store), strong);
    drop(store.unlock(NEW_PASS).expect("the new passphrase opens it"));
}
