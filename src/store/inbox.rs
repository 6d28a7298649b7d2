//! The privacy mailbox's tables: messages taken in (proposals), the IMAP UIDs already
//! fetched, and the one IMAP account. Sender, subject line, raw message, user name and
//! password are sealed; the Message-ID is only a keyed fingerprint.

use std::collections::HashSet;

use chrono::{NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::crypto::SecretKey;
use crate::domain::intake::{ImapAccount, Proposal, ProposalStatus};
use crate::domain::organisation::Regime;
use crate::domain::request::{RequestType, regime_code, regime_from_code};

use super::{Db, Sealed, StoreError, StoreResult, Write, open_bytes, open_text};

const TABLE: &str = "inbox_messages";
const ACCOUNT: &str = "inbox_account";
/// The record id the account's sealed fields are bound to (there is one account).
pub(super) const ACCOUNT_RECORD: Uuid = Uuid::from_u128(0x1b0c_5e11_0000_4000_8000_0000_0000_0001);
const DATE: &str = "%Y-%m-%d";

/// A message to record.
pub struct NewMessage<'a> {
    /// Random id.
    pub id: Uuid,
    /// Keyed fingerprint of the Message-ID (or of the whole message when it has none).
    pub fingerprint: &'a [u8],
    /// Status on arrival.
    pub status: ProposalStatus,
    /// Day of receipt.
    pub received: NaiveDate,
    /// Proposed type.
    pub proposed_type: Option<RequestType>,
    /// Proposed regime.
    pub proposed_regime: Option<Regime>,
    /// The rule phrase that matched.
    pub matched_phrase: Option<&'a str>,
    /// The blind index of the sender's address.
    pub sender_index: Option<&'a [u8]>,
    /// The sender's address.
    pub from: &'a str,
    /// The sender's name.
    pub from_name: &'a str,
    /// The subject line.
    pub subject: &'a str,
    /// The whole original message.
    pub raw: &'a [u8],
    /// The request it follows up.
    pub follow_up_of: Option<Uuid>,
    /// The message still waiting for the officer that it answers.
    pub thread_of: Option<Uuid>,
    /// `file` or `imap`.
    pub source: &'static str,
}

/// Whether a message with this fingerprint was taken in already.
pub fn exists(conn: &Db, fingerprint: &[u8]) -> StoreResult<bool> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM inbox_messages WHERE fingerprint = ?1")?;
    Ok(stmt.exists([fingerprint])?)
}

/// Records a message; returns its number.
pub fn insert(w: &mut Write<'_>, key: &SecretKey, m: &NewMessage<'_>) -> StoreResult<i64> {
    let sender = Zeroizing::new(
        serde_json::to_string(&(m.from, m.from_name))
            .map_err(|e| StoreError::Corrupt(format!("a sender could not be encoded: {e}")))?,
    );
    let sender = w.seal_text(key, TABLE, "sender", m.id, &sender)?;
    let subject = w.seal_text(key, TABLE, "subject_line", m.id, m.subject)?;
    let raw = w.seal_bytes(key, TABLE, "raw", m.id, m.raw)?;
    let number: i64 = w.query_row(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM inbox_messages",
        [],
        |r| r.get(0),
    )?;
    w.prepare_cached(
        "INSERT INTO inbox_messages (id, number, fingerprint, status, received, proposed_type,
            proposed_regime, matched_phrase, sender_index, sender, subject_line, raw,
            follow_up_of, source, taken_in_at, thread_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        m.id.as_bytes().as_slice(),
        number,
        m.fingerprint,
        m.status.code(),
        m.received.format(DATE).to_string(),
        m.proposed_type.map(RequestType::code),
        m.proposed_regime.map(regime_code),
        m.matched_phrase,
        m.sender_index,
        sender,
        subject,
        raw,
        m.follow_up_of.map(|u| u.as_bytes().to_vec()),
        m.source,
        Utc::now().to_rfc3339(),
        m.thread_of.map(|u| u.as_bytes().to_vec()),
    ])?;
    Ok(number)
}

