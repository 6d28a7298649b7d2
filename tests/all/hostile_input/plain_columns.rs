//! Plain columns edited with plain SQLite (issue 17, item 6): for every column an integrity
//! tag binds, a copy of a store holding a row in every protected table has that one cell
//! changed, and `audit verify` (the service and the command line) fails naming the table and
//! the record id, and nothing else; the check at unlock counts it. A row inserted outside the
//! app, or a tag moved to another row, is caught too.

use std::fs;
use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use privacy_desk::crypto::Passphrase;
use privacy_desk::domain::access::Role;
use privacy_desk::domain::audit::{ChangedRow, RowProblem};
use privacy_desk::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use privacy_desk::domain::organisation::Regime;
use privacy_desk::domain::purpose::PurposeCode;
use privacy_desk::domain::request::{RequestChannel, RequestDraft, RequestType, Requester};
use privacy_desk::domain::retention::hold::HoldTarget;
use privacy_desk::store::integrity::{IdKind, PROTECTED, ProtectedTable};
use rusqlite::types::Value;
use uuid::Uuid;

use crate::common::{PASS, TempStore, draft, run, unlock_as};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// The row of each protected table the edits aim at, by its record id as reports show it.
struct Targets(Vec<(&'static str, String)>);

impl Targets {
    fn of(&self, table: &str) -> &str {
        &self.0.iter().find(|(t, _)| *t == table).expect("target").1
    }
}

/// A store (closed) with a row in every protected table, and the row each edit aims at.
fn store_with_every_protected_row() -> (TempStore, Targets) {
    let store = TempStore::new();
    let (mut session, _) = store.create();
    let today = day("2026-11-30");
    let ada = session
        .subjects()
        .add_subject(&draft("Ada Lovelace", "ada@example.org"))
        .expect("add Ada");
    let bruno = session
        .subjects()
        .add_subject(&draft("Bruno Brunelleschi", "bruno@example.org"))
        .expect("add Bruno");
    let event = session
        .consent()
        .record_consent(
            ada,
            &ConsentEvent {
                purpose: Some(PurposeCode::parse("newsletter").expect("code")),
                kind: ConsentEventKind::Given,
                at: Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
                channel: Channel::WebForm,
                notice_version: Some(1),
                evidence: Evidence::default(),
                recorded_by: "owner".into(),
            },
        )
        .expect("consent");
    let officer = session
        .users()
        .add_user(
            "olive",
            Role::Officer,
            &Passphrase::new("olive's own long passphrase here"),
        )
        .expect("add user");
    let (request, _) = session
        .requests()
        .open_request(
            &RequestDraft {
                regime: Regime::Gdpr,
                kind: RequestType::Access,
                received: day("2026-11-20"),
                channel: RequestChannel::Email,
                email: "ada@example.org".into(),
                requester: Requester {
                    name: "Ada Lovelace".into(),
                    ..Requester::default()
                },
                details: "Ada asks for her file".into(),
            },
            today,
        )
        .expect("open request");
    session
        .requests()
        .charge_fee(
            request,
            privacy_desk::domain::request::fee::FeeReason::FurtherCopy,
            1000,
            None,
            today,
            today,
        )
        .expect("fee");
    let hold = session
        .retention()
        .place_hold(HoldTarget::Subject(ada), "An invoice dispute", None, today)
        .expect("hold");
    session
        .retention()
        .adopt_default_retention()
        .expect("rules");
    session
        .requests()
        .erase_subject(bruno, None, today)
        .expect("erase Bruno");
    assert!(session.audit().verify_audit().expect("verify").is_intact());
    drop(session);
    let rule: String = store
        .raw()
        .query_row(
            "SELECT code FROM retention_rules ORDER BY position LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a rule");
    let targets = Targets(vec![
        ("consent_events", event.to_string()),
        ("users", officer.id.to_string()),
        ("subjects", ada.to_string()),
        ("erasures", "1".to_owned()),
        ("retention_rules", rule),
        ("legal_holds", hold.to_string()),
        ("requests", request.to_string()),
        ("request_terms", request.to_string()),
    ]);
    (store, targets)
}

/// A copy of the closed store at `from`, as someone with the file (not the passphrase) would
/// take it; their edits go to the copy.
fn copy_of(from: &Path) -> TempStore {
    let copy = TempStore::new();
    fs::create_dir_all(copy.store_dir()).expect("folder");
    fs::copy(from, &copy.path).expect("copy store");
    let conn = copy.raw();
    // What stops an honest mistake does not stop someone editing the file.
    conn.execute_batch("DROP TRIGGER consent_events_no_update; DROP TRIGGER erasures_no_update;")
        .expect("drop triggers");
    copy
}

/// The WHERE clause and parameter that find the target row of `t`.
fn locate(t: &ProtectedTable, record: &str) -> (String, Value) {
    let value = match t.id_kind {
        IdKind::Uuid => Value::Blob(Uuid::parse_str(record).expect("uuid").as_bytes().to_vec()),
        IdKind::Seq => Value::Integer(record.parse().expect("seq")),
        IdKind::Code => Value::Text(record.to_owned()),
    };
    (format!("{} = ?1", t.id), value)
}

/// A different value for `column` that the table's own constraints still accept.
fn changed_value(
    conn: &rusqlite::Connection,
    t: &ProtectedTable,
    column: &str,
    at: &(String, Value),
) -> Value {
    let current: Value = conn
        .query_row(
            &format!("SELECT {column} FROM {} WHERE {}", t.name, at.0),
            [&at.1],
            |r| r.get(0),
        )
        .expect("current value");
    let declared: String = conn
        .query_row(
            "SELECT type FROM pragma_table_info(?1) WHERE name = ?2",
            [t.name, column],
            |r| r.get(0),
        )
        .expect("declared type");
    let text = |s: &str| Value::Text(s.to_owned());
    match (t.name, column, current) {
        ("users", "role", _) => text("owner"),
        ("requests", "regime", _) => text("ccpa-cpra"),
        ("retention_rules", "kind", Value::Text(k)) => {
            text(if k == "request" { "subject" } else { "request" })
        }
        ("retention_rules", "period_unit", Value::Text(u)) => {
            text(if u == "days" { "years" } else { "days" })
        }
        ("retention_rules", "action", Value::Text(a)) => {
            text(if a == "flag" { "delete" } else { "flag" })
        }
        ("retention_rules", "enabled", Value::Integer(e)) => Value::Integer(1 - e),
        ("legal_holds", "target_kind", _) => text("request"),
        ("request_terms", "data_points", Value::Integer(n)) => {
            Value::Integer(if n == 0 { 3 } else { 0 })
        }
        ("request_terms", "signed_declaration", Value::Integer(n)) => Value::Integer(1 - n),
        (_, _, Value::Integer(n)) => Value::Integer(n + 1000),
        (_, _, Value::Text(s)) => Value::Text(format!("{s}x")),
        (_, _, Value::Blob(mut b)) => {
            b.push(0);
            Value::Blob(b)
        }
        (_, _, Value::Null) => match declared.as_str() {
            "INTEGER" => Value::Integer(7),
            "BLOB" => Value::Blob(vec![1; 16]),
            _ => text("2020-01-01"),
        },
        (_, _, Value::Real(r)) => Value::Real(r + 1.0),
    }
}

/// Sets one cell of the target row of `t`; returns the record id reports should name.
fn edit(copy: &TempStore, t: &ProtectedTable, column: &str, record: &str) -> String {
    let conn = copy.raw();
    conn.execute_batch("PRAGMA foreign_keys = OFF")
        .expect("foreign keys off");
    let at = locate(t, record);
    let value = changed_value(&conn, t, column, &at);
    let n = conn
        .execute(
            &format!("UPDATE {} SET {column} = ?2 WHERE {}", t.name, at.0),
            rusqlite::params![at.1, value],
        )
        .expect("edit");
    assert_eq!(n, 1, "{}.{column}", t.name);
    match (column == t.id, value) {
        (true, Value::Integer(n)) => n.to_string(),
        _ => record.to_owned(),
    }
}

#[test]
fn every_bound_column_edited_with_sqlite_is_named_by_audit_verify() {
    let (store, targets) = store_with_every_protected_row();
    let mut edited = 0;
    for t in PROTECTED {
        for column in std::iter::once(&t.id).chain(t.columns) {
            if *column == t.id && t.id_kind != IdKind::Seq {
                continue; // a moved id is `a_tag_moved_…` below
            }
            let copy = copy_of(&store.path);
            let record = edit(&copy, t, column, targets.of(t.name));
            let session = unlock_as(&copy.path, "owner", PASS).expect("the copy still unlocks");
            let at_unlock = session.integrity_at_unlock().expect("checked at unlock");
            assert_eq!(at_unlock.changed, 1, "{}.{column}", t.name);
            assert!(
                at_unlock
                    .warning()
                    .expect("a warning")
                    .contains("run `audit verify`")
            );
            let report = session.audit().verify_audit().expect("verify runs");
            assert!(
                report.first_break.is_none(),
                "{}.{column}: {report:?}",
                t.name
            );
            assert_eq!(
                report.changed_rows,
                [ChangedRow {
                    table: t.name.to_owned(),
                    record,
                    problem: RowProblem::Changed,
                }],
                "{}.{column}",
                t.name
            );
            edited += 1;
        }
    }
    assert!(edited >= 60, "{edited} columns");
}

#[test]
fn the_command_line_names_the_edited_row_and_exits_1() {
    let (store, targets) = store_with_every_protected_row();
    let pass_file = store.secret_file("pass.txt", PASS);
    for (table, column) in [
        ("consent_events", "kind"),
        ("users", "role"),
        ("subjects", "restricted_on"),
        ("erasures", "erased_on"),
        ("retention_rules", "period_amount"),
        ("legal_holds", "released_on"),
        ("requests", "state"),
    ] {
        let copy = copy_of(&store.path);
        let t = ProtectedTable::named(table).expect("protected");
        let record = edit(&copy, t, column, targets.of(table));
        let out = run(copy
            .cli_with(&pass_file)
            .args(["--user", "owner", "audit", "verify"]));
        assert_eq!(out.code, Some(1), "{table}.{column}: {out:?}");
        let line = format!("{table} {record}: the row was changed outside Privacy Desk");
        assert!(out.stderr.contains(&line), "{table}.{column}: {out:?}");
        assert!(out.stderr.contains("1 of "), "{out:?}");
        assert!(
            out.stderr
                .contains("integrity check found 1 changed row — run `audit verify`"),
            "the unlock check warns first: {out:?}"
        );
        assert!(!out.stderr.contains("Ada"), "no personal data: {out:?}");
    }
    // The untouched store verifies clean.
    let out = run(store.cli_with(&pass_file).args(["audit", "verify"]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout.contains("No protected row was changed"),
        "{out:?}"
    );
    assert!(!out.stderr.contains("warning"), "{out:?}");
}

#[test]
fn a_row_added_with_sqlite_or_a_tag_moved_between_rows_is_named() {
    let (store, targets) = store_with_every_protected_row();
    let copy = copy_of(&store.path);
    let conn = copy.raw();
    // A second owner, made by copying the officer's row under a new id and name.
    let intruder = Uuid::new_v4();
    conn.execute(
        "INSERT INTO users (id, name, name_key, role, kdf_memory_kib, kdf_iterations,
             kdf_parallelism, passphrase_salt, wrapped_key, created_at, row_mac)
         SELECT ?1, 'mallory', 'mallory', 'owner', kdf_memory_kib, kdf_iterations,
             kdf_parallelism, passphrase_salt, wrapped_key, created_at, NULL
         FROM users WHERE id = ?2",
        rusqlite::params![
            intruder.as_bytes(),
            Uuid::parse_str(targets.of("users")).unwrap().as_bytes()
        ],
    )
    .expect("insert user");
    // The consent event's tag copied onto Ada's subject row and a whole rule row duplicated
    // under another code with its tag.
    conn.execute_batch(
        "INSERT INTO retention_rules SELECT 'copied-rule', position + 100, name, kind,
             purpose_code, condition, period_amount, period_unit, from_event, action, reason,
             enabled, updated_at, row_mac FROM retention_rules ORDER BY position LIMIT 1;",
    )
    .expect("copy rule");
    conn.execute(
        "UPDATE subjects SET row_mac = (SELECT row_mac FROM consent_events LIMIT 1) WHERE id = ?1",
        [Uuid::parse_str(targets.of("subjects")).unwrap().as_bytes()],
    )
    .expect("move tag");
    drop(conn);
    let session = copy.unlock(PASS).expect("unlocks");
    let mut found: Vec<(String, String, RowProblem)> = session
        .audit()
        .verify_audit()
        .expect("verify")
        .changed_rows
        .into_iter()
        .map(|c| (c.table, c.record, c.problem))
        .collect();
    found.sort();
    let mut expected = vec![
        (
            "retention_rules".to_owned(),
            "copied-rule".to_owned(),
            RowProblem::Changed,
        ),
        (
            "subjects".to_owned(),
            targets.of("subjects").to_owned(),
            RowProblem::Changed,
        ),
        (
            "users".to_owned(),
            intruder.to_string(),
            RowProblem::Untagged,
        ),
    ];
    expected.sort();
    assert_eq!(found, expected);
}
