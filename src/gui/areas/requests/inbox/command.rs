//! What Requests → Inbox asks for: taking mail in (files or the IMAP folder), accepting or
//! dismissing a proposal, opening the request a proposal belongs to.

use std::path::PathBuf;

use uuid::Uuid;
use zeroize::Zeroizing;

use crate::domain::organisation::Regime;
use crate::domain::request::RequestType;

/// A command of the Inbox tab.
pub enum IntakeCommand {
    /// Take in the emails of these .mbox/.eml files and folders, on a worker session.
    Import(Vec<PathBuf>),
    /// Take in the new emails of the stored IMAP folder, on a worker session; the password
    /// when none is stored yet (it is sealed with the account once the server accepts it).
    Fetch(Option<Zeroizing<String>>),
    /// Stop the running import or fetch; what was taken in stays as it was before.
    Cancel,
    /// Open a request from a proposal (`M-0001`) with this type and regime.
    Accept {
        /// The proposal's reference.
        reference: String,
        /// The request type chosen.
        kind: RequestType,
        /// The law it falls under.
        regime: Regime,
    },
    /// Dismiss a proposal (`M-0001`): no request, or handled elsewhere.
    Dismiss(String),
    /// Leave the Inbox tab and open this request's page.
    OpenRequest(Uuid),
}

impl std::fmt::Debug for IntakeCommand {
    /// Names the command; never a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Import(paths) => write!(f, "Import({} paths)", paths.len()),
            Self::Fetch(password) => write!(
                f,
                "Fetch(password {})",
                if password.is_some() {
                    "given"
                } else {
                    "stored"
                }
            ),
            Self::Cancel => write!(f, "Cancel"),
            Self::Accept {
                reference,
                kind,
                regime,
            } => write!(f, "Accept({reference}, {kind:?}, {regime:?})"),
            Self::Dismiss(reference) => write!(f, "Dismiss({reference})"),
            Self::OpenRequest(id) => write!(f, "OpenRequest({id})"),
        }
    }
}
