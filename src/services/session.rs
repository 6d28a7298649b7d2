//! A session: a store unlocked with its keys. Creating a store, unlocking it with the
//! passphrase or the recovery code, and changing the passphrase live here.
//!
//! Envelope encryption (the Bitwarden/CipherSweet pattern): a random 256-bit vault key,
//! wrapped (AES-256-GCM) once under an Argon2id key from the passphrase and once under an
//! Argon2id key from the recovery code. A failed unwrap is the wrong-passphrase signal; no
//! password hash is stored. Changing the passphrase re-wraps only, in one transaction.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;

use crate::crash_point::crash_point;
use crate::crypto::{
    self, FieldRef, KdfParams, Passphrase, RecoveryCode, SALT_LEN, SecretKey, VaultKeys,
    derive_kek, random_salt,
};
use crate::domain::audit::{AuditAction, EntityRef, NewAuditEntry};
use crate::store::{Store, StoreError, VaultHeader, header};

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

/// The acting user until user profiles exist: the store's owner.
const OWNER: &str = "owner";

const WRAP_TABLE: &str = "vault_header";
const WRAP_PASSPHRASE: &str = "wrapped_key_passphrase";
const WRAP_RECOVERY: &str = "wrapped_key_recovery";

/// The default store location: `privacy-desk/store.pdesk` in the platform data directory.
pub fn default_store_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Privacy Desk", "privacy-desk")
        .map(|d| d.data_dir().join("store.pdesk"))
}

/// Which wrapping of the vault key a secret is meant to open.
#[derive(Clone, Copy, Debug)]
enum Wrapping {
    /// Under the passphrase KEK.
    Passphrase,
    /// Under the recovery-code KEK.
    Recovery,
}

impl Wrapping {
    /// Derives the KEK from `secret` with this wrapping's salt and opens the vault key;
    /// `Ok(None)` when the secret is wrong.
    fn unwrap_with(self, header: &VaultHeader, secret: &[u8]) -> ServiceResult<Option<SecretKey>> {
        let (column, salt, wrapped) = match self {
            Self::Passphrase => (
                WRAP_PASSPHRASE,
                &header.passphrase_salt,
                &header.wrapped_key_passphrase,
            ),
            Self::Recovery => (
                WRAP_RECOVERY,
                &header.recovery_salt,
                &header.wrapped_key_recovery,
            ),
        };
        let kek = derive_kek(secret, salt, header.kdf).map_err(kdf_error)?;
        Ok(unwrap(&kek, column, &header.store_id, wrapped))
    }
}

/// An unlocked store.
#[derive(Debug)]
pub struct Session {
    pub(super) store: Store,
    pub(super) keys: Arc<VaultKeys>,
    pub(super) via: Via,
}

fn wrap(
    kek: &SecretKey,
    column: &str,
    store_id: &[u8; 16],
    key: &SecretKey,
) -> ServiceResult<Vec<u8>> {
    let at = FieldRef {
        table: WRAP_TABLE,
        column,
        record: store_id,
    };
    Ok(crypto::seal(kek, at, key.expose_secret_bytes()).map_err(StoreError::from)?)
}

fn unwrap(kek: &SecretKey, column: &str, store_id: &[u8; 16], wrapped: &[u8]) -> Option<SecretKey> {
    let at = FieldRef {
        table: WRAP_TABLE,
        column,
        record: store_id,
    };
    let bytes = crypto::open(kek, at, wrapped).ok()?;
    SecretKey::from_slice(&bytes).ok()
}

fn kdf_error(e: crypto::CryptoError) -> ServiceError {
    ServiceError::Store(StoreError::Crypto(e))
}

impl Session {
    /// Creates a store at `path` protected by `passphrase`; returns the open session and the
    /// recovery code, which is shown once and never stored in the clear.
    pub fn create(
        path: &Path,
        passphrase: &Passphrase,
        kdf: KdfParams,
        via: Via,
    ) -> ServiceResult<(Session, RecoveryCode)> {
        passphrase
            .check_strength()
            .map_err(|m| ServiceError::invalid("Passphrase", m))?;
        kdf.validate().map_err(kdf_error)?;
        if path.exists() {
            return Err(StoreError::AlreadyExists {
                path: path.to_owned(),
            }
            .into());
        }
        let store_id = *uuid::Uuid::new_v4().as_bytes();
        let vault_key = SecretKey::random().map_err(kdf_error)?;
        let recovery = RecoveryCode::generate().map_err(kdf_error)?;
        let passphrase_salt = random_salt().map_err(kdf_error)?;
        let recovery_salt = random_salt().map_err(kdf_error)?;
        let kek = derive_kek(passphrase.expose_secret_bytes(), &passphrase_salt, kdf)
            .map_err(kdf_error)?;
        let recovery_kek =
            derive_kek(recovery.expose_secret_bytes(), &recovery_salt, kdf).map_err(kdf_error)?;
        let header = VaultHeader {
            store_id,
            format_version: header::HEADER_FORMAT_VERSION,
            kdf,
            passphrase_salt,
            wrapped_key_passphrase: wrap(&kek, WRAP_PASSPHRASE, &store_id, &vault_key)?,
            recovery_salt,
            wrapped_key_recovery: wrap(&recovery_kek, WRAP_RECOVERY, &store_id, &vault_key)?,
            created_at: Utc::now().to_rfc3339(),
            passphrase_changed_at: None,
            seal_count: 0,
            audit_head_seq: 0,
            audit_head_mac: Vec::new(),
        };
        let keys = VaultKeys::derive(&vault_key);
        let entry = Self::entry_for(
            via,
            AuditAction::StoreCreated,
            EntityRef::new("store", uuid::Uuid::from_bytes(store_id).to_string()),
            format!(
                "kdf argon2id m={} KiB t={} p={}",
                kdf.memory_kib, kdf.iterations, kdf.parallelism
            ),
        );
        let store = Store::create(path, &header, &keys.audit, &entry)?;
        Ok((
            Session {
                store,
                keys: Arc::new(keys),
                via,
            },
            recovery,
        ))
    }

