//! Issue 17, item 8: every file the app writes is readable by its owner only (0600) and every
//! folder it creates is the owner's only (0700), whatever the umask: the store and the files
//! SQLite makes beside it, the lock, backups, the restored store and the copy it replaced,
//! exports, audit exports, access packages and an import's rejected rows.

#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use privacy_desk::domain::import::Preset;
use privacy_desk::jobs::Progress;
use privacy_desk::private_fs::mode_of;
use privacy_desk::services::{ImportOptions, RestoreOptions, RopaFormat, Session, Via};
use privacy_desk::store::StoreLock;
use privacy_desk::store::audit_log::AuditFilter;

use crate::common::{PASS, TempStore, draft, pass};

fn mode(path: &Path) -> u32 {
    mode_of(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn assert_private_file(path: &Path) {
    assert_eq!(mode(path), 0o600, "{} is not private", path.display());
}

fn assert_private_dir(path: &Path) {
    assert_eq!(mode(path), 0o700, "{} is not private", path.display());
}

fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[test]
fn the_store_its_log_its_lock_and_its_folder_are_private() {
    let store = TempStore::new();
    let (s, _) = store.create();
    s.subjects()
        .add_subject(&draft("Pat Doe", "pat@example.org"))
        .unwrap();
    assert_private_dir(&store.store_dir());
    assert_private_file(&store.path);
    assert_private_file(&StoreLock::path_for(&store.path));
    let wal = suffixed(&store.path, "-wal");
    let shm = suffixed(&store.path, "-shm");
    assert!(wal.exists(), "the store is in WAL mode while open");
    assert_private_file(&wal);
    assert_private_file(&shm);
}

#[test]
fn backups_restores_and_the_copy_a_restore_keeps_are_private() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let out = store.dir.path().join("new-backups/b.pdesk");
    s.backups().backup(&out).unwrap();
    assert_private_dir(out.parent().unwrap());
    assert_private_file(&out);

    let rotation = store.dir.path().join("rotated");
    fs::create_dir(&rotation).unwrap();
    let rotated = s.backups().backup_rotating(&rotation, 2).unwrap();
    assert_private_file(&rotated.backup.path);
    let authority = Some(s.backups().restore_authority().unwrap());
    drop(s);

    let options = RestoreOptions {
        replace: true,
        erasures_from: None,
        authority,
    };
    let done = Session::restore(&out, &store.path, &pass(PASS), None, Via::Cli, &options).unwrap();
    assert_private_file(&store.path);
    assert_private_file(done.previous_kept_at.as_ref().unwrap());

    let elsewhere = store.dir.path().join("restored/here.pdesk");
    Session::restore(
        &out,
        &elsewhere,
        &pass(PASS),
        None,
        Via::Cli,
        &RestoreOptions::default(),
    )
    .unwrap();
    assert_private_dir(elsewhere.parent().unwrap());
    assert_private_file(&elsewhere);
}

#[test]
fn exports_audit_exports_and_access_packages_are_private() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let pat = s
        .subjects()
        .add_subject(&draft("Pat Doe", "pat@example.org"))
        .unwrap();

    let ropa = store.dir.path().join("ropa.csv");
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    s.exports()
        .export_ropa(RopaFormat::Csv, &ropa, today)
        .unwrap();
    assert_private_file(&ropa);

    let audit = store.dir.path().join("audit.json");
    s.audit()
        .export_audit(&audit, &AuditFilter::default())
        .unwrap();
    assert_private_file(&audit);

    let package = store.dir.path().join("pat/package");
    let made = s
        .exports()
        .export_access_package(pat, &package, None, &Progress::default())
        .unwrap();
    assert_private_dir(&package);
    assert_private_dir(package.parent().unwrap());
    assert!(!made.files.is_empty());
    for file in &made.files {
        assert_private_file(file);
    }
}

#[test]
fn the_rejected_rows_of_an_import_are_private() {
    let store = TempStore::new();
    let (s, _) = store.create();
    let input = store.dir.path().join("shop.csv");
    fs::write(
        &input,
        "email,name,purpose,state,timestamp\n\
         good@example.org,Good,newsletter,given,2024-01-01 00:00:00\n\
         not-an-email,Bad,newsletter,given,2024-01-01 00:00:00\n",
    )
    .unwrap();
    let options = ImportOptions {
        preset: Preset::Generic,
        purpose: None,
        mapping: None,
        skip_invalid: true,
    };
    let report = s
        .consent()
        .import_consent(&input, &options, &Progress::default())
        .unwrap();
    assert_private_file(&report.rejected_file.unwrap());
}
