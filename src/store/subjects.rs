//! The subjects table: identity fields sealed per column, the email also as a blind index.

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};
use uuid::Uuid;

use crate::crypto::{EmailIndex, SecretKey, normalise_email};
use crate::domain::subject::{Subject, SubjectDraft, normalise_tags};

use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};

const TABLE: &str = "subjects";

/// The sealed columns, in order.
pub const SEALED_COLUMNS: [&str; 7] = [
    "email",
    "name",
    "phone",
    "postal_address",
    "customer_ref",
    "notes",
    "tags",
];

fn values(d: &SubjectDraft, tags: &str) -> [String; 7] {
    [
        d.email.trim().to_owned(),
        d.name.trim().to_owned(),
        d.phone.trim().to_owned(),
        d.postal_address.trim().to_owned(),
        d.customer_ref.trim().to_owned(),
        d.notes.clone(),
        tags.to_owned(),
    ]
}

/// Inserts a subject under the id `id`.
pub fn insert(
    w: &mut Write<'_>,
    field_key: &SecretKey,
    index_key: &SecretKey,
    id: Uuid,
    draft: &SubjectDraft,
) -> StoreResult<()> {
    insert_at(w, field_key, index_key, id, draft, Utc::now())
}

/// Inserts a subject under the id `id`, recorded (created and last changed) at `created`:
/// the demo store back-dates its made-up people.
pub fn insert_at(
    w: &mut Write<'_>,
    field_key: &SecretKey,
    index_key: &SecretKey,
    id: Uuid,
    draft: &SubjectDraft,
    created: DateTime<Utc>,
) -> StoreResult<()> {
    let mut sealed = Vec::with_capacity(SEALED_COLUMNS.len());
    let tags = normalise_tags(&draft.tags);
    for (column, mut value) in SEALED_COLUMNS.iter().zip(values(draft, &tags)) {
        sealed.push(w.seal_text(field_key, TABLE, column, id, &value)?);
        zeroize::Zeroize::zeroize(&mut value);
    }
    let index = (!draft.email.trim().is_empty())
        .then(|| EmailIndex::of(index_key, &draft.email).0.to_vec());
    let now = created.to_rfc3339();
    let mut stmt = w.prepare_cached(
        "INSERT INTO subjects (id, email_index, email, name, phone, postal_address, customer_ref,
                               notes, tags, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?;
    stmt.execute(params![
        id.as_bytes().as_slice(),
        index,
        sealed[0],
        sealed[1],
        sealed[2],
        sealed[3],
        sealed[4],
        sealed[5],
        sealed[6],
        now
    ])?;
    Ok(())
}

fn open_row(key: &SecretKey, r: &Row<'_>) -> StoreResult<Subject> {
    let id_bytes: Vec<u8> = r.get(0)?;
    let id = Uuid::from_slice(&id_bytes)
        .map_err(|_| StoreError::Corrupt("a subject id is malformed".into()))?;
    let mut opened = Vec::with_capacity(SEALED_COLUMNS.len());
    for (i, column) in SEALED_COLUMNS.iter().enumerate() {
        // Tags arrived in schema 4: older subjects have none (NULL).
        let sealed: Option<Sealed> = r.get(i + 1)?;
        opened.push(match sealed {
            Some(bytes) => open_text(key, TABLE, column, id, &bytes)?.to_string(),
            None => String::new(),
        });
    }
    let created: String = r.get(8)?;
    let created_at = DateTime::parse_from_rfc3339(&created)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt(format!("subject {id} has an unreadable date")))?;
    let mut it = opened.into_iter();
    let mut next = || it.next().unwrap_or_default();
    Ok(Subject {
        id,
        fields: SubjectDraft {
            email: next(),
            name: next(),
            phone: next(),
            postal_address: next(),
            customer_ref: next(),
            notes: next(),
            tags: next(),
        },
        created_at,
    })
}

const SELECT: &str =
    "SELECT id, email, name, phone, postal_address, customer_ref, notes, tags, created_at
                      FROM subjects";

