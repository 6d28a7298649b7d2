//! Nothing is reloaded by hand (issue 19, items 3 and 4): a write made elsewhere, by a worker
//! session as a background job makes it, shows on the open request page, the open subject
//! page and the Settings users list without navigating; and what the officer is typing (the
//! request page's outcome, the Settings profile) survives a write elsewhere, while an
//! untouched form follows the store.

use super::*;
use crate::domain::request::{RequestDraft, RequestState, RequestType};
use crate::gui::Command;
use crate::gui::areas::today;

/// A worker session on the window's store, as a background job gets one.
fn worker(h: &Harness<'_, PrivacyDeskApp>) -> Session {
    h.state().session.as_ref().unwrap().worker().unwrap()
}

/// Frames until the window has taken the write in (and any job it started has ended).
fn frames(h: &mut Harness<'_, PrivacyDeskApp>) {
    settle(h);
    h.run();
}

/// The value the text field labelled `label` shows.
fn field(h: &Harness<'_, PrivacyDeskApp>, label: &str) -> String {
    h.get_by_label(label).value().unwrap_or_default()
}

/// The request page's line of regime, state and day of receipt, for `state`.
fn state_line(state: RequestState) -> String {
    format!(" · {} · received", state.label())
}

#[test]
fn a_worker_sessions_write_shows_on_the_open_request_page_without_navigating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let id = {
        let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        let draft = RequestDraft {
            regime: Regime::Gdpr,
            kind: RequestType::Access,
            received: today(),
            channel: crate::domain::request::RequestChannel::Email,
            email: "ana@example.com".into(),
            requester: crate::domain::request::Requester {
                name: "Ana Pereira".into(),
                ..Default::default()
            },
            details: "A copy of my data, please.".into(),
        };
        s.requests().open_request(&draft, today()).unwrap().0
    };
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Requests");
    click(&mut h, "R-0001");
    let received = state_line(RequestState::Received);
    assert!(h.query_by_label_contains(&received).is_some());
    // The officer starts writing the outcome.
    click(&mut h, "Mark completed");
    type_into(&mut h, "Outcome (what was done)", "Sent the copy");

    // Work starts on another connection (a job's): the page shows it, the form keeps its text.
    let w = worker(&h);
    w.requests().start_work(id).unwrap();
    drop(w);
    frames(&mut h);
    assert_eq!(h.state().area(), Some(Area::Requests));
    assert!(h.query_by_label("R-0001 · Access request").is_some());
    let in_progress = state_line(RequestState::InProgress);
    assert!(
        h.query_by_label_contains(&in_progress).is_some(),
        "{:#?}",
        h.root()
    );
    assert!(h.query_by_label_contains(&received).is_none());
    assert_eq!(field(&h, "Outcome (what was done)"), "Sent the copy");

    // The person withdraws the request, recorded elsewhere too.
    let w = worker(&h);
    w.requests().withdraw_request(id, today()).unwrap();
    drop(w);
    frames(&mut h);
    let withdrawn = state_line(RequestState::Withdrawn);
    assert!(h.query_by_label_contains(&withdrawn).is_some());
}

#[test]
fn a_job_that_expires_consent_shows_on_the_open_subject_page_without_navigating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    // Consent given three years ago: stale, so the review queue's job expires it.
    super::consent::store_with_consents(&path, &[("ada@example.org", 3)]);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Subjects & consent");
    settle(&mut h);
    click(&mut h, "ada@example.org");
    assert!(h.query_by_label("Back to all subjects").is_some());
    assert!(
        h.query_all_by_label_contains("given since")
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("expired since")
            .next()
            .is_none()
    );

    // The background job runs on a worker session while the page stays open.
    h.state_mut().apply(Command::ExpireStale);
    frames(&mut h);
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("1 stale consents were marked expired")),
        "{:?}",
        h.state().notice_text()
    );

    assert!(
        h.query_by_label("Back to all subjects").is_some(),
        "still open"
    );
    assert!(
        h.query_all_by_label_contains("expired since")
            .next()
            .is_some(),
        "{:#?}",
        h.root()
    );
}

#[test]
fn a_user_added_elsewhere_shows_in_the_settings_users_list_without_navigating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Settings");
    assert!(h.query_by_label("Remove sam").is_none());

    let mut w = worker(&h);
    w.users()
        .add_user(
            "sam",
            Role::Assistant,
            &Passphrase::new("sam's first passphrase"),
        )
        .unwrap();
    drop(w);
    frames(&mut h);

    assert_eq!(h.state().area(), Some(Area::Settings));
    assert!(h.query_by_label("Remove sam").is_some(), "{:#?}", h.root());
}

#[test]
fn an_untouched_settings_profile_follows_a_write_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Settings");
    assert_eq!(field(&h, "Organisation name"), "Corner Bakery Ltd");

    // The name is changed on another connection.
    let w = worker(&h);
    let mut profile = w.settings().profile().unwrap();
    profile.name = "Corner Bakery Group".into();
    w.settings().save_profile(&profile).unwrap();
    drop(w);
    frames(&mut h);
    assert_eq!(h.state().area(), Some(Area::Settings));
    assert_eq!(field(&h, "Organisation name"), "Corner Bakery Group");
}

#[test]
fn typing_in_the_settings_profile_survives_a_write_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    // The EU calendar is chosen, as Settings asks before the profile saves.
    let w = worker(&h);
    w.requests()
        .set_regime_jurisdiction(
            crate::domain::organisation::Regime::Gdpr,
            crate::domain::holidays::Jurisdiction::Ireland,
        )
        .unwrap();
    drop(w);
    click(&mut h, "Settings");

    // Being edited, the form keeps what the officer typed: through a change made elsewhere…
    type_into(&mut h, "Organisation name", " and Sons");
    let typed = field(&h, "Organisation name");
    assert!(typed.contains(" and Sons"), "{typed:?}");
    let w = worker(&h);
    let mut profile = w.settings().profile().unwrap();
    profile.name = "Corner Bakery Group".into();
    w.settings().save_profile(&profile).unwrap();
    drop(w);
    frames(&mut h);
    assert_eq!(field(&h, "Organisation name"), typed);

    // …and through a change made in Settings itself (a colleague added).
    add_user_in_settings(&mut h, "sam", "sam's first passphrase");
    assert_eq!(field(&h, "Organisation name"), typed);
    assert_eq!(
        field(&h, "New user's name"),
        "",
        "the added user's form starts again"
    );

    click(&mut h, "Save organisation profile");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("organisation profile was saved")),
        "{:?}",
        h.state().notice_text()
    );
    assert_eq!(
        h.state()
            .session
            .as_ref()
            .unwrap()
            .settings()
            .profile()
            .unwrap()
            .name,
        typed
    );
    // Saved, the form holds what is stored, so it follows the next change made elsewhere.
    let w = worker(&h);
    let mut profile = w.settings().profile().unwrap();
    profile.name = "Corner Bakery Holdings".into();
    w.settings().save_profile(&profile).unwrap();
    drop(w);
    frames(&mut h);
    assert_eq!(field(&h, "Organisation name"), "Corner Bakery Holdings");
}
