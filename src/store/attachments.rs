//! Attachments (tables `attachments` and `attachment_chunks`): files kept sealed with a record.
//!
//! A file is kept in chunks of at most [`CHUNK_BYTES`]. Each chunk is sealed under the field
//! key with associated data that names the owner (kind and key), the attachment, the chunk's
//! number and whether it is the last: a chunk moved to another file or record, chunks
//! reordered, or a file cut short (its last chunks deleted and the count lowered) all fail to
//! open, naming the attachment. The file's name is sealed like any text field. Reading goes
//! chunk by chunk, so memory stays flat whatever the file's size.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use crate::crypto::SecretKey;
use crate::domain::attachment::{AttachmentInfo, AttachmentOwner, CHUNK_BYTES};

use super::security::uuid;
use super::write::open_bytes_bound;
use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};

const TABLE: &str = "attachments";
const CHUNKS: &str = "attachment_chunks";

/// An attachment's plain facts, read before its chunks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredAttachment {
    /// Its id.
    pub id: Uuid,
    /// Its size in bytes.
    pub size: u64,
    /// How many chunks hold it.
    pub chunks: u64,
}

/// The associated data of one chunk: owner kind, 0, owner key length and bytes, attachment id,
/// chunk number (big-endian), last-chunk flag.
pub(super) fn chunk_ref(kind: &str, key: &[u8], id: Uuid, n: u64, last: bool) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(kind.len() + key.len() + 34);
    bytes.extend_from_slice(kind.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(&(key.len() as u32).to_be_bytes());
    bytes.extend_from_slice(key);
    bytes.extend_from_slice(id.as_bytes());
    bytes.extend_from_slice(&n.to_be_bytes());
    bytes.push(u8::from(last));
    bytes
}

fn owner_chunk_ref(owner: &AttachmentOwner, id: Uuid, n: u64, last: bool) -> Vec<u8> {
    chunk_ref(owner.kind(), &owner.key_bytes(), id, n, last)
}

/// Records a new attachment's header; its chunks follow with [`insert_chunk`] in the same
/// write.
#[allow(clippy::too_many_arguments)]
pub fn insert(
    w: &mut Write<'_>,
    key: &SecretKey,
    owner: &AttachmentOwner,
    id: Uuid,
    name: &str,
    size: u64,
    chunks: u64,
    by: &str,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let sealed = w.seal_text(key, TABLE, "name", id, name)?;
    w.execute(
        "INSERT INTO attachments (id, owner_kind, owner_key, name, size, chunks, added_by, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id.as_bytes().as_slice(),
            owner.kind(),
            owner.key_bytes(),
            sealed,
            size as i64,
            chunks as i64,
            by,
            at.to_rfc3339(),
        ],
    )?;
    Ok(())
}

/// Seals and stores chunk `n` of attachment `id` (`last` when it is the final one).
pub fn insert_chunk(
    w: &mut Write<'_>,
    key: &SecretKey,
    owner: &AttachmentOwner,
    id: Uuid,
    n: u64,
    last: bool,
    bytes: &[u8],
) -> StoreResult<()> {
    debug_assert!(bytes.len() <= CHUNK_BYTES);
    let record = owner_chunk_ref(owner, id, n, last);
    let sealed = w.seal_bytes_bound(key, CHUNKS, "data", &record, bytes)?;
    w.execute(
        "INSERT INTO attachment_chunks (attachment_id, n, data) VALUES (?1, ?2, ?3)",
        params![id.as_bytes().as_slice(), n as i64, sealed],
    )?;
    Ok(())
}

