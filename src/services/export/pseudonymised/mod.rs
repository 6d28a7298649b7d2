//! Pseudonymised exports (GDPR Art. 4(5)): chosen fields of every subject and their consent,
//! for a vendor or for analysis, as CSV. Identifiers (email, name, phone, customer reference,
//! subject id) are replaced by a keyed pseudonym — one key per recipient, made on the first
//! export to them and kept sealed in the store — so the same person has the same pseudonym in
//! every export to one recipient and unrelated ones across recipients, and only this app can
//! trace a pseudonym back ([`Session::reidentify`]). Dates are coarsened, free text (notes,
//! evidence, request details) never leaves, restricted people (Art. 18) are left out.
//!
//! Before anything is published the k-anonymity over the chosen quasi-identifiers is computed;
//! under the threshold the export is refused unless the spec accepts it explicitly. The long
//! read runs on a [`PseudonymReader`] (a read-only connection, for a worker thread); the audit
//! entry `export.pseudonymised` (recipient, fields, rows, k — no personal data), the new key if
//! any and the file's publication happen together in [`Session::finish_pseudonymised`].

mod scan;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use uuid::Uuid;

use crate::crypto::{PseudonymKey, VaultKeys, normalise_pseudonym};
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::pseudonymise::{DateGranularity, ExportField, KReport, recipient_key};
use crate::domain::subject::Subject;
use crate::jobs::Progress;
use crate::services::{ServiceError, ServiceResult, neutralise_csv_cell};
use crate::store::pseudonym_keys::{self, RecipientRow};
use crate::store::{StoreError, StoreReader, subjects};

use super::{AtomicFile, PERMISSION, checked_extension};
use scan::{Plan, scan};

/// What to export, to whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PseudonymisedSpec {
    /// Who receives it (a vendor, "analysis"); trimmed and lower-cased it names the key.
    pub recipient: String,
    /// The columns; the pseudonym is always the first, listed or not.
    pub fields: Vec<ExportField>,
    /// The quasi-identifiers k is computed over (`None`: every chosen field but the pseudonym).
    pub quasi: Option<Vec<ExportField>>,
    /// How finely dates are written.
    pub dates: DateGranularity,
    /// The k under which the export is refused unless accepted.
    pub k_threshold: u32,
    /// Write the file even when k is under the threshold.
    pub accept_low_k: bool,
}

/// What a pseudonymised export wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PseudonymisedSummary {
    /// The file written.
    pub path: PathBuf,
    /// The recipient, trimmed and lower-cased.
    pub recipient: String,
    /// Whether this was the first export to them (their key was made now).
    pub new_recipient: bool,
    /// The field codes written, in column order.
    pub fields: Vec<String>,
    /// The quasi-identifier codes k was computed over.
    pub quasi: Vec<String>,
    /// Rows written.
    pub rows: u64,
    /// Restricted people left out (GDPR Art. 18).
    pub restricted_left_out: u64,
    /// The k-anonymity figure.
    pub k: KReport,
}

/// An export written to its partial file on a worker thread, waiting for
/// [`Session::finish_pseudonymised`] to record it and move it into place. Dropped instead, it
/// removes the partial file and keeps no key.
pub struct PreparedPseudonymised {
    file: AtomicFile,
    new_key: Option<PseudonymKey>,
    summary: PseudonymisedSummary,
    dates: DateGranularity,
}

impl PreparedPseudonymised {
    /// What will be recorded.
    pub fn summary(&self) -> &PseudonymisedSummary {
        &self.summary
    }
}

/// Reads for pseudonymised exports on a read-only connection (a worker thread): the k figure,
/// the file, and the lookup of a pseudonym.
pub struct PseudonymReader {
    reader: StoreReader,
    keys: Arc<VaultKeys>,
}

impl PseudonymReader {
    /// The k-anonymity the export of `spec` would have; writes nothing and needs no key.
    pub fn k_anonymity(
        &self,
        spec: &PseudonymisedSpec,
        progress: &Progress,
    ) -> ServiceResult<KReport> {
        let conn = self.reader.db();
        let plan = Plan::new(conn, spec)?;
        let scanned = scan(conn, &self.keys.field, &plan, None, progress, |_| Ok(()))?;
        Ok(scanned.k.report(spec.k_threshold))
    }

