//! What the "Pseudonymised export" tab of Subjects & consent asks the app to do: compute the
//! k-anonymity figure, write the export, find the person behind a pseudonym — each on a worker
//! thread with progress and Cancel. Wrapped in [`crate::gui::Command::Pseudonymise`] and applied after
//! drawing (`apply_pseudonymise.rs`).

use std::path::PathBuf;

use uuid::Uuid;

use crate::services::PseudonymisedSpec;

/// A request from the pseudonymised export tab.
#[derive(Debug)]
#[must_use]
pub enum PseudonymiseCommand {
    /// Compute the k-anonymity figure of this export (nothing is written).
    CheckK(PseudonymisedSpec),
    /// Stop computing the figure.
    CancelCheck,
    /// Write the export to this file (.csv) and record it.
    Export {
        /// What to export, to whom; `accept_low_k` is the "Export anyway" box.
        spec: PseudonymisedSpec,
        /// Target file.
        path: PathBuf,
    },
    /// Stop writing the export; no file is left.
    CancelExport,
    /// Find the person behind a pseudonym of an export to a recipient.
    Lookup {
        /// The recipient as typed.
        recipient: String,
        /// The pseudonym as pasted.
        pseudonym: String,
    },
    /// Stop the lookup.
    CancelLookup,
    /// Open the page of the person a lookup found (on the People tab).
    OpenSubject(Uuid),
}
