//! Plain key/value settings. Only non-personal values belong here.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreResult;

/// Setting: idle minutes before auto-lock.
pub const AUTO_LOCK_MINUTES: &str = "auto_lock_minutes";
/// Setting: comma-separated regime codes.
pub const REGIMES: &str = "regimes";
/// Setting: "1" once the first-run setup is done.
pub const SETUP_COMPLETE: &str = "setup_complete";

/// Reads a setting.
pub fn get(conn: &Connection, key: &str) -> StoreResult<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Writes a setting (inside the caller's transaction).
pub fn set(conn: &Connection, key: &str, value: &str) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
