//! Processing purposes and the notices shown when consent is asked.
//!
//! Each purpose has a short kebab-case code, a description, one of the six lawful bases of
//! GDPR Art. 6(1), the data categories it uses, whether it is a "sale" or "sharing" under the
//! CCPA/CPRA (Cal. Civ. Code § 1798.140(ad), (ah)), and a versioned notice text: the exact
//! wording shown when consent was asked (GDPR Art. 7(1) requires the controller to be able to
//! demonstrate consent, which includes what the person was told). Editing the text creates a
//! new version; old versions stay.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A purpose's code: lower-case letters and digits in words joined by single dashes
/// (`newsletter`, `product-recommendations`), at most 48 characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PurposeCode(String);

impl PurposeCode {
    /// Checks and wraps a code; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let ok_chars = text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if text.is_empty() || text.len() > 48 {
            return Err(format!(
                "purpose code {text:?} must have 1 to 48 characters"
            ));
        }
        if !ok_chars || text.starts_with('-') || text.ends_with('-') || text.contains("--") {
            return Err(format!(
                "purpose code {text:?} must be kebab-case: lower-case letters and digits, words joined by single dashes (e.g. product-recommendations)"
            ));
        }
        Ok(Self(text.to_owned()))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PurposeCode {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text)
    }
}

impl From<PurposeCode> for String {
    fn from(code: PurposeCode) -> String {
        code.0
    }
}

impl fmt::Display for PurposeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// The six lawful bases for processing, GDPR Art. 6(1)(a)–(f) (the same in the UK GDPR).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LegalBasis {
    /// Art. 6(1)(a): the person has given consent for one or more specific purposes.
    Consent,
    /// Art. 6(1)(b): necessary for a contract with the person, or steps before one.
    Contract,
    /// Art. 6(1)(c): necessary to comply with a legal obligation.
    LegalObligation,
    /// Art. 6(1)(d): necessary to protect someone's vital interests.
    VitalInterests,
    /// Art. 6(1)(e): a task in the public interest or official authority.
    PublicTask,
    /// Art. 6(1)(f): legitimate interests not overridden by the person's rights.
    LegitimateInterests,
}

impl LegalBasis {
    /// Every basis, in the order of Art. 6(1).
    pub const ALL: [LegalBasis; 6] = [
        Self::Consent,
        Self::Contract,
        Self::LegalObligation,
        Self::VitalInterests,
        Self::PublicTask,
        Self::LegitimateInterests,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Consent => "consent",
            Self::Contract => "contract",
            Self::LegalObligation => "legal-obligation",
            Self::VitalInterests => "vital-interests",
            Self::PublicTask => "public-task",
            Self::LegitimateInterests => "legitimate-interests",
        }
    }

    /// The basis for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.code() == code)
    }

    /// Words with the article.
    pub fn label(self) -> &'static str {
        match self {
            Self::Consent => "Consent (Art. 6(1)(a))",
            Self::Contract => "Contract (Art. 6(1)(b))",
            Self::LegalObligation => "Legal obligation (Art. 6(1)(c))",
            Self::VitalInterests => "Vital interests (Art. 6(1)(d))",
            Self::PublicTask => "Public task (Art. 6(1)(e))",
            Self::LegitimateInterests => "Legitimate interests (Art. 6(1)(f))",
        }
    }
}

/// A processing purpose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purpose {
    /// Its code.
    pub code: PurposeCode,
    /// A short name.
    pub name: String,
    /// What is done and why, in plain words.
    pub description: String,
    /// The lawful basis.
    pub legal_basis: LegalBasis,
    /// The data categories it uses (codes of the data taxonomy, e.g. `contact.email`).
    pub data_categories: Vec<String>,
    /// Whether it sells or shares personal information under the CCPA/CPRA, so that an opt-out
    /// of sale/sharing (or a Global Privacy Control signal) stops it.
    pub ccpa_sale_or_share: bool,
}

impl Purpose {
    /// Checks the fields; returns the problem naming its field.
    pub fn check(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err(format!("purpose {}: name is empty", self.code));
        }
        if self.description.trim().is_empty() {
            return Err(format!("purpose {}: description is empty", self.code));
        }
        Ok(())
    }
}

/// One version of a purpose's notice text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// The purpose.
    pub purpose: PurposeCode,
    /// Version, from 1.
    pub version: u32,
    /// The exact wording shown.
    pub text: String,
    /// When this version took effect (RFC 3339).
    pub published_at: String,
}

