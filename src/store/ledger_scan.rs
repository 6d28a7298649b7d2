//! Whole-ledger reads: every consent event, subject by subject, streamed from the covering
//! index `consent_events_subject` (migration 0009) in the order the rules need — subject id,
//! then time, then ledger order. Nothing is decrypted (evidence is a marker, see
//! [`super::consent::evidence_marker`]) and only one subject's events are held at a time, so
//! a million people cost no more memory than one, and no sort is needed.
//!
//! The review queue and count, the Subjects filter, the suppression and pseudonymised exports,
//! the minimisation review and the retention sweep all read the ledger through here.

use rusqlite::{Connection, Row};
use uuid::Uuid;

use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind};
use crate::domain::purpose::PurposeCode;

use super::StoreError;
use super::consent::{EMPTY_EVIDENCE_SEALED_LEN, evidence_marker, parse_time_bytes};

/// A ledger event's id and whether its sealed evidence still holds anything, beside the event
/// at the same index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventMeta {
    /// The event's id.
    pub id: Uuid,
    /// Whether the sealed evidence holds anything.
    pub has_evidence: bool,
}

/// What a whole-ledger read is for: it decides the order of each subject's events and the
/// columns read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LedgerRead {
    /// Consent states and the review queue: events in the order recorded (the ledger's
    /// sequence), with their channel, notice version and author.
    Consent,
    /// Retention rules: events by when they happened (ties in ledger order), without channel,
    /// notice version or author (left as `Import`, `None` and empty), which rules never read.
    Retention,
}

/// The index `consent_events_subject` holds every column read here, so SQLite answers from
/// the index alone, already sorted. The `ORDER BY` keeps the result right on a store whose
/// index is missing (only slower). The first seven columns are common to both reads.
const SCAN_CONSENT: &str = "SELECT subject_id, id, seq, at, purpose_code, kind, length(evidence),
                                   channel, notice_version, recorded_by
                            FROM consent_events ORDER BY subject_id, at, seq";
const SCAN_RETENTION: &str = "SELECT subject_id, id, seq, at, purpose_code, kind, length(evidence)
                              FROM consent_events ORDER BY subject_id, at, seq";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("a consent event has an unreadable {what}"))
}

/// The 16 bytes of the id in column `i`, read without copying the blob.
pub(super) fn id_bytes(r: &Row<'_>, i: usize) -> Result<[u8; 16], StoreError> {
    r.get_ref(i)?
        .as_blob()
        .ok()
        .and_then(|b| <[u8; 16]>::try_from(b).ok())
        .ok_or_else(|| StoreError::Corrupt("a record id is malformed".into()))
}

/// Calls `f` with each subject's id, events (ordered and read as `read` says) and their
/// metadata, subject by subject in id order, until it returns `Ok(false)` or an error, which
/// is passed on. Subjects without events are not visited.
pub fn for_each_subject<E: From<StoreError>>(
    conn: &Connection,
    read: LedgerRead,
    mut f: impl FnMut(Uuid, &[ConsentEvent], &[EventMeta]) -> Result<bool, E>,
) -> Result<(), E> {
    let sql = match read {
        LedgerRead::Consent => SCAN_CONSENT,
        LedgerRead::Retention => SCAN_RETENTION,
    };
    let mut stmt = conn.prepare(sql).map_err(StoreError::from)?;
    let mut rows = stmt.query([]).map_err(StoreError::from)?;
    let mut batch = Batch::default();
    let mut current: Option<[u8; 16]> = None;
    while let Some(r) = rows.next().map_err(StoreError::from)? {
        let subject = id_bytes(r, 0)?;
        if current != Some(subject)
            && let Some(done) = current.replace(subject)
            && !batch.hand_over(Uuid::from_bytes(done), read, &mut f)?
        {
            return Ok(());
        }
        batch.push(r, read)?;
    }
    if let Some(done) = current {
        batch.hand_over(Uuid::from_bytes(done), read, &mut f)?;
    }
    Ok(())
}

/// One subject's events, read into slots that are overwritten from one subject to the next:
/// purpose codes, authors and evidence markers keep their allocations when they repeat.
#[derive(Default)]
struct Batch {
    events: Vec<ConsentEvent>,
    metas: Vec<EventMeta>,
    seqs: Vec<i64>,
    /// Slots in use.
    len: usize,
    /// The purpose codes met so far, checked once each.
    codes: Codes,
}

/// Purpose codes read from the ledger, each checked once.
#[derive(Default)]
struct Codes(Vec<PurposeCode>);

