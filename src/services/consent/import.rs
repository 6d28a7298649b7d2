//! Importing consent from a CSV file (a Mailchimp audience export or a generic file).
//!
//! The file is streamed twice, so a million rows never sit in memory: the first pass checks
//! every row and notes, per email (its 16-byte blind index) and purpose, the last row that
//! mentions it; the second pass applies the rows that won, in one write transaction with one
//! audit entry (counts, preset and file kind only — never a name, an address or the file's
//! path). All or nothing by default: one invalid row and nothing is written, the error listing
//! each problem as `file:line: column: problem`. With `skip_invalid` the valid rows are
//! imported and the others are written with a `reason` column beside the input.
//!
//! An existing subject is found by the blind index of their normalised email; otherwise one is
//! created. Events already in the ledger (same subject, purpose, kind and time) are not added
//! again, so importing the same file twice changes nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;
use csv::StringRecord;
use serde::Serialize;
use uuid::Uuid;

use crate::crypto::EmailIndex;
use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef, NewAuditEntry};
use crate::domain::import::{
    Catalogue, Columns, ImportErrors, ImportRow, Mapping, Preset, RowContext,
};
use crate::domain::subject::SubjectDraft;
use crate::jobs::Progress;
use crate::store::{consent, purposes, subjects, undeliverable};

use crate::services::consent::import_file::{CsvSource, RejectedFile, file_error, width_problem};
use crate::services::{ServiceError, ServiceResult};

/// Rows between progress updates and cancel checks.
const PROGRESS_EVERY: u64 = 1000;

/// How to import a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// How the columns are read.
    pub preset: Preset,
    /// The purpose for rows without their own (`--purpose`); required for Mailchimp.
    pub purpose: Option<String>,
    /// A column mapping for the generic preset: a TOML file, one saved in the store by name,
    /// or one given whole (the window's mapping editor).
    pub mapping: Option<MappingSource>,
    /// Import the valid rows and write the others to `<stem>.rejected.csv` beside the input.
    pub skip_invalid: bool,
}

/// Where an import's column mapping comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MappingSource {
    /// A TOML file (`--mapping FILE`).
    File(PathBuf),
    /// A mapping saved in the store under this name (`--saved-mapping NAME`, the window).
    Saved(String),
    /// A mapping given whole (the window's editor).
    Given(Mapping),
}

