//! Replacing the store key and the row integrity check through the window (issue 17, items 3
//! and 6): an owner rotates and sees the new recovery code and the one-time passphrases once; a
//! wrong passphrase changes nothing; a non-owner is not offered the section; removing a user
//! offers it; a row edited with plain SQLite shows a warning after unlock and in the verify.

use super::*;
use egui_kittest::kittest::NodeT;

const ALEX: &str = "alex's own passphrase";

fn store_with_assistant(path: &Path) {
    prepared_store(path, 10);
    let mut owner = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    owner
        .users()
        .add_user("alex", Role::Assistant, &Passphrase::new(ALEX))
        .unwrap();
}

/// The codes on screen: labels shaped like `XXXX-XXXX-…` (eight groups of four).
fn codes_shown(h: &Harness<'_, PrivacyDeskApp>) -> Vec<String> {
    h.query_all_by_label_contains("-")
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .filter(|l| {
            let groups: Vec<&str> = l.split('-').collect();
            groups.len() == 8
                && groups
                    .iter()
                    .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric()))
        })
        .collect()
}

fn unlock_as(path: &Path, user: &str, passphrase: &str) -> bool {
    Session::unlock(path, Some(user), &Passphrase::new(passphrase), Via::Cli).is_ok()
}

#[test]
fn an_owner_replaces_the_key_and_sees_the_new_codes_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with_assistant(&path);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);

    click(&mut h, "Settings");
    assert!(h.query_by_label("Replace the store key…").is_some());
    type_into(&mut h, "Your passphrase", PASS);
    click(&mut h, "Replace the store key");
    settle(&mut h);
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("store key was replaced")),
        "{:?}",
        h.state().notice_text()
    );
    assert!(h.state().is_unlocked());
    assert!(h.query_by_label("New recovery code").is_some());
    // The recovery code, then alex's one-time passphrase.
    let codes = codes_shown(&h);
    assert_eq!(codes.len(), 2, "{codes:?}");

    // Continue stays disabled until the owner says they wrote it down; then the codes go.
    click(&mut h, "Continue");
    assert!(h.query_by_label("New recovery code").is_some());
    click(&mut h, "I have written it down");
    click(&mut h, "Continue");
    assert!(h.query_by_label("New recovery code").is_none());
    assert!(codes_shown(&h).is_empty());

    // The window goes on under the new key: the audit trail verifies.
    click(&mut h, "Audit log");
    h.get_by_label("Verify chain").click();
    settle(&mut h);
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("The audit trail is intact")),
        "{:?}",
        h.state().notice_text()
    );
    drop(h);

    assert!(unlock_as(&path, "owner", PASS));
    assert!(
        !unlock_as(&path, "alex", ALEX),
        "the old passphrase still opens"
    );
    assert!(unlock_as(&path, "alex", &codes[1]));
}

#[test]
fn a_wrong_passphrase_shows_the_error_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with_assistant(&path);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);

    click(&mut h, "Settings");
    type_into(&mut h, "Your passphrase", "not my passphrase at all");
    click(&mut h, "Replace the store key");
    settle(&mut h);
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("not your current passphrase")),
        "{:?}",
        h.state().notice_text()
    );
    assert!(
        h.query_all_by_label_contains("not your current passphrase")
            .next()
            .is_some(),
        "the problem is shown beside the form too"
    );
    assert!(h.query_by_label("New recovery code").is_none());
    assert!(codes_shown(&h).is_empty());
    drop(h);

    assert!(unlock_as(&path, "owner", PASS));
    assert!(unlock_as(&path, "alex", ALEX));
}

#[test]
fn a_non_owner_is_not_offered_the_section() {
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
    assert!(h.state().is_unlocked());

    click(&mut h, "Settings");
    assert_eq!(h.state().area(), Some(Area::Settings));
    assert!(h.query_by_label("Current passphrase").is_some());
    assert!(h.query_by_label("Replace the store key…").is_none());
    assert!(h.query_by_label("Your passphrase").is_none());
    assert!(h.query_by_label("Replace the store key").is_none());
}

#[test]
fn removing_a_user_offers_to_replace_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with_assistant(&path);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);

    click(&mut h, "Settings");
    assert!(!shows(&h, "was removed. If they"));
    click(&mut h, "Remove alex");
    click(&mut h, "Yes, remove alex");
    assert!(
        h.query_all_by_label_contains("alex was removed. If they")
            .next()
            .is_some(),
        "{:?}",
        h.state().notice_text()
    );
    click(&mut h, "Replace the store key (below)");
    assert!(h.get_by_label("Your passphrase").is_focused());
    // Typing goes straight into the focused field.
    h.get_by_label("Your passphrase").type_text(PASS);
    h.run();
    click(&mut h, "Replace the store key");
    settle(&mut h);
    assert!(h.query_by_label("New recovery code").is_some());
    // Only the owner remains: the recovery code alone is shown.
    assert_eq!(codes_shown(&h).len(), 1);
}

#[test]
fn a_row_edited_with_plain_sqlite_shows_a_warning_after_unlock_and_in_the_verify() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with_assistant(&path);
    let changed = rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE users SET created_at = '2020-01-01T00:00:00+00:00' WHERE name = 'alex'",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    assert_eq!(h.state().area(), Some(Area::Dashboard));
    assert!(
        h.query_all_by_label_contains("integrity check found 1 changed row")
            .next()
            .is_some(),
        "{:#?}",
        h.root()
    );

    // The verify names the table and the record.
    click(&mut h, "Audit log");
    h.get_by_label("Verify chain").click();
    settle(&mut h);
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("1 of") && t.contains("changed or added outside")),
        "{:?}",
        h.state().notice_text()
    );
    assert!(h.query_by_label("users").is_some());
    assert!(h.query_by_label("changed outside Privacy Desk").is_some());

    // Dismissed, the warning stays gone.
    click(&mut h, "Dashboard");
    click(&mut h, "Dismiss");
    assert!(!shows(&h, "integrity check found"));
    click(&mut h, "Settings");
    click(&mut h, "Dashboard");
    assert!(!shows(&h, "integrity check found"));
}

#[test]
fn an_untouched_store_shows_no_integrity_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    store_with_assistant(&path);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    assert_eq!(h.state().area(), Some(Area::Dashboard));
    assert!(!shows(&h, "integrity check found"));
}

/// Whether some widget's label contains `text`.
fn shows(h: &Harness<'_, PrivacyDeskApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}
