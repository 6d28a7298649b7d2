//! Days on the command line: today, and a YYYY-MM-DD option read with a sentence naming the
//! option when it is no date.

use anyhow::Context;
use chrono::{Local, NaiveDate};

/// Today on this computer's calendar.
pub(super) fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Reads a YYYY-MM-DD date for the option `--name`.
pub(super) fn date(text: &str, option: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").with_context(|| {
        format!(
            "{option}: \"{}\" is not a date; write it as YYYY-MM-DD",
            text.trim()
        )
    })
}

/// The date an option gives, else today.
pub(super) fn date_or_today(text: Option<&str>, option: &str) -> anyhow::Result<NaiveDate> {
    text.map_or_else(|| Ok(today()), |t| date(t, option))
}
