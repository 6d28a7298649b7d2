//! The recovery code: 160 random bits shown once at store creation, written as 32 Crockford
//! base-32 characters in groups of four. It wraps the vault key a second time, so it can
//! unlock the store and set a new passphrase when the passphrase is lost.

use std::fmt;

use rand::RngCore;
use rand::rngs::OsRng;
use zeroize::Zeroizing;

use super::CryptoError;

const CODE_BYTES: usize = 20;
const CODE_CHARS: usize = CODE_BYTES * 8 / 5;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A recovery code. Zeroized on drop; `Debug` prints `***`; [`RecoveryCode::reveal`] is the
/// one way to see it, for the single screen that shows it.
#[derive(Clone)]
pub struct RecoveryCode(Zeroizing<[u8; CODE_BYTES]>);

impl RecoveryCode {
    /// A fresh random code.
    pub fn generate() -> Result<Self, CryptoError> {
        let mut bytes = Zeroizing::new([0u8; CODE_BYTES]);
        OsRng
            .try_fill_bytes(bytes.as_mut())
            .map_err(|_| CryptoError::Random)?;
        Ok(Self(bytes))
    }

    /// Reads a code as typed: case, spaces and dashes do not matter; `I`/`L` read as `1` and
    /// `O` as `0`, as Crockford's alphabet intends.
    pub fn parse(text: &str) -> Result<Self, CryptoError> {
        let mut bits: u64 = 0;
        let mut nbits = 0u32;
        let mut out = Zeroizing::new([0u8; CODE_BYTES]);
        let mut filled = 0usize;
        let mut chars = 0usize;
        for c in text.chars() {
            if c.is_whitespace() || c == '-' {
                continue;
            }
            let c = match c.to_ascii_uppercase() {
                'I' | 'L' => '1',
                'O' => '0',
                other => other,
            };
            let Some(value) = ALPHABET.iter().position(|&a| a as char == c) else {
                return Err(CryptoError::InvalidRecoveryCode(
                    "it contains a character that is not in a recovery code",
                ));
            };
            chars += 1;
            if chars > CODE_CHARS {
                return Err(CryptoError::InvalidRecoveryCode("it is too long"));
            }
            bits = (bits << 5) | value as u64;
            nbits += 5;
            if nbits >= 8 {
                nbits -= 8;
                out[filled] = (bits >> nbits) as u8;
                filled += 1;
                bits &= (1 << nbits) - 1;
            }
        }
        if chars != CODE_CHARS {
            return Err(CryptoError::InvalidRecoveryCode(
                "it is too short: a recovery code has 32 letters and digits",
            ));
        }
        Ok(Self(out))
    }

    /// The code as shown to the user: `XXXX-XXXX-…` (eight groups of four).
    pub fn reveal(&self) -> String {
        let mut text = String::with_capacity(CODE_CHARS + 7);
        let mut bits: u64 = 0;
        let mut nbits = 0u32;
        let mut written = 0usize;
        for &byte in self.0.iter() {
            bits = (bits << 8) | byte as u64;
            nbits += 8;
            while nbits >= 5 {
                nbits -= 5;
                if written > 0 && written.is_multiple_of(4) {
                    text.push('-');
                }
                text.push(ALPHABET[((bits >> nbits) & 31) as usize] as char);
                written += 1;
            }
            bits &= (1 << nbits) - 1;
        }
        text
    }

    /// The code's bytes, for the key-derivation function only.
    pub(crate) fn expose_secret_bytes(&self) -> &[u8] {
        self.0.as_ref()
    }
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn shape_of_a_code() {
        let code = RecoveryCode::generate().unwrap().reveal();
        assert_eq!(code.len(), 32 + 7);
        assert_eq!(code.split('-').count(), 8);
        assert!(code.split('-').all(|g| g.len() == 4));
    }

    #[test]
    fn parse_errors_are_specific() {
        assert!(RecoveryCode::parse("ABCD").is_err());
        assert!(RecoveryCode::parse(&"A".repeat(33)).is_err());
        assert!(RecoveryCode::parse(&format!("{}U", "A".repeat(31))).is_err());
    }

    #[test]
    fn debug_hides_the_code() {
        assert_eq!(
            format!("{:?}", RecoveryCode::generate().unwrap()),
            "RecoveryCode(***)"
        );
    }

    proptest! {
        #[test]
        fn reveal_then_parse_round_trips(bytes in proptest::array::uniform20(any::<u8>())) {
            let code = RecoveryCode(Zeroizing::new(bytes));
            let shown = code.reveal();
            let back = RecoveryCode::parse(&shown).unwrap();
            prop_assert_eq!(back.expose_secret_bytes(), &bytes[..]);
            let sloppy = shown.to_lowercase().replace('-', " ").replace('1', "l").replace('0', "o");
            let back = RecoveryCode::parse(&sloppy).unwrap();
            prop_assert_eq!(back.expose_secret_bytes(), &bytes[..]);
        }
    }
}
