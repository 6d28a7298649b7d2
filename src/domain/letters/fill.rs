//! The placeholder substitution: splitting template lines into text and `{{placeholders}}`,
//! checking the names, and filling them in (see the rules in the [`super`] module comment).

use super::facts::{OPTIONAL, PLACEHOLDERS, fact_description};
use super::{LetterError, LetterFacts};

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
pub(super) fn check_placeholders(
    template: &str,
    field: &'static str,
    text: &str,
) -> Result<(), LetterError> {
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
pub(super) fn fill(
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
