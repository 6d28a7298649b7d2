//! The intake rules as data (`assets/intake.toml`): the phrases that propose each request type,
//! in English, German, French, Spanish, Italian and Dutch, the words that name a law, and the
//! headers that mark bulk mail. See the file's own comments for the sources (GDPR Arts. 7(3),
//! 15–18, 20, 21 in each official language; Cal. Civ. Code §§ 1798.105–1798.121).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::organisation::Regime;
use crate::domain::request::{RequestType, regime_from_code};

/// The rules shipped with the program.
pub const DEFAULT_RULES: &str = include_str!("../../../assets/intake.toml");

/// A rules file that cannot be used; the message names the rule and what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("intake rules: {0}")]
pub struct RulesError(pub String);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    bulk_headers: Vec<String>,
    bulk_precedence: Vec<String>,
    rule: Vec<RuleEntry>,
    regime: Vec<RegimeEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    #[serde(rename = "type")]
    kind: String,
    phrases: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegimeEntry {
    code: String,
    words: Vec<String>,
}

/// One phrase and the type it proposes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    /// The type proposed.
    pub kind: RequestType,
    /// The language code the phrase was listed under (`en`, `de`, …).
    pub lang: String,
    /// The phrase, lower-cased, as matched.
    pub text: String,
}

/// The loaded rules.
#[derive(Clone, Debug)]
pub struct IntakeRules {
    /// Every phrase, in file order.
    pub phrases: Vec<Phrase>,
    /// Words naming a law, with the regime they propose, in file order.
    pub regimes: Vec<(Regime, String)>,
    /// Headers (lower-case names) that mark bulk mail.
    pub bulk_headers: Vec<String>,
    /// `Precedence:` values (lower-case) that mark bulk mail.
    pub bulk_precedence: Vec<String>,
}

/// The languages every type must have phrases in.
pub const LANGUAGES: [&str; 6] = ["en", "de", "fr", "es", "it", "nl"];

impl IntakeRules {
    /// The rules shipped with the program.
    pub fn shipped() -> Result<Self, RulesError> {
        Self::parse(DEFAULT_RULES)
    }

    /// Reads rules from TOML text; every type code and regime must exist, and every rule must
    /// have phrases in each of [`LANGUAGES`].
    pub fn parse(text: &str) -> Result<Self, RulesError> {
        let file: RulesFile = toml::from_str(text).map_err(|e| RulesError(e.to_string()))?;
        let mut phrases = Vec::new();
        for rule in file.rule {
            let kind = RequestType::from_code(&rule.kind)
                .ok_or_else(|| RulesError(format!("\"{}\" is not a request type", rule.kind)))?;
            for lang in LANGUAGES {
                if rule.phrases.get(lang).is_none_or(Vec::is_empty) {
                    return Err(RulesError(format!(
                        "the {} rule has no phrases in \"{lang}\"",
                        rule.kind
                    )));
                }
            }
            for (lang, list) in rule.phrases {
                for p in list {
                    let text = normalise(&p);
                    if text.is_empty() {
                        return Err(RulesError(format!(
                            "an empty phrase in the {} rule",
                            rule.kind
                        )));
                    }
                    phrases.push(Phrase {
                        kind,
                        lang: lang.clone(),
                        text,
                    });
                }
            }
        }
        let mut regimes = Vec::new();
        for r in file.regime {
            let regime = regime_from_code(&r.code)
                .ok_or_else(|| RulesError(format!("\"{}\" is not a regime", r.code)))?;
            regimes.extend(r.words.iter().map(|w| (regime, normalise(w))));
        }
        Ok(Self {
            phrases,
            regimes,
            bulk_headers: file.bulk_headers.iter().map(|h| h.to_lowercase()).collect(),
            bulk_precedence: file
                .bulk_precedence
                .iter()
                .map(|h| h.to_lowercase())
                .collect(),
        })
    }
}

/// Lower-cases, turns typographic apostrophes into `'` and collapses white space, so that a
/// phrase and a message are compared the same way.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => '\'',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The byte position of the first whole-word occurrence of `needle` in `hay` (both
/// normalised): the characters either side are not letters or digits.
pub fn find_word(hay: &str, needle: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|h| h.find(needle)) {
        let start = from + i;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        let starts_word = needle.chars().next().is_none_or(|c| !c.is_alphanumeric());
        let ends_word = needle
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if (starts_word || boundary(before)) && (ends_word || boundary(after)) {
            return Some(start);
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}
