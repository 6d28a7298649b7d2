//! Undeliverable addresses: the time a subject's email was found to bounce (a Mailchimp
//! "cleaned" contact), kept in the plain `subjects.undeliverable_at` column. It is not a
//! withdrawal of consent and identifies no one.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::{Db, StoreError, StoreResult};

/// Marks `subject`'s address undeliverable since `at`; returns whether the row changed
/// (`false` when it was already marked at that time). Errors when there is no such subject.
pub fn set(conn: &Db, subject: Uuid, at: DateTime<Utc>) -> StoreResult<bool> {
    let at = at.to_rfc3339();
    let mut stmt = conn.prepare_cached(
        "UPDATE subjects SET undeliverable_at = ?2
         WHERE id = ?1 AND undeliverable_at IS NOT ?2",
    )?;
    let changed = stmt.execute(params![subject.as_bytes().as_slice(), at])?;
    if changed == 0 && since(conn, subject)?.is_none() {
        return Err(StoreError::Corrupt(format!(
            "subject {subject} is missing while marking its address undeliverable"
        )));
    }
    Ok(changed > 0)
}

/// Since when `subject`'s address is undeliverable (`None`: it is not marked, or there is no
/// such subject).
pub fn since(conn: &Db, subject: Uuid) -> StoreResult<Option<DateTime<Utc>>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT undeliverable_at FROM subjects WHERE id = ?1")?
        .query_row([subject.as_bytes().as_slice()], |r| r.get(0))
        .optional()?
        .flatten();
    text.map(|t| {
        DateTime::parse_from_rfc3339(&t)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| {
                StoreError::Corrupt(format!(
                    "subject {subject} has an unreadable undeliverable time"
                ))
            })
    })
    .transpose()
}

/// How many subjects have an undeliverable address.
pub fn count(conn: &Db) -> StoreResult<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM subjects WHERE undeliverable_at IS NOT NULL",
        [],
        |r| r.get(0),
    )?)
}
