//! Passphrase → key-encryption key, with Argon2id.
//!
//! Parameters follow RFC 9106 and OWASP's Password Storage Cheat Sheet: Argon2id, at least
//! 19 MiB of memory and 2 passes with one lane is the floor; the default for new stores is
//! 64 MiB and 3 passes. The parameters are stored in the store header so that a store keeps
//! opening after the defaults change.

use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use rand::rngs::OsRng;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{CryptoError, KEY_LEN, SecretKey};

/// Length of the Argon2 salt in bytes.
pub const SALT_LEN: usize = 16;

/// Argon2id cost parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory cost in KiB.
    pub memory_kib: u32,
    /// Number of passes over the memory.
    pub iterations: u32,
    /// Number of lanes.
    pub parallelism: u32,
}

impl KdfParams {
    /// The identifier stored in the header next to the parameters.
    pub const ALGORITHM_ID: &'static str = "argon2id-v19";

    /// Default for new stores: 64 MiB, 3 passes, 1 lane.
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };

    /// OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. Anything weaker is refused.
    pub const FLOOR: KdfParams = KdfParams {
        memory_kib: 19 * 1024,
        iterations: 2,
        parallelism: 1,
    };

    /// Upper bounds, so that a tampered header cannot make unlocking allocate without limit.
    const MAX_MEMORY_KIB: u32 = 4 * 1024 * 1024;
    const MAX_ITERATIONS: u32 = 64;
    const MAX_PARALLELISM: u32 = 16;

    /// Refuses parameters below the floor or above the sanity ceiling.
    pub fn validate(&self) -> Result<(), CryptoError> {
        let refuse = |why| {
            Err(CryptoError::UnsafeKdfParams {
                memory_kib: self.memory_kib,
                iterations: self.iterations,
                parallelism: self.parallelism,
                why,
            })
        };
        if self.memory_kib < Self::FLOOR.memory_kib || self.iterations < Self::FLOOR.iterations {
            return refuse("below the safety floor of 19 MiB and 2 passes");
        }
        if self.parallelism == 0 {
            return refuse("invalid (zero lanes)");
        }
        if self.memory_kib > Self::MAX_MEMORY_KIB
            || self.iterations > Self::MAX_ITERATIONS
            || self.parallelism > Self::MAX_PARALLELISM
        {
            return refuse("above what this version accepts (4 GiB, 64 passes, 16 lanes)");
        }
        Ok(())
    }
}

impl KdfParams {
    /// The Argon2 work these parameters ask for (memory × passes), what a guesser pays per try.
    fn work(&self) -> u64 {
        u64::from(self.memory_kib) * u64::from(self.iterations)
    }

    /// The strongest valid parameters among `candidates`: the most work (memory × passes), then
    /// the most memory; `None` when none is valid. A recovery re-wraps with the strongest of
    /// the user's stored, the header's and the default parameters.
    pub fn strongest(candidates: impl IntoIterator<Item = KdfParams>) -> Option<KdfParams> {
        candidates
            .into_iter()
            .filter(|p| p.validate().is_ok())
            .max_by_key(|p| (p.work(), p.memory_kib))
    }
}

impl Default for KdfParams {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A fresh random salt.
pub fn random_salt() -> Result<[u8; SALT_LEN], CryptoError> {
    let mut salt = [0u8; SALT_LEN];
    OsRng
        .try_fill_bytes(&mut salt)
        .map_err(|_| CryptoError::Random)?;
    Ok(salt)
}

/// Derives a key-encryption key from secret input (a passphrase or a recovery code).
pub fn derive_kek(
    secret: &[u8],
    salt: &[u8; SALT_LEN],
    params: KdfParams,
) -> Result<SecretKey, CryptoError> {
    params.validate()?;
    let argon_params = Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        Some(KEY_LEN),
    )
    .map_err(|e| CryptoError::Kdf(e.to_string()))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(|e| CryptoError::Kdf(e.to_string()))?;
    Ok(SecretKey::from_bytes(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_and_ceiling_table() {
        let cases = [
            (KdfParams::DEFAULT, true),
            (KdfParams::FLOOR, true),
            (
                KdfParams {
                    memory_kib: 19 * 1024 - 1,
                    ..KdfParams::FLOOR
                },
                false,
            ),
            (
                KdfParams {
                    iterations: 1,
                    ..KdfParams::FLOOR
                },
                false,
            ),
            (
                KdfParams {
                    parallelism: 0,
                    ..KdfParams::FLOOR
                },
                false,
            ),
            (
                KdfParams {
                    memory_kib: 5 * 1024 * 1024,
                    ..KdfParams::FLOOR
                },
                false,
            ),
            (
                KdfParams {
                    iterations: 65,
                    ..KdfParams::FLOOR
                },
                false,
            ),
        ];
        for (params, ok) in cases {
            assert_eq!(params.validate().is_ok(), ok, "{params:?}");
        }
    }

    #[test]
    fn the_strongest_is_the_most_work_among_valid_params() {
        let more_passes = KdfParams {
            iterations: 8,
            ..KdfParams::FLOOR
        };
        let wider = KdfParams {
            memory_kib: 128 * 1024,
            iterations: 2,
            parallelism: 4,
        };
        let absurd = KdfParams {
            memory_kib: 8 * 1024 * 1024,
            ..KdfParams::DEFAULT
        };
        use KdfParams as K;
        for (candidates, expected) in [
            (vec![K::FLOOR, K::FLOOR, K::DEFAULT], Some(K::DEFAULT)),
            (vec![K::DEFAULT, K::FLOOR], Some(K::DEFAULT)),
            (vec![more_passes, K::FLOOR, K::DEFAULT], Some(K::DEFAULT)),
            (vec![wider, K::FLOOR, K::DEFAULT], Some(wider)),
            (vec![absurd, K::FLOOR], Some(K::FLOOR)),
            (vec![absurd], None),
        ] {
            assert_eq!(
                KdfParams::strongest(candidates.clone()),
                expected,
                "{candidates:?}"
            );
        }
    }

    #[test]
    fn derivation_is_deterministic_and_salted() {
        let salt = [1u8; SALT_LEN];
        let a = derive_kek(b"passphrase", &salt, KdfParams::FLOOR).unwrap();
        let b = derive_kek(b"passphrase", &salt, KdfParams::FLOOR).unwrap();
        let c = derive_kek(b"passphrase", &[2u8; SALT_LEN], KdfParams::FLOOR).unwrap();
        let d = derive_kek(b"passphrasf", &salt, KdfParams::FLOOR).unwrap();
        assert_eq!(a.expose_secret_bytes(), b.expose_secret_bytes());
        assert_ne!(a.expose_secret_bytes(), c.expose_secret_bytes());
        assert_ne!(a.expose_secret_bytes(), d.expose_secret_bytes());
    }

    #[test]
    fn weak_params_are_refused_before_deriving() {
        let weak = KdfParams {
            memory_kib: 1024,
            iterations: 1,
            parallelism: 1,
        };
        assert!(matches!(
            derive_kek(b"x", &[0; SALT_LEN], weak),
            Err(CryptoError::UnsafeKdfParams { .. })
        ));
    }
}
