//! The send records of campaign pre-flight runs (`campaign_sends`): counts, hashes and codes
//! in plain columns, the campaign's name sealed. No address of an audience is kept.

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::campaign::{ExclusionReason, ReasonCounts, SendRecord};
use crate::domain::purpose::PurposeCode;

use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};

const TABLE: &str = "campaign_sends";

/// The sealed columns.
pub const SEALED_COLUMNS: [&str; 1] = ["name"];

/// Records a send; its `number` is assigned here (the next free one) and returned.
pub fn insert(w: &mut Write<'_>, key: &SecretKey, r: &SendRecord) -> StoreResult<i64> {
    let name = w.seal_text(key, TABLE, "name", r.id, &r.name)?;
    let number: i64 = w.query_row(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM campaign_sends",
        [],
        |row| row.get(0),
    )?;
    let excluded = serde_json::to_string(&r.excluded.0)
        .map_err(|e| StoreError::Corrupt(format!("send counts could not be encoded: {e}")))?;
    w.prepare_cached(
        "INSERT INTO campaign_sends (id, number, name, purpose_code, notice_version, checked,
                                     sendable, excluded, audience_sha256, audit_head_seq,
                                     audit_head_mac, checked_at, checked_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        r.id.as_bytes().as_slice(),
        number,
        name,
        r.purpose.as_str(),
        r.notice_version,
        r.checked as i64,
        r.sendable as i64,
        excluded,
        r.audience_sha256,
        r.audit_head_seq,
        r.audit_head_mac,
        r.checked_at.to_rfc3339(),
        r.checked_by
    ])?;
    Ok(number)
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("a send record has an unreadable {what}"))
}

fn from_row(key: &SecretKey, r: &Row<'_>) -> StoreResult<SendRecord> {
    let id: Vec<u8> = r.get(0)?;
    let id = Uuid::from_slice(&id).map_err(|_| corrupt("id"))?;
    let name = open_text(key, TABLE, "name", id, &r.get::<_, Sealed>(2)?)?.to_string();
    let purpose = PurposeCode::parse(&r.get::<_, String>(3)?).map_err(|_| corrupt("purpose"))?;
    let counts: std::collections::BTreeMap<String, u64> =
        serde_json::from_str(&r.get::<_, String>(7)?).map_err(|_| corrupt("count"))?;
    let mut excluded = ReasonCounts::zero();
    for (code, n) in counts {
        let reason = ExclusionReason::from_code(&code).ok_or_else(|| corrupt("reason"))?;
        excluded.0.insert(reason.code(), n);
    }
    let at: String = r.get(11)?;
    let checked_at = DateTime::parse_from_rfc3339(&at)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| corrupt("time"))?;
    Ok(SendRecord {
        id,
        number: r.get(1)?,
        name,
        purpose,
        notice_version: r.get(4)?,
        checked: r.get::<_, i64>(5)?.max(0) as u64,
        sendable: r.get::<_, i64>(6)?.max(0) as u64,
        excluded,
        audience_sha256: r.get(8)?,
        audit_head_seq: r.get(9)?,
        audit_head_mac: r.get(10)?,
        checked_at,
        checked_by: r.get(12)?,
    })
}

/// Every send record, newest first.
pub fn list(conn: &Db, key: &SecretKey) -> StoreResult<Vec<SendRecord>> {
    let mut stmt = conn.prepare(
        "SELECT id, number, name, purpose_code, notice_version, checked, sendable, excluded,
                audience_sha256, audit_head_seq, audit_head_mac, checked_at, checked_by
         FROM campaign_sends ORDER BY number DESC",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(from_row(key, r)?);
    }
    Ok(out)
}
