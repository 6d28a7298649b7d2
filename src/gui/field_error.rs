//! A form's error that goes away when the inputs it was about change (issue 20, item 2).
//!
//! A form keeps a [`FieldError`] instead of an `Option<String>`. Setting it (from the form's
//! own check, or from the service's answer applied after drawing) records only the sentence.
//! The first time it is drawn it takes the fingerprint of the form's inputs as they are then
//! (they cannot have changed between the click and that frame); when a later frame's
//! fingerprint differs (the officer typed, ticked or chose something) the error clears itself.
//! Unchanged inputs keep it on screen. No form writes its own clearing code.

use std::fmt::{self, Debug, Write as _};
use std::hash::{DefaultHasher, Hasher};

use egui::Ui;

/// A fingerprint of a form's inputs: a hash of their `Debug` text, written straight into the
/// hasher (no copy of the text is kept, so a passphrase field may be among them).
pub fn fingerprint(inputs: &impl Debug) -> u64 {
    struct Sink(DefaultHasher);
    impl fmt::Write for Sink {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut sink = Sink(DefaultHasher::new());
    // Writing into a hasher cannot fail; a `Debug` that fails leaves a shorter fingerprint.
    let _ = write!(sink, "{inputs:?}");
    sink.0.finish()
}

/// An error about a form's inputs, shown until they change (one pointer wide when there is
/// none, so a form's size hardly grows).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct FieldError(Option<Box<Standing>>);

/// The error while it stands.
#[derive(Clone, PartialEq, Eq)]
struct Standing {
    text: String,
    /// The inputs' fingerprint when the error was first drawn.
    about: Option<u64>,
}

/// Only whether an error is set: a form's own `Debug` (its fingerprint) includes its error,
/// which must not change the fingerprint by being drawn.
impl Debug for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.write_str("FieldError(set)"),
            None => f.write_str("FieldError(none)"),
        }
    }
}

impl FieldError {
    /// Shows `text` until the inputs change.
    pub fn set(&mut self, text: String) {
        self.0 = Some(Box::new(Standing { text, about: None }));
    }

    /// Forgets the error.
    pub fn clear(&mut self) {
        self.0 = None;
    }

    /// Clears the error when `inputs` (a [`fingerprint`]) differ from those it was first
    /// drawn with; returns the sentence to show, if any.
    pub fn check(&mut self, inputs: u64) -> Option<&str> {
        if let Some(standing) = self.0.as_mut() {
            match standing.about {
                Some(then) if then != inputs => self.0 = None,
                Some(_) => {}
                None => standing.about = Some(inputs),
            }
        }
        self.0.as_deref().map(|s| s.text.as_str())
    }

    /// [`check`](Self::check), then draws the sentence in the error colour with `prefix`.
    pub fn show(&mut self, ui: &mut Ui, inputs: u64, prefix: &str) {
        if let Some(text) = self.check(inputs) {
            ui.colored_label(ui.visuals().error_fg_color, format!("{prefix}{text}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_stays_while_its_inputs_stay_and_clears_when_they_change() {
        let mut e = FieldError::default();
        assert_eq!(e.check(fingerprint(&"a")), None);
        e.set("Email: give an address.".into());
        // First drawn with "a": kept while it is "a".
        assert!(e.check(fingerprint(&"a")).is_some());
        assert!(e.check(fingerprint(&"a")).is_some());
        assert_eq!(e.check(fingerprint(&"ab")), None);
        // Cleared for good: back to "a" does not bring it back.
        assert_eq!(e.check(fingerprint(&"a")), None);
        // Set again, it takes the inputs of its next drawing.
        e.set("again".into());
        assert!(e.check(fingerprint(&"ab")).is_some());
        assert_eq!(e.check(fingerprint(&"abc")), None);
    }

    #[test]
    fn a_form_that_holds_its_error_keeps_its_fingerprint_when_the_error_is_drawn() {
        #[derive(Debug)]
        struct Form {
            email: String,
            problem: FieldError,
        }
        let mut f = Form {
            email: "x".into(),
            problem: FieldError::default(),
        };
        f.problem.set("Email: not an address.".into());
        let before = fingerprint(&f);
        assert!(f.problem.check(before).is_some());
        assert_eq!(fingerprint(&f), before);
        assert!(f.problem.check(fingerprint(&f)).is_some());
        f.email.push('@');
        assert_eq!(f.problem.check(fingerprint(&f)), None);
    }
}
