//! What the Backups section of Settings asks the app to do. Wrapped in
//! [`crate::gui::Command::Backup`] and applied after drawing (`apply_backup.rs`).

use std::path::PathBuf;

use crate::crypto::Passphrase;

/// A request from the Backups section.
#[derive(Debug)]
#[must_use]
pub enum BackupCommand {
    /// Write a backup to this file now, on a worker thread (from the save dialog).
    BackUpNow(PathBuf),
    /// Turn automatic backups on (folder, how many to keep) or off.
    SetRotation(Option<(PathBuf, usize)>),
    /// Show the restore confirmation for this backup file (from the open dialog).
    ChooseRestore(PathBuf),
    /// Replace the store with the backup: lock, restore on a worker thread, then show the
    /// unlock screen with what was done.
    Restore {
        /// The backup file.
        backup: PathBuf,
        /// Who signs in to the backup (none: its first owner).
        user: Option<String>,
        /// The passphrase that was valid when the backup was taken.
        passphrase: Passphrase,
    },
}
