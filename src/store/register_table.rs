//! The register tables of schema 7 (`data_categories`, `activities`, `systems`, `vendors`,
//! `security_measures`): one row per record, keyed by its code, kept in the officer's order, the
//! record itself a JSON document of its domain type, and at most one date column the app sorts
//! or filters on (a vendor's next review, a measure's review date).
//!
//! The registers are the business's descriptions of its processing, not personal data, so they
//! are stored plain.

use chrono::{NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Db, StoreError, StoreResult};

/// One of the register tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Register {
    /// The taxonomy of data categories.
    DataCategories,
    /// The record of processing activities.
    Activities,
    /// The data inventory.
    Systems,
    /// Vendors and other recipients.
    Vendors,
    /// The security measures register.
    SecurityMeasures,
}

impl Register {
    fn table(self) -> &'static str {
        match self {
            Self::DataCategories => "data_categories",
            Self::Activities => "activities",
            Self::Systems => "systems",
            Self::Vendors => "vendors",
            Self::SecurityMeasures => "security_measures",
        }
    }

    /// The table's date column, if it has one.
    fn date_column(self) -> Option<&'static str> {
        match self {
            Self::Vendors => Some("next_review_on"),
            Self::SecurityMeasures => Some("review_on"),
            Self::DataCategories | Self::Activities | Self::Systems => None,
        }
    }

    /// Whether the table has a `name` column (every register but the taxonomy).
    fn has_name(self) -> bool {
        self != Self::DataCategories
    }

    /// What a record of this register is called in messages.
    pub fn record_noun(self) -> &'static str {
        match self {
            Self::DataCategories => "data category",
            Self::Activities => "processing activity",
            Self::Systems => "system",
            Self::Vendors => "vendor",
            Self::SecurityMeasures => "security measure",
        }
    }
}

/// What is written for one record.
pub struct RegisterRow<'a, T: Serialize> {
    /// Its code.
    pub code: &'a str,
    /// Its name (ignored for the taxonomy, whose names live in the document).
    pub name: &'a str,
    /// The date of the register's date column, if any.
    pub date: Option<NaiveDate>,
    /// The record.
    pub record: &'a T,
}

/// Every record of `register`, in the officer's order.
pub fn list<T: DeserializeOwned>(conn: &Db, register: Register) -> StoreResult<Vec<T>> {
    let sql = format!(
        "SELECT code, body FROM {} ORDER BY position, code",
        register.table()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let body: String = r.get(1)?;
        out.push(decode(register, &code, &body)?);
    }
    Ok(out)
}

/// The record with `code`, if any.
pub fn get<T: DeserializeOwned>(
    conn: &Db,
    register: Register,
    code: &str,
) -> StoreResult<Option<T>> {
    let sql = format!("SELECT body FROM {} WHERE code = ?1", register.table());
    let body: Option<String> = conn
        .prepare_cached(&sql)?
        .query_row([code], |r| r.get(0))
        .optional()?;
    body.map(|b| decode(register, code, &b)).transpose()
}

