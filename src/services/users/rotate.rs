//! Key rotation (issue 17, item 3): revoking what a former colleague may still hold.
//!
//! Removing a user deletes their wrap of the vault key, but anyone who once signed in could
//! have kept the vault key itself (from memory, or by opening their wrap in an old copy of the
//! file). A rotation makes that key worthless for the store as it is from then on: a new random
//! vault key; every sealed field opened with the old field key and sealed again under the new
//! one; the audit trail checked under the old audit key and signed again under the new one;
//! the owner's wrap re-made with their passphrase, every other remaining user given a new
//! one-time passphrase, and a new recovery code; the email blind-index and pseudonym keys carried
//! over (sealed under the new vault key), so lookups, re-applied erasures and earlier
//! pseudonymised exports stay consistent.
//!
//! All of it is one SQLite transaction: a kill at any moment leaves the old key (and the old
//! passphrases and recovery code) working, or, once committed, the new ones; never neither.
//! Cancel works until the commit and leaves the old key. A backup taken before a rotation keeps
//! the old key and opens with the passphrases that were valid when it was taken.
//!
//! The steps inside the transaction are listed once, in [`ROTATION_STEPS`].

use std::sync::Arc;

use chrono::Utc;

use crate::crash_point::crash_point;
use crate::crypto::{Passphrase, RecoveryCode, SecretKey, VaultKeys};
use crate::domain::access::Permission;
use crate::domain::audit::{AuditAction, EntityRef};
use crate::jobs::Progress;
use crate::store::header::{self, RotatedHeader};
use crate::store::{audit_log, integrity, rekey, users};

use super::super::session::{crypto_error, throttled_unwrap, wrap_for_recovery, wrap_for_user};
use super::Users;
use crate::services::{ServiceError, ServiceResult};

/// A passphrase made for a user by a rotation, shown once to the owner to hand over.
pub struct OneTimePassphrase {
    /// The user's login name.
    pub user: String,
    code: RecoveryCode,
}

impl OneTimePassphrase {
    /// The passphrase as the user types it (eight groups of four letters and digits).
    pub fn reveal(&self) -> String {
        self.code.reveal()
    }

    fn passphrase(&self) -> Passphrase {
        Passphrase::new(self.code.reveal())
    }
}

impl std::fmt::Debug for OneTimePassphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OneTimePassphrase({}, ***)", self.user)
    }
}

/// What a rotation hands back, once.
#[derive(Debug)]
pub struct KeyRotation {
    /// The new recovery code; the old one no longer opens the store.
    pub recovery: RecoveryCode,
    /// A new passphrase for every other remaining user (their old one no longer opens the
    /// store); the signed-in owner keeps theirs.
    pub one_time: Vec<OneTimePassphrase>,
    /// Sealed fields re-sealed under the new key.
    pub resealed: u64,
    /// Audit entries signed again under the new key.
    pub audit_entries: i64,
}

/// One step of a rotation inside its transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotationStep {
    /// Every sealed field, from the old field key to the new one.
    ResealFields,
    /// The audit chain, checked under the old audit key and signed under the new one.
    RechainAudit,
    /// Every user's wrap, the recovery wrap and the carried keys.
    ReplaceWraps,
    /// The tags (MACs) of the protected plain columns, computed again under the new key's
    /// row-MAC subkey (issue 17, item 6). Last, so the rows the other steps changed (users'
    /// wraps) are tagged under the new key, not the old one.
    RetagRows,
}

/// The steps of a rotation, in order. Every step that depends on a subkey of the vault key
/// must be here, or the rotated store would not verify.
pub const ROTATION_STEPS: [RotationStep; 4] = [
    RotationStep::ResealFields,
    RotationStep::RechainAudit,
    RotationStep::ReplaceWraps,
    RotationStep::RetagRows,
];

