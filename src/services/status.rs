//! The store summary shown by `status` and on the Dashboard.

use serde::Serialize;

use crate::store::migrations::LATEST_VERSION;
use crate::store::status::{Counts, counts};

use super::{ServiceResult, Session};

/// A summary of the store: where it is, its format, and how much it holds.
#[derive(Clone, Debug, Serialize)]
pub struct StoreStatus {
    /// The store file.
    pub path: String,
    /// The schema version of the file.
    pub schema_version: i64,
    /// The newest schema this build knows.
    pub supported_schema_version: i64,
    /// Size of the store file in bytes (without the WAL).
    pub file_bytes: u64,
    /// When the store was created.
    pub created_at: String,
    /// Argon2id memory in KiB.
    pub kdf_memory_kib: u32,
    /// Argon2id passes.
    pub kdf_iterations: u32,
    /// Fields sealed under the current field key.
    pub seal_count: i64,
    /// Counts per area.
    pub counts: Counts,
    /// Data subjects.
    pub subjects: i64,
    /// People per consent state, per purpose code.
    pub consent: std::collections::BTreeMap<String, super::ConsentCounts>,
}

impl Session {
    /// The store summary. It holds no personal data, so every role may read it.
    pub fn status(&self) -> ServiceResult<StoreStatus> {
        let header = self.store.header()?;
        let counts = counts(self.store.conn())?;
        Ok(StoreStatus {
            path: self.store.path().display().to_string(),
            schema_version: self.store.schema_version()?,
            supported_schema_version: LATEST_VERSION,
            file_bytes: std::fs::metadata(self.store.path()).map_or(0, |m| m.len()),
            created_at: header.created_at,
            kdf_memory_kib: header.kdf.memory_kib,
            kdf_iterations: header.kdf.iterations,
            seal_count: header.seal_count,
            counts: counts.clone(),
            subjects: counts.subjects,
            consent: self.consent_counts()?,
        })
    }
}
