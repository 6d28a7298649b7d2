//! The columns of one file, as a preset reads them: built from the header, then applied to
//! each row. Shared pieces: a located column, header-name matching, and the context every row
//! is checked against.

use chrono::{DateTime, Utc};

use super::generic::GenericColumns;
use super::mailchimp::MailchimpColumns;
use super::{Catalogue, ImportRow, Mapping, Preset, RowProblem};

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

/// How a file's columns are read, per preset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Columns {
    /// The generic preset.
    Generic(GenericColumns),
    /// A Mailchimp audience export.
    Mailchimp(MailchimpColumns),
}

impl Columns {
    /// Reads the header for `preset`. Returns the columns and warnings (ignored columns), or
    /// the header's problems, each naming its column.
    pub fn from_header(
        preset: Preset,
        header: &[&str],
        mapping: Option<&Mapping>,
    ) -> Result<(Self, Vec<String>), Vec<RowProblem>> {
        match preset {
            Preset::Generic => {
                GenericColumns::from_header(header, mapping).map(|(c, w)| (Self::Generic(c), w))
            }
            Preset::Mailchimp => {
                MailchimpColumns::from_header(header).map(|(c, w)| (Self::Mailchimp(c), w))
            }
        }
    }

    /// Whether every row carries its own purpose (a generic file with a purpose column).
    pub fn has_purpose_column(&self) -> bool {
        match self {
            Self::Generic(g) => g.has_purpose_column(),
            Self::Mailchimp(_) => false,
        }
    }

    /// The kind of file, for reports and the audit trail: `generic`, or `mailchimp
    /// subscribed` / `unsubscribed` / `cleaned`.
    pub fn kind(&self) -> String {
        match self {
            Self::Generic(_) => "generic".into(),
            Self::Mailchimp(m) => format!("mailchimp {}", m.kind().code()),
        }
    }

    /// Which source column fills which field, in the file's column order: (position, the
    /// column as the file names it, the field).
    pub fn mapped(&self) -> Vec<(usize, String, &'static str)> {
        let mut out = match self {
            Self::Generic(g) => g.mapped(),
            Self::Mailchimp(m) => m.mapped(),
        };
        out.sort_by_key(|(index, _, _)| *index);
        out
    }

    /// What a row means, or every problem in it.
    pub fn row(&self, cells: &[&str], ctx: &RowContext<'_>) -> Result<ImportRow, Vec<RowProblem>> {
        match self {
            Self::Generic(g) => g.row(cells, ctx),
            Self::Mailchimp(m) => m.row(cells, ctx),
        }
    }
}