/// Opens one subject.
pub fn get(conn: &Db, key: &SecretKey, id: Uuid) -> StoreResult<Option<Subject>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE id = ?1"))?;
    let mut rows = stmt.query([id.as_bytes().as_slice()])?;
    match rows.next()? {
        Some(row) => open_row(key, row).map(Some),
        None => Ok(None),
    }
}

/// Finds subjects by exact email (case and white space ignored): blind-index candidates,
/// confirmed by opening the sealed email.
pub fn find_by_email(
    conn: &Db,
    field_key: &SecretKey,
    index_key: &SecretKey,
    email: &str,
) -> StoreResult<Vec<Subject>> {
    let index = EmailIndex::of(index_key, email);
    let wanted = normalise_email(email);
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE email_index = ?1 ORDER BY rowid"))?;
    let mut rows = stmt.query([index.0.as_slice()])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let subject = open_row(field_key, row)?;
        if normalise_email(&subject.fields.email) == wanted {
            out.push(subject);
        }
    }
    Ok(out)
}

/// The ids of the subjects with this exact email (case and white space ignored): blind-index
/// candidates, confirmed by opening only their sealed email. For checks of many addresses
/// (campaign pre-flight), where opening every field of each candidate would be wasted.
pub fn ids_by_email(
    conn: &Db,
    field_key: &SecretKey,
    index: &EmailIndex,
    normalised: &str,
) -> StoreResult<Vec<Uuid>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, email FROM subjects WHERE email_index = ?1 ORDER BY rowid")?;
    let mut rows = stmt.query([index.0.as_slice()])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let id_bytes: Vec<u8> = row.get(0)?;
        let id = Uuid::from_slice(&id_bytes)
            .map_err(|_| StoreError::Corrupt("a subject id is malformed".into()))?;
        let email = open_text(field_key, TABLE, "email", id, &row.get::<_, Sealed>(1)?)?;
        if normalise_email(&email) == normalised {
            out.push(id);
        }
    }
    Ok(out)
}

/// Every subject id, oldest first (for listings and checks).
pub fn ids(conn: &Db) -> StoreResult<Vec<Uuid>> {
    let mut stmt = conn.prepare("SELECT id FROM subjects ORDER BY created_at, id")?;
    let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
    rows.map(|b| {
        let b = b?;
        Uuid::from_slice(&b).map_err(|_| StoreError::Corrupt("a subject id is malformed".into()))
    })
    .collect()
}

/// Every subject id in the order they were recorded: rowid order, the order of [`page`].
///
/// The pairs (rowid, id) are read without an `ORDER BY`, so SQLite answers from the small
/// primary-key index instead of stepping through the table's sealed columns (at a million
/// people, tens of milliseconds instead of a pass over the whole file); they come in id order
/// and are sorted by rowid here.
pub fn ids_in_recorded_order(conn: &Db) -> StoreResult<Vec<Uuid>> {
    let mut stmt = conn.prepare("SELECT rowid, id FROM subjects")?;
    let mut rows = stmt.query([])?;
    let mut pairs: Vec<(i64, Uuid)> = Vec::new();
    while let Some(r) = rows.next()? {
        let id = r
            .get_ref(1)?
            .as_blob()
            .ok()
            .and_then(|b| Uuid::from_slice(b).ok())
            .ok_or_else(|| StoreError::Corrupt("a subject id is malformed".into()))?;
        pairs.push((r.get(0)?, id));
    }
    pairs.sort_unstable_by_key(|(rowid, _)| *rowid);
    Ok(pairs.into_iter().map(|(_, id)| id).collect())
}

/// How many subjects there are.
pub fn count(conn: &Db) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM subjects", [], |r| r.get(0))?)
}

/// One page of subjects in the order they were recorded, opened.
pub fn page(conn: &Db, key: &SecretKey, offset: i64, limit: i64) -> StoreResult<Vec<Subject>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY rowid LIMIT ?1 OFFSET ?2"))?;
    let mut rows = stmt.query([limit, offset])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(open_row(key, row)?);
    }
    Ok(out)
}

