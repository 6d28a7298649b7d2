//! `key rotate`: a new vault key for the store (owners only), after removing a user.

use std::path::Path;

use clap::Subcommand;

use crate::jobs::Progress;
use crate::services::{Session, Via};

use super::secrets;
use super::sign_in::Globals;

/// `key …`
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Replace the store's key (owners only), e.g. after removing a user: every sealed field is
    /// sealed again under a new key; your passphrase stays, the recovery code is replaced and
    /// every other user gets a one-time passphrase (all printed once). Backups taken before
    /// still open with the passphrases and the recovery code that were valid then.
    Rotate,
}

/// Runs a key command; the passphrase that unlocks is asked again by the rotation itself.
pub fn run(store: &Path, g: &Globals<'_>, command: KeyCommand) -> anyhow::Result<()> {
    match command {
        KeyCommand::Rotate => rotate(store, g),
    }
}

fn rotate(store: &Path, g: &Globals<'_>) -> anyhow::Result<()> {
    let current = secrets::passphrase(g.passphrase_file)?;
    let mut session = Session::unlock(store, g.user, &current, Via::Cli)?;
    let rotation = session.users().rotate_key(&current, &Progress::default())?;
    let show = || {
        outln!(
            "The store's key was replaced: {} sealed fields sealed again, {} audit entries signed again.",
            rotation.resealed,
            rotation.audit_entries
        )?;
        outln!()?;
        outln!("New recovery code (shown only now; the old one no longer opens the store):")?;
        outln!()?;
        outln!("    {}", rotation.recovery.reveal())?;
        if !rotation.one_time.is_empty() {
            outln!()?;
            outln!(
                "One-time passphrases (shown only now; give each to its user in person; they should change it with `passphrase change` when they next sign in):"
            )?;
            outln!()?;
            for given in &rotation.one_time {
                outln!("    {:<24} {}", given.user, given.reveal())?;
            }
        }
        outln!()?;
        outln!(
            "{} keeps their passphrase. Backups taken before now still open with the passphrases and the recovery code that were valid when they were taken.",
            session.user().name
        )
    };
    super::output::shown_once(
        show,
        "the key was replaced, but the new recovery code and one-time passphrases could not be shown; run `key rotate` again with the output going to a terminal or a file",
    )
}
