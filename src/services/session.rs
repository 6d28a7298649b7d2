//! A session: a store unlocked by one of its users. Creating a store, signing in with a
//! passphrase or with the recovery code, and changing one's passphrase live here.
//!
//! Envelope encryption (the Bitwarden/CipherSweet pattern): a random 256-bit vault key,
//! wrapped (AES-256-GCM) once per user under an Argon2id key from that user's passphrase, and
//! once under an Argon2id key from the recovery code. A failed unwrap is the wrong-passphrase
//! signal; no password hash is stored. Changing a passphrase re-wraps only, in one transaction.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;
use uuid::Uuid;

use crate::crash_point::crash_point;
use crate::crypto::{
    self, FieldRef, KdfParams, Passphrase, RecoveryCode, SecretKey, VaultKeys, derive_kek,
    random_salt,
};
use crate::domain::access::{Role, check_user_name, retry_wait_secs};
use crate::domain::audit::{AuditAction, EntityRef, NewAuditEntry};
use crate::domain::purpose::{CataloguePurpose, DEFAULT_CATALOGUE, parse_catalogue};
use crate::domain::user::User;
use crate::store::users::{self, KeyWrap};
use crate::store::{Store, StoreError, VaultHeader, header};
use crate::store::{audit_log, purposes};

use super::{ServiceError, ServiceResult};

/// Where an action came from, recorded in the audit trail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The desktop window.
    Gui,
    /// The command line.
    Cli,
}

impl Via {
    /// The code stored in audit entries.
    pub fn code(self) -> &'static str {
        match self {
            Self::Gui => "gui",
            Self::Cli => "cli",
        }
    }
}

/// The name of the first user when none is chosen.
pub const DEFAULT_OWNER_NAME: &str = "owner";

/// The usual file extension of a store (`pdesk`).
pub const STORE_EXTENSION: &str = crate::store::EXTENSION;

/// The default store location: `privacy-desk/store.pdesk` in the platform data directory.
pub fn default_store_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Privacy Desk", "privacy-desk")
        .map(|d| d.data_dir().join(format!("store.{STORE_EXTENSION}")))
}

/// An unlocked store and the user who unlocked it.
#[derive(Debug)]
pub struct Session {
    pub(crate) store: Store,
    pub(crate) keys: Arc<VaultKeys>,
    pub(crate) vault_key: SecretKey,
    pub(crate) user: User,
    pub(crate) via: Via,
    /// What the integrity check at unlock found (see `services::audit::integrity`).
    pub(crate) unlock_check: Option<super::audit::UnlockCheck>,
}

pub(super) fn crypto_error(e: crypto::CryptoError) -> ServiceError {
    ServiceError::Store(StoreError::Crypto(e))
}

/// Where a user's wrap lives: bound to this store and this user, so it cannot be moved.
fn user_wrap_ref(store_id: &[u8; 16], user_id: Uuid) -> [u8; 32] {
    let mut record = [0u8; 32];
    record[..16].copy_from_slice(store_id);
    record[16..].copy_from_slice(user_id.as_bytes());
    record
}

/// Wraps the vault key under a key derived from `passphrase`.
pub(super) fn wrap_for_user(
    vault_key: &SecretKey,
    store_id: &[u8; 16],
    user_id: Uuid,
    passphrase: &Passphrase,
    kdf: KdfParams,
) -> ServiceResult<KeyWrap> {
    let salt = random_salt().map_err(crypto_error)?;
    let kek = derive_kek(passphrase.expose_secret_bytes(), &salt, kdf).map_err(crypto_error)?;
    let record = user_wrap_ref(store_id, user_id);
    let at = FieldRef {
        table: "users",
        column: "wrapped_key",
        record: &record,
    };
    let wrapped = crypto::seal(&kek, at, vault_key.expose_secret_bytes()).map_err(crypto_error)?;
    Ok(KeyWrap { kdf, salt, wrapped })
}

/// Opens a user's wrap with `passphrase`; `Ok(None)` when the passphrase is wrong.
fn unwrap_for_user(
    wrap: &KeyWrap,
    store_id: &[u8; 16],
    user_id: Uuid,
    passphrase: &Passphrase,
) -> ServiceResult<Option<SecretKey>> {
    let kek =
        derive_kek(passphrase.expose_secret_bytes(), &wrap.salt, wrap.kdf).map_err(crypto_error)?;
    let record = user_wrap_ref(store_id, user_id);
    let at = FieldRef {
        table: "users",
        column: "wrapped_key",
        record: &record,
    };
    Ok(crypto::open(&kek, at, &wrap.wrapped)
        .ok()
        .and_then(|bytes| SecretKey::from_slice(&bytes).ok()))
}

