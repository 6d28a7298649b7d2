//! The purpose catalogue and its versioned notices.

use chrono::Utc;
use rusqlite::{OptionalExtension, params};

use crate::domain::purpose::{LegalBasis, Notice, Purpose, PurposeCode};

use super::{Db, StoreError, StoreResult};
pub use crate::domain::purpose::PurposeRow;

fn corrupt(code: &str, what: &str) -> StoreError {
    StoreError::Corrupt(format!("purpose {code} has an unreadable {what}"))
}

/// Every purpose, by code.
pub fn list(conn: &Db) -> StoreResult<Vec<PurposeRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.code, p.name, p.description, p.legal_basis, p.data_categories,
                p.ccpa_sale_or_share,
                (SELECT COALESCE(MAX(version), 0) FROM notices n WHERE n.purpose_code = p.code)
         FROM purposes p ORDER BY p.code",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let basis: String = r.get(3)?;
        let categories: String = r.get(4)?;
        out.push(PurposeRow {
            purpose: Purpose {
                code: PurposeCode::parse(&code).map_err(|_| corrupt(&code, "code"))?,
                name: r.get(1)?,
                description: r.get(2)?,
                legal_basis: LegalBasis::from_code(&basis)
                    .ok_or_else(|| corrupt(&code, "legal basis"))?,
                data_categories: serde_json::from_str(&categories)
                    .map_err(|_| corrupt(&code, "list of data categories"))?,
                ccpa_sale_or_share: r.get(5)?,
            },
            current_notice: r.get(6)?,
        });
    }
    Ok(out)
}

/// Adds a purpose with notice version 1; refuses an existing code.
pub fn insert(conn: &Db, purpose: &Purpose, notice: &str) -> StoreResult<()> {
    let now = Utc::now().to_rfc3339();
    let inserted = conn.execute(
        "INSERT INTO purposes (code, name, description, legal_basis, data_categories,
             ccpa_sale_or_share, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
         ON CONFLICT (code) DO NOTHING",
        params![
            purpose.code.as_str(),
            purpose.name,
            purpose.description,
            purpose.legal_basis.code(),
            serde_json::to_string(&purpose.data_categories).unwrap_or_else(|_| "[]".into()),
            purpose.ccpa_sale_or_share,
            now
        ],
    )?;
    if inserted == 0 {
        return Err(StoreError::Conflict(format!(
            "A purpose with the code {} already exists; choose another code.",
            purpose.code
        )));
    }
    publish_notice(conn, &purpose.code, notice)?;
    Ok(())
}

/// Changes a purpose's fields (its code never changes).
pub fn update(conn: &Db, purpose: &Purpose) -> StoreResult<()> {
    let changed = conn.execute(
        "UPDATE purposes SET name = ?2, description = ?3, legal_basis = ?4, data_categories = ?5,
             ccpa_sale_or_share = ?6, updated_at = ?7
         WHERE code = ?1",
        params![
            purpose.code.as_str(),
            purpose.name,
            purpose.description,
            purpose.legal_basis.code(),
            serde_json::to_string(&purpose.data_categories).unwrap_or_else(|_| "[]".into()),
            purpose.ccpa_sale_or_share,
            Utc::now().to_rfc3339()
        ],
    )?;
    if changed == 0 {
        return Err(StoreError::Conflict(format!(
            "There is no purpose {}.",
            purpose.code
        )));
    }
    Ok(())
}

/// Publishes a new notice version; returns its number. Old versions stay.
pub fn publish_notice(conn: &Db, code: &PurposeCode, text: &str) -> StoreResult<u32> {
    let version: u32 = conn.query_row(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM notices WHERE purpose_code = ?1",
        [code.as_str()],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO notices (purpose_code, version, text, published_at) VALUES (?1, ?2, ?3, ?4)",
        params![code.as_str(), version, text, Utc::now().to_rfc3339()],
    )?;
    Ok(version)
}

/// Every notice version of a purpose, oldest first.
pub fn notices(conn: &Db, code: &PurposeCode) -> StoreResult<Vec<Notice>> {
    let mut stmt = conn.prepare(
        "SELECT version, text, published_at FROM notices WHERE purpose_code = ?1 ORDER BY version",
    )?;
    let rows = stmt.query_map([code.as_str()], |r| {
        Ok(Notice {
            purpose: code.clone(),
            version: r.get(0)?,
            text: r.get(1)?,
            published_at: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether a purpose exists.
pub fn exists(conn: &Db, code: &PurposeCode) -> StoreResult<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM purposes WHERE code = ?1",
            [code.as_str()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// How many purposes there are.
pub fn count(conn: &Db) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM purposes", [], |r| r.get(0))?)
}
