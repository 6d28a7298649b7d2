//! Sealed bytes as the store keeps them, told apart from opened values by their type.
//!
//! A [`Sealed`] value is `version ‖ nonce(12) ‖ ciphertext ‖ tag(16)` under a field key, bound
//! (by its associated data) to one table, column and record. It is made only by
//! [`super::Write::seal_text`] (or the store's key wraps) and opened only by
//! [`super::open_text`], which names the record when the bytes were moved or changed. Opened
//! values are `Zeroizing` strings that never go back to SQLite; sealed ones never leave the
//! store layer, so a plaintext cannot be written where a ciphertext belongs by mistake.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// One sealed field (see the module documentation).
#[derive(Clone, PartialEq, Eq)]
pub struct Sealed(Vec<u8>);

impl Sealed {
    /// Wraps bytes that `crypto::seal` produced.
    pub(super) fn from_sealed(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// The sealed bytes, for opening.
    pub(super) fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Its length in bytes (what the file reveals of the value: its length, to within the
    /// overhead of the seal).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it holds no bytes at all (never true of a real seal).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealed({} bytes)", self.0.len())
    }
}

impl ToSql for Sealed {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Blob(&self.0)))
    }
}

impl FromSql for Sealed {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Vec::<u8>::column_result(value).map(Self)
    }
}