/// The request a message with one of these fingerprints belongs to (accepted from it, or
/// followed up by it), the most recent first.
pub fn request_of(conn: &Db, fingerprints: &[Vec<u8>]) -> StoreResult<Option<Uuid>> {
    let mut stmt = conn.prepare_cached(
        "SELECT COALESCE(accepted_request, follow_up_of) FROM inbox_messages
         WHERE fingerprint = ?1 AND COALESCE(accepted_request, follow_up_of) IS NOT NULL",
    )?;
    for fp in fingerprints {
        let found: Option<Vec<u8>> = stmt.query_row([fp], |r| r.get(0)).optional()?;
        if let Some(bytes) = found {
            return Ok(Some(uuid(&bytes)?));
        }
    }
    Ok(None)
}

/// The message with one of these fingerprints that is still waiting for the officer (a reply
/// to it follows its request once it is accepted).
pub fn pending_of(conn: &Db, fingerprints: &[Vec<u8>]) -> StoreResult<Option<Uuid>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM inbox_messages
         WHERE fingerprint = ?1 AND status IN ('proposed', 'not-a-request')",
    )?;
    for fp in fingerprints {
        let found: Option<Vec<u8>> = stmt.query_row([fp], |r| r.get(0)).optional()?;
        if let Some(bytes) = found {
            return Ok(Some(uuid(&bytes)?));
        }
    }
    Ok(None)
}

/// The pending replies to a message (thread_of it), by id and number.
pub fn pending_replies(conn: &Db, message: Uuid) -> StoreResult<Vec<(Uuid, i64, NaiveDate)>> {
    let mut stmt = conn.prepare(
        "SELECT id, number, received FROM inbox_messages
         WHERE thread_of = ?1 AND status IN ('proposed', 'not-a-request') ORDER BY number",
    )?;
    let rows = stmt.query_map([message.as_bytes().as_slice()], |r| {
        Ok((
            r.get::<_, Vec<u8>>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, number, received) = row?;
        let received = NaiveDate::parse_from_str(&received, DATE)
            .map_err(|_| StoreError::Corrupt(format!("inbox message {number}: received")))?;
        out.push((uuid(&id)?, number, received));
    }
    Ok(out)
}

/// Attaches a message to a request as a follow-up.
pub fn set_follow_up(w: &Write<'_>, id: Uuid, request: Uuid) -> StoreResult<()> {
    w.execute(
        "UPDATE inbox_messages SET status = 'follow-up', follow_up_of = ?2 WHERE id = ?1",
        params![id.as_bytes().as_slice(), request.as_bytes().as_slice()],
    )?;
    Ok(())
}

fn uuid(bytes: &[u8]) -> StoreResult<Uuid> {
    Uuid::from_slice(bytes).map_err(|_| StoreError::Corrupt("an inbox id is malformed".into()))
}

const SELECT: &str = "SELECT id, number, status, received, proposed_type, proposed_regime,
    matched_phrase, sender, subject_line, follow_up_of, accepted_request FROM inbox_messages";

fn row(key: &SecretKey, r: &rusqlite::Row<'_>) -> StoreResult<Proposal> {
    let id = uuid(&r.get::<_, Vec<u8>>(0)?)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("inbox message {id}: {what}"));
    let status: String = r.get(2)?;
    let received: String = r.get(3)?;
    let sender: Sealed = r.get(7)?;
    let subject: Sealed = r.get(8)?;
    let sender = open_text(key, TABLE, "sender", id, &sender)?;
    let (from, from_name): (String, String) =
        serde_json::from_str(&sender).map_err(|_| corrupt("sender"))?;
    let opt_uuid = |i: usize| -> StoreResult<Option<Uuid>> {
        r.get::<_, Option<Vec<u8>>>(i)?
            .map(|b| uuid(&b))
            .transpose()
    };
    Ok(Proposal {
        id,
        number: r.get(1)?,
        status: ProposalStatus::from_code(&status).ok_or_else(|| corrupt("status"))?,
        from,
        from_name,
        subject: open_text(key, TABLE, "subject_line", id, &subject)?.to_string(),
        received: NaiveDate::parse_from_str(&received, DATE).map_err(|_| corrupt("received"))?,
        proposed_type: r
            .get::<_, Option<String>>(4)?
            .and_then(|c| RequestType::from_code(&c)),
        proposed_regime: r
            .get::<_, Option<String>>(5)?
            .and_then(|c| regime_from_code(&c)),
        matched_phrase: r.get(6)?,
        follow_up_of: opt_uuid(9)?,
        accepted_request: opt_uuid(10)?,
    })
}

/// Every message taken in, newest number first.
pub fn list(conn: &Db, key: &SecretKey) -> StoreResult<Vec<Proposal>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY number DESC"))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(row(key, r)?);
    }
    Ok(out)
}

