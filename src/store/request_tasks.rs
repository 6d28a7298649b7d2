//! A request's tasks (`request_tasks`): one per system holding the person's data categories
//! and per vendor receiving them, each open, done or not applicable, with a day and a note.
//! The note is the officer's text and may name the person: sealed, replaced at erasure.

use chrono::NaiveDate;
use rusqlite::params;
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::request::task::{RequestTask, TaskStatus, TaskTarget};

use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};

const TABLE: &str = "request_tasks";
const DATE: &str = "%Y-%m-%d";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("a request task has an unreadable {what}"))
}

/// Adds the tasks of a request, numbered after any it has; returns how many were added.
pub fn insert_all(
    w: &Write<'_>,
    request: Uuid,
    tasks: &[(TaskTarget, String)],
) -> StoreResult<usize> {
    let next: i64 = w.query_row(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM request_tasks WHERE request_id = ?1",
        [request.as_bytes().as_slice()],
        |r| r.get(0),
    )?;
    let mut stmt = w.prepare_cached(
        "INSERT INTO request_tasks (id, request_id, number, target_kind, target_name, action,
                                    status, done_on, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', NULL, NULL)",
    )?;
    for (i, (target, action)) in tasks.iter().enumerate() {
        stmt.execute(params![
            Uuid::new_v4().as_bytes().as_slice(),
            request.as_bytes().as_slice(),
            next + i as i64,
            target.kind_code(),
            target.name(),
            action
        ])?;
    }
    Ok(tasks.len())
}

/// The tasks of a request, in order.
pub fn for_request(conn: &Db, key: &SecretKey, request: Uuid) -> StoreResult<Vec<RequestTask>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, target_kind, target_name, action, status, done_on, note
         FROM request_tasks WHERE request_id = ?1 ORDER BY number",
    )?;
    let mut rows = stmt.query([request.as_bytes().as_slice()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: Vec<u8> = r.get(0)?;
        let id = Uuid::from_slice(&id).map_err(|_| corrupt("id"))?;
        let kind: String = r.get(2)?;
        let name: String = r.get(3)?;
        let target = TaskTarget::from_code(&kind, name).ok_or_else(|| corrupt("target"))?;
        let status: String = r.get(5)?;
        let status = TaskStatus::from_code(&status).ok_or_else(|| corrupt("status"))?;
        let done_on = r
            .get::<_, Option<String>>(6)?
            .map(|d| NaiveDate::parse_from_str(&d, DATE).map_err(|_| corrupt("day")))
            .transpose()?;
        let note = match r.get::<_, Option<Sealed>>(7)? {
            Some(sealed) => open_text(key, TABLE, "note", id, &sealed)?.to_string(),
            None => String::new(),
        };
        out.push(RequestTask {
            number: r.get(1)?,
            target,
            action: r.get(4)?,
            status,
            done_on,
            note,
        });
    }
    Ok(out)
}

/// Sets one task's status, day and note; `false` when the request has no task `number`.
pub fn set_status(
    w: &mut Write<'_>,
    key: &SecretKey,
    request: Uuid,
    number: i64,
    status: TaskStatus,
    on: NaiveDate,
    note: &str,
) -> StoreResult<bool> {
    let id: Option<Vec<u8>> = {
        let mut stmt =
            w.prepare_cached("SELECT id FROM request_tasks WHERE request_id = ?1 AND number = ?2")?;
        let mut rows = stmt.query(params![request.as_bytes().as_slice(), number])?;
        match rows.next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        }
    };
    let Some(raw) = id else {
        return Ok(false);
    };
    let id = Uuid::from_slice(&raw).map_err(|_| corrupt("id"))?;
    let note = if note.is_empty() {
        None
    } else {
        Some(w.seal_text(key, TABLE, "note", id, note)?)
    };
    w.execute(
        "UPDATE request_tasks SET status = ?2, done_on = ?3, note = ?4 WHERE id = ?1",
        params![raw, status.code(), on.format(DATE).to_string(), note],
    )?;
    Ok(true)
}

/// Replaces every written note on the tasks of `request` with `text` (erasure).
pub fn scrub_notes(
    w: &mut Write<'_>,
    key: &SecretKey,
    request: Uuid,
    text: &str,
) -> StoreResult<()> {
    super::sealed_scrub::replace_request_text(w, key, TABLE, "note", request, text)?;
    Ok(())
}

/// Adds `text` to the note of every task of `request` still open (after any note it has, on a
/// line of its own), leaving them open; returns how many. Used when a request is completed
/// with tasks open: the reason stays with each, sealed, and is replaced at erasure.
pub fn note_open(
    w: &mut Write<'_>,
    key: &SecretKey,
    request: Uuid,
    text: &str,
) -> StoreResult<usize> {
    let rows: Vec<(Vec<u8>, Option<Sealed>)> = {
        let mut stmt = w.prepare_cached(
            "SELECT id, note FROM request_tasks WHERE request_id = ?1 AND status = 'open'
             ORDER BY number",
        )?;
        let rows = stmt.query_map([request.as_bytes().as_slice()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        rows.collect::<Result<_, _>>()?
    };
    for (raw, old) in &rows {
        let id = Uuid::from_slice(raw).map_err(|_| corrupt("id"))?;
        let note = match old {
            Some(sealed) => {
                let before = open_text(key, TABLE, "note", id, sealed)?;
                format!("{}\n{text}", before.trim_end())
            }
            None => text.to_owned(),
        };
        let sealed = w.seal_text(key, TABLE, "note", id, &note)?;
        w.execute(
            "UPDATE request_tasks SET note = ?2 WHERE id = ?1",
            params![raw, sealed],
        )?;
    }
    Ok(rows.len())
}
