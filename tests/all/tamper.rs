//! A byte flipped in a sealed field, or a ciphertext moved to another row or column: the
//! record says so by name, and every other record still opens.

use privacy_desk::crypto::{NONCE_LEN, TAG_LEN};
use privacy_desk::services::Session;
use privacy_desk::store::StoreError;
use uuid::Uuid;

use crate::common::{PASS, TempStore, draft, profile, read_blob, store_err, write_blob};

/// A store with three subjects A, B, C; returns their ids (the session is dropped).
fn three_subjects(store: &TempStore) -> [Uuid; 3] {
    let (session, _) = store.create();
    let ids = [
        ("Alice Andersen", "alice@example.org"),
        ("Bertrand Bach", "bertrand@example.org"),
        ("Chiara Conti", "chiara@example.org"),
    ]
    .map(|(name, email)| session.subjects().add_subject(&draft(name, email)).unwrap());
    drop(session);
    ids
}

fn assert_tampered(session: &Session, id: Uuid, table: &str, column: &str) {
    let err = store_err(session.subjects().subject(id));
    match &err {
        StoreError::FieldTampered {
            table: t,
            column: c,
            record,
        } => {
            assert_eq!((*t, *c, *record), (table, column, id), "{err}");
        }
        other => panic!("expected FieldTampered for {column} of {id}, got {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains(&id.to_string()), "{message}");
    assert!(message.contains(column), "{message}");
}

fn assert_opens(session: &Session, id: Uuid, name: &str) {
    let subject = session
        .subjects()
        .subject(id)
        .unwrap_or_else(|e| panic!("{name} should open: {e}"))
        .expect("present");
    assert_eq!(subject.fields.name, name);
}

/// Flips one byte at `index` (counted from the start, or from the end when negative) of the
/// sealed `name` of `id`.
fn flip_name_byte(store: &TempStore, id: Uuid, index: isize) {
    let conn = store.raw();
    let mut sealed = read_blob(&conn, "subjects", "name", id.as_bytes());
    let at = if index < 0 {
        sealed.len() - index.unsigned_abs()
    } else {
        index as usize
    };
    sealed[at] ^= 0x01;
    write_blob(&conn, "subjects", "name", id.as_bytes(), &sealed);
}

fn check_only_b_is_tampered(store: &TempStore, [a, b, c]: [Uuid; 3]) {
    let session = store
        .unlock(PASS)
        .expect("the header is intact, so it unlocks");
    assert_tampered(&session, b, "subjects", "name");
    assert_opens(&session, a, "Alice Andersen");
    assert_opens(&session, c, "Chiara Conti");
    // The email lookup of the neighbours still works; B's own lookup names B's record.
    assert_eq!(
        session
            .subjects()
            .find_subjects_by_email("alice@example.org")
            .unwrap()
            .len(),
        1
    );
    let err = store_err(
        session
            .subjects()
            .find_subjects_by_email("bertrand@example.org"),
    );
    assert!(
        matches!(err, StoreError::FieldTampered { record, .. } if record == b),
        "{err:?}"
    );
    assert_eq!(session.subjects().subject_ids().unwrap().len(), 3);
}

#[test]
fn a_flipped_ciphertext_byte_names_the_record_and_spares_the_others() {
    let store = TempStore::new();
    let ids = three_subjects(&store);
    // Inside the ciphertext proper: after version and nonce, before the tag.
    flip_name_byte(&store, ids[1], 1 + NONCE_LEN as isize + 2);
    check_only_b_is_tampered(&store, ids);
}

#[test]
fn a_flipped_nonce_byte_is_detected() {
    let store = TempStore::new();
    let ids = three_subjects(&store);
    flip_name_byte(&store, ids[1], 1 + 5);
    check_only_b_is_tampered(&store, ids);
}

#[test]
fn a_flipped_tag_byte_is_detected() {
    let store = TempStore::new();
    let ids = three_subjects(&store);
    flip_name_byte(&store, ids[1], -(TAG_LEN as isize / 2));
    check_only_b_is_tampered(&store, ids);
}

#[test]
fn a_changed_version_byte_or_truncated_value_is_detected() {
    let store = TempStore::new();
    let ids = three_subjects(&store);
    flip_name_byte(&store, ids[1], 0);
    check_only_b_is_tampered(&store, ids);

    let store = TempStore::new();
    let ids = three_subjects(&store);
    {
        let conn = store.raw();
        let sealed = read_blob(&conn, "subjects", "name", ids[1].as_bytes());
        write_blob(&conn, "subjects", "name", ids[1].as_bytes(), &sealed[..10]);
    }
    check_only_b_is_tampered(&store, ids);
}

#[test]
fn a_ciphertext_swapped_between_rows_is_detected_in_both() {
    let store = TempStore::new();
    let [a, b, c] = three_subjects(&store);
    {
        let conn = store.raw();
        let name_a = read_blob(&conn, "subjects", "name", a.as_bytes());
        let name_b = read_blob(&conn, "subjects", "name", b.as_bytes());
        write_blob(&conn, "subjects", "name", a.as_bytes(), &name_b);
        write_blob(&conn, "subjects", "name", b.as_bytes(), &name_a);
    }
    let session = store.unlock(PASS).unwrap();
    assert_tampered(&session, a, "subjects", "name");
    assert_tampered(&session, b, "subjects", "name");
    assert_opens(&session, c, "Chiara Conti");
}

#[test]
fn a_ciphertext_swapped_between_columns_is_detected_in_both() {
    let store = TempStore::new();
    let [a, b, c] = three_subjects(&store);
    let (name_a, phone_a) = {
        let conn = store.raw();
        let name = read_blob(&conn, "subjects", "name", a.as_bytes());
        let phone = read_blob(&conn, "subjects", "phone", a.as_bytes());
        write_blob(&conn, "subjects", "name", a.as_bytes(), &phone);
        write_blob(&conn, "subjects", "phone", a.as_bytes(), &name);
        (name, phone)
    };
    {
        let session = store.unlock(PASS).unwrap();
        // Columns open in order (email, name, phone, …): the first moved one is reported.
        assert_tampered(&session, a, "subjects", "name");
        assert_opens(&session, b, "Bertrand Bach");
        assert_opens(&session, c, "Chiara Conti");
    }
    // Put the name back: the phone, still holding the name's ciphertext, is caught on its own.
    {
        let conn = store.raw();
        write_blob(&conn, "subjects", "name", a.as_bytes(), &name_a);
        assert_ne!(name_a, phone_a);
    }
    let session = store.unlock(PASS).unwrap();
    assert_tampered(&session, a, "subjects", "phone");
}

#[test]
fn profile_contacts_swapped_between_columns_are_detected() {
    let store = TempStore::new();
    let (session, _) = store.create();
    let mut p = profile("Acme Widgets Ltd");
    p.dpo.name = "Dora Pereira".into();
    p.dpo.email = "dpo@example.org".into();
    session.settings().save_profile(&p).unwrap();
    drop(session);
    let id: Vec<u8> = {
        let conn = store.raw();
        let id: Vec<u8> = conn
            .query_row("SELECT id FROM organisation_profile", [], |r| r.get(0))
            .unwrap();
        let controller = read_blob(&conn, "organisation_profile", "controller", &id);
        let dpo = read_blob(&conn, "organisation_profile", "dpo", &id);
        write_blob(&conn, "organisation_profile", "controller", &id, &dpo);
        write_blob(&conn, "organisation_profile", "dpo", &id, &controller);
        id
    };
    let session = store.unlock(PASS).unwrap();
    let err = store_err(session.settings().profile());
    match err {
        StoreError::FieldTampered {
            table,
            column,
            record,
        } => {
            assert_eq!(table, "organisation_profile");
            assert_eq!(column, "controller");
            assert_eq!(record.as_bytes().as_slice(), id.as_slice());
        }
        other => panic!("expected FieldTampered, got {other:?}"),
    }
}
