//! Records of processing through the window: an officer adds an activity through the form
//! (purpose, data categories, a special category with its Art. 9 condition, a transfer) and
//! sees it listed, adds a system serving it, adds a data category; a problem the service finds
//! is shown under the form and nothing is saved.

use super::requests::notice_contains;
use super::*;
use crate::domain::records::{Art9Condition, CategoryCode, TransferSafeguard};

#[test]
fn an_officer_adds_an_activity_a_system_and_a_category() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);

    click(&mut h, "Records of processing");
    assert_eq!(h.state().area(), Some(Area::Records));
    assert!(
        h.query_by_label_contains("No processing activities recorded yet")
            .is_some()
    );

    // The activity form, with every Art. 30 part.
    click(&mut h, "New activity…");
    type_into(&mut h, "Activity name", "Sending the newsletter");
    click(&mut h, "Newsletter · Consent (Art. 6(1)(a))");
    click(&mut h, "Email address");
    type_into(
        &mut h,
        "Categories of data subjects (comma-separated)",
        "subscribers, customers",
    );
    assert!(
        h.query_by_label("Condition for special categories (Art. 9(2) or Art. 10)")
            .is_none()
    );
    click(&mut h, "Health");
    assert!(
        h.query_by_label("Condition for special categories (Art. 9(2) or Art. 10)")
            .is_some(),
        "a special category asks for its condition"
    );
    click(
        &mut h,
        "Condition for special categories (Art. 9(2) or Art. 10)",
    );
    click(&mut h, "Explicit consent (Art. 9(2)(a))");
    click(&mut h, "Add a transfer");
    type_into(&mut h, "Country (transfer 1)", "United States");
    click(&mut h, "Save the activity");
    notice_contains(&h, "The activity “Sending the newsletter” was saved.");
    assert!(h.query_by_label("Sending the newsletter").is_some());
    assert!(
        h.query_by_label("Activity name").is_none(),
        "the editor closed"
    );

    let session = h.state().session.as_ref().unwrap();
    let activities = session.records().activities().unwrap();
    assert_eq!(activities.len(), 1);
    let a = &activities[0];
    assert_eq!(a.code.as_str(), "sending-the-newsletter");
    assert_eq!(a.purposes[0].as_str(), "newsletter");
    assert_eq!(
        a.data_categories,
        [
            CategoryCode::parse("contact.email").unwrap(),
            CategoryCode::parse("sensitive.health").unwrap()
        ]
    );
    assert_eq!(a.subject_categories, ["subscribers", "customers"]);
    assert_eq!(a.art9_condition, Some(Art9Condition::ExplicitConsent));
    assert_eq!(a.transfers[0].country, "United States");
    assert_eq!(
        a.transfers[0].safeguard,
        TransferSafeguard::StandardContractualClauses
    );

    // A system with no name is refused under the form; then one serving the activity.
    click(&mut h, "Systems");
    click(&mut h, "New system…");
    click(&mut h, "Save the system");
    assert!(
        h.query_by_label_contains("Name: give the system a name")
            .is_some(),
        "{:?}",
        h.state().notice_text()
    );
    type_into(&mut h, "System name", "Mailchimp audience");
    click(&mut h, "Sending the newsletter");
    click(&mut h, "Email address");
    click(&mut h, "Save the system");
    notice_contains(&h, "The system “Mailchimp audience” was saved.");
    assert!(h.query_by_label("Mailchimp audience").is_some());
    let session = h.state().session.as_ref().unwrap();
    let systems = session.records().data_systems().unwrap();
    assert_eq!(systems.len(), 1);
    assert_eq!(systems[0].activities, std::slice::from_ref(&a.code));

    // A new top-level category.
    click(&mut h, "Data categories");
    click(&mut h, "New top-level category…");
    type_into(&mut h, "Category name", "Loyalty scheme");
    click(&mut h, "Save the category");
    notice_contains(&h, "The data category “Loyalty scheme” was saved.");
    let session = h.state().session.as_ref().unwrap();
    let taxonomy = session.records().data_taxonomy().unwrap();
    assert!(
        taxonomy
            .get(&CategoryCode::parse("loyalty-scheme").unwrap())
            .is_some()
    );
}