    /// Writes the export of `spec` to `<out>.partial` (`out` must end in `.csv`). Under the
    /// k threshold without `accept_low_k` it is refused and the partial file removed.
    pub fn write(
        &self,
        spec: &PseudonymisedSpec,
        out: &Path,
        progress: &Progress,
    ) -> ServiceResult<PreparedPseudonymised> {
        let recipient =
            recipient_key(&spec.recipient).map_err(|m| ServiceError::invalid("Recipient", m))?;
        checked_extension(out, &["csv"])?;
        let conn = self.reader.db();
        let plan = Plan::new(conn, spec)?;
        let existing = pseudonym_keys::get(conn, &self.keys.field, &recipient)?;
        let (key, is_new) = match existing {
            Some(key) => (key, false),
            None => (PseudonymKey::random().map_err(StoreError::from)?, true),
        };
        let mut file = AtomicFile::create(out)?;
        let header: Vec<String> = plan.fields.iter().map(ExportField::code).collect();
        let scanned = {
            let mut w = csv::Writer::from_writer(file.writer()?);
            let csv_error = |e: csv::Error| ServiceError::Output {
                path: out.to_owned(),
                reason: e.to_string(),
            };
            w.write_record(&header).map_err(csv_error)?;
            let scanned = scan(
                conn,
                &self.keys.field,
                &plan,
                Some(&key),
                progress,
                |cells| {
                    for c in cells {
                        w.write_field(neutralise_csv_cell(c).as_bytes())
                            .map_err(csv_error)?;
                    }
                    w.write_record(None::<&[u8]>).map_err(csv_error)
                },
            )?;
            w.flush().map_err(|e| file_error(out, &e))?;
            scanned
        };
        let k = scanned.k.report(spec.k_threshold);
        if !k.meets_threshold() && !spec.accept_low_k {
            return Err(low_k(&k));
        }
        Ok(PreparedPseudonymised {
            file,
            new_key: is_new.then_some(key),
            summary: PseudonymisedSummary {
                path: out.to_owned(),
                recipient,
                new_recipient: is_new,
                fields: header,
                quasi: plan.quasi_fields().iter().map(ExportField::code).collect(),
                rows: scanned.rows,
                restricted_left_out: scanned.restricted,
                k,
            },
            dates: spec.dates,
        })
    }

    /// The subject whose pseudonym for `recipient` is `pseudonym`: every subject id is keyed
    /// and compared (nothing is decrypted but the recipient's key). `None` when nobody has it
    /// or no export was ever made to the recipient.
    pub fn find(
        &self,
        recipient: &str,
        pseudonym: &str,
        progress: &Progress,
    ) -> ServiceResult<Option<Uuid>> {
        let recipient =
            recipient_key(recipient).map_err(|m| ServiceError::invalid("Recipient", m))?;
        let wanted = normalise_pseudonym(pseudonym);
        if wanted.is_empty() {
            return Err(ServiceError::invalid(
                "Pseudonym",
                "paste the pseudonym from the exported file (it starts with p)",
            ));
        }
        let conn = self.reader.db();
        let Some(key) = pseudonym_keys::get(conn, &self.keys.field, &recipient)? else {
            return Ok(None);
        };
        let ids = subjects::ids_in_recorded_order(conn)?;
        progress.set_total(ids.len() as u64);
        for (i, id) in ids.iter().enumerate() {
            if i.is_multiple_of(4096) {
                progress.set_done(i as u64);
                if progress.is_cancelled() {
                    return Err(ServiceError::Cancelled);
                }
            }
            if key.pseudonym(id.as_bytes()) == wanted {
                progress.set_done(ids.len() as u64);
                return Ok(Some(*id));
            }
        }
        progress.set_done(ids.len() as u64);
        Ok(None)
    }

    /// The recipients that have received an export, by name.
    pub fn recipients(&self) -> ServiceResult<Vec<RecipientRow>> {
        Ok(pseudonym_keys::list(self.reader.db())?)
    }
}

/// The refusal under the k threshold, with the figure.
fn low_k(k: &KReport) -> ServiceError {
    ServiceError::invalid(
        "k-anonymity",
        format!(
            "{} That is under the threshold of {}, so nothing was exported. Choose fewer quasi-identifiers or coarser dates, or accept the low figure explicitly (--accept-low-k on the command line, \"Export anyway\" in the window).",
            k.describe(),
            k.threshold
        ),
    )
}

