//! A letter's wording: reading a template file (the shipped one or the officer's) and
//! rendering it with the facts.

use super::fill::{check_placeholders, fill};
use super::{Language, Letter, LetterError, LetterFacts, LetterKind};

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

    /// The shipped template in `lang`; `None` when the letter is not written in it.
    pub fn builtin_in(kind: LetterKind, lang: Language) -> Option<Result<Self, LetterError>> {
        let text = kind.builtin_text_in(lang)?;
        let label = match lang {
            Language::English => format!("assets/letters/{}.toml", kind.code()),
            _ => format!("assets/letters/{}/{}.toml", lang.code(), kind.code()),
        };
        Some(Self::parse(kind, &label, text))
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
