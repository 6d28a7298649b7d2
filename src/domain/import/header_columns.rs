//! What the presets share when they read a file's columns: a column located in the header,
//! header-name matching, and the context every row is checked against.

use chrono::{DateTime, Utc};

use super::{Catalogue, RowProblem};

/// What every row is checked against.
#[derive(Clone, Copy, Debug)]
pub struct RowContext<'a> {
    /// The time of the import: later times are "in the future".
    pub now: DateTime<Utc>,
    /// The purpose given on the command line (`--purpose`), as a position in `catalogue`.
    pub purpose: Option<usize>,
    /// The store's purposes.
    pub catalogue: &'a Catalogue,
}

/// A column found in the header: its position and its name as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Col {
    pub index: usize,
    pub name: String,
}

/// The cell of `col` in a row (empty when the column is absent or the row is short).
pub(super) fn cell<'r>(cells: &[&'r str], col: Option<&Col>) -> &'r str {
    col.and_then(|c| cells.get(c.index)).copied().unwrap_or("")
}

/// A header name as matched: trimmed, lower-cased.
pub(super) fn header_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Puts `index` into `slot` unless it is taken: a second column for the same field is a
/// problem naming both.
pub(super) fn assign(
    slot: &mut Option<Col>,
    index: usize,
    name: &str,
    field: &str,
    problems: &mut Vec<RowProblem>,
) {
    match slot {
        Some(first) => problems.push(RowProblem::new(
            name.trim(),
            format!(
                "appears twice: columns {} and {} both give {field}; remove or rename one",
                first.index + 1,
                index + 1
            ),
        )),
        None => {
            *slot = Some(Col {
                index,
                name: name.trim().to_owned(),
            });
        }
    }
}
