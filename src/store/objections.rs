//! Objection decisions (GDPR Art. 21(1)): per request and purpose, stopped or continuing on a
//! ground, with the officer's reasons sealed.

use chrono::NaiveDate;
use rusqlite::params;
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::purpose::PurposeCode;
use crate::domain::request::objection::{ContinueGround, ObjectionDecision, ObjectionOutcome};

use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};

const TABLE: &str = "objection_decisions";
const DATE: &str = "%Y-%m-%d";

/// Records (or replaces) the decision for `decision.purpose` on `request`.
pub fn save(
    w: &mut Write<'_>,
    key: &SecretKey,
    request: Uuid,
    decision: &ObjectionDecision,
) -> StoreResult<()> {
    w.execute(
        "DELETE FROM objection_decisions WHERE request_id = ?1 AND purpose_code = ?2",
        params![request.as_bytes().as_slice(), decision.purpose.as_str()],
    )?;
    let id = Uuid::new_v4();
    let reason = w.seal_text(key, TABLE, "reason", id, &decision.reason)?;
    let ground = match decision.outcome {
        ObjectionOutcome::Stopped => None,
        ObjectionOutcome::Continues(g) => Some(g.code()),
    };
    w.execute(
        "INSERT INTO objection_decisions (id, request_id, purpose_code, outcome, ground,
             direct_marketing, reason, decided_on, decided_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id.as_bytes().as_slice(),
            request.as_bytes().as_slice(),
            decision.purpose.as_str(),
            decision.outcome.code(),
            ground,
            decision.direct_marketing,
            reason,
            decision.decided_on.format(DATE).to_string(),
            decision.decided_by,
        ],
    )?;
    Ok(())
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("an objection decision has {what}"))
}

/// The decisions recorded on `request`, by purpose code.
pub fn for_request(
    conn: &Db,
    key: &SecretKey,
    request: Uuid,
) -> StoreResult<Vec<ObjectionDecision>> {
    let mut stmt = conn.prepare(
        "SELECT id, purpose_code, ground, direct_marketing, reason, decided_on, decided_by
         FROM objection_decisions WHERE request_id = ?1 ORDER BY purpose_code",
    )?;
    let mut rows = stmt.query([request.as_bytes().as_slice()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id = Uuid::from_slice(&r.get::<_, Vec<u8>>(0)?).map_err(|_| corrupt("a bad id"))?;
        let purpose = PurposeCode::parse(&r.get::<_, String>(1)?)
            .map_err(|_| corrupt("a bad purpose code"))?;
        let outcome = match r.get::<_, Option<String>>(2)? {
            None => ObjectionOutcome::Stopped,
            Some(code) => ObjectionOutcome::Continues(
                ContinueGround::from_code(&code).ok_or_else(|| corrupt("an unknown ground"))?,
            ),
        };
        let decided_on = NaiveDate::parse_from_str(&r.get::<_, String>(5)?, DATE)
            .map_err(|_| corrupt("an unreadable date"))?;
        out.push(ObjectionDecision {
            purpose,
            outcome,
            direct_marketing: r.get(3)?,
            reason: open_text(key, TABLE, "reason", id, &r.get::<_, Sealed>(4)?)?.to_string(),
            decided_on,
            decided_by: r.get(6)?,
        });
    }
    Ok(out)
}

/// Replaces the reasons written on the decisions of `request` (a request of the person being
/// erased) with `replacement`; the decisions themselves stay as the record of compliance.
/// Returns how many.
pub fn scrub(
    w: &mut Write<'_>,
    key: &SecretKey,
    request: Uuid,
    replacement: &str,
) -> StoreResult<usize> {
    super::sealed_scrub::replace_request_text(w, key, TABLE, "reason", request, replacement)
}

/// The subjects whose objection stopped processing for `purpose`: a decision recorded as
/// stopped on an objection request linked to them (GDPR and UK GDPR Art. 21(1), (3)). The
/// campaign check and the suppression list leave them out for that purpose.
pub fn stopped_subjects(
    conn: &Db,
    purpose: &PurposeCode,
) -> StoreResult<std::collections::HashSet<Uuid>> {
    let mut stmt = conn.prepare(
        "SELECT r.subject_id FROM objection_decisions d JOIN requests r ON r.id = d.request_id
         WHERE d.purpose_code = ?1 AND d.outcome = 'stopped' AND r.subject_id IS NOT NULL",
    )?;
    let rows = stmt.query_map([purpose.as_str()], |r| r.get::<_, Vec<u8>>(0))?;
    let mut out = std::collections::HashSet::new();
    for raw in rows {
        out.insert(Uuid::from_slice(&raw?).map_err(|_| corrupt("a bad subject id"))?);
    }
    Ok(out)
}
