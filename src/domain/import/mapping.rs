//! A saved column mapping for the generic preset: a small TOML file that says which source
//! column fills which field, so the same export can be imported again without renaming its
//! columns. Source names are matched like headers (case and surrounding spaces ignored); the
//! target `ignore` silences the warning for a column on purpose.
//!
//! ```toml
//! [columns]
//! "E-Mail-Adresse" = "email"
//! "Vorname" = "first_name"
//! "Nachname" = "last_name"
//! "Interne Nummer" = "ignore"
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::GenericField;
use super::header_columns::header_key;

/// The target that means "leave this column out, without a warning".
const IGNORE: &str = "ignore";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    columns: BTreeMap<String, Spanned<String>>,
}

/// Source column (as matched) → field, or `None` for a column ignored on purpose.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    entries: Vec<(String, Option<GenericField>)>,
}

impl Mapping {
    /// Reads a mapping; errors name `source` (the file) and the line.
    pub fn parse(text: &str, source: &str) -> Result<Self, String> {
        let file: MappingFile = toml::from_str(text).map_err(|e| {
            format!(
                "{source}: {}",
                e.to_string().trim_end().replace('\n', "\n  ")
            )
        })?;
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let mut entries: Vec<(String, Option<GenericField>)> = Vec::new();
        let mut lines: Vec<usize> = Vec::new();
        for (column, target) in &file.columns {
            let line = line_of(target.span().start);
            let key = header_key(column);
            if key.is_empty() {
                return Err(format!("{source}:{line}: a source column name is empty"));
            }
            let wanted = target.get_ref().trim();
            let field = if wanted == IGNORE {
                None
            } else {
                Some(GenericField::from_code(wanted).ok_or_else(|| {
                    let all: Vec<&str> = GenericField::ALL.iter().map(|f| f.code()).collect();
                    format!(
                        "{source}:{line}: {wanted:?} is not a field; use one of {}, or {IGNORE}",
                        all.join(", ")
                    )
                })?)
            };
            if let Some(at) = entries.iter().position(|(k, _)| *k == key) {
                return Err(format!(
                    "{source}:{line}: the column {column:?} is mapped twice (also on line {})",
                    lines[at]
                ));
            }
            entries.push((key, field));
            lines.push(line);
        }
        Ok(Self { entries })
    }

    /// What the mapping says about a header key: `Some(Some(field))`, `Some(None)` for an
    /// ignored column, `None` when it does not name the column.
    pub fn lookup(&self, key: &str) -> Option<Option<GenericField>> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, field)| *field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_names_fields_and_ignored_columns() {
        let m = Mapping::parse(
            "# saved\n[columns]\n\"E-Mail\" = \"email\"\n\" Vorname \" = \"first_name\"\n\"Intern\" = \"ignore\"\n",
            "map.toml",
        )
        .unwrap();
        assert_eq!(m.lookup("e-mail"), Some(Some(GenericField::Email)));
        assert_eq!(m.lookup("vorname"), Some(Some(GenericField::FirstName)));
        assert_eq!(m.lookup("intern"), Some(None));
        assert_eq!(m.lookup("email"), None);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        for (text, says) in [
            (
                "[columns]\n\"A\" = \"email\"\n\"B\" = \"emial\"\n",
                "map.toml:3: \"emial\" is not a field",
            ),
            (
                "[columns]\n\"Mail\" = \"email\"\n\"MAIL\" = \"phone\"\n",
                "mapped twice",
            ),
            ("[columns]\n\"A\" = 3\n", "line 2"),
            ("[colums]\n\"A\" = \"email\"\n", "map.toml: "),
            ("[columns\n", "line 1"),
            (
                "[columns]\n\"  \" = \"email\"\n",
                "map.toml:2: a source column name is empty",
            ),
        ] {
            let err = Mapping::parse(text, "map.toml").unwrap_err();
            assert!(err.starts_with("map.toml"), "{err}");
            assert!(err.contains(says), "{text:?}: {err}");
        }
    }
}