const RECOVERY_AT: (&str, &str) = ("vault_header", "wrapped_key_recovery");

/// Wraps the vault key under a key derived from the recovery code: (salt, wrapped key).
pub(super) fn wrap_for_recovery(
    vault_key: &SecretKey,
    store_id: &[u8; 16],
    code: &RecoveryCode,
    kdf: KdfParams,
) -> ServiceResult<([u8; crypto::SALT_LEN], Vec<u8>)> {
    let salt = random_salt().map_err(crypto_error)?;
    let kek = derive_kek(code.expose_secret_bytes(), &salt, kdf).map_err(crypto_error)?;
    let at = FieldRef {
        table: RECOVERY_AT.0,
        column: RECOVERY_AT.1,
        record: store_id,
    };
    let wrapped = crypto::seal(&kek, at, vault_key.expose_secret_bytes()).map_err(crypto_error)?;
    Ok((salt, wrapped))
}

impl Session {
    /// Creates a store at `path` whose first user, `owner_name`, is its owner; returns the open
    /// session and the recovery code, which is shown once and never stored in the clear.
    pub fn create(
        path: &Path,
        owner_name: &str,
        passphrase: &Passphrase,
        kdf: KdfParams,
        via: Via,
    ) -> ServiceResult<(Session, RecoveryCode)> {
        check_user_name(owner_name).map_err(|m| ServiceError::invalid("User name", m))?;
        passphrase
            .check_strength()
            .map_err(|m| ServiceError::invalid("Passphrase", m))?;
        kdf.validate().map_err(crypto_error)?;
        if path.exists() {
            return Err(StoreError::AlreadyExists {
                path: path.to_owned(),
            }
            .into());
        }
        let store_id = *Uuid::new_v4().as_bytes();
        let vault_key = SecretKey::random().map_err(crypto_error)?;
        let recovery = RecoveryCode::generate().map_err(crypto_error)?;
        let (recovery_salt, wrapped_key_recovery) =
            wrap_for_recovery(&vault_key, &store_id, &recovery, kdf)?;
        let now = Utc::now().to_rfc3339();
        let header = VaultHeader {
            store_id,
            format_version: header::HEADER_FORMAT_VERSION,
            kdf,
            recovery_salt,
            wrapped_key_recovery,
            created_at: now.clone(),
            seal_count: 0,
            audit_head_seq: 0,
            audit_head_mac: Vec::new(),
        };
        let owner = User {
            id: Uuid::new_v4(),
            name: owner_name.to_owned(),
            role: Role::Owner,
            created_at: now,
            passphrase_changed_at: None,
            failed_attempts: 0,
            last_failed_at: None,
        };
        let wrap = wrap_for_user(&vault_key, &store_id, owner.id, passphrase, kdf)?;
        let keys = VaultKeys::derive(&vault_key);
        let entry = NewAuditEntry {
            actor: owner.name.clone(),
            via: via.code().to_owned(),
            action: AuditAction::StoreCreated,
            entity: EntityRef::new("store", Uuid::from_bytes(store_id).to_string()),
            details: format!(
                "kdf argon2id m={} KiB t={} p={}; owner {}{}",
                kdf.memory_kib,
                kdf.iterations,
                kdf.parallelism,
                owner.id,
                crate::store::integrity::CREATED_TAGGED
            ),
        };
        let catalogue = default_catalogue()?;
        let taxonomy = crate::services::records::taxonomy_rows::default_taxonomy()?;
        let adopted = NewAuditEntry {
            action: AuditAction::PurposesAdopted,
            entity: EntityRef::new("purposes", ""),
            details: format!(
                "{} purposes from assets/purposes.toml; {} data categories from assets/data_categories.toml",
                catalogue.len(),
                taxonomy.categories().len()
            ),
            ..entry.clone()
        };
        let audit_key = &keys.audit;
        let store_keys = (audit_key, &keys.row_mac);
        let store = Store::create(path, &header, (&owner, &wrap), store_keys, &entry, |conn| {
            for p in &catalogue {
                purposes::insert(conn, &p.purpose, &p.notice)?;
            }
            crate::services::records::taxonomy_rows::write_taxonomy(conn, &taxonomy)?;
            audit_log::append(conn, audit_key, &adopted).map(drop)
        })?;
        let mut session = Session {
            store,
            keys: Arc::new(keys),
            vault_key,
            user: owner,
            via,
            unlock_check: None,
        };
        session.start_tagging()?;
        Ok((session, recovery))
    }

