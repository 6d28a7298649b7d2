//! The incident log (table `incidents`, GDPR Art. 33(5)): when the business became aware of a
//! breach, the details (facts, effects, remedial action, the reason for a delay, the risk
//! assessment: one sealed JSON document), when the authority was notified, whether the people
//! were told, when it was closed. Entries are corrected, never deleted (a trigger refuses it).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::crypto::SecretKey;
use crate::domain::records::{Incident, IncidentDetails, IncidentEntry};

use super::security::{day, uuid};
use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};

const TABLE: &str = "incidents";
const COLUMNS: &str = "seq, id, occurred_on, aware_at, details, authority_notified_at,
     subjects_notified, closed_on, recorded_by, recorded_at";

fn seal_details(
    w: &mut Write<'_>,
    key: &SecretKey,
    id: Uuid,
    details: &IncidentDetails,
) -> StoreResult<Sealed> {
    let json = Zeroizing::new(serde_json::to_string(details).map_err(|e| {
        StoreError::Corrupt(format!("an incident's details could not be written: {e}"))
    })?);
    w.seal_text(key, TABLE, "details", id, &json)
}

fn time(text: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt("an incident has an unreadable time".into()))
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Records a breach; returns its number in the log (its reference is `INC-<number>`).
pub fn insert(
    w: &mut Write<'_>,
    key: &SecretKey,
    id: Uuid,
    entry: &IncidentEntry,
    by: &str,
) -> StoreResult<i64> {
    let sealed = seal_details(w, key, id, &entry.details)?;
    w.execute(
        "INSERT INTO incidents (id, occurred_on, aware_at, details, authority_notified_at,
             subjects_notified, closed_on, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8)",
        params![
            id.as_bytes().as_slice(),
            entry.occurred_on.map(iso),
            entry.aware_at.to_rfc3339(),
            sealed,
            entry.authority_notified_at.map(|t| t.to_rfc3339()),
            entry.subjects_notified,
            by,
            Utc::now().to_rfc3339()
        ],
    )?;
    Ok(w.last_insert_rowid())
}

/// Corrects an entry (the details are sealed again); returns whether it exists.
pub fn update(
    w: &mut Write<'_>,
    key: &SecretKey,
    id: Uuid,
    entry: &IncidentEntry,
) -> StoreResult<bool> {
    let sealed = seal_details(w, key, id, &entry.details)?;
    Ok(w.execute(
        "UPDATE incidents SET occurred_on = ?2, aware_at = ?3, details = ?4,
             authority_notified_at = ?5, subjects_notified = ?6
         WHERE id = ?1",
        params![
            id.as_bytes().as_slice(),
            entry.occurred_on.map(iso),
            entry.aware_at.to_rfc3339(),
            sealed,
            entry.authority_notified_at.map(|t| t.to_rfc3339()),
            entry.subjects_notified
        ],
    )? > 0)
}

/// Closes (or, with `None`, reopens) an entry; returns whether it exists.
pub fn set_closed(conn: &Db, id: Uuid, on: Option<NaiveDate>) -> StoreResult<bool> {
    Ok(conn.execute(
        "UPDATE incidents SET closed_on = ?2 WHERE id = ?1",
        params![id.as_bytes().as_slice(), on.map(iso)],
    )? > 0)
}

fn read(key: &SecretKey, r: &Row<'_>) -> StoreResult<Incident> {
    let id = uuid(&r.get::<_, Vec<u8>>(1)?, "an incident")?;
    let json = open_text(key, TABLE, "details", id, &r.get::<_, Sealed>(4)?)?;
    let details: IncidentDetails = serde_json::from_str(&json)
        .map_err(|_| StoreError::Corrupt(format!("the details of incident {id} are unreadable")))?;
    Ok(Incident {
        id,
        number: r.get(0)?,
        entry: IncidentEntry {
            occurred_on: r
                .get::<_, Option<String>>(2)?
                .map(|d| day(&d, "an incident"))
                .transpose()?,
            aware_at: time(&r.get::<_, String>(3)?)?,
            details,
            authority_notified_at: r
                .get::<_, Option<String>>(5)?
                .map(|t| time(&t))
                .transpose()?,
            subjects_notified: r.get(6)?,
        },
        closed_on: r
            .get::<_, Option<String>>(7)?
            .map(|d| day(&d, "an incident"))
            .transpose()?,
        recorded_by: r.get(8)?,
        recorded_at: r.get(9)?,
    })
}

fn query(
    conn: &Db,
    key: &SecretKey,
    filter: &str,
    param: Option<&dyn rusqlite::ToSql>,
) -> StoreResult<Vec<Incident>> {
    let sql = format!("SELECT {COLUMNS} FROM incidents {filter} ORDER BY seq DESC");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = match param {
        Some(p) => stmt.query([p])?,
        None => stmt.query([])?,
    };
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(read(key, r)?);
    }
    Ok(out)
}

/// Every entry, newest first (details opened).
pub fn list(conn: &Db, key: &SecretKey) -> StoreResult<Vec<Incident>> {
    query(conn, key, "", None)
}

/// The entries not closed yet, newest first (details opened: the risk decides the clock).
pub fn open(conn: &Db, key: &SecretKey) -> StoreResult<Vec<Incident>> {
    query(conn, key, "WHERE closed_on IS NULL", None)
}

/// The entry with `id`, if any.
pub fn get(conn: &Db, key: &SecretKey, id: Uuid) -> StoreResult<Option<Incident>> {
    let bytes = id.as_bytes().to_vec();
    Ok(query(conn, key, "WHERE id = ?1", Some(&bytes))?
        .into_iter()
        .next())
}

/// The id of entry number `number`, if any.
pub fn find_by_number(conn: &Db, number: i64) -> StoreResult<Option<Uuid>> {
    let bytes: Option<Vec<u8>> = conn
        .query_row("SELECT id FROM incidents WHERE seq = ?1", [number], |r| {
            r.get(0)
        })
        .optional()?;
    bytes.map(|b| uuid(&b, "an incident")).transpose()
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    #[test]
    fn an_incident_cannot_be_deleted() {
        let mut c = Connection::open_in_memory().unwrap();
        super::super::migrations::all().to_latest(&mut c).unwrap();
        c.execute(
            "INSERT INTO incidents (id, aware_at, details, subjects_notified, recorded_by, recorded_at)
             VALUES (x'00', '2026-01-01T00:00:00Z', x'00', 0, 'owner', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
        let e = c.execute("DELETE FROM incidents", []).unwrap_err();
        assert!(e.to_string().contains("Art. 33(5)"), "{e}");
    }
}
