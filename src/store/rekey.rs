//! Key rotation in the store: every sealed column of every table, re-sealed from the old field
//! key to the new one in batches on the rotation's one transaction, and the append-only
//! triggers lifted for that transaction only (they come back before it commits; a rollback
//! restores them with everything else).
//!
//! [`SEALED_TABLES`] names each sealed column and what its seal is bound to. A test lists every
//! `BLOB` column of the schema and fails when one is neither here nor known to be plain, so a
//! new sealed column cannot be forgotten by a rotation.

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use crate::crypto::{self, CryptoError, FieldRef, SecretKey};

use super::{Db, StoreError, StoreResult};

/// What a table's seals are bound to (the `record` of their [`FieldRef`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealRecord {
    /// The row's `id` (a UUID's 16 bytes).
    Id,
    /// A frozen assessment version: the assessment's id mixed with the version number.
    AssessmentVersion,
    /// The recipient's name (pseudonym keys).
    Recipient,
    /// The one IMAP account row, sealed under a fixed record id.
    InboxAccount,
    /// A chunk of an attachment: its owner, its file, its number and whether it is the last
    /// (see `store::attachments`).
    AttachmentChunk,
}

/// One table's sealed columns.
#[derive(Clone, Copy, Debug)]
pub struct SealedTable {
    /// The table.
    pub table: &'static str,
    /// What its seals are bound to.
    pub record: SealRecord,
    /// Its sealed columns (a NULL cell is left NULL).
    pub columns: &'static [&'static str],
}

/// Every sealed column of the store (format 12). The key wraps (users, recovery) and the
/// carried keys are sealed under passphrase or vault keys, not the field key, and are replaced
/// by the rotation itself.
pub const SEALED_TABLES: &[SealedTable] = &[
    SealedTable {
        table: "subjects",
        record: SealRecord::Id,
        columns: &super::subjects::SEALED_COLUMNS,
    },
    SealedTable {
        table: "consent_events",
        record: SealRecord::Id,
        columns: &["evidence"],
    },
    SealedTable {
        table: "subject_changes",
        record: SealRecord::Id,
        columns: &["before", "after"],
    },
    SealedTable {
        table: "requests",
        record: SealRecord::Id,
        columns: &[
            "requester",
            "details",
            "extension_reason",
            "refusal_detail",
            "outcome",
            "language",
        ],
    },
    SealedTable {
        table: "objection_decisions",
        record: SealRecord::Id,
        columns: &["reason"],
    },
    SealedTable {
        table: "erasure_exceptions",
        record: SealRecord::Id,
        columns: &["reason"],
    },
    SealedTable {
        table: "legal_holds",
        record: SealRecord::Id,
        columns: &["reason"],
    },
    SealedTable {
        table: "organisation_profile",
        record: SealRecord::Id,
        columns: &["name", "controller", "dpo", "automated_decisions", "roles"],
    },
    SealedTable {
        table: "trainings",
        record: SealRecord::Id,
        columns: &["trainee"],
    },
    SealedTable {
        table: "incidents",
        record: SealRecord::Id,
        columns: &["details"],
    },
    SealedTable {
        table: "assessments",
        record: SealRecord::Id,
        columns: &["body"],
    },
    SealedTable {
        table: "assessment_versions",
        record: SealRecord::AssessmentVersion,
        columns: &["body"],
    },
    SealedTable {
        table: "pseudonym_keys",
        record: SealRecord::Recipient,
        columns: &["key"],
    },
    SealedTable {
        table: "inbox_messages",
        record: SealRecord::Id,
        columns: &["sender", "subject_line", "raw"],
    },
    SealedTable {
        table: "campaign_sends",
        record: SealRecord::Id,
        columns: &super::campaigns::SEALED_COLUMNS,
    },
    SealedTable {
        table: "request_tasks",
        record: SealRecord::Id,
        columns: &["note"],
    },
    SealedTable {
        table: "inbox_account",
        record: SealRecord::InboxAccount,
        columns: &["user", "password"],
    },
    SealedTable {
        table: "subject_ages",
        record: SealRecord::Id,
        columns: &["value"],
    },
    SealedTable {
        table: "parental_authorisations",
        record: SealRecord::Id,
        columns: &["authorised_by"],
    },
    SealedTable {
        table: "attachments",
        record: SealRecord::Id,
        columns: &["name"],
    },
    SealedTable {
        table: "attachment_chunks",
        record: SealRecord::AttachmentChunk,
        columns: &["data"],
    },
];

