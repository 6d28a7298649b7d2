//! Every file in the store's folder (main file, WAL, shared memory, lock, anything else) is
//! scanned for the bytes of known personal data: none may appear, with the session open and
//! after it is closed. A control proves the scan reads what SQLite wrote.

use std::path::PathBuf;

use privacy_desk::domain::organisation::{Contact, OrganisationProfile, Regime};
use privacy_desk::domain::subject::SubjectDraft;

use crate::common::{PASS, TempStore, contains, files_in};

/// Known personal values; each must be absent from every file.
fn subjects() -> [SubjectDraft; 2] {
    [
        SubjectDraft {
            email: "zebulon.q@example.org".into(),
            name: "Zebulon Quattrocchi".into(),
            phone: "+44 7700 900123".into(),
            postal_address: "17 Marrowbone Crescent, Little Wyvernshire".into(),
            customer_ref: "QX-88412-ZEB".into(),
            notes: "Prefers contact by carrier pigeon on Thursdays".into(),
            tags: "marrowbone-regulars".into(),
        },
        SubjectDraft {
            email: "Philippa.Vandersteen@Example.COM".into(),
            name: "Philippa Vandersteen".into(),
            phone: "+1 415 555 0199".into(),
            postal_address: "4410 Larkspur Hollow, Sausalito".into(),
            customer_ref: "PV-20931".into(),
            notes: "Asked about her loyalty-card history in March".into(),
            tags: "sausalito-wholesale".into(),
        },
    ]
}

fn organisation() -> OrganisationProfile {
    OrganisationProfile {
        name: "Grimsworth Haberdashery Cooperative".into(),
        controller: Contact {
            name: "Octavia Fennimore-Blythe".into(),
            email: "octavia.fb@grimsworth.example".into(),
            phone: "+44 161 496 0777".into(),
            postal_address: "2 Bobbin Yard, Grimsworth".into(),
        },
        dpo: Contact {
            name: "Lysander Okonkwo-Hale".into(),
            email: "lysander.dpo@grimsworth.example".into(),
            phone: "+44 161 496 0888".into(),
            postal_address: "3 Bobbin Yard, Grimsworth".into(),
        },
        regimes: [Regime::Gdpr, Regime::UkGdpr].into(),
    }
}

/// Every known secret or personal string, as exact, lower- and upper-case bytes.
fn needles(recovery_code: &str) -> Vec<(String, Vec<u8>)> {
    let mut values: Vec<String> = Vec::new();
    for s in subjects() {
        values.extend([
            s.email,
            s.name,
            s.phone,
            s.postal_address,
            s.customer_ref,
            s.notes,
            s.tags,
        ]);
    }
    let org = organisation();
    values.push(org.name);
    for c in [org.controller, org.dpo] {
        values.extend([c.name, c.email, c.phone, c.postal_address]);
    }
    // Distinctive fragments too, in case a value were stored split or re-formatted.
    values.extend(
        [
            "Quattrocchi",
            "Vandersteen",
            "Marrowbone",
            "Fennimore",
            "Okonkwo",
            "carrier pigeon",
            "zebulon.q",
        ]
        .map(str::to_owned),
    );
    values.push(PASS.to_owned());
    values.push(recovery_code.to_owned());
    values.push(recovery_code.replace('-', ""));

    let mut out = Vec::new();
    for v in values {
        for variant in [v.clone(), v.to_lowercase(), v.to_uppercase()] {
            out.push((v.clone(), variant.into_bytes()));
        }
    }
    out
}

fn scan(store: &TempStore, needles: &[(String, Vec<u8>)]) -> Vec<PathBuf> {
    let files = files_in(&store.store_dir());
    assert!(!files.is_empty());
    for (path, bytes) in &files {
        for (value, needle) in needles {
            assert!(
                !contains(bytes, needle),
                "{value:?} ({:?}) appears in {}",
                String::from_utf8_lossy(needle),
                path.display()
            );
        }
    }
    files.into_iter().map(|(p, _)| p).collect()
}

/// The control: plain, non-personal values that the store keeps in the clear are found by
/// the same scan, so a clean result means the personal values really are not there.
fn assert_control_found(files: &[(PathBuf, Vec<u8>)]) {
    for control in ["auto_lock_minutes", "subject.created", "profile.updated"] {
        assert!(
            files.iter().any(|(_, b)| contains(b, control.as_bytes())),
            "control {control:?} not found in any of {:?}",
            files.iter().map(|(p, _)| p).collect::<Vec<_>>()
        );
    }
}

#[test]
fn no_personal_data_in_any_file_of_the_store_folder() {
    let store = TempStore::new();
    let (session, code) = store.create();
    session.settings().save_profile(&organisation()).unwrap();
    session.settings().set_auto_lock(15).unwrap();
    let mut ids = Vec::new();
    for s in subjects() {
        ids.push(session.subjects().add_subject(&s).unwrap());
    }
    let needles = needles(&code.reveal());

    // Open: the data sits in the WAL as well as (or instead of) the main file.
    let wal = PathBuf::from(format!("{}-wal", store.path.display()));
    assert!(
        wal.is_file() && std::fs::metadata(&wal).unwrap().len() > 0,
        "a live session should have a WAL to scan"
    );
    let scanned = scan(&store, &needles);
    for expected in [
        "store.pdesk",
        "store.pdesk-wal",
        "store.pdesk-shm",
        "store.pdesk.lock",
    ] {
        assert!(
            scanned.iter().any(|p| p.ends_with(expected)),
            "{expected} was not scanned: {scanned:?}"
        );
    }
    assert_control_found(&files_in(&store.store_dir()));

    // The data really is there and readable with the key.
    assert_eq!(
        session
            .subjects()
            .subject(ids[0])
            .unwrap()
            .unwrap()
            .fields
            .name,
        "Zebulon Quattrocchi"
    );
    drop(session);

    // Closed: the WAL was checkpointed into the main file.
    scan(&store, &needles);
    let files = files_in(&store.store_dir());
    let main = files
        .iter()
        .filter(|(p, _)| p == &store.path)
        .cloned()
        .collect::<Vec<_>>();
    assert_control_found(&main);

    // And once more after another unlock and close (which rewrites pages).
    drop(store.unlock(PASS).unwrap());
    scan(&store, &needles);
}