impl From<PathBuf> for MappingSource {
    fn from(path: PathBuf) -> Self {
        Self::File(path)
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The kind of file: `generic`, `mailchimp subscribed`, …
    pub file_kind: String,
    /// Data rows in the file (the header not counted).
    pub rows_read: u64,
    /// Rows left out as invalid (only with `skip_invalid`).
    pub rows_rejected: u64,
    /// Valid rows left out because a later row of the file names the same email and purpose.
    pub rows_superseded: u64,
    /// Subjects created.
    pub subjects_created: u64,
    /// Rows whose email matched a subject already in the store.
    pub subjects_matched: u64,
    /// Consent events appended to the ledger.
    pub events_recorded: u64,
    /// Events skipped because the ledger already held them (a file imported again).
    pub events_already_recorded: u64,
    /// Addresses newly marked undeliverable.
    pub marked_undeliverable: u64,
    /// Rows naming an email erased earlier (an erasure record matches): not imported.
    pub rows_previously_erased: u64,
    /// Things worth knowing that did not stop the import (ignored columns).
    pub warnings: Vec<String>,
    /// The file of rejected rows, when one was written.
    pub rejected_file: Option<PathBuf>,
}

/// Per (email blind index, purpose): the last data row that names it.
type Winner = ([u8; 16], u16, u32);

/// What the first pass learnt.
struct Checked {
    winners: Vec<Winner>,
    rows: u64,
    errors: ImportErrors,
    rejected: Option<RejectedFile>,
}

impl super::Consent<'_> {
    /// Imports consent from the CSV file at `path` (see the module documentation), reporting
    /// progress and stopping, with nothing changed, when `progress` is cancelled.
    pub fn import_consent(
        &mut self,
        path: &Path,
        options: &ImportOptions,
        progress: &Progress,
    ) -> ServiceResult<ImportReport> {
        self.require(Permission::RecordConsent)?;
        self.require(Permission::RecordSubjects)?;
        let name = path.display().to_string();
        let catalogue = Catalogue::new(
            purposes::list(self.store.db())?
                .into_iter()
                .map(|p| (p.purpose.code, p.current_notice)),
        );
        let default_purpose = match options.purpose.as_deref() {
            Some(code) => Some(
                catalogue
                    .find(code)
                    .map_err(|m| ServiceError::invalid("Purpose", m))?,
            ),
            None => None,
        };
        let mapping = self.read_mapping(options)?;
        let mut source = CsvSource::open(path, &name)?;
        let (columns, warnings) =
            Columns::from_header(options.preset, &source.header(), mapping.as_ref()).map_err(
                |problems| {
                    let mut errors = ImportErrors::new(&name);
                    for p in &problems {
                        errors.push(1, &p.column, &p.message);
                    }
                    ServiceError::Import(Box::new(errors))
                },
            )?;
        if default_purpose.is_none() && !columns.has_purpose_column() {
            return Err(ServiceError::invalid(
                "Purpose",
                match options.preset {
                    Preset::Mailchimp => "give --purpose: the purpose this Mailchimp audience consented to (`purpose list` shows the codes)".to_owned(),
                    Preset::Generic => "give --purpose; it may be left out only when the file has a purpose column filled in every row".to_owned(),
                },
            ));
        }
        let ctx = RowContext {
            now: Utc::now(),
            purpose: default_purpose,
            catalogue: &catalogue,
        };
        progress.set_total(0);
        let checked = self.check_rows(&mut source, &columns, &ctx, path, options, progress)?;
        if !checked.errors.is_empty() && !options.skip_invalid {
            return Err(ServiceError::Import(Box::new(checked.errors)));
        }
        if checked.rows == 0 {
            if let Some(r) = checked.rejected {
                r.discard();
            }
            return Err(file_error(
                &name,
                0,
                "",
                "the file has a header but no rows to import",
            ));
        }
        let mut report = ImportReport {
            file_kind: columns.kind(),
            rows_read: checked.rows,
            rows_rejected: checked.errors.invalid_rows,
            warnings,
            ..ImportReport::default()
        };
        let applied = self.apply_rows(
            path,
            &name,
            &columns,
            &ctx,
            &checked.winners,
            options.preset,
            &mut report,
            progress,
        );
        match (applied, checked.rejected) {
            (Ok(()), Some(r)) => {
                report.rejected_file = Some(r.finish()?);
                Ok(report)
            }
            (Ok(()), None) => Ok(report),
            (Err(e), rejected) => {
                if let Some(r) = rejected {
                    r.discard();
                }
                Err(e)
            }
        }
    }