fn file_error(out: &Path, e: &std::io::Error) -> ServiceError {
    ServiceError::Output {
        path: out.to_owned(),
        reason: e.to_string(),
    }
}

impl super::Exports<'_> {
    /// A reader for pseudonymised exports, to run on a worker thread.
    pub fn pseudonym_reader(&self) -> ServiceResult<PseudonymReader> {
        self.require(PERMISSION)?;
        Ok(PseudonymReader {
            reader: self.store.reader()?,
            keys: Arc::clone(self.keys),
        })
    }

    /// Records a prepared export — its audit entry and, for a new recipient, their key, in one
    /// transaction — then moves the file into place.
    pub fn finish_pseudonymised(
        &mut self,
        prepared: PreparedPseudonymised,
    ) -> ServiceResult<PseudonymisedSummary> {
        self.require(PERMISSION)?;
        let PreparedPseudonymised {
            mut file,
            new_key,
            summary,
            dates,
        } = prepared;
        file.sync()?;
        let k = &summary.k;
        let accepted = if k.meets_threshold() {
            ""
        } else {
            ", accepted below the threshold"
        };
        let details = format!(
            "fields {}; quasi-identifiers {}; dates by {}; {} rows ({} restricted left out); k = {} (threshold {}{accepted}); {} rows in groups under the threshold{}",
            summary.fields.join(","),
            if summary.quasi.is_empty() {
                "none".to_owned()
            } else {
                summary.quasi.join(",")
            },
            dates.code(),
            summary.rows,
            summary.restricted_left_out,
            k.k,
            k.threshold,
            k.rows_below,
            if new_key.is_some() {
                "; new recipient key"
            } else {
                ""
            }
        );
        let entry = self.entry(
            AuditAction::PseudonymisedExported,
            EntityRef::new("recipient", summary.recipient.clone()),
            details,
        );
        let mut w = self.store.write()?;
        if let Some(key) = &new_key {
            pseudonym_keys::insert(
                &mut w,
                &self.keys.field,
                &summary.recipient,
                key,
                &self.user.name,
            )?;
        }
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        file.publish()?;
        Ok(summary)
    }

    /// Writes the pseudonymised export of `spec` to `out` (`.csv`) and records it: the command
    /// line's way, all on this thread.
    pub fn export_pseudonymised(
        &mut self,
        spec: &PseudonymisedSpec,
        out: &Path,
        progress: &Progress,
    ) -> ServiceResult<PseudonymisedSummary> {
        let prepared = self.pseudonym_reader()?.write(spec, out, progress)?;
        self.finish_pseudonymised(prepared)
    }

    /// The subject behind `pseudonym` in the exports to `recipient`, opened; the lookup is
    /// audited (`export.reidentified`, the subject's id and the recipient).
    pub fn reidentify(
        &mut self,
        recipient: &str,
        pseudonym: &str,
        progress: &Progress,
    ) -> ServiceResult<Option<Subject>> {
        match self
            .pseudonym_reader()?
            .find(recipient, pseudonym, progress)?
        {
            Some(id) => self.reidentified(recipient, id),
            None => Ok(None),
        }
    }

    /// Opens the subject a [`PseudonymReader::find`] found for `recipient` and audits it.
    pub fn reidentified(&mut self, recipient: &str, id: Uuid) -> ServiceResult<Option<Subject>> {
        self.require(PERMISSION)?;
        let recipient =
            recipient_key(recipient).map_err(|m| ServiceError::invalid("Recipient", m))?;
        let Some(subject) = subjects::get(self.store.db(), &self.keys.field, id)? else {
            return Ok(None);
        };
        self.record(
            AuditAction::PseudonymReidentified,
            EntityRef::new("subject", id.to_string()),
            format!("pseudonym of an export to recipient {recipient}"),
        )?;
        Ok(Some(subject))
    }

    /// The recipients that have received a pseudonymised export.
    pub fn pseudonym_recipients(&self) -> ServiceResult<Vec<RecipientRow>> {
        self.require(PERMISSION)?;
        Ok(pseudonym_keys::list(self.store.db())?)
    }
}
