//! Cryptography: passphrase key derivation (Argon2id), the vault key and its HKDF subkeys,
//! field sealing (AES-256-GCM with associated data), the email blind index, the recovery
//! code, and the keyed MAC of the audit chain.
//!
//! Nothing here touches the disk. Every secret lives in a zeroizing container whose `Debug`
//! prints `***`; the one accessor that exposes key bytes is `pub(crate)` and says so by name.

mod blind_index;
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
