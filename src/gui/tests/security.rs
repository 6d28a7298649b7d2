//! Security through the window: an owner enters a breach through the incident form and sees
//! its 72-hour deadline counting down (in the form, the log and on the Dashboard), opens it from
//! the Dashboard, adds a measure and records a training whose renewal shows on the Dashboard;
//! an assistant is told why the incident log is closed to them; a high-risk breach shows the
//! Art. 34 rule and closes only once the people were told.

use chrono::Days;

use super::requests::notice_contains;
use super::*;
use crate::gui::areas::today;

const FACTS: &str = "The order spreadsheet was emailed to the wrong customer";

#[test]
fn an_owner_records_a_breach_a_measure_and_a_training() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    assert!(h.query_by_label_contains("Nothing due").is_some());

    click(&mut h, "Security");
    assert_eq!(h.state().area(), Some(Area::Security));
    click(&mut h, "Incident log");
    assert!(h.query_by_label("No breach has been logged.").is_some());
    // The form starts aware "now": the deadline is shown as soon as the time is there.
    assert!(
        h.query_by_label_contains("Deadline to notify the supervisory authority:")
            .is_some()
    );
    assert!(h.query_by_label_contains(" min left.").is_some());

    // Without facts the entry is refused, naming the field.
    click(&mut h, "Enter the breach in the log");
    notice_contains(&h, "Facts:");

    type_into(&mut h, "Facts", FACTS);
    type_into(&mut h, "Effects", "One customer saw 30 others' orders");
    type_into(&mut h, "Remedial action", "Asked the customer to delete it");
    click(&mut h, "Enter the breach in the log");
    notice_contains(&h, "INC-0001 was entered in the incident log");
    notice_contains(&h, "Notify the supervisory authority by");
    h.run();

    let session = h.state().session.as_ref().unwrap();
    let incident = session.security().incidents().unwrap().remove(0);
    assert_eq!(incident.entry.details.facts, FACTS);
    let deadline = incident.entry.deadline();
    assert_eq!(
        deadline - incident.entry.aware_at,
        chrono::TimeDelta::hours(72)
    );
    let deadline_text = deadline.format("%Y-%m-%d %H:%M UTC").to_string();
    // The log lists it with its deadline and a running clock; the form shows it again.
    assert!(
        h.query_by_label(&deadline_text).is_some(),
        "{:#?}",
        h.root()
    );
    assert!(
        h.query_by_label_contains("72-hour clock running (")
            .is_some()
    );
    assert!(
        h.query_by_label("INC-0001 (recorded; correct it below)")
            .is_some()
    );

    // The Dashboard shows the running clock; Open leads back to the entry.
    click(&mut h, "Dashboard");
    settle(&mut h);
    let line = format!("INC-0001: notify the supervisory authority by {deadline_text}");
    assert!(
        h.query_by_label_contains(&line).is_some(),
        "{:#?}",
        h.root()
    );
    click(&mut h, "Open INC-0001");
    h.run();
    assert_eq!(h.state().area(), Some(Area::Security));
    assert!(
        h.query_by_label("INC-0001 (recorded; correct it below)")
            .is_some()
    );

    // Recording the notification ends the clock.
    click(&mut h, "Notified just now");
    click(&mut h, "Save the corrections");
    notice_contains(&h, "INC-0001 was corrected: authority notified on time");
    let session = h.state().session.as_ref().unwrap();
    let status = session.security().security_status().unwrap();
    assert_eq!(status.notification_clocks.len(), 0);

    // A measure through the form.
    click(&mut h, "Measures");
    type_into(&mut h, "Name of the measure", "Laptop disk encryption");
    let review = today() + Days::new(5);
    type_into(
        &mut h,
        "Next review on (YYYY-MM-DD)",
        &review.format("%Y-%m-%d").to_string(),
    );
    click(&mut h, "Save the measure");
    notice_contains(&h, "The security measure Laptop disk encryption was saved.");
    h.run();
    assert!(h.query_by_label("Laptop disk encryption").is_some());

    // A training whose renewal falls within 30 days.
    click(&mut h, "Staff training");
    type_into(&mut h, "Trainee (who was trained)", "Tamsin Ng");
    type_into(&mut h, "Training topic", "GDPR basics");
    let completed = today() - Days::new(330);
    type_into(
        &mut h,
        "Completed on (YYYY-MM-DD)",
        &completed.format("%Y-%m-%d").to_string(),
    );
    let renew = today() + Days::new(20);
    type_into(
        &mut h,
        "Renew on (YYYY-MM-DD; empty: no renewal)",
        &renew.format("%Y-%m-%d").to_string(),
    );
    click(&mut h, "Save the training");
    notice_contains(&h, "The training of Tamsin Ng on GDPR basics was saved.");
    h.run();
    assert!(h.query_by_label("Tamsin Ng").is_some());
    assert!(h.query_by_label("Renewal due soon").is_some());

    click(&mut h, "Dashboard");
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Trainings to renew within 30 days: GDPR basics")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Measures to review within 30 days: Laptop disk encryption")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Tamsin").is_none(),
        "no name on the Dashboard"
    );
}

#[test]
fn a_high_risk_breach_closes_only_once_the_people_were_told() {
    use crate::domain::records::incident::BreachRisk;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Security");
    click(&mut h, "Incident log");
    type_into(&mut h, "Facts", FACTS);
    type_into(&mut h, "Effects", "Addresses could be used for scams");
    type_into(&mut h, "Remedial action", "The customer deleted it");
    click(&mut h, BreachRisk::HighRisk.label());
    h.run();
    // The rule's reason is shown where the officer acts.
    assert!(
        h.query_by_label_contains("they must be told without undue delay (GDPR Art. 34(1))")
            .is_some(),
        "{:#?}",
        h.root()
    );
    click(&mut h, "Notified just now");
    click(&mut h, "Enter the breach in the log");
    notice_contains(&h, "INC-0001 was entered in the incident log");
    h.run();
    click(&mut h, "Close the incident");
    notice_contains(&h, "Art. 34(1)");
    let session = h.state().session.as_ref().unwrap();
    assert_eq!(session.security().incidents().unwrap()[0].closed_on, None);

    type_into(
        &mut h,
        "People told on",
        &today().format("%Y-%m-%d").to_string(),
    );
    h.run();
    assert!(
        h.query_by_label_contains("Settled: the people were told")
            .is_some()
    );
    click(&mut h, "Save the corrections");
    notice_contains(&h, "INC-0001 was corrected");
    click(&mut h, "Close the incident");
    notice_contains(&h, "The incident was closed.");
    let session = h.state().session.as_ref().unwrap();
    let incident = session.security().incidents().unwrap().remove(0);
    assert_eq!(incident.closed_on, Some(today()));
    assert_eq!(
        incident.entry.details.people_told.map(|t| t.on),
        Some(today())
    );
}

#[test]
fn an_assistant_is_told_why_the_incident_log_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    const ABE: &str = "abe's own passphrase";
    let mut owner = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    owner
        .users()
        .add_user("abe", Role::Assistant, &Passphrase::new(ABE))
        .unwrap();
    drop(owner);
    let mut h = harness(&path, 1.0 / 60.0);
    super::requests::sign_in_as(&mut h, "abe (Assistant)", ABE);
    click(&mut h, "Security");
    click(&mut h, "Incident log");
    assert!(
        h.query_by_label_contains("does not allow you to view reports")
            .is_some()
    );
    click(&mut h, "Measures");
    assert!(
        h.query_by_label_contains("does not allow you to edit vendors")
            .is_some()
    );
    assert!(h.query_by_label("Save the measure").is_none());
}
