//! A keyed MAC (HMAC-SHA256) over length-prefixed fields, used by the audit chain.

use hmac::{Hmac, Mac as _};
use sha2::Sha256;

use super::SecretKey;

/// Length of a MAC in bytes.
pub const MAC_LEN: usize = 32;

/// A MAC value.
pub type Mac = [u8; MAC_LEN];

/// Builds a MAC over a sequence of fields. Each field is length-prefixed, so the boundary
/// between two fields cannot be shifted without changing the MAC.
pub struct MacBuilder(Hmac<Sha256>);

impl MacBuilder {
    /// Starts a MAC under `key`.
    pub fn new(key: &SecretKey) -> Self {
        let Ok(mac) = Hmac::<Sha256>::new_from_slice(key.expose_secret_bytes()) else {
            unreachable!("HMAC accepts any key length")
        };
        Self(mac)
    }

    /// Adds one field.
    pub fn field(mut self, bytes: &[u8]) -> Self {
        self.0.update(&(bytes.len() as u64).to_be_bytes());
        self.0.update(bytes);
        self
    }

    /// Finishes the MAC.
    pub fn finish(self) -> Mac {
        self.0.finalize().into_bytes().into()
    }

    /// Checks a MAC in constant time.
    pub fn verify(self, expected: &[u8]) -> bool {
        self.0.verify_slice(expected).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_boundaries_matter() {
        let key = SecretKey::from_slice(&[9; 32]).unwrap();
        let a = MacBuilder::new(&key).field(b"ab").field(b"c").finish();
        let b = MacBuilder::new(&key).field(b"a").field(b"bc").finish();
        assert_ne!(a, b);
        assert!(MacBuilder::new(&key).field(b"ab").field(b"c").verify(&a));
        assert!(!MacBuilder::new(&key).field(b"ab").field(b"c").verify(&b));
    }
}
