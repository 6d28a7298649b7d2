//! The member state of establishment in Settings (issue 16): a labelled drop-down beside the
//! holiday calendars, shown only while EU GDPR is ticked, saved with the profile; the EU GDPR
//! age threshold then names the state (GDPR Art. 4(16), Art. 8(1)).

use super::*;
use crate::domain::children::MemberState;
use crate::gui::areas::settings::member_state_field::LABEL;

/// Opens the drop-down `combo` and clicks `item`, scrolled into view first (the list of states
/// is longer than the pop-up).
fn choose(h: &mut Harness<'_, PrivacyDeskApp>, combo: &str, item: &str) {
    click(h, combo);
    h.get_all_by_label(item).last().unwrap().scroll_to_me();
    h.run();
    h.get_all_by_label(item).last().unwrap().click();
    h.run();
}

#[test]
fn settings_save_germany_as_the_member_state_and_the_threshold_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Settings");
    click(&mut h, "Holiday calendars and automated decisions");
    assert_eq!(h.get_by_label(LABEL).value().as_deref(), Some("Not chosen"));
    // Only while EU GDPR is ticked.
    click(&mut h, "GDPR (European Union)");
    assert!(h.query_by_label(LABEL).is_none());
    click(&mut h, "GDPR (European Union)");

    choose(
        &mut h,
        "Holiday calendar for GDPR (European Union) deadlines",
        "Ireland",
    );
    choose(&mut h, LABEL, "Germany");
    assert_eq!(h.get_by_label(LABEL).value().as_deref(), Some("Germany"));
    click(&mut h, "Save organisation profile");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("profile was saved")),
        "{:?}",
        h.state().notice_text()
    );
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(s.settings().member_state().unwrap(), Some(MemberState::De));
    let gdpr = s
        .consent()
        .age_thresholds()
        .unwrap()
        .into_iter()
        .find(|t| t.regime == Regime::Gdpr)
        .unwrap();
    assert_eq!(gdpr.state, Some(MemberState::De));
    assert!(gdpr.source.contains("Germany"), "{}", gdpr.source);
}

/// First-run setup shows the drop-down once EU GDPR is ticked and saves the state chosen.
#[test]
fn setup_saves_the_member_state_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let mut h = harness(&path, 1.0 / 60.0);
    h.run();
    type_into(&mut h, "Passphrase", PASS);
    type_into(&mut h, "Type the passphrase again", PASS);
    h.get_by_label("Create the store").click();
    settle(&mut h);
    h.get_by_label("I have stored the recovery code somewhere safe")
        .click();
    h.run();
    click(&mut h, "Continue");
    type_into(&mut h, "Organisation name", "Boulangerie Soleil SARL");
    type_into(&mut h, "Controller email", "privacy@soleil.example");
    click(&mut h, "We have not appointed a data protection officer");
    assert!(h.query_by_label(LABEL).is_none());
    click(&mut h, "GDPR (European Union)");
    choose(
        &mut h,
        "Holiday calendar for GDPR (European Union) deadlines",
        "Ireland",
    );
    choose(&mut h, LABEL, "France");
    click(&mut h, "Save and continue");
    assert_eq!(
        h.state().area(),
        Some(Area::Dashboard),
        "{:?}",
        h.state().notice_text()
    );
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(s.settings().member_state().unwrap(), Some(MemberState::Fr));
}
