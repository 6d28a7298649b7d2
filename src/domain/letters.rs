//! Letters the privacy officer sends while answering a data-subject request: the
//! acknowledgement, the request for proof of identity, the extension notice, the completion
//! letter and the refusal.
//!
//! The wording is data, not code: one TOML file per letter in `assets/letters/` (compiled in
//! with `include_str!`), each with a `title` (shown in the app), a `subject` (the email subject
//! line) and a `body`. The text has `{{name}}` placeholders, filled from [`LetterFacts`] by a
//! small substitution written here (no template engine):
//!
//! - every [`LetterFacts`] field name is a placeholder, plus `greeting` ("Dear Ana Pereira," or
//!   "Dear Sir or Madam," when the requester's name is empty);
//! - an unknown name, or `{{` without a closing `}}` on the same line, is an error naming it;
//! - a fact the letter uses must not be empty, except `dpo_contact` and `requester_name`, which
//!   may be; a line whose placeholders are all empty is left out (so "Data protection officer:
//!   {{dpo_contact}}" disappears when there is none);
//! - values are inserted as they are and never searched for placeholders themselves.
//!
//! The letters are written once for all regimes (GDPR, UK GDPR, CCPA/CPRA): what differs
//! between laws comes in through facts such as `law`, `supervisory_authority` and
//! `identity_time_limit`. The law points the letters carry out: GDPR and UK GDPR Art. 12(3)
//! (answer within one month, extendable once with notice and reasons given within the first
//! month), Art. 12(4) (a refusal gives reasons and the right to complain to a supervisory
//! authority and to seek a judicial remedy), Art. 12(6) (proof of identity when in reasonable
//! doubt; the ICO counts the month from when it arrives); Cal. Civ. Code § 1798.130(a)(2) (45
//! days, extendable once by 45 with notice in the first period) and Cal. Code Regs. tit. 11
//! § 7021(b) (the 45 days run from receipt, whatever the time verification under § 7060 takes).
//!
//! Rendering is pure: no clock, no store. Dates arrive already formatted for reading.

use std::borrow::Cow;

use thiserror::Error;

/// Which letter: one template file each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LetterKind {
    /// Confirms the request arrived: what was asked, when, and when the answer is due.
    Acknowledgement,
    /// Asks for what is needed to confirm the requester's identity.
    IdentityRequest,
    /// Extends the time limit once, with the reason and the new due date.
    ExtensionNotice,
    /// Says the request has been dealt with and what was done.
    Completion,
    /// Says the request will not be acted on, why, and where the person can turn.
    Refusal,
}

impl LetterKind {
    /// Every kind, in the order a request meets them.
    pub const ALL: [LetterKind; 5] = [
        LetterKind::Acknowledgement,
        LetterKind::IdentityRequest,
        LetterKind::ExtensionNotice,
        LetterKind::Completion,
        LetterKind::Refusal,
    ];

    /// The kebab-case code, also the template's file name without `.toml`.
    pub fn code(self) -> &'static str {
        match self {
            LetterKind::Acknowledgement => "acknowledgement",
            LetterKind::IdentityRequest => "identity-request",
            LetterKind::ExtensionNotice => "extension-notice",
            LetterKind::Completion => "completion",
            LetterKind::Refusal => "refusal",
        }
    }

    /// The kind with this code, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// A short name for people ("Identity request").
    pub fn label(self) -> &'static str {
        match self {
            LetterKind::Acknowledgement => "Acknowledgement",
            LetterKind::IdentityRequest => "Identity request",
            LetterKind::ExtensionNotice => "Extension notice",
            LetterKind::Completion => "Completion",
            LetterKind::Refusal => "Refusal",
        }
    }

    /// The shipped template text.
    fn builtin_text(self) -> &'static str {
        match self {
            LetterKind::Acknowledgement => {
                include_str!("../../assets/letters/acknowledgement.toml")
            }
            LetterKind::IdentityRequest => {
                include_str!("../../assets/letters/identity-request.toml")
            }
            LetterKind::ExtensionNotice => {
                include_str!("../../assets/letters/extension-notice.toml")
            }
            LetterKind::Completion => include_str!("../../assets/letters/completion.toml"),
            LetterKind::Refusal => include_str!("../../assets/letters/refusal.toml"),
        }
    }
}

