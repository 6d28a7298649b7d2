//! The register tabs' rows through the window: in Records, Up/Down reorder, Edit opens the
//! editor, Remove… asks first (Keep it cancels); in Security, Edit/Correct fill the form,
//! Cancel empties it, a change is saved and Remove removes at once.

use chrono::Days;

use super::requests::notice_contains;
use super::*;
use crate::domain::records::{
    Activity, DataSystem, MeasureKind, RecordCode, SecurityMeasure, SystemKind, Training,
};
use crate::gui::areas::today;

fn system(name: &str) -> DataSystem {
    DataSystem {
        code: RecordCode::from_name(name),
        name: name.into(),
        kind: SystemKind::EmailPlatform,
        location: "Ireland".into(),
        vendor: None,
        data_categories: Vec::new(),
        activities: Vec::new(),
        holds_register: false,
        keeps_for: None,
        notes: String::new(),
    }
}

fn names<T>(rows: Vec<T>, name: impl Fn(&T) -> &str) -> Vec<String> {
    rows.iter().map(|r| name(r).to_owned()).collect()
}

/// Clicks the `n`th widget labelled `label`.
fn click_nth(h: &mut Harness<'_, PrivacyDeskApp>, label: &str, n: usize) {
    h.get_all_by_label(label).nth(n).unwrap().click();
    h.run();
}

#[test]
fn records_rows_reorder_edit_and_remove_after_asking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    {
        let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        for name in ["Alpha", "Beta"] {
            s.records()
                .save_activity(&Activity::named(name), true)
                .unwrap();
        }
        for name in ["Gamma", "Delta"] {
            s.records().save_data_system(&system(name), true).unwrap();
        }
    }
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Records of processing");
    let activities = |h: &Harness<'_, PrivacyDeskApp>| {
        names(
            h.state()
                .session
                .as_ref()
                .unwrap()
                .records()
                .activities()
                .unwrap(),
            |a| &a.name,
        )
    };

    // Alpha down, then (now last) up again.
    click_nth(&mut h, "Down", 0);
    notice_contains(&h, "The order of the activities was changed.");
    assert_eq!(activities(&h), ["Beta", "Alpha"]);
    click_nth(&mut h, "Up", 1);
    assert_eq!(activities(&h), ["Alpha", "Beta"]);

    // Edit opens the editor, Close the editor closes it.
    assert!(h.query_by_label("Activity name").is_none());
    click_nth(&mut h, "Edit", 1);
    assert!(h.query_by_label("Activity name").is_some());
    click(&mut h, "Close the editor");
    assert!(h.query_by_label("Activity name").is_none());

    // Remove… asks; Keep it keeps; Remove the activity removes.
    click_nth(&mut h, "Remove…", 0);
    assert!(
        h.query_by_label(
            "Remove the activity “Alpha” from the record of processing? Systems that serve it must be changed first."
        )
        .is_some()
    );
    click(&mut h, "Keep it");
    assert!(h.query_by_label("Remove the activity").is_none());
    assert_eq!(activities(&h).len(), 2);
    click_nth(&mut h, "Remove…", 0);
    click(&mut h, "Remove the activity");
    assert_eq!(activities(&h), ["Beta"]);

    // The same on the Systems tab.
    click(&mut h, "Systems");
    let systems = |h: &Harness<'_, PrivacyDeskApp>| {
        names(
            h.state()
                .session
                .as_ref()
                .unwrap()
                .records()
                .data_systems()
                .unwrap(),
            |s| &s.name,
        )
    };
    click_nth(&mut h, "Down", 0);
    notice_contains(&h, "The order of the systems was changed.");
    assert_eq!(systems(&h), ["Delta", "Gamma"]);
    click_nth(&mut h, "Edit", 0);
    assert!(h.query_by_label("System name").is_some());
    click(&mut h, "Close the editor");
    click_nth(&mut h, "Remove…", 1);
    assert!(
        h.query_by_label("Remove the system “Gamma” from the data inventory?")
            .is_some()
    );
    click(&mut h, "Remove the system");
    assert_eq!(systems(&h), ["Delta"]);
}

#[test]
fn security_rows_fill_the_form_and_remove_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    prepared_store(&path, 10);
    {
        let s = Session::unlock(&path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
        let measure = SecurityMeasure::named("Laptop disk encryption", MeasureKind::Encryption);
        s.security()
            .save_security_measure(&measure, true, today())
            .unwrap();
        let training = Training {
            id: uuid::Uuid::nil(),
            trainee: "Tamsin Ng".into(),
            topic: "GDPR basics".into(),
            completed_on: today() - Days::new(10),
            renew_on: None,
        };
        s.security().record_training(&training, today()).unwrap();
    }
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    click(&mut h, "Security");
    settle(&mut h);

    // Edit fills the form; Cancel the change empties it; a change is saved.
    assert!(h.query_by_label("Add a measure").is_some());
    click(&mut h, "Edit");
    assert!(h.query_by_label("Change the measure").is_some());
    click(&mut h, "Cancel the change");
    assert!(h.query_by_label("Add a measure").is_some());
    assert!(h.query_by_label("Cancel the change").is_none());
    click(&mut h, "Edit");
    type_into(&mut h, "Owner (a role or a team)", "IT desk");
    click(&mut h, "Save the measure");
    notice_contains(&h, "The security measure Laptop disk encryption was saved.");
    h.run();
    let measures = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .security()
        .security_measures()
        .unwrap();
    assert_eq!(measures.len(), 1);
    assert_eq!(measures[0].owner, "IT desk");
    assert!(
        h.query_by_label("Add a measure").is_some(),
        "the form was emptied"
    );
    click(&mut h, "Remove");
    h.run();
    let session = h.state().session.as_ref().unwrap();
    assert!(session.security().security_measures().unwrap().is_empty());
    assert!(
        h.query_by_label("No security measure recorded yet.")
            .is_some()
    );

    // Training: Correct fills the form, Cancel the correction empties it, Remove removes.
    click(&mut h, "Staff training");
    h.run();
    assert!(h.query_by_label("Record a training").is_some());
    click(&mut h, "Correct");
    assert!(h.query_by_label("Correct the training").is_some());
    click(&mut h, "Cancel the correction");
    assert!(h.query_by_label("Record a training").is_some());
    click(&mut h, "Remove");
    h.run();
    let session = h.state().session.as_ref().unwrap();
    assert!(session.security().trainings().unwrap().is_empty());
    assert!(h.query_by_label("No training recorded yet.").is_some());
}
