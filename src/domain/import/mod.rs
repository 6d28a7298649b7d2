//! Importing consent from the CSV files of email platforms: which columns mean what (the
//! generic preset, with an optional saved mapping, and the Mailchimp audience exports), and the
//! rules every row must pass before anything is written.
//!
//! Pure rules: the service reads the file and hands each header and row in as text cells; the
//! functions here say what the row means ([`ImportRow`]) or what is wrong with it, naming the
//! column. Nothing here touches the store or the file system.

mod cells;
mod columns;
mod detect;
mod generic;
mod header_columns;
mod mailchimp;
mod mapping;
mod problems;

pub use cells::{
    Catalogue, check_day_or_time, check_email, check_time, parse_channel, parse_state, parse_time,
};
pub use columns::Columns;
pub use detect::{Detected, detect_preset, expected_headers};
pub use generic::{GenericColumns, GenericField};
pub use header_columns::RowContext;
pub use mailchimp::{MailchimpColumns, MailchimpKind};
pub use mapping::Mapping;
pub use problems::{FileProblem, ImportErrors, MAX_LISTED_PROBLEMS, RowProblem};

use chrono::{DateTime, Utc};

use super::consent::ConsentEvent;

/// How the columns of a file are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// Any CSV with columns named after Privacy Desk's fields (or mapped to them).
    Generic,
    /// A Mailchimp audience export: the subscribed, unsubscribed or cleaned file.
    Mailchimp,
}

impl Preset {
    /// Every preset.
    pub const ALL: [Preset; 2] = [Self::Generic, Self::Mailchimp];

    /// Stable code (command line, audit details).
    pub fn code(self) -> &'static str {
        match self {
            Self::Generic => "generic",
            Self::Mailchimp => "mailchimp",
        }
    }

    /// The preset for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// What one valid row asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    /// The email address, trimmed (the store normalises it for matching).
    pub email: String,
    /// The person's name (empty when the file has none).
    pub name: String,
    /// Their phone number (empty when the file has none).
    pub phone: String,
    /// The purpose, as a position in the [`Catalogue`].
    pub purpose: usize,
    /// The consent events to append, oldest first (a given consent before its withdrawal).
    /// `recorded_by` is left empty: the service records the signed-in user.
    pub events: Vec<ConsentEvent>,
    /// When the address was found undeliverable (a Mailchimp "cleaned" contact). This is not
    /// a withdrawal of consent.
    pub undeliverable_at: Option<DateTime<Utc>>,
    /// When the person's data was first collected, as the file says (Mailchimp: `OPTIN_TIME`,
    /// else `CONFIRM_TIME`). A person new to the store is recorded at it, so retention counts
    /// from the day of collection, not from the day of the import (GDPR Art. 5(1)(e)).
    pub recorded_at: Option<DateTime<Utc>>,
    /// The day the person became a customer, as the file says (a generic `customer_since`
    /// column): recorded on the person (the earliest day wins), so that marketing retention
    /// rules never remove them (GDPR Art. 6(1)(b)).
    pub customer_since: Option<chrono::NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preset_codes_round_trip() {
        for p in Preset::ALL {
            assert_eq!(Preset::from_code(p.code()), Some(p));
        }
        assert_eq!(Preset::from_code("hubspot"), None);
    }
}