/// The facts a letter is filled with. All plain strings already formatted for reading (dates as
/// e.g. "29 November 2026"). Each field is the placeholder of the same name; surrounding
/// whitespace is ignored. A letter may use only some of them.
#[derive(Clone, Debug, Default)]
pub struct LetterFacts {
    /// The organisation's name, e.g. "Hollin Bakery Ltd".
    pub organisation_name: String,
    /// Where the person can reach the organisation: an email or postal address.
    pub organisation_contact: String,
    /// The data protection officer's contact; may be empty (the line is then left out).
    pub dpo_contact: String,
    /// The requester's name; may be empty (`greeting` then reads "Dear Sir or Madam,").
    pub requester_name: String,
    /// The request's reference, e.g. "DSR-2026-0042".
    pub request_reference: String,
    /// What was asked for, as a noun phrase, e.g. "access to your personal data".
    pub request_type: String,
    /// The provision giving the right, e.g. "Article 15 of the UK GDPR".
    pub law: String,
    /// The date the request was received.
    pub received: String,
    /// The date the answer is due (the first period).
    pub due: String,
    /// The new due date after an extension.
    pub extended_due: String,
    /// Why more time is needed, as one or more full sentences.
    pub extension_reason: String,
    /// Why the request is refused, as one or more full sentences, citing the exemption relied on.
    pub refusal_ground: String,
    /// What was done, for the completion letter, as one or more full sentences.
    pub outcome: String,
    /// Where to complain, e.g. "the Information Commissioner's Office (ico.org.uk)".
    pub supervisory_authority: String,
    /// The letter's date.
    pub today: String,
    /// Who signs, e.g. "Sam Okafor, Privacy Officer".
    pub signer: String,
    /// What the person must send to confirm their identity, as a noun phrase completing "please
    /// send us …", e.g. "the postcode and the last four digits of the phone number on your
    /// customer account". Ask only for what the check needs.
    pub identity_needed: String,
    /// One or two sentences on how asking for identity affects the time limit; it differs by
    /// law. GDPR and UK GDPR (Art. 12(6), ICO guidance): "The one month we have to answer your
    /// request starts on the day we receive this from you." CCPA (Cal. Code Regs. tit. 11
    /// § 7021(b)): "This does not change our deadline: we will still answer your request by
    /// 14 January 2027."
    pub identity_time_limit: String,
}

impl LetterFacts {
    /// The salutation: "Dear {requester_name}," or "Dear Sir or Madam," when there is no name.
    pub fn greeting(&self) -> String {
        let name = self.requester_name.trim();
        if name.is_empty() {
            "Dear Sir or Madam,".to_owned()
        } else {
            format!("Dear {name},")
        }
    }

    /// The value of the placeholder `name`, trimmed, or `None` if there is no such placeholder.
    fn value(&self, name: &str) -> Option<Cow<'_, str>> {
        let field = match name {
            "greeting" => return Some(Cow::Owned(self.greeting())),
            "organisation_name" => &self.organisation_name,
            "organisation_contact" => &self.organisation_contact,
            "dpo_contact" => &self.dpo_contact,
            "requester_name" => &self.requester_name,
            "request_reference" => &self.request_reference,
            "request_type" => &self.request_type,
            "law" => &self.law,
            "received" => &self.received,
            "due" => &self.due,
            "extended_due" => &self.extended_due,
            "extension_reason" => &self.extension_reason,
            "refusal_ground" => &self.refusal_ground,
            "outcome" => &self.outcome,
            "supervisory_authority" => &self.supervisory_authority,
            "today" => &self.today,
            "signer" => &self.signer,
            "identity_needed" => &self.identity_needed,
            "identity_time_limit" => &self.identity_time_limit,
            _ => return None,
        };
        Some(Cow::Borrowed(field.trim()))
    }
}

/// Every placeholder name, for checks and for error messages.
const PLACEHOLDERS: [&str; 19] = [
    "greeting",
    "organisation_name",
    "organisation_contact",
    "dpo_contact",
    "requester_name",
    "request_reference",
    "request_type",
    "law",
    "received",
    "due",
    "extended_due",
    "extension_reason",
    "refusal_ground",
    "outcome",
    "supervisory_authority",
    "today",
    "signer",
    "identity_needed",
    "identity_time_limit",
];

/// Placeholders that may be empty; every other one a letter uses must be filled in.
const OPTIONAL: [&str; 2] = ["dpo_contact", "requester_name"];

/// What a placeholder holds, in words, for the "is empty" error.
fn fact_description(name: &str) -> &'static str {
    match name {
        "organisation_name" => "the organisation's name",
        "organisation_contact" => "the organisation's contact details",
        "request_reference" => "the request's reference",
        "request_type" => "what the person asked for",
        "law" => "the law that gives the right",
        "received" => "the date the request was received",
        "due" => "the date the answer is due",
        "extended_due" => "the new due date",
        "extension_reason" => "the reason for needing more time",
        "refusal_ground" => "the reason for refusing",
        "outcome" => "what was done",
        "supervisory_authority" => "the supervisory authority to complain to",
        "today" => "the letter's date",
        "signer" => "the name of the person signing",
        "identity_needed" => "what the person must send to confirm their identity",
        "identity_time_limit" => "the sentence on how the identity check affects the time limit",
        _ => "a fact",
    }
}

