//! Backups and restore: a backup taken while the store is open is a consistent, still-sealed
//! copy; an existing file is never overwritten; a restore verifies the backup, re-applies
//! every erasure made since it was taken, keeps the replaced store, respects the lock; bad
//! backups are refused with nothing changed; rotation keeps exactly N files. Plus the CLI.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use privacy_desk::domain::access::Role;
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use privacy_desk::services::{RestoreOptions, ServiceError, Session, Via};
use privacy_desk::store::audit_log::AuditFilter;
use uuid::Uuid;

use crate::common::{
    NEW_PASS, PASS, TempStore, contains, draft, file_names, files_in, pass, query_i64, raw, run,
    sha256_file,
};

const ERASED_NAME: &str = "Wendeline Quarrington";
const ERASED_EMAIL: &str = "wendeline.quarrington@example.net";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// Three people: the one who will be erased and two bystanders.
fn populate(session: &mut Session) -> Uuid {
    let erased = session
        .subjects()
        .add_subject(&draft(ERASED_NAME, ERASED_EMAIL))
        .expect("add");
    for (name, email) in [
        ("Bartholomew Ashcombe", "bart.ashcombe@example.org"),
        ("Cressida Fenwright", "cressida@example.com"),
    ] {
        session
            .subjects()
            .add_subject(&draft(name, email))
            .expect("add");
    }
    erased
}

/// Opens an erasure request for `email` and erases `subject` answering it.
fn erase(session: &mut Session, subject: Uuid, email: &str) {
    let (request, _) = session
        .requests()
        .open_request(
            &RequestDraft {
                regime: Regime::Gdpr,
                kind: RequestType::Erasure,
                received: day("2026-11-02"),
                channel: RequestChannel::Email,
                email: email.to_owned(),
                requester: Requester {
                    name: ERASED_NAME.into(),
                    ..Requester::default()
                },
                details: String::new(),
            },
            day("2026-11-03"),
        )
        .expect("open request");
    session
        .requests()
        .erase_subject(subject, Some(request), day("2026-11-04"))
        .expect("erase");
}

fn subject_ids(session: &Session) -> Vec<Uuid> {
    let mut ids = session.subjects().subject_ids().expect("ids");
    ids.sort();
    ids
}

fn entries(session: &Session, action: &str) -> Vec<privacy_desk::domain::audit::AuditEntry> {
    let filter = AuditFilter {
        action: Some(action.to_owned()),
        ..AuditFilter::default()
    };
    session
        .audit()
        .audit_page(&filter, 0, 100)
        .expect("audit page")
}

fn backup_path(store: &TempStore, name: &str) -> PathBuf {
    store.dir.path().join("backups").join(name)
}

/// Replacing a store, with the proof that `session` (an owner of it) may (issue 17, item 4).
fn replace_by(session: &Session) -> RestoreOptions {
    RestoreOptions {
        replace: true,
        erasures_from: None,
        authority: Some(session.backups().restore_authority().expect("owner")),
    }
}

/// Replacing the closed store at `store`, signed in to it as its owner first.
fn replace(store: &TempStore) -> RestoreOptions {
    replace_by(&store.unlock(PASS).expect("unlock the current store"))
}

fn restore(
    backup: &Path,
    target: &Path,
    options: &RestoreOptions,
) -> Result<privacy_desk::services::RestoreSummary, ServiceError> {
    Session::restore(backup, target, &pass(PASS), None, Via::Cli, options)
}

/// Issue 17, item 7: a backup or a kept copy is not a live store: opening it is refused with
/// a message that says how to restore it.
fn refused_as_side_copy(path: &Path) {
    let err = Session::unlock(path, None, &pass(PASS), Via::Cli).expect_err("a side copy");
    assert!(
        matches!(
            err,
            ServiceError::Store(privacy_desk::store::StoreError::SideCopy { .. })
        ),
        "{err}"
    );
    assert!(err.to_string().contains("privacy-desk restore"), "{err}");
}

