//! The generic preset: columns named after Privacy Desk's fields (case and surrounding spaces
//! ignored), or mapped to them by a saved [`Mapping`]. `email` is required; `name` or
//! `first_name` + `last_name`; `phone`; `purpose` (overrides `--purpose`); `state` (given or
//! withdrawn, default given); `timestamp` (default: the time of the import); `channel` (default
//! `import`); `notice_version`; `evidence` (kept as the evidence note). Other columns are
//! ignored with a warning.

use crate::domain::consent::{ConsentEvent, ConsentEventKind, Evidence};

use super::header_columns::{Col, assign, cell, header_key};
use super::{
    ImportRow, Mapping, RowContext, RowProblem, check_day_or_time, check_email, check_time,
    parse_channel, parse_state,
};

/// A field a generic column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GenericField {
    /// The email address (required).
    Email,
    /// The full name.
    Name,
    /// The first name (joined with the last name when there is no `name`).
    FirstName,
    /// The last name.
    LastName,
    /// The phone number.
    Phone,
    /// The purpose code, overriding `--purpose`.
    Purpose,
    /// `given` or `withdrawn`.
    State,
    /// When it happened.
    Timestamp,
    /// The channel code.
    Channel,
    /// The notice version shown.
    NoticeVersion,
    /// Free-text evidence.
    Evidence,
    /// The day (or time) the person's data was first collected; a person new to the store is
    /// recorded at it, so retention counts from it.
    RecordedOn,
    /// The day (or time) the person became a customer: marketing retention rules never remove
    /// a current customer (GDPR Art. 6(1)(b)).
    CustomerSince,
}

impl GenericField {
    /// Every field, in the order of their slots.
    pub const ALL: [GenericField; 13] = [
        Self::Email,
        Self::Name,
        Self::FirstName,
        Self::LastName,
        Self::Phone,
        Self::Purpose,
        Self::State,
        Self::Timestamp,
        Self::Channel,
        Self::NoticeVersion,
        Self::Evidence,
        Self::RecordedOn,
        Self::CustomerSince,
    ];

    /// The field's name, as a column header or a mapping target.
    pub fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Name => "name",
            Self::FirstName => "first_name",
            Self::LastName => "last_name",
            Self::Phone => "phone",
            Self::Purpose => "purpose",
            Self::State => "state",
            Self::Timestamp => "timestamp",
            Self::Channel => "channel",
            Self::NoticeVersion => "notice_version",
            Self::Evidence => "evidence",
            Self::RecordedOn => "recorded_on",
            Self::CustomerSince => "customer_since",
        }
    }

    /// The field with this name (exact, lower case).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// Where each field is in a generic file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GenericColumns {
    slots: [Option<Col>; 13],
}

