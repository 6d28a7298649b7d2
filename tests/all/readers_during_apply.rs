//! Readers while a long write is applied (issue #9, item 5; the refused second *writer* is
//! `second_process`). An import of a few thousand rows commits once; meanwhile:
//! - in the same process, the Dashboard's worker-thread reader (`Session::status_reader`)
//!   reads the summary again and again: every summary is wholly before or wholly after the
//!   import, never a mix;
//! - from another process, `status --json` is either refused with the clean "open in another
//!   … (process N)" message, or (before the writer took the store, or after it let go) shows
//!   the counts from before or after.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use privacy_desk::domain::import::Preset;
use privacy_desk::jobs::Progress;
use privacy_desk::services::{ImportOptions, StoreStatus};

use crate::common::{PASS, TempStore, draft, run};

const ROWS: usize = 3000;

/// A CSV of `ROWS` new people who gave consent to the newsletter.
fn people_csv(dir: &Path) -> PathBuf {
    let file = dir.join("people.csv");
    let mut text = String::from("email,name,state\n");
    for i in 0..ROWS {
        writeln!(text, "reader{i}@example.org,Reader {i},given").expect("write to a String");
    }
    std::fs::write(&file, text).expect("write csv");
    file
}

/// What must move together: sealed values, subjects, audit entries, given newsletter consents.
fn observed(s: &StoreStatus) -> (i64, i64, i64, u64) {
    (
        s.seal_count,
        s.counts.subjects,
        s.counts.audit_entries,
        s.consent.get("newsletter").map_or(0, |c| c.given),
    )
}

#[test]
fn a_worker_thread_reader_sees_the_store_before_or_after_an_import_never_between() {
    let store = TempStore::new();
    let (session, _) = store.create();
    session
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .unwrap();
    let file = people_csv(store.dir.path());
    let before = observed(&session.settings().status().unwrap());
    let reader = session.settings().status_reader().unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let watcher = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            while !done.load(Ordering::Acquire) {
                seen.push((Instant::now(), observed(&reader.status().unwrap())));
            }
            seen
        })
    };
    let options = ImportOptions {
        preset: Preset::Generic,
        purpose: Some("newsletter".into()),
        mapping: None,
        skip_invalid: false,
    };
    let started = Instant::now();
    let report = session
        .consent()
        .import_consent(&file, &options, &Progress::default())
        .unwrap();
    let finished = Instant::now();
    done.store(true, Ordering::Release);
    let seen = watcher.join().unwrap();
    assert_eq!(report.subjects_created, ROWS as u64);
    let after = observed(&session.settings().status().unwrap());
    assert_ne!(before, after);
    let during = seen
        .iter()
        .filter(|(at, _)| (started..finished).contains(at))
        .count();
    assert!(during >= 2, "only {during} reads while the import ran");
    for (_, s) in &seen {
        assert!(
            *s == before || *s == after,
            "a torn read: {s:?}, neither {before:?} nor {after:?}"
        );
    }
}

#[test]
fn another_process_is_refused_cleanly_or_sees_before_or_after() {
    let store = TempStore::new().created();
    let pass_file = store.secret_file("pass.txt", PASS);
    let file = people_csv(store.dir.path());
    let subjects = |out: &crate::common::Run| -> i64 {
        let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("status --json");
        json["counts"]["subjects"].as_i64().expect("a count")
    };
    let first = run(store.cli_with(&pass_file).args(["status", "--json"]));
    assert_eq!(subjects(&first), 0, "{first:?}");

    let mut writer = store
        .cli_with(&pass_file)
        .args(["import", "consent"])
        .arg(&file)
        .args(["--preset", "generic", "--purpose", "newsletter"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the import");
    // Readers start once the import holds the store (a reader that got there first would
    // make the import itself refuse to start, which is the lock working, not this test).
    let lock = privacy_desk::store::StoreLock::path_for(&store.path);
    let pid = writer.id().to_string();
    while std::fs::read_to_string(&lock).map_or(true, |text| text.trim() != pid) {
        assert!(
            writer.try_wait().expect("poll").is_none(),
            "the import ended first"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let holder = format!("(process {pid})");
    let (mut refused, mut answered) = (0, Vec::new());
    let status = loop {
        let out = run(store.cli_with(&pass_file).args(["status", "--json"]));
        match out.code {
            Some(0) => answered.push(subjects(&out)),
            _ => {
                assert_eq!(out.code, Some(1), "{out:?}");
                // The holder is named when it can still be read: the import may end between
                // this command finding the store locked and reading who holds it.
                assert!(
                    out.stderr
                        .contains("This store is open in another Privacy Desk window or command")
                        && (out.stderr.contains(&holder) || !out.stderr.contains("(process")),
                    "not a clean busy message: {out:?}"
                );
                assert!(out.stdout.is_empty(), "{out:?}");
                refused += 1;
            }
        }
        if let Some(status) = writer.try_wait().expect("poll the import") {
            break status;
        }
    };
    assert!(
        status.success(),
        "the import failed: {:?}",
        writer.wait_with_output()
    );
    assert!(
        refused >= 1,
        "no read overlapped the import (answers: {answered:?})"
    );
    for n in &answered {
        assert!(*n == 0 || *n == ROWS as i64, "a count in between: {n}");
    }
    let last = run(store.cli_with(&pass_file).args(["status", "--json"]));
    assert_eq!(subjects(&last), ROWS as i64, "{last:?}");
}