/// Rows re-sealed per batch (one SELECT, then one UPDATE per row).
const BATCH: usize = 2_000;

/// How many rows the re-sealing visits (for the progress bar).
pub fn sealed_rows(conn: &Db) -> StoreResult<u64> {
    let mut total = 0u64;
    for t in SEALED_TABLES {
        let n: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {}", t.table), [], |r| {
            r.get(0)
        })?;
        total += n.max(0) as u64;
    }
    Ok(total)
}

/// A trigger lifted for the rotation's transaction, with the SQL that puts it back.
#[derive(Clone, Debug)]
pub struct LiftedTrigger {
    name: String,
    sql: String,
}

/// Drops every trigger on the tables a rotation rewrites (the sealed tables, the audit log,
/// the users and the header) and returns them for [`restore_triggers`]. Only ever on a write
/// transaction: a rollback brings them back by itself.
pub fn lift_triggers(conn: &Db) -> StoreResult<Vec<LiftedTrigger>> {
    let mut stmt = conn.prepare(
        "SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
    )?;
    let rewritten = |table: &str| {
        ["audit_log", "users", "vault_header"].contains(&table)
            || SEALED_TABLES.iter().any(|t| t.table == table)
    };
    let mut lifted = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let table: String = r.get(2)?;
        if rewritten(&table) {
            lifted.push(LiftedTrigger {
                name: r.get(0)?,
                sql: r.get(1)?,
            });
        }
    }
    drop(rows);
    drop(stmt);
    for t in &lifted {
        conn.execute_batch(&format!("DROP TRIGGER \"{}\"", t.name.replace('"', "\"\"")))?;
    }
    Ok(lifted)
}

/// Puts back the triggers [`lift_triggers`] dropped, exactly as they were.
pub fn restore_triggers(conn: &Db, lifted: &[LiftedTrigger]) -> StoreResult<()> {
    for t in lifted {
        conn.execute_batch(&t.sql)?;
    }
    Ok(())
}

/// The record bytes a seal of table `t` is bound to, from the row's record column(s).
fn record_bytes(t: &SealedTable, row: &[Value]) -> StoreResult<Vec<u8>> {
    let malformed = || StoreError::Corrupt(format!("a record id in {} is malformed", t.table));
    match (t.record, row) {
        (SealRecord::Id, [Value::Blob(id), ..]) => Ok(id.clone()),
        (SealRecord::AssessmentVersion, [Value::Blob(id), Value::Integer(version), ..]) => {
            let id = uuid::Uuid::from_slice(id).map_err(|_| malformed())?;
            let version = u32::try_from(*version).map_err(|_| malformed())?;
            Ok(super::assessments::version_record(id, version)
                .as_bytes()
                .to_vec())
        }
        (SealRecord::Recipient, [Value::Text(name), ..]) => Ok(name.as_bytes().to_vec()),
        (SealRecord::InboxAccount, _) => Ok(super::inbox::ACCOUNT_RECORD.as_bytes().to_vec()),
        (
            SealRecord::AttachmentChunk,
            [
                Value::Text(kind),
                Value::Blob(owner),
                Value::Blob(id),
                Value::Integer(n),
                Value::Integer(chunks),
                ..,
            ],
        ) => {
            let id = uuid::Uuid::from_slice(id).map_err(|_| malformed())?;
            let n = u64::try_from(*n).map_err(|_| malformed())?;
            let last = u64::try_from(*chunks).map_err(|_| malformed())? == n + 1;
            Ok(super::attachments::chunk_ref(kind, owner, id, n, last))
        }
        _ => Err(malformed()),
    }
}

/// Re-seals every sealed cell of every table from `old` to `new`, calling `tick` with the
/// number of rows done after each batch (it returns an error to stop: the caller's
/// transaction then rolls back). Returns the number of seals made under `new`.
pub fn reseal_all<E: From<StoreError>>(
    conn: &Db,
    old: &SecretKey,
    new: &SecretKey,
    tick: &mut impl FnMut(u64) -> Result<(), E>,
) -> Result<u64, E> {
    let mut seals = 0u64;
    for t in SEALED_TABLES {
        seals += reseal_table(conn, t, old, new, tick)?;
    }
    Ok(seals)
}

