//! Why a letter template could not be read or filled in.

use thiserror::Error;

/// Why a letter template could not be read or filled in. Messages name the template and the
/// field or placeholder, and say what to do; they never contain the facts themselves.
#[derive(Debug, Error)]
pub enum LetterError {
    /// The template file is not valid TOML.
    #[error(
        "The letter template {file} could not be read: {message}. Correct the file, or delete it to use the shipped wording."
    )]
    Syntax {
        /// The file's label.
        file: String,
        /// The TOML parser's explanation.
        message: String,
    },
    /// A required entry is missing from the template file.
    #[error(
        "The letter template {file} has no `{field}`. Add a `{field} = \"…\"` line to the file."
    )]
    MissingField {
        /// The file's label.
        file: String,
        /// The missing entry.
        field: &'static str,
    },
    /// An entry is not text.
    #[error(
        "In the letter template {file}, `{field}` is not text. Put its value in quotes (use ''' … ''' for text over several lines)."
    )]
    FieldNotText {
        /// The file's label.
        file: String,
        /// The entry.
        field: &'static str,
    },
    /// An entry is empty.
    #[error("In the letter template {file}, `{field}` is empty. Write the text for it.")]
    EmptyField {
        /// The file's label.
        file: String,
        /// The entry.
        field: &'static str,
    },
    /// The template file has an entry other than `title`, `subject` and `body`.
    #[error(
        "The letter template {file} has an unexpected entry `{field}`; a template has only `title`, `subject` and `body`. Check the spelling or remove it."
    )]
    UnknownField {
        /// The file's label.
        file: String,
        /// The unexpected entry.
        field: String,
    },
    /// The subject spans several lines.
    #[error(
        "In the letter template {file}, `subject` has more than one line. An email subject must fit on one line."
    )]
    SubjectNotOneLine {
        /// The file's label.
        file: String,
    },
    /// A placeholder name is not one of the known facts.
    #[error(
        "The letter template {template} uses an unknown placeholder {{{{{name}}}}} in its {field}. Check the spelling; the placeholders are: greeting, organisation_name, organisation_contact, dpo_contact, requester_name, request_reference, request_type, law, received, due, extended_due, extension_reason, refusal_ground, outcome, supervisory_authority, complaint_rights, today, signer, identity_needed, identity_time_limit, incident_reference, breach_nature, breach_consequences, breach_measures, contact_point, recipient_name, recipient_action, subject_identifiers."
    )]
    UnknownPlaceholder {
        /// The template's label: its file, or its title and kind.
        template: String,
        /// `subject` or `body`.
        field: &'static str,
        /// The unknown name (shortened if long).
        name: String,
    },
    /// `{{` without a closing `}}` on the same line.
    #[error(
        "The letter template {template} has `{{{{` without a closing `}}}}` in its {field}, at \"{near}\". Close the placeholder on the same line, or remove the braces."
    )]
    UnclosedPlaceholder {
        /// The template's label: its file, or its title and kind.
        template: String,
        /// `subject` or `body`.
        field: &'static str,
        /// The text from the `{{` on (shortened).
        near: String,
    },
    /// A fact the letter uses is empty.
    #[error(
        "The letter {template} needs {description} ({{{{{name}}}}}), but it is empty. Fill it in (the organisation's details in the organisation profile, the rest on the request or the incident) and create the letter again."
    )]
    MissingFact {
        /// The template's title and kind.
        template: String,
        /// What the fact is, in words.
        description: &'static str,
        /// The placeholder's name.
        name: String,
    },
}
