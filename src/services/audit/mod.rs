//! The audit trail at the service level: browse, verify the chain, export it (CSV or JSON,
//! with the chain head so a truncated copy shows).
//!
//! Verification and export run on an [`AuditReader`] (its own read-only connection and a share
//! of the keys), so the GUI can run them on a worker thread with progress and Cancel.

mod integrity;

pub use integrity::UnlockCheck;

/// The audit area of a session (see [`crate::services::front`]).
pub type Audit<'s> = crate::services::front::Front<'s, crate::services::front::area::Audit>;

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;
use serde::Serialize;

use crate::crypto::VaultKeys;
use crate::domain::access::{Permission, Role};
use crate::domain::audit::{
    AuditAction, AuditEntry, ChainVerifier, EntityRef, VerifyReport, format_time, to_hex,
};
use crate::jobs::Progress;
use crate::store::audit_log::{self, AuditFilter};
use crate::store::{StoreReader, header, integrity as row_integrity};

use super::{ServiceError, ServiceResult, neutralise_csv_cell};

/// The file formats of an audit export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditExportFormat {
    /// Comma-separated values, one entry a row, the chain head as the last row.
    Csv,
    /// A JSON document with the head and every entry.
    Json,
}

impl AuditExportFormat {
    /// The format for a file name's extension (`.csv` or `.json`).
    pub fn from_path(path: &Path) -> ServiceResult<Self> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(Self::Csv),
            Some("json") => Ok(Self::Json),
            _ => Err(ServiceError::invalid(
                "Export file",
                format!(
                    "{} must end in .csv or .json, which decides the format.",
                    path.display()
                ),
            )),
        }
    }
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    /// The file written.
    pub path: PathBuf,
    /// Entries written.
    pub entries: u64,
    /// The chain head at the time of export.
    pub head_seq: i64,
}

/// Read-only access to the audit trail for a worker thread.
pub struct AuditReader {
    reader: StoreReader,
    keys: Arc<VaultKeys>,
    role: Role,
}

#[derive(Serialize)]
struct JsonHead<'a> {
    format: &'static str,
    exported_at: String,
    head: JsonChainHead,
    filter: JsonFilter<'a>,
}

#[derive(Serialize)]
struct JsonChainHead {
    seq: i64,
    mac: String,
}

#[derive(Serialize)]
struct JsonFilter<'a> {
    action: Option<&'a str>,
    entity_kind: Option<&'a str>,
    actor: Option<&'a str>,
    from: Option<&'a str>,
    until: Option<&'a str>,
    text: Option<&'a str>,
}

const CSV_COLUMNS: [&str; 11] = [
    "seq",
    "at",
    "actor",
    "via",
    "action",
    "action_label",
    "entity_kind",
    "entity_id",
    "details",
    "prev_mac",
    "mac",
];

impl AuditReader {
    /// Verifies the whole chain against the head in the header, then every protected row
    /// against its integrity tag, inside one read snapshot.
    pub fn verify(&self, progress: &Progress) -> ServiceResult<VerifyReport> {
        let conn = self.reader.db();
        let tx = conn.snapshot()?;
        let (head_seq, head_mac) = header::audit_head(&tx)?;
        let entries = head_seq.max(0) as u64;
        progress.set_total(entries + row_integrity::count_rows(&tx)?);
        let mut verifier = ChainVerifier::new(&self.keys.audit);
        let mut seen = 0u64;
        let mut cancelled = false;
        audit_log::for_each(&tx, &AuditFilter::default(), |e| {
            seen += 1;
            if seen.is_multiple_of(1024) {
                progress.set_done(seen);
                if progress.is_cancelled() {
                    cancelled = true;
                    return false;
                }
            }
            verifier.push(e)
        })?;
        if cancelled {
            return Err(ServiceError::Cancelled);
        }
        progress.set_done(seen);
        let mut report = verifier.finish(head_seq, &head_mac);
        let rows = row_integrity::verify_all(&tx, &self.keys.row_mac, &mut |done| {
            progress.set_done(entries + done);
            !progress.is_cancelled()
        })?;
        if !rows.complete {
            return Err(ServiceError::Cancelled);
        }
        report.rows_checked = rows.checked;
        report.changed_rows = rows.changed;
        Ok(report)
    }

