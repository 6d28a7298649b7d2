//! What a sweep found and did: per rule, the records due (by id), those kept by a legal hold
//! or an open request, and whether the rule's action was applied, rolled back or not run.

use serde::{Deserialize, Serialize};

use super::{RecordKind, RetentionAction};

/// What happened to one rule in a sweep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleStatus {
    /// Dry run: nothing changed.
    Planned,
    /// The action was applied to every record due.
    Applied,
    /// Records were listed for review (a flag rule); nothing changed.
    Flagged,
    /// Cancelled or failed while applying: the rule's transaction rolled back whole.
    RolledBack,
    /// Not reached (an earlier rule was cancelled or failed).
    NotRun,
}

/// One rule's part of a sweep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleOutcome {
    /// The rule's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The kind of record.
    pub kind: RecordKind,
    /// Its action.
    pub action: RetentionAction,
    /// The records due (random ids: a subject, a consent event or a request).
    pub due: Vec<String>,
    /// Records past their period but kept by a legal hold.
    pub held: Vec<String>,
    /// People past their period but with a request open, or a request file still kept.
    pub open_request: Vec<String>,
    /// What happened.
    pub status: RuleStatus,
}

/// How a sweep ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SweepOutcome {
    /// Every rule ran.
    Completed,
    /// The officer cancelled; the rule in progress rolled back.
    Cancelled,
    /// An error stopped it; the rule in progress rolled back.
    Failed,
}

impl SweepOutcome {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
            Self::Failed => "failed",
        }
    }
}

/// A sweep's report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepReport {
    /// Random id.
    pub id: String,
    /// Whether this was a dry run (nothing changed).
    pub dry_run: bool,
    /// The day the rules were evaluated for (YYYY-MM-DD).
    pub as_of: String,
    /// When it started (RFC 3339).
    pub started_at: String,
    /// When it ended (RFC 3339).
    pub finished_at: String,
    /// Who ran it.
    pub run_by: String,
    /// How it ended.
    pub outcome: SweepOutcome,
    /// One entry per enabled rule, in policy order.
    pub rules: Vec<RuleOutcome>,
}

impl SweepReport {
    /// Records due across all rules.
    pub fn total_due(&self) -> usize {
        self.rules.iter().map(|r| r.due.len()).sum()
    }

    /// Records kept by holds across all rules.
    pub fn total_held(&self) -> usize {
        self.rules.iter().map(|r| r.held.len()).sum()
    }
}