/// The message with this number.
pub fn get(conn: &Db, key: &SecretKey, number: i64) -> StoreResult<Option<Proposal>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE number = ?1"))?;
    let mut rows = stmt.query([number])?;
    match rows.next()? {
        Some(r) => Ok(Some(row(key, r)?)),
        None => Ok(None),
    }
}

/// The original message, as received.
pub fn raw(conn: &Db, key: &SecretKey, id: Uuid) -> StoreResult<Zeroizing<Vec<u8>>> {
    let sealed: Sealed = conn.query_row(
        "SELECT raw FROM inbox_messages WHERE id = ?1",
        [id.as_bytes().as_slice()],
        |r| r.get(0),
    )?;
    open_bytes(key, TABLE, "raw", id, &sealed)
}

/// Sets a message's status (and the request opened from it, when accepted).
pub fn set_status(
    w: &Write<'_>,
    id: Uuid,
    status: ProposalStatus,
    accepted_request: Option<Uuid>,
) -> StoreResult<()> {
    w.execute(
        "UPDATE inbox_messages SET status = ?2, accepted_request = ?3 WHERE id = ?1",
        params![
            id.as_bytes().as_slice(),
            status.code(),
            accepted_request.map(|u| u.as_bytes().to_vec())
        ],
    )?;
    Ok(())
}

/// Deletes a person's messages at erasure: those from their address (by blind index) and
/// those attached to their requests. Returns how many.
pub fn delete_for_subject(
    w: &Write<'_>,
    sender_index: Option<&[u8]>,
    requests: &[Uuid],
) -> StoreResult<u64> {
    let mut n = 0;
    if let Some(index) = sender_index {
        n += w.execute(
            "DELETE FROM inbox_messages WHERE sender_index = ?1",
            [index],
        )?;
    }
    for r in requests {
        n += w.execute(
            "DELETE FROM inbox_messages WHERE accepted_request = ?1 OR follow_up_of = ?1",
            [r.as_bytes().as_slice()],
        )?;
    }
    Ok(n as u64)
}

/// The UIDs already fetched for an account and UIDVALIDITY.
pub fn seen_uids(conn: &Db, account: &[u8], uid_validity: u32) -> StoreResult<HashSet<u32>> {
    let mut stmt =
        conn.prepare("SELECT uid FROM inbox_imap_seen WHERE account = ?1 AND uid_validity = ?2")?;
    let rows = stmt.query_map(params![account, uid_validity], |r| r.get::<_, u32>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records that a UID was fetched.
pub fn mark_seen(w: &Write<'_>, account: &[u8], uid_validity: u32, uid: u32) -> StoreResult<()> {
    w.prepare_cached(
        "INSERT OR IGNORE INTO inbox_imap_seen (account, uid_validity, uid) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![account, uid_validity, uid])?;
    Ok(())
}

/// The IMAP account, when set.
pub fn account(conn: &Db, key: &SecretKey) -> StoreResult<Option<ImapAccount>> {
    let found = conn
        .query_row(
            "SELECT host, port, folder, ca_file, user, password FROM inbox_account WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, u16>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Sealed>(4)?,
                    r.get::<_, Option<Sealed>>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((host, port, folder, ca_file, user, password)) = found else {
        return Ok(None);
    };
    Ok(Some(ImapAccount {
        host,
        port,
        folder,
        ca_file,
        user: open_text(key, ACCOUNT, "user", ACCOUNT_RECORD, &user)?.to_string(),
        password: password
            .map(|p| open_text(key, ACCOUNT, "password", ACCOUNT_RECORD, &p))
            .transpose()?,
    }))
}

/// Sets the IMAP account (replacing the one before).
pub fn set_account(w: &mut Write<'_>, key: &SecretKey, a: &ImapAccount) -> StoreResult<()> {
    let user = w.seal_text(key, ACCOUNT, "user", ACCOUNT_RECORD, &a.user)?;
    let password = match &a.password {
        Some(p) => Some(w.seal_text(key, ACCOUNT, "password", ACCOUNT_RECORD, p)?),
        None => None,
    };
    w.execute(
        "INSERT OR REPLACE INTO inbox_account (id, host, port, folder, ca_file, user, password)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![a.host, a.port, a.folder, a.ca_file, user, password],
    )?;
    Ok(())
}