impl GenericColumns {
    /// Matches the header: each column by the mapping when it names it, else by its own name.
    /// Returns the columns and a warning naming the ignored ones, or every header problem.
    pub fn from_header(
        header: &[&str],
        mapping: Option<&Mapping>,
    ) -> Result<(Self, Vec<String>), Vec<RowProblem>> {
        let mut out = Self::default();
        let mut problems = Vec::new();
        let mut ignored = Vec::new();
        for (index, name) in header.iter().enumerate() {
            let key = header_key(name);
            match (
                mapping.and_then(|m| m.lookup(&key)),
                GenericField::from_code(&key),
            ) {
                (Some(Some(f)), _) | (None, Some(f)) => assign(
                    &mut out.slots[f.slot()],
                    index,
                    name,
                    f.code(),
                    &mut problems,
                ),
                (Some(None), _) => {}
                (None, None) => ignored.push(format!("{:?}", name.trim())),
            }
        }
        if out.slots[GenericField::Email.slot()].is_none() {
            problems.push(RowProblem::new(
                "email",
                "missing: the file needs a column named email (or a --mapping to email)",
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut warnings = Vec::new();
        if !ignored.is_empty() {
            warnings.push(format!(
                "ignored columns (not fields of the generic preset): {}",
                ignored.join(", ")
            ));
        }
        if out.col(GenericField::Timestamp).is_none() {
            warnings.push("no timestamp column: events are recorded at the time of import".into());
        }
        Ok((out, warnings))
    }

    fn col(&self, field: GenericField) -> Option<&Col> {
        self.slots[field.slot()].as_ref()
    }

    /// Each found column and the field it fills.
    pub fn mapped(&self) -> Vec<(usize, String, &'static str)> {
        GenericField::ALL
            .into_iter()
            .filter_map(|f| self.col(f).map(|c| (c.index, c.name.clone(), f.code())))
            .collect()
    }

    /// Whether the file has a purpose column.
    pub fn has_purpose_column(&self) -> bool {
        self.col(GenericField::Purpose).is_some()
    }

    /// What a row means, or every problem in it.
    pub fn row(&self, cells: &[&str], ctx: &RowContext<'_>) -> Result<ImportRow, Vec<RowProblem>> {
        let mut problems = Vec::new();
        let get = |f: GenericField| cell(cells, self.col(f));
        let name_of = |f: GenericField| self.col(f).map_or(f.code(), |c| c.name.as_str());
        let mut fail = |f: GenericField, message: String| {
            problems.push(RowProblem::new(name_of(f), message));
        };

        let email = check_email(get(GenericField::Email))
            .map_err(|m| fail(GenericField::Email, m))
            .ok();
        let purpose = purpose(get(GenericField::Purpose), ctx)
            .map_err(|m| fail(GenericField::Purpose, m))
            .ok();
        let kind = match self.col(GenericField::State) {
            Some(_) => parse_state(get(GenericField::State))
                .map_err(|m| fail(GenericField::State, m))
                .ok(),
            None => Some(ConsentEventKind::Given),
        };
        let at = match self.col(GenericField::Timestamp) {
            Some(_) => check_time(get(GenericField::Timestamp), ctx.now)
                .map_err(|m| fail(GenericField::Timestamp, m))
                .ok(),
            None => Some(ctx.now),
        };
        // Empty means "not known": the person is recorded at the time of import.
        let recorded_at = match get(GenericField::RecordedOn).trim() {
            "" => None,
            text => check_day_or_time(text, ctx.now)
                .map_err(|m| fail(GenericField::RecordedOn, m))
                .ok(),
        };
        // Empty means "not known to be a customer".
        let customer_since = match get(GenericField::CustomerSince).trim() {
            "" => None,
            text => check_day_or_time(text, ctx.now)
                .map_err(|m| fail(GenericField::CustomerSince, m))
                .ok()
                .map(|at| at.date_naive()),
        };
        let channel = parse_channel(get(GenericField::Channel))
            .map_err(|m| fail(GenericField::Channel, m))
            .ok();
        let notice_version = match purpose {
            Some(p) => ctx
                .catalogue
                .notice_version(p, get(GenericField::NoticeVersion))
                .map_err(|m| fail(GenericField::NoticeVersion, m))
                .ok(),
            None => None,
        };
        let (Some(email), Some(purpose), Some(kind), Some(at), Some(channel), Some(notice)) =
            (email, purpose, kind, at, channel, notice_version)
        else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let event = ConsentEvent {
            purpose: ctx.catalogue.code(purpose).cloned(),
            kind,
            at,
            channel,
            notice_version: if kind == ConsentEventKind::Given {
                notice
            } else {
                None
            },
            evidence: Evidence {
                note: get(GenericField::Evidence).trim().to_owned(),
                ..Evidence::default()
            },
            recorded_by: String::new(),
        };
        Ok(ImportRow {
            email: email.to_owned(),
            name: self.name(cells),
            phone: get(GenericField::Phone).trim().to_owned(),
            purpose,
            events: vec![event],
            undeliverable_at: None,
            recorded_at,
            customer_since,
        })
    }

    /// `name`, or `first_name` and `last_name` joined.
    fn name(&self, cells: &[&str]) -> String {
        let name = cell(cells, self.col(GenericField::Name)).trim();
        if !name.is_empty() {
            return name.to_owned();
        }
        let first = cell(cells, self.col(GenericField::FirstName)).trim();
        let last = cell(cells, self.col(GenericField::LastName)).trim();
        match (first.is_empty(), last.is_empty()) {
            (false, false) => format!("{first} {last}"),
            (false, true) => first.to_owned(),
            (true, false) => last.to_owned(),
            (true, true) => String::new(),
        }
    }
}

/// The row's purpose: its own cell, else `--purpose`.
fn purpose(cell: &str, ctx: &RowContext<'_>) -> Result<usize, String> {
    if !cell.trim().is_empty() {
        return ctx.catalogue.find(cell);
    }
    ctx.purpose
        .ok_or_else(|| "empty, and no --purpose was given for rows without one".into())
}

#[cfg(test)]
mod tests;
