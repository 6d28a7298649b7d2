//! Exports of personal data: suppression lists per purpose ([`suppression`]), consent
//! receipts per subject ([`receipt`]) and the review queue for a re-permission campaign
//! ([`repermission`]).
//!
//! Every export needs [`Permission::ExportPersonalData`] (assistants and auditors may not),
//! writes one audit entry — the kind of export, the purpose or subject id and a count, never an
//! email, a name or the output path — and appears whole or not at all: the file is written to
//! `<out>.partial`, synced, the audit entry committed, and only then renamed into place. An
//! error at any step removes the partial file, so no export exists without its audit entry.

pub(in crate::services) mod csv_cell;

mod access;
mod assessment;
mod calendar;
mod evidence;
mod letter;
mod policy;
mod pseudonymised;
mod receipt;
mod repermission;
mod ropa;
mod suppression;

/// The export area of a session (see [`crate::services::front`]).
pub type Exports<'s> = crate::services::front::Front<'s, crate::services::front::area::Exports>;

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::domain::access::Permission;

use super::{ServiceError, ServiceResult};

pub use access::AccessPackage;
pub use assessment::{ACTION_PLAN_COLUMNS, AssessmentExportFormat, action_plan_csv};
pub use evidence::{BundleSummary, MANIFEST_FORMAT as EVIDENCE_MANIFEST_FORMAT};
pub use pseudonymised::{
    PreparedPseudonymised, PseudonymReader, PseudonymisedSpec, PseudonymisedSummary,
};
pub use receipt::ReceiptFormat;

/// What kind of personal data an export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DataExportKind {
    /// A purpose's suppression list (CSV of emails).
    Suppression,
    /// One subject's consent receipt (JSON or HTML).
    Receipt,
    /// The review queue, for a re-permission campaign (CSV).
    Repermission,
}

impl DataExportKind {
    /// Stable code, as written in the audit trail.
    pub fn code(self) -> &'static str {
        match self {
            Self::Suppression => "suppression",
            Self::Receipt => "receipt",
            Self::Repermission => "repermission",
        }
    }
}

/// What an export of personal data wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DataExportSummary {
    /// The file written.
    pub path: PathBuf,
    /// The kind of export.
    pub kind: DataExportKind,
    /// Emails written (suppression list) or purposes shown (receipt).
    pub count: u64,
}

/// The permission every export of personal data needs.
const PERMISSION: Permission = Permission::ExportPersonalData;

/// The lower-case extension of `path`, checked against `allowed`; the error names the file
/// and the extensions it may have.
pub(in crate::services) fn checked_extension(
    path: &Path,
    allowed: &[&'static str],
) -> ServiceResult<&'static str> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    allowed
        .iter()
        .copied()
        .find(|a| ext.as_deref() == Some(*a))
        .ok_or_else(|| {
            let mut list: Vec<String> = allowed.iter().map(|a| format!(".{a}")).collect();
            let last = list.pop().unwrap_or_default();
            let list = if list.is_empty() {
                last
            } else {
                format!("{} or {last}", list.join(", "))
            };
            ServiceError::invalid(
                "Export file",
                format!(
                    "{} must end in {list}, which decides the format.",
                    path.display()
                ),
            )
        })
}

/// An output file written beside its target (`<target>.partial`) and renamed into place by
/// [`AtomicFile::publish`]. Dropped before that, it removes the partial file.
pub(in crate::services) struct AtomicFile {
    target: PathBuf,
    partial: PathBuf,
    out: Option<BufWriter<File>>,
    published: bool,
}

impl AtomicFile {
    /// Creates `<target>.partial`.
    pub(in crate::services) fn create(target: &Path) -> ServiceResult<Self> {
        if target.is_dir() {
            return Err(ServiceError::Output {
                path: target.to_owned(),
                reason: "it is a folder; give a file name".into(),
            });
        }
        let mut name = target.as_os_str().to_owned();
        name.push(".partial");
        let partial = PathBuf::from(name);
        let file = crate::private_fs::create(&partial).map_err(|e| output_error(target, &e))?;
        Ok(Self {
            target: target.to_owned(),
            partial,
            out: Some(BufWriter::new(file)),
            published: false,
        })
    }

    /// The writer; an error once [`AtomicFile::sync`] has closed it.
    pub(in crate::services) fn writer(&mut self) -> ServiceResult<&mut BufWriter<File>> {
        let target = &self.target;
        self.out.as_mut().ok_or_else(|| ServiceError::Output {
            path: target.clone(),
            reason: "the file was already closed".into(),
        })
    }

    /// The error for a failed write to this file.
    pub(in crate::services) fn error(&self, e: &std::io::Error) -> ServiceError {
        output_error(&self.target, e)
    }

    /// Flushes, syncs and closes the partial file, so the rename publishes complete bytes.
    pub(in crate::services) fn sync(&mut self) -> ServiceResult<()> {
        let Some(out) = self.out.take() else {
            return Ok(());
        };
        let file = out
            .into_inner()
            .map_err(|e| output_error(&self.target, e.error()))?;
        file.sync_all().map_err(|e| self.error(&e))
    }

    /// Syncs (if not yet done) and renames the partial file to the target.
    pub(in crate::services) fn publish(mut self) -> ServiceResult<()> {
        self.sync()?;
        std::fs::rename(&self.partial, &self.target).map_err(|e| self.error(&e))?;
        self.published = true;
        sync_parent(&self.target);
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.published {
            drop(self.out.take());
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}

/// Makes the rename durable where the platform allows syncing a folder (best effort).
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(dir) = File::open(parent)
    {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn output_error(path: &Path, e: &std::io::Error) -> ServiceError {
    ServiceError::Output {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}

/// Writes all of `bytes` to the file.
pub(in crate::services) fn write_all(file: &mut AtomicFile, bytes: &[u8]) -> ServiceResult<()> {
    let result = file.writer()?.write_all(bytes);
    result.map_err(|e| file.error(&e))
}
