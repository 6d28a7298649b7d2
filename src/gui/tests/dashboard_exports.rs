//! The Dashboard's files through the window: "Evidence bundle…" (written on a worker session)
//! and "Deadlines to calendar (.ics)…"; the notice says what was written. The file dialog is the one step a headless
//! test cannot take: the test sends the command the dialog would produce.

use std::io::Read;

use super::requests::notice_contains;
use super::*;
use crate::gui::Command;

#[test]
fn the_dashboard_writes_the_evidence_bundle_for_the_year_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    // The Dashboard shows the section, its year list (labelled) and the button.
    assert!(h.query_by_label("Evidence bundle…").is_some());
    assert!(h.query_by_label("Year").is_some());

    let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let out = dir.path().join(format!("evidence-{year}.zip"));
    h.state_mut().apply(Command::EvidenceBundle {
        path: out.clone(),
        year,
    });
    assert!(h.state().session.is_some() && h.state().is_busy());
    settle(&mut h);
    notice_contains(&h, &format!("Evidence bundle for {year} written to "));
    notice_contains(&h, "README.txt");
    let mut head = [0u8; 2];
    std::fs::File::open(&out)
        .unwrap()
        .read_exact(&mut head)
        .unwrap();
    assert_eq!(&head, b"PK", "a zip file");

    // A year still to come is refused with a sentence and nothing is written.
    let later = dir.path().join("later.zip");
    h.state_mut().apply(Command::EvidenceBundle {
        path: later.clone(),
        year: year + 1,
    });
    settle(&mut h);
    assert!(h.state().notice_text().is_some_and(|t| t.contains("Year")));
    assert!(!later.exists());
}

#[test]
fn the_dashboard_writes_the_deadlines_as_a_calendar_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    assert!(h.query_by_label("Deadlines to calendar (.ics)…").is_some());
    let out = dir.path().join("deadlines.ics");
    h.state_mut().apply(Command::ExportCalendar(out.clone()));
    h.run();
    notice_contains(&h, "deadlines written to ");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR"), "{text}");
    // A wrong extension is refused with a sentence and nothing is written.
    let wrong = dir.path().join("deadlines.txt");
    h.state_mut().apply(Command::ExportCalendar(wrong.clone()));
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| !t.contains("written to"))
    );
    assert!(!wrong.exists());
}
