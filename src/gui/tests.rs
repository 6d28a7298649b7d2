//! GUI flows, headless with egui_kittest: create → recovery code → setup → lock → unlock, a
//! wrong passphrase, recovery, auto-lock, and the Settings and Audit log areas. The harness
//! checks after every `run()` that each input has an accessible name.

use std::path::Path;
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{Area, Prefs, PrivacyDeskApp};
use crate::crypto::{KdfParams, Passphrase};
use crate::domain::access::Role;
use crate::domain::organisation::{Contact, OrganisationProfile, Regime};
use crate::services::{Session, Via};

const PASS: &str = "correct horse battery staple";

fn harness(path: &Path, step_dt: f32) -> Harness<'static, PrivacyDeskApp> {
    let app = PrivacyDeskApp::new(path.to_owned(), Prefs::default()).with_kdf(KdfParams::FLOOR);
    Harness::builder()
        .with_size([1100.0, 1800.0])
        .with_step_dt(step_dt)
        .build_ui_state(|ui, app: &mut PrivacyDeskApp| app.show(ui), app)
}

/// Steps frames until the background key derivation is done, then settles.
fn settle(h: &mut Harness<'_, PrivacyDeskApp>) {
    for _ in 0..2000 {
        h.step();
        if !h.state().is_busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(!h.state().is_busy(), "background work did not finish");
    h.run();
}

fn type_into(h: &mut Harness<'_, PrivacyDeskApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Clicks the widget labelled `label` and lets the frame settle.
fn click(h: &mut Harness<'_, PrivacyDeskApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn create_through_gui(h: &mut Harness<'_, PrivacyDeskApp>) {
    h.run();
    type_into(h, "Passphrase", PASS);
    type_into(h, "Type the passphrase again", PASS);
    h.get_by_label("Create the store").click();
    settle(h);
    assert!(h.state().is_unlocked());
    h.get_by_label("I have stored the recovery code somewhere safe")
        .click();
    h.run();
    click(h, "Continue");
    type_into(h, "Organisation name", "Corner Bakery Ltd");
    type_into(h, "Controller email", "privacy@bakery.example");
    h.get_by_label("We have not appointed a data protection officer")
        .click();
    h.run();
    click(h, "UK GDPR (United Kingdom)");
    click(h, "Save and continue");
    assert_eq!(
        h.state().area(),
        Some(Area::Dashboard),
        "{:?}",
        h.state().notice_text()
    );
}

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

fn prepared_store(path: &Path, auto_lock: u32) {
    let (mut s, _code) = Session::create(
        path,
        "owner",
        &Passphrase::new(PASS),
        KdfParams::FLOOR,
        Via::Cli,
    )
    .unwrap();
    s.save_profile(&OrganisationProfile {
        name: "Corner Bakery Ltd".into(),
        controller: Contact {
            email: "privacy@bakery.example".into(),
            ..Contact::default()
        },
        dpo: Contact::default(),
        regimes: [Regime::Gdpr].into(),
    })
    .unwrap();
    s.set_auto_lock(auto_lock).unwrap();
}

/// Unlocks with the keyboard only: type, then Enter (also works when frames are far apart,
/// where a mouse click would not register).
fn unlock(h: &mut Harness<'_, PrivacyDeskApp>) {
    h.run();
    h.get_by_label("Passphrase").type_text(PASS);
    h.run();
    h.key_press(egui::Key::Enter);
    settle(h);
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
        .audit_page(&Default::default(), 0, 100)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "session.unlocked" && e.via == "gui")
        .count();
    assert_eq!(unlocked_in_window, 1);
}

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

fn store_with_assistant(path: &Path) {
    prepared_store(path, 10);
    let mut owner = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    owner
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
    // Dashboard, Subjects & consent, Settings: the third shortcut is Settings.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num3);
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
    type_into(&mut h, "New user's name", "sam");
    type_into(&mut h, "New user's passphrase", "sam's first passphrase");
    type_into(
        &mut h,
        "Type the new user's passphrase again",
        "sam's first passphrase",
    );
    click(&mut h, "Add user");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("sam can now sign in")),
        "{:?}",
        h.state().notice_text()
    );
    assert!(h.query_by_label("Remove sam").is_some());
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