impl Users<'_> {
    /// Replaces the vault key (owners only; `current` is the signed-in owner's passphrase,
    /// asked again). Progress counts the rows re-sealed and the audit entries re-signed;
    /// cancelling before the commit leaves everything as it was ([`ServiceError::Cancelled`]).
    /// The session goes on with the new key.
    pub fn rotate_key(
        &mut self,
        current: &Passphrase,
        progress: &Progress,
    ) -> ServiceResult<KeyRotation> {
        self.require(Permission::ManageUsers)?;
        crash_point("key-rotate:start");
        let header = self.store.header()?;
        let store_id = header.store_id;
        let (me, my_wrap) = users::find(self.store.db(), &self.user.name)?.ok_or_else(|| {
            ServiceError::UnknownUser {
                name: self.user.name.clone(),
            }
        })?;
        if throttled_unwrap(self.store.db(), &me, &my_wrap, &store_id, current)?.is_none() {
            return Err(ServiceError::invalid(
                "Current passphrase",
                "That is not your current passphrase; nothing was changed.",
            ));
        }
        let report = self.audit().verify_audit()?;
        if let Some(brk) = &report.first_break {
            return Err(ServiceError::invalid(
                "Audit trail",
                format!(
                    "It is broken at entry {} ({brk}); a rotation would sign it again and hide that. Nothing was changed.",
                    brk.first_bad_seq()
                ),
            ));
        }

        // The slow key derivations happen before the transaction.
        let new_vault = SecretKey::random().map_err(crypto_error)?;
        let (new_keys, carried_keys) = self
            .keys
            .rotated(&new_vault, &store_id)
            .map_err(crypto_error)?;
        let recovery = RecoveryCode::generate().map_err(crypto_error)?;
        let (recovery_salt, wrapped_key_recovery) =
            wrap_for_recovery(&new_vault, &store_id, &recovery, header.kdf)?;
        let mut wraps = Vec::new();
        let mut one_time = Vec::new();
        for user in users::list(self.store.db())? {
            let Some((_, old_wrap)) = users::find(self.store.db(), &user.name)? else {
                continue;
            };
            if user.id == me.id {
                let wrap = wrap_for_user(&new_vault, &store_id, user.id, current, old_wrap.kdf)?;
                wraps.push((user.id, wrap, false));
            } else {
                let given = OneTimePassphrase {
                    user: user.name.clone(),
                    code: RecoveryCode::generate().map_err(crypto_error)?,
                };
                let wrap = wrap_for_user(
                    &new_vault,
                    &store_id,
                    user.id,
                    &given.passphrase(),
                    old_wrap.kdf,
                )?;
                wraps.push((user.id, wrap, true));
                one_time.push(given);
            }
        }
        crash_point("key-rotate:wrapped");

        let total = rekey::sealed_rows(self.store.db())? + header.audit_head_seq.max(0) as u64;
        progress.set_total(total);
        let mut done = 0u64;
        let mut tick = |n: u64| -> ServiceResult<()> {
            done += n;
            progress.set_done(done);
            if progress.is_cancelled() {
                Err(ServiceError::Cancelled)
            } else {
                Ok(())
            }
        };
        let old_keys = Arc::clone(&self.keys);
        let mut resealed = 0u64;
        let mut audit_entries = 0i64;
        let now = Utc::now().to_rfc3339();
        let mut w = self.store.write()?;
        let lifted = rekey::lift_triggers(&w)?;
        for step in ROTATION_STEPS {
            match step {
                RotationStep::ResealFields => {
                    resealed = rekey::reseal_all(&w, &old_keys.field, &new_keys.field, &mut tick)?;
                    crash_point("key-rotate:resealed");
                }
                RotationStep::RechainAudit => {
                    audit_entries =
                        audit_log::rechain(&w, &old_keys.audit, &new_keys.audit, &mut tick)?;
                    crash_point("key-rotate:rechained");
                }
                RotationStep::ReplaceWraps => {
                    for (id, wrap, renewed) in &wraps {
                        users::set_rotated_wrap(&w, *id, wrap, renewed.then_some(now.as_str()))?;
                    }
                    header::set_rotated(
                        &w,
                        &RotatedHeader {
                            recovery_salt,
                            kdf: header.kdf,
                            wrapped_key_recovery: wrapped_key_recovery.clone(),
                            carried_keys: carried_keys.clone(),
                            seal_count: resealed as i64,
                        },
                    )?;
                    crash_point("key-rotate:wraps-written");
                }
                RotationStep::RetagRows => {
                    integrity::retag_all(&w, &new_keys.row_mac, &mut |_, _| {})?;
                    crash_point("key-rotate:retagged");
                }
            }
        }
        rekey::restore_triggers(&w, &lifted)?;
        if progress.is_cancelled() {
            return Err(ServiceError::Cancelled);
        }
        let entry = self.entry(
            AuditAction::KeyRotated,
            EntityRef::new("store", uuid::Uuid::from_bytes(store_id).to_string()),
            format!(
                "{resealed} sealed fields re-sealed; {audit_entries} audit entries signed again; {} users re-wrapped ({} given a one-time passphrase); recovery code replaced",
                wraps.len(),
                one_time.len()
            ),
        );
        w.append_audit(&new_keys.audit, &entry)?;
        crash_point("key-rotate:audited");
        w.commit()?;
        crash_point("key-rotate:committed");
        self.session
            .store
            .set_row_mac_key(VaultKeys::row_mac_key(&new_vault))?;
        self.session.vault_key = new_vault;
        self.session.keys = Arc::new(new_keys);
        Ok(KeyRotation {
            recovery,
            one_time,
            resealed,
            audit_entries,
        })
    }
}