    /// Writes the entries matching `filter` to `path` (format from the extension). The file
    /// appears whole or not at all: it is written beside the target and renamed.
    pub fn export(
        &self,
        path: &Path,
        filter: &AuditFilter,
        progress: &Progress,
    ) -> ServiceResult<ExportSummary> {
        if !self.role.can(Permission::ExportAuditLog) {
            return Err(ServiceError::NotPermitted(
                Permission::ExportAuditLog.why_not(self.role),
            ));
        }
        let format = AuditExportFormat::from_path(path)?;
        let partial = partial_path(path);
        let out_err = |e: std::io::Error| ServiceError::Output {
            path: path.to_owned(),
            reason: e.to_string(),
        };
        let file = crate::private_fs::create(&partial).map_err(out_err)?;
        let result = self.write_export(BufWriter::new(file), format, filter, progress);
        match result {
            Ok((entries, head_seq)) => {
                std::fs::rename(&partial, path).map_err(|e| {
                    let _ = std::fs::remove_file(&partial);
                    out_err(e)
                })?;
                Ok(ExportSummary {
                    path: path.to_owned(),
                    entries,
                    head_seq,
                })
            }
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                Err(match e {
                    ServiceError::Output { reason, .. } => ServiceError::Output {
                        path: path.to_owned(),
                        reason,
                    },
                    other => other,
                })
            }
        }
    }

    fn write_export(
        &self,
        out: BufWriter<File>,
        format: AuditExportFormat,
        filter: &AuditFilter,
        progress: &Progress,
    ) -> ServiceResult<(u64, i64)> {
        let conn = self.reader.db();
        let tx = conn.snapshot()?;
        let (head_seq, head_mac) = header::audit_head(&tx)?;
        progress.set_total(audit_log::count(&tx, filter)?.max(0) as u64);
        let exported_at = format_time(Utc::now());
        let mut sink = match format {
            AuditExportFormat::Csv => Sink::Csv(Box::new(csv::Writer::from_writer(out))),
            AuditExportFormat::Json => Sink::Json { out, first: true },
        };
        sink.begin(&exported_at, head_seq, &head_mac, filter)
            .map_err(io_error)?;
        let mut written = 0u64;
        let mut failure: Option<ServiceError> = None;
        audit_log::for_each(&tx, filter, |e| {
            if let Err(err) = sink.entry(e) {
                failure = Some(io_error(err));
                return false;
            }
            written += 1;
            if written.is_multiple_of(1024) {
                progress.set_done(written);
                if progress.is_cancelled() {
                    failure = Some(ServiceError::Cancelled);
                    return false;
                }
            }
            true
        })?;
        if let Some(f) = failure {
            return Err(f);
        }
        sink.finish(&exported_at, head_seq, &head_mac)
            .map_err(io_error)?;
        progress.set_done(written);
        Ok((written, head_seq))
    }
}

/// A write failure; `export` puts the real path in.
fn io_error(e: std::io::Error) -> ServiceError {
    ServiceError::Output {
        path: PathBuf::new(),
        reason: e.to_string(),
    }
}

/// Where exported entries go, per format.
enum Sink {
    Csv(Box<csv::Writer<BufWriter<File>>>),
    Json { out: BufWriter<File>, first: bool },
}

fn csv_io(e: csv::Error) -> std::io::Error {
    std::io::Error::other(e)
}

impl Sink {
    fn begin(
        &mut self,
        exported_at: &str,
        head_seq: i64,
        head_mac: &[u8],
        filter: &AuditFilter,
    ) -> std::io::Result<()> {
        match self {
            Sink::Csv(w) => w.write_record(CSV_COLUMNS).map_err(csv_io),
            Sink::Json { out, .. } => {
                let head = JsonHead {
                    format: "privacy-desk-audit-export/1",
                    exported_at: exported_at.to_owned(),
                    head: JsonChainHead {
                        seq: head_seq,
                        mac: to_hex(head_mac),
                    },
                    filter: JsonFilter {
                        action: filter.action.as_deref(),
                        entity_kind: filter.entity_kind.as_deref(),
                        actor: filter.actor.as_deref(),
                        from: filter.from.as_deref(),
                        until: filter.until.as_deref(),
                        text: filter.text.as_deref(),
                    },
                };
                let text = serde_json::to_string_pretty(&head).map_err(std::io::Error::other)?;
                // Leave the object open so the entries can be streamed after the head.
                let open = text
                    .trim_end()
                    .strip_suffix('}')
                    .unwrap_or(&text)
                    .trim_end();
                write!(out, "{open},\n  \"entries\": [")
            }
        }
    }