#[test]
fn record_a_subject_and_their_consent_through_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    assert!(h.query_by_label("0 subjects").is_some());
    click(&mut h, "Add a subject…");
    type_into(&mut h, "Email address", "ada@example.org");
    type_into(&mut h, "Full name", "Ada Lovelace");
    click(&mut h, "Save subject");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("subject was recorded")),
        "{:?}",
        h.state().notice_text()
    );
    // The subject's page opened: record a consent for the newsletter.
    click(&mut h, "For purpose");
    // "Newsletter" is also a row of the consent table; the menu's entry is drawn last.
    h.get_all_by_label("Newsletter").last().unwrap().click();
    h.run();
    type_into(&mut h, "Form or campaign", "spring-fair");
    type_into(&mut h, "IP address", "203.0.113.9");
    click(&mut h, "Record");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("consent ledger")),
        "{:?}",
        h.state().notice_text()
    );
    assert!(
        h.query_all_by_label_contains("given since")
            .next()
            .is_some()
    );

    // Back in the list, a search by part of the name finds her once the index is ready.
    click(&mut h, "Back to all subjects");
    settle(&mut h);
    type_into(&mut h, "Search name or email", "lovel");
    click(&mut h, "Search");
    assert!(h.query_by_label_contains("1 match").is_some());
    assert!(h.query_by_label("ada@example.org").is_some());
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let ada = s
        .find_subjects_by_email("ada@example.org")
        .unwrap()
        .remove(0);
    let timeline = s.consent_timeline(ada.id).unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0].evidence.ip, "203.0.113.9");
    assert_eq!(
        timeline[0].purpose.as_ref().map(|p| p.as_str()),
        Some("newsletter")
    );
    assert_eq!(timeline[0].recorded_by, "owner");
}

#[test]
fn publish_a_new_notice_version_through_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    click(&mut h, "Purposes & notices");
    h.run();
    click(&mut h, "Newsletter");
    h.run();
    click(&mut h, "Notice text");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Notice text")
        .type_text("Yes, email me the monthly newsletter. Unsubscribe any time.");
    h.run();
    click(&mut h, "Publish as a new version");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("new version of the notice")),
        "{:?}",
        h.state().notice_text()
    );
    assert!(h.query_by_label_contains("Version 2").is_some());
    drop(h);
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let code = crate::domain::purpose::PurposeCode::parse("newsletter").unwrap();
    let notices = s.notices(&code).unwrap();
    assert_eq!(notices.len(), 2);
    assert!(notices[1].text.contains("monthly newsletter"));
    assert_ne!(notices[0].text, notices[1].text);
}

#[test]
fn expire_stale_consents_from_the_review_queue() {
    use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
    use crate::domain::purpose::PurposeCode;
    use crate::domain::subject::SubjectDraft;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let old = |email: &str, years_ago: i64| {
        (
            SubjectDraft {
                email: email.into(),
                ..Default::default()
            },
            ConsentEvent {
                purpose: Some(PurposeCode::parse("newsletter").unwrap()),
                kind: ConsentEventKind::Given,
                at: chrono::Utc::now() - chrono::Duration::days(365 * years_ago),
                channel: Channel::WebForm,
                notice_version: Some(1),
                evidence: Evidence {
                    form_id: "signup".into(),
                    ..Default::default()
                },
                recorded_by: String::new(),
            },
        )
    };
    for (draft, event) in [old("stale@example.org", 3), old("fresh@example.org", 1)] {
        let id = s.add_subject(&draft).unwrap();
        s.record_consent(id, &event).unwrap();
    }
    drop(s);

    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    // The Dashboard counts them in the background and leads to the queue.
    settle(&mut h);
    assert!(
        h.query_by_label_contains("1 consents need review")
            .is_some(),
        "{:#?}",
        h.root()
    );
    click(&mut h, "Open the review queue");
    // The queue is read on a worker thread.
    settle(&mut h);
    assert!(
        h.query_by_label("1 consents need review; 1 are stale")
            .is_some(),
        "{:#?}",
        h.root()
    );
    assert!(h.query_by_label("stale@example.org").is_some());
    assert!(h.query_by_label("fresh@example.org").is_none());
    click(&mut h, "Expire the stale consents…");
    click(&mut h, "Yes, expire 1 stale consents");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("1 stale consents were marked expired")),
        "{:?}",
        h.state().notice_text()
    );
    drop(h);
    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let stale = s
        .find_subjects_by_email("stale@example.org")
        .unwrap()
        .remove(0);
    let states = s.current_consents(stale.id).unwrap();
    let newsletter = states
        .iter()
        .find(|(row, _)| row.purpose.code.as_str() == "newsletter")
        .unwrap();
    assert_eq!(newsletter.1.code(), "expired");
    assert!(s.review_queue(24, chrono::Utc::now()).unwrap().is_empty());
}

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
    h.run();
    assert!(h.query_by_label("4 subjects").is_some(), "{:#?}", h.root());
    drop(h);

    let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    assert_eq!(s.subject_count().unwrap(), 4);
    assert_eq!(
        s.find_subjects_by_email("ines.ferreira@example.pt")
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
    assert_eq!(s.subject_count().unwrap(), 0);
    assert!(
        s.find_subjects_by_email("good.one@example.org")
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
    assert_eq!(s.subject_count().unwrap(), 0);
}
