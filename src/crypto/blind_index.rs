//! The blind index of email addresses: a keyed HMAC of the normalised address, so an exact
//! lookup needs no decryption and the file never holds the address in the clear.
//!
//! A hit is a candidate: callers confirm it by opening the sealed email.

use hmac::{Hmac, Mac as _};
use sha2::Sha256;

use super::SecretKey;

/// Bytes of HMAC-SHA256 kept in the index. 128 bits makes accidental collisions negligible
/// while keeping the index compact.
const INDEX_LEN: usize = 16;

/// A blind-index value for one email address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EmailIndex(pub [u8; INDEX_LEN]);

impl EmailIndex {
    /// Computes the index of an address after [`normalise_email`].
    pub fn of(key: &SecretKey, email: &str) -> Self {
        let normalised = normalise_email(email);
        // HMAC accepts keys of any length; a 32-byte key never fails.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key.expose_secret_bytes()) else {
            unreachable!("HMAC accepts any key length")
        };
        mac.update(normalised.as_bytes());
        let full = mac.finalize().into_bytes();
        let mut out = [0u8; INDEX_LEN];
        out.copy_from_slice(&full[..INDEX_LEN]);
        Self(out)
    }
}

/// Normalises an email address for matching: surrounding and inner white space removed,
/// letters lower-cased (Unicode-aware). Dots and `+tags` are kept: they can be significant.
pub fn normalise_email(email: &str) -> String {
    email
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_table() {
        let cases = [
            ("Ada@Example.org", "ada@example.org"),
            ("  ada@example.org \t", "ada@example.org"),
            ("ada @ example.org", "ada@example.org"),
            (
                "ADA.LOVELACE+news@EXAMPLE.ORG",
                "ada.lovelace+news@example.org",
            ),
            ("Zoë@Exämple.de", "zoë@exämple.de"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise_email(input), expected, "{input}");
        }
    }

    #[test]
    fn index_is_case_and_space_insensitive_and_keyed() {
        let k1 = SecretKey::from_slice(&[1; 32]).unwrap();
        let k2 = SecretKey::from_slice(&[2; 32]).unwrap();
        assert_eq!(
            EmailIndex::of(&k1, "Ada@Example.org "),
            EmailIndex::of(&k1, "ada@example.org")
        );
        assert_ne!(
            EmailIndex::of(&k1, "ada@example.org"),
            EmailIndex::of(&k2, "ada@example.org")
        );
        assert_ne!(
            EmailIndex::of(&k1, "ada@example.org"),
            EmailIndex::of(&k1, "bob@example.org")
        );
    }
}
