//! Sealing one field: AES-256-GCM with a random 96-bit nonce and associated data that binds the
//! ciphertext to its table, column and record.
//!
//! Layout: `version(1) ‖ nonce(12) ‖ ciphertext ‖ tag(16)`.
//! AAD: `version ‖ table ‖ 0x00 ‖ column ‖ 0x00 ‖ record id`, so a ciphertext copied to another
//! row or column fails to open.
//!
//! Random nonces are safe for up to 2^32 encryptions under one key (NIST SP 800-38D §8.3); the
//! store counts seals in its header so that key rotation can be planned far below that.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use rand::RngCore;
use rand::rngs::OsRng;
use zeroize::Zeroizing;

use super::{CryptoError, SecretKey};

/// The current format version, the first byte of every sealed value.
pub const SEAL_VERSION: u8 = 1;
/// Nonce length in bytes.
pub const NONCE_LEN: usize = 12;
/// Authentication tag length in bytes.
pub const TAG_LEN: usize = 16;
/// Bytes a sealed value adds to its plaintext.
pub const SEAL_OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;

/// Where a sealed value lives: it can only be opened there.
#[derive(Clone, Copy, Debug)]
pub struct FieldRef<'a> {
    /// Table name.
    pub table: &'a str,
    /// Column name.
    pub column: &'a str,
    /// The record's identifier bytes (a UUID's 16 bytes).
    pub record: &'a [u8],
}

impl FieldRef<'_> {
    fn aad(&self, version: u8) -> Vec<u8> {
        let mut aad =
            Vec::with_capacity(3 + self.table.len() + self.column.len() + self.record.len());
        aad.push(version);
        aad.extend_from_slice(self.table.as_bytes());
        aad.push(0);
        aad.extend_from_slice(self.column.as_bytes());
        aad.push(0);
        aad.extend_from_slice(self.record);
        aad
    }
}

fn cipher(key: &SecretKey) -> Aes256Gcm {
    Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key.expose_secret_bytes()))
}

/// Seals `plaintext` for the field `at`.
pub fn seal(key: &SecretKey, at: FieldRef<'_>, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let mut nonce = [0u8; NONCE_LEN];
    OsRng
        .try_fill_bytes(&mut nonce)
        .map_err(|_| CryptoError::Random)?;
    let aad = at.aad(SEAL_VERSION);
    let ciphertext = cipher(key)
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: &aad,
            },
        )
        .map_err(|_| CryptoError::Malformed("plaintext too long to seal"))?;
    let mut out = Vec::with_capacity(1 + NONCE_LEN + ciphertext.len());
    out.push(SEAL_VERSION);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ciphertext);
    Ok(out)
}

/// Opens a value sealed for the field `at`. Fails if the key is wrong, a byte changed, or the
/// value was moved from another table, column or record.
pub fn open(
    key: &SecretKey,
    at: FieldRef<'_>,
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if sealed.len() < SEAL_OVERHEAD {
        return Err(CryptoError::Malformed("too short"));
    }
    let version = sealed[0];
    if version != SEAL_VERSION {
        return Err(CryptoError::Malformed("unknown format version"));
    }
    let (nonce, ciphertext) = sealed[1..].split_at(NONCE_LEN);
    let aad = at.aad(version);
    cipher(key)
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: &aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| CryptoError::OpenFailed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(b: u8) -> SecretKey {
        SecretKey::from_slice(&[b; 32]).unwrap()
    }

    const AT: FieldRef<'static> = FieldRef {
        table: "subjects",
        column: "email",
        record: &[1; 16],
    };

    #[test]
    fn layout_is_version_nonce_ciphertext_tag() {
        let sealed = seal(&key(1), AT, b"ada@example.org").unwrap();
        assert_eq!(sealed[0], SEAL_VERSION);
        assert_eq!(sealed.len(), SEAL_OVERHEAD + "ada@example.org".len());
    }

    #[test]
    fn moved_values_do_not_open() {
        let sealed = seal(&key(1), AT, b"ada@example.org").unwrap();
        let other_column = FieldRef {
            column: "name",
            ..AT
        };
        let other_table = FieldRef {
            table: "contacts",
            ..AT
        };
        let other_record = FieldRef {
            record: &[2; 16],
            ..AT
        };
        for at in [other_column, other_table, other_record] {
            assert_eq!(open(&key(1), at, &sealed), Err(CryptoError::OpenFailed));
        }
        assert_eq!(open(&key(2), AT, &sealed), Err(CryptoError::OpenFailed));
    }

    #[test]
    fn truncated_or_unknown_version_is_malformed() {
        let mut sealed = seal(&key(1), AT, b"x").unwrap();
        assert!(matches!(
            open(&key(1), AT, &sealed[..10]),
            Err(CryptoError::Malformed(_))
        ));
        sealed[0] = 9;
        assert!(matches!(
            open(&key(1), AT, &sealed),
            Err(CryptoError::Malformed(_))
        ));
    }

    proptest! {
        #[test]
        fn round_trip(plain in proptest::collection::vec(any::<u8>(), 0..512)) {
            let sealed = seal(&key(3), AT, &plain).unwrap();
            let opened = open(&key(3), AT, &sealed).unwrap();
            prop_assert_eq!(opened.as_slice(), plain.as_slice());
        }

        #[test]
        fn any_flipped_bit_is_detected(
            plain in proptest::collection::vec(any::<u8>(), 1..64),
            pos in any::<prop::sample::Index>(),
            bit in 0u8..8,
        ) {
            let mut sealed = seal(&key(3), AT, &plain).unwrap();
            let i = pos.index(sealed.len());
            sealed[i] ^= 1 << bit;
            prop_assert!(open(&key(3), AT, &sealed).is_err());
        }

        #[test]
        fn nonces_are_fresh(plain in proptest::collection::vec(any::<u8>(), 0..32)) {
            let a = seal(&key(3), AT, &plain).unwrap();
            let b = seal(&key(3), AT, &plain).unwrap();
            prop_assert_ne!(&a[1..13], &b[1..13]);
        }
    }
}
