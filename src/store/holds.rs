//! Legal holds: a subject or a request that no sweep and no erasure may touch, with the
//! reason (sealed), the day placed and the day it ends.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use crate::crypto::SecretKey;

use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};
pub use crate::domain::retention::hold::HoldTarget;
pub use crate::domain::retention::hold::LegalHold;

const TABLE: &str = "legal_holds";
const DATE: &str = "%Y-%m-%d";

impl HoldTarget {
    fn parts(self) -> (&'static str, Uuid) {
        match self {
            Self::Subject(id) => ("subject", id),
            Self::Request(id) => ("request", id),
        }
    }
}

/// A hold being placed.
#[derive(Clone, Copy, Debug)]
pub struct NewHold<'a> {
    /// Its id.
    pub id: Uuid,
    /// What it is on.
    pub target: HoldTarget,
    /// Why (sealed).
    pub reason: &'a str,
    /// The day placed.
    pub placed_on: NaiveDate,
    /// The last day, if set.
    pub ends_on: Option<NaiveDate>,
    /// Who places it.
    pub by: &'a str,
}

/// Places a hold.
pub fn insert(w: &mut Write<'_>, key: &SecretKey, hold: &NewHold<'_>) -> StoreResult<()> {
    let NewHold {
        id,
        target,
        reason,
        placed_on,
        ends_on,
        by,
    } = *hold;
    let sealed = w.seal_text(key, TABLE, "reason", id, reason)?;
    let (kind, target_id) = target.parts();
    w.execute(
        "INSERT INTO legal_holds (id, target_kind, target_id, reason, placed_on, ends_on, placed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id.as_bytes().as_slice(),
            kind,
            target_id.as_bytes().as_slice(),
            sealed,
            placed_on.format(DATE).to_string(),
            ends_on.map(|d| d.format(DATE).to_string()),
            by
        ],
    )?;
    Ok(())
}

/// Releases a hold; returns whether it was in force.
pub fn release(conn: &Db, id: Uuid, on: NaiveDate, by: &str) -> StoreResult<bool> {
    Ok(conn.execute(
        "UPDATE legal_holds SET released_on = ?2, released_by = ?3
         WHERE id = ?1 AND released_on IS NULL",
        params![id.as_bytes().as_slice(), on.format(DATE).to_string(), by],
    )? > 0)
}

fn date(text: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE)
        .map_err(|_| StoreError::Corrupt("a legal hold has an unreadable date".into()))
}

/// Every hold, newest first (reasons opened).
pub fn list(conn: &Db, key: &SecretKey) -> StoreResult<Vec<LegalHold>> {
    let mut stmt = conn.prepare(
        "SELECT id, target_kind, target_id, reason, placed_on, ends_on, placed_by, released_on
         FROM legal_holds ORDER BY seq DESC",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id = Uuid::from_slice(&r.get::<_, Vec<u8>>(0)?)
            .map_err(|_| StoreError::Corrupt("a legal hold id is malformed".into()))?;
        let kind: String = r.get(1)?;
        let target_id = Uuid::from_slice(&r.get::<_, Vec<u8>>(2)?)
            .map_err(|_| StoreError::Corrupt("a legal hold target is malformed".into()))?;
        let target = match kind.as_str() {
            "subject" => HoldTarget::Subject(target_id),
            _ => HoldTarget::Request(target_id),
        };
        out.push(LegalHold {
            id,
            target,
            reason: open_text(key, TABLE, "reason", id, &r.get::<_, Sealed>(3)?)?.to_string(),
            placed_on: date(&r.get::<_, String>(4)?)?,
            ends_on: r
                .get::<_, Option<String>>(5)?
                .map(|d| date(&d))
                .transpose()?,
            placed_by: r.get(6)?,
            released_on: r
                .get::<_, Option<String>>(7)?
                .map(|d| date(&d))
                .transpose()?,
        });
    }
    Ok(out)
}

/// The targets of the holds in force on `day` (no decryption).
pub fn in_force(conn: &Db, day: NaiveDate) -> StoreResult<HashSet<HoldTarget>> {
    let mut stmt = conn.prepare(
        "SELECT target_kind, target_id FROM legal_holds
         WHERE released_on IS NULL AND (ends_on IS NULL OR ends_on >= ?1)",
    )?;
    let mut rows = stmt.query([day.format(DATE).to_string()])?;
    let mut out = HashSet::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        let Ok(id) = Uuid::from_slice(&r.get::<_, Vec<u8>>(1)?) else {
            continue;
        };
        out.insert(if kind == "subject" {
            HoldTarget::Subject(id)
        } else {
            HoldTarget::Request(id)
        });
    }
    Ok(out)
}

/// Replaces the reason of every hold on `subject`, or on one of their requests, that is no
/// longer in force on `today` (released, or past its last day): the officer's words may name
/// the person. Holds in force are left whole (a hold in force on the person refuses the
/// erasure; one on a request keeps that request whole). Run before the subject's row goes.
/// Returns how many reasons were replaced.
pub fn scrub_ended_for_subject(
    w: &mut Write<'_>,
    key: &SecretKey,
    subject: Uuid,
    today: NaiveDate,
) -> StoreResult<usize> {
    let ids: Vec<Vec<u8>> = {
        let mut stmt = w.prepare(
            "SELECT id FROM legal_holds
             WHERE ((target_kind = 'subject' AND target_id = ?1)
                    OR (target_kind = 'request'
                        AND target_id IN (SELECT id FROM requests WHERE subject_id = ?1)))
               AND (released_on IS NOT NULL OR (ends_on IS NOT NULL AND ends_on < ?2))",
        )?;
        let rows = stmt.query_map(
            params![
                subject.as_bytes().as_slice(),
                today.format(DATE).to_string()
            ],
            |r| r.get(0),
        )?;
        rows.collect::<Result<_, _>>()?
    };
    for raw in &ids {
        let id = Uuid::from_slice(raw)
            .map_err(|_| StoreError::Corrupt("a legal hold id is malformed".into()))?;
        let reason = w.seal_text(key, TABLE, "reason", id, super::requests::ERASED_TEXT)?;
        w.execute(
            "UPDATE legal_holds SET reason = ?2 WHERE id = ?1",
            params![raw, reason],
        )?;
    }
    Ok(ids.len())
}

/// Whether a hold on `target` is in force on `day`.
pub fn is_held(conn: &Db, target: HoldTarget, day: NaiveDate) -> StoreResult<bool> {
    let (kind, id) = target.parts();
    Ok(conn
        .query_row(
            "SELECT 1 FROM legal_holds WHERE target_kind = ?1 AND target_id = ?2
               AND released_on IS NULL AND (ends_on IS NULL OR ends_on >= ?3) LIMIT 1",
            params![kind, id.as_bytes().as_slice(), day.format(DATE).to_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}
