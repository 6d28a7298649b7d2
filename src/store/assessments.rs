//! Privacy impact assessments (tables `assessments`, `assessment_versions`,
//! `assessment_templates`). The current version of each assessment is one sealed JSON document
//! beside a few plain columns (title, template code, status, version number, times) for the
//! list; each decided version is frozen in `assessment_versions`, which triggers keep
//! append-only. Templates the officer added or copied are kept as their TOML text.
//!
//! A frozen version's body is sealed for the record `(assessment id, version)`, so a body moved
//! to another version's row fails to open.

use chrono::Utc;
use rusqlite::{OptionalExtension, Row, params};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::crypto::SecretKey;
use crate::domain::assessment::{Assessment, AssessmentStatus};

use super::security::uuid;
use super::{Db, Sealed, StoreError, StoreResult, Write, open_text};

const TABLE: &str = "assessments";
const VERSIONS: &str = "assessment_versions";

/// One row of the list: the plain columns only, nothing opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentRow {
    /// The assessment's id.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// The template code.
    pub template: String,
    /// Its status.
    pub status: AssessmentStatus,
    /// The current version number.
    pub version: u32,
    /// When it was started (RFC 3339).
    pub created_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
}

/// A decided version, as frozen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrozenVersion {
    /// The version number.
    pub version: u32,
    /// The decision.
    pub status: AssessmentStatus,
    /// When it was frozen (RFC 3339).
    pub frozen_at: String,
    /// The user who recorded the decision.
    pub frozen_by: String,
    /// The assessment as decided.
    pub assessment: Assessment,
}

/// A template the officer added or copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredTemplate {
    /// Its code.
    pub code: String,
    /// Its TOML text.
    pub source: String,
    /// When it was added (RFC 3339).
    pub added_at: String,
    /// Who added it.
    pub added_by: String,
}

/// The record a frozen body is sealed for: the assessment's id with the version mixed into its
/// last four bytes.
pub(super) fn version_record(id: Uuid, version: u32) -> Uuid {
    let mut bytes = *id.as_bytes();
    for (b, v) in bytes[12..].iter_mut().zip(version.to_be_bytes()) {
        *b ^= v;
    }
    Uuid::from_bytes(bytes)
}

fn to_json(a: &Assessment) -> StoreResult<Zeroizing<String>> {
    serde_json::to_string(a)
        .map(Zeroizing::new)
        .map_err(|e| StoreError::Corrupt(format!("an assessment could not be written: {e}")))
}

fn from_json(json: &str, id: Uuid) -> StoreResult<Assessment> {
    serde_json::from_str(json)
        .map_err(|_| StoreError::Corrupt(format!("assessment {id} is unreadable")))
}

fn status(code: &str) -> StoreResult<AssessmentStatus> {
    AssessmentStatus::from_code(code)
        .ok_or_else(|| StoreError::Corrupt(format!("an assessment has an unknown status {code:?}")))
}

/// Adds a new assessment.
pub fn insert(w: &mut Write<'_>, key: &SecretKey, a: &Assessment) -> StoreResult<()> {
    let sealed = w.seal_text(key, TABLE, "body", a.id, &to_json(a)?)?;
    w.execute(
        "INSERT INTO assessments (id, title, template, status, version, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            a.id.as_bytes().as_slice(),
            a.title,
            a.template,
            a.status.code(),
            a.version,
            sealed,
            a.created_at.to_rfc3339(),
            a.updated_at.to_rfc3339()
        ],
    )?;
    Ok(())
}

/// Replaces the current version of an assessment; returns whether it exists.
pub fn update(w: &mut Write<'_>, key: &SecretKey, a: &Assessment) -> StoreResult<bool> {
    let sealed = w.seal_text(key, TABLE, "body", a.id, &to_json(a)?)?;
    Ok(w.execute(
        "UPDATE assessments SET title = ?2, template = ?3, status = ?4, version = ?5, body = ?6,
             updated_at = ?7
         WHERE id = ?1",
        params![
            a.id.as_bytes().as_slice(),
            a.title,
            a.template,
            a.status.code(),
            a.version,
            sealed,
            a.updated_at.to_rfc3339()
        ],
    )? > 0)
}

