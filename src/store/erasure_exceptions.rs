//! Kept parts of an erasure or delete request (GDPR Art. 17(3); Cal. Civ. Code § 1798.105(d)):
//! per request and part, the exception that keeps it, with the officer's reason sealed.

use chrono::NaiveDate;
use rusqlite::params;
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::organisation::Regime;
use crate::domain::request::partial::{ErasureException, KeptPart};

use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};

const TABLE: &str = "erasure_exceptions";
const DATE: &str = "%Y-%m-%d";

/// Records (or replaces) the kept part `part.part` of `request`.
pub fn save(w: &mut Write<'_>, key: &SecretKey, request: Uuid, part: &KeptPart) -> StoreResult<()> {
    w.execute(
        "DELETE FROM erasure_exceptions WHERE request_id = ?1 AND part = ?2",
        params![request.as_bytes().as_slice(), part.part],
    )?;
    let id = Uuid::new_v4();
    let reason = w.seal_text(key, TABLE, "reason", id, &part.reason)?;
    w.execute(
        "INSERT INTO erasure_exceptions (id, request_id, part, exception, reason, decided_on,
             decided_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id.as_bytes().as_slice(),
            request.as_bytes().as_slice(),
            part.part,
            part.exception.code(),
            reason,
            part.decided_on.format(DATE).to_string(),
            part.decided_by,
        ],
    )?;
    Ok(())
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("a kept part of an erasure has {what}"))
}

/// The parts kept on `request` (of `regime`), by part.
pub fn for_request(
    conn: &Db,
    key: &SecretKey,
    request: Uuid,
    regime: Regime,
) -> StoreResult<Vec<KeptPart>> {
    let mut stmt = conn.prepare(
        "SELECT id, part, exception, reason, decided_on, decided_by
         FROM erasure_exceptions WHERE request_id = ?1 ORDER BY part",
    )?;
    let mut rows = stmt.query([request.as_bytes().as_slice()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id = Uuid::from_slice(&r.get::<_, Vec<u8>>(0)?).map_err(|_| corrupt("a bad id"))?;
        let exception = ErasureException::parse(regime, &r.get::<_, String>(2)?)
            .map_err(|_| corrupt("an exception its regime does not list"))?;
        let decided_on = NaiveDate::parse_from_str(&r.get::<_, String>(4)?, DATE)
            .map_err(|_| corrupt("an unreadable date"))?;
        out.push(KeptPart {
            part: r.get(1)?,
            exception,
            reason: open_text(key, TABLE, "reason", id, &r.get::<_, Sealed>(3)?)?.to_string(),
            decided_on,
            decided_by: r.get(5)?,
        });
    }
    Ok(out)
}

/// Replaces the reasons written on the kept parts of `request` (a request of the person being
/// erased) with `replacement`; the parts and their exceptions stay as the record of
/// compliance. Returns how many.
pub fn scrub(
    w: &mut Write<'_>,
    key: &SecretKey,
    request: Uuid,
    replacement: &str,
) -> StoreResult<usize> {
    super::sealed_scrub::replace_request_text(w, key, TABLE, "reason", request, replacement)
}
