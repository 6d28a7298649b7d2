//! A write transaction that also counts the fields it seals, and the helpers that seal and
//! open one field while naming the record when it fails.

use std::cell::Cell;
use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{Transaction, TransactionBehavior};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::crypto::{self, CryptoError, FieldRef, SecretKey};
use crate::domain::audit::{AuditEntry, NewAuditEntry};

use super::{Db, Sealed, StoreError, StoreResult, audit_log, header};

/// One write transaction. Dropped without [`Write::commit`], it rolls back.
///
/// A store has one write door at a time: the store's `writing` flag is set while a `Write`
/// lives, and a second `Write` on the same store is refused with [`StoreError::NestedWrite`]
/// (a programming error, never a user's) instead of SQLite's bare "transaction within a
/// transaction".
pub struct Write<'c> {
    tx: Transaction<'c>,
    db: &'c Db,
    seals: u64,
    /// The store's generation counter, bumped when this write commits.
    generation: &'c AtomicU64,
    /// Tags the protected rows written in this transaction (see [`super::integrity`]).
    row_mac_key: Option<&'c SecretKey>,
    /// Dropped after `tx` (fields drop in order): the door opens once the transaction ended.
    _door: WriteDoor<'c>,
}

/// Clears the store's writing flag when the [`Write`] holding it ends, committed or not.
struct WriteDoor<'c>(&'c Cell<bool>);

impl Drop for WriteDoor<'_> {
    fn drop(&mut self) {
        self.0.set(false);
    }
}

impl<'c> Write<'c> {
    pub(super) fn begin(
        db: &'c Db,
        writing: &'c Cell<bool>,
        generation: &'c AtomicU64,
        row_mac_key: Option<&'c SecretKey>,
    ) -> StoreResult<Self> {
        if writing.replace(true) {
            return Err(StoreError::NestedWrite);
        }
        let door = WriteDoor(writing);
        Ok(Self {
            tx: Transaction::new_unchecked(db.sql(), TransactionBehavior::Immediate)?,
            db,
            seals: 0,
            generation,
            row_mac_key,
            _door: door,
        })
    }

    /// Seals a text field for `(table, column, record)` and counts the seal.
    pub(crate) fn seal_text(
        &mut self,
        key: &SecretKey,
        table: &'static str,
        column: &'static str,
        record: Uuid,
        text: &str,
    ) -> StoreResult<Sealed> {
        self.seal_bytes_bound(key, table, column, record.as_bytes(), text.as_bytes())
    }

    /// Seals bytes for a field whose record is named by more than a UUID (an attachment's
    /// chunk is bound to its owner, its file, its number and whether it is the last one), and
    /// counts the seal.
    pub(crate) fn seal_bytes_bound(
        &mut self,
        key: &SecretKey,
        table: &'static str,
        column: &'static str,
        record: &[u8],
        bytes: &[u8],
    ) -> StoreResult<Sealed> {
        self.seals += 1;
        Ok(Sealed::from_sealed(crypto::seal(
            key,
            FieldRef {
                table,
                column,
                record,
            },
            bytes,
        )?))
    }

    /// Appends an audit entry in this transaction.
    pub fn append_audit(
        &mut self,
        audit_key: &SecretKey,
        entry: &NewAuditEntry,
    ) -> StoreResult<AuditEntry> {
        audit_log::append(self.db, audit_key, entry)
    }

    /// Commits everything, the seal count and the tags of the protected rows written
    /// included, and bumps the store's generation.
    pub fn commit(self) -> StoreResult<()> {
        super::integrity::tag_noted(self.db, self.row_mac_key)?;
        header::add_seals(self.db, self.seals)?;
        let generation = self.generation;
        self.tx.commit()?;
        generation.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

impl Deref for Write<'_> {
    type Target = Db;

    fn deref(&self) -> &Db {
        self.db
    }
}

/// Opens a sealed text field; a failure names the record and nothing else.
pub fn open_text(
    key: &SecretKey,
    table: &'static str,
    column: &'static str,
    record: Uuid,
    sealed: &Sealed,
) -> StoreResult<Zeroizing<String>> {
    let bytes = open_bytes(key, table, column, record, sealed)?;
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| StoreError::FieldTampered {
        table,
        column,
        record,
    })?;
    Ok(Zeroizing::new(text))
}

impl Write<'_> {
    /// Seals bytes that need not be text (a raw email kept as evidence) for `(table, column,
    /// record)` and counts the seal; [`open_bytes`] opens them.
    pub(crate) fn seal_bytes(
        &mut self,
        key: &SecretKey,
        table: &'static str,
        column: &'static str,
        record: Uuid,
        bytes: &[u8],
    ) -> StoreResult<Sealed> {
        self.seal_bytes_bound(key, table, column, record.as_bytes(), bytes)
    }
}

/// Opens a sealed byte field; a failure names the record and nothing else.
pub fn open_bytes(
    key: &SecretKey,
    table: &'static str,
    column: &'static str,
    record: Uuid,
    sealed: &Sealed,
) -> StoreResult<Zeroizing<Vec<u8>>> {
    open_bytes_bound(key, table, column, record.as_bytes(), record, sealed)
}

/// Opens bytes sealed with [`Write::seal_bytes_bound`] for `record`; a failure names `named`
/// (the record's id) and nothing else.
pub(crate) fn open_bytes_bound(
    key: &SecretKey,
    table: &'static str,
    column: &'static str,
    record: &[u8],
    named: Uuid,
    sealed: &Sealed,
) -> StoreResult<Zeroizing<Vec<u8>>> {
    crypto::open(
        key,
        FieldRef {
            table,
            column,
            record,
        },
        sealed.bytes(),
    )
    .map_err(|e| match e {
        CryptoError::OpenFailed | CryptoError::Malformed(_) => StoreError::FieldTampered {
            table,
            column,
            record: named,
        },
        other => StoreError::Crypto(other),
    })
}