    pub(in crate::services) fn read_mapping(
        &self,
        options: &ImportOptions,
    ) -> ServiceResult<Option<Mapping>> {
        let Some(source) = &options.mapping else {
            return Ok(None);
        };
        if options.preset != Preset::Generic {
            return Err(ServiceError::invalid(
                "Mapping",
                "a column mapping applies to the generic preset only",
            ));
        }
        match source {
            MappingSource::File(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    ServiceError::invalid(
                        "Mapping",
                        format!("{}: cannot be read: {e}", path.display()),
                    )
                })?;
                Mapping::parse(&text, &path.display().to_string())
                    .map(Some)
                    .map_err(|m| ServiceError::invalid("Mapping", m))
            }
            MappingSource::Saved(name) => Ok(Some(self.import_mapping(name)?.mapping)),
            MappingSource::Given(mapping) => Ok(Some(mapping.clone())),
        }
    }

    /// First pass: checks every row, keeps the winners and the problems (and writes the
    /// rejected rows when asked).
    fn check_rows(
        &self,
        source: &mut CsvSource,
        columns: &Columns,
        ctx: &RowContext<'_>,
        path: &Path,
        options: &ImportOptions,
        progress: &Progress,
    ) -> ServiceResult<Checked> {
        let mut checked = Checked {
            winners: Vec::new(),
            rows: 0,
            errors: ImportErrors::new(&path.display().to_string()),
            rejected: None,
        };
        let result = self.check_into(source, columns, ctx, path, options, progress, &mut checked);
        if let Err(e) = result {
            if let Some(r) = checked.rejected.take() {
                r.discard();
            }
            return Err(e);
        }
        // Latest row first within each (email, purpose), then keep only that one.
        checked
            .winners
            .sort_unstable_by(|a, b| (a.0, a.1, b.2).cmp(&(b.0, b.1, a.2)));
        checked
            .winners
            .dedup_by(|next, kept| (next.0, next.1) == (kept.0, kept.1));
        checked.winners.shrink_to_fit();
        Ok(checked)
    }

    #[allow(clippy::too_many_arguments)]
    fn check_into(
        &self,
        source: &mut CsvSource,
        columns: &Columns,
        ctx: &RowContext<'_>,
        path: &Path,
        options: &ImportOptions,
        progress: &Progress,
        checked: &mut Checked,
    ) -> ServiceResult<()> {
        let width = source.width();
        let mut record = StringRecord::new();
        loop {
            if checked.rows.is_multiple_of(PROGRESS_EVERY) {
                progress.set_done(checked.rows);
                if progress.is_cancelled() {
                    return Err(ServiceError::Cancelled);
                }
            }
            if !source.next(&mut record)? {
                break;
            }
            let row_number = checked.rows;
            checked.rows += 1;
            let line = source.line_of(&record);
            let outcome = match width_problem(&record, width) {
                Some(problem) => Err(vec![problem]),
                None => {
                    let cells: Vec<&str> = record.iter().collect();
                    columns.row(&cells, ctx)
                }
            };
            match outcome {
                Ok(row) => {
                    let index = EmailIndex::of(&self.keys.email_index, &row.email);
                    checked
                        .winners
                        .push((index.0, row.purpose as u16, row_number as u32));
                }
                Err(problems) => {
                    checked.errors.push_row(line, &problems);
                    if options.skip_invalid {
                        if checked.rejected.is_none() {
                            checked.rejected = Some(RejectedFile::create(path, &source.header())?);
                        }
                        if let Some(r) = checked.rejected.as_mut() {
                            r.push(&record, line, &problems)?;
                        }
                    }
                }
            }
        }
        progress.set_done(checked.rows);
        Ok(())
    }

    /// Second pass: applies the winning rows in one transaction with one audit entry.
    #[allow(clippy::too_many_arguments)]
    fn apply_rows(
        &mut self,
        path: &Path,
        name: &str,
        columns: &Columns,
        ctx: &RowContext<'_>,
        winners: &[Winner],
        preset: Preset,
        report: &mut ImportReport,
        progress: &Progress,
    ) -> ServiceResult<()> {
        let keys = Arc::clone(self.keys);
        let recorded_by = self.user.name.clone();
        let via = self.via;
        let mut source = CsvSource::open(path, name)?;
        let width = source.width();
        progress.set_total(report.rows_read * 2);
        let import_id = Uuid::new_v4();
        let mut w = self.store.write()?;
        let erased = crate::store::erasure::all_indexes(&w)?;
        let mut record = StringRecord::new();
        let mut row_number: u64 = 0;
        while source.next(&mut record)? {
            if row_number.is_multiple_of(PROGRESS_EVERY) {
                progress.set_done(report.rows_read + row_number);
                if progress.is_cancelled() {
                    return Err(ServiceError::Cancelled);
                }
            }
            let this_row = row_number;
            row_number += 1;
            if width_problem(&record, width).is_some() {
                continue;
            }
            let cells: Vec<&str> = record.iter().collect();
            let Ok(row) = columns.row(&cells, ctx) else {
                continue;
            };
            let index = EmailIndex::of(&keys.email_index, &row.email);
            let won = winners
                .binary_search_by(|x| (x.0, x.1).cmp(&(index.0, row.purpose as u16)))
                .is_ok_and(|at| u64::from(winners[at].2) == this_row);
            if !won {
                report.rows_superseded += 1;
                continue;
            }
            if !erased.is_empty() && erased.contains(index.0.as_slice()) {
                report.rows_previously_erased += 1;
                continue;
            }
            apply_row(&mut w, &keys, &recorded_by, &row, report)?;
        }
        if row_number != report.rows_read {
            return Err(file_error(
                name,
                0,
                "",
                "the file changed while it was being imported; nothing was imported, try again",
            ));
        }
        if report.rows_previously_erased > 0 {
            report.warnings.push(format!(
                "{} row(s) name people who were erased earlier (an erasure record matches their email); they were not imported. Their data must not be collected again: remove them from the source list.",
                report.rows_previously_erased
            ));
        }
        progress.set_done(report.rows_read * 2);
        if progress.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        let entry = NewAuditEntry {
            actor: recorded_by,
            via: via.code().to_owned(),
            action: AuditAction::ConsentImported,
            entity: EntityRef::new("import", import_id.to_string()),
            details: audit_details(preset, report),
        };
        w.append_audit(&keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }
}

