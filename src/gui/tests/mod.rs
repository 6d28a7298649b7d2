//! GUI flows, headless with egui_kittest, one file per area; this file holds the harness and
//! the helpers. The harness checks after every `run()` that each input has an accessible name.

mod assessments;
mod attachments;
mod background_reads;
mod backups;
mod campaigns;
mod children;
mod consent;
mod dashboard;
mod dashboard_exports;
mod demo;
mod error_paths;
mod errors_clear;
mod generation_refresh;
mod holidays;
mod import;
mod inbox;
mod key_rotation;
mod layouts;
mod legal_request_page;
mod legal_settings;
mod letter_language;
mod member_state;
mod minimisation;
mod partial_compliance;
mod prior_consultation;
mod profile_roles;
mod pseudonymised_export;
mod records;
mod register_tabs;
mod request_rules;
mod request_tasks;
mod requests;
mod retention;
mod security;
mod sign_in;
mod site_settings;
mod subject_relationship;
mod subjects_filter;
mod users;
mod vendor_questionnaire;
mod vendors;
mod view_data;

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
        // Data arrives from worker threads between frames; let a run settle over more frames.
        .with_max_steps(24)
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

/// In Settings → Users: adds `name` with `passphrase` and checks the notice says they can sign
/// in and their Remove button is listed.
fn add_user_in_settings(h: &mut Harness<'_, PrivacyDeskApp>, name: &str, passphrase: &str) {
    type_into(h, "New user's name", name);
    type_into(h, "New user's passphrase", passphrase);
    type_into(h, "Type the new user's passphrase again", passphrase);
    click(h, "Add user");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains(&format!("{name} can now sign in"))),
        "{:?}",
        h.state().notice_text()
    );
    assert!(h.query_by_label(&format!("Remove {name}")).is_some());
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

fn prepared_store(path: &Path, auto_lock: u32) {
    let (s, _code) = Session::create(
        path,
        "owner",
        &Passphrase::new(PASS),
        KdfParams::FLOOR,
        Via::Cli,
    )
    .unwrap();
    s.settings()
        .save_profile(&OrganisationProfile {
            name: "Corner Bakery Ltd".into(),
            controller: Contact {
                email: "privacy@bakery.example".into(),
                ..Contact::default()
            },
            dpo: Contact::default(),
            regimes: [Regime::Gdpr].into(),
        })
        .unwrap();
    s.settings().set_auto_lock(auto_lock).unwrap();
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
