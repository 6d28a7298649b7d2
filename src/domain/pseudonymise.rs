//! Pseudonymised exports: which fields of the register may leave the app for a vendor or for
//! analysis, how dates are coarsened, how a recipient is named, and the k-anonymity figure over
//! the chosen quasi-identifiers ([`k_anonymity`]).
//!
//! Sources:
//! - GDPR Art. 4(5): pseudonymisation means the data can no longer be attributed to a person
//!   without additional information kept separately under technical and organisational
//!   measures — here, a key per recipient sealed in the store, so re-identification is only
//!   possible inside the app.
//! - GDPR Recital 26: pseudonymised data is still personal data; only data that can no longer
//!   identify anyone by means reasonably likely to be used is anonymous. The k-anonymity figure
//!   (Sweeney 2002) measures one such means: linking rows by quasi-identifiers.
//! - GDPR Art. 25(1) and Art. 32(1)(a) (pseudonymisation as a measure), Art. 89(1) (safeguards
//!   for statistics and research), Art. 5(1)(c) (data minimisation: free text never leaves).
//!
//! What an export can hold (every other column of the register is an identifier or free text,
//! and never leaves): the pseudonym, the email's domain, the day the person was recorded
//! (coarsened), their tags, their consent state and its date (coarsened) per purpose, and how
//! many requests they made. The postal address is free text in the store (no separate postcode
//! or country), so no postal area or country can be derived reliably and none is offered.

pub mod k_anonymity;

pub use k_anonymity::{KAnonymity, KReport};

use chrono::{Datelike, NaiveDate};

use super::purpose::PurposeCode;

/// The threshold under which an export is refused unless accepted explicitly: every row must
/// share its quasi-identifier values with at least this many rows.
pub const DEFAULT_K: u32 = 5;

/// Longest recipient name accepted, in characters.
pub const MAX_RECIPIENT_CHARS: usize = 100;

/// How finely dates are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DateGranularity {
    /// `2024-03-17`.
    Day,
    /// `2024-03`.
    #[default]
    Month,
    /// `2024-Q1`.
    Quarter,
    /// `2024`.
    Year,
}

impl DateGranularity {
    /// Every granularity, finest first.
    pub const ALL: [DateGranularity; 4] = [Self::Day, Self::Month, Self::Quarter, Self::Year];

    /// Stable code (`--dates`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
        }
    }

    /// The granularity for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|g| g.code() == code.trim().to_ascii_lowercase())
    }

    /// Words for the window: "Month (2024-03)".
    pub fn label(self) -> &'static str {
        match self {
            Self::Day => "Day (2024-03-17)",
            Self::Month => "Month (2024-03)",
            Self::Quarter => "Quarter (2024-Q1)",
            Self::Year => "Year (2024)",
        }
    }

    /// The date written at this granularity.
    pub fn coarsen(self, date: NaiveDate) -> String {
        match self {
            Self::Day => date.format("%Y-%m-%d").to_string(),
            Self::Month => date.format("%Y-%m").to_string(),
            Self::Quarter => format!("{}-Q{}", date.year(), date.month0() / 3 + 1),
            Self::Year => date.year().to_string(),
        }
    }
}

/// A column of a pseudonymised export.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ExportField {
    /// The keyed pseudonym of the person (always the first column; never a quasi-identifier,
    /// since it is unique to each row).
    Pseudonym,
    /// The part of the email after `@`, lower-cased (a quasi-identifier: a personal domain can
    /// single someone out).
    EmailDomain,
    /// The day the person was recorded, coarsened.
    Created,
    /// The person's tags ("vip, wholesale").
    Tags,
    /// How many data-subject requests the person made.
    Requests,
    /// The current consent state for a purpose (`given`, `withdrawn`, `expired`, `opted_out`,
    /// `none`).
    Consent(PurposeCode),
    /// Since when that state holds, coarsened (empty for `none`).
    ConsentSince(PurposeCode),
}

impl ExportField {
    /// The fields that do not name a purpose, in the order offered.
    pub const FIXED: [ExportField; 5] = [
        Self::Pseudonym,
        Self::EmailDomain,
        Self::Created,
        Self::Tags,
        Self::Requests,
    ];

    /// Parses a field code: `pseudonym`, `email-domain`, `created`, `tags`, `requests`,
    /// `consent:<purpose>`, `consent-since:<purpose>`. The error names the code and lists the
    /// codes there are.
    pub fn parse(text: &str) -> Result<Self, String> {
        let code = text.trim().to_ascii_lowercase();
        if let Some(f) = Self::FIXED.into_iter().find(|f| f.code() == code) {
            return Ok(f);
        }
        let purpose = |rest: &str| {
            PurposeCode::parse(rest.trim()).map_err(|e| format!("field {code:?}: {e}"))
        };
        if let Some(rest) = code.strip_prefix("consent-since:") {
            return purpose(rest).map(Self::ConsentSince);
        }
        if let Some(rest) = code.strip_prefix("consent:") {
            return purpose(rest).map(Self::Consent);
        }
        Err(format!(
            "there is no field {code:?}; the fields are {}",
            FIELD_CODES_HELP
        ))
    }

