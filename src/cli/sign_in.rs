//! What every command shares: the global options and signing in with them.

use std::path::Path;

use crate::services::{Session, Via};

use super::secrets;

/// Options every command shares.
#[derive(Clone, Copy, Debug)]
pub struct Globals<'a> {
    /// `--passphrase-file`.
    pub passphrase_file: Option<&'a Path>,
    /// `--user`.
    pub user: Option<&'a str>,
}

/// Signs in as `--user` (or the default user) with the passphrase from its source. When the
/// integrity check at unlock found changed rows, says so on stderr (the command still runs).
pub(super) fn unlock(store: &Path, g: &Globals<'_>) -> anyhow::Result<Session> {
    let passphrase = secrets::passphrase(g.passphrase_file)?;
    let session = Session::unlock(store, g.user, &passphrase, Via::Cli)?;
    warn_about_changed_rows(&session);
    Ok(session)
}

/// Prints the integrity check's warning, if any, on stderr.
pub(super) fn warn_about_changed_rows(session: &Session) {
    if let Some(warning) = session.integrity_at_unlock().and_then(|c| c.warning()) {
        eprintln!("privacy-desk: warning: {warning}");
    }
}
