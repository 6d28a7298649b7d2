//! Issue 17, item 4: a restore needs authority over the store it replaces. Only an owner or
//! officer signed in to that very store may replace it; a user removed since the backup, a
//! user of the backup alone, or an assistant cannot; users removed since the backup stay
//! removed after the restore, and the report counts them. Plus the command line.

use std::path::{Path, PathBuf};

use privacy_desk::domain::access::Role;
use privacy_desk::services::{RestoreOptions, ServiceError, Session, Via};

use crate::common::{PASS, TempStore, draft, file_names, pass, run, unlock_as};

const OFFICER: &str = "former officer passphrase";
const CLERK: &str = "the clerk's passphrase";

/// A store with an owner, an officer ("ines") and an assistant ("clerk"), one person, and
/// a backup of it taken then; returns the backup.
fn store_with_backup(store: &TempStore) -> PathBuf {
    let (mut owner, _) = store.create();
    owner
        .users()
        .add_user("ines", Role::Officer, &pass(OFFICER))
        .expect("add officer");
    owner
        .users()
        .add_user("clerk", Role::Assistant, &pass(CLERK))
        .expect("add assistant");
    owner
        .subjects()
        .add_subject(&draft("Odalys Pemberton", "odalys@example.org"))
        .expect("add");
    let out = store.dir.path().join("backups").join("b.pdesk");
    owner.backups().backup(&out).expect("backup");
    out
}

fn remove(store: &TempStore, name: &str) {
    let mut owner = store.unlock(PASS).expect("owner");
    owner.users().remove_user(name).expect("remove");
}

fn replacing(authority: Option<privacy_desk::services::RestoreAuthority>) -> RestoreOptions {
    RestoreOptions {
        replace: true,
        erasures_from: None,
        authority,
    }
}

fn user_names(path: &Path) -> Vec<String> {
    let mut names: Vec<String> = privacy_desk::services::sign_in_users(path)
        .expect("users")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    names.sort();
    names
}

/// Restores `backup` over the store as `user`; asserts it was refused with `expect` and
/// nothing changed.
fn refused(
    store: &TempStore,
    backup: &Path,
    user: &str,
    passphrase: &str,
    options: &RestoreOptions,
    expect: &str,
) {
    let hash = store.hash();
    let names = file_names(&store.store_dir());
    let err = Session::restore(
        backup,
        &store.path,
        &pass(passphrase),
        Some(user),
        Via::Cli,
        options,
    )
    .expect_err("refused");
    assert!(matches!(err, ServiceError::NotPermitted(_)), "{err:?}");
    let message = err.to_string();
    assert!(message.contains(expect), "{message}");
    assert!(message.contains("Nothing was changed"), "{message}");
    assert_eq!(store.hash(), hash, "the store changed");
    assert_eq!(
        file_names(&store.store_dir()),
        names,
        "files appeared or went"
    );
}

#[test]
fn replacing_a_store_without_a_sign_in_to_it_is_refused() {
    let store = TempStore::new();
    let backup = store_with_backup(&store);
    refused(
        &store,
        &backup,
        "owner",
        PASS,
        &replacing(None),
        "signed in to it",
    );
}

#[test]
fn a_user_removed_since_the_backup_cannot_replace_the_store() {
    let store = TempStore::new();
    let backup = store_with_backup(&store);
    // A proof taken while still a user goes stale with the removal: the restore checks the
    // store's users again under its lock.
    let stale = unlock_as(&store.path, "ines", OFFICER)
        .expect("ines signs in")
        .backups()
        .restore_authority()
        .expect("an officer may");
    remove(&store, "ines");
    assert!(
        unlock_as(&store.path, "ines", OFFICER).is_err(),
        "no session any more"
    );
    refused(
        &store,
        &backup,
        "ines",
        OFFICER,
        &replacing(Some(stale)),
        "no longer a user",
    );
    refused(
        &store,
        &backup,
        "ines",
        OFFICER,
        &replacing(None),
        "signed in to it",
    );
}

#[test]
fn a_user_of_the_backup_alone_cannot_replace_the_store() {
    let store = TempStore::new();
    let backup = store_with_backup(&store);
    remove(&store, "ines");
    // Ines restores her backup elsewhere (that needs no authority) and signs in to the copy:
    // the same store's id, but not the store she wants to replace.
    let copy = store.dir.path().join("mine").join("copy.pdesk");
    let options = RestoreOptions {
        replace: false,
        erasures_from: None,
        authority: None,
    };
    Session::restore(
        &backup,
        &copy,
        &pass(OFFICER),
        Some("ines"),
        Via::Cli,
        &options,
    )
    .expect("a new path needs no authority");
    let borrowed = unlock_as(&copy, "ines", OFFICER)
        .expect("her copy opens")
        .backups()
        .restore_authority()
        .expect("officer of the copy");
    refused(
        &store,
        &backup,
        "ines",
        OFFICER,
        &replacing(Some(borrowed)),
        "not to the store at",
    );
}

