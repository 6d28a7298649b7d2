//! The errors of the store, each a sentence a privacy officer can act on.

use std::path::PathBuf;

use thiserror::Error;
use uuid::Uuid;

use crate::crypto::CryptoError;

/// What can go wrong opening, reading or writing a store.
#[derive(Debug, Error)]
pub enum StoreError {
    /// No file at the path.
    #[error(
        "There is no Privacy Desk store at {path}. Create one first (privacy-desk init), or check the path."
    )]
    NotFound {
        /// The path looked at.
        path: PathBuf,
    },
    /// Creating a store where one already exists.
    #[error(
        "A store already exists at {path}; it was left as it is. Choose another path to create a new one."
    )]
    AlreadyExists {
        /// The existing file.
        path: PathBuf,
    },
    /// Another process holds the store.
    #[error("This store is open in another Privacy Desk window or command{}. Close it there, then try again.", pid.map(|p| format!(" (process {p})")).unwrap_or_default())]
    InUse {
        /// The other process, when it could be read from the lock file.
        pid: Option<u32>,
    },
    /// The file is a backup or a copy kept beside the store (before an upgrade or a restore),
    /// which is never opened as a live store.
    #[error(
        "{path} is a backup (or a copy kept before an upgrade or a restore), not a live store: it is never opened directly, so that no one works in an old copy by mistake. To use it, restore it: `privacy-desk restore {path} --to NEW-PATH` (or Settings → Backups → Restore in the window). Nothing was changed."
    )]
    SideCopy {
        /// The file.
        path: PathBuf,
    },
    /// The file is not a Privacy Desk store.
    #[error("{path} is not a Privacy Desk store ({why}). Nothing was changed.")]
    NotAStore {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        why: String,
    },
    /// The store was written by a newer version.
    #[error(
        "This store was written by a newer version of Privacy Desk (store format {found}; this version reads up to {supported}). It was not changed. Install the newer version to open it."
    )]
    NewerVersion {
        /// The store's schema version.
        found: i64,
        /// The newest this build knows.
        supported: i64,
    },
    /// The file is damaged.
    #[error("The store file is damaged ({0}). Restore it from a backup; nothing was changed.")]
    Corrupt(String),
    /// The passphrase did not unwrap the vault key.
    #[error(
        "That passphrase does not open this store. Your data was not touched; the failed attempt was counted. Check it and try again."
    )]
    WrongPassphrase,
    /// The recovery code did not unwrap the vault key.
    #[error(
        "That recovery code does not open this store. Nothing was changed; check it and try again."
    )]
    WrongRecoveryCode,
    /// A sealed field failed to open.
    #[error(
        "The {column} of {table} record {record} cannot be opened: it was altered or moved inside the file. Other records are not affected; restore this one from a backup."
    )]
    FieldTampered {
        /// Table.
        table: &'static str,
        /// Column.
        column: &'static str,
        /// Record id.
        record: Uuid,
    },
    /// The change would break a uniqueness or consistency rule; the sentence says which.
    #[error("{0}")]
    Conflict(String),
    /// A write was started while another was open on the same store: a bug in Privacy Desk.
    #[error(
        "Privacy Desk tried to start a change while another was still open; nothing was changed. Please report this."
    )]
    NestedWrite,
    /// A change was asked for while a long task changes the store on its own connection.
    #[error(
        "Another task (an import, an export, a sweep or a backup) is changing the store; nothing was changed. Try again when it has finished."
    )]
    WorkerWriting,
    /// The disk is full.
    #[error(
        "The disk is full, so nothing was saved. Free some space and try again; the store is unchanged."
    )]
    DiskFull,
    /// A file operation failed.
    #[error("Could not {action} {path}: {source}")]
    Io {
        /// What was being done ("create the folder", "write the backup", …).
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A crypto failure other than a wrong key.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// The migration library failed.
    #[error("Could not upgrade the store format: {0}. The store was backed up before the attempt.")]
    Migration(String),
    /// Any other database error.
    #[error("Database error: {0}")]
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Self::DiskFull,
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => {
                Self::Corrupt(e.to_string())
            }
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                Self::InUse { pid: None }
            }
            _ => Self::Sql(e),
        }
    }
}

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;
