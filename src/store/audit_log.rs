//! The audit log table: append (chained, head kept in the header), browse with filters, and
//! stream every entry for verification or export.

use chrono::Utc;
use rusqlite::{Row, params, params_from_iter, types::Value};

use crate::crypto::SecretKey;
use crate::domain::audit::{
    AuditEntry, ChainVerifier, GENESIS_MAC, NewAuditEntry, entry_mac, seal_entry,
};

use super::{Db, StoreError, StoreResult, header};
pub use crate::domain::audit::AuditFilter;

/// Appends an entry chained to the current head and moves the head, on `conn`'s transaction.
pub fn append(conn: &Db, key: &SecretKey, new: &NewAuditEntry) -> StoreResult<AuditEntry> {
    let (head_seq, head_mac) = header::audit_head(conn)?;
    let prev_mac = if head_seq == 0 {
        GENESIS_MAC.to_vec()
    } else {
        head_mac
    };
    let entry = seal_entry(key, new, Utc::now(), head_seq, &prev_mac);
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, via, action, entity_kind, entity_id, details,
                                prev_mac, mac)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            entry.seq,
            entry.at,
            entry.actor,
            entry.via,
            entry.action,
            entry.entity_kind,
            entry.entity_id,
            entry.details,
            entry.prev_mac,
            entry.mac
        ],
    )?;
    header::set_audit_head(conn, entry.seq, &entry.mac)?;
    Ok(entry)
}

const COLUMNS: &str = "seq, at, actor, via, action, entity_kind, entity_id, details, prev_mac, mac";

fn from_row(r: &Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        via: r.get(3)?,
        action: r.get(4)?,
        entity_kind: r.get(5)?,
        entity_id: r.get(6)?,
        details: r.get(7)?,
        prev_mac: r.get(8)?,
        mac: r.get(9)?,
    })
}

impl AuditFilter {
    fn where_clause(&self) -> (String, Vec<Value>) {
        let mut sql = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        // Every `?` in a condition becomes that condition's one numbered parameter.
        let mut push = |cond: &str, v: String| {
            args.push(Value::Text(v));
            sql.push(cond.replace('?', &format!("?{}", args.len())));
        };
        if let Some(a) = self.action.as_ref().filter(|s| !s.is_empty()) {
            push("action = ?", a.clone());
        }
        if let Some(k) = self.entity_kind.as_ref().filter(|s| !s.is_empty()) {
            push("entity_kind = ?", k.clone());
        }
        if let Some(a) = self.actor.as_ref().filter(|s| !s.is_empty()) {
            push("actor = ?", a.clone());
        }
        if let Some(f) = self.from.as_ref().filter(|s| !s.is_empty()) {
            push("at >= ?", f.clone());
        }
        if let Some(u) = self.until.as_ref().filter(|s| !s.is_empty()) {
            // A bare date includes the whole day.
            let bound = if u.len() == 10 {
                format!("{u}T99")
            } else {
                u.clone()
            };
            push("at < ?", bound);
        }
        if let Some(t) = self.text.as_ref().filter(|s| !s.is_empty()) {
            let escaped = t
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            push(
                "(entity_id LIKE ? ESCAPE '\\' OR details LIKE ? ESCAPE '\\')",
                format!("%{escaped}%"),
            );
        }
        let clause = if sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", sql.join(" AND "))
        };
        (clause, args)
    }
}

/// Counts the entries matching a filter.
pub fn count(conn: &Db, filter: &AuditFilter) -> StoreResult<i64> {
    let (clause, args) = filter.where_clause();
    let sql = format!("SELECT COUNT(*) FROM audit_log {clause}");
    Ok(conn.query_row(&sql, params_from_iter(args), |r| r.get(0))?)
}

/// Whether any entry records `action` (its code, e.g. `backup.made`).
pub fn any_with_action(conn: &Db, action: &str) -> StoreResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit_log WHERE action = ?1)",
        [action],
        |r| r.get(0),
    )?)
}

