//! The proof a restore needs before it may replace a store: an owner or officer of that very
//! store unlocked it (issue 17, item 4).
//!
//! A restore cannot hold a session on the store it replaces (the session's lock keeps the
//! restore out), so the session hands over a [`RestoreAuthority`] first: which store, where,
//! and who. Only [`Backups::restore_authority`] makes one, and only for an owner or officer.
//! Under its own lock the restore then checks again, from the store file itself, that the
//! same store is at the target and that this user is still there with that role: a user
//! removed since, or one who exists only in the backup, has no such proof.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use crate::domain::access::Permission;
use crate::services::{ServiceError, ServiceResult};
use crate::store::backup as files;

use super::Backups;

/// Proof that an owner or officer unlocked the store a restore is to replace. Made by
/// [`Backups::restore_authority`]; passed in [`super::RestoreOptions::authority`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreAuthority {
    store_id: [u8; 16],
    path: PathBuf,
    user_id: Uuid,
}

impl Backups<'_> {
    /// Proof, for [`crate::services::Session::restore`], that the signed-in user may replace
    /// this store with a backup. Needs the owner or officer role; any other role is refused
    /// with a sentence naming it.
    pub fn restore_authority(&self) -> ServiceResult<RestoreAuthority> {
        self.require_backup_role()?;
        Ok(RestoreAuthority {
            store_id: self.store.header()?.store_id,
            path: self.store.path().to_owned(),
            user_id: self.user.id,
        })
    }
}

/// The users of the store at `target`, checked against `authority` under the restore's lock:
/// the same store, and its user still there as an owner or officer. Returns the ids of the
/// store's users (those of the backup who are not among them are removed again).
pub(super) fn check(
    authority: Option<&RestoreAuthority>,
    target: &Path,
    target_store_id: [u8; 16],
) -> ServiceResult<HashSet<Uuid>> {
    let Some(authority) = authority else {
        return Err(ServiceError::NotPermitted(format!(
            "replacing the store at {} needs an owner or privacy officer of that store signed in to it (in the window, restore from Settings while signed in; on the command line, --user and --passphrase-file open it first). Nothing was changed.",
            target.display()
        )));
    };
    if authority.store_id != target_store_id || !super::same_file(&authority.path, target) {
        return Err(ServiceError::NotPermitted(format!(
            "the sign-in given for the restore is not to the store at {}; sign in to that store, then restore. Nothing was changed.",
            target.display()
        )));
    }
    let users = files::read_users(target)?;
    match users.iter().find(|u| u.id == authority.user_id) {
        None => Err(ServiceError::NotPermitted(format!(
            "the user who signed in is no longer a user of the store at {}, so they cannot replace it. Nothing was changed.",
            target.display()
        ))),
        Some(u) if !u.role.can(Permission::EditOrganisation) => {
            Err(ServiceError::NotPermitted(format!(
                "Your role ({}) does not allow restores over the store at {}: a restore replaces all the personal data in it. Ask an owner or a privacy officer. Nothing was changed.",
                u.role.label(),
                target.display()
            )))
        }
        Some(_) => Ok(users.iter().map(|u| u.id).collect()),
    }
}
