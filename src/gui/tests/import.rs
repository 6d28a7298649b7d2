//! The import wizard.

use super::*;

/// Opens Subjects & consent → Import, and fills in the file and the purpose (newsletter).
fn open_import_wizard(h: &mut Harness<'_, PrivacyDeskApp>, file: &str) {
    click(h, "Subjects & consent");
    click(h, "Import");
    h.run();
    type_into(h, "File", file);
    click(h, "Purpose");
    h.get_all_by_label("Newsletter").last().unwrap().click();
    h.run();
}

#[test]
fn import_a_generic_csv_through_the_wizard() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    open_import_wizard(
        &mut h,
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/generic.csv"),
    );

    click(&mut h, "Preview");
    h.run();
    // The column mapping: the file's First_Name is read as first_name; Loyalty tier is ignored.
    // (First_Name is shown twice: in the mapping and as a header of the first rows.)
    assert!(h.query_by_label("Read as").is_some(), "{:#?}", h.root());
    assert_eq!(h.query_all_by_label("First_Name").count(), 2);
    assert!(h.query_by_label("first_name").is_some());
    assert!(h.query_by_label_contains("\"Loyalty tier\"").is_some());
    // The first rows, on screen only.
    assert_eq!(h.query_all_by_label("ines.ferreira@example.pt").count(), 2);
    assert!(h.state().notice_text().is_none());

    h.get_by_label("Import the file").click();
    h.step();
    // The session is lent to the import; the window stays unlocked.
    assert!(h.state().is_unlocked());
    settle(&mut h);
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("Imported 6 rows") && t.contains("4 subjects created")),
        "{:?}",
        h.state().notice_text()
    );
    // The session came back: the register shows the new subjects.
    click(&mut h, "People");
    // The list is read on a worker thread.
    settle(&mut h);
    assert!(h.query_by_label("4 subjects").is_some(), "{:#?}", h.root());
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert_eq!(s.subjects().subject_count().unwrap(), 4);
    assert_eq!(
        s.subjects()
            .find_subjects_by_email("ines.ferreira@example.pt")
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_file_with_invalid_rows_is_listed_and_nothing_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    open_import_wizard(
        &mut h,
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bad_rows.csv"),
    );
    h.get_by_label("Import the file").click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("rows are invalid, so nothing was imported")
            .is_some(),
        "{:#?}",
        h.root()
    );
    assert!(
        h.query_all_by_label_contains("bad_rows.csv:3: email")
            .next()
            .is_some(),
        "{:#?}",
        h.root()
    );
    assert!(h.state().is_unlocked());
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert_eq!(s.subjects().subject_count().unwrap(), 0);
    assert!(
        s.subjects()
            .find_subjects_by_email("good.one@example.org")
            .unwrap()
            .is_empty()
    );
}

#[test]
fn cancelling_or_locking_during_an_import_leaves_the_store_as_it_was() {
    use std::fmt::Write as _;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let big = dir.path().join("big.csv");
    let mut text = String::from("email,name,state\n");
    for i in 0..200_000 {
        writeln!(text, "person{i}@example.org,Person {i},given").unwrap();
    }
    std::fs::write(&big, text).unwrap();

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    open_import_wizard(&mut h, big.to_str().unwrap());
    // While the import runs the window repaints itself: step frames rather than `run`.
    h.get_by_label("Import the file").click();
    h.run_steps(3);
    assert!(h.state().is_busy(), "the import should still be running");
    assert!(h.query_by_label_contains("Checking the rows").is_some());
    // Other views do nothing while the import holds the session.
    h.get_by_label("People").click();
    h.run_steps(3);
    h.get_by_label("Import").click();
    h.run_steps(3);
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("cancelled")),
        "{:?}",
        h.state().notice_text()
    );
    assert!(h.state().is_unlocked());

    // Again, then lock the window while it runs: the session is dropped with the job.
    h.get_by_label("Import the file").click();
    h.run_steps(3);
    assert!(h.state().is_busy());
    click(&mut h, "Lock");
    assert!(!h.state().is_unlocked());
    assert!(!h.state().is_busy());
    unlock(&mut h);
    assert!(h.state().is_unlocked(), "{:#?}", h.root());
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert_eq!(s.subjects().subject_count().unwrap(), 0);
}

/// Issue 20, item 3: a file no preset knows opens the mapping editor with the reason; the
/// officer maps its columns with drop-downs (the preview follows), saves the mapping by name,
/// and the next file with those columns gets it preselected and imports without any TOML.
#[test]
fn columns_are_mapped_in_the_window_saved_by_name_and_offered_next_time() {
    use egui::accesskit::Role;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/generic_mapped.csv");
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    open_import_wizard(&mut h, file);
    // Leaving the file field looked at the header: no preset knows it, and the editor is open.
    assert!(
        h.query_by_label_contains("No preset recognises this file's header")
            .is_some(),
        "{:#?}",
        h.root()
    );
    for (column, field) in [
        ("E-Mail-Adresse", "Email address"),
        ("Vorname", "First name"),
        ("Nachname", "Last name"),
        ("Einwilligung", "Consent state (given / withdrawn)"),
        ("Zeitpunkt", "When consent was given or withdrawn"),
    ] {
        h.get_by_role_and_label(Role::ComboBox, column).click();
        h.run();
        h.get_all_by_label(field).last().unwrap().click();
        h.run();
    }
    // The preview follows the choices: Vorname is read as first_name, and nothing is wrong.
    assert!(h.query_by_label("first_name").is_some(), "{:#?}", h.root());
    assert!(h.query_by_label_contains("appears twice").is_none());
    type_into(&mut h, "Save this mapping as", "Shop export");
    click(&mut h, "Save mapping");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("Saved the column mapping “Shop export”")),
        "{:?}",
        h.state().notice_text()
    );
    drop(h);

    // A new window: the same kind of file gets the saved mapping preselected, and imports.
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    open_import_wizard(&mut h, file);
    assert!(
        h.query_by_label_contains("The saved mapping “Shop export” names columns of this file")
            .is_some(),
        "{:#?}",
        h.root()
    );
    h.get_by_label("Import the file").click();
    h.step();
    settle(&mut h);
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("Imported 2 rows") && t.contains("2 subjects created")),
        "{:?}",
        h.state().notice_text()
    );
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let saved = s.consent().import_mappings().unwrap();
    assert_eq!(saved.len(), 1);
    // Kundennummer stays read by its name (left out with a warning), so it is not saved.
    assert_eq!(
        saved[0].mapping.entries().len(),
        5,
        "{:?}",
        saved[0].mapping
    );
    assert_eq!(
        s.subjects()
            .find_subjects_by_email("juergen.gross@example.de")
            .unwrap()
            .len(),
        1
    );
}

/// A Mailchimp export is recognised from its header and preselected, with the reason.
#[test]
fn a_mailchimp_export_is_preselected_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    // A Mailchimp header with Latin names only (the test window has no CJK font).
    let file = dir.path().join("subscribed.csv");
    std::fs::write(
        &file,
        "Email Address,First Name,Last Name,OPTIN_TIME,CONFIRM_TIME\n\
         ana.silva@example.pt,Ana,Silva,2024-03-01 10:00:00,2024-03-01 10:05:00\n",
    )
    .unwrap();
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    open_import_wizard(&mut h, file.to_str().unwrap());
    assert!(
        h.query_by_label_contains(
            "Preselected “Mailchimp export”: the header has \"Email Address\""
        )
        .is_some(),
        "{:#?}",
        h.root()
    );
    assert!(h.query_by_label("Map the columns yourself").is_none());
}
