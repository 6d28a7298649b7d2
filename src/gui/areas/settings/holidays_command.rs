//! What Settings → Public holidays and closing days asks the app to do: the same changes as
//! `holiday add` and `holiday remove` on the command line. Wrapped in
//! [`crate::gui::Command::Holidays`] and applied by `holidays_apply.rs`.

use chrono::NaiveDate;

use crate::domain::holidays::Jurisdiction;

/// A change to a holiday calendar.
#[derive(Debug)]
#[must_use]
pub enum HolidayCommand {
    /// Add a closing day to a calendar (`holiday add J DATE --name N`).
    Add {
        /// The calendar.
        jurisdiction: Jurisdiction,
        /// The day.
        date: NaiveDate,
        /// Its name.
        name: String,
    },
    /// Remove a day: an added one goes, a removed preset comes back, a preset becomes a
    /// working day (`holiday remove J DATE`).
    Remove {
        /// The calendar.
        jurisdiction: Jurisdiction,
        /// The day.
        date: NaiveDate,
    },
}
