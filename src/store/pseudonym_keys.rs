//! The `pseudonym_keys` table: one random key per recipient of pseudonymised exports, sealed
//! under the field key with the recipient's name as the record (so a key moved to another
//! recipient's row fails to open). The recipient's name (trimmed, lower-cased) is plain: it is
//! a vendor or a purpose such as "analysis", not a person.

use chrono::Utc;
use rusqlite::{OptionalExtension, params};

use crate::crypto::{self, CryptoError, FieldRef, PseudonymKey, SecretKey};

use super::{Db, StoreError, StoreResult, Write, header};
pub use crate::domain::pseudonymise::RecipientRow;

const TABLE: &str = "pseudonym_keys";
const COLUMN: &str = "key";

fn at(recipient: &str) -> FieldRef<'_> {
    FieldRef {
        table: TABLE,
        column: COLUMN,
        record: recipient.as_bytes(),
    }
}

/// Opens the key of `recipient` (already normalised); `None` when no export was made to them.
pub fn get(conn: &Db, field_key: &SecretKey, recipient: &str) -> StoreResult<Option<PseudonymKey>> {
    let sealed: Option<Vec<u8>> = conn
        .query_row(
            "SELECT key FROM pseudonym_keys WHERE recipient = ?1",
            [recipient],
            |r| r.get(0),
        )
        .optional()?;
    let Some(sealed) = sealed else {
        return Ok(None);
    };
    let tampered = || {
        StoreError::Corrupt(format!(
            "the pseudonym key of recipient {recipient:?} was altered or moved inside the file"
        ))
    };
    let bytes = crypto::open(field_key, at(recipient), &sealed).map_err(|e| match e {
        CryptoError::OpenFailed | CryptoError::Malformed(_) => tampered(),
        other => StoreError::Crypto(other),
    })?;
    PseudonymKey::from_slice(&bytes)
        .map(Some)
        .map_err(|_| tampered())
}

/// Stores a new key for `recipient` (already normalised), made by `created_by`. A recipient
/// that already has a key keeps it: that is a conflict, never an overwrite, since the old key
/// is what links earlier exports.
pub fn insert(
    w: &mut Write<'_>,
    field_key: &SecretKey,
    recipient: &str,
    key: &PseudonymKey,
    created_by: &str,
) -> StoreResult<()> {
    let sealed = crypto::seal(field_key, at(recipient), key.expose_secret_bytes())?;
    let added = w.execute(
        "INSERT INTO pseudonym_keys (recipient, key, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (recipient) DO NOTHING",
        params![recipient, sealed, Utc::now().to_rfc3339(), created_by],
    )?;
    if added == 0 {
        return Err(StoreError::Conflict(format!(
            "Recipient {recipient:?} received its first export from another window while this one was written; nothing was exported. Export again: it will use the same pseudonyms."
        )));
    }
    // The seal counts towards the field key's budget like every other.
    header::add_seals(w, 1)?;
    Ok(())
}

/// Every recipient with a key, by name.
pub fn list(conn: &Db) -> StoreResult<Vec<RecipientRow>> {
    let mut stmt = conn.prepare(
        "SELECT recipient, created_at, created_by FROM pseudonym_keys ORDER BY recipient",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(RecipientRow {
            recipient: r.get(0)?,
            created_at: r.get(1)?,
            created_by: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
