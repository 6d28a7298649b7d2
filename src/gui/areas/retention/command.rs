//! What the Retention area asks the app to do: the policy's rules, legal holds, the end of a
//! customer relationship, and sweeps (the dry run and the real one, both on worker threads).
//! Wrapped in [`crate::gui::Command::Retention`] and applied after drawing (`apply_retention.rs`,
//! `apply_sweep.rs`).

use std::path::PathBuf;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::retention::{RecordKind, RetentionRule};

use crate::gui::areas::{ReportSlot, RetentionTab};

/// What a new legal hold is placed on, as the officer named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HoldOn {
    /// The people with this email address.
    Email(String),
    /// One person already chosen (from their page).
    Subject(Uuid),
    /// The request with this reference (R-0001) or id.
    Reference(String),
}

/// A request from the Retention area (or from a subject's page).
#[derive(Debug)]
#[must_use]
pub enum RetentionCommand {
    /// Show another tab of the area.
    Tab(RetentionTab),
    /// Adopt the default rules shipped with the app.
    AdoptDefaults,
    /// Load rules from a TOML file (all or nothing).
    LoadFile(PathBuf),
    /// Add or change one rule.
    SaveRule(Box<RetentionRule>),
    /// Remove the rule with this code.
    RemoveRule(String),
    /// Write the policy to a file (.md or .html).
    ExportPolicy(PathBuf),
    /// Set the days between sweeps (0: no schedule).
    SetInterval(u32),
    /// Place a legal hold.
    PlaceHold {
        /// What it is on.
        on: HoldOn,
        /// Why.
        reason: String,
        /// The last day it is in force, if it ends.
        until: Option<NaiveDate>,
    },
    /// Release a legal hold today.
    ReleaseHold(Uuid),
    /// Open Retention → Holds with the form set on this person (from their page).
    HoldSubject {
        /// The person.
        id: Uuid,
        /// How the form names them (email or name).
        label: String,
    },
    /// Record (or clear, with `None`) the day a customer relationship ended.
    SetRelationshipEnd {
        /// The person.
        subject: Uuid,
        /// The day.
        on: Option<NaiveDate>,
    },
    /// Record (or clear, with `None`) the day a person became a customer (from their page).
    SetCustomerSince {
        /// The person.
        subject: Uuid,
        /// The day.
        on: Option<NaiveDate>,
    },
    /// Start a dry run on a worker thread.
    Preview,
    /// Stop the dry run.
    CancelPreview,
    /// Apply the sweep on a worker thread (the session is handed over).
    Apply,
    /// Stop the sweep: the rule in progress rolls back whole.
    CancelApply,
    /// Open the records of one page of a report's list, for the drill-down.
    ResolveRecords {
        /// Which report panel asks.
        slot: ReportSlot,
        /// The kind of the records.
        kind: RecordKind,
        /// Their ids (one page).
        ids: Vec<String>,
    },
}