    /// Opens the store at `path` and unlocks it with the passphrase.
    pub fn unlock(path: &Path, passphrase: &Passphrase, via: Via) -> ServiceResult<Session> {
        let (mut session, _, _) = Self::open_with(
            path,
            Wrapping::Passphrase,
            passphrase.expose_secret_bytes(),
            StoreError::WrongPassphrase,
            via,
        )?;
        session.record(
            AuditAction::Unlocked,
            EntityRef::new("session", ""),
            String::new(),
        )?;
        Ok(session)
    }

    /// Opens the store with the recovery code and sets a new passphrase, in one transaction.
    pub fn recover(
        path: &Path,
        code: &RecoveryCode,
        new_passphrase: &Passphrase,
        via: Via,
    ) -> ServiceResult<Session> {
        new_passphrase
            .check_strength()
            .map_err(|m| ServiceError::invalid("New passphrase", m))?;
        let (mut session, vault_key, header) = Self::open_with(
            path,
            Wrapping::Recovery,
            code.expose_secret_bytes(),
            StoreError::WrongRecoveryCode,
            via,
        )?;
        session.rewrap_passphrase(
            &vault_key,
            new_passphrase,
            header.kdf,
            AuditAction::RecoveredWithCode,
        )?;
        Ok(session)
    }

    /// Opens the store, unwraps the vault key with `secret` (or fails with `wrong`, having
    /// written nothing), then upgrades an older store.
    fn open_with(
        path: &Path,
        wrapping: Wrapping,
        secret: &[u8],
        wrong: StoreError,
        via: Via,
    ) -> ServiceResult<(Session, SecretKey, VaultHeader)> {
        let mut store = Store::open(path)?;
        let header = store.header()?;
        let vault_key = wrapping.unwrap_with(&header, secret)?.ok_or(wrong)?;
        store.upgrade()?;
        let session = Session {
            store,
            keys: Arc::new(VaultKeys::derive(&vault_key)),
            via,
        };
        Ok((session, vault_key, header))
    }

    /// Changes the passphrase: checks the current one, then re-wraps the vault key under the
    /// new one in a single transaction (with its audit entry). After a crash at any point
    /// exactly one of the two passphrases opens the store.
    pub fn change_passphrase(
        &mut self,
        current: &Passphrase,
        new: &Passphrase,
    ) -> ServiceResult<()> {
        new.check_strength()
            .map_err(|m| ServiceError::invalid("New passphrase", m))?;
        if current.matches(new) {
            return Err(ServiceError::invalid(
                "New passphrase",
                "It is the same as the current one; choose a different passphrase.",
            ));
        }
        let header = self.store.header()?;
        let vault_key = Wrapping::Passphrase
            .unwrap_with(&header, current.expose_secret_bytes())?
            .ok_or_else(|| {
                ServiceError::invalid(
                    "Current passphrase",
                    "That is not the current passphrase; nothing was changed.",
                )
            })?;
        self.rewrap_passphrase(&vault_key, new, header.kdf, AuditAction::PassphraseChanged)
    }

    fn rewrap_passphrase(
        &mut self,
        vault_key: &SecretKey,
        new: &Passphrase,
        kdf: KdfParams,
        action: AuditAction,
    ) -> ServiceResult<()> {
        crash_point("passphrase-change:start");
        let header = self.store.header()?;
        let salt: [u8; SALT_LEN] = random_salt().map_err(kdf_error)?;
        let kek = derive_kek(new.expose_secret_bytes(), &salt, kdf).map_err(kdf_error)?;
        let wrapped = wrap(&kek, WRAP_PASSPHRASE, &header.store_id, vault_key)?;
        crash_point("passphrase-change:derived");
        let entry = Self::entry_for(self.via, action, EntityRef::new("store", ""), String::new());
        let mut w = self.store.write()?;
        header::update_passphrase_wrap(&w, kdf, &salt, &wrapped, &Utc::now().to_rfc3339())?;
        crash_point("passphrase-change:header-written");
        w.append_audit(&self.keys.audit, &entry)?;
        crash_point("passphrase-change:audited");
        w.commit()?;
        crash_point("passphrase-change:committed");
        Ok(())
    }

    pub(super) fn entry_for(
        via: Via,
        action: AuditAction,
        entity: EntityRef,
        details: String,
    ) -> NewAuditEntry {
        NewAuditEntry {
            actor: OWNER.to_owned(),
            via: via.code().to_owned(),
            action,
            entity,
            details,
        }
    }

    /// Writes an audit entry on its own (for events that change no other data).
    pub(super) fn record(
        &mut self,
        action: AuditAction,
        entity: EntityRef,
        details: String,
    ) -> ServiceResult<()> {
        let entry = Self::entry_for(self.via, action, entity, details);
        let mut w = self.store.write()?;
        w.append_audit(&self.keys.audit, &entry)?;
        w.commit()?;
        Ok(())
    }

    /// The store file.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// The store, for read-only queries by the services.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Where actions of this session come from.
    pub fn via(&self) -> Via {
        self.via
    }
}
