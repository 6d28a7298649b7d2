//! What Settings → Self-service and mailbox asks for.

use std::path::PathBuf;

use zeroize::Zeroizing;

use crate::domain::site::Lang;

/// The IMAP mailbox as typed in Settings.
pub struct MailboxForm {
    /// The server's host name.
    pub host: String,
    /// The IMAPS port.
    pub port: u16,
    /// The login name on the server.
    pub user: String,
    /// The folder read.
    pub folder: String,
    /// A PEM file of the server's certificate authority (none: the public ones).
    pub ca_file: Option<String>,
    /// A new password or app password (none: keep the stored one).
    pub password: Option<Zeroizing<String>>,
}

/// A command of Settings → Self-service and mailbox.
pub enum SiteCommand {
    /// Set the address the pages' forms submit to (none: by email to the privacy address).
    SetFormAction(Option<String>),
    /// Build the self-service site in these languages into a folder, in the background.
    BuildSite {
        /// The folder.
        dir: PathBuf,
        /// The languages, the first being the root page's.
        langs: Vec<Lang>,
    },
    /// Store the mailbox `inbox fetch` and Requests → Inbox read (the password sealed).
    SaveMailbox(MailboxForm),
}

impl std::fmt::Debug for SiteCommand {
    /// Names the command; never the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::SetFormAction(url) => write!(f, "SetFormAction({url:?})"),
            Self::BuildSite { dir, langs } => write!(f, "BuildSite({}, {langs:?})", dir.display()),
            Self::SaveMailbox(m) => write!(
                f,
                "SaveMailbox({}:{}, folder {}, password {})",
                m.host,
                m.port,
                m.folder,
                if m.password.is_some() {
                    "given"
                } else {
                    "kept"
                }
            ),
        }
    }
}
