//! The first-run offer of a demo store: made beside the real store (which is not created),
//! opened at once, and offered again (to open) on the next start.

use super::*;

#[test]
fn a_newcomer_can_open_a_lived_in_demo_store_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let app = PrivacyDeskApp::new(path.clone(), Prefs::default())
        .with_kdf(KdfParams::FLOOR)
        .with_demo_subjects(crate::demo::MIN_DEMO_SUBJECTS);
    let mut h = Harness::builder()
        .with_size([1100.0, 1800.0])
        .with_max_steps(24)
        .build_ui_state(|ui, app: &mut PrivacyDeskApp| app.show(ui), app);
    h.run();
    // The passphrase is checked as for a real store.
    click(&mut h, "Create a demo store");
    assert!(!h.state().is_unlocked());
    type_into(&mut h, "Passphrase", PASS);
    type_into(&mut h, "Type the passphrase again", PASS);
    h.get_by_label("Create a demo store").click();
    settle(&mut h);
    assert!(h.state().is_unlocked(), "{:#?}", h.root());
    assert_eq!(h.state().area(), Some(Area::Dashboard));
    assert!(h.query_all_by_label(crate::demo::DEMO_ORGANISATION).count() >= 1);
    let demo = dir.path().join("demo.pdesk");
    assert!(demo.exists());
    assert!(!path.exists(), "the real store is not created");

    // Locking returns to the demo's unlock screen.
    click(&mut h, "Lock");
    assert!(h.query_by_label("Unlock").is_some());
    drop(h);

    // On the next start (no real store yet) the demo is offered to open.
    let app = PrivacyDeskApp::new(path.clone(), Prefs::default()).with_kdf(KdfParams::FLOOR);
    let mut h = Harness::builder()
        .with_size([1100.0, 1800.0])
        .with_max_steps(24)
        .build_ui_state(|ui, app: &mut PrivacyDeskApp| app.show(ui), app);
    h.run();
    assert!(h.query_by_label("Create a demo store").is_none());
    click(&mut h, "Open the demo store");
    type_into(&mut h, "Passphrase", PASS);
    h.key_press(egui::Key::Enter);
    settle(&mut h);
    assert!(h.state().is_unlocked());
    assert!(!path.exists());
}