fn reseal_table<E: From<StoreError>>(
    conn: &Db,
    t: &SealedTable,
    old: &SecretKey,
    new: &SecretKey,
    tick: &mut impl FnMut(u64) -> Result<(), E>,
) -> Result<u64, E> {
    let record_columns: &[&str] = match t.record {
        SealRecord::Id => &["id"],
        SealRecord::AssessmentVersion => &["assessment_id", "version"],
        SealRecord::Recipient => &["recipient"],
        SealRecord::InboxAccount => &["id"],
        SealRecord::AttachmentChunk => &[
            "(SELECT owner_kind FROM attachments a WHERE a.id = attachment_id)",
            "(SELECT owner_key FROM attachments a WHERE a.id = attachment_id)",
            "attachment_id",
            "n",
            "(SELECT chunks FROM attachments a WHERE a.id = attachment_id)",
        ],
    };
    let keys = record_columns.len();
    let select = format!(
        "SELECT rowid, {}, {} FROM {} WHERE rowid > ?1 ORDER BY rowid LIMIT {BATCH}",
        record_columns.join(", "),
        t.columns.join(", "),
        t.table
    );
    let sets: Vec<String> = (t.columns.iter().enumerate())
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect();
    let update = format!(
        "UPDATE {} SET {} WHERE rowid = ?1",
        t.table,
        sets.join(", ")
    );
    let width = 1 + keys + t.columns.len();
    let mut last = i64::MIN;
    let mut seals = 0u64;
    loop {
        let rows: Vec<Vec<Value>> = {
            let mut stmt = conn.prepare_cached(&select).map_err(StoreError::from)?;
            let mapped = stmt
                .query_map([last], |r| {
                    (0..width).map(|i| r.get::<_, Value>(i)).collect()
                })
                .map_err(StoreError::from)?;
            mapped.collect::<Result<_, _>>().map_err(StoreError::from)?
        };
        let Some(last_row) = rows.last() else {
            break;
        };
        last = match last_row.first() {
            Some(Value::Integer(rowid)) => *rowid,
            _ => {
                return Err(
                    StoreError::Corrupt(format!("a row of {} has no rowid", t.table)).into(),
                );
            }
        };
        let mut stmt = conn.prepare_cached(&update).map_err(StoreError::from)?;
        for row in &rows {
            let record = record_bytes(t, &row[1..])?;
            let mut out = Vec::with_capacity(1 + t.columns.len());
            out.push(row[0].clone());
            for (column, cell) in t.columns.iter().zip(&row[1 + keys..]) {
                out.push(match cell {
                    Value::Null => Value::Null,
                    Value::Blob(sealed) => {
                        let at = FieldRef {
                            table: t.table,
                            column,
                            record: &record,
                        };
                        let plain = crypto::open(old, at, sealed)
                            .map_err(|e| tampered(t, column, &record, e))?;
                        seals += 1;
                        Value::Blob(crypto::seal(new, at, &plain).map_err(StoreError::from)?)
                    }
                    _ => return Err(tampered(t, column, &record, CryptoError::OpenFailed).into()),
                });
            }
            stmt.execute(params_from_iter(out))
                .map_err(StoreError::from)?;
        }
        tick(rows.len() as u64)?;
    }
    Ok(seals)
}

/// The error for a cell that does not open under the old key: it names the record.
fn tampered(t: &SealedTable, column: &'static str, record: &[u8], e: CryptoError) -> StoreError {
    match (e, uuid::Uuid::from_slice(record)) {
        (CryptoError::OpenFailed | CryptoError::Malformed(_), Ok(id)) => {
            StoreError::FieldTampered {
                table: t.table,
                column,
                record: id,
            }
        }
        (CryptoError::OpenFailed | CryptoError::Malformed(_), Err(_)) => {
            StoreError::Corrupt(format!(
                "a sealed {column} in {} was altered or moved inside the file",
                t.table
            ))
        }
        (other, _) => StoreError::Crypto(other),
    }
}
