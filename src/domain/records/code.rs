//! Codes of the records: kebab-case record codes (`newsletter-sending`, `mailchimp`) and dotted
//! category codes (`contact.email`, `sensitive.health`).

use std::fmt;

use serde::{Deserialize, Serialize};

fn check_kebab(text: &str, what: &str) -> Result<(), String> {
    let ok_chars = text
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if text.is_empty() || text.len() > 48 {
        return Err(format!("{what} {text:?} must have 1 to 48 characters"));
    }
    if !ok_chars || text.starts_with('-') || text.ends_with('-') || text.contains("--") {
        return Err(format!(
            "{what} {text:?} must be kebab-case: lower-case letters and digits, words joined by single dashes (e.g. newsletter-sending)"
        ));
    }
    Ok(())
}

/// The code of an activity, system, vendor or security measure: kebab-case, 1 to 48
/// characters, stable once used (other records refer to it).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RecordCode(String);

impl RecordCode {
    /// Checks and wraps a code; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        check_kebab(text, "code")?;
        Ok(Self(text.to_owned()))
    }

    /// A code made from a name: lower-cased, anything else than letters and digits becomes a
    /// dash ("Mailchimp (Intuit)" → `mailchimp-intuit`). Falls back to `record` for a name with
    /// no letters or digits.
    pub fn from_name(name: &str) -> Self {
        let mut out = String::new();
        for c in name.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let mut out: String = out.trim_end_matches('-').chars().take(48).collect();
        while out.ends_with('-') {
            out.pop();
        }
        if out.is_empty() {
            out.push_str("record");
        }
        Self(out)
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for RecordCode {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text)
    }
}

impl From<RecordCode> for String {
    fn from(code: RecordCode) -> String {
        code.0
    }
}

impl fmt::Display for RecordCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// The code of a data category: kebab-case segments joined by dots, the parent first
/// (`contact` → `contact.email`), at most 96 characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CategoryCode(String);

impl CategoryCode {
    /// Checks and wraps a code; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.is_empty() || text.len() > 96 {
            return Err(format!(
                "category code {text:?} must have 1 to 96 characters"
            ));
        }
        for segment in text.split('.') {
            check_kebab(segment, "category code segment").map_err(|_| {
                format!(
                    "category code {text:?} must be kebab-case words joined by dots, the parent first (e.g. contact.email)"
                )
            })?;
        }
        Ok(Self(text.to_owned()))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The parent category's code (`contact` for `contact.email`), none at the top.
    pub fn parent(&self) -> Option<CategoryCode> {
        self.0
            .rsplit_once('.')
            .map(|(parent, _)| Self(parent.to_owned()))
    }

    /// How deep the category sits (0 at the top).
    pub fn depth(&self) -> usize {
        self.0.matches('.').count()
    }

    /// Whether `self` is `other` or one of its descendants.
    pub fn is_within(&self, other: &CategoryCode) -> bool {
        self.0 == other.0
            || (self.0.starts_with(other.as_str())
                && self.0.as_bytes().get(other.0.len()) == Some(&b'.'))
    }
}

impl TryFrom<String> for CategoryCode {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text)
    }
}

impl From<CategoryCode> for String {
    fn from(code: CategoryCode) -> String {
        code.0
    }
}

impl fmt::Display for CategoryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_codes_are_kebab_case() {
        assert!(RecordCode::parse("newsletter-sending").is_ok());
        for bad in ["", "Mail", "a--b", "-a", "a-", "a b", &"x".repeat(49)] {
            assert!(RecordCode::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn codes_from_names() {
        assert_eq!(
            RecordCode::from_name("Mailchimp (Intuit)").as_str(),
            "mailchimp-intuit"
        );
        assert_eq!(RecordCode::from_name("  Shop  DB ").as_str(), "shop-db");
        assert_eq!(RecordCode::from_name("---").as_str(), "record");
    }

    #[test]
    fn category_codes_are_dotted_paths() {
        let c = CategoryCode::parse("contact.email").unwrap();
        assert_eq!(c.parent().unwrap().as_str(), "contact");
        assert_eq!(c.depth(), 1);
        assert!(c.is_within(&CategoryCode::parse("contact").unwrap()));
        assert!(
            !CategoryCode::parse("contacts.x")
                .unwrap()
                .is_within(&CategoryCode::parse("contact").unwrap())
        );
        for bad in ["", "Contact", "contact.", ".email", "contact..email", "a b"] {
            assert!(CategoryCode::parse(bad).is_err(), "{bad:?}");
        }
    }
}
