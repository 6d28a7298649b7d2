//! One pass over the register for a pseudonymised export: every subject (restricted ones left
//! out), merged with their consent ledger, turned into the cells of the chosen fields, counted
//! for k-anonymity and handed to the writer one row at a time.
//!
//! Built for a million subjects: the subjects are read in id order with only the sealed columns
//! a field needs opened (the email for its domain, the tags), the ledger is streamed in the same
//! order without evidence, and nothing but the current row and the k-anonymity digests is held.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use crate::crypto::{PseudonymKey, SecretKey};
use crate::domain::consent::{ConsentEvent, current_state};
use crate::domain::pseudonymise::{
    DateGranularity, ExportField, KAnonymity, default_quasi, email_domain,
};
use crate::domain::purpose::Purpose;
use crate::jobs::Progress;
use crate::services::{ServiceError, ServiceResult};
use crate::store::export_rows::{self, ExportColumns, ExportSubject, SubjectsById};
use crate::store::{consent, purposes, rectification, requests, subjects};

use super::PseudonymisedSpec;

/// How many subjects are read between looks at the cancel flag.
const CHECK_EVERY: u64 = 1024;

/// A checked spec, resolved against the store: the purposes of consent fields found in the
/// catalogue, the quasi-identifiers as column positions.
pub(super) struct Plan {
    /// The columns, pseudonym first.
    pub fields: Vec<ExportField>,
    /// Positions of the quasi-identifiers in `fields`.
    pub quasi: Vec<usize>,
    /// Date granularity.
    pub dates: DateGranularity,
    /// The purpose of each consent field (`None` for the others).
    purposes: Vec<Option<Purpose>>,
}

impl Plan {
    /// Checks `spec` and finds its purposes in the catalogue read from `conn` (the recipient is
    /// not needed for the k figure, so it is checked where the file is written).
    pub fn new(conn: &crate::store::Db, spec: &PseudonymisedSpec) -> ServiceResult<Self> {
        if spec.k_threshold == 0 {
            return Err(ServiceError::invalid(
                "Threshold k",
                "k must be at least 1 (the default is 5)",
            ));
        }
        let mut fields = vec![ExportField::Pseudonym];
        for f in &spec.fields {
            if !fields.contains(f) {
                fields.push(f.clone());
            }
        }
        let quasi_fields = match &spec.quasi {
            Some(q) => q.clone(),
            None => default_quasi(&fields),
        };
        let mut quasi = Vec::with_capacity(quasi_fields.len());
        for q in &quasi_fields {
            if *q == ExportField::Pseudonym {
                return Err(ServiceError::invalid(
                    "Quasi-identifiers",
                    "the pseudonym is unique to each row, so it cannot be a quasi-identifier; leave it out",
                ));
            }
            let at = fields.iter().position(|f| f == q).ok_or_else(|| {
                ServiceError::invalid(
                    "Quasi-identifiers",
                    format!(
                        "{} is not among the exported fields; a quasi-identifier must be one of them",
                        q.code()
                    ),
                )
            })?;
            if !quasi.contains(&at) {
                quasi.push(at);
            }
        }
        let catalogue = purposes::list(conn)?;
        let mut resolved = Vec::with_capacity(fields.len());
        for f in &fields {
            resolved.push(match f.purpose() {
                None => None,
                Some(code) => Some(
                    catalogue
                        .iter()
                        .find(|row| &row.purpose.code == code)
                        .map(|row| row.purpose.clone())
                        .ok_or_else(|| {
                            ServiceError::invalid(
                                "Fields",
                                format!(
                                    "{}: there is no purpose {code}; `purpose list` shows them",
                                    f.code()
                                ),
                            )
                        })?,
                ),
            });
        }
        Ok(Self {
            fields,
            quasi,
            dates: spec.dates,
            purposes: resolved,
        })
    }

    /// The quasi-identifier fields, in order.
    pub fn quasi_fields(&self) -> Vec<ExportField> {
        self.quasi.iter().map(|&i| self.fields[i].clone()).collect()
    }

    fn columns(&self) -> ExportColumns {
        ExportColumns {
            email: self.fields.contains(&ExportField::EmailDomain),
            tags: self.fields.contains(&ExportField::Tags),
        }
    }

    fn needs_ledger(&self) -> bool {
        self.purposes.iter().any(Option::is_some)
    }

