//! The columns of one file, as a preset reads them: built from the header, then applied to
//! each row (the pieces the presets share are in `header_columns`).

use super::generic::GenericColumns;
use super::header_columns::RowContext;
use super::mailchimp::MailchimpColumns;
use super::{ImportRow, Mapping, Preset, RowProblem};

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
