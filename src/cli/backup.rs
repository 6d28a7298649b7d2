//! `backup` and `restore`: a consistent, still-encrypted copy of the store while it is in use,
//! rotating backups for cron / Task Scheduler, and a restore that re-applies every erasure
//! made since the backup.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::services::{RestoreOptions, Session, Via};

use super::secrets;
use super::sign_in::{Globals, unlock, warn_about_changed_rows};

/// Options of `backup`.
#[derive(Debug, Args)]
#[command(
    after_help = "Write a consistent copy of the store while it stays in use. The copy stays encrypted: it opens with the passphrases (and the recovery code) valid today, even after they change later. An existing file is never overwritten.\n\nOne file:      privacy-desk backup --out FILE\nRotating:      privacy-desk backup --dir DIR --keep N\n\nWith --dir, the backup is named privacy-desk-YYYYMMDDTHHMMSSZ.pdesk (UTC) and the oldest files of exactly that pattern beyond the newest N are removed; other files in DIR are never touched. Needs the owner or officer role."
)]
pub struct BackupArgs {
    /// The backup file to write (it must not exist).
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "dir",
        conflicts_with = "dir"
    )]
    pub out: Option<PathBuf>,
    /// Write a rotating backup into this folder instead (with --keep).
    #[arg(long, value_name = "DIR", requires = "keep")]
    pub dir: Option<PathBuf>,
    /// With --dir: how many rotating backups to keep (at least 1).
    #[arg(long, value_name = "N", requires = "dir")]
    pub keep: Option<usize>,
}

/// Options of `restore`.
#[derive(Debug, Args)]
#[command(
    after_help = "Restore a backup. Sign in with the passphrase that was valid when the backup was taken (--user and --passphrase-file as usual).\n\nWithout --to the backup replaces the --store file, which needs --replace; the replaced store is kept beside it as <name>.before-restore-<time>.pdesk. Replacing a store (the --store file, or a store already at --to PATH) first unlocks it with the same --user and passphrase: only its owner or privacy officer may replace it, and users removed from it since the backup stay removed. When the passphrase changed since the backup, give the one valid then with --backup-passphrase-file. With --to PATH it is restored to a new file and the --store file is left as it is.\n\nEvery erasure made since the backup (read from the --store file, which must be the same store) is made again in the restored copy before it is put in place, so no erased person comes back. A store open in another window or command cannot be replaced. A damaged backup, a file that is not a backup, or one from a newer version is refused; nothing is changed."
)]
pub struct RestoreArgs {
    /// The backup file.
    pub file: PathBuf,
    /// Restore to this new path instead of replacing the --store file.
    #[arg(long, value_name = "PATH")]
    pub to: Option<PathBuf>,
    /// Replace the store at the target (it is kept as a before-restore file).
    #[arg(long)]
    pub replace: bool,
    /// The passphrase that opens the backup, when it is not the one that opens the store
    /// (it changed since the backup was taken).
    #[arg(long, value_name = "FILE")]
    pub backup_passphrase_file: Option<PathBuf>,
}

/// `backup …`
pub fn backup(store: &Path, g: &Globals<'_>, args: &BackupArgs) -> anyhow::Result<()> {
    let session = unlock(store, g)?;
    match (&args.out, &args.dir, args.keep) {
        (_, Some(dir), Some(keep)) => {
            let r = session.backups().backup_rotating(dir, keep)?;
            outln!(
                "Wrote the backup {} ({} bytes).",
                r.backup.path.display(),
                r.backup.bytes
            )?;
            if r.removed.is_empty() {
                outln!("No older backups removed (keeping {keep}).")?;
            } else {
                outln!(
                    "Removed {} older backup(s), keeping the newest {keep}:",
                    r.removed.len()
                )?;
                for p in &r.removed {
                    outln!("  {}", p.display())?;
                }
            }
        }
        (Some(out), _, _) => {
            let s = session.backups().backup(out)?;
            outln!(
                "Wrote the backup {} ({} bytes). It is encrypted and opens with today's passphrases.",
                s.path.display(),
                s.bytes
            )?;
        }
        _ => anyhow::bail!("give --out FILE, or --dir DIR with --keep N"),
    }
    Ok(())
}

/// `restore FILE [--to PATH] [--replace]`
pub fn restore(store: &Path, g: &Globals<'_>, args: &RestoreArgs) -> anyhow::Result<()> {
    let target = args.to.as_deref().unwrap_or(store);
    let passphrase = secrets::passphrase(g.passphrase_file)?;
    // Replacing a store needs an owner or officer of it (issue 17, item 4): unlock it first.
    let authority = if args.replace && target.exists() {
        let current = Session::unlock(target, g.user, &passphrase, Via::Cli).map_err(|e| {
            anyhow::anyhow!(
                "{} cannot be replaced: {e} Replacing a store needs its owner or privacy officer signed in to it (--user, --passphrase-file). Nothing was changed.",
                target.display()
            )
        })?;
        warn_about_changed_rows(&current);
        let authority = current.backups().restore_authority().map_err(|e| {
            anyhow::anyhow!(
                "{} cannot be replaced: {e} Nothing was changed.",
                target.display()
            )
        })?;
        drop(current);
        Some(authority)
    } else {
        None
    };
    let backup_passphrase = match &args.backup_passphrase_file {
        Some(file) => Some(secrets::passphrase(Some(file))?),
        None => None,
    };
    let options = RestoreOptions {
        replace: args.replace,
        erasures_from: Some(store.to_owned()),
        authority,
    };
    let summary = Session::restore(
        &args.file,
        target,
        backup_passphrase.as_ref().unwrap_or(&passphrase),
        g.user,
        Via::Cli,
        &options,
    )?;
    outln!(
        "Restored {} to {}.",
        args.file.display(),
        summary.path.display()
    )?;
    if let Some(v) = summary.upgraded_from {
        outln!("The backup was in format {v}; the restored store was upgraded.")?;
    }
    if summary.erasures_read_from.is_empty() {
        outln!(
            "No current store was found, so erasures made after this backup could not be re-applied. If anyone was erased since, erase them again."
        )?;
    } else {
        outln!(
            "Erasures made since the backup, re-applied: {} ({} people removed again).",
            summary.erasures_reapplied,
            summary.subjects_removed
        )?;
        if summary.subjects_removed > 0 {
            outln!(
                "Found by their email as it was erased: {}; by their record id (email corrected since, or none): {}.",
                summary.removed_by_email,
                summary.removed_by_record_id
            )?;
        }
    }
    if summary.previous_kept_at.is_some() {
        outln!(
            "Users removed from the replaced store since the backup, removed again: {}.",
            summary.users_removed_again
        )?;
    }
    if let Some(kept) = &summary.previous_kept_at {
        outln!("The replaced store was kept at {}.", kept.display())?;
    }
    Ok(())
}
