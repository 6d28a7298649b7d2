//! A protected row whose integrity tag (its MAC) does not match: what `audit verify` and the
//! check at unlock report, by table and record id only (never a value of the row).

use std::fmt;

use serde::Serialize;

/// Why a protected row failed its check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowProblem {
    /// The row has no tag: it was inserted with another tool (or written before the upgrade
    /// and never tagged, which the first unlock after the upgrade does).
    Untagged,
    /// The row's tag does not match its columns: a protected column was edited, or a value
    /// was moved here from another row, outside Privacy Desk.
    Changed,
}

/// A protected row that failed its check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangedRow {
    /// The table (`subjects`, `consent_events`, …).
    pub table: String,
    /// The record's id in that table: a UUID, a sequence number or a rule code.
    pub record: String,
    /// What is wrong with it.
    pub problem: RowProblem,
}

impl fmt::Display for ChangedRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (table, record) = (&self.table, &self.record);
        match self.problem {
            RowProblem::Untagged => write!(
                f,
                "{table} {record}: the row has no integrity tag (it was added outside Privacy Desk)"
            ),
            RowProblem::Changed => write!(
                f,
                "{table} {record}: the row was changed outside Privacy Desk"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_names_table_and_record_only() {
        let row = ChangedRow {
            table: "users".into(),
            record: "0b1d".into(),
            problem: RowProblem::Changed,
        };
        assert_eq!(
            row.to_string(),
            "users 0b1d: the row was changed outside Privacy Desk"
        );
        let row = ChangedRow {
            problem: RowProblem::Untagged,
            ..row
        };
        assert!(
            row.to_string()
                .starts_with("users 0b1d: the row has no integrity tag")
        );
    }
}
