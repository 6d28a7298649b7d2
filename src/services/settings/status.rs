//! The store summary shown by `status` and on the Dashboard.

use serde::Serialize;

use std::path::PathBuf;

use crate::store::migrations::{self, LATEST_VERSION};
use crate::store::status::{Counts, counts};
use crate::store::{StoreReader, header};

use crate::services::ServiceResult;

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
    pub consent: std::collections::BTreeMap<String, crate::services::ConsentCounts>,
    /// Open data-subject requests.
    pub requests_open: u64,
    /// Open requests past their due date.
    pub requests_overdue: u64,
    /// Open requests due within the next seven days.
    pub requests_due_this_week: u64,
    /// Open requests waiting for the person's identity or clarification.
    pub requests_waiting: u64,
    /// People erased (erasure records kept).
    pub erasures: i64,
    /// The retention sweep schedule.
    pub sweep: crate::services::SweepSchedule,
    /// Legal holds in force today.
    pub legal_holds: u64,
    /// Vendor reviews due within 30 days or overdue, earliest first.
    pub vendor_reviews_due: Vec<crate::services::VendorDue>,
    /// The security register: measures to review, trainings to renew, incidents' 72-hour
    /// clocks.
    pub security: crate::services::SecurityStatus,
    /// Privacy impact assessments: drafts, in review, decided, overdue measures.
    pub assessments: crate::services::AssessmentCounts,
}

/// Builds the summary from any connection to the store (the session's, or a reader's on a
/// worker thread: the consent counts read the whole ledger).
fn status_on(
    conn: &crate::store::Db,
    path: &std::path::Path,
    field_key: &crate::crypto::SecretKey,
) -> ServiceResult<StoreStatus> {
    let header = header::read(conn)?;
    let counts = counts(conn)?;
    let requests = crate::services::request_counts_on(conn, chrono::Local::now().date_naive())?;
    Ok(StoreStatus {
        path: path.display().to_string(),
        schema_version: migrations::version(conn)?,
        supported_schema_version: LATEST_VERSION,
        file_bytes: std::fs::metadata(path).map_or(0, |m| m.len()),
        created_at: header.created_at,
        kdf_memory_kib: header.kdf.memory_kib,
        kdf_iterations: header.kdf.iterations,
        seal_count: header.seal_count,
        subjects: counts.subjects,
        counts,
        consent: crate::services::consent::consent_counts_on(conn)?,
        requests_open: requests.open,
        requests_overdue: requests.overdue,
        requests_due_this_week: requests.due_this_week,
        requests_waiting: requests.waiting,
        erasures: crate::store::erasure::count(conn)?,
        sweep: crate::services::schedule_on(conn, chrono::Local::now().date_naive())?,
        legal_holds: crate::store::holds::in_force(conn, chrono::Local::now().date_naive())?.len()
            as u64,
        vendor_reviews_due: crate::services::vendor_reviews_due_on(
            conn,
            chrono::Local::now().date_naive(),
        )?,
        security: crate::services::security_status_on(
            conn,
            field_key,
            chrono::Local::now().date_naive(),
            chrono::Utc::now(),
        )?,
        assessments: crate::services::assessment_counts_on(
            conn,
            field_key,
            chrono::Local::now().date_naive(),
        )?,
    })
}

/// Computes the summary on another thread.
pub struct StatusReader {
    reader: StoreReader,
    path: PathBuf,
    keys: std::sync::Arc<crate::crypto::VaultKeys>,
}

impl StatusReader {
    /// The store summary, read in one transaction: a write committed meanwhile (an import
    /// or a sweep applied by the window) shows wholly or not at all.
    pub fn status(&self) -> ServiceResult<StoreStatus> {
        let snapshot = self.reader.db().snapshot()?;
        status_on(&snapshot, &self.path, &self.keys.field)
    }

    /// The summary and the Dashboard's figures (first steps, what needs the officer today, the
    /// charts), read in one transaction.
    pub fn dashboard(
        &self,
    ) -> ServiceResult<(StoreStatus, crate::domain::dashboard::DashboardFigures)> {
        let snapshot = self.reader.db().snapshot()?;
        let status = status_on(&snapshot, &self.path, &self.keys.field)?;
        let figures = super::dashboard::dashboard_figures_on(
            &snapshot,
            &self.keys.field,
            chrono::Local::now().date_naive(),
            chrono::Utc::now(),
        )?;
        Ok((status, figures))
    }
}

impl super::Settings<'_> {
    /// The store summary. It holds no personal data, so every role may read it.
    pub fn status(&self) -> ServiceResult<StoreStatus> {
        status_on(self.store.db(), self.store.path(), &self.keys.field)
    }

    /// A reader that builds the summary on a worker thread (the Dashboard).
    pub fn status_reader(&self) -> ServiceResult<StatusReader> {
        Ok(StatusReader {
            reader: self.store.reader()?,
            path: self.store.path().to_owned(),
            keys: std::sync::Arc::clone(self.keys),
        })
    }
}
