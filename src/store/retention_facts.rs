//! What retention sweeps read and change: subjects streamed with their ledger (plain columns
//! only, nothing decrypted), and the primitives that anonymise or delete one record.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::consent::{ConsentEvent, Evidence};
use crate::domain::request::Requester;

use super::ledger_columns::EMPTY_EVIDENCE_SEALED_LEN;
pub use super::ledger_scan::EventMeta;
use super::ledger_scan::{self, LedgerRead, id_bytes};
use super::subjects::SEALED_COLUMNS;
use super::{Db, StoreError, StoreResult, Write};

/// A subject's plain dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubjectRow {
    /// Id.
    pub id: Uuid,
    /// When recorded.
    pub created: NaiveDate,
    /// When last changed.
    pub updated: NaiveDate,
    /// When the customer relationship ended, if recorded.
    pub relationship_ended: Option<NaiveDate>,
    /// When the person became a customer, if recorded.
    pub customer_since: Option<NaiveDate>,
}

fn day(text: &str) -> StoreResult<NaiveDate> {
    // Times are stored as UTC RFC 3339 ("2026-11-29T20:36:19…+00:00") and days as
    // "2026-11-29": the first ten characters are the UTC day, read without parsing the rest.
    if (text.len() == 10 || text.ends_with("+00:00"))
        && let Some(d) = super::ledger_columns::ymd(text.as_bytes())
    {
        return Ok(d);
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc).date_naive())
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .map_err(|_| StoreError::Corrupt("a subject has an unreadable date".into()))
}

fn uuid(bytes: &[u8]) -> StoreResult<Uuid> {
    Uuid::from_slice(bytes).map_err(|_| StoreError::Corrupt("a record id is malformed".into()))
}

/// The live subjects' plain dates, in id order, from the partial covering index
/// `subjects_live_dates` (migrations 0009, 0014) rather than the wide table.
pub(super) const LIVE_SUBJECTS: &str = "SELECT id, created_at, updated_at, relationship_ended_on,
                                    customer_since
                             FROM subjects WHERE anonymised_on IS NULL ORDER BY id";

fn subject_row(r: &rusqlite::Row<'_>) -> StoreResult<SubjectRow> {
    let text = |i: usize| -> StoreResult<Option<&str>> {
        r.get_ref(i)?
            .as_str_or_null()
            .map_err(|_| StoreError::Corrupt("a subject has an unreadable date".into()))
    };
    Ok(SubjectRow {
        id: Uuid::from_bytes(id_bytes(r, 0)?),
        created: day(text(1)?.unwrap_or_default())?,
        updated: day(text(2)?.unwrap_or_default())?,
        relationship_ended: text(3)?.map(day).transpose()?,
        customer_since: text(4)?.map(day).transpose()?,
    })
}

/// Calls `f` with every subject not yet anonymised and their ledger in time order (with each
/// event's id and evidence flag at the same index), in id order, until it returns `Ok(false)`.
///
/// Two sorted streams are merged — the live subjects and the ledger (see
/// [`super::ledger_scan`]), both read from covering indexes in id order — so nothing is
/// sorted and one subject is held at a time. Events of anonymised subjects are passed over.
pub fn for_each_subject<E: From<StoreError>>(
    conn: &Db,
    mut f: impl FnMut(&SubjectRow, &[ConsentEvent], &[EventMeta]) -> Result<bool, E>,
) -> Result<(), E> {
    let mut stmt = conn.prepare(LIVE_SUBJECTS).map_err(StoreError::from)?;
    let mut live = stmt.query([]).map_err(StoreError::from)?;
    let mut next: Option<SubjectRow> = match live.next().map_err(StoreError::from)? {
        Some(r) => Some(subject_row(r)?),
        None => None,
    };
    let mut advance = |next: &mut Option<SubjectRow>| -> Result<(), E> {
        *next = match live.next().map_err(StoreError::from)? {
            Some(r) => Some(subject_row(r)?),
            None => None,
        };
        Ok(())
    };
    let mut stopped = false;
    ledger_scan::for_each_subject(
        conn,
        LedgerRead::Retention,
        |id, events, metas| -> Result<bool, E> {
            // Live subjects before this one have no events.
            while let Some(row) = next.as_ref().filter(|row| row.id < id) {
                if !f(row, &[], &[])? {
                    stopped = true;
                    return Ok(false);
                }
                advance(&mut next)?;
            }
            if let Some(row) = next.as_ref().filter(|row| row.id == id) {
                if !f(row, events, metas)? {
                    stopped = true;
                    return Ok(false);
                }
                advance(&mut next)?;
            }
            Ok(true)
        },
    )?;
    while !stopped && let Some(row) = next.as_ref() {
        if !f(row, &[], &[])? {
            break;
        }
        advance(&mut next)?;
    }
    Ok(())
}

