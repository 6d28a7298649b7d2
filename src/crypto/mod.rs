//! Cryptography: passphrase key derivation (Argon2id), the vault key and its HKDF subkeys,
//! field sealing (AES-256-GCM with associated data), the email blind index, the recovery
//! code, and the keyed MAC of the audit chain.
//!
//! Nothing here touches the disk. Every secret lives in a zeroizing container whose `Debug`
//! prints `***`; the one accessor that exposes key bytes is `pub(crate)` and says so by name.

mod blind_index;
mod carried;
mod error;
mod kdf;
mod keys;
mod mac;
mod passphrase;
mod pseudonym;
mod recovery;
mod seal;

pub use blind_index::{EmailIndex, normalise_email};
pub use error::CryptoError;
pub use kdf::{KdfParams, SALT_LEN, derive_kek, random_salt};
pub use keys::{KEY_LEN, SecretKey, VaultKeys};
pub use mac::{MAC_LEN, Mac, MacBuilder};
pub use passphrase::{MIN_PASSPHRASE_CHARS, Passphrase};
pub use pseudonym::{PseudonymKey, normalise_pseudonym};
pub use recovery::RecoveryCode;
pub use seal::{FieldRef, NONCE_LEN, SEAL_OVERHEAD, SEAL_VERSION, TAG_LEN, open, seal};

#[cfg(test)]
mod tests {
    /// The cipher's key schedule and Argon2's memory blocks are wiped when dropped: the
    /// `zeroize` features of `aes` and `argon2` are on (and `aes-gcm`'s, in Cargo.toml, which
    /// wipes the GHASH key it derives). Does not compile without them.
    #[test]
    fn cipher_and_kdf_state_is_wiped() {
        fn wiped_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        fn wipeable<T: zeroize::Zeroize>() {}
        wiped_on_drop::<aes::Aes256>();
        wipeable::<argon2::Block>();
    }
}