/// How many records `register` holds.
pub fn count(conn: &Db, register: Register) -> StoreResult<u64> {
    let sql = format!("SELECT COUNT(*) FROM {}", register.table());
    let n: i64 = conn.query_row(&sql, [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Inserts or replaces a record, keeping its position (or appending it).
pub fn save<T: Serialize>(
    conn: &Db,
    register: Register,
    row: &RegisterRow<'_, T>,
) -> StoreResult<()> {
    let table = register.table();
    let body = serde_json::to_string(row.record).map_err(|e| {
        StoreError::Corrupt(format!(
            "the {} {} could not be written: {e}",
            register.record_noun(),
            row.code
        ))
    })?;
    let position: i64 = conn.query_row(
        &format!(
            "SELECT COALESCE((SELECT position FROM {table} WHERE code = ?1),
                             (SELECT COALESCE(MAX(position), 0) + 1 FROM {table}))"
        ),
        [row.code],
        |r| r.get(0),
    )?;
    let now = Utc::now().to_rfc3339();
    let date = row.date.map(|d| d.format("%Y-%m-%d").to_string());
    match (register.has_name(), register.date_column()) {
        (false, _) => conn.execute(
            &format!(
                "INSERT INTO {table} (code, position, body, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (code) DO UPDATE SET body = excluded.body,
                     updated_at = excluded.updated_at"
            ),
            params![row.code, position, body, now],
        )?,
        (true, None) => conn.execute(
            &format!(
                "INSERT INTO {table} (code, position, name, body, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, body = excluded.body,
                     updated_at = excluded.updated_at"
            ),
            params![row.code, position, row.name, body, now],
        )?,
        (true, Some(column)) => conn.execute(
            &format!(
                "INSERT INTO {table} (code, position, name, {column}, body, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name,
                     {column} = excluded.{column}, body = excluded.body,
                     updated_at = excluded.updated_at"
            ),
            params![row.code, position, row.name, date, body, now],
        )?,
    };
    Ok(())
}

/// Removes a record; returns whether it existed.
pub fn remove(conn: &Db, register: Register, code: &str) -> StoreResult<bool> {
    let sql = format!("DELETE FROM {} WHERE code = ?1", register.table());
    Ok(conn.execute(&sql, [code])? > 0)
}

/// Puts the records in the order of `codes` (codes not listed keep their relative order after
/// them).
pub fn reorder(conn: &Db, register: Register, codes: &[&str]) -> StoreResult<()> {
    let table = register.table();
    conn.execute(
        &format!("UPDATE {table} SET position = position + 1000000"),
        [],
    )?;
    let mut stmt = conn.prepare(&format!("UPDATE {table} SET position = ?2 WHERE code = ?1"))?;
    for (i, code) in codes.iter().enumerate() {
        stmt.execute(params![code, i as i64])?;
    }
    Ok(())
}

/// The codes whose date column is on or before `day` (reviews due), in date order.
pub fn due_on_or_before(
    conn: &Db,
    register: Register,
    day: NaiveDate,
) -> StoreResult<Vec<(String, String, NaiveDate)>> {
    let Some(column) = register.date_column() else {
        return Ok(Vec::new());
    };
    let sql = format!(
        "SELECT code, name, {column} FROM {} WHERE {column} IS NOT NULL AND {column} <= ?1
         ORDER BY {column}, position",
        register.table()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([day.format("%Y-%m-%d").to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let name: String = r.get(1)?;
        let date: String = r.get(2)?;
        let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
            StoreError::Corrupt(format!(
                "the {} {code} has an unreadable date",
                register.record_noun()
            ))
        })?;
        out.push((code, name, date));
    }
    Ok(out)
}

fn decode<T: DeserializeOwned>(register: Register, code: &str, body: &str) -> StoreResult<T> {
    serde_json::from_str(body).map_err(|e| {
        StoreError::Corrupt(format!(
            "the {} {code} is unreadable: {e}",
            register.record_noun()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn conn() -> Db {
        let mut c = Connection::open_in_memory().unwrap();
        super::super::migrations::all().to_latest(&mut c).unwrap();
        Db::new(c)
    }

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Thing {
        code: String,
        n: u32,
    }

    #[test]
    fn save_list_get_reorder_remove() {
        let c = conn();
        for (code, n) in [("b", 1), ("a", 2)] {
            let t = Thing {
                code: code.into(),
                n,
            };
            save(
                &c,
                Register::Vendors,
                &RegisterRow {
                    code,
                    name: code,
                    date: NaiveDate::from_ymd_opt(2026, 1, n),
                    record: &t,
                },
            )
            .unwrap();
        }
        let all: Vec<Thing> = list(&c, Register::Vendors).unwrap();
        assert_eq!(
            all.iter().map(|t| t.code.as_str()).collect::<Vec<_>>(),
            ["b", "a"]
        );
        let t = Thing {
            code: "b".into(),
            n: 9,
        };
        save(
            &c,
            Register::Vendors,
            &RegisterRow {
                code: "b",
                name: "b",
                date: None,
                record: &t,
            },
        )
        .unwrap();
        let got: Option<Thing> = get(&c, Register::Vendors, "b").unwrap();
        assert_eq!(got, Some(t));
        let due = due_on_or_before(
            &c,
            Register::Vendors,
            NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        )
        .unwrap();
        assert_eq!(due.len(), 1, "b's date was cleared, a's is due");
        reorder(&c, Register::Vendors, &["a", "b"]).unwrap();
        let all: Vec<Thing> = list(&c, Register::Vendors).unwrap();
        assert_eq!(all[0].code, "a");
        assert!(remove(&c, Register::Vendors, "a").unwrap());
        assert!(!remove(&c, Register::Vendors, "a").unwrap());
        assert_eq!(count(&c, Register::Vendors).unwrap(), 1);
        c.execute("UPDATE vendors SET body = '{' WHERE code = 'b'", [])
            .unwrap();
        let e = list::<Thing>(&c, Register::Vendors)
            .unwrap_err()
            .to_string();
        assert!(e.contains("vendor b"), "{e}");
    }
}