/// Removes what identifies a subject: every identity field sealed empty, the email index
/// cleared, the evidence of their events emptied, their correction history deleted. The
/// ledger's events stay (counted under the random id). Returns the number of events emptied.
pub fn anonymise_subject(w: &mut Write<'_>, key: &SecretKey, subject: Uuid) -> StoreResult<u64> {
    let mut sealed = Vec::with_capacity(SEALED_COLUMNS.len());
    for column in SEALED_COLUMNS {
        sealed.push((column, w.seal_text(key, "subjects", column, subject, "")?));
    }
    for (column, value) in &sealed {
        w.execute(
            &format!("UPDATE subjects SET {column} = ?2 WHERE id = ?1"),
            params![subject.as_bytes().as_slice(), value],
        )?;
    }
    w.execute(
        "UPDATE subjects SET email_index = NULL, updated_at = ?2, anonymised_on = ?3 WHERE id = ?1",
        params![
            subject.as_bytes().as_slice(),
            Utc::now().to_rfc3339(),
            Utc::now().date_naive().format("%Y-%m-%d").to_string()
        ],
    )?;
    w.execute(
        "DELETE FROM subject_changes WHERE subject_id = ?1",
        [subject.as_bytes().as_slice()],
    )?;
    super::children::anonymise(w, key, subject)?;
    let ids: Vec<Vec<u8>> = {
        let mut stmt = w.prepare(
            "SELECT id FROM consent_events WHERE subject_id = ?1 AND length(evidence) > ?2",
        )?;
        let rows = stmt.query_map(
            params![subject.as_bytes().as_slice(), EMPTY_EVIDENCE_SEALED_LEN],
            |r| r.get(0),
        )?;
        rows.collect::<Result<_, _>>()?
    };
    for raw in &ids {
        empty_evidence(w, key, uuid(raw)?)?;
    }
    Ok(ids.len() as u64)
}

/// Empties one consent event's evidence (the event itself stays).
pub fn empty_evidence(w: &mut Write<'_>, key: &SecretKey, event: Uuid) -> StoreResult<()> {
    let empty = serde_json::to_string(&Evidence::default())
        .map_err(|e| StoreError::Corrupt(format!("evidence could not be encoded: {e}")))?;
    let sealed = w.seal_text(key, "consent_events", "evidence", event, &empty)?;
    w.execute(
        "UPDATE consent_events SET evidence = ?2 WHERE id = ?1",
        params![event.as_bytes().as_slice(), sealed],
    )?;
    Ok(())
}

/// Deletes a request and its history.
pub fn delete_request(w: &Write<'_>, request: Uuid) -> StoreResult<()> {
    w.execute(
        "DELETE FROM requests WHERE id = ?1",
        [request.as_bytes().as_slice()],
    )?;
    Ok(())
}

