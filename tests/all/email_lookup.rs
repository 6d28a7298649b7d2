//! Exact-email lookup through the blind index: case and surrounding white space ignored,
//! nothing else matches.

use crate::common::{PASS, TempStore, draft};

#[test]
fn lookup_ignores_case_and_spaces_and_nothing_else() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let zeb = session
        .subjects()
        .add_subject(&draft("Zebulon Quattrocchi", "zebulon.q@example.org"))
        .unwrap();
    let other = session
        .subjects()
        .add_subject(&draft("Zelda Quattrocchi", "zelda.q@example.org"))
        .unwrap();
    let no_email = session
        .subjects()
        .add_subject(&draft("Nameless Ned", ""))
        .unwrap();

    let found = session
        .subjects()
        .find_subjects_by_email("  ZEBULON.Q@Example.org ")
        .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].id, zeb);
    assert_eq!(found[0].fields.name, "Zebulon Quattrocchi");

    for miss in [
        "zebulon.q@example.com",
        "zebulon@example.org",
        "zebulon.q@example.org.",
        "",
    ] {
        let found = session.subjects().find_subjects_by_email(miss).unwrap();
        assert!(found.is_empty(), "{miss:?} found {found:?}");
    }
    let found = session
        .subjects()
        .find_subjects_by_email("zelda.q@example.org")
        .unwrap();
    assert_eq!(found.iter().map(|s| s.id).collect::<Vec<_>>(), vec![other]);
    drop(session);

    // The index survives locking: it is keyed by the vault key, not the session.
    let session = store.unlock(PASS).unwrap();
    let found = session
        .subjects()
        .find_subjects_by_email("zebulon.q@EXAMPLE.ORG")
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, zeb);
    assert!(session.subjects().subject(no_email).unwrap().is_some());
}

#[test]
fn a_second_subject_with_the_same_email_is_refused() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let a = session
        .subjects()
        .add_subject(&draft("Sam Shared", "shared@example.org"))
        .unwrap();
    let err = session
        .subjects()
        .add_subject(&draft("Sasha Shared", " Shared@Example.org"))
        .unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    let found: Vec<_> = session
        .subjects()
        .find_subjects_by_email("shared@example.org")
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(found, vec![a]);
}
