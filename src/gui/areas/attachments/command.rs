//! What the attachments panel asks the window to do. Wrapped in
//! [`crate::gui::Command::Attachment`] and applied after drawing (`apply.rs`).

use std::path::PathBuf;

use crate::domain::attachment::AttachmentOwner;

/// A change to the files kept with a record.
#[derive(Debug)]
#[must_use]
pub enum AttachmentCommand {
    /// Seal the file at `path` into the store with `owner` (a background job).
    Add {
        /// The record.
        owner: AttachmentOwner,
        /// The file chosen.
        path: PathBuf,
    },
    /// Write the attachment `name` of `owner` in clear to `path` (a background job).
    Save {
        /// The record.
        owner: AttachmentOwner,
        /// The attachment's name.
        name: String,
        /// The file chosen.
        path: PathBuf,
    },
    /// Remove the attachment `name` of `owner` (confirmed in the panel).
    Remove {
        /// The record.
        owner: AttachmentOwner,
        /// The attachment's name.
        name: String,
    },
}
