//! Users at the service level: who is signed in, the permission check every service call makes,
//! changing one's passphrase, and the owner's user management.

use std::path::Path;

use chrono::Utc;
use uuid::Uuid;

use crate::crypto::Passphrase;
use crate::domain::access::{Permission, Role, check_user_name};
use crate::domain::audit::{AuditAction, EntityRef};
use crate::domain::user::User;
use crate::store::users;
use crate::store::{Store, StoreError};

use super::session::{throttled_unwrap, wrap_for_user};

pub mod rotate;
use super::{ServiceError, ServiceResult, Session};

/// The users of the store at `path` as (name, role), for the sign-in screen. Opens the store
/// briefly; needs no passphrase (login names are not secret).
pub fn sign_in_users(path: &Path) -> ServiceResult<Vec<(String, Role)>> {
    let store = Store::open(path)?;
    Ok(users::list(store.db())?
        .into_iter()
        .map(|u| (u.name, u.role))
        .collect())
}

/// Whether the store at `path` was made by an earlier version of Privacy Desk, so that the
/// next unlock first keeps a copy and upgrades it (a minute or so for a million people). `false`
/// when it cannot be told: unlocking then says what is wrong.
pub fn store_needs_upgrade(path: &Path) -> bool {
    crate::store::file_schema_version(path)
        .is_ok_and(|v| v < crate::store::migrations::LATEST_VERSION)
}

impl Session {
    /// The signed-in user.
    pub fn user(&self) -> &User {
        &self.user
    }

    /// Whether the signed-in user's role allows `permission`.
    pub fn can(&self, permission: Permission) -> bool {
        self.user.role.can(permission)
    }

    /// Refuses with a sentence naming the role when it does not allow `permission`.
    pub fn require(&self, permission: Permission) -> ServiceResult<()> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(ServiceError::NotPermitted(
                permission.why_not(self.user.role),
            ))
        }
    }
}

/// The users area of a session: the signed-in user's passphrase and the owner's user
/// management. The only front that sees the vault key (to wrap it for a new user) and that
/// changes the session itself (a user who changes their own role), so it borrows the session
/// mutably.
#[derive(Debug)]
pub struct Users<'s> {
    session: &'s mut Session,
}

impl Session {
    /// The users area: passphrases and user management.
    pub fn users(&mut self) -> Users<'_> {
        Users { session: self }
    }
}

impl std::ops::Deref for Users<'_> {
    type Target = Session;

    fn deref(&self) -> &Session {
        self.session
    }
}

impl std::ops::DerefMut for Users<'_> {
    fn deref_mut(&mut self) -> &mut Session {
        self.session
    }
}

impl Users<'_> {
    /// Changes the signed-in user's passphrase: checks the current one, then re-wraps.
    pub fn change_passphrase(
        &mut self,
        current: &Passphrase,
        new: &Passphrase,
    ) -> ServiceResult<()> {
        self.require(Permission::ChangeOwnPassphrase)?;
        new.check_strength()
            .map_err(|m| ServiceError::invalid("New passphrase", m))?;
        if current.matches(new) {
            return Err(ServiceError::invalid(
                "New passphrase",
                "It is the same as the current one; choose a different passphrase.",
            ));
        }
        let header = self.store.header()?;
        let (stored, wrap) = users::find(self.store.db(), &self.user.name)?.ok_or_else(|| {
            ServiceError::UnknownUser {
                name: self.user.name.clone(),
            }
        })?;
        // Guessing through this form is counted and slowed down like signing in.
        if throttled_unwrap(self.store.db(), &stored, &wrap, &header.store_id, current)?.is_none() {
            return Err(ServiceError::invalid(
                "Current passphrase",
                "That is not your current passphrase; nothing was changed.",
            ));
        }
        self.rewrap_own_passphrase(new, AuditAction::PassphraseChanged, wrap.kdf)
    }

    /// Every user with their failed sign-ins (owners only).
    pub fn list(&self) -> ServiceResult<Vec<User>> {
        self.require(Permission::ManageUsers)?;
        Ok(users::list(self.store.db())?)
    }

    /// Adds a user with their own passphrase, which wraps the same vault key (owners only).
    pub fn add_user(
        &mut self,
        name: &str,
        role: Role,
        passphrase: &Passphrase,
    ) -> ServiceResult<User> {
        self.require(Permission::ManageUsers)?;
        check_user_name(name).map_err(|m| ServiceError::invalid("User name", m))?;
        passphrase
            .check_strength()
            .map_err(|m| ServiceError::invalid("Passphrase", m))?;
        let header = self.store.header()?;
        let user = User {
            id: Uuid::new_v4(),
            name: name.to_owned(),
            role,
            created_at: Utc::now().to_rfc3339(),
            passphrase_changed_at: None,
            failed_attempts: 0,
            last_failed_at: None,
        };
        let wrap = wrap_for_user(
            &self.vault_key,
            &header.store_id,
            user.id,
            passphrase,
            header.kdf,
        )?;
        let entry = self.entry(
            AuditAction::UserAdded,
            EntityRef::new("user", user.id.to_string()),
            format!("{} as {}", user.name, role.code()),
        );
        let mut w = self.store.write()?;
        users::insert(&w, &user, &wrap)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(user)
    }

    /// Removes a user: their wrap of the vault key is deleted, so their passphrase no longer
    /// opens the store. The last owner and the signed-in user cannot be removed.
    pub fn remove_user(&mut self, name: &str) -> ServiceResult<()> {
        self.require(Permission::ManageUsers)?;
        let user = self.named_user(name)?;
        if user.id == self.user.id {
            return Err(StoreError::Conflict(
                "You cannot remove yourself; another owner can.".into(),
            )
            .into());
        }
        self.ensure_not_last_owner(&user)?;
        let entry = self.entry(
            AuditAction::UserRemoved,
            EntityRef::new("user", user.id.to_string()),
            format!("{} ({})", user.name, user.role.code()),
        );
        let mut w = self.store.write()?;
        users::delete(&w, user.id)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// The user called `name`.
    fn named_user(&self, name: &str) -> ServiceResult<User> {
        users::find(self.store.db(), name)?
            .map(|(user, _)| user)
            .ok_or_else(|| ServiceError::UnknownUser {
                name: name.to_owned(),
            })
    }

    /// Refuses to remove or demote the store's last owner.
    fn ensure_not_last_owner(&self, user: &User) -> ServiceResult<()> {
        if user.role == Role::Owner && users::owner_count(self.store.db())? <= 1 {
            return Err(StoreError::Conflict(format!(
                "{} is the last owner; make someone else an owner first.",
                user.name
            ))
            .into());
        }
        Ok(())
    }

    /// Changes a user's role; the store always keeps at least one owner.
    pub fn set_user_role(&mut self, name: &str, role: Role) -> ServiceResult<()> {
        self.require(Permission::ManageUsers)?;
        let user = self.named_user(name)?;
        if user.role == role {
            return Ok(());
        }
        self.ensure_not_last_owner(&user)?;
        let entry = self.entry(
            AuditAction::UserRoleChanged,
            EntityRef::new("user", user.id.to_string()),
            format!("{} from {} to {}", user.name, user.role.code(), role.code()),
        );
        let mut w = self.store.write()?;
        users::set_role(&w, user.id, role)?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        if user.id == self.user.id {
            self.user.role = role;
        }
        Ok(())
    }
}