/// Empties every sealed field of a request (who asked, what, the reasons, the outcome); the
/// reference, type, regime, dates and states stay.
pub fn anonymise_request(w: &mut Write<'_>, key: &SecretKey, request: Uuid) -> StoreResult<()> {
    let empty = serde_json::to_string(&Requester::default())
        .map_err(|e| StoreError::Corrupt(format!("a requester could not be encoded: {e}")))?;
    let requester = w.seal_text(key, "requests", "requester", request, &empty)?;
    let details = w.seal_text(key, "requests", "details", request, "")?;
    let mut optional = Vec::new();
    for column in ["extension_reason", "refusal_detail", "outcome"] {
        optional.push((column, w.seal_text(key, "requests", column, request, "")?));
    }
    let id = request.as_bytes().as_slice();
    w.execute(
        "UPDATE requests SET requester = ?2, details = ?3, updated_at = ?4, anonymised_on = ?5
         WHERE id = ?1",
        params![
            id,
            requester,
            details,
            Utc::now().to_rfc3339(),
            Utc::now().date_naive().format("%Y-%m-%d").to_string()
        ],
    )?;
    for (column, value) in optional {
        w.execute(
            &format!("UPDATE requests SET {column} = ?2 WHERE id = ?1 AND {column} IS NOT NULL"),
            params![id, value],
        )?;
    }
    Ok(())
}

/// Records (or clears) the end of a subject's customer relationship.
pub fn set_relationship_end(conn: &Db, subject: Uuid, on: Option<NaiveDate>) -> StoreResult<bool> {
    Ok(conn.execute(
        "UPDATE subjects SET relationship_ended_on = ?2 WHERE id = ?1",
        params![
            subject.as_bytes().as_slice(),
            on.map(|d| d.format("%Y-%m-%d").to_string())
        ],
    )? > 0)
}

/// Records (or clears) the day a subject became a customer.
pub fn set_customer_since(conn: &Db, subject: Uuid, on: Option<NaiveDate>) -> StoreResult<bool> {
    Ok(conn.execute(
        "UPDATE subjects SET customer_since = ?2 WHERE id = ?1",
        params![
            subject.as_bytes().as_slice(),
            on.map(|d| d.format("%Y-%m-%d").to_string())
        ],
    )? > 0)
}

/// Records that a subject was a customer on `on` (an import's `customer_since`): the day is
/// kept when none was recorded or it is earlier than the one recorded (a relationship starts
/// at its earliest known day). Returns whether the row changed.
pub fn note_customer_since(conn: &Db, subject: Uuid, on: NaiveDate) -> StoreResult<bool> {
    Ok(conn.execute(
        "UPDATE subjects SET customer_since = ?2
         WHERE id = ?1 AND (customer_since IS NULL OR customer_since > ?2)",
        params![
            subject.as_bytes().as_slice(),
            on.format("%Y-%m-%d").to_string()
        ],
    )? > 0)
}

/// When a subject became a customer, if recorded.
pub fn customer_since(conn: &Db, subject: Uuid) -> StoreResult<Option<NaiveDate>> {
    use rusqlite::OptionalExtension;
    let text: Option<String> = conn
        .query_row(
            "SELECT customer_since FROM subjects WHERE id = ?1",
            [subject.as_bytes().as_slice()],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    text.map(|t| day(&t)).transpose()
}

/// When a subject's customer relationship ended, if recorded.
pub fn relationship_end(conn: &Db, subject: Uuid) -> StoreResult<Option<NaiveDate>> {
    use rusqlite::OptionalExtension;
    let text: Option<String> = conn
        .query_row(
            "SELECT relationship_ended_on FROM subjects WHERE id = ?1",
            [subject.as_bytes().as_slice()],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    text.map(|t| day(&t)).transpose()
}

/// One live subject's plain dates (`None` when there is no such subject, or it was
/// anonymised).
pub fn subject_dates(conn: &Db, subject: Uuid) -> StoreResult<Option<SubjectRow>> {
    let sql = LIVE_SUBJECTS.replace(
        "WHERE anonymised_on IS NULL ORDER BY id",
        "WHERE anonymised_on IS NULL AND id = ?1",
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([subject.as_bytes().as_slice()])?;
    match rows.next()? {
        Some(r) => Ok(Some(subject_row(r)?)),
        None => Ok(None),
    }
}
