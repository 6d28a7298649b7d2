//! Which vendor questionnaire is in use, through the window: the Vendors area says the shipped
//! one, then the officer's once a file is loaded (the file dialog itself is the platform's, so
//! the test sends what it would), a bad file is refused with its line, and "Use the shipped
//! questionnaire" brings the shipped one back.

use std::path::PathBuf;

use super::requests::{disabled, notice_contains};
use super::*;
use crate::gui::areas::vendors::command::VendorCommand;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

#[test]
fn the_vendors_area_shows_and_replaces_the_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);

    click(&mut h, "Vendors");
    click(&mut h, "Questionnaire: the shipped one");
    assert!(
        h.query_by_label_contains("In use: the questionnaire shipped with Privacy Desk")
            .is_some()
    );
    assert!(disabled(&h.get_by_label("Use the shipped questionnaire")));
    assert!(!disabled(&h.get_by_label("Load from a file…")));

    h.state_mut()
        .apply_vendor(VendorCommand::LoadQuestionnaire(data(
            "bad_vendor_questionnaire_duplicate.toml",
        )));
    settle(&mut h);
    notice_contains(&h, "line 17: question backups-tested: the id is used twice");
    assert!(h.query_by_label("Questionnaire: the shipped one").is_some());

    h.state_mut()
        .apply_vendor(VendorCommand::LoadQuestionnaire(data(
            "vendor_questionnaire_custom.toml",
        )));
    settle(&mut h);
    notice_contains(&h, "Your questionnaire is in use: 5 questions");
    let header = "Questionnaire: yours, from vendor_questionnaire_custom.toml";
    assert!(h.query_by_label(header).is_some());
    if h.query_by_label("Use the shipped questionnaire").is_none() {
        click(&mut h, header);
    }
    click(&mut h, "Use the shipped questionnaire");
    settle(&mut h);
    notice_contains(&h, "shipped with Privacy Desk is in use again");
    assert!(h.query_by_label("Questionnaire: the shipped one").is_some());
    let source = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .vendors()
        .vendor_questionnaire_in_use()
        .unwrap()
        .source;
    assert_eq!(source, crate::services::QuestionnaireSource::Shipped);
}