/// A side copy restored to a fresh path beside the store, then opened.
fn open_copy(store: &TempStore, copy: &Path) -> Session {
    let target = store.dir.path().join(format!(
        "opened-{}.pdesk",
        copy.file_stem().unwrap_or_default().to_string_lossy()
    ));
    let options = RestoreOptions {
        replace: false,
        erasures_from: None,
        authority: None,
    };
    restore(copy, &target, &options).expect("the copy restores");
    Session::unlock(&target, None, &pass(PASS), Via::Cli).expect("the restored copy opens")
}

/// Every file in `dir` whose name contains `part`.
fn named(dir: &Path, part: &str) -> Vec<String> {
    file_names(dir)
        .into_iter()
        .filter(|n| n.contains(part))
        .collect()
}

#[test]
fn a_backup_taken_while_open_is_consistent_and_opens_with_the_same_passphrase() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    populate(&mut session);
    let before = subject_ids(&session);
    let out = backup_path(&store, "b.pdesk");

    let summary = session.backups().backup(&out).expect("backup");
    assert_eq!(summary.path, out);
    assert_eq!(summary.bytes, fs::metadata(&out).unwrap().len());
    assert!(!PathBuf::from(format!("{}.partial", out.display())).exists());
    // The session keeps working; a later change is not in the backup.
    session
        .subjects()
        .add_subject(&draft("Later Person", "later@example.org"))
        .expect("add after backup");
    let made = entries(&session, "backup.made");
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].details, format!("{} bytes", summary.bytes));
    assert!(!made[0].details.contains("b.pdesk") && !made[0].entity_id.contains("b.pdesk"));

    // One self-contained file, in rollback-journal mode.
    assert_eq!(named(out.parent().unwrap(), "b.pdesk"), vec!["b.pdesk"]);
    refused_as_side_copy(&out);
    let copy = open_copy(&store, &out);
    assert_eq!(subject_ids(&copy), before);
    assert!(
        copy.audit()
            .verify_audit()
            .expect("verify")
            .first_break
            .is_none()
    );
    assert_eq!(copy.store().integrity_check().expect("check"), None);
}

#[test]
fn a_backup_holds_no_plaintext_and_the_sealed_cells_as_they_are() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let id = populate(&mut session);
    let out = backup_path(&store, "scan.pdesk");
    session.backups().backup(&out).expect("backup");
    drop(session);

    let bytes = fs::read(&out).expect("read backup");
    let d = draft(ERASED_NAME, ERASED_EMAIL);
    for needle in [
        ERASED_NAME,
        ERASED_EMAIL,
        d.phone.as_str(),
        d.postal_address.as_str(),
        d.notes.as_str(),
        "bart.ashcombe@example.org",
        "Cressida Fenwright",
    ] {
        assert!(
            !contains(&bytes, needle.as_bytes()),
            "{needle:?} in the backup"
        );
        assert!(
            !contains(&bytes, needle.to_lowercase().as_bytes()),
            "{needle:?} (lower case) in the backup"
        );
    }
    let sealed = |path: &Path| -> Vec<u8> {
        raw(path)
            .query_row(
                "SELECT email FROM subjects WHERE id = ?1",
                [id.as_bytes().as_slice()],
                |r| r.get(0),
            )
            .expect("sealed email")
    };
    assert_eq!(
        sealed(&out),
        sealed(&store.path),
        "sealed cells are copied as they are"
    );
}

#[test]
fn a_backup_to_an_existing_path_is_refused_and_changes_nothing() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    populate(&mut session);
    let out = backup_path(&store, "taken.pdesk");
    fs::create_dir_all(out.parent().unwrap()).unwrap();
    fs::write(&out, b"someone else's file").unwrap();
    let names = file_names(out.parent().unwrap());

    let err = session.backups().backup(&out).expect_err("refused");
    assert!(err.to_string().contains("already exists"), "{err}");
    assert!(err.to_string().contains("nothing was changed"), "{err}");
    assert_eq!(fs::read(&out).unwrap(), b"someone else's file");
    assert_eq!(file_names(out.parent().unwrap()), names);
    assert!(entries(&session, "backup.made").is_empty());
}

