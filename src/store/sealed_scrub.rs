//! Replacing one sealed free-text column on every row of a request at erasure (the officer's
//! notes and reasons may name the person), sealed anew under each row's id so the row still
//! opens. The rows themselves stay as the record of compliance.

use rusqlite::params;
use uuid::Uuid;

use super::{StoreError, StoreResult, Write};
use crate::crypto::SecretKey;

/// Replaces `column` of `table` on every row of `request` that has one with `replacement`.
/// `table` and `column` are the store's own names, never input. Returns how many rows.
pub(super) fn replace_request_text(
    w: &mut Write<'_>,
    key: &SecretKey,
    table: &'static str,
    column: &'static str,
    request: Uuid,
    replacement: &str,
) -> StoreResult<usize> {
    let ids: Vec<Vec<u8>> = {
        let mut stmt = w.prepare_cached(&format!(
            "SELECT id FROM {table} WHERE request_id = ?1 AND {column} IS NOT NULL"
        ))?;
        let rows = stmt.query_map([request.as_bytes().as_slice()], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for raw in &ids {
        let id = Uuid::from_slice(raw)
            .map_err(|_| StoreError::Corrupt(format!("a row of {table} has a bad id")))?;
        let sealed = w.seal_text(key, table, column, id, replacement)?;
        w.execute(
            &format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"),
            params![raw, sealed],
        )?;
    }
    Ok(ids.len())
}