fn row(r: &Row<'_>) -> StoreResult<AssessmentRow> {
    Ok(AssessmentRow {
        id: uuid(&r.get::<_, Vec<u8>>(0)?, "an assessment")?,
        title: r.get(1)?,
        template: r.get(2)?,
        status: status(&r.get::<_, String>(3)?)?,
        version: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
    })
}

/// Every assessment's plain columns, most recently changed first.
pub fn list(conn: &Db) -> StoreResult<Vec<AssessmentRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, title, template, status, version, created_at, updated_at
         FROM assessments ORDER BY updated_at DESC, seq DESC",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(row(r)?);
    }
    Ok(out)
}

/// The current version of the assessment with `id`, if any (opened).
pub fn get(conn: &Db, key: &SecretKey, id: Uuid) -> StoreResult<Option<Assessment>> {
    let sealed: Option<Sealed> = conn
        .query_row(
            "SELECT body FROM assessments WHERE id = ?1",
            [id.as_bytes().as_slice()],
            |r| r.get(0),
        )
        .optional()?;
    sealed
        .map(|s| from_json(&open_text(key, TABLE, "body", id, &s)?, id))
        .transpose()
}

/// Every assessment's current version, opened (the list's progress and the overdue measures
/// need them; a small business has a few dozen).
pub fn all(conn: &Db, key: &SecretKey) -> StoreResult<Vec<Assessment>> {
    let mut stmt = conn.prepare("SELECT id, body FROM assessments ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id = uuid(&r.get::<_, Vec<u8>>(0)?, "an assessment")?;
        let json = open_text(key, TABLE, "body", id, &r.get::<_, Sealed>(1)?)?;
        out.push(from_json(&json, id)?);
    }
    Ok(out)
}

/// Whether an assessment with `id` exists.
pub fn exists(conn: &Db, id: Uuid) -> StoreResult<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM assessments WHERE id = ?1",
            [id.as_bytes().as_slice()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The ids whose hexadecimal form (without dashes) starts with `hex_prefix` (lower case).
pub fn ids_with_prefix(conn: &Db, hex_prefix: &str) -> StoreResult<Vec<Uuid>> {
    let mut stmt = conn.prepare("SELECT id FROM assessments WHERE lower(hex(id)) LIKE ?1")?;
    let pattern = format!("{}%", hex_prefix.replace(['%', '_'], ""));
    let mut rows = stmt.query([pattern])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(uuid(&r.get::<_, Vec<u8>>(0)?, "an assessment")?);
    }
    Ok(out)
}

/// How many assessments have each status code.
pub fn count_by_status(conn: &Db) -> StoreResult<Vec<(String, i64)>> {
    let mut stmt = conn.prepare("SELECT status, count(*) FROM assessments GROUP BY status")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Freezes a decided version (the assessment as given, its version number and status).
pub fn freeze(w: &mut Write<'_>, key: &SecretKey, a: &Assessment, by: &str) -> StoreResult<()> {
    insert_version(w, key, a, &Utc::now().to_rfc3339(), by)
}

/// Writes a frozen version with its original time and signer (an import).
pub fn insert_version(
    w: &mut Write<'_>,
    key: &SecretKey,
    a: &Assessment,
    frozen_at: &str,
    by: &str,
) -> StoreResult<()> {
    let record = version_record(a.id, a.version);
    let sealed = w.seal_text(key, VERSIONS, "body", record, &to_json(a)?)?;
    w.execute(
        "INSERT INTO assessment_versions (assessment_id, version, status, frozen_at, frozen_by, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            a.id.as_bytes().as_slice(),
            a.version,
            a.status.code(),
            frozen_at,
            by,
            sealed
        ],
    )?;
    Ok(())
}

