//! A passphrase change survives a crash at every step: afterwards exactly one of the old and
//! the new passphrase opens the store, the file is sound and the audit chain intact.
//!
//! The crash is real: the built CLI runs `passphrase change` with `PRIVACY_DESK_CRASH_AT`
//! naming a step, and aborts the process there (debug builds; see `src/crash_point.rs`).

use privacy_desk::crash_point::CRASH_AT_VAR;
use privacy_desk::services::ServiceError;
use privacy_desk::store::StoreError;

use crate::common::{NEW_PASS, PASS, TempStore, pass, run, store_err};

const STEPS: [(&str, bool); 5] = [
    ("passphrase-change:start", false),
    ("passphrase-change:derived", false),
    ("passphrase-change:header-written", false),
    ("passphrase-change:audited", false),
    ("passphrase-change:committed", true),
];

/// Which passphrases open the store now; checks integrity and the chain with the one that does.
fn opens(store: &TempStore) -> (bool, bool) {
    let mut result = [false; 2];
    for (i, p) in [PASS, NEW_PASS].into_iter().enumerate() {
        match store.unlock(p) {
            Ok(session) => {
                result[i] = true;
                assert_eq!(session.store().integrity_check().unwrap(), None);
                let report = session.audit().verify_audit().unwrap();
                assert!(report.is_intact(), "{report:?}");
            }
            Err(ServiceError::Store(StoreError::WrongPassphrase)) => {}
            Err(other) => panic!("unexpected error unlocking: {other:?}"),
        }
    }
    (result[0], result[1])
}

fn crash_at(step: &str, new_wins: bool) {
    let store = TempStore::new().created();
    let out = run(store
        .cli()
        .env("PRIVACY_DESK_PASSPHRASE", PASS)
        .env("PRIVACY_DESK_NEW_PASSPHRASE", NEW_PASS)
        .env(CRASH_AT_VAR, step)
        .args(["passphrase", "change"]));
    assert!(
        !out.success,
        "{step}: the process should have crashed: {out:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        // SIGABRT, not an ordinary error exit: the crash point was reached.
        assert_eq!(out.status.signal(), Some(6), "{step}: {out:?}");
    }
    assert!(!out.stdout.contains("was changed"), "{step}: {out:?}");

    let (old, new) = opens(&store);
    assert!(old != new, "{step}: old opens = {old}, new opens = {new}");
    assert_eq!(new, new_wins, "{step}: the wrong passphrase survived");

    // The survivor can still change the passphrase (nothing half-done is left behind).
    let (current, next) = if new {
        (NEW_PASS, "a third passphrase, long enough")
    } else {
        (PASS, "a third passphrase, long enough")
    };
    let mut session = store.unlock(current).unwrap();
    session
        .users()
        .change_passphrase(&pass(current), &pass(next))
        .unwrap();
    drop(session);
    let session = store.unlock(next).unwrap();
    assert!(session.audit().verify_audit().unwrap().is_intact());
}

#[test]
fn crash_at_start() {
    crash_at(STEPS[0].0, STEPS[0].1);
}

#[test]
fn crash_after_deriving() {
    crash_at(STEPS[1].0, STEPS[1].1);
}

#[test]
fn crash_after_the_header_is_written() {
    crash_at(STEPS[2].0, STEPS[2].1);
}

#[test]
fn crash_after_the_audit_entry() {
    crash_at(STEPS[3].0, STEPS[3].1);
}

#[test]
fn crash_after_the_commit() {
    crash_at(STEPS[4].0, STEPS[4].1);
}

#[test]
fn the_steps_listed_here_are_the_ones_in_the_code() {
    let source = include_str!("../../src/services/session.rs");
    for (step, _) in STEPS {
        assert!(
            source.contains(&format!("crash_point(\"{step}\")")),
            "{step} is not a crash point any more"
        );
    }
}

#[test]
fn a_normal_change_swaps_the_passphrases() {
    let store = TempStore::new().created();
    let mut session = store.unlock(PASS).unwrap();
    let header_before = session.store().header().unwrap();
    let (_, wrap_before) = privacy_desk::store::users::find(session.store().db(), "owner")
        .unwrap()
        .unwrap();
    session
        .users()
        .change_passphrase(&pass(PASS), &pass(NEW_PASS))
        .unwrap();
    let header_after = session.store().header().unwrap();
    let (user_after, wrap_after) = privacy_desk::store::users::find(session.store().db(), "owner")
        .unwrap()
        .unwrap();
    assert_ne!(wrap_before.salt, wrap_after.salt);
    assert_ne!(wrap_before.wrapped, wrap_after.wrapped);
    assert_eq!(
        header_before.wrapped_key_recovery, header_after.wrapped_key_recovery,
        "the recovery wrap is untouched"
    );
    assert!(user_after.passphrase_changed_at.is_some());
    let last = session
        .audit()
        .audit_page(&Default::default(), 0, 1)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.action, "passphrase.changed");
    drop(session);

    let err = store_err(store.unlock(PASS));
    assert!(matches!(err, StoreError::WrongPassphrase), "{err:?}");
    assert_eq!(opens(&store), (false, true));
}

#[test]
fn a_change_with_the_wrong_current_or_a_weak_new_passphrase_changes_nothing() {
    let store = TempStore::new().created();
    let mut session = store.unlock(PASS).unwrap();
    let before = session.store().header().unwrap();
    let wrong = session
        .users()
        .change_passphrase(&pass("not the current one at all"), &pass(NEW_PASS));
    assert!(
        matches!(wrong, Err(ServiceError::Invalid { .. })),
        "{wrong:?}"
    );
    let weak = session
        .users()
        .change_passphrase(&pass(PASS), &pass("short"));
    assert!(
        matches!(weak, Err(ServiceError::Invalid { .. })),
        "{weak:?}"
    );
    let same = session.users().change_passphrase(&pass(PASS), &pass(PASS));
    assert!(
        matches!(same, Err(ServiceError::Invalid { .. })),
        "{same:?}"
    );
    assert_eq!(session.store().header().unwrap(), before);
    drop(session);
    assert_eq!(opens(&store), (true, false));
}

#[test]
fn the_cli_changes_the_passphrase() {
    let store = TempStore::new().created();
    let old_file = store.secret_file("old.txt", PASS);
    let new_file = store.secret_file("new.txt", NEW_PASS);
    let out = run(store
        .cli_with(&old_file)
        .args(["passphrase", "change", "--new-passphrase-file"])
        .arg(&new_file));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("changed"), "{out:?}");
    assert_eq!(opens(&store), (false, true));

    let out = run(store.cli_with(&old_file).arg("status"));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("does not open"), "{out:?}");
    let out = run(store.cli_with(&new_file).arg("status"));
    assert_eq!(out.code, Some(0), "{out:?}");
}