    fn entry(&mut self, e: &AuditEntry) -> std::io::Result<()> {
        match self {
            Sink::Csv(w) => {
                let seq = e.seq.to_string();
                let prev = to_hex(&e.prev_mac);
                let mac = to_hex(&e.mac);
                let cells = [
                    seq.as_str(),
                    &e.at,
                    &e.actor,
                    &e.via,
                    &e.action,
                    e.action_label(),
                    &e.entity_kind,
                    &e.entity_id,
                    &e.details,
                    &prev,
                    &mac,
                ];
                w.write_record(cells.iter().map(|c| neutralise_csv_cell(c).into_owned()))
                    .map_err(csv_io)
            }
            Sink::Json { out, first } => {
                out.write_all(if *first { b"\n    " } else { b",\n    " })?;
                *first = false;
                serde_json::to_writer(&mut *out, e).map_err(std::io::Error::other)
            }
        }
    }

    fn finish(self, exported_at: &str, head_seq: i64, head_mac: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Csv(w) => {
                let mut w = *w;
                let head_seq = head_seq.to_string();
                let mac = to_hex(head_mac);
                let details = format!("chain head at export: entry {head_seq}");
                w.write_record([
                    "HEAD",
                    exported_at,
                    "",
                    "",
                    "audit.head",
                    "Chain head at export",
                    "audit_log",
                    &head_seq,
                    &details,
                    "",
                    &mac,
                ])
                .map_err(csv_io)?;
                let out = w
                    .into_inner()
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
                sync(out)
            }
            Sink::Json { mut out, .. } => {
                out.write_all(b"\n  ]\n}\n")?;
                sync(out)
            }
        }
    }
}

/// Flushes and syncs the file so the rename that follows publishes complete bytes.
fn sync(out: BufWriter<File>) -> std::io::Result<()> {
    out.into_inner().map_err(|e| e.into_error())?.sync_all()
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

impl Audit<'_> {
    /// A reader for verifying or exporting on another thread.
    pub fn audit_reader(&self) -> ServiceResult<AuditReader> {
        self.require(Permission::ViewAuditLog)?;
        Ok(AuditReader {
            reader: self.store.reader()?,
            keys: Arc::clone(self.keys),
            role: self.user.role,
        })
    }

    /// How many entries match `filter`.
    pub fn audit_count(&self, filter: &AuditFilter) -> ServiceResult<i64> {
        self.require(Permission::ViewAuditLog)?;
        Ok(audit_log::count(self.store.db(), filter)?)
    }

    /// A page of matching entries, newest first.
    pub fn audit_page(
        &self,
        filter: &AuditFilter,
        offset: i64,
        limit: i64,
    ) -> ServiceResult<Vec<AuditEntry>> {
        self.require(Permission::ViewAuditLog)?;
        Ok(audit_log::page(self.store.db(), filter, offset, limit)?)
    }

    /// The actors that appear in the log.
    pub fn audit_actors(&self) -> ServiceResult<Vec<String>> {
        self.require(Permission::ViewAuditLog)?;
        Ok(audit_log::actors(self.store.db())?)
    }

    /// The audit chain's head: the number of the last entry and its MAC (hex), as the store's
    /// header records it.
    pub fn audit_chain_head(&self) -> ServiceResult<(i64, String)> {
        self.require(Permission::ViewAuditLog)?;
        let (seq, mac) = header::audit_head(self.store.db())?;
        Ok((seq, to_hex(&mac)))
    }

    /// Verifies the chain on this thread.
    pub fn verify_audit(&self) -> ServiceResult<VerifyReport> {
        self.audit_reader()?.verify(&Progress::default())
    }

    /// Exports on this thread, then records the export in the trail.
    pub fn export_audit(
        &mut self,
        path: &Path,
        filter: &AuditFilter,
    ) -> ServiceResult<ExportSummary> {
        let summary = self
            .audit_reader()?
            .export(path, filter, &Progress::default())?;
        self.record_audit_export(&summary)?;
        Ok(summary)
    }

    /// Records that an export was written (the file's kind and entry count, not its path,
    /// which may name a person's folder).
    pub fn record_audit_export(&mut self, summary: &ExportSummary) -> ServiceResult<()> {
        self.require(Permission::ExportAuditLog)?;
        let kind = summary
            .path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("file")
            .to_ascii_lowercase();
        self.record(
            AuditAction::AuditExported,
            EntityRef::new("audit_log", ""),
            format!(
                "{} entries as {kind}, head {}",
                summary.entries, summary.head_seq
            ),
        )
    }
}
