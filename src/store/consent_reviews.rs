//! The officer's review marks on consents in the review queue: the latest per subject and
//! purpose (plain: ids, a purpose code, a time, a notice version and the user's name).

use std::collections::HashMap;

use super::Db;
use chrono::{DateTime, Utc};
use rusqlite::params;
use uuid::Uuid;

use crate::domain::consent::ReviewMark;

use super::StoreResult;

/// Records (or replaces) the mark of one subject's consent for `purpose`.
pub fn mark(
    conn: &Db,
    subject: Uuid,
    purpose: &str,
    mark: &ReviewMark,
    by: &str,
) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO consent_reviews (subject_id, purpose_code, reviewed_at, notice_version, reviewed_by)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (subject_id, purpose_code) DO UPDATE SET reviewed_at = excluded.reviewed_at,
             notice_version = excluded.notice_version, reviewed_by = excluded.reviewed_by",
        params![
            subject.as_bytes().as_slice(),
            purpose,
            mark.reviewed_at.to_rfc3339(),
            mark.notice_version,
            by
        ],
    )?;
    Ok(())
}

/// Every mark, by (subject, purpose code).
pub fn all(conn: &Db) -> StoreResult<HashMap<(Uuid, String), ReviewMark>> {
    let mut stmt = conn.prepare(
        "SELECT subject_id, purpose_code, reviewed_at, notice_version FROM consent_reviews",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let raw: Vec<u8> = r.get(0)?;
        let at: String = r.get(2)?;
        let (Ok(id), Ok(at)) = (Uuid::from_slice(&raw), DateTime::parse_from_rfc3339(&at)) else {
            return Err(super::StoreError::Corrupt(
                "a consent review mark is unreadable".into(),
            ));
        };
        out.insert(
            (id, r.get::<_, String>(1)?),
            ReviewMark {
                reviewed_at: at.with_timezone(&Utc),
                notice_version: r.get(3)?,
            },
        );
    }
    Ok(out)
}
