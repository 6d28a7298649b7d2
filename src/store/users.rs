//! The users table: login names and roles (plain, listed before unlocking), each user's
//! passphrase wrap of the vault key, and failed sign-in counts.

use rusqlite::{OptionalExtension, Row, params};
use uuid::Uuid;

use crate::crypto::{KdfParams, SALT_LEN};
use crate::domain::access::Role;
use crate::domain::user::User;

use super::{Db, StoreError, StoreResult};

/// A user's wrapping of the vault key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyWrap {
    /// Argon2id parameters of this user's KEK.
    pub kdf: KdfParams,
    /// Salt of this user's KEK.
    pub salt: [u8; SALT_LEN],
    /// The vault key sealed under this user's KEK.
    pub wrapped: Vec<u8>,
}

const COLUMNS: &str = "id, name, role, created_at, passphrase_changed_at, failed_attempts,
                       last_failed_at, kdf_memory_kib, kdf_iterations, kdf_parallelism,
                       passphrase_salt, wrapped_key";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("a user's {what} is malformed"))
}

fn from_row(r: &Row<'_>) -> StoreResult<(User, KeyWrap)> {
    let id: Vec<u8> = r.get(0)?;
    let role: String = r.get(2)?;
    let salt: Vec<u8> = r.get(10)?;
    let user = User {
        id: Uuid::from_slice(&id).map_err(|_| corrupt("id"))?,
        name: r.get(1)?,
        role: Role::from_code(&role).ok_or_else(|| corrupt("role"))?,
        created_at: r.get(3)?,
        passphrase_changed_at: r.get(4)?,
        failed_attempts: r.get(5)?,
        last_failed_at: r.get(6)?,
    };
    let wrap = KeyWrap {
        kdf: KdfParams {
            memory_kib: r.get(7)?,
            iterations: r.get(8)?,
            parallelism: r.get(9)?,
        },
        salt: salt.try_into().map_err(|_| corrupt("salt"))?,
        wrapped: r.get(11)?,
    };
    Ok((user, wrap))
}

/// Every user, oldest first.
pub fn list(conn: &Db) -> StoreResult<Vec<User>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM users ORDER BY created_at, name"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(from_row(row)?.0);
    }
    Ok(out)
}

/// A user and their key wrap, by name (case-insensitive).
pub fn find(conn: &Db, name: &str) -> StoreResult<Option<(User, KeyWrap)>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM users WHERE name_key = ?1"))?;
    let mut rows = stmt.query([name.trim().to_lowercase()])?;
    match rows.next()? {
        Some(row) => from_row(row).map(Some),
        None => Ok(None),
    }
}

/// Adds a user.
pub fn insert(conn: &Db, user: &User, wrap: &KeyWrap) -> StoreResult<()> {
    let inserted = conn.execute(
        "INSERT INTO users (id, name, name_key, role, kdf_memory_kib, kdf_iterations,
             kdf_parallelism, passphrase_salt, wrapped_key, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (name_key) DO NOTHING",
        params![
            user.id.as_bytes().as_slice(),
            user.name,
            user.name.to_lowercase(),
            user.role.code(),
            wrap.kdf.memory_kib,
            wrap.kdf.iterations,
            wrap.kdf.parallelism,
            wrap.salt.as_slice(),
            wrap.wrapped,
            user.created_at,
        ],
    )?;
    if inserted == 0 {
        return Err(StoreError::Conflict(format!(
            "There is already a user called {}; choose another name.",
            user.name
        )));
    }
    Ok(())
}

/// Replaces a user's key wrap after a passphrase change.
pub fn set_wrap(conn: &Db, id: Uuid, wrap: &KeyWrap, changed_at: &str) -> StoreResult<()> {
    conn.execute(
        "UPDATE users SET kdf_memory_kib = ?2, kdf_iterations = ?3, kdf_parallelism = ?4,
             passphrase_salt = ?5, wrapped_key = ?6, passphrase_changed_at = ?7
         WHERE id = ?1",
        params![
            id.as_bytes().as_slice(),
            wrap.kdf.memory_kib,
            wrap.kdf.iterations,
            wrap.kdf.parallelism,
            wrap.salt.as_slice(),
            wrap.wrapped,
            changed_at
        ],
    )?;
    Ok(())
}

/// Replaces a user's key wrap after a key rotation; `changed_at` is set when the user was given
/// a new passphrase, and left as it was when their passphrase stays the same.
pub fn set_rotated_wrap(
    conn: &Db,
    id: Uuid,
    wrap: &KeyWrap,
    changed_at: Option<&str>,
) -> StoreResult<()> {
    match changed_at {
        Some(at) => set_wrap(conn, id, wrap, at),
        None => {
            conn.execute(
                "UPDATE users SET kdf_memory_kib = ?2, kdf_iterations = ?3, kdf_parallelism = ?4,
                     passphrase_salt = ?5, wrapped_key = ?6
                 WHERE id = ?1",
                params![
                    id.as_bytes().as_slice(),
                    wrap.kdf.memory_kib,
                    wrap.kdf.iterations,
                    wrap.kdf.parallelism,
                    wrap.salt.as_slice(),
                    wrap.wrapped,
                ],
            )?;
            Ok(())
        }
    }
}

/// Changes a user's role.
pub fn set_role(conn: &Db, id: Uuid, role: Role) -> StoreResult<()> {
    conn.execute(
        "UPDATE users SET role = ?2 WHERE id = ?1",
        params![id.as_bytes().as_slice(), role.code()],
    )?;
    Ok(())
}

/// Removes a user and with them their wrap of the vault key.
pub fn delete(conn: &Db, id: Uuid) -> StoreResult<()> {
    conn.execute(
        "DELETE FROM users WHERE id = ?1",
        [id.as_bytes().as_slice()],
    )?;
    Ok(())
}

/// Counts a wrong passphrase (written at once, before any key is known).
pub fn record_failure(conn: &Db, id: Uuid, at: &str) -> StoreResult<()> {
    conn.execute(
        "UPDATE users SET failed_attempts = failed_attempts + 1, last_failed_at = ?2 WHERE id = ?1",
        params![id.as_bytes().as_slice(), at],
    )?;
    Ok(())
}

/// Clears the failure count after a successful sign-in.
pub fn reset_failures(conn: &Db, id: Uuid) -> StoreResult<()> {
    conn.execute(
        "UPDATE users SET failed_attempts = 0 WHERE id = ?1 AND failed_attempts <> 0",
        [id.as_bytes().as_slice()],
    )?;
    Ok(())
}

/// How many owners there are.
pub fn owner_count(conn: &Db) -> StoreResult<i64> {
    Ok(
        conn.query_row("SELECT COUNT(*) FROM users WHERE role = 'owner'", [], |r| {
            r.get(0)
        })?,
    )
}

/// The user a command acts as when no name is given: the only user, else the first owner.
pub fn default_user(conn: &Db) -> StoreResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT name FROM users
             ORDER BY (SELECT COUNT(*) FROM users) = 1 DESC, role = 'owner' DESC, created_at
             LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}
