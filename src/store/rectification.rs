//! Rectification: one identity field of a subject rewritten, with its value before and after
//! kept (both sealed) in the subject's history.

use chrono::{DateTime, Utc};
use rusqlite::params;
use uuid::Uuid;

use crate::crypto::{EmailIndex, SecretKey};
use crate::domain::subject::normalise_tags;

use super::{Db, Sealed, StoreError, StoreResult, Write, open_text, subjects::SEALED_COLUMNS};
pub use crate::domain::subject::FieldChange;

const TABLE: &str = "subject_changes";

/// Rewrites `field` of `subject` to `after`, keeping `before` in the history. `field` must be
/// one of [`SEALED_COLUMNS`].
#[allow(clippy::too_many_arguments)]
pub fn change_field(
    w: &mut Write<'_>,
    field_key: &SecretKey,
    index_key: &SecretKey,
    subject: Uuid,
    field: &'static str,
    before: &str,
    after: &str,
    request: Option<Uuid>,
    actor: &str,
) -> StoreResult<()> {
    if !SEALED_COLUMNS.contains(&field) {
        return Err(StoreError::Corrupt(format!(
            "{field} is not a subject field"
        )));
    }
    let after_value = if field == "tags" {
        normalise_tags(after)
    } else if field == "notes" {
        after.to_owned()
    } else {
        after.trim().to_owned()
    };
    let sealed = w.seal_text(field_key, "subjects", field, subject, &after_value)?;
    let now = Utc::now().to_rfc3339();
    let n = w.execute(
        &format!("UPDATE subjects SET {field} = ?2, updated_at = ?3 WHERE id = ?1"),
        params![subject.as_bytes().as_slice(), sealed, now],
    )?;
    if n != 1 {
        return Err(StoreError::Corrupt(format!(
            "subject {subject} vanished while being corrected"
        )));
    }
    if field == "email" {
        let index =
            (!after_value.is_empty()).then(|| EmailIndex::of(index_key, &after_value).0.to_vec());
        w.execute(
            "UPDATE subjects SET email_index = ?2 WHERE id = ?1",
            params![subject.as_bytes().as_slice(), index],
        )?;
    }
    let id = Uuid::new_v4();
    let sealed_before = w.seal_text(field_key, TABLE, "before", id, before)?;
    let sealed_after = w.seal_text(field_key, TABLE, "after", id, &after_value)?;
    w.execute(
        "INSERT INTO subject_changes (id, subject_id, request_id, field, before, after, at, actor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id.as_bytes().as_slice(),
            subject.as_bytes().as_slice(),
            request.map(|r| r.as_bytes().to_vec()),
            field,
            sealed_before,
            sealed_after,
            now,
            actor
        ],
    )?;
    Ok(())
}

/// A subject's field changes, oldest first.
pub fn history(conn: &Db, key: &SecretKey, subject: Uuid) -> StoreResult<Vec<FieldChange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, field, before, after, at, actor, request_id FROM subject_changes
         WHERE subject_id = ?1 ORDER BY seq",
    )?;
    let mut rows = stmt.query([subject.as_bytes().as_slice()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let raw: Vec<u8> = r.get(0)?;
        let id = Uuid::from_slice(&raw)
            .map_err(|_| StoreError::Corrupt("a change id is malformed".into()))?;
        let at: String = r.get(4)?;
        let request: Option<Vec<u8>> = r.get(6)?;
        out.push(FieldChange {
            field: r.get(1)?,
            before: open_text(key, TABLE, "before", id, &r.get::<_, Sealed>(2)?)?.to_string(),
            after: open_text(key, TABLE, "after", id, &r.get::<_, Sealed>(3)?)?.to_string(),
            at: DateTime::parse_from_rfc3339(&at)
                .map_err(|_| StoreError::Corrupt(format!("change {id} has an unreadable date")))?
                .with_timezone(&Utc),
            actor: r.get(5)?,
            request_id: request.and_then(|b| Uuid::from_slice(&b).ok()),
        });
    }
    Ok(out)
}

/// Sets or clears a subject's restriction of processing (Art. 18).
pub fn set_restricted(conn: &Db, subject: Uuid, on: Option<chrono::NaiveDate>) -> StoreResult<()> {
    let n = conn.execute(
        "UPDATE subjects SET restricted_on = ?2 WHERE id = ?1",
        params![
            subject.as_bytes().as_slice(),
            on.map(|d| d.format("%Y-%m-%d").to_string())
        ],
    )?;
    if n != 1 {
        return Err(StoreError::Corrupt(format!(
            "subject {subject} vanished while being restricted"
        )));
    }
    Ok(())
}

/// Since when a subject's processing is restricted.
pub fn restricted_on(conn: &Db, subject: Uuid) -> StoreResult<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT restricted_on FROM subjects WHERE id = ?1",
            [subject.as_bytes().as_slice()],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}

/// Ids of every restricted subject.
pub fn restricted_ids(conn: &Db) -> StoreResult<std::collections::HashSet<Uuid>> {
    let mut stmt = conn.prepare("SELECT id FROM subjects WHERE restricted_on IS NOT NULL")?;
    let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
    let mut out = std::collections::HashSet::new();
    for raw in rows {
        if let Ok(id) = Uuid::from_slice(&raw?) {
            out.insert(id);
        }
    }
    Ok(out)
}
