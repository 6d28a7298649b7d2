//! Whole-ledger reads: every consent event, subject by subject, streamed from the covering
//! index `consent_events_subject` (migration 0009) in the order the rules need — subject id,
//! then time, then ledger order. Nothing is decrypted (evidence is a marker, see
//! [`super::consent::evidence_marker`]) and only one subject's events are held at a time, so
//! a million people cost no more memory than one, and no sort is needed.
//!
//! The review queue and count, the Subjects filter, the suppression and pseudonymised exports,
//! the minimisation review and the retention sweep all read the ledger through here.

use super::Db;
use rusqlite::Row;
use uuid::Uuid;

use crate::domain::consent::{Channel, ConsentEvent, ConsentEventKind};
use crate::domain::purpose::PurposeCode;

use super::StoreError;
use super::ledger_columns::{EMPTY_EVIDENCE_SEALED_LEN, evidence_marker, parse_time_bytes};

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
/// (The sequence is not read for retention: the order by time is the index's own.)
const SCAN_RETENTION: &str = "SELECT subject_id, id, 0, at, purpose_code, kind, length(evidence)
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
    conn: &Db,
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
        let seq: i64 = match read {
            LedgerRead::Consent => r.get(2)?,
            LedgerRead::Retention => 0,
        };
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

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;
    use rusqlite::params;

    /// The store's schema, in memory, with purposes and subjects 1–3.
    fn ledger() -> Db {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::all()
            .to_latest(&mut conn)
            .unwrap();
        conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
        for n in 1..=3u128 {
            conn.execute(
                "INSERT INTO subjects (id, email, name, phone, postal_address, customer_ref,
                                       notes, created_at, updated_at)
                 VALUES (?1, x'00', x'00', x'00', x'00', x'00', x'00', ?2, ?2)",
                params![
                    Uuid::from_u128(n).as_bytes().as_slice(),
                    "2025-01-01T00:00:00+00:00"
                ],
            )
            .unwrap();
        }
        Db::new(conn)
    }

    /// Records an event for subject `n` (evidence `sealed_len` bytes long).
    fn event(conn: &Db, n: u128, seq: i64, at: &str, kind: &str, sealed_len: usize) {
        conn.execute(
            "INSERT INTO consent_events (seq, id, subject_id, purpose_code, kind, at, channel,
                                         notice_version, evidence, recorded_by, recorded_at)
             VALUES (?1, ?2, ?3, 'newsletter', ?4, ?5, 'web-form', 1, ?6, 'owner', ?5)",
            params![
                seq,
                Uuid::from_u128(1000 + seq as u128).as_bytes().as_slice(),
                Uuid::from_u128(n).as_bytes().as_slice(),
                kind,
                at,
                vec![0u8; sealed_len]
            ],
        )
        .unwrap();
    }

    /// (subject, event ids in the order handed over) for each subject visited.
    fn visits(conn: &Db, read: LedgerRead) -> Vec<(u128, Vec<u128>)> {
        let mut out = Vec::new();
        for_each_subject(conn, read, |id, events, metas| {
            assert_eq!(events.len(), metas.len());
            out.push((
                id.as_u128(),
                metas.iter().map(|m| m.id.as_u128() - 1000).collect(),
            ));
            Ok::<bool, StoreError>(true)
        })
        .unwrap();
        out
    }

    #[test]
    fn a_backdated_event_comes_in_ledger_order_for_consent_and_time_order_for_retention() {
        let conn = ledger();
        let big = EMPTY_EVIDENCE_SEALED_LEN as usize + 40;
        event(&conn, 2, 1, "2025-03-01T10:00:00+00:00", "given", big);
        event(&conn, 1, 2, "2025-02-01T10:00:00+00:00", "given", big);
        // Recorded third, happened first (a paper form entered late).
        event(&conn, 2, 3, "2025-01-15T10:00:00+00:00", "withdrawn", 0);
        event(&conn, 2, 4, "2025-04-01T10:00:00+00:00", "refreshed", big);
        // Subjects in id order; subject 3 has no events and is not visited.
        assert_eq!(
            visits(&conn, LedgerRead::Consent),
            vec![(1, vec![2]), (2, vec![1, 3, 4])]
        );
        assert_eq!(
            visits(&conn, LedgerRead::Retention),
            vec![(1, vec![2]), (2, vec![3, 1, 4])]
        );
        // The event read beside each meta is that event, also in a reused slot.
        for_each_subject(&conn, LedgerRead::Retention, |id, events, metas| {
            if id.as_u128() == 2 {
                let kinds: Vec<_> = events.iter().map(|e| e.kind.code()).collect();
                assert_eq!(kinds, ["withdrawn", "given", "refreshed"]);
                let evidence: Vec<_> = metas.iter().map(|m| m.has_evidence).collect();
                assert_eq!(evidence, [false, true, true]);
                assert!(events[0].evidence.is_empty() && !events[1].evidence.is_empty());
                assert_eq!(events[1].channel, Channel::Import, "not read for retention");
            }
            Ok::<bool, StoreError>(true)
        })
        .unwrap();
        for_each_subject(&conn, LedgerRead::Consent, |id, events, _| {
            if id.as_u128() == 2 {
                assert_eq!(events[0].channel, Channel::WebForm);
                assert_eq!(events[0].recorded_by, "owner");
                assert_eq!(events[0].notice_version, Some(1));
            }
            Ok::<bool, StoreError>(true)
        })
        .unwrap();
    }

    #[test]
    fn stopping_early_hands_over_nothing_more() {
        let conn = ledger();
        event(&conn, 1, 1, "2025-02-01T10:00:00+00:00", "given", 0);
        event(&conn, 2, 2, "2025-02-01T10:00:00+00:00", "given", 0);
        let mut seen = 0;
        for_each_subject(&conn, LedgerRead::Consent, |_, _, _| {
            seen += 1;
            Ok::<bool, StoreError>(false)
        })
        .unwrap();
        assert_eq!(seen, 1);
    }

    #[test]
    fn an_unreadable_row_is_reported_not_skipped() {
        let conn = ledger();
        event(&conn, 1, 1, "not a time", "given", 0);
        let err = for_each_subject(&conn, LedgerRead::Retention, |_, _, _| {
            Ok::<bool, StoreError>(true)
        })
        .unwrap_err();
        assert!(err.to_string().contains("time"), "{err}");
    }

    /// Both reads are answered from the covering index, already in order: no table lookups,
    /// no sort (what makes a million people's ledger a stream).
    #[test]
    fn both_reads_come_from_the_covering_index_without_a_sort() {
        let conn = ledger();
        for sql in [SCAN_CONSENT, SCAN_RETENTION] {
            let plan: Vec<String> = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map([], |r| r.get(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(
                plan,
                ["SCAN consent_events USING COVERING INDEX consent_events_subject"],
                "{sql}"
            );
        }
    }

    /// The sweep's merge: every live subject in id order, those without events too, the
    /// anonymised passed over with their events; the dates come from the covering index.
    #[test]
    fn the_sweep_visits_every_live_subject_with_its_events() {
        let conn = ledger();
        for n in 4..=5u128 {
            conn.execute(
                "INSERT INTO subjects (id, email, name, phone, postal_address, customer_ref,
                                       notes, created_at, updated_at, anonymised_on)
                 VALUES (?1, x'00', x'00', x'00', x'00', x'00', x'00', ?2, ?2, ?3)",
                params![
                    Uuid::from_u128(n).as_bytes().as_slice(),
                    "2024-06-30T23:00:00+00:00",
                    (n == 4).then_some("2025-06-01")
                ],
            )
            .unwrap();
        }
        event(&conn, 2, 1, "2025-03-01T10:00:00+00:00", "given", 0);
        event(&conn, 4, 2, "2025-03-01T10:00:00+00:00", "given", 0);
        event(&conn, 5, 3, "2025-03-02T10:00:00+00:00", "given", 0);
        event(&conn, 5, 4, "2025-03-01T10:00:00+00:00", "withdrawn", 0);
        let mut seen = Vec::new();
        super::super::retention_facts::for_each_subject(&conn, |row, events, metas| {
            seen.push((
                row.id.as_u128(),
                row.created.to_string(),
                metas
                    .iter()
                    .map(|m| m.id.as_u128() - 1000)
                    .collect::<Vec<_>>(),
            ));
            assert_eq!(events.len(), metas.len());
            Ok::<bool, StoreError>(true)
        })
        .unwrap();
        assert_eq!(
            seen,
            vec![
                (1, "2025-01-01".to_owned(), vec![]),
                (2, "2025-01-01".to_owned(), vec![1]),
                (3, "2025-01-01".to_owned(), vec![]),
                (5, "2024-06-30".to_owned(), vec![4, 3]),
            ]
        );
        let plan: String = conn
            .query_row(
                &format!(
                    "EXPLAIN QUERY PLAN {}",
                    super::super::retention_facts::LIVE_SUBJECTS
                ),
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert_eq!(
            plan,
            "SCAN subjects USING COVERING INDEX subjects_live_dates"
        );
    }
}
