//! The tags: every protected column is either bound or named here as deliberately unbound, a
//! write through the door is tagged, an edit on another connection is caught, and a value
//! moved between rows is caught.

use rusqlite::Connection;
use zeroize::Zeroizing;

use super::*;
use crate::crypto::{KEY_LEN, SecretKey};
use crate::store::migrations;

/// A generation counter for writes begun without a store.
static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Columns of protected tables that no tag binds, and why.
const UNBOUND: &[(&str, &str)] = &[
    ("consent_events", "evidence"), // sealed: bound to its record by AES-GCM
    ("users", "kdf_memory_kib"),    // only opens the wrap when intact
    ("users", "kdf_iterations"),
    ("users", "kdf_parallelism"),
    ("users", "passphrase_salt"),
    ("users", "wrapped_key"),
    ("users", "passphrase_changed_at"), // written with the wrap
    ("users", "failed_attempts"),       // written by a wrong passphrase, with no key
    ("users", "last_failed_at"),
    ("subjects", "email"), // sealed, as are the next five
    ("subjects", "name"),
    ("subjects", "phone"),
    ("subjects", "postal_address"),
    ("subjects", "customer_ref"),
    ("subjects", "notes"),
    ("subjects", "tags"),
    ("legal_holds", "reason"), // sealed
    ("requests", "requester"), // sealed, as are the next four
    ("requests", "details"),
    ("requests", "extension_reason"),
    ("requests", "refusal_detail"),
    ("requests", "outcome"),
    ("requests", "language"), // sealed (issue 20, item 4)
];

fn key(byte: u8) -> SecretKey {
    SecretKey::from_bytes(Zeroizing::new([byte; KEY_LEN]))
}

fn store_db() -> Db {
    let mut conn = Connection::open_in_memory().unwrap();
    migrations::all().to_latest(&mut conn).unwrap();
    Db::new(conn)
}

/// A new column of a protected table fails here until it is bound or named in [`UNBOUND`].
#[test]
fn every_column_of_a_protected_table_is_bound_or_named_as_unbound() {
    let db = store_db();
    for t in PROTECTED {
        let mut stmt = db
            .prepare(&format!("SELECT name FROM pragma_table_info('{}')", t.name))
            .unwrap();
        let columns: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for c in &columns {
            let bound = c == t.id || t.columns.contains(&c.as_str()) || c == MAC_COLUMN;
            let unbound = UNBOUND.contains(&(t.name, c.as_str()));
            assert!(
                bound ^ unbound,
                "{}.{c}: bind it in PROTECTED or name it in UNBOUND",
                t.name
            );
        }
        for c in t.columns {
            assert!(
                columns.iter().any(|x| x == c),
                "{}.{c} is not a column",
                t.name
            );
        }
    }
}

fn insert_rule(db: &Db, code: &str, name: &str) {
    db.execute(
        "INSERT INTO retention_rules (code, position, name, kind, condition, period_amount,
             period_unit, from_event, action, reason, enabled, updated_at)
         VALUES (?1, 1, ?2, 'subject', 'always', 2, 'years', 'created', 'flag', 'r', 1, 'now')",
        [code, name],
    )
    .unwrap();
}

#[test]
fn rows_written_through_the_door_are_tagged_and_edits_elsewhere_are_caught() {
    let db = store_db();
    install_triggers(&db).unwrap();
    let k = key(3);
    let writing = std::cell::Cell::new(false);
    let w = Write::begin(&db, &writing, &GENERATION, Some(&k)).unwrap();
    insert_rule(&w, "a", "Rule A");
    insert_rule(&w, "b", "Rule B");
    w.commit().unwrap();
    let clean = verify_all(&db, &k, &mut |_| true).unwrap();
    assert_eq!((clean.checked, clean.changed.len()), (2, 0), "{clean:?}");
    assert!(clean.complete);

    // Under another key every tag fails.
    assert_eq!(
        verify_all(&db, &key(4), &mut |_| true)
            .unwrap()
            .changed
            .len(),
        2
    );

    // An update through the door is re-tagged.
    let w = Write::begin(&db, &writing, &GENERATION, Some(&k)).unwrap();
    w.execute(
        "UPDATE retention_rules SET period_amount = 3 WHERE code = 'a'",
        [],
    )
    .unwrap();
    w.commit().unwrap();
    assert!(
        verify_all(&db, &k, &mut |_| true)
            .unwrap()
            .changed
            .is_empty()
    );

    // The same edit without the triggers (another tool) is caught, naming the row.
    db.execute_batch("DROP TRIGGER temp.pd_tag_update_retention_rules")
        .unwrap();
    db.execute(
        "UPDATE retention_rules SET period_amount = 9 WHERE code = 'b'",
        [],
    )
    .unwrap();
    let found = verify_all(&db, &k, &mut |_| true).unwrap();
    assert_eq!(found.changed.len(), 1);
    assert_eq!(found.changed[0].table, "retention_rules");
    assert_eq!(found.changed[0].record, "b");
    assert_eq!(
        found.changed[0].problem,
        crate::domain::audit::RowProblem::Changed
    );
    let recent = check_recent(&db, &k, 10, std::time::Duration::from_secs(3600)).unwrap();
    assert_eq!(recent.changed, found.changed);
}

