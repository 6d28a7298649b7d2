//! Restoring a backup.
//!
//! A restore never loses an erasure. Erasure records are plain (a keyed blind index of the
//! email, a day, a reference), so they are read from the current store without unlocking it,
//! before anything is replaced; every record the backup lacks is re-applied in the restored
//! copy (the people with that email are removed the way an erasure removes them, and the
//! record is copied) before the copy is put in place. The steps:
//!
//! 1. the backup is verified (a Privacy Desk file, not newer than this build, SQLite's
//!    integrity check, a key header) and the current store's lock is taken;
//! 2. the current store's erasure records are read (it must be the same store: blind
//!    indexes are keyed per store); replacing it needs a [`RestoreAuthority`] from an owner or
//!    officer of it, checked again against its users (`authority`);
//! 3. the backup is copied to `<target>.restoring`, unlocked there with the passphrase that
//!    was valid when it was taken, and migrated if it is older;
//! 4. the missing erasures are re-applied, and the users removed from the replaced store since
//!    the backup are removed again, with one `backup.restored` audit entry;
//! 5. the copy is checked again; the current store is moved aside to
//!    `<name>.before-restore-<time>.pdesk` (kept), and the copy renamed into place.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::crypto::Passphrase;
use crate::services::{ServiceError, ServiceResult, Session, Via};
use crate::store::backup::{self as files, ErasureSet, with_suffix};
use crate::store::migrations::LATEST_VERSION;
use crate::store::{StoreError, StoreLock};

use super::authority::{self, RestoreAuthority};
use super::swap::{Leftovers, put_in_place};
use super::{invalid_backup, same_file};

/// How a restore treats its target.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestoreOptions {
    /// Replace a store already at the target; it is kept beside it as
    /// `<name>.before-restore-<time>.pdesk`. Without it an existing target is refused.
    pub replace: bool,
    /// Another file of the same store whose erasures must be re-applied as well (the current
    /// store, when restoring to a new place). A store at the target is always read.
    pub erasures_from: Option<PathBuf>,
    /// Proof that an owner or officer of the store at the target unlocked it
    /// ([`crate::services::Backups::restore_authority`]). Needed to replace a store; a new
    /// path needs none.
    pub authority: Option<RestoreAuthority>,
}

/// A restore that was done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RestoreSummary {
    /// The restored store.
    pub path: PathBuf,
    /// Erasure records made since the backup, re-applied in the restored store.
    pub erasures_reapplied: u64,
    /// Subjects of the backup removed because of them.
    pub subjects_removed: u64,
    /// Of those, found by the fingerprint of their email as it was erased.
    pub removed_by_email: u64,
    /// Of those, found by their record id (their email was corrected after the backup, or
    /// they had none).
    pub removed_by_record_id: u64,
    /// Users of the backup who had been removed from the replaced store since, removed again.
    pub users_removed_again: u64,
    /// The files whose erasure records were read (none: no current store was found, so
    /// erasures made after the backup could not be known).
    pub erasures_read_from: Vec<PathBuf>,
    /// Where the replaced store was kept.
    pub previous_kept_at: Option<PathBuf>,
    /// The backup's schema version when it was older than this build's (it was upgraded).
    pub upgraded_from: Option<i64>,
}