/// A purpose with the text of its first notice, as read from a catalogue file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CataloguePurpose {
    /// The purpose.
    pub purpose: Purpose,
    /// The first version of its notice text.
    pub notice: String,
}

/// One `[[purpose]]` table as written (no `flatten`, so errors keep their line and column).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueEntry {
    code: PurposeCode,
    name: String,
    description: String,
    legal_basis: LegalBasis,
    data_categories: Vec<String>,
    ccpa_sale_or_share: bool,
    notice: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    purpose: Vec<CatalogueEntry>,
}

/// The catalogue shipped in `assets/purposes.toml`.
pub const DEFAULT_CATALOGUE: &str = include_str!("../../assets/purposes.toml");

/// Reads a purpose catalogue (TOML, `[[purpose]]` tables). Errors name the file (`source`),
/// the line and the field, and nothing is returned unless every purpose is valid.
pub fn parse_catalogue(text: &str, source: &str) -> Result<Vec<CataloguePurpose>, String> {
    let file: CatalogueFile = toml::from_str(text).map_err(|e| format!("{source}: {e}"))?;
    let purposes: Vec<CataloguePurpose> = file
        .purpose
        .into_iter()
        .map(|e| CataloguePurpose {
            purpose: Purpose {
                code: e.code,
                name: e.name,
                description: e.description,
                legal_basis: e.legal_basis,
                data_categories: e.data_categories,
                ccpa_sale_or_share: e.ccpa_sale_or_share,
            },
            notice: e.notice,
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    for entry in &purposes {
        entry
            .purpose
            .check()
            .map_err(|e| format!("{source}: {e}"))?;
        if entry.notice.trim().is_empty() {
            return Err(format!(
                "{source}: purpose {}: notice is empty",
                entry.purpose.code
            ));
        }
        if !seen.insert(entry.purpose.code.clone()) {
            return Err(format!(
                "{source}: purpose {} appears twice",
                entry.purpose.code
            ));
        }
    }
    Ok(purposes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purpose_code_table() {
        for (code, ok) in [
            ("newsletter", true),
            ("product-recommendations", true),
            ("tracking-2", true),
            ("", false),
            ("Newsletter", false),
            ("news letter", false),
            ("-news", false),
            ("news-", false),
            ("news--letter", false),
            ("news_letter", false),
            ("é", false),
        ] {
            assert_eq!(PurposeCode::parse(code).is_ok(), ok, "{code:?}");
        }
        assert!(PurposeCode::parse(&"a".repeat(49)).is_err());
    }

    #[test]
    fn the_shipped_catalogue_is_valid_and_has_the_newsletter() {
        let purposes = parse_catalogue(DEFAULT_CATALOGUE, "assets/purposes.toml").unwrap();
        assert!(purposes.len() >= 5);
        assert!(
            purposes
                .iter()
                .any(|p| p.purpose.code.as_str() == "newsletter")
        );
        assert!(purposes.iter().any(|p| p.purpose.ccpa_sale_or_share));
    }

    #[test]
    fn catalogue_errors_name_the_file_line_and_field() {
        let bad_code = "[[purpose]]\ncode = \"News Letter\"\nname = \"n\"\ndescription = \"d\"\nlegal_basis = \"consent\"\ndata_categories = []\nccpa_sale_or_share = false\nnotice = \"x\"\n";
        let err = parse_catalogue(bad_code, "mine.toml").unwrap_err();
        assert!(err.starts_with("mine.toml"), "{err}");
        assert!(
            err.contains("kebab-case") && err.contains("line 2"),
            "{err}"
        );

        let bad_basis = bad_code
            .replace("News Letter", "news")
            .replace("\"consent\"", "\"because\"");
        let err = parse_catalogue(&bad_basis, "mine.toml").unwrap_err();
        assert!(err.contains("line 5") && err.contains("because"), "{err}");

        let twice = format!(
            "{}{}",
            bad_code.replace("News Letter", "news"),
            bad_code.replace("News Letter", "news")
        );
        let err = parse_catalogue(&twice, "mine.toml").unwrap_err();
        assert!(err.contains("appears twice"), "{err}");
    }

    #[test]
    fn legal_bases_are_the_six_of_article_6() {
        assert_eq!(LegalBasis::ALL.len(), 6);
        for b in LegalBasis::ALL {
            assert_eq!(LegalBasis::from_code(b.code()), Some(b));
            assert!(b.label().contains("Art. 6(1)("));
        }
    }
}

/// A purpose with the number of its current notice version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurposeRow {
    /// The purpose.
    pub purpose: Purpose,
    /// Its latest notice version (0 when it has none).
    pub current_notice: u32,
}
