//! Issue 17, item 1: a restore never brings an erased person back. Erasure records keep the
//! erased subject's record id beside the fingerprint of their email, and re-applying them
//! matches on either: a person whose email was corrected after the backup, or who never had
//! one, is erased again; the restore report says how each was found.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use privacy_desk::domain::subject::SubjectDraft;
use privacy_desk::services::{RestoreOptions, RestoreSummary, Session, Via};
use uuid::Uuid;

use crate::common::{PASS, TempStore, draft, pass};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn backup(session: &Session, store: &TempStore) -> PathBuf {
    let out = store.dir.path().join("backups").join("before.pdesk");
    session.backups().backup(&out).expect("backup");
    out
}

fn restore_over(store: &TempStore, from: &Path) -> RestoreSummary {
    let authority = store
        .unlock(PASS)
        .expect("unlock the current store")
        .backups()
        .restore_authority()
        .expect("owner");
    Session::restore(
        from,
        &store.path,
        &pass(PASS),
        None,
        Via::Cli,
        &RestoreOptions {
            replace: true,
            erasures_from: None,
            authority: Some(authority),
        },
    )
    .expect("restore")
}

fn erase(session: &mut Session, subject: Uuid) {
    session
        .requests()
        .erase_subject(subject, None, day("2026-11-30"))
        .expect("erase");
}

#[test]
fn a_person_whose_email_was_corrected_after_the_backup_is_erased_again_by_record_id() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let person = session
        .subjects()
        .add_subject(&draft("Wendeline Quarrington", "wendeline@old.example"))
        .expect("add");
    let bystander = session
        .subjects()
        .add_subject(&draft("Bart Ashcombe", "bart@example.org"))
        .expect("add");
    let saved = backup(&session, &store);
    // After the backup: her email is corrected, then she is erased.
    session
        .requests()
        .rectify_subject(
            person,
            &draft("Wendeline Quarrington", "wendeline@new.example"),
            None,
        )
        .expect("rectify");
    erase(&mut session, person);
    drop(session);

    let summary = restore_over(&store, &saved);
    assert_eq!(summary.erasures_reapplied, 1);
    assert_eq!(summary.subjects_removed, 1);
    assert_eq!(summary.removed_by_email, 0);
    assert_eq!(summary.removed_by_record_id, 1);

    let restored = store.unlock(PASS).expect("unlock");
    assert!(restored.subjects().subject(person).unwrap().is_none());
    assert!(
        restored
            .subjects()
            .find_subjects_by_email("wendeline@old.example")
            .unwrap()
            .is_empty()
    );
    assert!(restored.subjects().subject(bystander).unwrap().is_some());
}

#[test]
fn a_person_without_an_email_is_erased_again_by_record_id() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let person = session
        .subjects()
        .add_subject(&SubjectDraft {
            name: "Mr Pendleford (paper file only)".into(),
            ..SubjectDraft::default()
        })
        .expect("add");
    let saved = backup(&session, &store);
    erase(&mut session, person);
    drop(session);

    let summary = restore_over(&store, &saved);
    assert_eq!(summary.removed_by_record_id, 1);
    let restored = store.unlock(PASS).expect("unlock");
    assert!(restored.subjects().subject(person).unwrap().is_none());
}

#[test]
fn an_unchanged_email_still_finds_the_person_by_email() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let person = session
        .subjects()
        .add_subject(&draft("Cressida Fenwright", "cressida@example.com"))
        .expect("add");
    let saved = backup(&session, &store);
    erase(&mut session, person);
    drop(session);

    let summary = restore_over(&store, &saved);
    assert_eq!(summary.removed_by_email, 1);
    assert_eq!(summary.removed_by_record_id, 0);
    let restored = store.unlock(PASS).expect("unlock");
    assert!(restored.subjects().subject(person).unwrap().is_none());
    // The erasure record came across whole, id included: a second restore finds her too.
    assert_eq!(restored.settings().status().unwrap().erasures, 1);
}

/// Issue 17, item 7: the certificate says how many backups and kept copies still hold the
/// person (beside the store and in the automatic backup folder), and the CLI says it too.
#[test]
fn the_certificate_counts_the_copies_that_still_hold_the_person() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let person = session
        .subjects()
        .add_subject(&draft("Cressida Fenwright", "cressida@example.com"))
        .expect("add");
    // One manual backup beside the store, one in the automatic backup folder.
    let beside = store.store_dir().join("manual-copy.pdesk");
    session.backups().backup(&beside).expect("backup beside");
    let folder = store.dir.path().join("rotation");
    std::fs::create_dir_all(&folder).expect("folder");
    session
        .backups()
        .set_backup_rotation(Some((folder.clone(), 3)))
        .expect("rotation");
    session
        .backups()
        .backup_rotating(&folder, 3)
        .expect("rotating backup");
    // A file that merely looks like a store is not counted.
    std::fs::write(store.store_dir().join("notes.pdesk"), b"not a store").expect("decoy");

    let certificate = session
        .requests()
        .erase_subject(person, None, day("2026-11-30"))
        .expect("erase");
    assert_eq!(certificate.copies_still_holding, 2);
    let text = certificate.to_text("Corner Bakery Ltd");
    assert!(
        text.contains("2 backups or kept copies of the store still hold the person"),
        "{text}"
    );
}