/// One page of matching entries, newest first.
pub fn page(
    conn: &Db,
    filter: &AuditFilter,
    offset: i64,
    limit: i64,
) -> StoreResult<Vec<AuditEntry>> {
    let (clause, mut args) = filter.where_clause();
    let n = args.len();
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_log {clause} ORDER BY seq DESC LIMIT ?{} OFFSET ?{}",
        n + 1,
        n + 2
    );
    args.push(Value::Integer(limit));
    args.push(Value::Integer(offset));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Calls `f` on every matching entry in ascending seq order until it returns `false`.
pub fn for_each(
    conn: &Db,
    filter: &AuditFilter,
    mut f: impl FnMut(&AuditEntry) -> bool,
) -> StoreResult<()> {
    let (clause, args) = filter.where_clause();
    let sql = format!("SELECT {COLUMNS} FROM audit_log {clause} ORDER BY seq ASC");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        if !f(&from_row(row)?) {
            break;
        }
    }
    Ok(())
}

/// Entries re-signed per batch by [`rechain`].
const RECHAIN_BATCH: i64 = 5_000;

/// Re-signs the whole chain under `new` after a key rotation, checking it under `old` on the
/// way (a broken chain is refused, never re-signed: that would hide the break), then moves the
/// head. Runs on the rotation's transaction, with the append-only triggers lifted; `tick` gets
/// the number of entries done after each batch and returns an error to stop. Returns how many
/// entries were re-signed.
pub fn rechain<E: From<StoreError>>(
    conn: &Db,
    old: &SecretKey,
    new: &SecretKey,
    tick: &mut impl FnMut(u64) -> Result<(), E>,
) -> Result<i64, E> {
    let (head_seq, head_mac) = header::audit_head(conn)?;
    let mut verifier = ChainVerifier::new(old);
    let mut prev = GENESIS_MAC.to_vec();
    let mut last = 0i64;
    loop {
        let batch: Vec<AuditEntry> = {
            let mut stmt = conn
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT {RECHAIN_BATCH}"
                ))
                .map_err(StoreError::from)?;
            let rows = stmt.query_map([last], from_row).map_err(StoreError::from)?;
            rows.collect::<Result<_, _>>().map_err(StoreError::from)?
        };
        if batch.is_empty() {
            break;
        }
        let mut stmt = conn
            .prepare_cached("UPDATE audit_log SET prev_mac = ?2, mac = ?3 WHERE seq = ?1")
            .map_err(StoreError::from)?;
        for entry in &batch {
            if !verifier.push(entry) {
                return Err(broken().into());
            }
            let mut signed = entry.clone();
            signed.prev_mac = prev;
            signed.mac = entry_mac(new, &signed).finish().to_vec();
            stmt.execute(params![signed.seq, signed.prev_mac, signed.mac])
                .map_err(StoreError::from)?;
            last = signed.seq;
            prev = signed.mac;
        }
        tick(batch.len() as u64)?;
    }
    if !verifier.finish(head_seq, &head_mac).is_intact() {
        return Err(broken().into());
    }
    header::set_audit_head(conn, last, &prev)?;
    Ok(last)
}

fn broken() -> StoreError {
    StoreError::Conflict(
        "The audit trail does not verify (run `audit verify` to see where); a key rotation would re-sign it and hide the break, so nothing was changed.".into(),
    )
}

/// The distinct actors in the log, for the filter list.
pub fn actors(conn: &Db) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT actor FROM audit_log ORDER BY actor")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_build_numbered_parameters() {
        let f = AuditFilter {
            action: Some("store.created".into()),
            text: Some("50%_".into()),
            ..Default::default()
        };
        let (clause, args) = f.where_clause();
        assert_eq!(
            clause,
            "WHERE action = ?1 AND (entity_id LIKE ?2 ESCAPE '\\' OR details LIKE ?2 ESCAPE '\\')"
        );
        assert_eq!(args.len(), 2);
        assert_eq!(args[1], Value::Text("%50\\%\\_%".into()));
    }
}
