//! The minimisation review over the whole store (rules in `domain::records::minimisation`):
//! loads the taxonomy, the record of processing, the inventory, the purposes and the retention
//! policy, counts consent records per purpose from the ledger, and finds the people of the
//! register processed for a consent-based purpose without a record. Nothing is decrypted: the
//! ledger scan reads ids, purposes and kinds only.

use std::collections::{BTreeMap, BTreeSet};

use crate::store::Db;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::access::Permission;
use crate::domain::purpose::{Purpose, PurposeCode};
use crate::domain::records::minimisation::{
    Finding, MinimisationInput, RegisterGap, consent_purposes_served, review,
};
use crate::domain::records::{Activity, DataSystem};
use crate::jobs::Progress;
use crate::store::register_table::{self, Register};
use crate::store::{StoreReader, consent, purposes, retention_rules, subjects};

use crate::services::{ServiceError, ServiceResult};

/// The review's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MinimisationReport {
    /// When it was computed.
    pub generated_at: DateTime<Utc>,
    /// What does not hold up, in the order of the rules.
    pub findings: Vec<Finding>,
    /// People without a consent record, per consent-based purpose of a system holding the
    /// register (also when there are none, so the report shows what was checked).
    pub register_gaps: Vec<RegisterGap>,
}

/// For each consent-based purpose served by a system that holds the whole register, the names
/// of those systems.
pub(crate) fn register_scope(conn: &Db) -> ServiceResult<BTreeMap<PurposeCode, Vec<String>>> {
    let systems: Vec<DataSystem> = register_table::list(conn, Register::Systems)?;
    if !systems.iter().any(|s| s.holds_register) {
        return Ok(BTreeMap::new());
    }
    let activities: Vec<Activity> = register_table::list(conn, Register::Activities)?;
    let catalogue: Vec<Purpose> = purposes::list(conn)?
        .into_iter()
        .map(|r| r.purpose)
        .collect();
    let mut scope: BTreeMap<PurposeCode, Vec<String>> = BTreeMap::new();
    for s in systems.iter().filter(|s| s.holds_register) {
        for p in consent_purposes_served(s, &activities, &catalogue) {
            scope.entry(p).or_default().push(s.name.clone());
        }
    }
    Ok(scope)
}

/// Per purpose, the people with any consent event; and per purpose of `scope`, the live people
/// of the register without one.
fn ledger_facts(
    conn: &Db,
    scope: &BTreeMap<PurposeCode, Vec<String>>,
    progress: &Progress,
) -> ServiceResult<(BTreeMap<PurposeCode, u64>, Vec<RegisterGap>)> {
    let live = if scope.is_empty() {
        Vec::new()
    } else {
        subjects::live_ids_by_id(conn)?
    };
    let mut records: BTreeMap<PurposeCode, u64> = BTreeMap::new();
    let mut with_record: BTreeMap<&PurposeCode, u64> = BTreeMap::new();
    let mut seen = 0u64;
    progress.set_total(u64::try_from(subjects::count(conn)?).unwrap_or(0));
    consent::for_each_subject_with_id(conn, |subject, events| {
        seen += 1;
        if seen.is_multiple_of(4096) {
            if progress.is_cancelled() {
                return Err(ServiceError::Cancelled);
            }
            progress.set_done(seen);
        }
        let purposes: BTreeSet<&PurposeCode> =
            events.iter().filter_map(|e| e.purpose.as_ref()).collect();
        let is_live = !scope.is_empty()
            && live
                .binary_search_by_key(subject.as_bytes(), |(id, _)| *id)
                .is_ok();
        for p in purposes {
            *records.entry(p.clone()).or_default() += 1;
            if is_live && let Some((code, _)) = scope.get_key_value(p) {
                *with_record.entry(code).or_default() += 1;
            }
        }
        Ok(true)
    })?;
    let people = live.len() as u64;
    let gaps = scope
        .iter()
        .map(|(purpose, systems)| RegisterGap {
            purpose: purpose.clone(),
            systems: systems.clone(),
            people,
            without_record: people.saturating_sub(with_record.get(purpose).copied().unwrap_or(0)),
        })
        .collect();
    Ok((records, gaps))
}

/// Runs the review on `conn`.
pub fn minimisation_on(conn: &Db, progress: &Progress) -> ServiceResult<MinimisationReport> {
    let scope = register_scope(conn)?;
    let (consent_records, register_gaps) = ledger_facts(conn, &scope, progress)?;
    let input = MinimisationInput {
        taxonomy: crate::services::records::taxonomy_rows::read_taxonomy(conn)?,
        purposes: purposes::list(conn)?
            .into_iter()
            .map(|r| r.purpose)
            .collect(),
        activities: register_table::list(conn, Register::Activities)?,
        systems: register_table::list(conn, Register::Systems)?,
        rules: retention_rules::list(conn)?,
        consent_records,
        register_gaps: register_gaps.clone(),
    };
    Ok(MinimisationReport {
        generated_at: Utc::now(),
        findings: review(&input),
        register_gaps,
    })
}

/// Computes the review on a read-only connection, for a worker thread.
pub struct MinimisationReader {
    reader: StoreReader,
}

impl MinimisationReader {
    /// Runs the review; cancellable through `progress`.
    pub fn run(&self, progress: &Progress) -> ServiceResult<MinimisationReport> {
        // One snapshot: a change committed meanwhile is seen entirely or not at all.
        let snapshot = self.reader.db().snapshot()?;
        minimisation_on(&snapshot, progress)
    }
}

impl super::Records<'_> {
    /// Runs the minimisation review now.
    pub fn minimisation_review(&self) -> ServiceResult<MinimisationReport> {
        self.require(Permission::ViewReports)?;
        minimisation_on(self.store.db(), &Progress::default())
    }

    /// A reader that runs the review on another thread.
    pub fn minimisation_reader(&self) -> ServiceResult<MinimisationReader> {
        self.require(Permission::ViewReports)?;
        Ok(MinimisationReader {
            reader: self.store.reader()?,
        })
    }
}
