//! How far a CCPA request to know may be answered: the verification level reached.
//!
//! | Level | Needs | Then the business discloses | Source |
//! |---|---|---|---|
//! | Specific pieces | a "reasonably high degree of certainty": at least three pieces of personal information provided by the consumer matching reliable data the business holds, **and** a signed declaration under penalty of perjury that the requestor is the consumer | the specific pieces and the categories | 11 CCR § 7062(c); Cal. Civ. Code § 1798.110(a)(5) |
//! | Categories | a "reasonable degree of certainty": at least two matching data points | the categories only (of data, of sources, of purposes, of third parties); never a specific piece | 11 CCR § 7062(b); § 7024 (a request for specific pieces that cannot be verified is answered as a request for categories) |
//! | None | fewer than two matching data points | nothing: the business may deny the request, tells the consumer it could not verify them, and points to its privacy policy | 11 CCR § 7024; § 7062(b) |
//!
//! Password-protected accounts (§ 7061) are not modelled: a business verifying through an
//! account records the matches as data points. The level applies to CCPA requests to know
//! only; GDPR access has no such tiers (identity is either established or not, Art. 12(2),
//! 12(6)).

use serde::{Deserialize, Serialize};

use super::RequestType;
use crate::domain::organisation::Regime;

/// The most data points recorded (a typo guard).
pub const MAX_DATA_POINTS: u8 = 20;

/// What was checked when verifying a consumer who asks to know.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowVerification {
    /// How many pieces of personal information the consumer gave matched reliable data the
    /// business holds.
    pub data_points: u8,
    /// Whether a declaration signed under penalty of perjury was received.
    pub signed_declaration: bool,
}

/// The level reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KnowLevel {
    /// Specific pieces may be disclosed (§ 7062(c)).
    Specific,
    /// Categories only (§ 7062(b), § 7024).
    Categories,
    /// Not verified: nothing may be disclosed.
    None,
}

impl KnowLevel {
    /// Stable code (`request show --json`'s `know_verification`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Specific => "specific",
            Self::Categories => "categories",
            Self::None => "none",
        }
    }

    /// What the level allows, with its source, for the request page and the command line.
    pub fn explain(self) -> &'static str {
        match self {
            Self::Specific => {
                "Verified to a reasonably high degree of certainty (three matching data points and a signed declaration): the specific pieces may be disclosed (11 CCR § 7062(c))."
            }
            Self::Categories => {
                "Verified to a reasonable degree of certainty only: disclose the categories, never specific pieces. Specific pieces need three matching data points and a declaration signed under penalty of perjury (11 CCR § 7062(b)–(c), § 7024)."
            }
            Self::None => {
                "Not verified (fewer than two matching data points): disclose nothing; deny the request as unverifiable, tell the person, and point them to the privacy policy (11 CCR § 7062(b), § 7024)."
            }
        }
    }
}

/// Whether verification levels apply: CCPA requests to know.
pub fn applies(regime: Regime, kind: RequestType) -> bool {
    regime == Regime::CcpaCpra && kind == RequestType::Know
}

/// The level reached by `v` (§ 7062(b)–(c)).
pub fn level(v: KnowVerification) -> KnowLevel {
    if v.data_points >= 3 && v.signed_declaration {
        KnowLevel::Specific
    } else if v.data_points >= 2 {
        KnowLevel::Categories
    } else {
        KnowLevel::None
    }
}

/// Checks a count of data points typed by the officer; the message names the option.
pub fn check_data_points(n: u32) -> Result<u8, String> {
    u8::try_from(n)
        .ok()
        .filter(|n| *n <= MAX_DATA_POINTS)
        .ok_or_else(|| {
            format!(
                "Data points: {n} is more than anyone checks; give how many pieces of information matched (0–{MAX_DATA_POINTS})"
            )
        })
}

/// The paragraph of the identity-request letter for a CCPA request to know: what each level
/// needs and what it allows.
pub const LETTER_PARAGRAPH: &str = "To give you the specific pieces of personal information we hold about you, California law requires us to verify your identity to a reasonably high degree of certainty: please send at least three pieces of information that we can match with our records (for example your email address, your postal address and the number of a recent order), together with a declaration signed under penalty of perjury that you are the person whose information is requested (Cal. Code Regs. tit. 11 § 7062(c)). With two matching pieces of information and no declaration, we can tell you only the categories of information we hold, where it came from, why we use it and to whom we disclose it (§ 7062(b), § 7024).";

#[cfg(test)]
mod tests {
    use super::*;

    /// 11 CCR § 7062(b)–(c): (data points, signed declaration, level).
    #[test]
    fn level_table() {
        for (points, declaration, expected) in [
            (0, false, KnowLevel::None),
            (1, true, KnowLevel::None),
            (2, false, KnowLevel::Categories),
            (2, true, KnowLevel::Categories),
            (3, false, KnowLevel::Categories),
            (3, true, KnowLevel::Specific),
            (5, true, KnowLevel::Specific),
        ] {
            let v = KnowVerification {
                data_points: points,
                signed_declaration: declaration,
            };
            assert_eq!(level(v), expected, "{points} {declaration}");
            assert!(level(v).explain().contains("§ 7062"));
        }
    }

    /// Only CCPA requests to know are tiered.
    #[test]
    fn applies_table() {
        for regime in Regime::ALL {
            for kind in RequestType::for_regime(regime) {
                assert_eq!(
                    applies(regime, kind),
                    regime == Regime::CcpaCpra && kind == RequestType::Know,
                    "{regime:?} {kind:?}"
                );
            }
        }
    }

    #[test]
    fn data_points_table() {
        assert_eq!(check_data_points(0), Ok(0));
        assert_eq!(check_data_points(20), Ok(20));
        for bad in [21, 300, u32::MAX] {
            assert!(check_data_points(bad).is_err_and(|m| m.starts_with("Data points")));
        }
    }

    #[test]
    fn the_letter_names_both_levels() {
        for needle in [
            "three pieces",
            "penalty of perjury",
            "§ 7062(c)",
            "§ 7062(b)",
            "categories",
        ] {
            assert!(LETTER_PARAGRAPH.contains(needle), "{needle}");
        }
    }
}