#[test]
fn a_tag_moved_to_another_row_or_an_untagged_row_is_caught() {
    let db = store_db();
    install_triggers(&db).unwrap();
    let k = key(5);
    let writing = std::cell::Cell::new(false);
    let w = Write::begin(&db, &writing, &GENERATION, Some(&k)).unwrap();
    insert_rule(&w, "a", "Same");
    insert_rule(&w, "b", "Same");
    w.commit().unwrap();
    db.execute_batch(
        "UPDATE retention_rules SET row_mac = (SELECT row_mac FROM retention_rules WHERE code = 'a')
         WHERE code = 'b';
         DROP TRIGGER temp.pd_tag_insert_retention_rules;",
    )
    .unwrap();
    insert_rule(&db, "c", "Added elsewhere");
    let found = verify_all(&db, &k, &mut |_| true).unwrap();
    let named: Vec<_> = found
        .changed
        .iter()
        .map(|c| (c.record.as_str(), c.problem))
        .collect();
    use crate::domain::audit::RowProblem::*;
    assert_eq!(named, [("b", Changed), ("c", Untagged)]);
}

#[test]
fn a_write_of_protected_rows_without_the_key_is_refused() {
    let db = store_db();
    install_triggers(&db).unwrap();
    let writing = std::cell::Cell::new(false);
    let w = Write::begin(&db, &writing, &GENERATION, None).unwrap();
    insert_rule(&w, "a", "Rule A");
    assert!(w.commit().is_err());
    assert_eq!(count_rows(&db).unwrap(), 0);
}

#[test]
fn the_first_tagging_happens_once_and_survives_a_removed_setting() {
    let db = store_db();
    let k = key(6);
    insert_rule(&db, "old", "Written before format 13");
    assert!(needs_first_tagging(&db).unwrap());
    install_triggers(&db).unwrap();
    let writing = std::cell::Cell::new(false);
    let mut w = Write::begin(&db, &writing, &GENERATION, Some(&k)).unwrap();
    assert_eq!(tag_untagged(&w, &k, &mut |_, _| {}).unwrap(), 1);
    let entry = crate::domain::audit::NewAuditEntry {
        actor: "owner".into(),
        via: "cli".into(),
        action: AuditAction::RowsTagged,
        entity: crate::domain::audit::EntityRef::new("store", ""),
        details: "1 rows".into(),
    };
    crate::store::header::insert(&w, &test_header()).unwrap();
    let recorded = w.append_audit(&key(7), &entry).unwrap();
    record_first_tagging(&w, recorded.seq).unwrap();
    w.commit().unwrap();
    assert!(!needs_first_tagging(&db).unwrap());
    // Someone removes the setting and the tag: the trail still says the tagging was done.
    db.execute_batch("DELETE FROM settings; UPDATE retention_rules SET row_mac = NULL;")
        .unwrap();
    assert!(!needs_first_tagging(&db).unwrap());
}

fn test_header() -> crate::store::VaultHeader {
    crate::store::VaultHeader {
        store_id: [1; 16],
        format_version: crate::store::header::HEADER_FORMAT_VERSION,
        kdf: crate::crypto::KdfParams::DEFAULT,
        recovery_salt: [0; 16],
        wrapped_key_recovery: vec![0; 60],
        created_at: "now".into(),
        seal_count: 0,
        audit_head_seq: 0,
        audit_head_mac: Vec::new(),
    }
}

#[test]
fn a_store_made_with_tags_needs_no_first_tagging_even_without_the_setting() {
    let db = store_db();
    crate::store::header::insert(&db, &test_header()).unwrap();
    let entry = crate::domain::audit::NewAuditEntry {
        actor: "owner".into(),
        via: "cli".into(),
        action: AuditAction::StoreCreated,
        entity: crate::domain::audit::EntityRef::new("store", ""),
        details: format!("kdf argon2id; owner x{CREATED_TAGGED}"),
    };
    let created = crate::store::audit_log::append(&db, &key(7), &entry).unwrap();
    // The entry alone says so; the setting is a shortcut to it.
    assert!(!needs_first_tagging(&db).unwrap());
    tag_new_store(&db, &key(8), created.seq).unwrap();
    assert!(!needs_first_tagging(&db).unwrap());
    db.execute_batch("DELETE FROM settings").unwrap();
    assert!(!needs_first_tagging(&db).unwrap());
}
