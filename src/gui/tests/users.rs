//! Settings, users and roles through the window.

use super::*;

#[test]
fn settings_change_the_passphrase_and_the_audit_log_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);

    click(&mut h, "Settings");
    const NEW: &str = "a brand new passphrase";
    type_into(&mut h, "Current passphrase", PASS);
    type_into(&mut h, "New passphrase", NEW);
    type_into(&mut h, "Type the new passphrase again", NEW);
    click(&mut h, "Change passphrase");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("passphrase was changed")),
        "{:?}",
        h.state().notice_text()
    );

    click(&mut h, "Audit log");
    h.run();
    assert!(h.query_by_label("Passphrase changed").is_some());
    h.get_by_label("Verify chain").click();
    settle(&mut h);
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("intact")),
        "{:?}",
        h.state().notice_text()
    );
    drop(h);

    assert!(Session::unlock(&path, None, &Passphrase::new(NEW), Via::Cli).is_ok());
}

fn store_with_assistant(path: &Path) {
    prepared_store(path, 10);
    let mut owner = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    owner
        .users()
        .add_user("alex", Role::Assistant, &Passphrase::new(ALEX))
        .unwrap();
}

const ALEX: &str = "alex's own passphrase";

#[test]
fn an_assistant_can_neither_open_the_audit_log_nor_change_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with_assistant(&path);
    let mut h = harness(&path, 1.0 / 60.0);
    h.run();
    click(&mut h, "User");
    click(&mut h, "alex (Assistant)");
    type_into(&mut h, "Passphrase", ALEX);
    h.key_press(egui::Key::Enter);
    settle(&mut h);
    assert!(h.state().is_unlocked(), "{:?}", h.root());
    assert!(
        h.query_all_by_label_contains("Signed in as alex")
            .next()
            .is_some()
    );

    // The audit log is not offered, not even by its shortcut.
    assert!(h.query_by_label("Audit log").is_none());
    // The shortcuts number the areas an assistant sees; Settings is the last of them.
    let shown = Area::ALL
        .into_iter()
        .filter(|a| a.visible_to(Role::Assistant))
        .count();
    assert!(Area::Settings.visible_to(Role::Assistant) && shown <= 9);
    let keys = [
        egui::Key::Num1,
        egui::Key::Num2,
        egui::Key::Num3,
        egui::Key::Num4,
        egui::Key::Num5,
        egui::Key::Num6,
        egui::Key::Num7,
        egui::Key::Num8,
        egui::Key::Num9,
    ];
    h.key_press_modifiers(egui::Modifiers::COMMAND, keys[shown - 1]);
    h.run();
    assert_eq!(h.state().area(), Some(Area::Settings));

    // Settings says why the organisation profile cannot be changed, and saving does nothing.
    assert!(
        h.query_by_label_contains("does not allow you to change the organisation profile")
            .is_some()
    );
    click(&mut h, "Save organisation profile");
    assert!(h.state().notice_text().is_none());
    // But alex may change their own passphrase.
    assert!(h.query_by_label("Current passphrase").is_some());
    assert!(
        h.query_by_label("Add user").is_none(),
        "only owners manage users"
    );
}

#[test]
fn the_owner_adds_a_colleague_in_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Settings");
    add_user_in_settings(&mut h, "sam", "sam's first passphrase");
    drop(h);
    let sam = Session::unlock(
        &path,
        Some("sam"),
        &Passphrase::new("sam's first passphrase"),
        Via::Cli,
    )
    .unwrap();
    assert_eq!(sam.user().role, Role::Assistant);
}