#[test]
fn an_assistant_may_not_make_a_backup() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    session
        .users()
        .add_user("amy", Role::Assistant, &pass(NEW_PASS))
        .expect("add user");
    drop(session);
    let amy = crate::common::unlock_as(&store.path, "amy", NEW_PASS).expect("amy");
    let out = backup_path(&store, "amy.pdesk");
    let err = amy.backups().backup(&out).expect_err("not permitted");
    assert!(matches!(err, ServiceError::NotPermitted(_)), "{err:?}");
    assert!(
        err.to_string().contains("owner or a privacy officer"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn a_restore_into_a_new_path_works_while_the_current_store_stays_open() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    populate(&mut session);
    let before = subject_ids(&session);
    let out = backup_path(&store, "b.pdesk");
    session.backups().backup(&out).expect("backup");

    let target = store.dir.path().join("restored").join("r.pdesk");
    let summary = restore(
        &out,
        &target,
        &RestoreOptions {
            replace: false,
            erasures_from: Some(store.path.clone()),
            authority: None,
        },
    )
    .expect("restore");
    assert_eq!(summary.path, target);
    assert_eq!(summary.erasures_reapplied, 0);
    assert_eq!(summary.previous_kept_at, None);
    assert_eq!(summary.erasures_read_from, vec![store.path.clone()]);
    assert_eq!(summary.upgraded_from, None);
    assert_eq!(
        file_names(target.parent().unwrap()),
        vec!["r.pdesk", "r.pdesk.lock"],
        "no partial files are left"
    );

    let restored = Session::unlock(&target, None, &pass(PASS), Via::Cli).expect("opens");
    assert_eq!(subject_ids(&restored), before);
    assert!(
        restored
            .audit()
            .verify_audit()
            .unwrap()
            .first_break
            .is_none()
    );
    let done = entries(&restored, "backup.restored");
    assert_eq!(done.len(), 1);
    assert!(
        done[0].details.contains("0 erasures"),
        "{}",
        done[0].details
    );
    drop(session);
}

#[test]
fn a_restore_re_applies_the_erasures_made_since_the_backup() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let erased = populate(&mut session);
    let out = backup_path(&store, "before-erasure.pdesk");
    session.backups().backup(&out).expect("backup");
    let sealed_email: Vec<u8> = raw(&out)
        .query_row(
            "SELECT email FROM subjects WHERE id = ?1",
            [erased.as_bytes().as_slice()],
            |r| r.get(0),
        )
        .expect("sealed email in the backup");

    erase(&mut session, erased, ERASED_EMAIL);
    let later = session
        .subjects()
        .add_subject(&draft("Late Arrival", "late@example.org"))
        .expect("after the backup");
    let live_erasures = session.settings().status().unwrap().erasures;
    assert_eq!(live_erasures, 1);
    let options = replace_by(&session);
    drop(session);

    let summary = restore(&out, &store.path, &options).expect("restore");
    assert_eq!(summary.erasures_reapplied, 1);
    assert_eq!(summary.subjects_removed, 1);
    assert_eq!(summary.erasures_read_from, vec![store.path.clone()]);
    let kept = summary.previous_kept_at.clone().expect("old store kept");
    assert_eq!(kept.parent(), store.path.parent());
    let kept_name = kept.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        kept_name.starts_with("store.before-restore-") && kept_name.ends_with(".pdesk"),
        "{kept_name}"
    );
    assert!(named(&store.store_dir(), "restoring").is_empty());

    let restored = store.unlock(PASS).expect("restored store opens");
    assert!(
        restored.subjects().subject(erased).unwrap().is_none(),
        "the erased person is gone again"
    );
    assert!(
        restored
            .subjects()
            .find_subjects_by_email(ERASED_EMAIL)
            .unwrap()
            .is_empty()
    );
    assert!(
        restored
            .requests()
            .erasure_of(ERASED_EMAIL)
            .unwrap()
            .is_some()
    );
    assert_eq!(
        restored.settings().status().unwrap().erasures,
        live_erasures
    );
    assert_eq!(
        restored
            .subjects()
            .find_subjects_by_email("cressida@example.com")
            .unwrap()
            .len(),
        1
    );
    assert!(
        restored.subjects().subject(later).unwrap().is_none(),
        "work after the backup is not in it"
    );
    assert!(
        restored
            .audit()
            .verify_audit()
            .unwrap()
            .first_break
            .is_none()
    );
    let done = entries(&restored, "backup.restored");
    assert_eq!(done.len(), 1);
    assert!(
        done[0].details.contains("1 erasures"),
        "{}",
        done[0].details
    );
    drop(restored);
    // Deleted for good: the sealed email is in no file of the restored store.
    for (path, bytes) in files_in(&store.store_dir()) {
        if path == kept {
            continue;
        }
        assert!(
            !contains(&bytes, &sealed_email[sealed_email.len() - 24..]),
            "the erased person's sealed email is in {}",
            path.display()
        );
    }

    // The replaced store is kept whole: it has the later subject.
    refused_as_side_copy(&kept);
    let old = open_copy(&store, &kept);
    assert!(old.subjects().subject(later).unwrap().is_some());
}

