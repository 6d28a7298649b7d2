//! The consent ledger table: append an event (evidence sealed), read one subject's events in
//! ledger order, and stream every event without evidence for counts.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::purpose::PurposeCode;

use super::{StoreError, StoreResult, Write, open_text};

const TABLE: &str = "consent_events";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("a consent event has an unreadable {what}"))
}

/// Appends one event for `subject` under the id `id`.
pub fn append(
    w: &mut Write<'_>,
    field_key: &SecretKey,
    subject: Uuid,
    id: Uuid,
    event: &ConsentEvent,
) -> StoreResult<()> {
    let evidence =
        zeroize::Zeroizing::new(serde_json::to_string(&event.evidence).unwrap_or_default());
    let sealed = w.seal_text(field_key, TABLE, "evidence", id, &evidence)?;
    w.execute(
        "INSERT INTO consent_events (id, subject_id, purpose_code, kind, at, channel,
             notice_version, evidence, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id.as_bytes().as_slice(),
            subject.as_bytes().as_slice(),
            event.purpose.as_ref().map(PurposeCode::as_str),
            event.kind.code(),
            event.at.to_rfc3339(),
            event.channel.code(),
            event.notice_version,
            sealed,
            event.recorded_by,
            Utc::now().to_rfc3339()
        ],
    )?;
    Ok(())
}

fn parse_time(text: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| corrupt("time"))
}

/// Every event of one subject, in ledger order, evidence opened.
pub fn for_subject(
    conn: &Connection,
    field_key: &SecretKey,
    subject: Uuid,
) -> StoreResult<Vec<ConsentEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, purpose_code, kind, at, channel, notice_version, evidence, recorded_by
         FROM consent_events WHERE subject_id = ?1 ORDER BY seq",
    )?;
    let mut rows = stmt.query([subject.as_bytes().as_slice()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: Vec<u8> = r.get(0)?;
        let id = Uuid::from_slice(&id).map_err(|_| corrupt("id"))?;
        let sealed: Vec<u8> = r.get(6)?;
        let json = open_text(field_key, TABLE, "evidence", id, &sealed)?;
        let evidence: Evidence =
            serde_json::from_str(&json).map_err(|_| StoreError::FieldTampered {
                table: TABLE,
                column: "evidence",
                record: id,
            })?;
        out.push(row_event(
            r.get(1)?,
            &r.get::<_, String>(2)?,
            &r.get::<_, String>(3)?,
            &r.get::<_, String>(4)?,
            r.get(5)?,
            evidence,
            r.get(7)?,
        )?);
    }
    Ok(out)
}

fn row_event(
    purpose: Option<String>,
    kind: &str,
    at: &str,
    channel: &str,
    notice_version: Option<u32>,
    evidence: Evidence,
    recorded_by: String,
) -> StoreResult<ConsentEvent> {
    Ok(ConsentEvent {
        purpose: purpose
            .map(|p| PurposeCode::parse(&p).map_err(|_| corrupt("purpose")))
            .transpose()?,
        kind: ConsentEventKind::from_code(kind).ok_or_else(|| corrupt("kind"))?,
        at: parse_time(at)?,
        channel: Channel::from_code(channel).ok_or_else(|| corrupt("channel"))?,
        notice_version,
        evidence,
        recorded_by,
    })
}

/// Calls `f` with each subject's events (evidence left empty, nothing decrypted), subject by
/// subject, in ledger order.
pub fn for_each_subject(conn: &Connection, mut f: impl FnMut(&[ConsentEvent])) -> StoreResult<()> {
    let mut stmt = conn.prepare(
        "SELECT subject_id, purpose_code, kind, at, channel, notice_version, recorded_by
         FROM consent_events ORDER BY subject_id, seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut current: Option<Vec<u8>> = None;
    let mut batch: Vec<ConsentEvent> = Vec::new();
    while let Some(r) = rows.next()? {
        let subject: Vec<u8> = r.get(0)?;
        if current.as_ref() != Some(&subject) {
            if !batch.is_empty() {
                f(&batch);
                batch.clear();
            }
            current = Some(subject);
        }
        batch.push(row_event(
            r.get(1)?,
            &r.get::<_, String>(2)?,
            &r.get::<_, String>(3)?,
            &r.get::<_, String>(4)?,
            r.get(5)?,
            Evidence::default(),
            r.get(6)?,
        )?);
    }
    if !batch.is_empty() {
        f(&batch);
    }
    Ok(())
}