fn frozen(key: &SecretKey, id: Uuid, r: &Row<'_>) -> StoreResult<FrozenVersion> {
    let version: u32 = r.get(0)?;
    let json = open_text(
        key,
        VERSIONS,
        "body",
        version_record(id, version),
        &r.get::<_, Sealed>(4)?,
    )?;
    Ok(FrozenVersion {
        version,
        status: status(&r.get::<_, String>(1)?)?,
        frozen_at: r.get(2)?,
        frozen_by: r.get(3)?,
        assessment: from_json(&json, id)?,
    })
}

/// The frozen versions of an assessment, oldest first.
pub fn versions(conn: &Db, key: &SecretKey, id: Uuid) -> StoreResult<Vec<FrozenVersion>> {
    let mut stmt = conn.prepare(
        "SELECT version, status, frozen_at, frozen_by, body FROM assessment_versions
         WHERE assessment_id = ?1 ORDER BY version",
    )?;
    let mut rows = stmt.query([id.as_bytes().as_slice()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(frozen(key, id, r)?);
    }
    Ok(out)
}

/// One frozen version, if it exists.
pub fn version(
    conn: &Db,
    key: &SecretKey,
    id: Uuid,
    version: u32,
) -> StoreResult<Option<FrozenVersion>> {
    let mut stmt = conn.prepare(
        "SELECT version, status, frozen_at, frozen_by, body FROM assessment_versions
         WHERE assessment_id = ?1 AND version = ?2",
    )?;
    let mut rows = stmt.query(params![id.as_bytes().as_slice(), version])?;
    match rows.next()? {
        Some(r) => Ok(Some(frozen(key, id, r)?)),
        None => Ok(None),
    }
}

/// The templates the officer added or copied, by code.
pub fn templates(conn: &Db) -> StoreResult<Vec<StoredTemplate>> {
    let mut stmt = conn.prepare(
        "SELECT code, source, added_at, added_by FROM assessment_templates ORDER BY code",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(StoredTemplate {
            code: r.get(0)?,
            source: r.get(1)?,
            added_at: r.get(2)?,
            added_by: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds a template's text.
pub fn insert_template(conn: &Db, code: &str, source: &str, by: &str) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO assessment_templates (code, source, added_at, added_by) VALUES (?1, ?2, ?3, ?4)",
        params![code, source, Utc::now().to_rfc3339(), by],
    )?;
    Ok(())
}

/// Replaces a stored template's text; returns whether it exists.
pub fn update_template(conn: &Db, code: &str, source: &str) -> StoreResult<bool> {
    Ok(conn.execute(
        "UPDATE assessment_templates SET source = ?2 WHERE code = ?1",
        params![code, source],
    )? > 0)
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

    #[test]
    fn frozen_versions_cannot_change_or_go() {
        let c = conn();
        c.execute_batch(
            "INSERT INTO assessments (id, title, template, status, version, body, created_at, updated_at)
             VALUES (x'01', 't', 'general-dpia', 'validated', 1, x'00', 'a', 'a');
             INSERT INTO assessment_versions (assessment_id, version, status, frozen_at, frozen_by, body)
             VALUES (x'01', 1, 'validated', 'a', 'owner', x'00');",
        )
        .unwrap();
        let e = c
            .execute("UPDATE assessment_versions SET status = 'rejected'", [])
            .unwrap_err();
        assert!(e.to_string().contains("frozen"), "{e}");
        let e = c
            .execute("DELETE FROM assessment_versions", [])
            .unwrap_err();
        assert!(e.to_string().contains("kept"), "{e}");
    }

    #[test]
    fn each_version_has_its_own_record() {
        let id = Uuid::new_v4();
        assert_ne!(version_record(id, 1), version_record(id, 2));
        assert_eq!(version_record(id, 0), id);
    }
}