/// A letter's wording: the parsed template file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterTemplate {
    /// Which letter this is.
    pub kind: LetterKind,
    /// The name shown in the app.
    pub title: String,
    /// The email subject line, with placeholders.
    pub subject: String,
    /// The letter text, with placeholders; blank lines separate paragraphs.
    pub body: String,
}

impl LetterTemplate {
    /// The shipped template (parsed from the TOML compiled in with include_str!).
    pub fn builtin(kind: LetterKind) -> Result<Self, LetterError> {
        let label = format!("assets/letters/{}.toml", kind.code());
        Self::parse(kind, &label, kind.builtin_text())
    }

    /// Parses a template file's text; errors name the file label and the field.
    ///
    /// The file must have exactly `title`, `subject` (one line) and `body`, all non-empty text,
    /// and every placeholder in `subject` and `body` must be known and closed.
    pub fn parse(kind: LetterKind, source_label: &str, text: &str) -> Result<Self, LetterError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| LetterError::Syntax {
            file: source_label.to_owned(),
            message: e.message().to_owned(),
        })?;
        if let Some(key) = table
            .keys()
            .find(|key| !["title", "subject", "body"].contains(&key.as_str()))
        {
            return Err(LetterError::UnknownField {
                file: source_label.to_owned(),
                field: key.clone(),
            });
        }
        let field = |name: &'static str| -> Result<String, LetterError> {
            let value = table.get(name).ok_or_else(|| LetterError::MissingField {
                file: source_label.to_owned(),
                field: name,
            })?;
            let text = value.as_str().ok_or_else(|| LetterError::FieldNotText {
                file: source_label.to_owned(),
                field: name,
            })?;
            let text = text.replace("\r\n", "\n");
            if text.trim().is_empty() {
                return Err(LetterError::EmptyField {
                    file: source_label.to_owned(),
                    field: name,
                });
            }
            Ok(text)
        };
        let template = Self {
            kind,
            title: field("title")?.trim().to_owned(),
            subject: field("subject")?.trim().to_owned(),
            body: field("body")?,
        };
        if template.subject.contains('\n') {
            return Err(LetterError::SubjectNotOneLine {
                file: source_label.to_owned(),
            });
        }
        check_placeholders(source_label, "subject", &template.subject)?;
        check_placeholders(source_label, "body", &template.body)?;
        Ok(template)
    }

    /// Fills the placeholders; an unknown placeholder is an error naming it and the template.
    ///
    /// A placeholder whose fact is empty is an error too, except for the optional ones (see the
    /// module documentation); a line whose placeholders are all empty is left out.
    pub fn render(&self, facts: &LetterFacts) -> Result<Letter, LetterError> {
        let template = format!("“{}” ({})", self.title, self.kind.label());
        check_placeholders(&template, "subject", &self.subject)?;
        check_placeholders(&template, "body", &self.body)?;
        let subject = fill(&template, "subject", &self.subject, facts)?;
        let body = fill(&template, "body", &self.body, facts)?;
        Ok(Letter {
            subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
            body,
        })
    }
}

/// A piece of one template line.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    /// Text copied as it is.
    Text(&'a str),
    /// A placeholder's name (trimmed).
    Placeholder(&'a str),
}

/// Splits one line into text and placeholders. On an unclosed `{{`, returns the text from it.
fn split_line(line: &str) -> Result<Vec<Piece<'_>>, &str> {
    let mut pieces = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("{{") {
        pieces.push(Piece::Text(&rest[..start]));
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) if !after[..end].contains("{{") => {
                pieces.push(Piece::Placeholder(after[..end].trim()));
                rest = &after[end + 2..];
            }
            _ => return Err(&rest[start..]),
        }
    }
    pieces.push(Piece::Text(rest));
    Ok(pieces)
}

/// The first few characters of `text`, to show where a problem is.
fn excerpt(text: &str) -> String {
    const MAX: usize = 30;
    let mut short: String = text.chars().take(MAX).collect();
    if text.chars().count() > MAX {
        short.push('…');
    }
    short
}

