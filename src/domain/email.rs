//! Email addresses: one rule wherever an address is taken (a subject added or corrected, a
//! request taken in, a row imported, the organisation's contacts), in the window, the command
//! line and imports alike, with one message.
//!
//! The rule is the `email_address` crate's parser (RFC 5321/5322 addresses, the HTML living
//! standard's reading of domains), narrowed to what a person types as their address: a bare
//! `local@domain.tld` with a top-level domain, no display name (`Jane <jane@…>`), no
//! `[ip literal]` domain, and no white space anywhere (the email index ignores white space,
//! so two addresses differing only by it could not be told apart).

use email_address::{EmailAddress, Options};

/// What every refusal of an address says (after the field's name). It never repeats the
/// address: error messages may be logged or shown over someone's shoulder.
pub const NOT_AN_EMAIL: &str = "does not look like an email address (name@example.org)";

/// An address that cannot be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", NOT_AN_EMAIL)]
pub struct NotAnEmail;

fn options() -> Options {
    Options::default()
        .with_required_tld()
        .without_display_text()
        .without_domain_literal()
}

/// Checks an address (surrounding white space ignored) and returns it trimmed.
pub fn check_email(text: &str) -> Result<&str, NotAnEmail> {
    let email = text.trim();
    if email.chars().any(char::is_whitespace) {
        return Err(NotAnEmail);
    }
    EmailAddress::parse_with_options(email, options())
        .map(|_| email)
        .map_err(|_| NotAnEmail)
}

/// Whether `text` (surrounding white space ignored) is an address the app takes.
pub fn is_email(text: &str) -> bool {
    check_email(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_table() {
        for (text, ok) in [
            ("a@b.co", true),
            ("first.last+tag@sub.example.org", true),
            ("  Zoë.Müller@Exämple.de ", true),
            ("o'brien@example.ie", true),
            ("jane@@example.com", false),
            ("jane@example.com@example.org", false),
            ("a@b", false),
            ("ada@example", false),
            ("@b.co", false),
            ("a b@c.co", false),
            ("\"a b\"@c.co", false),
            ("a@.co", false),
            ("a@b.co.", false),
            (".a@b.co", false),
            ("a..b@c.co", false),
            ("Jane <jane@example.com>", false),
            ("jane@[127.0.0.1]", false),
            ("plain", false),
            ("", false),
        ] {
            assert_eq!(is_email(text), ok, "{text:?}");
        }
        assert_eq!(check_email(" a@b.org "), Ok("a@b.org"));
        assert_eq!(
            NotAnEmail.to_string(),
            "does not look like an email address (name@example.org)"
        );
    }
}
