//! Error paths through the window (issue #9, item 6): a store open in another window, a
//! broken import file named with its line, a cancelled audit export. A wrong passphrase is
//! `sign_in::create_lock_unlock_through_the_window`; a file with invalid rows and a cancelled
//! import are in `import`; a cancelled sweep is `retention::a_cancelled_sweep_rolls_back_…`.

use std::process::Command as Process;

use super::*;
use crate::domain::audit::AuditFilter;
use crate::gui::command::Command;

/// Audit entries other than sign-ins.
fn audit_without_sign_ins(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE action <> 'session.unlocked'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn audit_entries(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

/// Two windows on one file: the second is told the store is open in another window (naming
/// this process), stays locked, and its attempt is not counted as a wrong passphrase. Once
/// the first window locks, the second opens.
#[test]
fn a_store_open_in_another_window_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut first = harness(&path, 1.0 / 60.0);
    unlock(&mut first);
    assert!(first.state().is_unlocked());

    let mut second = harness(&path, 1.0 / 60.0);
    unlock(&mut second);
    assert!(!second.state().is_unlocked());
    let expected = format!(
        "This store is open in another Privacy Desk window or command (process {}). Close it \
         there, then try again.",
        std::process::id()
    );
    assert!(
        second.query_by_label_contains(&expected).is_some(),
        "{:?}\n{:#?}",
        second.state().notice_text(),
        second.root()
    );
    assert!(second.query_by_label_contains("does not open").is_none());

    // The first window carries on; then it locks and the second one opens.
    click(&mut first, "Subjects & consent");
    assert!(first.state().is_unlocked());
    click(&mut first, "Lock");
    assert!(!first.state().is_unlocked());
    unlock(&mut second);
    assert!(
        second.state().is_unlocked(),
        "{:?}",
        second.state().notice_text()
    );
    drop(second);
    drop(first);
    let failed: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT failed_attempts FROM users", [], |r| r.get(0))
        .unwrap();
    assert_eq!(failed, 0, "a refused open is not a wrong passphrase");
}

/// Opens the import wizard on `file` with the newsletter purpose.
fn wizard(h: &mut Harness<'_, PrivacyDeskApp>, file: &Path) {
    click(h, "Subjects & consent");
    click(h, "Import");
    type_into(h, "File", &file.display().to_string());
    click(h, "Purpose");
    h.get_all_by_label("Newsletter").last().unwrap().click();
    h.run();
}

/// Hostile files (NUL bytes, a 2 MB line) are refused in the preview and in the import with
/// the file, the line and what to do; nothing reaches the store but the sign-ins.
#[test]
fn a_broken_import_file_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let nul = dir.path().join("nul.csv");
    std::fs::write(&nul, b"email,name\n\0\0\0\0").unwrap();
    let long = dir.path().join("long.csv");
    let mut text = String::from("email,name,state\nx@example.org,");
    text.push_str(&"A".repeat(2_000_000));
    text.push_str(",given\n");
    std::fs::write(&long, text).unwrap();
    let before = audit_without_sign_ins(&path);

    for (file, says) in [
        (
            &nul,
            "nul.csv:2: holds NUL bytes, so it is not a CSV text file",
        ),
        (
            &long,
            "long.csv:2: this row is 2.0 MB long, more than the 1 MB a row may have",
        ),
    ] {
        let mut h = harness(&path, 1.0 / 60.0);
        unlock(&mut h);
        wizard(&mut h, file);
        click(&mut h, "Preview");
        let shown =
            |h: &Harness<'_, PrivacyDeskApp>| h.query_all_by_label_contains(says).next().is_some();
        assert!(
            shown(&h),
            "preview: {:?}\n{:#?}",
            h.state().notice_text(),
            h.root()
        );
        h.get_by_label("Import the file").click();
        settle(&mut h);
        assert!(shown(&h), "import: {:?}", h.state().notice_text());
        assert!(
            h.query_by_label_contains("The file could not be imported, so nothing was written")
                .is_some()
        );
        assert!(h.state().is_unlocked());
        let session = h.state().session.as_ref().unwrap();
        assert_eq!(
            session.subjects().subject_count().unwrap(),
            0,
            "nothing imported"
        );
    }
    assert_eq!(audit_without_sign_ins(&path), before);
}

/// An audit export started from the window and cancelled with the job bar's Cancel button:
/// "Cancelled; nothing was changed.", no file, no partial file, no audit entry. The export
/// writes to a named pipe, so the worker waits (before its first entry) until the test has
/// pressed Cancel; it notices at its first check, after 1024 entries.
#[test]
fn a_cancelled_audit_export_leaves_no_file_and_no_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    {
        let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        for i in 0..1100 {
            s.settings().set_auto_lock(11 + i % 2).unwrap();
        }
    }
    let target = dir.path().join("audit.csv");
    let pipe = dir.path().join("audit.csv.partial");
    let made = Process::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    let before = audit_entries(&path);

    h.state_mut().apply(Command::ExportAudit {
        path: target.clone(),
        filter: AuditFilter::default(),
    });
    h.run_steps(2);
    assert!(h.state().is_busy());
    assert!(
        h.query_by_label("Exporting the audit trail").is_some(),
        "{:#?}",
        h.root()
    );
    click(&mut h, "Cancel");
    // Now let the worker write: read the pipe until it closes it.
    let reader = std::thread::spawn(move || std::fs::read(&pipe).map(|b| b.len()));
    settle(&mut h);
    let read = reader.join().unwrap().unwrap();
    assert!(
        read > 0,
        "the worker wrote entries before it saw the cancel"
    );
    assert_eq!(
        h.state().notice_text(),
        Some("Cancelled; nothing was changed.")
    );
    assert!(!target.exists());
    assert!(!dir.path().join("audit.csv.partial").exists());
    assert!(h.state().is_unlocked());
    drop(h);
    assert_eq!(audit_entries(&path), before, "no export was recorded");
}

/// While a job changes the store on a worker session (here held by the test, so it cannot end
/// early), the window keeps its session: a change asked for meanwhile is refused with a
/// sentence saying why, nothing is written, and once the job is over the same change works.
#[test]
fn a_change_asked_for_while_a_job_changes_the_store_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    let before = audit_entries(&path);

    let worker = h.state().session.as_ref().unwrap().worker().unwrap();
    h.state_mut().apply(Command::SetAutoLock(20));
    h.run();
    assert!(h.state().is_unlocked());
    let said = h.state().notice_text().unwrap_or_default().to_owned();
    assert!(
        said.contains("Another task") && said.contains("Try again when it has finished"),
        "{said:?}"
    );
    assert_eq!(audit_entries(&path), before, "nothing was written");

    drop(worker);
    h.state_mut().apply(Command::SetAutoLock(20));
    h.run();
    assert_eq!(
        h.state().notice_text(),
        Some("The store now locks after 20 idle minutes.")
    );
}
