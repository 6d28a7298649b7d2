//! Counts for the store summary (`status`, the Dashboard).

use super::Db;

use super::StoreResult;

/// Row counts per area.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Data subjects.
    pub subjects: i64,
    /// Audit entries.
    pub audit_entries: i64,
    /// Users who can sign in.
    pub users: i64,
}

/// Counts rows per area.
pub fn counts(conn: &Db) -> StoreResult<Counts> {
    let count = |table: &str| -> StoreResult<i64> {
        Ok(conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(Counts {
        subjects: count("subjects")?,
        audit_entries: count("audit_log")?,
        users: count("users")?,
    })
}