impl Session {
    /// Restores `backup` to `target` (a new path, or the current store with
    /// [`RestoreOptions::replace`]), signing in to the backup as `user` with `passphrase` —
    /// the passphrase that was valid when the backup was taken. Every erasure made since the
    /// backup (known from the store at `target` and from [`RestoreOptions::erasures_from`])
    /// is re-applied before the copy is put in place, with one `backup.restored` audit entry
    /// in the restored store. Needs the owner or officer role in the backup.
    ///
    /// Replacing a store also needs [`RestoreOptions::authority`] from an owner or officer
    /// of that store who is still one of its users (a user removed since the backup, or one
    /// of the backup alone, has none); the users of the backup who are no longer users of the
    /// replaced store are removed again in the same write as the erasures.
    ///
    /// A store open in another window or command cannot be replaced; a backup that is
    /// damaged, not a store, or newer than this build is refused; in each case nothing is
    /// changed.
    pub fn restore(
        backup: &Path,
        target: &Path,
        passphrase: &Passphrase,
        user: Option<&str>,
        via: Via,
        options: &RestoreOptions,
    ) -> ServiceResult<RestoreSummary> {
        let info = files::verify_file(backup).map_err(|e| invalid_backup(backup, &e))?;
        let target_exists = target.exists();
        if same_file(backup, target) {
            return Err(ServiceError::invalid(
                "Restore",
                "the backup and the store to restore into are the same file; nothing was changed.",
            ));
        }
        if target_exists && !options.replace {
            return Err(ServiceError::invalid(
                "Restore",
                format!(
                    "there is already a store at {}. Replace it (--replace; it is kept beside it as a before-restore file) or restore to another path (--to). Nothing was changed.",
                    target.display()
                ),
            ));
        }
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::private_fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                action: "create the folder",
                path: parent.to_owned(),
                source,
            })?;
        }
        let lock = StoreLock::acquire(target).map_err(|e| match e {
            StoreError::InUse { .. } => ServiceError::invalid(
                "Restore",
                format!(
                    "{} cannot be replaced while it is open. {e} Nothing was changed.",
                    target.display()
                ),
            ),
            other => other.into(),
        })?;
        if target.exists() != target_exists {
            return Err(ServiceError::invalid(
                "Restore",
                format!(
                    "{} appeared or went while the restore was starting; try again. Nothing was changed.",
                    target.display()
                ),
            ));
        }
        if !target_exists && with_suffix(target, "-wal").exists() {
            return Err(ServiceError::invalid(
                "Restore",
                format!(
                    "a write-ahead log without its store is at {}-wal; move it away first. Nothing was changed.",
                    target.display()
                ),
            ));
        }
        let mut sources: Vec<PathBuf> = Vec::new();
        if target_exists {
            sources.push(target.to_owned());
        }
        if let Some(p) = &options.erasures_from
            && p.exists()
            && !sources.iter().any(|s| same_file(s, p))
            && !same_file(p, backup)
        {
            sources.push(p.clone());
        }
        let mut known: Vec<ErasureSet> = Vec::new();
        let mut current_users = None;
        for source in &sources {
            let set = files::read_erasures(source).map_err(|e| {
                ServiceError::invalid(
                    "Restore",
                    format!(
                        "the erasures made in {} cannot be read, so the backup was not restored (it could bring erased people back). {e} If that store is lost or damaged, move it away and restore again, then erase anyone erased since the backup once more.",
                        source.display()
                    ),
                )
            })?;
            if set.store_id != info.store_id {
                return Err(ServiceError::invalid(
                    "Restore",
                    format!(
                        "the backup is of another store than {}, so the erasures made there cannot be matched in it. Nothing was changed. To replace that store with another one's backup, move it away first.",
                        source.display()
                    ),
                ));
            }
            if target_exists && known.is_empty() {
                // The first source is the store at the target.
                let checked = authority::check(options.authority.as_ref(), target, set.store_id);
                match checked {
                    Ok(users) => current_users = Some(users),
                    Err(e) => {
                        // Reading the store left its (empty) log files beside it: fold them
                        // back, so a refusal leaves the folder as it was.
                        let _ = files::fold_log(target);
                        return Err(e);
                    }
                }
            }
            known.push(set);
        }

        let restoring = with_suffix(target, ".restoring");
        let leftovers = Leftovers::of(&restoring);
        leftovers.remove();
        let outcome = Self::build_restored(
            backup,
            &restoring,
            &info,
            (&known, current_users.as_ref()),
            passphrase,
            user,
            via,
            &leftovers,
        );
        let reapplied = match outcome {
            Ok(counts) => counts,
            Err(e) => {
                leftovers.remove();
                return Err(e);
            }
        };
        let previous_kept_at = match put_in_place(&restoring, target, target_exists) {
            Ok(kept) => kept,
            Err(e) => {
                leftovers.remove();
                return Err(e);
            }
        };
        leftovers.remove();
        drop(lock);
        Ok(RestoreSummary {
            path: target.to_owned(),
            erasures_reapplied: reapplied.records,
            subjects_removed: reapplied.by_email + reapplied.by_record_id,
            removed_by_email: reapplied.by_email,
            removed_by_record_id: reapplied.by_record_id,
            users_removed_again: reapplied.users,
            erasures_read_from: sources,
            previous_kept_at,
            upgraded_from: (info.schema_version < LATEST_VERSION).then_some(info.schema_version),
        })
    }
}
