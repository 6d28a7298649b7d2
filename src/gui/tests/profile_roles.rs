//! The controller's roles in Settings (issue 16): the Art. 27 representative, the Art. 26
//! joint controllers with the essence of the arrangement, and the Art. 30(2) record kept as a
//! processor, saved with the profile through the settings service and audited as `profile
//! set` is (the names of the parts changed, never their values).

use super::*;
use crate::domain::controller_roles::{ControllerRoles, JointController, ProcessedFor};

fn choose(h: &mut Harness<'_, PrivacyDeskApp>, combo: &str, item: &str) {
    click(h, combo);
    h.get_all_by_label(item).last().unwrap().click();
    h.run();
}

/// Scrolls the widget into view first: the form is longer than the window.
fn press(h: &mut Harness<'_, PrivacyDeskApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    click(h, label);
}

fn fill(h: &mut Harness<'_, PrivacyDeskApp>, label: &str, text: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    type_into(h, label, text);
}

fn roles(h: &Harness<'_, PrivacyDeskApp>) -> ControllerRoles {
    let s = h.state().session.as_ref().unwrap();
    s.settings().controller_roles().unwrap()
}

/// A representative who cannot be reached is refused naming Art. 27(4), nothing saved; then
/// the representative, a joint controller and a controller processed for are saved, audited
/// by part; removing the joint controller saves the list without it.
#[test]
fn settings_record_the_representative_a_joint_controller_and_the_processor_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Settings");
    click(&mut h, "Holiday calendars and automated decisions");
    choose(
        &mut h,
        "Holiday calendar for GDPR (European Union) deadlines",
        "Ireland",
    );
    assert!(h.query_by_label("Representative name").is_none(), "folded");
    click(
        &mut h,
        "Controller roles: representative, joint controllers, processing for others",
    );

    fill(&mut h, "Representative name", "EU Rep Ltd");
    press(&mut h, "Save organisation profile");
    assert!(
        h.query_by_label_contains("Problem: Representative: give an email or a postal address")
            .is_some()
    );
    assert!(h.query_by_label_contains("(Art. 27(4))").is_some());
    assert_eq!(roles(&h), ControllerRoles::default(), "nothing saved");

    fill(&mut h, "Representative email", "rep@eurep.example");
    assert_eq!(
        h.get_by_label("Representative email").value().as_deref(),
        Some("rep@eurep.example")
    );
    press(&mut h, "Add a joint controller");
    fill(&mut h, "Joint controller 1 name", "Partner Shop Ltd");
    type_into(
        &mut h,
        "Joint controller 1 contact",
        "privacy@partner.example",
    );
    type_into(
        &mut h,
        "Joint controller 1: essence of the arrangement",
        "We answer all requests; they run the shop",
    );
    press(&mut h, "Add a controller you process for");
    type_into(
        &mut h,
        "Controller 1: name and contact",
        "Client Co, dpo@client.example",
    );
    fill(&mut h, "Controller 1: categories of processing", "payroll");
    type_into(
        &mut h,
        "Security measures for the processing done for other controllers (Art. 30(2)(d))",
        "Encrypted laptops; two-factor sign-in",
    );
    press(&mut h, "Save organisation profile");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("profile was saved")),
        "{:?} {:?}",
        h.state().notice_text(),
        h.query_by_label_contains("Problem")
            .map(|n| format!("{n:?}"))
    );
    let saved = roles(&h);
    assert_eq!(saved.representative.name, "EU Rep Ltd");
    assert_eq!(saved.representative.email, "rep@eurep.example");
    assert_eq!(
        saved.joint_controllers,
        vec![JointController {
            name: "Partner Shop Ltd".into(),
            contact: "privacy@partner.example".into(),
            essence: "We answer all requests; they run the shop".into(),
        }]
    );
    assert_eq!(
        saved.processed_for,
        vec![ProcessedFor {
            controller: "Client Co, dpo@client.example".into(),
            categories: "payroll".into(),
            transfers: String::new(),
        }]
    );
    assert_eq!(
        saved.processor_security,
        "Encrypted laptops; two-factor sign-in"
    );
    {
        let s = h.state().session.as_ref().unwrap();
        let entries = s.audit().audit_page(&Default::default(), 0, 100).unwrap();
        let roles_entry = entries
            .iter()
            .find(|e| {
                e.action == "profile.updated"
                    && e.details == "fields: representative, joint_controllers, processor_record"
            })
            .expect("the roles' audit entry");
        assert_eq!(roles_entry.via, "gui");
        assert!(!roles_entry.details.contains("EU Rep"), "no values audited");
    }

    press(&mut h, "Remove joint controller 1");
    press(&mut h, "Save organisation profile");
    assert!(roles(&h).joint_controllers.is_empty());
    assert_eq!(roles(&h).representative.name, "EU Rep Ltd");
}
