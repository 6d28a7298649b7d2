//! Key types: a 256-bit secret key and the set of subkeys derived from the vault key.

use std::fmt;

use hkdf::Hkdf;
use rand::RngCore;
use rand::rngs::OsRng;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::CryptoError;

/// Length in bytes of every symmetric key used here.
pub const KEY_LEN: usize = 32;

/// A 256-bit symmetric key. Zeroized on drop; `Debug` prints `***`; neither `Copy`, `Clone`
/// nor `Serialize`.
pub struct SecretKey(Zeroizing<[u8; KEY_LEN]>);

impl SecretKey {
    /// A fresh key from the operating system's random number generator.
    pub fn random() -> Result<Self, CryptoError> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        OsRng
            .try_fill_bytes(bytes.as_mut())
            .map_err(|_| CryptoError::Random)?;
        Ok(Self(bytes))
    }

    /// Takes ownership of key bytes (the caller's buffer is zeroized by its own container).
    pub(crate) fn from_bytes(bytes: Zeroizing<[u8; KEY_LEN]>) -> Self {
        Self(bytes)
    }

    /// Builds a key from a byte slice of exactly [`KEY_LEN`] bytes.
    pub(crate) fn from_slice(bytes: &[u8]) -> Result<Self, CryptoError> {
        if bytes.len() != KEY_LEN {
            return Err(CryptoError::Malformed("key has the wrong length"));
        }
        let mut out = Zeroizing::new([0u8; KEY_LEN]);
        out.copy_from_slice(bytes);
        Ok(Self(out))
    }

    /// The raw key bytes. Only for handing to a cipher or MAC inside this crate.
    pub(crate) fn expose_secret_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// Derives a subkey with HKDF-SHA256 under a distinct label.
    fn derive(&self, label: &str) -> Self {
        let hk = Hkdf::<Sha256>::new(Some(b"privacy-desk/hkdf-salt/v1"), self.0.as_ref());
        let mut out = Zeroizing::new([0u8; KEY_LEN]);
        // A 32-byte output is always within HKDF-SHA256's limit of 255 * 32 bytes.
        if hk.expand(label.as_bytes(), out.as_mut()).is_err() {
            unreachable!("HKDF output length 32 is always valid");
        }
        Self(out)
    }
}

impl SecretKey {
    /// The subkey that seals the keys carried across a rotation (see `carried.rs`).
    pub(super) fn derive_carry(&self) -> Self {
        self.derive("privacy-desk/v1/carried-keys")
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(***)")
    }
}

/// The subkeys derived from the vault key, one per use, so that no key serves two purposes.
pub struct VaultKeys {
    /// Seals personal-data fields.
    pub field: SecretKey,
    /// Keys the blind index of normalised email addresses.
    pub email_index: SecretKey,
    /// Keys the MAC chain of the audit trail.
    pub audit: SecretKey,
    /// Keys pseudonyms (erasure records, pseudonymised exports).
    pub pseudonym: SecretKey,
    /// Keys the MACs over the plain columns of protected rows (tamper evidence).
    pub row_mac: SecretKey,
}

impl VaultKeys {
    /// HKDF labels; changing one makes every existing store unreadable.
    const FIELD: &'static str = "privacy-desk/v1/field-encryption";
    const EMAIL_INDEX: &'static str = "privacy-desk/v1/blind-index/email";
    const AUDIT: &'static str = "privacy-desk/v1/audit-mac";
    const PSEUDONYM: &'static str = "privacy-desk/v1/pseudonym";
    const ROW_MAC: &'static str = "privacy-desk/v1/row-mac";

    /// Derives every subkey from the vault key.
    pub fn derive(vault_key: &SecretKey) -> Self {
        Self {
            field: vault_key.derive(Self::FIELD),
            email_index: vault_key.derive(Self::EMAIL_INDEX),
            audit: vault_key.derive(Self::AUDIT),
            pseudonym: vault_key.derive(Self::PSEUDONYM),
            row_mac: Self::row_mac_key(vault_key),
        }
    }

    /// The row-MAC subkey alone (the same key as [`VaultKeys::row_mac`]), for the store's
    /// write door, which tags every protected row it writes.
    pub fn row_mac_key(vault_key: &SecretKey) -> SecretKey {
        vault_key.derive(Self::ROW_MAC)
    }
}

impl fmt::Debug for VaultKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VaultKeys(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_key_bytes() {
        let key = SecretKey::from_bytes(Zeroizing::new([0xAB; KEY_LEN]));
        let shown = format!("{key:?} {:?}", VaultKeys::derive(&key));
        assert!(!shown.to_lowercase().contains("ab, "));
        assert!(!shown.contains("171"));
        assert!(shown.contains("***"));
    }

    #[test]
    fn subkeys_are_distinct_and_deterministic() {
        let key = SecretKey::from_bytes(Zeroizing::new([7; KEY_LEN]));
        let a = VaultKeys::derive(&key);
        let b = VaultKeys::derive(&key);
        let all = [
            a.field.expose_secret_bytes(),
            a.email_index.expose_secret_bytes(),
            a.audit.expose_secret_bytes(),
            a.pseudonym.expose_secret_bytes(),
            a.row_mac.expose_secret_bytes(),
        ];
        for (i, x) in all.iter().enumerate() {
            for y in &all[i + 1..] {
                assert_ne!(x, y);
            }
        }
        assert_eq!(a.field.expose_secret_bytes(), b.field.expose_secret_bytes());
        assert_eq!(
            VaultKeys::row_mac_key(&key).expose_secret_bytes(),
            b.row_mac.expose_secret_bytes()
        );
    }

    #[test]
    fn random_keys_differ() {
        let a = SecretKey::random().unwrap();
        let b = SecretKey::random().unwrap();
        assert_ne!(a.expose_secret_bytes(), b.expose_secret_bytes());
    }
}
