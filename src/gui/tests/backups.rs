//! Settings → Backups through the window: a backup now on a worker thread, automatic backups
//! turned on and made at the next sign-in, a restore confirmed with the old passphrase, and
//! what an auditor sees. The file dialogs are the one step a headless test cannot take: the
//! tests send the command a dialog would produce.

use super::requests::{disabled, notice_contains, sign_in_as};
use super::*;
use crate::domain::subject::SubjectDraft;
use crate::gui::areas::today;
use crate::gui::{BackupCommand, Command};
use crate::services::is_rotation_name;

const AUTOMATIC: &str = "Make a backup automatically, once a day, when someone signs in";

fn rotation_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| is_rotation_name(n))
        .collect()
}

#[test]
fn backing_up_now_writes_a_checked_copy_that_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Settings");
    assert!(!disabled(&h.get_by_label("Back up now…")));

    let out = dir
        .path()
        .join("copies")
        .join("privacy-desk-2026-01-02.pdesk");
    h.state_mut()
        .apply(Command::Backup(BackupCommand::BackUpNow(out.clone())));
    // The job runs on a worker session; the window keeps its own throughout.
    assert!(h.state().session.is_some() && h.state().is_busy());
    settle(&mut h);
    assert!(h.state().session.is_some());
    notice_contains(&h, "Backup written: ");
    notice_contains(&h, ", checked.");
    assert!(out.is_file());
    drop(h);

    // A backup is not a live store (issue 17, item 7): it is restored, then opened.
    assert!(Session::unlock(&out, None, &Passphrase::new(PASS), Via::Cli).is_err());
    let restored = dir.path().join("restored.pdesk");
    Session::restore(
        &out,
        &restored,
        &Passphrase::new(PASS),
        None,
        Via::Cli,
        &crate::services::RestoreOptions {
            replace: false,
            erasures_from: None,
            authority: None,
        },
    )
    .unwrap();
    let copy = Session::unlock(&restored, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert_eq!(copy.settings().profile().unwrap().name, "Corner Bakery Ltd");
}

#[test]
fn automatic_backups_persist_and_run_once_a_day_at_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let folder = dir.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Settings");

    // On without a folder: the problem is named, nothing is stored.
    click(&mut h, AUTOMATIC);
    assert!(
        h.query_by_label_contains("choose where the automatic backups go")
            .is_some()
    );
    type_into(&mut h, "Backup folder", folder.to_str().unwrap());
    click(&mut h, AUTOMATIC);
    notice_contains(&h, "Automatic backups are on");
    assert!(h.query_by_label_contains("next sign-in").is_some());
    assert!(rotation_files(&folder).is_empty());

    // The next sign-in makes the day's backup; a second one the same day does not.
    click(&mut h, "Lock");
    unlock(&mut h);
    notice_contains(&h, "Today's automatic backup was written to");
    assert_eq!(rotation_files(&folder).len(), 1);
    click(&mut h, "Lock");
    unlock(&mut h);
    assert_eq!(h.state().notice_text(), None);
    assert_eq!(rotation_files(&folder).len(), 1);
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert_eq!(s.backups().backup_rotation().unwrap(), Some((folder, 7)));
    assert_eq!(
        s.backups().backup_rotation_last_day().unwrap(),
        Some(today())
    );
}

#[test]
fn a_restore_brings_the_store_back_to_the_backup_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let backup = dir.path().join("backup.pdesk");
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    s.backups().backup(&backup).unwrap();
    s.subjects()
        .add_subject(&SubjectDraft {
            email: "late@example.com".into(),
            name: "Added After".into(),
            ..SubjectDraft::default()
        })
        .unwrap();
    drop(s);

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Settings");
    h.state_mut()
        .apply(Command::Backup(BackupCommand::ChooseRestore(
            backup.clone(),
        )));
    h.run();
    // The confirmation says what happens, in words, and waits for the passphrase.
    assert!(
        h.query_by_label_contains("kept beside it as a \"before-restore\" file")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Every erasure made since the backup is applied again")
            .is_some()
    );
    assert_eq!(
        h.get_by_label("User name in the backup").value().as_deref(),
        Some("owner")
    );
    assert!(disabled(&h.get_by_label("Restore this backup")));
    type_into(&mut h, "Passphrase valid when the backup was taken", PASS);
    // The wait screen's spinner repaints until the worker is done: step, do not run.
    h.get_by_label("Restore this backup").click();
    settle(&mut h);

    // Locked, on the sign-in screen, with what was done.
    assert!(!h.state().is_unlocked());
    assert!(h.query_by_label("Unlock").is_some());
    notice_contains(&h, "The backup was restored.");
    notice_contains(&h, "is kept at");
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("store.before-restore-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    unlock(&mut h);
    assert_eq!(h.state().area(), Some(Area::Dashboard));
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert!(
        s.subjects()
            .find_subjects_by_email("late@example.com")
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_restore_with_the_wrong_passphrase_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let backup = dir.path().join("backup.pdesk");
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    s.backups().backup(&backup).unwrap();
    drop(s);

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Settings");
    h.state_mut()
        .apply(Command::Backup(BackupCommand::ChooseRestore(backup)));
    h.run();
    type_into(
        &mut h,
        "Passphrase valid when the backup was taken",
        "not the one",
    );
    // The wait screen's spinner repaints until the worker is done: step, do not run.
    h.get_by_label("Restore this backup").click();
    settle(&mut h);
    notice_contains(&h, "The backup was not restored");
    notice_contains(&h, "othing was changed");
    assert!(h.query_by_label("Unlock").is_some());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("before-restore") || n.contains("restoring")),
        "{names:?}"
    );
    unlock(&mut h);
    assert!(h.state().is_unlocked());
}

#[test]
fn an_auditor_sees_the_backup_controls_disabled_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    const AUD: &str = "the auditor's own passphrase";
    let mut owner = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    owner
        .users()
        .add_user(
            "aud",
            crate::domain::access::Role::Auditor,
            &Passphrase::new(AUD),
        )
        .unwrap();
    drop(owner);

    let mut h = harness(&path, 1.0 / 60.0);
    sign_in_as(&mut h, "aud (Auditor (read-only))", AUD);
    click(&mut h, "Settings");
    assert!(
        h.query_by_label_contains("(Auditor (read-only)) does not allow backups or restores")
            .is_some()
    );
    for control in ["Back up now…", AUTOMATIC, "Backup folder", "Restore…"] {
        assert!(disabled(&h.get_by_label(control)), "{control}");
    }
}
