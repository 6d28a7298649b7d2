//! Tamper evidence for plain columns (issue 17, item 6): each protected row carries an
//! HMAC-SHA256 tag (`row_mac`) under the row-MAC subkey of the vault key, over its table, its
//! record id and the columns that matter ([`PROTECTED`]).
//!
//! - Writing: the store's connection notes every insert or update of a bound column (TEMP
//!   triggers) and [`Write::commit`](crate::store::Write::commit) tags the noted rows in the
//!   same transaction ([`tagging`]).
//! - Checking: [`verify_all`] for `audit verify`, [`check_recent`] at unlock.
//! - Upgrading: rows written before format 13 are tagged once, at the first unlock after the
//!   upgrade ([`needs_first_tagging`], [`tag_untagged`], [`record_first_tagging`]).
//! - Rotating the vault key: [`retag_all`] under the new key.
//!
//! A row deleted outside the app is not seen here: the tags are per row. What the audit
//! trail and the erasure records show about deletions is described in the README.

mod checking;
mod tables;
mod tagging;

use rusqlite::OptionalExtension;

use crate::crypto::SecretKey;
use crate::domain::audit::AuditAction;

use super::{Db, StoreResult, Write, settings};

pub use checking::{RowCheck, check_recent, verify_all};
pub use tables::{IdKind, MAC_COLUMN, PROTECTED, ProtectedTable};
pub use tagging::{count_rows, retag_all, tag_untagged};
pub(crate) use tagging::{install_triggers, tag_noted};

/// Setting: the audit entry (its seq) that recorded the one-time tagging after the upgrade.
pub const ROWS_TAGGED_AT: &str = "integrity.rows_tagged_at_seq";

/// Ends the details of the `store.created` entry of a store whose rows were tagged from the
/// start (made by format 13 or later): it needs no one-time tagging.
pub const CREATED_TAGGED: &str = "; rows tagged from the start";

/// Whether this store's rows still await their one-time tagging: true only when no audit
/// entry says the rows were tagged (the one-time tagging's entry, or a `store.created` entry
/// of a store made with tags). The setting is a shortcut to that entry; removing it from the
/// file only costs a scan of the trail, never a second tagging (which would make edits made
/// outside the app authentic), and the entries cannot be removed without breaking the chain.
pub fn needs_first_tagging(db: &Db) -> StoreResult<bool> {
    let tagged = AuditAction::RowsTagged.code();
    let created = AuditAction::StoreCreated.code();
    let says_tagged = |action: &str, details: &str| {
        action == tagged || (action == created && details.ends_with(CREATED_TAGGED))
    };
    if let Some(seq) = settings::get(db, ROWS_TAGGED_AT)?.and_then(|s| s.parse::<i64>().ok()) {
        let at_seq: Option<(String, String)> = db
            .query_row(
                "SELECT action, details FROM audit_log WHERE seq = ?1",
                [seq],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if at_seq.is_some_and(|(a, d)| says_tagged(&a, &d)) {
            return Ok(false);
        }
    }
    let recorded: Option<i64> = db
        .query_row(
            "SELECT seq FROM audit_log WHERE action = ?1
                OR (action = ?2 AND substr(details, -length(?3)) = ?3) LIMIT 1",
            [tagged, created, CREATED_TAGGED],
            |r| r.get(0),
        )
        .optional()?;
    Ok(recorded.is_none())
}

/// Tags every row of a store being created (on its building connection, before its first
/// commit) and points [`ROWS_TAGGED_AT`] at its `store.created` entry, `created_seq`, whose
/// details end with [`CREATED_TAGGED`].
pub(crate) fn tag_new_store(db: &Db, key: &SecretKey, created_seq: i64) -> StoreResult<()> {
    tagging::tag_every_row(db, key)?;
    settings::set(db, ROWS_TAGGED_AT, &created_seq.to_string())
}

/// Records, in the write that tagged the rows, the audit entry that says so.
pub fn record_first_tagging(w: &Write<'_>, audit_seq: i64) -> StoreResult<()> {
    settings::set(w, ROWS_TAGGED_AT, &audit_seq.to_string())
}

#[cfg(test)]
mod tests;
