//! Sweep reports, kept for the officer and a regulator (never changed once written).

use rusqlite::params;
use uuid::Uuid;

use crate::domain::retention::report::SweepReport;

use super::{Db, StoreError, StoreResult};

/// Stores a sweep's report.
pub fn insert(conn: &Db, report: &SweepReport, via: &str) -> StoreResult<()> {
    let json = serde_json::to_string(report)
        .map_err(|e| StoreError::Corrupt(format!("a sweep report could not be encoded: {e}")))?;
    let id = Uuid::parse_str(&report.id)
        .map_err(|_| StoreError::Corrupt("a sweep id is malformed".into()))?;
    conn.execute(
        "INSERT INTO sweeps (id, started_at, finished_at, run_by, via, outcome, report)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id.as_bytes().as_slice(),
            report.started_at,
            report.finished_at,
            report.run_by,
            via,
            report.outcome.code(),
            json
        ],
    )?;
    Ok(())
}

/// The reports, newest first.
pub fn list(conn: &Db, limit: i64) -> StoreResult<Vec<SweepReport>> {
    let mut stmt = conn.prepare("SELECT report FROM sweeps ORDER BY seq DESC LIMIT ?1")?;
    let rows = stmt.query_map([limit], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        out.push(
            serde_json::from_str(&json?)
                .map_err(|_| StoreError::Corrupt("a sweep report is unreadable".into()))?,
        );
    }
    Ok(out)
}

/// When the last completed sweep finished, RFC 3339 (cancelled and failed ones do not count).
pub fn last_finished(conn: &Db) -> StoreResult<Option<String>> {
    Ok(conn.query_row(
        "SELECT MAX(finished_at) FROM sweeps WHERE outcome = 'completed'",
        [],
        |r| r.get(0),
    )?)
}
