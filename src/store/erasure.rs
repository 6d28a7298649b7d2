//! Erasure: deleting a subject's rows everywhere, and the pseudonymous erasure records that
//! catch the same email coming back (a re-import, a restored backup).
//!
//! `secure_delete` is on for every connection, so SQLite overwrites deleted cells and freed
//! pages with zeros; [`super::Store::checkpoint_truncate`] then empties the write-ahead log,
//! which still holds the pages as they were before.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chrono::NaiveDate;

use crate::crypto::SecretKey;

use super::{Db, StoreResult, Write};

/// What an erasure removed, by kind of record (counts only).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// Subject records (identity fields: email, name, phone, address, reference, notes, tags).
    pub subject: u64,
    /// Consent ledger events with their evidence.
    pub consent_events: u64,
    /// Rectification history entries (before/after values).
    pub rectifications: u64,
    /// Requests whose requester and details were emptied (the request's dates, type and
    /// outcome are kept as the record of compliance), and the officer's own text on them
    /// (extension reason, outcome, refusal facts) replaced.
    pub requests_scrubbed: u64,
    /// Ended legal holds on the person or their requests whose reason was replaced.
    #[serde(default)]
    pub holds_scrubbed: u64,
    /// Emails from the person or attached to their requests (the privacy mailbox), deleted.
    #[serde(default)]
    pub inbox_messages: u64,
}

/// Deletes `subject` and everything that hangs off it; returns the counts. The caller scrubs
/// the subject's requests first and writes the erasure record.
pub fn delete_subject(w: &mut Write<'_>, subject: Uuid) -> StoreResult<Removed> {
    let key = subject.as_bytes().as_slice();
    let consent_events = w.execute("DELETE FROM consent_events WHERE subject_id = ?1", [key])?;
    let rectifications = w.execute("DELETE FROM subject_changes WHERE subject_id = ?1", [key])?;
    let subject = w.execute("DELETE FROM subjects WHERE id = ?1", [key])?;
    Ok(Removed {
        subject: subject as u64,
        consent_events: consent_events as u64,
        rectifications: rectifications as u64,
        requests_scrubbed: 0,
        holds_scrubbed: 0,
        inbox_messages: 0,
    })
}

/// Everything an erasure removes, in one place (an erasure request and a deleting sweep):
/// the reasons of ended legal holds on the person or their requests, who asked and what they
/// wrote on their requests with the officer's notes on them (requests under a hold in force
/// on `today` stay whole), then the subject and what hangs off it. The caller writes the
/// erasure record.
pub fn erase_subject_rows(
    w: &mut Write<'_>,
    key: &SecretKey,
    subject: Uuid,
    today: NaiveDate,
) -> StoreResult<Removed> {
    let holds = super::holds::scrub_ended_for_subject(w, key, subject, today)?;
    let scrubbed = super::requests::scrub_for_subject(w, key, subject, today)?;
    let inbox = erase_inbox_of(w, subject)?;
    let mut removed = delete_subject(w, subject)?;
    removed.inbox_messages = inbox;
    removed.requests_scrubbed = scrubbed as u64;
    removed.holds_scrubbed = holds as u64;
    Ok(removed)
}

/// Deletes the person's emails in the privacy mailbox: from their address, or attached to
/// their requests. Call before the subject row goes (it reads their email's blind index).
pub fn erase_inbox_of(w: &Write<'_>, subject: Uuid) -> StoreResult<u64> {
    let index = email_index_of(w, subject)?;
    let requests: Vec<Uuid> = super::requests::summaries_for_subject(w, subject)?
        .iter()
        .map(|r| r.id)
        .collect();
    super::inbox::delete_for_subject(w, index.as_deref(), &requests)
}

/// The blind index of a subject's email, read before it is deleted.
pub fn email_index_of(conn: &Db, subject: Uuid) -> StoreResult<Option<Vec<u8>>> {
    Ok(conn
        .query_row(
            "SELECT email_index FROM subjects WHERE id = ?1",
            [subject.as_bytes().as_slice()],
            |r| r.get::<_, Option<Vec<u8>>>(0),
        )
        .optional()?
        .flatten())
}

/// Writes the erasure record.
///
/// It keeps the subject's record id and the blind index of their email: a restored backup
/// erases the person again by either (see `services::backup`), so neither a corrected email nor
/// a missing one brings them back.
pub fn record(
    w: &Write<'_>,
    subject: Uuid,
    email_index: Option<&[u8]>,
    erased_on: chrono::NaiveDate,
    request_reference: Option<&str>,
    removed: &Removed,
) -> StoreResult<()> {
    let removed = serde_json::to_string(removed)
        .map_err(|e| super::StoreError::Corrupt(format!("erasure counts: {e}")))?;
    w.execute(
        "INSERT INTO erasures (email_index, erased_on, request_reference, removed, subject_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            email_index,
            erased_on.format("%Y-%m-%d").to_string(),
            request_reference,
            removed,
            subject.as_bytes().as_slice()
        ],
    )?;
    Ok(())
}

/// One erasure record as the app shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErasureRecord {
    /// The day of the erasure.
    pub erased_on: String,
    /// The request it answered, if any.
    pub request_reference: Option<String>,
    /// What was removed.
    pub removed: Removed,
}

/// The erasure record for an email's blind index, when that email was erased.
pub fn find(conn: &Db, email_index: &[u8]) -> StoreResult<Option<ErasureRecord>> {
    let row = conn
        .query_row(
            "SELECT erased_on, request_reference, removed FROM erasures
             WHERE email_index = ?1 ORDER BY seq DESC LIMIT 1",
            [email_index],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )
        .optional()?;
    Ok(
        row.map(|(erased_on, request_reference, removed)| ErasureRecord {
            erased_on,
            request_reference,
            removed: serde_json::from_str(&removed).unwrap_or_default(),
        }),
    )
}

/// Every erased email's blind index (for an import to flag returning people).
pub fn all_indexes(conn: &Db) -> StoreResult<HashSet<Vec<u8>>> {
    let mut stmt =
        conn.prepare("SELECT email_index FROM erasures WHERE email_index IS NOT NULL")?;
    let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many erasures have been made.
pub fn count(conn: &Db) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM erasures", [], |r| r.get(0))?)
}