    /// Opens the store at `path` and signs `user` in with their passphrase (no name: the only
    /// user, or the first owner). A wrong passphrase is counted; after three in a row each
    /// further attempt must wait longer (2 s, 4 s, … up to 5 minutes).
    pub fn unlock(
        path: &Path,
        user: Option<&str>,
        passphrase: &Passphrase,
        via: Via,
    ) -> ServiceResult<Session> {
        let store = Store::open(path)?;
        let header = store.header()?;
        let (user, wrap) = find_user(&store, user)?;
        let Some(vault_key) =
            throttled_unwrap(store.db(), &user, &wrap, &header.store_id, passphrase)?
        else {
            return Err(StoreError::WrongPassphrase.into());
        };
        let failures = user.failed_attempts;
        let mut session = Self::opened(store, vault_key, user, via)?;
        let details = match failures {
            0 => String::new(),
            1 => "after 1 failed attempt".to_owned(),
            n => format!("after {n} failed attempts"),
        };
        let entry = session.entry(
            AuditAction::Unlocked,
            EntityRef::new("session", ""),
            details,
        );
        let user_id = session.user.id;
        let mut w = session.store.write()?;
        users::reset_failures(&w, user_id)?;
        w.append_audit(&session.keys.audit, &entry)?;
        w.commit()?;
        session.user.failed_attempts = 0;
        session.records().adopt_default_taxonomy_if_needed()?;
        session.consent().adopt_default_purposes_if_empty()?;
        session.check_rows_at_unlock()?;
        Ok(session)
    }

    /// Opens the store with the recovery code and sets a new passphrase for an owner (no
    /// name: the first owner), in one transaction.
    pub fn recover(
        path: &Path,
        owner: Option<&str>,
        code: &RecoveryCode,
        new_passphrase: &Passphrase,
        via: Via,
    ) -> ServiceResult<Session> {
        new_passphrase
            .check_strength()
            .map_err(|m| ServiceError::invalid("New passphrase", m))?;
        let store = Store::open(path)?;
        let header = store.header()?;
        let user = match owner {
            Some(name) => find_user(&store, Some(name))?.0,
            None => users::list(store.db())?
                .into_iter()
                .find(|u| u.role == Role::Owner)
                .ok_or_else(|| StoreError::Corrupt("the store has no owner".into()))?,
        };
        if user.role != Role::Owner {
            return Err(ServiceError::invalid(
                "User",
                format!(
                    "The recovery code resets an owner's passphrase; {} is {}.",
                    user.name,
                    user.role.label()
                ),
            ));
        }
        let kek = derive_kek(
            code.expose_secret_bytes(),
            &header.recovery_salt,
            header.kdf,
        )
        .map_err(crypto_error)?;
        let at = FieldRef {
            table: RECOVERY_AT.0,
            column: RECOVERY_AT.1,
            record: &header.store_id,
        };
        let vault_key = crypto::open(&kek, at, &header.wrapped_key_recovery)
            .ok()
            .and_then(|bytes| SecretKey::from_slice(&bytes).ok())
            .ok_or(StoreError::WrongRecoveryCode)?;
        // A recovery never weakens the owner's wrap: it may follow a header or a wrap whose
        // parameters were lowered (to the floor) by someone who had the file.
        let stored = users::find(store.db(), &user.name)?.map(|(_, wrap)| wrap.kdf);
        let kdf = KdfParams::strongest(stored.into_iter().chain([header.kdf, KdfParams::DEFAULT]))
            .unwrap_or(KdfParams::DEFAULT);
        let mut session = Self::opened(store, vault_key, user, via)?;
        session.rewrap_own_passphrase(new_passphrase, AuditAction::RecoveredWithCode, kdf)?;
        session.records().adopt_default_taxonomy_if_needed()?;
        session.consent().adopt_default_purposes_if_empty()?;
        session.check_rows_at_unlock()?;
        Ok(session)
    }

    /// A session on a store whose vault key was just proven: upgrades an older store first,
    /// then tags the rows an earlier version wrote (once).
    fn opened(mut store: Store, vault_key: SecretKey, user: User, via: Via) -> ServiceResult<Self> {
        store.upgrade()?;
        // A rotated store carries its email-index and pseudonym keys over (see `rotate.rs`).
        let store_id = store.header()?.store_id;
        let carried = header::carried_keys(store.db())?;
        let keys = VaultKeys::unlock(&vault_key, &store_id, carried.as_deref()).map_err(|_| {
            StoreError::Corrupt(
                "the carried keys in the header do not open with this store's key".into(),
            )
        })?;
        let mut session = Session {
            store,
            keys: Arc::new(keys),
            vault_key,
            user,
            via,
            unlock_check: None,
        };
        session.start_tagging()?;
        Ok(session)
    }

