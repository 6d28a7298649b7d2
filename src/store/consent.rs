//! The consent ledger table: append an event (evidence sealed), read one subject's events in
//! ledger order, and stream every event without evidence for counts.

use chrono::Utc;
use rusqlite::params;
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::purpose::PurposeCode;

use super::ledger_columns::parse_time;
use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};

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
    let mut insert = w.prepare_cached(
        "INSERT INTO consent_events (id, subject_id, purpose_code, kind, at, channel,
             notice_version, evidence, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    insert.execute(params![
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
    ])?;
    Ok(())
}

/// Whether `subject`'s ledger already holds an event of this purpose, kind and time (so that
/// importing the same file again adds nothing twice). Reads plain columns only.
pub fn contains(conn: &Db, subject: Uuid, event: &ConsentEvent) -> StoreResult<bool> {
    let mut stmt = conn.prepare_cached(
        // Stay on the (subject_id, at) index: the purpose index would scan every
        // event of the purpose.
        "SELECT EXISTS (SELECT 1 FROM consent_events INDEXED BY consent_events_subject
             WHERE subject_id = ?1 AND at = ?2 AND kind = ?3 AND +purpose_code IS ?4)",
    )?;
    Ok(stmt.query_row(
        params![
            subject.as_bytes().as_slice(),
            event.at.to_rfc3339(),
            event.kind.code(),
            event.purpose.as_ref().map(PurposeCode::as_str)
        ],
        |r| r.get(0),
    )?)
}

/// Every event of one subject, in ledger order, evidence opened.
pub fn for_subject(
    conn: &Db,
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
        let sealed: Sealed = r.get(6)?;
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

pub(super) fn row_event(
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

/// Calls `f` with each subject's events (evidence not decrypted, see [`evidence_marker`]),
/// subject by subject, in ledger order.
pub fn for_each_subject(conn: &Db, mut f: impl FnMut(&[ConsentEvent])) -> StoreResult<()> {
    for_each_subject_with_id(conn, |_, events| {
        f(events);
        Ok::<bool, StoreError>(true)
    })
}

/// Calls `f` with each subject's id and events (evidence not decrypted, see
/// [`evidence_marker`]), in ledger order, subject by subject in id order, until it returns
/// `Ok(false)` or an error, which is passed on. Streamed from the covering index (see
/// [`super::ledger_scan`]): one subject's events are held at a time.
pub fn for_each_subject_with_id<E: From<StoreError>>(
    conn: &Db,
    mut f: impl FnMut(Uuid, &[ConsentEvent]) -> Result<bool, E>,
) -> Result<(), E> {
    super::ledger_scan::for_each_subject(
        conn,
        super::ledger_scan::LedgerRead::Consent,
        |id, events, _| f(id, events),
    )
}

/// Consent events per purpose, month (`YYYY-MM` of `at`, UTC) and kind code, from the month
/// `since` (`YYYY-MM`) on: one aggregate pass over the ledger for the Dashboard's chart,
/// without opening any sealed column. Person-wide CCPA choices (no purpose) are left out.
pub fn monthly_counts(conn: &Db, since: &str) -> StoreResult<Vec<(String, String, String, u64)>> {
    let mut stmt = conn.prepare(
        "SELECT purpose_code, substr(at, 1, 7), kind, COUNT(*) FROM consent_events
         WHERE purpose_code IS NOT NULL AND at >= ?1
         GROUP BY purpose_code, substr(at, 1, 7), kind",
    )?;
    let rows = stmt.query_map([since], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{FieldRef, SecretKey, seal};
    use crate::store::ledger_columns::{EMPTY_EVIDENCE_SEALED_LEN, evidence_marker};

    #[test]
    fn empty_evidence_seals_to_the_marker_length() {
        let key = SecretKey::random().unwrap();
        let at = FieldRef {
            table: TABLE,
            column: "evidence",
            record: &[0; 16],
        };
        let json = serde_json::to_string(&Evidence::default()).unwrap();
        let sealed = seal(&key, at, json.as_bytes()).unwrap();
        assert_eq!(sealed.len() as i64, EMPTY_EVIDENCE_SEALED_LEN);
        assert!(evidence_marker(sealed.len() as i64).is_empty());
        let some = Evidence {
            ip: "192.0.2.1".into(),
            ..Evidence::default()
        };
        let sealed = seal(&key, at, serde_json::to_string(&some).unwrap().as_bytes()).unwrap();
        assert!(!evidence_marker(sealed.len() as i64).is_empty());
    }
}