/// The attachments of `owner`, oldest first, with their names opened.
pub fn list(db: &Db, key: &SecretKey, owner: &AttachmentOwner) -> StoreResult<Vec<AttachmentInfo>> {
    let mut stmt = db.prepare(
        "SELECT id, name, size, added_by, added_at FROM attachments
         WHERE owner_kind = ?1 AND owner_key = ?2 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![owner.kind(), owner.key_bytes()], |r| {
        Ok((
            r.get::<_, Vec<u8>>(0)?,
            r.get::<_, Sealed>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (raw, name, size, added_by, added_at) = row?;
        let id = uuid(&raw, "an attachment")?;
        let name = open_text(key, TABLE, "name", id, &name)?;
        let added_at = DateTime::parse_from_rfc3339(&added_at)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| StoreError::Corrupt("an attachment has an unreadable time".into()))?;
        out.push(AttachmentInfo {
            id,
            name: name.to_string(),
            size: u64::try_from(size).unwrap_or(0),
            added_by,
            added_at,
        });
    }
    Ok(out)
}

/// The plain facts of attachment `id` of `owner`, if it belongs to that owner.
pub fn get(db: &Db, owner: &AttachmentOwner, id: Uuid) -> StoreResult<Option<StoredAttachment>> {
    let row = db
        .query_row(
            "SELECT size, chunks FROM attachments
             WHERE id = ?1 AND owner_kind = ?2 AND owner_key = ?3",
            params![id.as_bytes().as_slice(), owner.kind(), owner.key_bytes()],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
        )
        .optional()?;
    Ok(row.map(|(size, chunks)| StoredAttachment {
        id,
        size: u64::try_from(size).unwrap_or(0),
        chunks: u64::try_from(chunks).unwrap_or(0),
    }))
}

/// Opens the chunks of `attachment` in order and hands each to `each` (the opened bytes are
/// wiped after the call). Fails, naming the attachment, when a chunk is missing, out of place,
/// changed, or when the file was cut short; stops at the first error `each` returns.
pub fn read_chunks<E: From<StoreError>>(
    db: &Db,
    key: &SecretKey,
    owner: &AttachmentOwner,
    attachment: StoredAttachment,
    mut each: impl FnMut(&[u8]) -> Result<(), E>,
) -> Result<(), E> {
    let tampered = || StoreError::FieldTampered {
        table: CHUNKS,
        column: "data",
        record: attachment.id,
    };
    let mut stmt = db
        .prepare("SELECT n, data FROM attachment_chunks WHERE attachment_id = ?1 ORDER BY n")
        .map_err(StoreError::from)?;
    let mut rows = stmt
        .query([attachment.id.as_bytes().as_slice()])
        .map_err(StoreError::from)?;
    let mut expected = 0u64;
    let mut total = 0u64;
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        let n: i64 = row.get(0).map_err(StoreError::from)?;
        let sealed: Sealed = row.get(1).map_err(StoreError::from)?;
        if u64::try_from(n).ok() != Some(expected) || expected >= attachment.chunks {
            return Err(tampered().into());
        }
        let last = expected + 1 == attachment.chunks;
        let record = owner_chunk_ref(owner, attachment.id, expected, last);
        let opened = open_bytes_bound(key, CHUNKS, "data", &record, attachment.id, &sealed)?;
        total += opened.len() as u64;
        each(&opened)?;
        expected += 1;
    }
    if expected != attachment.chunks || total != attachment.size {
        return Err(tampered().into());
    }
    Ok(())
}

/// Whether the record `owner` names exists (a file is never kept for a record that is not).
pub fn owner_exists(db: &Db, owner: &AttachmentOwner) -> StoreResult<bool> {
    let sql = match owner {
        AttachmentOwner::Request(_) => "SELECT 1 FROM requests WHERE id = ?1",
        AttachmentOwner::Incident(_) => "SELECT 1 FROM incidents WHERE id = ?1",
        AttachmentOwner::Vendor(_) => "SELECT 1 FROM vendors WHERE CAST(code AS BLOB) = ?1",
        AttachmentOwner::Assessment(_) => "SELECT 1 FROM assessments WHERE id = ?1",
    };
    Ok(db
        .query_row(sql, [owner.key_bytes()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Deletes attachment `id` of `owner` and its chunks; whether it existed.
pub fn delete(w: &Write<'_>, owner: &AttachmentOwner, id: Uuid) -> StoreResult<bool> {
    let key = id.as_bytes().as_slice();
    let found = w.execute(
        "DELETE FROM attachments WHERE id = ?1 AND owner_kind = ?2 AND owner_key = ?3",
        params![key, owner.kind(), owner.key_bytes()],
    )?;
    if found > 0 {
        w.execute(
            "DELETE FROM attachment_chunks WHERE attachment_id = ?1",
            [key],
        )?;
    }
    Ok(found > 0)
}

/// Deletes every attachment of `owner` (a request scrubbed at erasure, a vendor removed);
/// how many there were.
pub fn delete_for_owner(w: &Write<'_>, owner: &AttachmentOwner) -> StoreResult<u64> {
    let params = params![owner.kind(), owner.key_bytes()];
    w.execute(
        "DELETE FROM attachment_chunks WHERE attachment_id IN
            (SELECT id FROM attachments WHERE owner_kind = ?1 AND owner_key = ?2)",
        params,
    )?;
    let removed = w.execute(
        "DELETE FROM attachments WHERE owner_kind = ?1 AND owner_key = ?2",
        params,
    )?;
    Ok(removed as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_refs_differ_by_every_part() {
        let id = Uuid::from_u128(1);
        let other = Uuid::from_u128(2);
        let owner = AttachmentOwner::Request(id);
        let base = owner_chunk_ref(&owner, id, 0, false);
        let variants = [
            owner_chunk_ref(&AttachmentOwner::Incident(id), id, 0, false),
            owner_chunk_ref(&AttachmentOwner::Request(other), id, 0, false),
            owner_chunk_ref(&owner, other, 0, false),
            owner_chunk_ref(&owner, id, 1, false),
            owner_chunk_ref(&owner, id, 0, true),
        ];
        for v in variants {
            assert_ne!(base, v);
        }
    }
}
