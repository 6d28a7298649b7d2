//! The taxonomy of personal data categories: a tree of dotted codes (`contact` →
//! `contact.email`) shipped in `assets/data_categories.toml` and editable in the app. A category
//! is special (GDPR Art. 9(1)) or criminal-offence data (Art. 10) when it or one of its
//! ancestors is marked so.

use serde::{Deserialize, Serialize};

use super::CategoryCode;

/// Why a category needs more than an Art. 6 basis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpecialCategory {
    /// A special category of GDPR Art. 9(1): needs an Art. 9(2) condition.
    Art9,
    /// Criminal convictions and offences, Art. 10: needs official authority or a law.
    Art10,
}

/// One category of the taxonomy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataCategory {
    /// Its dotted code.
    pub code: CategoryCode,
    /// What it is called.
    pub name: String,
    /// What falls under it.
    #[serde(default)]
    pub description: String,
    /// Whether it is marked special here (children inherit it; see [`Taxonomy::special`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special: Option<SpecialCategory>,
}

/// The whole taxonomy, in display order (parents before children).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Taxonomy {
    categories: Vec<DataCategory>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomyFile {
    #[serde(default)]
    category: Vec<DataCategory>,
}

/// The taxonomy shipped in `assets/data_categories.toml`.
pub const DEFAULT_TAXONOMY: &str = include_str!("../../../assets/data_categories.toml");

impl Taxonomy {
    /// Builds a taxonomy from categories: every code once, every parent present and listed
    /// before its children.
    pub fn new(categories: Vec<DataCategory>) -> Result<Self, String> {
        let mut seen = std::collections::BTreeSet::new();
        for c in &categories {
            if c.name.trim().is_empty() {
                return Err(format!("category {}: name is empty", c.code));
            }
            if let Some(parent) = c.code.parent()
                && !seen.contains(&parent)
            {
                return Err(format!(
                    "category {}: its parent {parent} must be listed before it",
                    c.code
                ));
            }
            if !seen.insert(c.code.clone()) {
                return Err(format!("category {} appears twice", c.code));
            }
        }
        Ok(Self { categories })
    }

    /// Reads a taxonomy file (TOML, `[[category]]` tables); the error names the file (`source`)
    /// and the line, or the category.
    pub fn parse(text: &str, source: &str) -> Result<Self, String> {
        let file: TaxonomyFile = toml::from_str(text).map_err(|e| format!("{source}: {e}"))?;
        Self::new(file.category).map_err(|e| format!("{source}: {e}"))
    }

    /// The shipped taxonomy.
    pub fn default_taxonomy() -> Result<Self, String> {
        Self::parse(DEFAULT_TAXONOMY, "assets/data_categories.toml")
    }

    /// Every category, parents before children.
    pub fn categories(&self) -> &[DataCategory] {
        &self.categories
    }

    /// The category with `code`.
    pub fn get(&self, code: &CategoryCode) -> Option<&DataCategory> {
        self.categories.iter().find(|c| &c.code == code)
    }

    /// The category's name, or its code when it is not in the taxonomy.
    pub fn name_of(&self, code: &CategoryCode) -> String {
        self.get(code)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| code.to_string())
    }

    /// Whether `code` is special, through itself or an ancestor.
    pub fn special(&self, code: &CategoryCode) -> Option<SpecialCategory> {
        let mut at = Some(code.clone());
        while let Some(c) = at {
            if let Some(s) = self.get(&c).and_then(|d| d.special) {
                return Some(s);
            }
            at = c.parent();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> CategoryCode {
        CategoryCode::parse(s).unwrap()
    }

    #[test]
    fn the_shipped_taxonomy_loads_and_covers_the_purposes() {
        let t = Taxonomy::default_taxonomy().unwrap();
        for c in ["contact.email", "identity.name", "purchase.history"] {
            assert!(t.get(&code(c)).is_some(), "{c}");
        }
        assert_eq!(
            t.special(&code("sensitive.health")),
            Some(SpecialCategory::Art9)
        );
        assert_eq!(t.special(&code("criminal")), Some(SpecialCategory::Art10));
        assert_eq!(t.special(&code("contact.email")), None);
        let purposes = crate::domain::purpose::parse_catalogue(
            crate::domain::purpose::DEFAULT_CATALOGUE,
            "purposes",
        )
        .unwrap();
        for p in purposes {
            for c in &p.purpose.data_categories {
                assert!(
                    t.get(&code(c)).is_some(),
                    "purpose {} uses {c}",
                    p.purpose.code
                );
            }
        }
    }

    #[test]
    fn bad_files_name_the_problem() {
        let e = Taxonomy::parse("[[category]]\ncode = \"Contact\"\nname = \"x\"\n", "t.toml")
            .unwrap_err();
        assert!(e.starts_with("t.toml") && e.contains("line 2"), "{e}");
        let e =
            Taxonomy::parse("[[category]]\ncode = \"a.b\"\nname = \"x\"\n", "t.toml").unwrap_err();
        assert!(e.contains("parent a must be listed before it"), "{e}");
        let twice =
            "[[category]]\ncode = \"a\"\nname = \"x\"\n[[category]]\ncode = \"a\"\nname = \"y\"\n";
        assert!(
            Taxonomy::parse(twice, "t")
                .unwrap_err()
                .contains("appears twice")
        );
        let e = Taxonomy::parse(
            "[[category]]\ncode = \"a\"\nname = \"x\"\ncolour = 1\n",
            "t",
        )
        .unwrap_err();
        assert!(e.contains("colour"), "{e}");
    }
}