#[test]
fn a_restore_over_an_existing_store_needs_replace() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    populate(&mut session);
    let out = backup_path(&store, "b.pdesk");
    session.backups().backup(&out).expect("backup");
    drop(session);
    let hash = store.hash();
    let names = file_names(&store.store_dir());
    let err = restore(&out, &store.path, &RestoreOptions::default()).expect_err("refused");
    assert!(err.to_string().contains("--replace"), "{err}");
    assert_eq!(store.hash(), hash);
    assert_eq!(file_names(&store.store_dir()), names);
}

/// Tries to restore `bad` over the store; asserts the message and that nothing changed.
fn refused(store: &TempStore, bad: &Path, expect: &str) {
    let options = replace(store);
    let hash = store.hash();
    let names = file_names(&store.store_dir());
    let bad_hash = sha256_file(bad);
    let err = restore(bad, &store.path, &options).expect_err("refused");
    let message = err.to_string();
    assert!(message.contains(expect), "{message}");
    assert!(message.contains("cannot be restored"), "{message}");
    assert_eq!(store.hash(), hash, "the store changed");
    assert_eq!(
        file_names(&store.store_dir()),
        names,
        "files appeared or went"
    );
    assert_eq!(sha256_file(bad), bad_hash, "the backup was changed");
}

#[test]
fn damaged_foreign_and_newer_backups_are_refused_and_nothing_changes() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    populate(&mut session);
    let out = backup_path(&store, "good.pdesk");
    session.backups().backup(&out).expect("backup");
    drop(session);
    let dir = out.parent().unwrap();

    let truncated = dir.join("truncated.pdesk");
    let bytes = fs::read(&out).unwrap();
    fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    refused(&store, &truncated, "damaged");

    let random = dir.join("random.pdesk");
    let noise: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(&random, noise).unwrap();
    refused(&store, &random, "not a Privacy Desk store");

    let newer = dir.join("newer.pdesk");
    fs::copy(&out, &newer).unwrap();
    {
        let conn = raw(&newer);
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    refused(&store, &newer, "newer version");
}

#[test]
fn a_backup_opens_with_the_passphrase_valid_when_it_was_taken() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    populate(&mut session);
    let out = backup_path(&store, "b.pdesk");
    session.backups().backup(&out).expect("backup");
    session
        .users()
        .change_passphrase(&pass(PASS), &pass(NEW_PASS))
        .expect("change");
    let options = replace_by(&session);
    drop(session);
    let hash = store.hash();
    let err = Session::restore(&out, &store.path, &pass(NEW_PASS), None, Via::Cli, &options)
        .expect_err("today's passphrase does not open the older backup");
    assert!(err.to_string().contains("valid when it was taken"), "{err}");
    assert_eq!(store.hash(), hash);
    assert!(named(&store.store_dir(), "restoring").is_empty());
    restore(&out, &store.path, &options).expect("the old passphrase does");
}