impl Codes {
    /// The code written `bytes`, checked the first time it is met.
    fn get(&mut self, bytes: &[u8]) -> Result<PurposeCode, StoreError> {
        if let Some(code) = self.0.iter().find(|c| c.as_str().as_bytes() == bytes) {
            return Ok(code.clone());
        }
        let code = PurposeCode::parse(text(bytes)?).map_err(|_| corrupt("purpose"))?;
        self.0.push(code.clone());
        Ok(code)
    }
}

impl Batch {
    fn push(&mut self, r: &Row<'_>, read: LedgerRead) -> Result<(), StoreError> {
        // Columns are compared as bytes and only checked as text when they are new to the
        // slot: millions of rows repeat a handful of codes.
        let bytes = |i: usize| -> Result<&[u8], StoreError> {
            r.get_ref(i)?.as_bytes().map_err(|_| corrupt("column"))
        };
        let purpose = match r.get_ref(4)? {
            rusqlite::types::ValueRef::Null => None,
            v => Some(v.as_bytes().map_err(|_| corrupt("purpose"))?),
        };
        let sealed_len: i64 = r.get(6)?;
        let kind = bytes(5)?;
        let kind = ConsentEventKind::ALL
            .into_iter()
            .find(|k| k.code().as_bytes() == kind)
            .ok_or_else(|| corrupt("kind"))?;
        let at = parse_time_bytes(bytes(3)?)?;
        let (channel, notice_version, by) = match read {
            LedgerRead::Retention => (Channel::Import, None, &b""[..]),
            LedgerRead::Consent => {
                let channel = bytes(7)?;
                let channel = Channel::ALL
                    .into_iter()
                    .find(|c| c.code().as_bytes() == channel)
                    .ok_or_else(|| corrupt("channel"))?;
                (channel, r.get::<_, Option<u32>>(8)?, bytes(9)?)
            }
        };
        let meta = EventMeta {
            id: Uuid::from_bytes(id_bytes(r, 1)?),
            has_evidence: sealed_len > EMPTY_EVIDENCE_SEALED_LEN,
        };
        let seq: i64 = r.get(2)?;
        if let Some(slot) = self.events.get_mut(self.len) {
            if slot.purpose.as_ref().map(|p| p.as_str().as_bytes()) != purpose {
                slot.purpose = purpose.map(|p| self.codes.get(p)).transpose()?;
            }
            if slot.recorded_by.as_bytes() != by {
                text(by)?.clone_into(&mut slot.recorded_by);
            }
            if slot.evidence.is_empty() == meta.has_evidence {
                slot.evidence = evidence_marker(sealed_len);
            }
            slot.kind = kind;
            slot.at = at;
            slot.channel = channel;
            slot.notice_version = notice_version;
            self.metas[self.len] = meta;
            self.seqs[self.len] = seq;
        } else {
            self.events.push(ConsentEvent {
                purpose: purpose.map(|p| self.codes.get(p)).transpose()?,
                kind,
                at,
                channel,
                notice_version,
                evidence: evidence_marker(sealed_len),
                recorded_by: text(by)?.to_owned(),
            });
            self.metas.push(meta);
            self.seqs.push(seq);
        }
        self.len += 1;
        Ok(())
    }

    /// Calls `f` with the subject's events and empties the batch.
    fn hand_over<E>(
        &mut self,
        subject: Uuid,
        read: LedgerRead,
        f: &mut impl FnMut(Uuid, &[ConsentEvent], &[EventMeta]) -> Result<bool, E>,
    ) -> Result<bool, E> {
        let n = std::mem::take(&mut self.len);
        let seqs = &self.seqs[..n];
        if read == LedgerRead::Consent && !seqs.is_sorted() {
            // Recorded out of time order (a backdated import): rare, so a copy is fine.
            let mut by_seq: Vec<usize> = (0..n).collect();
            by_seq.sort_unstable_by_key(|&i| seqs[i]);
            let events: Vec<ConsentEvent> =
                by_seq.iter().map(|&i| self.events[i].clone()).collect();
            let metas: Vec<EventMeta> = by_seq.iter().map(|&i| self.metas[i]).collect();
            return f(subject, &events, &metas);
        }
        f(subject, &self.events[..n], &self.metas[..n])
    }
}

fn text(bytes: &[u8]) -> Result<&str, StoreError> {
    std::str::from_utf8(bytes).map_err(|_| corrupt("column"))
}
