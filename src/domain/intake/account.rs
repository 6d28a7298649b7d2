//! The IMAP account intake reads: the business's own privacy mailbox.

use zeroize::Zeroizing;

/// Where and as whom `inbox fetch` reads mail. The password is wiped when dropped and never
/// printed.
#[derive(Clone, PartialEq, Eq)]
pub struct ImapAccount {
    /// The server's host name (checked against its TLS certificate).
    pub host: String,
    /// The IMAPS port (993 by default; TLS from the first byte).
    pub port: u16,
    /// The folder to read (`INBOX` by default).
    pub folder: String,
    /// A PEM file of certificate authorities to trust besides the public ones (a business's
    /// own mail server with a private CA or a self-signed certificate).
    pub ca_file: Option<String>,
    /// The login name.
    pub user: String,
    /// The password or app password, when stored.
    pub password: Option<Zeroizing<String>>,
}

impl std::fmt::Debug for ImapAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImapAccount")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("folder", &self.folder)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .finish_non_exhaustive()
    }
}

/// The default IMAPS port.
pub const DEFAULT_PORT: u16 = 993;
/// The default folder.
pub const DEFAULT_FOLDER: &str = "INBOX";
