//! A write transaction that also counts the fields it seals, and the helpers that seal and
//! open one field while naming the record when it fails.

use std::ops::Deref;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::crypto::{self, CryptoError, FieldRef, SecretKey};
use crate::domain::audit::{AuditEntry, NewAuditEntry};

use super::{StoreError, StoreResult, audit_log, header};

/// One write transaction. Dropped without [`Write::commit`], it rolls back.
pub struct Write<'c> {
    tx: Transaction<'c>,
    seals: u64,
}

impl<'c> Write<'c> {
    pub(super) fn begin(conn: &'c mut Connection) -> StoreResult<Self> {
        Ok(Self {
            tx: conn.transaction_with_behavior(TransactionBehavior::Immediate)?,
            seals: 0,
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
    ) -> StoreResult<Vec<u8>> {
        self.seals += 1;
        Ok(crypto::seal(
            key,
            FieldRef {
                table,
                column,
                record: record.as_bytes(),
            },
            text.as_bytes(),
        )?)
    }

    /// Appends an audit entry in this transaction.
    pub fn append_audit(
        &mut self,
        audit_key: &SecretKey,
        entry: &NewAuditEntry,
    ) -> StoreResult<AuditEntry> {
        audit_log::append(&self.tx, audit_key, entry)
    }

    /// Commits everything, the seal count included.
    pub fn commit(self) -> StoreResult<()> {
        header::add_seals(&self.tx, self.seals)?;
        self.tx.commit()?;
        Ok(())
    }
}

impl Deref for Write<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.tx
    }
}

/// Opens a sealed text field; a failure names the record and nothing else.
pub fn open_text(
    key: &SecretKey,
    table: &'static str,
    column: &'static str,
    record: Uuid,
    sealed: &[u8],
) -> StoreResult<Zeroizing<String>> {
    let tampered = || StoreError::FieldTampered {
        table,
        column,
        record,
    };
    let bytes = crypto::open(
        key,
        FieldRef {
            table,
            column,
            record: record.as_bytes(),
        },
        sealed,
    )
    .map_err(|e| match e {
        CryptoError::OpenFailed | CryptoError::Malformed(_) => tampered(),
        other => StoreError::Crypto(other),
    })?;
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| tampered())?;
    Ok(Zeroizing::new(text))
}
