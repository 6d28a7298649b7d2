//! The security register through the library: the trainee's name and the incident's details
//! never reach any file of the store's folder in plaintext (the scan of `plaintext_scan.rs`,
//! with a control), and who may read or change the incident log.

use chrono::{Local, TimeDelta, Utc};
use privacy_desk::crypto::Passphrase;
use privacy_desk::domain::access::Role;
use privacy_desk::domain::records::{IncidentDetails, IncidentEntry, Training};
use privacy_desk::services::ServiceError;

use crate::common::{TempStore, contains, files_in, unlock_as};

/// Values that must never appear in any file of the store's folder.
const TRAINEE: &str = "Bartholomew Quillfeather";
const FACTS: &str = "Quillfeather's unlocked cabinet held the Xanadu payroll binder";
const EFFECTS: &str = "Salaries of the Xanadu night shift were readable";
const REMEDIAL: &str = "Cabinet padlocked; binder shredded after scanning";
const REASON: &str = "The night porter reported the Xanadu cabinet late";

#[test]
fn the_trainee_and_the_incident_details_never_reach_the_store_files_in_plaintext() {
    let store = TempStore::new();
    let (session, _code) = store.create();
    let today = Local::now().date_naive();
    let now = Utc::now();
    session
        .security()
        .record_training(
            &Training {
                id: uuid::Uuid::nil(),
                trainee: TRAINEE.into(),
                topic: "Clean desk policy".into(),
                completed_on: today,
                renew_on: None,
            },
            today,
        )
        .unwrap();
    let mut entry = IncidentEntry::new(
        now - TimeDelta::hours(100),
        IncidentDetails {
            facts: FACTS.into(),
            effects: EFFECTS.into(),
            remedial_action: REMEDIAL.into(),
            ..IncidentDetails::default()
        },
    );
    let incident = session.security().record_incident(&entry, now).unwrap();
    entry.authority_notified_at = Some(now - TimeDelta::hours(1));
    entry.details.reason_for_delay = REASON.into();
    session
        .security()
        .update_incident(incident.id, &entry, now)
        .unwrap();

    let needles: Vec<Vec<u8>> = [
        TRAINEE,
        "Quillfeather",
        FACTS,
        EFFECTS,
        REMEDIAL,
        REASON,
        "Xanadu",
    ]
    .iter()
    .flat_map(|v| [v.to_string(), v.to_lowercase(), v.to_uppercase()])
    .map(String::into_bytes)
    .collect();
    let scan = |when: &str| {
        let files = files_in(&store.store_dir());
        for (path, bytes) in &files {
            for needle in &needles {
                assert!(
                    !contains(bytes, needle),
                    "{when}: {:?} appears in {}",
                    String::from_utf8_lossy(needle),
                    path.display()
                );
            }
        }
        // The control: what is stored plain is found by the same scan.
        for control in ["Clean desk policy", "incident.recorded"] {
            assert!(
                files.iter().any(|(_, b)| contains(b, control.as_bytes())),
                "{when}: control {control:?} not found"
            );
        }
    };
    scan("open");
    // The data is there, readable with the key.
    assert_eq!(session.security().trainings().unwrap()[0].trainee, TRAINEE);
    assert_eq!(
        session.security().incidents().unwrap()[0]
            .entry
            .details
            .facts,
        FACTS
    );
    drop(session);
    scan("closed");
}

#[test]
fn who_may_read_and_change_the_incident_log() {
    let store = TempStore::new();
    let (mut owner, _code) = store.create();
    let now = Utc::now();
    for (name, role) in [("ada", Role::Auditor), ("abe", Role::Assistant)] {
        owner
            .users()
            .add_user(name, role, &Passphrase::new("a long enough passphrase 42"))
            .unwrap();
    }
    let entry = IncidentEntry::new(
        now - TimeDelta::hours(1),
        IncidentDetails {
            facts: "A phishing mail was answered".into(),
            ..IncidentDetails::default()
        },
    );
    owner.security().record_incident(&entry, now).unwrap();
    drop(owner);

    let auditor = unlock_as(&store.path, "ada", "a long enough passphrase 42").unwrap();
    assert_eq!(
        auditor.security().incidents().unwrap().len(),
        1,
        "auditors read the log"
    );
    assert!(matches!(
        auditor.security().record_incident(&entry, now),
        Err(ServiceError::NotPermitted(_))
    ));
    assert_eq!(
        auditor.security().security_status().unwrap().incidents_open,
        1
    );
    drop(auditor);

    let assistant = unlock_as(&store.path, "abe", "a long enough passphrase 42").unwrap();
    assert!(matches!(
        assistant.security().incidents(),
        Err(ServiceError::NotPermitted(_))
    ));
    // The figures hold no personal data: every role sees them.
    let status = assistant.settings().status().unwrap();
    assert_eq!(status.security.incidents_open, 1);
    assert_eq!(status.security.notification_clocks.len(), 1);
}
