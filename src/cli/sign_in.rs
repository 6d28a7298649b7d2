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

/// Signs in as `--user` (or the default user) with the passphrase from its source.
pub(super) fn unlock(store: &Path, g: &Globals<'_>) -> anyhow::Result<Session> {
    let passphrase = secrets::passphrase(g.passphrase_file)?;
    Ok(Session::unlock(store, g.user, &passphrase, Via::Cli)?)
}