/// Applies one row: finds or creates the subject, appends the events the ledger lacks, marks
/// an undeliverable address.
fn apply_row(
    w: &mut crate::store::Write<'_>,
    keys: &crate::crypto::VaultKeys,
    recorded_by: &str,
    row: &ImportRow,
    report: &mut ImportReport,
) -> ServiceResult<()> {
    let found = subjects::find_by_email(w, &keys.field, &keys.email_index, &row.email)?;
    let subject = match found.first() {
        Some(s) => {
            report.subjects_matched += 1;
            s.id
        }
        None => {
            let id = Uuid::new_v4();
            let draft = SubjectDraft {
                email: row.email.clone(),
                name: row.name.clone(),
                phone: row.phone.clone(),
                ..SubjectDraft::default()
            };
            match row.recorded_at {
                Some(at) => subjects::insert_at(w, &keys.field, &keys.email_index, id, &draft, at)?,
                None => subjects::insert(w, &keys.field, &keys.email_index, id, &draft)?,
            }
            report.subjects_created += 1;
            id
        }
    };
    for event in &row.events {
        if consent::contains(w, subject, event)? {
            report.events_already_recorded += 1;
            continue;
        }
        let mut event = event.clone();
        event.recorded_by = recorded_by.to_owned();
        consent::append(w, &keys.field, subject, Uuid::new_v4(), &event)?;
        report.events_recorded += 1;
    }
    if let Some(day) = row.customer_since {
        crate::store::retention_facts::note_customer_since(w, subject, day)?;
    }
    if let Some(at) = row.undeliverable_at
        && undeliverable::set(w, subject, at)?
    {
        report.marked_undeliverable += 1;
    }
    Ok(())
}

/// The audit entry's details: counts, preset and file kind — nothing about anyone.
fn audit_details(preset: Preset, r: &ImportReport) -> String {
    format!(
        "preset {}, {} file; {} rows read, {} rejected, {} superseded; {} subjects created, {} matched; {} events recorded, {} already recorded; {} marked undeliverable; {} previously erased",
        preset.code(),
        r.file_kind,
        r.rows_read,
        r.rows_rejected,
        r.rows_superseded,
        r.subjects_created,
        r.subjects_matched,
        r.events_recorded,
        r.events_already_recorded,
        r.marked_undeliverable,
        r.rows_previously_erased
    )
}