/// Checks that every placeholder in `text` is closed and known.
fn check_placeholders(template: &str, field: &'static str, text: &str) -> Result<(), LetterError> {
    for line in text.lines() {
        let pieces = split_line(line).map_err(|from| LetterError::UnclosedPlaceholder {
            template: template.to_owned(),
            field,
            near: excerpt(from),
        })?;
        for piece in pieces {
            if let Piece::Placeholder(name) = piece
                && !PLACEHOLDERS.contains(&name)
            {
                return Err(LetterError::UnknownPlaceholder {
                    template: template.to_owned(),
                    field,
                    name: excerpt(name),
                });
            }
        }
    }
    Ok(())
}

/// Fills the placeholders of checked text, drops lines whose placeholders are all empty, trims
/// line ends, and keeps at most one blank line between paragraphs.
fn fill(
    template: &str,
    field: &'static str,
    text: &str,
    facts: &LetterFacts,
) -> Result<String, LetterError> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let pieces = split_line(line).map_err(|from| LetterError::UnclosedPlaceholder {
            template: template.to_owned(),
            field,
            near: excerpt(from),
        })?;
        let mut out = String::new();
        let mut placeholders = 0;
        let mut filled = 0;
        for piece in pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Placeholder(name) => {
                    let value =
                        facts
                            .value(name)
                            .ok_or_else(|| LetterError::UnknownPlaceholder {
                                template: template.to_owned(),
                                field,
                                name: excerpt(name),
                            })?;
                    placeholders += 1;
                    if !value.is_empty() {
                        filled += 1;
                    } else if !OPTIONAL.contains(&name) {
                        return Err(LetterError::MissingFact {
                            template: template.to_owned(),
                            description: fact_description(name),
                            name: name.to_owned(),
                        });
                    }
                    out.push_str(&value);
                }
            }
        }
        if placeholders > 0 && filled == 0 {
            continue;
        }
        let out = out.trim_end();
        let blank = out.is_empty();
        let previous_blank = lines.last().is_none_or(|last| last.is_empty());
        if !(blank && previous_blank) {
            lines.push(out.to_owned());
        }
    }
    while lines.last().is_some_and(|last| last.is_empty()) {
        lines.pop();
    }
    Ok(lines.join("\n"))
}

/// A filled-in letter, ready to send or print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    /// The email subject line.
    pub subject: String,
    /// The letter text; blank lines separate paragraphs.
    pub body: String,
}

impl Letter {
    /// Plain text: subject line, blank line, body.
    pub fn to_text(&self) -> String {
        format!("{}\n\n{}\n", self.subject, self.body)
    }

    /// A self-contained HTML page (escaped; paragraphs from blank-line-separated blocks; a simple
    /// print-friendly style; <html lang="en">, <meta charset="utf-8">, <title>).
    ///
    /// The subject is the page's title and heading; line breaks inside a paragraph (such as the
    /// signature block) are kept as `<br>`.
    pub fn to_html(&self) -> String {
        let subject = escape_html(&self.subject);
        let mut html = String::new();
        html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.push_str(&format!("<title>{subject}</title>\n"));
        html.push_str(STYLE);
        html.push_str("</head>\n<body>\n<main>\n");
        html.push_str(&format!("<h1>{subject}</h1>\n"));
        let mut paragraph: Vec<&str> = Vec::new();
        for line in self.body.lines().chain(std::iter::once("")) {
            if line.trim().is_empty() {
                if !paragraph.is_empty() {
                    let lines: Vec<String> = paragraph.iter().map(|l| escape_html(l)).collect();
                    html.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
                    paragraph.clear();
                }
            } else {
                paragraph.push(line.trim_end());
            }
        }
        html.push_str("</main>\n</body>\n</html>\n");
        html
    }
}

/// The page style: readable on screen, plain on paper.
const STYLE: &str = "<style>
body { font-family: Georgia, \"Times New Roman\", serif; font-size: 12pt; line-height: 1.5; color: #111; background: #fff; margin: 0; }
main { max-width: 40em; margin: 2.5em auto; padding: 0 1.5em; }
h1 { font-size: 1.1em; margin: 0 0 1.5em; }
p { margin: 0 0 1em; }
@media print { main { max-width: none; margin: 0; padding: 0; } @page { margin: 2cm; } }
</style>
";

/// Escapes text for HTML element content and attribute values.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

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
        "The letter template {template} uses an unknown placeholder {{{{{name}}}}} in its {field}. Check the spelling; the placeholders are: greeting, organisation_name, organisation_contact, dpo_contact, requester_name, request_reference, request_type, law, received, due, extended_due, extension_reason, refusal_ground, outcome, supervisory_authority, today, signer, identity_needed, identity_time_limit."
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
        "The letter {template} needs {description} ({{{{{name}}}}}), but it is empty. Fill it in (the organisation's details in the organisation profile, the rest on the request) and create the letter again."
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

#[cfg(test)]
mod tests;
