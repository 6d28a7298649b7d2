//! The errors of the crypto layer.

use thiserror::Error;

/// What can go wrong while deriving, wrapping, sealing or opening.
///
/// No variant carries key material or plaintext.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CryptoError {
    /// The key-derivation parameters are below the safety floor or above what this build accepts.
    #[error(
        "key-derivation parameters {memory_kib} KiB / {iterations} passes / {parallelism} lanes are {why}"
    )]
    UnsafeKdfParams {
        /// Memory cost in KiB.
        memory_kib: u32,
        /// Number of passes.
        iterations: u32,
        /// Degree of parallelism.
        parallelism: u32,
        /// Why they are refused ("below the floor of 19 MiB, 2 passes", …).
        why: &'static str,
    },
    /// Argon2 itself failed (for example it could not allocate its memory).
    #[error("key derivation failed: {0}")]
    Kdf(String),
    /// The authentication tag did not verify: wrong key, or the bytes (or the place they sit in) changed.
    #[error("the sealed value does not open with this key (wrong key, or it was altered or moved)")]
    OpenFailed,
    /// The sealed value is too short or has an unknown format version.
    #[error("the sealed value is malformed ({0})")]
    Malformed(&'static str),
    /// The recovery code could not be read.
    #[error("that is not a valid recovery code: {0}")]
    InvalidRecoveryCode(&'static str),
    /// The operating system's random number generator failed.
    #[error("the system random number generator failed")]
    Random,
}
