//! A purpose's suppression list as CSV: one column, `email`, normalised (no white space,
//! lower-case), sorted and de-duplicated, each cell neutralised against spreadsheet formulas.
//! Who is on it is decided by [`domain::suppression`](crate::domain::suppression).
//!
//! Built for large stores: the ledger is read subject by subject without evidence (one
//! subject's events in memory at a time) inside one read snapshot, and only the emails of the
//! people who are suppressed are decrypted. Those emails are held (to sort them) in a buffer
//! that is zeroized when dropped.

use zeroize::Zeroizing;

use crate::crypto::normalise_email;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::consent::current_state;
use crate::domain::purpose::{Purpose, PurposeCode};
use crate::domain::suppression::suppresses;
use crate::jobs::Progress;
use crate::services::consent::children::ChildIndex;
use crate::services::{ServiceError, ServiceResult, neutralise_csv_cell};
use crate::store::{consent, status, subjects};

use super::{AtomicFile, DataExportKind, DataExportSummary, PERMISSION, checked_extension};

/// How many subjects are read between looks at the cancel flag.
const CHECK_EVERY: u64 = 1024;

impl super::Exports<'_> {
    /// Writes the suppression list of `purpose` to `out` (which must end in `.csv`): the emails
    /// that must not be used for it. The file appears whole or not at all, and one audit entry
    /// records the purpose and the number of emails. Cancelling through `progress` leaves no
    /// file.
    pub fn export_suppression(
        &mut self,
        purpose: &PurposeCode,
        out: &std::path::Path,
        progress: &Progress,
    ) -> ServiceResult<DataExportSummary> {
        self.require(PERMISSION)?;
        checked_extension(out, &["csv"])?;
        let purpose = self
            .consent()
            .purposes()?
            .into_iter()
            .map(|row| row.purpose)
            .find(|p| &p.code == purpose)
            .ok_or_else(|| {
                ServiceError::invalid(
                    "Purpose",
                    format!("there is no purpose {purpose}; `purpose list` shows them"),
                )
            })?;
        // Created first, so an unwritable folder is reported before the long read.
        let mut file = AtomicFile::create(out)?;
        let emails = self.suppressed_emails(&purpose, progress)?;
        let count = write_csv(&mut file, &emails)?;
        drop(emails);
        file.sync()?;
        self.record(
            AuditAction::PersonalDataExported,
            EntityRef::new("purpose", purpose.code.as_str()),
            format!(
                "{} list for {}: {count} emails as csv",
                DataExportKind::Suppression.code(),
                purpose.code
            ),
        )?;
        file.publish()?;
        Ok(DataExportSummary {
            path: out.to_owned(),
            kind: DataExportKind::Suppression,
            count,
        })
    }

    /// The normalised emails of everyone suppressed for `purpose`, sorted (duplicates kept).
    fn suppressed_emails(
        &self,
        purpose: &Purpose,
        progress: &Progress,
    ) -> ServiceResult<Zeroizing<Vec<String>>> {
        let conn = self.store.db();
        let snapshot = conn.snapshot()?;
        let total = status::counts(&snapshot)?.subjects.max(0) as u64;
        progress.set_total(total);
        let mut emails: Zeroizing<Vec<String>> = Zeroizing::new(Vec::new());
        let mut seen = 0u64;
        // GDPR Art. 8(1), Cal. Civ. Code § 1798.120(c): a child's consent nobody authorised
        // does not count (`domain::children`).
        let children = ChildIndex::load(&snapshot, &self.keys.field)?;
        let now = chrono::Utc::now();
        consent::for_each_subject_with_id(&snapshot, |id, events| -> ServiceResult<bool> {
            seen += 1;
            if seen.is_multiple_of(CHECK_EVERY) {
                progress.set_done(seen);
                if progress.is_cancelled() {
                    return Err(ServiceError::Cancelled);
                }
            }
            let state = current_state(purpose, events);
            let child = !children.is_empty()
                && state.permits_processing()
                && children.subject_fails(&snapshot, &self.keys.field, id, purpose, now)?;
            if (suppresses(&state) || child)
                && let Some(email) = subjects::email(&snapshot, &self.keys.field, id)?
            {
                let normal = normalise_email(&email);
                if !normal.is_empty() {
                    emails.push(normal);
                }
            }
            Ok(true)
        })?;
        // Restricted people (GDPR Art. 18) go on every list, whatever their consent says; people
        // whose objection stopped this purpose (Art. 21(1), (3)) go on its list.
        let mut listed = crate::store::rectification::restricted_ids(&snapshot)?;
        listed.extend(crate::store::objections::stopped_subjects(
            &snapshot,
            &purpose.code,
        )?);
        for id in listed {
            if let Some(email) = subjects::email(&snapshot, &self.keys.field, id)? {
                let normal = normalise_email(&email);
                if !normal.is_empty() {
                    emails.push(normal);
                }
            }
        }
        drop(snapshot);
        if progress.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        emails.sort_unstable();
        progress.set_done(total);
        Ok(emails)
    }
}

/// Writes the header and each distinct email; returns how many emails were written.
fn write_csv(file: &mut AtomicFile, sorted: &[String]) -> ServiceResult<u64> {
    let mut count = 0u64;
    let result = {
        let mut w = csv::Writer::from_writer(file.writer()?);
        let mut write = || -> Result<(), csv::Error> {
            w.write_record(["email"])?;
            let mut previous: Option<&str> = None;
            for email in sorted {
                if previous == Some(email.as_str()) {
                    continue;
                }
                previous = Some(email);
                w.write_record([neutralise_csv_cell(email).as_ref()])?;
                count += 1;
            }
            w.flush()?;
            Ok(())
        };
        write()
    };
    result.map_err(|e| file.error(&std::io::Error::other(e)))?;
    Ok(count)
}