#[test]
fn an_assistant_cannot_replace_the_store() {
    let store = TempStore::new();
    let backup = store_with_backup(&store);
    let clerk = unlock_as(&store.path, "clerk", CLERK).expect("clerk");
    let err = clerk
        .backups()
        .restore_authority()
        .expect_err("an assistant may not");
    assert!(err.to_string().contains("Assistant"), "{err}");
    drop(clerk);
    // An officer demoted after taking the proof is refused too, naming the role.
    let proof = unlock_as(&store.path, "ines", OFFICER)
        .expect("ines")
        .backups()
        .restore_authority()
        .expect("officer");
    store
        .unlock(PASS)
        .expect("owner")
        .users()
        .set_user_role("ines", Role::Assistant)
        .expect("demote");
    refused(
        &store,
        &backup,
        "ines",
        OFFICER,
        &replacing(Some(proof)),
        "Your role (Assistant)",
    );
}

#[test]
fn the_owner_replaces_it_and_users_removed_since_the_backup_stay_removed() {
    let store = TempStore::new();
    let backup = store_with_backup(&store);
    remove(&store, "ines");
    let owner = store.unlock(PASS).expect("owner");
    let options = replacing(Some(owner.backups().restore_authority().expect("owner")));
    drop(owner);
    let summary = Session::restore(&backup, &store.path, &pass(PASS), None, Via::Cli, &options)
        .expect("the owner restores");
    assert_eq!(summary.users_removed_again, 1);
    assert!(summary.previous_kept_at.is_some());
    assert_eq!(user_names(&store.path), vec!["clerk", "owner"]);
    assert!(
        unlock_as(&store.path, "ines", OFFICER).is_err(),
        "ines stays removed"
    );
    let restored = store.unlock(PASS).expect("the restored store opens");
    assert_eq!(restored.subjects().subject_ids().unwrap().len(), 1);
    let report = restored.audit().verify_audit().expect("verify");
    assert!(report.first_break.is_none());
}

#[test]
fn a_restore_that_would_leave_no_owner_is_refused() {
    let store = TempStore::new();
    let backup = store_with_backup(&store);
    {
        let mut owner = store.unlock(PASS).expect("owner");
        owner
            .users()
            .add_user("nadia", Role::Owner, &pass(OFFICER))
            .expect("second owner");
    }
    let mut nadia = unlock_as(&store.path, "nadia", OFFICER).expect("nadia");
    nadia
        .users()
        .remove_user("owner")
        .expect("remove the first owner");
    let options = replacing(Some(nadia.backups().restore_authority().expect("owner")));
    drop(nadia);
    let hash = store.hash();
    let err = Session::restore(
        &backup,
        &store.path,
        &pass(OFFICER),
        Some("ines"),
        Via::Cli,
        &options,
    )
    .expect_err("no owner would be left");
    assert!(err.to_string().contains("no owner"), "{err}");
    assert_eq!(store.hash(), hash);
}

#[test]
fn cli_replacing_needs_an_owner_or_officer_signed_in_to_the_store() {
    let store = TempStore::new();
    let backup = store_with_backup(&store);
    remove(&store, "ines");
    let clerk_file = store.secret_file("clerk.txt", CLERK);
    let ines_file = store.secret_file("ines.txt", OFFICER);
    let wrong_file = store.secret_file("wrong.txt", "not the passphrase");
    let owner_file = store.secret_file("owner.txt", PASS);
    let restore = |user: &str, file: &Path| {
        run(store
            .cli_with(file)
            .arg("--user")
            .arg(user)
            .arg("restore")
            .arg(&backup)
            .arg("--to")
            .arg(&store.path)
            .arg("--replace"))
    };
    for (user, file, expect) in [
        ("clerk", &clerk_file, "Assistant"),
        ("ines", &ines_file, "cannot be replaced"),
        ("owner", &wrong_file, "cannot be replaced"),
    ] {
        let r = restore(user, file);
        assert_eq!(r.code, Some(1), "{user}: {r:?}");
        assert!(r.stderr.contains(expect), "{user}: {r:?}");
        assert!(r.stderr.contains("Nothing was changed"), "{user}: {r:?}");
        assert_eq!(user_names(&store.path), vec!["clerk", "owner"]);
        let left = file_names(&store.store_dir());
        assert!(
            !left
                .iter()
                .any(|n| n.contains("before-restore") || n.contains("restoring")),
            "{left:?}"
        );
    }
    let r = restore("owner", &owner_file);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("removed again: 1."), "{r:?}");
    assert_eq!(user_names(&store.path), vec!["clerk", "owner"]);
}
