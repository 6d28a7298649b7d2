//! Keyed pseudonyms for exports: one random 256-bit key per recipient, and the pseudonym of a
//! person = HMAC-SHA256(recipient key, label ‖ subject id), truncated to 128 bits and written as
//! `p` + 32 hex digits. The same person gets the same pseudonym in every export to one
//! recipient and unrelated ones across recipients; without the key (sealed in the store) a
//! pseudonym cannot be linked back to anyone (GDPR Art. 4(5)).
//!
//! The leading `p` keeps spreadsheets from reading a pseudonym as a number.

use std::fmt::Write as _;

use super::{CryptoError, KEY_LEN, MacBuilder, SecretKey};

/// Domain separation: a pseudonym key is never used for anything else, but the label makes the
/// construction's purpose explicit and lets a future version change it.
const LABEL: &[u8] = b"privacy-desk/pseudonym/v1";

/// Bytes of the MAC kept: collisions among even billions of people stay negligible.
const PSEUDONYM_BYTES: usize = 16;

/// A recipient's pseudonym key. Zeroized on drop; `Debug` prints `***`; neither `Clone` nor
/// `Serialize`.
pub struct PseudonymKey(SecretKey);

impl PseudonymKey {
    /// A fresh key from the operating system's random number generator.
    pub fn random() -> Result<Self, CryptoError> {
        SecretKey::random().map(Self)
    }

    /// Rebuilds a key from its bytes as opened from the store.
    pub(crate) fn from_slice(bytes: &[u8]) -> Result<Self, CryptoError> {
        SecretKey::from_slice(bytes).map(Self)
    }

    /// The raw key bytes, for sealing it into the store. Only inside this crate.
    pub(crate) fn expose_secret_bytes(&self) -> &[u8; KEY_LEN] {
        self.0.expose_secret_bytes()
    }

    /// The pseudonym of the subject with these id bytes.
    pub fn pseudonym(&self, subject: &[u8; 16]) -> String {
        let mac = MacBuilder::new(&self.0)
            .field(LABEL)
            .field(subject)
            .finish();
        let mut out = String::with_capacity(1 + 2 * PSEUDONYM_BYTES);
        out.push('p');
        for b in &mac[..PSEUDONYM_BYTES] {
            let _ = write!(out, "{b:02x}");
        }
        out
    }
}

impl std::fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PseudonymKey(***)")
    }
}

/// A pseudonym as typed: surrounding white space removed, lower-cased, so a pasted value with a
/// stray space or capitals still matches.
pub fn normalise_pseudonym(text: &str) -> String {
    text.trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_per_recipient_and_different_across_recipients() {
        let acme = PseudonymKey::from_slice(&[1; KEY_LEN]).unwrap();
        let acme_again = PseudonymKey::from_slice(&[1; KEY_LEN]).unwrap();
        let other = PseudonymKey::from_slice(&[2; KEY_LEN]).unwrap();
        let ada = [7u8; 16];
        let bob = [8u8; 16];
        assert_eq!(acme.pseudonym(&ada), acme_again.pseudonym(&ada));
        assert_ne!(acme.pseudonym(&ada), other.pseudonym(&ada));
        assert_ne!(acme.pseudonym(&ada), acme.pseudonym(&bob));
        let p = acme.pseudonym(&ada);
        assert_eq!(p.len(), 33);
        assert!(p.starts_with('p'));
        assert!(
            p[1..]
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(normalise_pseudonym(&format!(" {} ", p.to_uppercase())), p);
    }

    #[test]
    fn keys_print_no_bytes_and_random_keys_differ() {
        let key = PseudonymKey::from_slice(&[0xAB; KEY_LEN]).unwrap();
        assert_eq!(format!("{key:?}"), "PseudonymKey(***)");
        let a = PseudonymKey::random().unwrap();
        let b = PseudonymKey::random().unwrap();
        assert_ne!(a.pseudonym(&[0; 16]), b.pseudonym(&[0; 16]));
        assert!(PseudonymKey::from_slice(&[0; 31]).is_err());
    }
}
