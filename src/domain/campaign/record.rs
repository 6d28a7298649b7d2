//! The send record: what one pre-flight run found, kept as evidence that the send was lawful
//! (GDPR Art. 7(1): the controller shall be able to demonstrate consent).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::purpose::PurposeCode;

use super::ExclusionReason;

/// How many addresses were left out for each reason (every reason listed, zero included).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReasonCounts(pub BTreeMap<&'static str, u64>);

impl ReasonCounts {
    /// Every reason at zero.
    pub fn zero() -> Self {
        Self(
            ExclusionReason::ALL
                .into_iter()
                .map(|r| (r.code(), 0))
                .collect(),
        )
    }

    /// Counts one more address left out for `reason`.
    pub fn add(&mut self, reason: ExclusionReason) {
        *self.0.entry(reason.code()).or_insert(0) += 1;
    }

    /// The count for `reason`.
    pub fn get(&self, reason: ExclusionReason) -> u64 {
        self.0.get(reason.code()).copied().unwrap_or(0)
    }

    /// All addresses left out.
    pub fn total(&self) -> u64 {
        self.0.values().sum()
    }
}

/// One campaign pre-flight run as kept in the store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SendRecord {
    /// Its id.
    pub id: Uuid,
    /// Its number, from 1 (shown as `C-0001`).
    pub number: i64,
    /// The campaign's name as the officer gave it (or the audience file's name).
    pub name: String,
    /// The purpose the audience is emailed for.
    pub purpose: PurposeCode,
    /// The purpose's notice version in force at the check.
    pub notice_version: u32,
    /// Rows of the audience checked.
    pub checked: u64,
    /// Addresses written to the clean audience.
    pub sendable: u64,
    /// Addresses left out, per reason.
    pub excluded: ReasonCounts,
    /// SHA-256 of the audience file as read, lower-case hex.
    pub audience_sha256: String,
    /// The audit trail's head when the check ran: its sequence number.
    pub audit_head_seq: i64,
    /// The audit trail's head when the check ran: its MAC, lower-case hex.
    pub audit_head_mac: String,
    /// When the check ran.
    pub checked_at: DateTime<Utc>,
    /// Who ran it.
    pub checked_by: String,
}

impl SendRecord {
    /// The reference shown for it: `C-0001`.
    pub fn reference(&self) -> String {
        format!("C-{:04}", self.number)
    }
}
