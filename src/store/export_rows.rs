//! The subjects as a pseudonymised export reads them: id, day recorded and, only when asked
//! for, the email (for its domain) and the tags — no other sealed column is selected, let alone
//! opened. Read in id order, the order the consent ledger is streamed in
//! ([`super::consent::for_each_subject_with_id`]), so the two can be merged one subject at a
//! time; and random ids make that order say nothing about when anyone was recorded.

use chrono::{DateTime, Utc};
use rusqlite::{Rows, Statement};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::crypto::SecretKey;

use super::{Db, Sealed, StoreError, StoreResult, open_text};

const TABLE: &str = "subjects";

/// Which sealed columns to open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportColumns {
    /// The email (its domain is exported, never the address).
    pub email: bool,
    /// The tags.
    pub tags: bool,
}

/// One subject as an export reads it. The opened fields are wiped when dropped.
#[derive(Debug)]
pub struct ExportSubject {
    /// Identifier.
    pub id: Uuid,
    /// When first recorded.
    pub created_at: DateTime<Utc>,
    /// The email, when asked for (empty otherwise).
    pub email: Zeroizing<String>,
    /// The tags, when asked for (empty otherwise).
    pub tags: Zeroizing<String>,
}

/// Prepares the read of every subject in id order, selecting only the columns asked for.
pub fn prepare(conn: &Db, columns: ExportColumns) -> StoreResult<Statement<'_>> {
    let email = if columns.email { "email" } else { "NULL" };
    let tags = if columns.tags { "tags" } else { "NULL" };
    Ok(conn.prepare(&format!(
        "SELECT id, created_at, {email}, {tags} FROM subjects ORDER BY id"
    ))?)
}

/// A cursor over the subjects of a prepared read, opening one row at a time.
pub struct SubjectsById<'s> {
    rows: Rows<'s>,
    key: &'s SecretKey,
}

impl<'s> SubjectsById<'s> {
    /// Starts the read prepared by [`prepare`].
    pub fn start(stmt: &'s mut Statement<'_>, key: &'s SecretKey) -> StoreResult<Self> {
        Ok(Self {
            rows: stmt.query([])?,
            key,
        })
    }

    /// The next subject, or `None` after the last.
    pub fn next_subject(&mut self) -> StoreResult<Option<ExportSubject>> {
        let Some(r) = self.rows.next()? else {
            return Ok(None);
        };
        let id: Vec<u8> = r.get(0)?;
        let id = Uuid::from_slice(&id)
            .map_err(|_| StoreError::Corrupt("a subject id is malformed".into()))?;
        let created: String = r.get(1)?;
        let created_at = DateTime::parse_from_rfc3339(&created)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| StoreError::Corrupt(format!("subject {id} has an unreadable date")))?;
        let open = |i: usize, column: &'static str| -> StoreResult<Zeroizing<String>> {
            match r.get::<_, Option<Sealed>>(i)? {
                Some(sealed) => open_text(self.key, TABLE, column, id, &sealed),
                None => Ok(Zeroizing::new(String::new())),
            }
        };
        Ok(Some(ExportSubject {
            id,
            created_at,
            email: open(2, "email")?,
            tags: open(3, "tags")?,
        }))
    }
}
