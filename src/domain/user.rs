//! A user of a store, as the window and the CLI see them (never their key material).

use serde::Serialize;
use uuid::Uuid;

use super::access::Role;

/// A user who can sign in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    /// Identifier.
    pub id: Uuid,
    /// Login name, shown in the audit trail.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// When the user was added (RFC 3339).
    pub created_at: String,
    /// When their passphrase last changed (RFC 3339).
    pub passphrase_changed_at: Option<String>,
    /// Wrong passphrases since their last successful sign-in.
    pub failed_attempts: u32,
    /// When the last wrong passphrase was tried (RFC 3339).
    pub last_failed_at: Option<String>,
}
