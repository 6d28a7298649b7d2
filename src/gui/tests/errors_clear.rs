//! Errors that clear when the input that caused them changes (issue 20, item 2), one form of
//! each kind: the form's own check (subject, request, vendor, incident, organisation profile)
//! and the service's answer (assessment sent for review unanswered). Each error stays while the
//! input stays (a second click, more frames), and goes once the officer changes the input.
//! The mechanism is one: `gui::field_error::FieldError`.

use super::*;
use crate::gui::app::Screen;
use crate::gui::areas::SecurityTab;

fn shown(h: &Harness<'_, PrivacyDeskApp>, error: &str) -> bool {
    h.query_by_label_contains(error).is_some()
}

/// Clicks `submit`, sees `error`; frames pass with the input unchanged: still there; then
/// `change` edits the input: gone.
fn stays_then_clears(
    h: &mut Harness<'_, PrivacyDeskApp>,
    submit: &str,
    error: &str,
    change: impl FnOnce(&mut Harness<'_, PrivacyDeskApp>),
) {
    click(h, submit);
    assert!(shown(h, error), "the error is shown: {:#?}", h.root());
    h.run();
    h.run();
    assert!(shown(h, error), "unchanged input keeps the error");
    change(h);
    assert!(!shown(h, error), "the error cleared when its input changed");
}

fn unlocked() -> (tempfile::TempDir, Harness<'static, PrivacyDeskApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    (dir, h)
}

#[test]
fn the_new_subject_error_clears_when_a_field_changes() {
    let (_dir, mut h) = unlocked();
    click(&mut h, "Subjects & consent");
    click(&mut h, "Add a subject…");
    stays_then_clears(
        &mut h,
        "Save subject",
        "so the person can be found again",
        |h| type_into(h, "Full name", "Ana"),
    );
}

#[test]
fn the_new_request_error_clears_when_the_date_changes() {
    let (_dir, mut h) = unlocked();
    click(&mut h, "Requests");
    click(&mut h, "New request");
    type_into(&mut h, "Received", "x");
    stays_then_clears(
        &mut h,
        "Take in the request",
        "Received: write the date as YYYY-MM-DD",
        |h| type_into(h, "Received", "y"),
    );
}

#[test]
fn the_vendor_form_error_clears_when_the_date_changes() {
    let (_dir, mut h) = unlocked();
    click(&mut h, "Vendors");
    click(&mut h, "Add a vendor…");
    type_into(&mut h, "Vendor name", "Mailchimp");
    type_into(&mut h, "Next review on (YYYY-MM-DD)", "May");
    stays_then_clears(&mut h, "Save the vendor", "is not a date", |h| {
        type_into(h, "Next review on (YYYY-MM-DD)", " 1st")
    });
}

#[test]
fn the_incident_form_error_clears_when_the_time_changes() {
    let (_dir, mut h) = unlocked();
    click(&mut h, "Security");
    if let Screen::Main(m) = &mut h.state_mut().screen {
        m.security.tab = SecurityTab::Incidents;
    }
    h.run();
    let aware = "Became aware at (YYYY-MM-DD HH:MM, UTC)";
    type_into(&mut h, aware, "x");
    stays_then_clears(
        &mut h,
        "Enter the breach in the log",
        "Became aware at:",
        |h| type_into(h, aware, "y"),
    );
}

#[test]
fn the_organisation_profile_error_clears_when_a_field_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("store.pdesk"), 1.0 / 60.0);
    h.run();
    type_into(&mut h, "Passphrase", PASS);
    type_into(&mut h, "Type the passphrase again", PASS);
    h.get_by_label("Create the store").click();
    settle(&mut h);
    click(&mut h, "I have stored the recovery code somewhere safe");
    click(&mut h, "Continue");
    type_into(&mut h, "Organisation name", "Panadería Sol SL");
    type_into(&mut h, "Controller email", "privacy@sol.example");
    click(&mut h, "We have not appointed a data protection officer");
    click(&mut h, "GDPR (European Union)");
    // An EU business that chose no holiday calendar: the form's own check.
    stays_then_clears(
        &mut h,
        "Save and continue",
        "choose the public holidays of the state where you are established",
        |h| type_into(h, "Organisation name", " S.L."),
    );
}

#[test]
fn the_assessment_editor_error_clears_when_an_answer_changes() {
    let (_dir, mut h) = unlocked();
    click(&mut h, "Impact assessments");
    type_into(&mut h, "Title", "Personalised newsletter");
    click(&mut h, "Start");
    // The service refuses to send an unanswered assessment for review.
    stays_then_clears(&mut h, "Send for review", "unanswered", |h| {
        type_into(
            h,
            "What is the processing? What will you do with the data, and how?",
            "We choose the products in each newsletter from past orders.",
        )
    });
}
