//! Plain key/value settings. Only non-personal values belong here.

use super::Db;
use rusqlite::{OptionalExtension, params};

use super::StoreResult;

/// Setting: idle minutes before auto-lock.
pub const AUTO_LOCK_MINUTES: &str = "auto_lock_minutes";
/// Setting: comma-separated regime codes.
pub const REGIMES: &str = "regimes";
/// Setting: "1" once the first-run setup is done.
pub const SETUP_COMPLETE: &str = "setup_complete";
/// Setting: the TOML text of the vendor questionnaire the officer loaded (absent: the shipped
/// one is used).
pub const VENDOR_QUESTIONNAIRE: &str = "vendor_questionnaire";
/// Setting: where the loaded vendor questionnaire came from (JSON: file name, day loaded).
pub const VENDOR_QUESTIONNAIRE_ORIGIN: &str = "vendor_questionnaire_origin";

/// Setting: the address the self-service pages submit to (a form service's URL); absent: the
/// pages submit by `mailto:` to the controller's email.
pub const SITE_FORM_ACTION: &str = "site_form_action";

/// Reads a setting.
pub fn get(conn: &Db, key: &str) -> StoreResult<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Writes a setting (inside the caller's transaction).
pub fn set(conn: &Db, key: &str, value: &str) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Removes a setting (inside the caller's transaction); whether it was there.
pub fn remove(conn: &Db, key: &str) -> StoreResult<bool> {
    Ok(conn.execute("DELETE FROM settings WHERE key = ?1", [key])? > 0)
}