#[test]
fn a_store_open_in_another_session_cannot_be_replaced() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    populate(&mut session);
    let out = backup_path(&store, "b.pdesk");
    session.backups().backup(&out).expect("backup");
    let names = file_names(&store.store_dir());

    let err = restore(&out, &store.path, &replace_by(&session)).expect_err("refused while open");
    assert!(err.to_string().contains("open in another"), "{err}");
    assert!(err.to_string().contains("Nothing was changed"), "{err}");
    assert_eq!(file_names(&store.store_dir()), names);
    assert_eq!(
        session.subjects().subject_ids().unwrap().len(),
        3,
        "the open session still works"
    );
}

#[test]
fn a_backup_of_another_store_does_not_replace_this_one() {
    let store = TempStore::new().created();
    let other = TempStore::new();
    let (o, _) = other.create();
    let out = backup_path(&other, "other.pdesk");
    o.backups().backup(&out).expect("backup");
    drop(o);
    let options = replace(&store);
    let hash = store.hash();
    let err = restore(&out, &store.path, &options).expect_err("another store");
    assert!(err.to_string().contains("another store"), "{err}");
    assert_eq!(store.hash(), hash);
}

#[test]
fn rotation_keeps_exactly_n_backups_and_touches_nothing_else() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    populate(&mut session);
    let dir = store.dir.path().join("rotating");
    fs::create_dir_all(&dir).unwrap();
    for stamp in [
        "20200101T000000Z",
        "20200102T000000Z",
        "20200103T000000Z",
        "20200104T000000Z",
    ] {
        fs::write(dir.join(format!("privacy-desk-{stamp}.pdesk")), b"old").unwrap();
    }
    for other in [
        "notes.txt",
        "privacy-desk-latest.pdesk",
        "privacy-desk-20190101T000000Z.pdesk.partial",
    ] {
        fs::write(dir.join(other), b"keep").unwrap();
    }

    let r = session.backups().backup_rotating(&dir, 3).expect("rotate");
    assert_eq!(r.removed.len(), 2);
    let pattern: Vec<String> = file_names(&dir)
        .into_iter()
        .filter(|n| privacy_desk::services::is_rotation_name(n))
        .collect();
    assert_eq!(pattern.len(), 3, "{pattern:?}");
    assert!(pattern.contains(&"privacy-desk-20200103T000000Z.pdesk".to_owned()));
    assert!(pattern.contains(&"privacy-desk-20200104T000000Z.pdesk".to_owned()));
    assert!(
        pattern.contains(
            &r.backup
                .path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        )
    );
    for other in [
        "notes.txt",
        "privacy-desk-latest.pdesk",
        "privacy-desk-20190101T000000Z.pdesk.partial",
    ] {
        assert_eq!(fs::read(dir.join(other)).unwrap(), b"keep", "{other}");
    }
    refused_as_side_copy(&r.backup.path);
    open_copy(&store, &r.backup.path);
    let err = session
        .backups()
        .backup_rotating(&dir, 0)
        .expect_err("keep 0");
    assert!(err.to_string().contains("at least 1"), "{err}");
}

// ---- the command line -------------------------------------------------------------------

