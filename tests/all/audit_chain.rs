//! The audit chain detects an edited, deleted, reordered or truncated entry, through the
//! library (`verify_audit`) and the CLI (`audit verify`), naming the first bad entry.

use privacy_desk::domain::audit::ChainBreak;

use crate::common::{PASS, TempStore, draft, drop_audit_triggers, profile, run};

/// Builds a store whose log holds exactly ten entries, then locks it.
fn store_with_ten_entries() -> TempStore {
    let store = TempStore::new();
    let (session, _) = store.create(); // 1 store.created, 2 purposes.adopted
    for (name, email) in [
        ("Grace Hopper", "grace@example.org"),
        ("Edsger Dijkstra", "edsger@example.org"),
        ("Barbara Liskov", "barbara@example.org"),
        ("Donald Knuth", "donald@example.org"),
    ] {
        session.subjects().add_subject(&draft(name, email)).unwrap(); // 3..=6
    }
    session
        .settings()
        .save_profile(&profile("Acme Widgets Ltd"))
        .unwrap(); // 7
    session.settings().set_auto_lock(20).unwrap(); // 8
    session
        .settings()
        .save_profile(&profile("Acme Widgets Limited"))
        .unwrap(); // 9
    session
        .subjects()
        .add_subject(&draft("Frances Allen", "frances@example.org"))
        .unwrap(); // 10
    let report = session.audit().verify_audit().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.checked, 10);
    assert_eq!(session.store().header().unwrap().audit_head_seq, 10);
    drop(session);
    store
}

/// Tampers with raw SQL (triggers dropped first), then checks that the library and the CLI
/// both report the chain broken at `first_bad`.
fn tamper_and_expect(sql: &str, first_bad: i64) -> ChainBreak {
    let store = store_with_ten_entries();
    {
        let conn = store.raw();
        drop_audit_triggers(&conn);
        conn.execute_batch(sql).expect("tamper");
    }

    // Unlocking still works (it appends its own entry after the recorded head), but the
    // chain reports the break.
    let brk = {
        let session = store.unlock(PASS).expect("unlock a tampered log");
        let report = session.audit().verify_audit().unwrap();
        let brk = report
            .first_break
            .clone()
            .unwrap_or_else(|| panic!("tampering not detected: {sql}"));
        assert_eq!(brk.first_bad_seq(), first_bad, "{brk} ({sql})");
        assert!(report.checked < first_bad, "{report:?}");
        brk
    };

    let pass_file = store.secret_file("pass.txt", PASS);
    let out = run(store.cli_with(&pass_file).args(["audit", "verify"]));
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr.contains(&format!("broken at entry {first_bad}")),
        "{out:?}"
    );
    assert!(!out.stdout.contains("intact"), "{out:?}");
    brk
}

#[test]
fn an_edited_details_field_is_found() {
    let brk = tamper_and_expect(
        "UPDATE audit_log SET details = 'fields: nothing to see' WHERE seq = 4;",
        4,
    );
    assert_eq!(brk, ChainBreak::Edited { seq: 4 });
}

#[test]
fn an_edited_time_is_found() {
    let brk = tamper_and_expect(
        "UPDATE audit_log SET at = '2001-01-01T00:00:00.000000Z' WHERE seq = 6;",
        6,
    );
    assert_eq!(brk, ChainBreak::Edited { seq: 6 });
}

#[test]
fn an_edited_action_of_the_last_entry_is_found() {
    let brk = tamper_and_expect(
        "UPDATE audit_log SET action = 'settings.updated' WHERE seq = 10;",
        10,
    );
    assert_eq!(brk, ChainBreak::Edited { seq: 10 });
}

#[test]
fn a_deleted_middle_entry_is_found() {
    let brk = tamper_and_expect("DELETE FROM audit_log WHERE seq = 5;", 5);
    assert_eq!(
        brk,
        ChainBreak::Gap {
            expected: 5,
            found: 6
        }
    );
}

#[test]
fn a_deleted_and_renumbered_entry_is_found() {
    // Delete entry 5 and close the gap, one row at a time in ascending order.
    let brk = tamper_and_expect(
        "DELETE FROM audit_log WHERE seq = 5;
         UPDATE audit_log SET seq = 5 WHERE seq = 6;
         UPDATE audit_log SET seq = 6 WHERE seq = 7;
         UPDATE audit_log SET seq = 7 WHERE seq = 8;
         UPDATE audit_log SET seq = 8 WHERE seq = 9;
         UPDATE audit_log SET seq = 9 WHERE seq = 10;",
        5,
    );
    assert_eq!(brk.first_bad_seq(), 5);
}

#[test]
fn reordered_entries_are_found() {
    // Swap every column but seq of entries 4 and 6 (the same as swapping their seq).
    tamper_and_expect(
        "UPDATE audit_log SET seq = -1 WHERE seq = 4;
         UPDATE audit_log SET seq = 4 WHERE seq = 6;
         UPDATE audit_log SET seq = 6 WHERE seq = -1;",
        4,
    );
}

#[test]
fn reordered_adjacent_entries_with_their_macs_are_found() {
    // Swap all columns except seq of entries 3 and 4, written out column by column.
    tamper_and_expect(
        "CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE seq IN (3, 4);
         UPDATE audit_log SET
             (at, actor, via, action, entity_kind, entity_id, details, prev_mac, mac) =
             (SELECT at, actor, via, action, entity_kind, entity_id, details, prev_mac, mac
              FROM t WHERE t.seq = 7 - audit_log.seq)
         WHERE seq IN (3, 4);
         DROP TABLE t;",
        3,
    );
}

#[test]
fn a_truncated_log_is_found() {
    // The header still records entry 10 as the head, so the cut shows.
    let brk = tamper_and_expect("DELETE FROM audit_log WHERE seq > 7;", 8);
    assert!(
        matches!(
            brk,
            ChainBreak::Gap { expected: 8, .. } | ChainBreak::Truncated { last_seq: 7, .. }
        ),
        "{brk:?}"
    );
}

// Not tested, by design: truncating the log *and* rolling the header's audit_head_seq and
// audit_head_mac back to the new last entry leaves a chain that is internally consistent, so
// verification inside the file cannot see it. Only a head kept outside the file (an earlier
// export carries `head.seq` and `head.mac`) shows such a rewrite.

#[test]
fn the_log_is_append_only_while_its_triggers_stand() {
    let store = store_with_ten_entries();
    let conn = store.raw();
    let update = conn.execute("UPDATE audit_log SET details = 'x' WHERE seq = 2", []);
    assert!(update.is_err(), "an UPDATE of the audit log must fail");
    let delete = conn.execute("DELETE FROM audit_log WHERE seq = 2", []);
    assert!(delete.is_err(), "a DELETE from the audit log must fail");
    drop(conn);
    let session = store.unlock(PASS).unwrap();
    assert!(session.audit().verify_audit().unwrap().is_intact());
}
