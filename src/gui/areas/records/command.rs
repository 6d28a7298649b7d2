//! What the Records of processing area asks the app to do: read the registers, save or remove
//! an activity, a system or a data category, change their order, export the register and import
//! a JSON export. Wrapped in [`crate::gui::Command::Records`] and applied after drawing
//! (`apply_records.rs`).

use std::path::PathBuf;

use crate::domain::records::{Activity, CategoryCode, DataCategory, DataSystem, RecordCode};

use crate::gui::areas::RecordsTab;

/// A request from the Records of processing area.
#[derive(Debug)]
#[must_use]
pub enum RecordsCommand {
    /// Show another tab of the area.
    Tab(RecordsTab),
    /// Add (`new`) or change an activity.
    SaveActivity {
        /// The activity as edited.
        activity: Box<Activity>,
        /// Whether it is a new one.
        new: bool,
    },
    /// Remove an activity.
    RemoveActivity(RecordCode),
    /// Move an activity one place up (`up`) or down.
    MoveActivity {
        /// The activity.
        code: RecordCode,
        /// Up, or down.
        up: bool,
    },
    /// Add (`new`) or change a system.
    SaveSystem {
        /// The system as edited.
        system: Box<DataSystem>,
        /// Whether it is a new one.
        new: bool,
    },
    /// Remove a system.
    RemoveSystem(RecordCode),
    /// Move a system one place up (`up`) or down.
    MoveSystem {
        /// The system.
        code: RecordCode,
        /// Up, or down.
        up: bool,
    },
    /// Add (`new`) or change a data category.
    SaveCategory {
        /// The category as edited.
        category: DataCategory,
        /// Whether it is a new one.
        new: bool,
    },
    /// Remove a data category.
    RemoveCategory(CategoryCode),
    /// Write the register to a file; the extension (.csv, .pdf, .json) decides the format.
    Export(PathBuf),
    /// Replace the taxonomy, activities and systems with a JSON export's.
    Import(PathBuf),
}
