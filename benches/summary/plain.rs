//! The physical limit: the same data in plain, unencrypted SQLite (same tables, columns and
//! indexes as the store, the same connection settings, nothing sealed; the email indexed
//! itself instead of its blind index), and the straightforward rusqlite code for the import,
//! the exact lookup, the substring search and loading names. The sweep and the access package
//! are in `plain_sweep.rs`.

use std::path::Path;

use chrono::{NaiveDateTime, Utc};
use privacy_desk::services::Session;
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use super::Res;

const SCHEMA: &str = "
CREATE TABLE subjects (
    id BLOB PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL, phone TEXT NOT NULL,
    postal_address TEXT NOT NULL, customer_ref TEXT NOT NULL, notes TEXT NOT NULL, tags TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, undeliverable_at TEXT,
    restricted_on TEXT, relationship_ended_on TEXT, anonymised_on TEXT);
CREATE TABLE consent_events (
    seq INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE,
    subject_id BLOB NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
    purpose_code TEXT, kind TEXT NOT NULL, at TEXT NOT NULL, channel TEXT NOT NULL,
    notice_version INTEGER, evidence TEXT NOT NULL, recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL);
CREATE TABLE requests (
    seq INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, reference TEXT NOT NULL UNIQUE,
    subject_id BLOB REFERENCES subjects (id) ON DELETE SET NULL, regime TEXT NOT NULL,
    kind TEXT NOT NULL, state TEXT NOT NULL, channel TEXT NOT NULL, received TEXT NOT NULL,
    clock_start TEXT, requester TEXT NOT NULL, details TEXT NOT NULL, extension_reason TEXT,
    extension_notified_on TEXT, refusal_kind TEXT, refusal_detail TEXT, outcome TEXT,
    closed_on TEXT, created_by TEXT NOT NULL, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, anonymised_on TEXT);
CREATE TABLE erasures (
    seq INTEGER PRIMARY KEY, email TEXT, erased_on TEXT NOT NULL, request_reference TEXT,
    removed TEXT NOT NULL);
";

const INDEXES: &str = "
CREATE INDEX subjects_email ON subjects (email);
CREATE INDEX consent_events_subject ON consent_events (
    subject_id, at, seq, purpose_code, kind, length(evidence));
CREATE INDEX subjects_live_dates ON subjects (
    id, created_at, updated_at, relationship_ended_on, anonymised_on) WHERE anonymised_on IS NULL;
CREATE INDEX consent_events_purpose ON consent_events (purpose_code);
CREATE INDEX requests_subject ON requests (subject_id);
CREATE INDEX requests_state ON requests (state, received);
CREATE INDEX erasures_email ON erasures (email);
";

/// Opens a plain database with the store's connection settings.
pub fn open(path: &Path) -> Res<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", -32 * 1024)?;
    Ok(conn)
}

/// A new, empty plain database at `path`.
pub fn create(path: &Path) -> Res<Connection> {
    let conn = open(path)?;
    conn.execute_batch(SCHEMA)?;
    conn.execute_batch(INDEXES)?;
    Ok(conn)
}

