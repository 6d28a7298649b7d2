//! The passphrase type: a zeroizing string whose `Debug` hides it.

use std::fmt;

use zeroize::Zeroizing;

/// The shortest passphrase accepted for a new store or a passphrase change, in characters.
///
/// The store file can be copied and attacked offline, so the passphrase is the whole defence;
/// twelve characters of a few words is the least we let a user choose.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// A passphrase typed by the user. Zeroized on drop; `Debug` prints `***`.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Wraps a passphrase. Line endings at the end (from a file or a prompt) are removed;
    /// nothing else is changed.
    pub fn new(text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        while text.ends_with('\n') || text.ends_with('\r') {
            text.pop();
        }
        Self(Zeroizing::new(text))
    }

    /// The passphrase bytes, for the key-derivation function only.
    pub(crate) fn expose_secret_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Checks that a new passphrase is long enough; returns a sentence for the user if not.
    pub fn check_strength(&self) -> Result<(), String> {
        let chars = self.0.chars().count();
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(format!(
                "The passphrase has {chars} characters; use at least {MIN_PASSPHRASE_CHARS} \
                 (a few unrelated words are easy to remember and hard to guess)."
            ));
        }
        Ok(())
    }

    /// Compares two passphrases (for "type it again" fields).
    pub fn matches(&self, other: &Passphrase) -> bool {
        self.0.as_bytes() == other.0.as_bytes()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_newlines_are_removed_but_spaces_kept() {
        let p = Passphrase::new("correct horse \r\n");
        assert_eq!(p.expose_secret_bytes(), b"correct horse ");
    }

    #[test]
    fn short_passphrases_are_refused_with_a_reason() {
        let err = Passphrase::new("short").check_strength().unwrap_err();
        assert!(err.contains("5 characters"));
        assert!(Passphrase::new("twelve chars").check_strength().is_ok());
        assert!(Passphrase::new("ééééééééééé").check_strength().is_err());
    }

    #[test]
    fn debug_hides_the_passphrase() {
        assert_eq!(
            format!("{:?}", Passphrase::new("hunter2 hunter2")),
            "Passphrase(***)"
        );
    }
}
