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

use serde::{Deserialize, Serialize};
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

/// The TOML a mapping is written as (the same shape [`Mapping::parse`] reads).
#[derive(Serialize)]
struct MappingOut<'a> {
    columns: BTreeMap<&'a str, &'static str>,
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

    /// A mapping from the officer's choices in the window: each column as the file names it,
    /// with the field it fills or `None` to leave it out without a warning. A column chosen
    /// twice (or an empty name) is refused with a sentence naming it.
    pub fn from_choices<'a>(
        choices: impl IntoIterator<Item = (&'a str, Option<GenericField>)>,
    ) -> Result<Self, String> {
        let mut entries: Vec<(String, Option<GenericField>)> = Vec::new();
        for (column, field) in choices {
            let key = header_key(column);
            if key.is_empty() {
                return Err("a column without a name cannot be mapped".into());
            }
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(format!("the column {:?} is mapped twice", column.trim()));
            }
            entries.push((key, field));
        }
        Ok(Self { entries })
    }

    /// The columns it names (as matched: trimmed, lower case) with their field, `None` for an
    /// ignored column, in the order they were given.
    pub fn entries(&self) -> &[(String, Option<GenericField>)] {
        &self.entries
    }

    /// Whether it names no column.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether every column it names is in `header`: a saved mapping made for this kind of
    /// file (the window offers it when a file fits).
    pub fn fits(&self, header: &[&str]) -> bool {
        let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
        !self.entries.is_empty() && self.entries.iter().all(|(k, _)| keys.contains(k))
    }

    /// The mapping as the TOML file `--mapping` reads (`[columns]`, one line per column);
    /// [`Mapping::parse`] reads it back to the same mapping.
    pub fn to_toml(&self) -> String {
        let out = MappingOut {
            columns: self
                .entries
                .iter()
                .map(|(k, f)| (k.as_str(), f.map_or(IGNORE, GenericField::code)))
                .collect(),
        };
        // A map of strings to strings always serialises.
        toml::to_string(&out).unwrap_or_default()
    }

    /// What the mapping says about a column as the file names it (matched like a header).
    pub fn choice_for(&self, column: &str) -> Option<Option<GenericField>> {
        self.lookup(&header_key(column))
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
    fn choices_round_trip_through_toml_and_refuse_a_column_twice() {
        let m = Mapping::from_choices([
            (" E-Mail ", Some(GenericField::Email)),
            ("Kunde seit", Some(GenericField::CustomerSince)),
            ("Intern \"x\"", None),
        ])
        .unwrap();
        assert_eq!(m.entries().len(), 3);
        let back = Mapping::parse(&m.to_toml(), "saved").unwrap();
        assert_eq!(back.lookup("e-mail"), Some(Some(GenericField::Email)));
        assert_eq!(
            back.lookup("kunde seit"),
            Some(Some(GenericField::CustomerSince))
        );
        assert_eq!(back.lookup("intern \"x\""), Some(None));
        assert!(m.fits(&["E-MAIL", "kunde seit", "Intern \"x\"", "other"]));
        assert!(!m.fits(&["E-MAIL"]));
        assert!(!Mapping::default().fits(&["email"]));

        let err = Mapping::from_choices([("Mail", Some(GenericField::Email)), ("MAIL ", None)])
            .unwrap_err();
        assert!(err.contains("\"MAIL\" is mapped twice"), "{err}");
        assert!(Mapping::from_choices([("  ", None)]).is_err());
    }

    proptest::proptest! {
        /// Whatever the column names (quotes, backslashes, non-Latin letters), a mapping written
        /// as TOML reads back to the same mapping.
        #[test]
        fn any_mapping_survives_toml(
            names in proptest::collection::btree_set("[^\\x00-\\x1f]{1,24}", 0..8),
            fields in proptest::collection::vec(0usize..14, 8),
        ) {
            let names: Vec<String> = names
                .into_iter()
                .filter(|n| !n.trim().is_empty())
                .collect();
            let mut keys = std::collections::BTreeSet::new();
            let choices: Vec<(&str, Option<GenericField>)> = names
                .iter()
                .filter(|n| keys.insert(header_key(n)))
                .zip(fields)
                .map(|(n, f)| (n.as_str(), GenericField::ALL.get(f).copied()))
                .collect();
            let m = Mapping::from_choices(choices).unwrap();
            let back = Mapping::parse(&m.to_toml(), "p").unwrap();
            for (k, f) in m.entries() {
                proptest::prop_assert_eq!(back.lookup(k), Some(*f));
            }
            proptest::prop_assert_eq!(back.entries().len(), m.entries().len());
        }
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