/// First step of the plain copy: every subject decrypted (through the session) into a
/// staging table.
pub fn copy_from(session: &Session, ids: &[Uuid], path: &Path) -> Res<()> {
    let mut conn = open(path)?;
    conn.execute_batch(SCHEMA)?;
    conn.execute_batch(
        "CREATE TABLE people (id BLOB PRIMARY KEY, email TEXT, name TEXT, phone TEXT,
         postal_address TEXT, customer_ref TEXT, notes TEXT, tags TEXT)",
    )?;
    let tx = conn.transaction()?;
    {
        let mut insert =
            tx.prepare("INSERT INTO people VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
        for id in ids {
            let Some(s) = session.subjects().subject(*id)? else {
                continue;
            };
            let f = &s.fields;
            insert.execute(params![
                id.as_bytes().as_slice(),
                f.email.trim().to_lowercase(),
                f.name,
                f.phone,
                f.postal_address,
                f.customer_ref,
                f.notes,
                f.tags
            ])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Second step: the plain columns and the ledger and requests copied from the closed store
/// (sealed columns other than the people's are copied as they are stored: opaque text of the
/// same length), then the indexes. The long-history subject's evidence is decrypted too, so
/// the plain access package writes the same text.
pub fn attach_copy(path: &Path, store: &Path, long_history: Uuid) -> Res<()> {
    let evidence = {
        let session = Session::unlock(
            store,
            None,
            &privacy_desk::crypto::Passphrase::new(super::common::PASS),
            privacy_desk::services::Via::Cli,
        )?;
        session.consent().consent_timeline(long_history)?
    };
    let conn = open(path)?;
    conn.execute("ATTACH DATABASE ?1 AS s", [store.to_string_lossy()])?;
    conn.execute_batch(
        "BEGIN;
         INSERT INTO subjects SELECT s.id, p.email, p.name, p.phone, p.postal_address,
             p.customer_ref, p.notes, p.tags, s.created_at, s.updated_at, s.undeliverable_at,
             s.restricted_on, s.relationship_ended_on, s.anonymised_on
             FROM s.subjects s JOIN people p ON p.id = s.id;
         INSERT INTO consent_events SELECT seq, id, subject_id, purpose_code, kind, at, channel,
             notice_version, evidence, recorded_by, recorded_at FROM s.consent_events;
         INSERT INTO requests SELECT seq, id, reference, subject_id, regime, kind, state,
             channel, received, clock_start, requester, details, extension_reason,
             extension_notified_on, refusal_kind, refusal_detail, outcome, closed_on,
             created_by, created_at, updated_at, anonymised_on FROM s.requests;
         DROP TABLE people;
         COMMIT;
         DETACH DATABASE s;",
    )?;
    {
        let mut stmt =
            conn.prepare("SELECT seq FROM consent_events WHERE subject_id = ?1 ORDER BY seq")?;
        let seqs: Vec<i64> = stmt
            .query_map([long_history.as_bytes().as_slice()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for (seq, event) in seqs.iter().zip(&evidence) {
            conn.execute(
                "UPDATE consent_events SET evidence = ?1 WHERE seq = ?2",
                params![serde_json::to_string(&event.evidence)?, seq],
            )?;
        }
    }
    conn.execute_batch(INDEXES)?;
    conn.execute_batch("VACUUM")?;
    Ok(())
}

/// The plain import: each CSV row finds or creates its subject by email, and appends its
/// consent event unless the ledger holds it already; one transaction. Returns the rows read.
pub fn import_csv(conn: &mut Connection, csv: &Path, purpose: &str) -> Res<u64> {
    let mut reader = csv::Reader::from_path(csv)?;
    let tx = conn.transaction()?;
    let mut rows = 0u64;
    {
        let mut find = tx.prepare_cached("SELECT id FROM subjects WHERE email = ?1")?;
        let mut add = tx.prepare_cached(
            "INSERT INTO subjects (id, email, name, phone, postal_address, customer_ref, notes,
                 tags, created_at, updated_at) VALUES (?1, ?2, ?3, '', '', '', '', '', ?4, ?4)",
        )?;
        let mut exists = tx.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM consent_events WHERE subject_id = ?1 AND at = ?2
                 AND kind = ?3 AND +purpose_code IS ?4)",
        )?;
        let mut append = tx.prepare_cached(
            "INSERT INTO consent_events (id, subject_id, purpose_code, kind, at, channel,
                 notice_version, evidence, recorded_by, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'import', 1, '{}', 'owner', ?6)",
        )?;
        let now = Utc::now().to_rfc3339();
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record)? {
            rows += 1;
            let email = record.get(0).unwrap_or_default().trim().to_lowercase();
            let name = record.get(1).unwrap_or_default().trim();
            let kind = match record.get(2).unwrap_or_default().trim() {
                "withdrawn" => "withdrawn",
                _ => "given",
            };
            let at = NaiveDateTime::parse_from_str(
                record.get(3).unwrap_or_default().trim(),
                "%Y-%m-%d %H:%M:%S",
            )?
            .and_utc()
            .to_rfc3339();
            let found: Option<Vec<u8>> = find.query_row([&email], |r| r.get(0)).optional()?;
            let id = match found {
                Some(id) => id,
                None => {
                    let id = Uuid::new_v4().as_bytes().to_vec();
                    add.execute(params![id, email, name, now])?;
                    id
                }
            };
            let known: bool = exists.query_row(params![id, at, kind, purpose], |r| r.get(0))?;
            if !known {
                let event = Uuid::new_v4();
                append.execute(params![
                    event.as_bytes().as_slice(),
                    id,
                    purpose,
                    kind,
                    at,
                    now
                ])?;
            }
        }
    }
    tx.commit()?;
    Ok(rows)
}

/// One subject as the plain lookups return it: the id and every text column.
pub type PlainSubject = (Vec<u8>, [String; 8]);

const SELECT: &str = "SELECT id, email, name, phone, postal_address, customer_ref, notes,
    coalesce(tags, ''), created_at FROM subjects";

fn subject_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PlainSubject> {
    let mut fields: [String; 8] = Default::default();
    for (i, f) in fields.iter_mut().enumerate() {
        *f = r.get(i + 1)?;
    }
    Ok((r.get(0)?, fields))
}

/// Exact email lookup through the email index.
pub fn lookup(conn: &Connection, email: &str) -> Res<Vec<PlainSubject>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE email = ?1"))?;
    let wanted = email.trim().to_lowercase();
    Ok(stmt
        .query_map([wanted], subject_row)?
        .collect::<Result<_, _>>()?)
}

/// Substring search: every subject whose email or name contains `query` (a full scan, as
/// `LIKE '%…%'` can use no index), the first `limit` returned and all counted.
pub fn search(conn: &Connection, query: &str, limit: usize) -> Res<(Vec<PlainSubject>, usize)> {
    let pattern = format!("%{}%", query.trim());
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE email LIKE ?1 OR name LIKE ?1 ORDER BY rowid"
    ))?;
    let mut rows = stmt.query([pattern])?;
    let mut found = Vec::new();
    let mut total = 0;
    while let Some(r) = rows.next()? {
        total += 1;
        if found.len() < limit {
            found.push(subject_row(r)?);
        }
    }
    Ok((found, total))
}

/// What building the search index does, without decryption: every id, email and name read
/// and lower-cased into memory.
pub fn load_names(conn: &Connection) -> Res<Vec<(Vec<u8>, String, String)>> {
    let mut stmt = conn.prepare("SELECT id, email, name FROM subjects ORDER BY rowid")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let email: String = r.get(1)?;
        let name: String = r.get(2)?;
        out.push((r.get(0)?, email.to_lowercase(), name.to_lowercase()));
    }
    Ok(out)
}
