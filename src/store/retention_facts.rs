//! What retention sweeps read and change: subjects streamed with their ledger (plain columns
//! only, nothing decrypted), and the primitives that anonymise or delete one record.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, params};
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::purpose::PurposeCode;
use crate::domain::request::Requester;

use super::consent::{EMPTY_EVIDENCE_SEALED_LEN, parse_time};
use super::subjects::SEALED_COLUMNS;
use super::{StoreError, StoreResult, Write};

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
}

/// A ledger event's id and whether it still has evidence (beside the event itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventMeta {
    /// The event's id.
    pub id: Uuid,
    /// Whether the sealed evidence holds anything.
    pub has_evidence: bool,
}

fn day(text: &str) -> StoreResult<NaiveDate> {
    // Times are stored as UTC RFC 3339 ("2026-11-29T20:36:19…+00:00") and days as
    // "2026-11-29": the first ten characters are the UTC day, read without parsing the rest.
    if (text.len() == 10 || text.ends_with("+00:00"))
        && let Some(d) = super::consent::ymd(text.as_bytes())
    {
        return Ok(d);
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc).date_naive())
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .map_err(|_| StoreError::Corrupt("a subject has an unreadable date".into()))
}

fn corrupt_event(what: &str) -> StoreError {
    StoreError::Corrupt(format!("a consent event has an unreadable {what}"))
}

fn uuid(bytes: &[u8]) -> StoreResult<Uuid> {
    Uuid::from_slice(bytes).map_err(|_| StoreError::Corrupt("a record id is malformed".into()))
}

/// One ledger event as a sweep reads it: compact, so a million of them fit in tens of MB.
struct CompactEvent {
    subject: [u8; 16],
    at: DateTime<Utc>,
    seq: i64,
    id: [u8; 16],
    /// Index into the purpose codes seen, or `u16::MAX` for a person-wide event.
    purpose: u16,
    kind: ConsentEventKind,
    has_evidence: bool,
}

/// Calls `f` with every subject not yet anonymised and their ledger in time order (with each
/// event's id and evidence flag at the same index), in id order, until it returns `Ok(false)`.
///
/// Both tables are read in their storage order (sequential pages) and sorted in memory: walking
/// them by the random subject ids through an index costs one random page read per row, several
/// times slower on a large store. What is held is compact (about 50 bytes per event and 30 per
/// subject, no personal data: ids, times, purpose codes).
pub fn for_each_subject<E: From<StoreError>>(
    conn: &Connection,
    mut f: impl FnMut(&SubjectRow, &[ConsentEvent], &[EventMeta]) -> Result<bool, E>,
) -> Result<(), E> {
    let mut subjects: Vec<SubjectRow> = Vec::new();
    {
        let mut stmt = conn
            .prepare(
                "SELECT id, created_at, updated_at, relationship_ended_on FROM subjects
                 WHERE anonymised_on IS NULL",
            )
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            subjects.push(SubjectRow {
                id: uuid(&r.get::<_, Vec<u8>>(0).map_err(StoreError::from)?)?,
                created: day(&r.get::<_, String>(1).map_err(StoreError::from)?)?,
                updated: day(&r.get::<_, String>(2).map_err(StoreError::from)?)?,
                relationship_ended: r
                    .get::<_, Option<String>>(3)
                    .map_err(StoreError::from)?
                    .map(|d| day(&d))
                    .transpose()?,
            });
        }
    }
    subjects.sort_unstable_by_key(|s| *s.id.as_bytes());
    let mut codes: Vec<PurposeCode> = Vec::new();
    let mut events: Vec<CompactEvent> = Vec::new();
    {
        let mut stmt = conn
            .prepare(
                "SELECT subject_id, id, purpose_code, kind, at, seq, length(evidence)
                 FROM consent_events",
            )
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let subject = uuid(&r.get::<_, Vec<u8>>(0).map_err(StoreError::from)?)?;
            let id = uuid(&r.get::<_, Vec<u8>>(1).map_err(StoreError::from)?)?;
            let purpose = match r
                .get_ref(2)
                .map_err(StoreError::from)?
                .as_str_or_null()
                .map_err(|_| corrupt_event("purpose"))?
            {
                None => u16::MAX,
                Some(text) => match codes.iter().position(|c| c.as_str() == text) {
                    Some(i) => i as u16,
                    None => {
                        codes.push(PurposeCode::parse(text).map_err(|_| corrupt_event("purpose"))?);
                        (codes.len() - 1) as u16
                    }
                },
            };
            let kind = r
                .get_ref(3)
                .map_err(StoreError::from)?
                .as_str()
                .ok()
                .and_then(ConsentEventKind::from_code)
                .ok_or_else(|| corrupt_event("kind"))?;
            let at = parse_time(
                r.get_ref(4)
                    .map_err(StoreError::from)?
                    .as_str()
                    .map_err(|_| corrupt_event("time"))?,
            )?;
            let len: i64 = r.get(6).map_err(StoreError::from)?;
            events.push(CompactEvent {
                subject: *subject.as_bytes(),
                at,
                seq: r.get(5).map_err(StoreError::from)?,
                id: *id.as_bytes(),
                purpose,
                kind,
                has_evidence: len > EMPTY_EVIDENCE_SEALED_LEN,
            });
        }
    }
    events.sort_unstable_by_key(|e| (e.subject, e.at, e.seq));
    let mut batch: Vec<ConsentEvent> = Vec::new();
    let mut metas: Vec<EventMeta> = Vec::new();
    let mut next = 0usize;
    for row in &subjects {
        batch.clear();
        metas.clear();
        let id = *row.id.as_bytes();
        // Events of subjects that do not exist (impossible with the foreign key) are skipped.
        while next < events.len() && events[next].subject < id {
            next += 1;
        }
        while next < events.len() && events[next].subject == id {
            let e = &events[next];
            batch.push(ConsentEvent {
                purpose: codes.get(usize::from(e.purpose)).cloned(),
                kind: e.kind,
                at: e.at,
                channel: Channel::Import,
                notice_version: None,
                evidence: Evidence::default(),
                recorded_by: String::new(),
            });
            metas.push(EventMeta {
                id: Uuid::from_bytes(e.id),
                has_evidence: e.has_evidence,
            });
            next += 1;
        }
        if !f(row, &batch, &metas)? {
            break;
        }
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
pub fn set_relationship_end(
    conn: &Connection,
    subject: Uuid,
    on: Option<NaiveDate>,
) -> StoreResult<bool> {
    Ok(conn.execute(
        "UPDATE subjects SET relationship_ended_on = ?2 WHERE id = ?1",
        params![
            subject.as_bytes().as_slice(),
            on.map(|d| d.format("%Y-%m-%d").to_string())
        ],
    )? > 0)
}

/// When a subject's customer relationship ended, if recorded.
pub fn relationship_end(conn: &Connection, subject: Uuid) -> StoreResult<Option<NaiveDate>> {
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
