//! Column mappings saved by name (issue 20, item 3): the TOML text of a mapping, who saved it
//! and when. Column and field names only, so nothing here is sealed.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Db, StoreError, StoreResult};

/// One saved mapping, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredMapping {
    /// The name the officer gave it.
    pub name: String,
    /// The mapping as TOML (`[columns]`).
    pub body: String,
    /// When it was last saved.
    pub saved_at: DateTime<Utc>,
    /// Who saved it (a user name).
    pub saved_by: String,
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn stored(
    (name, body, saved_at, saved_by): (String, String, String, String),
) -> StoreResult<StoredMapping> {
    let saved_at = DateTime::parse_from_rfc3339(&saved_at)
        .map_err(|_| StoreError::Corrupt("a saved import mapping has an unreadable time".into()))?
        .with_timezone(&Utc);
    Ok(StoredMapping {
        name,
        body,
        saved_at,
        saved_by,
    })
}

/// Every saved mapping, by name.
pub fn list(conn: &Db) -> StoreResult<Vec<StoredMapping>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, body, saved_at, saved_by FROM import_mappings ORDER BY name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], row)?.collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(stored).collect()
}

/// The mapping saved as `name`, if any.
pub fn get(conn: &Db, name: &str) -> StoreResult<Option<StoredMapping>> {
    conn.query_row(
        "SELECT name, body, saved_at, saved_by FROM import_mappings WHERE name = ?1",
        [name],
        row,
    )
    .optional()?
    .map(stored)
    .transpose()
}

/// Saves `body` as `name`, replacing a mapping of that name. Returns whether one was replaced.
pub fn save(conn: &Db, name: &str, body: &str, at: DateTime<Utc>, by: &str) -> StoreResult<bool> {
    let replaced = get(conn, name)?.is_some();
    conn.execute(
        "INSERT INTO import_mappings (name, body, saved_at, saved_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at,
                                          saved_by = excluded.saved_by",
        params![name, body, at.to_rfc3339(), by],
    )?;
    Ok(replaced)
}

/// Forgets the mapping saved as `name`. Returns whether there was one.
pub fn delete(conn: &Db, name: &str) -> StoreResult<bool> {
    Ok(conn.execute("DELETE FROM import_mappings WHERE name = ?1", [name])? > 0)
}
