//! Writing integrity tags: every insert or update of a bound column on the store's own
//! connection is noted by a TEMP trigger (connection-local, never stored in the file), and the
//! write door tags the noted rows just before it commits. No write path can forget: a new
//! `INSERT` or `UPDATE` is noted by the same triggers. An edit made with another tool fires no
//! trigger and leaves the old tag, which then no longer matches.

use rusqlite::OptionalExtension;

use crate::crypto::{Mac, SecretKey};

use super::tables::{MAC_COLUMN, PROTECTED, ProtectedTable};
use crate::store::{Db, StoreError, StoreResult, Write};

/// The TEMP table of rows written in the open transaction and not yet tagged.
const DIRTY: &str = "temp.pd_rows_to_tag";

/// Creates the TEMP table and triggers on this connection (idempotent). Called once the store
/// is at the current schema and the key is known.
pub(crate) fn install_triggers(db: &Db) -> StoreResult<()> {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS pd_rows_to_tag (
             tbl TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (tbl, rid)
         ) WITHOUT ROWID;",
    );
    for t in PROTECTED {
        // No `OR IGNORE`: an outer statement's conflict clause would override it.
        let note = format!(
            "INSERT INTO pd_rows_to_tag SELECT '{name}', NEW.rowid WHERE NOT EXISTS
                 (SELECT 1 FROM pd_rows_to_tag WHERE tbl = '{name}' AND rid = NEW.rowid);",
            name = t.name
        );
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS pd_tag_insert_{name}
                 AFTER INSERT ON main.{name} BEGIN {note} END;
             CREATE TEMP TRIGGER IF NOT EXISTS pd_tag_update_{name}
                 AFTER UPDATE OF {id}, {columns} ON main.{name} BEGIN {note} END;",
            name = t.name,
            id = t.id,
            columns = t.columns.join(", "),
        ));
    }
    db.execute_batch(&sql)?;
    Ok(())
}

/// Whether this connection notes the rows it writes (see [`install_triggers`]).
fn installed(db: &Db) -> StoreResult<bool> {
    Ok(db
        .query_row(
            "SELECT 1 FROM temp.sqlite_master WHERE name = 'pd_rows_to_tag'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
        .is_some())
}

/// Tags every row noted since the last call, then forgets them; run by [`Write::commit`]
/// inside the transaction. Without a key, any noted row is a programming error.
pub(crate) fn tag_noted(db: &Db, key: Option<&SecretKey>) -> StoreResult<()> {
    if !installed(db)? {
        return Ok(());
    }
    let noted: Vec<(String, i64)> = {
        let mut stmt = db.prepare_cached(&format!("SELECT tbl, rid FROM {DIRTY} ORDER BY tbl"))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    if noted.is_empty() {
        return Ok(());
    }
    let key = key.ok_or(StoreError::Corrupt(
        "protected rows were written before the store was unlocked".into(),
    ))?;
    for (table, rowid) in noted {
        let Some(t) = ProtectedTable::named(&table) else {
            continue;
        };
        tag_rows(db, key, t, "WHERE rowid = ?1", &[&rowid])?;
    }
    db.execute(&format!("DELETE FROM {DIRTY}"), [])?;
    Ok(())
}

/// Tags the rows of `t` chosen by `filter`; returns how many. The tags are computed first and
/// written after, so no row is changed under an open read of its table.
fn tag_rows(
    db: &Db,
    key: &SecretKey,
    t: &ProtectedTable,
    filter: &str,
    params: &[&dyn rusqlite::ToSql],
) -> StoreResult<u64> {
    let tags: Vec<(i64, Mac)> = {
        let mut read = db.prepare_cached(&format!("{} {filter}", t.select()))?;
        let mut rows = read.query(params)?;
        let mut tags = Vec::new();
        while let Some(row) = rows.next()? {
            tags.push((row.get(0)?, t.tag(key, row)?));
        }
        tags
    };
    let mut write = db.prepare_cached(&format!(
        "UPDATE {} SET {MAC_COLUMN} = ?2 WHERE rowid = ?1",
        t.name
    ))?;
    for (rowid, mac) in &tags {
        write.execute(rusqlite::params![rowid, mac.as_slice()])?;
    }
    Ok(tags.len() as u64)
}

/// How many protected rows there are, for progress.
pub fn count_rows(db: &Db) -> StoreResult<u64> {
    let mut total = 0u64;
    for t in PROTECTED {
        let n: i64 = db.query_row(&format!("SELECT COUNT(*) FROM {}", t.name), [], |r| {
            r.get(0)
        })?;
        total += u64::try_from(n).unwrap_or(0);
    }
    Ok(total)
}

/// Tags every protected row under `key`, valid tag or not, in the caller's write. This is the
/// one function a key rotation calls (with the new key) and the upgrade uses (through
/// [`tag_untagged`]). `progress(done, total)` is told after each table. Returns the rows tagged.
/// A rotation calls it last in its write, then gives the store the new key
/// ([`crate::store::Store::set_row_mac_key`]) once the write has committed.
///
/// Re-tagging makes whatever the rows hold now authentic: call it only right after a full
/// `audit verify` came out clean, or on rows no earlier tag covers.
pub fn retag_all(
    w: &Write<'_>,
    key: &SecretKey,
    progress: &mut dyn FnMut(u64, u64),
) -> StoreResult<u64> {
    let tagged = retag(w, key, "", progress)?;
    // Every row is tagged under `key` now: rows noted earlier in this write must not be
    // tagged again at commit under the key the write began with (the old one, in a rotation).
    if installed(w)? {
        w.execute(&format!("DELETE FROM {DIRTY}"), [])?;
    }
    Ok(tagged)
}

/// Tags the protected rows that have no tag yet (rows written before format 13), in the
/// caller's write. Rows that have a tag keep it, matching or not.
pub fn tag_untagged(
    w: &Write<'_>,
    key: &SecretKey,
    progress: &mut dyn FnMut(u64, u64),
) -> StoreResult<u64> {
    retag(w, key, &format!("WHERE {MAC_COLUMN} IS NULL"), progress)
}

/// Tags every row on `db` (a store being built, before its first commit).
pub(super) fn tag_every_row(db: &Db, key: &SecretKey) -> StoreResult<u64> {
    retag(db, key, "", &mut |_, _| {})
}

fn retag(
    db: &Db,
    key: &SecretKey,
    filter: &str,
    progress: &mut dyn FnMut(u64, u64),
) -> StoreResult<u64> {
    let total = count_rows(db)?;
    let mut done = 0u64;
    let mut tagged = 0u64;
    progress(0, total);
    for t in PROTECTED {
        tagged += tag_rows(db, key, t, filter, &[])?;
        let n: i64 = db.query_row(&format!("SELECT COUNT(*) FROM {}", t.name), [], |r| {
            r.get(0)
        })?;
        done += u64::try_from(n).unwrap_or(0);
        progress(done, total);
    }
    Ok(tagged)
}
