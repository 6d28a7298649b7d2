//! What the store-key section of Settings and the row integrity notice ask the app to do.
//! Wrapped in [`crate::gui::Command::Keys`] and applied after drawing (`apply_keys.rs`).

use crate::crypto::Passphrase;

/// A request about the store key or the row integrity check.
#[derive(Debug)]
#[must_use]
pub enum KeysCommand {
    /// Show Settings with the "Replace the store key…" section in view (from the Users
    /// section, after a user was removed).
    ShowRotation,
    /// Replace the store key on a worker thread (owners only; no other job may run).
    Rotate {
        /// The signed-in owner's passphrase, asked again.
        current: Passphrase,
    },
    /// Stop the rotation before it commits (the old key stays).
    CancelRotation,
    /// The owner wrote down the new recovery code and one-time passphrases: hide them.
    RotationStored,
    /// Hide the warning of the integrity check at unlock.
    DismissIntegrityWarning,
}
