//! A key rotation survives a crash at every step: afterwards either the old key works (with the
//! old passphrases and recovery code) or the new one does, never neither; the file is sound,
//! every sealed field opens and the audit chain verifies.
//!
//! The crash is real: the built CLI runs `key rotate` with `PRIVACY_DESK_CRASH_AT` naming a
//! step, and aborts the process there (debug builds; see `src/crash_point.rs`).

use privacy_desk::crash_point::CRASH_AT_VAR;
use privacy_desk::crypto::RecoveryCode;
use privacy_desk::services::{ServiceError, Session, Via};
use privacy_desk::store::StoreError;

use crate::common::{NEW_PASS, PASS, TempStore, pass, run, unlock_as};

const CLERK_PASS: &str = "clerk passphrase of decent length";

/// Each crash point in the rotation and whether the new key has won by then.
const STEPS: [(&str, bool); 8] = [
    ("key-rotate:start", false),
    ("key-rotate:wrapped", false),
    ("key-rotate:resealed", false),
    ("key-rotate:rechained", false),
    ("key-rotate:wraps-written", false),
    ("key-rotate:retagged", false),
    ("key-rotate:audited", false),
    ("key-rotate:committed", true),
];

fn crash_at(step: &str, new_wins: bool) {
    let store = TempStore::new();
    let (session, code, subject, _) = crate::key_rotate::furnished(&store);
    let header = session.store().header().unwrap();
    drop(session);
    let out = run(store
        .cli()
        .env("PRIVACY_DESK_PASSPHRASE", PASS)
        .env(CRASH_AT_VAR, step)
        .args(["key", "rotate"]));
    assert!(
        !out.success,
        "{step}: the process should have crashed: {out:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(out.status.signal(), Some(6), "{step}: {out:?}");
    }

    // The owner's passphrase opens either way, and everything in the store opens with it.
    let session = store.unlock(PASS).expect("the owner's passphrase opens");
    assert_eq!(session.store().integrity_check().unwrap(), None, "{step}");
    let report = session.audit().verify_audit().unwrap();
    assert!(report.is_intact(), "{step}: {report:?}");
    let person = session
        .subjects()
        .subject(subject)
        .unwrap()
        .expect("person");
    assert_eq!(person.fields.name, "Tamsin Ardleigh", "{step}");
    let rotated =
        session.store().header().unwrap().wrapped_key_recovery != header.wrapped_key_recovery;
    assert_eq!(rotated, new_wins, "{step}: rotated = {rotated}");
    drop(session);

    // The clerk's old passphrase and the old recovery code: working exactly when the old key is.
    match unlock_as(&store.path, "clerk", CLERK_PASS) {
        Ok(_) => assert!(!new_wins, "{step}: the clerk's old passphrase still opens"),
        Err(ServiceError::Store(StoreError::WrongPassphrase)) => {
            assert!(new_wins, "{step}: the clerk's passphrase stopped working")
        }
        Err(other) => panic!("{step}: {other:?}"),
    }
    let recovered = Session::recover(
        &store.path,
        None,
        &RecoveryCode::parse(&code.reveal()).unwrap(),
        &pass(NEW_PASS),
        Via::Cli,
    );
    assert_eq!(recovered.is_ok(), !new_wins, "{step}: {recovered:?}");
}

#[test]
fn crash_at_start() {
    crash_at(STEPS[0].0, STEPS[0].1);
}

#[test]
fn crash_after_the_wraps_are_derived() {
    crash_at(STEPS[1].0, STEPS[1].1);
}

#[test]
fn crash_after_resealing() {
    crash_at(STEPS[2].0, STEPS[2].1);
}

#[test]
fn crash_after_the_audit_trail_is_signed_again() {
    crash_at(STEPS[3].0, STEPS[3].1);
}

#[test]
fn crash_after_the_wraps_are_written() {
    crash_at(STEPS[4].0, STEPS[4].1);
}

#[test]
fn crash_after_the_rows_are_tagged_again() {
    crash_at(STEPS[5].0, STEPS[5].1);
}

#[test]
fn crash_after_the_audit_entry() {
    crash_at(STEPS[6].0, STEPS[6].1);
}

#[test]
fn crash_after_the_commit() {
    crash_at(STEPS[7].0, STEPS[7].1);
}

#[test]
fn the_steps_listed_here_are_the_ones_in_the_code() {
    let source = include_str!("../../src/services/users/rotate.rs");
    for (step, _) in STEPS {
        assert!(
            source.contains(&format!("crash_point(\"{step}\")")),
            "{step} is not a crash point any more"
        );
    }
    assert_eq!(source.matches("crash_point(\"").count(), STEPS.len());
}
