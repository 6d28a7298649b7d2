//! What the Security area asks the app to do: the measures register, staff training and the
//! incident log. Wrapped in [`crate::gui::Command::Security`] and applied after drawing
//! (`apply_security.rs`).

use uuid::Uuid;

use crate::domain::records::{IncidentEntry, RecordCode, SecurityMeasure, Training};

use crate::gui::areas::SecurityTab;

/// A request from the Security area (or from the Dashboard's Security section).
#[derive(Debug)]
#[must_use]
pub enum SecurityCommand {
    /// Go to the Security area, on this tab.
    Open(SecurityTab),
    /// Add (`new`) or change a measure.
    SaveMeasure {
        /// The measure.
        measure: Box<SecurityMeasure>,
        /// Whether it is new.
        new: bool,
    },
    /// Remove the measure with this code.
    RemoveMeasure(RecordCode),
    /// Record (`new`) or correct a training.
    SaveTraining {
        /// The training.
        training: Box<Training>,
        /// Whether it is new.
        new: bool,
    },
    /// Remove a training.
    RemoveTraining(Uuid),
    /// Enter a breach in the log.
    RecordIncident(Box<IncidentEntry>),
    /// Correct an entry.
    UpdateIncident {
        /// The entry.
        id: Uuid,
        /// Its corrected fields.
        entry: Box<IncidentEntry>,
    },
    /// Close an entry today.
    CloseIncident(Uuid),
    /// Write the Art. 34 letter to the people about an entry to a file (.txt or .html).
    SaveBreachLetter {
        /// The entry.
        id: Uuid,
        /// The file.
        path: std::path::PathBuf,
    },
    /// Reopen a closed entry.
    ReopenIncident(Uuid),
    /// Open an entry's form in the Incident log tab (from the Dashboard).
    OpenIncident(Uuid),
}
