//! The errors services return: store errors, invalid input naming the field, and cancelled work.

use std::path::PathBuf;

use thiserror::Error;

use crate::store::StoreError;

/// A service failure, worded for the person using the app.
#[derive(Debug, Error)]
pub enum ServiceError {
    /// From the store.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Input that cannot be accepted; the message names the field and what to do.
    #[error("{field}: {message}")]
    Invalid {
        /// The field as labelled on screen or the option on the command line.
        field: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// The signed-in user's role does not allow this; the sentence says so and whom to ask.
    #[error("{0}")]
    NotPermitted(String),
    /// No user has that name.
    #[error("There is no user called {name} in this store. Check the name (user list shows them).")]
    UnknownUser {
        /// The name given.
        name: String,
    },
    /// Too many wrong passphrases in a row: the next attempt must wait.
    #[error("Too many wrong passphrases for {name}. Wait {wait_secs} seconds, then try again.")]
    TooManyAttempts {
        /// The user.
        name: String,
        /// Seconds to wait.
        wait_secs: u64,
    },
    /// The user cancelled long work; nothing was changed.
    #[error("Cancelled; nothing was changed.")]
    Cancelled,
    /// An import file could not be read or has invalid rows; nothing was imported. Lists each
    /// problem as `file:line: column: problem`.
    #[error("{0}")]
    Import(Box<crate::domain::import::ImportErrors>),
    /// Writing an output file failed.
    #[error(
        "Could not write {path}: {reason}. Nothing was exported; check the folder exists and can be written to."
    )]
    Output {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
}

impl ServiceError {
    /// Turns a worker thread's panic report into an error (it never carries personal data).
    pub fn from_panic(message: String) -> Self {
        Self::Invalid {
            field: "Background work".into(),
            message,
        }
    }

    /// Builds an [`ServiceError::Invalid`].
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Result of a service call.
pub type ServiceResult<T> = Result<T, ServiceError>;