    /// The stable code, also the CSV column header.
    pub fn code(&self) -> String {
        match self {
            Self::Pseudonym => "pseudonym".into(),
            Self::EmailDomain => "email-domain".into(),
            Self::Created => "created".into(),
            Self::Tags => "tags".into(),
            Self::Requests => "requests".into(),
            Self::Consent(p) => format!("consent:{p}"),
            Self::ConsentSince(p) => format!("consent-since:{p}"),
        }
    }

    /// Words for the window.
    pub fn label(&self) -> String {
        match self {
            Self::Pseudonym => "Pseudonym (replaces email, name, phone, reference and id)".into(),
            Self::EmailDomain => "Email domain (the part after @)".into(),
            Self::Created => "Date recorded (coarsened)".into(),
            Self::Tags => "Tags".into(),
            Self::Requests => "Number of requests made".into(),
            Self::Consent(p) => format!("Consent now: {p}"),
            Self::ConsentSince(p) => format!("Consent since (coarsened): {p}"),
        }
    }

    /// The purpose a consent field is about.
    pub fn purpose(&self) -> Option<&PurposeCode> {
        match self {
            Self::Consent(p) | Self::ConsentSince(p) => Some(p),
            _ => None,
        }
    }
}

/// The field codes, for messages and help.
pub const FIELD_CODES_HELP: &str =
    "pseudonym, email-domain, created, tags, requests, consent:<purpose>, consent-since:<purpose>";

/// Parses a comma-separated list of field codes. Repeats are dropped; the pseudonym is always
/// the first column, whether listed or not.
pub fn parse_fields(text: &str) -> Result<Vec<ExportField>, String> {
    let mut fields = vec![ExportField::Pseudonym];
    for part in text.split(',').filter(|p| !p.trim().is_empty()) {
        let field = ExportField::parse(part)?;
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    Ok(fields)
}

/// Parses a comma-separated list of quasi-identifiers, each one of `fields` and not the
/// pseudonym.
pub fn parse_quasi(text: &str, fields: &[ExportField]) -> Result<Vec<ExportField>, String> {
    let mut quasi = Vec::new();
    for part in text.split(',').filter(|p| !p.trim().is_empty()) {
        let field = ExportField::parse(part)?;
        if field == ExportField::Pseudonym {
            return Err(
                "the pseudonym is unique to each row, so it cannot be a quasi-identifier; leave it out"
                    .into(),
            );
        }
        if !fields.contains(&field) {
            return Err(format!(
                "{} is not among the exported fields; a quasi-identifier must be one of them",
                field.code()
            ));
        }
        if !quasi.contains(&field) {
            quasi.push(field);
        }
    }
    Ok(quasi)
}

/// The default quasi-identifiers: every chosen field but the pseudonym.
pub fn default_quasi(fields: &[ExportField]) -> Vec<ExportField> {
    fields
        .iter()
        .filter(|f| **f != ExportField::Pseudonym)
        .cloned()
        .collect()
}

/// The key a recipient's pseudonyms are stored under: the name trimmed and lower-cased, so
/// "Acme Analytics " and "acme analytics" are one recipient.
pub fn recipient_key(name: &str) -> Result<String, String> {
    let key = name.trim().to_lowercase();
    if key.is_empty() {
        return Err("give the name of who receives the export (a vendor, or \"analysis\")".into());
    }
    if key.chars().count() > MAX_RECIPIENT_CHARS {
        return Err(format!(
            "a recipient name has at most {MAX_RECIPIENT_CHARS} characters"
        ));
    }
    if key.chars().any(char::is_control) {
        return Err("a recipient name cannot hold control characters".into());
    }
    Ok(key)
}

/// The domain of an email address (after the last `@`), trimmed and lower-cased; empty when
/// there is no `@`.
pub fn email_domain(email: &str) -> String {
    match email.trim().rsplit_once('@') {
        Some((_, domain)) => domain.trim().to_lowercase(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;

/// A recipient that has a key, without the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecipientRow {
    /// The recipient's name, trimmed and lower-cased.
    pub recipient: String,
    /// When the key was made (RFC 3339), i.e. the first export to them.
    pub created_at: String,
    /// Who made the first export to them.
    pub created_by: String,
}
