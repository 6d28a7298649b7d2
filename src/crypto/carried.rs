//! Keys carried across a key rotation.
//!
//! A rotation replaces the vault key, so every subkey derived from it changes. Two of them must
//! not: the email blind-index key (every stored index and erasure fingerprint is keyed by it, so
//! lookups and re-applied erasures keep matching) and the pseudonym key. They are carried over:
//! sealed under a subkey of the new vault key, bound to the store id, and used in place of the
//! derived ones at unlock. The field key and the audit key are new after a rotation.

use zeroize::Zeroizing;

use super::keys::{KEY_LEN, SecretKey, VaultKeys};
use super::{CryptoError, FieldRef, open, seal};

/// Where the carried keys live (the header's row), bound to the store id.
fn at(store_id: &[u8; 16]) -> FieldRef<'_> {
    FieldRef {
        table: "vault_header",
        column: "carried_keys",
        record: store_id,
    }
}

impl VaultKeys {
    /// The subkeys of `vault_key`, with the email-index and pseudonym keys opened from
    /// `carried` (sealed by [`VaultKeys::rotated`]) when the store was rotated before.
    pub fn unlock(
        vault_key: &SecretKey,
        store_id: &[u8; 16],
        carried: Option<&[u8]>,
    ) -> Result<Self, CryptoError> {
        let mut keys = Self::derive(vault_key);
        if let Some(sealed) = carried {
            let bytes = open(&vault_key.derive_carry(), at(store_id), sealed)?;
            if bytes.len() != 2 * KEY_LEN {
                return Err(CryptoError::Malformed(
                    "the carried keys have the wrong length",
                ));
            }
            keys.email_index = SecretKey::from_slice(&bytes[..KEY_LEN])?;
            keys.pseudonym = SecretKey::from_slice(&bytes[KEY_LEN..])?;
        }
        Ok(keys)
    }

    /// The subkeys of a new vault key that carry this set's email-index and pseudonym keys,
    /// and those two keys sealed for the header under the new vault key.
    pub fn rotated(
        &self,
        new_vault_key: &SecretKey,
        store_id: &[u8; 16],
    ) -> Result<(Self, Vec<u8>), CryptoError> {
        let mut plain = Zeroizing::new([0u8; 2 * KEY_LEN]);
        plain[..KEY_LEN].copy_from_slice(self.email_index.expose_secret_bytes());
        plain[KEY_LEN..].copy_from_slice(self.pseudonym.expose_secret_bytes());
        let sealed = seal(&new_vault_key.derive_carry(), at(store_id), plain.as_ref())?;
        let keys = Self::unlock(new_vault_key, store_id, Some(&sealed))?;
        Ok((keys, sealed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORE: [u8; 16] = [9; 16];

    #[test]
    fn a_rotation_carries_the_index_and_pseudonym_keys_and_renews_the_others() {
        let old_key = SecretKey::random().unwrap();
        let old = VaultKeys::derive(&old_key);
        let new_key = SecretKey::random().unwrap();
        let (new, sealed) = old.rotated(&new_key, &STORE).unwrap();
        let same =
            |a: &SecretKey, b: &SecretKey| a.expose_secret_bytes() == b.expose_secret_bytes();
        assert!(same(&new.email_index, &old.email_index));
        assert!(same(&new.pseudonym, &old.pseudonym));
        assert!(!same(&new.field, &old.field));
        assert!(!same(&new.audit, &old.audit));
        // Unlocking with the new key and the header's carried keys gives the same set.
        let again = VaultKeys::unlock(&new_key, &STORE, Some(&sealed)).unwrap();
        assert!(same(&again.email_index, &old.email_index));
        assert!(same(&again.field, &new.field));
        // A second rotation still carries the first keys.
        let third_key = SecretKey::random().unwrap();
        let (third, _) = new.rotated(&third_key, &STORE).unwrap();
        assert!(same(&third.email_index, &old.email_index));
    }

    #[test]
    fn carried_keys_open_only_with_their_vault_key_and_store() {
        let old = VaultKeys::derive(&SecretKey::random().unwrap());
        let new_key = SecretKey::random().unwrap();
        let (_, sealed) = old.rotated(&new_key, &STORE).unwrap();
        assert!(VaultKeys::unlock(&SecretKey::random().unwrap(), &STORE, Some(&sealed)).is_err());
        assert!(VaultKeys::unlock(&new_key, &[1; 16], Some(&sealed)).is_err());
        let mut bent = sealed.clone();
        bent[20] ^= 1;
        assert!(VaultKeys::unlock(&new_key, &STORE, Some(&bent)).is_err());
    }
}