#[test]
fn cli_backup_writes_a_file_and_refuses_an_existing_one() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    populate(&mut session);
    drop(session);
    let pass_file = store.secret_file("pass.txt", PASS);
    let out = backup_path(&store, "cli.pdesk");
    let r = run(store
        .cli_with(&pass_file)
        .arg("backup")
        .arg("--out")
        .arg(&out));
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("Wrote the backup"), "{r:?}");
    refused_as_side_copy(&out);
    open_copy(&store, &out);

    let hash = sha256_file(&out);
    let r = run(store
        .cli_with(&pass_file)
        .arg("backup")
        .arg("--out")
        .arg(&out));
    assert_eq!(r.code, Some(1), "{r:?}");
    assert!(r.stderr.contains("already exists"), "{r:?}");
    assert_eq!(sha256_file(&out), hash);

    let r = run(store
        .cli_with(&pass_file)
        .arg("backup")
        .arg("--dir")
        .arg(store.dir.path()));
    assert_eq!(
        r.code,
        Some(2),
        "--dir without --keep is a usage error: {r:?}"
    );
    let r = run(store.cli_with(&pass_file).arg("backup"));
    assert_eq!(r.code, Some(2), "no target is a usage error: {r:?}");
}

#[test]
fn cli_backup_rotation_keeps_n() {
    let store = TempStore::new().created();
    let pass_file = store.secret_file("pass.txt", PASS);
    let dir = store.dir.path().join("rot");
    fs::create_dir_all(&dir).unwrap();
    for stamp in ["20210101T000000Z", "20210102T000000Z"] {
        fs::write(dir.join(format!("privacy-desk-{stamp}.pdesk")), b"old").unwrap();
    }
    let r = run(store
        .cli_with(&pass_file)
        .arg("backup")
        .arg("--dir")
        .arg(&dir)
        .args(["--keep", "2"]));
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("Removed 1 older backup"), "{r:?}");
    let names = file_names(&dir);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(!names.contains(&"privacy-desk-20210101T000000Z.pdesk".to_owned()));
}

#[test]
fn cli_restore_replaces_with_erasures_re_applied_or_restores_elsewhere() {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let erased = populate(&mut session);
    drop(session);
    let pass_file = store.secret_file("pass.txt", PASS);
    let out = backup_path(&store, "cli.pdesk");
    let r = run(store
        .cli_with(&pass_file)
        .arg("backup")
        .arg("--out")
        .arg(&out));
    assert_eq!(r.code, Some(0), "{r:?}");
    let mut session = store.unlock(PASS).unwrap();
    erase(&mut session, erased, ERASED_EMAIL);
    drop(session);

    // Elsewhere: the current store is read for erasures and left as it is.
    let hash = store.hash();
    let elsewhere = store.dir.path().join("elsewhere.pdesk");
    let r = run(store
        .cli_with(&pass_file)
        .arg("restore")
        .arg(&out)
        .arg("--to")
        .arg(&elsewhere));
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("re-applied: 1"), "{r:?}");
    assert_eq!(store.hash(), hash);
    let s = Session::unlock(&elsewhere, None, &pass(PASS), Via::Cli).unwrap();
    assert!(
        s.subjects()
            .find_subjects_by_email(ERASED_EMAIL)
            .unwrap()
            .is_empty()
    );
    drop(s);

    // Over the store: --replace is required.
    let r = run(store.cli_with(&pass_file).arg("restore").arg(&out));
    assert_eq!(r.code, Some(1), "{r:?}");
    assert!(r.stderr.contains("--replace"), "{r:?}");
    assert_eq!(store.hash(), hash);

    let r = run(store
        .cli_with(&pass_file)
        .arg("restore")
        .arg(&out)
        .arg("--replace"));
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(
        r.stdout.contains("re-applied: 1 (1 people removed again)"),
        "{r:?}"
    );
    assert!(r.stdout.contains("kept at"), "{r:?}");
    assert_eq!(named(&store.store_dir(), "before-restore").len(), 1);
    let s = store.unlock(PASS).unwrap();
    assert!(
        s.subjects()
            .find_subjects_by_email(ERASED_EMAIL)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        query_i64(&raw(&out), "SELECT COUNT(*) FROM erasures"),
        0,
        "the backup is untouched"
    );
    assert!(s.audit().verify_audit().unwrap().first_break.is_none());
}