    /// Re-wraps the vault key under a new passphrase for the signed-in user with `kdf`, in one
    /// transaction with its audit entry. After a crash at any step exactly one passphrase
    /// opens the store.
    pub(super) fn rewrap_own_passphrase(
        &mut self,
        new: &Passphrase,
        action: AuditAction,
        kdf: KdfParams,
    ) -> ServiceResult<()> {
        crash_point("passphrase-change:start");
        let header = self.store.header()?;
        let wrap = wrap_for_user(&self.vault_key, &header.store_id, self.user.id, new, kdf)?;
        crash_point("passphrase-change:derived");
        let entry = self.entry(
            action,
            EntityRef::new("user", self.user.id.to_string()),
            String::new(),
        );
        let mut w = self.store.write()?;
        users::set_wrap(&w, self.user.id, &wrap, &Utc::now().to_rfc3339())?;
        users::reset_failures(&w, self.user.id)?;
        crash_point("passphrase-change:header-written");
        w.append_audit(&self.keys.audit, &entry)?;
        crash_point("passphrase-change:audited");
        w.commit()?;
        crash_point("passphrase-change:committed");
        Ok(())
    }

    /// An audit entry by the signed-in user.
    pub(crate) fn entry(
        &self,
        action: AuditAction,
        entity: EntityRef,
        details: String,
    ) -> NewAuditEntry {
        self.audit().entry(action, entity, details)
    }

    /// The store file.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// The store, for read-only queries by the services.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The same user on a second connection to the same store, with the same keys, for a long
    /// change on another thread (the window keeps this session and stays usable for reading).
    /// While it lives, changes through this session are refused with a sentence saying why
    /// (`StoreError::WorkerWriting`); the store stays locked until both are dropped.
    pub fn worker(&self) -> ServiceResult<Session> {
        let vault_key = SecretKey::from_bytes(zeroize::Zeroizing::new(
            *self.vault_key.expose_secret_bytes(),
        ));
        Ok(Session {
            store: self.store.worker()?,
            keys: Arc::clone(&self.keys),
            vault_key,
            user: self.user.clone(),
            via: self.via,
            unlock_check: None,
        })
    }

    /// How many changes were committed to the store since it was opened (by this session or
    /// its workers): what the window keeps its view data against.
    pub fn generation(&self) -> u64 {
        self.store.generation()
    }

    /// Where actions of this session come from.
    pub fn via(&self) -> Via {
        self.via
    }
}

/// Opens `user`'s wrap with `passphrase` unless they must wait after earlier failures; a wrong
/// passphrase is counted (timed after the key derivation, so the wait is not shortened by it).
pub(super) fn throttled_unwrap(
    conn: &crate::store::Db,
    user: &User,
    wrap: &KeyWrap,
    store_id: &[u8; 16],
    passphrase: &Passphrase,
) -> ServiceResult<Option<SecretKey>> {
    let wait_secs = retry_wait_secs(
        user.failed_attempts,
        user.last_failed_at.as_deref(),
        Utc::now(),
    );
    if wait_secs > 0 {
        return Err(ServiceError::TooManyAttempts {
            name: user.name.clone(),
            wait_secs,
        });
    }
    let key = unwrap_for_user(wrap, store_id, user.id, passphrase)?;
    if key.is_none() {
        users::record_failure(conn, user.id, &Utc::now().to_rfc3339())?;
    }
    Ok(key)
}

/// The user named `name`, or the default user (the only one, else the first owner).
fn find_user(store: &Store, name: Option<&str>) -> ServiceResult<(User, KeyWrap)> {
    let name = match name {
        Some(n) => n.to_owned(),
        None => users::default_user(store.db())?
            .ok_or_else(|| StoreError::Corrupt("the store has no users".into()))?,
    };
    users::find(store.db(), &name)?.ok_or(ServiceError::UnknownUser { name })
}

/// The purpose catalogue shipped with the program.
pub(super) fn default_catalogue() -> ServiceResult<Vec<CataloguePurpose>> {
    parse_catalogue(DEFAULT_CATALOGUE, "assets/purposes.toml")
        .map_err(|e| ServiceError::invalid("Default purposes", e))
}
