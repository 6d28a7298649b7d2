//! The consent ledger table: append an event (evidence sealed), read one subject's events in
//! ledger order, and stream every event without evidence for counts.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::params;
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind, Evidence};
use crate::domain::purpose::PurposeCode;

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

/// The sealed length of empty evidence (`{}`): anything longer holds some.
pub(super) const EMPTY_EVIDENCE_SEALED_LEN: i64 = (crate::crypto::SEAL_OVERHEAD + 2) as i64;

/// Stands in for evidence that is not decrypted when streaming the ledger: empty when none was
/// recorded, otherwise a placeholder note, so `Evidence::is_empty` still tells the two apart.
pub(super) fn evidence_marker(sealed_len: i64) -> Evidence {
    if sealed_len > EMPTY_EVIDENCE_SEALED_LEN {
        Evidence {
            note: "(sealed)".into(),
            ..Evidence::default()
        }
    } else {
        Evidence::default()
    }
}

/// Reads a time as stored (RFC 3339). The usual UTC form (`2026-11-29T20:36:19+00:00`, with or
/// without a fraction of a second) is read directly, a few times faster than the general
/// parser: whole-ledger reads (a sweep's plan, the counts) read millions of them.
pub(super) fn parse_time(text: &str) -> StoreResult<DateTime<Utc>> {
    parse_time_bytes(text.as_bytes())
}

/// [`parse_time`] of a column's bytes: the usual form needs no UTF-8 check.
pub(super) fn parse_time_bytes(text: &[u8]) -> StoreResult<DateTime<Utc>> {
    if let Some(t) = utc_time(text) {
        return Ok(t);
    }
    std::str::from_utf8(text)
        .ok()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| corrupt("time"))
}

/// The number written with the ASCII digits `digits` (`None` if any is not a digit).
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit()
            .then(|| n.saturating_mul(10).saturating_add(u32::from(b - b'0')))
    })
}

/// `YYYY-MM-DD` at the start of `text`.
pub(super) fn ymd(text: &[u8]) -> Option<NaiveDate> {
    if text.len() < 10 || text[4] != b'-' || text[7] != b'-' {
        return None;
    }
    let year = i32::try_from(number(&text[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&text[5..7])?, number(&text[8..10])?)
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]+00:00`, the form this program writes; `None` for any other.
fn utc_time(text: &[u8]) -> Option<DateTime<Utc>> {
    let body = text.strip_suffix(b"+00:00")?;
    if body.len() < 19 || body[10] != b'T' || body[13] != b':' || body[16] != b':' {
        return None;
    }
    let nanos = match &body[19..] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            number(digits)? * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let time = NaiveTime::from_hms_nano_opt(
        number(&body[11..13])?,
        number(&body[14..16])?,
        number(&body[17..19])?,
        nanos,
    )?;
    Some(ymd(body)?.and_time(time).and_utc())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{FieldRef, SecretKey, seal};

    #[test]
    fn stored_times_read_as_the_general_parser_reads_them() {
        for text in [
            "2026-11-29T20:36:19+00:00",
            "2024-02-29T00:00:00+00:00",
            "2025-06-01T10:00:00.5+00:00",
            "2025-06-01T10:00:00.123456789+00:00",
            "1999-12-31T23:59:59.000001+00:00",
        ] {
            let general = DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc);
            assert_eq!(utc_time(text.as_bytes()), Some(general), "{text}");
            assert_eq!(parse_time(text).unwrap(), general, "{text}");
        }
        // Other forms go to the general parser, which still reads them (or refuses them).
        for text in [
            "2026-11-29T21:36:19+01:00",
            "2026-11-29T20:36:19Z",
            "2026-11-29T20:36:19.1234567890+00:00",
            "2026-02-30T20:36:19+00:00",
            "2026-11-29 20:36:19+00:00",
            "20x6-11-29T20:36:19+00:00",
        ] {
            assert_eq!(utc_time(text.as_bytes()), None, "{text}");
            assert_eq!(
                parse_time(text).ok(),
                DateTime::parse_from_rfc3339(text)
                    .ok()
                    .map(|t| t.with_timezone(&Utc)),
                "{text}"
            );
        }
        assert_eq!(ymd(b"2026-11-29"), NaiveDate::from_ymd_opt(2026, 11, 29));
        assert_eq!(ymd(b"2026-13-01"), None);
        assert_eq!(ymd(b"2026-1-01"), None);
    }

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
