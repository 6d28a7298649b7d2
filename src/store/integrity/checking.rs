//! Checking integrity tags: every protected row (for `audit verify`), or the newest rows of
//! each table within a time budget (at unlock).

use std::time::{Duration, Instant};

use rusqlite::types::ValueRef;

use crate::crypto::SecretKey;
use crate::domain::audit::{ChangedRow, RowProblem};
use crate::store::{Db, StoreResult};

use super::tables::{PROTECTED, ProtectedTable};

/// What a check found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowCheck {
    /// Rows checked.
    pub checked: u64,
    /// Rows whose tag is missing or does not match.
    pub changed: Vec<ChangedRow>,
    /// Whether every row that was to be checked was (false: stopped by the budget or Cancel).
    pub complete: bool,
}

/// Checks every protected row. `keep_going(done)` is asked every 1,024 rows; `false` stops the
/// check (the result then says it is not complete).
pub fn verify_all(
    db: &Db,
    key: &SecretKey,
    keep_going: &mut dyn FnMut(u64) -> bool,
) -> StoreResult<RowCheck> {
    let mut out = RowCheck {
        complete: true,
        ..RowCheck::default()
    };
    for t in PROTECTED {
        if !check_rows(db, key, t, "", &mut out, keep_going)? {
            out.complete = false;
            break;
        }
    }
    Ok(out)
}

/// Checks the newest `per_table` rows of each protected table (by insertion order), stopping
/// once `budget` has passed: the bounded check made at unlock. A full check is
/// [`verify_all`].
pub fn check_recent(
    db: &Db,
    key: &SecretKey,
    per_table: u32,
    budget: Duration,
) -> StoreResult<RowCheck> {
    let started = Instant::now();
    let mut out = RowCheck {
        complete: true,
        ..RowCheck::default()
    };
    let filter = format!("ORDER BY rowid DESC LIMIT {per_table}");
    let mut within_budget = |_| started.elapsed() < budget;
    for t in PROTECTED {
        if !within_budget(0) || !check_rows(db, key, t, &filter, &mut out, &mut within_budget)? {
            out.complete = false;
            break;
        }
    }
    Ok(out)
}

/// Checks the rows of `t` chosen by `filter` into `out`; `false` when `keep_going` stopped it.
fn check_rows(
    db: &Db,
    key: &SecretKey,
    t: &ProtectedTable,
    filter: &str,
    out: &mut RowCheck,
    keep_going: &mut dyn FnMut(u64) -> bool,
) -> StoreResult<bool> {
    let mut stmt = db.prepare_cached(&format!("{} {filter}", t.select()))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let problem = match row.get_ref(1)? {
            ValueRef::Blob(tag) if t.tag_matches(key, row, tag)? => None,
            ValueRef::Null => Some(RowProblem::Untagged),
            _ => Some(RowProblem::Changed),
        };
        if let Some(problem) = problem {
            out.changed.push(ChangedRow {
                table: t.name.to_owned(),
                record: t.record(row),
                problem,
            });
        }
        out.checked += 1;
        if out.checked.is_multiple_of(1024) && !keep_going(out.checked) {
            return Ok(false);
        }
    }
    Ok(true)
}
