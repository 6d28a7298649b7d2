//! The vault header: one row holding what unlocking needs (KDF parameters, salts, the wrapped
//! vault key twice) and the audit chain's head. No personal data.

use rusqlite::{OptionalExtension, params};

use crate::crypto::{KdfParams, SALT_LEN};

use super::{Db, StoreError, StoreResult};

/// The header's contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VaultHeader {
    /// Random identifier of this store, bound into key wrapping.
    pub store_id: [u8; 16],
    /// Format version of the key material.
    pub format_version: i64,
    /// Argon2id parameters of the recovery wrap, and the default for new users.
    pub kdf: KdfParams,
    /// Salt of the recovery KEK.
    pub recovery_salt: [u8; SALT_LEN],
    /// Vault key sealed under the recovery KEK.
    pub wrapped_key_recovery: Vec<u8>,
    /// When the store was created (RFC 3339).
    pub created_at: String,
    /// How many fields have been sealed under the field key.
    pub seal_count: i64,
    /// The audit chain's last sequence number.
    pub audit_head_seq: i64,
    /// The audit chain's last MAC.
    pub audit_head_mac: Vec<u8>,
}

/// The version of the key-material layout written by this build.
pub const HEADER_FORMAT_VERSION: i64 = 1;

fn fixed<const N: usize>(bytes: Vec<u8>, what: &str) -> StoreResult<[u8; N]> {
    bytes
        .try_into()
        .map_err(|_| StoreError::Corrupt(format!("the header's {what} has the wrong length")))
}

/// Reads the header; a store without one is damaged.
pub fn read(conn: &Db) -> StoreResult<VaultHeader> {
    let row = conn
        .query_row(
            "SELECT store_id, format_version, kdf_algorithm, kdf_memory_kib, kdf_iterations,
                    kdf_parallelism, recovery_salt, wrapped_key_recovery, created_at,
                    seal_count, audit_head_seq, audit_head_mac
             FROM vault_header WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, Vec<u8>>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    (
                        r.get::<_, u32>(3)?,
                        r.get::<_, u32>(4)?,
                        r.get::<_, u32>(5)?,
                    ),
                    r.get::<_, Vec<u8>>(6)?,
                    r.get::<_, Vec<u8>>(7)?,
                    r.get::<_, String>(8)?,
                    (r.get::<_, i64>(9)?, r.get::<_, i64>(10)?),
                    r.get::<_, Option<Vec<u8>>>(11)?,
                ))
            },
        )
        .optional()?;
    let Some((id, fmt, alg, (m, t, p), rs, wr, created, (seals, seq), mac)) = row else {
        return Err(StoreError::Corrupt("the key header is missing".into()));
    };
    if alg != KdfParams::ALGORITHM_ID {
        return Err(StoreError::Corrupt(format!(
            "unknown key-derivation algorithm {alg:?}"
        )));
    }
    Ok(VaultHeader {
        store_id: fixed(id, "store id")?,
        format_version: fmt,
        kdf: KdfParams {
            memory_kib: m,
            iterations: t,
            parallelism: p,
        },
        recovery_salt: fixed(rs, "recovery salt")?,
        wrapped_key_recovery: wr,
        created_at: created,
        seal_count: seals,
        audit_head_seq: seq,
        audit_head_mac: mac.unwrap_or_default(),
    })
}

/// Writes the header of a new store.
pub fn insert(conn: &Db, h: &VaultHeader) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO vault_header (id, store_id, format_version, kdf_algorithm, kdf_memory_kib,
             kdf_iterations, kdf_parallelism, recovery_salt, wrapped_key_recovery, created_at,
             seal_count, audit_head_seq, audit_head_mac)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            h.store_id.as_slice(),
            h.format_version,
            KdfParams::ALGORITHM_ID,
            h.kdf.memory_kib,
            h.kdf.iterations,
            h.kdf.parallelism,
            h.recovery_salt.as_slice(),
            h.wrapped_key_recovery,
            h.created_at,
            h.seal_count,
            h.audit_head_seq,
            (!h.audit_head_mac.is_empty()).then_some(&h.audit_head_mac),
        ],
    )?;
    Ok(())
}

/// Moves the audit head.
pub fn set_audit_head(conn: &Db, seq: i64, mac: &[u8]) -> StoreResult<()> {
    conn.execute(
        "UPDATE vault_header SET audit_head_seq = ?1, audit_head_mac = ?2 WHERE id = 1",
        params![seq, mac],
    )?;
    Ok(())
}

/// Reads the audit head.
pub fn audit_head(conn: &Db) -> StoreResult<(i64, Vec<u8>)> {
    let (seq, mac): (i64, Option<Vec<u8>>) = conn.query_row(
        "SELECT audit_head_seq, audit_head_mac FROM vault_header WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((seq, mac.unwrap_or_default()))
}

/// Adds to the count of seals under the field key.
pub fn add_seals(conn: &Db, count: u64) -> StoreResult<()> {
    if count > 0 {
        conn.execute(
            "UPDATE vault_header SET seal_count = seal_count + ?1 WHERE id = 1",
            [count as i64],
        )?;
    }
    Ok(())
}

/// The keys carried over by the last key rotation, sealed under the current vault key
/// (migration 0012); `None` on a store never rotated.
pub fn carried_keys(conn: &Db) -> StoreResult<Option<Vec<u8>>> {
    Ok(conn.query_row(
        "SELECT carried_keys FROM vault_header WHERE id = 1",
        [],
        |r| r.get(0),
    )?)
}

/// The key material a rotation replaces in the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RotatedHeader {
    /// Salt of the new recovery KEK.
    pub recovery_salt: [u8; SALT_LEN],
    /// Argon2id parameters of the new recovery wrap.
    pub kdf: KdfParams,
    /// The new vault key sealed under the new recovery KEK.
    pub wrapped_key_recovery: Vec<u8>,
    /// The carried keys sealed under the new vault key.
    pub carried_keys: Vec<u8>,
    /// Seals made under the new field key so far (the re-sealed fields).
    pub seal_count: i64,
}

/// Replaces the key material after a rotation, on the rotation's transaction.
pub fn set_rotated(conn: &Db, h: &RotatedHeader) -> StoreResult<()> {
    conn.execute(
        "UPDATE vault_header SET recovery_salt = ?1, kdf_memory_kib = ?2, kdf_iterations = ?3,
             kdf_parallelism = ?4, wrapped_key_recovery = ?5, carried_keys = ?6, seal_count = ?7
         WHERE id = 1",
        params![
            h.recovery_salt.as_slice(),
            h.kdf.memory_kib,
            h.kdf.iterations,
            h.kdf.parallelism,
            h.wrapped_key_recovery,
            h.carried_keys,
            h.seal_count
        ],
    )?;
    Ok(())
}
