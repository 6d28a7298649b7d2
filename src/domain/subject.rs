//! A data subject as the store keeps them: identity fields, all personal data.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::email::{NOT_AN_EMAIL, is_email};

/// The fields of a subject, as entered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubjectDraft {
    /// Email address (the usual way to find someone).
    pub email: String,
    /// Full name.
    pub name: String,
    /// Telephone number.
    pub phone: String,
    /// Postal address.
    pub postal_address: String,
    /// The business's own customer reference.
    pub customer_ref: String,
    /// Free-text notes.
    pub notes: String,
    /// Labels the business uses to group people ("wholesale", "newsletter-2024"), comma-separated.
    pub tags: String,
}

/// The days recorded with a new subject, beside the draft: when their data was first
/// collected (retention counts from it; `None` means today) and their customer relationship.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SubjectDates {
    /// The day the person's data was first collected, when earlier than today.
    pub recorded_on: Option<chrono::NaiveDate>,
    /// The customer relationship, if they are or were a customer.
    pub customer: super::customer::CustomerRelationship,
}

/// Tags as stored: trimmed, lower-cased, empty ones and repeats dropped, joined by ", ".
pub fn normalise_tags(text: &str) -> String {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(|t| t.trim().to_lowercase()) {
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags.join(", ")
}

impl SubjectDraft {
    /// Checks the draft; returns the problem naming its field.
    pub fn check(&self) -> Result<(), String> {
        let email = self.email.trim();
        if email.is_empty() && self.name.trim().is_empty() {
            return Err(
                "Email or name: give at least one, so the person can be found again.".into(),
            );
        }
        if !email.is_empty() && !is_email(email) {
            return Err(format!("Email: this {NOT_AN_EMAIL}."));
        }
        Ok(())
    }
}

/// A stored subject, opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject {
    /// Identifier.
    pub id: Uuid,
    /// The fields.
    pub fields: SubjectDraft,
    /// When first recorded.
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_table() {
        for (text, expected) in [
            ("", ""),
            ("Wholesale", "wholesale"),
            (" vip , Wholesale,,vip ", "vip, wholesale"),
            ("Café, CAFÉ", "café"),
        ] {
            assert_eq!(normalise_tags(text), expected, "{text:?}");
        }
    }

    #[test]
    fn check_table() {
        let cases = [
            (SubjectDraft::default(), false),
            (
                SubjectDraft {
                    name: "Ada".into(),
                    ..Default::default()
                },
                true,
            ),
            (
                SubjectDraft {
                    email: "ada@example.org".into(),
                    ..Default::default()
                },
                true,
            ),
            (
                SubjectDraft {
                    email: "ada".into(),
                    name: "Ada".into(),
                    ..Default::default()
                },
                false,
            ),
        ];
        for (draft, ok) in cases {
            assert_eq!(draft.check().is_ok(), ok, "{draft:?}");
        }
    }
}

/// One change of one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    /// The column (`email`, `name`, …).
    pub field: String,
    /// The value before (opened).
    pub before: String,
    /// The value after (opened).
    pub after: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// The request it answered, if any.
    pub request_id: Option<Uuid>,
}
