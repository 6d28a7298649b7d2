//! What the Vendors area asks the app to do: read the register, open the editor or the
//! due-diligence questionnaire on a vendor, save, record a review, remove, replace the
//! questionnaire from a file or use the shipped one again. Wrapped in
//! [`crate::gui::Command::Vendor`] and applied after drawing (`apply_vendors.rs`).

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::records::questionnaire::Answers;
use crate::domain::records::{RecordCode, Vendor};

/// A request from the Vendors area.
#[derive(Debug)]
#[must_use]
pub enum VendorCommand {
    /// Open the editor on a new vendor.
    New,
    /// Open the editor on this vendor.
    Edit(RecordCode),
    /// Open the due-diligence questionnaire for this vendor.
    Review(RecordCode),
    /// Add (`new`) or change a vendor.
    Save {
        /// The vendor as edited.
        vendor: Box<Vendor>,
        /// Whether it is a new one.
        new: bool,
    },
    /// Record a review with these answers on this day.
    RecordReview {
        /// The vendor.
        code: RecordCode,
        /// The answers.
        answers: Answers,
        /// The day of the review.
        on: NaiveDate,
    },
    /// Remove the vendor.
    Remove(RecordCode),
    /// Use the questionnaire in this file instead of the one in use.
    LoadQuestionnaire(PathBuf),
    /// Use the questionnaire shipped with the program again.
    RestoreQuestionnaire,
    /// Back to the list.
    Close,
}