    /// Fills `out` with the cells of one subject.
    fn cells(
        &self,
        key: Option<&PseudonymKey>,
        s: &ExportSubject,
        events: &[ConsentEvent],
        requests: &HashMap<Uuid, u32>,
        out: &mut Vec<String>,
    ) {
        out.clear();
        for (field, purpose) in self.fields.iter().zip(&self.purposes) {
            let state = purpose.as_ref().map(|p| current_state(p, events));
            out.push(match field {
                ExportField::Pseudonym => key
                    .map(|k| k.pseudonym(s.id.as_bytes()))
                    .unwrap_or_default(),
                ExportField::EmailDomain => email_domain(&s.email),
                ExportField::Created => self.dates.coarsen(s.created_at.date_naive()),
                ExportField::Tags => s.tags.as_str().to_owned(),
                ExportField::Requests => requests.get(&s.id).copied().unwrap_or(0).to_string(),
                ExportField::Consent(_) => state.map(|s| s.code()).unwrap_or_default().to_owned(),
                ExportField::ConsentSince(_) => state
                    .and_then(|s| s.since())
                    .map(|t| self.dates.coarsen(t.date_naive()))
                    .unwrap_or_default(),
            });
        }
    }
}

/// What a pass found.
pub(super) struct Scanned {
    /// Rows handed to the writer.
    pub rows: u64,
    /// Restricted subjects left out (GDPR Art. 18).
    pub restricted: u64,
    /// The k-anonymity count over the plan's quasi-identifiers.
    pub k: KAnonymity,
}

/// Reads every subject in one snapshot of `conn` and hands each row's cells to `emit`.
/// Without `key` the pseudonym cells are empty (enough for the k figure). Cancellable through
/// `progress`, which counts the subjects read.
pub(super) fn scan(
    conn: &crate::store::Db,
    field_key: &SecretKey,
    plan: &Plan,
    key: Option<&PseudonymKey>,
    progress: &Progress,
    mut emit: impl FnMut(&[String]) -> ServiceResult<()>,
) -> ServiceResult<Scanned> {
    let snapshot = conn.snapshot()?;
    progress.set_total(subjects::count(&snapshot)?.max(0) as u64);
    // Processing of a restricted person is limited to storage (GDPR Art. 18(2)): no export.
    let restricted: HashSet<Uuid> = rectification::restricted_ids(&snapshot)?;
    let requests = if plan.fields.contains(&ExportField::Requests) {
        request_counts(&snapshot)?
    } else {
        HashMap::new()
    };
    let mut out = Scanned {
        rows: 0,
        restricted: 0,
        k: KAnonymity::new(),
    };
    let mut seen = 0u64;
    let mut cells: Vec<String> = Vec::with_capacity(plan.fields.len());
    let mut row = |s: &ExportSubject, events: &[ConsentEvent]| -> ServiceResult<()> {
        seen += 1;
        if seen.is_multiple_of(CHECK_EVERY) {
            progress.set_done(seen);
            if progress.is_cancelled() {
                return Err(ServiceError::Cancelled);
            }
        }
        if restricted.contains(&s.id) {
            out.restricted += 1;
            return Ok(());
        }
        plan.cells(key, s, events, &requests, &mut cells);
        out.k.add(plan.quasi.iter().map(|&i| cells[i].as_str()));
        out.rows += 1;
        emit(&cells)
    };
    let mut stmt = export_rows::prepare(&snapshot, plan.columns())?;
    let mut cursor = SubjectsById::start(&mut stmt, field_key)?;
    let mut pending = cursor.next_subject()?;
    if plan.needs_ledger() {
        // Both are in id order: each subject without events is written as it is passed.
        consent::for_each_subject_with_id(&snapshot, |id, events| -> ServiceResult<bool> {
            while let Some(s) = pending.take() {
                match s.id.as_bytes().cmp(id.as_bytes()) {
                    Ordering::Less => row(&s, &[])?,
                    Ordering::Equal => {
                        row(&s, events)?;
                        pending = cursor.next_subject()?;
                        break;
                    }
                    Ordering::Greater => {
                        pending = Some(s);
                        break;
                    }
                }
                pending = cursor.next_subject()?;
            }
            Ok(true)
        })?;
    }
    while let Some(s) = pending.take() {
        row(&s, &[])?;
        pending = cursor.next_subject()?;
    }
    drop(cursor);
    drop(stmt);
    drop(snapshot);
    progress.set_done(seen);
    Ok(out)
}

/// How many requests each subject made.
fn request_counts(conn: &crate::store::Db) -> ServiceResult<HashMap<Uuid, u32>> {
    let mut counts: HashMap<Uuid, u32> = HashMap::new();
    for summary in requests::summaries(conn)? {
        if let Some(id) = summary.subject_id {
            *counts.entry(id).or_insert(0) += 1;
        }
    }
    Ok(counts)
}
