//! Creating, locking, unlocking and recovering a store through the window; auto-lock; keeping
//! the recovery code as a text file or a PDF to print.

use super::*;

#[test]
fn create_lock_unlock_through_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let mut h = harness(&path, 1.0 / 60.0);
    create_through_gui(&mut h);
    assert!(h.query_all_by_label("Corner Bakery Ltd").count() >= 1);

    click(&mut h, "Lock");
    assert!(!h.state().is_unlocked());
    assert!(h.query_by_label("Unlock").is_some());

    type_into(&mut h, "Passphrase", "not the passphrase at all");
    h.get_by_label("Unlock").click();
    settle(&mut h);
    assert!(!h.state().is_unlocked());
    assert!(
        h.query_by_label_contains("does not open this store")
            .is_some()
    );

    type_into(&mut h, "Passphrase", PASS);
    h.key_press(egui::Key::Enter);
    settle(&mut h);
    assert!(h.state().is_unlocked());
    assert_eq!(h.state().area(), Some(Area::Dashboard));
}

#[test]
fn the_window_locks_itself_when_idle() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 1);
    // Each frame advances the clock by 20 s: three idle frames pass the one-minute limit.
    let mut h = harness(&path, 20.0);
    unlock(&mut h);
    for _ in 0..5 {
        h.step();
    }
    assert!(!h.state().is_unlocked());
    h.run();
    let locked_message = h.query_by_label_contains("Locked after 1 minutes");
    assert!(locked_message.is_some(), "{:#?}", h.root());
    drop(h);
    // The window really had unlocked before it locked itself.
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let unlocked_in_window = s
        .audit()
        .audit_page(&Default::default(), 0, 100)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "session.unlocked" && e.via == "gui")
        .count();
    assert_eq!(unlocked_in_window, 1);
}

#[test]
fn recovery_code_sets_a_new_passphrase_through_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let (session, code) = Session::create(
        &path,
        "owner",
        &Passphrase::new(PASS),
        KdfParams::FLOOR,
        Via::Cli,
    )
    .unwrap();
    drop(session);
    let mut h = harness(&path, 1.0 / 60.0);
    h.run();
    h.get_by_label("Forgot the passphrase? An owner can use the recovery code")
        .click();
    h.run();
    type_into(&mut h, "Recovery code", &code.reveal().to_lowercase());
    type_into(&mut h, "New passphrase", "recovered passphrase 42");
    type_into(
        &mut h,
        "Type the new passphrase again",
        "recovered passphrase 42",
    );
    h.get_by_label("Recover and set the new passphrase").click();
    settle(&mut h);
    assert!(h.state().is_unlocked(), "{:?}", h.state().notice_text());
    drop(h);
    assert!(
        Session::unlock(
            &path,
            None,
            &Passphrase::new("recovered passphrase 42"),
            Via::Cli
        )
        .is_ok()
    );
}

#[test]
fn short_and_mismatched_passphrases_are_refused_before_anything_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let mut h = harness(&path, 1.0 / 60.0);
    h.run();
    type_into(&mut h, "Passphrase", "short");
    type_into(&mut h, "Type the passphrase again", "short");
    click(&mut h, "Create the store");
    assert!(h.query_by_label_contains("use at least 12").is_some());
    assert!(!path.exists());
}

#[test]
fn the_recovery_code_can_be_saved_as_text_or_as_a_pdf_to_print() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let mut h = harness(&path, 1.0 / 60.0);
    h.run();
    type_into(&mut h, "Passphrase", PASS);
    type_into(&mut h, "Type the passphrase again", PASS);
    h.get_by_label("Create the store").click();
    settle(&mut h);
    for control in ["Copy", "Save as text file…", "Save as PDF to print…"] {
        assert!(h.query_by_label(control).is_some(), "{control}");
    }
    let text = dir.path().join("recovery-code.txt");
    h.state_mut()
        .apply(crate::gui::Command::KeepRecoveryCode(text.clone()));
    h.run();
    super::requests::notice_contains(&h, "The recovery code was saved to ");
    let kept = std::fs::read_to_string(&text).unwrap();
    assert!(kept.contains("store.pdesk"), "{kept}");
    let code_line = kept
        .lines()
        .find_map(|l| l.strip_prefix("Recovery code: "))
        .expect("the code");
    assert_eq!(code_line.split('-').count(), 8, "{code_line}");
    let pdf = dir.path().join("recovery-code.pdf");
    h.state_mut()
        .apply(crate::gui::Command::KeepRecoveryCode(pdf.clone()));
    h.run();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // Still on the recovery screen: keeping a copy does not replace confirming it.
    assert!(
        h.query_by_label("I have stored the recovery code somewhere safe")
            .is_some()
    );
}