/// Calls `f` with every subject's id, email and name (opened), in recorded order, until it
/// returns `false`. Only those two columns are decrypted.
pub fn for_each_identity(
    conn: &Db,
    key: &SecretKey,
    mut f: impl FnMut(Uuid, &str, &str) -> bool,
) -> StoreResult<()> {
    let mut stmt = conn.prepare("SELECT id, email, name FROM subjects ORDER BY rowid")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: Vec<u8> = r.get(0)?;
        let id = Uuid::from_slice(&id)
            .map_err(|_| StoreError::Corrupt("a subject id is malformed".into()))?;
        let email = open_text(key, TABLE, "email", id, &r.get::<_, Sealed>(1)?)?;
        let name = open_text(key, TABLE, "name", id, &r.get::<_, Sealed>(2)?)?;
        if !f(id, &email, &name) {
            break;
        }
    }
    Ok(())
}

/// Opens only the email of one subject (`None` when there is no such subject).
pub fn email(
    conn: &Db,
    key: &SecretKey,
    id: Uuid,
) -> StoreResult<Option<zeroize::Zeroizing<String>>> {
    let mut stmt = conn.prepare_cached("SELECT email FROM subjects WHERE id = ?1")?;
    let mut rows = stmt.query([id.as_bytes().as_slice()])?;
    match rows.next()? {
        Some(r) => Ok(Some(open_text(
            key,
            TABLE,
            "email",
            id,
            &r.get::<_, Sealed>(0)?,
        )?)),
        None => Ok(None),
    }
}

/// Whether a subject with this id exists.
pub fn exists(conn: &Db, id: Uuid) -> StoreResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM subjects WHERE id = ?1)",
        [id.as_bytes().as_slice()],
        |r| r.get(0),
    )?)
}

/// Every subject still processed — neither anonymised by a retention rule nor restricted
/// (GDPR Art. 18) — as (id bytes, when recorded), ordered by id. Nothing is decrypted.
pub fn live_ids_by_id(conn: &Db) -> StoreResult<Vec<([u8; 16], DateTime<Utc>)>> {
    let mut stmt = conn.prepare(
        "SELECT id, created_at FROM subjects
         WHERE anonymised_on IS NULL AND restricted_on IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: [u8; 16] = r
            .get_ref(0)?
            .as_blob()
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| StoreError::Corrupt("a subject id is malformed".into()))?;
        let at =
            super::ledger_columns::parse_time(r.get_ref(1)?.as_str().map_err(|_| {
                StoreError::Corrupt("a subject's creation time is unreadable".into())
            })?)?;
        out.push((id, at));
    }
    out.sort_unstable_by_key(|(id, _)| *id);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    /// The recorded order is rowid order, whatever the order of the ids (which the
    /// primary-key index, read for speed, returns them in) and with gaps left by deletions.
    #[test]
    fn ids_come_in_rowid_order_not_id_order() {
        let conn = Db::new(Connection::open_in_memory().unwrap());
        conn.execute_batch("CREATE TABLE subjects (id BLOB PRIMARY KEY, email BLOB NOT NULL)")
            .unwrap();
        let id = Uuid::from_u128;
        // Recorded: 9, 3, 7, 1, 5 — then 7 erased and 2 recorded last.
        for (rowid, n) in [(1, 9), (2, 3), (3, 7), (4, 1), (5, 5), (7, 2)] {
            conn.execute(
                "INSERT INTO subjects (rowid, id, email) VALUES (?1, ?2, x'00')",
                params![rowid, id(n).as_bytes().as_slice()],
            )
            .unwrap();
        }
        conn.execute("DELETE FROM subjects WHERE rowid = 3", [])
            .unwrap();
        assert_eq!(
            ids_in_recorded_order(&conn).unwrap(),
            [9, 3, 1, 5, 2].map(id).to_vec()
        );
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT rowid, id FROM subjects",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("COVERING INDEX"), "{plan}");
    }
}
